# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../mathtext.json, figure for figure (same
size, dpi, data, titles, labels and legends): /usr/bin/python3 mathtext.py
OUTDIR [NAME ...] (compare.sh runs this and shmplot and writes the diff
panels). The formulas are the 30 of the spec, typical axis labels."""
import json
import os
import sys

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = json.load(open(os.path.join(HERE, "..", "mathtext.json")))


def series(name):
    s = SPEC["series"][name]
    if "linspace" in s:
        return np.linspace(*s["linspace"])
    if "sin" in s:
        return np.sin(series(s["sin"]))
    if "cos" in s:
        return np.cos(series(s["cos"]))
    if "values" in s:
        return np.array(s["values"], float)
    raise ValueError(name)


def draw(fig_spec):
    w, h = fig_spec["size"]
    rows, cols = fig_spec.get("subplots", [1, 1])
    fig, axs = plt.subplots(rows, cols, figsize=(w, h), dpi=100,
                            squeeze=False)
    for ax, a in zip(axs.flat, fig_spec["axes"]):
        for ln in a["lines"]:
            ax.plot(series(ln["x"]), series(ln["y"]), label=ln["label"])
        if "yscale" in a:
            ax.set_yscale(a["yscale"])
        ax.set_title(a["title"])
        ax.set_xlabel(a["xlabel"])
        ax.set_ylabel(a["ylabel"])
        ax.legend(loc=a["legend"])
    return fig


def main():
    out = sys.argv[1]
    want = set(sys.argv[2:])
    os.makedirs(out, exist_ok=True)
    for f in SPEC["figures"]:
        if want and f["name"] not in want:
            continue
        try:
            draw(f).savefig(os.path.join(out, f["name"] + ".png"))
        except Exception as e:  # noqa: BLE001
            with open(os.path.join(out, f["name"] + ".error.txt"), "w") as fh:
                fh.write("%s\n" % e)
        plt.close("all")


main()
