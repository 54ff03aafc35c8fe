# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../marker_styles.json, figure for figure
(same size, dpi, data, limits and labels), for comparing shmplot's
baselines with matplotlib: /usr/bin/python3 marker_styles.py OUTDIR [NAME ...]
(compare.sh runs this and shmplot and writes the diff panels)."""
import os
import sys

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FIGS = {}


def figure(fn):
    FIGS[fn.__name__] = fn
    return fn


mx = np.arange(5.0)


def rows(ax, spec):
    for i, (m, ms, label) in enumerate(spec):
        kw = {"label": label} if label else {}
        ax.plot(mx, np.full(5, float(i)), marker=m, linestyle="none",
                markersize=ms, **kw)
    ax.set_xlim(-1, 7)
    ax.set_ylim(-1, 11)
    ax.legend(loc="upper right")


@figure
def marker_shapes():
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 4.8), dpi=100)
    rows(a, [("v", 6, "v"), ("^", 10, None), ("<", 10, "<"), (">", 10, None),
             ("*", 12, "*"), ("p", 10, None), ("h", 10, "h"),
             ("H", 10, None), ("d", 10, "d"), ("D", 8, None),
             ("s", 8, None)])
    a.set_title("filled")
    rows(b, [("|", 10, "|"), ("_", 10, None), ("1", 10, "1"), ("2", 10, None),
             ("3", 10, "3"), ("4", 10, None), ("+", 10, "+"), ("x", 10, None),
             ("o", 8, "o"), (".", 10, None), ("1", 4, None)])
    b.set_title("lines")
    return fig


t = np.linspace(0, 9, 10)
y1 = np.array([1, 1.5, 1.2, 1.8, 1.4, 1.9, 1.6, 2.1, 1.7, 2.2])
sx = np.arange(1.0, 9.0)
sy = np.array([2, 4, 3, 5, 4.5, 2.5, 3.5, 3])


@figure
def open_markers():
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 4.8), dpi=100)
    a.plot(t, y1, marker="o", markerfacecolor="none", markersize=9,
           label="mfc none")
    a.plot(t, y1 + 1.5, marker="s", mfc="none", mec="C3", mew=2,
           linestyle="none", label="mec C3, mew 2")
    a.plot(t, y1 + 3, marker="^", mfc="white", mec="k", markersize=8,
           label="mfc white")
    a.plot(t, y1 + 4.5, marker="D", mfc="C2", mec="k", mew=1.5, markevery=3,
           label="markevery 3")
    a.plot(t, y1 + 6, marker="*", markersize=12, markevery=(1, 3),
           label="markevery (1, 3)")
    a.plot(t, y1 + 7.5, marker="o", markevery=[0, 4, 9],
           label="markevery [0, 4, 9]")
    a.plot(t, y1 + 9, marker="+", markersize=10, mew=2, linestyle="none",
           label="+ mew 2")
    a.set_ylim(0, 14)
    a.set_title("plot")
    a.legend(loc="upper left")
    b.scatter(sx, sy, s=80, facecolors="none", edgecolors="C0",
              label="facecolors none")
    b.scatter(sx, sy + 3, s=80, marker="s", facecolors="none",
              edgecolors="k", linewidths=1.5, label="square")
    b.scatter(sx, sy + 6, s=80, marker="h", edgecolors="none", color="C1",
              label="edgecolors none")
    b.set_ylim(0, 12)
    b.set_title("scatter")
    b.legend(loc="upper left")
    return fig


dx = np.linspace(0, 10, 50)
d1 = np.sin(dx)


@figure
def dash_tuples():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    ax.plot(dx, d1, linestyle=(0, (5, 2)), label="(0, (5, 2))")
    ax.plot(dx, d1 + 1.2, linestyle=(5, (10, 3)), linewidth=2,
            label="(5, (10, 3)), lw 2")
    ax.plot(dx, d1 + 2.4, dashes=[2, 2, 6, 2], linewidth=1,
            label="dashes [2, 2, 6, 2]")
    ax.plot(dx, d1 + 3.6, linestyle=(0, (1, 1)), linewidth=3,
            label="(0, (1, 1)), lw 3")
    ax.plot(dx, d1 + 4.8, linestyle="--", label="--")
    ax.plot(dx, d1 + 6, dashes=[8, 4], marker="o", markevery=5,
            label="dashes, markevery 5")
    ax.set_ylim(-1.5, 9.5)
    ax.legend(loc="upper right")
    return fig


@figure
def figure_face():
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 3.6), dpi=100,
                               facecolor="#e8eef4")
    a.plot(dx, d1, linestyle="-")
    a.spines["top"].set_visible(False)
    a.spines["right"].set_visible(False)
    a.set_title("spines top, right hidden")
    b.plot(dx, d1, marker="o", mfc="none", linestyle="-", markevery=4)
    b.spines[["top", "right", "bottom"]].set_visible(False)
    b.set_title("only the left spine")
    return fig


@figure
def clear_background():
    fig, (a, b) = plt.subplots(1, 2, figsize=(8, 3.6), dpi=100,
                               facecolor="none")
    a.set_facecolor("#eaeaf2")
    a.plot(dx, d1, label="line")
    a.plot(dx, d1 + 1.2, marker="o", mfc="none", linestyle="--",
           label="open markers")
    a.set_title("figure none, axes #eaeaf2")
    a.legend(loc="best")
    b.set_facecolor("none")
    b.plot(dx, d1, label="line", alpha=0.5, linewidth=4)
    b.scatter(sx, sy, label="scatter")
    b.set_title("axes none too")
    b.legend(loc="best")
    return fig


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "mpl-out"
    names = [n for n in sys.argv[2:] if n in FIGS] if sys.argv[2:] else list(FIGS)
    os.makedirs(out, exist_ok=True)
    for name in names:
        fig = FIGS[name]()
        fig.savefig(os.path.join(out, name + ".png"), dpi=fig.dpi)
        plt.close(fig)


if __name__ == "__main__":
    main()
