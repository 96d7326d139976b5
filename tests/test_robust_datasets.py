"""Bad datasets get one clear sentence and exit 1; nothing in a dataset ever runs (issue 5).

Every case is a mutated copy of the bundled data/methods.yaml (or a small file when
the point is the shape of the whole file), run three ways: `--data FILE list`,
`--data FILE list --json` and `validate FILE`. Each must exit 1 with a message on
stderr that names the file, the line where it makes sense and what to fix, with no
traceback and nothing on stdout.
"""

from __future__ import annotations

import json
import os
import re
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from osallisuus_cli import files
from robust_helpers import (
    BUNDLED_TEXT,
    assert_clean_error,
    assert_no_crash,
    line_of,
    mutate,
    run_main,
    run_process,
)

NAME_EN = "      en: BIKVA – client-centred evaluation\n"
SOURCE = "    source: espoo-2010\n"
SECOND_ID = "  - id: asiakasraati\n"
FIRST_FIT = "        hard-to-reach:\n          weight: 5\n"
FIRST_WEIGHT = "          weight: 5\n"
KEYWORDS = "    keywords:\n      fi: [ryhmähaastattelu"
REQUIRED = "    requirements:\n      facilitator:\n"
PWNED = "osallisuus-robust-pwned"


@dataclass(frozen=True)
class Bad:
    """A bad dataset: its bytes, the line the message must name, words it must contain."""

    content: bytes
    line: int | None
    needles: tuple[str, ...]


def _text(text: str, line: int | None, *needles: str) -> Bad:
    return Bad(text.encode("utf-8"), line, needles)


def _at(old: str, new: str, *needles: str, occurrence: int = 1, shift: int = 0) -> Bad:
    """Replace `old` by `new` in the bundled text; the message names the line of `old`."""
    line = line_of(BUNDLED_TEXT, old, occurrence) + shift
    return _text(mutate(BUNDLED_TEXT, old, new), line, *needles)


def _name_as(raw: str, *needles: str) -> Bad:
    return _at(NAME_EN, f"      en: {raw}\n", "name.en", *needles)


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = ['l0: &l0 ["lol"' + ', "lol"' * (width - 1) + "]"]
    for level in range(1, levels):
        items = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{items}]")
    return "\n".join(lines) + "\n"


def _unsafe(target: Path) -> str:
    return f'!!python/object/apply:os.system ["touch {target}"]\n'


