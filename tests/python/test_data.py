# SPDX-License-Identifier: MIT
"""shmplot.Data: arrays over the segment, written in place, read-only after
seal() (a write raises ValueError, never a crash), alive while any array
over them is."""
import gc

import numpy as np
import pytest

import shmplot
from conftest import seed_figures, seed_figures_of


def make(n=1000):
    d = shmplot.Data(4 * n, series=4)
    x = d.alloc("x", n)
    s = d.alloc("sin", n)
    x[:] = np.linspace(0, 4 * np.pi, n)
    np.sin(x, out=s)
    return d, x, s


def test_alloc_is_writable_view_of_zeros():
    d = shmplot.Data(10)
    a = d.alloc("a", 10)
    assert a.shape == (10,) and a.dtype == np.float64
    assert a.flags.writeable and not a.any()
    a[3] = 7
    assert d["a"][3] == 7  # the same memory, read back through the segment
    assert "a" in d and "b" not in d and len(d) == 1


def test_write_after_seal_raises():
    d, x, s = make()
    before = x[:10]           # a slice taken before sealing
    two = d.alloc("img", (2, 3))
    col = two[:, 1]
    d.seal()
    assert d.sealed
    for arr in (x, s, before, two, col, x.reshape(10, 100), x.T):
        with pytest.raises(ValueError):
            arr[0] = 1.0
    with pytest.raises(ValueError):
        x += 1
    with pytest.raises(ValueError):
        np.sin(x, out=x)
    with pytest.raises(ValueError):
        x.flags.writeable = True   # the buffer underneath is read-only
    after = x[5:]                  # views made later are read-only too
    with pytest.raises(ValueError):
        after[0] = 2
    assert x[1] == pytest.approx(4 * np.pi / 999)
    # Results of arithmetic are new memory, writable and not in the segment.
    y = x * 2
    y[0] = 5
    assert y[0] == 5


def test_seal_twice_and_add_after_seal():
    d, x, s = make()
    d.seal()
    d.seal()
    with pytest.raises(shmplot.StateError):
        d.alloc("late", 3)
    with pytest.raises(shmplot.StateError):
        d.add("late", np.zeros(3))


def test_errors_name_the_problem():
    d = shmplot.Data(10, series=2)
    d.alloc("a", 5)
    with pytest.raises(shmplot.InvalidError):
        d.alloc("a", 1)            # the same name twice
    with pytest.raises(shmplot.NoSpaceError):
        d.alloc("b", 6)            # 11 points in a 10-point segment
    with pytest.raises(shmplot.NotFoundError):
        d["nope"]
    with pytest.raises(ValueError):
        d.alloc("c", -1)
    with pytest.raises(ValueError):
        shmplot.Data(-1)


def test_segment_outlives_data_while_a_view_exists():
    d, x, s = make()
    d.seal()
    del d
    gc.collect()
    assert s[250] == pytest.approx(np.sin(x[250]))
    fig, ax = shmplot.subplots(figsize=(4, 3))
    ax.plot(x, s)
    assert shmplot.render([fig], check=True)[0].ok


def test_render_from_data_equals_render_from_copies():
    n = 1000
    d = shmplot.Data(4 * n, series=4)
    x = d.alloc("x", n)
    x[:] = np.linspace(0, 4 * np.pi, n)
    s, c, t = d.alloc("sin", n), d.alloc("cos", n), d.alloc("tan", n)
    np.sin(x, out=s)
    np.cos(x, out=c)
    np.tan(x, out=t)
    d.seal()
    figs = seed_figures_of(x, s, c, t)
    from shmplot._render import _Batch
    b = _Batch()
    [b.figure(f) for f in figs]
    ids, data = b.segment()
    assert data is d._c and ids == [0, 1, 2, 3]   # no copy: the Data itself
    got = [r.png for r in shmplot.render(figs, check=True)]
    want = [r.png for r in shmplot.render(seed_figures(), check=True)]
    assert got == want


def test_unsealed_data_is_copied_not_refused():
    d = shmplot.Data(100)
    y = d.alloc("y", 100)
    y[:] = np.arange(100.0)
    fig, ax = shmplot.subplots()
    ax.plot(y)
    assert shmplot.render([fig], check=True)[0].ok
    y[0] = 1  # still writable: the batch copied it


def test_add_and_image():
    d = shmplot.Data(20)
    img = d.add("img", np.arange(12.0).reshape(3, 4))
    assert img.shape == (3, 4) and img[2, 3] == 11
    d.seal()
    fig, ax = shmplot.subplots(figsize=(3, 3))
    ax.imshow(img)
    assert shmplot.render([fig], check=True)[0].ok
