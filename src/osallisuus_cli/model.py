"""The core's records: the dataset, a planner's answers, and each command's result.

Nothing here reads files or prints; `dataset.py` builds these, `core.py` and the
algorithms compute with them, the renderers turn them into text or JSON.

Records are `records.Record`s, the `typing.NamedTuple`s of type checkers: immutable
like frozen dataclasses, and cheaper to define, which every run pays at start-up (20
classes: 1.0 ms as NamedTuples, 6.2 ms as frozen dataclasses, measured with `python -X
importtime`; `records.py` says what defining them as records saves beyond that).

This module does without `from __future__ import annotations`, which gained it 3.8 ms
while `typing.NamedTuple` compiled each string annotation; a record reads none, and
evaluating them costs under 0.1 ms. The one name used before its class is defined is
quoted.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, Protocol

from .errors import Problem
from .records import Record

Lang = Literal["fi", "en"]
LANGS: tuple[Lang, ...] = ("fi", "en")


def as_lang(code: str) -> Lang:
    """A language code as the `Lang` type: "fi" is Finnish, anything else English."""
    return "fi" if code == "fi" else "en"


class Bilingual(Record):
    """A piece of human text in Finnish and English."""

    fi: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.fi if lang == "fi" else self.en


class Terms(Record):
    """Words in base form, per language (aliases or keywords)."""

    fi: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def get(self, lang: Lang) -> tuple[str, ...]:
        return self.fi if lang == "fi" else self.en

    def all(self) -> tuple[str, ...]:
        return self.fi + self.en


JUDGEMENT = "judgement"  # the source of a statement that is the editors' own judgement


class Source(Record):
    """A document statements about methods come from, e.g. the seed's Lisätietoja."""

    id: str
    author: str
    title: Bilingual
    publisher: Bilingual
    citation: Bilingual  # the full reference; for the seed, its Lisätietoja cell verbatim
    year: str | None = None
    url: str | None = None
    label: str | None = None  # what people see beside a statement, e.g. "Espoo 2010"
    kind: str | None = None  # article, web page, law, report, book, guide

    def short(self) -> str:
        """The label people see: the record's own, else its author and year."""
        if self.label:
            return self.label
        return f"{self.author} {self.year}" if self.year else self.author

    def cell(self, lang: Lang) -> str:
        """The citation as the seed's cell shows it: the text, then the URL if any."""
        text = self.citation.get(lang)
        return f"{text} {self.url}" if self.url else text


class Weighted(Record):
    """A weight with its reason."""

    weight: int
    why: Bilingual


class Value(Record):
    """One answer a question accepts, with the words that mean it."""

    slug: str
    label: Bilingual
    aliases: Terms = Terms()
    keywords: Terms = Terms()
    broad: bool = False  # read from text only when no narrower value of its question is
    # read over a value of a single-answer question that only its keywords name ("once
    # a month for one year": a stated span bounds the rhythm)
    prevails: bool = False
    # values of its question that a text naming this one in the same sentence means as
    # part of it: evaluating and producing client materials is the materials method
    covers: tuple[str, ...] = ()
    # of a service made for one group, that group ("question:value"): the clients or users
    # of disability services a text names are disabled people
    clients_are: str = ""
    # an answer ("question:value") that, read while this value's question has no answer,
    # answers it with this value: one client's case with no aim said is that case's plan
    implied_by: str = ""


class Question(Record):
    """One question of the questionnaire (an answer option of `recommend`)."""

    key: str  # the JSON key in `answers`, e.g. "target_groups"
    flag: str  # the long option, e.g. "--target-group"
    label: Bilingual  # what the question is called in tables, e.g. "target groups"
    prompt: Bilingual
    weight: int  # how much this question counts in a score (0 = not scored)
    why: Bilingual  # why it counts that much
    values: tuple[Value, ...]
    multiple: bool = False
    # what you have: its values are resources, each answered have, lack or unsure
    # (`Answers.resources`), checked against the methods' needs; never scored
    resources: bool = False
    must_fit: Bilingual | None = None  # why a method fitting none of the answers is left out
    miss: Weighted | None = None  # per cent of the score kept when a method fits none

    def value(self, slug: str) -> Value | None:
        return next((v for v in self.values if v.slug == slug), None)

    def value_label(self, slug: str, lang: Lang) -> str:
        """The label of a value in a language; the slug itself for an unknown value."""
        value = self.value(slug)
        return value.label.get(lang) if value else slug


class Fit(Record):
    """How well a method suits one answer value, and why (checkable against the seed)."""

    question: str
    value: str
    weight: int  # 1 = marginal ... the dataset's max_weight = what the method is made for
    why: Bilingual
    source: str = JUDGEMENT  # a source id, or JUDGEMENT


FitRow = list[Any]  # [weight, fi, en, source or None]: a fit as the cache keeps it


class Fits:
    """A method's fits, each built when it is read from its row (checked on loading, see
    schema._fits).

    Fits are most of a catalogue's records (about 19 a method), and ranking reads one a
    method for each answer given: `recommend -t children` on 1,000 methods builds at
    most 1,000 fits instead of about 19,000, and loads and ranks them 6 ms faster
    (benchmarks/bench_cli.py, json-1000).
    """

    __slots__ = ("_rows",)

    def __init__(self, rows: Mapping[str, Mapping[str, FitRow]]) -> None:
        self._rows = rows  # question -> value slug -> row, in the dataset's order

    @classmethod
    def of(cls, fits: Iterable[Fit]) -> "Fits":
        """Fits already built (a method's fits with other reasons, say)."""
        rows: dict[str, dict[str, FitRow]] = {}
        for f in fits:
            rows.setdefault(f.question, {})[f.value] = [f.weight, f.why.fi, f.why.en, f.source]
        return cls(rows)

    def get(self, question: str, value: str) -> Fit | None:
        row = self._rows.get(question, {}).get(value)
        return None if row is None else _fit(question, value, row)

    def question(self, question: str) -> tuple[Fit, ...]:
        """The fits for one question, in the dataset's order."""
        rows = self._rows.get(question, {})
        return tuple(_fit(question, value, row) for value, row in rows.items())

    def __iter__(self) -> Iterator[Fit]:
        for question in self._rows:
            yield from self.question(question)

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fits) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Fits.of({tuple(self)!r})"


