"""The planner scenarios of the development set, through the shared runner script."""

from __future__ import annotations

import shlex
import subprocess
import sys

import pytest

from conftest import SHARED

RUNNER = SHARED / "tools" / "run_scenarios.py"
SCENARIOS = SHARED / "scenarios" / "dev.yaml"
pytestmark = pytest.mark.skipif(
    not (RUNNER.is_file() and SCENARIOS.is_file()), reason="../shared is not beside the repo"
)


@pytest.mark.parametrize("select", ["structured", "text"])
def test_dev_scenarios_pass(select: str) -> None:
    command = shlex.join([sys.executable, "-m", "osallisuus_cli"])
    proc = subprocess.run(
        [sys.executable, str(RUNNER), str(SCENARIOS), "--cmd", command, "--select", select],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 failed" in proc.stdout
