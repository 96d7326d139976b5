"""Find and load a methods dataset, and build the frozen model from it.

A dataset is YAML (see data/methods.yaml), validated by `validation.py` on
first load. The validated data is cached as JSON keyed by the file's content
checksum, so that a large catalogue costs one YAML parse, not one per command,
and a command needs neither the YAML parser nor the validator.
"""

from __future__ import annotations

import gc
import json
import os
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from . import __version__
from .errors import DataError, UsageError
from .model import (
    Dataset,
    Fit,
    Method,
    Question,
    Requirement,
    Source,
    Terms,
    Text,
    Value,
)

SCHEMA_VERSION = 1
CACHE_FORMAT = 1
DATA_ENV = "OSALLISUUS_DATA"
CACHE_ENV = "OSALLISUUS_CACHE_DIR"
MAX_BYTES = 128 * 2**20  # thousands of methods fit in a few MB

# The questions are fixed by the CLI's flags; a dataset supplies their values.
QUESTION_KEYS = (
    "target_groups",
    "purposes",
    "level",
    "settings",
    "duration",
    "phase",
    "facilitator",
)


def bundled_path() -> Path:
    """The dataset shipped with the package (wheel), or the repo's data/ (editable install)."""
    packaged = Path(__file__).parent / "data" / "methods.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "methods.yaml"


def resolve_path(path: str | None) -> Path:
    """--data PATH, else $OSALLISUUS_DATA, else the bundled dataset."""
    if path is not None and not path.strip():
        raise UsageError("--data needs a file name.")
    chosen = path or os.environ.get(DATA_ENV) or None
    return Path(chosen) if chosen else bundled_path()


def read_bytes(path: Path) -> bytes:
    """The file's bytes; DataError with one clear sentence when it cannot be read."""
    name = str(path)
    if not path.exists():
        raise DataError(f"{name}: no such file; check --data or ${DATA_ENV}.")
    if path.is_dir():
        raise DataError(f"{name}: is a folder, not a dataset file.")
    try:
        with path.open("rb") as handle:
            raw = _read_capped(handle)
    except OSError as exc:
        raise DataError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    if raw is None:
        # /dev/zero or a runaway generator must not eat the memory.
        raise DataError(
            f"{name}: is larger than {MAX_BYTES // 2**20} MB; is it really a dataset file?"
        )
    return raw


