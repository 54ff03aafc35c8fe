# SPDX-License-Identifier: MIT
"""A process with OpenBLAS threads: numpy linked with libopenblas0-pthread
(the README's set-up installs it; pip's numpy wheels bundle the same) starts
BLAS threads when it is imported. Rendering there, with the BLAS threads
busy on matrix products in another Python thread, gives the same bytes as a
process with one thread, and leaves no worker behind."""
import hashlib
import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import os, sys, threading, hashlib
    import numpy as np
    sys.path.insert(0, %r)
    import shmplot
    from conftest import seed_figures, children

    threads = len(os.listdir("/proc/self/task"))
    blas = [l.split()[-1] for l in open("/proc/self/maps") if "openblas" in l]
    print("threads", threads, "openblas", bool(blas), flush=True)

    stop = threading.Event()
    products = [0]
    def matmul():
        a = np.full((300, 300), 0.5)
        while not stop.is_set():
            b = a @ a           # OpenBLAS's threads at work, the GIL free
            assert b[0, 0] == 75.0
            products[0] += 1
    t = threading.Thread(target=matmul)
    t.start()
    try:
        got = set()
        for _ in range(20):
            res = shmplot.render(seed_figures(), check=True)
            got.add(tuple(hashlib.sha256(r.png).hexdigest() for r in res))
    finally:
        stop.set()
        t.join()
    shmplot.close_workers()
    print("products", products[0] > 0, flush=True)
    print("children", len(children()), flush=True)
    for h in sorted(got):
        print("png", *h, flush=True)
""")


def run(here, blas_threads):
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(blas_threads))
    out = subprocess.run([sys.executable, "-c", CHILD % here], env=env,
                         capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_render_beside_openblas_threads():
    here = os.path.dirname(os.path.abspath(__file__))
    one = run(here, 1)
    four = run(here, 4)
    # With one BLAS thread the process has one thread (workers are forked);
    # asked for four, OpenBLAS starts one a CPU (it caps them there) from
    # `import numpy` on (workers are spawned). Both must use OpenBLAS, or
    # this proves nothing.
    assert one[0] == "threads 1 openblas True", one
    assert four[0].startswith("threads ") and four[0].endswith(
        " openblas True"), four
    assert int(four[0].split()[1]) >= 2, four
    for lines in (one, four):
        assert lines[1] == "products True", lines
        assert lines[2] == "children 0", lines
        assert len(lines) == 4, lines  # every batch gave the same bytes
    assert one[3] == four[3]
    # ... and the bytes a plain batch in this process gives.
    from conftest import seed_figures
    import shmplot
    want = [hashlib.sha256(r.png).hexdigest()
            for r in shmplot.render(seed_figures(), check=True)]
    assert four[3] == "png " + " ".join(want)
