"""Nothing lost through a chain, no stream that crashes it (issue 26): each failure the
adversarial review found, reproduced and now holding.

1. a file of an `extends` chain, the bundled dataset, an --answers file or stdout as
   the output; 2. a write-protected target, a named pipe; 3. closed standard streams;
4. the cache: details that cannot be built, keys of one kind passed off as another,
   origins; 5. `extends` read from the YAML; 6. validation gaps and absurd numbers;
7. the memo's links; 8. linear search (checked for what it finds; its speed is
   benchmarks/bench_adversarial.py's) and temporary files left by a killed run.
"""

from __future__ import annotations

import json
import os
import pwd
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from osallisuus_cli import cache, dataset, files, search, yamlsafe
from osallisuus_cli.errors import UsageError
from osallisuus_cli.textanalysis import Hit, Token, Word
from robust_helpers import (
    BUNDLED,
    BUNDLED_TEXT,
    assert_clean_error,
    assert_no_crash,
    command,
    mutate,
    process_env,
    run_main,
)

EXAMPLE = REPO / "examples" / "own-methods.yaml"
IS_ROOT = os.geteuid() == 0
EXTENSION_TEXT = EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("OSALLISUUS_CACHE_DIR", str(folder))
    return folder


def _chain(folder: Path) -> tuple[Path, Path]:
    """top.yaml extends base.yaml, which extends the bundled dataset."""
    base = folder / "base.yaml"
    base.write_text(EXTENSION_TEXT, encoding="utf-8")
    top = folder / "top.yaml"
    top.write_text("schema_version: 1\nextends: base.yaml\n", encoding="utf-8")
    return top, base


def _json(stdout: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(stdout)
    return document


# -- 1. never write over a file the run reads ---------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["recommend", "-t", "children"],
        ["plan", "-t", "children"],
    ],
    ids=["export", "recommend", "plan"],
)
@pytest.mark.parametrize("name", ["base.yaml", "hard.yaml", "link.yaml"])
def test_no_file_of_the_extends_chain_is_written_over(
    tmp_path: Path, cache_dir: Path, args: list[str], name: str
) -> None:
    top, base = _chain(tmp_path)
    os.link(base, tmp_path / "hard.yaml")
    (tmp_path / "link.yaml").symlink_to(base)
    for _ in range(2):  # the first run fills the cache, the second reads it
        outcome = run_main("--data", str(top), *args, "-o", str(tmp_path / name))
        message = assert_clean_error(outcome, 2)
        assert "a file this run reads" in message
        assert base.read_text(encoding="utf-8") == EXTENSION_TEXT
    assert run_main("--data", str(top), "list", "--json").code == 0


def test_the_bundled_dataset_is_never_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real bundled file refuses before anything is written ...
    with pytest.raises(UsageError) as caught:
        files.check_output(str(files.bundled_path()), EXAMPLE)
    assert "comes with the program" in caught.value.text("en")
    # ... and a stand-in proves a whole run does too, however the dataset is chosen.
    bundled = tmp_path / "site-packages" / "methods.yaml"
    bundled.parent.mkdir()
    bundled.write_text(BUNDLED_TEXT, encoding="utf-8")
    monkeypatch.setattr(files, "bundled_path", lambda: bundled)
    monkeypatch.setattr(dataset, "bundled_path", lambda: bundled)
    own = tmp_path / "own.yaml"
    own.write_text(BUNDLED_TEXT, encoding="utf-8")
    outcome = run_main("--data", str(own), "export", "-o", str(bundled))
    assert "comes with the program" in assert_clean_error(outcome, 2)
    assert bundled.read_text(encoding="utf-8") == BUNDLED_TEXT


