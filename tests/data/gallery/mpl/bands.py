# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../bands.json, figure for figure (same size,
dpi, data, limits, labels and legend placement): /usr/bin/python3 bands.py
OUTDIR [NAME ...] (compare.sh runs this and shmplot and writes the diff
panels)."""

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()


ex = np.arange(1, 9.0)
ey = np.array([2.1, 3.3, 2.8, 4.6, 4.1, 5.5, 5.0, 6.3])
ey2 = np.array([1.0, 1.6, 1.3, 2.2, np.nan, 2.9, 2.4, 3.1])
eerr = np.array([0.3, 0.5, 0.2, 0.6, 0.4, 0.7, 0.3, 0.5])
elo = np.array([0.2, 0.3, 0.1, 0.4, 0.2, 0.5, 0.2, 0.3])
ehi = np.array([0.6, 0.9, 0.5, 1.2, 0.8, 1.1, 0.7, 1.0])
exerr = np.array([0.2, 0.4, 0.3, 0.25, 0.35, 0.15, 0.45, 0.3])
ly = np.array([3, 12, 40, 90, 250, 600, 1500, 4000.0])
lerr = np.array([1, 5, 10, 40, 100, 300, 500, 2000.0])


@figure
def errorbars():
    fig, axs = plt.subplots(2, 2, figsize=(8, 8), dpi=100)
    a, b, c, d = axs.flat
    a.set_title("symmetric")
    a.errorbar(ex, ey, yerr=0.4, label="yerr=0.4")
    a.errorbar(ex, ey2, yerr=eerr, fmt="o", capsize=3,
               label="fmt o, capsize 3")
    a.legend(loc="upper left")
    b.set_title("asymmetric")
    b.errorbar(ex, ey, yerr=[elo, ehi], fmt="s--", capsize=5, ecolor="black",
               elinewidth=1, markersize=4, label="[lo, hi]")
    b.legend(loc="lower right")
    c.set_title("xerr and caps")
    c.errorbar(ex, ey, xerr=exerr, yerr=0.3, fmt="D", capsize=4, capthick=2,
               color="C2", label="xerr, capthick 2")
    c.legend(loc="upper left")
    d.set_title("log y, bars only")
    d.set_yscale("log")
    d.errorbar(ex, ly, yerr=lerr, fmt="none", capsize=2, label="fmt none")
    d.errorbar(ex, ly, xerr=0.3, fmt="-", color="C3", alpha=0.6,
               label="xerr 0.3")
    d.legend(loc="upper left")
    return fig


@figure
def bands():
    fig, axs = plt.subplots(2, 2, figsize=(8, 8), dpi=100)
    a, b, c, d = axs.flat
    bx = np.linspace(0, 4 * np.pi, 120)
    bs = np.sin(bx)
    a.set_title("where, interpolate")
    a.plot(bx, bs, color="black", linewidth=1)
    a.fill_between(bx, bs, where=np.ceil(bs) != 0, interpolate=True,
                   alpha=0.5, label="sin > 0")
    a.fill_between(bx, bs, 0, where=-np.floor(bs) != 0, interpolate=True,
                   facecolor="C3", alpha=0.5, label="sin < 0")
    a.legend(loc="upper right")
    cx = np.linspace(0, 10, 60)
    cmean = np.sin(cx) * 2 + cx * 0.2
    cw = cx * 0.06 + 0.3
    b.set_title("confidence band")
    b.fill_between(cx, cmean - cw, cmean + cw, color="C0", alpha=0.3,
                   label="band")
    b.plot(cx, cmean, label="mean")
    b.legend(loc="upper left")
    lx = np.linspace(0, 10, 40)
    lhi = np.exp(lx * 0.8)
    lhi[20] = np.nan
    llo = np.exp(lx * 0.4)
    c.set_title("log y, NaN splits")
    c.set_yscale("log")
    c.fill_between(lx, lhi, llo, facecolor="#9ecae1", edgecolor="#08519c",
                   linewidth=1.5, label="between")
    c.fill_between(lx, llo, 1, alpha=0.6, label="to 1")
    c.legend(loc="upper left")
    sy = np.linspace(0, 6, 13)
    sk = np.arange(9.0)
    sv = np.array([1, 3, 2, 4, 3, 5, 2, 3, 1.0])
    d.set_title("fill_betweenx, step")
    d.fill_betweenx(sy, np.sin(sy) + 2, 0.5, alpha=0.4, label="betweenx")
    d.fill_between(sk, sv, step="mid", alpha=0.5, label="step mid")
    d.fill_between(sk, sv, 5.5, step="pre", color="C4", alpha=0.3,
                   label="step pre")
    d.legend(loc="lower right")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
