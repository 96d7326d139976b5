"""The reader's vocabulary, shared by its stages: the dataset's terms, and phrases found in text.

A term is one label, alias or keyword of an answer value, analysed into words; a
phrase is a run of words found in order, each inflected as it may be, at most one
other word before each ("have a real say", "tekemään itse suunnitelman").

The analysed terms are kept in the dataset cache (`cache.py`), keyed by all they are
made from: the dataset's questions, the languages, and the analyser (the interpreter
and its Unicode tables, the lemma table, the Snowball stemmers and this package's code
that analyses). An entry that is not as this code writes it is dropped and made anew.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache as once
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

from .. import cache, model, textanalysis
from ..model import LANGS, Dataset, Lang, Terms
from ..records import Record
from ..textanalysis import (
    Hit,
    MatchKind,
    Token,
    Word,
    WordIndex,
    analyse_word,
    fold,
    is_stopword,
    lemma_bytes,
    per_object_and_langs,
    stemmer_sources,
    tokenize,
    untag,
)
from . import numbers
from .numbers import number

# How far apart the words of a multi-word term may stand: its last word within
# len(term) + gap words of its first. English compounds stand together ("older disabled
# people" still is): "half-day workshop where home care" is no "day care", "clients
# comment on the draft plan" no "client plan"; Finnish word order is freer.
GAP = 3
GAP_EN = 0
# A compound's modifier names the compound's topic only when it is itself specific:
# lastensuojelutyö is child welfare work, but lapsiperhe is a family, not a child.
SPECIFIC_MODIFIER = 8
WHOLE: MatchKind = "whole"
# aliases of what you have that stand for it as an option value, not in prose
_NOT_IN_PROSE = frozenset({"payment", "kuvat", "interpretation"})


class Term(Record):
    """One way of saying an answer value: a label, an alias or a keyword, analysed."""

    question: int  # the question's place in the dataset
    value: int  # the value's place in its question
    words: tuple[Word, ...]
    name: bool  # a label or alias, not a keyword
    gap: int = 0  # other words allowed between its words (GAP, GAP_EN)


class Mention(Record):
    """A term found in the text: the text words that met each of its words, and how."""

    term: Term
    used: tuple[tuple[Word, MatchKind], ...]

    @property
    def first(self) -> int:
        return min(word.token.pos for word, _ in self.used)

    @property
    def last(self) -> int:
        return max(word.token.pos for word, _ in self.used)

    @property
    def positions(self) -> tuple[int, ...]:
        return tuple(sorted({word.token.pos for word, _ in self.used}))

    @property
    def answer(self) -> tuple[int, int]:
        return self.term.question, self.term.value

    def words(self) -> tuple[str, ...]:
        """The text's own words, in order, each once."""
        return tuple(dict.fromkeys(word.token.text for word, _ in sorted(self.used, key=_pos)))


def _pos(pair: tuple[Word, MatchKind]) -> int:
    return pair[0].token.pos


class Lexicon(Record):
    """The answer vocabulary, indexed."""

    terms: tuple[Term, ...]
    words: WordIndex  # doc = term number
    phrases: tuple[int, ...]  # terms with function words ("have a say"): found word by word
    phrase_index: PhraseIndex  # those terms' words, indexed in the order of `phrases`
    # terms written "päihde-": (folded, term number); any word they begin is a compound
    # of theirs (päihdeklinikka), also when the analyser does not know the rest
    first_parts: tuple[tuple[str, int], ...]
    # per term: a word of what you have, read in any language ("ilman ulkopuolista
    # vetäjää" in an English text still says there is none)
    any_language: tuple[bool, ...]


class Vocabulary(Record):
    """What the lexicon is made of that no description changes: the analysed terms, those
    found only whole (`Lexicon.phrases`) and those written as a first part."""

    terms: tuple[Term, ...]
    phrases: tuple[int, ...]
    first_parts: tuple[tuple[str, int], ...]


