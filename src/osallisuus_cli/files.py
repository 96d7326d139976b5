"""Reading the files a user names: datasets and answers files, capped, decoded, located.

One reading path for both; what differs is how a problem is reported (a dataset
that cannot be read is exit 1, an answers file exit 2) and in which words.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .errors import DataError, OsallisuusError, UsageError

DATA_ENV = "OSALLISUUS_DATA"
MAX_BYTES = 128 * 2**20  # thousands of methods fit in a few MB


class FileRole(NamedTuple):
    """What a file is to the tool: the error it raises and the sentences it says."""

    error: type[OsallisuusError]
    missing: str
    folder: str
    unreadable: str
    too_big: str
    not_utf8: str


DATASET_FILE = FileRole(
    DataError,
    missing="{name}: no such file; check --data or $" + DATA_ENV + ".",
    folder="{name}: is a folder, not a dataset file.",
    unreadable="{name}: cannot be read ({reason}).",
    too_big="{name}: is larger than {limit} MB; is it really a dataset file?",
    not_utf8="{name}:{line}: is not UTF-8 text (byte {byte}); save it as UTF-8.",
)

ANSWERS_FILE = FileRole(
    UsageError,
    missing="Answers file {name} does not exist or is not a file.",
    folder="Answers file {name} does not exist or is not a file.",
    unreadable="Answers file {name} cannot be read ({reason}).",
    too_big="Answers file {name} is larger than {limit} MB; is it really an answers file?",
    not_utf8=(
        "Answers file {name}, line {line}: is not UTF-8 text (byte {byte}); save it as UTF-8."
    ),
)


def read_bytes(path: Path, role: FileRole) -> bytes:
    """The file's bytes; the role's error with one clear sentence when it cannot be read."""
    name = str(path)
    if not path.exists():
        raise role.error(role.missing.format(name=name))
    if path.is_dir():
        raise role.error(role.folder.format(name=name))
    try:
        with path.open("rb") as handle:
            raw = _read_capped(handle)
    except OSError as exc:
        raise role.error(role.unreadable.format(name=name, reason=exc.strerror or exc)) from None
    if raw is None:
        # /dev/zero or a runaway generator must not eat the memory.
        raise role.error(role.too_big.format(name=name, limit=MAX_BYTES // 2**20))
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


def decode(raw: bytes, name: str, role: FileRole) -> str:
    """The file's text; the role's error naming the line of the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise role.error(
            role.not_utf8.format(name=name, line=line, byte=f"{raw[exc.start]:#04x}")
        ) from None
    return text.removeprefix("\ufeff")


def read_text(path: Path, role: FileRole) -> str:
    return decode(read_bytes(path, role), str(path), role)


def bundled_path() -> Path:
    """The dataset shipped with the package (wheel), or the repo's data/ (editable install)."""
    packaged = Path(__file__).parent / "data" / "methods.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "methods.yaml"


def dataset_path(path: str | None) -> Path:
    """--data PATH, else $OSALLISUUS_DATA, else the bundled dataset."""
    if path is not None and not path.strip():
        raise UsageError("--data needs a file name.")
    chosen = path or os.environ.get(DATA_ENV) or None
    return Path(chosen) if chosen else bundled_path()


# -- files the tool writes -----------------------------------------------------------------


def check_output(path: str) -> Path:
    """The file to write, checked before any work is done; UsageError if it cannot be."""
    file = Path(path)
    if not path.strip():
        raise UsageError("--output needs a file name.")
    if file.is_dir():
        raise UsageError(f"--output {path} is a folder; give a file name.")
    if not file.parent.is_dir():
        raise UsageError(f"The folder of --output {path} does not exist; create it first.")
    return file


def write_file(path: str, text: str) -> str:
    """Write a document the user asked for; UsageError when the place cannot take it."""
    file = check_output(path)
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Cannot write {path} ({exc.strerror or exc}).") from None
    return str(file)


FORMAT_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def output_format(output: str | None, chosen: str | None, allowed: tuple[str, ...]) -> str:
    """The format of a file to write: --format, else the file's extension, else the first
    allowed; UsageError when the two disagree or the format is unknown."""
    by_suffix = FORMAT_BY_SUFFIX.get(Path(output).suffix.lower()) if output else None
    if chosen is None:
        return by_suffix or allowed[0]
    fmt = chosen.strip().lower()
    if fmt not in allowed:
        raise UsageError(f"Unknown format {chosen!r}; use one of {', '.join(allowed)}.", allowed)
    if by_suffix is not None and by_suffix != fmt:
        raise UsageError(
            f"--format {fmt} does not match the file name {output}; "
            f"use --format {by_suffix} or another name."
        )
    return fmt
