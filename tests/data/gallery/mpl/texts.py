# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../texts.json, figure for figure (same size,
dpi, data, limits and texts): /usr/bin/python3 texts.py OUTDIR [NAME ...]
(compare.sh runs this and shmplot and writes the diff panels)."""

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()


@figure
def texts():
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 5), dpi=100)
    a.set_title("text")
    a.set_xlim(0, 10)
    a.set_ylim(0, 10)
    a.plot([1, 5, 9, 1, 8, 5, 5.5, 3], [8, 8, 8, 2, 3, 5, 1.5, 6.5], "+",
           color="gray", markersize=10)
    a.text(1, 8, "left baseline")
    a.text(5, 8, "center top", ha="center", va="top", fontsize=12,
           color="C3")
    a.text(9, 8, "right bottom Hg", horizontalalignment="right",
           verticalalignment="bottom")
    a.text(1, 2, "rotated 45", rotation=45)
    a.text(8, 3, "vertical\ntwo lines", rotation=90, ha="center",
           va="center")
    a.text(5, 5, "centre\nthree lines, ha right\nat 5, 5", ha="right",
           va="center", alpha=0.6)
    a.text(5.5, 1.5, "-30 degrees, top", rotation=-30, va="top", fontsize=9)
    a.text(0.02, 0.98, "axes (0.02, 0.98), top", transform=a.transAxes,
           va="top", fontsize=9)
    a.text(1.0, 0.0, "axes corner", transform=a.transAxes, ha="right",
           va="bottom", color="#2ca02c")
    a.text(10.3, 5, "outside", rotation=270, va="center")
    a.text(3, 6.5, "center_baseline", va="center_baseline", fontsize=14)

    tx = np.linspace(0, 10, 200)
    b.set_title("annotate")
    b.set_ylim(-1.5, 1.5)
    b.plot(tx, np.sin(tx))
    b.annotate("-> data", xy=(2, 0.909), xytext=(3.2, 1.3),
               arrowprops=dict(arrowstyle="->"))
    b.annotate("-|> offset points", xy=(4.712, -1), xytext=(-80, 30),
               textcoords="offset points", arrowprops=dict(arrowstyle="-|>"))
    b.annotate("- axes fraction", xy=(0.95, 0.1), xycoords="axes fraction",
               xytext=(0.55, 0.25),
               arrowprops=dict(arrowstyle="-", color="C2", linewidth=2))
    b.annotate("red -|>", xy=(7.85, 1), xytext=(7, 1.35), ha="center",
               arrowprops=dict(arrowstyle="-|>", color="red"))
    b.annotate("big ->", xy=(9.4, 0.03), xytext=(8.2, -1.3), fontsize=16,
               va="bottom", arrowprops=dict(arrowstyle="->", lw=1.5))
    b.annotate("point", xy=(0.5, 0.479))
    b.annotate("hidden: xy outside", xy=(20, 0), xytext=(1, -1),
               arrowprops=dict(arrowstyle="->"))
    b.annotate("top right", xy=(0.98, 0.98), xycoords="axes fraction",
               ha="right", va="top")
    return fig


@figure
def text_math():
    """texts and annotations with mathtext (issue 17 item 1)."""
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 5), dpi=100)
    a.set_title("text with $math$")
    a.set_xlim(0, 10)
    a.set_ylim(0, 10)
    a.plot([0.5, 5.0, 9.5, 0.5, 1.0, 9.0, 5.0, 6.0, 4.0],
           [9.0, 7.5, 9.5, 5.5, 1.0, 4.0, 2.5, 1.0, 9.0], "+", color="gray",
           markersize=10)
    a.text(0.5, 9.0, "$E = mc^2$")
    a.text(5.0, 7.5, r"$\alpha_i = \frac{1}{2}\beta^2$", ha="center",
           va="center", fontsize=14)
    a.text(9.5, 9.5, r"$\sigma = 2.5\,\mathrm{mV}$ (fit)", ha="right",
           va="top")
    a.text(0.5, 5.5, r"$\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}$",
           fontsize=12)
    a.text(1.0, 1.0, r"$\Delta t \approx 3\,\mu\mathrm{s}$", rotation=30)
    a.text(9.0, 4.0, "$10^{-3}$ decay", rotation=90, va="center")
    a.text(5.0, 2.5, "peak\n$x_0 = 4.2 \\pm 0.1$\nplain line", ha="center",
           va="bottom")
    a.text(6.0, 1.0, r"cost: \$5, not math", color="C3")
    a.text(4.0, 9.0, r"$\theta = 45^\circ$, $\lambda_{max}$", rotation=-20,
           va="top", fontsize=9)
    a.text(0.98, 0.02, "$R^2 = 0.98$", ha="right", va="bottom", color="C1",
           transform=a.transAxes)
    tx = np.linspace(0, 8, 200)
    b.set_title("annotate with $math$")
    b.set_ylim(-1.6, 1.6)
    b.plot(tx, np.sin(tx))
    b.annotate(r"$y = \sin(x)$", xy=(1.571, 1.0), xytext=(2.6, 1.3),
               arrowprops=dict(arrowstyle="->"))
    b.annotate(r"$\frac{dy}{dx} = 0$", xy=(4.712, -1.0), xytext=(-90, 20),
               textcoords="offset points", arrowprops=dict(arrowstyle="-|>"))
    b.annotate(r"zero at $x = 2\pi$", xy=(6.283, 0.0), xytext=(6.6, -1.3),
               ha="center", fontsize=12,
               arrowprops=dict(arrowstyle="-", color="C2"))
    b.annotate(r"$\sum_{k=1}^{n} a_k$", xy=(0.05, 0.95),
               xycoords="axes fraction", va="top")
    return fig


@figure
def text_fonts():
    """fontweight and fontstyle of texts (issue 17 item 6)."""
    fig, a = plt.subplots(figsize=(8, 5), dpi=100)
    a.set_title("fontweight, fontstyle")
    a.set_xlim(0, 10)
    a.set_ylim(0, 10)
    a.text(0.5, 9.0, "normal weight")
    a.text(0.5, 8.0, "bold weight", fontweight="bold")
    a.text(0.5, 7.0, "semibold picks Bold", fontweight="semibold")
    a.text(0.5, 6.0, "medium stays Book", fontweight="medium")
    a.text(0.5, 5.0, "italic style", fontstyle="italic")
    a.text(0.5, 4.0, "oblique style", fontstyle="oblique")
    a.text(0.5, 3.0, "bold italic", fontweight="bold", fontstyle="italic",
           fontsize=14)
    a.text(5.5, 9.0, r"bold $\alpha x^2 + \mathdefault{10}$ end",
           fontweight="bold")
    a.text(5.5, 7.5, r"italic $\sigma_{t}\,\mathrm{ms}$ end",
           fontstyle="italic")
    a.text(5.5, 6.0, "bold, rotated 20", fontweight="bold", rotation=20)
    a.text(9.5, 3.5, "bold right\ntwo lines", fontweight="black", ha="right",
           va="center", color="C3")
    a.text(5.5, 1.0, r"$\mathdefault{10^{3}}$ bold", fontweight="bold",
           fontsize=12)
    a.annotate("bold annotation", xy=(2.0, 1.5), xytext=(0.6, 0.6),
               fontweight="bold", arrowprops=dict(arrowstyle="->"))
    return fig


@figure
def cjk_fallback():
    # matplotlib 3.6's font fallback: glyphs DejaVu Sans lacks come from
    # the next family of the list (shmplot's SHMPLOT_FALLBACK_FONTS)
    rc = {"font.family": ["DejaVu Sans", "WenQuanYi Micro Hei"]}
    with plt.rc_context(rc):
        x = np.linspace(0, 10, 200)
        fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
        ax.plot(x, np.sin(x), label="正弦波 sin")
        ax.plot(x, np.cos(x), label="余弦 cos")
        ax.text(1, -0.8, "한국어 테스트 中文", fontsize=12)
        ax.text(5.2, 0.55, "粗体 bold", fontweight="bold")
        ax.set_title("温度の変化 (Temperature)")
        ax.set_xlabel("時間 [秒]")
        ax.set_ylabel("振幅 μV")
        ax.legend(loc="upper right")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