@per_object_and_langs
def lexicon(dataset: Dataset, langs: tuple[Lang, ...]) -> Lexicon:
    """The answer vocabulary, indexed (see `vocabulary`)."""
    terms, phrases, first_parts = vocabulary(dataset, langs)
    index = WordIndex()
    whole = frozenset(phrases)
    for number_, term in enumerate(terms):
        if number_ not in whole:
            index.add(number_, 0, term.words)
    any_language = tuple(dataset.questions[term.question].resources for term in terms)
    phrase_index = PhraseIndex([terms[number_].words for number_ in phrases])
    return Lexicon(terms, index, phrases, phrase_index, first_parts, any_language)


def vocabulary(dataset: Dataset, langs: tuple[Lang, ...]) -> Vocabulary:
    """The analysed terms, from the dataset cache when they are there: the lexicon of a
    --describe took 33 ms analysed, 9 ms read back and indexed (in process, median of 5)."""
    key = _cache_key(dataset, langs)
    if key is not None:
        kept = cache.read(key)
        if kept is not None:
            try:
                return _from_cache(kept, dataset)
            except ValueError:
                cache.drop(key)  # not as this code writes it: made anew below
    made = _analysed_terms(dataset, langs)
    if key is not None:
        cache.write(key, _for_cache(made))
    return made


def _analysed_terms(dataset: Dataset, langs: tuple[Lang, ...]) -> Vocabulary:
    """Every value's names and the words of what you have in both languages (a Finnish
    clause in an English text counts), the other keywords in the description's
    language(s) only, which saves a quarter of the analysing on every --describe
    (11 -> 8 ms); a text of unclear language gets them all."""
    terms: list[Term] = []
    phrases: list[int] = []
    first_parts: list[tuple[str, int]] = []
    for q_number, question in enumerate(dataset.questions):
        for v_number, value in enumerate(question.values):
            texts: list[tuple[str, Lang, bool]] = []
            if question.resources:
                # what you have is named in prose by its aliases and keywords, in either
                # language ("sijaishoito", "substitute care")
                texts += [
                    (k, lang, False)
                    for lang in LANGS
                    for k in (
                        *(a for a in value.aliases.get(lang) if a not in _NOT_IN_PROSE),
                        *value.keywords.get(lang),
                    )
                ]
            else:
                texts.append((value.slug.replace("-", " "), "en", True))
                for lang in LANGS:
                    texts.append((value.label.get(lang), lang, True))
                    texts += [(a, lang, True) for a in value.aliases.get(lang)]
                    if lang in langs:
                        texts += [(k, lang, False) for k in value.keywords.get(lang)]
            for text, lang, name in dict.fromkeys(texts):
                if text.endswith("-"):
                    first_parts.append((fold(text[:-1]), len(terms)))
                words, whole = term_words(text.rstrip("-"), lang)
                if whole:
                    phrases.append(len(terms))
                if words:
                    # a number binds to its noun: "yksi asiakas" is no "yksi työpaja ... asiakkaat"
                    counted = number(words[0].token.folded) is not None
                    gap = GAP_EN if lang == "en" or counted else GAP
                    terms.append(Term(q_number, v_number, words, name, gap))
    return Vocabulary(tuple(terms), tuple(phrases), tuple(first_parts))


def _cache_key(dataset: Dataset, langs: tuple[Lang, ...]) -> str | None:
    """The cache key of the dataset's analysed terms in these languages, or None when the
    code that analyses cannot be read (nothing is then kept)."""
    made_by = _made_by()
    if made_by is None:
        return None
    # The questions are all the terms are made from; their records hold only text,
    # numbers, flags and tuples of them, so their repr says all they hold.
    made_of = repr(dataset.questions).encode("utf-8")
    return cache.vocabulary_key(made_of, " ".join(langs).encode(), *made_by)


@once
def _made_by() -> tuple[bytes, ...] | None:
    """What decides how a term is analysed: the interpreter and its Unicode tables, the
    lemma table, the Snowball stemmers and this package's code that analyses terms."""
    sources = (
        Path(__file__),
        Path(numbers.__file__),
        Path(textanalysis.__file__),
        Path(model.__file__),
        *stemmer_sources(),
    )
    try:
        code = tuple(path.read_bytes() for path in sources)
    except OSError:
        return None
    version = f"{sys.version} {unicodedata.unidata_version}".encode()
    return (version, lemma_bytes(), *code)