CASES: dict[str, Callable[[Path], Bad]] = {
    # -- the file itself ------------------------------------------------------------
    "empty file": lambda _: _text("", None, "empty"),
    "only blank lines": lambda _: _text("\n   \n\n", None, "empty"),
    "not UTF-8 (Latin-1 ä)": lambda _: Bad(
        BUNDLED_TEXT.encode("utf-8").replace(
            NAME_EN.encode(), NAME_EN.encode().replace(b"\xe2\x80\x93", b"\xe4"), 1
        ),
        line_of(BUNDLED_TEXT, NAME_EN),
        ("UTF-8", "0xe4"),
    ),
    "UTF-16": lambda _: Bad(BUNDLED_TEXT[:300].encode("utf-16"), 1, ("UTF-8",)),
    # -- YAML syntax -------------------------------------------------------------------
    "unclosed flow list": lambda _: _at(
        SOURCE,
        "    source: [espoo-2010\n",
        "column",
        "YAML",
        f"starts at line {line_of(BUNDLED_TEXT, SOURCE)}",
        shift=1,
    ),
    "bad indentation": lambda _: _at(
        "  - id: bikva\n", "  - id: bikva\n   bad: : x\n", "column", "YAML", shift=1
    ),
    "tab indentation": lambda _: _at(
        SOURCE, "\tsource: espoo-2010\n", "tab", "column", "indent with spaces"
    ),
    "second document": lambda _: _text(
        BUNDLED_TEXT + "---\nmore: 1\n", BUNDLED_TEXT.count("\n") + 1, "one document", "column"
    ),
    "nested 5000 deep": lambda _: _text("a: " + "[" * 5000 + "]" * 5000 + "\n", 1, "nest"),
    "raw BEL character": lambda _: _at(
        NAME_EN, "      en: BIKVA \x07 bell\n", "U+0007", "column", "remove"
    ),
    "raw NUL character": lambda _: _at(NAME_EN, "      en: BIKVA \x00 nul\n", "U+0000", "remove"),
    # -- things YAML could construct or expand ------------------------------------------
    "python tag at the top": lambda tmp: _text(
        _unsafe(tmp / PWNED), 1, "!!python/object/apply:os.system", "not allowed"
    ),
    "python tag in a field": lambda tmp: _at(
        SOURCE,
        f'    source: !!python/object/apply:os.system ["touch {tmp / PWNED}"]\n',
        "bikva",
        "field source",
        "!!python/object/apply:os.system",
        "remove it",
    ),
    "python/name tag": lambda _: _name_as(
        "!!python/name:os.system", "!!python/name", "not allowed"
    ),
    "custom local tag": lambda _: _name_as("!shout loud", "!shout", "not allowed"),
    "binary tag": lambda _: _name_as("!!binary aGVsbG8=", "!!binary", "not allowed"),
    "set tag": lambda _: _name_as("!!set {a, b}", "!!set", "not allowed"),
    "billion laughs": lambda _: _text(_bomb(), 2, "alias", "write the value out"),
    "self-referencing list": lambda _: _text("&a [*a]\n", 1, "alias"),
    "self-referencing mapping": lambda _: _at(
        KEYWORDS, "    keywords: &k\n      fi: [*k, ryhmähaastattelu", "alias", shift=1
    ),
    "alias of a mapping": lambda _: _text(
        mutate(BUNDLED_TEXT, "methods:\n", "methods: &m\n") + "again: *m\n",
        BUNDLED_TEXT.count("\n") + 1,
        "alias",
    ),
    "alias of a short text": lambda _: _at(
        NAME_EN, "      en: &n BIKVA\n      again: *n\n", "alias", "name.again", shift=1
    ),
    "alias as a key": lambda _: _at(
        SOURCE, "    source: &s espoo-2010\n    *s : x\n", "alias", shift=1
    ),
    "merge key": lambda _: _at(SOURCE, "    <<: {source: espoo-2010}\n", "merge", "<<"),
    # -- the shape of the data ------------------------------------------------------------
    "top level a list": lambda _: _text("- bikva\n- verkostokokous\n", 1, "mapping", "a list"),
    "top level text": lambda _: _text("just some words\n", 1, "mapping", "text"),
    "top level empty mapping": lambda _: _text("{}\n", 1, "missing schema_version"),
    "schema version 2": lambda _: _at(
        "schema_version: 1\n", "schema_version: 2\n", "schema_version", "must be 1"
    ),
    "unknown top-level field": lambda _: _text(
        BUNDLED_TEXT + "extras: 1\n", BUNDLED_TEXT.count("\n") + 1, "unknown field 'extras'"
    ),
    "methods a mapping": lambda _: _text(
        BUNDLED_TEXT.split("\nmethods:\n")[0] + "\nmethods:\n  bikva: {}\n",
        BUNDLED_TEXT.split("\nmethods:\n")[0].count("\n") + 2,
        "list of methods",
    ),
    "no methods at all": lambda _: _text(
        BUNDLED_TEXT.split("\nmethods:\n")[0] + "\nmethods: []\n",
        BUNDLED_TEXT.split("\nmethods:\n")[0].count("\n") + 2,
        "empty",
        "at least one method",
    ),
    "an empty method": lambda _: _at("  - id: bikva\n", "  - {}\n  - id: bikva\n", "id", "#1"),
    "a blank method": lambda _: _at("  - id: bikva\n", "  -\n  - id: bikva\n", "mapping", "#1"),
    "duplicate id": lambda _: _at(SECOND_ID, "  - id: bikva\n", "duplicate id 'bikva'", "#1"),
    "id not a slug": lambda _: _at("  - id: bikva\n", "  - id: Bikva Method\n", "not a slug"),
    "duplicate key": lambda _: _at(SOURCE, SOURCE * 2, "duplicate key 'source'", shift=1),
    "missing source": lambda _: _at(SOURCE, "", "bikva", "missing", "source", shift=-10),
    "missing English name": lambda _: _at(NAME_EN, "", "bikva", "missing", "'en'", shift=-2),
    "empty English name": lambda _: _name_as("''", "empty"),
    "source a list": lambda _: _at(SOURCE, "    source: [1, 2]\n", "bikva", "unknown source"),
    "source a mapping": lambda _: _at(SOURCE, "    source: {a: 1}\n", "bikva", "unknown source"),
    "unknown source id": lambda _: _at(
        SOURCE, "    source: tampere-2020\n", "unknown source 'tampere-2020'", "espoo-2010"
    ),
    "weight as text": lambda _: _at(
        FIRST_WEIGHT, "          weight: five\n", "weight", "whole number"
    ),
    "weight out of range": lambda _: _at(
        FIRST_WEIGHT, "          weight: 9\n", "weight", "from 1 to 5"
    ),
    "weight a float": lambda _: _at(FIRST_WEIGHT, "          weight: 5.0\n", "whole number"),
    "requirement value a list": lambda _: _at(
        REQUIRED,
        REQUIRED + "        value: [yes]\n",
        "requirements.facilitator.value",
        "unknown",
        shift=2,
    ),
    "need of no resource": lambda _: _at(
        REQUIRED, "    requirements:\n      sauna:\n", "unknown resources value 'sauna'", shift=1
    ),
    "unknown field in a method": lambda _: _at(
        SOURCE, SOURCE + "    colour: red\n", "unknown field 'colour'", shift=1
    ),
    # -- values YAML would convert silently where text is expected ---------------------------
    "no → false": lambda _: _name_as("no", "yes/no", "quotes"),
    "on → true": lambda _: _name_as("on", "yes/no", "quotes"),
    "00100 → a number": lambda _: _name_as("00100", "number", "quotes"),
    "1.0 → a number": lambda _: _name_as("1.0", "number", "quotes"),
    "a date": lambda _: _name_as("2010-06-01", "date", "quotes"),
    "null": lambda _: _name_as("~", "must be text"),
    "a year as a number": lambda _: _at('    year: "2010"\n', "    year: 2010\n", "year", "quotes"),
    "an alias list with a number": lambda _: _at(
        "      fi: [Bikva, ", "      fi: [1984, Bikva, ", "aliases.fi", "quotes"
    ),
    # -- vocabulary -------------------------------------------------------------------------
    "unknown target group": lambda _: _at(
        FIRST_FIT,
        "        aliens:\n          weight: 5\n",
        "fits.target_groups.aliens",
        "unknown target_groups value 'aliens'",
        "children",
    ),
    "unknown question in fits": lambda _: _at(
        "      target_groups:\n        hard-to-reach:\n",
        "      mood:\n        hard-to-reach:\n",
        "unknown question 'mood'",
    ),
    "unknown requirement value": lambda _: _at(
        REQUIRED,
        REQUIRED + '        value: "maybe"\n',
        "unknown facilitator value 'maybe'",
        shift=2,
    ),
    "question without values": lambda _: _text(
        re.sub(
            r"(  duration:\n(?:    .*\n)*?)    values:\n(?:      .*\n)+",
            r"\1    values: {}\n",
            BUNDLED_TEXT,
            count=1,
        ),
        None,
        "duration",
        "no values",
    ),
    # -- text that would steer a terminal -------------------------------------------------------
    "escaped ESC in a name": lambda _: _name_as('"BIKVA \\x1b[31m red"', "U+001B", "remove"),
    "escaped OSC 8 hyperlink": lambda _: _name_as(
        '"\\x1b]8;;http://evil\\x1b\\\\click\\x1b]8;;\\x1b\\\\"', "U+001B"
    ),
    "carriage return": lambda _: _name_as('"BIKVA\\rXX"', "U+000D"),
    "right-to-left override": lambda _: _name_as('"BIKVA \\u202e"', "U+202E"),
    "zero-width space": lambda _: _name_as('"BIKVA\\u200b"', "U+200B"),
    "C1 control (CSI)": lambda _: _name_as('"BIKVA \\x9b31m"', "U+009B"),
}


