# SPDX-License-Identifier: MIT
"""Writes tests/data/symlog_mpl.txt: matplotlib 3.6's symlog ticks and
labels (SymmetricalLogLocator + LogFormatterSciNotation through a real
axis, base 10) for views and linthresh values that test_symlog checks
render/symlog.c against, and the transform of a few values. Run with
/usr/bin/python3 from the repository root."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.scale import SymmetricalLogTransform  # noqa: E402

VIEWS = [
    (-1.5, 1.5, 2), (-10, 10, 2), (-100, 100, 1), (-1e3, 1e5, 1),
    (0, 1e4, 2), (-5e6, 7, 0.1), (1, 1e9, 2), (-1e20, 1e20, 1),
    (-3.7, 250, 0.5), (0.5, 30, 2), (-125000, -3, 2), (-2, 1e3, 10),
    (-1e-3, 1e-3, 1e-4), (-60, 60, 5), (2.5, 3.5, 2), (-1e30, -1e2, 1),
]
TRANSFORM = [(v, lt, ls) for v in (-1e3, -2, -0.5, 0, 0.3, 2, 7, 1e6)
             for lt, ls in ((2, 1), (0.1, 0.5), (10, 2))]


def main():
    out = []
    for lo, hi, lt in VIEWS:
        fig, ax = plt.subplots()
        ax.set_yscale("symlog", linthresh=lt)
        ax.set_ylim(lo, hi)
        loc = ax.yaxis.get_major_locator()
        fmt = ax.yaxis.get_major_formatter()
        ticks = loc.tick_values(lo, hi)
        fmt.set_locs(ticks)
        out.append("view %r %r %r %d" % (lo, hi, lt, len(ticks)))
        for t in ticks:
            out.append("%r %s" % (float(t), fmt(t)))
        plt.close(fig)
    for v, lt, ls in TRANSFORM:
        t = SymmetricalLogTransform(10, lt, ls).transform([v])[0]
        out.append("fwd %r %r %r %r" % (v, lt, ls, float(t)))
    with open("tests/data/symlog_mpl.txt", "w") as f:
        f.write("# written by tests/gen_symlog.py (matplotlib %s)\n"
                % matplotlib.__version__)
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
