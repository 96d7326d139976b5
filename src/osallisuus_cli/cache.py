"""The cache of validated datasets: files keyed by a digest of the dataset's content.

A large catalogue then costs one YAML parse and one validation, not one per
command, and a command on a cache hit needs neither the YAML parser nor the
validator. The cache is best effort: when it cannot be read or written, the
command only runs slower.

What it trusts: an entry is used only when it is a regular file owned by this user,
no larger than a dataset can make it, whose first line names the entry's key
and the checksum of the data that follows; `schema.build_dataset` then checks the
data's shape. Anything else (a truncated or foreign file, a pipe, a link) is a miss,
and the entry is written anew. An entry that passes these checks and still cannot
be built (a method's details, read only when shown) is dropped and rebuilt from the
dataset file (`Texts.rebuilt`). Entries are private to the user (folder 0700, files
0600), and at most MAX_ENTRIES are kept: the least recently used go first.

The key must be cryptographic: a dataset comes from anywhere, and one made to
collide with another would be shown in its place. Keys are domain-separated, each
part prefixed by its length: a plain dataset's (its bytes), an extension's (its
bytes and its base's key), what a file extends (its bytes) and the reader's analysed
vocabulary of a dataset (what it is made from, `vocabulary_key`) can never be the key
of another kind, whatever bytes a file holds. The checksum of the data need not be:
the entry is this tool's own output, and only the user's own rights can write one
that passes as theirs, so it guards against damage (a cut-off write, a flipped
bit), where crc32 costs 0.8 ms for 1,000 methods and blake2b 3.9 ms.

The one speed trick of the cache: an entry keeps its data (what JSON can hold, and
nothing else: see `write`) as marshal data, which Python reads back in half the time
JSON takes, and which holds no code that reading it could run. Reading the entry of
the bundled dataset took 2.2 ms as JSON and takes 1.1 ms; one of 1,000 methods, 56
ms and 28 ms (in process, gc off as a run has it, median of 3).
"""

from __future__ import annotations

import json
import marshal
import os
import stat
import zlib
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from . import __version__
from .files import MAX_BYTES, read_capped, replace_file

# The content digest, a cryptographic one, so that no dataset can be made to pass for
# another. blake2b comes from the interpreter's builtin _blake2 module: importing it
# costs about 0.2 ms, `import hashlib` about 2.2 ms (it loads OpenSSL), measured with
# `python -X importtime -c "import _blake2"` and `... "import hashlib"` (Python 3.11).
try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

CACHE_ENV = "OSALLISUUS_CACHE_DIR"
CACHE_FORMAT = 6  # 6: marshal data; 5: keys domain-separated, origins as layers; 4: fit rows
# A few datasets in use, the last versions of one being edited, and for each extension
# what it extends beside it.
MAX_ENTRIES = 16
MAX_ENTRY_BYTES = 2 * MAX_BYTES  # the data of the largest dataset the tool reads
_PREFIX = "dataset-"
_MAGIC = b"osallisuus-cache"
# The kinds of key; each names what its entry holds.
_PLAIN = b"plain dataset"
_EXTENSION = b"extension"
_EXTENDS = b"what a file extends"
_VOCABULARY = b"analysed vocabulary"
_SET_UP = b"reader set-up"


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=32).hexdigest()


def _key(kind: bytes, *parts: bytes) -> str:
    """The digest of a kind of key and its parts, each prefixed by its length."""
    hashed = blake2b(digest_size=32)
    for part in (kind, *parts):
        hashed.update(len(part).to_bytes(8, "big"))
        hashed.update(part)
    return hashed.hexdigest()


def plain_key(raw: bytes) -> str:
    """The key of a dataset that extends none, by its bytes."""
    return _key(_PLAIN, raw)


def extension_key(raw: bytes, base_key: str) -> str:
    """The key of an extension, by its bytes and its base's key: a change to either is seen."""
    return _key(_EXTENSION, raw, base_key.encode())


def extends_key(raw: bytes) -> str:
    """The key of what a file extends, so that a known extension is not parsed to find it."""
    return _key(_EXTENDS, raw)


