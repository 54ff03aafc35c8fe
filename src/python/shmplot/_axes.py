# SPDX-License-Identifier: MIT
"""Axes: matplotlib's plotting calls, recorded (nothing is drawn until a
batch renders). Each call appends an op to the axes' list; an item's fields
carry matplotlib's argument names as the C library's item kinds do
(README "Plot kinds")."""
from . import _args as A

ALIASES = {"c": "color", "ls": "linestyle", "lw": "linewidth",
           "ms": "markersize", "ds": "drawstyle", "fc": "facecolor",
           "ec": "edgecolor", "horizontalalignment": "ha",
           "verticalalignment": "va", "mfc": "markerfacecolor",
           "mec": "markeredgecolor", "mew": "markeredgewidth"}
# colour arguments that take matplotlib's "none"
NONE_COLORS = ("markerfacecolor", "markeredgecolor", "facecolors",
               "edgecolors")


class Transform:
    """ax.transAxes, ax.transData, fig.transFigure for text()."""
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


class Item:
    """What a plotting call returns (matplotlib's artist, recorded): its
    set_* calls change the recorded fields."""

    def __init__(self, axes, kind, fields):
        self.axes = axes
        self.kind = kind
        self._fields = fields

    def _set(self, kw):
        f = Fields(self.kind, self._fields)
        f.style(kw)
        if kw:
            A.fail(self.kind, "unknown argument(s) %s" % ", ".join(kw))

    def set(self, **kw):
        self._set(kw)

    def __getattr__(self, name):
        if name.startswith("set_"):
            return lambda v: self._set({name[4:]: v})
        raise AttributeError(name)


class Fields:
    """The typed field list of one item."""

    def __init__(self, kind, fields=None):
        self.kind = kind
        self.list = [] if fields is None else fields
        self.dates = set()  # "x", "y": given dates (a date axis)

    def where(self, name):
        return "%s: %s" % (self.kind, name)

    def num(self, name, v):
        if v is not None:
            self.list.append(("n", name, A.number(self.where(name), v)))

    def flag(self, name, v):
        if v is not None:
            self.list.append(("n", name, 1.0 if v else 0.0))

    def choice(self, name, v, table=None):
        if v is None:
            return
        if table is not None:
            v = A.choice(self.where(name), v, table)
        elif not isinstance(v, str):
            A.fail(self.where(name), "expected a str, got %r" % (v,))
        self.list.append(("c", name, v))

    def text(self, name, v):
        if v is not None:
            self.list.append(("t", name, str(v)))

    def color(self, name, v, alpha_field="alpha"):
        if v is None:
            return
        if (name in NONE_COLORS and isinstance(v, str)
                and v.lower() == "none"):
            self.list.append(("C", name, A.COLOR_NONE))
            return
        rgb, alpha = A.color(self.where(name), v)
        self.list.append(("C", name, rgb))
        if alpha is not None and alpha_field:
            self.list.append(("n", alpha_field, alpha))

    def series(self, name, v, ndim=1):
        if v is not None:
            self.list.append(("s", name, A.ArrayArg(v, self.where(name),
                                                    ndim)))
            if ndim == 1 and name in ("x", "y") and A.is_dates(v):
                self.dates.add(name)

    def series_or_number(self, name, v):
        if v is None:
            return
        if A.is_scalar(v):
            self.num(name, v)
        else:
            self.series(name, v)

    def array(self, name, v):
        if v is not None:
            vals = [A.number(self.where(name), x) for x in v]
            self.list.append(("a", name, vals))

    def strings(self, name, v):
        if v is not None:
            self.list.append(("S", name, [str(s) for s in v]))

    def style(self, kw, colors=("color",)):
        """The keyword arguments every kind shares, by matplotlib's names
        (and their short aliases); what is left in kw is unknown."""
        for k in list(kw):
            if k in ALIASES:
                kw.setdefault(ALIASES[k], kw.pop(k))
        for name in colors + ("facecolor", "edgecolor", "ecolor",
                              "edgecolors"):
            if name in kw:
                self.color(name, kw.pop(name))
        if "label" in kw:
            lab = kw.pop("label")
            if lab is not None and not str(lab).startswith("_"):
                self.text("label", lab)
        if "linestyle" in kw:
            ls = kw.pop("linestyle")
            if isinstance(ls, tuple):
                self.dash_tuple(ls)
            else:
                self.choice("linestyle", ls, A.LINESTYLES)
        if "dashes" in kw:
            self.dash_tuple((0, kw.pop("dashes")))
        if "marker" in kw:
            self.choice("marker", kw.pop("marker"), A.MARKERS)
        for name in ("alpha", "linewidth", "markersize", "elinewidth",
                     "capsize", "capthick", "linewidths", "fontsize",
                     "rotation"):
            if name in kw:
                self.num(name, kw.pop(name))
        for name in ("drawstyle", "ha", "va", "fontweight", "fontstyle"):
            if name in kw:
                self.choice(name, kw.pop(name))
        self.marker_style(kw)

    def dash_tuple(self, ls):
        """matplotlib's (offset, (on, off, ...)) linestyle."""
        where = self.where("linestyle")
        if len(ls) != 2 or not A.is_scalar(ls[0]):
            A.fail(where, "a dash tuple is (offset, (on, off, ...)), got %r"
                   % (ls,))
        self.num("dash_offset", ls[0])
        self.array("dashes", list(ls[1]))

    def marker_style(self, kw):
        """plot's markerfacecolor, markeredgecolor, markeredgewidth and
        markevery (N, (start, N) or a list of indices); scatter's
        facecolors."""
        for name in ("markerfacecolor", "markeredgecolor", "facecolors"):
            if name in kw:
                self.color(name, kw.pop(name), alpha_field=None)
        if "markeredgewidth" in kw:
            self.num("markeredgewidth", kw.pop("markeredgewidth"))
        if "markevery" in kw:
            v = kw.pop("markevery")
            where = self.where("markevery")
            if v is None:
                return
            if isinstance(v, bool) or isinstance(v, float):
                A.fail(where, "an int N, a tuple (start, N) or a list of "
                       "indices (a float fraction is not supported), "
                       "got %r" % (v,))
            if isinstance(v, int):
                self.array("markevery", [v])
            elif isinstance(v, tuple) and len(v) == 2:
                self.array("markevery", list(v))
            else:
                self.array("markevery_at", list(v))


