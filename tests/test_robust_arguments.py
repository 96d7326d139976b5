"""Bad arguments get exit 2 and one clear sentence, or a sensible result; fast (issue 5).

Every case goes through `cli.main()`, the edge a shell reaches, so Click's own usage
errors are checked in the form a user sees them.
"""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from robust_helpers import (
    BUNDLED_TEXT,
    Outcome,
    assert_clean_error,
    assert_no_crash,
    command,
    process_env,
    run_main,
)

LONG = "a" * 40_000
rng = random.Random(5)
LONG_WORDS = " ".join(
    "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäö") for _ in range(rng.randint(3, 12)))
    for _ in range(5000)
)
NEAR_LIMIT_WORDS = LONG_WORDS[:4900].rsplit(" ", 1)[0]
# A guard against blow-ups (quadratic matching, a hang), not a speed test: a command
# normally takes a few hundredths of a second; speed is benchmarks/bench_cli.py's job.
FAST = 10.0


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    code: int
    needles: tuple[str, ...] = ()  # in stderr (code 2) or stdout (code 0)
    check: Callable[[Outcome], None] | None = None


def usage(*args: str, needles: tuple[str, ...] = ()) -> Case:
    return Case(args, 2, needles)


def ok(
    *args: str, needles: tuple[str, ...] = (), check: Callable[[Outcome], None] | None = None
) -> Case:
    return Case(args, 0, needles, check)


def _answers(outcome: Outcome) -> dict[str, object]:
    document = json.loads(outcome.stdout)
    answers: dict[str, object] = document["answers"]
    return answers


def _json_results(count: int | None) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        results = json.loads(outcome.stdout)["results"]
        if count is None:
            assert results
        else:
            assert len(results) == count

    return check


