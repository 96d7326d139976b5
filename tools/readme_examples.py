"""Keep the README's examples true: run every `$ osallisuus ...` line in a console block.

    python tools/readme_examples.py           # check: exit 1 and a diff if any output is stale
    python tools/readme_examples.py --update  # rewrite the outputs in README.md

Examples run with the bundled dataset, 100 columns, no colour and English
unless the command says otherwise, from the repository's top folder.
tests/test_readme.py runs the check.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.DOTALL)


def run(command: str) -> str:
    env = {
        **os.environ,
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "OSALLISUUS_LANG": "en",
        "OSALLISUUS_CACHE_DIR": os.environ.get("OSALLISUUS_CACHE_DIR") or tempfile.mkdtemp(),
    }
    env.pop("OSALLISUUS_DATA", None)
    env.pop("FORCE_COLOR", None)
    args = shlex.split(command)
    if args[0] == "osallisuus":
        args = [sys.executable, "-m", "osallisuus_cli", *args[1:]]
    proc = subprocess.run(
        args, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60
    )
    output = proc.stdout + proc.stderr
    lines = [line.rstrip() for line in output.rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n" if lines else ""


def render_block(body: str) -> str:
    """The block with each command's output replaced by a fresh run."""
    out: list[str] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append(line + "\n" + run(line[2:]))
    return "".join(out)


def refreshed(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + render_block(m.group(2)) + m.group(3), text)


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = refreshed(current)
    if "--update" in sys.argv[1:]:
        README.write_text(fresh, encoding="utf-8")
        return 0
    if fresh == current:
        print("README examples are up to date.")
        return 0
    diff = difflib.unified_diff(
        current.splitlines(), fresh.splitlines(), "README.md", "fresh", lineterm=""
    )
    print("\n".join(diff))
    print("README examples are stale: run python tools/readme_examples.py --update")
    return 1


if __name__ == "__main__":
    sys.exit(main())
