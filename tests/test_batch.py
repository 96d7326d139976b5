"""`recommend --batch` and `plan --batch` (issue 25): JSON Lines in, one document a line out.

Each line's document is compared with the single command's on the same answers; a
bad line's error with the sentence the single command says. Real processes only for
what needs one: input that streams through a pipe, a reader that goes away, and the
memory of a 10,000-line run.
"""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from osallisuus_cli import core
from osallisuus_cli.batch import MAX_LINE
from osallisuus_cli.errors import UsageError
from osallisuus_cli.model import RecommendResult
from robust_helpers import BUNDLED, REPO, Outcome, assert_no_crash, command, process_env, run_main

SITUATIONS: list[dict[str, Any]] = [
    {"target_groups": ["children"]},
    {"target_groups": ["families"], "settings": ["child-welfare"], "level": "individual"},
    {"purposes": ["feedback"], "level": "group", "facilitator": False},
    {"target_groups": ["omaishoitajat"], "settings": "omaishoito"},  # Finnish aliases
    {"describe": "Haluamme palautetta omaishoitajilta omaisten illoista."},
]


def _jsonl(*objects: Any) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


def _records(outcome: Outcome) -> list[dict[str, Any]]:
    assert_no_crash(outcome)
    return [json.loads(line) for line in outcome.stdout.splitlines()]


def _single(*args: str) -> dict[str, Any]:
    outcome = run_main(*args, "--json")
    assert outcome.code == 0, outcome.describe()
    document: dict[str, Any] = json.loads(outcome.stdout)
    return document


def _without_line(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if key != "line"}


@pytest.mark.parametrize("command_name", ["recommend", "plan"])
def test_each_line_gives_the_single_commands_document_in_order(
    command_name: str, tmp_path: Path
) -> None:
    batch = tmp_path / "situations.jsonl"
    batch.write_text(_jsonl(*SITUATIONS), encoding="utf-8")
    outcome = run_main(command_name, "--batch", str(batch))
    assert outcome.code == 0, outcome.describe()
    assert outcome.stderr == ""
    records = _records(outcome)
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5]
    for number, (record, situation) in enumerate(zip(records, SITUATIONS, strict=True), 1):
        answers = tmp_path / f"answers-{number}.json"
        answers.write_text(json.dumps(situation), encoding="utf-8")
        assert _without_line(record) == _single(command_name, "--answers", str(answers))
        assert next(iter(record)) == "line"


@pytest.mark.parametrize("command_name", ["recommend", "plan"])
def test_each_line_is_what_json_dumps_writes(command_name: str, tmp_path: Path) -> None:
    """A plan's line writes its development phases from one encoding (present._line_json):
    byte for byte what `json.dumps` writes of the line's document."""
    batch = tmp_path / "situations.jsonl"
    batch.write_text(_jsonl(*SITUATIONS, {"target_groups": ["nobody-at-all"]}), encoding="utf-8")
    outcome = run_main(command_name, "--batch", str(batch))
    lines = outcome.stdout.splitlines()
    assert len(lines) == len(SITUATIONS) + 1
    for line in lines:
        assert line == json.dumps(json.loads(line), ensure_ascii=False)
    if command_name == "plan":
        first = json.loads(lines[0])
        development = [t for t in first["tracks"] if t["track"] == "development"]
        assert development and first["phases"] == development[0]["phases"] != []


def test_the_command_lines_options_apply_to_every_line_and_flags_win(tmp_path: Path) -> None:
    batch = tmp_path / "situations.jsonl"
    batch.write_text(_jsonl(*SITUATIONS[:3]), encoding="utf-8")
    flags = ("--top", "2", "-s", "elderly-care", "--answer", "duration=ongoing")
    outcome = run_main("recommend", "--batch", str(batch), *flags)
    assert outcome.code == 0, outcome.describe()
    for record in _records(outcome):
        assert len(record["results"]) <= 2
        assert record["answers"]["settings"] == ["elderly-care"]
        assert record["answers"]["duration"] == "ongoing"
    first = _records(outcome)[0]
    answers = tmp_path / "first.json"
    answers.write_text(json.dumps(SITUATIONS[0]), encoding="utf-8")
    assert _without_line(first) == _single("recommend", "--answers", str(answers), *flags)