def _for_cache(vocabulary: Vocabulary) -> dict[str, Any]:
    """The analysed terms as JSON columns (checked and built whole on reading, see
    `_from_cache`): each distinct analysis of a word once (keys, compound parts, typo
    variants), every term's words in order, and per term how many of them are its."""
    analyses: dict[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], int] = {}
    words: list[Word] = [word for term in vocabulary.terms for word in term.words]
    numbers = [
        analyses.setdefault(
            (tuple(sorted(word.keys)), word.parts, tuple(sorted(word.variants))), len(analyses)
        )
        for word in words
    ]
    terms = vocabulary.terms
    return {
        "keys": [keys for keys, _, _ in analyses],
        "parts": [parts for _, parts, _ in analyses],
        "variants": [variants for _, _, variants in analyses],
        "text": [word.token.text for word in words],
        "start": [word.token.start for word in words],
        "end": [word.token.end for word in words],
        "pos": [word.token.pos for word in words],
        "analysis": numbers,
        "question": [term.question for term in terms],
        "value": [term.value for term in terms],
        "name": [term.name for term in terms],
        "gap": [term.gap for term in terms],
        "size": [len(term.words) for term in terms],
        "phrases": vocabulary.phrases,
        "first_part": [folded for folded, _ in vocabulary.first_parts],
        "first_part_term": [number_ for _, number_ in vocabulary.first_parts],
    }


def _from_cache(data: dict[str, Any], dataset: Dataset) -> Vocabulary:
    """The analysed terms as `_for_cache` wrote them; ValueError when they are not of that
    shape or do not fit the dataset's questions. Checked column by column: 4.4 ms, where
    checking each word in turn took 5.9 (in process, median of 5)."""
    keys, parts, variants = (_lists_of(data, name, str) for name in ("keys", "parts", "variants"))
    texts = _list_of(data, "text", str)
    starts, ends, positions, numbers = (
        _list_of(data, name, int) for name in ("start", "end", "pos", "analysis")
    )
    questions, values, gaps, sizes = (
        _list_of(data, name, int) for name in ("question", "value", "gap", "size")
    )
    names = _list_of(data, "name", bool)
    phrases = _list_of(data, "phrases", int)
    first_parts = _list_of(data, "first_part", str)
    first_part_terms = _list_of(data, "first_part_term", int)
    answers = {
        (q, v) for q, question in enumerate(dataset.questions) for v in range(len(question.values))
    }
    if not (
        len(keys) == len(parts) == len(variants)
        and len(texts) == len(starts) == len(ends) == len(positions) == len(numbers)
        and len(questions) == len(values) == len(names) == len(gaps) == len(sizes)
        and len(first_parts) == len(first_part_terms)
        and _within(numbers, len(keys))
        and _within(gaps, GAP + 1)
        and _within(phrases, len(questions))
        and _within(first_part_terms, len(questions) + 1)
        and set(zip(questions, values, strict=True)) <= answers
        and (not sizes or min(sizes) > 0)
        and sum(sizes) == len(texts)
    ):
        raise ValueError("the analysed terms: not as written")
    analysed = [
        (frozenset(k), tuple(p), frozenset(v))
        for k, p, v in zip(keys, parts, variants, strict=True)
    ]
    words = [
        Word(Token(text, start, end, pos), *analysed[number_])
        for text, start, end, pos, number_ in zip(
            texts, starts, ends, positions, numbers, strict=True
        )
    ]
    terms: list[Term] = []
    at = 0
    for question, value, name, gap, size in zip(questions, values, names, gaps, sizes, strict=True):
        terms.append(Term(question, value, tuple(words[at : at + size]), name, gap))
        at += size
    return Vocabulary(
        tuple(terms), tuple(phrases), tuple(zip(first_parts, first_part_terms, strict=True))
    )


