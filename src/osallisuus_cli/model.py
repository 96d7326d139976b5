"""The core's records: the dataset, a planner's answers, and each command's result.

Nothing here reads files or prints; `dataset.py` builds these, `core.py` and the
algorithms compute with them, the renderers turn them into text or JSON.

Records are `NamedTuple`s: immutable like frozen dataclasses, and cheaper to define,
which every run pays at start-up (20 classes: 1.0 ms as NamedTuples, 6.2 ms as frozen
dataclasses, measured with `python -X importtime`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

Lang = Literal["fi", "en"]
LANGS: tuple[Lang, ...] = ("fi", "en")


def as_lang(code: str) -> Lang:
    """A language code as the `Lang` type: "fi" is Finnish, anything else English."""
    return "fi" if code == "fi" else "en"


class Bilingual(NamedTuple):
    """A piece of human text in Finnish and English."""

    fi: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.fi if lang == "fi" else self.en


class Terms(NamedTuple):
    """Words in base form, per language (aliases or keywords)."""

    fi: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def get(self, lang: Lang) -> tuple[str, ...]:
        return self.fi if lang == "fi" else self.en

    def all(self) -> tuple[str, ...]:
        return self.fi + self.en


class Source(NamedTuple):
    """A document a method's description comes from (the seed's Lisätietoja)."""

    id: str
    author: str
    year: str
    title: Bilingual
    publisher: Bilingual
    citation: Bilingual  # the Lisätietoja cell, verbatim in Finnish, without the URL
    url: str | None = None

    def cell(self, lang: Lang) -> str:
        """The citation as the seed's cell shows it: the text, then the URL if any."""
        text = self.citation.get(lang)
        return f"{text} {self.url}" if self.url else text


class Weighted(NamedTuple):
    """A weight with its reason."""

    weight: int
    why: Bilingual


class Value(NamedTuple):
    """One answer a question accepts, with the words that mean it."""

    slug: str
    label: Bilingual
    aliases: Terms = Terms()
    keywords: Terms = Terms()
    broad: bool = False  # read from text only when no narrower value of its question is


class Question(NamedTuple):
    """One question of the questionnaire (an answer option of `recommend`)."""

    key: str  # the JSON key in `answers`, e.g. "target_groups"
    flag: str  # the long option, e.g. "--target-group"
    label: Bilingual  # what the question is called in tables, e.g. "target groups"
    prompt: Bilingual
    weight: int  # how much this question counts in a score (0 = not scored)
    why: Bilingual  # why it counts that much
    values: tuple[Value, ...]
    multiple: bool = False
    boolean: bool = False  # answered yes/no; JSON shows true/false
    must_fit: Bilingual | None = None  # why a method fitting none of the answers is left out
    miss: Weighted | None = None  # per cent of the score kept when a method fits none

    def value(self, slug: str) -> Value | None:
        return next((v for v in self.values if v.slug == slug), None)

    def value_label(self, slug: str, lang: Lang) -> str:
        """The label of a value in a language; the slug itself for an unknown value."""
        value = self.value(slug)
        return value.label.get(lang) if value else slug


class Fit(NamedTuple):
    """How well a method suits one answer value, and why (checkable against the seed)."""

    question: str
    value: str
    weight: int  # 1 = marginal ... the dataset's max_weight = what the method is made for
    why: Bilingual


class Requirement(NamedTuple):
    """A condition the method cannot do without, e.g. Bikva's external facilitator."""

    question: str
    value: str
    why: Bilingual


class Method(NamedTuple):
    """One participation method: seed text in both languages, fit weights and requirements."""

    id: str
    name: Bilingual
    goal: Bilingual
    description: Bilingual
    source_id: str
    aliases: Terms = Terms()
    keywords: Terms = Terms()
    cues: Terms = Terms()  # phrases of a situation that point at this method above others
    fits: tuple[Fit, ...] = ()
    requirements: tuple[Requirement, ...] = ()

    def fit(self, question: str, value: str) -> Fit | None:
        return next((f for f in self.fits if f.question == question and f.value == value), None)

    def fits_for(self, question: str) -> tuple[Fit, ...]:
        """The method's fits for one question, in the dataset's order."""
        return tuple(f for f in self.fits if f.question == question)

    def values_for(self, question: str) -> tuple[str, ...]:
        """The values this method fits for a question, best fit first."""
        fits = sorted(self.fits_for(question), key=lambda f: -f.weight)
        return tuple(f.value for f in fits)


class Scoring(NamedTuple):
    """How scores are computed: the top of the fit scale and what free text counts."""

    max_weight: int  # the top of the fit scale
    describe: Weighted  # how much text relevance counts for --describe
    uncovered: Weighted  # per cent of a question's fit lost when no value given is fitted


class Language(NamedTuple):
    """Words that change how a description is read, per language."""

    negation: Terms  # "ei", "without": the answer next to it is not so
    uncertain: Terms  # "maybe", "jos": the answer next to it is not sure
    breaks: Terms  # "but", "mutta": a negation does not reach across them
    generic: Terms  # "people", "ongelma": never an answer on their own


