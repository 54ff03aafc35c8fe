# SPDX-License-Identifier: MIT
"""Workers kept between render() calls (start_method="warm", the
default): one set per process, reused, replaced when one dies, never
shared with a forked child, not waited for by a second thread, reaped by
close_workers() and at exit. Only the main thread renders on them (workers
die with the thread that started them); other threads get their own for
each batch."""
import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np

import shmplot
from conftest import children, seed_figures, seed_figures_of

_shmplot = shmplot._render.lib()


def small(name="s", n=100):
    x = np.linspace(0, 1, n)
    fig, ax = shmplot.subplots(figsize=(2, 1.5), dpi=50, num=name)
    ax.plot(x, x * x)
    return fig


def wait_dead(pid):
    for _ in range(500):
        try:
            with open("/proc/%d/stat" % pid) as f:
                stat = f.read()
        except OSError:
            return True
        if stat[stat.rindex(")") + 2] == "Z":
            return True
        time.sleep(0.01)
    return False


def test_workers_are_kept_and_reused():
    shmplot.close_workers()
    assert _shmplot.warm_pids() == []
    figs = seed_figures()
    first = [r.png for r in shmplot.render(figs, jobs=2, check=True)]
    kept = sorted(_shmplot.warm_pids())
    assert len(kept) == 2 and sorted(children()) == kept
    for _ in range(5):
        again = [r.png for r in shmplot.render(figs, jobs=2, check=True)]
        assert again == first
        assert sorted(_shmplot.warm_pids()) == kept
    # the same bytes as workers started for the batch alone
    cold = shmplot.render(figs, jobs=2, check=True, start_method="spawn")
    assert [r.png for r in cold] == first
    assert sorted(children()) == kept
    shmplot.close_workers()
    assert children() == [] and _shmplot.warm_pids() == []


def test_worker_killed_between_renders_is_replaced():
    shmplot.close_workers()
    figs = [small("a"), small("b")]
    shmplot.render(figs, jobs=2, check=True)
    kept = _shmplot.warm_pids()
    assert len(kept) == 2
    os.kill(kept[0], signal.SIGKILL)
    assert wait_dead(kept[0])
    res = shmplot.render(figs, jobs=2, check=True)    # no figure lost
    assert all(r.ok for r in res)
    now = _shmplot.warm_pids()
    assert kept[0] not in now and kept[1] in now and len(now) == 2
    assert sorted(children()) == sorted(now)          # the dead one reaped
    shmplot.close_workers()


def test_fork_child_uses_its_own_workers():
    shmplot.close_workers()
    figs = [small("a"), small("b")]
    ref = [r.png for r in shmplot.render(figs, jobs=2, check=True)]
    kept = sorted(_shmplot.warm_pids())
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(r)
            res = shmplot.render(figs, jobs=2, check=True)
            mine = sorted(_shmplot.warm_pids())
            ok = ([x.png for x in res] == ref and len(mine) == 2 and
                  not set(mine) & set(kept) and
                  sorted(children()) == mine)
            shmplot.close_workers()
            ok = ok and children() == []
            os.write(w, b"ok" if ok else b"bad")
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    got = os.read(r, 16)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    assert status == 0 and got == b"ok"
    # the parent's workers were left alone and still serve
    assert sorted(_shmplot.warm_pids()) == kept
    assert [x.png for x in shmplot.render(figs, jobs=2)] == ref
    assert sorted(_shmplot.warm_pids()) == kept
    shmplot.close_workers()


