"""Every command through Typer's CliRunner: output, JSON contract, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SPEC_IDS
from osallisuus_cli.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env={"COLUMNS": "100", **(env or {})})


def run_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    assert document["schema_version"] == 1
    return document


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("osallisuus ")


def test_list_table_and_json() -> None:
    result = run("list")
    assert result.exit_code == 0
    assert "bikva" in result.stdout and "Network meeting" in result.stdout
    document = run_json("list")
    assert [m["id"] for m in document["methods"]] == SPEC_IDS
    assert set(document["methods"][0]) >= {"id", "name", "goal", "target_groups"}


def test_list_filters_by_group_and_setting_in_either_language() -> None:
    document = run_json("list", "-t", "omaishoitajat")
    assert "omaisten-illat" in [m["id"] for m in document["methods"]]
    document = run_json("list", "-s", "asukaspuistot")
    assert [m["id"] for m in document["methods"]] == ["kayttajakokoukset"]


def test_list_in_finnish() -> None:
    result = run("--lang", "fi", "list")
    assert "Verkostokokous" in result.stdout
    assert "Asiakasosallisuutta" in result.stdout


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bikva", "bikva"),
        ("Läheisneuvonpito", "laheisneuvonpito"),
        ("network meeting", "verkostokokous"),
        ("kokemusasiantuntijus", "kokemusasiantuntijuus"),
        ("FAMILY GROUP CONFERENCE", "laheisneuvonpito"),
    ],
)
def test_show_finds_by_id_name_alias_and_typo(name: str, expected: str) -> None:
    assert run_json("show", name)["method"]["id"] == expected


def test_show_carries_the_finnish_seed_text_and_source() -> None:
    method = run_json("--lang", "fi", "show", "verkostokokous")["method"]
    assert method["goal"].startswith("Verkostokeskeisen työn perustapahtuma")
    assert method["description"].endswith("Käytetään esim. lastensuojelussa")
    assert "Halttunen-Sommardahl" in method["source"]["text"]
    assert method["source"]["url"].startswith("http://www.hel.fi/")
    assert set(method) >= {"id", "name", "goal", "description", "source"}


def test_show_in_english_and_table() -> None:
    method = run_json("--lang", "en", "show", "bikva")["method"]
    assert method["name"].startswith("BIKVA")
    assert method["requirements"][0]["resource"] == "facilitator"
    result = run("show", "bikva")
    assert result.exit_code == 0
    assert "external facilitator" in result.stdout


def test_show_unknown_method_is_a_usage_error() -> None:
    result = run("show", "xyzzy-method", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "xyzzy-method" in result.stderr


def test_compare_side_by_side() -> None:
    document = run_json("compare", "bikva", "asiakasraati", "verkostokokous")
    assert [m["id"] for m in document["methods"]] == ["bikva", "asiakasraati", "verkostokokous"]
    result = run("compare", "bikva", "asiakasraati")
    assert result.exit_code == 0
    assert "target groups" in result.stdout


def test_compare_needs_two_different_methods() -> None:
    result = run("compare", "bikva", "Bikva")
    assert result.exit_code == 2
    assert "at least two" in result.stderr


def test_search_ranks_and_snippets() -> None:
    document = run_json("search", "sadutus")
    assert document["query"] == "sadutus"
    assert document["results"][0]["id"] == "lasten-osallisuus"
    assert set(document["results"][0]) >= {"id", "name", "score"}
    result = run("search", "sadutus")
    assert result.exit_code == 0
    assert "sadutus" in result.stdout.lower()


def test_recommend_json_contract() -> None:
    document = run_json("recommend", "-t", "lapsille", "-s", "päiväkoti", "--top", "1")
    assert document["answers"]["target_groups"] == ["children"]
    assert document["answers"]["settings"] == ["early-childhood-education"]
    assert document["answers"]["facilitator"] is None
    first = document["results"][0]
    assert first["id"] == "lasten-osallisuus" and first["rank"] == 1
    assert set(first) >= {"rank", "id", "name", "score", "reasons", "warnings"}
    assert len(document["results"]) == 1


def test_recommend_warns_without_facilitator() -> None:
    document = run_json("recommend", "-t", "hard-to-reach", "-p", "feedback", "--no-facilitator")
    assert document["answers"]["facilitator"] is False
    bikva = next(r for r in document["results"] if r["id"] == "bikva")
    assert bikva["warnings"] and bikva["rank"] == len(document["results"])


def test_recommend_table_shows_reasons() -> None:
    result = run("recommend", "-t", "caregivers")
    assert result.exit_code == 0
    assert "omaisten-illat" in result.stdout
    assert "%" in result.stdout


def test_recommend_unknown_value_names_the_closest() -> None:
    result = run("recommend", "-t", "famlies", "--json")
    assert result.exit_code == 0  # a small typo is understood
    result = run("recommend", "-t", "dogs", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "dogs" in result.stderr


def test_recommend_without_answers_outside_a_terminal_is_a_usage_error() -> None:
    result = run("recommend")
    assert result.exit_code == 2
    assert "--describe" in result.stderr


def test_recommend_reads_an_answers_file_and_flags_win(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("target_groups: [caregivers]\nlevel: group\nfacilitator: no\n")
    document = run_json("recommend", "--answers", str(answers))
    assert document["answers"]["target_groups"] == ["caregivers"]
    assert document["answers"]["facilitator"] is False
    document = run_json("recommend", "--answers", str(answers), "-t", "children")
    assert document["answers"]["target_groups"] == ["children"]
    assert document["answers"]["level"] == "group"


def test_recommend_json_output_feeds_back_as_answers(tmp_path: Path) -> None:
    first = run_json("recommend", "-t", "families", "-s", "varhaiskasvatus")
    saved = tmp_path / "saved.json"
    saved.write_text(json.dumps(first))
    again = run_json("recommend", "--answers", str(saved))
    assert again["answers"] == first["answers"]
    assert again["results"] == first["results"]


def test_recommend_describe_says_what_it_understood() -> None:
    document = run_json(
        "recommend", "--describe", "We want to hear the children's voice in daycare"
    )
    understood = document["answers"]["understood"]
    assert {"question": "target_groups", "value": "children"}.items() <= understood[0].items()
    assert document["results"][0]["id"] == "lasten-osallisuus"


def test_export_markdown_html_json(tmp_path: Path) -> None:
    for fmt, marker in (("markdown", "# "), ("html", "<html"), ("json", '"methods"')):
        result = run("export", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert marker in result.stdout
        for method_id in SPEC_IDS:
            assert method_id in result.stdout or fmt == "markdown"
    out = tmp_path / "handout.html"
    result = run("export", "--format", "html", "--method", "bikva", "--output", str(out))
    assert result.exit_code == 0
    assert "<html" in out.read_text(encoding="utf-8")


def test_export_to_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("export", "--output", str(tmp_path / "no" / "such" / "file.md"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_validate_bundled_and_broken(tmp_path: Path, bundled_text: str) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert "valid" in result.stdout
    assert run_json("validate")["valid"] is True
    broken = tmp_path / "broken.yaml"
    broken.write_text(bundled_text.replace("  - id: asiakasraati\n", "  - id: bikva\n"))
    result = run("validate", str(broken), "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)  # the README's shape, with "valid": false
    assert document["valid"] is False and document["methods"] is None
    # the first; the safeguards that name asiakasraati then name an unknown method too
    problem = document["problems"][0]
    assert problem["file"] == str(broken) and isinstance(problem["line"], int)
    assert problem["method"] == "bikva" and problem["field"] == "id"
    assert "duplicate id 'bikva'" in problem["message"]
    assert "duplicate id 'bikva'" in result.stderr
    assert "broken.yaml:" in result.stderr
    text = run("validate", str(broken))
    assert text.exit_code == 1 and text.stdout == ""
    assert "duplicate id 'bikva'" in text.stderr


def test_a_broken_dataset_is_exit_1_for_every_command(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("methods: [\n")
    for command in (["list"], ["show", "bikva"], ["recommend", "-t", "children"]):
        result = run("--data", str(broken), *command, "--json")
        assert result.exit_code == 1, command
        assert result.stdout == ""
        assert "broken.yaml" in result.stderr


def test_unknown_language_is_a_usage_error() -> None:
    result = run("--lang", "sv", "list")
    assert result.exit_code == 2


def test_language_from_environment_and_locale() -> None:
    assert "Verkostokokous" in run("list", env={"OSALLISUUS_LANG": "fi"}).stdout
    assert "Network meeting" in run("list", env={"LANG": "en_US.UTF-8"}).stdout
    assert "Verkostokokous" in run("list", env={"LC_ALL": "fi_FI.UTF-8"}).stdout


def test_show_and_search_take_several_words_without_quotes() -> None:
    assert run_json("show", "network", "meeting")["method"]["id"] == "verkostokokous"
    assert run_json("search", "network", "meeting")["query"] == "network meeting"


def test_list_shows_the_best_fitting_target_groups_first() -> None:
    methods = {m["id"]: m for m in run_json("list")["methods"]}
    assert methods["verkostokokous"]["target_groups"][:2] == ["families", "clients"]
    assert methods["verkostokokous"]["target_groups"][-1] in ("hard-to-reach", "immigrants")


def test_explain_says_why_a_method_ranks_or_is_left_out() -> None:
    ranked = run(
        "recommend", "-t", "families", "-s", "early-childhood-education", "-x", "omaisten-illat"
    )
    assert ranked.exit_code == 0, ranked.output
    assert "left out" in ranked.stdout and "under 50 % of the best" in ranked.stdout
    must_fit = run("recommend", "-p", "materials", "-s", "child-welfare", "-x", "verkostokokous")
    assert "fits none of the purposes you gave (client materials)" in " ".join(
        must_fit.stdout.split()
    )
    document = run_json("recommend", "-t", "families", "-s", "early-childhood-education")
    far = {o["id"]: o for o in document["left_out"] if o["because"] == "far_below"}
    assert far["omaisten-illat"]["score"] < document["results"][0]["score"] * 0.5
    fi = run("--lang", "fi", "recommend", "-t", "families", "-s", "early-childhood-education")
    assert "parhaan pisteistä" in fi.stdout
