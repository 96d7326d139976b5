"""Validate a dataset's YAML and report every problem with file, line, method id and field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .dataset import (
    QUESTION_KEYS,
    SCHEMA_VERSION,
    decode,
    read_bytes,
    remember_valid,
    resolve_path,
)
from .errors import DataError, Problem

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOP_KEYS = {"schema_version", "scoring", "sources", "questions", "methods"}


def check_file(path: str | None = None) -> tuple[str, tuple[Problem, ...]]:
    """Validate a dataset file without the cache: its name and every problem found.

    A valid file is cached as `load_dataset` would, so loading it next parses nothing.
    """
    file = resolve_path(path)
    raw = read_bytes(file)
    try:
        data = parse_and_validate(decode(raw, str(file)), str(file))
    except DataError as exc:
        if exc.problems:
            return str(file), exc.problems
        raise
    remember_valid(raw, data)
    return str(file), ()


def parse_and_validate(text: str, name: str) -> dict[str, Any]:
    """Parse YAML text and validate it; raises DataError listing every problem."""
    from . import yamlsafe

    if not text.strip():
        raise DataError(f"{name}: the file is empty; a dataset needs schema_version and methods.")
    try:
        parsed = yamlsafe.parse(text)
    except yamlsafe.YamlSyntaxError as exc:
        where = f"{name}:{exc.line}" if exc.line else name
        raise DataError(
            f"{where}: is not valid YAML: {exc}.",
            (Problem(name, exc.line, None, None, f"is not valid YAML: {exc}"),),
        ) from None
    data = parsed.data
    validator = _Validator(name, data, parsed.lines)
    for line, path, message in parsed.problems:
        validator.report(path, message, line)
    validator.run()
    if validator.problems:
        problems = tuple(validator.problems)
        count = len(problems)
        first = problems[0]
        more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
        raise DataError(f"{first}{more}.", problems)
    assert isinstance(data, dict)
    return data


class _Validator:
    """Checks plain dataset data, collecting every problem with its location."""

    def __init__(self, name: str, data: Any, lines: dict[tuple[str | int, ...], int]) -> None:
        self.name = name
        self.data = data
        self.lines = lines
        self.problems: list[Problem] = []
        methods = data.get("methods") if isinstance(data, dict) else None
        self.methods: list[Any] = methods if isinstance(methods, list) else []

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def report(self, path: tuple[str | int, ...], message: str, line: int | None = None) -> None:
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

    # -- generic checks -------------------------------------------------

    def mapping(self, value: Any, path: tuple[str | int, ...], what: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.report(path, f"must be a mapping of {what}, not {_kind(value)}")
        return {}

    def text(self, owner: Mapping[str, Any], key: str, path: tuple[str | int, ...]) -> None:
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
        bad = next((c for c in value if _is_control(c)), None)
        if bad is not None:
            self.report(here, f"contains the control character U+{ord(bad):04X}; remove it")

    def bilingual(self, owner: Mapping[str, Any], key: str, path: tuple[str | int, ...]) -> None:
        if key not in owner:
            self.report(path, f"is missing {key!r} (with fi and en)")
            return
        value = self.mapping(owner[key], (*path, key), "fi and en texts")
        self.why(value, (*path, key))

    def why(self, owner: Mapping[str, Any], path: tuple[str | int, ...]) -> None:
        for lang in ("fi", "en"):
            self.text(owner, lang, path)

    def terms(self, owner: Mapping[str, Any], key: str, path: tuple[str | int, ...]) -> None:
        if key not in owner or owner[key] is None:
            return
        value = self.mapping(owner[key], (*path, key), "fi and en word lists")
        for lang, words in value.items():
            here = (*path, key, lang)
            if lang not in ("fi", "en"):
                self.report(here, f"unknown language {lang!r}; use fi or en")
                continue
            if words is None:
                continue
            if not isinstance(words, list):
                self.report(here, f"must be a list of words, not {_kind(words)}")
                continue
            for i, word in enumerate(words):
                self.text({"w": word}, "w", (*here, i)) if isinstance(word, str) else self.report(
                    (*here, i), f"must be text, but YAML read {_kind(word)}; put it in quotes"
                )

    def integer(
        self, owner: Mapping[str, Any], key: str, path: tuple[str | int, ...], low: int, high: int
    ) -> None:
        value = owner.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.report((*path, key), f"must be a whole number from {low} to {high}")
        elif not low <= value <= high:
            self.report((*path, key), f"must be from {low} to {high}, not {value}")

    def unknown_keys(
        self, owner: Mapping[str, Any], allowed: set[str], path: tuple[str | int, ...]
    ) -> None:
        for key in owner:
            if key not in allowed:
                self.report(
                    (*path, key), f"unknown field {key!r}; expected one of {_names(allowed)}"
                )

    # -- the dataset ----------------------------------------------------

    def run(self) -> None:
        top = self.mapping(self.data, (), "schema_version, scoring, sources, questions, methods")
        if not isinstance(self.data, dict):
            return
        methods = top.get("methods")
        self.methods = methods if isinstance(methods, list) else []
        self.unknown_keys(top, _TOP_KEYS, ())
        version = top.get("schema_version")
        if "schema_version" not in top:
            self.report((), f"is missing schema_version; add 'schema_version: {SCHEMA_VERSION}'")
        elif version != SCHEMA_VERSION or isinstance(version, bool):
            self.report(("schema_version",), f"must be {SCHEMA_VERSION}, not {version!r}")
        max_weight = self.scoring(top.get("scoring"))
        sources = self.sources(top.get("sources"))
        vocabulary = self.questions(top.get("questions"))
        self.check_methods(methods, sources, vocabulary, max_weight)

    def scoring(self, value: Any) -> int:
        path: tuple[str | int, ...] = ("scoring",)
        scoring = self.mapping(value, path, "max_weight and describe")
        self.unknown_keys(scoring, {"max_weight", "describe"}, path)
        self.integer(scoring, "max_weight", path, 1, 100)
        describe = self.mapping(scoring.get("describe"), (*path, "describe"), "weight, fi, en")
        self.integer(describe, "weight", (*path, "describe"), 0, 100)
        self.why(describe, (*path, "describe"))
        max_weight = scoring.get("max_weight")
        return max_weight if isinstance(max_weight, int) and max_weight > 0 else 3

    def sources(self, value: Any) -> set[str]:
        sources = self.mapping(value, ("sources",), "source ids to sources")
        for ident, source in sources.items():
            path: tuple[str | int, ...] = ("sources", ident)
            self.slug(ident, path)
            entry = self.mapping(source, path, "source fields")
            self.unknown_keys(
                entry, {"author", "year", "title", "publisher", "citation", "url"}, path
            )
            self.text(entry, "author", path)
            self.text(entry, "year", path)
            for key in ("title", "publisher", "citation"):
                self.bilingual(entry, key, path)
            if entry.get("url") is not None:
                self.text(entry, "url", path)
        return set(sources)

    def questions(self, value: Any) -> dict[str, set[str]]:
        questions = self.mapping(value, ("questions",), "question keys to questions")
        vocabulary: dict[str, set[str]] = {}
        for key in QUESTION_KEYS:
            if key not in questions:
                self.report(("questions",), f"is missing the question {key!r}")
        for key, question in questions.items():
            path: tuple[str | int, ...] = ("questions", key)
            if key not in QUESTION_KEYS:
                self.report(
                    path, f"unknown question {key!r}; expected one of {_names(QUESTION_KEYS)}"
                )
                continue
            entry = self.mapping(question, path, "question fields")
            self.unknown_keys(
                entry,
                {"flag", "multiple", "boolean", "weight", "fi", "en", "prompt", "values"},
                path,
            )
            self.text(entry, "flag", path)
            for flag in ("multiple", "boolean"):
                if flag in entry and not isinstance(entry[flag], bool):
                    self.report((*path, flag), "must be true or false")
            self.integer(entry, "weight", path, 0, 100)
            self.why(entry, path)
            self.bilingual(entry, "prompt", path)
            values = self.mapping(entry.get("values"), (*path, "values"), "value slugs to values")
            if not values:
                self.report(path, "has no values")
            for slug, spec in values.items():
                here = (*path, "values", slug)
                self.slug(slug, here)
                value_entry = self.mapping(spec, here, "label, aliases, keywords")
                self.unknown_keys(value_entry, {"label", "aliases", "keywords"}, here)
                self.bilingual(value_entry, "label", here)
                self.terms(value_entry, "aliases", here)
                self.terms(value_entry, "keywords", here)
            vocabulary[key] = set(values)
        return vocabulary

    def check_methods(
        self, value: Any, sources: set[str], vocabulary: dict[str, set[str]], max_weight: int
    ) -> None:
        if not isinstance(value, list):
            self.report(("methods",), f"must be a list of methods, not {_kind(value)}")
            return
        if not value:
            self.report(("methods",), "is empty; a dataset needs at least one method")
        seen: dict[str, int] = {}
        for index, method in enumerate(value):
            path: tuple[str | int, ...] = ("methods", index)
            entry = self.mapping(method, path, "method fields")
            if not isinstance(method, dict):
                continue
            self.unknown_keys(
                entry,
                {
                    "id",
                    "name",
                    "goal",
                    "description",
                    "source",
                    "aliases",
                    "keywords",
                    "fits",
                    "requirements",
                },
                path,
            )
            ident = entry.get("id")
            if not isinstance(ident, str):
                self.report(path, "is missing its id (a slug such as my-method)")
            else:
                self.slug(ident, (*path, "id"))
                if ident in seen:
                    self.report(
                        (*path, "id"), f"duplicate id {ident!r} (also method #{seen[ident] + 1})"
                    )
                seen.setdefault(ident, index)
            for key in ("name", "goal", "description"):
                self.bilingual(entry, key, path)
            source = entry.get("source")
            if "source" not in entry:
                self.report(path, f"is missing its source; use one of {_names(sources)}")
            elif not isinstance(source, str) or source not in sources:
                self.report(
                    (*path, "source"),
                    f"unknown source {source!r}; expected one of {_names(sources)}",
                )
            self.terms(entry, "aliases", path)
            self.terms(entry, "keywords", path)
            self.fits(entry.get("fits"), (*path, "fits"), vocabulary, max_weight)
            self.requirements(entry.get("requirements"), (*path, "requirements"), vocabulary)

    def fits(
        self,
        value: Any,
        path: tuple[str | int, ...],
        vocabulary: dict[str, set[str]],
        max_weight: int,
    ) -> None:
        if value is None:
            return
        for question, values in self.mapping(value, path, "questions to values").items():
            here = (*path, question)
            if question not in vocabulary:
                self.report(
                    here, f"unknown question {question!r}; expected one of {_names(vocabulary)}"
                )
                continue
            for slug, fit in self.mapping(values, here, "values to weights").items():
                there = (*here, slug)
                if slug not in vocabulary[question]:
                    self.report(
                        there,
                        f"unknown {question} value {slug!r}; expected one of "
                        f"{_names(vocabulary[question])}",
                    )
                    continue
                entry = self.mapping(fit, there, "weight, fi, en")
                self.unknown_keys(entry, {"weight", "fi", "en"}, there)
                self.integer(entry, "weight", there, 1, max_weight)
                self.why(entry, there)

    def requirements(
        self, value: Any, path: tuple[str | int, ...], vocabulary: dict[str, set[str]]
    ) -> None:
        if value is None:
            return
        for question, requirement in self.mapping(value, path, "questions to requirements").items():
            here = (*path, question)
            if question not in vocabulary:
                self.report(
                    here, f"unknown question {question!r}; expected one of {_names(vocabulary)}"
                )
                continue
            entry = self.mapping(requirement, here, "value, fi, en")
            self.unknown_keys(entry, {"value", "fi", "en"}, here)
            required = entry.get("value")
            if not isinstance(required, str) or required not in vocabulary[question]:
                self.report(
                    (*here, "value"),
                    f"unknown {question} value {entry.get('value')!r}; expected one of "
                    f"{_names(vocabulary[question])}",
                )
            self.why(entry, here)

    def slug(self, value: Any, path: tuple[str | int, ...]) -> None:
        if not isinstance(value, str) or not _SLUG.match(value):
            self.report(path, f"{value!r} is not a slug (lowercase a-z, 0-9 and single hyphens)")


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
    import datetime

    return isinstance(value, datetime.date)


def _is_control(char: str) -> bool:
    return char != "\n" and unicodedata.category(char) in ("Cc", "Cf") and char != "\u00ad"


def _names(values: Any) -> str:
    return ", ".join(sorted(str(v) for v in values))