def test_a_saved_document_or_its_answers_feed_back_as_a_line(tmp_path: Path) -> None:
    saved = _single("recommend", "-t", "children", "-s", "varhaiskasvatus")
    outcome = run_main("recommend", "--batch", "-", input=_jsonl(saved, saved["answers"]))
    assert outcome.code == 0, outcome.describe()
    first, second = _records(outcome)
    assert _without_line(first) == saved
    assert _without_line(second) == saved


BAD_LINES = {
    "unknown value": ({"target_groups": ["martians"]}, ("recommend", "-t", "martians")),
    "unknown key": ({"colour": "blue"}, None),
    "no answers": ({}, ("recommend",)),
    "one value only": ({"level": ["group", "individual"]}, None),
    "not text": ({"target_groups": [3]}, None),
}


@pytest.mark.parametrize("name", list(BAD_LINES))
def test_a_bad_line_gets_the_sentence_the_cli_says(name: str, tmp_path: Path) -> None:
    line, flags = BAD_LINES[name]
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(line), encoding="utf-8")
    single = run_main("recommend", "--answers", str(answers), "--json")
    assert single.code == 2 and single.stdout == ""
    said = single.stderr.strip().removeprefix("osallisuus: ")
    if flags is not None:  # the same answer as a flag says the same
        assert run_main(*flags).stderr.strip().removeprefix("osallisuus: ") == said

    outcome = run_main("recommend", "--batch", "-", input=_jsonl(SITUATIONS[0], line, {}))
    assert outcome.code == 1, outcome.describe()
    good, bad, empty = _records(outcome)
    assert good["line"] == 1 and good["results"]
    assert bad == {
        "line": 2,
        "schema_version": 1,
        "lang": "en",
        "error": {"code": 2, "message": said},
    }
    assert empty["line"] == 3 and empty["error"]["code"] == 2
    assert outcome.stderr.startswith("osallisuus: 2 of 3 lines could not be used (lines 2, 3)")


def test_lines_that_are_no_answers_are_named_by_file_and_line(tmp_path: Path) -> None:
    batch = tmp_path / "mixed.jsonl"
    too_long = '{"describe": "' + "a" * MAX_LINE + '"}'
    lines = [
        b'\xef\xbb\xbf{"target_groups": ["children"]}\n',  # a byte order mark on line 1
        b"\n",  # blank: no record, but it keeps its number
        b"not json\n",
        b"[1, 2]\n",
        b'{"target_groups": ["lapset\xff"]}\n',
        too_long.encode() + b"\n",
        b'{"answers": null, "schema_version": 1, "methods": []}\n',
        b'{"target_groups": ["families"]}',  # no newline at the end
    ]
    batch.write_bytes(b"".join(lines))
    outcome = run_main("recommend", "--batch", str(batch))
    assert outcome.code == 1, outcome.describe()
    records = _records(outcome)
    assert [r["line"] for r in records] == [1, 3, 4, 5, 6, 7, 8]
    errors = {r["line"]: r["error"]["message"] for r in records if "error" in r}
    assert set(errors) == {3, 4, 5, 6, 7}
    assert errors[3].startswith(f"Answers file {batch}, line 3 is not JSON (column 1: ")
    assert errors[4] == (
        f"Answers file {batch}, line 4 must hold a mapping such as {{target_groups: [children]}}."
    )
    assert errors[5] == (
        f"Answers file {batch} is not UTF-8 text at line 5 (byte 0xff); save it as UTF-8."
    )
    assert errors[6].startswith(f"Answers file {batch}, line 6 is longer than 1 MB")
    assert "is the output of list --json, not answers" in errors[7]
    assert records[0]["answers"]["target_groups"] == ["children"]
    assert records[-1]["answers"]["target_groups"] == ["families"]


