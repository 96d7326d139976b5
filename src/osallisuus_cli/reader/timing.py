"""Stage 6, timing: when a description says the work must be ready, who decides, and
whether it says the work must stay small ("two staff evenings max": `small`).

A time of `language.timing.when` ("toukokuu", "within a month"), or a count and a unit
("kolmen viikon", "six weeks"), is a deadline when a word right next to it says so
("by May", "toukokuuhun mennessä", `next_to`, kept with it), its clause says something
is due ("must", "pitää", "goes to") or its sentence names a body that decides, and no
word right before it says it is past ("last month", "viime kuussa"). The bodies that
decide are those of `deciders` that are not within an influence body's words ("the
youth council"). Words the text sets aside give neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set

from ..model import Dataset, Lang, Timing, Understood
from ..records import Record
from ..textanalysis import per_object_and_langs
from .lexicon import PhraseIndex, phrases_of
from .tokens import Text, found_outside, phrases_outside

_PAST_BEFORE = 2  # "viime kuussa", "last month", "two months ago" is read by "ago" after
_MOST = 3  # at most so many deadlines and deciders are named back
# before a time of day, after an amount: "klo 10.10", "2.5 h" are no dates
_CLOCK = ("klo", "kello", "at")
_AMOUNT = ("h", "t", "hours", "tuntia", "tunnin", "million", "milj", "km", "eur", "euros", "e")


class _Indexes(Record):
    """The phrases of each word list of `language.timing`, in the text's languages."""

    when: PhraseIndex
    due: PhraseIndex
    past: PhraseIndex
    deciders: PhraseIndex
    not_deciders: PhraseIndex
    counts: PhraseIndex
    next_to: PhraseIndex
    units: PhraseIndex
    ahead: PhraseIndex
    small: PhraseIndex
    month_start: PhraseIndex
    month_middle: PhraseIndex


@per_object_and_langs
def _indexes(dataset: Dataset, langs: tuple[Lang, ...]) -> _Indexes | None:
    rules = dataset.language.timing
    if rules is None:
        return None
    return _Indexes(
        *(PhraseIndex(phrases_of(getattr(rules, name), langs)) for name in _Indexes._fields)
    )


def read_timing(dataset: Dataset, text: Text, aside: Set[int]) -> Timing:
    """The deadlines and the bodies that decide a description names, as written."""
    indexes = _indexes(dataset, text.langs)
    if indexes is None:
        return Timing()
    due_in = {text.clause[at[0]] for at in found_outside(indexes.due, text, aside)}
    next_at = {p for at in found_outside(indexes.next_to, text, aside) for p in at}
    ahead_at = {p for at in found_outside(indexes.ahead, text, aside) for p in at}
    past_at = {p for at in found_outside(indexes.past, text, aside) for p in at}
    # "tammikuun puoliväliin", "mid-January", "early March": part of the time
    part_at = {
        p
        for index in (indexes.month_start, indexes.month_middle)
        for at in found_outside(index, text, aside)
        for p in at
    }
    heard_at = {p for at in found_outside(indexes.not_deciders, text, aside) for p in at}
    deciders = _longest(
        (at, name)
        for at, name in _named(dataset, indexes.deciders, text, aside)
        if heard_at.isdisjoint(at)
    )
    decided_in = {text.sentence[at[0]] for at, _ in deciders}
    counted = {at[-1]: at[0] for at in found_outside(indexes.counts, text, aside)}
    found = [(at, False) for at in found_outside(indexes.when, text, aside)]
    found += [(at, False) for at in _dates(text) if aside.isdisjoint(at)]
    found += [(at, True) for at in found_outside(indexes.units, text, aside)]
    spans: list[tuple[int, int]] = []
    for at, unit in found:
        first, last = at[0], at[-1]
        if first > 0 and text.tokens[first - 1].text.isdigit():
            first -= 1  # "1 June", "6 weeks"
        elif first - 1 in counted:
            first = counted[first - 1]  # "kolmen viikon sisällä", "within six weeks"
        elif unit:
            continue  # "weekly", "viikko": no count, no time
        if _past(text, first, past_at):
            continue
        near = next_at | ahead_at if unit else next_at  # "in six weeks", not "in May"
        before = first - 1 in near and text.clause[first - 1] == text.clause[first]
        after = last + 1 in near and text.clause[last + 1] == text.clause[last]
        if not (
            before or after or text.clause[first] in due_in or text.sentence[first] in decided_in
        ):
            continue
        first, last = first - before, last + (after and not before)
        while last + 1 in part_at and text.clause[last + 1] == text.clause[last]:
            last += 1
        if first - 1 in part_at and text.clause[first - 1] == text.clause[first]:
            first -= 1
        spans.append((first, last))
    # a time within another ("month" in "this month") is that one
    deadlines = [
        _words(text, first, last)
        for first, last in spans
        if not any(a <= first and last <= b and (a, b) != (first, last) for a, b in spans)
    ]
    small = (_words(text, at[0], at[-1]) for at in found_outside(indexes.small, text, aside))
    return Timing(_distinct(deadlines), _distinct(name for _, name in deciders), _distinct(small))