def _write(tmp_path: Path, name: str) -> tuple[Path, Bad]:
    bad = CASES[name](tmp_path)
    file = tmp_path / "bad methods.yaml"
    file.write_bytes(bad.content)
    return file, bad


def _check(message: str, file: Path, bad: Bad, english: bool = True) -> None:
    """The file (and line) named; the case's words too where the message is English (the
    validator's findings stay English in Finnish runs, the sentences around them do not)."""
    assert str(file) in message, message
    if bad.line is not None:
        assert f"{file}:{bad.line}" in message, message
    folded = message.lower()
    for needle in bad.needles if english else ():
        assert needle.lower() in folded, f"{needle!r} not in {message!r}"


@pytest.mark.parametrize("name", list(CASES))
def test_bad_dataset_is_refused_with_a_clear_message(tmp_path: Path, name: str) -> None:
    file, bad = _write(tmp_path, name)
    for args in (
        ("--data", str(file), "list"),
        ("--data", str(file), "list", "--json"),
        ("--lang", "fi", "--data", str(file), "show", "bikva", "--json"),
    ):
        outcome = run_main(*args)
        message = assert_clean_error(outcome, 1)
        assert outcome.stdout == "", outcome.describe()
        _check(message, file, bad, english="fi" not in args)
        assert outcome.seconds < 15, f"{name}: {outcome.seconds:.1f} s"  # blow-up guard
    outcome = run_main("validate", str(file))
    message = assert_clean_error(outcome, 1, one_line=False)
    assert outcome.stdout == ""
    _check(message, file, bad)
    assert not (tmp_path / PWNED).exists(), "a YAML tag ran a command"


