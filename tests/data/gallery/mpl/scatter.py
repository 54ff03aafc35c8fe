# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../scatter.json, figure for figure (same size,
dpi, data, limits, labels and legend placement): /usr/bin/python3 scatter.py
OUTDIR [NAME ...] (compare.sh runs this and shmplot and writes the diff
panels)."""
import json
import os

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import LogNorm  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()


_S = json.loads(open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                   "..", "scatter.json")).read())["series"]
D = {k: np.array([np.nan if v is None else v for v in _S[k]["values"]], float)
     for k in _S}


@figure
def scatter_colorbar():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    ax.set_title("scatter, c and s, colorbar")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    sc = ax.scatter(D["x"], D["y"], c=D["c"], s=D["s"])
    fig.colorbar(sc, ax=ax, label="x² + y²")
    return fig


@figure
def scatters():
    fig, axs = plt.subplots(2, 2, figsize=(9, 7), dpi=100)
    a, b, c, d = axs.flat
    a.set_title("log norm, plasma")
    sc = a.scatter(D["lx"], D["ly"], c=D["lc"], norm=LogNorm(), cmap="plasma")
    fig.colorbar(sc, ax=a, label="c (log)")
    b.set_title("RdBu_r, vmin/vmax, squares, edges")
    sc = b.scatter(D["x"], D["y"], c=D["y"], cmap="RdBu_r", vmin=-2, vmax=2,
                   marker="s", s=49, alpha=0.7, edgecolors="black",
                   linewidths=0.5)
    fig.colorbar(sc, ax=b)
    c.set_title("one colour each, legend")
    c.scatter(D["ux"], D["uy"], label="first")
    c.scatter(D["vx"], D["vy"], marker="^", s=64, color="C3", alpha=0.5,
              label="second")
    c.scatter(D["uy"], D["vx"], marker="x", s=25, color="k", label="third")
    c.legend(loc="upper right")
    d.set_title("log x, NaN in c, cividis")
    d.set_xscale("log")
    sc = d.scatter(D["gx"], D["gy"], c=D["gc"], cmap="cividis", s=20)
    fig.colorbar(sc, ax=d, label="gc")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