def _fit(question: str, value: str, row: FitRow) -> Fit:
    weight, fi, en, source = row
    return Fit(question, value, weight, Bilingual(fi, en), JUDGEMENT if source is None else source)


NO_FITS = Fits({})


class Requirement(Record):
    """A need the method cannot do without, one of the resources of "what you have", e.g.
    Bikva's external facilitator: lacking, it is a warning; unknown, it is to check."""

    resource: str  # a value of the resources question
    why: Bilingual
    source: str = JUDGEMENT


class Statement(Record):
    """One thing said about a method, in both languages, with where it comes from."""

    why: Bilingual
    source: str  # a source id, or JUDGEMENT


class Knowledge(Record):
    """What a planner needs beyond the seed, each statement sourced."""

    origin: tuple[Statement, ...] = ()
    steps: tuple[Statement, ...] = ()
    roles: tuple[Statement, ...] = ()
    strengths: tuple[Statement, ...] = ()
    limits: tuple[Statement, ...] = ()
    law: tuple[Statement, ...] = ()


KNOWLEDGE_FIELDS = ("origin", "steps", "roles", "strengths", "limits", "law")


class Sourced(Protocol):
    """Anything said about a method with where it comes from."""

    @property
    def why(self) -> Bilingual: ...
    @property
    def source(self) -> str: ...


class Placement(Record):
    """Where a method stands in a framework (IAP2, THL's arenas), and why."""

    framework: str
    value: str
    why: Bilingual
    source: str


class Precondition(Record):
    """What a method takes before it is chosen (a readiness checklist item)."""

    kind: str  # facilitator, coordinator, staff-time, training, payment, influence, ...
    why: Bilingual
    source: str


class FrameworkValue(Record):
    slug: str
    label: Bilingual
    why: Bilingual  # what the step means


class Framework(Record):
    """A way to place methods, e.g. the IAP2 spectrum, with its steps and source."""

    key: str
    label: Bilingual
    source: str
    values: tuple[FrameworkValue, ...]

    def value(self, slug: str) -> FrameworkValue | None:
        return next((v for v in self.values if v.slug == slug), None)


class PhaseWork(Record):
    """What a method does in one phase of the work or one step of a case (`plan`): one of
    its techniques or steps, with its source."""

    phase: str  # a value of the phase question, or a step of the plan's case track
    why: Bilingual
    source: str


class AnswerRef(Record):
    """One answer: a question's key and one of its values."""

    question: str
    value: str


class SafeguardCase(Record):
    """One case in which a safeguard applies: to these methods (none named: to any) when
    the answers name, for each question here, one of its values (none here: always).
    `only` narrows it to answers that lie wholly among some values (early childhood
    education or health care alone, where another act applies); `outside` is the opposite:
    not when the answers to a question lie wholly among them; `if_answered`: a question
    answered must include one of its values (unanswered, the case still holds); `minors`:
    not when the description names the ages of those taking part and all are of age."""

    methods: tuple[str, ...] = ()
    answers: tuple[AnswerRef, ...] = ()
    only: tuple[AnswerRef, ...] = ()
    outside: tuple[AnswerRef, ...] = ()
    if_answered: tuple[AnswerRef, ...] = ()
    minors: bool = False  # only while a minor may take part (`Answers.ages`)
    risks: tuple[str, ...] = ()  # only when the description names one of these risks

    def involves(self, method_id: str) -> bool:
        """Whether the case can concern this method (it names none, or names this one)."""
        return not self.methods or method_id in self.methods

    def questions(self) -> dict[str, tuple[str, ...]]:
        """The answers this case asks for, by question, in the dataset's order."""
        return grouped_refs(self.answers)

    def situational(self) -> bool:
        """Whether only a risk a description names brings the case in (threats: any method
        then), so that it says nothing of the method itself."""
        return bool(self.risks)

    def conditional(self) -> bool:
        """Whether the case depends on the answers at all (else: always, for its methods)."""
        return bool(
            self.answers
            or self.only
            or self.outside
            or self.if_answered
            or self.minors
            or self.risks
        )


def grouped_refs(refs: Sequence[AnswerRef]) -> dict[str, tuple[str, ...]]:
    """Answer references by question, in the order given."""
    grouped: dict[str, tuple[str, ...]] = {}
    for ref in refs:
        grouped[ref.question] = (*grouped.get(ref.question, ()), ref.value)
    return grouped


class StepAdaptation(Record):
    """What a step of a case does differently when one of its cases holds (a client who
    will not have a big meeting, one who communicates without speech): said with the step."""

    when: tuple[SafeguardCase, ...]
    why: Bilingual
    source: str = JUDGEMENT


class MethodDetails(Record):
    """What is known of a method beyond its seed text and fits: built when first read."""

    knowledge: Knowledge = Knowledge()
    placements: tuple[Placement, ...] = ()
    preconditions: tuple[Precondition, ...] = ()
    phase_work: tuple[PhaseWork, ...] = ()
    # how the method is run for these answers in a plan ("a client forum is usually a
    # one-off workshop" for work of fixed length)
    adapt: tuple[StepAdaptation, ...] = ()


