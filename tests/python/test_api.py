# SPDX-License-Identifier: MIT
"""Every public function of the package: what it records, what render()
returns, the files savefig() writes, and the errors that name their
argument."""
import os

import numpy as np
import pytest

import shmplot
from conftest import seed_figures

PNG = b"\x89PNG\r\n\x1a\n"


def test_subplots_squeezes_like_matplotlib():
    fig, ax = shmplot.subplots()
    assert isinstance(ax, shmplot.Axes) and isinstance(fig, shmplot.Figure)
    assert fig.get_size_inches() == (6.4, 4.8) and fig.dpi == 100
    _, axs = shmplot.subplots(1, 3)
    assert axs.shape == (3,)
    _, axs = shmplot.subplots(3, 1)
    assert axs.shape == (3,)
    _, axs = shmplot.subplots(2, 3, sharex=True, sharey="all")
    assert axs.shape == (2, 3) and axs[1, 2].row == 1 and axs[1, 2].col == 2
    _, axs = shmplot.subplots(1, 1, squeeze=False)
    assert axs.shape == (1, 1)
    fig = shmplot.figure(figsize=(3, 2), dpi=50)
    assert fig.add_subplot(111) is fig.gca()


def test_subplots_errors_name_the_argument():
    with pytest.raises(ValueError, match="nrows"):
        shmplot.subplots(0, 1)
    with pytest.raises(ValueError, match="sharex"):
        shmplot.subplots(2, 2, sharex="row")
    with pytest.raises(ValueError, match="figsize"):
        shmplot.subplots(figsize=(0, 3))
    with pytest.raises(ValueError, match="bogus"):
        shmplot.subplots(bogus=1)


def test_render_results(seed):
    res = shmplot.render(seed, pixels=True)
    assert [r.name for r in res] == ["figure1", "figure2", "figure3"]
    for r in res:
        assert r.ok and r.status == "ok" and r.message == ""
        assert r.png.startswith(PNG) and r.seconds > 0
        assert r.pixels.shape == (300, 1200, 4)
        assert r.pixels.dtype == np.uint8
    # The pixels are the PNG's: opaque white corners, ink inside.
    px = res[0].pixels
    assert (px[0, 0] == 255).all() and (px[..., 3] == 255).all()
    assert (px[..., :3] < 128).any()
    assert res[0].png == shmplot.render(seed[0], jobs=1)[0].png
    assert shmplot.render(seed)[1].pixels is None


def test_formats(seed):
    r = shmplot.render(seed[:1], formats=("png", "pdf", "svg"))[0]
    assert r.png.startswith(PNG)
    assert r.pdf.startswith(b"%PDF")
    assert b"<svg" in r.svg[:400]
    with pytest.raises(ValueError, match="formats"):
        shmplot.render(seed, formats="jpeg")


def test_savefig_writes_files_atomically(tmp_path, seed):
    res = shmplot.savefig(seed, tmp_path / "out")
    assert sorted(os.listdir(tmp_path / "out")) == [
        "figure1.png", "figure2.png", "figure3.png"]
    assert (tmp_path / "out" / "figure2.png").read_bytes() == res[1].png
    seed[0].savefig(tmp_path / "one.pdf")
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")
    seed[0].savefig(str(tmp_path / "one.png"))
    assert (tmp_path / "one.png").read_bytes() == res[0].png
    assert sorted(os.listdir(tmp_path)) == ["one.pdf", "one.png", "out"]


def test_failed_figure_in_result_and_check(tmp_path):
    x = np.arange(10.0)
    good, ax = shmplot.subplots(num="good")
    ax.plot(x, x)
    bad, bx = shmplot.subplots(num="bad")
    bx.plot(x, x[:5])
    res = shmplot.render([good, bad])
    assert res[0].ok and res[1].status == "error" and res[1].png is None
    assert res[1].message == "axes 0 line 0: x has 10 points but y has 5"
    with pytest.raises(shmplot.FigureError, match="bad: error"):
        shmplot.render([good, bad], check=True)
    with pytest.raises(shmplot.FigureError):
        shmplot.savefig([good, bad], tmp_path)
    assert os.listdir(tmp_path) == ["good.png"]  # the others still written


def test_figure_text_formula_that_cannot_be_laid_out_is_an_error():
    # as a title's (issue 17): refused by name, never drawn as its source
    for which in ("title", "suptitle", "supxlabel", "supylabel"):
        fig, ax = shmplot.subplots(num=which)
        ax.plot([1.0, 2.0])
        if which == "title":
            ax.set_title(r"a $\frac{1$")
        else:
            getattr(fig, which)(r"a $\frac{1$")
        res = shmplot.render([fig])
        assert res[0].status == "error" and res[0].png is None
        assert "%s: missing '}'" % which in res[0].message


