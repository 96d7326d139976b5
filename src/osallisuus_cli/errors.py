"""The core's exceptions; only `edge.py` turns them into messages and exit codes.

An error carries its sentence in both interface languages (`Words`, built from
`i18n.py` where it is raised), because the core does not know which one the run
speaks; `edge.py` shows the run's. `str(error)` is the English one.
"""

from __future__ import annotations

from typing import Literal

from .records import Record


class Problem(Record):
    """One thing wrong in a dataset, located as precisely as we can.

    A record (records.py), as those of model.py: a frozen dataclass costs every run about
    0.6 ms to define, and the dataclasses module as much again to import.
    """

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


class Words(Record):
    """An error's sentence in Finnish and English."""

    fi: str
    en: str


class OsallisuusError(Exception):
    """Base of the errors the CLI reports as one sentence.

    Given plain text (the validator's and the YAML parser's findings, which are English),
    it says the same in both languages.
    """

    def __init__(self, message: Words | str) -> None:
        words = message if isinstance(message, Words) else Words(message, message)
        super().__init__(words.en)
        self.words = words

    def text(self, lang: Literal["fi", "en"]) -> str:
        """The sentence in the run's language."""
        return self.words.fi if lang == "fi" else self.words.en


class DataError(OsallisuusError):
    """The dataset cannot be used (exit 1)."""

    def __init__(self, message: Words | str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class UsageError(OsallisuusError):
    """The user asked for something we cannot do as asked (exit 2)."""

    def __init__(self, message: Words | str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = suggestions


class OutputError(OsallisuusError):
    """An output cannot be written: disk full, no permission, a closed stream (exit 1).

    A pipe whose reader went away (`| head`) is not one: that stays a BrokenPipeError,
    which ends quietly.
    """