class Later:
    """A method's details, built on first use from the data it was given.

    Ranking reads only fits and requirements, while a method's knowledge is half its
    data; building it only for the commands that show it (and keeping it as one JSON
    text in the cache, see cache.py) is what keeps a catalogue of 1,000 methods within
    its budget.
    """

    __slots__ = ("_build", "_built", "_raw")

    def __init__(self, raw: Any, build: Callable[[Any], MethodDetails]) -> None:
        self._raw = raw
        self._build = build
        self._built: MethodDetails | None = None

    def get(self) -> MethodDetails:
        if self._built is None:
            self._built = self._build(self._raw)
        return self._built

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Later) and self.get() == other.get()

    def __hash__(self) -> int:
        return hash(self.get())


NO_DETAILS = Later(None, lambda _: MethodDetails())


class CueMany(Record):
    """At least this many answers of a question read from a description tell a method."""

    question: str
    at_least: int


class Method(Record):
    """One participation method: seed text in both languages, fit weights and requirements."""

    id: str
    name: Bilingual
    goal: Bilingual
    description: Bilingual
    source_id: str
    aliases: Terms = Terms()
    keywords: Terms = Terms()
    cues: Terms = Terms()  # phrases of a situation that point at this method above others
    # so many answers of a question in a description count as one cue: a network meeting
    # gathers the services around one client ("kotihoito, terveysasema, TE-toimisto")
    cue_many: CueMany | None = None
    fits: Fits = NO_FITS
    requirements: tuple[Requirement, ...] = ()
    details: Later = NO_DETAILS

    @property
    def knowledge(self) -> Knowledge:
        return self.details.get().knowledge

    @property
    def placements(self) -> tuple[Placement, ...]:
        return self.details.get().placements

    @property
    def preconditions(self) -> tuple[Precondition, ...]:
        return self.details.get().preconditions

    @property
    def adapt(self) -> tuple[StepAdaptation, ...]:
        return self.details.get().adapt

    def work_in(self, phase: str) -> PhaseWork | None:
        """What the method does in a phase of the work or a step of a case, if known."""
        return next((w for w in self.details.get().phase_work if w.phase == phase), None)

    def fit(self, question: str, value: str) -> Fit | None:
        return self.fits.get(question, value)

    def fits_for(self, question: str) -> tuple[Fit, ...]:
        """The method's fits for one question, in the dataset's order."""
        return self.fits.question(question)

    def values_for(self, question: str) -> tuple[str, ...]:
        """The values this method fits for a question, best fit first."""
        fits = sorted(self.fits_for(question), key=lambda f: -f.weight)
        return tuple(f.value for f in fits)


class PlanMost(Record):
    """The most phases of a development track one method fills (`weight`): a method in
    every phase is no sequence, and a phase it would fill once more is left light. The
    methods of everyday work (`methods`) go on through the phases, each with its own step."""

    weight: int
    why: Bilingual
    methods: tuple[str, ...] = ()  # of everyday work: not limited
    # the most phases a method fills while some need of it is still to check
    unchecked: int | None = None


class Scoring(Record):
    """How scores are computed: the top of the fit scale and what free text counts."""

    max_weight: int  # the top of the fit scale
    describe: Weighted  # how much text relevance counts for --describe
    uncovered: Weighted  # per cent of a question's fit lost when no value given is fitted
    plan_repeat: Weighted  # points above the best new method that a repeat in a plan needs
    plan_phases: tuple[str, ...] = ()  # the phases a plan covers by default
    floor: Weighted | None = None  # per cent of the best score a ranked method needs
    # points below the plan's best method that a method filling a phase may score
    plan_reach: Weighted | None = None
    plan_most: PlanMost | None = None  # the most phases of a development track one fills
    # what you said you have that a method needs counts for it as one more question
    have: Weighted | None = None
    # the most methods a development track uses when the text says the work must be small
    plan_small: Weighted | None = None


class AgeGroup(Record):
    """The answer an age from `low` to `high` years names ("4–5-vuotiaat": children)."""

    value: str
    low: int
    high: int


class Ages(Record):
    """How an age in a description is read, with the reason."""

    question: str  # the question the age groups answer
    groups: tuple[AgeGroup, ...]
    why: Bilingual
    one_person: AnswerRef | None = None  # what one person's age also says
    several_people: AnswerRef | None = None  # what the age of many ("5-year-olds") says
    adult_from: int | None = None  # the age of majority: minors' safeguards end there
    adult_source: str | None = None  # the source that says so
    adult_terms: Terms = Terms()  # "young adults": of age, though no number is given
    # values of the question that say how a group is, not who: "kyselyihin ei vastata"
    # is no other group beside the young people whose ages are given
    traits: tuple[str, ...] = ()


class NamedCase(Record):
    """Someone named and their case: a name in the possessive before a noun of `nouns`
    ("Teron asia", "Tero's case") answers `answer` (one client's case and its plan)."""

    answer: AnswerRef
    nouns: Terms
    why: Bilingual
    # a family named by its surname, as written (singular forms only: "Korhosen perheen",
    # "the Korhonen family."), a clause's last word in English ("Eastern family centre"
    # names a service)
    families: Terms = Terms()


class Whereabouts(Record):
    """A service named as where a family member is ("äiti on sairaalassa") is no answer."""

    service: str  # the question whose answer it undoes
    people: str  # the question whose answers name the person
    values: tuple[str, ...]  # which of its answers are such people
    verbs: Terms  # "olla", "joutua", "is", "admitted": being or going somewhere
    why: Bilingual


