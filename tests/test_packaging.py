"""The wheel carries the dataset, so a normal install finds it from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


def test_wheel_contains_the_dataset_and_type_marker(tmp_path: Path) -> None:
    pytest.importorskip("build")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("osallisuus-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "osallisuus_cli/data/methods.yaml" in names
    assert "osallisuus_cli/py.typed" in names
    assert "osallisuus_cli/lemmas.json" in names
    packaged = zipfile.ZipFile(wheel).read("osallisuus_cli/data/methods.yaml")
    assert packaged == (REPO / "data" / "methods.yaml").read_bytes()


def test_editable_install_finds_the_repo_dataset() -> None:
    from osallisuus_cli.files import bundled_path

    path = bundled_path()
    assert path.is_file()
    assert path.read_bytes() == (REPO / "data" / "methods.yaml").read_bytes()
