# SPDX-License-Identifier: MIT
"""shmplot.Data: compute straight into the shared-memory segment.

alloc() hands out numpy arrays over the segment itself. seal() makes the
segment read-only for good (the library remaps it from a read-only
descriptor), so the arrays that could write to it must stop doing so first:
every array over the segment that numpy creates from them (slices,
reshapes, .T) is a SegmentArray, noted as it is made, and seal() marks them
all read-only. A write then raises numpy's ValueError ("assignment
destination is read-only") instead of faulting, and setting
flags.writeable back is refused, since the buffer underneath is read-only
too. Each array holds the segment, which is unmapped only when the last
array over it and the Data are gone."""
import weakref

from . import _args as A
from ._errors import NotFoundError, lib

_segment_array = None


def _array_type():
    global _segment_array
    if _segment_array is not None:
        return _segment_array
    import numpy as np

    class SegmentArray(np.ndarray):
        """A numpy array over a shmplot.Data segment."""

        def __array_finalize__(self, obj):
            owner = getattr(obj, "_shmplot_owner", None)
            self._shmplot_series = None
            self._shmplot_owner = None
            if owner is None or self.base is None:
                return
            lo, hi = owner._ranges.get(id(obj), (0, 0))
            p = self.__array_interface__["data"][0]
            if lo <= p < hi or (self.size == 0 and lo <= p <= hi):
                self._shmplot_owner = owner
                owner._note(self, lo, hi)

        def __array_wrap__(self, out, context=None):
            # A ufunc's result is new memory: a plain ndarray.
            return out.view(np.ndarray) if out.base is None or \
                getattr(out, "_shmplot_owner", None) is None else out

    _segment_array = SegmentArray
    return SegmentArray


class _Ranges:
    """views' ranges by id, for SegmentArray.__array_finalize__."""
    __slots__ = ("views",)

    def __init__(self, views):
        self.views = views

    def get(self, k, default):
        v = self.views.get(k)
        return default if v is None else v[1:]


class Data:
    """Data(points, series=16): a shared-memory segment with room for
    `points` float64 values in up to `series` series. alloc() returns
    writable numpy arrays over it; seal() makes them read-only; figures that
    plot only its arrays render from it with no copy."""

    def __init__(self, points, series=16):
        self._c = lib().Data(points, series)
        self._sealed = False
        # id(array) -> (weak reference, its segment range): arrays are
        # not hashable, and the entry goes when the array does.
        self._views = {}
        self._ranges = _Ranges(self._views)

    def _note(self, arr, lo, hi):
        k = id(arr)
        views = self._views
        self._views[k] = (weakref.ref(arr, lambda _: views.pop(k, None)),
                          lo, hi)
        if self._sealed:
            arr.flags.writeable = False

    def _wrap(self, name, sid, region, shape):
        import numpy as np
        # Straight over the Region (the array's base): no intermediate
        # array whose own writeable flag numpy would consult.
        n = memoryview(region).nbytes // 8
        arr = _array_type()(shape if shape is not None else (n,),
                            dtype=np.float64, buffer=region)
        p = arr.__array_interface__["data"][0]
        arr._shmplot_owner = self
        self._note(arr, p, p + arr.nbytes)
        arr._shmplot_series = (self, sid)
        return arr

    def alloc(self, name, n):
        """A new series called name of n zeros (n, or (rows, cols) for an
        image), as a writable numpy array over the segment: compute into
        it in place (np.sin(x, out=y), y[:] = ...)."""
        shape = None
        if isinstance(n, tuple):
            if len(n) != 2 or not all(isinstance(k, int) and k >= 1
                                      for k in n):
                A.fail("alloc: n", "a length or (rows, cols), got %r" % (n,))
            shape, n = n, n[0] * n[1]
        if not isinstance(n, int) or isinstance(n, bool):
            A.fail("alloc: n", "a whole number, got %r" % (n,))
        sid, region = self._c.alloc(name, n)
        if shape is not None:
            self._c.set_shape(sid, shape[0], shape[1])
        return self._wrap(name, sid, region, shape)

    def add(self, name, values):
        """A copy of values (1-D or 2-D) as a new series; returns the array
        over the segment."""
        import numpy as np
        a = np.ascontiguousarray(values, dtype=np.float64)
        if a.ndim not in (1, 2):
            A.fail("add: values", "1-D or 2-D, got shape %s" % (a.shape,))
        sid = self._c.add(name, a)
        return self._wrap(name, sid, self._c.region(sid),
                          a.shape if a.ndim == 2 else None)

    def __getitem__(self, name):
        sid = self._c.find(name)
        return self._wrap(name, sid, self._c.region(sid), None)

    def __contains__(self, name):
        try:
            self._c.find(name)
        except NotFoundError:
            return False
        return True

    def seal(self):
        """Makes the segment read-only for good: every array over it turns
        read-only (writes raise ValueError). Sealing twice does nothing."""
        for ref, _, _ in list(self._views.values()):
            v = ref()
            if v is not None:
                v.flags.writeable = False
        self._c.seal()
        self._sealed = True

    @property
    def sealed(self):
        return self._sealed

    def __len__(self):
        return self._c.info()["count"]

    @property
    def nbytes(self):
        return self._c.info()["bytes"]