class ServedBy(Record):
    """The service a shared service term is when this group is named with it."""

    group: AnswerRef
    service: AnswerRef


class SharedServices(Record):
    """A service any group may have ("päivätoiminta", "day centre") is the service of the
    group named with it in the sentence."""

    terms: Terms
    by_group: tuple[ServedBy, ...]
    why: Bilingual


class Premises(Record):
    """A service named as a place nearby ("viereisen päiväkodin keittiö", "next to a day
    care centre") gives way to a service the text names otherwise."""

    service: str  # the question whose answer it undoes
    words: Terms  # "keittiö", "tilat", "next to", "building"
    why: Bilingual


# What a trigger says of the words in its scope (ConText, Harkema et al. 2009): each but
# `pseudo` (a phrase that only looks like a trigger, "not only") and `terminate` (a word
# that ends a scope, "but") sets a stance (model.Stance).
ContextCategory = Literal[
    "negated",
    "unavailable",
    "available",
    "unsure",
    "hypothetical",
    "set-aside",
    "passing",
    "pseudo",
    "terminate",
    "implies",
]
CONTEXT_CATEGORIES: tuple[ContextCategory, ...] = (
    "negated",
    "unavailable",
    "available",
    "unsure",
    "hypothetical",
    "set-aside",
    "passing",
    "pseudo",
    "terminate",
    "implies",
)
Direction = Literal["forward", "backward", "bidirectional"]
DIRECTIONS: tuple[Direction, ...] = ("forward", "backward", "bidirectional")
ScopeUnit = Literal["clause", "sentence"]
SCOPE_UNITS: tuple[ScopeUnit, ...] = ("clause", "sentence")


class ContextRules(Record):
    """Trigger rules that share a category, a direction and a scope: one rule per literal,
    in medspaCy's ConTextRule shape (literal, category, direction, max_scope, allowed and
    excluded types)."""

    category: ContextCategory
    literals: Terms  # the triggers, per language, in base forms (inflection is matched)
    direction: Direction = "bidirectional"  # where its targets stand: after, before, either
    max_scope: int | None = None  # at most so many words from the trigger; None: the unit
    scope: ScopeUnit = "clause"  # a clause ends at a punctuation mark or a terminate word
    # the answers it may set a stance on: question keys, or "question:value"; none = all
    allowed: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    # the trigger counts only when one of these words follows it in its sentence: "not a
    # panel ..., but trained people", "ei raatia, vaan koulutettuja"
    contrast: tuple[str, ...] = ()
    # an `implies` rule: the "question:value" a mention it reaches reads too, its own
    # stance unchanged ("no feedback from them": feedback still, and a hard-to-reach group)
    reads: str = ""
    # a `terminate` word that ends a clause only after a negation in its sentence: "ei
    # raatia vaan ryhmä"; spoken, without one, "vaan" is "vain" ("vanhemmille vaan
    # tiedotetaan")
    after_negation: bool = False
    # a `set-aside` rule that says what is in place as it is ("works well", "stays"): what
    # it speaks of is kept as it is; false for "already", which may say only that a
    # thing is in use ("the kids already keep portfolios")
    keeps: bool = True
    # a `set-aside` rule of what was tried and failed: the risks said of it still count
    # ("the meeting went wrong: Iida walked out")
    failure: bool = False


class Context(Record):
    """How a sentence speaks of what it mentions: the trigger rules, with their reason."""

    rules: tuple[ContextRules, ...]
    why: Bilingual
    source: str = JUDGEMENT


class Drops(Record):
    """Words of a risk that take an answer away: the client "does not want his parents
    involved", so the families do not take part however else the text names them."""

    answer: AnswerRef
    terms: Terms


class Together(Record):
    """Words that name a risk only in a sentence with one of `near`: "löi" with "isäpuoli",
    "pushed" with "his wife"."""

    terms: Terms
    near: Terms


class Risk(Record):
    """A risk a description can name ("has threatened staff", "päihtyneitä asiakkaita"),
    which brings in the safeguards whose cases name it (`SafeguardCase.risks`)."""

    id: str
    terms: Terms
    why: Bilingual
    drops: Drops | None = None
    together: Together | None = None
    # a risk to someone's safety: only a negation right before it takes it away, never a
    # word that sets something aside ("rikosilmoitus on tehty, kun se löi Eetua")
    safety: bool = False


class TimingWords(Record):
    """Words that say when the work must be ready and who decides (`language.timing`)."""

    when: Terms  # "toukokuu", "within a month": a time
    due: Terms  # "mennessä", "must", "goes to": a time in a sentence with one is due
    past: Terms  # "viime", "last": a time right after one is past, no deadline
    deciders: Terms  # "johtoryhmä", "the county board"
    not_deciders: Terms  # "nuorisovaltuusto", "youth council": heard, not deciding
    why: Bilingual
    counts: Terms = Terms()  # "kolmen", "six": a count before a span is part of it
    next_to: Terms = Terms()  # "by", "mennessä": due only right next to a time
    units: Terms = Terms()  # "weeks", "viikon": a time only after a count
    ahead: Terms = Terms()  # "in", "päästä": next to a count and a unit, a deadline
    # a deadline with no duration said: the work is of fixed length (question and value)
    implies: AnswerRef | None = None
    # "two staff evenings max", "ei lisäresursseja": the work must stay small
    small: Terms = Terms()
    # how a deadline as written becomes a date (`schedule`): the months in order, words
    # of a month's start or middle, units of weeks and months, and the year's end; all
    # as the start of the words they begin ("huhtikuu" begins "huhtikuussa")
    months: Terms = Terms()
    month_start: Terms = Terms()
    month_middle: Terms = Terms()
    week_units: Terms = Terms()
    month_units: Terms = Terms()
    year_end: Terms = Terms()


