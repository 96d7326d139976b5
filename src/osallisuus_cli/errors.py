"""The core's exceptions; only `edge.py` turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a dataset, located as precisely as we can."""

    file: str
    line: int | None
    method: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line is not None else "")
        parts = [where]
        if self.method:
            parts.append(f"method {self.method}")
        if self.field:
            parts.append(f"field {self.field}")
        return f"{', '.join(parts)}: {self.message}"


class OsallisuusError(Exception):
    """Base of the errors the CLI reports as one sentence."""


class DataError(OsallisuusError):
    """The dataset cannot be used (exit 1)."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class UsageError(OsallisuusError):
    """The user asked for something we cannot do as asked (exit 2)."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = suggestions


class OutputError(OsallisuusError):
    """An output cannot be written: disk full, no permission, a closed stream (exit 1).

    A pipe whose reader went away (`| head`) is not one: that stays a BrokenPipeError,
    which ends quietly.
    """
