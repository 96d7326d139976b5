"""Check a dataset's parsed YAML against `schema.py`, reporting every problem with its place.

Each problem names the file, the line, the method id and the field. The walk is
driven by the schema's declarations; what only the whole dataset can tell (a
source that exists, an answer value the questions know) is checked on the way.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from . import yamlsafe
from .errors import DataError, Problem
from .i18n import both
from .model import CONTEXT_CATEGORIES, DIRECTIONS, JUDGEMENT, SCOPE_UNITS, Bilingual
from .schema import (
    DATASET,
    EXTENDS,
    EXTENSION_KEYS,
    FILE_KEYS,
    LEGACY_NEED_VALUE,
    PLACEHOLDER,
    REPLACES,
    REQUIRED_QUESTIONS,
    SCHEMA_VERSION,
    Entity,
    Field,
    without,
)

Path_ = tuple[str | int, ...]

PHASE_QUESTION = "phase"  # the question whose values a method's phase_work is keyed by

# The texts a field must be one of (a ConText rule's category, direction, scope unit).
_CHOICES: dict[str, tuple[str, ...]] = {
    "context-category": CONTEXT_CATEGORIES,
    "direction": DIRECTIONS,
    "scope-unit": SCOPE_UNITS,
}

_KEY_PATTERNS = {
    "slug": (r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "lowercase a-z, 0-9 and single hyphens"),
    "name": (r"^[a-z][a-z0-9_]*$", "lowercase a-z, 0-9 and underscores"),
}


class Document:
    """A dataset file's YAML, parsed once: what it extends (read from the top-level
    mapping, whatever its quoting or line ends), then validated as a dataset or as an
    extension of its base."""

    def __init__(self, text: str, name: str) -> None:
        """Parses the text; DataError when it is empty or not YAML."""
        if not text.strip():
            raise DataError(both("dataset_empty", name=name))
        self._validator = _parsed(text, name)

    @property
    def extends(self) -> Any:
        """The top-level `extends` value as YAML read it, or NOT_AN_EXTENSION."""
        data = self._validator.data
        return data.get(EXTENDS, NOT_AN_EXTENSION) if isinstance(data, dict) else NOT_AN_EXTENSION

    def validate(self) -> dict[str, Any]:
        """The data of a dataset; DataError listing every problem."""
        self._validator.run()
        return self._validator.valid_data()

    def validate_extension(self, base: Mapping[str, Any], base_name: str) -> dict[str, Any]:
        """The data of an extension checked against the dataset it builds on; DataError
        listing every problem, each with its file, line and method id."""
        self._validator.run_extension(base, base_name)
        return self._validator.valid_data()


NOT_AN_EXTENSION = object()  # Document.extends of a file that has no `extends` key


def parse_and_validate(text: str, name: str) -> dict[str, Any]:
    """Parse YAML text and validate it; raises DataError listing every problem."""
    return Document(text, name).validate()


def parse_and_validate_extension(
    text: str, name: str, base: Mapping[str, Any], base_name: str
) -> dict[str, Any]:
    """An extension file (`extends:`) checked against the dataset it builds on; raises
    DataError listing every problem, each with its file, line and method id."""
    if not text.strip():
        raise DataError(both("extension_empty", name=name))
    return Document(text, name).validate_extension(base, base_name)


def _parsed(text: str, name: str) -> _Validator:
    """A validator for the YAML text, with what the YAML reader refused already reported."""
    try:
        parsed = yamlsafe.parse(text)
    except yamlsafe.YamlSyntaxError as exc:
        where = f"{name}:{exc.line}" if exc.line else name
        raise DataError(
            both("dataset_not_yaml", where=where, problem=exc),
            (Problem(name, exc.line, None, None, f"is not valid YAML: {exc}"),),
        ) from None
    validator = _Validator(name, parsed.data, parsed.lines)
    for line, path, message in parsed.problems:
        validator.report(path, message, line)
    return validator


class _Validator:
    """Walks plain dataset data along the schema, collecting every problem with its place."""

    def __init__(self, name: str, data: Any, lines: Mapping[Path_, int]) -> None:
        self.name = name
        self.data = data
        self.lines = lines
        self.problems: list[Problem] = []
        methods = data.get("methods") if isinstance(data, dict) else None
        self.methods: list[Any] = methods if isinstance(methods, list) else []
        self.sources: set[str] = set()
        self.method_ids: set[str] = {
            m["id"] for m in self.methods if isinstance(m, dict) and isinstance(m.get("id"), str)
        }
        safeguards = data.get("safeguards") if isinstance(data, dict) else None
        self.safeguard_ids: set[str] = set(safeguards) if isinstance(safeguards, dict) else set()
        self.risk_ids: set[str] = _risk_ids(data)
        self.vocabulary: dict[str, set[str]] = {}  # question key -> value slugs
        self.resources: str | None = None  # the question of what you have (`resources: true`)
        self.max_weight = 3

    # -- reporting ----------------------------------------------------------------

    def valid_data(self) -> dict[str, Any]:
        """The data, when no problem was found; DataError listing every problem otherwise."""
        if self.problems:
            problems = tuple(self.problems)
            more = both("dataset_more", count=len(problems) - 1) if len(problems) > 1 else None
            words = both(
                "dataset_problem", problem=problems[0], more=Bilingual(*more) if more else ""
            )
            raise DataError(words, problems)
        assert isinstance(self.data, dict)
        return self.data

    def line_of(self, path: Path_) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def report(self, path: Path_, message: str, line: int | None = None) -> None:
        method = None
        field_path = path
        if len(path) >= 2 and path[0] == "methods" and isinstance(path[1], int):
            entry = self.methods[path[1]] if path[1] < len(self.methods) else None
            ident = entry.get("id") if isinstance(entry, dict) else None
            method = ident if isinstance(ident, str) else f"#{path[1] + 1}"
            field_path = path[2:]
        field = ".".join(str(p) for p in field_path) or None
        if line is None:
            line = self.line_of(path)
        self.problems.append(Problem(self.name, line, method, field, message))

    # -- the dataset ----------------------------------------------------------------

    def run(self) -> None:
        top = self.mapping(self.data, (), DATASET.what)
        if not isinstance(self.data, dict):
            return
        self.unknown_keys(top, DATASET.allowed_keys() | set(FILE_KEYS), ())
        version = top.get("schema_version")
        if "schema_version" not in top:
            self.report((), f"is missing schema_version; add 'schema_version: {SCHEMA_VERSION}'")
        elif version != SCHEMA_VERSION or isinstance(version, bool):
            self.report(("schema_version",), f"must be {SCHEMA_VERSION}, not {version!r}")
        scoring = top.get("scoring")
        weight = scoring.get("max_weight") if isinstance(scoring, dict) else None
        if isinstance(weight, int) and not isinstance(weight, bool) and weight > 0:
            self.max_weight = weight
        sources = top.get("sources")
        self.sources = set(sources) if isinstance(sources, dict) else set()
        frameworks = top.get("frameworks")
        self.frameworks: dict[str, set[str]] = {}
        if isinstance(frameworks, dict):
            for key, framework in frameworks.items():
                values = framework.get("values") if isinstance(framework, dict) else None
                self.frameworks[key] = set(values) if isinstance(values, dict) else set()
        for field in DATASET.fields:
            self.field(field, top, ())
            if field.key == "questions":
                self.note_vocabulary(top.get("questions"))
                self.clients_are(top.get("questions"))
        self.language_answers(top.get("language"))
        self.phase_work(top.get("plan"))

    def clients_are(self, questions: Any) -> None:
        """Each `clients_are` and `implied_by` names a known answer: "question:value"."""
        for key, question in (questions if isinstance(questions, dict) else {}).items():
            values = question.get("values") if isinstance(question, dict) else None
            for slug, value in (values if isinstance(values, dict) else {}).items():
                for field in ("clients_are", "implied_by"):
                    named = value.get(field) if isinstance(value, dict) else None
                    if isinstance(named, str):
                        self.known_ref(named, ("questions", key, "values", slug, field))

    def language_answers(self, language: Any) -> None:
        """The questions and values the language section names (`ages`, `premises`,
        `shared_services`, `whereabouts`) are the dataset's own; checked after the
        questions are known."""
        section = language if isinstance(language, dict) else {}
        ages, where = section.get("ages"), section.get("whereabouts")
        if isinstance(ages, dict):
            here: Path_ = ("language", "ages")
            groups = ages.get("groups")
            traits = ages.get("traits")
            self.known_answers(
                ages.get("question"),
                (*here, "question"),
                [
                    (
                        group.get("value") if isinstance(group, dict) else None,
                        (*here, "groups", n, "value"),
                    )
                    for n, group in enumerate(groups if isinstance(groups, list) else [])
                ]
                + [
                    (trait, (*here, "traits", n))
                    for n, trait in enumerate(traits if isinstance(traits, list) else [])
                ],
            )
            for field in ("one_person", "several_people"):
                self.known_answer(ages.get(field), (*here, field))
        named_case = section.get("named_case")
        if isinstance(named_case, dict):
            self.known_answer(named_case.get("answer"), ("language", "named_case", "answer"))
        context = section.get("context")
        rules = context.get("rules") if isinstance(context, dict) else None
        for n, rule in enumerate(rules if isinstance(rules, list) else []):
            for field in ("allowed", "excluded"):
                names = rule.get(field) if isinstance(rule, dict) else None
                for m, name in enumerate(names if isinstance(names, list) else []):
                    if isinstance(name, str):
                        place = ("language", "context", "rules", n, field, m)
                        self.known_ref(name, place, value_optional=True)
            reads = rule.get("reads") if isinstance(rule, dict) else None
            implies = isinstance(rule, dict) and rule.get("category") == "implies"
            if implies != isinstance(reads, str):
                self.report(
                    ("language", "context", "rules", n),
                    "an implies rule, and only one, names the answer it reads"
                    " (reads: question:value)",
                )
            if isinstance(reads, str):
                self.known_ref(reads, ("language", "context", "rules", n, "reads"))
        premises = section.get("premises")
        if isinstance(premises, dict):
            self.known_answers(premises.get("service"), ("language", "premises", "service"), [])
        shared = section.get("shared_services")
        pairs = shared.get("by_group") if isinstance(shared, dict) else None
        for n, pair in enumerate(pairs if isinstance(pairs, list) else []):
            for field in ("group", "service"):
                answer = pair.get(field) if isinstance(pair, dict) else None
                self.known_answer(answer, ("language", "shared_services", "by_group", n, field))
        if isinstance(where, dict):
            here = ("language", "whereabouts")
            values = where.get("values")
            self.known_answers(where.get("service"), (*here, "service"), [])
            self.known_answers(
                where.get("people"),
                (*here, "people"),
                [
                    (v, (*here, "values", n))
                    for n, v in enumerate(values if isinstance(values, list) else [])
                ],
            )

    def phase_work(self, plan: Any) -> None:
        """What a method does in a phase or a step (`phase_work`) is keyed by a value of the
        phase question or a step of the plan's case track; how a group is heard
        (`plan.heard.groups`) by a value of the question naming who takes part."""
        case = _dict(_dict(plan).get("case"))
        heard = _dict(_dict(plan).get("heard"))
        question = heard.get("question")
        groups = self.vocabulary.get(question, set()) if isinstance(question, str) else set()
        for group in _dict(heard.get("groups")):
            if groups and group not in groups:
                self.unknown_value(str(question), group, ("plan", "heard", "groups", group))
        known = self.vocabulary.get(PHASE_QUESTION, set()) | set(_dict(case.get("steps")))
        for n, method in enumerate(self.methods):
            work = method.get("phase_work") if isinstance(method, dict) else None
            for key in _dict(work):
                if key not in known:
                    self.report(
                        ("methods", n, "phase_work", key),
                        f"unknown phase or step {key!r}; expected one of {_names(known)}",
                    )

    def known_answer(self, answer: Any, path: Path_) -> None:
        """A {question, value} a rule names: the question and its value known."""
        if isinstance(answer, dict):
            value = [(answer.get("value"), (*path, "value"))]
            self.known_answers(answer.get("question"), path, value)

    def known_answers(self, question: Any, path: Path_, values: list[tuple[Any, Path_]]) -> None:
        """A question a rule names, and the values of it the rule names, each known."""
        if isinstance(question, str) and self.known_question(question, path):
            for value, where in values:
                if isinstance(value, str):
                    self.known_value(question, value, where)

    def run_extension(self, base: Mapping[str, Any], base_name: str) -> None:
        """An extension: its own sections checked as in a dataset, its methods against
        the base's questions, sources and methods as well as its own."""
        top = self.mapping(self.data, (), DATASET.what)
        if not isinstance(self.data, dict):
            return
        allowed = DATASET.allowed_keys() | set(FILE_KEYS) | set(EXTENSION_KEYS)
        self.unknown_keys(top, allowed, ())
        if top.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
            self.report(("schema_version",), f"must be {SCHEMA_VERSION}")
        self.max_weight = base["scoring"]["max_weight"]
        own_weight = _dict(top.get("scoring")).get("max_weight")
        if isinstance(own_weight, int) and not isinstance(own_weight, bool) and own_weight > 0:
            self.max_weight = own_weight  # its own methods' fits are on its own scale
        self.sources = set(base.get("sources") or {}) | set(_dict(top.get("sources")))
        self.frameworks = {
            key: set(_dict(_dict(framework).get("values")))
            for key, framework in {
                **(base.get("frameworks") or {}),
                **_dict(top.get("frameworks")),
            }.items()
        }
        self.note_vocabulary({**base["questions"], **_dict(top.get("questions"))})
        ids = {method["id"] for method in base["methods"]}
        self.method_ids |= ids
        self.safeguard_ids |= set(base.get("safeguards") or {})
        self.risk_ids |= _risk_ids(base)
        for field in DATASET.fields:
            if field.key == "methods":
                self.extension_methods(top.get("methods"), ids, base_name)
            elif field.key in top:
                self.field(field, top, ())
        self.phase_work(top.get("plan", base.get("plan")))
        removes = top.get("removes")
        removed: set[str] = set()
        if removes is not None:
            if not isinstance(removes, list):
                self.report(("removes",), "must be a list of method ids")
            for i, ident in enumerate(removes if isinstance(removes, list) else ()):
                if not isinstance(ident, str):
                    self.report(("removes", i), f"must be a method id, not {_kind(ident)}")
                elif ident not in ids:
                    self.report(
                        ("removes", i),
                        f"{_shown(ident)} is not a method of {base_name}; nothing to remove",
                    )
                else:
                    removed.add(ident)
        self.base_fits_on_scale(base, base_name, removed)

    def base_fits_on_scale(
        self, base: Mapping[str, Any], base_name: str, removed: set[str]
    ) -> None:
        """An extension's own max_weight is the scale of the base's fits too: none of those
        it keeps may weigh more (a fit of 5 on a scale of 2 would show as "5/2")."""
        if self.max_weight >= base["scoring"]["max_weight"]:
            return
        replaced = {
            method.get("id")
            for method in self.methods
            if isinstance(method, dict) and method.get(REPLACES) is True
        }
        over = [
            (fit["weight"], method["id"], question, value)
            for method in base["methods"]
            if method["id"] not in removed and method["id"] not in replaced
            for question, fits in (method.get("fits") or {}).items()
            for value, fit in fits.items()
            if fit["weight"] > self.max_weight
        ]
        if over:
            weight, ident, question, value = max(over, key=lambda o: o[0])
            self.report(
                ("scoring", "max_weight"),
                f"is {self.max_weight}, below the fits of {base_name} it keeps: {len(over)} "
                f"weigh more, up to {weight} (method {ident!r}, {question} {value!r}); "
                f"use a max_weight of at least {weight}",
            )

    def extension_methods(self, value: Any, base_ids: set[str], base_name: str) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            self.report(("methods",), f"must be a list of methods, not {_kind(value)}")
            return
        methods_field = next(f for f in DATASET.fields if f.key == "methods")
        assert methods_field.entity is not None
        plain: list[Any] = []
        for index, method in enumerate(value):
            if not isinstance(method, dict):
                plain.append(method)
                continue
            replaces = method.get(REPLACES, False)
            if not isinstance(replaces, bool):
                self.report(("methods", index, REPLACES), "must be true or false")
            ident = method.get("id")
            if isinstance(ident, str) and ident in base_ids and replaces is not True:
                self.report(
                    ("methods", index, "id"),
                    f"{ident!r} is a method of {base_name} already; say 'replaces: true' to "
                    "replace it, or choose another id",
                )
            if replaces is True and isinstance(ident, str) and ident not in base_ids:
                self.report(
                    ("methods", index, REPLACES),
                    f"there is no method {ident!r} in {base_name} to replace",
                )
            plain.append({key: item for key, item in method.items() if key != REPLACES})
        self.entity_list(methods_field.entity, plain, ("methods",), required=False)

    def note_vocabulary(self, questions: Any) -> None:
        """Remember the questions' values, which the methods' fits must use."""
        if not isinstance(questions, dict):
            return
        for key in REQUIRED_QUESTIONS:
            if key not in questions:
                self.report(("questions",), f"is missing the question {key!r}")
        for key, question in questions.items():
            values = question.get("values") if isinstance(question, dict) else None
            self.vocabulary[key] = set(values) if isinstance(values, dict) else set()
            if isinstance(question, dict) and question.get("resources") is True:
                if self.resources is not None:
                    self.report(
                        ("questions", key, "resources"),
                        f"only one question can list what you have; {self.resources!r} does",
                    )
                else:
                    self.resources = key
            for slug, value in (values if isinstance(values, dict) else {}).items():
                covers = value.get("covers") if isinstance(value, dict) else None
                for n, covered in enumerate(covers if isinstance(covers, list) else []):
                    if isinstance(covered, str):
                        where = ("questions", key, "values", slug, "covers", n)
                        self.known_value(key, covered, where)

    # -- one entity, one field -------------------------------------------------------

    def entity(self, entity: Entity, value: Any, path: Path_) -> dict[str, Any]:
        entry = self.mapping(value, path, entity.what)
        self.unknown_keys(entry, entity.allowed_keys(), path)
        for field in entity.fields:
            self.field(field, entry, path)
        return entry

    def field(self, field: Field, owner: Mapping[str, Any], path: Path_) -> None:
        kind, here = field.kind, (*path, field.key)
        if kind == "why":
            self.why(owner, path)
            return
        if owner.get(field.key) is None and not field.required:
            return
        if kind == "text":
            self.text_field(field, owner, path)
        elif kind == "bilingual":
            if field.key not in owner:
                self.report(path, f"is missing {field.key!r} (with fi and en)")
            else:
                texts = self.mapping(owner[field.key], here, "fi and en texts")
                self.why(texts, here)
                # {en: A, fi: B, C}: an unquoted comma makes a key of its own
                self.unknown_keys(texts, frozenset(("fi", "en")), here)
        elif kind == "terms":
            if owner.get(field.key) is None:
                self.report(path, f"is missing {field.key!r} (fi and en word lists)")
            else:
                self.terms(owner[field.key], here)
        elif kind == "words":
            words = owner.get(field.key)
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                self.report(here, "must be a list of texts")
            elif field.ref == "method":
                self.known_methods(words, here)
            elif field.ref == "safeguard":
                self.known_safeguards(words, here)
            elif field.ref == "risk":
                self.known_risks(words, here)
        elif kind == "answer_lists":
            self.answer_lists(owner.get(field.key), here)
        elif kind == "integer":
            high = min(field.high, self.max_weight) if field.on_scale else field.high
            self.integer(owner, field.key, path, field.low, high)
        elif kind == "flag":
            if field.key in owner and not isinstance(owner[field.key], bool):
                self.report(here, "must be true or false")
        else:
            self.nested(field, owner.get(field.key), here)

    def nested(self, field: Field, value: Any, here: Path_) -> None:
        entity = field.entity
        assert entity is not None
        if field.kind == "entity":
            self.entity(entity, value, here)
        elif field.kind == "map":
            entries = self.mapping(value, here, f"{field.key} by key")
            if not entries and field.required:
                self.report(here[:-1], f"has no {field.key}")
            for key, item in entries.items():
                self.key(field, key, (*here, key))
                self.entity(entity, item, (*here, key))
        elif field.kind == "list":
            self.entity_list(entity, value, here, field.required)
        elif field.kind == "by_question":
            for question, items in self.mapping(value, here, "questions to values").items():
                if self.known_question(question, (*here, question)):
                    entries = self.mapping(items, (*here, question), "values to weights")
                    for slug, item in entries.items():
                        if self.known_value(question, slug, (*here, question, slug)):
                            self.entity(entity, item, (*here, question, slug))
        else:  # per_resource
            for resource, item in self.mapping(value, here, "resources to needs").items():
                where = (*here, resource)
                if self.resources is None:
                    self.report(where, "names a need, but no question has 'resources: true'")
                    continue
                if self.known_value(self.resources, resource, where):
                    legacy = item.get(LEGACY_NEED_VALUE, "yes") if isinstance(item, dict) else "yes"
                    self.entity(entity, without(item, LEGACY_NEED_VALUE), where)
                    if legacy != "yes":
                        self.report(
                            (*where, "value"),
                            f"unknown {resource} value {legacy!r}; a need is what the method "
                            "needs, so leave 'value' out (or write 'yes')",
                        )

    def entity_list(self, entity: Entity, value: Any, here: Path_, required: bool) -> None:
        if not isinstance(value, list):
            self.report(here, f"must be a list of {here[-1]}, not {_kind(value)}")
            return
        if not value and required:
            self.report(
                here,
                f"is empty; a dataset needs at least one {str(here[-1])[:-1]}"
                if here[-1] == "methods"
                else "is empty; give at least one entry",
            )
        seen: dict[Any, int] = {}
        for index, item in enumerate(value):
            path = (*here, index)
            if not isinstance(item, dict):
                self.mapping(item, path, entity.what)
                continue
            self.entity(entity, item, path)
            ident = item.get(entity.unique) if entity.unique else None
            if isinstance(ident, str):
                if ident in seen:
                    self.report(
                        (*path, entity.unique),
                        f"duplicate {entity.unique} {ident!r} (also {here[-1]} #{seen[ident] + 1})"
                        if entity.unique != "id"
                        else f"duplicate id {ident!r} (also method #{seen[ident] + 1})",
                    )
                seen.setdefault(ident, index)

    # -- references ------------------------------------------------------------------

    def text_field(self, field: Field, owner: Mapping[str, Any], path: Path_) -> None:
        value = owner.get(field.key)
        if field.ref == "source":
            if field.key not in owner:
                self.report(path, f"is missing its source; use one of {_names(self.sources)}")
            elif not isinstance(value, str) or value not in self.sources:
                self.report(
                    (*path, field.key),
                    f"unknown source {value!r}; expected one of {_names(self.sources)}",
                )
            return
        if field.ref == "answer":
            return  # checked against its question's values by the caller
        if field.ref == "question":
            if isinstance(value, str):
                self.known_question(value, (*path, field.key))
            else:
                self.text(owner, field.key, path)
            return
        if field.ref == "statement":
            if not isinstance(value, str) or (value != JUDGEMENT and value not in self.sources):
                choices = _names([*self.sources, JUDGEMENT])
                self.report(
                    (*path, field.key), f"unknown source {value!r}; expected one of {choices}"
                )
            return
        if field.ref == "framework":
            if not isinstance(value, str) or value not in self.frameworks:
                self.report(
                    (*path, field.key),
                    f"unknown framework {value!r}; expected one of {_names(self.frameworks)}",
                )
            return
        if field.ref == "framework-value":
            framework = owner.get("framework")
            allowed = self.frameworks.get(framework, set()) if isinstance(framework, str) else set()
            if allowed and (not isinstance(value, str) or value not in allowed):
                self.report(
                    (*path, field.key),
                    f"unknown {framework} value {value!r}; expected one of {_names(allowed)}",
                )
            return
        if field.ref in _CHOICES:
            options = _CHOICES[field.ref]
            if value not in options:
                expected = _names(options)
                self.report(
                    (*path, field.key), f"unknown {field.key} {value!r}; expected {expected}"
                )
            return
        if field.ref == "resource":
            if field.key in owner:
                if self.resources is None:
                    self.report(
                        (*path, field.key),
                        "names what you have, but no question has 'resources: true'",
                    )
                elif isinstance(value, str):
                    self.known_value(self.resources, value, (*path, field.key))
                else:
                    self.text(owner, field.key, path)
            return
        if field.ref == "slug":
            if not isinstance(value, str):
                self.report(path, f"is missing its {field.key} (a slug such as my-method)")
            else:
                self.key(Field(field.key, "text", keys="slug"), value, (*path, field.key))
            return
        self.text(owner, field.key, path)

    def known_methods(self, ids: list[str], here: Path_) -> None:
        """Method ids a rule names (a safeguard's case): each a method of the dataset. With
        no method known at all, the missing list is the problem reported, not each id."""
        if not self.method_ids:
            return
        for n, ident in enumerate(ids):
            if ident not in self.method_ids:
                self.report(
                    (*here, n),
                    f"unknown method {ident!r}; expected one of {_names(self.method_ids)}",
                )

    def known_safeguards(self, ids: list[str], here: Path_) -> None:
        """Safeguard ids a rule names (the means a group is heard with): each known."""
        for n, ident in enumerate(ids):
            if ident not in self.safeguard_ids:
                expected = _names(self.safeguard_ids)
                self.report((*here, n), f"unknown safeguard {ident!r}; expected one of {expected}")

    def known_risks(self, ids: list[str], here: Path_) -> None:
        """Risk ids a safeguard's case names: each one of `language.risks`."""
        for n, ident in enumerate(ids):
            if ident not in self.risk_ids:
                expected = _names(self.risk_ids)
                self.report((*here, n), f"unknown risk {ident!r}; expected one of {expected}")

    def answer_lists(self, value: Any, here: Path_) -> None:
        """Answers a rule names, by question: {question: [value, ...]}, each known."""
        for question, values in self.mapping(value, here, "questions to values").items():
            if not self.known_question(question, (*here, question)):
                continue
            if not isinstance(values, list) or not values:
                self.report((*here, question), f"must be a list of {question} values")
                continue
            for n, slug in enumerate(values):
                if not isinstance(slug, str):
                    self.report((*here, question, n), "must be text")
                else:
                    self.known_value(question, slug, (*here, question, n))

    def known_question(self, question: str, path: Path_) -> bool:
        if question in self.vocabulary:
            return True
        self.report(
            path, f"unknown question {question!r}; expected one of {_names(self.vocabulary)}"
        )
        return False

    def known_ref(self, name: str, path: Path_, value_optional: bool = False) -> None:
        """A "question:value" reference names a known question and one of its values (or,
        where `value_optional`, a bare question key)."""
        question, _, value = name.partition(":")
        if self.known_question(question, path) and (value or not value_optional):
            self.known_value(question, value, path)

    def known_value(self, question: str, slug: str, path: Path_) -> bool:
        if slug in self.vocabulary[question]:
            return True
        self.unknown_value(question, slug, path)
        return False

    def unknown_value(self, question: str, slug: Any, path: Path_) -> None:
        self.report(
            path,
            f"unknown {question} value {slug!r}; expected one of "
            f"{_names(self.vocabulary[question])}",
        )

    def key(self, field: Field, key: Any, path: Path_) -> None:
        if not field.keys:
            return
        pattern, rule = _KEY_PATTERNS[field.keys]
        if not isinstance(key, str) or not re.match(pattern, key):
            noun = "a slug" if field.keys == "slug" else "a name"
            self.report(path, f"{key!r} is not {noun} ({rule})")

    # -- plain values ------------------------------------------------------------------

    def mapping(self, value: Any, path: Path_, what: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.report(path, f"must be a mapping of {what}, not {_kind(value)}")
        return {}

    def text(self, owner: Mapping[str, Any], key: str, path: Path_) -> None:
        here = (*path, key)
        if key not in owner:
            self.report(path, f"is missing the text field {key!r}")
            return
        value = owner[key]
        if not isinstance(value, str):
            hint = (
                "; put it in quotes"
                if isinstance(value, bool | int | float) or _is_date(value)
                else ""
            )
            self.report(here, f"must be text, but YAML read {_kind(value)}{hint}")
            return
        if not value.strip():
            self.report(here, "must not be empty")
            return
        if value.startswith(PLACEHOLDER):
            self.report(here, "is still a placeholder of the template; write the real text here")
            return
        bad = next((c for c in value if _is_control(c)), None)
        if bad is not None:
            self.report(here, f"contains the control character U+{ord(bad):04X}; remove it")

    def why(self, owner: Mapping[str, Any], path: Path_) -> None:
        for lang in ("fi", "en"):
            self.text(owner, lang, path)

    def terms(self, value: Any, here: Path_) -> None:
        for lang, words in self.mapping(value, here, "fi and en word lists").items():
            there = (*here, lang)
            if lang not in ("fi", "en"):
                self.report(there, f"unknown language {lang!r}; use fi or en")
            elif words is None:
                continue
            elif not isinstance(words, list):
                self.report(there, f"must be a list of words, not {_kind(words)}")
            else:
                for i, word in enumerate(words):
                    if isinstance(word, str):
                        self.text({"w": word}, "w", (*there, i))
                    else:
                        self.report(
                            (*there, i),
                            f"must be text, but YAML read {_kind(word)}; put it in quotes",
                        )

    def integer(self, owner: Mapping[str, Any], key: str, path: Path_, low: int, high: int) -> None:
        value = owner.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.report((*path, key), f"must be a whole number from {low} to {high}")
        elif not low <= value <= high:
            self.report((*path, key), f"must be from {low} to {high}, not {_shown(value)}")

    def unknown_keys(
        self, owner: Mapping[str, Any], allowed: set[str] | frozenset[str], path: Path_
    ) -> None:
        for key in owner:
            if key not in allowed:
                self.report(
                    (*path, key), f"unknown field {key!r}; expected one of {_names(allowed)}"
                )


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a yes/no value ({value})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if _is_date(value):
        return f"a date ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _is_date(value: Any) -> bool:
    return isinstance(value, datetime.date)


def _is_control(char: str) -> bool:
    return char != "\n" and unicodedata.category(char) in ("Cc", "Cf") and char != "\u00ad"


MAX_NAMES = 30  # a message names at most this many choices: a catalogue has thousands


def _names(values: Any) -> str:
    names = sorted(str(v) for v in values)
    if len(names) <= MAX_NAMES:
        return ", ".join(names)
    return f"{', '.join(names[:MAX_NAMES])} and {len(names) - MAX_NAMES:,} more"


SHOWN_VALUE = 60  # characters of a value a message repeats; a pasted page is cut


def _shown(value: Any) -> str:
    """A value as a message repeats it: its repr, cut when long (a number of thousands of
    digits, a page of text)."""
    text = repr(value)
    return text if len(text) <= SHOWN_VALUE else f"{text[:SHOWN_VALUE]}… ({len(text)} characters)"


def _risk_ids(data: Any) -> set[str]:
    """The risks a dataset's `language.risks` names."""
    language = data.get("language") if isinstance(data, dict) else None
    risks = language.get("risks") if isinstance(language, dict) else None
    return set(risks) if isinstance(risks, dict) else set()
