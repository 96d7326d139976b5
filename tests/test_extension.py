"""A municipality's own catalogue (issue 15): a file that extends the bundled dataset,
the `new` template, and validation across the layers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from osallisuus_cli import yamlsafe
from osallisuus_cli.cli import app
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.schema import PLACEHOLDER

EXAMPLE = REPO / "examples" / "own-methods.yaml"
runner = CliRunner()


def run(*args: str) -> object:
    return runner.invoke(app, list(args), env={"COLUMNS": "100"})


def run_json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_the_extension_adds_two_methods_and_replaces_one() -> None:
    dataset = load_dataset(str(EXAMPLE))
    ids = [m.id for m in dataset.methods]
    assert len(ids) == 12 and ids[-2:] == ["palautekahvila", "nuorten-kehittajaryhma"]
    panel = dataset.method("asiakasraati")
    assert panel is not None and "Esimerkkilän malli" in panel.name.fi
    assert ids.index("asiakasraati") == 2  # in the base's place
    assert dataset.origin("bikva") == "bundled"
    assert dataset.origin("palautekahvila") == str(EXAMPLE)
    assert [q.key for q in dataset.questions] == [q.key for q in load_dataset(None).questions]


def test_new_methods_are_ranked_searched_shown_and_exported(tmp_path: Path) -> None:
    data = ("--data", str(EXAMPLE))
    ranked = run_json(*data, "recommend", "-t", "clients", "-p", "feedback")
    assert ranked["results"][0]["id"] == "palautekahvila"  # type: ignore[index]
    found = run_json(*data, "search", "kahvila")
    assert found["results"][0]["id"] == "palautekahvila"  # type: ignore[index]
    shown = run_json(*data, "show", "feedback café")
    assert shown["method"]["origin"] == str(EXAMPLE)  # type: ignore[index]
    assert run_json(*data, "show", "bikva")["method"]["origin"] == "bundled"  # type: ignore[index]
    handout = tmp_path / "own.html"
    assert (
        run(
            *data, "export", "-m", "nuorten-kehittajaryhma", "-f", "html", "-o", str(handout)
        ).exit_code
        == 0
    )  # type: ignore[attr-defined]
    assert "Nuorten kehittäjäryhmä" in handout.read_text(
        encoding="utf-8"
    ) or "development group" in handout.read_text(encoding="utf-8")
    assert run(*data, "validate").exit_code == 0  # type: ignore[attr-defined]


def _extension(tmp_path: Path, body: str) -> Path:
    file = tmp_path / "mine.yaml"
    file.write_text("schema_version: 1\nextends: bundled\n" + body, encoding="utf-8")
    return file


BAD = {
    "a clash without replaces": (
        "methods:\n  - id: bikva\n    name: {fi: B, en: B}\n    goal: {fi: G, en: G}\n"
        "    description: {fi: D, en: D}\n    source: espoo-2010\n",
        8 - 4,
        ("method bikva", "replaces: true"),
    ),
    "replacing what is not there": (
        "methods:\n  - id: uusi\n    replaces: true\n    name: {fi: B, en: B}\n"
        "    goal: {fi: G, en: G}\n    description: {fi: D, en: D}\n    source: espoo-2010\n",
        5,
        ("method uusi", "no method 'uusi'"),
    ),
    "a fit on an unknown question": (
        "methods:\n  - id: uusi\n    name: {fi: B, en: B}\n    goal: {fi: G, en: G}\n"
        "    description: {fi: D, en: D}\n    source: espoo-2010\n    fits:\n"
        "      mood:\n        happy: {weight: 3, fi: x, en: x}\n",
        10,
        ("method uusi", "unknown question 'mood'"),
    ),
    "a fit on an unknown value": (
        "methods:\n  - id: uusi\n    name: {fi: B, en: B}\n    goal: {fi: G, en: G}\n"
        "    description: {fi: D, en: D}\n    source: espoo-2010\n    fits:\n"
        "      target_groups:\n        aliens: {weight: 3, fi: x, en: x}\n",
        11,
        ("method uusi", "unknown target_groups value 'aliens'"),
    ),
    "a source in neither": (
        "methods:\n  - id: uusi\n    name: {fi: B, en: B}\n    goal: {fi: G, en: G}\n"
        "    description: {fi: D, en: D}\n    source: nowhere\n",
        8,
        ("method uusi", "unknown source 'nowhere'"),
    ),
    "removing a method that is not there": ("removes: [no-such]\n", 3, ("nothing to remove",)),
}


@pytest.mark.parametrize("name", list(BAD))
def test_validation_across_the_layers(tmp_path: Path, name: str) -> None:
    body, line, needles = BAD[name]
    file = _extension(tmp_path, body)
    result = run("validate", str(file))
    assert result.exit_code == 1  # type: ignore[attr-defined]
    message = result.stderr  # type: ignore[attr-defined]
    assert f"{file}:{line}" in message, message
    for needle in needles:
        assert needle in message, message


def test_removing_a_bundled_method_is_explicit(tmp_path: Path) -> None:
    file = _extension(tmp_path, "removes: [bikva]\n")
    assert "bikva" not in [m.id for m in load_dataset(str(file)).methods]


def test_an_extension_of_an_extension_and_a_circle(tmp_path: Path) -> None:
    first = _extension(tmp_path, "removes: [bikva]\n")
    second = tmp_path / "second.yaml"
    second.write_text("schema_version: 1\nextends: mine.yaml\nremoves: [verkostokokous]\n", "utf-8")
    ids = [m.id for m in load_dataset(str(second)).methods]
    assert "bikva" not in ids and "verkostokokous" not in ids
    first.write_text("schema_version: 1\nextends: second.yaml\n", encoding="utf-8")
    result = run("--data", str(second), "list")
    assert result.exit_code == 1 and "circle" in result.stderr  # type: ignore[attr-defined]


def test_the_extension_is_cached_with_its_base(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    file = tmp_path / "own.yaml"
    file.write_bytes(EXAMPLE.read_bytes().replace(b"extends: bundled", b"extends: bundled "))
    load_dataset(str(file))

    def no_parsing(text: str) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlsafe, "parse", no_parsing)
    assert len(load_dataset(str(file)).methods) == 12  # neither file parsed: the cache


def test_new_writes_a_starter_that_validates_once_filled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("new", "oma-raati")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    starter = tmp_path / "oma-raati.yaml"
    text = starter.read_text(encoding="utf-8")
    refused = run("validate", str(starter))
    assert refused.exit_code == 1  # type: ignore[attr-defined]
    first = next(i for i, line in enumerate(text.splitlines(), 1) if f'"{PLACEHOLDER}' in line)
    assert f"{starter}:{first}" in refused.stderr  # type: ignore[attr-defined]
    filled = text.replace(f"{PLACEHOLDER}: ", "Oma ")
    filled = filled.replace('"Oma year of publication, e.g. 2024 (or remove the line)"', '"2024"')
    filled = filled.replace('"Oma https://... (or remove the line)"', '"https://example.org"')
    starter.write_text(filled, encoding="utf-8")
    accepted = run("validate", str(starter))
    assert accepted.exit_code == 0, accepted.output  # type: ignore[attr-defined]
    assert "oma-raati" in [m.id for m in load_dataset(str(starter)).methods]


def test_new_never_writes_over_a_file(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = run("new", "oma", "--output", str(target))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert "exists already" in result.stderr  # type: ignore[attr-defined]
    assert run("new", "Not A Slug", "-o", str(tmp_path / "x.yaml")).exit_code == 2  # type: ignore[attr-defined]