def _read_capped(handle: BinaryIO) -> bytes | None:
    """All of the file, or None when it holds more than MAX_BYTES (/dev/zero, a huge file)."""
    if os.fstat(handle.fileno()).st_size > MAX_BYTES:
        return None
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_BYTES:
        chunk = handle.read(min(1 << 20, MAX_BYTES + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    return None


def decode(raw: bytes, name: str) -> str:
    """The file's text; DataError naming the line of the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{name}:{line}: is not UTF-8 text (byte {raw[exc.start]:#04x}); save it as UTF-8."
        ) from None
    return text.removeprefix("\ufeff")


def load_dataset(path: str | None = None) -> Dataset:
    """Load, validate and build the dataset in use; raises DataError."""
    file = resolve_path(path)
    raw = read_bytes(file)
    # A catalogue of thousands of methods is millions of small objects, all kept to
    # the end: the cyclic collector would only rescan them, superlinearly.
    collecting = gc.isenabled()
    gc.disable()
    try:
        dataset = _load(file, raw)
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    return dataset


def _load(file: Path, raw: bytes) -> Dataset:
    cached = _cache_read(_digest(raw))
    if cached is not None:
        return build(cached, str(file))
    from .validation import parse_and_validate

    data = parse_and_validate(decode(raw, str(file)), str(file))
    remember_valid(raw, data)
    return build(data, str(file))


def _digest(raw: bytes) -> str:
    # crc32 and length, not a cryptographic hash: hashlib costs more start-up time than
    # the whole load, and the cache guards against accidents, not attacks.
    return f"{zlib.crc32(raw):08x}-{len(raw)}"


def remember_valid(raw: bytes, data: Mapping[str, Any]) -> None:
    """Cache data that passed validation, so the next load of these bytes skips the YAML."""
    _cache_write(_digest(raw), data)


# -- building the model --------------------------------------------------------


def _text(value: Mapping[str, Any]) -> Text:
    return Text(fi=value["fi"], en=value["en"])


def _terms(value: Mapping[str, Any] | None) -> Terms:
    value = value or {}
    return Terms(fi=tuple(value.get("fi") or ()), en=tuple(value.get("en") or ()))


def build(data: Mapping[str, Any], path: str) -> Dataset:
    """The frozen model of validated data."""
    scoring = data["scoring"]
    return Dataset(
        schema_version=data["schema_version"],
        path=path,
        max_weight=scoring["max_weight"],
        describe_weight=scoring["describe"]["weight"],
        describe_why=_text(scoring["describe"]),
        sources=tuple(_source(ident, s) for ident, s in data["sources"].items()),
        questions=tuple(_question(key, data["questions"][key]) for key in _question_order(data)),
        methods=tuple(_method(m) for m in data["methods"]),
    )


def _question_order(data: Mapping[str, Any]) -> Iterator[str]:
    return (key for key in QUESTION_KEYS if key in data["questions"])


def _source(ident: str, s: Mapping[str, Any]) -> Source:
    return Source(
        id=ident,
        author=s["author"],
        year=s["year"],
        title=_text(s["title"]),
        publisher=_text(s["publisher"]),
        citation=_text(s["citation"]),
        url=s.get("url"),
    )


def _question(key: str, q: Mapping[str, Any]) -> Question:
    return Question(
        key=key,
        flag=q["flag"],
        prompt=_text(q["prompt"]),
        multiple=q.get("multiple", False),
        boolean=q.get("boolean", False),
        weight=q["weight"],
        why=_text(q),
        values=tuple(
            Value(
                slug=slug,
                label=_text(v["label"]),
                aliases=_terms(v.get("aliases")),
                keywords=_terms(v.get("keywords")),
            )
            for slug, v in q["values"].items()
        ),
    )


def _method(m: Mapping[str, Any]) -> Method:
    fits = tuple(
        Fit(question=question, value=slug, weight=f["weight"], why=_text(f))
        for question, values in (m.get("fits") or {}).items()
        for slug, f in values.items()
    )
    requirements = tuple(
        Requirement(question=question, value=r["value"], why=_text(r))
        for question, r in (m.get("requirements") or {}).items()
    )
    return Method(
        id=m["id"],
        name=_text(m["name"]),
        goal=_text(m["goal"]),
        description=_text(m["description"]),
        source_id=m["source"],
        aliases=_terms(m.get("aliases")),
        keywords=_terms(m.get("keywords")),
        fits=fits,
        requirements=requirements,
    )


# -- the cache -------------------------------------------------------------------


def _cache_dir() -> Path | None:
    if os.environ.get(CACHE_ENV) == "off":
        return None
    chosen = os.environ.get(CACHE_ENV) or os.environ.get("XDG_CACHE_HOME")
    base = Path(chosen) if chosen else Path.home() / ".cache"
    return base if os.environ.get(CACHE_ENV) else base / "osallisuus"


def _cache_file(digest: str) -> Path | None:
    folder = _cache_dir()
    return folder / f"dataset-{__version__}-{CACHE_FORMAT}-{digest}.json" if folder else None


def _cache_read(digest: str) -> dict[str, Any] | None:
    file = _cache_file(digest)
    if file is None:
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _cache_write(digest: str, data: Mapping[str, Any]) -> None:
    """Best effort: a read-only or missing home folder only costs speed."""
    file = _cache_file(digest)
    if file is None:
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        tmp.replace(file)
    except (OSError, TypeError, ValueError):
        return
