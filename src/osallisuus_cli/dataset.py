"""Load the dataset in use: find it, read it, validate it (or take it from the cache), build it.

A dataset is YAML (see data/methods.yaml) whose shape `schema.py` declares. The
validated data is cached by `cache.py`, so a command on a known file needs
neither the YAML parser nor the validator. A cache entry is only a shortcut: one
that does not build (a damaged or forged file) is ignored and written anew.
"""

from __future__ import annotations

from typing import Any

from . import cache
from .errors import DataError, Problem
from .files import DatasetFile, dataset_file, decode, read_bytes
from .model import Dataset
from .schema import ShapeError, build_dataset, for_cache
from .validation import parse_and_validate


def load_dataset(path: str | None = None) -> Dataset:
    """The dataset in use (--data PATH, $OSALLISUUS_DATA or the bundled one); raises DataError."""
    file = dataset_file(path)
    raw = read_bytes(file.path, file.role)
    cached = cache.read_entry(raw)
    if cached is not None:
        try:
            return build_dataset(cached[0], str(file.path), cached[1])
        except ShapeError:
            pass  # not what this version wrote: validate the file again, and replace the entry
    data = _validated(file, raw)
    cache.write(raw, *for_cache(data))
    return build_dataset(data, str(file.path))


def check_file(path: str | None = None) -> tuple[str, tuple[Problem, ...]]:
    """Validate a dataset file without the cache: its name and every problem found.

    A valid file is cached as `load_dataset` would, so loading it next parses nothing.
    """
    file = dataset_file(path)
    raw = read_bytes(file.path, file.role)
    try:
        data = _validated(file, raw)
    except DataError as exc:
        if exc.problems:
            return str(file.path), exc.problems
        raise
    cache.write(raw, *for_cache(data))
    return str(file.path), ()


def _validated(file: DatasetFile, raw: bytes) -> dict[str, Any]:
    name = str(file.path)
    return parse_and_validate(decode(raw, name, file.role), name)