def test_finnish_and_english(tmp_path: Path) -> None:
    text = _jsonl({"target_groups": ["lapset"]}, {"target_groups": ["marsilaiset"]})
    for lang in ("fi", "en"):
        outcome = run_main("--lang", lang, "recommend", "--batch", "-", input=text)
        assert outcome.code == 1, outcome.describe()
        good, bad = _records(outcome)
        assert good["lang"] == bad["lang"] == lang
        single = run_main("--lang", lang, "recommend", "-t", "marsilaiset")
        assert bad["error"]["message"] == single.stderr.strip().removeprefix("osallisuus: ")
        assert good == {"line": 1, **_single("--lang", lang, "recommend", "-t", "lapset")}
    finnish = run_main("--lang", "fi", "plan", "--batch", "-", input=text)
    assert finnish.stderr.startswith("osallisuus: 1/2 rivistä ei voitu käyttää (rivi 2)")
    english = run_main("plan", "--batch", "-", input=text)
    assert english.stderr.startswith("osallisuus: 1 of 2 lines could not be used (line 2)")
    assert "ei ole valitsimen --target-group arvo" in _records(finnish)[1]["error"]["message"]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--answers", "x.yaml"], 2, "--batch and --answers do not go together"),
        (["--output", "memo.md"], 2, "a memo (--output, --format) cannot be made"),
        (["--format", "html"], 2, "a memo (--output, --format) cannot be made"),
        (["-x", "no-such-method"], 2, "No method is called 'no-such-method'"),
    ],
)
def test_what_cannot_go_with_a_batch_ends_it_before_any_line(
    args: list[str], code: int, says: str, tmp_path: Path
) -> None:
    outcome = run_main("recommend", "--batch", "-", *args, input=_jsonl(SITUATIONS[0]))
    assert outcome.code == code, outcome.describe()
    assert outcome.stdout == ""
    assert says in outcome.stderr


