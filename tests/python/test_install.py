# SPDX-License-Identifier: MIT
"""`cmake --install` installs the package, which works from wherever the
prefix is moved to, with the shmplot-worker installed beside it: a batch
that spawns its workers renders, and without that copy it cannot (no
build path and no environment variable stands in)."""
import os
import shutil
import subprocess
import sys

import pytest

BUILD = os.environ.get("SHMPLOT_BUILD_DIR")
CMAKE = os.environ.get("SHMPLOT_CMAKE", "cmake")

CODE = """
import sys
import shmplot
assert shmplot.__file__.startswith(sys.argv[1]), shmplot.__file__
fig, ax = shmplot.subplots(figsize=(3, 2))
ax.plot([1.0, 3.0, 2.0], label="a")
ax.legend()
try:
    r = shmplot.render(fig, start_method="spawn")[0]
    print(r.status)
except shmplot.Error as e:
    print("error", e)
"""


@pytest.mark.skipif(not BUILD, reason="SHMPLOT_BUILD_DIR not set (CTest "
                    "sets it)")
def test_installed_package_finds_its_worker(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run([CMAKE, "--install", BUILD, "--prefix", str(prefix)],
                   check=True, capture_output=True)
    moved = tmp_path / "moved"
    shutil.move(str(prefix), str(moved))
    pkgs = [os.path.join(r, "shmplot") for r, dirs, _ in os.walk(moved)
            if "shmplot" in dirs and r.endswith("-packages")]
    assert len(pkgs) == 1, pkgs
    site = os.path.dirname(pkgs[0])
    env = dict(os.environ, PYTHONPATH=site)
    env.pop("SHMPLOT_WORKER", None)

    def run():
        return subprocess.run([sys.executable, "-c", CODE, site], env=env,
                              check=True, capture_output=True,
                              text=True, cwd=tmp_path).stdout.strip()

    assert run() == "ok"
    os.unlink(os.path.join(pkgs[0], "shmplot-worker"))
    assert run().startswith("error cannot start a worker process")
