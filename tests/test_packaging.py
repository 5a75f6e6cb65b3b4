"""An installed wheel works outside the checkout: analyses, fonts and templates ship inside it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_carries_its_data_and_builds_a_deck(tmp_path):
    wheel_dir = tmp_path / "wheel"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheel_dir), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0 and "No matching distribution" in result.stderr:
        pytest.skip("the build backend cannot be fetched here")
    assert result.returncode == 0, result.stderr
    wheel = next(wheel_dir.glob("briefer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("briefer/_data/assets/analyses/s400-turkiye.md",
                   "briefer/_data/assets/fonts/Carlito-Regular.ttf",
                   "briefer/_data/assets/fonts/LICENSE-Carlito-OFL.txt",
                   "briefer/_data/templates/staff-brief/template.toml",
                   "briefer/_data/templates/staff-brief/logo.png"):
        assert needed in names, needed
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import briefer, briefer.resources as r, sys\n"
        f"assert briefer.__file__.startswith(r'{unpacked}'), briefer.__file__\n"
        "assert r.data_root().name == '_data'\n"
        "from briefer.cli import main\n"
        "sys.exit(main(['build', '-t', 'think-tank', '-o', 'deck.pdf']))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True,
                         env={"PYTHONPATH": str(unpacked), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert (elsewhere / "deck.pdf").stat().st_size > 10_000
