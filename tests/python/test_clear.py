# SPDX-License-Identifier: MIT
"""Clear backgrounds from Python: savefig(transparent=True) and
render(transparent=True) as matplotlib's savefig(transparent=True), the
same figure as facecolor "none" with every axes' facecolor "none";
ax.set_facecolor; straight (not premultiplied) RGBA pixels."""
import os

import numpy as np
import pytest

import shmplot

x = np.linspace(0, 10, 200)


def line_figure(name, **kw):
    fig, ax = shmplot.subplots(figsize=(4, 3), num=name, **kw)
    ax.plot(x, np.sin(x), color="C3", alpha=0.5, linewidth=6)
    return fig, ax


def colour_type(png):
    return png[25]  # IHDR's colour type: 2 RGB, 6 RGBA


def test_transparent_equals_face_none_everywhere():
    a, _ = line_figure("clear")
    b, bx = line_figure("clear", facecolor="none")
    bx.set_facecolor("none")
    ra = shmplot.render([a], transparent=True, check=True)[0]
    rb = shmplot.render([b], check=True)[0]
    assert colour_type(ra.png) == 6
    assert ra.png == rb.png
    # without transparent=, the same figure is opaque RGB
    assert colour_type(shmplot.render([a], check=True)[0].png) == 2


def test_pixels_are_straight_rgba():
    fig, ax = line_figure("px", facecolor="none")
    r = shmplot.render([fig], transparent=True, pixels=True, check=True)[0]
    px = r.pixels
    assert px.shape == (300, 400, 4)
    assert (px[0, 0] == 0).all()
    # the half-transparent red line's inside: alpha 128 (0.5), colour
    # tab:red (0xd62728) itself, not darkened to about half by
    # premultiplication (black text and ticks have alpha too: only the
    # line's pixels, by hue, are looked at)
    a = px[..., 3].astype(int)
    red = (px[..., 0].astype(int) > 3 * px[..., 1]) & (a == 128)
    assert red.sum() > 500
    rgb = px[red][:, :3].astype(int)
    assert (abs(rgb - [0xd6, 0x27, 0x28]) <= 2).all()


def test_axes_facecolor():
    fig, ax = line_figure("face")
    ax.set_facecolor("#eaeaf2")
    r = shmplot.render([fig], pixels=True, check=True)[0]
    assert colour_type(r.png) == 2
    assert tuple(r.pixels[150, 30]) == (0xea, 0xea, 0xf2, 255) or \
        tuple(r.pixels[40, 200]) == (0xea, 0xea, 0xf2, 255)
    with pytest.raises(shmplot.Error, match="set_facecolor"):
        ax.set_facecolor("not-a-colour")


def test_savefig_transparent(tmp_path):
    fig, _ = line_figure("saved")
    path = os.path.join(tmp_path, "saved.png")
    fig.savefig(path, transparent=True)
    with open(path, "rb") as f:
        assert colour_type(f.read()) == 6
    shmplot.savefig([fig], str(tmp_path / "out"), transparent=True)
    with open(tmp_path / "out" / "saved.png", "rb") as f:
        assert colour_type(f.read()) == 6
