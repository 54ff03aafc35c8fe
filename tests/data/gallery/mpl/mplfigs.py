# SPDX-License-Identifier: MIT
"""What the matplotlib comparison scripts (bands.py, bars.py, scatter.py,
ticks.py, axes.py, images.py, texts.py, showcase.py) share: a registry of figure functions by name and the command
line `SCRIPT OUTDIR [NAME ...]` that draws them (all, or the NAMEs it
has) to OUTDIR/NAME.png, or OUTDIR/NAME.error.txt where matplotlib
fails, so compare.sh can go on with the other figures."""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def registry():
    """A dict of figure functions and the decorator that adds one under
    its function's name."""
    figs = {}

    def figure(fn):
        figs[fn.__name__] = fn
        return fn

    return figs, figure


def main(figs):
    out = sys.argv[1]
    names = sys.argv[2:] or list(figs)
    os.makedirs(out, exist_ok=True)
    for n in names:
        if n not in figs:
            continue
        try:
            fig = figs[n]()
            fig.savefig(os.path.join(out, n + ".png"), dpi=fig.dpi)
            plt.close(fig)
        except Exception as e:  # noqa: BLE001
            with open(os.path.join(out, n + ".error.txt"), "w") as f:
                f.write(f"{type(e).__name__}: {e}\n")
