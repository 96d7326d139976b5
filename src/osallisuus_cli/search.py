"""Free-text search over the methods' own words, in both languages, ranked 0-100.

Each query word earns, per method, its best match times the field's weight; words that
few methods contain count more (BM25's idf). A method's score is the idf-weighted mean.

Linear in the catalogue: every step goes through the hits once (a phrase looks up its
second word by place, the snippets take each method's own hits), so a catalogue of
thousands of methods sharing common words costs in proportion to its size
(benchmarks/bench_adversarial.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from .model import LANGS, LIST_FIELDS, Dataset, Lang, Method, SearchHit
from .records import Record
from .textanalysis import Hit, Word, WordIndex, analyse, per_object_and_langs

# How much a match in each field says about the method, names first.
FIELDS: tuple[tuple[str, float], ...] = (
    ("name", 1.0),
    ("aliases", 0.95),
    ("keywords", 0.85),
    ("goal", 0.75),
    ("description", 0.65),
)
LIST_SEPARATOR = "; "  # a word list's items, joined into one searchable text
SNIPPET = 160  # characters around the best match
_PHRASE_GAP = 2  # positions apart (one function word between) that still make a phrase
_PHRASE_WEIGHT = 0.5  # a phrase repeats its words' evidence, so it adds half again
ELLIPSIS = "…"


class Field(Record):
    """One searchable text of one method in one language."""

    method: int
    name: str
    weight: float
    lang: Lang
    text: str


class MethodIndex(Record):
    """Every method's fields, analysed once per dataset."""

    fields: tuple[Field, ...]
    words: WordIndex  # doc = method index, field = index into `fields`
    methods: int


def field_texts(method: Method, lang: Lang) -> tuple[tuple[str, float, str], ...]:
    """(field, weight, text) for a method in one language; lists joined with "; "."""
    texts = {
        "name": method.name.get(lang),
        "aliases": LIST_SEPARATOR.join(method.aliases.get(lang)),
        "keywords": LIST_SEPARATOR.join(method.keywords.get(lang)),
        "goal": method.goal.get(lang),
        "description": method.description.get(lang),
    }
    return tuple((name, weight, texts[name]) for name, weight in FIELDS if texts[name])


def method_index(dataset: Dataset, langs: tuple[Lang, ...] = LANGS) -> MethodIndex:
    """Every method's fields in these languages, analysed once per dataset."""
    return _index(dataset, langs)


@per_object_and_langs
def _index(dataset: Dataset, langs: tuple[Lang, ...]) -> MethodIndex:
    fields: list[Field] = []
    words = WordIndex()
    for number, method in enumerate(dataset.methods):
        for lang in langs:
            for name, weight, text in field_texts(method, lang):
                words.add(number, len(fields), analyse(text, lang))
                fields.append(Field(number, name, weight, lang, text))
    # The answer vocabulary's words are likely queries too: a typo of one (famlies) is
    # corrected to it, then found in the methods' text as usual.
    words.add_spellings(lambda: _vocabulary(dataset, langs))
    return MethodIndex(tuple(fields), words, len(dataset.methods))


def _vocabulary(dataset: Dataset, langs: tuple[Lang, ...]) -> Iterator[Word]:
    """The analysed words of every answer value's label, aliases and keywords."""
    for question in dataset.questions:
        for value in question.values:
            for lang in langs:
                terms = (value.label.get(lang), *value.aliases.get(lang))
                for term in (*terms, *value.keywords.get(lang)):
                    yield from analyse(term, lang)


def idf(found_in: float, total: int) -> float:
    """BM25's inverse document frequency, never negative; unmatched words weigh most.

    `found_in` sums each method's match strength, so that a method that merely has the
    word inside a compound makes it only a little less telling.
    """
    return math.log(1 + (total - found_in + 0.5) / (found_in + 0.5))


class Scored(Record):
    """A query scored against every method: per query word, then per two-word phrase."""

    weights: tuple[float, ...]  # idf
    best: tuple[dict[int, float], ...]  # method -> best weighted match
    hits: tuple[tuple[Hit, ...], ...]
    phrase: tuple[bool, ...]  # a phrase counts only where some method has it


