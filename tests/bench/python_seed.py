#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Benchmarks of the Python package against matplotlib, medians of
interleaved runs in one invocation (README "From Python"):

 1. the seed job in-process, from "data ready" (numpy arrays computed in
    the parent) to "all PNG buffers and pixel arrays in the parent":
    shmplot (figures recorded, render(pixels=True)) against
    ../shared/peers/mpl_seed.py (a fork pool of 3 drawing with Agg), at
    1,000 and 1,000,000 points;
 2. 100 seed batches in a loop, per batch: on the workers render()
    keeps between calls (the default), and with start_method="spawn"
    (each batch its own workers, as before they were kept);
 3. `import shmplot`: -X importtime's cumulative figure, and the wall time
    of `python3 -c "import shmplot"` minus `python3 -c pass`.

    PYTHONPATH=build/python nice /usr/bin/python3 tests/bench/python_seed.py \\
        [RUNS] [MPL_SEED]
"""
import os
import re
import statistics
import subprocess
import sys
import time

import numpy as np

import shmplot

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
PEER = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared",
    "peers", "mpl_seed.py")
if not os.path.exists(PEER):
    PEER = "/work/shared/peers/mpl_seed.py"


def seed_job(x, s, c, t, start_method="warm"):
    figs = []
    for i in range(3):
        fig, ax = shmplot.subplots(figsize=(12, 3), num="figure%d" % (i + 1))
        if i != 1:
            ax.plot(x, s, label="sin(x)")
            ax.plot(x, c, label="cos(x)")
        if i != 0:
            ax.plot(x, t, label="tan(x)")
            ax.set_ylim(-5, 5)
        ax.legend()
        figs.append(fig)
    res = shmplot.render(figs, pixels=True, check=True,
                         start_method=start_method)
    return [r.png for r in res], [r.pixels for r in res]


def shmplot_seed(n):
    x = np.linspace(0, 4 * np.pi, n)
    s, c, t = np.sin(x), np.cos(x), np.tan(x)
    t0 = time.perf_counter()
    seed_job(x, s, c, t)
    return time.perf_counter() - t0


def mpl_seed(n):
    out = subprocess.run([sys.executable, PEER, str(n), "", "1"],
                         check=True, capture_output=True, text=True).stdout
    return float(re.search(r"best_s=([0-9.]+)", out).group(1))


def ms(v):
    return "%.2f ms" % (v * 1e3)


def main():
    shmplot_seed(1000)  # the font, the page cache
    for n in (1000, 1000000):
        a, b = [], []
        for _ in range(RUNS):
            a.append(shmplot_seed(n))
            b.append(mpl_seed(n))
        ma, mb = statistics.median(a), statistics.median(b)
        print("seed job n=%d: shmplot %s, matplotlib %s (medians of %d "
              "interleaved runs): 1/%.0f" % (n, ms(ma), ms(mb), RUNS,
                                              mb / ma))
    x = np.linspace(0, 4 * np.pi, 1000)
    s, c, t = np.sin(x), np.cos(x), np.tan(x)
    per = {"warm": [], "spawn": []}
    for _ in range(RUNS):
        for method in per:
            t0 = time.perf_counter()
            for _ in range(100):
                seed_job(x, s, c, t, method)
            per[method].append((time.perf_counter() - t0) / 100)
    print("100 seed batches in a loop, n=1000: %s a batch on kept workers, "
          "%s with start_method=\"spawn\" (medians of %d interleaved loops)"
          % (ms(statistics.median(per["warm"])),
             ms(statistics.median(per["spawn"])), RUNS))
    env = dict(os.environ)
    imp, wall, bare = [], [], []
    for _ in range(RUNS * 3):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c",
                              "import shmplot"], env=env, check=True,
                             capture_output=True, text=True).stderr
        line = [ln for ln in err.splitlines() if ln.endswith("| shmplot")]
        imp.append(int(line[-1].split("|")[1]) / 1e6)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import shmplot"], env=env,
                       check=True)
        wall.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
        bare.append(time.perf_counter() - t0)
    print("import shmplot: %s (-X importtime, cumulative), %s wall over a "
          "bare interpreter's %s (medians of %d)"
          % (ms(statistics.median(imp)),
             ms(statistics.median(wall) - statistics.median(bare)),
             ms(statistics.median(bare)), RUNS * 3))


if __name__ == "__main__":
    main()