def test_every_case_is_really_bad_only_because_of_its_mutation(tmp_path: Path) -> None:
    """The untouched dataset passes all three ways, so each case above fails for its reason."""
    file = tmp_path / "good.yaml"
    file.write_text(BUNDLED_TEXT, encoding="utf-8")
    assert run_main("--data", str(file), "list", "--json").code == 0
    assert run_main("validate", str(file)).code == 0


@pytest.mark.parametrize(
    ("what", "make"),
    [
        ("missing file", lambda tmp: tmp / "nowhere" / "methods.yaml"),
        ("a folder", lambda tmp: tmp),
    ],
)
def test_missing_file_or_folder(tmp_path: Path, what: str, make: Callable[[Path], Path]) -> None:
    target = make(tmp_path)
    for args in (
        ("--data", str(target), "list"),
        ("--data", str(target), "list", "--json"),
        ("validate", str(target)),
    ):
        outcome = run_main(*args)
        message = assert_clean_error(outcome, 1)
        assert outcome.stdout == ""
        assert str(target) in message
        assert ("no such file" if what == "missing file" else "folder") in message


def test_osallisuus_data_variable_is_checked_like_the_option(tmp_path: Path) -> None:
    target = tmp_path / "gone.yaml"
    outcome = run_main("list", "--json", env={"OSALLISUUS_DATA": str(target)})
    message = assert_clean_error(outcome, 1)
    assert str(target) in message and "OSALLISUUS_DATA" in message
    assert outcome.stdout == ""


def test_an_endless_device_is_refused_unread() -> None:
    outcome = run_main("--data", "/dev/zero", "list", "--json")
    message = assert_clean_error(outcome, 1)
    assert "/dev/zero" in message and "not a regular file" in message
    assert outcome.seconds < 10  # blow-up guard


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(files.MAX_BYTES + 1)  # sparse: no disk used, nothing to read
    outcome = run_main("--data", str(huge), "list", "--json")
    message = assert_clean_error(outcome, 1)
    assert str(huge) in message and f"larger than {files.MAX_BYTES // 2**20} MB" in message
    assert outcome.seconds < 10  # blow-up guard


def test_a_file_growing_while_read_is_cut_off(tmp_path: Path) -> None:
    file = tmp_path / "grows.yaml"
    file.write_bytes(b"#" * 3000)
    with file.open("rb") as handle:  # what fstat said was small has grown past the limit
        assert files.read_capped(handle.fileno(), 1000) is None
    with file.open("rb") as handle:
        assert files.read_capped(handle.fileno(), 3000) == b"#" * 3000


