"""The files a user names: datasets and answers files read, handouts written, safely.

Reading: one path for both kinds of file, capped, decoded, located; what differs is
how a problem is reported (a dataset that cannot be read is exit 1, an answers file
exit 2) and in which words. Only regular files are read, opened without blocking,
so a pipe or a device named by mistake cannot hang a run.

Writing: a file appears whole or not at all. It is written to a temporary file in
the same folder, flushed to disk and renamed over the old one; on any failure or
interrupt the old file stays as it was and no temporary file is left (one that a
killed run left is removed by the next write to that folder). A file the tool reads
is never written over: the bundled dataset, and every file this run has read (each
file of an `extends` chain, an answers file), compared by device and inode, through
`--output` or through standard output. A target is respected as `cp` would: a
write-protected file is refused, a pipe is written only when a reader is there.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import signal
import stat
import sys
import time
from contextlib import suppress
from pathlib import Path

from .errors import DataError, OsallisuusError, OutputError, UsageError
from .i18n import both, t
from .model import Bilingual
from .records import Record

DATA_ENV = "OSALLISUUS_DATA"
# The scale the tool is made for, thousands of methods: 4,794 copies of the bundled ones
# (14 KB each, 63.7 MiB) fit, and their first run, parsing and validating them, peaks at
# 565 MB (max RSS; `python benchmarks/bench_adversarial.py --only text --runs 1 --cap`);
# 128 MB took about 1.1 GB. A larger file is refused at once rather than read for minutes.
MAX_BYTES = 64 * 2**20
MAX_ANSWERS_BYTES = 2**20  # an answers file is a few lines; a saved --json output a few KB
STDIN_NAMES = ("-", "/dev/stdin")
STDIN_DISPLAY = t("stdin_name", "en")  # how --answers - is named in a message
_STDIN = Bilingual(t("stdin_name", "fi"), STDIN_DISPLAY)
# The signals that end a run from outside; held back while a file is being replaced.
INTERRUPTS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
# A temporary file of this age or older that no run holds locked was left by a killed run;
# a younger one may have been made a moment ago by a run that has not locked it yet.
STALE_AFTER = 5.0  # seconds
_TEMPORARY_NAME = r"(?s)\..{1,40}\.[0-9a-f]{16}\.tmp"


class _Identity(Record):
    """A file as it was read: which file (device, inode) and which version of it."""

    device: int
    inode: int
    size: int
    modified: int  # ns


# The files this process has read, and the names they were read by. The version is kept
# so that a file made later on a reused inode is not mistaken for one read earlier (a
# process that runs many commands, as the tests do).
_read: dict[tuple[int, int], tuple[_Identity, str]] = {}


class FileRole(Record):
    """What a file is to the tool: the error it raises, its size limit, the sentences it says
    (keys of `i18n.py`)."""

    error: type[OsallisuusError]
    limit: int
    missing: str
    folder: str
    not_regular: str
    unreadable: str
    too_big: str
    not_utf8: str


DATASET_FILE = FileRole(
    DataError,
    MAX_BYTES,
    missing="dataset_missing",
    folder="dataset_folder",
    not_regular="dataset_not_regular",
    unreadable="dataset_unreadable",
    too_big="dataset_too_big",
    not_utf8="dataset_not_utf8",
)

BUNDLED_FILE = DATASET_FILE._replace(missing="bundled_missing", unreadable="bundled_unreadable")

ANSWERS_FILE = FileRole(
    UsageError,
    MAX_ANSWERS_BYTES,
    missing="answers_missing",
    folder="answers_missing",
    not_regular="answers_not_regular",
    unreadable="answers_unreadable",
    too_big="answers_too_big",
    not_utf8="answers_not_utf8",
)


# -- files the tool reads -------------------------------------------------------------------


def read_bytes(path: Path, role: FileRole) -> bytes:
    """The file's bytes; the role's error with one clear sentence when it cannot be read."""
    name = str(path)
    try:
        # Non-blocking: opening a FIFO with no writer would otherwise wait for ever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (FileNotFoundError, NotADirectoryError):
        raise role.error(both(role.missing, name=name)) from None
    except OSError as exc:
        raise role.error(both(role.unreadable, name=name, reason=reason(exc))) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise role.error(both(role.folder, name=name))
        if not stat.S_ISREG(info.st_mode):
            raise role.error(both(role.not_regular, name=name))
        if fd != STDOUT_FD and _is_stdout(info):
            # `export >> methods.yaml`: the output would end up in the file being read.
            raise UsageError(both("stdout_is_read", name=name))
        _read[info.st_dev, info.st_ino] = (_identity(info), name)
        too_big = info.st_size > role.limit
        raw = None if too_big else read_capped(fd, role.limit, info.st_size)
    except OSError as exc:
        raise role.error(both(role.unreadable, name=name, reason=reason(exc))) from None
    finally:
        os.close(fd)
    if raw is None:
        # A huge file, or one that grows while read, must not eat the memory.
        raise role.error(both(role.too_big, name=name, limit=role.limit // 2**20))
    return raw


def read_stdin(role: FileRole) -> bytes:
    """All of standard input (`--answers -`), with the role's size limit."""
    closed = Bilingual(*both("stdin_closed"))
    if sys.stdin is None:  # started with standard input closed (outside `edge.run`)
        raise role.error(both(role.unreadable, name=_STDIN, reason=closed))
    try:
        raw = sys.stdin.buffer.read(role.limit + 1)
    except OSError as exc:
        said = closed if exc.errno == errno.EBADF else reason(exc)
        raise role.error(both(role.unreadable, name=_STDIN, reason=said)) from None
    if len(raw) > role.limit:
        raise role.error(both(role.too_big, name=_STDIN, limit=role.limit // 2**20))
    return raw


def read_capped(fd: int, limit: int, expected: int = 0) -> bytes | None:
    """All of an open file, or None when it holds more than `limit` bytes.

    `expected`, the size fstat gave, lets a file come in one read, without joining
    chunks (a copy: about 1 ms for a catalogue of 1,000 methods).
    """
    chunks: list[bytes] = []
    total = 0
    size = max(expected + 1, 1 << 16)
    while total <= limit:
        chunk = os.read(fd, min(size, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)  # one chunk is returned as it is
        chunks.append(chunk)
        total += len(chunk)
        size = 1 << 20
    return None


def decode(raw: bytes, name: str, role: FileRole) -> str:
    """The file's text; the role's error naming the line of the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise role.error(
            both(role.not_utf8, name=name, line=line, byte=f"{raw[exc.start]:#04x}")
        ) from None
    return text.removeprefix("\ufeff")


def reason(exc: OSError) -> str:
    """The operating system's words for an error, e.g. "Permission denied"."""
    return exc.strerror or str(exc)


STDOUT_FD = 1


def _identity(info: os.stat_result) -> _Identity:
    return _Identity(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _is_stdout(info: os.stat_result) -> bool:
    """Whether standard output is the file `info` describes (`>> file`, `1<> file`)."""
    try:
        out = os.fstat(STDOUT_FD)
    except OSError:
        return False
    return stat.S_ISREG(out.st_mode) and (out.st_dev, out.st_ino) == (info.st_dev, info.st_ino)


def read_by_this_run(info: os.stat_result) -> str | None:
    """The name a file was read by, when this process has read it as it is now; else None."""
    found = _read.get((info.st_dev, info.st_ino))
    if found is None or found[0] != _identity(info):
        return None
    return found[1]


class DatasetFile(Record):
    """The dataset file in use, and the words its problems are reported in."""

    path: Path
    role: FileRole


def dataset_file(path: str | None) -> DatasetFile:
    """--data PATH, else $OSALLISUUS_DATA, else the bundled dataset."""
    if path is not None and not path.strip():
        raise UsageError(both("data_no_name"))
    chosen = path or os.environ.get(DATA_ENV) or None
    if chosen:
        return DatasetFile(Path(chosen), DATASET_FILE)
    return DatasetFile(bundled_path(), BUNDLED_FILE)


def bundled_path() -> Path:
    """The dataset shipped with the package (wheel), or the repository's data/ (a checkout)."""
    packaged = Path(__file__).parent / "data" / "methods.yaml"
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file():  # an editable install or a source checkout
        return checkout / "data" / "methods.yaml"
    return packaged  # missing from an installed package: this is where it belongs


# -- files the tool writes -----------------------------------------------------------------


def check_output(path: str, dataset: Path | None = None) -> Path:
    """The file to write, checked before any work is done (and again before it is written,
    when the files the run reads are known).

    UsageError when the name cannot be a file to write (a folder, a missing folder, the
    dataset in use or any file the run reads, a name too long); OutputError when the place
    refuses it (a write-protected file, a folder without permission).
    """
    if not path.strip():
        raise UsageError(both("output_no_name"))
    file = Path(path)
    info = _stat_output(file, path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(both("output_is_folder", path=path))
    folder = _stat_output(file.parent, path)
    if folder is None or not stat.S_ISDIR(folder.st_mode):
        raise UsageError(both("output_no_folder", path=path))
    if info is not None:
        _refuse_read_file(info, path, dataset)
    if info is not None and not os.access(file, os.W_OK):
        # As cp and the shell: a write-protected file, a device or pipe one may not write.
        denied = Bilingual(*both("permission_denied"))
        raise OutputError(both("cannot_write", path=path, reason=denied))
    if info is None or stat.S_ISREG(info.st_mode):
        _check_folder(file, path)
    return file


def _refuse_read_file(info: os.stat_result, path: str, dataset: Path | None) -> None:
    """UsageError when `info` is the dataset in use, the bundled one, or a file read."""
    if dataset is not None and _same_file(info, dataset):
        raise UsageError(both("output_is_dataset", path=path, dataset=dataset))
    bundled = bundled_path()
    if _same_file(info, bundled):
        raise UsageError(both("output_is_bundled", path=path, dataset=bundled))
    name = read_by_this_run(info)
    if name is not None:
        raise UsageError(both("output_is_read", path=path, name=name))


def _check_folder(file: Path, path: str) -> None:
    if not os.access(Path(os.path.realpath(file)).parent, os.W_OK | os.X_OK):
        # The new file is made beside the old one (or the one a link names) and renamed.
        denied = Bilingual(*both("no_folder_permission"))
        raise OutputError(both("cannot_write", path=path, reason=denied))


def _stat_output(file: Path, path: str) -> os.stat_result | None:
    """What is at `file` (links followed), or None when nothing is."""
    try:
        return os.stat(file)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise UsageError(both("output_name_too_long", path=path)) from None
        raise OutputError(both("cannot_write", path=path, reason=reason(exc))) from None


def _same_file(info: os.stat_result, other: Path) -> bool:
    """Whether `info` is the file `other` names, through any path, link or hard link."""
    try:
        theirs = os.stat(other)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (theirs.st_dev, theirs.st_ino)


def write_file(path: str, text: str, dataset: Path | None = None) -> str:
    """Write a document the user asked for, whole or not at all; never over `dataset`."""
    file = check_output(path, dataset)
    data = text.encode("utf-8")
    info = _stat_output(file, path)
    # /dev/stdout, /dev/null, a pipe: nothing there to keep, and no folder to rename in.
    straight = info is not None and not stat.S_ISREG(info.st_mode)
    try:
        if straight:
            _write_through(file, data)
        else:
            # Through a symbolic link to the file it names, not over the link.
            replace_file(Path(os.path.realpath(file)), data)
    except BrokenPipeError:
        raise  # `-o /dev/stdout | head`: the reader went away, which ends quietly
    except OSError as exc:
        if exc.errno == errno.ENXIO and straight:  # a named pipe that nobody reads
            raise OutputError(both("pipe_no_reader", path=path)) from None
        key = "cannot_write" if straight else "cannot_write_kept"
        raise OutputError(both(key, path=path, reason=reason(exc))) from None
    return str(file)


def create_file(path: str, text: str) -> str:
    """Write a new file, whole or not at all; UsageError when one is there already."""
    file = check_output(path)
    there = both("file_exists", path=path)
    if os.path.lexists(file):
        raise UsageError(there)
    try:
        replace_file(file, text.encode("utf-8"), keep_existing=True)
    except FileExistsError:
        raise UsageError(there) from None  # made meanwhile by someone else
    except OSError as exc:
        raise OutputError(both("cannot_write", path=path, reason=reason(exc))) from None
    return str(file)


def replace_file(
    target: Path,
    data: bytes,
    mode: int | None = None,
    durable: bool = True,
    keep_existing: bool = False,
) -> None:
    """Put `data` at `target` whole or not at all; OSError when it cannot be done.

    The data goes to a temporary file beside the target, is flushed (and with `durable`,
    synced to disk) and renamed over it. Ctrl-C, SIGTERM and SIGHUP are held back
    meanwhile: one that arrives abandons the write before the rename, so the old file
    stays, and is then delivered (Ctrl-C as KeyboardInterrupt). `mode` is the new
    file's permissions; by default an existing file keeps its own, a new one gets the
    usual ones (the umask's). With `keep_existing`, a file already at `target` stays and
    FileExistsError is raised (linked into place, not renamed over).
    """
    if mode is None:
        with suppress(OSError):
            mode = stat.S_IMODE(os.stat(target).st_mode)
    remove_stale_temporaries(target.parent)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    temporary: str | None = None
    abandoned = False
    try:
        temporary, fd = _create_beside(target, 0o666 if mode is None else mode)
        try:
            if mode is not None:
                os.fchmod(fd, mode)  # as asked, whatever the umask
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        abandoned = bool(INTERRUPTS & signal.sigpending())
        if not abandoned and keep_existing:
            os.link(temporary, target)  # FileExistsError when a file is there
        elif not abandoned:
            os.replace(temporary, target)
            temporary = None
            if durable:
                _sync_folder(target.parent)
    finally:
        if temporary is not None:
            with suppress(OSError):
                os.unlink(temporary)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a pending Ctrl-C is raised here
    if abandoned:
        raise KeyboardInterrupt  # the signal's handler did not end the run: end it as Ctrl-C


def _create_beside(target: Path, mode: int) -> tuple[str, int]:
    # Hidden, and random enough (64 bits) that two runs never pick the same name;
    # the target's name is cut so that the temporary name stays within the 255-byte limit.
    name = target.with_name(f".{target.name[:40]}.{os.urandom(8).hex()}.tmp")
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    # Held until the file is renamed or removed, and released by the kernel when the run
    # dies: a temporary file nobody holds locked was left by a killed run.
    with suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return str(name), fd


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files of this tool's naming that killed runs left in `folder`:
    regular files of this user, at least STALE_AFTER seconds old, that no run holds locked.
    Best effort: what cannot be looked at or removed stays."""
    now = time.time()
    try:
        with os.scandir(folder) as listing:
            names = [
                item.path
                for item in listing
                if item.name.endswith(".tmp") and re.fullmatch(_TEMPORARY_NAME, item.name)
            ]
    except OSError:
        return
    for name in names:
        with suppress(OSError):
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
            try:
                info = os.fstat(fd)
                if (
                    stat.S_ISREG(info.st_mode)
                    and info.st_uid == os.geteuid()
                    and now - info.st_mtime >= STALE_AFTER
                ):
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # OSError: a run holds it
                    os.unlink(name)
            finally:
                os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    """Every byte, or OSError: a short write (full disk, `ulimit -f`) is retried, and fails."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "nothing could be written")
        view = view[written:]


def _write_through(file: Path, data: bytes) -> None:
    # Without blocking: a named pipe with no reader is ENXIO at once, not a wait for ever.
    fd = os.open(file, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        os.set_blocking(fd, True)  # a reader is there: it sets the pace
        _write_all(fd, data)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (best effort: not every file system allows it)."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


FORMAT_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
STDOUT_NAME = "-"  # --output - writes to standard output


def format_of_name(output: str | None) -> str | None:
    """The format a file name asks for by its extension, or None."""
    if output is None or output == STDOUT_NAME:
        return None
    return FORMAT_BY_SUFFIX.get(Path(output).suffix.lower())


def output_format(output: str | None, chosen: str | None, allowed: tuple[str, ...]) -> str:
    """The format of a file to write: --format, else the file's extension, else the first
    allowed; UsageError when the two disagree or either is not allowed."""
    by_suffix = format_of_name(output)
    formats = ", ".join(allowed)
    if by_suffix is not None and by_suffix not in allowed:
        raise UsageError(
            both("format_not_for_file", output=output, formats=formats, format=by_suffix), allowed
        )
    if chosen is None:
        return by_suffix or allowed[0]
    fmt = chosen.strip().lower()
    if fmt not in allowed:
        raise UsageError(both("unknown_format", given=repr(chosen), formats=formats), allowed)
    if by_suffix is not None and by_suffix != fmt:
        raise UsageError(
            both("format_contradicts_file", format=fmt, output=output, by_suffix=by_suffix)
        )
    return fmt
