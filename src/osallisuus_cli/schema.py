"""The dataset's shape, declared once: each entity's YAML keys, what they hold, what they become.

`validation.py` checks parsed YAML against these declarations and `build` turns
valid data into the model's records, so a field added here is both checked and
built. Cross-references (a method's source, a fit's question and value) are
checked in `validation.py`, which sees the whole dataset.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Literal

from .cache import Texts
from .model import (
    AgeGroup,
    Ages,
    AnswerRef,
    AskedTopic,
    Bilingual,
    CasePreference,
    CaseRules,
    CaseStep,
    Context,
    ContextRules,
    CueMany,
    Dataset,
    DevelopmentRules,
    Drops,
    Fit,
    FitRow,
    Fits,
    Framework,
    FrameworkValue,
    HeardGroup,
    HeardRules,
    Knowledge,
    Language,
    Later,
    LoopRules,
    Method,
    MethodDetails,
    NamedCase,
    OnlyWhenAsked,
    PhaseWork,
    Placement,
    PlanMost,
    PlanRules,
    Precondition,
    Premises,
    Question,
    Requirement,
    Risk,
    RiskStatement,
    Safeguard,
    SafeguardCase,
    Scoring,
    ServedBy,
    SharedServices,
    Source,
    Statement,
    StepAdaptation,
    Terms,
    TimingRules,
    TimingWords,
    Together,
    Value,
    Weighted,
    Whereabouts,
)
from .records import Record

SCHEMA_VERSION = 1

FieldKind = Literal[
    "text",  # one non-empty text
    "bilingual",  # {fi: text, en: text}
    "why",  # the entity's own `fi` and `en` keys: a reason in both languages
    "terms",  # {fi: [word, ...], en: [word, ...]}
    "words",  # [text, ...]
    "integer",  # a whole number from `low` to `high`
    "flag",  # true or false
    "entity",  # one nested mapping
    "map",  # key -> entity; the key becomes the entity's `key_attr`
    "list",  # a list of entities
    "by_question",  # question key -> value slug -> entity (a method's fits)
    "per_resource",  # resource slug -> entity (a method's needs, `requirements`)
    "answer_lists",  # question key -> [value slug, ...]: answers a rule names
]


class Field(Record):
    """One key of an entity in the YAML and the record field it becomes."""

    key: str
    kind: FieldKind
    attr: str = ""  # the record's field name, when it differs from `key`
    required: bool = True
    entity: Entity | None = None  # for the kinds that nest
    low: int = 0
    high: int = 100
    on_scale: bool = False  # an integer that is at most the dataset's max_weight
    later: bool = False  # built on first use into the record's `details` (see DETAILS)
    keys: Literal["slug", "name", ""] = ""  # what a map's keys must look like
    # what a text must name or be: a source id, a source id or "judgement", a value of
    # the enclosing question, a slug, a framework, a value of the entry's framework
    ref: Literal[
        "source",
        "statement",
        "answer",
        "question",
        "slug",
        "framework",
        "framework-value",
        "context-category",
        "direction",
        "scope-unit",
        "method",
        "safeguard",
        "risk",
        "resource",
        "",
    ] = ""

    @property
    def name(self) -> str:
        return self.attr or self.key


class Entity(Record):
    """A mapping in the dataset: its fields and the record it builds."""

    what: str  # for messages: "must be a mapping of <what>"
    record: Callable[..., Any]
    fields: tuple[Field, ...]
    key_attr: str = ""  # in a map, the record field its key becomes
    unique: str = ""  # in a list, the field no two entries may share

    def allowed_keys(self) -> frozenset[str]:
        keys = {f.key for f in self.fields if f.kind != "why"}
        if any(f.kind == "why" for f in self.fields):
            keys |= {"fi", "en"}
        return frozenset(keys)


WHY = Field("why", "why")

SOURCE = Entity(
    "source fields",
    Source,
    (
        Field("author", "text"),
        Field("year", "text", required=False),
        Field("label", "text", required=False),
        Field("kind", "text", required=False),
        Field("title", "bilingual"),
        Field("publisher", "bilingual"),
        Field("citation", "bilingual"),
        Field("url", "text", required=False),
    ),
    key_attr="id",
)

SOURCED = Field("source", "text", ref="statement")
STATEMENT = Entity("fi, en, source", Statement, (WHY, SOURCED))
KNOWLEDGE = Entity(
    "origin, steps, roles, strengths, limits, law",
    Knowledge,
    tuple(
        Field(key, "list", required=False, entity=STATEMENT)
        for key in ("origin", "steps", "roles", "strengths", "limits", "law")
    ),
)
PLACEMENT = Entity(
    "framework, value, fi, en, source",
    Placement,
    (
        Field("framework", "text", ref="framework"),
        Field("value", "text", ref="framework-value"),
        WHY,
        SOURCED,
    ),
)
PRECONDITION = Entity(
    "kind, fi, en, source", Precondition, (Field("kind", "text", ref="slug"), WHY, SOURCED)
)
FRAMEWORK_VALUE = Entity(
    "label, fi, en", FrameworkValue, (Field("label", "bilingual"), WHY), key_attr="slug"
)
FRAMEWORK = Entity(
    "label, source, values",
    Framework,
    (
        Field("label", "bilingual"),
        Field("source", "text", ref="source"),
        Field("values", "map", entity=FRAMEWORK_VALUE, keys="slug"),
    ),
    key_attr="key",
)

VALUE = Entity(
    "label, aliases, keywords, broad, prevails, covers, clients_are, implied_by",
    Value,
    (
        Field("label", "bilingual"),
        Field("aliases", "terms", required=False),
        Field("keywords", "terms", required=False),
        Field("broad", "flag", required=False),
        Field("prevails", "flag", required=False),
        Field("covers", "words", required=False),
        Field("clients_are", "text", required=False),
        Field("implied_by", "text", required=False),
    ),
    key_attr="slug",
)

# A percentage with its reason (weight: 0-100).
PERCENT = Entity("weight, fi, en", Weighted, (Field("weight", "integer"), WHY))

QUESTION = Entity(
    "question fields",
    Question,
    (
        Field("flag", "text"),
        Field("label", "bilingual"),
        Field("multiple", "flag", required=False),
        Field("resources", "flag", required=False),
        Field("weight", "integer", low=0, high=100),
        WHY,
        Field("prompt", "bilingual"),
        Field("values", "map", entity=VALUE, keys="slug"),
        Field("must_fit", "bilingual", required=False),
        Field("miss", "entity", required=False, entity=PERCENT),
    ),
    key_attr="key",
)

CUE_MANY = Entity(
    "question, at_least",
    CueMany,
    (Field("question", "text", ref="question"), Field("at_least", "integer", low=2, high=100)),
)

SOURCED_OR_JUDGEMENT = Field("source", "text", required=False, ref="statement")
_WEIGHT = Field("weight", "integer", low=1, on_scale=True)
FIT = Entity("weight, fi, en, source", Fit, (_WEIGHT, WHY, SOURCED_OR_JUDGEMENT))

# A need, keyed by a value of the question with `resources: true`. `value: "yes"` is what
# earlier datasets wrote (a need was a yes of a yes/no question): still read, and ignored.
LEGACY_NEED_VALUE = "value"
REQUIREMENT = Entity("fi, en, source", Requirement, (WHY, SOURCED_OR_JUDGEMENT))

# What a method does in a phase of the work or a step of a case, keyed by the phase or
# step (checked against the phase question and the plan's case steps by validation).
PHASE_WORK = Entity("fi, en, source", PhaseWork, (WHY, SOURCED), key_attr="phase")

SAFEGUARD_CASE = Entity(
    "methods, answers, only, outside, if_answered, minors, risks",
    SafeguardCase,
    (
        Field("methods", "words", required=False, ref="method"),
        Field("answers", "answer_lists", required=False),
        # only when the answers to a question lie wholly among these values; `outside`:
        # not then (the field where another act applies); `if_answered`: a question
        # answered must include one of them
        Field("only", "answer_lists", required=False),
        Field("outside", "answer_lists", required=False),
        Field("if_answered", "answer_lists", required=False),
        # only while a minor may take part: not when the ages given are all of age
        # (`language.ages.adult_from`)
        Field("minors", "flag", required=False),
        # only when the description names one of these risks (`language.risks`)
        Field("risks", "words", required=False, ref="risk"),
    ),
)
STEP_ADAPTATION = Entity(
    "when, fi, en, source",
    StepAdaptation,
    (Field("when", "list", entity=SAFEGUARD_CASE), WHY, SOURCED_OR_JUDGEMENT),
)
# What is known of a method beyond its seed text and fits: built on first use (model.Later).
DETAILS = Entity(
    "knowledge, placements, preconditions, phase_work, adapt",
    MethodDetails,
    (
        Field("knowledge", "entity", required=False, entity=KNOWLEDGE),
        Field("placements", "list", required=False, entity=PLACEMENT),
        Field("preconditions", "list", required=False, entity=PRECONDITION),
        Field("phase_work", "map", required=False, entity=PHASE_WORK, keys="slug"),
        Field("adapt", "list", required=False, entity=STEP_ADAPTATION),
    ),
)
LATER_KEY = "later"  # in a cache entry, a method's details as one JSON text

METHOD = Entity(
    "method fields",
    Method,
    (
        Field("id", "text", ref="slug"),
        Field("name", "bilingual"),
        Field("goal", "bilingual"),
        Field("description", "bilingual"),
        Field("source", "text", attr="source_id", ref="source"),
        Field("aliases", "terms", required=False),
        Field("keywords", "terms", required=False),
        Field("cues", "terms", required=False),
        Field("cue_many", "entity", required=False, entity=CUE_MANY),
        Field("fits", "by_question", required=False, entity=FIT),
        Field("requirements", "per_resource", required=False, entity=REQUIREMENT),
        *(field._replace(later=True) for field in DETAILS.fields),
    ),
    unique="id",
)

PLAN_MOST = Entity(
    "weight, methods, unchecked, fi, en",
    PlanMost,
    (
        Field("weight", "integer", low=1, high=10),
        Field("methods", "words", required=False, ref="method"),
        Field("unchecked", "integer", required=False, low=1, high=10),
        WHY,
    ),
)

SCORING = Entity(
    "max_weight and describe",
    Scoring,
    (
        Field("max_weight", "integer", low=1, high=100),
        Field("describe", "entity", entity=PERCENT),
        Field("uncovered", "entity", entity=PERCENT),
        Field("plan_repeat", "entity", entity=PERCENT),
        Field("plan_phases", "words"),
        Field("floor", "entity", required=False, entity=PERCENT),
        Field("plan_reach", "entity", required=False, entity=PERCENT),
        Field("plan_most", "entity", required=False, entity=PLAN_MOST),
        Field("have", "entity", required=False, entity=PERCENT),
        Field("plan_small", "entity", required=False, entity=PERCENT),
    ),
)

AGE_GROUP = Entity(
    "value, from, to",
    AgeGroup,
    (
        Field("value", "text", ref="slug"),
        Field("from", "integer", attr="low", low=0, high=150),
        Field("to", "integer", attr="high", low=0, high=150),
    ),
)

ANSWER_REF = Entity(
    "question, value",
    AnswerRef,
    (Field("question", "text"), Field("value", "text", ref="slug")),
)

# The question and values named here are checked against `questions` by validation.
AGES = Entity(
    "question, groups, one_person, several_people, adult_from, adult_source, adult_terms, "
    "traits, fi, en",
    Ages,
    (
        Field("question", "text"),
        Field("groups", "list", entity=AGE_GROUP),
        WHY,
        Field("one_person", "entity", required=False, entity=ANSWER_REF),
        Field("several_people", "entity", required=False, entity=ANSWER_REF),
        Field("adult_from", "integer", required=False, low=1, high=150),
        Field("adult_source", "text", required=False, ref="source"),
        Field("adult_terms", "terms", required=False),
        Field("traits", "words", required=False),
    ),
)

# The question and value named here are checked against `questions` by validation.
NAMED_CASE = Entity(
    "answer, nouns, fi, en, families",
    NamedCase,
    (
        Field("answer", "entity", entity=ANSWER_REF),
        Field("nouns", "terms"),
        WHY,
        Field("families", "terms", required=False),
    ),
)

# The questions and values named here are checked against `questions` by validation.
WHEREABOUTS = Entity(
    "service, people, values, verbs, fi, en",
    Whereabouts,
    (
        Field("service", "text"),
        Field("people", "text"),
        Field("values", "words"),
        Field("verbs", "terms"),
        WHY,
    ),
)

SERVED_BY = Entity(
    "group, service",
    ServedBy,
    (
        Field("group", "entity", entity=ANSWER_REF),
        Field("service", "entity", entity=ANSWER_REF),
    ),
)

# The questions and values named here are checked against `questions` by validation.
SHARED_SERVICES = Entity(
    "terms, by_group, fi, en",
    SharedServices,
    (
        Field("terms", "terms"),
        Field("by_group", "list", entity=SERVED_BY),
        WHY,
    ),
)

# The question named here is checked against `questions` by validation.
PREMISES = Entity(
    "service, words, fi, en",
    Premises,
    (Field("service", "text"), Field("words", "terms"), WHY),
)

CONTEXT_RULES = Entity(
    "category, literals, direction, max_scope, scope, allowed, excluded, contrast, reads, "
    "after_negation, keeps, failure",
    ContextRules,
    (
        Field("category", "text", ref="context-category"),
        Field("literals", "terms"),
        Field("direction", "text", required=False, ref="direction"),
        Field("max_scope", "integer", required=False, low=1, high=100),
        Field("scope", "text", required=False, ref="scope-unit"),
        Field("allowed", "words", required=False),
        Field("excluded", "words", required=False),
        Field("contrast", "words", required=False),
        Field("reads", "text", required=False),
        Field("after_negation", "flag", required=False),
        Field("keeps", "flag", required=False),
        Field("failure", "flag", required=False),
    ),
)

CONTEXT = Entity(
    "rules, fi, en, source",
    Context,
    (Field("rules", "list", entity=CONTEXT_RULES), WHY, SOURCED_OR_JUDGEMENT),
)

# The questions and values the rules name are checked against `questions` by validation.
DROPS = Entity(
    "answer, terms", Drops, (Field("answer", "entity", entity=ANSWER_REF), Field("terms", "terms"))
)
TOGETHER = Entity("terms, near", Together, (Field("terms", "terms"), Field("near", "terms")))
RISK = Entity(
    "terms, fi, en, drops, together, safety",
    Risk,
    (
        Field("terms", "terms"),
        WHY,
        Field("drops", "entity", required=False, entity=DROPS),
        Field("together", "entity", required=False, entity=TOGETHER),
        Field("safety", "flag", required=False),
    ),
    key_attr="id",
)
TIMING_WORDS = Entity(
    "when, due, past, deciders, not_deciders, fi, en, counts, next_to, units, ahead, implies, "
    "small, months, month_start, month_middle, week_units, month_units, year_end",
    TimingWords,
    (
        *(Field(key, "terms") for key in ("when", "due", "past", "deciders", "not_deciders")),
        WHY,
        *(Field(key, "terms", required=False) for key in ("counts", "next_to", "units", "ahead")),
        Field("implies", "entity", required=False, entity=ANSWER_REF),
        *(
            Field(key, "terms", required=False)
            for key in (
                "small",
                "months",
                "month_start",
                "month_middle",
                "week_units",
                "month_units",
                "year_end",
            )
        ),
    ),
)
LANGUAGE = Entity(
    "generic, context, relative, relative_comma_only, lists, refers_back, same_person, main_ask, "
    "matters, abbreviations, title_heads, ages, named_case, whereabouts, "
    "shared_services, premises, risks, timing",
    Language,
    (
        Field("generic", "terms"),
        Field("context", "entity", required=False, entity=CONTEXT),
        Field("relative", "terms", required=False),
        Field("relative_comma_only", "terms", required=False),
        Field("lists", "terms", required=False),
        Field("refers_back", "terms", required=False),
        Field("same_person", "terms", required=False),
        Field("main_ask", "terms", required=False),
        Field("matters", "terms", required=False),
        Field("abbreviations", "terms", required=False),
        Field("title_heads", "terms", required=False),
        Field("ages", "entity", required=False, entity=AGES),
        Field("named_case", "entity", required=False, entity=NAMED_CASE),
        Field("whereabouts", "entity", required=False, entity=WHEREABOUTS),
        Field("shared_services", "entity", required=False, entity=SHARED_SERVICES),
        Field("premises", "entity", required=False, entity=PREMISES),
        Field("risks", "map", required=False, entity=RISK, keys="slug"),
        Field("timing", "entity", required=False, entity=TIMING_WORDS),
    ),
)

# A safeguard applies in any of its cases; a case names the methods it concerns (none:
# any method) and, by question, the answers that bring it in (none: always). The method
# ids and answers are checked against the dataset by validation.
SAFEGUARD = Entity(
    "kind, label, fi, en, source, resource, when",
    Safeguard,
    (
        Field("kind", "text", ref="slug"),
        Field("label", "bilingual"),
        WHY,
        Field("source", "text", ref="statement"),
        # what you have that provides it (an interpreter): said lacking, the plan says so
        Field("resource", "text", required=False, ref="resource"),
        Field("when", "list", entity=SAFEGUARD_CASE),
    ),
    key_attr="id",
)

# How `plan` builds its tracks. The questions and values named here are checked against
# `questions` by validation.
CASE_STEP = Entity(
    "label, fi, en, source, adapt",
    CaseStep,
    (
        Field("label", "bilingual"),
        WHY,
        SOURCED_OR_JUDGEMENT,
        Field("adapt", "list", required=False, entity=STEP_ADAPTATION),
    ),
    key_attr="slug",
)
CASE_PREFERENCE = Entity(
    "method, when, fi, en, source",
    CasePreference,
    (
        Field("method", "text", ref="method"),
        Field("when", "list", entity=SAFEGUARD_CASE),
        WHY,
        SOURCED_OR_JUDGEMENT,
    ),
)
CASE_RULES = Entity(
    "answers, methods, at_least, steps, within, prefer, fi, en, source",
    CaseRules,
    (
        Field("answers", "answer_lists"),
        Field("methods", "answer_lists"),
        Field("at_least", "integer", low=1, on_scale=True),
        WHY,
        SOURCED,
        Field("steps", "map", entity=CASE_STEP, keys="slug"),
        Field("within", "answer_lists", required=False),
        Field("prefer", "list", required=False, entity=CASE_PREFERENCE),
    ),
)
# How one group named is heard: keyed by a value of `heard.question` (validation checks it).
HEARD_GROUP = Entity(
    "means, how, loop, case_how, case_loop, adult_case_how, adult_case_loop",
    HeardGroup,
    (
        Field("means", "words", required=False, ref="safeguard"),
        Field("how", "entity", required=False, entity=STATEMENT),
        Field("loop", "entity", required=False, entity=STATEMENT),
        Field("case_how", "entity", required=False, entity=STATEMENT),
        Field("case_loop", "entity", required=False, entity=STATEMENT),
        Field("adult_case_how", "entity", required=False, entity=STATEMENT),
        Field("adult_case_loop", "entity", required=False, entity=STATEMENT),
    ),
    key_attr="group",
)
HEARD_RULES = Entity(
    "question, at_least, relatives, means, groups, unheard, fi, en, source",
    HeardRules,
    (
        Field("question", "text", ref="question"),
        Field("at_least", "integer", low=1, on_scale=True),
        Field("relatives", "answer_lists", required=False),
        Field("means", "words", required=False),
        WHY,
        SOURCED,
        Field("groups", "map", required=False, entity=HEARD_GROUP, keys="slug"),
        Field("unheard", "entity", required=False, entity=STATEMENT),
    ),
)
RISK_STATEMENT = Entity(
    "risk, fi, en, source",
    RiskStatement,
    (Field("risk", "text", ref="risk"), WHY, SOURCED),
)
LOOP_RULES = Entity(
    "case, development, risks",
    LoopRules,
    (
        Field("case", "list", required=False, entity=STATEMENT),
        Field("development", "list", required=False, entity=STATEMENT),
        Field("risks", "list", required=False, entity=RISK_STATEMENT),
    ),
)
TIMING_RULES = Entity(
    "development, case, decider, schedule, step",
    TimingRules,
    (
        Field("development", "list", entity=STATEMENT),
        Field("case", "list", entity=STATEMENT),
        Field("decider", "entity", entity=STATEMENT),
        Field("schedule", "entity", required=False, entity=STATEMENT),
        Field("step", "bilingual", required=False),
    ),
)
ONLY_WHEN_ASKED = Entity(
    "method, answers",
    OnlyWhenAsked,
    (Field("method", "text", ref="method"), Field("answers", "answer_lists")),
)
DEVELOPMENT_RULES = Entity(
    "only_when_asked, fi, en, source",
    DevelopmentRules,
    (
        Field("only_when_asked", "list", entity=ONLY_WHEN_ASKED),
        WHY,
        SOURCED,
    ),
)
ASKED_TOPIC = Entity(
    "label, terms, cues, answer, tracks",
    AskedTopic,
    (
        Field("label", "bilingual"),
        Field("terms", "terms"),
        Field("cues", "terms"),
        Field("answer", "list", entity=STATEMENT),
        Field("tracks", "words", required=False),
    ),
    key_attr="slug",
)
PLAN_RULES = Entity(
    "case, heard, development, feeds, close_the_loop, timing, asked",
    PlanRules,
    (
        Field("case", "entity", required=False, entity=CASE_RULES),
        Field("heard", "entity", required=False, entity=HEARD_RULES),
        Field("development", "entity", required=False, entity=DEVELOPMENT_RULES),
        Field("feeds", "list", required=False, entity=STATEMENT),
        Field("close_the_loop", "entity", required=False, entity=LOOP_RULES),
        Field("timing", "entity", required=False, entity=TIMING_RULES),
        Field("asked", "map", required=False, entity=ASKED_TOPIC, keys="slug"),
    ),
)

DATASET = Entity(
    "schema_version, scoring, language, sources, frameworks, questions, methods, safeguards, plan",
    Dataset,
    (
        Field("scoring", "entity", entity=SCORING),
        Field("language", "entity", entity=LANGUAGE),
        Field("sources", "map", entity=SOURCE, keys="slug"),
        Field("frameworks", "map", required=False, entity=FRAMEWORK, keys="slug"),
        Field("questions", "map", entity=QUESTION, keys="name"),
        Field("methods", "list", entity=METHOD),
        Field("safeguards", "map", required=False, entity=SAFEGUARD, keys="slug"),
        Field("plan", "entity", required=False, entity=PLAN_RULES),
    ),
)
# Keys of the top level that describe the file rather than the catalogue.
FILE_KEYS = ("schema_version",)
# A file that builds on another (`extends: bundled` or a path) may also say these.
EXTENDS = "extends"
EXTENSION_KEYS = (EXTENDS, "removes")
REPLACES = "replaces"  # a method of an extension that replaces the base's method of its id
# What the `new` template puts where a real text is due: validate refuses it.
PLACEHOLDER = "FILL IN"
# Questions the program itself refers to (the catalogue's columns and filters).
REQUIRED_QUESTIONS = ("target_groups", "settings")


# -- building -----------------------------------------------------------------------------


class ShapeError(ValueError):
    """Data without the shape the schema declares: a damaged or forged cache entry.

    Data that passed validation always has it; `dataset.py` treats this as a cache miss.
    """


def build_dataset(data: Mapping[str, Any], path: str, texts: Texts | None = None) -> Dataset:
    """The model of validated data (`texts`: what a cache entry keeps beside it); ShapeError
    when a field the model reads has the wrong type."""
    dataset: Dataset = build(DATASET, data, _texts=texts, path=path)
    return dataset


def build(entity: Entity, data: Any, _texts: Texts | None = None, **values: Any) -> Any:
    """One record of validated data; `values` gives fields that come from outside it."""
    # Checked with `type(...) is`: this runs for every record of every cached load.
    if type(data) is not dict:
        raise ShapeError(f"{entity.what}: not a mapping")
    deferred: dict[str, Any] = {}
    for field in entity.fields:
        if field.later:
            if field.key in data:
                deferred[field.key] = data[field.key]
            continue
        raw = data if field.kind == "why" else data.get(field.key)
        if raw is not None:
            values[field.attr or field.key] = _build_value(field, raw, _texts)
        elif field.required:
            raise ShapeError(f"{entity.what}: {field.key} is missing")
        # else an optional field: the record's default
    number = data.get(LATER_KEY)
    if type(number) is int and _texts is not None:
        values["details"] = Later((_texts, number), _details_from_text)
    elif deferred:
        values["details"] = Later(deferred, _details_from_data)
    return entity.record(**values)


def _details_from_data(raw: Any) -> MethodDetails:
    details: MethodDetails = build(DETAILS, raw)
    return details


def _details_from_text(where: tuple[Texts, int]) -> MethodDetails:
    texts, number = where
    try:
        return _details_from_data(json.loads(texts.get(number)))
    except ValueError:  # not JSON, or not their shape (ShapeError): the entry is made anew
        pass
    try:
        return _details_from_data(json.loads(texts.rebuilt().get(number)))
    except ValueError:
        raise ShapeError("a method's details: not JSON") from None


def from_cache(data: dict[str, Any], texts: Texts | None) -> dict[str, Any]:
    """Data as validation gave it: each method's details back in place (see for_cache)."""
    if texts is None:
        return data
    methods = []
    for method in data["methods"]:
        kept = {key: value for key, value in method.items() if key != LATER_KEY}
        if "fits" in kept:  # rows in every method, details or none (see for_cache)
            kept["fits"] = _fit_mappings(kept["fits"])
        number = method.get(LATER_KEY)
        if type(number) is not int:
            methods.append(kept)
            continue
        try:
            details = json.loads(texts.get(number))
        except ValueError:
            raise ShapeError("a method's details: not JSON") from None
        methods.append({**kept, **_mapping(details, "details")})
    return {**data, "methods": methods}


