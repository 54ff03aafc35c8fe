# SPDX-License-Identifier: MIT
"""The seeds' example, written with shmplot: a class computes sin, cos and
tan of x in the parent; three methods draw a figure each, in matplotlib's
words; one render() call draws all three in parallel worker processes that
read the arrays from one shared-memory segment (each array copied there
once, nothing pickled). Compare /work/shared/seeds: the same class with
matplotlib and a pathos ProcessPool lost self.series1 in its workers.

    python3 seed_figures.py [OUTDIR] [N]

writes OUTDIR/figure1.png .. figure3.png (byte-identical to
`shmplot render -o OUTDIR`'s seed batch) and prints what came back.
"""
import sys

import numpy as np

import shmplot


class MyPlot:
    def __init__(self, n=1000):
        self.x = np.linspace(0, 4 * np.pi, n)

    def plot_series(self):
        # Computed once, in the parent; workers never see self.
        self.series1 = np.sin(self.x)
        self.series2 = np.cos(self.x)
        self.series3 = np.tan(self.x)

    def create_figure1(self):
        fig, ax = shmplot.subplots(figsize=(12, 3), num="figure1")
        ax.plot(self.x, self.series1, label="sin(x)")
        ax.plot(self.x, self.series2, label="cos(x)")
        ax.legend()
        return fig

    def create_figure2(self):
        fig, ax = shmplot.subplots(figsize=(12, 3), num="figure2")
        ax.plot(self.x, self.series3, label="tan(x)")
        ax.set_ylim(-5, 5)
        ax.legend()
        return fig

    def create_figure3(self):
        fig, ax = shmplot.subplots(figsize=(12, 3), num="figure3")
        ax.plot(self.x, self.series1, label="sin(x)")
        ax.plot(self.x, self.series2, label="cos(x)")
        ax.plot(self.x, self.series3, label="tan(x)")
        ax.set_ylim(-5, 5)
        ax.legend()
        return fig

    def generate_figures(self):
        self.plot_series()
        figs = [self.create_figure1(), self.create_figure2(),
                self.create_figure3()]
        # x, sin, cos, tan: four arrays in the segment, once each.
        results = shmplot.render(figs, pixels=True, check=True)
        return [r.png for r in results], [r.pixels for r in results]


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else None
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    pngs, images = MyPlot(n).generate_figures()
    for i, (png, img) in enumerate(zip(pngs, images), 1):
        print("figure%d: %d PNG bytes, %d x %d RGBA pixels"
              % (i, len(png), img.shape[1], img.shape[0]))
        if outdir:
            with open("%s/figure%d.png" % (outdir, i), "wb") as f:
                f.write(png)


if __name__ == "__main__":
    main()
