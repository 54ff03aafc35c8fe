#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The matplotlib peer of the seed job as PDF or SVG (bench --vector).

The seed job of /work/shared/peers/mpl_seed.py, written as vector files:
the parent computes sin/cos/tan over N points, a pool of 3 forked worker
processes each draws one 12 x 3 in figure at 100 dpi and saves it with
savefig(format=FMT) (default rcParams: path simplification on, fonts
embedded as Type 3 in PDF, glyphs as paths in SVG), and the parent writes
the three files. The benchmark times the whole process.
Usage: mpl_seed_vector.py N OUTDIR pdf|svg
"""
import io
import multiprocessing as mp
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

SERIES = None
FMT = "pdf"


def _init(series, fmt):
    global SERIES, FMT
    SERIES = series
    FMT = fmt


def draw(job):
    name, keys, ylim = job
    fig, ax = plt.subplots(figsize=(12, 3), dpi=100)
    x = SERIES["x"]
    for k in keys:
        ax.plot(x, SERIES[k], label=f"{k}(x)")
    if ylim:
        ax.set_ylim(*ylim)
    ax.legend()
    buf = io.BytesIO()
    fig.savefig(buf, format=FMT)
    plt.close(fig)
    return name, buf.getvalue()


JOBS = [("figure1", ["sin", "cos"], None),
        ("figure2", ["tan"], (-5, 5)),
        ("figure3", ["sin", "cos", "tan"], (-5, 5))]


def main():
    n, out, fmt = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    x = np.linspace(0, 4 * np.pi, n)
    series = {"x": x, "sin": np.sin(x), "cos": np.cos(x), "tan": np.tan(x)}
    with mp.get_context("fork").Pool(3, initializer=_init,
                                     initargs=(series, fmt)) as pool:
        res = pool.map(draw, JOBS)
    for name, data in res:
        with open(f"{out}/{name}.{fmt}", "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
