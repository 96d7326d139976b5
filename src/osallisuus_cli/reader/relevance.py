"""Stage 5, relevance: how near each method the description is, and from which words.

How much of the description each method's own words cover (idf-weighted, damped when
the description has few telling words); a phrase that tells the method apart (its
`cues`) or its name counts more. Words that are negated, set aside, passing or past
(stage 3) count for no method; a method's name just after a negation, or just before one
in its clause, names nothing ("ei mitään raatia", "we don't want a client panel",
"Asiakasraatia ei tähän perusteta"), nor one in a clause that says something is gone
("our expert by experience quit").
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from ..model import LANGS, Dataset, Lang
from ..records import Record
from ..search import method_index, score_words
from ..textanalysis import (
    MatchKind,
    Word,
    WordIndex,
    analyse,
    name_parts,
    per_object,
    per_object_and_langs,
)
from .lexicon import Mention, PhraseIndex, question_number, term_words
from .mentions import placed
from .stance import Stanced
from .tokens import Text

# Total idf of the words a method could match before its relevance counts in full; one
# rare word alone (idf about 2) is half a signal.
_CONFIDENT = 4.0
_FLOOR = 0.1  # below this a method's relevance is one common word's noise: 0
_ONE_CUE = 0.8  # relevance of a method whose one telling phrase the text uses
_NAME_NEGATED = 4  # words after a negation that name no method ("ei mitään raatia")
_NAME_BEFORE_NEGATION = 2  # words before one: "Asiakasraatia ei tähän perusteta"
_LISTED = 4  # words from one listed answer to the next ("X, Y ja Z", "X and the Y")
_MATCHED = 5  # the words a method's match shows, at most


class Relevance(Record):
    """Stage 5's output: each method's relevance 0..1, the methods the text names, and
    per method the description's words that matched it, strongest first."""

    scores: dict[str, float]
    named: frozenset[str]
    matched: dict[str, tuple[str, ...]]
    in_place: frozenset[str] = frozenset()  # named or cued where the text sets them aside
    discussed: frozenset[str] = frozenset()  # named or cued anywhere, aside or not


def rate(dataset: Dataset, text: Text, stanced: Stanced, mentions: Sequence[Mention]) -> Relevance:
    """Each method's relevance, from the words that count (not set aside or negated)."""
    gone = {  # "meidän kokemusasiantuntija … lopetti": a clause that says something is gone
        pos
        for trigger in stanced.triggers
        if trigger.rule.category == "unavailable"
        for pos in text.clause_span[text.clause[trigger.first]]
    }
    aside = stanced.aside | gone
    words = tuple(w for w in text.words if w.token.pos not in aside)
    every = tuple(w for w in text.token_words if w.token.pos not in aside)
    wanted = [s.mention for s in stanced.mentions if s.stance in ("wanted", "available")]
    out = {method.id: 0.0 for method in dataset.methods}
    matched: dict[str, dict[str, float]] = {method.id: {} for method in dataset.methods}
    refused = {
        pos
        for mark in stanced.negations
        for pos in range(mark - _NAME_BEFORE_NEGATION, mark + 1 + _NAME_NEGATED)
        if 0 <= pos < len(text.clause) and pos != mark and text.clause[pos] == text.clause[mark]
    }
    refused |= gone  # a name there names no method asked for
    # A method named or cued where it is set aside ("the residents' council works well, we
    # keep it") stays set aside: naming it again ("but the same mothers come to the panel")
    # refers back to it, and raises it no more.
    kept_as_is = _set_aside_methods(dataset, text, stanced.kept)
    said = _named(dataset, tuple(w for w in words if w.token.pos not in refused))
    named = said - kept_as_is
    if words:
        scored = score_words(method_index(dataset, text.langs), words)
        telling = [(w, b) for w, b in zip(scored.weights, scored.best, strict=True) if b]
        total = sum(w for w, _ in telling)
        if total:
            damp = min(1.0, total / _CONFIDENT) ** 2
            for i, method in enumerate(dataset.methods):
                share = damp * sum(w * b.get(i, 0.0) for w, b in telling) / total
                out[method.id] = round(share, 4) if share >= _FLOOR else 0.0
            for word, weight, best in zip(words, scored.weights, scored.best, strict=False):
                if not _telling(word):
                    continue
                for i, strength in best.items():
                    key = word.token.text
                    method_words = matched[dataset.methods[i].id]
                    method_words[key] = max(method_words.get(key, 0.0), weight * strength)
    # a cue just before or after a negation cues nothing, as a name names nothing there
    counts, cue_words = _cue_counts(
        dataset,
        text.langs,
        tuple(w for w in words if w.token.pos not in refused),
        tuple(w for w in every if w.token.pos not in refused),
    )
    # in place: set aside, and neither named nor cued where the text asks ("the website
    # is fine" sets the materials method aside only when no leaflet is asked for)
    in_place = kept_as_is - said - set(counts)
    for i, method in enumerate(dataset.methods):  # "kotihoito, terveysasema, TE-toimisto"
        many = method.cue_many
        if many and _listed(dataset, text, wanted, many.question) >= many.at_least:
            counts[i] = counts.get(i, 0) + 1
    for i, count in counts.items():
        if i in kept_as_is:
            continue
        method_id = dataset.methods[i].id
        out[method_id] = max(out[method_id], 1.0 if count > 1 else _ONE_CUE)
    for i, words_of_cues in cue_words.items():
        for cue in words_of_cues:
            matched[dataset.methods[i].id][cue] = float("inf")  # a cue shows first
    for i in named:
        out[dataset.methods[i].id] = 1.0
    shown = {
        method_id: tuple(sorted(found, key=lambda w: -found[w])[:_MATCHED])
        for method_id, found in matched.items()
        if out[method_id] > 0
    }
    return Relevance(
        out,
        frozenset(dataset.methods[i].id for i in named),
        shown,
        frozenset(dataset.methods[i].id for i in in_place),
        frozenset(dataset.methods[i].id for i in _discussed(dataset, text)),
    )