class Timing(Record):
    """When a description says the work must be ready, and who decides: its own words."""

    deadlines: tuple[str, ...] = ()
    deciders: tuple[str, ...] = ()
    small: tuple[str, ...] = ()  # the words that say the work must stay small


class Language(Record):
    """Words that change how a description is read, per language."""

    generic: Terms  # "people", "ongelma": never an answer on their own
    context: Context | None = None  # "pulled out", "ei ole kyse": each mention's stance
    # "who", "joka": after a comma they begin a relative clause, which goes on the clause
    # before it ("a lecturer, who has done interviews for years, promised to run them")
    relative: Terms = Terms()
    # "and", "ja": a comma before a word or two and one of these lists ("interpreters for
    # Somali, Arabic and Ukrainian are confirmed"): it ends no clause
    lists: Terms = Terms()
    # "siihen", "for it": a clause that points back is about the clause before it too
    # ("pitäisi maksaa palkkio, eikä budjetissa ole siihen euroakaan")
    refers_back: Terms = Terms()
    # "which", "with": of the relative words, those that begin a relative clause only
    # after a comma ("a coordinator who has no part in it" needs none)
    relative_comma_only: Terms = Terms()
    # "she", "hän": a sentence that speaks of someone just named says whether you have
    # what the sentence before named ("Marko ... He confirmed that he can do it")
    same_person: Terms = Terms()
    # "Pääasia:", "the main thing:": who takes part and what for, when the rest of the
    # sentence says them, are what it says; the same answers read elsewhere are not asked
    main_ask: Terms = Terms()
    # "Toinen asia:", "Separate issue:": a new matter begins ("2)" too, without words)
    matters: Terms = Terms()
    abbreviations: Terms = Terms()  # "esim", "e.g": a full stop after them ends no sentence
    # "suunnittelija", "päällikkö": a compound with one of these as its head is a person's
    # title, and its first part answers nothing ("kehittämissuunnittelija" asks no co-design)
    title_heads: Terms = Terms()
    ages: Ages | None = None  # "9-year-old", "75-vuotiaat": who takes part
    named_case: NamedCase | None = None  # "Teron asia", "Tero's case": one client's case
    whereabouts: Whereabouts | None = None  # "her mother is in hospital": no service
    shared_services: SharedServices | None = None  # "kehitysvammaisten päivätoiminta"
    premises: Premises | None = None  # "next to a day care centre": no service
    risks: tuple[Risk, ...] = ()  # "uhannut työntekijöitä": the safeguards it brings in
    timing: TimingWords | None = None  # "by May", "the county board": the deadline


class Safeguard(Record):
    """What must be in place to run a method safely and lawfully with the people named
    (a minor's consent, interpreting, respite for carers, ...), with its source."""

    id: str
    kind: str  # consent, anonymity, confidentiality, voluntariness, interpreting, ...
    label: Bilingual  # a short name, e.g. "the child's own view"
    why: Bilingual  # what to do, and what the source says
    source: str  # a source id, or JUDGEMENT
    when: tuple[SafeguardCase, ...]  # it applies in any of these cases
    resource: str = ""  # what you have that provides it (interpreter, respite), if any
    lacking: bool = False  # for these answers: they say that resource is lacking


class CaseStep(Record):
    """One step of work on a client's or family's case (prepare, meet, ...)."""

    slug: str
    label: Bilingual
    why: Bilingual  # what happens in the step, whatever the method
    source: str = JUDGEMENT
    adapt: tuple[StepAdaptation, ...] = ()  # what it does differently for these people


class CasePreference(Record):
    """A case method that comes first when one of its cases holds, whatever scores higher:
    after a refused or failed meeting, a small network meeting on the client's terms."""

    method: str
    when: tuple[SafeguardCase, ...]
    why: Bilingual
    source: str = JUDGEMENT


class CaseRules(Record):
    """When a plan has a case track, which methods are case methods, and the case's steps."""

    answers: tuple[AnswerRef, ...]  # the answers that ask for it, by question in order
    methods: tuple[AnswerRef, ...]  # a case method fits one of these ...
    at_least: int  # ... at least this much
    why: Bilingual
    source: str
    steps: tuple[CaseStep, ...]
    # answers that belong to a case when said with it (hearing the client's own views):
    # they ask for no development track of their own
    within: tuple[AnswerRef, ...] = ()
    prefer: tuple[CasePreference, ...] = ()  # the case method first when its case holds


class HeardGroup(Record):
    """How one group takes part itself: the safeguards that let it (`means`, safeguard
    ids), how to hear it in a form it can use, and how to tell it what came of its views."""

    group: str  # a value of the question naming who takes part
    means: tuple[str, ...] = ()
    how: Statement | None = None
    loop: Statement | None = None  # in developing a service
    case_how: Statement | None = None  # how to hear it in one client's or family's case
    case_loop: Statement | None = None  # in one client's or family's case
    # in one client's case when every age the description gives is of age
    # (`language.ages.adult_from`): a 19-year-old is no child of the Child Welfare Act
    adult_case_how: Statement | None = None
    adult_case_loop: Statement | None = None

    def in_case(self, of_age: bool) -> tuple[Statement | None, Statement | None]:
        """How to hear the group in one client's case, and how to tell it what came of it."""
        if of_age:
            return (self.adult_case_how or self.case_how, self.adult_case_loop or self.case_loop)
        return self.case_how, self.case_loop


