"""Load the dataset in use: find it, read it, validate it (or take it from the cache), build it.

A dataset is YAML (see data/methods.yaml) whose shape `schema.py` declares. The
validated data is cached by `cache.py`, so a command on a known file needs
neither the YAML parser nor the validator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import cache
from .errors import DataError, Problem
from .files import DATASET_FILE, dataset_path, decode, read_bytes
from .model import Dataset
from .schema import build_dataset
from .validation import parse_and_validate


def load_dataset(path: str | None = None) -> Dataset:
    """The dataset in use (--data PATH, $OSALLISUUS_DATA or the bundled one); raises DataError."""
    file = dataset_path(path)
    raw = read_bytes(file, DATASET_FILE)
    data = cache.read(raw)
    if data is None:
        data = _validated(file, raw)
        cache.write(raw, data)
    return build_dataset(data, str(file))


def check_file(path: str | None = None) -> tuple[str, tuple[Problem, ...]]:
    """Validate a dataset file without the cache: its name and every problem found.

    A valid file is cached as `load_dataset` would, so loading it next parses nothing.
    """
    file = dataset_path(path)
    raw = read_bytes(file, DATASET_FILE)
    try:
        data = _validated(file, raw)
    except DataError as exc:
        if exc.problems:
            return str(file), exc.problems
        raise
    cache.write(raw, data)
    return str(file), ()


def _validated(file: Path, raw: bytes) -> dict[str, Any]:
    return parse_and_validate(decode(raw, str(file), DATASET_FILE), str(file))
