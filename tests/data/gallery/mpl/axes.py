# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../axes.json, figure for figure (same
size, dpi, data, limits and labels), for comparing shmplot's baselines with
matplotlib: /usr/bin/python3 axes.py OUTDIR [NAME ...]
(compare.sh runs this and shmplot and writes the diff panels)."""
import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()


x = np.linspace(0, 10, 200)
sin = np.sin(x)


@figure
def named_colors():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    for k, c in enumerate(["steelblue", "navy", "0.5", "#ff000080",
                           "tab:olive", "DarkOrange", "g", "rebeccapurple"]):
        ax.plot(x, sin + k, color=c, label=c, linewidth=4)
    ax.axhspan(7.5, 8.5, color="#2e8b5740", label="#2e8b5740")
    ax.legend(loc="upper left")
    return fig


@figure
def line_keys():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    px = np.linspace(0, 10, 11)
    py = np.sin(px)
    ax.plot(px, py, ls="--", lw=1, label="ls -- lw 1")
    ax.plot(px, py + 1, linestyle="dashed", linewidth=3, label="dashed lw 3")
    ax.plot(px, py + 2, ls=":", lw=2, marker="o", ms=4, label="ls : ms 4")
    ax.plot(px, py + 3, linestyle="dashdot", lw=2.5, c="navy",
            label="dashdot c navy")
    ax.plot(px, py + 4, ls="-", marker="s", markersize=10, c="0.3",
            label="markersize 10")
    ax.plot(px, py + 5, ls="None", marker="D", ms=7, c="crimson",
            label="ls None")
    ax.plot(px, py + 6, linewidth=2, linestyle="--", markersize=5,
            marker="^", label="legacy keys")
    ax.axhline(7.5, ls="-.", lw=1.5, c="k")
    ax.legend(loc="lower left")
    return fig


bx = np.arange(1.0, 9.0)
by = np.array([3, 5, 2, 6, 4, 7, 1, 5.0])
ey = np.array([0.5, 0.8, 0.3, 1, 0.6, 0.9, 0.4, 0.7])


@figure
def inverted():
    fig, axs = plt.subplots(2, 2, figsize=(9.6, 7.2), dpi=100)
    a, b, c, d = axs.flat
    a.plot(x, sin)
    a.fill_between(x, sin, 0, alpha=0.3)
    a.set_ylim(1.5, -1.5)
    a.set_title("ylim [1.5, -1.5]")
    b.bar(bx, by, color="skyblue", edgecolor="navy", linewidth=1)
    b.axvline(2.5, color="red")
    b.set_xlim(9, 0)
    b.set_title("xlim [9, 0]: bars")
    c.plot(x, 100 * np.exp(-0.5 * x))
    c.set_yscale("log")
    c.set_ylim(1000, 0.1)
    c.set_title("log y, ylim [1000, 0.1]")
    d.errorbar(bx, by, yerr=ey, capsize=3, marker="o")
    d.axhspan(2, 3, color="orange", alpha=0.3)
    d.set_xlim(9, 0)
    d.set_ylim(9, -1)
    d.set_title("both inverted")
    return fig


@figure
def figure_text():
    fig, axs = plt.subplots(2, 2, figsize=(8, 6), dpi=100)
    a, b, c, d = axs.flat
    a.plot(x, sin)
    a.set_title("sin")
    b.plot(x, np.cos(x), c="C1")
    b.set_title("cos")
    c.plot(x, sin + 1, c="C2")
    c.set_xlabel("x")
    d.plot(x, np.exp(-0.5 * x), c="C3")
    d.set_xlabel("x")
    d.set_ylabel("y")
    fig.suptitle("suptitle: four panels")
    fig.supxlabel("supxlabel: time")
    fig.supylabel("supylabel: signal")
    return fig


@figure
def font_sizes():
    rc = {"font.size": 11, "axes.titlesize": "x-large",
          "axes.labelsize": "small", "xtick.labelsize": 8,
          "ytick.labelsize": "small", "legend.fontsize": "x-small"}
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        ax.plot(x, sin, label="legend x-small")
        ax.plot(x, np.cos(x), label="cos")
        ax.set_title("axes.titlesize x-large")
        ax.set_xlabel("axes.labelsize small")
        ax.set_ylabel("small too")
        ax.legend(loc="upper right")
    return fig


@figure
def margins():
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(12, 4), dpi=100)
    a.plot(x, sin)
    a.margins(0)
    a.set_title("margins 0")
    b.plot(x, sin)
    b.bar(bx, by, alpha=0.5)
    b.margins(0.2, 0.1)
    b.set_title("margins [0.2, 0.1]")
    c.plot(x, 100 * np.exp(-0.5 * x))
    c.set_yscale("log")
    c.margins(0.25)
    c.set_title("log y, margins 0.25")
    return fig


@figure
def aspect():
    fig, (a, b, c) = plt.subplots(1, 3, figsize=(12, 4), dpi=100)
    a.plot(sin, np.cos(x))
    a.set_aspect("equal")
    a.set_title("aspect equal")
    b.plot(x, sin)
    b.set_aspect(2)
    b.set_title("aspect 2")
    c.plot(x, np.exp(-0.5 * x))
    c.set_aspect("equal")
    c.set_title("equal, wide data")
    return fig


@figure
def inverted_twin():
    fig, (b, a) = plt.subplots(1, 2, figsize=(12, 4.8), dpi=100)
    l1, = a.plot(x, sin, label="sin")
    a.set_xlim(10, 0)
    a.set_title("xlim [10, 0], twinx ylim [300, 0.5]")
    t = a.twinx()
    l2, = t.plot(x, 100 * np.exp(-0.5 * x), color="C1", label="decay")
    t.set_yscale("log")
    t.set_ylim(300, 0.5)
    t.set_ylabel("decay (log, inverted)")
    a.legend([l1, l2], ["sin", "decay"], loc="upper left")
    px = np.linspace(0, 10, 11)
    b.scatter(px, np.sin(px), s=120, c="steelblue", edgecolors="navy",
              linewidths=2)
    b.scatter(px, np.sin(px) + 1, s=60, c="#ff000080")
    b.set_ylim(2, -2)
    b.set_title("scatter c and edgecolors by name")
    return fig


@figure
def font_weights():
    rc = {"axes.titleweight": "bold", "axes.labelweight": "semibold",
          "figure.titleweight": "heavy", "figure.labelweight": "bold"}
    with plt.rc_context(rc):
        fig, (a, b) = plt.subplots(1, 2, figsize=(9, 4), dpi=100)
        a.plot(x, sin)
        a.set_title("axes.titleweight bold")
        a.set_xlabel("labelweight semibold")
        a.set_ylabel("sin")
        b.plot(x, np.cos(x), c="C1")
        b.set_title("also bold")
        b.set_xlabel(r"$\alpha$ in bold text")
        fig.suptitle("figure.titleweight heavy")
        fig.supylabel("figure.labelweight")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
