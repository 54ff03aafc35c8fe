# SPDX-License-Identifier: MIT
"""1,000 renders in a loop leave no /dev/shm entry, no child process but
the workers kept between renders (the same ones throughout, none once
close_workers() reaps them) and no descriptor behind; so do failing
figures, Data segments and specs."""
import gc
import os

import numpy as np

import shmplot
from conftest import children


def shm_entries():
    """Ours: the library names a segment /shmplot-PID-... for the moment
    between creating and unlinking it (other programs share /dev/shm)."""
    mine = "shmplot-%d-" % os.getpid()
    return {e for e in os.listdir("/dev/shm") if e.startswith(mine)}


def fds():
    # A figure and its axes refer to each other (as matplotlib's do): the
    # cycle collector frees them, and a Data whose arrays they held.
    gc.collect()
    return len(os.listdir("/proc/self/fd"))


def test_thousand_renders_leave_nothing():
    x = np.linspace(0, 1, 100)
    fig, ax = shmplot.subplots(figsize=(2, 1.5), dpi=50)
    ax.plot(x, x * x, label="x^2")
    ax.legend()
    bad, bax = shmplot.subplots(figsize=(2, 1.5), dpi=50, num="bad")
    bax.plot(x, x[:50])                          # lengths differ: fails
    shmplot.render([fig, bad], jobs=2)           # warm-up (caches, imports)
    shm0, fd0, kept = shm_entries(), fds(), sorted(children())
    assert len(kept) == 2
    for i in range(1000):
        res = shmplot.render([fig, bad] if i % 10 == 0 else [fig], jobs=2)
        assert res[0].ok
        if i % 10 == 0:
            assert res[1].status == "error"
        if i % 100 == 0:
            d = shmplot.Data(100)
            y = d.alloc("y", 100)
            y[:] = x
            d.seal()
            f2, a2 = shmplot.subplots(figsize=(2, 1.5), dpi=50)
            a2.plot(y)
            assert shmplot.render(f2)[0].ok
            del d, y, f2, a2
    assert sorted(children()) == kept
    assert shm0 == set() and shm_entries() == set()
    assert fds() == fd0
    shmplot.close_workers()
    assert children() == []
    # their sockets and pidfds, and the segment kept for the next batch
    assert fds() == fd0 - 2 * len(kept) - 1


def test_render_spec_with_arrays_leaves_nothing():
    shmplot.close_workers()
    fd0 = fds()
    spec = {"shmplot": 1, "series": {},
            "figures": [{"name": "s", "lines": [{"x": "x", "y": "y"}]}]}
    x = np.linspace(0, 1, 50)
    for _ in range(50):
        res = shmplot.render_spec(spec, arrays={"x": x, "y": x ** 2},
                                  check=True)
        assert res[0].ok
    shmplot.close_workers()
    assert fds() == fd0 and children() == []


def pixel_fds():
    """Descriptors of pixel buffers (memfds named shmplot-pixels)."""
    gc.collect()
    n = 0
    for e in os.listdir("/proc/self/fd"):
        try:
            n += "memfd:shmplot-pixels" in os.readlink("/proc/self/fd/" + e)
        except OSError:
            pass                                 # the listing's own
    return n


def test_pixels_in_a_loop_hold_at_most_four_buffers():
    """The kept workers' renderer reuses pixel buffers: it keeps two whose
    results were freed and lends two with their descriptors; arrays kept
    from many batches hold no descriptor beyond those (shmplot.h)."""
    shmplot.close_workers()
    fd0 = fds()
    x = np.linspace(0, 1, 100)
    fig, ax = shmplot.subplots(figsize=(2, 1.5), dpi=50)
    ax.plot(x, x * x)
    first = shmplot.render([fig], jobs=2, pixels=True)[0].pixels
    held, most = [], 0
    for i in range(300):
        px = shmplot.render([fig], jobs=2, pixels=True)[0].pixels
        assert np.array_equal(px, first)
        if i % 30 == 0:
            held.append(px)                      # 10 batches' arrays live
        del px
        most = max(most, pixel_fds())
    assert most <= 4
    assert all(np.array_equal(p, first) for p in held)
    del held, first
    assert pixel_fds() == 2                      # the two kept
    shmplot.close_workers()
    assert pixel_fds() == 0
    assert fds() == fd0 and children() == []
