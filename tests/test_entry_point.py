"""The installed console script and `python -m osallisuus_cli`, as real processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _command() -> list[str]:
    script = Path(sys.executable).with_name("osallisuus")
    if script.exists():
        return [str(script)]
    found = shutil.which("osallisuus")
    if found is None:
        pytest.skip("the osallisuus console script is not installed")
    return [found]


def test_installed_entry_point_runs_from_another_folder(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run(
        [*_command(), "recommend", "-t", "children", "--json"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout.decode("utf-8"))
    assert document["results"][0]["id"] == "lasten-osallisuus"
    assert proc.stderr == b""


def test_python_dash_m_matches_the_script(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "osallisuus_cli", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("osallisuus ")


def test_shell_completion_script_and_values(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*_command(), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SHELL": "/bin/bash"},
    )
    assert proc.returncode == 0
    assert "_OSALLISUUS_COMPLETE" in proc.stdout
    env = {
        **os.environ,
        "_OSALLISUUS_COMPLETE": "complete_bash",
        "COMP_WORDS": "osallisuus recommend -t ca",
        "COMP_CWORD": "3",
    }
    proc = subprocess.run(_command(), capture_output=True, text=True, env=env, timeout=60)
    assert "caregivers" in proc.stdout.split()
    env.update(COMP_WORDS="osallisuus show la", COMP_CWORD="2")
    proc = subprocess.run(_command(), capture_output=True, text=True, env=env, timeout=60)
    assert {"laheisneuvonpito", "lasten-osallisuus"} <= set(proc.stdout.split())