class HeardRules(Record):
    """Each group named takes part itself: who counts as heard, and who may speak for others."""

    question: str  # the question naming who takes part
    at_least: int  # a method hears a group directly when it fits it at least this much
    relatives: tuple[AnswerRef, ...]  # groups that may speak for others (the plan says so)
    means: tuple[str, ...]  # safeguard kinds that let people take part themselves
    why: Bilingual
    source: str
    groups: tuple[HeardGroup, ...] = ()  # per group: its means, how it is heard, its loop
    unheard: Statement | None = None  # what to do when no method can hear a group

    def of(self, group: str) -> HeardGroup | None:
        return next((g for g in self.groups if g.group == group), None)


class TimingRules(Record):
    """What a plan says of a deadline ({when}) and of who decides ({who})."""

    development: tuple[Statement, ...]
    case: tuple[Statement, ...]
    decider: Statement
    # a first schedule from today to the deadline ({today}, {due}, {steps}), each step as
    # `step` says it ({step}, {date})
    schedule: Statement | None = None
    step: Bilingual | None = None


class RiskStatement(Record):
    """What a plan's development track says when the description names a risk
    (`language.risks`): the county's influence bodies are heard on the draft."""

    risk: str
    why: Bilingual
    source: str


class LoopRules(Record):
    """How participants hear what was done with their views, per track, and what the
    development track adds for a risk named."""

    case: tuple[Statement, ...] = ()
    development: tuple[Statement, ...] = ()
    risks: tuple[RiskStatement, ...] = ()


class AskedTopic(Record):
    """A question planners ask in their texts ("voisiko tehdä vain nettikyselyn?", "they
    are afraid it goes into their records"), answered in the plan: asked when a sentence
    names one of its `terms` and is a question or has one of its `cues`."""

    slug: str
    label: Bilingual
    terms: Terms
    cues: Terms
    answer: tuple[Statement, ...]
    # the tracks whose plan it is answered in (none: any); a promise about development
    # work is no answer in a client's own case
    tracks: tuple[str, ...] = ()


class OnlyWhenAsked(Record):
    """A method that fills a development phase only when one of these answers is asked."""

    method: str
    answers: tuple[AnswerRef, ...]


class DevelopmentRules(Record):
    """What keeps a method out of a development phase: it is for something not asked
    (`only_when_asked`), with the reason and its source."""

    only_when_asked: tuple[OnlyWhenAsked, ...]
    why: Bilingual
    source: str


class PlanRules(Record):
    """How `plan` builds its tracks (the dataset's `plan` section)."""

    case: CaseRules | None = None
    heard: HeardRules | None = None
    development: DevelopmentRules | None = None
    feeds: tuple[Statement, ...] = ()  # how case work feeds development
    close_the_loop: LoopRules = LoopRules()
    timing: TimingRules | None = None
    asked: tuple[AskedTopic, ...] = ()  # questions a text asks, answered


class Dataset(Record):
    """A validated catalogue: sources, the questions with their values, and the methods."""

    path: str
    scoring: Scoring
    language: Language
    sources: tuple[Source, ...]
    questions: tuple[Question, ...]
    methods: tuple[Method, ...]
    frameworks: tuple[Framework, ...] = ()
    origins: Mapping[str, str] = MappingProxyType({})  # method id -> the file it comes from
    safeguards: tuple[Safeguard, ...] = ()
    plan: PlanRules = PlanRules()

    @property
    def max_weight(self) -> int:
        return self.scoring.max_weight

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def origin(self, method_id: str) -> str:
        """Where a method comes from: "bundled", or the file that adds it, or this file."""
        return self.origins.get(method_id) or self.path

    def framework(self, key: str) -> Framework | None:
        return next((f for f in self.frameworks if f.key == key), None)

    def question(self, key: str) -> Question:
        return next(q for q in self.questions if q.key == key)

    def method(self, method_id: str) -> Method | None:
        return next((m for m in self.methods if m.id == method_id), None)


# -- a planner's answers ----------------------------------------------------------------


# What a planner has of a resource: have it, lack it, or unsure (read from text that
# mentions it without saying). A resource not answered at all is unknown.
Have = Literal["yes", "no", "unsure"]
HAVE_VALUES: tuple[Have, ...] = ("yes", "no", "unsure")

# How a description speaks of what it mentions (SPEC "free text").
Stance = Literal[
    "wanted",
    "negated",
    "set-aside",
    "passing",
    "hypothetical",
    "available",
    "unavailable",
    "unsure",
]


class Understood(Record):
    """An answer read from free text, with the words it came from and how the text speaks
    of it: `stance`, and the words that set the stance (`cue`)."""

    question: str
    value: str
    words: tuple[str, ...]
    stance: Stance = "wanted"
    cue: tuple[str, ...] = ()


