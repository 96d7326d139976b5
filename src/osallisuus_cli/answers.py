"""Turn what a planner gave (flags, an answers file, a description) into canonical Answers.

Flags win over the answers file; both win over what --describe understood.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import yamlsafe
from .errors import UsageError
from .files import ANSWERS_FILE, STDIN_DISPLAY, STDIN_NAMES, decode, read_bytes, read_stdin
from .i18n import LACK_FLAG, both, each
from .lookup import resolve_value
from .model import HAVE_VALUES, Answers, Bilingual, Dataset, Have, Question, Understood

# The keys of the JSON `answers` object; an answers file uses the same.
DESCRIBE_KEY = "describe"
# What you have: the flags' keys of --have, --lack and --facilitator/--no-facilitator
# (the one resource earlier versions asked as yes/no, kept as an answers key too).
RESOURCES = "resources"
LACK = "lack"
FACILITATOR = "facilitator"
# What a saved `recommend --json` document says beside the answers themselves.
IGNORED_KEYS = ("understood", "unsure", "labels")
# Keys that only the JSON of another command has: feeding that file is a mistake to name.
OTHER_DOCUMENTS = {
    "methods": "list",
    "method": "show",
    "results": "search",
    "questions": "questions",
    "valid": "validate",
}
MAX_DESCRIBE = 5000  # as the CLI's longest argument: matching time grows with the words


def read_answers_file(path: str) -> dict[str, Any]:
    """An answers file (YAML or JSON; - for standard input) as a mapping; UsageError if unusable."""
    if not path.strip():
        raise UsageError(both("answers_no_name"))
    if path in STDIN_NAMES:
        name, raw = STDIN_DISPLAY, read_stdin(ANSWERS_FILE)
    else:
        name, raw = path, read_bytes(Path(path), ANSWERS_FILE)
    return answers_mapping(_parse(decode(raw, name, ANSWERS_FILE), name), name)


def answers_mapping(data: Any, name: str | Bilingual) -> dict[str, Any]:
    """Parsed answers (a file's, or a line of a batch) checked as a mapping of answers;
    UsageError if unusable."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(both("answers_not_mapping", name=name))
    answers = data.get("answers")
    if answers is None and "schema_version" in data:
        command = next((c for key, c in OTHER_DOCUMENTS.items() if key in data), "osallisuus")
        raise UsageError(both("answers_wrong_kind", name=name, command=command))
    # A whole `recommend --json` document gives its answers.
    mapping: dict[str, Any] = answers if isinstance(answers, dict) else data
    _check_plain(mapping, name)
    return mapping


def _parse(text: str, name: str) -> Any:
    try:
        if text.lstrip().startswith(("{", "[")):
            try:
                return json.loads(text)
            except ValueError:
                pass  # JSON-looking YAML; let the YAML reader say what is wrong
        parsed = yamlsafe.parse(text)
    except yamlsafe.YamlSyntaxError as exc:
        fi_where, en_where = both("at_line", line=exc.line) if exc.line else ("", "")
        raise UsageError(
            both("answers_bad_syntax", name=name, where=Bilingual(fi_where, en_where), problem=exc)
        ) from None
    except RecursionError:
        raise UsageError(both("answers_too_deep", name=name)) from None
    if parsed.problems:
        line, _, message = parsed.problems[0]
        raise UsageError(both("answers_line_problem", name=name, line=line, problem=message))
    return parsed.data


# answers: question -> [value, ...]; a saved --json output: "understood" -> [{...: [...]}]
_MAX_DEPTH = 4


def _check_plain(data: dict[str, Any], name: str | Bilingual) -> None:
    """UsageError for what later steps cannot take: deep nesting, text that is not Unicode.

    JSON can carry a lone surrogate ("\\ud800"), which no encoder accepts; the walk is a
    loop, not a recursion, so no nesting can overflow it.
    """
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise UsageError(both("answers_too_deep", name=name))
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError(
                    both("answers_not_unicode", name=name, value=ascii(item))
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
    have_question = resources_question(dataset)
    known = {q.key for q in dataset.questions}
    if have_question is not None:
        known |= {FACILITATOR}
    file_answers = dict(file_answers or {})
    for key in file_answers:
        if key not in known and key != DESCRIBE_KEY and key not in IGNORED_KEYS:
            valid = ", ".join([*sorted(known), DESCRIBE_KEY])
            raise UsageError(both("answers_unknown_key", key=repr(key), valid=valid))
    from_file = file_answers.get(DESCRIBE_KEY)
    if from_file is not None and not isinstance(from_file, str):
        raise UsageError(both("answer_not_text", value=repr(from_file), key=DESCRIBE_KEY))
    if describe is None and isinstance(from_file, str):
        describe = from_file
    if describe is not None and len(describe) > MAX_DESCRIBE:
        raise UsageError(both("describe_too_long", length=len(describe), limit=MAX_DESCRIBE))

    choices: dict[str, tuple[str, ...]] = {}
    for question in dataset.questions:
        if question.resources:
            continue
        raw = _raw_values(question, flags.get(question.key), file_answers.get(question.key))
        slugs = [_resolved(dataset, question, value) for value in raw]
        if slugs:
            choices[question.key] = _ordered(question, slugs)
    resources: dict[str, Have] = {}
    if have_question is not None:
        # the file first, so that the flags given win over it
        resources = _file_resources(have_question, file_answers)
        resources.update(_flag_resources(have_question, flags))

    if describe is None or not describe.strip():
        return Answers(choices=choices, describe=describe, resources=resources)
    from .reader import read  # only with --describe: other runs save 3.4 ms (issue 25)

    reading = read(dataset, describe)
    given = dict(choices)
    choices = _read_choices(dataset, reading.understood, given)
    development = (
        None
        if reading.development is None
        else MappingProxyType(_read_choices(dataset, reading.development, given))
    )
    if have_question is not None:
        read_resources = {
            u.value: _HAVE_OF_STANCE[u.stance]
            for u in reading.understood
            if u.question == have_question.key and u.stance in _HAVE_OF_STANCE
        }
        resources = {**read_resources, **resources}
    return Answers(
        choices,
        describe,
        reading.understood,
        resources,
        reading.relevance,
        reading.named,
        reading.matched,
        reading.ages,
        reading.risks,
        reading.in_place,
        reading.discussed,
        reading.timing,
        reading.served,
        development,
        reading.asked,
    )


def _read_choices(
    dataset: Dataset, understood: Sequence[Understood], given: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """The answers given, and for each question not given, what the text answers."""
    choices = dict(given)
    for question in dataset.questions:
        if question.key in choices or question.resources:
            continue
        found = [u.value for u in understood if u.question == question.key and u.stance == "wanted"]
        if found:
            kept = _ordered(question, found)
            choices[question.key] = kept if question.multiple else kept[:1]
    return choices


# What a description's stance on a resource says the planner has.
_HAVE_OF_STANCE: dict[str, Have] = {"available": "yes", "unavailable": "no", "unsure": "unsure"}


def resources_question(dataset: Dataset) -> Question | None:
    """The question of what you have (`resources: true`), if the dataset asks one."""
    return next((q for q in dataset.questions if q.resources), None)


def _flag_resources(
    question: Question, flags: Mapping[str, Sequence[str] | bool | None]
) -> dict[str, Have]:
    """What --have, --lack and --facilitator/--no-facilitator say; a resource given both
    ways is a usage error."""
    found: dict[str, Have] = {}
    legacy = flags.get(FACILITATOR)
    if isinstance(legacy, bool) and question.value(FACILITATOR) is not None:
        found[FACILITATOR] = "yes" if legacy else "no"
    for key, have in ((RESOURCES, "yes"), (LACK, "no")):
        given = flags.get(key)
        for raw in given if isinstance(given, list | tuple) else ():
            slug = resolve_value(question, raw)
            if found.get(slug, have) != have:
                label = question.value_label(slug, "fi"), question.value_label(slug, "en")
                raise UsageError(both("have_and_lack", value=Bilingual(*label)), (slug,))
            found[slug] = "yes" if have == "yes" else "no"
    return found


def _file_resources(question: Question, file_answers: Mapping[str, Any]) -> dict[str, Have]:
    """What an answers file says one has: `resources: {coordinator: yes, fees: no}` (the
    JSON `answers.resources`), and `facilitator: true/false/yes/no` as earlier files said."""
    found: dict[str, Have] = {}
    legacy = file_answers.get(FACILITATOR)
    if legacy is not None and question.value(FACILITATOR) is not None:
        found[FACILITATOR] = _have(legacy, FACILITATOR)
    given = file_answers.get(question.key)
    if given is None:
        return found
    if not isinstance(given, dict):
        raise UsageError(both("answers_resources_mapping", key=question.key))
    for raw, have in given.items():
        if not isinstance(raw, str):
            raise UsageError(both("answer_not_text", value=repr(raw), key=question.key))
        found[resolve_value(question, raw)] = _have(have, f"{question.key}.{raw}")
    return found


def _have(raw: Any, key: str) -> Have:
    """yes, no or unsure from an answers file: true/false, or the words (kyllä, ei, ...)."""
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, str):
        word = raw.strip().lower()
        for have, words in _HAVE_WORDS.items():
            if word in words:
                return have
    choices = ", ".join(HAVE_VALUES)
    raise UsageError(both("answers_have_value", value=repr(raw), key=key, choices=choices))


_HAVE_WORDS: dict[Have, tuple[str, ...]] = {
    "yes": ("yes", "y", "true", "have", "kyllä", "k", "on"),
    "no": ("no", "n", "false", "lack", "ei", "puuttuu"),
    "unsure": ("unsure", "unknown", "to-check", "epävarma", "ei tiedossa"),
}


def _resolved(dataset: Dataset, question: Question, raw: str) -> str:
    """The value's slug; an unknown one says so, and points at the question it answers
    when it is another question's value (-t vanhuspalvelut -> --setting elderly-care)."""
    try:
        return resolve_value(question, raw)
    except UsageError as unknown:
        for other in dataset.questions:
            if other.key == question.key or other.resources:
                continue
            try:
                slug = resolve_value(other, raw, guess=False)
            except UsageError:
                continue
            words = both(
                "value_of_other_question",
                given=repr(raw),
                flag=question.flag,
                other=other.flag,
                slug=slug,
            )
            raise UsageError(words, (slug,)) from None
        raise unknown


def with_pairs(
    dataset: Dataset, flags: Mapping[str, Sequence[str] | bool | None], pairs: Sequence[str]
) -> dict[str, Sequence[str] | bool | None]:
    """The flags plus answers given as KEY=VALUE (--answer), for any question by its key."""
    merged = dict(flags)
    # a key -> the flags' key its values go to: what you have to --have, `lack` to --lack
    keys = {q.key: RESOURCES if q.resources else q.key for q in dataset.questions}
    if resources_question(dataset) is not None:
        keys[LACK] = LACK
    for pair in pairs:
        key, sign, value = pair.partition("=")
        target = keys.get(key.strip())
        if not sign or target is None:
            raise UsageError(both("answer_pair_bad", given=repr(pair), keys=", ".join(keys)))
        before = merged.get(target)
        earlier = list(before) if isinstance(before, list | tuple) else []
        merged[target] = [*earlier, value.strip()]
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
        if isinstance(item, str):
            values.append(item)
        else:
            raise UsageError(both("answer_not_text", value=repr(item), key=question.key))
    if len(values) > 1 and not question.multiple:
        # Named as the planner gave them: the option, or the key of the answers file.
        name = question.flag if from_flags else question.key
        words = both("takes_one_answer", name=name, count=len(values), values=each(values))
        raise UsageError(words, tuple(values))
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
            args += [question.flag, slug]
        if question.resources:
            for slug, have in answers.resources.items():
                if have != "unsure":
                    args += [question.flag if have == "yes" else LACK_FLAG, slug]
    if answers.describe:
        args += ["--describe", answers.describe]
    return shlex.join(args)
