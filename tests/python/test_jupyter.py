# SPDX-License-Identifier: MIT
"""shmplot in a Jupyter kernel (ipykernel, driven by jupyter_client as a
notebook front end drives it): a cell renders the seed batch with the same
bytes as this process; "Interrupt kernel" in the middle of a long batch
raises KeyboardInterrupt in the cell with every worker reaped, and the
kernel renders again afterwards."""
import hashlib
import os
import time

import pytest
from jupyter_client.manager import start_new_kernel

from conftest import children, seed_figures

HERE = os.path.dirname(os.path.abspath(__file__))

SEED_CELL = """
import sys, hashlib
sys.path.insert(0, %r)
import shmplot
from conftest import seed_figures, children
res = shmplot.render(seed_figures(), check=True)
print("png", *[hashlib.sha256(r.png).hexdigest() for r in res])
""" % HERE

# A long batch: 40 scatters of 300,000 points coloured one by one, one
# worker: tens of seconds if nothing stops it.
LONG_CELL = """
import numpy as np
rng = np.random.default_rng(1)
x, y, c = rng.random((3, 300000))
figs = []
for i in range(40):
    fig, ax = shmplot.subplots(num="f%d" % i)
    ax.scatter(x, y, c=c, s=20)
    figs.append(fig)
print("rendering", flush=True)
shmplot.render(figs, jobs=1)
print("finished without interruption")
"""

AFTER_CELL = """
print("children", len(children()))
fig, ax = shmplot.subplots()
ax.plot([1, 2, 3])
print("after:", shmplot.render([fig])[0].status)
"""


def run_cell(kc, code, timeout=120):
    """Runs code in the kernel; returns (reply content, stdout text)."""
    out = []

    def hook(msg):
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            out.append(msg["content"]["text"])

    reply = kc.execute_interactive(code, timeout=timeout, output_hook=hook)
    return reply["content"], "".join(out)


@pytest.fixture
def kernel():
    km, kc = start_new_kernel(startup_timeout=60, kernel_name="python3",
                              env=dict(os.environ))
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_seed_batch_in_a_kernel(kernel):
    km, kc = kernel
    import shmplot
    want = [hashlib.sha256(r.png).hexdigest()
            for r in shmplot.render(seed_figures(), check=True)]
    reply, out = run_cell(kc, SEED_CELL)
    assert reply["status"] == "ok", reply
    assert out.split() == ["png"] + want


def test_interrupt_kernel_mid_batch(kernel):
    km, kc = kernel
    reply, _ = run_cell(kc, SEED_CELL)
    assert reply["status"] == "ok", reply
    pid = km.provisioner.process.pid
    # stop_on_error=False: the kernel does not abort the cells queued behind
    # a failed one (the next cell would come back "aborted" under load).
    kc.execute(LONG_CELL, stop_on_error=False)
    # Until the long batch's worker runs (the seed cell's kept workers are
    # there too: wait for the scatter batch to have begun).
    deadline = time.monotonic() + 60
    started = False
    while time.monotonic() < deadline and not started:
        msg = kc.get_iopub_msg(timeout=60)
        started = (msg["msg_type"] == "stream"
                   and "rendering" in msg["content"]["text"])
    assert started, "the long cell did not start"
    for _ in range(600):
        if children(pid):
            break
        time.sleep(0.05)
    assert children(pid), "no worker was started"
    time.sleep(0.5)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=120)["content"]
    assert reply["status"] == "error", reply
    assert reply["ename"] == "KeyboardInterrupt", reply
    reply, out = run_cell(kc, AFTER_CELL)
    assert reply["status"] == "ok", reply
    assert out.splitlines() == ["children 0", "after: ok"], out