def test_other_threads_do_not_wait():
    """Other threads render on workers of their own batch, while the main
    thread keeps its set; all get the same bytes."""
    shmplot.close_workers()
    figs = seed_figures()
    ref = [r.png for r in shmplot.render(figs, check=True)]
    kept = sorted(_shmplot.warm_pids())
    out, errors = [], []

    def worker():
        try:
            for _ in range(5):
                out.append([r.png for r in
                            shmplot.render(seed_figures(), check=True)])
        except BaseException as e:   # reported below
            errors.append(e)

    ts = [threading.Thread(target=worker) for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert errors == []
    assert len(out) == 15 and all(o == ref for o in out)
    assert sorted(_shmplot.warm_pids()) == kept
    assert sorted(children()) == kept
    shmplot.close_workers()


def test_workers_end_with_the_process():
    """A script that renders and exits without close_workers(): its
    workers are reaped at exit (none is left, not even reparented)."""
    code = ("import shmplot, numpy as np, sys\n"
            "from conftest import seed_figures\n"
            "shmplot.render(seed_figures(), check=True)\n"
            "print(' '.join(map(str, shmplot._render.lib().warm_pids())))\n")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.dirname(__file__), env.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout
    pids = [int(p) for p in out.split()]
    assert pids
    for p in pids:
        assert wait_dead(p)


def test_start_methods_leave_no_worker():
    shmplot.close_workers()
    for method in ("spawn", "fork"):
        assert shmplot.render([small()], start_method=method)[0].ok
        assert children() == []


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def test_pixels_outlive_their_results():
    """Pixels are handed over without a copy: each array keeps the batch's
    results alive, is writable, equals the decoded PNG's pixels (checked
    against spawn's, which test_api compares with the PNG), and 200
    batches of them free their memory (4.3 MB each)."""
    import gc
    figs = seed_figures()
    ref = [r.pixels.copy() for r in
           shmplot.render(figs, pixels=True, start_method="spawn")]
    res = shmplot.render(figs, pixels=True, check=True)
    pix = [r.pixels for r in res]
    del res
    gc.collect()
    for p, q in zip(pix, ref):
        assert p.shape == (300, 1200, 4) and p.dtype == np.uint8
        assert (p == q).all()
    pix[0][0, 0] = (1, 2, 3, 4)                 # the caller's memory now
    assert tuple(pix[0][0, 0]) == (1, 2, 3, 4)
    del pix
    gc.collect()
    before = rss_mb()
    for _ in range(200):
        [r.pixels.sum() for r in shmplot.render(figs, pixels=True)]
    gc.collect()
    assert rss_mb() - before < 100


def test_thread_that_exits_does_not_take_workers_along():
    """Threads that render and exit leave the main thread's kept workers
    alive (a thread's workers die with it: PR_SET_PDEATHSIG)."""
    shmplot.close_workers()
    ref = [r.png for r in shmplot.render(seed_figures(), check=True)]
    kept = sorted(_shmplot.warm_pids())
    for _ in range(3):
        t = threading.Thread(target=shmplot.render, args=(seed_figures(),))
        t.start()
        t.join()
    assert [r.png for r in shmplot.render(seed_figures(), check=True)] == ref
    assert sorted(_shmplot.warm_pids()) == kept
    shmplot.close_workers()


def sockets():
    """Inodes of this process' open sockets."""
    out = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink("/proc/self/fd/" + fd)
        except OSError:
            continue
        if link.startswith("socket:"):
            out.add(link)
    return out


def test_fork_child_lets_the_workers_go():
    """A forked child that never renders keeps no copy of the kept
    workers' sockets (os.register_at_fork), so the parent's workers still
    see EOF when the parent lets them go."""
    shmplot.close_workers()
    before = sockets()
    shmplot.render([small("a"), small("b")], jobs=2, check=True)
    theirs = sockets() - before
    assert len(theirs) == 2
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.write(w, b"ok" if not sockets() & theirs else b"bad")
        os._exit(0)
    os.close(w)
    got = os.read(r, 16)
    os.close(r)
    os.waitpid(pid, 0)
    assert got == b"ok"
    shmplot.close_workers()
    assert children() == []


def segment_maps(pid):
    """The data segments (/dev/shm/shmplot-*) process pid has mapped."""
    with open("/proc/%d/maps" % pid) as f:
        return {ln.split()[5] for ln in f if "/dev/shm/shmplot-" in ln}


def test_reused_segment_shows_each_batch_its_own_data():
    # The main thread's batches copy their arrays into one segment kept
    # from batch to batch, and the kept workers keep their mapping of it:
    # each batch must still draw its own values, as a batch on workers of
    # its own does, whether the segment is filled again or made anew.
    shmplot.close_workers()
    for k, n in enumerate((1000, 1000, 700, 1000, 200000, 1000)):
        x = np.linspace(0, (2 + k) * np.pi, n)
        figs = seed_figures_of(x, np.sin(x) * (k + 1), np.cos(x), np.tan(x))
        warm = shmplot.render(figs, jobs=2, pixels=True, check=True)
        cold = shmplot.render(figs, jobs=2, pixels=True, check=True,
                              start_method="spawn")
        assert [r.png for r in warm] == [r.png for r in cold]
        assert all((a.pixels == b.pixels).all() for a, b in zip(warm, cold))
    # between batches the kept workers map the one segment kept, no other
    pids = _shmplot.warm_pids()
    assert len(pids) == 2
    assert len(set.union(*(segment_maps(p) for p in pids))) == 1
    shmplot.close_workers()


def test_segment_kept_only_for_the_main_threads_loop():
    # A sealed shmplot.Data is the caller's: no worker keeps it mapped
    # once render() returns, so its memory goes with the Data.
    shmplot.close_workers()
    d = shmplot.Data(1000)
    y = d.alloc("y", 1000)
    y[:] = np.linspace(0, 1, 1000)
    d.seal()
    fig, ax = shmplot.subplots(figsize=(2, 1.5), dpi=50)
    ax.plot(y)
    shmplot.render([fig, small("b")], jobs=2, check=True)   # kept: "b"'s
    kept = {pid: segment_maps(pid) for pid in _shmplot.warm_pids()}
    shmplot.render(fig, jobs=2, check=True)                 # the Data's
    for pid, maps in kept.items():
        assert segment_maps(pid) == maps
    shmplot.close_workers()
