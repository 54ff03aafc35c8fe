# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../fidelity.json, figure for figure (same
size, dpi, data, limits and labels), for comparing shmplot's baselines with
matplotlib: /usr/bin/python3 fidelity.py OUTDIR [NAME ...]
(compare.sh runs this and shmplot and writes the diff panels)."""
import os
import sys

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIGS = {}


def figure(fn):
    FIGS[fn.__name__] = fn
    return fn


def single(w=6.4, h=4.8):
    return plt.subplots(figsize=(w, h), dpi=100)


x = np.linspace(0, 10, 200)


@figure
def pole_threshold():
    fig, ax = single()
    ax.plot(x, np.sin(x), label="sin(x)")
    ax.plot([-1, 11], [0.5, 0.5], label="threshold")
    ax.set_xlim(0, 10)
    ax.set_ylim(-1.5, 1.5)
    ax.set_title("threshold line beyond xlim")
    ax.set_xlabel("x")
    ax.legend()
    return fig


@figure
def pole_ramp():
    fig, ax = single()
    ax.plot(x, np.sin(x), label="sin(x)")
    ax.plot(np.linspace(0, 10, 6), np.linspace(-30, 30, 6), marker="o",
            label="ramp")
    ax.set_xlim(0, 10)
    ax.set_ylim(-1.5, 1.5)
    ax.set_title("coarse ramp through a zoomed ylim")
    ax.set_xlabel("x")
    ax.legend()
    return fig


def scatter(xs, ys):
    fig, ax = single()
    ax.plot(np.load(os.path.join(HERE, "..", xs)),
            np.load(os.path.join(HERE, "..", ys)), linestyle="none",
            marker="o", alpha=0.2)
    ax.set_xlim(-4, 4)
    ax.set_ylim(-4, 4)
    ax.set_title("3000 N(0,1), alpha 0.2")
    return fig


# numpy.random.default_rng(14): x = rng.standard_normal(3000), then y; the
# sorted pair is the same points in the order of x (a stable argsort)
@figure
def scatter3000():
    return scatter("scatter_x.npy", "scatter_y.npy")


@figure
def scatter3000_sorted():
    return scatter("scatter_xs.npy", "scatter_ys.npy")


@figure
def markers():
    fig, ax = single()
    mx = np.array([1.0, 2.004, 3.008, 4.012, 5.016, 6.02, 7.024])
    for y, m in ((7, "s"), (6, "o"), (5, "^"), (4, "D"), (3, "+"), (2, "x")):
        ax.plot(mx, np.full(7, float(y)), linestyle="none", marker=m,
                markersize=8, label=m)
    ax.plot(mx, 1 + 0.005 * np.arange(7), linestyle="none", marker=".",
            markersize=8, label=".")
    ax.set_xlim(0, 8)
    ax.set_ylim(0, 8)
    ax.set_title("8 pt markers at pixel fractions .00 .25 .50 .74 .99 .24 .49")
    ax.legend(loc="upper right")
    return fig


def extremes(cases, size, rows, cols):
    fig, axs = plt.subplots(rows, cols, figsize=size, dpi=100)
    for ax, (title, y, kw) in zip(np.ravel(axs), cases):
        ax.plot(y, marker="o")
        ax.set_title(title)
        if kw.get("log"):
            ax.set_yscale("log")
        if kw.get("ylim"):
            ax.set_ylim(*kw["ylim"])
    fig.canvas.draw()  # matplotlib raises here on the linear cases
    return fig


i40 = np.arange(40)


@figure
def extreme_linear():
    return extremes([
        ("[-1e308, 1e308]", [-1e308, 1e308], {}),
        ("1e308 sin(i/3)", 1e308 * np.sin(i40 / 3), {}),
        ("[1.7e308, 1.79e308]", [1.7e308, 1.79e308], {}),
        ("sin(i/3), ylim ±1e308", np.sin(i40 / 3), {"ylim": (-1e308, 1e308)}),
    ], (10, 7.5), 2, 2)


@figure
def extreme_log():
    return extremes([
        ("[1e308, 1e-308]", [1e308, 1e-308], {"log": 1}),
        ("1e-150 .. 1e150", 10.0 ** (-150 + 300 * i40 / 39), {"log": 1}),
        ("1e-300 .. 1e300", 10.0 ** (-300 + 600 * i40 / 39), {"log": 1}),
        ("1 .. 1e300", 10.0 ** (300 * i40 / 39), {"log": 1}),
    ], (10, 7.5), 2, 2)


@figure
def extreme_tiny():
    return extremes([
        ("1e-290 sin(i/3)", 1e-290 * np.sin(i40 / 3), {}),
        ("1e-310 sin(i/3) (subnormal)", 1e-310 * np.sin(i40 / 3), {}),
    ], (10, 3.75), 1, 2)


@figure
def log_two_ticks():
    # issue 14 item 7: room for two ticks over 11 decades
    fig, ax = single(6.4, 1)
    ax.plot([2000, 1e14])
    ax.set_yscale("log")
    return fig


@figure
def log_narrow():
    # issue 14 item 8: minor ticks labelled within a decade
    fig, (a, b) = plt.subplots(2, 1, figsize=(6.4, 4.8), dpi=100)
    a.set_title("log axes within a decade")
    a.plot([700, 1000])
    a.set_yscale("log")
    b.plot([2.1, 2.9])
    b.set_yscale("log")
    return fig


@figure
def title_offset():
    # issue 14 item 3: the title moves above the y offset text only where
    # they would overlap
    fig, axs = plt.subplots(1, 3, figsize=(12, 4), dpi=100)
    for ax, y, t in ((axs[0], 1e6 + np.sin(x), "offset +1e6"),
                     (axs[1], 1e7 * np.sin(x), "scientific 1e7"),
                     (axs[2], 1e7 * np.sin(x),
                      "a title long enough to run into the 1e7 label")):
        ax.plot(x, y)
        ax.set_title(t)
    return fig


@figure
def log_labels():
    # issue 14 item 5: superscript labels, the x label under them, and
    # values <= 0 on a log y axis (they still widen x)
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4.8), dpi=100)
    t = np.linspace(0.1, 100, 400)
    a.plot(t, t * t)
    a.set_xscale("log")
    a.set_yscale("log")
    a.set_title("log-log")
    a.set_xlabel("x")
    b.plot([-1, 1, 10, 100, 0, 1000], marker="o")
    b.set_yscale("log")
    b.set_title("log y with -1 and 0")
    b.set_xlabel("index")
    return fig


def middle(period, count, keep):
    """The middle keep periods of period * count: centred where the whole
    text is centred (a whole number of periods each side), on the same
    pixels near the figure. matplotlib 3.6 cannot draw the whole text:
    FreeType's raster overflows ("Could not convert glyph to bitmap")
    between 4,000 and 10,000 characters, so the figure it would clip is
    drawn from the part that reaches it."""
    assert (count - keep) % 2 == 0
    return period * keep


@figure
def long_text():
    # issue 14 item 6: a 10,000-character title and a 5,000-character x
    # label keep their size and are clipped by the figure's edge
    fig, ax = single()
    ax.plot(x, np.sin(x))
    ax.set_title(middle("title 10k ", 1000, 400))
    ax.set_xlabel(middle("xlabel 5k ", 500, 300))
    return fig


@figure
def multiline():
    # issue 14 item 6: '\n' starts a new line (linespacing 1.2): lines of
    # a title, x label and y label centred, a legend entry's left-aligned
    # with its handle about their middle; 8 x 6 in leaves matplotlib's
    # default margins room for them
    fig, ax = single(8, 6)
    ax.plot(x, np.sin(x), label="sin(x)")
    ax.plot(x, np.cos(x), label="cos(x)\nsecond line")
    ax.plot(x, 0.5 * np.sin(x), label="sin(x) / 2")
    ax.set_title("a title\non two lines")
    ax.set_xlabel("x label\nline two")
    ax.set_ylabel("y label\nsecond line")
    ax.legend(loc="lower left")
    return fig


@figure
def multiline_subplots():
    # issue 14 item 6: titles of one and two lines in a row share the
    # baseline of their last line
    fig, axs = plt.subplots(1, 3, figsize=(12, 4), dpi=100)
    for ax, y, t in ((axs[0], np.sin(x), "one line"),
                     (axs[1], np.cos(x), "two\nlines"),
                     (axs[2], 0.5 * np.sin(x),
                      "a longer first line\nand a second")):
        ax.plot(x, y)
        ax.set_title(t)
    return fig


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "mpl-out"
    names = [n for n in sys.argv[2:] if n in FIGS] if sys.argv[2:] else list(FIGS)
    os.makedirs(out, exist_ok=True)
    for name in names:
        try:
            fig = FIGS[name]()
        except Exception as e:  # matplotlib itself fails on some figures
            with open(os.path.join(out, name + ".error.txt"), "w") as f:
                f.write(f"{type(e).__name__}: {e}\n")
            continue
        try:
            fig.savefig(os.path.join(out, name + ".png"), dpi=fig.dpi)
        except Exception as e:
            with open(os.path.join(out, name + ".error.txt"), "w") as f:
                f.write(f"{type(e).__name__}: {e}\n")
        plt.close(fig)


if __name__ == "__main__":
    main()
