# SPDX-License-Identifier: MIT
"""Rendering from threads, with busy threads, and inside multiprocessing
workers: the same bytes as a plain call (a process with other threads
spawns shmplot-worker instead of forking; the GIL is released while the
workers draw)."""
import multiprocessing
import threading

import numpy as np

import shmplot
from conftest import seed_figures


def pngs(figs):
    return [r.png for r in shmplot.render(figs, check=True)]


def test_four_busy_threads():
    want = pngs(seed_figures())
    stop = threading.Event()
    spins = [0] * 4

    def busy(k):
        a = np.arange(1000.0)
        while not stop.is_set():   # Python and numpy, holding the GIL often
            a = np.sqrt(a + 1.0)
            spins[k] += 1

    ts = [threading.Thread(target=busy, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    try:
        got = [pngs(seed_figures()) for _ in range(3)]
        seen = list(spins)
        pngs(seed_figures())
    finally:
        stop.set()
        for t in ts:
            t.join()
    assert all(g == want for g in got)
    # The busy threads ran while batches were rendering (the GIL was free).
    assert all(s > 0 for s in seen) and spins != seen


def test_render_from_four_threads_at_once():
    want = pngs(seed_figures())
    out = [None] * 4
    errs = []

    def work(k):
        try:
            out[k] = [pngs(seed_figures()) for _ in range(2)]
        except Exception as e:  # reported below, not lost in the thread
            errs.append(e)

    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errs
    assert all(o == [want, want] for o in out)


def _in_worker(k):
    import hashlib

    import shmplot
    from conftest import seed_figures
    res = shmplot.render(seed_figures(), check=True)
    return [hashlib.sha256(r.png).hexdigest() for r in res]


def test_inside_multiprocessing_workers():
    import hashlib
    want = [hashlib.sha256(p).hexdigest() for p in pngs(seed_figures())]
    for method in ("fork", "spawn"):
        ctx = multiprocessing.get_context(method)
        with ctx.Pool(2) as pool:
            got = pool.map(_in_worker, range(4))
        assert got == [want] * 4, method