def test_tick_label_formulas_are_mathtext():
    # set_xticks(labels=) with $...$ (issue 17): laid out, or refused
    fig, ax = shmplot.subplots()
    ax.plot([1.0, 2.0])
    ax.set_xticks([0, 1], labels=["0", r"$\pi$"])
    assert shmplot.render([fig])[0].ok
    ax.set_xticks([0, 1], labels=["0", r"$\frac{1$"])
    res = shmplot.render([fig])
    assert res[0].status == "error"
    assert "xticks label 1: missing '}'" in res[0].message


def test_same_array_is_copied_once(seed):
    from shmplot._render import _Batch
    b = _Batch()
    descs = [b.figure(f) for f in seed]
    assert len(b.args) == 4          # x, sin, cos, tan over three figures
    assert descs[2][8][0][2][0][2][0] == ("s", "x", 0)


def test_buffer_protocol_and_lists():
    import array
    y = array.array("d", [1.0, 3.0, 2.0])
    f1, a1 = shmplot.subplots(num="a")
    a1.plot(memoryview(y))
    f2, a2 = shmplot.subplots(num="b")
    a2.plot([1.0, 3.0, 2.0])
    f3, a3 = shmplot.subplots(num="c")
    a3.plot(np.array([1, 3, 2], dtype=np.int32))
    r = shmplot.render([f1, f2, f3], check=True)
    assert r[0].png == r[1].png == r[2].png


def test_record_errors_name_the_argument():
    _, ax = shmplot.subplots()
    with pytest.raises(shmplot.InvalidError, match="color.*'bleu'"):
        ax.plot([1, 2], color="bleu")
    with pytest.raises(ValueError, match="linestyle"):
        ax.plot([1, 2], linestyle="~~")
    with pytest.raises(ValueError, match="format '@'"):
        ax.plot([1, 2], "@")
    with pytest.raises(ValueError, match="wiggle"):
        ax.plot([1, 2], wiggle=3)
    with pytest.raises(ValueError, match="loc"):
        ax.legend(loc="top")
    with pytest.raises(ValueError, match="set_yscale"):
        ax.set_yscale("logit")
    fig, ax = shmplot.subplots()
    ax.plot(["a", "b"])
    with pytest.raises(ValueError, match="plot: y"):
        shmplot.render(fig)


def test_library_errors_raise_before_drawing():
    fig, ax = shmplot.subplots()
    ax.plot([1, 2])
    ax.set_xlim(1, 1)                    # equal limits: the library refuses
    with pytest.raises(shmplot.InvalidError):
        shmplot.render(fig)
    fig, ax = shmplot.subplots()
    ax.scatter([1], [2], c=[3], cmap="viridi")
    with pytest.raises(shmplot.InvalidError, match="viridi"):
        shmplot.render(fig)
    with pytest.raises(ValueError, match="jobs"):
        shmplot.render(fig, jobs=0)
    with pytest.raises(ValueError, match="timeout"):
        shmplot.render(fig, timeout=-1)
    with pytest.raises(ValueError, match="figs"):
        shmplot.render([fig, "x"])
    f1, _ = shmplot.subplots(num="same")
    f2, _ = shmplot.subplots(num="same")
    with pytest.raises(ValueError, match="same"):
        shmplot.render([f1, f2])


def test_axes_setters_change_the_picture():
    x = np.linspace(1, 100, 50)

    def png(setup):
        fig, ax = shmplot.subplots(figsize=(4, 3), num="s")
        ax.plot(x, x, label="x")
        setup(ax)
        return shmplot.render(fig, check=True)[0].png

    base = png(lambda ax: None)
    changes = [lambda ax: ax.set_title("T"), lambda ax: ax.set_xlabel("X"),
               lambda ax: ax.set_ylabel("Y"),
               lambda ax: ax.set_xlim(0, 50), lambda ax: ax.set_ylim(0, 50),
               lambda ax: ax.set_xscale("log"),
               lambda ax: ax.set_yscale("symlog", linthresh=10),
               lambda ax: ax.legend(loc="upper left"),
               lambda ax: ax.grid(), lambda ax: ax.margins(0.2),
               lambda ax: ax.set_aspect("equal"),
               lambda ax: ax.set_xticks([0, 50, 100], ["a", "b", "c"]),
               lambda ax: ax.tick_params(direction="in", length=8),
               lambda ax: ax.minorticks_on(),
               lambda ax: ax.get_figure().suptitle("S")]
    pngs = [png(c) for c in changes]
    assert all(p != base for p in pngs)
    assert len(set(pngs)) == len(pngs)


def test_rcparams():
    def png():
        fig, ax = shmplot.subplots(figsize=(3, 2), num="r")
        ax.set_title("title")
        return shmplot.render(fig, check=True)[0].png

    base = png()
    old = dict(shmplot.rcParams)
    try:
        shmplot.rcParams["axes.titlesize"] = 20
        assert png() != base
        shmplot.rcParams["axes.titlesize"] = "large"
        assert png() == base
        with pytest.raises(ValueError, match="lines.linewidth"):
            shmplot.rcParams["lines.linewidth"] = 3
        shmplot.rcParams["figure.figsize"] = (2, 2)
        fig, _ = shmplot.subplots()
        assert fig.get_size_inches() == (2, 2)
    finally:
        shmplot.rcParams.update(old)


