# SPDX-License-Identifier: MIT
"""shmplot's exceptions, in Python so that `import shmplot` need not load
the C extension (and cairo with it) until something is drawn. The
extension raises them by the library's status (shmplot.h)."""
import os


class Error(Exception):
    """Base class of shmplot's errors; str() is the library's message."""


class InvalidError(Error, ValueError):
    """A bad argument (SHMPLOT_E_INVALID); the message names it."""


class NoMemoryError(Error, MemoryError):
    """Out of memory (SHMPLOT_E_NOMEM)."""


class NoSpaceError(Error, OSError):
    """No room in /dev/shm for the data segment (SHMPLOT_E_NOSPACE)."""


class SystemCallError(Error, OSError):
    """A system call failed (SHMPLOT_E_SYSTEM)."""


class StateError(Error):
    """Not allowed now, e.g. adding to a sealed segment (SHMPLOT_E_STATE)."""


class NotFoundError(Error, LookupError):
    """No series with that name (SHMPLOT_E_NOT_FOUND)."""


class FontError(Error):
    """The font file could not be loaded (SHMPLOT_E_FONT)."""


class FigureError(Error):
    """Some figures of a batch failed (render(check=True))."""


class InterruptedError(Error):
    """The batch was stopped (SHMPLOT_E_INTERRUPTED)."""


class PNGError(Error):
    """PNG data could not be encoded or decoded (SHMPLOT_E_PNG)."""


class FileError(Error, OSError):
    """Reading or writing a file failed (SHMPLOT_E_IO)."""


# shmplot_status values (shmplot.h) -> class.
BY_STATUS = {1: InvalidError, 2: NoMemoryError, 3: NoSpaceError,
             4: SystemCallError, 5: StateError, 6: NotFoundError,
             7: FontError, 8: FigureError, 9: InterruptedError,
             10: PNGError, 11: FileError}

_lib = None


def lib():
    """The C extension, loaded (and given these classes) on first use."""
    global _lib
    if _lib is None:
        from . import _shmplot
        _shmplot.set_errors(Error, BY_STATUS)
        # A forked child lets go of the parent's kept workers at once.
        os.register_at_fork(after_in_child=_shmplot.warm_after_fork)
        _lib = _shmplot
    return _lib
