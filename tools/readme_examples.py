"""Keep the documentation's examples true: run every `$ osallisuus ...` line in a console block.

    python tools/readme_examples.py           # check: exit 1 and a diff if any output is stale
    python tools/readme_examples.py --update  # rewrite the outputs in README.md and docs/*.md

The pages are README.md and every Markdown page in docs/. Examples run with the
bundled dataset, 100 columns, no colour and English unless the command says
otherwise, from the repository's top folder. A command may end in `| head -N`
to show only its first N lines, as the shell would. tests/test_readme.py runs
the check.
"""

from __future__ import annotations

import atexit
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.DOTALL)
HEAD = re.compile(r"^(?P<command>.*?)\s*\|\s*head -(?P<lines>\d+)$")
# A cache of our own, shared by the examples of one run: an entry another program made
# (with another path for the same file) must not change what the pages show.
CACHE = tempfile.mkdtemp(prefix="osallisuus-examples-cache-")
atexit.register(shutil.rmtree, CACHE, ignore_errors=True)


def pages() -> list[Path]:
    """The pages whose examples are checked: the README, then docs/ in name order."""
    return [README, *sorted((REPO / "docs").glob("*.md"))]


def run(command: str) -> str:
    env = {
        **os.environ,
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "OSALLISUUS_LANG": "en",
        "OSALLISUUS_CACHE_DIR": CACHE,
    }
    env.pop("OSALLISUUS_DATA", None)
    env.pop("FORCE_COLOR", None)
    head = HEAD.match(command)
    keep = int(head.group("lines")) if head else None
    args = shlex.split(head.group("command") if head else command)
    if args[0] == "osallisuus":
        args = [sys.executable, "-m", "osallisuus_cli", *args[1:]]
    proc = subprocess.run(
        args,
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        cwd=REPO,
    )
    output = proc.stdout + proc.stderr
    lines = [line.rstrip() for line in output.rstrip("\n").splitlines()]
    if keep is not None:
        lines = lines[:keep]
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
    update = "--update" in sys.argv[1:]
    stale: list[str] = []
    for page in pages():
        current = page.read_text(encoding="utf-8")
        fresh = refreshed(current)
        if fresh == current:
            continue
        name = str(page.relative_to(REPO))
        if update:
            page.write_text(fresh, encoding="utf-8")
            print(f"updated {name}")
            continue
        diff = difflib.unified_diff(
            current.splitlines(), fresh.splitlines(), name, "fresh", lineterm=""
        )
        print("\n".join(diff))
        stale.append(name)
    if stale:
        names = ", ".join(stale)
        print(f"Examples are stale in {names}: run python tools/readme_examples.py --update")
        return 1
    if not update:
        print("The examples in README.md and docs/ are up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
