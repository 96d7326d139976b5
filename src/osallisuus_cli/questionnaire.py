"""The interactive questionnaire: one question at a time, numbered choices, Enter skips.

Reads lines through a function it is given, so tests can drive it; Ctrl-C
(KeyboardInterrupt) and end of input (EOFError) pass through to the CLI edge.
"""

from __future__ import annotations

import os
import re
import select
import sys
from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from .errors import UsageError
from .i18n import safe, t
from .model import Dataset, Lang, Question

ReadLine = Callable[[str], str]


def ask_all(dataset: Dataset, lang: Lang, console: Console, read: ReadLine) -> dict[str, list[str]]:
    """Ask every question; the canonical slugs chosen, by question key (skipped ones left out)."""
    chosen: dict[str, list[str]] = {}
    total = len(dataset.questions)
    for number, question in enumerate(dataset.questions, start=1):
        console.print()
        console.print(Text(f"{number}/{total}  {safe(question.prompt.get(lang))}", style="bold"))
        for index, value in enumerate(question.values, start=1):
            other = value.label.fi if lang == "en" else value.label.en
            console.print(
                Text.assemble(
                    (f"  {index:>2}) ", "cyan"),
                    safe(value.label.get(lang)),
                    (f"  ({safe(other)})" if other != value.label.get(lang) else "", "dim"),
                )
            )
        hint = "skip_hint" if question.multiple else "skip_hint_single"
        console.print(Text(t(hint, lang), style="dim"))
        while True:
            line = read("> ")
            try:
                slugs = parse_choice(question, line, lang)
            except UsageError as exc:
                console.print(Text(str(exc), style="yellow"))
                continue
            break
        if slugs:
            chosen[question.key] = slugs
    console.print()
    return chosen


def terminal_reader(console: Console) -> ReadLine:
    """A line reader for a real terminal that one Ctrl-C always ends.

    A plain input() can miss a Ctrl-C that lands just before it blocks in read():
    the signal is noted, but read() waits on. Polling with select() returns to
    Python often enough for the pending KeyboardInterrupt to be raised.
    """

    def read(prompt: str) -> str:
        console.print(prompt, end="")
        fd = sys.stdin.fileno()
        while not select.select([fd], [], [], 0.1)[0]:
            pass
        # Unbuffered: a terminal in line mode hands over one line per read.
        data = os.read(fd, 65536)
        if not data:
            raise EOFError
        return data.decode(sys.stdin.encoding or "utf-8", "replace").rstrip("\r\n")

    return read


def parse_choice(question: Question, line: str, lang: Lang = "en") -> list[str]:
    """Numbers or words, separated by commas (numbers also by spaces); empty means skip."""
    from .vocabulary import resolve_value

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
