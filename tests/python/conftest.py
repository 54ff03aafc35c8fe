# SPDX-License-Identifier: MIT
"""Shared fixtures: the build tree's paths (CTest sets them) and the seed
batch's figures."""
import os

import numpy as np
import pytest

import shmplot

SOURCE_DIR = os.environ.get(
    "SHMPLOT_SOURCE_DIR",
    os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
CLI = os.environ.get("SHMPLOT_CLI", os.path.join(SOURCE_DIR, "build", "src",
                                                 "shmplot"))


def seed_figures(n=1000, names=("figure1", "figure2", "figure3")):
    x = np.linspace(0, 4 * np.pi, n)
    return seed_figures_of(x, np.sin(x), np.cos(x), np.tan(x), names)


def seed_figures_of(x, s, c, t, names=("figure1", "figure2", "figure3")):
    """The seed's three figures over the caller's arrays (numpy arrays or
    views of a shmplot.Data segment)."""
    figs = []
    for i, name in enumerate(names):
        fig, ax = shmplot.subplots(figsize=(12, 3), num=name)
        if i != 1:
            ax.plot(x, s, label="sin(x)")
            ax.plot(x, c, label="cos(x)")
        if i != 0:
            ax.plot(x, t, label="tan(x)")
            ax.set_ylim(-5, 5)
        ax.legend()
        figs.append(fig)
    return figs


@pytest.fixture
def seed():
    return seed_figures()


def children(pid=None):
    """Pids of the live processes whose parent is pid (default: us)."""
    pid = os.getpid() if pid is None else pid
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid:
            out.append(int(d))
    return out
