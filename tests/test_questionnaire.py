"""The interactive questionnaire: parsing a line, and a whole run in a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

from osallisuus_cli.errors import UsageError
from osallisuus_cli.model import Dataset
from osallisuus_cli.questionnaire import parse_choice


def test_numbers_words_and_skips(dataset: Dataset) -> None:
    groups = dataset.question("target_groups")
    assert parse_choice(groups, "") == []
    assert parse_choice(groups, "1, 3") == ["children", "families"]
    assert parse_choice(groups, "1 3") == ["children", "families"]
    assert parse_choice(groups, "lapsille, omaishoitajat") == ["children", "caregivers"]
    assert parse_choice(groups, "3,3") == ["families"]


def test_bad_choices_raise_usage_errors_in_both_languages(dataset: Dataset) -> None:
    level = dataset.question("level")
    with pytest.raises(UsageError, match="1 to 3"):
        parse_choice(level, "9")
    with pytest.raises(UsageError) as caught:
        parse_choice(level, "1, 2")
    assert "yksi vastaus" in caught.value.text("fi")
    with pytest.raises(UsageError) as caught:
        parse_choice(level, "dogs")
    assert "--level" not in caught.value.text("en")  # the questionnaire names no options


class Terminal:
    """A child process on a pseudo-terminal, fed line by line."""

    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "COLUMNS": "100", "LINES": "50", "TERM": "xterm", "NO_COLOR": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "osallisuus_cli", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
        )
        os.close(slave)
        self.output = b""

    def read_until(self, marker: bytes, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.output:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"timed out waiting for {marker!r}: {self.output[-500:]!r}"
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.output += chunk

    def answer(self, line: str) -> None:
        count = self.output.count(b"> ")
        os.write(self.master, line.encode("utf-8") + b"\r")
        deadline = time.monotonic() + 20
        while self.output.count(b"> ") <= count and self.proc.poll() is None:
            assert time.monotonic() < deadline, self.output[-500:]
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.output += os.read(self.master, 4096)
                except OSError:
                    break

    def finish(self) -> int:
        """Read everything the process still writes, then its exit code."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if not ready:
                if self.proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            self.output += chunk
        code = self.proc.wait(timeout=20)
        os.close(self.master)
        return code


def test_a_whole_questionnaire_in_a_terminal() -> None:
    term = Terminal("--lang", "en", "recommend", "--top", "2")
    term.read_until(b"Who takes part?")
    for line in ["1", "", "individual", "lastensuojelu", "", "", "2 -1"]:
        term.answer(line)
    code = term.finish()
    text = term.output.decode("utf-8", "replace")
    assert code == 0, text[-2000:]
    assert "7/7" in text
    assert "laheisneuvonpito" in text
    assert "Traceback" not in text
    assert (
        "osallisuus --lang en recommend --target-group children --level individual "
        "--setting child-welfare --have coordinator --lack facilitator"
        in text.replace("\r\n", " ").replace("  ", " ")
    )


def test_a_wrong_answer_is_asked_again() -> None:
    term = Terminal("--lang", "fi", "recommend", "--top", "1")
    term.read_until(b"Ketk")
    term.answer("koirat")
    assert "koirat" in term.output.decode("utf-8", "replace")
    for line in ["lapset", "", "", "", "", "", ""]:
        term.answer(line)
    code = term.finish()
    assert code == 0
    assert "lasten-osallisuus" in term.output.decode("utf-8", "replace")
