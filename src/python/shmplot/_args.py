# SPDX-License-Identifier: MIT
"""matplotlib's argument vocabulary turned into shmplot's fields.

Nothing here imports numpy at module level: ``import shmplot`` stays cheap,
and numpy is imported the first time an array has to be converted.
"""
import sys

from . import _errors
from ._errors import lib

LINESTYLES = {"-": "solid", "solid": "solid", "--": "dashed",
              "dashed": "dashed", ":": "dotted", "dotted": "dotted",
              "-.": "dashdot", "dashdot": "dashdot", "None": "none",
              "none": "none", " ": "none", "": "none"}
MARKERS = {".": "point", "o": "circle", "s": "square", "^": "triangle",
           "D": "diamond", "+": "plus", "x": "cross", "None": "none",
           "none": "none", "": "none", " ": "none"}
# matplotlib's other markers: shmplot's field takes their symbols
MARKERS.update({m: m for m in "v<>*phHd|_1234"})
LEGEND_LOCS = {"best": 0, "upper right": 1, "upper left": 2,
               "lower left": 3, "lower right": 4, "right": 5,
               "center left": 6, "center right": 7, "lower center": 8,
               "upper center": 9, "center": 10}
SCALES = {"linear": 0, "log": 1, "symlog": 2}
FORMATS = {"png": 1, "pdf": 2, "svg": 4}
COLOR_NONE = 0x01000000  # shmplot.h SHMPLOT_COLOR_NONE: matplotlib's "none"


def fail(where, msg):
    """Raises shmplot.InvalidError (a ValueError) naming the argument."""
    raise _errors.InvalidError("%s: %s" % (where, msg))


def choice(where, value, table):
    if not isinstance(value, str) or value not in table:
        import difflib
        near = difflib.get_close_matches(str(value), list(table), 1)
        hint = ' (did you mean "%s"?)' % near[0] if near else ""
        fail(where, "unknown value %r%s; accepted: %s"
             % (value, hint, ", ".join(repr(k) for k in table)))
    return table[value]


def color(where, value):
    """(0xRRGGBB, alpha or None) from any colour matplotlib takes: a name,
    "#rrggbb[aa]", "C0", "tab:blue", a grey level "0.5", an (r, g, b[, a])
    tuple of 0..1 floats."""
    if isinstance(value, str):
        got = lib().parse_color(value)
        if got is None:
            import difflib
            near = difflib.get_close_matches(
                value.lower(), lib().color_names(), 1)
            hint = ' (did you mean "%s"?)' % near[0] if near else ""
            fail(where, "unknown colour %r%s" % (value, hint))
        rgb, alpha = got
        return rgb, (alpha if alpha < 1 else None)
    try:
        parts = [float(v) for v in value]
    except (TypeError, ValueError):
        parts = []
    if len(parts) not in (3, 4) or not all(0 <= v <= 1 for v in parts):
        fail(where, "a colour is a name, '#rrggbb' or an (r, g, b[, a]) "
             "tuple of numbers 0..1, got %r" % (value,))
    rgb = 0
    for v in parts[:3]:
        rgb = rgb << 8 | int(round(v * 255))
    return rgb, (parts[3] if len(parts) == 4 else None)


def number(where, value):
    try:
        v = float(value)
    except (TypeError, ValueError):
        fail(where, "expected a number, got %r" % (value,))
    return v


def text(where, value):
    if value is None:
        return None
    return str(value)


def parse_fmt(where, fmt):
    """matplotlib's format string "[marker][line][color]" as fields."""
    out = {}
    s = fmt
    for ls in ("--", "-.", "-", ":"):
        if ls in s:
            out["linestyle"] = LINESTYLES[ls]
            s = s.replace(ls, "", 1)
            break
    rest = ""
    i = 0
    while i < len(s):
        c = s[i]
        if c == "C" and i + 1 < len(s) and s[i + 1].isdigit():
            out["color"] = s[i:i + 2]
            i += 2
            continue
        if c in MARKERS and c not in ("", " ") and "marker" not in out:
            out["marker"] = MARKERS[c]
        elif c in "bgrcmykw" and "color" not in out:
            out["color"] = c
        else:
            rest += c
        i += 1
    if rest:
        fail(where, "format %r: %r is not a marker shmplot draws "
             "(. o s ^ v < > D d p h H * + x | _ 1 2 3 4), a line style (- -- -. :) or a colour "
             "(bgrcmykw, C0..C9)" % (fmt, rest))
    if "marker" in out and "linestyle" not in out:
        out["linestyle"] = "none"
    return out


def _numpy():
    import numpy
    return numpy


class ArrayArg:
    """An array argument kept as the caller gave it until the batch is
    built: the same object used by several figures is converted and copied
    into the segment once."""
    __slots__ = ("obj", "where", "ndim", "factor")

    def __init__(self, obj, where, ndim, factor=1.0):
        self.obj = obj
        self.where = where
        self.ndim = ndim
        # 86400 for matplotlib's date numbers (days) on a date axis
        self.factor = factor

    def key(self):
        return (id(self.obj), self.ndim, self.factor)

    def convert(self):
        """The values as a C-contiguous float64 array (no copy when they
        are one already)."""
        obj = self.obj
        np = sys.modules.get("numpy")
        if np is not None and type(obj) is not list and \
                isinstance(obj, np.ndarray) and obj.dtype == np.float64 \
                and obj.flags.c_contiguous and obj.ndim == self.ndim \
                and self.factor == 1.0:
            return obj
        np = _numpy()
        dates = as_dates(obj)
        if dates is not None:
            return dates
        try:
            a = np.ascontiguousarray(obj, dtype=np.float64)
        except (TypeError, ValueError) as e:
            fail(self.where, "cannot be read as numbers (%s)" % e)
        if self.factor != 1.0:
            a = a * self.factor
        if a.ndim == 0 and self.ndim == 1:
            a = a.reshape(1)
        if a.ndim != self.ndim:
            fail(self.where, "expected a %d-D array, got shape %s"
                 % (self.ndim, a.shape))
        return a


def is_scalar(v):
    if isinstance(v, (int, float)):
        return True
    np = sys.modules.get("numpy")
    return np is not None and isinstance(v, np.generic) or \
        (np is not None and isinstance(v, np.ndarray) and v.ndim == 0)


def length(v):
    try:
        return len(v)
    except TypeError:
        return None


def is_dates(obj):
    """True for numpy datetime64 arrays and sequences of datetime or
    datetime64 values (matplotlib's date units)."""
    np = sys.modules.get("numpy")
    if np is not None and isinstance(obj, np.ndarray):
        return obj.dtype.kind == "M"
    if isinstance(obj, (list, tuple)) and obj:
        import datetime
        first = obj[0]
        return isinstance(first, (datetime.datetime, datetime.date)) or (
            np is not None and isinstance(first, np.datetime64))
    return False


def as_dates(obj):
    """Unix seconds (UTC) as float64 for date values, else None. Naive
    datetimes count as UTC, as matplotlib's date2num takes them."""
    if not is_dates(obj):
        return None
    np = _numpy()
    a = np.asarray(obj)
    if a.dtype.kind != "M":
        import datetime
        a = np.array([np.datetime64(v.astimezone(datetime.timezone.utc)
                                    .replace(tzinfo=None)
                                    if getattr(v, "tzinfo", None) else v,
                                    "us") for v in obj])
    us = a.astype("datetime64[us]").astype(np.int64)
    return np.ascontiguousarray(us / 1e6, dtype=np.float64)
