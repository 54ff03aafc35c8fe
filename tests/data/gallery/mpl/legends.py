# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../legends.json, figure for figure (same
size, dpi, data and texts): /usr/bin/python3 legends.py OUTDIR [NAME ...]
(compare.sh runs this and shmplot and writes the diff panels)."""
import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()

x = np.linspace(0, 10, 200)
sin = np.sin(x)
cos = np.cos(x)


@figure
def legend_options():
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 4.5), dpi=100)
    a.set_title("ncols=2, title, fontsize small")
    a.plot(x, sin, label="sin")
    for k in range(1, 5):
        a.plot(x, sin + k, label="sin + %d" % k)
    a.legend(loc="lower left", ncols=2, title="five lines", fontsize="small")
    b.set_title("frameon=False, ncol=3, title_fontsize 12")
    b.plot(x, sin, label="sin")
    b.plot(x, cos, label="cos")
    b.plot(x, sin + 1, "--", label="sin + 1")
    b.set_ylim(-1.5, 2.5)
    b.legend(loc="upper center", ncol=3, frameon=False,
             title="a wider title than the rows", title_fontsize=12,
             fontsize=9)
    return fig


@figure
def legend_outside():
    fig, ax = plt.subplots(figsize=(12, 4), dpi=100)
    ax.set_title("bbox_to_anchor=(1.02, 1), loc='upper left'")
    ax.plot(x, sin, label="sin")
    ax.plot(x, cos, label="cos")
    ax.legend(bbox_to_anchor=(1.02, 1), loc="upper left")
    return fig


@figure
def legend_below():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    ax.set_title("bbox_to_anchor=(0.5, -0.15), loc='upper center'")
    ax.set_xlabel("x")
    ax.plot(x, sin, label="sin")
    ax.plot(x, cos, label="cos")
    ax.plot(x, sin + 1, label="sin + 1")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=3)
    return fig


@figure
def label_fonts():
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 4), dpi=100)
    a.set_title("bold italic 14", fontweight="bold", fontstyle="italic",
                fontsize=14)
    a.set_xlabel("xlabel bold", fontweight="bold")
    a.set_ylabel("ylabel italic large", fontstyle="italic", fontsize="large")
    a.plot(x, sin)
    b.set_title("oblique small", fontstyle="oblique", fontsize="small")
    b.set_xlabel("x, 8 pt", fontsize=8)
    b.plot(x, cos, color="C1")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
