"""What you have (issue 22): --have / --lack, every method's needs checked, "to check"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osallisuus_cli.answers import build_answers
from osallisuus_cli.cli import app
from osallisuus_cli.core import rank
from osallisuus_cli.model import Answers, Dataset
from osallisuus_cli.questionnaire import LACK_MARK, understand

CASE = ["-t", "young-people", "-p", "case-plan", "-s", "child-welfare"]
EXPERTS = ["-p", "co-design", "-s", "mental-health-substance-abuse", "-d", "ongoing"]


def run_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def results(document: dict[str, object]) -> list[dict[str, object]]:
    found = document["results"]
    assert isinstance(found, list)
    return found


def statuses(result: dict[str, object]) -> dict[str, object]:
    needs = result["requirements"]
    assert isinstance(needs, list)
    return {need["resource"]: need["status"] for need in needs}


def test_lacking_a_coordinator_warns_the_family_group_conference() -> None:
    ranked = results(run_json("recommend", *CASE, "--lack", "coordinator"))
    conference = next(r for r in ranked if r["id"] == "laheisneuvonpito")
    assert conference["warnings"]
    assert statuses(conference) == {"coordinator": "unmet"}
    assert ranked[0]["id"] == "verkostokokous"
    after = ranked[ranked.index(conference) + 1 :]
    assert all(r["warnings"] for r in after)


def test_having_a_coordinator_puts_the_conference_first_unwarned() -> None:
    ranked = results(run_json("recommend", *CASE, "--have", "coordinator"))
    assert ranked[0]["id"] == "laheisneuvonpito"
    assert not ranked[0]["warnings"]
    assert statuses(ranked[0]) == {"coordinator": "met"}


def test_an_unanswered_need_is_to_check_never_assumed() -> None:
    document = run_json("recommend", *CASE)
    ranked = results(document)
    assert ranked[0]["id"] == "laheisneuvonpito"
    assert statuses(ranked[0]) == {"coordinator": "to-check"}
    assert not ranked[0]["warnings"]
    answers = document["answers"]
    assert isinstance(answers, dict)
    assert answers["resources"] == {} and answers["facilitator"] is None


def test_to_check_is_shown_in_the_table() -> None:
    result = CliRunner().invoke(app, ["--lang", "en", "recommend", *CASE, "--top", "1"])
    assert result.exit_code == 0
    assert "to check" in result.stdout
    assert "impartial coordinator" in result.stdout


def test_experts_by_experience_are_warned_without_fees_and_trained_experts() -> None:
    plain = results(run_json("recommend", *EXPERTS))
    assert plain[0]["id"] == "kokemusasiantuntijuus"
    lacking = results(
        run_json("recommend", *EXPERTS, "--lack", "fees", "--lack", "trained-experts")
    )
    experts = next(r for r in lacking if r["id"] == "kokemusasiantuntijuus")
    assert statuses(experts) == {"trained-experts": "unmet", "fees": "unmet"}
    assert len(experts["warnings"]) == 2  # type: ignore[arg-type]
    assert lacking[0]["id"] != "kokemusasiantuntijuus"


def test_the_facilitator_flags_are_the_same_answer_as_have_and_lack() -> None:
    old = run_json("recommend", "-t", "hard-to-reach", "--no-facilitator")
    new = run_json("recommend", "-t", "hard-to-reach", "--lack", "facilitator")
    assert old["results"] == new["results"]
    assert old["answers"]["resources"] == {"facilitator": "no"}  # type: ignore[index]
    assert old["answers"]["facilitator"] is False  # type: ignore[index]


def test_a_value_given_as_had_and_lacked_is_a_usage_error() -> None:
    result = CliRunner().invoke(
        app, ["recommend", "-t", "children", "--have", "fees", "--lack", "palkkiot"]
    )
    assert result.exit_code == 2
    assert "--have" in result.stderr and "--lack" in result.stderr


def test_an_unknown_resource_is_a_usage_error_a_typo_is_not() -> None:
    result = CliRunner().invoke(app, ["recommend", "-t", "children", "--have", "sauna"])
    assert result.exit_code == 2
    assert "'sauna'" in result.stderr and "Traceback" not in result.stderr
    typo = run_json("recommend", "-t", "children", "--have", "coordinater")
    assert typo["answers"]["resources"] == {"coordinator": "yes"}  # type: ignore[index]


def test_finnish_and_english_names_of_resources(dataset: Dataset) -> None:
    answers = build_answers(
        dataset, {"resources": ["koollekutsuja", "tulkki"], "lack": ["selkokieli"]}
    )
    assert answers.resources == {
        "coordinator": "yes",
        "interpreter": "yes",
        "supported-communication": "no",
    }


def test_an_answers_file_says_what_you_have(tmp_path: Path) -> None:
    file = tmp_path / "answers.yaml"
    file.write_text(
        "target_groups: [young-people]\npurposes: [case-plan]\n"
        "resources: {coordinator: no, fees: yes}\nfacilitator: true\n",
        encoding="utf-8",
    )
    document = run_json("recommend", "--answers", str(file))
    answers = document["answers"]
    assert answers["resources"] == {  # type: ignore[index]
        "facilitator": "yes",
        "coordinator": "no",
        "fees": "yes",
    }
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(document), encoding="utf-8")
    again = run_json("recommend", "--answers", str(saved))
    assert again["answers"] == answers


def test_an_answers_file_with_a_bad_have_value_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "answers.yaml"
    file.write_text("resources: {coordinator: perhaps}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["recommend", "--answers", str(file)])
    assert result.exit_code == 2
    assert "'perhaps'" in result.stderr and "Traceback" not in result.stderr


def test_the_rerun_command_keeps_what_you_have(dataset: Dataset) -> None:
    from osallisuus_cli.answers import to_command

    answers = Answers({"target_groups": ("children",)}, resources={"fees": "yes", "respite": "no"})
    command = to_command(dataset, answers, ["osallisuus"])
    assert command.endswith("--target-group children --have fees --lack respite")


def test_the_questionnaire_ticks_what_you_have_and_marks_what_you_lack(dataset: Dataset) -> None:
    question = dataset.question("resources")
    understood = understand(question, "2 -1, tulkki, -sijaishoito")
    assert [slug for _, slug in understood] == [
        "coordinator",
        LACK_MARK + "facilitator",
        "interpreter",
        LACK_MARK + "respite",
    ]


def test_questions_lists_what_you_have() -> None:
    document = run_json("questions")
    questions = document["questions"]
    assert isinstance(questions, list)
    have = next(q for q in questions if q["key"] == "resources")
    assert have["flag"] == "--have" and have["resources"] is True
    assert [v["value"] for v in have["values"]] == [
        "facilitator",
        "coordinator",
        "fees",
        "trained-experts",
        "interpreter",
        "supported-communication",
        "respite",
    ]


def test_every_need_is_sourced_and_of_a_resource(dataset: Dataset) -> None:
    resources = {v.slug for v in dataset.question("resources").values}
    needs = {m.id: [r.resource for r in m.requirements] for m in dataset.methods}
    assert needs["bikva"] == ["facilitator"]
    assert needs["laheisneuvonpito"] == ["coordinator"]
    assert needs["kokemusasiantuntijuus"] == ["trained-experts", "fees"]
    for method in dataset.methods:
        for need in method.requirements:
            assert need.resource in resources
            assert need.source in {s.id for s in dataset.sources}


@pytest.mark.parametrize("have", ["yes", "no", "unsure"])
def test_a_need_status_follows_what_you_have(dataset: Dataset, have: str) -> None:
    answers = Answers({"target_groups": ("hard-to-reach",)}, resources={"facilitator": have})
    bikva = next(r for r in rank(dataset, answers).results if r.method.id == "bikva")
    expected = {"yes": "met", "no": "unmet", "unsure": "to-check"}[have]
    assert [n.status for n in bikva.needs] == [expected]
    assert bool(bikva.warnings) == (have == "no")


def test_what_you_have_counts_for_the_method_that_needs_it() -> None:
    tied = ["-t", "children", "-t", "families", "-p", "case-plan", "-l", "individual"]
    tied += ["-s", "child-welfare"]
    plain = results(run_json("recommend", *tied))
    had = results(run_json("recommend", *tied, "--have", "coordinator"))
    assert plain[0]["score"] == plain[1]["score"]
    assert [r["id"] for r in plain[:2]] == ["verkostokokous", "laheisneuvonpito"]
    assert [r["id"] for r in had[:2]] == ["laheisneuvonpito", "verkostokokous"]
    assert had[0]["score"] > had[1]["score"]
    reason = next(r for r in had[0]["reasons"] if r["question"] == "have")  # type: ignore[union-attr]
    assert reason["text"] == "uses what you have: independent coordinator"
    assert reason["relevance"] == 100 and reason["weight"] is None
    # the network meeting needs nothing you named: no reason of what you have
    assert all(r["question"] != "have" for r in had[1]["reasons"])  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The county dropped that budget line, so I have zero for fees."),
        ("fi", "Palkkioihin on nolla euroa, määräraha poistettiin."),
    ],
)
def test_zero_for_fees_is_lacking_them(lang: str, text: str) -> None:
    document = run_json("--lang", lang, "recommend", "--describe", text, "--yes")
    answers = document["answers"]
    assert isinstance(answers, dict)
    assert answers["resources"].get("fees") == "no"


@pytest.mark.parametrize(
    ("lang", "text", "implied"),
    [
        (
            "en",
            "The results must go to the county board by May. We want feedback from "
            "home care clients.",
            "fixed-term",
        ),
        (
            "en",
            "We want a standing panel of home care clients, meeting monthly, and the "
            "results must go to the county board by May.",
            "ongoing",
        ),
    ],
)
def test_a_deadline_with_no_duration_said_makes_the_work_of_fixed_length(
    lang: str, text: str, implied: str
) -> None:
    document = run_json("--lang", lang, "recommend", "--describe", text, "--yes")
    answers = document["answers"]
    assert isinstance(answers, dict)
    assert answers["duration"] == implied
