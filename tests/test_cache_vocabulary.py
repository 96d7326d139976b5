"""The reader's analysed vocabulary in the dataset cache (issue 25): kept beside the parsed
dataset, used only when made from the same questions, languages, lemma table and code,
made anew when its entry is damaged or not as written, and the output the same either way."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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
    for damaged in (
        good[: len(good) // 2],
        good.replace(b"question", b"qUestion", 1),
        b"{not json",
    ):
        entry.write_bytes(damaged)
        assert lexicon.vocabulary(dataset, FI) == made
        assert entry.read_bytes() == good  # replaced by a good one


def _good(dataset: Dataset) -> dict[str, Any]:
    """The entry as written, as it is read back: JSON."""
    return json.loads(json.dumps(lexicon._for_cache(lexicon._analysed_terms(dataset, FI))))


# Each makes a written entry into one that is not: its checksum holds, its shape does not.
FORGERIES: dict[str, Callable[[dict[str, Any]], None]] = {
    "a column missing": lambda e: e.pop("analysis"),
    "a column not a list": lambda e: e.update(text="not a list"),
    "a key not text": lambda e: e["keys"][0].append(1),
    "a flag not true or false": lambda e: e["name"].__setitem__(0, "yes"),
    "a number not whole": lambda e: e["start"].__setitem__(0, 1.5),
    "a true that is no number": lambda e: e["pos"].__setitem__(0, True),
    "no such question": lambda e: e["question"].__setitem__(0, 99),
    "no such value": lambda e: e["value"].__setitem__(0, 99),
    "no such analysis": lambda e: e["analysis"].__setitem__(0, len(e["keys"])),
    "a phrase of no term": lambda e: e["phrases"].append(len(e["question"])),
    "a term of no words": lambda e: e["size"].__setitem__(0, 0),
    "a word too few": lambda e: [e[column].pop() for column in ("text", "start", "end", "pos")],
    "columns of different lengths": lambda e: e["gap"].pop(),
    "a gap too wide": lambda e: e["gap"].__setitem__(0, 99),
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_an_entry_not_as_written_is_made_anew(cache_dir: Path, forgery: str) -> None:
    """An entry whose checksum holds but whose shape is not what this code writes, or that
    does not fit the questions, is never used: it is replaced by the terms analysed."""
    dataset = load_dataset(None)
    made = lexicon._analysed_terms(dataset, FI)
    key = lexicon._cache_key(dataset, FI)
    assert key is not None
    entry = _good(dataset)
    assert lexicon._from_cache(entry, dataset) == made  # the good one reads back
    FORGERIES[forgery](entry)
    with pytest.raises(ValueError):
        lexicon._from_cache(entry, dataset)
    cache.write(key, entry)
    assert lexicon.vocabulary(dataset, FI) == made
    kept = cache.read(key)
    assert kept is not None and lexicon._from_cache(kept, dataset) == made
