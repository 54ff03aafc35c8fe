# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../bars.json, figure for figure (same size,
dpi, data, limits, labels and legend placement): /usr/bin/python3 bars.py
OUTDIR [NAME ...] (compare.sh runs this and shmplot and writes the diff
panels)."""
import json
import os

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()


bh1 = np.array([3, 5, 2, 4.0])
bh2 = np.array([1, 2, 2.5, 1.5])
bx = np.array([0.5, 1.7, 3.0, 4.2, 5.5])
bw = np.array([0.6, 0.9, 1.1, 0.4, 0.8])
by = np.array([2.0, -1.2, 3.4, np.nan, 1.1])
hy = np.arange(5.0)
hw = np.array([12, 7, 15, 3, 9.0])


@figure
def bars():
    fig, axs = plt.subplots(2, 2, figsize=(9, 7), dpi=100)
    a, b, c, d = axs.flat
    cats = ["apples", "pears", "plums", "figs"]
    a.set_title("stacked, categories")
    a.bar(cats, bh1, label="2019")
    a.bar(cats, bh2, bottom=bh1, label="2020")
    a.legend(loc="upper right")
    b.set_title("barh, edges")
    b.barh(hy, hw, edgecolor="black", label="counts")
    b.barh(hy, 4, left=12, height=0.4, color="C3", edgecolor="C7",
           linewidth=2, alpha=0.7, label="extra")
    b.legend(loc="lower right")
    c.set_title("align edge, widths, NaN")
    c.bar(bx, by, width=bw, align="edge", alpha=0.6, label="edge")
    c.bar(bx, by, width=0.2, color="k", label="center 0.2")
    c.legend(loc="upper right")
    d.set_title("log y")
    d.set_yscale("log")
    d.bar(hy, hw, color="C2", label="log")
    d.legend(loc="upper left")
    return fig

_H = json.loads(open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                   "..", "bars.json")).read())["series"]
ha, hb, hc = (np.array([np.nan if v is None else v
                         for v in _H[k]["values"]], float)
              for k in ("ha", "hb", "hc"))
hedges = np.array([-3, -1, -0.5, 0, 0.5, 1, 3.0])


@figure
def hists():
    fig, axs = plt.subplots(2, 2, figsize=(9, 7), dpi=100)
    a, b, c, d = axs.flat
    a.set_title("bar, step, stepfilled, alpha")
    a.hist(ha, bins=20, alpha=0.5, label="bar")
    a.hist(hb, bins=20, histtype="stepfilled", alpha=0.5, label="stepfilled")
    a.hist(hc, bins=20, histtype="step", label="step")
    a.legend(loc="upper right")
    b.set_title("density, edges, auto")
    b.hist(ha, bins=hedges, density=True, edgecolor="black", label="edges")
    b.hist(hb, bins="auto", density=True, histtype="step", linewidth=2,
           label="auto")
    b.legend(loc="upper left")
    c.set_title("log y")
    c.set_yscale("log")
    c.hist(hc, bins=30, label="exp")
    c.hist(hc, bins="fd", histtype="step", color="k", label="fd")
    c.legend(loc="upper right")
    d.set_title("cumulative, range, sturges")
    d.hist(ha, bins=15, cumulative=True, density=True, range=(-2, 2),
           label="cum density")
    d.hist(ha, bins="sturges", cumulative=-1, density=True, histtype="step",
           label="reverse, sturges")
    d.legend(loc="upper left")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
