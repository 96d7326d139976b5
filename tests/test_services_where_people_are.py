"""The services where people are (issue 22): family centres and integration services are
settings a planner can name, and every method says whether and why it fits them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from osallisuus_cli.cli import app
from osallisuus_cli.model import JUDGEMENT, Dataset

runner = CliRunner()
NEW = ("family-services", "integration-services")


def run_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--json"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("perhekeskus", "family-services"),
        ("neuvola", "family-services"),
        ("perhetyö", "family-services"),
        ("family centre", "family-services"),
        ("kotoutumispalvelut", "integration-services"),
        ("maahanmuuttajapalvelut", "integration-services"),
        ("integration services", "integration-services"),
    ],
)
def test_the_service_is_understood_from_its_finnish_or_english_name(word: str, value: str) -> None:
    data = run_json("recommend", "-s", word)
    assert data["answers"]["settings"] == [value]


def test_a_family_centre_no_longer_suggests_health_care() -> None:
    data = run_json("recommend", "-s", "perhekeskus")
    assert "health-care" not in data["answers"]["settings"]
    assert data["results"], "some method fits family services"


@pytest.mark.parametrize("value", NEW)
def test_every_fit_to_the_new_services_has_a_reason_in_both_languages_and_a_source(
    dataset: Dataset, value: str
) -> None:
    fits = [m.fit("settings", value) for m in dataset.methods]
    found = [f for f in fits if f is not None]
    assert found
    known = {s.id for s in dataset.sources} | {JUDGEMENT}
    for fit in found:
        assert fit.why.fi.strip() and fit.why.en.strip() and fit.why.fi != fit.why.en
        assert fit.source in known


def test_carers_evenings_do_not_claim_the_new_services(dataset: Dataset) -> None:
    method = dataset.method("omaisten-illat")
    assert method is not None
    assert all(method.fit("settings", value) is None for value in NEW)


def test_integration_services_rank_the_methods_for_hard_to_reach_groups_first() -> None:
    data = run_json("recommend", "-s", "kotoutumispalvelut", "-t", "maahanmuuttajat")
    assert data["results"][0]["id"] in ("bikva", "asiakasmateriaalit")
