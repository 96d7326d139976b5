"""Helpers for the robustness tests (issue 5): run the real entry point, build bad datasets.

`run_main` calls `cli.main()` in-process (the same edge a user's shell reaches: usage
errors, the last-resort handler, exit codes), inside Typer's CliRunner isolation so
that stdout and stderr are captured separately and the environment is restored.
`run_process` starts a real process, only for what needs one: a pipe, a tty, an
encoding chosen at start-up.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from osallisuus_cli.cli import main

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "methods.yaml"
BUNDLED_TEXT = BUNDLED.read_text(encoding="utf-8")
PROG = "osallisuus"
ESC = "\x1b"
# A Python traceback or the interpreter's complaint about a failed final flush.
CRASH_SIGNS = ("Traceback (most recent call last)", "Exception ignored", 'File "/')


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float

    def describe(self) -> str:
        return (
            f"exit {self.code}\n--- stdout ---\n{self.stdout[-1500:]}"
            f"\n--- stderr ---\n{self.stderr[-1500:]}"
        )


def _exit_code(value: object) -> int:
    if value is None:
        return 0
    return value if isinstance(value, int) else 1


def run_main(
    *args: str,
    env: Mapping[str, str | None] | None = None,
    input: str | None = None,
    columns: int = 100,
) -> Outcome:
    """Run `osallisuus ARGS` through `cli.main()` in this process."""
    runner = CliRunner()
    full_env: dict[str, str | None] = {
        "COLUMNS": str(columns),
        "OSALLISUUS_DEBUG": None,
        "OSALLISUUS_DATA": None,
        "OSALLISUUS_LANG": None,
        "LANG": "C.UTF-8",
        "LC_ALL": None,
        **(env or {}),
    }
    old_argv = sys.argv
    start = time.perf_counter()
    with runner.isolation(input=input, env=full_env) as (out, err, _):
        sys.argv = [PROG, *args]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = _exit_code(exc.code)
        finally:
            sys.argv = old_argv
        sys.stdout.flush()
        sys.stderr.flush()
        stdout = out.getvalue().decode("utf-8", "replace")
        stderr = err.getvalue().decode("utf-8", "replace")
    return Outcome(code, stdout, stderr, time.perf_counter() - start)


def command() -> list[str]:
    """The installed console script (falls back to `python -m osallisuus_cli`)."""
    script = Path(sys.executable).with_name(PROG)
    return [str(script)] if script.exists() else [sys.executable, "-m", "osallisuus_cli"]


def process_env(extra: Mapping[str, str | None] | None = None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OSALLISUUS_DATA", "OSALLISUUS_LANG", "OSALLISUUS_DEBUG"))
        and key not in ("FORCE_COLOR", "NO_COLOR", "PYTHONIOENCODING", "LC_ALL")
    }
    env.pop("PYTHONUTF8", None)
    env.update({"COLUMNS": "100", "LANG": "C.UTF-8"})
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_process(
    args: Sequence[str],
    env: Mapping[str, str | None] | None = None,
    timeout: float = 30,
) -> tuple[int, bytes, bytes]:
    proc = subprocess.run(
        [*command(), *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=process_env(env),
        timeout=timeout,
    )
    return proc.returncode, proc.stdout, proc.stderr


def assert_no_crash(outcome: Outcome) -> None:
    for sign in CRASH_SIGNS:
        assert sign not in outcome.stderr, outcome.describe()
        assert sign not in outcome.stdout, outcome.describe()


def assert_clean_error(outcome: Outcome, code: int, *, one_line: bool = True) -> str:
    """Exit `code`, a message on stderr starting with the program's name, no traceback."""
    assert outcome.code == code, outcome.describe()
    assert_no_crash(outcome)
    message = outcome.stderr.strip()
    assert message.startswith(f"{PROG}: "), outcome.describe()
    if one_line:
        assert "\n" not in message, outcome.describe()
    assert ESC not in outcome.stderr, outcome.describe()
    return message


def mutate(text: str, old: str, new: str) -> str:
    """`text` with the first `old` replaced; fails loudly if the dataset no longer has it."""
    assert old in text, f"the bundled dataset no longer contains {old!r}"
    return text.replace(old, new, 1)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th `needle` in `text`."""
    position = -1
    for _ in range(occurrence):
        position = text.index(needle, position + 1)
    return text.count("\n", 0, position) + 1


def visible(text: str) -> str:
    """Output with box drawing and runs of spaces folded, for substring checks across wraps."""
    text = re.sub(r"[│┃║|┆]", " ", text)
    return re.sub(r"\s+", " ", text)