class Answers(Record):
    """A planner's answers: question key -> canonical value slugs (empty = unanswered), and
    what they have: resource slug -> yes, no or unsure (absent = unknown)."""

    choices: Mapping[str, tuple[str, ...]]
    describe: str | None = None
    understood: tuple[Understood, ...] = ()
    resources: Mapping[str, Have] = MappingProxyType({})
    relevance: Mapping[str, float] | None = None  # method id -> 0-1, from the description
    named: frozenset[str] = frozenset()  # methods the description names
    # method id -> the description's words that matched the method, strongest first
    matched: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    ages: tuple[int, ...] = ()  # the ages the description gives those taking part
    risks: tuple[str, ...] = ()  # the risks it names (`language.risks`)
    # methods the description names or cues where it sets them aside ("the residents'
    # council works well and stays"): in place already, or not what this is for
    in_place: frozenset[str] = frozenset()
    # methods the description names or cues anywhere, set aside or negated too ("a group
    # interview round is not done this time"): one of them whose need is unmet is shown,
    # warned, even where it would be left out, so the planner sees why not
    discussed: frozenset[str] = frozenset()
    timing: Timing = Timing()  # the deadlines and deciders it names
    # groups the description names only as whom the service is for, counting them or
    # giving their ages beside another group that takes part ("asiakkaista iso osa yli
    # 85-v"): they answer nothing, but a plan hears them too
    served: tuple[str, ...] = ()
    # the answers read outside the matters that are a client's case, when one matter of the
    # description is a case and another, with none in it, asks about a service
    # (`reader.matters`): the development track is ranked on them (the flags count too)
    development: Mapping[str, tuple[str, ...]] | None = None
    asked: tuple[str, ...] = ()  # the questions it asks (`plan.asked`), by slug

    @property
    def apart(self) -> bool:
        """Whether development is asked apart from a client's case (`development`)."""
        return self.development is not None

    def get(self, question: str) -> tuple[str, ...]:
        return self.choices.get(question, ())

    def has(self, resource: str) -> Have | None:
        """Whether the planner has a resource: yes, no, unsure, or None when unknown."""
        return self.resources.get(resource)

    def is_empty(self) -> bool:
        return not any(self.choices.values()) and not self.describe and not self.resources


# -- results ----------------------------------------------------------------------------

ReasonKind = Literal["fit", "partial", "miss"]


class Reason(Record):
    """Why a method's score is what it is, for one answer value (or the text relevance)."""

    question: str
    value: str
    kind: ReasonKind
    weight: int
    why: Bilingual | None  # the dataset's reason for the fit; None for a miss
    keep: int | None = None  # a miss of the whole question: per cent of the score kept
    source: str = JUDGEMENT  # where the reason comes from
    # the description's words that matched (its relevance); for what you have
    # (`scoring.HAVE`), the resources of the method's needs you have
    words: tuple[str, ...] = ()


NeedStatus = Literal["met", "unmet", "to-check"]


class Need(Record):
    """A method's need checked against what the planner has: met (they have it), unmet
    (they lack it: a warning) or to check (unknown, or unsure from a description)."""

    resource: str
    status: NeedStatus
    why: Bilingual
    source: str = JUDGEMENT


class Recommendation(Record):
    """One ranked method with its score, reasons, needs, and warnings (its unmet needs)."""

    rank: int
    method: Method
    score: int  # 0-100
    reasons: tuple[Reason, ...]
    warnings: tuple[Need, ...]
    needs: tuple[Need, ...] = ()  # every need, met, unmet or to check

    @property
    def to_check(self) -> tuple[Need, ...]:
        """The needs still to check: unknown, or unsure from a description."""
        return tuple(need for need in self.needs if need.status == "to-check")


LeftOutBecause = Literal["must_fit", "far_below", "nothing"]


class LeftOut(Record):
    """A method not ranked: it fits none of the values of a question that must fit, scores
    far below the best, or fits no answer."""

    method: Method
    because: LeftOutBecause
    question: str = ""  # the question it fits none of (for "must_fit")
    score: int = 0  # its score (for "far_below")


class Ranking(Record):
    """Every method, ranked or left out."""

    results: tuple[Recommendation, ...]
    left_out: tuple[LeftOut, ...]


class Explanation(Record):
    """Why one method ranks where it does, or is left out: `recommend --explain`."""

    method: Method
    result: Recommendation | None  # None when left out
    left_out: LeftOut | None
    first: Recommendation | None  # what ranks first, to compare with
    ranked: int  # how many methods are ranked


LIST_FIELDS = ("aliases", "keywords")  # a method's fields that are word lists, not prose


class SearchHit(Record):
    """One method found by `search`, with the best-matching snippet."""

    method: Method
    score: int  # 0-100
    field: str  # which field matched best, e.g. "description"
    lang: Lang
    snippet: str
    spans: tuple[tuple[int, int], ...]  # character spans of the matches in snippet


# One record per command, so that each renderer takes exactly what its command made.


class MethodList(Record):
    """`list`: the catalogue, or the part of it the filters kept."""

    dataset: Dataset
    methods: tuple[Method, ...]


class MethodCard(Record):
    """`show`: one method in full."""

    dataset: Dataset
    method: Method


class Comparison(Record):
    """`compare`: two or more methods side by side."""

    dataset: Dataset
    methods: tuple[Method, ...]


class SearchResult(Record):
    """`search`: the query and the methods it found, best first."""

    query: str
    hits: tuple[SearchHit, ...]


class ChecklistItem(Record):
    """What a chosen method takes: a precondition or a requirement, and whether the
    answers already say it is missing."""

    method: Method
    kind: str  # a precondition's kind, or the resource a need is of
    why: Bilingual
    source: str
    unmet: bool = False
    status: NeedStatus | None = None  # a need's: met, unmet or to check; None: a precondition


class RecommendResult(Record):
    """`recommend`: the answers as understood and the ranked methods."""

    dataset: Dataset
    answers: Answers
    results: tuple[Recommendation, ...]
    left_out: tuple[LeftOut, ...] = ()
    explained: tuple[Explanation, ...] = ()
    rerun: str | None = None  # the questionnaire's answers as a command line
    checklist: tuple[ChecklistItem, ...] = ()  # what the first methods take
    output: str | None = None  # a memo file to write; None = the terminal
    memo_format: str = ""  # markdown or html, for `output`
    table_top: int | None = None  # rows a table shows (after the questionnaire); None = all