def test_the_answers_file_is_never_written_over(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("target_groups: [children]\n", encoding="utf-8")
    outcome = run_main("recommend", "--answers", str(answers), "-o", str(answers))
    assert "a file this run reads" in assert_clean_error(outcome, 2)
    assert answers.read_text(encoding="utf-8") == "target_groups: [children]\n"


def _appending_to(path: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """`osallisuus ARGS >> path`."""
    with path.open("ab") as out:
        return subprocess.run(
            [*command(), *args],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=process_env(),
            timeout=60,
        )


@pytest.mark.parametrize("which", ["top", "base", "answers"])
def test_stdout_that_is_a_file_the_run_reads_is_refused(tmp_path: Path, which: str) -> None:
    top, base = _chain(tmp_path)
    answers = tmp_path / "answers.yaml"
    answers.write_text("target_groups: [children]\n", encoding="utf-8")
    target = {"top": top, "base": base, "answers": answers}[which]
    before = target.read_bytes()
    args = ["--data", str(top), "recommend", "--answers", str(answers), "--json"]
    proc = _appending_to(target, args, tmp_path)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert "Standard output is" in stderr and "a file this run reads" in stderr
    assert target.read_bytes() == before


# -- 2. the target as cp would treat it ------------------------------------------------------

_AS_NOBODY = """
import os, sys
# Everything a run may import, read while still root: the interpreter may live where
# nobody cannot read (a private pyenv under /root).
from osallisuus_cli import cli, present, render_export, render_memo, render_text
from osallisuus_cli import answers, dataset, search, validation, yamlsafe
import yaml, rich.console, rich.table
user = int(sys.argv[1])
os.setgroups([])
os.setgid(user)
os.setuid(user)
sys.argv = ["osallisuus", *sys.argv[2:]]
cli.main()
"""


def _as_ordinary_user(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI as a user without root's powers: as itself when it is not root, else as
    nobody (the interpreter started as root, which then gives its rights up)."""
    env = process_env({"OSALLISUUS_CACHE_DIR": "off", "HOME": str(cwd)})
    if not IS_ROOT:
        argv = [*command(), *args]
    else:
        try:
            nobody = pwd.getpwnam("nobody").pw_uid
        except KeyError:
            pytest.skip("running as root, and there is no user 'nobody' to run as")
        argv = [sys.executable, "-c", _AS_NOBODY, str(nobody), *args]
    return subprocess.run(
        argv, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, env=env, timeout=60
    )


@pytest.fixture()
def open_folder() -> Iterator[Path]:
    """A folder anyone may reach and write in (pytest's own are private to their user)."""
    with tempfile.TemporaryDirectory(prefix="osallisuus-26-", dir="/tmp") as name:
        folder = Path(name)
        folder.chmod(0o777)
        yield folder


def test_a_write_protected_file_is_refused_as_cp_would(open_folder: Path) -> None:
    tmp_path = open_folder  # only the file is protected, not its folder
    mine = tmp_path / "mine.md"
    mine.write_text("mine\n", encoding="utf-8")
    mine.chmod(0o444)
    free = tmp_path / "free.md"
    proc = _as_ordinary_user(["export", "-o", "free.md"], tmp_path)
    if IS_ROOT and proc.returncode != 0:
        pytest.skip(f"the CLI cannot run as nobody here: {proc.stderr.decode()[-300:]}")
    assert free.read_text(encoding="utf-8").startswith("# Client-participation methods")
    proc = _as_ordinary_user(["export", "-o", "mine.md"], tmp_path)
    stderr = proc.stderr.decode()
    assert proc.returncode == 1, stderr
    assert stderr == "osallisuus: Cannot write mine.md (permission denied).\n"
    assert mine.read_text(encoding="utf-8") == "mine\n"


def test_a_named_pipe_without_a_reader_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    proc = subprocess.run(
        [*command(), "export", "-o", str(fifo)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=process_env(),
        timeout=60,  # it used to wait for ever
    )
    stderr = proc.stderr.decode()
    assert proc.returncode == 1, stderr
    assert (
        stderr
        == f"osallisuus: No program is reading the named pipe {fifo}; start its reader first.\n"
    )


def test_a_named_pipe_with_a_reader_gets_it_all(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # there before the writer comes
    os.set_blocking(reader, True)
    received: list[bytes] = []

    def read() -> None:
        # Before a writer comes, a read would find the end at once: wait for its data.
        select.select([reader], [], [], 60)
        while chunk := os.read(reader, 1 << 16):
            received.append(chunk)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    try:
        outcome = run_main("export", "-f", "json", "-o", str(fifo))
    finally:
        thread.join(timeout=60)
        os.close(reader)
    assert outcome.code == 0, outcome.describe()
    assert _json(b"".join(received).decode())["methods"][0]["id"] == "bikva"


# -- 3. closed standard streams --------------------------------------------------------------

CLOSED_OUT = "osallisuus: Cannot write the output (standard output is closed).\n"


def _with_closed(fd: int, args: list[str], cwd: Path) -> tuple[int, str]:
    """`osallisuus ARGS` started with standard stream `fd` closed (`>&-`, `<&-`, `2>&-`);
    its stderr, or what it wrote to stdout when stderr is the one closed."""
    redirect = {0: "<&-", 1: ">&-", 2: "2>&-"}[fd]
    script = f'exec "$@" {redirect}'
    proc = subprocess.run(
        ["bash", "-c", script, "bash", *command(), *args],
        cwd=cwd,
        capture_output=True,
        env=process_env({"OSALLISUUS_CACHE_DIR": "off"}),
        timeout=60,
    )
    said = proc.stderr if fd != 2 else proc.stdout
    return proc.returncode, said.decode("utf-8", "replace")


# (args, exit code with stdout closed, with stdin closed); with stderr closed the code is
# the stdin-closed one. A file written (-o) needs no stdout; only asking needs stdin.
STREAM_CASES: dict[str, tuple[list[str], int, int]] = {
    "list": (["list"], 1, 0),
    "--version": (["--version"], 1, 0),
    "--help": (["--help"], 1, 0),
    "show": (["show", "bikva", "--json"], 1, 0),
    "recommend with answers": (["recommend", "-t", "children"], 1, 0),
    "recommend --json": (["recommend", "-t", "children", "--json"], 1, 0),
    "search": (["search", "lapset"], 1, 0),
    "validate": (["validate"], 1, 0),
    "plan": (["plan", "-t", "children", "--json"], 1, 0),
    "recommend without answers": (["recommend"], 2, 2),
    "export -o": (["export", "-o", "handout.md"], 0, 0),
    "recommend -o": (["recommend", "-t", "children", "-o", "memo.md"], 0, 0),
}


@pytest.mark.parametrize("case", list(STREAM_CASES))
def test_a_closed_stdout_is_exit_1_when_written_to(tmp_path: Path, case: str) -> None:
    args, code, _ = STREAM_CASES[case]
    returned, stderr = _with_closed(1, args, tmp_path)
    assert returned == code, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    if code == 1:
        assert stderr == CLOSED_OUT


@pytest.mark.parametrize("case", list(STREAM_CASES))
@pytest.mark.parametrize("fd", [0, 2], ids=["stdin", "stderr"])
def test_a_closed_stdin_or_stderr_matters_only_when_used(
    tmp_path: Path, case: str, fd: int
) -> None:
    args, _, code = STREAM_CASES[case]
    returned, said = _with_closed(fd, args, tmp_path)
    assert returned == code, said
    assert "Traceback" not in said


def test_answers_from_a_closed_stdin_are_one_sentence(tmp_path: Path) -> None:
    returned, stderr = _with_closed(0, ["recommend", "--answers", "-"], tmp_path)
    assert returned == 2
    assert stderr == "osallisuus: Answers file on standard input cannot be read (it is closed).\n"


def test_a_closed_stdout_in_finnish(tmp_path: Path) -> None:
    returned, stderr = _with_closed(1, ["--lang", "fi", "list"], tmp_path)
    assert (returned, stderr) == (
        1,
        "osallisuus: Tulostetta ei voi kirjoittaa (vakiotuloste on suljettu).\n",
    )


def test_no_file_the_run_opens_takes_a_closed_stdouts_number(tmp_path: Path) -> None:
    """With fd 1 closed, the dataset opened later would get number 1; what was meant for
    stdout must never land in it."""
    mine = tmp_path / "mine.yaml"
    mine.write_text(BUNDLED_TEXT, encoding="utf-8")
    returned, _ = _with_closed(1, ["--data", str(mine), "list"], tmp_path)
    assert returned == 1
    assert mine.read_text(encoding="utf-8") == BUNDLED_TEXT


# -- 4. the cache -------------------------------------------------------------------------------


def _only_entry(folder: Path) -> Path:
    [entry] = [p for p in folder.iterdir() if p.suffix == ".json"]
    return entry


def _entry_parts(blob: bytes) -> tuple[bytes, bytes, bytes]:
    """A cache entry's header, its data and the texts kept beside it, as cache.write lays
    them out: the header line, the data's length on a line, the data, the texts."""
    header, _, payload = blob.partition(b"\n")
    size, _, rest = payload.partition(b"\n")
    return header, rest[: int(size)], rest[int(size) + 1 :]


def _with_details(entry: Path, details: bytes) -> None:
    """The entry with its first method's details replaced and its header made right: what
    only a bug or a forger would write."""
    header, document, texts = _entry_parts(entry.read_bytes())
    lines = texts.split(b"\n")
    lines[0] = details
    payload = b"%d\n" % len(document) + document + b"\n" + b"\n".join(lines)
    key = header.split()[2].decode()
    entry.write_bytes(cache._header(key, payload) + b"\n" + payload)


@pytest.mark.parametrize("details", [b"not json", b"[]", b'{"knowledge": "a text"}'])
@pytest.mark.parametrize("args", [["show", "bikva"], ["export", "-f", "json"]])
def test_details_that_cannot_be_built_are_rebuilt_once(
    cache_dir: Path, details: bytes, args: list[str]
) -> None:
    first = run_main("show", "bikva", "--json")
    assert first.code == 0, first.describe()
    entry = _only_entry(cache_dir)
    good = entry.read_bytes()
    _with_details(entry, details)
    for _ in range(2):
        outcome = run_main(*args, "--json")
        assert outcome.code == 0, outcome.describe()
        assert_no_crash(outcome)
    assert entry.read_bytes() == good  # dropped and written anew
    assert run_main("show", "bikva", "--json").stdout == first.stdout


def test_an_extensions_entry_that_cannot_be_built_is_rebuilt(
    tmp_path: Path, cache_dir: Path
) -> None:
    top, _ = _chain(tmp_path)
    first = run_main("--data", str(top), "show", "palautekahvila", "--json")
    assert first.code == 0, first.describe()
    damaged = 0
    for entry in cache_dir.iterdir():
        if entry.suffix == ".json" and _entry_parts(entry.read_bytes())[2]:  # has details
            _with_details(entry, b"not json")
            damaged += 1
    assert damaged == 3  # the bundled dataset's, base.yaml's and top.yaml's
    for _ in range(2):
        outcome = run_main("--data", str(top), "export", "-f", "json")
        assert outcome.code == 0, outcome.describe()
    assert run_main("--data", str(top), "show", "palautekahvila", "--json").stdout == first.stdout


def test_keys_of_one_kind_never_pass_for_another(tmp_path: Path, cache_dir: Path) -> None:
    extension = tmp_path / "ext.yaml"
    extension.write_text(EXTENSION_TEXT, encoding="utf-8")
    assert run_main("--data", str(extension), "list", "--json").code == 0
    raw = extension.read_bytes()
    base_key = cache.plain_key(BUNDLED.read_bytes())
    # The old key of the extension's entry, as the bytes of a file: not a dataset at all.
    for forged_bytes in (
        raw + b"\0" + base_key.encode(),
        raw + b"\0" + cache.digest(base_key.encode()).encode(),
    ):
        forged = tmp_path / "forged.yaml"
        forged.write_bytes(forged_bytes)
        outcome = run_main("--data", str(forged), "list", "--json")
        assert outcome.code == 1, outcome.describe()
        assert outcome.stdout == ""
    keys = {
        cache.plain_key(raw),
        cache.extension_key(raw, base_key),
        cache.extends_key(raw),
        cache.plain_key(raw + b"\0" + base_key.encode()),
        cache.extension_key(raw[:-1], raw[-1:].decode() + base_key),
    }
    assert len(keys) == 5


def test_origin_is_the_path_given_not_the_one_first_cached(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top, _ = _chain(tmp_path)
    other = tmp_path / "elsewhere"
    other.mkdir()
    for name in ("top.yaml", "base.yaml"):
        shutil.copy(tmp_path / name, other / name)
    monkeypatch.chdir(tmp_path)

    def origin(data: str, method: str = "palautekahvila") -> str:
        outcome = run_main("--data", data, "show", method, "--json")
        assert outcome.code == 0, outcome.describe()
        return str(_json(outcome.stdout)["method"]["origin"])

    assert origin(str(top)) == str(tmp_path / "base.yaml")
    assert origin("top.yaml") == "base.yaml"
    assert origin("elsewhere/top.yaml") == "elsewhere/base.yaml"
    assert origin("elsewhere/base.yaml") == "elsewhere/base.yaml"
    assert origin("top.yaml", "bikva") == "bundled"


# -- 5. extends read from the YAML ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        b"schema_version: 1\r\nextends: base.yaml\r\n",
        b"\xef\xbb\xbfextends: base.yaml\nschema_version: 1\n",
        b'"extends": base.yaml\n',
        b"'extends': 'base.yaml'\n",
        b"{schema_version: 1, extends: base.yaml}\n",
        b"extends: >-\n  base.yaml\n",
        b"schema_version: 1\rextends: base.yaml\r",
    ],
    ids=["CRLF", "BOM", "double-quoted key", "single-quoted", "flow mapping", "folded", "CR"],
)
def test_extends_is_the_top_level_key_however_written(
    tmp_path: Path, cache_dir: Path, text: bytes
) -> None:
    (tmp_path / "base.yaml").write_text(EXTENSION_TEXT, encoding="utf-8")
    top = tmp_path / "top.yaml"
    top.write_bytes(text)
    for _ in range(2):  # parsed, then known from the cache
        outcome = run_main("--data", str(top), "list", "--json")
        assert outcome.code == 0, outcome.describe()
        assert len(_json(outcome.stdout)["methods"]) == 12


def test_a_path_is_a_path_quotes_and_hashes_included(tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "base").write_text("not: a dataset\n", encoding="utf-8")  # what d/base#1 was cut to
    (folder / "base#1.yaml").write_text(EXTENSION_TEXT, encoding="utf-8")
    (tmp_path / "it's.yaml").write_text(EXTENSION_TEXT, encoding="utf-8")
    for line in ('extends: "d/base#1.yaml"', "extends: d/base#1.yaml", 'extends: "it\'s.yaml"'):
        top = tmp_path / "top.yaml"
        top.write_text(f"{line}  # a comment\n", encoding="utf-8")
        outcome = run_main("--data", str(top), "list", "--json")
        assert outcome.code == 0, (line, outcome.describe())
        assert len(_json(outcome.stdout)["methods"]) == 12


def test_extends_inside_a_text_reads_no_other_file(tmp_path: Path, cache_dir: Path) -> None:
    text = mutate(
        BUNDLED_TEXT,
        "schema_version: 1\n",
        'schema_version: 1\nnote_for_editors: "a text over lines\n'
        'extends: missing.yaml\nends here"\n',
    )
    mine = tmp_path / "mine.yaml"
    mine.write_text(text, encoding="utf-8")
    outcome = run_main("--data", str(mine), "list", "--json")
    message = assert_clean_error(outcome, 1, one_line=False)
    assert "unknown field 'note_for_editors'" in message  # read as the plain dataset it is
    assert "missing.yaml" not in message


@pytest.mark.parametrize("value", ["", "''", "5", "[base.yaml]", "{a: 1}", "'  '"])
def test_an_extends_that_names_no_file_is_one_sentence(
    tmp_path: Path, cache_dir: Path, value: str
) -> None:
    top = tmp_path / "top.yaml"
    top.write_text(f"extends: {value}\n", encoding="utf-8")
    outcome = run_main("--data", str(top), "list")
    assert "'extends' needs 'bundled' or the path of a dataset" in assert_clean_error(outcome, 1)


def test_a_known_extension_is_not_parsed_again(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top, _ = _chain(tmp_path)
    assert run_main("--data", str(top), "list", "--json").code == 0

    def no_parsing(text: str) -> yamlsafe.Parsed:
        raise AssertionError("the YAML was parsed on a cache hit")

    monkeypatch.setattr(yamlsafe, "parse", no_parsing)
    assert run_main("--data", str(top), "list", "--json").code == 0


# -- 6. validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("removes", "needle"),
    [
        ("[[bikva]]", "removes.0: must be a method id, not a list"),
        ("[{a: 1}]", "removes.0: must be a method id, not a mapping"),
        ("[5]", "removes.0: must be a method id, not a number (5)"),
        ("bikva", "removes: must be a list of method ids"),
    ],
)
def test_malformed_removes_are_problems_not_crashes(
    tmp_path: Path, cache_dir: Path, removes: str, needle: str
) -> None:
    top = tmp_path / "top.yaml"
    top.write_text(f"extends: bundled\nremoves: {removes}\n", encoding="utf-8")
    for args in (["validate", str(top)], ["--data", str(top), "show", "bikva"]):
        outcome = run_main(*args)
        assert needle in assert_clean_error(outcome, 1, one_line=False)


def _scoring_with(max_weight: int) -> str:
    data = yaml.safe_load(BUNDLED_TEXT)
    scoring = {**data["scoring"], "max_weight": max_weight}
    return yaml.safe_dump({"extends": "bundled", "scoring": scoring}, allow_unicode=True)


def test_a_max_weight_below_the_bases_fits_is_refused(tmp_path: Path, cache_dir: Path) -> None:
    top = tmp_path / "top.yaml"
    top.write_text(_scoring_with(2), encoding="utf-8")
    outcome = run_main("validate", str(top))
    message = assert_clean_error(outcome, 1, one_line=False)
    assert "scoring.max_weight: is 2, below the fits of bundled it keeps" in message
    assert "use a max_weight of at least 5" in message
    assert run_main("--data", str(top), "show", "bikva").code == 1  # never "(5/2)"


def test_a_higher_max_weight_is_the_scale_of_the_extensions_own_fits(
    tmp_path: Path, cache_dir: Path
) -> None:
    own = yaml.safe_load(EXTENSION_TEXT)
    data = yaml.safe_load(_scoring_with(7))
    data["methods"] = [m for m in own["methods"] if not m.get("replaces")]
    data["sources"] = own.get("sources", {})
    method = data["methods"][0]
    question = next(iter(method["fits"]))
    value = next(iter(method["fits"][question]))
    method["fits"][question][value]["weight"] = 7
    top = tmp_path / "top.yaml"
    top.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    outcome = run_main("--data", str(top), "show", method["id"], "--json")
    assert outcome.code == 0, outcome.describe()


@pytest.mark.parametrize(
    "top", ["9" * 4301, "1" + "0" * 200, "²", "٣" * 101], ids=["4,301 digits", "201", "²", "101 ٣"]
)
def test_an_absurd_top_is_a_usage_error(top: str) -> None:
    outcome = run_main("recommend", "-t", "children", "--top", top)
    message = assert_clean_error(outcome, 2)
    assert "--top" in message and len(message) < 300


def test_a_top_of_any_real_count_still_works() -> None:
    outcome = run_main("recommend", "-t", "children", "--top", "٣", "--json")  # Arabic-Indic 3
    assert outcome.code == 0, outcome.describe()
    assert len(_json(outcome.stdout)["results"]) == 3


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        ("9" * 5000, "cannot read the value"),
        ("0x" + "f" * 5000, "is too large"),
        ("9" * 30, "is too large"),
    ],
    ids=["5,000 digits", "hexadecimal", "30 digits"],
)
def test_an_absurd_number_in_a_dataset_is_a_problem(
    tmp_path: Path, cache_dir: Path, value: str, needle: str
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(mutate(BUNDLED_TEXT, "max_weight: 5", f"max_weight: {value}"), encoding="utf-8")
    listed = assert_clean_error(run_main("validate", str(mine)), 1, one_line=False)
    assert needle in listed
    first = assert_clean_error(run_main("--data", str(mine), "list"), 1)
    assert needle in first and len(first) < 400


# -- 7. the memo's links ------------------------------------------------------------------------


def _memo_source_line(tmp_path: Path, url: str) -> str:
    """The Espoo 2010 source's line of a Markdown memo, its address set to `url`."""
    line = f"    label: Espoo 2010\n    url: {json.dumps(url)}\n"
    mine = tmp_path / "mine.yaml"
    mine.write_text(mutate(BUNDLED_TEXT, "    label: Espoo 2010\n", line), encoding="utf-8")
    memo = tmp_path / "memo.md"
    outcome = run_main("--data", str(mine), "recommend", "-t", "children", "-o", str(memo))
    assert outcome.code == 0, outcome.describe()
    lines = memo.read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith("- **Espoo 2010**"))


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JaVaScRiPt:x"]
)
def test_a_memo_links_only_web_addresses(tmp_path: Path, cache_dir: Path, url: str) -> None:
    espoo = _memo_source_line(tmp_path, url)
    assert re.search(r"(?<!\\)<", espoo) is None and "](" not in espoo  # no link, no tag
    assert espoo.endswith(url.replace("<", "\\<").replace(">", "\\>"))  # shown as text


def test_a_memo_keeps_web_addresses_as_links(tmp_path: Path, cache_dir: Path) -> None:
    assert _memo_source_line(tmp_path, "https://example.org/a?b=1").endswith(
        " <https://example.org/a?b=1>"
    )


# -- 8. linear search, temporary files left by a killed run -------------------------------------


def _word(pos: int) -> Word:
    return Word(Token("w", pos, pos + 1, pos), frozenset({"fi:w"}))


_HITS = st.lists(
    st.tuples(st.integers(0, 3), st.integers(0, 12), st.sampled_from([0.5, 0.8, 1.0])),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(_HITS, _HITS)
def test_phrases_are_found_by_place_as_by_pairing_every_hit(
    first: list[tuple[int, int, float]], second: list[tuple[int, int, float]]
) -> None:
    def hits(spec: list[tuple[int, int, float]]) -> list[Hit]:
        return [Hit(field // 2, field, _word(pos), "whole", s) for field, pos, s in spec]

    a, b = hits(first), hits(second)
    paired = [
        min(x, y, key=lambda h: h.strength)
        for x in a
        for y in b
        if x.field == y.field and 0 < y.word.token.pos - x.word.token.pos <= 2
    ]
    assert Counter(search._phrase(a, b)) == Counter(paired)


@pytest.mark.parametrize("query", ["lapset perheet", "network meeting", "asiakasraati palaute"])
def test_a_methods_snippet_from_its_own_hits_is_the_one_from_all(dataset: Any, query: str) -> None:
    index = search.method_index(dataset)
    scored = search.score_words(index, search.analyse(query))
    grouped = search.hits_by_method(scored)
    assert grouped
    for number, own in grouped.items():
        assert search.best_field(index, scored, number, "fi", own) == (
            _best_field_from_every_hit(index, scored, number)
        )


def _best_field_from_every_hit(index: Any, scored: Any, method: int) -> Any:
    """best_field as it was: a pass over every hit of every method, keeping this one's."""
    own = [(i, hit) for i, hits in enumerate(scored.hits) for hit in hits if hit.doc == method]
    return search.best_field(index, scored, method, "fi", own)


def _temporary_of(target: Path) -> Path:
    """A name as replace_file gives its temporary files."""
    return target.with_name(f".{target.name}.{os.urandom(8).hex()}.tmp")


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_temporary_files_a_killed_run_left_are_removed_on_the_next_write(tmp_path: Path) -> None:
    out = tmp_path / "handout.md"
    stale = _temporary_of(out)
    stale.write_text("half a handout", encoding="utf-8")
    _age(stale, 2 * files.STALE_AFTER)
    young = _temporary_of(tmp_path / "other.md")
    young.write_text("being written", encoding="utf-8")
    foreign = [tmp_path / ".notes.tmp", tmp_path / "x.0123456789abcdef.tmp", tmp_path / "keep.md"]
    for path in foreign:
        path.write_text("mine", encoding="utf-8")
        _age(path, 2 * files.STALE_AFTER)
    assert run_main("export", "-o", str(out)).code == 0
    assert not stale.exists()
    assert young.exists() and all(path.exists() for path in foreign)


def test_a_temporary_file_another_run_holds_stays(tmp_path: Path) -> None:
    """Killed with SIGKILL in the middle of a write, a run leaves its temporary file; while
    it lives, its lock keeps the file from the next write's cleaning."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from osallisuus_cli import files\n"
            "def stuck(fd, data):\n"
            "    print('writing', flush=True)\n"
            "    time.sleep(600)\n"
            "files._write_all = stuck\n"
            "files.replace_file(Path(sys.argv[1]), b'data')\n",
            str(tmp_path / "slow.md"),
        ],
        stdout=subprocess.PIPE,
        env=process_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"writing\n"
        [held] = list(tmp_path.glob(".slow.md.*.tmp"))
        _age(held, 2 * files.STALE_AFTER)
        assert run_main("export", "-o", str(tmp_path / "a.md")).code == 0
        assert held.exists()  # locked: a run is writing it
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert held.exists()  # what a killed run leaves
        assert run_main("export", "-o", str(tmp_path / "b.md")).code == 0
        assert not held.exists()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


@pytest.fixture()
def nested_yaml() -> Iterator[str]:
    rng = random.Random(26)

    def value(depth: int) -> Any:
        kind = rng.random()
        if depth > 3 or kind < 0.4:
            return rng.choice(["text", 5, True, None, "2024-01-01", "a\nb"])
        if kind < 0.7:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        return {f"k{i}": value(depth + 1) for i in range(rng.randrange(4))}

    yield yaml.safe_dump({"root": [value(0) for _ in range(40)]}, default_flow_style=None)


def test_the_line_of_every_value_is_the_composed_nodes(nested_yaml: str) -> None:
    """yamlsafe reads events, not a node graph: each value's line as the graph has it (a
    mapping entry's at its key), for the bundled dataset and a mix of flow and block."""
    for text in (BUNDLED_TEXT, nested_yaml):
        expected: dict[tuple[Any, ...], int] = {}

        def walk(
            node: Any, path: tuple[Any, ...], line: int, found: dict[tuple[Any, ...], int]
        ) -> None:
            found[path] = line
            if isinstance(node, yaml.MappingNode):
                for key, item in node.value:
                    walk(item, (*path, key.value), key.start_mark.line + 1, found)
            elif isinstance(node, yaml.SequenceNode):
                for i, item in enumerate(node.value):
                    walk(item, (*path, i), item.start_mark.line + 1, found)

        root = yaml.compose(text, Loader=yaml.SafeLoader)
        walk(root, (), root.start_mark.line + 1, expected)
        parsed = yamlsafe.parse(text)
        assert dict(parsed.lines) == expected
        assert parsed.data == yaml.safe_load(text)


def test_the_dataset_cap_holds_thousands_of_methods() -> None:
    # the bundled methods with the sources they cite; the sections a catalogue holds once
    # whatever its size (scoring, language, frameworks, questions, safeguards, plan) are
    # counted once, not once per method
    blocks = re.split(r"^(?=[a-z_]+:)", BUNDLED_TEXT, flags=re.MULTILINE)
    per_catalogue = ("sources:", "methods:")
    shared = sum(len(b.encode()) for b in blocks if b and not b.startswith(per_catalogue))
    per_method = (len(BUNDLED_TEXT.encode()) - shared) / 10
    assert (files.MAX_BYTES - shared) / per_method > 2_000
