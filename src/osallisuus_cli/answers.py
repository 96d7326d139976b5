"""Turn what a planner gave (flags, an answers file, a description) into canonical Answers.

Flags win over the answers file; both win over what --describe understood.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from . import yamlsafe
from .describe import read
from .errors import UsageError
from .files import ANSWERS_FILE, STDIN_DISPLAY, STDIN_NAMES, decode, read_bytes, read_stdin
from .lookup import resolve_value
from .model import Answers, Dataset, Question

# The keys of the JSON `answers` object; an answers file uses the same.
DESCRIBE_KEY = "describe"
IGNORED_KEYS = ("understood",)
MAX_DESCRIBE = 5000  # as the CLI's longest argument: matching time grows with the words


def read_answers_file(path: str) -> dict[str, Any]:
    """An answers file (YAML or JSON; - for standard input) as a mapping; UsageError if unusable."""
    if not path.strip():
        raise UsageError("--answers needs a file name.")
    if path in STDIN_NAMES:
        name, raw = STDIN_DISPLAY, read_stdin(ANSWERS_FILE)
    else:
        name, raw = path, read_bytes(Path(path), ANSWERS_FILE)
    data = _parse(decode(raw, name, ANSWERS_FILE), name)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(
            f"Answers file {name} must hold a mapping such as {{target_groups: [...]}}."
        )
    answers = data.get("answers")
    if isinstance(answers, dict):
        data = answers  # a whole `recommend --json` document
    _check_plain(data, name)
    return data


def _parse(text: str, name: str) -> Any:
    try:
        if text.lstrip().startswith(("{", "[")):
            try:
                return json.loads(text)
            except ValueError:
                pass  # JSON-looking YAML; let the YAML reader say what is wrong
        parsed = yamlsafe.parse(text)
    except yamlsafe.YamlSyntaxError as exc:
        where = f" at line {exc.line}" if exc.line else ""
        raise UsageError(f"Answers file {name} is not valid YAML or JSON{where}: {exc}.") from None
    except RecursionError:
        raise UsageError(_TOO_DEEP.format(name=name)) from None
    if parsed.problems:
        line, _, message = parsed.problems[0]
        raise UsageError(f"Answers file {name}, line {line}: {message}.")
    return parsed.data


_TOO_DEEP = (
    "Answers file {name} is nested too deeply; it maps each question to a value or a list "
    "of values."
)
# answers: question -> [value, ...]; a saved --json output: "understood" -> [{...: [...]}]
_MAX_DEPTH = 4


def _check_plain(data: dict[str, Any], name: str) -> None:
    """UsageError for what later steps cannot take: deep nesting, text that is not Unicode.

    JSON can carry a lone surrogate ("\\ud800"), which no encoder accepts; the walk is a
    loop, not a recursion, so no nesting can overflow it.
    """
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise UsageError(_TOO_DEEP.format(name=name))
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError(
                    f"Answers file {name} holds {item!a}, which is not valid Unicode "
                    "text (a lone surrogate); save it as UTF-8."
                ) from None
        elif isinstance(item, dict):
            stack += [(part, depth + 1) for pair in item.items() for part in pair]
        elif isinstance(item, list):
            stack += [(part, depth + 1) for part in item]


def build_answers(
    dataset: Dataset,
    flags: Mapping[str, Sequence[str] | bool | None],
    describe: str | None = None,
    file_answers: Mapping[str, Any] | None = None,
) -> Answers:
    """Resolve every raw value to its canonical slug; UsageError naming the closest values.

    `flags` holds each question's values by its key, as typed (a yes/no question: a bool).
    """
    known = {q.key for q in dataset.questions}
    file_answers = dict(file_answers or {})
    for key in file_answers:
        if key not in known and key != DESCRIBE_KEY and key not in IGNORED_KEYS:
            valid = ", ".join([*sorted(known), DESCRIBE_KEY])
            raise UsageError(f"Unknown key {key!r} in the answers file; use {valid}.")
    from_file = file_answers.get(DESCRIBE_KEY)
    if from_file is not None and not isinstance(from_file, str):
        raise UsageError(f"The answer {from_file!r} for {DESCRIBE_KEY} must be text.")
    if describe is None and isinstance(from_file, str):
        describe = from_file
    if describe is not None and len(describe) > MAX_DESCRIBE:
        raise UsageError(
            f"The description is {len(describe)} characters long; the limit is {MAX_DESCRIBE}, "
            "enough for a few paragraphs."
        )

    choices: dict[str, tuple[str, ...]] = {}
    for question in dataset.questions:
        raw = _raw_values(question, flags.get(question.key), file_answers.get(question.key))
        slugs = [_resolved(dataset, question, value) for value in raw]
        if slugs:
            choices[question.key] = _ordered(question, slugs)

    if describe is None or not describe.strip():
        return Answers(choices=choices, describe=describe)
    reading = read(dataset, describe)
    for question in dataset.questions:
        if question.key in choices:
            continue
        found = [u.value for u in reading.understood if u.question == question.key]
        if found:
            kept = _ordered(question, found)
            choices[question.key] = kept if question.multiple else kept[:1]
    unsure = tuple(u for u in reading.unsure if u.question not in choices)
    return Answers(choices, describe, reading.understood, unsure, reading.relevance, reading.named)


def _resolved(dataset: Dataset, question: Question, raw: str) -> str:
    """The value's slug; an unknown one says so, and points at the question it answers
    when it is another question's value (-t vanhuspalvelut -> --setting elderly-care)."""
    try:
        return resolve_value(question, raw)
    except UsageError as unknown:
        for other in dataset.questions:
            if other.key == question.key or other.boolean:
                continue
            try:
                slug = resolve_value(other, raw, guess=False)
            except UsageError:
                continue
            raise UsageError(
                f"{raw!r} is not a value of {question.flag} but of {other.flag}: "
                f"use {other.flag} {slug}.",
                (slug,),
            ) from None
        raise unknown


