#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Writes matplotlib's own tick answers for tests/test_ticks.c.

Run once with Debian's python3-matplotlib (the table it wrote is committed as
tests/data/ticks_mpl.txt):  /usr/bin/python3 tests/gen_ticks.py > tests/data/ticks_mpl.txt

One case per line, tab separated:
  kind  nbins  vmin  vmax  ticks  labels  offset
kind is "lin" (MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10]) + ScalarFormatter)
or "log" (LogLocator(numticks=nbins) + LogFormatterSciNotation, labels written
as 10^{e}), or "logv" (a log axis as matplotlib sets it up: major and minor
LogLocator with numticks nbins, the minor ones overlapping a major removed,
both labelled by LogFormatterSciNotation: the ticks in view that carry a
label, sorted, labels as 10^{e} or c×10^{e}, and in the last field the
number of minor ticks in view). Floats are repr()s, so strtod reads back the identical double;
ticks are space separated, labels '|' separated (UTF-8, U+2212 minus kept).
"""
import re
import sys

import numpy as np

import matplotlib

matplotlib.use("Agg")
from matplotlib import rcParams, ticker  # noqa: E402

assert rcParams["axes.formatter.useoffset"] is True
assert rcParams["axes.formatter.use_mathtext"] is False

LIN = [
    (9, 0.0, 1.0), (8, 0.0, 1.0), (9, -0.6283185307179586, 13.194689145077131),
    (8, -1.0999998146436634, 1.0999998146436634), (8, -5.0, 5.0),
    (9, 0.0, 100.0), (5, 0.0, 1e6), (9, 0.0, 1e7), (9, 1e-6, 5e-6),
    (8, 0.0, 1e-5), (9, 1e-9, 2e-9), (9, 1000.0, 1001.0),
    (9, 1e5, 100001.0), (8, 123456.0, 123457.0), (9, -1e7, 1e7),
    (9, -3.3, -1.2), (8, -1e-3, -2e-4), (9, 1e10, 1e10 + 3),
    (9, 0.999, 1.001), (8, -12345.6, -12340.0), (9, 2.5, 2.50001),
    (9, 0.0, 12.566370614359172), (4, 5.0, 15.0), (9, -273.15, 100.0),
    (9, 1e15, 3e15), (8, 1e-12, 9e-12), (9, -0.05, 0.05),
    (9, 7.0, 7.0000001), (9, 1e6, 1e6 + 0.5), (9, 100.0, 105.0),
    (3, 0.0, 3.0), (2, 0.1, 0.7), (9, -1e-7, 3e-7), (9, 6.02e23, 6.03e23),
    (1, -1.0, 1.0), (9, -1.0e-10, -0.5e-10), (8, 999999.0, 1000001.0),
    (9, 0.0, 0.0), (6, 3.0, 3.0), (9, -8.5, 23.25), (9, 1e300, 1.5e300),
    (7, 20000.0, 20001.0), (9, -64.0, -63.2), (9, 0.001, 0.0015),
    (9, 1e-5, 1e-4), (5, 1950.0, 2025.0), (9, 5e-324 * 1e10, 1e-310),
]
LOG = [
    (9, 1.0, 1e3), (9, 1e-3, 1e5), (9, 1e-12, 1e12), (9, 0.5, 2e4),
    (5, 1e2, 1e9), (3, 3.0, 3e7), (9, 1e-100, 1e100), (4, 0.01, 10.0),
    (9, 0.7943282347242815, 125.89254117941677), (2, 1.0, 1e6),
]

LOGV = [
    (9, 700.0, 1000.0), (9, 2.0, 7.0), (9, 2.1, 2.9), (9, 3.0, 60.0),
    (2, 583.5545981382668, 342727142649662.44), (9, 1.05, 1.9),
    (9, 95.0, 250.0), (4, 0.5, 20.0), (9, 0.02, 0.09), (3, 1.0, 1e4),
]


def lin_case(nbins, vmin, vmax):
    loc = ticker.MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10])
    locs = loc.tick_values(vmin, vmax)
    fmt = ticker.ScalarFormatter()
    fmt.create_dummy_axis()
    fmt.axis.set_view_interval(vmin, vmax)
    labels = fmt.format_ticks(locs)
    return locs, labels, fmt.get_offset()


def log_case(nbins, vmin, vmax):
    loc = ticker.LogLocator(base=10.0, numticks=nbins)
    locs = loc.tick_values(vmin, vmax)
    fmt = ticker.LogFormatterSciNotation(base=10.0)
    fmt.create_dummy_axis()
    fmt.axis.set_view_interval(vmin, vmax)
    labels = fmt.format_ticks(locs)
    # '$\mathdefault{10^{-2}}$' -> '10^{-2}'
    labels = [re.sub(r"^\$\\mathdefault\{(.*)\}\$$", r"\1", s) for s in labels]
    return locs, labels, ""


def logv_case(nbins, vmin, vmax):
    major = ticker.LogLocator(base=10.0, numticks=nbins).tick_values(vmin, vmax)
    minor = ticker.LogLocator(base=10.0, subs="auto",
                              numticks=nbins).tick_values(vmin, vmax)
    lo, hi = np.log10(vmin), np.log10(vmax)
    with np.errstate(divide="ignore", invalid="ignore"):
        close = np.isclose(np.log10(minor)[:, None], np.log10(major)[None, :],
                           atol=(hi - lo) * 1e-5, rtol=0).any(axis=1)
    minor = minor[~close]
    out = []
    for locs in (major, minor):
        fmt = ticker.LogFormatterSciNotation(base=10.0, labelOnlyBase=False)
        fmt.create_dummy_axis()
        fmt.axis.set_view_interval(vmin, vmax)
        for v, s in zip(locs, fmt.format_ticks(locs)):
            vis = lo - 1e-10 * (hi - lo) <= np.log10(v) <= hi + 1e-10 * (hi - lo)
            if s and vis:
                s = re.sub(r"^\$\\mathdefault\{(.*)\}\$$", r"\1", s)
                out.append((v, s.replace("\\times", "\u00d7")))
    out.sort()
    tol = 1e-10 * (hi - lo)  # as Axis._update_ticks keeps ticks in view
    nminor = int(sum(1 for v in minor
                     if v > 0 and lo - tol <= np.log10(v) <= hi + tol))
    return [v for v, _ in out], [s for _, s in out], str(nminor)


def main():
    out = sys.stdout
    for kind, cases, fn in (("lin", LIN, lin_case), ("log", LOG, log_case),
                             ("logv", LOGV, logv_case)):
        for nbins, vmin, vmax in cases:
            locs, labels, offset = fn(nbins, vmin, vmax)
            for s in labels:
                assert "\t" not in s and "|" not in s
            out.write("\t".join([
                kind, str(nbins), repr(float(vmin)), repr(float(vmax)),
                " ".join(repr(float(v)) for v in locs),
                "|".join(labels), offset]) + "\n")


if __name__ == "__main__":
    main()
