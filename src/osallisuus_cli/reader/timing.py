"""Stage 6, timing: when a description says the work must be ready, and who decides.

A time of `language.timing.when` ("toukokuu", "within a month") is a deadline when its
sentence says something is due ("by", "mennessä", "goes to") or names a body that
decides, and no word right before it says it is past ("last month", "viime kuussa"). A
due word next to it is kept with it ("by May", "toukokuuhun mennessä"). The bodies that
decide are those of `deciders` that are not within an influence body's words ("the
youth council"). Words the text sets aside give neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set

from ..model import Dataset, Lang, Terms, Timing
from ..textanalysis import per_object_and_langs
from .answers import found_outside
from .lexicon import PhraseIndex, phrases_of
from .tokens import Text

_PAST_BEFORE = 2  # "viime kuussa", "last month", "two months ago" is read by "ago" after
_MOST = 3  # at most so many deadlines and deciders are named back


class _Indexes:
    __slots__ = ("deciders", "due", "not_deciders", "past", "when")

    def __init__(self, words: tuple[PhraseIndex, ...]) -> None:
        self.when, self.due, self.past, self.deciders, self.not_deciders = words


@per_object_and_langs
def _indexes(dataset: Dataset, langs: tuple[Lang, ...]) -> _Indexes | None:
    rules = dataset.language.timing
    if rules is None:
        return None
    terms: tuple[Terms, ...] = (
        rules.when,
        rules.due,
        rules.past,
        rules.deciders,
        rules.not_deciders,
    )
    return _Indexes(tuple(PhraseIndex(phrases_of(t, langs)) for t in terms))


def read_timing(dataset: Dataset, text: Text, aside: Set[int]) -> Timing:
    """The deadlines and the bodies that decide a description names, as written."""
    indexes = _indexes(dataset, text.langs)
    if indexes is None:
        return Timing()
    due = list(found_outside(indexes.due, text, aside))
    due_at = {p for at in due for p in at}
    past_at = {p for at in found_outside(indexes.past, text, aside) for p in at}
    heard_at = {p for at in found_outside(indexes.not_deciders, text, aside) for p in at}
    deciders = _longest(
        (at, name)
        for at, name in _named(dataset, indexes.deciders, text, aside)
        if heard_at.isdisjoint(at)
    )
    said = {text.sentence[at[0]] for at in (*due, *(at for at, _ in deciders))}
    deadlines: list[str] = []
    for at in found_outside(indexes.when, text, aside):
        first, last = at[0], at[-1]
        if text.sentence[first] not in said or _past(text, first, past_at):
            continue
        if first > 0 and text.tokens[first - 1].text.isdigit():
            first -= 1  # "1 June"
        if first - 1 in due_at and text.clause[first - 1] == text.clause[first]:
            first -= 1
        elif last + 1 in due_at and text.clause[last + 1] == text.clause[last]:
            last += 1
        deadlines.append(_words(text, first, last))
    return Timing(_distinct(deadlines), _distinct(name for _, name in deciders))


def _named(
    dataset: Dataset, index: PhraseIndex, text: Text, aside: Set[int]
) -> Iterator[tuple[list[int], str]]:
    """Each decider the text names, not aside: its token positions and its term as the
    dataset writes it ("aluehallitus" for "aluehallituksessa")."""
    rules = dataset.language.timing
    assert rules is not None
    names = [term for lang in text.langs for term in rules.deciders.get(lang)]
    for ident, positions in index.find(text.token_words):
        at = [text.token_words[p].token.pos for p in positions]
        if not any(pos in aside for pos in at):
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
