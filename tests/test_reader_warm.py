"""The reader's set-up kept between runs (reader/warm.py, issue 21's speed budget): a
description reads the same from a cold and a warm cache, in either language and with
typos; a damaged entry is built anew; a dataset not loaded from a file keeps nothing."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from osallisuus_cli import cache, textanalysis
from osallisuus_cli.dataset import load_dataset
from osallisuus_cli.reader import read, warm
from robust_helpers import run_main

TEXTS = (
    "Haluamme palautetta asunnottomilta päihdeasiakkailta, mutta meillä ei ole rahaa "
    "ulkopuoliseen vetäjään.",
    "We want the parents of our day-care children to plan the autumn with the staff; "
    "an interpreter is booked for the Arabic-speaking families.",
    "Famlies in chlid welfare, the outsdie facilitator pulled out.",  # typos
)


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OSALLISUUS_CACHE_DIR", str(folder))
    yield folder


def _fresh_run() -> None:
    """What a new process starts with: no set-up built, none read back."""
    for store in textanalysis.BUILT.values():
        store.clear()
    warm._seen.clear()


def test_a_description_reads_the_same_from_a_cold_and_a_warm_set_up(cache_dir: Path) -> None:
    _fresh_run()
    cold = [read(load_dataset(None), text) for text in TEXTS]
    assert warm._key(load_dataset(None)) and cache.read_blob(warm._key(load_dataset(None)))
    _fresh_run()
    assert [read(load_dataset(None), text) for text in TEXTS] == cold


def test_the_command_reads_the_same_either_way(cache_dir: Path) -> None:
    args = ("recommend", "--describe", TEXTS[2], "--json")
    first = run_main(*args)
    second = run_main(*args)
    assert first.code == second.code == 0
    assert first.stdout == second.stdout


def test_a_damaged_or_foreign_entry_is_built_anew(cache_dir: Path) -> None:
    _fresh_run()
    dataset = load_dataset(None)
    made = read(dataset, TEXTS[0])
    key = warm._key(dataset)
    file = cache._file(key)
    assert file is not None and file.is_file()
    good = file.read_bytes()
    file.write_bytes(good[:-10] + b"0123456789")  # its checksum no longer holds
    _fresh_run()
    assert read(load_dataset(None), TEXTS[0]) == made
    cache.write_blob(key, pickle.dumps(["not", "a", "set-up"]))  # whole, but not one
    _fresh_run()
    assert read(load_dataset(None), TEXTS[0]) == made
    cache.write_blob(key, b"no pickle at all")
    _fresh_run()
    assert read(load_dataset(None), TEXTS[0]) == made


def test_a_second_language_is_added_to_what_is_kept(cache_dir: Path) -> None:
    _fresh_run()
    dataset = load_dataset(None)
    read(dataset, TEXTS[0])  # Finnish
    key = warm._key(dataset)
    finnish = cache.read_blob(key)
    read(dataset, TEXTS[1])  # English: more is built, so it is kept again
    both = cache.read_blob(key)
    assert finnish is not None and both is not None and len(both) > len(finnish)
    read(dataset, TEXTS[0])  # nothing new: not written again
    assert cache.read_blob(key) == both


def test_a_dataset_not_loaded_from_a_file_keeps_nothing(cache_dir: Path) -> None:
    _fresh_run()
    dataset = load_dataset(None)
    changed = dataset._replace(path="elsewhere")  # a copy: other data may stand in it
    assert warm._key(changed) == ""
    read(changed, TEXTS[0])
    assert cache.read_blob(warm._key(dataset)) is None  # the file's would be here


def test_changed_code_or_data_is_another_key(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = load_dataset(None)
    key = warm._key(dataset)
    assert warm._key(load_dataset(None)) == key  # the same file, loaded again
    warm._made_by.cache_clear()
    monkeypatch.setattr(warm, "lemma_bytes", lambda: b'{"stems": {}}')
    try:
        assert warm._key(dataset) != key
    finally:
        warm._made_by.cache_clear()
