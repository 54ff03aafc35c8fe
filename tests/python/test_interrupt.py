# SPDX-License-Identifier: MIT
"""Ctrl-C in the middle of a batch: render() stops it, every worker is
reaped, and KeyboardInterrupt is raised; the interpreter goes on."""
import os
import signal
import subprocess
import sys
import textwrap
import time

from conftest import children

CHILD = textwrap.dedent("""
    import os, sys
    import numpy as np
    import shmplot
    sys.path.insert(0, %r)
    from conftest import children
    # A long batch: 40 scatters of 300,000 points coloured one by one (each
    # marker drawn), one worker: tens of seconds if nothing stops it.
    rng = np.random.default_rng(1)
    x, y, c = rng.random((3, 300000))
    figs = []
    for i in range(40):
        fig, ax = shmplot.subplots(num="f%%d" %% i)
        ax.scatter(x, y, c=c, s=20)
        figs.append(fig)
    print("rendering", flush=True)
    try:
        shmplot.render(figs, jobs=1)
        print("finished without interruption", flush=True)
    except KeyboardInterrupt:
        print("KeyboardInterrupt children=%%d" %% len(children()),
              flush=True)
    # The interpreter is fine afterwards: a batch renders.
    fig, ax = shmplot.subplots()
    ax.plot([1, 2, 3])
    print("after:", shmplot.render([fig])[0].status, flush=True)
""")


def test_ctrl_c_mid_batch():
    here = os.path.dirname(os.path.abspath(__file__))
    p = subprocess.Popen([sys.executable, "-c", CHILD % here],
                         stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "rendering"
        # Until the batch's workers are running (then it is mid-batch).
        for _ in range(600):
            if children(p.pid):
                break
            time.sleep(0.05)
        assert children(p.pid), "no worker was started"
        time.sleep(0.3)
        os.kill(p.pid, signal.SIGINT)
        out, _ = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    lines = out.splitlines()
    assert lines[0] == "KeyboardInterrupt children=0", out
    assert lines[1] == "after: ok", out
    assert p.returncode == 0
