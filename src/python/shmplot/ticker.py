# SPDX-License-Identifier: MIT
"""matplotlib.ticker's formatters that shmplot draws (README "Ticks" lists
the format subset): ax.xaxis.set_major_formatter(FormatStrFormatter("%.2f"))
or a str, as matplotlib takes it."""


class FormatStrFormatter:
    """An old-style format of the tick value: "%.1f s"."""

    def __init__(self, fmt):
        self.fmt = str(fmt)


class StrMethodFormatter:
    """A str.format field of x: "{x:.0%}"."""

    def __init__(self, fmt):
        self.fmt = str(fmt)
