"""Output channels: closed pipes, narrow encodings, locales, colour settings, tiny widths.

Real processes only where the point is the process: a pipe closed early, an encoding
or locale chosen at start-up. Colour variables and COLUMNS are read when the console
is made, so those run in-process.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from rich.cells import cell_len

from robust_helpers import (
    CRASH_SIGNS,
    ESC,
    assert_clean_error,
    assert_no_crash,
    command,
    process_env,
    run_main,
    run_process,
)

# -- a pipe closed early ------------------------------------------------------------------

PIPED = {
    "list": ["list"],
    "show": ["--lang", "fi", "show", "bikva"],
    "compare": ["compare", "bikva", "asiakasraati"],
    "search": ["search", "perhe"],
    "recommend": ["recommend", "-t", "children"],
    "recommend --json": ["recommend", "-t", "children", "--json"],
    "export html": ["export", "-f", "html"],
    "validate": ["validate"],
}


def _with_closed_pipe(args: list[str]) -> tuple[int, str]:
    """Run with stdout a pipe whose reader is already gone: the first write fails (EPIPE)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [*command(), *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=process_env(),
            timeout=30,
        )
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("name", list(PIPED))
def test_a_closed_pipe_ends_quietly(name: str) -> None:
    code, stderr = _with_closed_pipe(PIPED[name])
    for sign in CRASH_SIGNS:
        assert sign not in stderr, stderr
    assert stderr == ""
    assert code == 0


def test_help_into_a_closed_pipe_is_quiet() -> None:
    # The help is printed by Typer's own console, which exits 1 on EPIPE; quiet is the point.
    code, stderr = _with_closed_pipe(["--help"])
    assert stderr == ""
    assert code in (0, 1)


@pytest.mark.parametrize("args", [["export", "-f", "html"], ["--lang", "fi", "list"]])
def test_head_dash_one(args: list[str]) -> None:
    """Like `osallisuus ... | head -1`: one line read, then the reader goes away."""
    proc = subprocess.Popen(
        [*command(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=process_env({"COLUMNS": "60"}),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=30)
    assert first.strip()
    assert stderr == "", stderr
    assert code == 0


# -- narrow encodings and the C locale --------------------------------------------------------

ENCODED = {
    "Finnish list": (["--lang", "fi", "list"], 0),
    "show with dashes and dots": (["show", "bikva"], 0),
    "search": (["--lang", "fi", "search", "läheisneuvonpito"], 0),
    "an error echoing an emoji": (["show", "👶"], 2),
}


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("name", list(ENCODED))
def test_narrow_encodings_replace_characters(encoding: str, name: str) -> None:
    args, expected = ENCODED[name]
    code, stdout, stderr = run_process(args, env={"PYTHONIOENCODING": encoding})
    text = stderr.decode(encoding)  # must decode: nothing the encoding cannot hold
    assert code == expected, text
    assert "Traceback" not in text
    human = stdout.decode(encoding)
    if expected == 0:
        assert "bikva" in human or "laheisneuvonpito" in human
    else:
        assert text.startswith("osallisuus: ") and "?" in text  # the emoji, replaced


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "LANG": "C"}],
    ids=["ascii", "C locale, no coercion"],
)
def test_json_is_utf8_whatever_the_encoding(env: dict[str, str]) -> None:
    code, stdout, stderr = run_process(["--lang", "fi", "show", "laheisneuvonpito", "--json"], env)
    assert code == 0, stderr
    document = json.loads(stdout.decode("utf-8"))
    assert document["method"]["name"] == "Läheisneuvonpito"


def test_c_locale_works() -> None:
    code, stdout, stderr = run_process(["--lang", "fi", "list"], {"LC_ALL": "C", "LANG": "C"})
    assert code == 0, stderr
    assert "Läheisneuvonpito" in stdout.decode("utf-8")  # Python's UTF-8 mode for the C locale
    assert stderr == b""