def for_cache(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Valid data as the cache keeps it: each method's details apart, as one JSON text,
    read only by the commands that show them (`show`, `compare`, the handouts, the
    checklist). Ranking 1,000 methods then neither parses nor builds them: about 90 ms
    of a 250 ms run (benchmarks/bench_cli.py, json-1000). Fits are kept as rows, see
    _fits."""
    later = [field.key for field in DETAILS.fields]
    methods: list[dict[str, Any]] = []
    texts: list[str] = []
    for method in data["methods"]:
        kept = {key: value for key, value in method.items() if key not in later}
        if "fits" in kept:
            kept["fits"] = _fit_rows(kept["fits"])
        details = {key: method[key] for key in later if key in method}
        if details:
            kept[LATER_KEY] = len(texts)
            texts.append(json.dumps(details, ensure_ascii=False))
        methods.append(kept)
    return {**data, "methods": methods}, texts


def _build_value(field: Field, raw: Any, texts: Texts | None = None) -> Any:
    kind = field.kind
    if kind in ("bilingual", "why"):  # the most common kind: checked here, not in a call
        if type(raw) is dict:
            fi, en = raw.get("fi"), raw.get("en")
            if type(fi) is str and type(en) is str:
                return Bilingual(fi, en)
        raise ShapeError(f"{field.key}: not a text in fi and en")
    if kind == "integer":
        if type(raw) is not int or not field.low <= raw <= field.high:
            raise ShapeError(f"{field.key}: {raw!r} is not a whole number on its scale")
        return raw
    if kind == "terms":
        words = _mapping(raw, field.key)
        return Terms(_words(words.get("fi"), field.key), _words(words.get("en"), field.key))
    if kind == "words":
        return _words(raw, field.key)
    if kind == "text":
        if type(raw) is not str:
            raise ShapeError(f"{field.key}: {raw!r} is not text")
        return raw
    if kind == "flag":
        if type(raw) is not bool:
            raise ShapeError(f"{field.key}: {raw!r} is not true or false")
        return raw
    if kind == "answer_lists":
        return tuple(
            AnswerRef(question, value)
            for question, values in _mapping(raw, field.key).items()
            for value in _words(values, question)
        )
    entity = field.entity
    if entity is None:
        raise ShapeError(f"{field.key}: the schema declares no entity")  # a schema bug
    if kind == "entity":
        return build(entity, raw, texts)
    if kind == "map":
        items = _mapping(raw, field.key).items()
        keyed: list[dict[str, Any]] = [{entity.key_attr: key} for key, _ in items]
        return tuple(
            build(entity, item, texts, **k) for k, (_, item) in zip(keyed, items, strict=True)
        )
    if kind == "list":
        if type(raw) is not list:
            raise ShapeError(f"{field.key}: not a list")
        return tuple(build(entity, item, texts) for item in raw)
    if kind == "by_question":
        return _fits(raw, field.key)
    items = _mapping(raw, field.key).items()
    return tuple(
        build(entity, without(item, LEGACY_NEED_VALUE), resource=resource)
        for resource, item in items
    )


def without(item: Any, key: str) -> Any:
    """A mapping without one key (any other value as it is, for `build` to refuse)."""
    return {k: v for k, v in item.items() if k != key} if type(item) is dict else item


def _fits(raw: Any, what: str) -> Fits:
    """A method's fits (model.Fits), each checked now as `build(FIT, item, question=...,
    value=...)` would check it, and built as that would build it when it is read.

    The one speed trick of building: fits are most of a catalogue's records (about 19 a
    method). Handling them directly instead of through the generic field loop took a
    cached load of 1,000 methods from 30 to 12 ms, and building only those read takes
    it to 6 ms; keeping each in the cache as a row [weight, fi, en, source] (_FIT_ROW)
    rather than a mapping saves 6 ms of JSON parsing (benchmarks/bench_cli.py, json-1000).
    tests/test_dataset.py checks that they build what the declared FIT entity builds,
    and refuse what that refuses.
    """
    low, high = _WEIGHT.low, _WEIGHT.high
    rows: dict[str, dict[str, FitRow]] = {}
    for question, items in _mapping(raw, what).items():
        rows[question] = {}
        for slug, item in _mapping(items, question).items():
            if type(item) is dict:  # as validation gives it, not as the cache keeps it
                item = [item.get(key) for key in _FIT_ROW]
            if type(item) is not list or len(item) != len(_FIT_ROW):
                raise ShapeError(f"{FIT.what}: not a mapping")
            weight, fi, en, source = item
            if type(weight) is not int or not low <= weight <= high:
                raise ShapeError(f"weight: {weight!r} is not a whole number on its scale")
            if type(fi) is not str or type(en) is not str:
                raise ShapeError("why: not a text in fi and en")
            if source is not None and type(source) is not str:
                raise ShapeError(f"source: {source!r} is not text")
            rows[question][slug] = item
    return Fits(rows)


_FIT_ROW = ("weight", "fi", "en", "source")  # a fit in the cache, see _fits


def _fit_rows(fits: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, Any]:
    return {
        question: {slug: [item.get(key) for key in _FIT_ROW] for slug, item in items.items()}
        for question, items in fits.items()
    }


def _fit_mappings(fits: Any) -> dict[str, Any]:
    """Fits as validation gave them, from the cache's rows; ShapeError if they are not."""
    mappings: dict[str, Any] = {}
    for question, items in _mapping(fits, "fits").items():
        mappings[question] = {}
        for slug, row in _mapping(items, question).items():
            if type(row) is not list or len(row) != len(_FIT_ROW):
                raise ShapeError(f"{FIT.what}: not a row")
            item = dict(zip(_FIT_ROW, row, strict=True))
            if item["source"] is None:
                del item["source"]
            mappings[question][slug] = item
    return mappings


def _mapping(raw: Any, what: str) -> dict[str, Any]:
    if type(raw) is not dict:
        raise ShapeError(f"{what}: not a mapping")
    return raw


def _words(raw: Any, what: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if type(raw) is list and all(type(word) is str for word in raw):
        return tuple(raw)
    raise ShapeError(f"{what}: not a list of words")
