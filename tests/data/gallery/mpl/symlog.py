# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../symlog.json, figure for figure (same
size, dpi, data, scales, limits and labels): /usr/bin/python3 symlog.py
OUTDIR [NAME ...] (compare.sh runs this and shmplot and writes the diff
panels)."""
import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()

x = np.linspace(-50, 50, 201)
t = np.linspace(-10, 10, 201)
u = np.linspace(-8, 8, 161)
w = np.linspace(0, 12.566370614359172, 200)


@figure
def symlog():
    fig, axs = plt.subplots(2, 2, figsize=(10, 7.5), dpi=100)
    a, b, c, d = axs.flat
    a.plot(x, x ** 3, label="x\u00b3")
    a.set_yscale("symlog")
    a.set_title("symlog y, linthresh 2 (default)")
    a.legend(loc="upper left")
    b.plot(t, np.sinh(t), color="C1")
    b.set_yscale("symlog", linthresh=0.1, linscale=0.5)
    b.set_title("linthresh 0.1, linscale 0.5")
    c.plot(np.sinh(u), u, color="C2", marker="o", markersize=3)
    c.set_xscale("symlog", linthresh=1)
    c.set_title("symlog x, linthresh 1")
    d.plot(x, x ** 3 / 100, color="C3")
    d.set_yscale("symlog", linthresh=10)
    d.set_ylim(1500, -1500)
    d.set_title("ylim [1500, -1500], linthresh 10")
    return fig


@figure
def symlog_linear():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    ax.plot(w, np.sin(w))
    ax.set_yscale("symlog")
    ax.set_ylim(-1.5, 1.5)
    ax.set_title("inside the linear range: the two ends")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
