# SPDX-License-Identifier: MIT
"""shmplot from Python: matplotlib-shaped figures rendered in parallel
worker processes over one shared-memory data segment.

    import shmplot
    fig, ax = shmplot.subplots(figsize=(12, 3))
    ax.plot(x, np.sin(x), label="sin(x)")
    ax.legend()
    res = shmplot.render([fig])          # res[0].png: bytes

Calls only record; nothing is drawn until render(), savefig() or
fig.savefig(). README "From Python" has the whole story.
"""
from ._errors import (Error, FigureError, FileError, FontError,
                      InterruptedError, InvalidError, NoMemoryError,
                      NoSpaceError, NotFoundError, PNGError, StateError,
                      SystemCallError)
from ._figure import (Figure, close, figure, rc_context, rcParams, setp,
                      subplots)
from . import colors, ticker
from ._axes import Axes
from ._render import (Result, close_workers, keys, render, render_spec,
                      savefig)
from ._data import Data

__all__ = ["Axes", "Data", "Error", "Figure", "FigureError", "FileError",
           "FontError", "InterruptedError", "InvalidError", "NoMemoryError",
           "NoSpaceError", "NotFoundError", "PNGError", "Result",
           "StateError", "SystemCallError", "close", "close_workers", "colors",
           "figure", "keys",
           "rc_context", "rcParams", "render", "render_spec", "savefig",
           "setp", "subplots", "ticker"]


def __getattr__(name):
    # The library's version, from the extension, loaded only when asked.
    if name == "__version__":
        from ._errors import lib
        return lib().version
    raise AttributeError("module 'shmplot' has no attribute %r" % name)
