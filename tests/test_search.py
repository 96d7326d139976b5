"""Free-text search: ranking, inflection and typo tolerance, snippets, determinism."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.model import Dataset
from osallisuus_cli.search import make_snippet, search_methods
from osallisuus_cli.textanalysis import fold

BUNDLED = str(Path(__file__).resolve().parent.parent / "data" / "methods.yaml")
DATASET = load_dataset(BUNDLED)

# (query, the ids any of which should come first): the dev set's two, then our own.
FIRST = [
    ("sadutus", {"lasten-osallisuus"}),
    ("lastensuojelu", {"verkostokokous", "laheisneuvonpito"}),
    ("storytelling", {"lasten-osallisuus"}),
    ("sadutusta", {"lasten-osallisuus"}),
    ("network meeting", {"verkostokokous"}),
    ("family group conference", {"laheisneuvonpito"}),
    ("carers", {"omaisten-illat"}),
    ("omaishoitajille", {"omaisten-illat"}),
    ("asukaspuistoissa", {"kayttajakokoukset"}),
    ("päiväkodissa", {"kasvatuskumppanuus", "lasten-osallisuus"}),
    ("paivakodissa", {"kasvatuskumppanuus", "lasten-osallisuus"}),
    ("asiakasraadit", {"asiakasraati"}),
    ("web pages", {"asiakasmateriaalit"}),
    ("nettisivuille", {"asiakasmateriaalit"}),
    ("group interviews", {"bikva"}),
    ("ryhmähaastattelut", {"bikva"}),
    ("vanhempainillat", {"kasvatuskumppanuus"}),
    ("kriisitilanteisiin", {"laheisneuvonpito"}),
    ("hiljainen tieto", {"kokemusasiantuntijuus"}),
    ("tacit knowledge", {"kokemusasiantuntijuus"}),
    ("viranomaisten", {"verkostokokous"}),
    ("resident parks", {"kayttajakokoukset"}),
    ("leaflets", {"asiakasmateriaalit"}),
    ("daycare", {"kasvatuskumppanuus", "lasten-osallisuus"}),
    ("plain language", {"asiakasmateriaalit"}),
    ("unstructured interview", {"bikva"}),
    ("puisto", {"kayttajakokoukset"}),
    # typos
    ("verkostokokos", {"verkostokokous"}),
    ("kasvatuskumpanuus", {"kasvatuskumppanuus"}),
    ("omaishoitajlle", {"omaisten-illat"}),
    ("childen", {"lasten-osallisuus"}),
]


@pytest.mark.parametrize(("query", "first"), FIRST)
def test_ranks_first(query: str, first: set[str]) -> None:
    hits = search_methods(DATASET, query, "fi")
    assert hits, query
    assert hits[0].method.id in first


def test_typo_of_a_vocabulary_word_finds_its_inflections() -> None:
    ids = {hit.method.id for hit in search_methods(DATASET, "famlies", "en")}
    assert {"laheisneuvonpito", "verkostokokous"} <= ids


@pytest.mark.parametrize("query", ["", "   ", "the and of", "xyzzy", "qwertyuiop", "ja tai"])
def test_no_hits(query: str) -> None:
    assert search_methods(DATASET, query, "en") == ()


def test_snippet_marks_the_match() -> None:
    [hit] = search_methods(DATASET, "sadutus", "fi")[:1]
    assert hit.field in {"name", "aliases", "keywords", "goal", "description"}
    assert hit.lang == "fi"
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["sadutus"]


def test_snippet_prefers_the_readers_language_on_a_tie() -> None:
    [fi] = search_methods(DATASET, "bikva", "fi")[:1]
    [en] = search_methods(DATASET, "bikva", "en")[:1]
    assert (fi.lang, en.lang) == ("fi", "en")


def test_a_long_field_shows_the_sentence_of_the_match() -> None:
    [hit] = search_methods(DATASET, "ymmärrystä", "fi")
    assert (hit.method.id, hit.field) == ("verkostokokous", "description")
    assert hit.snippet.startswith("Tarkoituksena on") and hit.snippet.endswith("sopimukset.")
    assert hit.snippet in hit.method.description.fi
    assert [fold(hit.snippet[s:e]) for s, e in hit.spans] == ["ymmarrys"]


def test_an_abbreviation_does_not_end_the_sentence() -> None:
    hit = search_methods(DATASET, "sadutus", "fi")[0]
    assert hit.snippet.startswith("Menetelminä voi olla esim. sadutus")


def test_a_keyword_hit_shows_only_the_matching_keywords() -> None:
    hit = search_methods(DATASET, "open dialogue", "en")[0]
    assert (hit.method.id, hit.field, hit.snippet) == (
        "verkostokokous",
        "keywords",
        "open dialogue",
    )


def test_make_snippet_spans_follow_the_cut_of_a_sentence_too_long_to_show() -> None:
    text = "alpha " * 40 + "target " + "omega " * 40
    start = text.index("target")
    snippet, spans = make_snippet(text, [(start, start + 6)], width=60)
    assert [snippet[s:e] for s, e in spans] == ["target"]
    assert snippet.startswith("…") and snippet.endswith("…")


def test_ties_keep_dataset_order() -> None:
    hits = search_methods(DATASET, "interview", "en")
    order = [m.id for m in DATASET.methods]
    for a, b in pairwise(hits):
        assert a.score > b.score or order.index(a.method.id) < order.index(b.method.id)


words = st.sampled_from(
    ["lapsi", "lasten", "perheille", "meeting", "carers", "päiväkoti", "sadutus", "xyz", "the"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(words | st.text(max_size=12), max_size=4).map(" ".join))
def test_scores_are_percentages_and_deterministic(query: str) -> None:
    hits = search_methods(DATASET, query, "fi")
    assert all(0 < hit.score <= 100 for hit in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert search_methods(DATASET, query, "fi") == hits
    for hit in hits:
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.spans)


def test_another_dataset_gets_its_own_index(tmp_path: Path) -> None:
    text = Path(BUNDLED).read_text(encoding="utf-8").replace("sadutus", "tarinointi")
    path = tmp_path / "other.yaml"
    path.write_text(text, encoding="utf-8")
    other: Dataset = load_dataset(str(path))
    assert search_methods(other, "sadutus", "fi") == ()
    assert search_methods(other, "tarinointi", "fi")[0].method.id == "lasten-osallisuus"