def test_billion_laughs_stays_small_and_fast(tmp_path: Path) -> None:
    """A ten-level alias bomb (10^10 strings if expanded) is refused without expanding it."""
    file = tmp_path / "bomb.yaml"
    file.write_text(_bomb(levels=10, width=10), encoding="utf-8")
    tracemalloc.start()
    try:
        start = time.perf_counter()
        outcome = run_main("validate", str(file))
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_clean_error(outcome, 1, one_line=False)
    assert "alias" in outcome.stderr
    assert elapsed < 10  # blow-up guard: an expanded bomb never finishes
    assert peak < 30 * 2**20, f"peak {peak / 2**20:.1f} MB"


def test_an_invalid_dataset_is_never_cached(tmp_path: Path) -> None:
    """A refused file stays refused on the second run (no stale cache entry makes it pass)."""
    file, _ = _write(tmp_path, "duplicate id")
    first = run_main("--data", str(file), "list", "--json")
    second = run_main("--data", str(file), "list", "--json")
    assert first.code == second.code == 1
    assert first.stderr == second.stderr


# -- a handful as real processes: nothing runs, nothing is printed but the message -------------


@pytest.mark.parametrize(
    "name",
    ["python tag at the top", "python tag in a field", "billion laughs", "not UTF-8 (Latin-1 ä)"],
)
def test_bad_dataset_in_a_real_process(tmp_path: Path, name: str) -> None:
    file, bad = _write(tmp_path, name)
    code, stdout, stderr = run_process(["--data", str(file), "list", "--json"], timeout=20)
    text = stderr.decode("utf-8", "replace")
    assert code == 1, text
    assert stdout == b""
    assert "Traceback" not in text
    assert text.startswith("osallisuus: ") and text.count("\n") == 1
    assert not (tmp_path / PWNED).exists(), "a YAML tag ran a command"
    assert_no_crash(run_main("--data", str(file), "list"))
    for needle in bad.needles:
        assert needle.lower() in text.lower()


# -- issue 14: a pipe as --data, a missing bundled dataset, validate --json -------------------


def test_a_fifo_as_the_dataset_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    # A real process with a time limit: opened the ordinary way, a FIFO with no writer
    # would wait for ever.
    code, stdout, stderr = run_process(["--data", str(fifo), "list", "--json"], timeout=20)
    text = stderr.decode("utf-8", "replace")
    assert code == 1, text
    assert stdout == b""
    assert text.startswith(f"osallisuus: {fifo}: is not a regular file (a pipe or a device)")
    assert text.count("\n") == 1


@pytest.mark.real_load  # it moves the bundled dataset away and loads it
def test_a_missing_bundled_dataset_names_its_real_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As an installed package with its data file deleted: no checkout around it."""
    package = tmp_path / "site-packages" / "osallisuus_cli"
    package.mkdir(parents=True)
    monkeypatch.setattr(files, "__file__", str(package / "files.py"))
    outcome = run_main("list", "--json")
    message = assert_clean_error(outcome, 1)
    expected = package / "data" / "methods.yaml"
    assert message == (
        f"osallisuus: The bundled dataset {expected} is missing; reinstall osallisuus."
    )
    assert "--data" not in message


def test_validate_json_reports_an_invalid_file_on_stdout(tmp_path: Path) -> None:
    file, _ = _write(tmp_path, "duplicate id")
    broken = file.read_text(encoding="utf-8").replace("source: espoo-2010", "source: nowhere", 1)
    file.write_text(broken, encoding="utf-8")
    outcome = run_main("validate", str(file), "--json")
    message = assert_clean_error(outcome, 1)
    assert "the JSON document lists every problem" in message
    document = json.loads(outcome.stdout)
    assert document["schema_version"] == 1
    assert document["valid"] is False and document["methods"] is None
    assert len(document["problems"]) >= 2
    for problem in document["problems"]:
        assert set(problem) == {"file", "line", "method", "field", "message"}
        assert problem["file"] == str(file) and isinstance(problem["line"], int)
    assert {"source", "id"} <= {p["field"] for p in document["problems"]}