def vocabulary_key(*parts: bytes) -> str:
    """The key of what the reader makes of a dataset's vocabulary (reader/lexicon.py), by
    all it is made from: the dataset's questions, the languages, the analyser's code and
    tables. A change to any part is another key."""
    return _key(_VOCABULARY, *parts)


def set_up_key(*parts: bytes) -> str:
    """The key of the description reader's set-up for a dataset (reader/warm.py), by all it
    is made from: the dataset's key, the interpreter, the lemma table and the code."""
    return _key(_SET_UP, *parts)


class Texts:
    """Texts kept beside an entry's data, one a line, read and decoded only when asked for.

    The entry's data refers to them by number. A text that is read seldom (a method's
    details) costs nothing to load this way: for 1,000 methods, 7.7 of the entry's
    11.5 MB, about 45 ms of decoding and parsing (benchmarks/bench_cli.py, json-1000).
    The first text asked for finds where each line starts, copying none: splitting a
    copy of them all cost `recommend` 6 ms there (its checklist reads three).
    """

    def __init__(
        self, blob: bytes, start: int = 0, rebuild: Callable[[], Texts] | None = None
    ) -> None:
        self._blob = blob  # the texts are blob[start:]
        self._start = start
        self._starts: list[int] | None = None
        self._rebuild = rebuild
        self._rebuilt: Texts | None = None

    def rebuilt(self) -> Texts:
        """The texts made anew from the dataset file, when a text here cannot be built (a
        damaged or forged entry: its entry is replaced); ValueError when there is no file
        to make them from."""
        if self._rebuilt is None:
            if self._rebuild is None:
                raise ValueError("texts that cannot be built, and no file to build them from")
            self._rebuilt = self._rebuild()
        return self._rebuilt

    def get(self, number: int) -> str:
        if self._starts is None:
            self._starts = self._line_starts()
        if not 0 <= number < len(self._starts):
            raise ValueError(f"no text number {number}")
        start = self._starts[number]
        end = self._blob.find(b"\n", start)
        line = self._blob[start:] if end < 0 else self._blob[start:end]
        return line.decode("utf-8")

    def _line_starts(self) -> list[int]:
        if self._start >= len(self._blob):
            return []
        starts = [self._start]
        newline = self._blob.find(b"\n", self._start)
        while newline >= 0:
            starts.append(newline + 1)
            newline = self._blob.find(b"\n", newline + 1)
        return starts


def read(key: str) -> dict[str, Any] | None:
    """The data cached under this key, or None."""
    entry = read_entry(key)
    return entry[0] if entry is not None else None


def read_entry(
    key: str, rebuild: Callable[[], Texts] | None = None
) -> tuple[dict[str, Any], Texts] | None:
    """The data cached under this key and the texts kept beside it, or None; `rebuild`
    makes the texts anew when one cannot be built (see Texts.rebuilt)."""
    checked = _checked(key)
    if checked is None:
        return None
    blob, first = checked
    # After the header: the data's length on a line of its own, the data, the texts.
    second = blob.find(b"\n", first + 1)
    size = blob[first + 1 : second] if second > 0 else b""
    if not size.isdigit() or len(size) > len(str(MAX_ENTRY_BYTES)):
        return None
    start = second + 1
    end = start + int(size)
    if end > len(blob):
        return None
    try:
        data = marshal.loads(memoryview(blob)[start:end])
    except (EOFError, ValueError, TypeError):
        return None
    return (data, Texts(blob, end + 1, rebuild)) if isinstance(data, dict) else None


def _checked(key: str) -> tuple[bytes, int] | None:
    """The entry's bytes and where its first line ends, when the entry is this user's own
    and whole (its first line names the key and the checksum of what follows), or None."""
    file = _file(key)
    blob = _read_own_file(file) if file is not None else None
    if blob is None:
        return None
    # A slice of a view, not a copy: an entry of 1,000 methods is 11 MB.
    first = blob.find(b"\n")
    if first < 0 or blob[:first] != _header(key, memoryview(blob)[first + 1 :]):
        return None
    return blob, first