class Dataset(NamedTuple):
    """A validated catalogue: sources, the questions with their values, and the methods."""

    path: str
    scoring: Scoring
    language: Language
    sources: tuple[Source, ...]
    questions: tuple[Question, ...]
    methods: tuple[Method, ...]

    @property
    def max_weight(self) -> int:
        return self.scoring.max_weight

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def question(self, key: str) -> Question:
        return next(q for q in self.questions if q.key == key)

    def method(self, method_id: str) -> Method | None:
        return next((m for m in self.methods if m.id == method_id), None)


# -- a planner's answers ----------------------------------------------------------------


class Understood(NamedTuple):
    """An answer read from free text, with the words it came from."""

    question: str
    value: str
    words: tuple[str, ...]
    by_name: bool = True  # from a value's label or alias, not only a looser keyword


class Unsure(NamedTuple):
    """A yes/no answer the text touches but does not settle (a maybe, an if)."""

    question: str
    words: tuple[str, ...]


class Answers(NamedTuple):
    """A planner's answers: question key -> canonical value slugs (empty = unanswered)."""

    choices: Mapping[str, tuple[str, ...]]
    describe: str | None = None
    understood: tuple[Understood, ...] = ()
    unsure: tuple[Unsure, ...] = ()
    relevance: Mapping[str, float] | None = None  # method id -> 0-1, from the description
    named: frozenset[str] = frozenset()  # methods the description names
    tentative: frozenset[str] = frozenset()  # questions read from text through keywords only

    def get(self, question: str) -> tuple[str, ...]:
        return self.choices.get(question, ())

    def is_empty(self) -> bool:
        return not any(self.choices.values()) and not self.describe


# -- results ----------------------------------------------------------------------------

ReasonKind = Literal["fit", "partial", "miss"]


class Reason(NamedTuple):
    """Why a method's score is what it is, for one answer value (or the text relevance)."""

    question: str
    value: str
    kind: ReasonKind
    weight: int
    why: Bilingual | None  # the dataset's reason for the fit; None for a miss
    keep: int | None = None  # a miss of the whole question: per cent of the score kept


class Unmet(NamedTuple):
    """A requirement of the method that the answers leave unmet."""

    question: str
    value: str
    why: Bilingual


class Recommendation(NamedTuple):
    """One ranked method with its score, reasons and warnings."""

    rank: int
    method: Method
    score: int  # 0-100
    reasons: tuple[Reason, ...]
    warnings: tuple[Unmet, ...]


LeftOutBecause = Literal["purpose", "nothing"]


class LeftOut(NamedTuple):
    """A method not ranked: it serves none of the purposes given, or fits no answer."""

    method: Method
    because: LeftOutBecause
    question: str = ""  # the question it fits none of (for "purpose")


class Ranking(NamedTuple):
    """Every method, ranked or left out."""

    results: tuple[Recommendation, ...]
    left_out: tuple[LeftOut, ...]


class Explanation(NamedTuple):
    """Why one method ranks where it does, or is left out: `recommend --explain`."""

    method: Method
    result: Recommendation | None  # None when left out
    left_out: LeftOut | None
    first: Recommendation | None  # what ranks first, to compare with
    ranked: int  # how many methods are ranked


class SearchHit(NamedTuple):
    """One method found by `search`, with the best-matching snippet."""

    method: Method
    score: int  # 0-100
    field: str  # which field matched best, e.g. "description"
    lang: Lang
    snippet: str
    spans: tuple[tuple[int, int], ...]  # character spans of the matches in snippet


# One record per command, so that each renderer takes exactly what its command made.


class MethodList(NamedTuple):
    """`list`: the catalogue, or the part of it the filters kept."""

    dataset: Dataset
    methods: tuple[Method, ...]


class MethodCard(NamedTuple):
    """`show`: one method in full."""

    dataset: Dataset
    method: Method


class Comparison(NamedTuple):
    """`compare`: two or more methods side by side."""

    dataset: Dataset
    methods: tuple[Method, ...]


class SearchResult(NamedTuple):
    """`search`: the query and the methods it found, best first."""

    query: str
    hits: tuple[SearchHit, ...]


class RecommendResult(NamedTuple):
    """`recommend`: the answers as understood and the ranked methods."""

    dataset: Dataset
    answers: Answers
    results: tuple[Recommendation, ...]
    left_out: tuple[LeftOut, ...] = ()
    explained: tuple[Explanation, ...] = ()
    rerun: str | None = None  # the questionnaire's answers as a command line


class Validation(NamedTuple):
    """`validate`: a dataset file that passed, and how many methods it holds."""

    file: str
    methods: int


class Handout(NamedTuple):
    """`export`: the methods to hand out, in which format, and where to."""

    dataset: Dataset
    methods: tuple[Method, ...]
    format: str  # markdown, html or json
    output: str | None  # a file name; None = standard output


Result = (
    MethodList | MethodCard | Comparison | SearchResult | RecommendResult | Validation | Handout
)