def test_render_spec(tmp_path):
    spec = os.path.join(os.environ.get("SHMPLOT_SOURCE_DIR", "."),
                        "samples", "seed.json")
    from_file = shmplot.render_spec(spec, check=True)
    assert [r.png for r in from_file] == [
        r.png for r in shmplot.render(seed_figures(), check=True)]
    x = np.linspace(0, 4 * np.pi, 1000)
    doc = {"shmplot": 1, "defaults": {"size": [12, 3], "dpi": 100},
           "series": {},
           "figures": [{"name": "figure1",
                        "lines": [{"x": "x", "y": "s", "label": "sin(x)"},
                                  {"x": "x", "y": "c", "label": "cos(x)"}]}]}
    r = shmplot.render_spec(doc, arrays={"x": x, "s": np.sin(x),
                                         "c": np.cos(x)}, check=True)
    assert r[0].png == from_file[0].png
    with pytest.raises(shmplot.InvalidError, match="figures"):
        shmplot.render_spec({"shmplot": 1, "figures": [{"lines": 3}]})


def test_close_is_harmless(seed):
    shmplot.close(seed[0])
    shmplot.close()
    assert shmplot.render(seed[0])[0].ok


def test_version():
    assert shmplot.__version__.count(".") == 2


def test_start_methods_give_the_same_bytes(seed):
    a = [r.png for r in shmplot.render(seed, start_method="spawn")]
    b = [r.png for r in shmplot.render(seed, start_method="fork")]
    assert a == b
    with pytest.raises(ValueError, match="start_method"):
        shmplot.render(seed, start_method="forkserver")


def test_import_does_not_load_the_extension():
    import subprocess
    import sys
    code = ("import sys, shmplot; fig, ax = shmplot.subplots(); "
            "ax.plot([1, 2], lw=2); "
            "print('shmplot._shmplot' in sys.modules, "
            "'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], check=True,
                         capture_output=True, text=True).stdout
    assert out.split() == ["False", "False"]


def test_timeout_is_reported_per_figure():
    rng = np.random.default_rng(2)
    x, y, c = rng.random((3, 3000000))
    slow, ax = shmplot.subplots(num="slow")
    ax.scatter(x, y, c=c, s=c * 50 + 1)  # every marker drawn: ~3 s
    fast, bx = shmplot.subplots(num="fast")
    bx.plot([1, 2, 3])
    res = shmplot.render([slow, fast], timeout=1, jobs=2)
    assert res[0].status == "timeout" and res[0].png is None
    assert res[1].ok


def test_data_info():
    d = shmplot.Data(1000, series=3)
    d.alloc("a", 10)
    d.add("b", [1.0, 2.0])
    assert len(d) == 2 and d.nbytes >= 12 * 8 and not d.sealed
    assert list(d["b"]) == [1.0, 2.0]


def test_legend_and_label_font_options():
    x = np.linspace(0, 10, 50)

    def png(setup):
        fig, ax = shmplot.subplots(figsize=(4, 3), num="l")
        ax.plot(x, np.sin(x), label="sin")
        ax.plot(x, np.cos(x), label="cos")
        setup(ax)
        return shmplot.render(fig, check=True)[0].png

    base = png(lambda ax: (ax.legend(), ax.set_title("T")))
    changes = [lambda ax: ax.legend(ncols=2),
               lambda ax: ax.legend(title="legend"),
               lambda ax: ax.legend(fontsize="small"),
               lambda ax: ax.legend(frameon=False),
               lambda ax: ax.legend(bbox_to_anchor=(1.02, 1),
                                    loc="upper left"),
               lambda ax: ax.set_title("T", fontweight="bold"),
               lambda ax: ax.set_title("T", fontstyle="italic"),
               lambda ax: ax.set_title("T", fontdict={"fontsize": 8})]
    pngs = [png(c) for c in changes]
    assert all(p != base for p in pngs)
    assert len(set(pngs)) == len(pngs)
    # ncol is ncols' older name: the same legend
    assert png(lambda ax: ax.legend(ncol=2)) == pngs[0]
    _, ax = shmplot.subplots()
    with pytest.raises(ValueError, match="ncol"):
        ax.legend(ncol=2, ncols=3)
    with pytest.raises(ValueError, match="bbox_to_anchor"):
        ax.legend(bbox_to_anchor=(1, 1, 1))
    with pytest.raises(ValueError, match="fontsize"):
        ax.legend(fontsize="huge")
    with pytest.raises(ValueError, match="fontweight"):
        ax.set_title("T", fontweight="fat")
    fig, ax = shmplot.subplots()
    ax.plot([1, 2], label="a")
    ax.legend(ncols=0)
    with pytest.raises(shmplot.InvalidError, match="ncols"):
        shmplot.render(fig)
