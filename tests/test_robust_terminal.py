"""How a run ends: the questionnaire in a real terminal, no terminal, interrupts, the last resort.

The questionnaire runs in a pseudo-terminal (stdlib `pty`) that is the child's
controlling terminal, so Ctrl-C and Ctrl-D typed there act as they would for a user.
The last resort (an unexpected exception: one sentence, exit 70; the traceback only
with OSALLISUUS_DEBUG=1) is checked by making core functions raise.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Callable

import pytest

from osallisuus_cli import catalogue, core, render_export, scoring, search
from robust_helpers import (
    CRASH_SIGNS,
    assert_clean_error,
    command,
    process_env,
    run_main,
)

CTRL_C = b"\x03"
CTRL_D = b"\x04"


def _controlling_terminal() -> None:
    """In the child: a session of its own, with the pty (its stdin) as controlling terminal."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    # A shell's background job ignores Ctrl-C and its children inherit that; a planner's
    # terminal does not, so the child gets the default back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Terminal:
    """The CLI on a pseudo-terminal; everything it writes is collected in `output`."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [*command(), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=process_env({"COLUMNS": "100", "LINES": "40", "TERM": "xterm", **(env or {})}),
            close_fds=True,
            preexec_fn=_controlling_terminal,
        )
        os.close(slave)
        self.output = b""

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # the child has closed the terminal
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, marker: bytes, times: int = 1, timeout: float = 15) -> None:
        """Until `marker` has appeared `times` times in the output."""
        deadline = time.monotonic() + timeout
        while self.output.count(marker) < times:
            assert time.monotonic() < deadline, f"no {marker!r} in {self.output[-600:]!r}"
            if not self._read(0.1):
                break
        assert self.output.count(marker) >= times, self.output[-600:]

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 15) -> int:
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and self._read(0.1):
                if self.proc.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                    break
            return self.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            os.close(self.master)

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


PROMPT = b"> "

# name -> (arguments, what is typed after the first prompt (each after a prompt), the exit
#          code, what the last lines must say)
ENDINGS: dict[str, tuple[tuple[str, ...], list[bytes], int, str]] = {
    "Ctrl-C at the first question": (("recommend",), [CTRL_C], 130, "interrupted"),
    "Ctrl-C after an answer": (("recommend",), [b"1\r", CTRL_C], 130, "interrupted"),
    "Ctrl-C in JSON mode": (("recommend", "--json"), [CTRL_C], 130, "interrupted"),
    "Ctrl-C in Finnish": (("--lang", "fi", "recommend"), [CTRL_C], 130, "keskeytetty"),
    "Ctrl-D at the first question": (("recommend",), [CTRL_D], 1, "input ended"),
    "Ctrl-D after an answer": (("recommend",), [b"lapset\r", b"\r", CTRL_D], 1, "input ended"),
    "Ctrl-D in JSON mode": (("recommend", "--json"), [CTRL_D], 1, "input ended"),
    "a wrong answer, then Ctrl-C": (
        ("recommend",),
        [b"dogs\r", CTRL_C],
        130,
        "interrupted",
    ),
}


@pytest.mark.parametrize("name", list(ENDINGS))
def test_questionnaire_endings(name: str) -> None:
    args, keys, expected, last_words = ENDINGS[name]
    term = Terminal(*args)
    prompts = 1
    for key in keys:
        term.wait_for(PROMPT, times=prompts)  # each key only once its question is asked
        term.type(key)
        prompts += key.endswith(b"\r")
    code = term.finish()
    text = term.text
    assert code == expected, text[-800:]
    for sign in CRASH_SIGNS:
        assert sign not in text, text[-1500:]
    tail = text.rstrip().splitlines()[-1]
    assert tail == f"osallisuus: {last_words}." or tail.startswith(f"osallisuus: {last_words}")
    assert "^C" not in tail  # the message starts on a line of its own
    if "after an answer" in name:
        assert "2/7" in text  # the answer was taken and the next question asked
    if "wrong answer" in name:
        assert "“dogs”" in text and "2/7" not in text  # reported, then asked again


def test_a_whole_questionnaire_still_completes() -> None:
    """The same harness can drive a run to its end (so the endings above are real)."""
    term = Terminal("--lang", "en", "recommend", "--top", "1")
    for number, line in enumerate([b"1", b"", b"", b"", b"", b"", b""], start=1):
        term.wait_for(PROMPT, times=number)
        term.type(line + b"\r")
    code = term.finish()
    assert code == 0, term.text[-800:]
    assert "lasten-osallisuus" in term.text
    assert "osallisuus --lang en recommend --target-group children" in term.text


# -- no terminal: a usage error at once, never a wait --------------------------------------

NO_TERMINAL = {
    "stdin from /dev/null": (subprocess.DEVNULL, subprocess.PIPE),
    "stdin an open pipe nobody writes to": (subprocess.PIPE, subprocess.PIPE),
}


@pytest.mark.parametrize("name", list(NO_TERMINAL))
@pytest.mark.parametrize("json", [False, True])
def test_no_answers_and_no_terminal_is_a_usage_error_at_once(name: str, json: bool) -> None:
    stdin, stdout = NO_TERMINAL[name]
    start = time.monotonic()
    proc = subprocess.Popen(
        [*command(), "recommend", *(["--json"] if json else [])],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=process_env(),
    )
    try:
        out, err = proc.communicate(timeout=10)  # stdin left open: it must not read it
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert time.monotonic() - start < 10  # it must not wait for input that never comes
    assert proc.returncode == 2
    assert out == b""
    message = err.decode("utf-8")
    assert message.startswith("osallisuus: ") and message.count("\n") == 1
    assert "-t children" in message and "--describe" in message  # the hint


def test_no_terminal_to_show_the_questions_on_does_not_ask() -> None:
    """stdin a terminal, but stdout and stderr both captured: nowhere to show the questions,
    so no questions (into a file) and no wait. With stderr on the terminal it asks there:
    test_conventions.py."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [*command(), "recommend"],
            stdin=slave,
            capture_output=True,
            env=process_env(),
            timeout=10,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert b"no terminal" in proc.stderr


