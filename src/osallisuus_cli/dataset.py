"""Load the dataset in use: find it, read it, validate it (or take it from the cache), build it.

A dataset is YAML (see data/methods.yaml) whose shape `schema.py` declares. The
validated data is cached by `cache.py`, so a command on a known file needs
neither the YAML parser nor the validator. A cache entry is only a shortcut: one
that does not build (a damaged or forged file) is ignored and written anew.

A dataset may build on another (`extends: bundled` or `extends: PATH`): its own
sources, questions, safeguards and methods are added to the base's, a method with
`replaces: true` takes the place of the base's method of its id, and `removes`
lists base methods to leave out. Its cache entry is keyed by its own bytes and its
base's key together, so a change to either is seen.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from . import cache, validation
from .errors import DataError, Problem
from .files import (
    BUNDLED_FILE,
    DATASET_FILE,
    DatasetFile,
    bundled_path,
    dataset_file,
    decode,
    read_bytes,
)
from .i18n import both
from .model import Dataset
from .schema import REPLACES, ShapeError, build_dataset, for_cache, from_cache

BUNDLED = "bundled"  # `extends: bundled`, and where the bundled dataset's methods come from
MAX_LAYERS = 5  # extensions of extensions: a chain longer than this is surely a mistake
ORIGINS = "origins"  # in merged data: method id -> the file it comes from
_EXTENDS_LINE = re.compile(
    rb"^extends[ \t]*:[ \t]*['\"]?([^'\"\r\n#]*?)['\"]?[ \t]*(?:#.*)?$", re.M
)


class _Loaded(NamedTuple):
    data: dict[str, Any]
    texts: cache.Texts | None
    key: bytes  # what its cache entry is keyed by


def load_dataset(path: str | None = None) -> Dataset:
    """The dataset in use (--data PATH, $OSALLISUUS_DATA or the bundled one); raises DataError."""
    file = dataset_file(path)
    loaded = _load(file, ())
    try:
        dataset = build_dataset(loaded.data, str(file.path), loaded.texts)
    except ShapeError:  # a cache entry this version did not write: validate, and replace it
        loaded = _load(file, (), use_cache=False)
        dataset = build_dataset(loaded.data, str(file.path), loaded.texts)
    origins = loaded.data.get(ORIGINS)
    if not isinstance(origins, dict):
        own = BUNDLED if file.path == bundled_path() else str(file.path)
        origins = {method.id: own for method in dataset.methods}
    return dataset._replace(origins=MappingProxyType(origins))


def check_file(path: str | None = None) -> tuple[str, tuple[Problem, ...]]:
    """Validate a dataset file without the cache: its name and every problem found.

    A valid file is cached as `load_dataset` would, so loading it next parses nothing.
    """
    file = dataset_file(path)
    raw = read_bytes(file.path, file.role)
    try:
        if _extends(raw) is not None:
            _load_extension(file, raw, (), use_cache=False)
            return str(file.path), ()
        data = _validated(file, raw)
    except DataError as exc:
        if exc.problems:
            return str(file.path), exc.problems
        raise
    cache.write(raw, *for_cache(data))
    return str(file.path), ()


def _load(file: DatasetFile, chain: tuple[Path, ...], use_cache: bool = True) -> _Loaded:
    raw = read_bytes(file.path, file.role)
    # The cache first: only a plain dataset has an entry under its own bytes (an
    # extension's is keyed by its base too), and a hit skips reading the file for
    # `extends:`, 4 ms for 1,000 methods.
    cached = cache.read_entry(raw) if use_cache else None
    if cached is not None:
        return _Loaded(cached[0], cached[1], raw)
    if _extends(raw) is not None:
        return _load_extension(file, raw, chain, use_cache)
    data = _validated(file, raw)
    cache.write(raw, *for_cache(data))
    return _Loaded(data, None, raw)


def _load_extension(
    file: DatasetFile, raw: bytes, chain: tuple[Path, ...], use_cache: bool = True
) -> _Loaded:
    name = str(file.path)
    here = file.path.resolve()
    if here in chain or len(chain) >= MAX_LAYERS:
        raise DataError(both("extends_circle", name=name))
    base_file = _base_of(file, _extends(raw) or "")
    base = _load(base_file, (*chain, here), use_cache)
    key = raw + b"\0" + cache.digest(base.key).encode()
    cached = cache.read_entry(key) if use_cache else None
    if cached is not None:
        return _Loaded(cached[0], cached[1], key)
    base_data = from_cache(base.data, base.texts)
    base_name = BUNDLED if base_file.path == bundled_path() else str(base_file.path)
    text = decode(raw, name, file.role)
    own = validation.parse_and_validate_extension(text, name, base_data, base_name)
    data = _merged(base_data, own, BUNDLED if base_name == BUNDLED else base_name, name)
    cache.write(key, *for_cache(data))
    return _Loaded(data, None, key)


def _extends(raw: bytes) -> str | None:
    """What a file's top-level `extends:` names, read without parsing the YAML."""
    found = _EXTENDS_LINE.search(raw)
    return found.group(1).decode("utf-8", "replace").strip() if found else None


def _base_of(file: DatasetFile, target: str) -> DatasetFile:
    if not target:
        raise DataError(both("extends_nothing", name=file.path))
    if target == BUNDLED:
        return DatasetFile(bundled_path(), BUNDLED_FILE)
    base = Path(target)
    return DatasetFile(base if base.is_absolute() else file.path.parent / base, DATASET_FILE)


def _merged(
    base: dict[str, Any], own: dict[str, Any], base_origin: str, own_origin: str
) -> dict[str, Any]:
    """The base with the extension's sections added, its methods added or in place of the
    base's (replaces), and the methods it removes left out."""
    data = dict(base)
    for key in ("sources", "frameworks", "questions", "safeguards"):
        if key in own:
            data[key] = {**(base.get(key) or {}), **own[key]}
    for key in ("scoring", "language"):
        if key in own:
            data[key] = own[key]
    removed = set(own.get("removes") or ())
    mine = {
        m["id"]: {k: v for k, v in m.items() if k != REPLACES} for m in own.get("methods") or ()
    }
    origins = dict(base.get(ORIGINS) or {})
    methods = []
    for method in base["methods"]:
        if method["id"] in removed:
            continue
        methods.append(mine.pop(method["id"], method))
        origins.setdefault(method["id"], base_origin)
    methods += mine.values()
    for ident in {m["id"] for m in own.get("methods") or ()}:
        origins[ident] = own_origin
    data["methods"] = methods
    data[ORIGINS] = {m["id"]: origins[m["id"]] for m in methods}
    return data


def _validated(file: DatasetFile, raw: bytes) -> dict[str, Any]:
    # PyYAML itself is imported only here, on a cache miss (yamlsafe.py).
    name = str(file.path)
    return validation.parse_and_validate(decode(raw, name, file.role), name)