CASES: dict[str, Case] = {
    # -- unknown values: the closest valid ones are named ------------------------------------
    "unknown target group": usage(
        "recommend", "-t", "dogs", needles=("'dogs'", "--target-group", "closest")
    ),
    "a service given as a target group": usage(
        "recommend", "-t", "vanhuspalvelut", needles=("--setting elderly-care",)
    ),
    "unknown purpose": usage("recommend", "-p", "fun", needles=("'fun'", "--purpose")),
    "unknown level": usage("recommend", "-l", "everyone", needles=("--level", "closest")),
    "unknown setting": usage("recommend", "-s", "zoo", needles=("'zoo'", "--setting")),
    "unknown duration": usage("recommend", "-d", "forever", needles=("--duration",)),
    "unknown phase": usage("recommend", "--phase", "dreaming", needles=("--phase",)),
    "unknown group in list": usage("list", "-t", "dogs", needles=("--target-group",)),
    "unknown setting in list": usage("list", "-s", "zoo", needles=("--setting",)),
    "unknown method": usage("show", "dogs", needles=("'dogs'", "closest")),
    "unknown method in compare": usage("compare", "bikva", "dogs", needles=("'dogs'",)),
    "unknown method in export": usage("export", "-m", "dogs", needles=("'dogs'",)),
    "compare one method": usage("compare", "bikva", needles=("two",)),
    "compare a method with itself": usage("compare", "bikva", "bikva", needles=("two",)),
    "unknown option": usage("list", "--bogus", needles=("--bogus", "--help")),
    "unknown command": usage("bogus", needles=("bogus", "--help")),
    "option without its value": usage("recommend", "-t", needles=("-t",)),
    "missing method": usage("show", needles=("Say which method", "osallisuus show bikva")),
    # -- empty strings ------------------------------------------------------------------------
    "empty target group": usage("recommend", "-t", "", needles=("--target-group",)),
    "blank target group": usage("recommend", "-t", "   ", needles=("--target-group",)),
    "empty method": usage("show", "", needles=("closest",)),
    "empty methods in compare": usage("compare", "", ""),
    "empty search": usage("search", "", needles=("empty",)),
    "blank search": usage("search", "   ", needles=("empty",)),
    "empty format": usage("export", "--format", "", needles=("markdown",)),
    "empty output": usage("export", "--output", "", needles=("--output",)),
    "empty language": usage("--lang", "", "list", needles=("fi or en",)),
    "empty description": usage("recommend", "--describe", "", needles=("no terminal",)),
    "empty answers file name": usage("recommend", "--answers", "", needles=("--answers",)),
    "empty dataset name": usage("--data", "", "list", needles=("--data",)),
    "empty --top": usage("recommend", "-t", "children", "--top", "", needles=("--top",)),
    # -- very long strings: refused at once, the value not echoed in full -----------------------
    "40 KB method": usage("show", LONG, needles=("40000 characters", "limit")),
    "40 KB search of words": usage("search", LONG_WORDS, needles=("characters", "limit")),
    "40 KB description": usage("recommend", "--describe", LONG_WORDS, needles=("limit",)),
    "40 KB target group": usage("recommend", "-t", LONG, needles=("limit",)),
    "40 KB dataset path": usage("--data", LONG, "list", needles=("limit",)),
    "40 KB --top": usage("recommend", "--top", LONG, needles=("limit",)),
    "300-character group": usage("recommend", "-t", "x" * 300, needles=("…", "--target-group")),
    "near-limit search": ok("search", NEAR_LIMIT_WORDS, "--json"),
    "near-limit description": ok("recommend", "--describe", NEAR_LIMIT_WORDS, "--json"),
    "near-limit method": usage("show", NEAR_LIMIT_WORDS, needles=("closest",)),
    # -- emoji ----------------------------------------------------------------------------------
    "emoji target group": usage("recommend", "-t", "👶", needles=("'👶'",)),
    "emoji method": usage("show", "🤝", needles=("'🤝'",)),
    "emoji language": usage("--lang", "🇫🇮", "list", needles=("fi or en",)),
    "emoji search": ok("search", "👶🍼", "--json", check=_json_results(0)),
    "emoji in a description": ok(
        "recommend", "--describe", "👶👶 lapset ja perheet 🎉", "--json", check=_json_results(None)
    ),
    "emoji-only description": ok("recommend", "--describe", "🎉🎉🎉", "--json"),
    # -- repeated options -------------------------------------------------------------------------
    "same group twice": ok(
        "recommend",
        "-t",
        "children",
        "-t",
        "children",
        "--json",
        check=lambda o: _check_answer(o, "target_groups", ["children"]),
    ),
    "same group in two languages": ok(
        "recommend",
        "-t",
        "lapset",
        "-t",
        "children",
        "--json",
        check=lambda o: _check_answer(o, "target_groups", ["children"]),
    ),
    "single-answer option twice": usage(
        "recommend",
        "-l",
        "group",
        "-l",
        "individual",
        "--json",
        needles=("level takes one answer", "group", "individual"),
    ),
    "facilitator both ways": ok(
        "recommend",
        "-t",
        "children",
        "--facilitator",
        "--no-facilitator",
        "--json",
        check=lambda o: _check_answer(o, "facilitator", False),
    ),
    "--json twice": ok("list", "--json", "--json", check=lambda o: _check_json(o)),
    "--lang twice": ok("--lang", "fi", "--lang", "en", "list", needles=("Client-participation",)),
    # -- --top ----------------------------------------------------------------------------------
    "--top 0": usage("recommend", "-t", "children", "--top", "0", needles=("--top", "1")),
    "--top negative": usage("recommend", "-t", "children", "--top", "-1", needles=("--top",)),
    "--top not a number": usage("recommend", "-t", "children", "--top", "abc", needles=("--top",)),
    "--top a fraction": usage("recommend", "-t", "children", "--top", "1.5", needles=("--top",)),
    "--top 0 in search": usage("search", "perhe", "--top", "0", needles=("--top",)),
    "--top 1": ok("recommend", "-t", "children", "--top", "1", "--json", check=_json_results(1)),
    "--top huge": ok(
        "recommend",
        "-t",
        "children",
        "--top",
        "99999999999999999999",
        "--json",
        check=_json_results(None),
    ),
    # -- export -----------------------------------------------------------------------------------
    "unknown export format": usage(
        "export", "--format", "pdf", needles=("'pdf'", "markdown", "html")
    ),
    "export format in capitals": ok("export", "--format", "HTML", needles=("<html",)),
    "output in a missing folder": usage(
        "export", "--output", "/nonexistent-osallisuus/dir/handout.md", needles=("does not exist",)
    ),
    # -- languages --------------------------------------------------------------------------
    "unknown --lang": usage("--lang", "sv", "list", needles=("'sv'", "fi or en")),
    "--lang in capitals": ok("--lang", "FI", "list", needles=("Asiakasosallisuutta",)),
}


