# SPDX-License-Identifier: MIT
"""Figures: subplots(), figure(), rcParams. A Figure records its grid, its
figure-wide texts and sizes, and its axes' calls; _describe() turns that
into the plain tuples the C extension builds shmplot figures from."""
import itertools

from . import _args as A
from ._axes import Axes, Item, Transform

_numbers = itertools.count(1)

# matplotlib's font.size scalings for named sizes (font_manager).
_SIZES = {"xx-small": 0.579, "x-small": 0.694, "small": 0.833,
          "medium": 1.0, "large": 1.2, "x-large": 1.44, "xx-large": 1.728,
          "larger": 1.2, "smaller": 0.833}

_RC_DEFAULTS = {"font.size": 10.0, "axes.titlesize": "large",
                "axes.labelsize": "medium", "xtick.labelsize": "medium",
                "ytick.labelsize": "medium", "legend.fontsize": "medium",
                "figure.titlesize": "large", "figure.labelsize": "large",
                "figure.figsize": (6.4, 4.8), "figure.dpi": 100.0,
                "axes.titleweight": "normal", "axes.labelweight": "normal",
                "figure.titleweight": "normal",
                "figure.labelweight": "normal",
                # shmplot's date axes are matplotlib's "concise" ones
                "date.converter": "auto",
                # DejaVu Sans, then the build's fallback fonts (CJK) for
                # the glyphs it lacks, whatever families follow it here
                "font.family": ["DejaVu Sans"]}


class RcParams(dict):
    """The rcParams shmplot knows (font sizes, figure.figsize, figure.dpi),
    read when a figure is created, as matplotlib reads them."""

    def __setitem__(self, key, value):
        if key not in _RC_DEFAULTS:
            A.fail("rcParams", "%r is not one shmplot uses; it uses %s"
                   % (key, ", ".join(sorted(_RC_DEFAULTS))))
        if key == "font.family":
            fams = [value] if isinstance(value, str) else list(value)
            if not fams or fams[0] not in ("DejaVu Sans", "sans-serif"):
                A.fail("rcParams", "font.family %r: shmplot draws with "
                       "DejaVu Sans first (its fallback fonts, "
                       "$SHMPLOT_FONT_FALLBACK, give the glyphs it lacks)"
                       % (value,))
        dict.__setitem__(self, key, value)

    def update(self, *args, **kw):
        for k, v in dict(*args, **kw).items():
            self[k] = v


rcParams = RcParams(_RC_DEFAULTS)


class rc_context:
    """with rc_context({...}): rcParams changed inside the block only."""

    def __init__(self, rc=None):
        self.rc = dict(rc or {})

    def __enter__(self):
        self.old = dict(rcParams)
        rcParams.update(self.rc)
        return self

    def __exit__(self, *exc):
        dict.clear(rcParams)
        dict.update(rcParams, self.old)


def setp(obj, **kw):
    """matplotlib's setp: set(**kw) on an artist or each of a list."""
    for o in obj if isinstance(obj, (list, tuple)) else [obj]:
        o.set(**kw)


def _size_value(key, v):
    if isinstance(v, str):
        return -A.choice("rcParams[%r]" % key, v, _SIZES)
    return A.number("rcParams[%r]" % key, v)


