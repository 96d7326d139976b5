"""The README is short and its examples, and those of docs/, are real output of the current code."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_readme_examples_are_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "tools" / "readme_examples.py")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr


def test_readme_is_what_a_newcomer_reads_in_five_minutes() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    order = [
        "## Set-up",
        "## Commands",
        "## Dependencies",
        "## Where to read more",
        "## Lyhyesti suomeksi",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    # .ci/run installs the project as these two commands say.
    assert "pip install . && osallisuus recommend" in text
    assert "pip install -e '.[test]' && pytest" in text
    # The tour: one real example of each command.
    for command in ("recommend", "plan", "list", "show", "compare", "search", "questions"):
        assert f"$ osallisuus {command} " in text, command
    assert "export --overview" in text and "$ osallisuus validate" in text


def test_the_reference_is_in_docs_and_the_readme_points_to_every_page() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pages = {page.name: page.read_text(encoding="utf-8") for page in (REPO / "docs").glob("*.md")}
    for page in pages:
        assert f"(docs/{page})" in readme, page
    expected = {
        "json.md": "# JSON and exit codes",
        "dataset.md": "# The dataset, and using your own",
        "score.md": "# How the score works",
        "describe.md": "## Reading a description",
        "performance.md": "# Performance",
        "plan.md": "# `plan`",
        "recommend.md": "# `recommend`",
        "handouts.md": "# `export`",
    }
    for page, heading in expected.items():
        assert heading in pages[page], page


def test_every_relative_link_in_readme_and_docs_leads_to_a_file() -> None:
    for page in [REPO / "README.md", *(REPO / "docs").glob("*.md")]:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target}"
