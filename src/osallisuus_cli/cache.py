"""The cache of validated datasets: JSON files keyed by the dataset's content.

A large catalogue then costs one YAML parse and one validation, not one per
command, and a command on a cache hit needs neither the YAML parser nor the
validator. The cache is best effort: when it cannot be read or written, the
command only runs slower.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import __version__

CACHE_ENV = "OSALLISUUS_CACHE_DIR"
CACHE_FORMAT = 1


def digest(raw: bytes) -> str:
    # crc32 and length, not a cryptographic hash: hashlib costs more start-up time than
    # the whole load, and the cache guards against accidents, not attacks.
    return f"{zlib.crc32(raw):08x}-{len(raw)}"


def _folder() -> Path | None:
    if os.environ.get(CACHE_ENV) == "off":
        return None
    chosen = os.environ.get(CACHE_ENV) or os.environ.get("XDG_CACHE_HOME")
    base = Path(chosen) if chosen else Path.home() / ".cache"
    return base if os.environ.get(CACHE_ENV) else base / "osallisuus"


def _file(key: str) -> Path | None:
    folder = _folder()
    return folder / f"dataset-{__version__}-{CACHE_FORMAT}-{key}.json" if folder else None


def read(raw: bytes) -> dict[str, Any] | None:
    """The validated data cached for these dataset bytes, or None."""
    file = _file(digest(raw))
    if file is None:
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write(raw: bytes, data: Mapping[str, Any]) -> None:
    """Remember data that passed validation, so the next load of these bytes skips the YAML."""
    file = _file(digest(raw))
    if file is None:
        return
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        tmp.replace(file)
    except (OSError, TypeError, ValueError):
        return