def _discussed(dataset: Dataset, text: Text) -> set[int]:
    """The methods the text names or cues anywhere, set aside or negated too."""
    counts, _ = _cue_counts(dataset, text.langs, text.words, text.token_words)
    return _named(dataset, text.words) | set(counts)


def _set_aside_methods(dataset: Dataset, text: Text, aside: Set[int]) -> set[int]:
    """The methods named, or called by a cue of theirs, in the words set aside."""
    if not aside:
        return set()
    words = tuple(w for w in text.words if w.token.pos in aside)
    every = tuple(w for w in text.token_words if w.token.pos in aside)
    return _named(dataset, words) | set(_cue_counts(dataset, text.langs, words, every)[0])


def _telling(word: Word) -> bool:
    """Whether a word that met a method's text is worth showing as what matched: not a
    number, not a short word ("one", "the", "12")."""
    folded = word.token.folded
    return len(folded) > 3 and not any(ch.isdigit() for ch in folded)


def _listed(dataset: Dataset, text: Text, mentions: Sequence[Mention], key: str) -> int:
    """The most values of a question the text lists together ("kotihoito, terveysasema ja
    sosiaalityöntekijä": each within `_LISTED` words of the one before, in one sentence),
    broad values not counted (child welfare and its social worker are one service)."""
    number = question_number(dataset, key)
    question = dataset.question(key)
    found = sorted((m for m in mentions if m.term.question == number), key=lambda m: m.first)
    most = 0
    values: set[int] = set()
    last: int | None = None  # where the list so far ends
    for mention in found:
        listed = (
            last is not None
            and mention.first - last <= _LISTED
            and text.sentence[mention.first] == text.sentence[last]
        )
        if not listed:
            values = set()
        if not question.values[mention.term.value].broad:
            values.add(mention.term.value)
        last = mention.last
        most = max(most, len(values))
    return most


class _CueIndex(Record):
    terms: tuple[tuple[int, int], ...]  # (method, number of words) per cue of content words
    words: WordIndex
    phrases: PhraseIndex  # the cues with function words, found whole
    phrase_methods: tuple[int, ...]  # the method of each of those phrases


@per_object_and_langs
def _cue_index(dataset: Dataset, langs: tuple[Lang, ...]) -> _CueIndex:
    """(method, number of words) per cue, and their words; and the cues with function
    words ("own experience") as (method, every word), found only whole. The cues of the
    description's language(s) only, as the lexicon's keywords: 3.5 -> 2.4 ms of every
    --describe (measured in process; a method's names count in every language)."""
    terms: list[tuple[int, int]] = []
    phrases: list[tuple[Word, ...]] = []
    phrase_methods: list[int] = []
    index = WordIndex()
    for number, method in enumerate(dataset.methods):
        for lang in langs:
            for cue in method.cues.get(lang):
                words, whole = term_words(cue, lang)
                if whole:
                    phrases.append(words)
                    phrase_methods.append(number)
                elif words:
                    index.add(len(terms), 0, words)
                    terms.append((number, len(words)))
    return _CueIndex(tuple(terms), index, PhraseIndex(phrases), tuple(phrase_methods))


def _cue_counts(
    dataset: Dataset, langs: tuple[Lang, ...], words: tuple[Word, ...], every: tuple[Word, ...]
) -> tuple[dict[int, int], dict[int, list[str]]]:
    """How many different cues of each method the text contains, and their words: `words`
    its kept content words, `every` its kept words with the function words."""
    index = _cue_index(dataset, langs)
    counts: dict[int, int] = {}
    cue_words: dict[int, list[str]] = {}
    for term, used in _found(index.words, words, index.terms).items():
        method = index.terms[term][0]
        counts[method] = counts.get(method, 0) + 1
        cue_words.setdefault(method, []).append(" ".join(used))
    seen: set[int] = set()
    for ident, places in index.phrases.find(every):
        if ident in seen:
            continue
        seen.add(ident)
        method = index.phrase_methods[ident]
        counts[method] = counts.get(method, 0) + 1
        cue_words.setdefault(method, []).append(" ".join(every[p].token.text for p in places))
    return counts, cue_words


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
    return {terms[t][0] for t in _found(index, words, terms, ("whole",))}


def _found(
    index: WordIndex,
    words: tuple[Word, ...],
    terms: tuple[tuple[int, int], ...],
    kinds: tuple[MatchKind, ...] = ("whole", "head"),
) -> dict[int, tuple[str, ...]]:
    """The terms of an index whose every word the text has, close together, with the
    text's words that met them."""
    met: dict[int, dict[int, list[tuple[Word, MatchKind]]]] = {}
    for word in words:
        for hit in index.lookup(word, fuzzy=False):
            if hit.kind in kinds:
                met.setdefault(hit.doc, {}).setdefault(hit.word.token.pos, []).append(
                    (word, hit.kind)
                )
    found: dict[int, tuple[str, ...]] = {}
    for term, by_position in met.items():
        used = placed(terms[term][1], by_position)
        if used is not None:
            found[term] = tuple(word.token.text for word, _ in used)
    return found
