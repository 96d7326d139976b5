"""The reader's set-up kept between runs: the one speed trick of the description reader.

Before it reads its first description, the reader builds what no description changes:
the vocabulary, the trigger rules, the methods' analysed texts and cues, the indexes of
risks, ages and timing words (every `textanalysis.per_object` cache of the dataset).
That took a --describe about 40 ms of its run; kept in the dataset cache and read back,
12.5 ms (in process, median of 3; see `benchmarks/bench_cli.py`, describe).

What is kept is a pickle, written by this code and read only from an entry of the
dataset cache (`cache.read_blob`): a regular file owned by this user, in a folder only
they can open, whose checksum holds. Only the user's own rights can write one there,
and those rights can already run any code as the user; a pickle read from anywhere
else is never loaded. The key holds all the set-up is made from: the dataset (its cache
key), the interpreter and its Unicode tables, the lemma table, the Snowball stemmers
and the code that builds it. A dataset not loaded from a file keeps nothing.
"""

from __future__ import annotations

import pickle
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache as once
from pathlib import Path
from typing import Any

from .. import cache
from ..dataset import loaded_key
from ..model import Dataset
from ..textanalysis import BUILT, BY_LANGS, lemma_bytes, stemmer_sources

_PACKAGE = Path(__file__).resolve().parent.parent
# The code that builds the set-up: the reader, the analyser, the method index, the
# records they are made of. A change to any is another key.
_MADE_BY = ("reader", "textanalysis.py", "search.py", "model.py", "records.py")

# What is kept: the caches the reader and the method index it scores against build.
_KEPT = ("osallisuus_cli.reader.", "osallisuus_cli.search.")

# The datasets whose set-up this run read back or wrote, with what was there then.
_seen: dict[int, tuple[Dataset, frozenset[tuple[str, object]]]] = {}


def restore(dataset: Dataset) -> None:
    """Put the dataset's kept set-up back, once a run, where it was not built yet."""
    if id(dataset) in _seen and _seen[id(dataset)][0] is dataset:
        return
    key = _key(dataset)
    kept = cache.read_blob(key) if key else None
    if kept is not None:
        try:
            built = pickle.loads(kept)
        except Exception:  # any damage (pickle raises many kinds): built anew
            built = None
        if isinstance(built, dict):
            for name, value in built.items():
                store = BUILT.get(name) if name.startswith(_KEPT) else None
                if store is not None and id(dataset) not in store:
                    store[id(dataset)] = (dataset, value)
    if len(_seen) >= 8:  # a run that loads many datasets keeps memory flat
        _seen.clear()
    _seen[id(dataset)] = (dataset, _parts(dataset))


def keep(dataset: Dataset) -> None:
    """Keep what the dataset's set-up has now, when a read built more of it."""
    seen = _seen.get(id(dataset))
    now = _parts(dataset)
    if seen is not None and seen[0] is dataset and seen[1] >= now:
        return
    _seen[id(dataset)] = (dataset, now)
    key = _key(dataset)
    if not key:
        return
    built = {
        name: store[id(dataset)][1]
        for name, store in _stores()
        if id(dataset) in store and store[id(dataset)][0] is dataset
    }
    try:
        payload = pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # something of it cannot be kept: built anew next time, as before
    cache.write_blob(key, payload)


def _parts(dataset: Dataset) -> frozenset[tuple[str, object]]:
    """What of the dataset's set-up is built: each cache, and for one per language its
    languages."""
    parts: set[tuple[str, object]] = set()
    for name, store in _stores():
        entry = store.get(id(dataset))
        if entry is None or entry[0] is not dataset:
            continue
        if name in BY_LANGS:
            parts.update((name, langs) for langs in entry[1])
        else:
            parts.add((name, None))
    return frozenset(parts)


def _stores() -> Iterator[tuple[str, dict[int, tuple[Any, Any]]]]:
    return ((name, store) for name, store in BUILT.items() if name.startswith(_KEPT))


def _key(dataset: Dataset) -> str:
    made_by = _made_by()
    key = loaded_key(dataset)
    if not key or made_by is None:
        return ""
    return cache.set_up_key(key.encode(), *made_by)


@once
def _made_by() -> tuple[bytes, ...] | None:
    sources: list[Path] = []
    for name in _MADE_BY:
        path = _PACKAGE / name
        sources += sorted(path.glob("*.py")) if path.is_dir() else [path]
    try:
        code = tuple(path.read_bytes() for path in (*sources, *stemmer_sources()))
    except OSError:
        return None
    version = f"{sys.version} {unicodedata.unidata_version} {pickle.HIGHEST_PROTOCOL}"
    return (version.encode(), lemma_bytes(), *code)
