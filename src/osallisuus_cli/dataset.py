"""Load the dataset in use: find it, read it, validate it (or take it from the cache), build it.

A dataset is YAML (see data/methods.yaml) whose shape `schema.py` declares. The
validated data is cached by `cache.py`, so a command on a known file needs
neither the YAML parser nor the validator. A cache entry is only a shortcut: one
that does not build (a damaged or forged file) is dropped and written anew, also
when what fails is a method's details, built only when shown.

A dataset may build on another (`extends: bundled` or `extends: PATH`, the key of
its top-level mapping as YAML reads it; a path is a path, relative to the file):
its own sources, questions, safeguards and methods are added to the base's, a method with
`replaces: true` takes the place of the base's method of its id, and `removes`
lists base methods to leave out. Its cache entry is keyed by its own bytes and its
base's key together, so a change to either is seen; what a file extends is cached
by its bytes too, so a known extension is never parsed. Where each method comes
from is kept in an entry as a layer (0 the file itself, 1 its base, ...) and named
by the paths of this run, never those of the run that made the entry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

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
from .records import Record
from .schema import EXTENDS, REPLACES, ShapeError, build_dataset, for_cache, from_cache
from .validation import Document

BUNDLED = "bundled"  # `extends: bundled`, and where the bundled dataset's methods come from
MAX_LAYERS = 5  # extensions of extensions: a chain longer than this is surely a mistake
ORIGINS = "origins"  # in merged data: method id -> its layer (0 the file itself), or BUNDLED


class _Loaded(Record):
    data: dict[str, Any]
    texts: cache.Texts | None
    key: str  # its cache key
    layers: tuple[str, ...]  # the files it is made of, as this run names them: itself first


def load_dataset(path: str | None = None) -> Dataset:
    """The dataset in use (--data PATH, $OSALLISUUS_DATA or the bundled one); raises DataError."""
    file = dataset_file(path)
    try:
        loaded = _load(file, ())
        dataset = build_dataset(loaded.data, str(file.path), loaded.texts)
    except ShapeError:  # a cache entry this version did not write: validate, and replace it
        loaded = _load(file, (), use_cache=False)
        dataset = build_dataset(loaded.data, str(file.path), loaded.texts)
    dataset = dataset._replace(origins=MappingProxyType(_origins(loaded, file, dataset)))
    if len(_loaded_from) >= 8:  # a long run that loads many keeps memory flat
        _loaded_from.clear()
    _loaded_from[id(dataset)] = (dataset, loaded.key)
    return dataset


# The datasets this run loaded, with the cache key of the bytes each was loaded from.
# Only the object `load_dataset` returned has it: a copy changed with `_replace` holds
# other data under the same key.
_loaded_from: dict[int, tuple[Dataset, str]] = {}


def loaded_key(dataset: Dataset) -> str:
    """The cache key of the file this very dataset was loaded from, or "" (not loaded)."""
    entry = _loaded_from.get(id(dataset))
    return entry[1] if entry is not None and entry[0] is dataset else ""


def _origins(loaded: _Loaded, file: DatasetFile, dataset: Dataset) -> dict[str, str]:
    """Method id -> the file it comes from, as this run names the files (BUNDLED for the
    bundled dataset)."""
    layers = loaded.data.get(ORIGINS)
    own = BUNDLED if file.path == bundled_path() else str(file.path)
    if not isinstance(layers, dict):
        return {method.id: own for method in dataset.methods}
    names = loaded.layers
    return {method.id: _layer_name(layers.get(method.id), names, own) for method in dataset.methods}


def _layer_name(layer: Any, names: tuple[str, ...], own: str) -> str:
    if layer == BUNDLED:
        return BUNDLED
    if type(layer) is int and 0 <= layer < len(names):
        return names[layer]
    return own  # not as this version writes it


def check_file(path: str | None = None) -> tuple[str, tuple[Problem, ...]]:
    """Validate a dataset file without the cache: its name and every problem found.

    A valid file is cached as `load_dataset` would, so loading it next parses nothing.
    """
    file = dataset_file(path)
    raw = read_bytes(file.path, file.role)
    try:
        target, document = _what_it_extends(file, raw, use_cache=False)
        if target is not None:
            _load_extension(file, raw, target, document, (), use_cache=False)
            return str(file.path), ()
        _load_plain(file, raw, document)
    except DataError as exc:
        if exc.problems:
            return str(file.path), exc.problems
        raise
    return str(file.path), ()


def _load(file: DatasetFile, chain: tuple[Path, ...], use_cache: bool = True) -> _Loaded:
    raw = read_bytes(file.path, file.role)
    key = cache.plain_key(raw)
    if use_cache:
        # The cache first: a plain dataset known by its bytes needs nothing more.
        cached = cache.read_entry(key, lambda: _rebuilt(key, lambda: _load_plain(file, raw)))
        if cached is not None:
            return _Loaded(cached[0], cached[1], key, (str(file.path),))
    target, document = _what_it_extends(file, raw, use_cache)
    if target is not None:
        return _load_extension(file, raw, target, document, chain, use_cache)
    return _load_plain(file, raw, document)


def _load_plain(file: DatasetFile, raw: bytes, document: Document | None = None) -> _Loaded:
    """A dataset that extends none, validated and cached."""
    key = cache.plain_key(raw)
    data = (document or _document(file, raw)).validate()
    cache.write(key, *for_cache(data))
    return _Loaded(data, None, key, (str(file.path),))


def _load_extension(
    file: DatasetFile,
    raw: bytes,
    target: str,
    document: Document | None,
    chain: tuple[Path, ...],
    use_cache: bool = True,
) -> _Loaded:
    name = str(file.path)
    here = file.path.resolve()
    if here in chain or len(chain) >= MAX_LAYERS:
        raise DataError(both("extends_circle", name=name))
    base_file = _base_of(file, target)
    base = _load(base_file, (*chain, here), use_cache)
    key = cache.extension_key(raw, base.key)
    layers = (name, *base.layers)
    if use_cache:

        def again() -> _Loaded:
            return _load_extension(file, raw, target, None, chain, use_cache=False)

        cached = cache.read_entry(key, lambda: _rebuilt(key, again))
        if cached is not None:
            return _Loaded(cached[0], cached[1], key, layers)
    base_data = from_cache(base.data, base.texts)
    base_name = BUNDLED if base_file.path == bundled_path() else str(base_file.path)
    own = (document or _document(file, raw)).validate_extension(base_data, base_name)
    data = _merged(base_data, own, base_name == BUNDLED)
    cache.write(key, *for_cache(data))
    return _Loaded(data, None, key, layers)


def _rebuilt(key: str, load: Callable[[], _Loaded]) -> cache.Texts:
    """The texts of an entry that could not be built, from its file validated anew (which
    writes the entry anew); the entry is dropped first, so a failure leaves none."""
    cache.drop(key)
    _, texts = for_cache(load().data)
    return cache.Texts("\n".join(texts).encode("utf-8"))


def _what_it_extends(
    file: DatasetFile, raw: bytes, use_cache: bool
) -> tuple[str | None, Document | None]:
    """What the file extends (None: nothing), and its YAML when it had to be read for it."""
    key = cache.extends_key(raw)
    known = cache.read(key) if use_cache else None
    if known is not None and isinstance(known.get(EXTENDS), str) and known[EXTENDS]:
        return known[EXTENDS], None
    document = _document(file, raw)
    target = _target(file, document)
    if target is not None:
        cache.write(key, {EXTENDS: target})
    return target, document


def _target(file: DatasetFile, document: Document) -> str | None:
    """The top-level `extends` of a parsed file: None when it has none."""
    value = document.extends
    if value is validation.NOT_AN_EXTENSION:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataError(both("extends_nothing", name=file.path))
    return value


def _base_of(file: DatasetFile, target: str) -> DatasetFile:
    if not target:
        raise DataError(both("extends_nothing", name=file.path))
    if target == BUNDLED:
        return DatasetFile(bundled_path(), BUNDLED_FILE)
    base = Path(target)
    return DatasetFile(base if base.is_absolute() else file.path.parent / base, DATASET_FILE)


def _merged(base: dict[str, Any], own: dict[str, Any], base_is_bundled: bool) -> dict[str, Any]:
    """The base with the extension's sections added, its methods added or in place of the
    base's (replaces), and the methods it removes left out; each method's layer kept."""
    data = dict(base)
    for key in ("sources", "frameworks", "questions", "safeguards"):
        if key in own:
            data[key] = {**(base.get(key) or {}), **own[key]}
    for key in ("scoring", "language", "plan"):
        if key in own:
            data[key] = own[key]
    removed = set(own.get("removes") or ())
    mine = {
        m["id"]: {k: v for k, v in m.items() if k != REPLACES} for m in own.get("methods") or ()
    }
    # One layer further down for the base's own layers; the bundled dataset stays itself.
    origins: dict[str, Any] = {
        ident: layer if layer == BUNDLED else layer + 1
        for ident, layer in (base.get(ORIGINS) or {}).items()
    }
    methods = []
    for method in base["methods"]:
        if method["id"] in removed:
            continue
        methods.append(mine.pop(method["id"], method))
        origins.setdefault(method["id"], BUNDLED if base_is_bundled else 1)
    methods += mine.values()
    for ident in {m["id"] for m in own.get("methods") or ()}:
        origins[ident] = 0
    data["methods"] = methods
    data[ORIGINS] = {m["id"]: origins[m["id"]] for m in methods}
    return data


def _document(file: DatasetFile, raw: bytes) -> Document:
    """The file's YAML, parsed (DataError when it cannot be); PyYAML itself is imported
    only here, on a cache miss (yamlsafe.py)."""
    name = str(file.path)
    return validation.Document(decode(raw, name, file.role), name)
