# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../showcase.json, figure for figure (same
size, dpi, data, kinds, labels and legend places): /usr/bin/python3
showcase.py OUTDIR [NAME ...] (compare.sh runs this and shmplot and writes
the diff panels)."""
import os

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

FIGS, figure = mplfigs.registry()
HERE = os.path.dirname(os.path.abspath(__file__))


def npy(name):
    return np.load(os.path.join(HERE, "..", "showcase_" + name + ".npy"))


t, meas, err, resid = npy("t"), npy("meas"), npy("err"), npy("resid")
tf = np.linspace(0.5, 12, 200)
fit = np.exp(tf * -0.25) * 8 + 1
SITES = ["north", "east", "south", "west", "lab"]
runs25 = np.array([12, 18, 9, 15, 22.0])
runs26 = np.array([14, 11, 13, 19, 25.0])
depth = np.linspace(0, 100, 41)
tmean = np.exp(depth * -0.04) * 14 + 6


@figure
def showcase_fit():
    fig, axs = plt.subplots(2, 2, figsize=(10, 8), dpi=100)
    a, b, c, d = axs.flat
    a.set_title("decay measurement")
    a.set_ylabel("signal")
    a.fill_between(tf, fit * 0.8, fit * 1.2, alpha=0.25, label="model ±20 %")
    a.plot(tf, fit, label="model")
    a.errorbar(t, meas, yerr=err, fmt="o", capsize=3, markersize=4,
               label="measured")
    a.axhline(1, color="gray", linestyle="--", label="baseline")
    a.legend(loc="upper right")
    b.set_title("fit residuals (σ)")
    b.set_ylabel("fits")
    b.axvspan(-1, 1, color="C2", alpha=0.15, label="±1σ")
    b.hist(resid, bins=30, histtype="stepfilled", alpha=0.5, label="4000 fits")
    b.hist(resid, bins=30, histtype="step", color="C0")
    b.axvline(0, color="k", linestyle="--", label="zero")
    b.legend(loc="upper left")
    c.set_title("signal, log y")
    c.set_xlabel("time (h)")
    c.set_yscale("log")
    c.axhspan(0.8, 1.25, color="gray", alpha=0.2, label="noise floor")
    c.step(t, meas, where="mid", label="measured (step mid)")
    c.plot(tf, fit, color="C1", label="model")
    c.legend(loc="lower left")
    d.set_title("runs per site")
    d.set_ylabel("runs")
    d.bar(SITES, runs25, label="2025")
    d.bar(SITES, runs26, bottom=runs25, label="2026")
    d.legend(loc="upper left")
    return fig


@figure
def showcase_map():
    fig, axs = plt.subplots(2, 2, figsize=(10, 8), dpi=100)
    a, b, c, d = axs.flat
    a.set_title("field")
    im = a.imshow(npy("field"), origin="lower")
    fig.colorbar(im, ax=a, label="intensity")
    a.annotate("peak", xy=(20, 30), xytext=(34, 40), color="white",
               arrowprops=dict(arrowstyle="->", color="white"))
    b.set_title("efficiency vs size (µm)")
    b.set_xscale("log")
    sc = b.scatter(npy("size"), npy("eff"), c=npy("temp"), cmap="plasma",
                   s=12, label="samples")
    fig.colorbar(sc, ax=b, label="temperature (°C)")
    b.axhline(0.5, color="red", linestyle=":", label="target")
    b.legend(loc="lower left")
    c.set_title("yield by line")
    c.set_xlabel("yield")
    c.barh(["A", "B", "C", "D", "E"], [0.91, 0.74, 0.86, 0.68, 0.95],
           color="C0")
    c.axvline(0.8, color="k", linestyle="--")
    c.text(0.81, 4.3, "target 0.8")
    d.set_title("temperature profile")
    d.set_xlabel("temperature (°C)")
    d.set_ylabel("depth (m)")
    d.axhspan(20, 35, color="C0", alpha=0.15, label="thermocline")
    d.fill_betweenx(depth, tmean - 1.5, tmean + 2, alpha=0.3, color="C1",
                    label="range")
    d.plot(tmean, depth, color="C1", label="mean")
    d.text(0.05, 0.95, "station 4", transform=d.transAxes, va="top")
    d.legend(loc="lower right")
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
