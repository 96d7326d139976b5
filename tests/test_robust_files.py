"""Nothing lost, nothing forged (issue 14): the files the tool writes, its stdout, its cache.

Findings 1-5 and 8-9 of the issue, each tried from outside: the dataset as --output,
a full disk (`ulimit -f` in a real process, /dev/full), signals at the moment a file
is replaced, a dataset forged to the old crc32 key, and a cache poisoned in every
way we could think of. Real processes only where the point is the process (a
resource limit, a signal's default action, another user); the rest runs in-process.
"""

from __future__ import annotations

import errno
import json
import marshal
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from osallisuus_cli import cache, files
from robust_helpers import (
    BUNDLED,
    BUNDLED_TEXT,
    assert_clean_error,
    command,
    process_env,
    run_main,
)

OLD = "the old handout, which must survive\n"
IS_ROOT = os.geteuid() == 0


def _bikva_goal(outcome_stdout: str) -> str:
    return str(json.loads(outcome_stdout)["method"]["goal"])


REAL_GOAL = (
    "A method for evaluating client-centredness, a development method in which clients' views "
    "lead to action at all levels of the organisation. Well suited to increasing participation "
    "in client groups from whom it is otherwise difficult to get feedback."
)


def _only_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _bash_limited(
    script: str, cwd: Path, env: dict[str, str | None] | None = None, kb: int = 4
) -> tuple[int, str]:
    """Run `script` in bash with the file size limit at `kb` KB: a fake full disk."""
    proc = subprocess.run(
        ["bash", "-c", f"ulimit -f {kb}; {script}"],
        cwd=cwd,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        # Python's own compiled modules are not ours to write under a full disk: cut
        # short by the limit, a .pyc broke every later start of the CLI
        env=process_env(
            {"OSALLISUUS_CACHE_DIR": "off", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
        ),
        timeout=30,
    )
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def _quoted_command() -> str:
    return " ".join(f"'{part}'" for part in command())


# -- 1. never over the dataset in use -------------------------------------------------------


def _dataset_and_links(tmp_path: Path) -> Path:
    dataset = tmp_path / "my.yaml"
    dataset.write_text(BUNDLED_TEXT, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(dataset)
    os.link(dataset, tmp_path / "hard.yaml")
    (tmp_path / "sub").mkdir()
    return dataset


OVER_THE_DATASET = {
    "the same name": (["--data", "{d}/my.yaml"], "{d}/my.yaml", {}),
    "another path to it": (["--data", "{d}/my.yaml"], "{d}/sub/../my.yaml", {}),
    "a symbolic link to it": (["--data", "{d}/my.yaml"], "{d}/link.yaml", {}),
    "a hard link to it": (["--data", "{d}/link.yaml"], "{d}/hard.yaml", {}),
    "named by OSALLISUUS_DATA": ([], "{d}/my.yaml", {"OSALLISUUS_DATA": "{d}/link.yaml"}),
}


@pytest.mark.parametrize("name", list(OVER_THE_DATASET))
def test_export_never_writes_over_the_dataset_in_use(tmp_path: Path, name: str) -> None:
    dataset = _dataset_and_links(tmp_path)
    data_args, output, env = OVER_THE_DATASET[name]
    fill = {"d": str(tmp_path)}
    args = [arg.format(**fill) for arg in data_args]
    outcome = run_main(
        *args,
        "export",
        "-o",
        output.format(**fill),
        env={key: value.format(**fill) for key, value in env.items()},
    )
    message = assert_clean_error(outcome, 2)
    assert "is the dataset in use" in message
    assert dataset.read_text(encoding="utf-8") == BUNDLED_TEXT
    assert _only_files(tmp_path) == ["hard.yaml", "link.yaml", "my.yaml", "sub"]


def test_export_never_writes_over_the_bundled_dataset() -> None:
    before = BUNDLED.read_bytes()
    outcome = run_main("export", "-f", "html", "-o", str(BUNDLED))
    assert "is the dataset in use" in assert_clean_error(outcome, 2)
    assert BUNDLED.read_bytes() == before


def test_the_dataset_check_comes_before_any_work(tmp_path: Path) -> None:
    """An invalid dataset named as --output is refused as --output, not parsed first."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("methods: [\n", encoding="utf-8")
    outcome = run_main("--data", str(broken), "export", "-o", str(broken))
    assert "is the dataset in use" in assert_clean_error(outcome, 2)
    assert broken.read_text(encoding="utf-8") == "methods: [\n"


@pytest.mark.parametrize("command", ["recommend", "plan"])
def test_a_memo_never_writes_over_the_dataset_in_use(tmp_path: Path, command: str) -> None:
    dataset = _dataset_and_links(tmp_path)
    outcome = run_main(
        "--data", str(dataset), command, "-t", "children", "-o", str(tmp_path / "link.yaml")
    )
    assert "is the dataset in use" in assert_clean_error(outcome, 2)
    assert dataset.read_text(encoding="utf-8") == BUNDLED_TEXT


# -- 2. a file appears whole or not at all ------------------------------------------------


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    out.write_text(OLD, encoding="utf-8")
    code, stderr = _bash_limited(f"exec {_quoted_command()} export -f html -o out.html", tmp_path)
    assert code == 1, stderr
    assert stderr.startswith("osallisuus: Cannot write out.html (File too large)")
    assert stderr.count("\n") == 1
    assert out.read_text(encoding="utf-8") == OLD
    assert _only_files(tmp_path) == ["out.html"]


@pytest.mark.parametrize("command", ["recommend", "plan"])
def test_a_memo_on_a_full_disk_leaves_the_old_one(tmp_path: Path, command: str) -> None:
    memo = tmp_path / "memo.html"
    memo.write_text(OLD, encoding="utf-8")
    code, stderr = _bash_limited(
        f"exec {_quoted_command()} {command} -t children -o memo.html", tmp_path, kb=1
    )
    assert code == 1, stderr
    assert stderr.startswith("osallisuus: Cannot write memo.html (File too large)")
    assert memo.read_text(encoding="utf-8") == OLD
    assert _only_files(tmp_path) == ["memo.html"]


def test_a_full_disk_leaves_no_new_file_either(tmp_path: Path) -> None:
    code, stderr = _bash_limited(f"exec {_quoted_command()} export -f html -o new.html", tmp_path)
    assert code == 1, stderr
    assert _only_files(tmp_path) == []


def test_a_write_replaces_whole_and_keeps_the_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text(OLD, encoding="utf-8")
    out.chmod(0o640)
    (tmp_path / "link.md").symlink_to(out)
    outcome = run_main("export", "-o", str(tmp_path / "link.md"))
    assert outcome.code == 0, outcome.describe()
    assert out.read_text(encoding="utf-8").startswith("# Client-participation methods")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert (tmp_path / "link.md").is_symlink()  # written through the link, not over it
    assert _only_files(tmp_path) == ["link.md", "out.md"]


@pytest.fixture()
def interrupted_writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Every os.write sends this process SIGINT first, and writes only half (a short write)."""
    real_write = os.write
    calls: list[int] = []

    def write(fd: int, data: bytes) -> int:
        calls.append(len(data))
        os.kill(os.getpid(), signal.SIGINT)
        return real_write(fd, bytes(data[: max(1, len(data) // 2)]))

    monkeypatch.setattr(os, "write", write)
    yield calls


@pytest.mark.parametrize("existing", [True, False])
def test_ctrl_c_in_the_middle_of_a_write_keeps_the_old_file(
    tmp_path: Path, interrupted_writes: list[int], existing: bool
) -> None:
    out = tmp_path / "out.md"
    if existing:
        out.write_text(OLD, encoding="utf-8")
    outcome = run_main("export", "-o", str(out), env={"OSALLISUUS_CACHE_DIR": "off"})
    assert interrupted_writes, "the write never happened"
    assert assert_clean_error(outcome, 130) == "osallisuus: interrupted."
    assert _only_files(tmp_path) == (["out.md"] if existing else [])
    if existing:
        assert out.read_text(encoding="utf-8") == OLD


SIGNAL_PROBE = """
import os, signal, sys
real_write = os.write
def write(fd, data):
    os.kill(os.getpid(), signal.{name})
    return real_write(fd, bytes(data[: max(1, len(data) // 2)]))
os.write = write
sys.argv = ["osallisuus", "export", "-o", sys.argv[1]]
from osallisuus_cli.launch import main
main()
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_in_the_middle_of_a_write_keeps_the_old_file(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.md"
    out.write_text(OLD, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", SIGNAL_PROBE.format(name=name), str(out)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=process_env({"OSALLISUUS_CACHE_DIR": "off"}),
        timeout=30,
    )
    signum = getattr(signal, name)
    if signum == signal.SIGINT:
        assert proc.returncode == 130
        assert proc.stderr.decode() == "\nosallisuus: interrupted.\n"
    else:  # the signal's own ending, as the shell expects it
        assert proc.returncode == -signum, proc.stderr
    assert out.read_text(encoding="utf-8") == OLD
    assert _only_files(tmp_path) == ["out.md"]


def test_writing_to_a_device_or_pipe_goes_straight_through(tmp_path: Path) -> None:
    code, stderr = _bash_limited(
        f"{_quoted_command()} export -o /dev/stdout | head -c 30", tmp_path
    )
    assert code == 0, stderr
    outcome = run_main("export", "-o", "/dev/null")
    assert outcome.code == 0, outcome.describe()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # a device, never replaced by a file


def test_a_device_needs_only_its_own_permission(monkeypatch: pytest.MonkeyPatch) -> None:
    """/dev is not writable for most users; /dev/null is, and that is what counts."""
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        return not Path(str(path)).is_dir() and real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    assert run_main("export", "-o", "/dev/null").code == 0
    outcome = run_main("export", "-o", "/tmp/out.md")
    assert "no permission to write in its folder" in assert_clean_error(outcome, 1)


def test_output_to_a_full_device_is_exit_1() -> None:
    outcome = run_main("export", "-o", "/dev/full")
    message = assert_clean_error(outcome, 1)
    assert "/dev/full" in message and "No space left" in message


# -- 4. every write to stdout is checked -----------------------------------------------------

# Each prints more than the 4 KB `ulimit -f 4` lets through.
LONG_OUTPUTS = {
    "JSON": ["list", "--json"],
    "text": ["list"],
    "a panel": ["show", "bikva"],
    "export": ["export", "-f", "html"],
}
STDOUT_CASES = {**LONG_OUTPUTS, "help": ["--help"], "version": ["--version"]}


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
@pytest.mark.parametrize("name", list(LONG_OUTPUTS))
def test_stdout_on_a_full_disk_is_exit_1(tmp_path: Path, name: str, unbuffered: bool) -> None:
    """A short write (the first 4 KB taken, then EFBIG) is an error, not a silent success."""
    args = " ".join(LONG_OUTPUTS[name])
    code, stderr = _bash_limited(
        f"exec {_quoted_command()} {args} > out.txt",
        tmp_path,
        env={"PYTHONUNBUFFERED": "1" if unbuffered else None},
    )
    assert code == 1, stderr
    assert stderr == "osallisuus: Cannot write the output (File too large).\n"
    assert (tmp_path / "out.txt").stat().st_size == 4096


@pytest.mark.parametrize("name", list(STDOUT_CASES))
def test_stdout_to_dev_full_is_exit_1_not_an_internal_error(name: str) -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [*command(), *STDOUT_CASES[name]],
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=process_env(),
            timeout=30,
        )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, stderr
    assert stderr == "osallisuus: Cannot write the output (No space left on device).\n"


# -- 3 and 5. the cache: an honest key, checked entries, private, evicted ----------------


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OSALLISUUS_CACHE_DIR", str(folder))
    return folder


def _forge_crc32(text: bytes, target: int, positions: list[int]) -> bytes:
    """`text` with some ASCII letters at `positions` changed in case, so that its crc32 is
    `target`. crc32 is affine over GF(2): flipping a set of bits changes it by the XOR of
    what each flip alone changes, so a subset is found by Gaussian elimination."""
    base = zlib.crc32(text)
    basis: dict[int, tuple[int, int]] = {}  # top bit -> (crc change, flips making it)
    for index, position in enumerate(positions):
        flipped = bytearray(text)
        flipped[position] ^= 0x20  # 'a' <-> 'A'
        change, flips = zlib.crc32(bytes(flipped)) ^ base, 1 << index
        while change:
            top = change.bit_length() - 1
            if top not in basis:
                basis[top] = (change, flips)
                break
            change ^= basis[top][0]
            flips ^= basis[top][1]
    wanted, flips = base ^ target, 0
    while wanted:
        top = wanted.bit_length() - 1
        assert top in basis, "no set of case changes reaches the target crc32"
        wanted ^= basis[top][0]
        flips ^= basis[top][1]
    forged = bytearray(text)
    for index, position in enumerate(positions):
        if flips >> index & 1:
            forged[position] ^= 0x20
    return bytes(forged)


def _forged_bundled() -> bytes:
    """The bundled dataset with bikva's goal replaced, forged to its length and crc32."""
    real = BUNDLED.read_bytes()
    assert REAL_GOAL.encode() in real
    fake = ("FORGED! " * 40)[: len(REAL_GOAL)].encode()
    changed = real.replace(REAL_GOAL.encode(), fake, 1)
    header_end = real.index(b"\nschema_version")  # the comment lines at the top
    letters = [i for i in range(header_end) if chr(real[i]).isascii() and chr(real[i]).isalpha()]
    return _forge_crc32(changed, zlib.crc32(real), letters[:96])


def test_a_dataset_forged_to_the_old_key_cannot_poison_the_bundled_one(
    tmp_path: Path, cache_dir: Path
) -> None:
    forged = _forged_bundled()
    real = BUNDLED.read_bytes()
    # The old key, crc32 and length, was the same for both:
    assert (zlib.crc32(forged), len(forged)) == (zlib.crc32(real), len(real))
    assert forged != real
    file = tmp_path / "forged.yaml"
    file.write_bytes(forged)
    first = run_main("--data", str(file), "show", "bikva", "--json")
    assert _bikva_goal(first.stdout).startswith("FORGED!")
    later = run_main("show", "bikva", "--json")
    assert _bikva_goal(later.stdout) == REAL_GOAL
    assert len([p for p in cache_dir.iterdir() if p.suffix == ".json"]) == 2
    assert cache.plain_key(forged) != cache.plain_key(real)


def _entry(raw: bytes) -> Path:
    file = cache._file(cache.plain_key(raw))
    assert file is not None
    return file


def _with_header(raw: bytes, payload: bytes) -> bytes:
    """An entry whose first line is right for `payload`: what only a forger would write."""
    return cache._header(cache.plain_key(raw), payload) + b"\n" + payload


def _tampered_payload(valid: bytes) -> bytes:
    payload = valid.partition(b"\n")[2]
    return payload.replace(REAL_GOAL.encode(), b"Tampered with.", 1)


def _document(valid: bytes) -> tuple[Any, bytes]:
    """An entry's data and the texts kept beside it (cache.Texts)."""
    size, _, rest = valid.partition(b"\n")[2].partition(b"\n")
    return marshal.loads(rest[: int(size)]), rest[int(size) + 1 :]


def _with_texts(data: Any, texts: bytes = b"") -> bytes:
    """A payload as cache.write makes one: the data's length, the data, the texts."""
    document = marshal.dumps(data)
    return b"%d\n" % len(document) + document + b"\n" + texts


def _wrong_types(valid: bytes) -> bytes:
    data, texts = _document(valid)
    data["methods"][0]["fits"]["target_groups"]["hard-to-reach"][0] = "5"  # its weight
    return _with_texts(data, texts)


def _name_not_bilingual(valid: bytes) -> bytes:
    data, texts = _document(valid)
    data["methods"][0]["name"] = "BIKVA"
    return _with_texts(data, texts)


def _scale_of_zero(valid: bytes) -> bytes:
    data, texts = _document(valid)
    data["scoring"]["max_weight"] = 0  # scores would divide by it
    return _with_texts(data, texts)


# Marshal data of a list in a list ... 100,000 deep: b"[" and a length of 1, then None.
_NESTED_LISTS = b"%d\n" % (5 * 100_000 + 1) + b"[\x01\x00\x00\x00" * 100_000 + b"N"


def _write_bytes(content: Callable[[bytes, bytes], bytes]) -> Callable[[Path, bytes, bytes], None]:
    def poison(entry: Path, raw: bytes, valid: bytes) -> None:
        entry.write_bytes(content(raw, valid))

    return poison


def _other_datasets_entry(entry: Path, raw: bytes, valid: bytes) -> None:
    other = raw + b"\n# another dataset\n"
    data, texts = _document(valid)
    cache.write(cache.plain_key(other), data, [text.decode() for text in texts.split(b"\n")])
    os.replace(_entry(other), entry)


def _directory(entry: Path, raw: bytes, valid: bytes) -> None:
    entry.mkdir()


def _fifo(entry: Path, raw: bytes, valid: bytes) -> None:
    os.mkfifo(entry)


def _link_to(target: str) -> Callable[[Path, bytes, bytes], None]:
    def poison(entry: Path, raw: bytes, valid: bytes) -> None:
        entry.symlink_to(target)

    return poison


def _link_to_a_good_copy(entry: Path, raw: bytes, valid: bytes) -> None:
    copy = entry.with_name("copy-of-a-good-entry")
    copy.write_bytes(_with_header(raw, _tampered_payload(valid)))
    entry.symlink_to(copy)


def _huge(entry: Path, raw: bytes, valid: bytes) -> None:
    with entry.open("wb") as handle:
        handle.truncate(cache.MAX_ENTRY_BYTES + 1)  # sparse: no disk, nothing to read


def _unreadable(entry: Path, raw: bytes, valid: bytes) -> None:
    entry.write_bytes(b"{not json")
    entry.chmod(0)


def _someone_elses(entry: Path, raw: bytes, valid: bytes) -> None:
    entry.write_bytes(_with_header(raw, _tampered_payload(valid)))  # right digest, wrong text
    os.chown(entry, 65534, 65534)


POISONS: dict[str, Callable[[Path, bytes, bytes], None]] = {
    "empty": _write_bytes(lambda raw, valid: b""),
    "truncated": _write_bytes(lambda raw, valid: valid[: len(valid) // 2]),
    "cut after the header": _write_bytes(lambda raw, valid: valid.partition(b"\n")[0]),
    "garbage": _write_bytes(lambda raw, valid: bytes(range(256)) * 4),
    "not data, right digest": _write_bytes(lambda raw, valid: _with_header(raw, b'{"a": "\xe4"}')),
    "cut-off data, right digest": _write_bytes(
        lambda raw, valid: _with_header(raw, _with_texts({"a": "b"})[:-3])
    ),
    "the old format (no header)": _write_bytes(lambda raw, valid: valid.partition(b"\n")[2]),
    "tampered text, digest not updated": _write_bytes(
        lambda raw, valid: valid.partition(b"\n")[0] + b"\n" + _tampered_payload(valid)
    ),
    "valid data of the wrong shape": _write_bytes(
        lambda raw, valid: _with_header(raw, _with_texts([1, 2]))
    ),
    "a mapping without methods": _write_bytes(
        lambda raw, valid: _with_header(raw, _with_texts({"scoring": {}}))
    ),
    "wrong types": _write_bytes(lambda raw, valid: _with_header(raw, _wrong_types(valid))),
    "a name that is not bilingual": _write_bytes(
        lambda raw, valid: _with_header(raw, _name_not_bilingual(valid))
    ),
    "a scale of zero": _write_bytes(lambda raw, valid: _with_header(raw, _scale_of_zero(valid))),
    "nested 100,000 deep": _write_bytes(
        lambda raw, valid: _with_header(raw, _NESTED_LISTS + b"\n")
    ),
    "another dataset's entry": _other_datasets_entry,
    "a directory": _directory,
    "a FIFO": _fifo,
    "a link to /dev/zero": _link_to("/dev/zero"),
    "a link to a missing file": _link_to("/nonexistent-osallisuus"),
    "a link to a right-looking copy": _link_to_a_good_copy,
    "a huge file": _huge,
    "unreadable": _unreadable,
    "someone else's": _someone_elses,
}


COULD_HANG = ("a FIFO", "a link to /dev/zero", "a huge file")


@pytest.mark.parametrize("name", list(POISONS))
def test_a_poisoned_cache_entry_is_ignored_and_replaced(
    tmp_path: Path, cache_dir: Path, name: str
) -> None:
    if name == "someone else's" and not IS_ROOT:
        pytest.skip("only root can give a file to another user")
    dataset = tmp_path / "mine.yaml"
    dataset.write_text(BUNDLED_TEXT, encoding="utf-8")
    raw = dataset.read_bytes()
    assert run_main("--data", str(dataset), "list", "--json").code == 0  # a good entry
    entry = _entry(raw)
    valid = entry.read_bytes()
    entry.unlink()
    POISONS[name](entry, raw, valid)
    args = ("--data", str(dataset), "show", "bikva", "--json")
    if name in COULD_HANG:  # in a real process with a time limit, so a hang fails, not stalls
        proc = subprocess.run(
            [*command(), *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=process_env({"OSALLISUUS_CACHE_DIR": str(cache_dir)}),
            timeout=30,
        )
        code, stdout, stderr = proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    else:
        outcome = run_main(*args)
        code, stdout, stderr = outcome.code, outcome.stdout, outcome.stderr
    assert (code, stderr) == (0, "")
    assert _bikva_goal(stdout) == REAL_GOAL
    if name == "a directory":
        assert entry.is_dir()  # cannot be replaced; the run only went the slow way
        return
    assert not entry.is_symlink() and entry.read_bytes() == valid  # replaced by a good one
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert entry.stat().st_uid == os.geteuid()


def test_a_cache_entry_is_used_only_as_written(tmp_path: Path, cache_dir: Path) -> None:
    """The other side of the poison tests: a good entry is a hit (no YAML parsed)."""
    dataset = tmp_path / "mine.yaml"
    dataset.write_text(BUNDLED_TEXT, encoding="utf-8")
    raw = dataset.read_bytes()
    assert cache.read(cache.plain_key(raw)) is None
    assert run_main("--data", str(dataset), "list", "--json").code == 0
    cached = cache.read(cache.plain_key(raw))
    assert cached is not None and cached["methods"][0]["id"] == "bikva"


def test_cache_files_are_private(tmp_path: Path, cache_dir: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        assert run_main("list", "--json").code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    [entry] = cache_dir.iterdir()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_failed_cache_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    code, stderr = _bash_limited(
        f"exec {_quoted_command()} list --json > /dev/null",
        tmp_path,
        env={"OSALLISUUS_CACHE_DIR": str(folder)},
    )
    assert (code, stderr) == (0, "")  # the command does not depend on its cache
    assert _only_files(folder) == []  # the entry (60 KB) did not fit, and nothing is left


def test_the_cache_keeps_a_few_entries_least_recently_used_first(cache_dir: Path) -> None:
    data: dict[str, object] = {"a": "cached"}
    raws = [f"dataset {number}\n".encode() for number in range(cache.MAX_ENTRIES + 4)]
    keys = [cache.plain_key(raw) for raw in raws]
    start = time.time() - 1000
    for age, (raw, key) in enumerate(zip(raws[: cache.MAX_ENTRIES], keys, strict=False)):
        cache.write(key, data)
        os.utime(_entry(raw), (start + age, start + age))  # written one second apart
    assert cache.read(keys[0]) == data  # the oldest, used again now
    # Named as replace_file names its temporary files; see test_robust_files_26.py too.
    stale = cache_dir / f".dataset-left-by-a-killed-run.json.{'a' * 16}.tmp"
    fresh = cache_dir / f".dataset-being-written-by-another-run.json.{'b' * 16}.tmp"
    foreign = cache_dir / "notes.txt"
    for file in (stale, fresh, foreign):
        file.write_text("x", encoding="utf-8")
    long_ago = time.time() - 2 * files.STALE_AFTER
    os.utime(stale, (long_ago, long_ago))
    for key in keys[cache.MAX_ENTRIES :]:
        cache.write(key, data)
    kept = [raw for raw in raws if _entry(raw).exists()]
    assert kept == [raws[0], *raws[5:]]  # the four least recently used went
    assert not stale.exists() and fresh.exists() and foreign.exists()


# -- 8. names too long, folders without permission -------------------------------------------

TOO_LONG = "x" * 300


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--data", TOO_LONG, "list"], 1),
        (["validate", TOO_LONG], 1),
        (["recommend", "--answers", TOO_LONG], 2),
        (["export", "-o", TOO_LONG], 2),
        (["export", "-o", f"{TOO_LONG}/out.md"], 2),
    ],
    ids=["--data", "validate", "--answers", "-o", "-o in a folder"],
)
def test_a_name_too_long_is_one_sentence(args: list[str], code: int) -> None:
    message = assert_clean_error(run_main(*args), code)
    assert "too long" in message


@pytest.fixture()
def locked_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder without search permission, and one without write permission."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "data.yaml").write_text(BUNDLED_TEXT, encoding="utf-8")
    (locked / "answers.yaml").write_text("target_groups: children\n", encoding="utf-8")
    locked.chmod(0o600)  # read and write, but no search (x): nothing inside can be reached
    (tmp_path / "read-only").mkdir(mode=0o555)
    yield tmp_path
    locked.chmod(0o700)


def _without_root_powers() -> list[str]:
    """As root, a command prefix that drops the capabilities which let root ignore
    permissions (root stays root, and can still run the interpreter under /root)."""
    if not IS_ROOT:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root ignores permissions, and there is no setpriv to drop that power")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["--data", "locked/data.yaml", "list"], 1, "cannot be read (Permission denied)"),
        (["validate", "locked/data.yaml"], 1, "cannot be read (Permission denied)"),
        (["recommend", "--answers", "locked/answers.yaml"], 2, "Permission denied"),
        (["export", "-o", "locked/out.md"], 1, "Cannot write locked/out.md (Permission denied)"),
        (["export", "-o", "read-only/out.md"], 1, "no permission to write in its folder"),
    ],
    ids=["--data", "validate", "--answers", "-o", "-o in a read-only folder"],
)
def test_a_folder_without_permission_is_one_sentence(
    locked_folder: Path, args: list[str], code: int, needle: str
) -> None:
    proc = subprocess.run(
        [*_without_root_powers(), *command(), *args],
        cwd=locked_folder,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=process_env({"OSALLISUUS_CACHE_DIR": "off"}),
        timeout=30,
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code, stderr
    assert stderr.startswith("osallisuus: ") and stderr.count("\n") == 1, stderr
    assert needle in stderr
    assert "Traceback" not in stderr


# -- 9. no home folder ----------------------------------------------------------------------


def test_no_home_folder_turns_the_cache_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_such_user(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.chdir(tmp_path)  # where a relative cache would land
    for name in ("OSALLISUUS_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_such_user)
    with pytest.raises(RuntimeError):  # the condition of the issue
        Path.home()
    assert cache._folder() is None
    outcome = run_main("show", "bikva", "--json", env={"OSALLISUUS_CACHE_DIR": None})
    assert outcome.code == 0, outcome.describe()
    assert _bikva_goal(outcome.stdout) == REAL_GOAL
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not IS_ROOT, reason="only root can run as a user missing from /etc/passwd")
def test_no_home_folder_in_a_real_process() -> None:
    uid = 54321
    with pytest.raises(KeyError):
        pwd.getpwuid(uid)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("no setpriv to run as another user")
    as_stranger = [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--"]
    probe = subprocess.run(
        [*as_stranger, *command(), "--version"], capture_output=True, stdin=subprocess.DEVNULL
    )
    if probe.returncode != 0:
        pytest.skip("the installation is not readable by another user (e.g. a private venv)")
    proc = subprocess.run(
        [*as_stranger, *command(), "show", "bikva", "--json"],
        cwd="/",
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=process_env({"HOME": None, "XDG_CACHE_HOME": None, "OSALLISUUS_CACHE_DIR": None}),
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    assert _bikva_goal(proc.stdout.decode()) == REAL_GOAL


# -- the pieces, one by one -----------------------------------------------------------------


def test_replace_file_cleans_up_when_the_rename_fails(tmp_path: Path) -> None:
    target = tmp_path / "a-folder"
    target.mkdir()
    with pytest.raises(OSError) as caught:
        files.replace_file(target, b"data")
    assert caught.value.errno in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST)
    assert _only_files(tmp_path) == ["a-folder"]


def test_a_temporary_name_stays_within_the_name_limit(tmp_path: Path) -> None:
    target = tmp_path / ("ä" * 127)  # 254 bytes: the longest name most file systems allow
    files.replace_file(target, b"data")
    assert target.read_bytes() == b"data"
    outcome = run_main("export", "-o", str(target))
    assert outcome.code == 0, outcome.describe()
    assert target.read_text(encoding="utf-8").startswith("# Client-participation methods")
