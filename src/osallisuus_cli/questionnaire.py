"""The interactive questionnaire: one question at a time, numbered choices, Enter skips.

It shows and reads through a `Screen` it is given (`render_text.QuestionnaireScreen`
in a terminal, a fake in tests); Ctrl-C (KeyboardInterrupt) and end of input
(EOFError) pass through to the CLI edge.
"""

from __future__ import annotations

import re
from typing import Protocol

from .errors import UsageError
from .i18n import t
from .lookup import resolve_value
from .model import Dataset, Lang, Question


class Screen(Protocol):
    def ask(self, number: int, total: int, question: Question, lang: Lang) -> None: ...
    def read(self, prompt: str) -> str: ...
    def problem(self, error: UsageError) -> None: ...
    def done(self) -> None: ...


def ask_all(dataset: Dataset, lang: Lang, screen: Screen) -> dict[str, list[str]]:
    """Ask every question; the canonical slugs chosen, by question key (skipped ones left out)."""
    chosen: dict[str, list[str]] = {}
    total = len(dataset.questions)
    for number, question in enumerate(dataset.questions, start=1):
        screen.ask(number, total, question, lang)
        while True:
            try:
                slugs = parse_choice(question, screen.read("> "), lang)
            except UsageError as exc:
                screen.problem(exc)
                continue
            break
        if slugs:
            chosen[question.key] = slugs
    screen.done()
    return chosen


def parse_choice(question: Question, line: str, lang: Lang = "en") -> list[str]:
    """Numbers or words, separated by commas (numbers also by spaces); empty means skip."""
    line = line.strip()
    if not line:
        return []
    if re.fullmatch(r"[\d\s,;]+", line):
        parts = [p for p in re.split(r"[\s,;]+", line) if p]
        slugs = []
        for part in parts:
            index = int(part)
            if not 1 <= index <= len(question.values):
                raise UsageError(t("bad_number", lang, top=len(question.values), given=part))
            slugs.append(question.values[index - 1].slug)
    else:
        slugs = [resolve_value(question, part) for part in re.split(r"[,;]", line) if part.strip()]
    unique = list(dict.fromkeys(slugs))
    if len(unique) > 1 and not question.multiple:
        raise UsageError(t("one_answer", lang))
    return unique
