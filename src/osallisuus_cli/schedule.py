"""Dates for a plan: a deadline the description gives, read as a date, and the days to it
split between the steps of the work.

The reader keeps a deadline as the planner wrote it ("15 April", "huhtikuun lopussa",
"kolmen viikon sisällä", "end of November"). With today's date, `due` reads it as a date,
by the words of the dataset's `language.timing`:

- a day and a month ("15 April", "April 15", "15.4.", "15. huhtikuuta"): that day;
- a month alone: its last day; its 10th after a word of its start ("alussa", "early"),
  its 15th after a word of its middle ("puolivälissä", "mid");
- a count of weeks or months ("in six weeks", "kolmen viikon sisällä", "within a
  month"): so long from today (a month is 30 days);
- the end of the year: 31 December.

A day already past this year is next year's. `split` shares the days from today to the
deadline evenly between the steps, each ending by its date: a first draft for the
planner to move (the editors' judgement), not a rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from .model import Lang, Terms, TimingWords
from .textanalysis import fold

# patterns as strings, compiled by `re` on first use (tests/test_structure.py)
_DAY_MONTH = r"\b(\d{1,2})\.\s?(\d{1,2})\b(?:\.(\d{4}|\d{2})?)?"
_WORDS = r"\w+"
_START_DAY = 10
_MIDDLE_DAY = 15
_WEEK = 7
_MONTH = 30
# counts as a deadline says them ("six weeks", "kolmen viikon sisällä"), folded; the
# reader's own number words are not imported here, so a plan without a description
# does not load the reader
_COUNTS = {
    "a": 1, "one": 1, "two": 2, "couple": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "yksi": 1, "yhden": 1, "kaksi": 2, "kahden": 2, "parin": 2, "kolme": 3, "kolmen": 3,
    "nelja": 4, "neljan": 4, "viisi": 5, "viiden": 5, "kuusi": 6, "kuuden": 6,
    "seitseman": 7, "kahdeksan": 8, "yhdeksan": 9, "kymmenen": 10,
}  # fmt: skip


def due(words: TimingWords, deadline: str, today: date) -> date | None:
    """The date a deadline as written says, from today; None when it names none."""
    text = fold(deadline)
    tokens = re.findall(_WORDS, text)
    numeric = re.search(_DAY_MONTH, deadline)
    if numeric is not None:
        day, month, year = numeric.groups()
        return _on(today, int(month), int(day), _year(year))
    month = _month(words, tokens)
    if month is not None:
        days = [int(t) for t in tokens if t.isdigit() and 1 <= int(t) <= 31]
        if days:
            return _on(today, month, days[0])
        if _begins(words.month_start, tokens):
            return _on(today, month, _START_DAY)
        if _begins(words.month_middle, tokens):
            return _on(today, month, _MIDDLE_DAY)
        return _on(today, month, 0)
    count = next((n for t in tokens if (n := _count(t)) is not None), 1)
    if _begins(words.week_units, tokens):
        return today + timedelta(days=_WEEK * count)
    if _begins(words.month_units, tokens):
        return today + timedelta(days=_MONTH * count)
    if any(fold(phrase) in text for phrase in words.year_end.all()):
        return date(today.year, 12, 31)
    return None


def split(today: date, deadline: date, steps: int) -> tuple[date, ...]:
    """Each step's end, the days from today to the deadline shared evenly."""
    days = (deadline - today).days
    if steps < 1 or days < steps:
        return ()
    return tuple(today + timedelta(days=round(days * (n + 1) / steps)) for n in range(steps))


def shown(words: TimingWords, day: date, lang: Lang) -> str:
    """A date as people write it: "15.4.2027", "15 April 2027"."""
    months = words.months.en
    if lang == "fi" or len(months) != 12:
        return f"{day.day}.{day.month}.{day.year}"
    return f"{day.day} {months[day.month - 1].capitalize()} {day.year}"


def _month(words: TimingWords, tokens: Sequence[str]) -> int | None:
    for names in ([fold(n) for n in words.months.fi], [fold(n) for n in words.months.en]):
        for token in tokens:
            found = next((n for n, name in enumerate(names) if token.startswith(name)), None)
            if found is not None:
                return found + 1
    return None


def _begins(terms: Terms, tokens: Sequence[str]) -> bool:
    starts = [fold(w) for w in terms.all()]
    return any(token.startswith(start) for token in tokens for start in starts)


def _count(token: str) -> int | None:
    if token.isdigit():
        return int(token) if len(token) <= 3 else None
    return _COUNTS.get(token)


def _last_day(year: int, month: int) -> int:
    """The number of days in a month (not `calendar`, whose import costs every run 0.8 ms)."""
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return (first_of_next - timedelta(days=1)).day


def _year(written: str | None) -> int | None:
    if written is None:
        return None
    year = int(written)
    return year + 2000 if year < 100 else year


def _on(today: date, month: int, day: int, year: int | None = None) -> date | None:
    """The date of a day of a month (0: its last day), this year or, if past, the next."""
    if not 1 <= month <= 12:
        return None
    for candidate in (year,) if year is not None else (today.year, today.year + 1):
        last = _last_day(candidate, month)
        if day > last:
            return None
        found = date(candidate, month, day or last)
        if year is not None or found >= today:
            return found
    return None
