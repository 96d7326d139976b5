"""The input of `recommend --batch` and `plan --batch`: JSON Lines of answers (issue 25).

A batch is many situations in one process: one answers object a line, with the keys
of the JSON `answers` (as an answers file: `describe` too, or a whole saved
`recommend --json` document). `core.batch` loads the dataset once and runs each line
as the single command would run `--answers` with that line; this module reads the
lines, one at a time and never more than a line ahead, so memory stays flat however
many lines come, and gives each line's answers or the error the line has.

Lines are numbered as a text editor numbers them; a blank line is no situation and
gets no record, but keeps its number.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from .answers import answers_mapping
from .errors import OsallisuusError, UsageError
from .files import MAX_ANSWERS_BYTES, STDIN_NAMES, reason
from .i18n import both, t
from .model import Bilingual, PlanResult, RecommendResult
from .records import Record

MAX_LINE = MAX_ANSWERS_BYTES  # one line holds what one answers file may
_CHUNK = 1 << 16  # how much of an over-long line is read at a time, to skip it
_STDIN = Bilingual(t("stdin_name", "fi"), t("stdin_name", "en"))


class Line(Record):
    """One line of the input as read: its number, and its bytes (None when it was longer
    than MAX_LINE, and skipped)."""

    number: int
    raw: bytes | None


class LineResult(Record):
    """What one line gave: the command's result, or the error that stopped that line."""

    line: int
    outcome: RecommendResult | PlanResult | OsallisuusError


class BatchInput:
    """The lines of a file, or of standard input (-), read one at a time."""

    def __init__(self, source: str) -> None:
        if not source.strip():
            raise UsageError(both("batch_no_name"))
        self.name = Bilingual(source, source)
        if source in STDIN_NAMES:
            if sys.stdin is None:  # started with standard input closed
                closed = Bilingual(*both("stdin_closed"))
                raise UsageError(both("answers_unreadable", name=_STDIN, reason=closed))
            self.name, self.stream, self.owned = _STDIN, sys.stdin.buffer, False
            return
        try:
            # Not only regular files: a pipe (`--batch <(make-lines)`) is what streams.
            self.stream, self.owned = open(source, "rb"), True  # noqa: SIM115 - see close()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise UsageError(both("answers_missing", name=source)) from None
        except OSError as exc:
            raise UsageError(both("answers_unreadable", name=source, reason=reason(exc))) from None

    def __iter__(self) -> Iterator[Line]:
        number = 0
        while True:
            raw = self._read(MAX_LINE + 1)
            if not raw:
                return
            number += 1
            if len(raw) <= MAX_LINE or raw.endswith(b"\n"):
                yield Line(number, raw)
                continue
            while raw and not raw.endswith(b"\n"):  # the rest of the long line, unkept
                raw = self._read(_CHUNK)
            yield Line(number, None)

    def _read(self, limit: int) -> bytes:
        try:
            return self.stream.readline(limit)
        except OSError as exc:
            raise UsageError(
                both("answers_unreadable", name=self.name, reason=reason(exc))
            ) from None

    def close(self) -> None:
        """Close the file it opened (standard input stays open)."""
        if self.owned:
            self.stream.close()

    def where(self, number: int) -> Bilingual:
        """A line named as messages name an answers file: "FILE, line N"."""
        return Bilingual(*both("batch_line", name=self.name, line=number))


def line_answers(batch: BatchInput, line: Line) -> Mapping[str, Any] | None:
    """The answers a line holds, as an answers file's (None for a blank line); UsageError
    when the line cannot be used."""
    if line.raw is None:
        where = batch.where(line.number)
        raise UsageError(both("batch_line_too_long", name=where, limit=MAX_LINE // 2**20))
    try:
        text = line.raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = f"{line.raw[exc.start]:#04x}"
        raise UsageError(
            both("answers_not_utf8", name=batch.name, line=line.number, byte=byte)
        ) from None
    if line.number == 1:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except RecursionError:
        raise UsageError(both("answers_too_deep", name=batch.where(line.number))) from None
    except ValueError as exc:
        problem = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        column = exc.colno if isinstance(exc, json.JSONDecodeError) else 1
        where = batch.where(line.number)
        raise UsageError(
            both("batch_not_json", name=where, column=column, problem=problem)
        ) from None
    return answers_mapping(data, batch.where(line.number))