def _check_answer(outcome: Outcome, key: str, expected: object) -> None:
    assert _answers(outcome)[key] == expected


def _check_json(outcome: Outcome) -> None:
    assert json.loads(outcome.stdout)["schema_version"] == 1


@pytest.mark.parametrize("name", list(CASES))
def test_argument(name: str) -> None:
    case = CASES[name]
    outcome = run_main(*case.args)
    assert outcome.seconds < FAST, f"{name}: {outcome.seconds:.2f} s"
    if case.code == 2:
        message = assert_clean_error(outcome, 2)
        if case.args and "--json" not in case.args:
            assert outcome.stdout == "", outcome.describe()
        assert len(message) < 400, message  # a long value is never echoed in full
        for needle in case.needles:
            assert needle in message, message
    else:
        assert outcome.code == 0, outcome.describe()
        assert_no_crash(outcome)
        assert outcome.stdout, outcome.describe()
        for needle in case.needles:
            assert needle in outcome.stdout, outcome.describe()
        if case.check is not None:
            case.check(outcome)


def test_no_arguments_says_what_to_do_first_without_a_stray_message() -> None:
    outcome = run_main()
    assert outcome.code == 0
    assert "osallisuus recommend" in outcome.stdout and "--help" in outcome.stdout
    assert outcome.stderr.strip() == ""


def test_usage_errors_in_json_mode_leave_stdout_empty() -> None:
    for args in (
        ("recommend", "-t", "dogs", "--json"),
        ("show", "dogs", "--json"),
        ("search", "", "--json"),
        ("recommend", "-t", "children", "--top", "0", "--json"),
        ("--lang", "sv", "list", "--json"),
        ("export", "--output", "/nonexistent-osallisuus/x.json", "--json"),
        ("recommend", "--json"),
    ):
        outcome = run_main(*args)
        assert_clean_error(outcome, 2)
        assert outcome.stdout == "", (args, outcome.describe())


def test_output_to_a_folder_and_to_a_file(tmp_path: Path) -> None:
    outcome = run_main("export", "--output", str(tmp_path))
    message = assert_clean_error(outcome, 2)
    assert "folder" in message
    target = tmp_path / "handout.md"
    outcome = run_main("export", "--format", "markdown", "--output", str(target))
    assert outcome.code == 0, outcome.describe()
    assert outcome.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("#")
    assert str(target) in outcome.stderr


def test_an_unknown_language_in_the_environment_falls_back_to_english() -> None:
    outcome = run_main("list", env={"OSALLISUUS_LANG": "sv_SE"})
    assert outcome.code == 0, outcome.describe()
    assert "Client-participation" in outcome.stdout


ANSWERS_FILES: dict[str, tuple[str | bytes, tuple[str, ...]]] = {
    "a list, not a mapping": ("- a\n- b\n", ("mapping",)),
    "unknown value": ("target_groups: [dogs]\n", ("'dogs'",)),
    "a number as a value": ("target_groups: [1]\n", ("must be text",)),
    "a mapping as a value": ("target_groups: {a: 1}\n", ("must be text",)),
    "null in a list": ("target_groups: [null]\n", ("must be text",)),
    "two answers for one question": ("level: [group, individual]\n", ("one answer",)),
    "unknown key": ("colour: red\n", ("'colour'", "target_groups")),
    "broken JSON": ('{"target_groups": [', ("line",)),
    "an alias": ("a: &a [1]\nb: *a\n", ("alias", "line 2")),
    "a python tag": ('!!python/object/apply:os.system ["true"]\n', ("!!python", "not allowed")),
    "not UTF-8": (b"describe: \xe4\n", ("UTF-8", "line 1")),
    "a description that is a number": ("describe: 5\n", ("must be text",)),
    "a 14 KB description": ("describe: " + "lapset " * 2000 + "\n", ("limit",)),
    "an unknown facilitator": ("facilitator: maybe\n", ("'maybe'",)),
    # issue 14: what used to be an internal error (exit 70)
    "a lone surrogate": ('{"target_groups": ["\\ud800"]}', ("lone surrogate", "\\ud800")),
    "a lone surrogate in the description": (
        '{"describe": "lapset \\udce4"}',
        ("lone surrogate", "\\udce4"),
    ),
    "JSON nested 1,000 deep": ("[" * 1000 + "]" * 1000, ("nested too deeply",)),
    "JSON nested 1,000 deep, unclosed": ("[" * 1000, ("nested too deeply",)),
    "objects nested 1,000 deep": ('{"a": ' * 1000 + "1" + "}" * 1000, ("nested too deeply",)),
    "values nested 6 deep": ('{"target_groups": [[[[["children"]]]]]}', ("nested too deeply",)),
    "YAML nested 1,000 deep": ("a: " + "{b: " * 1000 + "1" + "}" * 1000, ("nesting depth",)),
    "over 1 MB": ("describe: " + "a" * 2**20 + "\n", ("larger than 1 MB",)),
}


