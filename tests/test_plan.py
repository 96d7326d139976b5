"""`plan`, the readiness checklist, provenance and memos (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import SHARED
from osallisuus_cli import core
from osallisuus_cli.cli import app
from osallisuus_cli.model import JUDGEMENT, KNOWLEDGE_FIELDS, Dataset

runner = CliRunner()


def plan_json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["plan", *args, "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_every_phase_asked_for_has_a_method_or_says_why_it_is_light() -> None:
    document = plan_json("-t", "families", "-s", "child-welfare")
    phases = document["phases"]
    assert isinstance(phases, list)
    assert [p["phase"] for p in phases] == [
        "planning",
        "implementation",
        "evaluation",
        "improvement",
    ]
    assert all(p["methods"] or p["note"].startswith("Keep this phase light") for p in phases)


def test_phases_can_be_chosen_in_either_language() -> None:
    document = plan_json("-t", "lapset", "--phase", "arviointi", "--phase", "seuranta")
    assert [p["phase"] for p in document["phases"]] == ["evaluation", "monitoring"]  # type: ignore[index, union-attr]


def test_the_phases_complement_each_other(dataset: Dataset) -> None:
    given = core.AnswerInput({"target_groups": ["clients"], "purposes": ["co-design", "feedback"]})
    result = core.plan(None, given)
    choices = [p.choice.method.id for p in result.phases if p.choice]
    assert len(set(choices)) > 1
    for phase in result.phases:
        assert phase.choice is not None
        for other in phase.methods[1:]:
            assert other.method.id != phase.choice.method.id


def test_a_method_with_an_unmet_requirement_carries_its_warning() -> None:
    document = plan_json(
        "-t", "hard-to-reach", "-p", "feedback", "--no-facilitator", "--phase", "evaluation"
    )
    methods = document["phases"][0]["methods"]  # type: ignore[index]
    bikva = [m for m in methods if m["id"] == "bikva"]
    assert bikva and bikva[0]["warnings"]
    assert methods[0]["id"] != "bikva"  # the choice is a method it can run


def test_the_checklist_flags_what_the_answers_say_is_missing() -> None:
    result = runner.invoke(
        app, ["recommend", "-t", "hard-to-reach", "-p", "feedback", "--facilitator", "--json"]
    )
    checklist = json.loads(result.stdout)["checklist"]
    assert any(item["method"] == "bikva" and not item["unmet"] for item in checklist)
    for item in checklist:
        assert item["text"] and item["source"]


@pytest.mark.skipif(not (SHARED / "scenarios").is_dir(), reason="../shared is not beside the repo")
def test_plan_works_for_the_dev_scenarios_descriptions() -> None:
    scenarios = yaml.safe_load((SHARED / "scenarios" / "dev.yaml").read_text(encoding="utf-8"))
    for scenario in scenarios:
        args = [str(a) for a in scenario.get("args", [])]
        if scenario.get("kind", "recommend") != "recommend" or scenario.get("exit"):
            continue
        lang = ["--lang", scenario["lang"]] if scenario.get("lang") else []
        result = runner.invoke(app, [*lang, "plan", *args, "--json"])
        assert result.exit_code == 0, (scenario["name"], result.output)
        tracks = json.loads(result.stdout)["tracks"]
        assert tracks and all(track["phases"] for track in tracks), scenario["name"]
        for track in tracks:
            for phase in track["phases"]:
                assert phase["chosen"] is None or phase["chosen"]["why_chosen"], scenario["name"]


@pytest.mark.parametrize("suffix", [".md", ".html"])
@pytest.mark.parametrize("command", ["plan", "recommend"])
def test_the_memo_is_whole_standalone_and_escaped(
    tmp_path: Path, suffix: str, command: str
) -> None:
    hostile = "<script>alert(1)</script> **bold** [x](javascript:1)"
    memo = tmp_path / f"memo{suffix}"
    result = runner.invoke(
        app, [command, "-t", "children", "--describe", hostile, "--output", str(memo)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = memo.read_text(encoding="utf-8")
    assert "<script>" not in text
    if suffix == ".html":
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
        assert "http" not in text.split("<body>")[0]  # no external assets
        assert "&lt;script&gt;" in text
    else:
        assert "\\*\\*bold\\*\\*" in text
    assert "Espoo 2010" in text  # sources are named


def test_a_format_that_contradicts_the_file_name_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["plan", "-t", "children", "-o", str(tmp_path / "memo.md"), "--format", "html"]
    )
    assert result.exit_code == 2
    assert "does not match" in result.stderr


def test_every_statement_names_a_source_that_exists(dataset: Dataset) -> None:
    known = {s.id for s in dataset.sources} | {JUDGEMENT}
    for method in dataset.methods:
        statements = [*method.fits, *method.requirements, *method.placements, *method.preconditions]
        for key in KNOWLEDGE_FIELDS:
            statements += getattr(method.knowledge, key)
        for statement in statements:
            assert statement.source in known, (method.id, statement)
        facts = [s for key in KNOWLEDGE_FIELDS for s in getattr(method.knowledge, key)]
        assert all(s.source != JUDGEMENT for s in facts), method.id  # facts need a source


def test_validate_refuses_a_statement_whose_source_is_unknown(
    tmp_path: Path, bundled_text: str
) -> None:
    text = bundled_text.replace(
        "          source: espoo-2010\n", "          source: nowhere-2099\n", 1
    )
    file = tmp_path / "bad.yaml"
    file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(file)])
    assert result.exit_code == 1
    assert "unknown source 'nowhere-2099'" in result.stderr


def test_reasons_say_where_they_come_from() -> None:
    result = runner.invoke(app, ["recommend", "-t", "children", "--json"])
    reasons = json.loads(result.stdout)["results"][0]["reasons"]
    assert reasons[0]["source"] == "espoo-2010"
    assert "[Espoo 2010]" in reasons[0]["text"]
    assert "Seed:" not in result.stdout
