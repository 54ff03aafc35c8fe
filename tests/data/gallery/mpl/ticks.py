# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../ticks.json, figure for figure (same size,
dpi, data, limits, labels and tick options): /usr/bin/python3 ticks.py
OUTDIR [NAME ...] (compare.sh runs this and shmplot and writes the diff
panels)."""

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FormatStrFormatter  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()


x = np.linspace(0, 10, 200)
s = np.sin(x)
m = np.arange(12.0)
mv = np.array([3.1, 4.0, 6.2, 8.9, 12.5, 15.8, 17.9, 17.4, 14.6, 10.8, 6.6,
               3.9])
p = np.array([0.02, 0.15, 0.33, 0.41, 0.58, 0.64, 0.71, 0.86, 0.93, 0.97,
              0.99, 1.0])
months = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


months = [mo[:3] for mo in months]


def fig1():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    return fig, ax


@figure
def ticks_fixed():
    fig, a = fig1()
    a.set_title("set_xticks, labels, rotation 45 ha right")
    a.plot(m, mv, label="temp")
    a.legend()
    a.set_xticks(m, months)
    plt.setp(a.get_xticklabels(), rotation=45, ha="right")
    a.set_yticks([0, 5, 10, 15, 20])
    return fig


@figure
def ticks_minor():
    fig, b = fig1()
    b.set_title("minor ticks, direction in")
    b.plot(x, s)
    b.minorticks_on()
    b.tick_params(which="both", direction="in", top=True, right=True)
    b.tick_params(which="major", length=6)
    return fig


@figure
def ticks_format():
    fig, c = fig1()
    c.set_title("formatters")
    c.plot(m, p)
    c.yaxis.set_major_formatter("{x:.0%}")
    c.xaxis.set_major_formatter(FormatStrFormatter("%.1f s"))
    return fig


@figure
def ticks_params():
    fig, d = fig1()
    d.set_title("tick_params size, colours, inout")
    d.plot(x, s)
    d.tick_params(axis="x", labelsize=8, labelcolor="red",
                  direction="inout", length=8, width=2)
    d.tick_params(axis="y", colors="blue", labelrotation=30)
    return fig


e = 2.0 ** np.arange(12)


@figure
def twinx():
    fig, a = fig1()
    a.set_title("twinx: two y scales")
    a.set_xlabel("month")
    a.set_ylabel("temperature")
    h1 = a.plot(m, mv, label="temp", color="C0")
    b = a.twinx()
    b.set_ylabel("count (log)")
    b.set_yscale("log")
    h2 = b.plot(m, e, label="count", color="C1")
    a.legend(h1 + h2, ["temp", "count"], loc="upper left")
    return fig


@figure
def twiny():
    fig, a = fig1()
    a.set_ylabel("value")
    a.plot(x, s)
    b = a.twiny()
    b.set_xlabel("top x")
    b.set_xlim(0, 100)
    return fig


@figure
def tick_math():
    from matplotlib.ticker import StrMethodFormatter
    tx = np.linspace(0, 2 * np.pi, 100)
    fig, (a, b) = plt.subplots(1, 2, figsize=(6.4, 4.8), dpi=100)
    a.set_title(r"set_xticks labels $\pi$")
    a.plot(tx, np.sin(tx))
    a.set_xticks([0, np.pi / 2, np.pi, 3 * np.pi / 2, 2 * np.pi],
                 labels=["0", r"$\pi/2$", r"$\pi$", r"$3\pi/2$", r"$2\pi$"])
    b.set_title(r"formatters with \$...\$")
    b.plot(tx, np.sin(tx))
    b.yaxis.set_major_formatter(StrMethodFormatter("${x:.1f}$"))
    b.xaxis.set_major_formatter(StrMethodFormatter("$10^{{{x:.0f}}}$"))
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
