# SPDX-License-Identifier: MIT
"""matplotlib 3.6 renderings of ../axes.json, figure for figure (same
size, dpi, data, limits and labels), for comparing shmplot's baselines with
matplotlib: /usr/bin/python3 axes.py OUTDIR [NAME ...]
(compare.sh runs this and shmplot and writes the diff panels)."""
import os
import sys

import numpy as np
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FIGS = {}


def figure(fn):
    FIGS[fn.__name__] = fn
    return fn


x = np.linspace(0, 10, 200)
sin = np.sin(x)


@figure
def named_colors():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    for k, c in enumerate(["steelblue", "navy", "0.5", "#ff000080",
                           "tab:olive", "DarkOrange", "g", "rebeccapurple"]):
        ax.plot(x, sin + k, color=c, label=c, linewidth=4)
    ax.axhspan(7.5, 8.5, color="#2e8b5740", label="#2e8b5740")
    ax.legend(loc="upper left")
    return fig


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "mpl-out"
    names = [n for n in sys.argv[2:] if n in FIGS] if sys.argv[2:] else list(FIGS)
    os.makedirs(out, exist_ok=True)
    for name in names:
        fig = FIGS[name]()
        fig.savefig(os.path.join(out, name + ".png"), dpi=fig.dpi)
        plt.close(fig)


if __name__ == "__main__":
    main()