@pytest.mark.parametrize("name", list(ANSWERS_FILES))
def test_bad_answers_file(tmp_path: Path, name: str) -> None:
    content, needles = ANSWERS_FILES[name]
    file = tmp_path / "answers.yaml"
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    outcome = run_main("recommend", "--answers", str(file), "--json")
    message = assert_clean_error(outcome, 2)
    assert outcome.stdout == ""
    for needle in needles:
        assert needle in message, message
    assert outcome.seconds < FAST


def test_answers_file_that_is_a_folder_or_missing(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "missing.yaml"):
        outcome = run_main("recommend", "--answers", str(path))
        message = assert_clean_error(outcome, 2)
        assert str(path) in message


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_answers_from_standard_input(name: str) -> None:
    outcome = run_main("recommend", "--answers", name, "--json", input="target_groups: children\n")
    assert outcome.code == 0, outcome.describe()
    assert _answers(outcome)["target_groups"] == ["children"]


def test_answers_from_dev_stdin_in_a_real_process() -> None:
    """/dev/stdin a pipe, as in `... | osallisuus recommend --answers /dev/stdin`."""
    proc = subprocess.run(
        [*command(), "recommend", "--answers", "/dev/stdin", "--json"],
        input=b"target_groups: lapset\n",
        capture_output=True,
        env=process_env(),
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["answers"]["target_groups"] == ["children"]


def test_answers_on_standard_input_are_capped() -> None:
    outcome = run_main("recommend", "--answers", "-", input="describe: " + "a" * 2**21)
    message = assert_clean_error(outcome, 2)
    assert "standard input" in message and "larger than 1 MB" in message
    assert outcome.seconds < FAST


# -- arguments that are not UTF-8 (issue 14, finding 6) -----------------------------------

NOT_UTF8 = {
    "search": ("search", "\udce4"),
    "--describe": ("recommend", "--describe", "\udce4", "--json"),
    "show": ("show", "caf\udce4"),
    "a flag's value": ("recommend", "-t", "lapset\udce4", "--json"),
    "--data": ("--data", "\udce4.yaml", "list"),
}


@pytest.mark.parametrize("name", list(NOT_UTF8))
def test_an_argument_that_is_not_utf8_is_a_usage_error(name: str) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates (\\udce4 for byte 0xe4)."""
    outcome = run_main(*NOT_UTF8[name])
    message = assert_clean_error(outcome, 2)
    assert "is not UTF-8 text (byte 0xe4)" in message
    assert outcome.stdout == ""


def test_an_argument_that_is_not_utf8_in_a_real_process() -> None:
    args = [os.fsencode(part) for part in command()] + [b"search", b"\xe4", b"--json"]
    proc = subprocess.run(
        args, capture_output=True, stdin=subprocess.DEVNULL, env=process_env(), timeout=30
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, stderr
    assert proc.stdout == b""
    assert stderr.startswith("osallisuus: argument 2 ") and stderr.count("\n") == 1
    assert "byte 0xe4" in stderr


# -- an ambiguous name among many methods --------------------------------------------------


def test_an_ambiguous_method_lists_at_most_ten(tmp_path: Path) -> None:
    data = yaml.safe_load(BUNDLED_TEXT)
    bikva = data["methods"][0]
    for number in range(1, 61):
        method = copy.deepcopy({key: value for key, value in bikva.items() if key != "aliases"})
        method["id"] = f"testi-{number}"
        method["name"] = {"fi": "Testimenetelmä", "en": "Test method"}  # all alike
        data["methods"].append(method)
    file = tmp_path / "many.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    outcome = run_main("--data", str(file), "show", "testimenetelmä")
    message = assert_clean_error(outcome, 2)
    assert "matches several methods: testi-1, testi-2," in message
    assert message.endswith("and 50 more; say which.")
    assert len(message) < 400
