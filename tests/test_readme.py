"""The README's examples are real output of the current code."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_readme_examples_are_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "tools" / "readme_examples.py")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr


def test_readme_has_the_sections_a_newcomer_needs() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    order = [
        "## Set-up",
        "## Commands",
        "## JSON and exit codes",
        "## The dataset",
        "## How the score works",
        "## Performance",
        "## Lyhyesti suomeksi",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "pip install . && osallisuus recommend" in text
