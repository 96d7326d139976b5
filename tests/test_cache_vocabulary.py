"""The reader's analysed vocabulary in the dataset cache (issue 25): kept beside the parsed
dataset, used only when made from the same questions, languages, lemma table and code,
made anew when its entry is damaged or not as written, and the output the same either way."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from osallisuus_cli import cache
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.model import Dataset, Terms
from robust_helpers import run_main

lexicon = importlib.import_module("osallisuus_cli.reader.lexicon")

FI = ("fi",)
DESCRIBE = (
    "recommend",
    "--describe",
    "Haluamme palautetta asunnottomilta päihdeasiakkailta, mutta meillä ei ole rahaa "
    "ulkopuoliseen vetäjään.",
    "--json",
)


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OSALLISUUS_CACHE_DIR", str(folder))
    lexicon._made_by.cache_clear()
    yield folder
    lexicon._made_by.cache_clear()  # what a test made it read is not kept for others


def _entry(key: str) -> Path:
    file = cache._file(key)
    assert file is not None
    return file


def _with_keyword(dataset: Dataset, word: str) -> Dataset:
    """The dataset with one more Finnish keyword for the first value of its first question."""
    question = dataset.questions[0]
    value = question.values[0]
    keywords = Terms((*value.keywords.fi, word), value.keywords.en)
    values = (value._replace(keywords=keywords), *question.values[1:])
    return dataset._replace(questions=(question._replace(values=values), *dataset.questions[1:]))


def _words(vocabulary: lexicon.Vocabulary) -> set[str]:
    return {word.token.text for term in vocabulary.terms for word in term.words}


def test_a_description_reads_the_same_from_a_cold_and_a_warm_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run_main(*DESCRIBE)
    assert cold.code == 0
    dataset = load_dataset(None)
    assert _entry(lexicon._cache_key(dataset, FI)).is_file()  # kept beside the dataset

    def not_again(dataset: Dataset, langs: tuple[str, ...]) -> lexicon.Vocabulary:
        raise AssertionError("analysed again, not read from the cache")

    monkeypatch.setattr(lexicon, "_analysed_terms", not_again)
    warm = run_main(*DESCRIBE)
    assert (warm.code, warm.stdout, warm.stderr) == (cold.code, cold.stdout, cold.stderr)


def test_the_cached_terms_are_the_terms_analysed(cache_dir: Path) -> None:
    dataset = load_dataset(None)
    for langs in (("fi",), ("en",), ("fi", "en")):
        made = lexicon.vocabulary(dataset, langs)  # analysed, and written
        assert lexicon.vocabulary(dataset, langs) == made  # read back
        assert made == lexicon._analysed_terms(dataset, langs)


def test_changed_questions_are_another_entry(cache_dir: Path) -> None:
    dataset = load_dataset(None)
    before = lexicon.vocabulary(dataset, FI)
    changed = _with_keyword(dataset, "sateenkaariperhe")
    assert lexicon._cache_key(changed, FI) != lexicon._cache_key(dataset, FI)
    assert "sateenkaariperhe" in _words(lexicon.vocabulary(changed, FI))
    assert "sateenkaariperhe" not in _words(before)
    assert lexicon.vocabulary(dataset, FI) == before  # the first entry is still its own


def test_each_language_is_its_own_entry(cache_dir: Path) -> None:
    dataset = load_dataset(None)
    keys = {lexicon._cache_key(dataset, langs) for langs in (("fi",), ("en",), ("fi", "en"))}
    assert len(keys) == 3


def test_a_changed_lemma_table_is_another_entry(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = load_dataset(None)
    key = lexicon._cache_key(dataset, FI)
    lexicon._made_by.cache_clear()
    monkeypatch.setattr(lexicon, "lemma_bytes", lambda: b'{"stems": {}}')
    assert lexicon._cache_key(dataset, FI) != key


def test_changed_code_is_another_entry_and_unreadable_code_keeps_nothing(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = load_dataset(None)
    stemmer = tmp_path / "finnish_stemmer.py"
    monkeypatch.setattr(lexicon, "stemmer_sources", lambda: (stemmer,))
    keys = []
    for source in ("# one version\n", "# another\n"):
        stemmer.write_text(source, encoding="utf-8")
        lexicon._made_by.cache_clear()
        keys.append(lexicon._cache_key(dataset, FI))
    assert None not in keys and keys[0] != keys[1]
    stemmer.unlink()
    lexicon._made_by.cache_clear()
    assert lexicon._cache_key(dataset, FI) is None
    entries = set(cache_dir.iterdir())  # the dataset's own
    assert lexicon.vocabulary(dataset, FI) == lexicon._analysed_terms(dataset, FI)
    assert set(cache_dir.iterdir()) == entries  # nothing kept


def test_a_damaged_entry_is_ignored_and_made_anew(cache_dir: Path) -> None:
    dataset = load_dataset(None)
    made = lexicon.vocabulary(dataset, FI)
    entry = _entry(lexicon._cache_key(dataset, FI))
    good = entry.read_bytes()
    for damaged in (good[: len(good) // 2], good.replace(b'"terms"', b'"tErms"'), b"{not json"):
        entry.write_bytes(damaged)
        assert lexicon.vocabulary(dataset, FI) == made
        assert entry.read_bytes() == good  # replaced by a good one


_WORD = [["x", 0, 1, 0, 0]]
_ANALYSIS = [[["fi:x"], [], []]]


@pytest.mark.parametrize(
    "forged",
    [
        {"terms": "not rows"},
        {"phrases": [0]},  # a phrase of no term
        {"analyses": _ANALYSIS, "terms": [[99, 0, True, 0, _WORD]]},  # no such question
        {"analyses": _ANALYSIS, "terms": [[0, 0, True, 0, [["x", 0, 1, 0, 5]]]]},
        {"analyses": [[[1], [], []]], "terms": [[0, 0, True, 0, _WORD]]},  # a key not text
        {"analyses": _ANALYSIS, "terms": [[0, 0, "yes", 0, _WORD]]},
        {"analyses": _ANALYSIS, "terms": [[0, 0, True, 0, []]]},  # a term of no words
    ],
)
def test_an_entry_not_as_written_is_made_anew(cache_dir: Path, forged: dict[str, object]) -> None:
    """An entry whose checksum holds but whose shape is not what this code writes, or that
    does not fit the questions, is never used: it is replaced by the terms analysed."""
    dataset = load_dataset(None)
    made = lexicon._analysed_terms(dataset, FI)
    key = lexicon._cache_key(dataset, FI)
    assert key is not None
    cache.write(key, {"analyses": [], "terms": [], "phrases": [], "first_parts": [], **forged})
    assert lexicon.vocabulary(dataset, FI) == made
    kept = cache.read(key)
    assert kept is not None and lexicon._from_cache(kept, dataset) == made