class Figure:
    """A figure: its axes record plotting calls; render() draws it."""

    def __init__(self, figsize=None, dpi=None, num=None, facecolor=None):
        w, h = figsize if figsize is not None else rcParams["figure.figsize"]
        self._w = A.number("figsize", w)
        self._h = A.number("figsize", h)
        self._dpi = A.number("dpi", dpi if dpi is not None
                             else rcParams["figure.dpi"])
        if not (self._w > 0 and self._h > 0 and self._dpi > 0):
            A.fail("figsize/dpi", "must be positive (got %g x %g in at %g "
                   "dpi)" % (self._w, self._h, self._dpi))
        n = next(_numbers)
        self.number = num if isinstance(num, int) else n
        self._name = num if isinstance(num, str) else "figure%d" % n
        self._rows = self._cols = 1
        self._share = 0
        self._axes = []
        self._figops = []
        for key, v in rcParams.items():
            if key.startswith("figure.fig") or key in (
                    "figure.dpi", "date.converter", "font.family"):
                continue
            if v == _RC_DEFAULTS[key]:
                continue
            if key.endswith("weight"):
                self._figops.append(("t", key, str(v)))
            else:
                self._figops.append(("n", key, _size_value(key, v)))
        self.transFigure = Transform("figure")
        if facecolor is not None:
            self.set_facecolor(facecolor)

    def set_facecolor(self, color):
        """The figure's background (figure(facecolor=...))."""
        if isinstance(color, str) and color.lower() == "none":
            rgb = A.COLOR_NONE  # clear: the PNG gets an alpha channel
        else:
            rgb, _ = A.color("facecolor", color)
        self._figops.append(("C", "facecolor", rgb))

    def get_label(self):
        return self._name

    def set_label(self, name):
        self._name = str(name)

    def get_size_inches(self):
        return (self._w, self._h)

    @property
    def dpi(self):
        return self._dpi

    @property
    def axes(self):
        return list(self._axes)

    def subplots(self, nrows=1, ncols=1, *, sharex=False, sharey=False,
                 squeeze=True):
        for name, v in (("nrows", nrows), ("ncols", ncols)):
            if not isinstance(v, int) or not 1 <= v <= 16:
                A.fail("subplots: %s" % name, "a whole number 1..16, got %r"
                       % (v,))
        share = 0
        for bit, name, v in ((1, "sharex", sharex), (2, "sharey", sharey)):
            if v in (True, "all"):
                share |= bit
            elif v not in (False, "none", None):
                A.fail("subplots: %s" % name, "True, False, 'all' or "
                       "'none' (shmplot shares all axes or none), got %r"
                       % (v,))
        self._rows, self._cols, self._share = nrows, ncols, share
        self._axes = [Axes(self, r, c) for r in range(nrows)
                      for c in range(ncols)]
        if squeeze and nrows == ncols == 1:
            return self._axes[0]
        import numpy as np
        arr = np.empty(nrows * ncols, dtype=object)
        arr[:] = self._axes
        arr = arr.reshape(nrows, ncols)
        if squeeze and (nrows == 1 or ncols == 1):
            arr = arr.ravel()
        return arr

    def add_subplot(self, *args):
        if args not in ((), (1, 1, 1), (111,)):
            A.fail("add_subplot", "shmplot's grids come from subplots(nrows, "
                   "ncols); add_subplot() takes 111 only")
        if not self._axes:
            self._axes = [Axes(self, 0, 0)]
        return self._axes[0]

    def gca(self):
        return self.add_subplot()

    def _text(self, field, t):
        self._figops.append(("t", field, A.text(field, t)))

    def suptitle(self, t, **kw):
        self._text("suptitle", t)

    def supxlabel(self, t, **kw):
        self._text("supxlabel", t)

    def supylabel(self, t, **kw):
        self._text("supylabel", t)

    def colorbar(self, mappable, ax=None, label=None, **kw):
        if not isinstance(mappable, Item) or mappable.kind not in (
                "scatter", "imshow"):
            A.fail("colorbar: mappable", "the result of ax.scatter() or "
                   "ax.imshow()")
        if kw:
            A.fail("colorbar", "unknown argument(s) %s" % ", ".join(kw))
        mappable._fields.append(("n", "colorbar", 1.0))
        if label is not None:
            mappable._fields.append(("t", "colorbar_label", str(label)))
        return mappable

    def savefig(self, fname, *, format=None, **kw):
        """Renders this figure alone and writes fname atomically (the format
        from format= or fname's extension: png, pdf or svg)."""
        from ._render import savefig_one
        savefig_one(self, fname, format, **kw)

    def _describe(self):
        axes = self._axes or [Axes(self, 0, 0)]
        return (self._name, self._w, self._h, self._dpi, self._rows,
                self._cols, self._share, list(self._figops),
                [(a.row, a.col, a._describe()) for a in axes])


def figure(num=None, figsize=None, dpi=None, facecolor=None, **kw):
    """A new figure (matplotlib's plt.figure()); add its axes with
    fig.subplots() or fig.add_subplot()."""
    return Figure(figsize=figsize, dpi=dpi, num=num, facecolor=facecolor)


def subplots(nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True,
             figsize=None, dpi=None, num=None, facecolor=None, **kw):
    """fig, ax = subplots(...), as matplotlib's (ax squeezed the same way)."""
    if kw:
        A.fail("subplots", "unknown argument(s) %s" % ", ".join(sorted(kw)))
    fig = Figure(figsize=figsize, dpi=dpi, num=num, facecolor=facecolor)
    return fig, fig.subplots(nrows, ncols, sharex=sharex, sharey=sharey,
                             squeeze=squeeze)


def close(fig=None):
    """Nothing to free (a figure is plain Python data); for ported code."""