def _list_of(data: dict[str, Any], name: str, kind: type) -> list[Any]:
    """data[name], a list of `kind` only (bool is no int here); ValueError when it is not."""
    found = data.get(name)
    if type(found) is not list or not set(map(type, found)) <= {kind}:
        raise ValueError(f"{name}: not a list of {kind.__name__}")
    return found


def _lists_of(data: dict[str, Any], name: str, kind: type) -> list[list[Any]]:
    """data[name], a list of lists of `kind` only; ValueError when it is not."""
    found = _list_of(data, name, list)
    if not set(map(type, chain.from_iterable(found))) <= {kind}:
        raise ValueError(f"{name}: not lists of {kind.__name__}")
    return found


def _within(numbers: list[int], below: int) -> bool:
    return not numbers or (min(numbers) >= 0 and max(numbers) < below)


def term_words(text: str, lang: Lang) -> tuple[tuple[Word, ...], bool]:
    """A term's content words, or every word of it and True when it has function words
    ("have a say", "many services") or a possessive: such a term is found only whole,
    word after word, since its one content word ("say", "services") alone would stand
    for it."""
    tokens = tokenize(text)
    content = [token for token in tokens if not is_stopword(token.folded)]
    # a possessive binds too: "children's home" is not "children at home"
    possessive = any(token.folded.endswith(("'s", "\u2019s")) for token in tokens)
    whole = len(tokens) > 1 and (len(content) < len(tokens) or possessive)
    return tuple(analyse_word(token, lang) for token in (tokens if whole else content)), whole


Phrase = tuple[Word, ...]


def phrase_words(text: str, lang: Lang) -> Phrase:
    """Every word of a phrase, analysed: found whole, word after word (`PhraseIndex`)."""
    return tuple(analyse_word(token, lang) for token in tokenize(text))


def phrases_of(terms: Terms, langs: Iterable[Lang]) -> tuple[Phrase, ...]:
    """Each term's every word, analysed, in the given languages."""
    return tuple(phrase_words(term, lang) for lang in langs for term in terms.get(lang))


class PhraseIndex:
    """Phrases found in a text in one pass: each phrase is tried only where a text word
    shares a key with its first word, so finding many phrases stays linear in the text."""

    __slots__ = ("_by_key", "phrases")

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self.phrases = tuple(phrases)
        self._by_key: dict[str, list[int]] = {}
        for ident, phrase in enumerate(self.phrases):
            if phrase:
                for key in phrase[0].keys:
                    self._by_key.setdefault(key, []).append(ident)

    def find(self, words: Sequence[Word]) -> list[tuple[int, tuple[int, ...]]]:
        """(phrase number, the positions in `words` it stands at), in text order."""
        found: list[tuple[int, tuple[int, ...]]] = []
        for start, word in enumerate(words):
            tried: set[int] = set()
            for key in word.keys:
                for ident in self._by_key.get(key, ()):
                    if ident in tried:
                        continue
                    tried.add(ident)
                    positions = _rest_at(self.phrases[ident], words, start)
                    if positions is not None:
                        found.append((ident, positions))
        return found


def _rest_at(phrase: Phrase, words: Sequence[Word], start: int) -> tuple[int, ...] | None:
    """The positions of a phrase whose first word stands at `start`: each next word at
    most one other word after the one before it; None when it does not stand there."""
    positions = [start]
    for word in phrase[1:]:
        after = positions[-1] + 1
        step = next(
            (
                pos
                for pos in range(after, min(after + 2, len(words)))
                if word.keys & words[pos].keys
            ),
            None,
        )
        if step is None:
            return None
        positions.append(step)
    return tuple(positions)


