"""Resolve words that are no slug or id: to answer values and methods, by the analyser.

`lookup.py` answers a slug or an id itself and comes here for anything else, so the
analyser (`textanalysis.py`) is imported only by the runs that need it. Each lookup
tries, in order: the exact words (any case, any diacritics), the same words
inflected, the same words with small typos, a similar spelling of the whole; only the
last two need rapidfuzz.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import LANGS, Dataset, Lang, Question
from .records import Record
from .textanalysis import (
    Word,
    WordIndex,
    analyse,
    likeness,
    name_parts,
    per_object,
    phrase,
    similarity,
)

_SIMILAR = 85.0  # rapidfuzz ratio (0-100) from which a whole spelling counts as a typo
_MIN_SIMILAR = 4  # shorter input is too short to guess from
_TIE = 3.0  # ratio points within which two methods are equally likely


class _Term(Record):
    target: int  # index of the value or method the term names
    tier: int  # 0 = a name for it, 1 = a keyword (weaker)
    text: str
    lang: Lang | None


class _Lookup:
    """Terms naming the targets: by exact phrase at once, by analysed words on demand.

    A plain class (it fills its word index later): a dataclass would cost every run its
    definition, about 0.3 ms, and the dataclasses module's import.
    """

    def __init__(self, terms: tuple[_Term, ...], exact: dict[str, frozenset[int]]) -> None:
        self.terms = terms
        self.exact = exact  # phrase -> targets (names only)
        self.words: WordIndex | None = None  # doc = term number
        self.content: tuple[frozenset[int], ...] = ()  # per term: its content words' positions

    def index(self) -> WordIndex:
        """The word index, built only when exact matching failed (it needs the stemmers)."""
        if self.words is None:
            self.words = WordIndex()
            content: list[frozenset[int]] = []
            for number, term in enumerate(self.terms):
                words = analyse(term.text, term.lang)
                self.words.add(number, 0, words)
                content.append(frozenset(w.token.pos for w in words))
            self.content = tuple(content)
        return self.words


def _lookup(terms: Sequence[_Term]) -> _Lookup:
    exact: dict[str, set[int]] = {}
    for term in terms:
        if term.tier == 0:
            exact.setdefault(phrase(term.text), set()).add(term.target)
    return _Lookup(tuple(terms), {k: frozenset(v) for k, v in exact.items()})


def _by_words(lookup: _Lookup, raw: str, fuzzy: bool, tier: int) -> frozenset[int]:
    """Targets with a term made of exactly the raw words, each maybe inflected or mistyped."""
    words: tuple[Word, ...] = analyse(raw)
    if not words:
        return frozenset()
    index = lookup.index()
    covered: dict[int, set[int]] = {}  # term -> positions of its words the raw words met
    for number, word in enumerate(words):
        seen: set[int] = set()
        for hit in index.lookup(word, fuzzy=fuzzy):
            if hit.kind == "whole" and lookup.terms[hit.doc].tier == tier:
                covered.setdefault(hit.doc, set()).add(hit.word.token.pos)
                seen.add(hit.doc)
        if number == 0:
            candidates = seen
        else:
            candidates &= seen
    return frozenset(
        lookup.terms[t].target
        for t in candidates
        if covered[t] == lookup.content[t] and len(lookup.content[t]) == len(words)
    )


def _similar(lookup: _Lookup, raw: str) -> list[tuple[float, int]]:
    """(ratio, target) for every target's best-spelled name, best first."""
    best: dict[int, float] = {}
    wanted = phrase(raw)
    for term in lookup.terms:
        if term.tier == 0:
            score = similarity(wanted, phrase(term.text))
            best[term.target] = max(best.get(term.target, 0.0), score)
    return sorted(((score, target) for target, score in best.items()), key=lambda x: (-x[0], x[1]))


def _closest(lookup: _Lookup, raw: str, limit: int = 3) -> list[int]:
    wanted = phrase(raw)
    best: dict[int, float] = {}
    for term in lookup.terms:
        if term.tier == 0:
            score = likeness(wanted, phrase(term.text))
            best[term.target] = max(best.get(term.target, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    return [target for target, _ in ranked[:limit]]


def _resolve(lookup: _Lookup, raw: str) -> frozenset[int]:
    """The targets raw names: one is an answer, several are ambiguous, none is unknown."""
    exact = lookup.exact.get(phrase(raw))
    if exact:
        return exact
    for fuzzy in (False, True):
        for tier in (0, 1):
            found = _by_words(lookup, raw, fuzzy, tier)
            if found:
                return found
    if len(phrase(raw)) < _MIN_SIMILAR:
        return frozenset()
    ranked = _similar(lookup, raw)
    if ranked and ranked[0][0] >= _SIMILAR:
        return frozenset(t for score, t in ranked if score >= ranked[0][0] - _TIE)
    return frozenset()


# --- answer values ------------------------------------------------------------------------


@per_object
def _value_lookup(question: Question) -> _Lookup:
    terms: list[_Term] = []
    for number, value in enumerate(question.values):
        terms.append(_Term(number, 0, value.slug, "en"))
        for lang in LANGS:
            terms.append(_Term(number, 0, value.label.get(lang), lang))
            terms += [_Term(number, 0, a, lang) for a in value.aliases.get(lang)]
            terms += [_Term(number, 1, k, lang) for k in value.keywords.get(lang)]
    return _lookup(terms)


# --- methods ------------------------------------------------------------------------------


@per_object
def _method_lookup(dataset: Dataset) -> _Lookup:
    terms: list[_Term] = []
    for number, method in enumerate(dataset.methods):
        terms.append(_Term(number, 0, method.id, None))
        for lang in LANGS:
            name = method.name.get(lang)
            parts = name_parts(name)
            terms += [_Term(number, 0, text, lang) for text in dict.fromkeys([name, *parts])]
            terms += [_Term(number, 0, a, lang) for a in method.aliases.get(lang)]
    return _lookup(terms)


def _containing(lookup: _Lookup, raw: str) -> frozenset[int]:
    """Targets whose names contain every raw word, also inside compounds (kokous)."""
    words = analyse(raw)
    if not words:
        return frozenset()
    index = lookup.index()
    found: set[int] | None = None
    for word in words:
        targets = {lookup.terms[hit.doc].target for hit in index.lookup(word)}
        found = targets if found is None else found & targets
    return frozenset(found or ())


def value_matches(question: Question, raw: str, guess: bool = True) -> tuple[str, ...]:
    """The slugs the words can mean: one, several (ambiguous) or none
    (`guess=False`: only exact or inflected words, no typos)."""
    lookup = _value_lookup(question)
    found = _resolve(lookup, raw) if guess else _by_words(lookup, raw, False, 0)
    return tuple(question.values[i].slug for i in sorted(found))


def closest_values(question: Question, raw: str) -> tuple[str, ...]:
    """The values spelled most like the words, for a suggestion."""
    return tuple(question.values[i].slug for i in _closest(_value_lookup(question), raw))


def method_matches(dataset: Dataset, name: str) -> tuple[int, ...]:
    """The methods (by index) the words can mean: their names, aliases, or names that
    contain every word (kokous)."""
    lookup = _method_lookup(dataset)
    return tuple(sorted(_resolve(lookup, name) or _containing(lookup, name)))


def closest_methods(dataset: Dataset, name: str) -> tuple[int, ...]:
    """The methods (by index) whose names are spelled most like the words."""
    return tuple(_closest(_method_lookup(dataset), name))
