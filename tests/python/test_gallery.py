# SPDX-License-Identifier: MIT
"""The matplotlib scripts of the image tests (tests/data/gallery/mpl/*.py,
which draw each gallery figure with matplotlib 3.6 for compare.sh) run
unchanged with shmplot in matplotlib's place (`import matplotlib.pyplot as
plt` gives shmplot, matplotlib.colors and matplotlib.ticker shmplot's),
and every figure comes out byte-identical to shmplot's rendering of the
same figure from its batch spec (tests/data/gallery/NAME.json), whose
pictures the image tests check against matplotlib's. So every plot kind
and axis feature maps matplotlib's arguments as the spec does.

Left out, with the reason: gallery.tan_poles (its matplotlib version cuts
the poles by hand where shmplot leaves them out by itself), fidelity's
extreme_* (they call fig.canvas.draw() to see matplotlib fail), and
mathtext.py (it builds its figures from the JSON, not matplotlib calls)."""
import importlib.util
import os
import sys
import types

import pytest

import shmplot
from conftest import SOURCE_DIR

GALLERY = os.path.join(SOURCE_DIR, "tests", "data", "gallery")
SCRIPTS = ["showcase", "kinds", "bars", "bands", "scatter", "ticks", "axes",
           "images", "texts", "symlog", "gallery", "fidelity", "dates",
           "legends", "marker_styles"]
SKIP = {"tan_poles", "extreme_linear", "extreme_log", "extreme_tiny"}


@pytest.fixture(scope="module")
def as_matplotlib():
    """sys.modules with shmplot standing in for matplotlib."""
    mpl = types.ModuleType("matplotlib")
    mpl.__path__ = []
    mpl.use = lambda *a, **k: None
    mpl.pyplot = shmplot
    mpl.rcParams = shmplot.rcParams
    fake = {"matplotlib": mpl, "matplotlib.pyplot": shmplot,
            "matplotlib.colors": shmplot.colors,
            "matplotlib.ticker": shmplot.ticker}
    saved = {k: sys.modules.get(k) for k in list(fake) + ["mplfigs"]}
    sys.modules.update(fake)
    sys.modules.pop("mplfigs", None)
    sys.path.insert(0, os.path.join(GALLERY, "mpl"))
    yield
    sys.path.remove(os.path.join(GALLERY, "mpl"))
    for k, v in saved.items():
        if v is None:
            sys.modules.pop(k, None)
        else:
            sys.modules[k] = v


@pytest.mark.parametrize("script", SCRIPTS)
def test_matplotlib_script_equals_spec(script, as_matplotlib):
    path = os.path.join(GALLERY, "mpl", script + ".py")
    spec = importlib.util.spec_from_file_location("gallery_" + script, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    want = {r.name: r for r in shmplot.render_spec(
        os.path.join(GALLERY, script + ".json"), check=True)}
    figs = []
    for name, fn in mod.FIGS.items():
        if name in SKIP:
            continue
        fig = fn()
        fig.set_label(name)
        figs.append(fig)
    assert figs
    for r in shmplot.render(figs, check=True):
        assert r.png == want[r.name].png, r.name