class LiteralIndex:
    """Literals found as written (folded: case and ä/ö aside, ’ as '), word after word,
    one other word allowed between two content words ("käyvät usein kylässä"); a word
    written with a final "*" stands for any word it begins ("peruu*"). Unlike
    terms, literals are not inflected: a trigger's tense and person are its meaning
    ("tehtiin" is done, "tehdään" is to do)."""

    __slots__ = ("_exact", "_prefix", "literals")

    def __init__(self, literals: Sequence[str]) -> None:
        self.literals = tuple(
            tuple(_folded(w) for w in re.split(r"[\s\-\u2013/]+", literal) if w)
            for literal in literals
        )
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        for ident, words in enumerate(self.literals):
            if not words:
                continue
            first = words[0]
            if first.endswith("*"):
                self._prefix.setdefault(first[:_PREFIX_KEY], []).append(ident)
            else:
                self._exact.setdefault(first, []).append(ident)

    def find(self, tokens: Sequence[Token]) -> list[tuple[int, tuple[int, ...]]]:
        """(literal number, the token positions it stands at), in text order."""
        folded = [_folded(token.text) for token in tokens]
        found: list[tuple[int, tuple[int, ...]]] = []
        for start, word in enumerate(folded):
            for ident in (*self._exact.get(word, ()), *self._prefix.get(word[:_PREFIX_KEY], ())):
                positions = _literal_at(self.literals[ident], folded, start)
                if positions is not None:
                    found.append((ident, positions))
        return found


_PREFIX_KEY = 3  # a prefix literal is looked up by its first letters


def _folded(word: str) -> str:
    return fold(word.replace("\u2019", "'"))


def _same(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _literal_at(
    literal: tuple[str, ...], words: Sequence[str], start: int
) -> tuple[int, ...] | None:
    if not _same(literal[0], words[start]):
        return None
    positions = [start]
    for before, pattern in pairwise(literal):
        after = positions[-1] + 1
        # "käyvät usein kylässä": one other word may part two content words of a literal,
        # never function words ("not allowed to" is no "not to")
        gap = 0 if is_stopword(before.rstrip("*")) or is_stopword(pattern.rstrip("*")) else 1
        near = range(after, min(after + 1 + gap, len(words)))
        step = next((pos for pos in near if _same(pattern, words[pos])), None)
        if step is None:
            return None
        positions.append(step)
    return tuple(positions)


def phrase_at(phrase: Phrase, words: Sequence[Word]) -> list[tuple[int, ...]]:
    """The places in `words` where one phrase stands (`PhraseIndex` for many phrases)."""
    return [positions for _, positions in PhraseIndex([phrase]).find(words)]


class WordSet(Record):
    """Words to recognise in any inflection: by their folded form or by their keys."""

    folded: frozenset[str]
    keys: frozenset[str]

    def has(self, word: Word) -> bool:
        return word.token.folded in self.folded or bool(word.keys & self.keys)


def word_set(terms: Terms) -> WordSet:
    folded: set[str] = set()
    keys: set[str] = set()
    for lang in LANGS:
        for term in terms.get(lang):
            folded.add(fold(term))
            for token in tokenize(term):
                keys |= analyse_word(token, lang).keys
    return WordSet(frozenset(folded), frozenset(keys))


def counts(hit: Hit) -> bool:
    """Whether a text word met a lexicon word closely enough to say the same thing."""
    if hit.kind in ("whole", "head"):
        return True
    if hit.kind == "modifier":
        return any(len(untag(k)[1]) >= SPECIFIC_MODIFIER for k in hit.word.keys)
    return False  # puisto in the text does not mean asukaspuisto


def in_language(hit: Hit, word: Word, langs: tuple[Lang, ...]) -> bool:
    """Whether a lexicon word met counts in a text of these languages: a name of the other
    language only as written ("päiväkoti" in an English text; the English "last" is no
    form of the Finnish lasten). Words of what you have count in either
    (`Lexicon.any_language`)."""
    return hit.word.token.folded == word.token.folded or any(
        untag(key)[0] in langs for key in hit.word.keys
    )


def question_number(dataset: Dataset, key: str) -> int | None:
    """A question's place in the dataset (the number a Term keeps), or None."""
    return next((n for n, q in enumerate(dataset.questions) if q.key == key), None)


def answer_number(dataset: Dataset, question: str, value: str) -> tuple[int, int] | None:
    """(question number, value number) of an answer the language section names, or None."""
    number = question_number(dataset, question)
    if number is None:
        return None
    slugs = [v.slug for v in dataset.questions[number].values]
    return (number, slugs.index(value)) if value in slugs else None
