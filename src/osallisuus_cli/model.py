"""Frozen dataclasses shared by the core: the dataset, a planner's answers and results.

Nothing here reads files or prints; `dataset.py` builds these, `scoring.py` and
friends compute with them, the renderers turn them into text or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["fi", "en"]
LANGS: tuple[Lang, ...] = ("fi", "en")


@dataclass(frozen=True)
class Text:
    """A piece of human text in Finnish and English."""

    fi: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.fi if lang == "fi" else self.en


@dataclass(frozen=True)
class Terms:
    """Words in base form, per language (aliases or keywords)."""

    fi: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return self.fi + self.en


@dataclass(frozen=True)
class Source:
    """A document a method's description comes from (the seed's Lisätietoja)."""

    id: str
    author: str
    year: str
    title: Text
    publisher: Text
    citation: Text  # the Lisätietoja cell, verbatim in Finnish, without the URL
    url: str | None = None

    def cell(self, lang: Lang) -> str:
        """The citation as the seed's cell shows it: the text, then the URL if any."""
        text = self.citation.get(lang)
        return f"{text} {self.url}" if self.url else text


@dataclass(frozen=True)
class Value:
    """One answer a question accepts, with the words that mean it."""

    slug: str
    label: Text
    aliases: Terms = Terms()
    keywords: Terms = Terms()


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire (a flag of `recommend`)."""

    key: str  # the JSON key in `answers`, e.g. "target_groups"
    flag: str  # the long option, e.g. "--target-group"
    prompt: Text
    multiple: bool
    boolean: bool  # answered yes/no; JSON shows true/false
    weight: int  # how much this question counts in a score (0 = not scored)
    why: Text  # why it counts that much
    values: tuple[Value, ...]

    def value(self, slug: str) -> Value | None:
        return next((v for v in self.values if v.slug == slug), None)


@dataclass(frozen=True)
class Fit:
    """How well a method suits one answer value, and why (checkable against the seed)."""

    question: str
    value: str
    weight: int  # 1 = marginal ... 5 = what the method is made for (scale in the dataset)
    why: Text


@dataclass(frozen=True)
class Requirement:
    """A condition the method cannot do without, e.g. Bikva's external facilitator."""

    question: str
    value: str
    why: Text


@dataclass(frozen=True)
class Method:
    """One participation method: seed text in both languages, fit weights and requirements."""

    id: str
    name: Text
    goal: Text
    description: Text
    source_id: str
    aliases: Terms = Terms()
    keywords: Terms = Terms()
    fits: tuple[Fit, ...] = ()
    requirements: tuple[Requirement, ...] = ()

    def fit(self, question: str, value: str) -> Fit | None:
        return next((f for f in self.fits if f.question == question and f.value == value), None)

    def values_for(self, question: str) -> tuple[str, ...]:
        """The values this method fits for a question, best fit first."""
        fits = sorted((f for f in self.fits if f.question == question), key=lambda f: -f.weight)
        return tuple(f.value for f in fits)


@dataclass(frozen=True)
class Dataset:
    """A validated catalogue: sources, the questions with their values, and the methods."""

    schema_version: int
    path: str
    max_weight: int  # the top of the fit scale (3)
    describe_weight: int  # how much text relevance counts for --describe
    describe_why: Text
    sources: tuple[Source, ...]
    questions: tuple[Question, ...]
    methods: tuple[Method, ...]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def question(self, key: str) -> Question:
        return next(q for q in self.questions if q.key == key)

    def method(self, method_id: str) -> Method | None:
        return next((m for m in self.methods if m.id == method_id), None)


@dataclass(frozen=True)
class Understood:
    """An answer read from free text, with the words it came from."""

    question: str
    value: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Answers:
    """A planner's answers: question key -> canonical value slugs (empty = unanswered)."""

    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    describe: str | None = None
    understood: tuple[Understood, ...] = ()

    def get(self, question: str) -> tuple[str, ...]:
        return self.choices.get(question, ())

    def is_empty(self) -> bool:
        return not any(self.choices.values()) and not self.describe


ReasonKind = Literal["fit", "partial", "miss"]


@dataclass(frozen=True)
class Reason:
    """Why a method's score is what it is, for one answer value (or the text relevance)."""

    question: str
    value: str
    kind: ReasonKind
    weight: int
    why: Text | None  # the dataset's reason for the fit; None for a miss


@dataclass(frozen=True)
class Warning:
    """A requirement of the method that the answers leave unmet."""

    question: str
    value: str
    why: Text


@dataclass(frozen=True)
class Recommendation:
    """One ranked method with its score, reasons and warnings."""

    rank: int
    method: Method
    score: int  # 0-100
    reasons: tuple[Reason, ...]
    warnings: tuple[Warning, ...]
    relevance: float | None = None  # text relevance 0-1 when --describe was used


@dataclass(frozen=True)
class SearchHit:
    """One method found by `search`, with the best-matching snippet."""

    method: Method
    score: int  # 0-100
    field: str  # which field matched best, e.g. "description"
    lang: Lang
    snippet: str
    spans: tuple[tuple[int, int], ...]  # character spans of the matches in snippet
