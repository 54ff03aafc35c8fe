# SPDX-License-Identifier: MIT
"""shmplot.keys(): a figure's key for incremental batches (issue 22) from
Python: equal figures, equal keys, in any process; any change of a drawn
value, style or format, another key."""
import subprocess
import sys

import numpy as np
import pytest

import shmplot

x = np.linspace(0, 10, 200)


def line(color="C0", y=None, title=None):
    fig, ax = shmplot.subplots(figsize=(4, 3), num="k")
    ax.plot(x, np.sin(x) if y is None else y, color=color, label="sin")
    if title:
        ax.set_title(title)
    return fig


def key(fig, fmt="png"):
    (k,) = shmplot.keys([fig], format=fmt)
    assert len(k) == 32 and int(k, 16) >= 0
    return k


def test_equal_figures_equal_keys():
    assert key(line()) == key(line())
    # the same values in another array object
    assert key(line(y=np.sin(x).copy())) == key(line())


def test_what_changes_the_key():
    base = key(line())
    y = np.sin(x)
    y[100] = np.nextafter(y[100], 2)  # one value, one ulp
    changed = {
        "colour": key(line(color="C1")),
        "one value": key(line(y=y)),
        "title": key(line(title="t")),
        "svg": key(line(), "svg"),
        "pdf": key(line(), "pdf"),
    }
    for what, k in changed.items():
        assert k != base, what
    assert len(set(changed.values())) == len(changed)


def test_keys_in_batch_order_and_errors():
    a, b = line(), line(color="C2")
    b.set_label("other")
    assert shmplot.keys([a, b]) == [key(a), key(b)]
    with pytest.raises(shmplot.Error, match="format"):
        shmplot.keys([a], format="jpeg")


def test_same_key_in_another_process():
    """Keys are stored between runs: another interpreter computes the
    same key for the same figure (nothing of the process, its addresses
    or its time is in it)."""
    code = ("import numpy as np, shmplot\n"
            "x = np.linspace(0, 10, 200)\n"
            "fig, ax = shmplot.subplots(figsize=(4, 3), num='k')\n"
            "ax.plot(x, np.sin(x), color='C0', label='sin')\n"
            "print(shmplot.keys([fig])[0])\n")
    got = subprocess.run([sys.executable, "-c", code], check=True,
                         capture_output=True, text=True).stdout.strip()
    assert got == key(line())