def read_blob(key: str) -> bytes | None:
    """The bytes kept under this key (`write_blob`), when the entry is this user's own and
    whole (its checksum holds), or None."""
    checked = _checked(key)
    if checked is None:
        return None
    blob, first = checked
    return blob[first + 1 :]


def write_blob(key: str, payload: bytes) -> None:
    """Keep bytes under this key, as `write` keeps JSON: whole or not at all."""
    try:
        _store(key, payload)
    except (OSError, ValueError):
        return


def write(key: str, data: Mapping[str, Any], texts: Sequence[str] = ()) -> None:
    """Remember data that passed validation, so the next load of the same bytes skips the
    YAML; `texts` (JSON texts, so never a line break) are kept beside it, see Texts."""
    if _file(key) is None:
        return  # no cache folder: nothing to serialise
    try:
        # The data as JSON holds it (lists, text keys, any other value as its text), so
        # that an entry reads back as what a JSON entry did.
        document = marshal.dumps(json.loads(json.dumps(data, ensure_ascii=False, default=str)))
        lines = [document, *(text.encode("utf-8") for text in texts)]
        _store(key, b"%d\n" % len(document) + b"\n".join(lines))
    except (OSError, ValueError, TypeError, RecursionError):
        return


def _store(key: str, payload: bytes) -> None:
    """Write the entry whole under its header, in a private folder; OSError when it cannot."""
    file = _file(key)
    if file is None:
        return
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Not synced to disk: an entry cut short by a crash fails its digest and is rebuilt.
    replace_file(file, _header(key, payload) + b"\n" + payload, mode=0o600, durable=False)
    _evict(file.parent)


def _header(key: str, payload: bytes | memoryview) -> bytes:
    """The entry's first line: what it is, which dataset it holds, the JSON's checksum."""
    return b"%s %d %s %08x" % (_MAGIC, CACHE_FORMAT, key.encode(), zlib.crc32(payload))


def _read_own_file(file: Path) -> bytes | None:
    """The entry's bytes, if it is a regular file of this user within the size cap."""
    try:
        # No links followed, no waiting on a pipe.
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.geteuid()
            or info.st_size > MAX_ENTRY_BYTES
        ):
            return None
        blob = read_capped(fd, MAX_ENTRY_BYTES, info.st_size)
        with suppress(OSError):
            os.utime(fd)  # used now: the least recently used entries are evicted first
        return blob
    except OSError:
        return None
    finally:
        os.close(fd)


def _evict(folder: Path) -> None:
    """Keep the MAX_ENTRIES most recently used entries (what killed runs left behind is
    removed by `replace_file`, as in any folder the tool writes to)."""
    entries: list[tuple[float, str]] = []
    with os.scandir(folder) as listing:
        for item in listing:
            name = item.name
            if name.startswith(_PREFIX) and name.endswith(".json"):  # else not ours
                entries.append((item.stat(follow_symlinks=False).st_mtime, item.path))
    entries.sort(reverse=True)
    for _, path in entries[MAX_ENTRIES:]:
        _remove(path)


def drop(key: str) -> None:
    """Forget the entry under this key (one that could not be built)."""
    file = _file(key)
    if file is not None:
        _remove(str(file))


def _remove(path: str) -> None:
    with suppress(OSError):
        os.unlink(path)


def _folder() -> Path | None:
    chosen = os.environ.get(CACHE_ENV)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or _home_cache()
    return Path(base) / "osallisuus" if base else None


def _home_cache() -> str | None:
    home = os.path.expanduser("~")
    # No home folder (HOME unset and the user missing from the password database, as in
    # some containers): no cache, rather than a guess at a place to write.
    return os.path.join(home, ".cache") if os.path.isabs(home) else None


def _file(key: str) -> Path | None:
    folder = _folder()
    return folder / f"{_PREFIX}{__version__}-{CACHE_FORMAT}-{key}.json" if folder else None