def test_an_input_that_cannot_be_read_or_a_dataset_that_cannot_be_used(tmp_path: Path) -> None:
    missing = run_main("plan", "--batch", str(tmp_path / "none.jsonl"))
    assert missing.code == 2 and missing.stdout == ""
    assert "does not exist or is not a file" in missing.stderr
    folder = run_main("plan", "--batch", str(tmp_path))
    assert folder.code == 2 and "does not exist or is not a file" in folder.stderr
    assert run_main("plan", "--batch", " ").code == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: [\n", encoding="utf-8")
    outcome = run_main("--data", str(broken), "recommend", "--batch", "-", input="{}\n")
    assert outcome.code == 1 and outcome.stdout == ""


def test_the_core_yields_records_in_order(tmp_path: Path) -> None:
    batch = tmp_path / "b.jsonl"
    batch.write_text(_jsonl(SITUATIONS[0], {"level": "nowhere"}, SITUATIONS[1]), "utf-8")
    request = core.BatchRequest("recommend", str(batch), core.AnswerInput({}), top=1)
    records = list(core.batch(None, request))
    assert [r.line for r in records] == [1, 2, 3]
    first, bad, _ = (r.outcome for r in records)
    assert isinstance(first, RecommendResult) and len(first.results) == 1
    assert isinstance(bad, UsageError) and "'nowhere'" in str(bad)


# -- the examples of docs/batch.md ------------------------------------------------------------

DOC = REPO / "docs" / "batch.md"
EXAMPLES = REPO / "examples"


def test_the_jq_examples_of_the_docs_show_what_the_batch_gives() -> None:
    """What each `jq` filter of docs/batch.md makes of the real output, made here in Python."""
    doc = DOC.read_text(encoding="utf-8")
    situations = str(EXAMPLES / "situations.jsonl")
    ranked = run_main("recommend", "--batch", situations, "--top", "3")
    records = _records(ranked)
    firsts = [(r["line"], r["results"][0]) for r in records if "error" not in r]
    tsv = "".join(f"{line}\t{first['id']}\t{first['score']}\n" for line, first in firsts)
    assert tsv + ranked.stderr in doc
    failed = [r for r in records if "error" in r]
    assert "".join(f"line {r['line']}: {r['error']['message']}\n" for r in failed) in doc

    units = (EXAMPLES / "units.jsonl").read_text(encoding="utf-8").splitlines()
    made = [
        {"target_groups": [unit["group"]], "settings": [unit["service"]]}
        for unit in map(json.loads, units)
    ]
    named = run_main("--lang", "fi", "recommend", "--batch", "-", "--top", "1", input=_jsonl(*made))
    assert named.code == 0, named.describe()
    tsv = "".join(f"{r['line']}\t{r['results'][0]['name']}\n" for r in _records(named))
    assert tsv in doc

    plans = _records(run_main("plan", "--batch", situations))
    for record in (r for r in plans if "error" not in r):
        # a light phase has no method (jq's .methods[0].id is null)
        phases = {
            p["phase"]: p["methods"][0]["id"] if p["methods"] else None for p in record["phases"]
        }
        line = json.dumps({"line": record["line"], "plan": phases}, separators=(",", ":"))
        assert line + "\n" in doc, line


# -- real processes: streaming, a reader gone, memory -----------------------------------------


def _read_line(stream: io.BufferedReader, seconds: float = 60) -> bytes:
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, "no output line came while the input was still open"
    return stream.readline()


def test_lines_stream_through_a_pipe() -> None:
    """Each line's document comes out before the next line goes in: a script can talk to
    one process, line by line."""
    proc = subprocess.Popen(
        [*command(), "recommend", "--batch", "-", "--top", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(),
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    try:
        for number, situation in enumerate(SITUATIONS[:3], 1):
            proc.stdin.write(_jsonl(situation).encode())
            proc.stdin.flush()
            record = json.loads(_read_line(proc.stdout))
            assert record["line"] == number
        proc.stdin.close()
        assert proc.stdout.read() == b""
        assert proc.wait(timeout=60) == 0
        assert proc.stderr.read() == b""
    finally:
        proc.kill()
        proc.wait()


def test_a_reader_that_goes_away_ends_the_batch_quietly(tmp_path: Path) -> None:
    batch = tmp_path / "many.jsonl"
    batch.write_text(_jsonl(*SITUATIONS[:3]) * 100, encoding="utf-8")
    proc = subprocess.Popen(
        [*command(), "plan", "--batch", str(batch)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = json.loads(proc.stdout.readline())
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 0
    assert first["line"] == 1
    assert stderr == ""


def _only(value: Any, kept: set[str]) -> Any:
    """`value` with every rule for other methods than `kept` left out (a safeguard's `when`
    naming only other methods); None when nothing of it is left."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            named = key == "methods" and isinstance(item, list)
            item = [i for i in item if i in kept] if named else _only(item, kept)
            if item is None or (item == [] and value[key] != []):
                if isinstance(value[key], list):
                    return None  # a rule whose list named only other methods
                continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [i for i in (_only(i, kept) for i in value) if i is not None]
    return value


def _one_method_dataset(folder: Path) -> Path:
    """The bundled dataset with only its first method: a line costs little, so that 10,000
    of them stay a fast test."""
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    methods = data.pop("methods")[:1]
    data = {**_only(data, {m["id"] for m in methods}), "methods": methods}
    safeguards = set(data.get("safeguards", {}))
    for group in data.get("plan", {}).get("heard", {}).get("groups", {}).values():
        group["means"] = [m for m in group.get("means", []) if m in safeguards]
    path = folder / "one.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _peak_kib(args: list[str], batch: Path) -> int:
    """The peak resident memory of one run of the CLI (its own, not the test's)."""
    with batch.open("rb") as lines:
        proc = subprocess.Popen(
            [*command(), *args, "--batch", "-"],
            stdin=lines,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=process_env(),
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stderr is not None
    assert proc.returncode == 0, proc.stderr.read()
    proc.stderr.close()
    return int(usage.ru_maxrss)  # KiB on Linux


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB is Linux's")
def test_ten_thousand_lines_in_flat_memory(tmp_path: Path) -> None:
    """10,000 lines take no more memory than 1,000, though the input is ten times larger:
    each line is a whole saved `recommend --json` document (about 6 KB), so reading the
    input at once, or keeping the results, would add tens of MB."""
    data = _one_method_dataset(tmp_path)
    args = ["--data", str(data), "recommend"]
    line = json.dumps(_single("recommend", "-p", "feedback"), ensure_ascii=False) + "\n"
    assert len(line.encode()) > 3000
    ranked = run_main(*args, "--batch", "-", input=line)
    assert ranked.code == 0 and _records(ranked)[0]["results"][0]["id"] == "bikva"
    small, large = tmp_path / "1000.jsonl", tmp_path / "10000.jsonl"
    small.write_text(line * 1_000, encoding="utf-8")
    large.write_text(line * 10_000, encoding="utf-8")
    growth_kib = _peak_kib(args, large) - _peak_kib(args, small)
    input_growth_kib = (large.stat().st_size - small.stat().st_size) // 1024
    assert input_growth_kib > 25_000
    assert growth_kib < 2_048, f"peak grew {growth_kib} KiB for {input_growth_kib} KiB more input"