# (kind, series field) -> the axis its values lie on.
_AXIS_OF = {(k, f): f[0] for k in ("plot", "step", "errorbar", "scatter",
                                  "fill_between", "bar", "hist", "barh",
                                  "fill_betweenx")
            for f in ("x", "y", "x1", "x2", "y1", "y2")}
_AXIS_OF.update({("errorbar", "xerr"): None, ("bar", "height"): "y",
                 ("bar", "bottom"): "y", ("barh", "width"): "x",
                 ("barh", "left"): "x"})


def _norm(f, norm, vmin, vmax):
    """norm="log" or a shmplot.colors norm (its vmin/vmax unless given)."""
    if norm is not None and not isinstance(norm, str):
        if not hasattr(norm, "name"):
            A.fail("%s: norm" % f.kind, "'linear', 'log' or a "
                   "shmplot.colors norm (LogNorm()), got %r" % (norm,))
        vmin = norm.vmin if vmin is None else vmin
        vmax = norm.vmax if vmax is None else vmax
        norm = norm.name
    f.choice("norm", norm, {"linear": "linear", "log": "log"})
    return vmin, vmax


class _TickLabels:
    """ax.get_xticklabels(): only for setp(labels, rotation=, ha=)."""

    def __init__(self, axes, axis):
        self.axes = axes
        self.axis = axis

    def set(self, **kw):
        kw = {("ha" if k == "horizontalalignment" else k): v
              for k, v in kw.items()}
        self.axes._tick_opts(self.axis, kw)


class _Axis:
    """ax.xaxis / ax.yaxis: formatters."""

    def __init__(self, axes, axis):
        self.axes = axes
        self.axis = axis

    def set_major_formatter(self, fmt):
        fmt = getattr(fmt, "fmt", fmt)
        if not isinstance(fmt, str):
            A.fail("set_major_formatter", "a format str (\"{x:.2f}\", "
                   "\"%.1f\") or shmplot.ticker's FormatStrFormatter / "
                   "StrMethodFormatter, got %r" % (fmt,))
        self.axes._tick_opts(self.axis, {"format": fmt})


def _font_size(where, v):
    """A fontsize: points, or a name as minus its factor of font.size."""
    if isinstance(v, str):
        from ._figure import _SIZES
        return -A.choice(where, v, _SIZES)
    return A.number(where, v)


