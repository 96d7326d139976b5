"""Read a free-text situation: the answers it names, and how near each method's text it is.

Answers come from the dataset's lexicon (each value's label, aliases and keywords) only,
so an unrelated sentence yields nothing rather than a guess.
"""

from __future__ import annotations

from typing import NamedTuple

from .model import LANGS, Dataset, Lang, Understood
from .search import method_index, score_words
from .textanalysis import Hit, Word, WordIndex, analyse, name_parts, per_object, untag

_GAP = 2  # other words allowed between the words of a multi-word term
# A compound's modifier names the compound's topic only when it is itself specific:
# lastensuojelutyö is child welfare work, but lapsiperhe is a family, not a child.
_SPECIFIC_MODIFIER = 8
# Total idf of the words a method could match before its relevance counts in full; one
# rare word alone (idf about 2) is half a signal.
_CONFIDENT = 4.0
_FLOOR = 0.1  # below this a method's relevance is one common word's noise: 0


class _Term(NamedTuple):
    question: int
    value: int
    words: tuple[Word, ...]
    name: bool  # a label or alias, not a keyword


class _Lexicon(NamedTuple):
    terms: tuple[_Term, ...]
    words: WordIndex  # doc = term number


@per_object
def _lexicon(dataset: Dataset) -> _Lexicon:
    terms: list[_Term] = []
    index = WordIndex()
    for q_number, question in enumerate(dataset.questions):
        if question.boolean:
            continue  # a yes/no read from prose is too easily a negation misread
        for v_number, value in enumerate(question.values):
            texts: list[tuple[str, Lang, bool]] = [(value.slug.replace("-", " "), "en", True)]
            for lang in LANGS:
                texts.append((value.label.get(lang), lang, True))
                texts += [(a, lang, True) for a in value.aliases.get(lang)]
                texts += [(k, lang, False) for k in value.keywords.get(lang)]
            for text, lang, name in dict.fromkeys(texts):
                words = analyse(text, lang)
                if words:
                    index.add(len(terms), 0, words)
                    terms.append(_Term(q_number, v_number, words, name))
    return _Lexicon(tuple(terms), index)


def _counts(hit: Hit) -> bool:
    """Whether a text word met a lexicon word closely enough to say the same thing."""
    if hit.kind in ("whole", "head"):
        return True
    if hit.kind == "modifier":
        return any(len(untag(k)[1]) >= _SPECIFIC_MODIFIER for k in hit.word.keys)
    return False  # puisto in the text does not mean asukaspuisto


def understand(dataset: Dataset, text: str) -> tuple[Understood, ...]:
    """The answers a description names, each with the words of the text it came from.

    At most one value for a single-choice question (the one with the most words behind
    it); in question order, then value order.
    """
    lexicon = _lexicon(dataset)
    words = analyse(text)
    # term -> position of the term's word -> text words that meet it
    met: dict[int, dict[int, list[Word]]] = {}
    for word in words:
        hits = [hit for hit in lexicon.words.lookup(word) if _counts(hit)]
        if any(hit.kind == "whole" for hit in hits):
            # omaishoitaja is a caregiver; its head hoitaja (a nurse) is no longer news.
            hits = [hit for hit in hits if hit.kind == "whole"]
        for hit in hits:
            met.setdefault(hit.doc, {}).setdefault(hit.word.token.pos, []).append(word)
    placed = {
        number: used
        for number, by_position in met.items()
        if (used := _placed(len(lexicon.terms[number].words), by_position))
    }
    # A fixed expression claims its words: "child protection" is child welfare, and its
    # "child" names no target group by itself.
    claimed: dict[int, tuple[int, int]] = {}
    for number, used in placed.items():
        term = lexicon.terms[number]
        if term.name and len(term.words) > 1:
            claimed.update({w.token.start: (term.question, term.value) for w in used})
    found: dict[tuple[int, int], dict[int, Word]] = {}  # (question, value) -> text words
    for number, used in placed.items():
        term = lexicon.terms[number]
        answer = (term.question, term.value)
        owners = {claimed.get(w.token.start) for w in used}
        if len(term.words) == 1 and None not in owners and answer not in owners:
            continue
        found.setdefault(answer, {}).update({w.token.start: w for w in used})
    return tuple(_choose(dataset, found))


def _placed(size: int, by_position: dict[int, list[Word]]) -> list[Word] | None:
    """Text words covering every word of a term of `size` words, close together, or None."""
    if len(by_position) < size:
        return None
    if size == 1:
        return [w for ws in by_position.values() for w in ws]
    span = size + _GAP
    starts = sorted({w.token.pos for ws in by_position.values() for w in ws})
    for start in starts:
        chosen = [
            next((w for w in ws if start <= w.token.pos <= start + span), None)
            for ws in by_position.values()
        ]
        if all(w is not None for w in chosen):
            return [w for w in chosen if w is not None]
    return None


def _choose(dataset: Dataset, found: dict[tuple[int, int], dict[int, Word]]) -> list[Understood]:
    out: list[Understood] = []
    for q_number, question in enumerate(dataset.questions):
        values = sorted((v, found[(q, v)]) for q, v in found if q == q_number)
        if not question.multiple and len(values) > 1:
            values = [min(values, key=lambda item: (-len(item[1]), min(item[1]), item[0]))]
        for v_number, used in values:
            text_words = tuple(dict.fromkeys(used[start].token.text for start in sorted(used)))
            out.append(Understood(question.key, question.values[v_number].slug, text_words))
    return out


def relevance(dataset: Dataset, text: str) -> dict[str, float]:
    """Each method's text relevance 0..1: how much of the description its own words cover.

    Words no method contains are ignored, words most methods contain count little
    (idf), and a description with too few telling words is damped towards 0. A method
    the description names (asiakasfoorumi, network meeting) is fully relevant.
    """
    zero = {method.id: 0.0 for method in dataset.methods}
    words = analyse(text)
    if not words:
        return zero
    scored = score_words(method_index(dataset), words)
    telling = [(w, b) for w, b in zip(scored.weights, scored.best, strict=True) if b]
    total = sum(w for w, _ in telling)
    if not total:
        return zero
    damp = min(1.0, total / _CONFIDENT) ** 2
    named = _named(dataset, words)
    out: dict[str, float] = {}
    for i, method in enumerate(dataset.methods):
        share = damp * sum(w * b.get(i, 0.0) for w, b in telling) / total
        out[method.id] = 1.0 if i in named else round(share, 4) if share >= _FLOOR else 0.0
    return out


@per_object
def _name_index(dataset: Dataset) -> tuple[tuple[tuple[int, int], ...], WordIndex]:
    """(method, number of words) per name or alias of a method, and their words."""
    terms: list[tuple[int, int]] = []
    index = WordIndex()
    for number, method in enumerate(dataset.methods):
        for lang in LANGS:
            name = method.name.get(lang)
            for text in dict.fromkeys([name, *name_parts(name), *method.aliases.get(lang)]):
                words = analyse(text, lang)
                if words:
                    index.add(len(terms), 0, words)
                    terms.append((number, len(words)))
    return tuple(terms), index


def _named(dataset: Dataset, words: tuple[Word, ...]) -> set[int]:
    """The methods whose name or alias the text contains, every word of it."""
    terms, index = _name_index(dataset)
    met: dict[int, dict[int, list[Word]]] = {}
    for word in words:
        for hit in index.lookup(word):
            if hit.kind == "whole":
                met.setdefault(hit.doc, {}).setdefault(hit.word.token.pos, []).append(word)
    return {terms[t][0] for t, by_position in met.items() if _placed(terms[t][1], by_position)}
