# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../images.json, figure for figure (same size,
dpi, data, limits and titles): /usr/bin/python3 images.py OUTDIR [NAME ...]
(compare.sh runs this and shmplot and writes the diff panels)."""
import json
import os

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import mplfigs  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIGS, figure = mplfigs.registry()


def _series():
    spec = json.load(open(os.path.join(HERE, "..", "images.json")))["series"]
    out = {}
    for k, v in spec.items():
        if "values" in v:
            out[k] = np.array(v["values"], dtype=float)
        else:
            out[k] = np.load(os.path.join(HERE, "..", v["npy"]))
    return out


S = _series()


@figure
def images():
    fig, axs = plt.subplots(2, 2, figsize=(9, 7), dpi=100)
    a, b, c, d = axs.flat
    a.set_title("upper, NaN")
    a.imshow(S["A"])
    b.set_title("lower, extent, auto")
    b.imshow(S["B"], origin="lower", extent=[0, 12, -2, 2], aspect="auto",
             cmap="magma")
    c.set_title("vmin, vmax, line over")
    c.imshow(S["C"], cmap="RdBu", vmin=2, vmax=8)
    c.plot(S["lx"], S["ly"], color="k")
    d.set_title("bilinear")
    d.imshow(S["D"], interpolation="bilinear", cmap="inferno")
    return fig


@figure
def image_colorbars():
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.6), dpi=100)
    a.set_title("colorbar, label")
    fig.colorbar(a.imshow(S["A"]), ax=a, label="counts")
    b.set_title("log norm, aspect auto")
    fig.colorbar(b.imshow(S["D"], norm="log", cmap="plasma", aspect="auto"),
                 ax=b)
    return fig


if __name__ == "__main__":
    mplfigs.main(FIGS)
