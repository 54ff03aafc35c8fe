# SPDX-License-Identifier: MIT
"""Rendering batches: render(), savefig(), render_spec(). A batch's arrays
go into one new shared-memory segment, each distinct object once (the same
array in ten figures is one copy), unless every one of them is a series of
the same sealed shmplot.Data, which is then rendered from as it is."""
import os
import sys

from . import _args as A
from ._errors import FigureError, lib
from ._figure import Figure


class Result:
    """One figure's outcome: status ("ok", "error", "crashed", "timeout",
    "not run"), message, png (bytes), pdf/svg (bytes, when asked for),
    pixels ((H, W, 4) uint8 array, with pixels=True), seconds."""
    __slots__ = ("name", "status", "message", "outputs", "_pixels",
                 "seconds", "signal")

    def __init__(self, t):
        (self.name, self.status, self.message, self.outputs, self._pixels,
         self.seconds, self.signal) = t

    @property
    def ok(self):
        return self.status == "ok"

    @property
    def png(self):
        return self.outputs.get("png")

    @property
    def pdf(self):
        return self.outputs.get("pdf")

    @property
    def svg(self):
        return self.outputs.get("svg")

    @property
    def pixels(self):
        if self._pixels is None:
            return None
        if not isinstance(self._pixels, tuple):
            return self._pixels
        import numpy as np
        w, h, buf = self._pixels
        self._pixels = np.frombuffer(buf, dtype=np.uint8).reshape(h, w, 4)
        return self._pixels

    def __repr__(self):
        return "<shmplot.Result %s: %s%s>" % (
            self.name, self.status,
            ": " + self.message if self.message else "")


def _figures(figs):
    if isinstance(figs, Figure):
        return [figs]
    try:
        figs = list(figs)
    except TypeError:
        A.fail("figs", "a Figure or a list of Figures, got %r" % (figs,))
    for i, f in enumerate(figs):
        if not isinstance(f, Figure):
            A.fail("figs[%d]" % i, "not a shmplot Figure: %r" % (f,))
    return figs


class _Batch:
    """The arrays of a batch, each distinct object once, and the figure
    descriptions with ArrayArgs replaced by their index."""

    def __init__(self):
        self.index = {}
        self.args = []

    def ref(self, arg):
        k = arg.key()
        i = self.index.get(k)
        if i is None:
            i = self.index[k] = len(self.args)
            self.args.append(arg)
        return i

    def fields(self, fields):
        return [(t, n, self.ref(v)) if t == "s" else (t, n, v)
                for t, n, v in fields]

    def ops(self, ops):
        out = []
        for op in ops:
            if op[0] in ("item", "axis"):
                out.append((op[0], op[1], self.fields(op[2])))
            elif op[0] == "twin":
                out.append(("twin", op[1], self.ops(op[2]), op[3]))
            else:
                out.append(op)
        return out

    def figure(self, fig):
        d = fig._describe()
        return d[:8] + ([(r, c, self.ops(ops)) for r, c, ops in d[8]],)

    def segment(self):
        """(arrays, data): the converted arrays, or the series ids of the
        one sealed Data they all belong to."""
        arrays = [a.convert() for a in self.args]
        data = None
        ids = []
        for a in arrays:
            sp = getattr(a, "_shmplot_series", None)
            if sp is None or (data is not None and sp[0] is not data) \
                    or not sp[0]._sealed:
                return arrays, None
            data = sp[0]
            ids.append(sp[1])
        if data is None:
            return arrays, None
        return ids, data._c


def _formats(formats):
    if isinstance(formats, str):
        formats = (formats,)
    bits = 0
    for f in formats:
        bits |= A.choice("formats", f, A.FORMATS)
    return bits


def _opts(jobs, timeout, pixels, formats, start_method="warm"):
    import threading
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        A.fail("jobs", "a whole number >= 1 or None (one per CPU), got %r"
               % (jobs,))
    if timeout is not None:
        t = A.number("timeout", timeout)
        if not t >= 0 or t == float("inf"):
            A.fail("timeout", "seconds >= 0, finite (0: no limit), got %r"
                   % (timeout,))
    return dict(jobs=jobs or 0, timeout=-1.0 if timeout is None else t,
                pixels=bool(pixels), formats=_formats(formats),
                **A.choice("start_method", start_method,
                           {"warm": dict(fork=False, cold=False),
                            "spawn": dict(fork=False, cold=True),
                            "fork": dict(fork=True, cold=True)}),
                main_thread=threading.current_thread()
                is threading.main_thread())


def _finish(raw, check):
    results = [Result(t) for t in raw]
    if check:
        bad = [r for r in results if not r.ok]
        if bad:
            raise FigureError("; ".join(
                "%s: %s%s" % (r.name, r.status,
                              ": " + r.message if r.message else "")
                for r in bad))
    return results


