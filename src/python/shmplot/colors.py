# SPDX-License-Identifier: MIT
"""matplotlib.colors' norms that shmplot draws: norm=LogNorm() (or
norm="log") for scatter and imshow, with optional vmin and vmax."""


class Normalize:
    """Linear: vmin at the colormap's bottom, vmax at its top."""
    name = "linear"

    def __init__(self, vmin=None, vmax=None, clip=False):
        self.vmin = vmin
        self.vmax = vmax


class LogNorm(Normalize):
    """Logarithmic; values <= 0 are not drawn."""
    name = "log"
