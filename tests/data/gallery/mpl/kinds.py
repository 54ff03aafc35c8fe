# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../kinds.json, figure for figure (same
size, dpi, data, limits and labels), for comparing shmplot's baselines with
matplotlib: /usr/bin/python3 kinds.py OUTDIR [NAME ...]
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


x = np.linspace(0, 10, 200)
sx = np.arange(8.0)
sy = np.array([1, 3, 2, 4, 3.5, 1.5, 2.5, 2])


@figure
def ref_lines():
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.8), dpi=100)
    a.plot(x, np.sin(x), label="sin(x)")
    a.axhline(0.5, color="red", linestyle="--", label="axhline 0.5")
    a.axvline(3, ymin=0.1, ymax=0.8, label="axvline 3")
    a.axhspan(-0.5, -0.25, alpha=0.3, label="axhspan")
    a.axvspan(6, 7.5, color="green", alpha=0.3, label="axvspan")
    a.axhline(1.4, xmin=0.25, xmax=0.75, color="k", linewidth=3)
    a.grid(True)
    a.set_title("linear")
    a.legend(loc="lower left")
    b.plot(x, 100 * np.exp(-0.5 * x), label="100 exp(-x/2)")
    b.axhline(10, color="C3", label="10")
    b.axhspan(1, 5, facecolor="C1", alpha=0.4, label="1..5")
    b.axvspan(2, 3, ymin=0.2, ymax=0.6, color="C4", alpha=0.5)
    b.axvline(8, color="k", linestyle=":")
    b.axhspan(-1, 0.2, color="gray", alpha=0.3)
    b.set_yscale("log")
    b.set_title("log y")
    b.legend(loc="upper right")
    return fig


@figure
def steps():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    ax.step(sx, sy, label="pre")
    ax.step(sx, sy + 3, where="post", label="post", marker="o")
    ax.step(sx, sy + 6, where="mid", label="mid")
    ax.plot(sx, sy + 9, drawstyle="steps-post", linestyle="--",
            label="drawstyle")
    ax.legend(loc="upper left")
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
