# SPDX-License-Identifier: MIT
"""samples/python/seed_figures.py (the seeds' class, with shmplot) writes
the same three PNG files, byte for byte, as `shmplot render`'s seed
batch."""
import os
import subprocess
import sys

from conftest import CLI, SOURCE_DIR


def test_sample_matches_cli(tmp_path):
    py, cli = tmp_path / "py", tmp_path / "cli"
    py.mkdir()
    cli.mkdir()
    sample = os.path.join(SOURCE_DIR, "samples", "python", "seed_figures.py")
    out = subprocess.run([sys.executable, sample, str(py)], check=True,
                         capture_output=True, text=True).stdout
    assert out.count("1200 x 300 RGBA pixels") == 3
    subprocess.run([CLI, "render", "-q", "-o", str(cli)], check=True)
    for name in ("figure1.png", "figure2.png", "figure3.png"):
        a = (py / name).read_bytes()
        b = (cli / name).read_bytes()
        assert a[:8] == b"\x89PNG\r\n\x1a\n"
        assert a == b, name
    assert sorted(os.listdir(py)) == ["figure1.png", "figure2.png",
                                      "figure3.png"]