def score_words(index: MethodIndex, words: Sequence[Word]) -> Scored:
    best: list[dict[int, float]] = []
    hits: list[tuple[Hit, ...]] = []
    # A word's hits depend on its spelling only, and long descriptions repeat words: a
    # 5,000-character text of every answer mistyped read in 312 ms, 128 ms with this
    # (cProfile on reader.read; bench_adversarial "typos of every answer").
    looked_up: dict[tuple[frozenset[str], tuple[str, ...], frozenset[str]], tuple[Hit, ...]] = {}
    for word in words:
        spelling = (word.keys, word.parts, word.variants)
        found = looked_up.get(spelling)
        if found is None:
            found = looked_up[spelling] = tuple(index.words.lookup(word))
        best.append(_best(index, found))
        hits.append(found)
    phrases = [
        _phrase(hits[i], hits[i + 1])
        for i in range(len(words) - 1)
        if words[i + 1].token.pos - words[i].token.pos <= _PHRASE_GAP
    ]
    best += [_best(index, found) for found in phrases]
    hits += phrases
    is_phrase = (False,) * len(words) + (True,) * len(phrases)
    weights = tuple(
        idf(sum(b.values()), index.methods) * (_PHRASE_WEIGHT if p else 1.0)
        for b, p in zip(best, is_phrase, strict=True)
    )
    return Scored(weights, tuple(best), tuple(hits), is_phrase)


def _best(index: MethodIndex, found: Sequence[Hit]) -> dict[int, float]:
    per_method: dict[int, float] = {}
    for hit in found:
        value = hit.strength * index.fields[hit.field].weight
        per_method[hit.doc] = max(per_method.get(hit.doc, 0.0), value)
    return per_method


def _phrase(first: Sequence[Hit], second: Sequence[Hit]) -> tuple[Hit, ...]:
    """Hits of two neighbouring query words that are neighbours in the same field too.

    Each pair is represented by its weaker hit, so the phrase is as strong as its
    weaker word; "network meeting" then counts for the method named so. The second
    word's hits are found by place (field and position), not paired with every hit of
    the first: words common to thousands of methods would make that quadratic.
    """
    at: dict[tuple[int, int], list[Hit]] = {}
    for b in second:
        at.setdefault((b.field, b.word.token.pos), []).append(b)
    out: list[Hit] = []
    for a in first:
        pos = a.word.token.pos
        for gap in range(1, _PHRASE_GAP + 1):
            for b in at.get((a.field, pos + gap), ()):
                out.append(min(a, b, key=lambda h: h.strength))
    return tuple(out)


def search_methods(dataset: Dataset, query: str, lang: Lang) -> tuple[SearchHit, ...]:
    """Methods matching the query, best first (ties in dataset order); () when none."""
    words = analyse(query)
    if not words:
        return ()
    index = method_index(dataset)
    scored = score_words(index, words)
    kept = zip(scored.weights, scored.best, scored.phrase, strict=True)
    total = sum(w for w, b, p in kept if b or not p)
    results: list[tuple[int, int, SearchHit]] = []
    by_method = hits_by_method(scored)
    for number, method in enumerate(dataset.methods):
        earned = sum(
            w * b.get(number, 0.0) for w, b in zip(scored.weights, scored.best, strict=True)
        )
        score = min(100, round(100 * earned / total))
        if score <= 0:
            continue
        field, snippet, spans = best_field(index, scored, number, lang, by_method.get(number))
        hit = SearchHit(method, score, field.name, field.lang, snippet, spans)
        results.append((-score, number, hit))
    results.sort(key=lambda r: (r[0], r[1]))
    return tuple(hit for _, _, hit in results)


def hits_by_method(scored: Scored) -> dict[int, list[tuple[int, Hit]]]:
    """Each method's hits, with the number of the query word (or phrase) each is of."""
    grouped: dict[int, list[tuple[int, Hit]]] = {}
    for i, hits in enumerate(scored.hits):
        for hit in hits:
            grouped.setdefault(hit.doc, []).append((i, hit))
    return grouped