# Why a phase's method was chosen: the best; the only one ranked; over a higher-scoring
# method that lacks what it needs, the description sets aside, misses the phase, is in
# the plan already, is a case method, or (in a case) does not hear the client named, or
# over which it adds something;
# so that a group named is heard itself; used again, doing something else here (going
# straight on from the phase before, or clearly better than any new method); no method
# fits the phase at all.
WhyKind = Literal[
    "best",
    "only",
    "over-warned",
    "over-in-place",
    "over-misses-phase",
    "over-purpose",
    "over-used",
    "over-case",
    "over-people",
    "over-case-rule",
    "over-adds",
    "heard",
    "repeat",
    "continues",
    "no-phase-fit",
    "far",
    "enough",
    "small",
]
Track = Literal["case", "development"]


class WhyChosen(Record):
    """One reason a phase's method was chosen."""

    kind: WhyKind
    other: Recommendation | None = None  # the higher-scoring method passed over
    # what the choice adds that `other` does not; over-case-rule: the rule's reason
    adds: Fit | PhaseWork | Statement | None = None
    phases: tuple[str, ...] = ()  # over-used, repeat: where the method is in the plan already
    group: str = ""  # heard: the group now heard directly
    means: tuple[Safeguard, ...] = ()  # heard: what lets them take part themselves
    margin: int = 0  # repeat: points above the best method not yet in the plan
    words: tuple[str, ...] = ()  # small: the description's words that say so


class Hearing(Record):
    """A group a phase hears directly, with what lets it take part and how to hear it."""

    group: str
    means: tuple[Safeguard, ...] = ()
    how: Statement | None = None


class GroupStatement(Record):
    """A sourced statement for one group named (how to close the loop with them)."""

    group: str
    why: Bilingual
    source: str


class PlanPhase(Record):
    """One phase of the work or step of a case: the method chosen for it, then what else
    was close, why it was chosen, what it does here and who it hears directly."""

    phase: str
    methods: tuple[Recommendation, ...]  # the first is the choice
    why: tuple[WhyChosen, ...] = ()
    work: PhaseWork | None = None  # what the method does in this phase
    heard: tuple[str, ...] = ()  # the groups named that this phase hears directly
    hearing: tuple[Hearing, ...] = ()  # each of them, with the means and how to hear them
    # a step of a case: what it does differently for the people named (`CaseStep.adapt`)
    adapted: tuple[Statement, ...] = ()

    @property
    def choice(self) -> Recommendation | None:
        return self.methods[0] if self.methods else None


class PlanTrack(Record):
    """The case track (the steps of one client's or family's case) or the development
    track (the phases of developing a service)."""

    track: Track
    phases: tuple[PlanPhase, ...]


class NotHeard(Record):
    """A group named that no phase hears directly, and the relatives named who speak for it."""

    group: str
    relatives: tuple[str, ...] = ()
    # the plan keeps to few methods, as the work must stay small (`scoring.plan_small`),
    # and none of them hears the group: it is heard within them
    small: bool = False


class PlanResult(Record):
    """`plan`: its tracks, the readiness checklist, and how the loop is closed."""

    dataset: Dataset
    answers: Answers
    phases: tuple[PlanPhase, ...]  # the development track's phases
    checklist: tuple[ChecklistItem, ...]
    arenas: tuple[str, ...]  # THL arenas the chosen methods cover
    levels: tuple[str, ...]  # levels the chosen methods work at
    rerun: str | None = None
    output: str | None = None
    memo_format: str = ""
    tracks: tuple[PlanTrack, ...] = ()
    feeds: tuple[Statement, ...] = ()  # with both tracks: how case work feeds development
    not_heard: tuple[NotHeard, ...] = ()
    close_the_loop: tuple[Statement | GroupStatement, ...] = ()
    timing: tuple[Statement, ...] = ()  # working back from the deadline described
    asked: tuple[AskedTopic, ...] = ()  # the questions the description asks, answered

    def track(self, track: Track) -> PlanTrack | None:
        return next((t for t in self.tracks if t.track == track), None)


class Validation(Record):
    """`validate`: a dataset file, how many methods it holds, and every problem found."""

    file: str
    methods: int | None  # None when it did not pass
    problems: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems


class Handout(Record):
    """`export`: the methods to hand out, in which format, and where to."""

    dataset: Dataset
    methods: tuple[Method, ...]
    format: str  # markdown, html or json
    output: str | None  # a file name; None = standard output
    overview: bool = False  # one page of every method's fit, instead of a card per method


class QuestionList(Record):
    """`questions`: every question the dataset asks and the values it takes."""

    dataset: Dataset


class NewFile(Record):
    """`new`: the starter file written for a new method."""

    file: str
    method_id: str


Result = (
    NewFile
    | MethodList
    | MethodCard
    | Comparison
    | SearchResult
    | RecommendResult
    | PlanResult
    | Validation
    | Handout
    | QuestionList
)


def sources_of(dataset: Dataset, method: Method) -> tuple[Source, ...]:
    """Every source a method's statements cite, its own first, each once."""
    ids = [method.source_id]
    ids += [f.source for f in method.fits] + [r.source for r in method.requirements]
    for key in KNOWLEDGE_FIELDS:
        ids += [s.source for s in getattr(method.knowledge, key)]
    ids += [p.source for p in method.placements] + [p.source for p in method.preconditions]
    ids += [w.source for w in method.details.get().phase_work]
    ids += [
        g.source
        for g in dataset.safeguards
        if any(c.involves(method.id) and not c.situational() for c in g.when)
    ]
    known = {s.id: s for s in dataset.sources}
    return tuple(known[i] for i in dict.fromkeys(ids) if i in known)