_WEIGHTS = {w: w for w in ("normal", "regular", "book", "roman", "medium",
                           "bold", "semibold", "demibold", "demi", "heavy",
                           "extra bold", "black")}


def _label_font(where, fontdict, kw):
    """set_title/set_xlabel's font keywords (and their short names, and
    a fontdict's) as the label kind's fields."""
    f = Fields(where)
    given = dict(fontdict or {})
    given.update(kw)
    for long, short in (("fontsize", "size"), ("fontweight", "weight"),
                        ("fontstyle", "style")):
        v = given.get(long, given.get(short))
        if v is None:
            continue
        if long == "fontsize":
            f.num("fontsize", _font_size(f.where("fontsize"), v))
        elif long == "fontweight":
            f.choice("fontweight", v, _WEIGHTS)
        else:
            f.choice("fontstyle", v, {s: s for s in ("normal", "italic",
                                                     "oblique")})
    return f.list


def _legend_opts(kw):
    """ax.legend()'s keywords as the legend kind's fields."""
    f = Fields("legend")
    ncol, ncols = kw.pop("ncol", None), kw.pop("ncols", None)
    if ncol is not None and ncols is not None and ncol != ncols:
        A.fail("legend", "ncol=%r and ncols=%r: give one" % (ncol, ncols))
    f.num("ncols", ncols if ncols is not None else ncol)
    title = kw.pop("title", None)
    if title is not None:
        f.text("title", A.text("legend: title", title))
    for k in ("fontsize", "title_fontsize"):
        v = kw.pop(k, None)
        if v is not None:
            f.num(k, _font_size("legend: " + k, v))
    f.flag("frameon", kw.pop("frameon", None))
    bbox = kw.pop("bbox_to_anchor", None)
    if bbox is not None:
        if A.is_scalar(bbox) or A.length(bbox) not in (2, 4):
            A.fail("legend: bbox_to_anchor", "expected (x, y) or (x, y, "
                   "width, height) in axes fractions, got %r" % (bbox,))
        f.array("bbox_to_anchor", bbox)
    f.num("borderaxespad", kw.pop("borderaxespad", None))
    return f.list


def _legend_loc(loc):
    if loc is None:
        return 0
    if isinstance(loc, int) and 0 <= loc <= 10:
        return loc
    return A.choice("legend: loc", loc, A.LEGEND_LOCS)


class _Spine:
    """ax.spines['top'] (or ax.spines[['top', 'right']]): set_visible."""
    FIELDS = {"bottom": ("x", "spine1"), "top": ("x", "spine2"),
              "left": ("y", "spine1"), "right": ("y", "spine2")}

    def __init__(self, axes, names):
        for n in names:
            A.choice("spines", n, self.FIELDS)
        self.axes = axes
        self.names = names

    def set_visible(self, v):
        for n in self.names:
            axis, field = self.FIELDS[n]
            self.axes._tick_opts(axis, {field: bool(v)})


class _Spines:
    def __init__(self, axes):
        self.axes = axes

    def __getitem__(self, key):
        return _Spine(self.axes, [key] if isinstance(key, str) else
                      list(key))