def with_pairs(
    dataset: Dataset, flags: Mapping[str, Sequence[str] | bool | None], pairs: Sequence[str]
) -> dict[str, Sequence[str] | bool | None]:
    """The flags plus answers given as KEY=VALUE (--answer), for any question by its key."""
    merged = dict(flags)
    keys = {q.key: q for q in dataset.questions}
    for pair in pairs:
        key, sign, value = pair.partition("=")
        question = keys.get(key.strip())
        if not sign or question is None:
            raise UsageError(
                f"--answer takes KEY=VALUE with a question's key, not {pair!r}; the keys are "
                f"{', '.join(keys)}."
            )
        before = merged.get(question.key)
        earlier = list(before) if isinstance(before, list | tuple) else []
        merged[question.key] = [*earlier, value.strip()]
    return merged


def _raw_values(
    question: Question, from_flags: Sequence[str] | bool | None, from_file: Any
) -> list[str]:
    if isinstance(from_flags, bool):
        raw: list[Any] = [from_flags]
    elif from_flags:
        raw = list(from_flags)
    elif from_file is None:
        raw = []
    elif isinstance(from_file, list):
        raw = from_file
    else:
        raw = [from_file]
    values: list[str] = []
    for item in raw:
        if isinstance(item, bool) and question.boolean:
            values.append("yes" if item else "no")
        elif isinstance(item, str):
            values.append(item)
        else:
            raise UsageError(f"The answer {item!r} for {question.key} must be text.")
    if len(values) > 1 and not question.multiple:
        raise UsageError(
            f"{question.key} takes one answer, got {len(values)}: {', '.join(values)}."
        )
    return values


def _ordered(question: Question, slugs: Sequence[str]) -> tuple[str, ...]:
    """Deduplicated, in the vocabulary's order, so that answer order never matters."""
    order = {value.slug: i for i, value in enumerate(question.values)}
    return tuple(sorted(set(slugs), key=lambda slug: order.get(slug, len(order))))


def to_command(dataset: Dataset, answers: Answers, prefix: Sequence[str]) -> str:
    """The command line that gives the same answers, to rerun or share."""
    args = [*prefix, "recommend"]
    for question in dataset.questions:
        for slug in answers.get(question.key):
            if question.boolean:
                args.append(question.flag if slug == "yes" else "--no-" + question.flag[2:])
            else:
                args += [question.flag, slug]
    if answers.describe:
        args += ["--describe", answers.describe]
    return shlex.join(args)