def best_field(
    index: MethodIndex,
    scored: Scored,
    method: int,
    lang: Lang,
    own_hits: Sequence[tuple[int, Hit]] | None = None,
) -> tuple[Field, str, tuple[tuple[int, int], ...]]:
    """The method's field that matched the query best, as a snippet with match spans;
    `own_hits`, the method's entry of `hits_by_method`, spares a pass over every hit."""
    if own_hits is None:
        own_hits = hits_by_method(scored).get(method, [])
    earned: dict[int, list[float]] = {}
    matched: dict[int, list[tuple[int, int]]] = {}
    for i, hit in own_hits:
        weights = earned.setdefault(hit.field, [0.0] * len(scored.weights))
        field = index.fields[hit.field]
        weights[i] = max(weights[i], scored.weights[i] * hit.strength * field.weight)
        matched.setdefault(hit.field, []).append((hit.word.token.start, hit.word.token.end))

    # Most query words matched; then prose over word lists (a sentence shows the context,
    # a keyword list does not); then the strongest match, the reader's language, the
    # earlier field.
    def preference(f: int) -> tuple[int, bool, float, bool, int]:
        return (
            -sum(1 for weight in earned[f] if weight > 0),
            index.fields[f].name in LIST_FIELDS,
            -round(sum(earned[f]), 6),
            index.fields[f].lang != lang,
            f,
        )

    chosen = min(earned, key=preference)
    field = index.fields[chosen]
    found = sorted(set(matched[chosen]))
    if field.name in LIST_FIELDS:
        snippet, spans = matched_items(field.text, found)
    else:
        snippet, spans = make_snippet(field.text, found)
    return field, snippet, spans


def matched_items(
    text: str, spans: Sequence[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Of a word list ("a; b; c"), only the items a match falls in, with the match spans."""
    kept: list[str] = []
    kept_spans: list[tuple[int, int]] = []
    position = 0
    for item in text.split(LIST_SEPARATOR):
        inside = [
            (s - position, e - position) for s, e in spans if position <= s < position + len(item)
        ]
        if inside:
            offset = sum(len(k) + len(LIST_SEPARATOR) for k in kept)
            kept_spans += [(s + offset, e + offset) for s, e in inside]
            kept.append(item)
        position += len(item) + len(LIST_SEPARATOR)
    return LIST_SEPARATOR.join(kept), tuple(kept_spans)


# A sentence ends at . ! or ? before a capital: "esim. sadutus" goes on.
_SENTENCE_END = r"(?<=[.!?])\s+(?=[\"“”'(]?[^\W\d_a-zäöå])"  # compiled on first use


def make_snippet(
    text: str, spans: Sequence[tuple[int, int]], width: int = SNIPPET
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The sentence of the first match when it is short enough to read whole (half as long
    again as `width`), else at most `width` characters around it, cut at spaces."""
    if spans:
        start, end = _sentence_around(text, spans[0])
        if end - start <= width * 3 // 2:
            kept = tuple((s - start, e - start) for s, e in spans if s >= start and e <= end)
            return text[start:end], kept
    return _window(text, spans, width)


def _sentence_around(text: str, span: tuple[int, int]) -> tuple[int, int]:
    starts = [0] + [m.end() for m in re.finditer(_SENTENCE_END, text) if m.end() <= span[0]]
    ends = [m.start() for m in re.finditer(_SENTENCE_END, text) if m.start() >= span[1]]
    return starts[-1], ends[0] if ends else len(text)


def _window(
    text: str, spans: Sequence[tuple[int, int]], width: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most `width` characters of text around the first span, cut at spaces."""
    if len(text) <= width or not spans:
        cut = text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + ELLIPSIS
        return cut, tuple((s, e) for s, e in spans if e <= len(cut))
    first = spans[0][0]
    start = max(0, first - width // 3)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else first
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", spans[0][1], end)
        end = space if space != -1 else end
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return prefix + text[start:end] + suffix, kept