class Axes:
    """One subplot. Calls record; shmplot.render() draws."""

    def __init__(self, figure, row, col, twin_of=None):
        self.figure = figure
        self.spines = _Spines(self)
        self.row = row
        self.col = col
        self._ops = []
        self._twin = None
        self._twin_of = twin_of
        self.transAxes = Transform("axes")
        self.transData = Transform("data")
        self._items = []
        self._dates = {}  # axis -> its numbers are days (xaxis_date)
        self.xaxis = _Axis(self, "x")
        self.yaxis = _Axis(self, "y")

    # -- items ------------------------------------------------------------
    def _add(self, kind, f, kw, colors=("color",)):
        f.style(kw, colors)
        if kw:
            A.fail(kind, "unknown argument(s) %s (shmplot's %s takes: see "
                   "README \"Plot kinds\")" % (", ".join(sorted(kw)), kind))
        for axis in f.dates:
            self._date_axis(axis)
        self._ops.append(("item", kind, f.list))
        it = Item(self, kind, f.list)
        self._items.append(it)
        return it

    def plot(self, *args, **kw):
        """plot([x], y, [fmt], [x2], y2, [fmt2], ..., **kwargs) -> [Line]"""
        groups = []
        args = list(args)
        while args:
            if len(args) >= 2 and not isinstance(args[1], str):
                x, y = args[0], args[1]
                args = args[2:]
            else:
                x, y = None, args[0]
                args = args[1:]
            fmt = args.pop(0) if args and isinstance(args[0], str) else ""
            groups.append((x, y, fmt))
        if not groups:
            A.fail("plot", "no data (plot(y) or plot(x, y))")
        lines = []
        for x, y, fmt in groups:
            f = Fields("plot")
            f.series("x", x)
            f.series("y", y)
            for k, v in A.parse_fmt("plot: fmt", fmt).items():
                if k == "color":
                    f.color("color", v)
                else:
                    f.choice(k, v)
            lines.append(self._add("plot", f, dict(kw)))
        return lines

    def step(self, x, y, *args, where="pre", **kw):
        f = Fields("step")
        f.series("x", x)
        f.series("y", y)
        f.choice("where", where)
        if args:
            for k, v in A.parse_fmt("step: fmt", args[0]).items():
                (f.color if k == "color" else f.choice)(k, v)
        return [self._add("step", f, kw)]

    def errorbar(self, x, y, yerr=None, xerr=None, fmt="", **kw):
        f = Fields("errorbar")
        f.series("x", x)
        f.series("y", y)
        for name, err in (("yerr", yerr), ("xerr", xerr)):
            if err is None:
                continue
            if A.is_scalar(err):
                f.num(name, err)
                continue
            n = A.length(err)
            first = err[0] if n == 2 else None
            if n == 2 and not A.is_scalar(first):
                f.series(name, err[0])
                f.series(name + "_upper", err[1])
            else:
                f.series(name, err)
        if fmt:
            f.text("fmt", fmt)
        return self._add("errorbar", f, kw)

    def _bars(self, kind, pos, length, thick, base, align, tick_label, kw):
        names = {"bar": ("x", "height", "width", "bottom"),
                 "barh": ("y", "width", "height", "left")}[kind]
        f = Fields(kind)
        if pos is not None and A.length(pos) and all(
                isinstance(p, str) for p in pos):
            tick_label = list(pos) if tick_label is None else tick_label
            pos = None
        f.series(names[0], pos)
        f.series_or_number(names[1], length)
        f.series_or_number(names[2], thick)
        f.series_or_number(names[3], base)
        f.choice("align", align, {"center": "center", "edge": "edge"})
        if tick_label is not None:
            f.strings("tick_label", [tick_label] if isinstance(
                tick_label, str) else tick_label)
        return self._add(kind, f, kw)

    def bar(self, x, height, width=0.8, bottom=None, *, align="center",
            tick_label=None, **kw):
        return self._bars("bar", x, height, width, bottom, align,
                          tick_label, kw)

    def barh(self, y, width, height=0.8, left=None, *, align="center",
             tick_label=None, **kw):
        return self._bars("barh", y, width, height, left, align,
                          tick_label, kw)

    def hist(self, x, bins=None, range=None, density=False, weights=None,
             cumulative=False, histtype="bar", **kw):
        f = Fields("hist")
        f.series("x", x)
        if isinstance(bins, str):
            f.choice("bin_rule", bins, {"auto": "auto", "fd": "fd",
                                        "sturges": "sturges"})
        elif bins is not None:
            f.series_or_number("bins", bins)
        if range is not None:
            f.array("range", range)
        f.flag("density", density)
        if cumulative:
            f.num("cumulative", -1 if cumulative == -1 else 1)
        f.series("weights", weights)
        f.choice("histtype", histtype, {"bar": "bar", "step": "step",
                                        "stepfilled": "stepfilled"})
        return self._add("hist", f, kw)

    def _fill(self, kind, a, b1, b2, where, interpolate, step, kw):
        n = ("x", "y1", "y2") if kind == "fill_between" else ("y", "x1", "x2")
        f = Fields(kind)
        f.series(n[0], a)
        f.series_or_number(n[1], b1)
        f.series_or_number(n[2], b2)
        f.series("where", where)
        f.flag("interpolate", interpolate or None)
        if step is not None:
            f.choice("step", step, {"pre": "pre", "post": "post",
                                    "mid": "mid"})
        return self._add(kind, f, kw)

    def fill_between(self, x, y1, y2=0, where=None, interpolate=False,
                     step=None, **kw):
        return self._fill("fill_between", x, y1, y2, where, interpolate,
                          step, kw)

    def fill_betweenx(self, y, x1, x2=0, where=None, interpolate=False,
                      step=None, **kw):
        return self._fill("fill_betweenx", y, x1, x2, where, interpolate,
                          step, kw)

    def scatter(self, x, y, s=None, c=None, marker=None, cmap=None,
                norm=None, vmin=None, vmax=None, **kw):
        f = Fields("scatter")
        f.series("x", x)
        f.series("y", y)
        f.series_or_number("s", s)
        if isinstance(c, (str, tuple)):
            f.color("color", c)
        else:
            f.series("c", c)
        f.choice("marker", marker, A.MARKERS)
        f.choice("cmap", cmap)
        vmin, vmax = _norm(f, norm, vmin, vmax)
        f.num("vmin", vmin)
        f.num("vmax", vmax)
        return self._add("scatter", f, kw)

    def imshow(self, X, cmap=None, norm=None, aspect=None,
               interpolation=None, alpha=None, vmin=None, vmax=None,
               origin=None, extent=None, **kw):
        f = Fields("imshow")
        f.series("X", X, ndim=2)
        f.choice("cmap", cmap)
        vmin, vmax = _norm(f, norm, vmin, vmax)
        if aspect is not None:
            if isinstance(aspect, str):
                f.choice("aspect", aspect, {"equal": "equal",
                                            "auto": "auto"})
            else:
                A.fail("imshow: aspect", "'equal' or 'auto' (a number: "
                       "ax.set_aspect())")
        f.choice("interpolation", interpolation)
        f.num("alpha", alpha)
        f.num("vmin", vmin)
        f.num("vmax", vmax)
        f.choice("origin", origin, {"upper": "upper", "lower": "lower"})
        if extent is not None:
            f.array("extent", extent)
        return self._add("imshow", f, kw)

    def text(self, x, y, s, transform=None, **kw):
        f = Fields("text")
        f.num("x", x)
        f.num("y", y)
        f.text("s", s)
        if transform is not None:
            if not isinstance(transform, Transform):
                A.fail("text: transform", "ax.transData, ax.transAxes or "
                       "fig.transFigure")
            f.choice("transform", transform.name)
        return self._add("text", f, kw)

    def annotate(self, text, xy, xytext=None, xycoords="data",
                 textcoords=None, arrowprops=None, **kw):
        f = Fields("annotate")
        f.text("text", text)
        f.array("xy", xy)
        if xytext is not None:
            f.array("xytext", xytext)
        f.choice("xycoords", xycoords)
        f.choice("textcoords", textcoords)
        for k, v in (arrowprops or {}).items():
            k = {"lw": "linewidth", "fc": "facecolor",
                 "ec": "edgecolor"}.get(k, k)
            name = "arrowprops." + k
            if k in ("color", "facecolor", "edgecolor"):
                f.color(name, v, alpha_field=None)
            elif k == "arrowstyle":
                f.choice(name, v)
            else:
                f.num(name, v)
        if arrowprops is not None and "arrowstyle" not in arrowprops:
            f.choice("arrowprops.arrowstyle", "-|>")
        return self._add("annotate", f, kw)

    def _refline(self, kind, names, vals, kw):
        f = Fields(kind)
        for n, v in zip(names, vals):
            f.num(n, v)
        return self._add(kind, f, kw)

    def axhline(self, y=0, xmin=0, xmax=1, **kw):
        return self._refline("axhline", ("y", "xmin", "xmax"),
                             (y, xmin, xmax), kw)

    def axvline(self, x=0, ymin=0, ymax=1, **kw):
        return self._refline("axvline", ("x", "ymin", "ymax"),
                             (x, ymin, ymax), kw)

    def axhspan(self, ymin, ymax, xmin=0, xmax=1, **kw):
        return self._refline("axhspan", ("ymin", "ymax", "xmin", "xmax"),
                             (ymin, ymax, xmin, xmax), kw)

    def axvspan(self, xmin, xmax, ymin=0, ymax=1, **kw):
        return self._refline("axvspan", ("xmin", "xmax", "ymin", "ymax"),
                             (xmin, xmax, ymin, ymax), kw)

    # -- axes settings ----------------------------------------------------
    def _label(self, what, s, fontdict, kw):
        self._ops.append((what, A.text("set_" + what, s)))
        font = _label_font("set_" + what, fontdict, kw)
        if font:
            self._ops.append(("options", what, font))

    def set_title(self, label, fontdict=None, **kw):
        self._label("title", label, fontdict, kw)

    def set_xlabel(self, xlabel, fontdict=None, **kw):
        self._label("xlabel", xlabel, fontdict, kw)

    def set_ylabel(self, ylabel, fontdict=None, **kw):
        self._label("ylabel", ylabel, fontdict, kw)

    def _lim(self, op, lo, hi):
        if hi is None and lo is not None and A.length(lo) == 2:
            lo, hi = lo
        if lo is None or hi is None:
            A.fail("set_" + op, "give both limits (shmplot keeps no "
                   "autoscaled view to keep one of)")
        self._ops.append((op, A.number("set_%s: left/bottom" % op, lo),
                          A.number("set_%s: right/top" % op, hi)))

    def set_xlim(self, left=None, right=None):
        self._lim("xlim", left, right)

    def set_ylim(self, bottom=None, top=None):
        self._lim("ylim", bottom, top)

    def _scale(self, axis, value, linthresh=None, linscale=None):
        self._ops.append((axis + "scale",
                          A.choice("set_%sscale" % axis, value, A.SCALES)))
        if value == "symlog":
            self._ops.append(("linthresh", axis,
                              2.0 if linthresh is None else
                              A.number("linthresh", linthresh),
                              1.0 if linscale is None else
                              A.number("linscale", linscale)))

    def set_xscale(self, value, linthresh=None, linscale=None, **kw):
        self._scale("x", value, linthresh, linscale)

    def set_yscale(self, value, linthresh=None, linscale=None, **kw):
        self._scale("y", value, linthresh, linscale)

    def grid(self, visible=True, **kw):
        self._ops.append(("grid", 1 if visible or visible is None else 0))

    def legend(self, *args, loc=None, **kw):
        handles = args[0] if args else kw.pop("handles", None)
        opts = _legend_opts(kw)
        host = self
        twin = self._twin or self._twin_of
        if handles is not None and twin is not None and any(
                getattr(h, "axes", None) is twin for h in handles):
            host = self if self._twin is not None else self._twin_of
            host._twin_legend = True
        host._ops.append(("legend", _legend_loc(loc)))
        if opts:
            host._ops.append(("options", "legend", opts))

    def margins(self, x=None, y=None):
        x = 0.05 if x is None else x
        self._ops.append(("margins", A.number("margins: x", x),
                          A.number("margins: y", x if y is None else y)))

    def set_facecolor(self, color):
        """The axes' background (axes.facecolor, white); "none": the
        figure's shows through."""
        if isinstance(color, str) and color.lower() == "none":
            rgb = A.COLOR_NONE
        else:
            rgb, _ = A.color("set_facecolor", color)
        self._ops.append(("facecolor", float(rgb)))

    def set_aspect(self, aspect):
        self._ops.append(("aspect", 1.0 if aspect == "equal" else
                          0.0 if aspect == "auto" else
                          A.number("set_aspect", aspect)))

    def _ticks(self, axis, ticks, labels=None, minor=False, **kw):
        if minor:
            A.fail("set_%sticks: minor" % axis, "only major ticks are set; "
                   "tick_params or minorticks_on() for minor ones")
        self._ops.append(("ticks", axis,
                          [A.number("set_%sticks" % axis, t) for t in ticks],
                          None if labels is None else
                          [str(s) for s in labels]))
        if kw:
            self._tick_opts(axis, kw)

    def set_xticks(self, ticks, labels=None, *, minor=False, **kw):
        self._ticks("x", ticks, labels, minor, **kw)

    def set_yticks(self, ticks, labels=None, *, minor=False, **kw):
        self._ticks("y", ticks, labels, minor, **kw)

    def _tick_opts(self, axis, kw):
        f = Fields("%saxis ticks" % axis)
        for k in list(kw):
            v = kw.pop(k)
            if k in ("color", "labelcolor"):
                f.color(k, v, alpha_field=None)
            elif k in ("rotation", "length", "width", "pad", "labelsize",
                       "minor_length", "minor_width", "minor_pad"):
                f.num(k, v)
            elif k == "format":
                f.text(k, v)
            elif k in ("ha", "rotation_mode", "direction",
                       "minor_direction"):
                f.choice(k, v)
            elif k in ("tick1", "tick2", "label1", "label2", "minor",
                       "spine1", "spine2"):
                f.flag(k, v)
            else:
                A.fail("tick_params", "unknown argument %r" % k)
        self._ops.append(("axis", axis, f.list))

    def set_xticklabels(self, labels, **kw):
        A.fail("set_xticklabels", "give the labels with their ticks: "
               "set_xticks(ticks, labels)")

    set_yticklabels = set_xticklabels

    def get_xticklabels(self):
        return [_TickLabels(self, "x")]

    def get_yticklabels(self):
        return [_TickLabels(self, "y")]

    def tick_params(self, axis="both", which="major", **kw):
        sides = {"x": ("bottom", "top", "labelbottom", "labeltop"),
                 "y": ("left", "right", "labelleft", "labelright")}
        A.choice("tick_params: which", which, {"major": 0, "minor": 0,
                                               "both": 0})
        A.choice("tick_params: axis", axis, {"x": 0, "y": 0, "both": 0})
        for ax in ("x", "y") if axis == "both" else (axis,):
            opts = {}
            for k, v in kw.items():
                if k == "colors":
                    opts["color"] = v
                    opts["labelcolor"] = v
                elif k == "labelrotation":
                    opts["rotation"] = v
                elif k in sides[ax]:
                    opts[("tick1", "tick2", "label1", "label2")[
                        sides[ax].index(k)]] = v
                elif k in sides["y" if ax == "x" else "x"]:
                    continue
                elif k in ("length", "width", "pad", "direction"):
                    if which in ("minor", "both"):
                        opts["minor_" + k] = v
                    if which in ("major", "both"):
                        opts[k] = v
                else:
                    opts[k] = v
            self._tick_opts(ax, opts)

    def minorticks_on(self):
        for ax in ("x", "y"):
            self._tick_opts(ax, {"minor": True})

    def _twin_axes(self, axis):
        if self._twin_of is not None or self._twin is not None:
            A.fail("twin%s" % axis, "one twin per axes, none of a twin")
        self._twin = Axes(self.figure, self.row, self.col, twin_of=self)
        self._twin._axis = axis
        self._twin_legend = False
        return self._twin

    def twinx(self):
        return self._twin_axes("x")

    def twiny(self):
        return self._twin_axes("y")

    def _date_axis(self, axis, days=False, tz=None):
        if axis not in self._dates:
            self._ops.append((axis + "scale", 3))  # SHMPLOT_SCALE_DATE
        self._dates[axis] = days or self._dates.get(axis, False)
        if tz is not None:
            if isinstance(tz, str) and tz.upper() == "UTC":
                minutes = 0
            else:
                off = getattr(tz, "utcoffset", lambda d: None)(None)
                if off is None:
                    A.fail("%saxis_date: tz" % axis, "'UTC' or a fixed "
                           "offset (datetime.timezone(timedelta(hours=2)))"
                           ", got %r" % (tz,))
                minutes = off.total_seconds() / 60
            self._ops.append(("axis", axis, [("n", "tz", minutes)]))

    def xaxis_date(self, tz=None):
        """Date x axis; numbers plotted on it are matplotlib's date numbers
        (days since 1970), datetime64 arrays and datetimes are dates."""
        self._date_axis("x", True, tz)

    def yaxis_date(self, tz=None):
        self._date_axis("y", True, tz)

    def get_figure(self):
        return self.figure

    def _days(self, ops):
        """Float series on a date axis set by xaxis_date() count days:
        the library takes seconds."""
        out = []
        for op in ops:
            if op[0] == "item":
                fields = []
                for t, n, v in op[2]:
                    if t == "s" and self._dates.get(_AXIS_OF.get(
                            (op[1], n))) and not A.is_dates(v.obj):
                        v = A.ArrayArg(v.obj, v.where, v.ndim, 86400.0)
                    fields.append((t, n, v))
                op = ("item", op[1], fields)
            out.append(op)
        return out

    def _describe(self):
        ops = self._days(self._ops) if any(self._dates.values()) \
            else list(self._ops)
        if self._twin is not None:
            ops.append(("twin", self._twin._axis, self._twin._ops,
                        bool(self._twin_legend)))
        return ops