def test_c_locale_with_ascii_streams_replaces() -> None:
    code, stdout, stderr = run_process(
        ["--lang", "fi", "list"], {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}
    )
    assert code == 0, stderr
    text = stdout.decode("ascii")
    assert "L?heisneuvonpito" in text
    assert stderr == b""


# -- colour settings never reach JSON -----------------------------------------------------------

JSON_COMMANDS = {
    "list": ("list", "--json"),
    "show": ("show", "bikva", "--json"),
    "compare": ("compare", "bikva", "asiakasraati", "--json"),
    "search": ("search", "perhe", "--json"),
    "recommend": ("recommend", "-t", "children", "--describe", "lapset", "--json"),
    "validate": ("validate", "--json"),
    "export": ("export", "-f", "json"),
}
COLOUR_ENVS = {
    "FORCE_COLOR": {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
    "NO_COLOR": {"NO_COLOR": "1"},
    "TERM=dumb": {"TERM": "dumb"},
    "FORCE_COLOR and TERM=dumb": {"FORCE_COLOR": "1", "TERM": "dumb"},
}


@pytest.mark.parametrize("env", list(COLOUR_ENVS))
@pytest.mark.parametrize("name", list(JSON_COMMANDS))
def test_colour_settings_never_put_escapes_into_json(env: str, name: str) -> None:
    outcome = run_main(*JSON_COMMANDS[name], env=COLOUR_ENVS[env], columns=40)
    assert outcome.code == 0, outcome.describe()
    assert ESC not in outcome.stdout
    assert json.loads(outcome.stdout)["schema_version"] == 1
    assert outcome.stdout.count("\n") > 3  # indented JSON, not wrapped by a console


def test_force_color_does_colour_human_output() -> None:
    """So the test above is not vacuous: the same variable does reach the console."""
    outcome = run_main("show", "bikva", env=COLOUR_ENVS["FORCE_COLOR"])
    assert outcome.code == 0
    assert ESC in outcome.stdout


@pytest.mark.parametrize("env", ["NO_COLOR", "TERM=dumb"])
def test_no_colour_settings_give_plain_human_output(env: str) -> None:
    for args in (("list",), ("show", "bikva"), ("recommend", "-t", "children")):
        outcome = run_main(*args, env=COLOUR_ENVS[env])
        assert outcome.code == 0
        assert ESC not in outcome.stdout


# -- tiny widths ---------------------------------------------------------------------------------

EVERY_COMMAND = {
    "help": (("--help",), "recommend"),
    "recommend help": (("recommend", "--help"), "Usage"),
    "list": (("list",), "bikva"),
    "Finnish list": (("--lang", "fi", "list"), "laheisneuvonpito"),
    "show": (("show", "laheisneuvonpito"), "laheisneuvonpito"),
    "compare three": (("compare", "bikva", "asiakasraati", "verkostokokous"), "verkostokokous"),
    "search": (("search", "perhe"), "1."),
    "recommend": (("recommend", "-t", "children", "--no-facilitator"), "lasten-osallisuus"),
    "recommend describe": (("recommend", "--describe", "lapset päiväkodissa"), "lapset"),
    "validate": (("validate",), "10"),
}


@pytest.mark.parametrize("name", list(EVERY_COMMAND))
def test_thirty_columns_work_for_every_command(name: str) -> None:
    args, expected = EVERY_COMMAND[name]
    outcome = run_main(*args, columns=30)
    assert outcome.code == 0, outcome.describe()
    assert_no_crash(outcome)
    assert expected in outcome.stdout, outcome.stdout
    widest = max(cell_len(line) for line in outcome.stdout.splitlines())
    assert widest <= 30, f"{widest} columns:\n{outcome.stdout}"


@pytest.mark.parametrize("columns", ["0", "1", "abc", "-5"])
def test_odd_columns_values_still_print(columns: str) -> None:
    outcome = run_main("list", env={"COLUMNS": columns})
    assert outcome.code == 0, outcome.describe()
    assert "bikva" in outcome.stdout


def test_an_error_at_thirty_columns_is_one_line() -> None:
    message = assert_clean_error(run_main("show", "dogs", columns=30), 2)
    assert "closest" in message
