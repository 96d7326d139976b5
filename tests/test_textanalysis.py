"""The shared analyser: normalising, folding, tokens with spans, keys, compounds, typos."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osallisuus_cli import textanalysis as ta

ROOT = Path(__file__).resolve().parent.parent


def test_fold_case_and_finnish_letters() -> None:
    assert ta.fold("Läheisneuvonpito") == "laheisneuvonpito"
    assert ta.fold("ÅÄÖ åäö") == "aao aao"
    assert ta.fold("Ｂｉｋｖａ") == "bikva"  # full-width, via NFKC


def test_normalize_composes() -> None:
    assert ta.normalize("pa\u0308iva\u0308koti") == "päiväkoti"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = ta.fold(text)
    assert ta.fold(once) == once


@given(st.text())
def test_tokens_are_spans_of_the_text(text: str) -> None:
    tokens = ta.tokenize(text)
    for position, token in enumerate(tokens):
        assert text[token.start : token.end] == token.text
        assert token.pos == position
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)


def test_tokenize_keeps_possessives_and_splits_hyphens() -> None:
    words = [t.text for t in ta.tokenize("Children's voice; co-design, mielenterveys- ja")]
    assert words == ["Children's", "voice", "co", "design", "mielenterveys", "ja"]


def test_decomposed_input_is_one_word() -> None:
    text = unicodedata.normalize("NFD", "päiväkodissa")
    [token] = ta.tokenize(text)
    assert ta.key(token.text, "fi") == "paivakoti"


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("lapsille", "lapsi"),
        ("lasten", "lapsi"),
        ("lapset", "lapsi"),
        ("perheille", "perhe"),
        ("omaishoitajien", "omaishoitaja"),
        ("päiväkodissa", "päiväkoti"),
        ("paivakodissa", "päiväkoti"),
        ("nuorten", "nuori"),
        ("kokoukseen", "kokous"),
        ("kehittämiseen", "kehittäminen"),
        ("kehittää", "kehittäminen"),  # verb and verbal noun share a key
    ],
)
def test_finnish_inflections_share_a_key(word: str, base: str) -> None:
    assert ta.key(word, "fi") == ta.key(base, "fi")


@pytest.mark.parametrize(
    ("word", "base"),
    [("children's", "child"), ("children", "child"), ("families", "family"), ("carers", "carer")],
)
def test_english_plurals_and_possessives_share_a_key(word: str, base: str) -> None:
    assert ta.key(word, "en") == ta.key(base, "en")


def test_folding_does_not_merge_different_words() -> None:
    # sää (weather) folds to saa (gets); the table is read with diacritics kept.
    assert ta.key("sää", "fi") != ta.key("saa", "fi")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("asukaspuistoissa", ("asukas", "puisto")),
        ("lastensuojelu", ("lapsi", "suojelu")),
        ("vanhempaintoimikunta", ("vanhempi", "toimikunta")),
        ("päiväkotiryhmä", ("paivakoti", "ryhma")),
        ("omaishoitajaperheiden", ("omaishoitaja", "perhe")),
    ],
)
def test_compounds_split_into_known_words(word: str, parts: tuple[str, ...]) -> None:
    assert (found := ta.compound(word)) is not None and found.parts == parts


def test_unknown_compound_gets_one_key_in_every_inflection() -> None:
    forms = ["varhaiskasvatuksessa", "varhaiskasvatukseen", "varhaiskasvatus"]
    keys = [ta.analyse_word(ta.tokenize(f)[0], "fi").keys for f in forms]
    assert set.intersection(*map(set, keys)) == {"fi:varhaiskasvatus"}


@pytest.mark.parametrize(
    "word", ["asiakas", "perheille", "kasvatus", "palveluiden", "viranomaiset"]
)
def test_ordinary_words_are_not_split(word: str) -> None:
    assert ta.compound(word) is None


def tool(name: str) -> ModuleType:
    """A script from tools/, imported as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_inflection_techniques_measured() -> None:
    m = tool("measure_inflection")
    cases = m.cases(m.FINNISH)
    right = sum(m.techniques(form, base, "fi")["compound"] for form, base in cases)
    assert len(cases) >= 100
    assert right >= len(cases) - 3
    assert sum(m.techniques(f, b, "en")["table"] for f, b in m.cases(m.ENGLISH)) >= 19