# -- interrupts and the last resort, in-process ------------------------------------------------


def _raiser(error: BaseException) -> Callable[..., object]:
    def raise_it(*args: object, **kwargs: object) -> object:
        raise error

    return raise_it


# command -> (module, function the command calls, arguments)
CORE_CALLS: dict[str, tuple[object, str, tuple[str, ...]]] = {
    "loading the dataset": (core, "load_dataset", ("list",)),
    "list": (catalogue, "filter_methods", ("list", "--json")),
    "show": (core, "find_method", ("show", "bikva", "--json")),
    "compare": (catalogue, "pick_for_compare", ("compare", "bikva", "asiakasraati")),
    "search": (search, "search_methods", ("search", "perhe", "--json")),
    "recommend": (scoring, "rank", ("recommend", "-t", "children", "--json")),
    "export": (render_export, "export_html", ("export", "-f", "html")),
    "validate": (core, "check_file", ("validate",)),
}


@pytest.mark.parametrize("name", list(CORE_CALLS))
def test_an_unexpected_error_is_one_sentence_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    module, function, args = CORE_CALLS[name]
    monkeypatch.setattr(module, function, _raiser(RuntimeError("boom")))
    outcome = run_main(*args)
    message = assert_clean_error(outcome, 70)
    assert outcome.stdout == ""
    assert "RuntimeError" in message and "report" in message
    assert "OSALLISUUS_DEBUG=1" in message
    assert "boom" not in message  # internals stay out of the sentence


@pytest.mark.parametrize("name", ["loading the dataset", "show", "recommend"])
def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    module, function, args = CORE_CALLS[name]
    monkeypatch.setattr(module, function, _raiser(RuntimeError("boom")))
    with pytest.raises(RuntimeError, match="boom"):
        run_main(*args, env={"OSALLISUUS_DEBUG": "1"})


@pytest.mark.parametrize("name", ["loading the dataset", "search", "recommend", "export"])
def test_an_interrupt_anywhere_is_exit_130(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    module, function, args = CORE_CALLS[name]
    monkeypatch.setattr(module, function, _raiser(KeyboardInterrupt()))
    outcome = run_main(*args)
    message = assert_clean_error(outcome, 130)
    assert message == "osallisuus: interrupted."
    assert outcome.stdout == ""


DEBUG_PROBE = """
import sys
from osallisuus_cli import scoring
def boom(*args, **kwargs):
    raise RuntimeError("boom")
scoring.rank = boom
sys.argv = ["osallisuus", "recommend", "-t", "children"]
from osallisuus_cli.cli import main
main()
"""


@pytest.mark.parametrize("debug", [False, True])
def test_last_resort_in_a_real_process(debug: bool) -> None:
    env = process_env({"OSALLISUUS_DEBUG": "1" if debug else None})
    proc = subprocess.run(
        [sys.executable, "-c", DEBUG_PROBE],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=30,
    )
    stderr = proc.stderr.decode("utf-8")
    if debug:
        assert proc.returncode == 1  # Python's own exit for an uncaught exception
        assert "Traceback (most recent call last)" in stderr
        assert "RuntimeError: boom" in stderr
    else:
        assert proc.returncode == 70
        assert "Traceback" not in stderr
        assert stderr.startswith("osallisuus: internal error (RuntimeError)")
        assert stderr.count("\n") == 1


@pytest.mark.parametrize("value", ["0", "no", "false", "", "off"])
def test_debug_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    module, function, args = CORE_CALLS["recommend"]
    monkeypatch.setattr(module, function, _raiser(RuntimeError("boom")))
    outcome = run_main(*args, env={"OSALLISUUS_DEBUG": value})
    assert "RuntimeError" in assert_clean_error(outcome, 70)


@pytest.mark.parametrize("value", ["1", "true", "yes", "TRUE", " Yes "])
def test_debug_is_on_when_asked_for(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    module, function, args = CORE_CALLS["recommend"]
    monkeypatch.setattr(module, function, _raiser(RuntimeError("boom")))
    with pytest.raises(RuntimeError, match="boom"):
        run_main(*args, env={"OSALLISUUS_DEBUG": value})


# -- Ctrl-C while the program is still starting (issue 14, finding 10) ----------------------

# Ctrl-C lands while a module is being imported: before cli.main() and its handlers run.
STARTUP_PROBE = """
import sys
interrupted = sys.argv[1]
class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == interrupted:
            raise KeyboardInterrupt
        return None
sys.meta_path.insert(0, CtrlC())
sys.argv = ["osallisuus", "list", "--json"]
from osallisuus_cli.launch import main
main()
"""


@pytest.mark.parametrize("module", ["osallisuus_cli.cli", "typer", "osallisuus_cli.edge"])
def test_ctrl_c_during_start_up_is_a_quiet_130(module: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, module],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=process_env(),
        timeout=30,
    )
    assert proc.returncode == 130, proc.stderr
    assert proc.stdout == b""
    for sign in CRASH_SIGNS:
        assert sign.encode() not in proc.stderr, proc.stderr