def render(figs, jobs=None, timeout=None, pixels=False, check=False,
           formats="png", start_method="warm", transparent=None):
    """Renders figures in parallel worker processes; one Result each, in
    order. jobs: workers (None: one per CPU); timeout: seconds per figure
    (None: the library's 300 s); pixels: also each figure's RGBA pixels;
    check: raise shmplot.FigureError if a figure failed; formats: "png",
    "pdf", "svg" or several; start_method: "warm" (workers kept between
    calls, one set per process: close_workers() reaps them, as exit
    does), "spawn" (the worker executable started fresh for this batch)
    or "fork" (when the process has a single thread, as the C library
    decides); transparent: True clears every figure's and axes'
    background, as savefig(transparent=True) (None: as each figure says).
    The GIL is released while workers draw; Ctrl-C stops the
    batch, reaps its workers and raises KeyboardInterrupt."""
    figs = _figures(figs)
    opts = _opts(jobs, timeout, pixels, formats, start_method)
    b = _Batch()
    descs = [b.figure(f) for f in figs]
    if transparent is not None:
        for d in descs:
            d[7].append(("n", "transparent", 1.0 if transparent else 0.0))
    names = [d[0] for d in descs]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        A.fail("figs", "figure names must differ within a batch (they name "
               "the files): %s (subplots(num=NAME) names one)"
               % ", ".join(dup))
    arrays, data = b.segment()
    return _finish(lib().render(arrays, descs, data=data, **opts), check)


def keys(figs, format="png"):
    """Each figure's key for one output format, as 32 hex digits: a hash
    of everything its file's bytes depend on (its description, the values
    of the arrays it uses, the fonts, shmplot's build), as `shmplot render
    --incremental` keeps them. A figure whose key is the one stored beside
    its file needs no new render; equal keys, equal bytes."""
    figs = _figures(figs)
    b = _Batch()
    descs = [b.figure(f) for f in figs]
    arrays, data = b.segment()
    return lib().keys(arrays, descs, data=data,
                      format=A.choice("format", format, A.FORMATS))


def close_workers():
    """Reaps the worker processes render() keeps between calls (exit
    reaps them too; the next render() starts new ones)."""
    if "shmplot._shmplot" in sys.modules:
        lib().warm_close()


def _write_atomic(path, blob):
    d = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(d, ".%s.%d.tmp" % (os.path.basename(path),
                                         os.getpid()))
    try:
        with open(tmp, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def savefig(figs, outdir=".", format="png", check=True, **kw):
    """Renders figs and writes OUTDIR/NAME.FORMAT for each one that
    rendered, each atomically (a temporary file renamed into place).
    Returns the results; with check (the default) a failed figure raises
    shmplot.FigureError after the others are written."""
    res = render(figs, formats=format, **kw)
    os.makedirs(outdir, exist_ok=True)
    for r in res:
        if r.ok:
            _write_atomic(os.path.join(outdir, "%s.%s" % (r.name, format)),
                          r.outputs[format])
    return _finish([(r.name, r.status, r.message, r.outputs, None,
                     r.seconds, r.signal) for r in res], check)


def savefig_one(fig, fname, format=None, **kw):
    fname = os.fspath(fname)
    if format is None:
        ext = os.path.splitext(fname)[1].lstrip(".").lower()
        format = ext if ext in A.FORMATS else "png"
    A.choice("savefig: format", format, A.FORMATS)
    r = render([fig], formats=format, check=True, **kw)[0]
    _write_atomic(fname, r.outputs[format])


def _npy_fd(name, arr):
    """A memfd holding arr as .npy, for a spec's {"npy": path}."""
    import numpy as np
    a = np.ascontiguousarray(arr, dtype=np.float64)
    if a.ndim not in (1, 2):
        A.fail("arrays[%r]" % name, "1-D or 2-D, got shape %s" % (a.shape,))
    fd = os.memfd_create("shmplot-" + name, os.MFD_CLOEXEC)
    try:
        with os.fdopen(os.dup(fd), "wb") as f:
            np.save(f, a)
    except BaseException:
        os.close(fd)
        raise
    return fd


def render_spec(spec, arrays=None, jobs=None, timeout=None, pixels=False,
                check=False, formats="png", start_method="spawn"):
    """Renders a batch spec (README "Batch specs"): a dict, a JSON string,
    or the path of a .json file. arrays={name: ndarray} supplies series
    from memory (they replace or add the spec's series of that name)."""
    import json
    opts = _opts(jobs, timeout, pixels, formats, start_method)
    base = None
    if isinstance(spec, dict):
        doc = spec
    elif isinstance(spec, (str, bytes, os.PathLike)) and not (
            isinstance(spec, str) and spec.lstrip().startswith("{")):
        path = os.fspath(spec)
        base = os.path.dirname(os.path.abspath(path))
        with open(path, "rb") as f:
            text = f.read()
        if not arrays:
            return _finish(lib().render_spec(text, base, **opts), check)
        doc = json.loads(text)
    else:
        doc = json.loads(spec)
    fds = []
    try:
        if arrays:
            doc = dict(doc)
            series = dict(doc.get("series") or {})
            for name, arr in arrays.items():
                fds.append(_npy_fd(name, arr))
                series[name] = {"npy": "/proc/self/fd/%d" % fds[-1]}
            doc["series"] = series
        text = json.dumps(doc).encode()
        return _finish(lib().render_spec(text, base, **opts), check)
    finally:
        for fd in fds:
            os.close(fd)