def test_stopwords_are_dropped_from_analysis() -> None:
    assert [w.token.text for w in ta.analyse("We want the children and ja lapset")] == [
        "children",
        "lapset",
    ]


def test_no_fuzzy_for_short_words() -> None:
    assert ta.closest_keys("en:dogs", ["en:dog", "en:dots"]) == (0, ())


def test_fuzzy_needs_the_first_letter_and_few_edits() -> None:
    pool = ["fi:kokemusasiantuntijuus", "fi:verkostokokous"]
    assert ta.closest_keys("fi:kokemusasiantuntijus", pool) == (1, ("fi:kokemusasiantuntijuus",))
    assert ta.closest_keys("fi:okemusasiantuntijuus", pool) == (0, ())


def test_index_finds_inflection_compound_part_and_typo() -> None:
    index = ta.WordIndex()
    index.add(0, 0, ta.analyse("Käytetty esim. asukaspuistoissa", "fi"))
    index.add(1, 0, ta.analyse("Omaishoitajien keskustelutilaisuudet", "fi"))
    [part] = index.lookup(ta.analyse("puisto")[0])
    assert (part.doc, part.kind) == (0, "part")
    [whole] = index.lookup(ta.analyse("omaishoitajille")[0])
    assert (whole.doc, whole.kind, whole.fuzzy) == (1, "whole", False)
    [typo] = index.lookup(ta.analyse("keskustelutilaisuuksia")[0])
    assert typo.doc == 1
    [fuzzy] = index.lookup(ta.analyse("omaishoitjien")[0])
    assert (fuzzy.doc, fuzzy.fuzzy) == (1, True)
    assert index.lookup(ta.analyse("xyzzyplugh")[0]) == []
    assert index.lookup(ta.analyse("omaishoitjien")[0], fuzzy=False) == []


def test_added_spellings_are_read_when_a_typo_is_first_looked_up() -> None:
    index = ta.WordIndex()
    index.add(0, 0, ta.analyse("Omaishoitajien keskustelutilaisuudet", "fi"))
    made: list[str] = []

    def vocabulary() -> tuple[ta.Word, ...]:
        made.append("read")
        return ta.analyse("lapsiperheet", "fi")

    index.add_spellings(vocabulary)
    index.lookup(ta.analyse("omaishoitajille")[0])
    assert made == []  # an exact word needs no spelling
    assert ta.tag("fi", "lapsiperhe") in index.spellings()
    assert made == ["read"]


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys, osallisuus_cli.textanalysis as ta;"
        "heavy = [m for m in sys.modules if 'rapidfuzz' in m or 'snowball' in m];"
        "assert not heavy, heavy;"
        "ta.key('lapsille', 'fi');"
        "assert 'rapidfuzz' not in sys.modules;"
        "assert 'snowballstemmer.german_stemmer' not in sys.modules"
    )
    env = {"PYTHONPATH": str(ROOT / "src")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_lemma_table_is_up_to_date() -> None:
    """The table records what it was built from and a digest of its own entries: the
    dataset's words, tools/build_lemmas.py or simplemma changed since, or an entry edited
    by hand, shows here without building it anew (tools/build_lemmas.py does that)."""
    from osallisuus_cli.dataset import load_dataset

    build = tool("build_lemmas")
    table = json.loads(ta.LEMMA_TABLE.read_text(encoding="utf-8"))
    dataset = load_dataset(str(ROOT / "data" / "methods.yaml"))
    assert table["built_from"] == build.inputs_digest(dataset), (
        "run tools/build_lemmas.py after changing the dataset's words"
    )
    assert table["body"] == build.body_digest(table), "lemmas.json was edited by hand"


@settings(max_examples=300, deadline=None)
@given(
    a=st.text(alphabet="abcdeäö", max_size=9),
    b=st.text(alphabet="abcdeäö", max_size=9),
    limit=st.integers(1, 2),
)
def test_the_typo_distance_agrees_with_rapidfuzz(a: str, b: str, limit: int) -> None:
    from rapidfuzz.distance import OSA

    assert ta.osa_distance(a, b, limit) == min(OSA.distance(a, b), limit + 1)