def _dates(text: Text) -> Iterator[list[int]]:
    """The dates written in numbers ("12.12.", "15.3", "30.4.2027"): a day and a month
    (and a year) parted by full stops, not a time ("klo 10.10") nor a decimal ("2.5 h")."""
    tokens = text.tokens
    for i in range(len(tokens) - 1):
        day, month = tokens[i].text, tokens[i + 1].text
        if not (day.isdigit() and month.isdigit() and len(day) <= 2 and len(month) <= 2):
            continue
        if text.text[tokens[i].end : tokens[i + 1].start] != ".":
            continue
        if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            continue
        if i and tokens[i - 1].folded in _CLOCK:
            continue
        last = i + 1
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        if after is not None and after.folded in _AMOUNT:
            continue
        between = text.text[tokens[last].end : after.start] if after is not None else ""
        if after is not None and len(after.text) == 4 and after.text.isdigit() and between == ".":
            last += 1  # "30.4.2027"
        yield list(range(i, last + 1))


def _named(
    dataset: Dataset, index: PhraseIndex, text: Text, aside: Set[int]
) -> Iterator[tuple[list[int], str]]:
    """Each decider the text names, not aside: its token positions and its term as the
    dataset writes it ("aluehallitus" for "aluehallituksessa")."""
    rules = dataset.language.timing
    assert rules is not None
    names = [term for lang in text.langs for term in rules.deciders.get(lang)]
    for ident, at in phrases_outside(index, text, aside):
        yield at, names[ident]


def _longest(found: Iterable[tuple[list[int], str]]) -> list[tuple[list[int], str]]:
    """The phrases found, a shorter one within a longer one dropped ("board" in "county
    board"), in the order of the text."""
    kept: list[tuple[list[int], str]] = []
    for at, name in sorted(found, key=lambda f: len(f[0]), reverse=True):
        if all(set(at).isdisjoint(other) for other, _ in kept):
            kept.append((at, name))
    return sorted(kept)


def _past(text: Text, first: int, past_at: Set[int]) -> bool:
    """Whether a word of `past` stands just before the time, in its clause, or right
    after it ("two months ago")."""
    before = range(max(0, first - _PAST_BEFORE), first)
    return any(p in past_at and text.clause[p] == text.clause[first] for p in (*before, first + 1))


def _words(text: Text, first: int, last: int) -> str:
    """The text as written from one token to another."""
    tokens = text.tokens
    return text.text[tokens[first].start : tokens[last].end]


def _distinct(found: Iterable[str]) -> tuple[str, ...]:
    """The first few, each once (case aside), in the order of the text."""
    seen: dict[str, str] = {}
    for words in found:
        seen.setdefault(words.casefold(), words)
    return tuple(seen.values())[:_MOST]


def with_deadline(
    dataset: Dataset, understood: tuple[Understood, ...], timing: Timing
) -> tuple[Understood, ...]:
    """The readings, with the answer a deadline implies (`language.timing.implies`: the
    work is of fixed length) when the text gives a deadline and no answer to its question."""
    words = dataset.language.timing
    implied = words.implies if words else None
    if implied is None or not timing.deadlines:
        return understood
    if any(u.question == implied.question and u.stance == "wanted" for u in understood):
        return understood
    said = Understood(implied.question, implied.value, timing.deadlines[:1])
    order = {q.key: n for n, q in enumerate(dataset.questions)}
    wanted = [u for u in understood if u.stance == "wanted"]
    rest = [u for u in understood if u.stance != "wanted"]
    return (*sorted([*wanted, said], key=lambda u: order[u.question]), *rest)
