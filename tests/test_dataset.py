"""The bundled dataset: valid, verbatim to the seed, sourced, cached correctly."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, SHARED, SPEC_IDS
from osallisuus_cli import cache
from osallisuus_cli.dataset import check_file, load_dataset
from osallisuus_cli.errors import DataError
from osallisuus_cli.files import bundled_path
from osallisuus_cli.model import JUDGEMENT, Dataset, Fit
from osallisuus_cli.schema import (
    FIT,
    ShapeError,
    _fits,
    build,
    build_dataset,
    for_cache,
    from_cache,
)
from osallisuus_cli.validation import parse_and_validate

HELSINKI_URL = (
    "http://www.hel.fi/wps/wcm/connect/c6cbfa804a176e2c9555fd3d8d1d4668/"
    "2008_osallistavat_menetelma.pdf?MOD=AJPERES"
)
SEED_FILE = SHARED / "seed" / "000_891bc3d8217c5bf9.txt"
CELLS = yaml.safe_load((REPO / "tests" / "data" / "seed_cells.yaml").read_text(encoding="utf-8"))


def test_bundled_dataset_validates() -> None:
    _, problems = check_file(str(bundled_path()))
    assert problems == ()


def test_the_ten_spec_ids_in_order(dataset: Dataset) -> None:
    assert [m.id for m in dataset.methods] == SPEC_IDS


@pytest.mark.parametrize("method_id", SPEC_IDS)
def test_finnish_cells_match_the_seed_rebuild(dataset: Dataset, method_id: str) -> None:
    method = dataset.method(method_id)
    assert method is not None
    cells = CELLS[method_id]
    assert method.name.fi == cells["name"]
    assert method.goal.fi == cells["goal"]
    assert method.description.fi == cells["description"]
    assert dataset.source(method.source_id).cell("fi") == cells["source"]


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


@pytest.mark.skipif(not SEED_FILE.is_file(), reason="the shared seed is not beside the repo")
@pytest.mark.parametrize("method_id", SPEC_IDS)
def test_finnish_cells_are_word_sequences_of_the_seed(dataset: Dataset, method_id: str) -> None:
    """Every word of each cell occurs in the seed, in order: nothing added or reworded."""
    seed_words = _words(SEED_FILE.read_text(encoding="utf-8"))
    method = dataset.method(method_id)
    assert method is not None
    for text in (method.name.fi, method.goal.fi, method.description.fi):
        remaining = iter(seed_words)
        for word in _words(text):
            assert any(word == seed_word for seed_word in remaining), (method_id, word)


def test_english_text_is_present_and_different(dataset: Dataset) -> None:
    for method in dataset.methods:
        for field in (method.name, method.goal, method.description):
            assert field.en.strip()
        assert method.goal.en != method.goal.fi


def test_sources_are_espoo_or_halttunen_sommardahl(dataset: Dataset) -> None:
    for method in dataset.methods:
        source = dataset.source(method.source_id)
        if method.id == "verkostokokous":
            assert source.author == "Riitta Halttunen-Sommardahl"
            assert source.url == HELSINKI_URL
        else:
            assert "Espoo" in source.citation.fi
            assert source.url is None


def test_every_weight_has_a_reason_in_both_languages(dataset: Dataset) -> None:
    for method in dataset.methods:
        assert method.fits, method.id
        for fit in method.fits:
            assert 1 <= fit.weight <= dataset.max_weight
            assert fit.why.fi.strip() and fit.why.en.strip()
    for question in dataset.questions:
        assert question.why.fi.strip() and question.why.en.strip()


def test_bikva_requires_a_facilitator(dataset: Dataset) -> None:
    bikva = dataset.method("bikva")
    assert bikva is not None
    assert [r.resource for r in bikva.requirements] == ["facilitator"]


def test_cache_returns_the_same_dataset(tmp_path: Path, bundled_text: str) -> None:
    file = tmp_path / "mine.yaml"
    file.write_text(bundled_text, encoding="utf-8")
    first = load_dataset(str(file))
    second = load_dataset(str(file))
    assert first == second


def test_cache_follows_a_changed_file(tmp_path: Path, bundled_text: str) -> None:
    file = tmp_path / "mine.yaml"
    file.write_text(bundled_text, encoding="utf-8")
    assert load_dataset(str(file)).methods[0].name.en.startswith("BIKVA")
    file.write_text(bundled_text.replace("BIKVA – client-centred", "Changed –"), encoding="utf-8")
    assert load_dataset(str(file)).methods[0].name.en.startswith("Changed")


def test_a_broken_cache_file_is_ignored(
    tmp_path: Path, bundled_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OSALLISUUS_CACHE_DIR", str(tmp_path / "cache"))
    file = tmp_path / "mine.yaml"
    file.write_text(bundled_text, encoding="utf-8")
    load_dataset(str(file))
    for cached in (tmp_path / "cache").iterdir():
        cached.write_text("{not json", encoding="utf-8")
    assert len(load_dataset(str(file)).methods) == 10


def test_env_variable_chooses_the_dataset(
    tmp_path: Path, bundled_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # renamed, and so in the safeguards that name it (an unknown method there is a problem)
    extra = re.sub(r"\bbikva\b(?=[,\]])", "my-bikva", bundled_text).replace(
        "  - id: bikva\n", "  - id: my-bikva\n"
    )
    file = tmp_path / "mine.yaml"
    file.write_text(extra, encoding="utf-8")
    monkeypatch.setenv("OSALLISUUS_DATA", str(file))
    assert load_dataset(None).methods[0].id == "my-bikva"


def test_invalid_dataset_raises_with_every_problem(tmp_path: Path, bundled_text: str) -> None:
    bad = bundled_text.replace("          weight: 3\n", "          weight: 7\n", 1).replace(
        "source: espoo-2010", "source: nowhere", 1
    )
    file = tmp_path / "bad.yaml"
    file.write_text(bad, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(str(file))
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) >= 2
    assert any("unknown source 'nowhere'" in m and "method bikva" in m for m in messages)
    assert all(re.search(r"bad\.yaml:\d+", m) for m in messages)


def test_cache_location_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSALLISUUS_CACHE_DIR", "off")
    assert cache._file("abc") is None


def _fits_the_generic_way(raw: dict[str, Any]) -> tuple[Fit, ...]:
    return tuple(
        build(FIT, item, question=question, value=slug)
        for question, items in raw.items()
        for slug, item in items.items()
    )


def test_fits_are_built_as_the_declared_fit_entity_builds_them(bundled_text: str) -> None:
    data = parse_and_validate(bundled_text, "methods.yaml")
    for method in data["methods"]:
        fits, generic = _fits(method["fits"], "fits"), _fits_the_generic_way(method["fits"])
        assert tuple(fits) == generic
        assert all(fits.get(fit.question, fit.value) == fit for fit in generic)
        assert fits.get("target_groups", "nobody") is None


@pytest.mark.parametrize(
    "item",
    [
        "4",
        {"fi": "a", "en": "b"},
        {"weight": "4", "fi": "a", "en": "b"},
        {"weight": 0, "fi": "a", "en": "b"},
        {"weight": True, "fi": "a", "en": "b"},
        {"weight": 4, "fi": "a"},
        {"weight": 4, "fi": 1, "en": "b"},
        {"weight": 4, "fi": "a", "en": "b", "source": 7},
    ],
)
def test_fits_refuse_what_the_declared_fit_entity_refuses(item: Any) -> None:
    raw = {"target_groups": {"children": item}}
    with pytest.raises(ShapeError):
        _fits_the_generic_way(raw)
    with pytest.raises(ShapeError):
        _fits(raw, "fits")


def test_a_fit_without_a_source_is_the_editors_judgement() -> None:
    raw = {"target_groups": {"children": {"weight": 4, "fi": "a", "en": "b", "source": None}}}
    assert tuple(_fits(raw, "fits")) == _fits_the_generic_way(raw)
    assert _fits(raw, "fits").question("target_groups")[0].source == JUDGEMENT


def test_the_cache_form_gives_back_the_validated_data(bundled_text: str) -> None:
    data = parse_and_validate(bundled_text, "methods.yaml")
    kept, texts = for_cache(data)
    assert all(
        type(row) is list for m in kept["methods"] for i in m["fits"].values() for row in i.values()
    )
    back = from_cache(kept, cache.Texts("\n".join(texts).encode()))
    assert back == data
    cached = build_dataset(kept, "x", cache.Texts("\n".join(texts).encode()))
    assert cached.methods == build_dataset(data, "x").methods


def test_a_fit_row_of_the_wrong_length_is_a_shape_error() -> None:
    with pytest.raises(ShapeError):
        _fits({"target_groups": {"children": [4, "a", "b"]}}, "fits")
    with pytest.raises(ShapeError):
        from_cache(
            {"methods": [{"id": "x", "fits": {"target_groups": {"children": [4]}}, "later": 0}]},
            cache.Texts(b"{}"),
        )


def test_the_answers_an_age_names_must_be_the_questions_own(
    tmp_path: Path, bundled_text: str
) -> None:
    bad = bundled_text.replace(
        "{value: children, from: 0, to: 12}", "{value: kids, from: 0, to: 12}"
    )
    bad = bad.replace(
        "one_person: {question: level, value: individual}",
        "one_person: {question: lvl, value: one}",
    )
    assert bad.count("kids") and bad.count("lvl")
    messages = _problems(tmp_path, bad)
    assert any("unknown target_groups value 'kids'" in m for m in messages), messages
    assert any("unknown question 'lvl'" in m for m in messages), messages
    assert all(re.search(r"bad\.yaml:\d+", m) for m in messages)


def test_the_answers_whereabouts_names_must_be_the_questions_own(
    tmp_path: Path, bundled_text: str
) -> None:
    bad = bundled_text.replace(
        "    values: [families, caregivers]\n", "    values: [families, cousins]\n"
    )
    assert "cousins" in bad
    messages = _problems(tmp_path, bad)
    assert any("unknown target_groups value 'cousins'" in m for m in messages), messages


def test_the_answers_shared_services_names_must_be_the_questions_own(
    tmp_path: Path, bundled_text: str
) -> None:
    bad = bundled_text.replace(
        "service: {question: settings, value: elderly-care}",
        "service: {question: settings, value: old-folks}",
    )
    assert "old-folks" in bad
    messages = _problems(tmp_path, bad)
    assert any("unknown settings value 'old-folks'" in m for m in messages), messages


def test_a_cue_of_many_answers_names_a_known_question(tmp_path: Path, bundled_text: str) -> None:
    bad = bundled_text.replace(
        "cue_many: {question: settings, at_least: 2}", "cue_many: {question: places, at_least: 2}"
    )
    assert "places" in bad
    messages = _problems(tmp_path, bad)
    assert any("unknown question 'places'" in m for m in messages), messages


def test_a_value_covers_only_values_of_its_question(tmp_path: Path, bundled_text: str) -> None:
    bad = bundled_text.replace("covers: [feedback, co-design]", "covers: [feedback, leaflets]")
    assert "leaflets" in bad
    messages = _problems(tmp_path, bad)
    assert any("unknown purposes value 'leaflets'" in m for m in messages), messages


def _problems(tmp_path: Path, text: str) -> list[str]:
    """The problems `validate` finds in a dataset of this text, as messages."""
    file = tmp_path / "bad.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(str(file))
    return [str(problem) for problem in caught.value.problems]
