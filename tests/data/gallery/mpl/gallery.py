# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../gallery.json, figure for figure (same
size, dpi, data, limits, labels and legend placement), for comparing
shmplot's baselines with matplotlib: /usr/bin/python3 gallery.py OUTDIR
[NAME ...] (compare.sh runs this and shmplot and writes the diff panels).
Where shmplot leaves out a pole segment on purpose (tan_poles, ylim
[-5, 5]), the segment is a NaN here, so the rest can be compared."""
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


x = np.linspace(0, 4 * np.pi, 1000)
t = np.linspace(0.1, 100, 400)


def no_poles(xs, ys, lo, hi):
    """ys with a NaN between the two ends of each segment that jumps from
    beyond one edge of [lo, hi] to beyond the other (tan's poles)."""
    cut = np.nonzero(((ys[:-1] > hi) & (ys[1:] < lo)) |
                     ((ys[:-1] < lo) & (ys[1:] > hi)))[0] + 1
    return np.insert(xs, cut, np.nan), np.insert(ys, cut, np.nan)


@figure
def subplots_sharex():
    fig, axs = plt.subplots(3, 1, figsize=(6.4, 6), dpi=100, sharex=True)
    axs[0].set_title("sin, cos and tan sharing x")
    axs[0].plot(x, np.sin(x), label="sin(x)")
    axs[1].plot(x, np.cos(x), label="cos(x)", color="C1")
    axs[2].plot(*no_poles(x, np.tan(x), -5, 5), label="tan(x)", color="C2")
    axs[2].set_ylim(-5, 5)
    axs[2].set_xlabel("x (rad)")
    for ax in axs:
        ax.set_ylabel("y")
        ax.legend(loc="best")
    return fig


@figure
def log_axes():
    fig, (a, b) = plt.subplots(1, 2, figsize=(6.4, 4.8), dpi=100)
    a.set_title("semilog y")
    a.set_yscale("log")
    a.grid(True)
    a.plot(t, np.exp(t), label="exp(t)")
    b.set_title("log-log")
    b.set_xscale("log")
    b.set_yscale("log")
    b.grid(True)
    b.plot(t, t * t, label="t²")
    b.plot(t, t, "--", label="t")
    a.legend(loc="best")
    b.legend(loc="best")
    return fig


@figure
def nan_gaps():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    gy = [1, 3, 2, np.nan, 4, 5, 3, np.nan, np.nan, 2, 1, 2, 3]
    ax.plot(np.arange(13), gy, marker="o", label="with NaN")
    ax.set_title("missing values break the line")
    ax.legend(loc="best")
    return fig


@figure
def tan_poles():
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 3), dpi=100)
    a.set_title("default: no false vertical lines")
    a.plot(*no_poles(x, np.tan(x), -5, 5))
    a.set_ylim(-5, 5)
    b.set_title("pole_segments: true")
    b.plot(x, np.tan(x))
    b.set_ylim(-5, 5)
    return fig


@figure
def legend_positions():
    locs = ["best", "upper right", "upper left", "lower left",
            "lower right", "right", "center left", "best",
            "lower center", "upper center", "center", None]
    titles = ["best", "upper right", "upper left", "lower left",
              "lower right", "right", "center left", "center right",
              "lower center", "upper center", "center", "none"]
    fig, axs = plt.subplots(3, 4, figsize=(14, 9), dpi=100)
    for ax, loc, title in zip(axs.flat, locs, titles):
        ax.set_title(title)
        ax.plot(x, np.sin(x), label="sin(x)")
        ax.plot(x, np.cos(x), "--", label="cos(x)")
        if loc:
            ax.legend(loc=loc)
    return fig


@figure
def styles_markers():
    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
    m = np.linspace(0, 1, 41)
    w = np.sin(m * 6.283185307179586)
    ax.plot(m, w, marker=".", label="solid, point")
    ax.plot(m, w + 2.5, "--", marker="o", label="dashed, circle")
    ax.plot(m, w + 5, ":", marker="s", linewidth=1, label="dotted, square")
    ax.plot(m, w + 7.5, "-.", marker="^", alpha=0.5, linewidth=3,
            label="dash-dot, triangle, α 0.5")
    ax.set_ylim(-1.5, 12.5)
    ax.set_title("line styles and markers")
    ax.legend(loc="best")
    return fig


@figure
def sci_ticks():
    fig, axs = plt.subplots(2, 2, figsize=(10, 6), dpi=100)
    s = np.sin(x)
    axs[0, 0].set_title("tiny: 1e−7 × sin")
    axs[0, 0].plot(x, s * 1e-7)
    axs[0, 1].set_title("huge: 1e9 × sin")
    axs[0, 1].plot(x, s * 1e9)
    axs[1, 0].set_title("offset: 1e5 + 1e−3 sin")
    axs[1, 0].plot(x, s * 0.001 + 100000.0)
    axs[1, 1].set_title("grid on")
    axs[1, 1].grid(True)
    axs[1, 1].plot(x, np.cos(x), color="black", linewidth=0.8)
    return fig


@figure
def utf8_labels():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    ax.set_title("Température moyenne — Αθήνα — Москва — Δt = 5 µs — "
                 "naïve café")
    ax.set_xlabel("temps écoulé depuis le début de la mesure (secondes)")
    ax.set_ylabel("amplitude normalisée ± σ")
    ax.plot(x, np.sin(x), label="signal ✓")
    ax.plot(x, np.cos(x), label="référence ∿")
    ax.legend(loc="best")
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
