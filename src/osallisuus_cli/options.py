"""The options that several commands share, declared once: the answers and where they go.

Typer reads a command's options from its signature; `takes_answers` writes the
answer options into the signature of each command that asks the questions
(`recommend`, `plan`), one per entry of ANSWER_OPTIONS, then the shared ones.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Annotated, Any, NamedTuple

import typer

from . import core
from .completion import complete_pairs, complete_values

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


# -- the answer options: one line per question ------------------------------------------


class AnswerOption(NamedTuple):
    """A question's own option on the command line; its parameter is named by its key."""

    key: str
    flags: tuple[str, ...]
    help: str


ANSWER_OPTIONS = (
    AnswerOption(
        "target_groups", ("--target-group", "-t"), "Who takes part, e.g. children, lapset."
    ),
    AnswerOption("purposes", ("--purpose", "-p"), "What for, e.g. feedback, co-design."),
    AnswerOption("level", ("--level", "-l"), "individual, group or organisation."),
    AnswerOption(
        "settings", ("--setting", "-s"), "In what service, e.g. child-welfare, varhaiskasvatus."
    ),
    AnswerOption("duration", ("--duration", "-d"), "one-off, fixed-term or ongoing."),
    AnswerOption(
        "phase", ("--phase",), "planning, implementation, evaluation, improvement or monitoring."
    ),
    AnswerOption(
        "facilitator",
        ("--facilitator/--no-facilitator",),
        "Whether an external facilitator is available (unset: unknown).",
    ),
)


def _answer_parameter(option: AnswerOption) -> inspect.Parameter:
    if "/" in option.flags[0]:  # a yes/no question: --facilitator/--no-facilitator
        info = typer.Option(*option.flags, help=option.help)
        annotation: Any = Annotated[bool | None, info]
    else:
        complete = complete_values(option.key)
        info = typer.Option(*option.flags, help=option.help, autocompletion=complete)
        annotation = Annotated[list[str] | None, info]
    kind = inspect.Parameter.KEYWORD_ONLY
    return inspect.Parameter(option.key, kind, default=None, annotation=annotation)


def takes_answers(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command one option per entry of ANSWER_OPTIONS and the shared ones (SHARED),
    right after its context; it receives them all in its **answers."""
    signature = inspect.signature(command, eval_str=True)
    context, *rest = (p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD)
    added = [_answer_parameter(option) for option in ANSWER_OPTIONS]
    kind = inspect.Parameter.KEYWORD_ONLY
    added += [
        inspect.Parameter(name, kind, default=None, annotation=annotation)
        for name, annotation in SHARED.items()
    ]
    keyword_only = [p.replace(kind=p.KEYWORD_ONLY) for p in rest]
    command.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[context, *added, *keyword_only]
    )
    return command


def answer_input(received: Mapping[str, Any]) -> core.AnswerInput:
    """The answers a command received through `takes_answers`."""
    flags = {option.key: received.get(option.key) for option in ANSWER_OPTIONS}
    pairs = tuple(received.get("answer") or ())
    return core.AnswerInput(flags, received.get("describe"), received.get("answers_file"), pairs)


def memo_request(received: Mapping[str, Any]) -> core.MemoRequest:
    """Where a command's memo goes, from the options `takes_answers` gave it."""
    return core.MemoRequest(received.get("output"), received.get("memo_format"))


AnswerPairs = Annotated[
    list[str] | None,
    typer.Option(
        "--answer",
        "-a",
        metavar="KEY=VALUE",
        help="Any question by its key, e.g. level=group (repeatable).",
        autocompletion=complete_pairs,
    ),
]
DescribeOption = Annotated[
    str | None,
    typer.Option(
        "--describe",
        metavar="TEXT",
        help="Describe the situation in Finnish or English; the tool says what it understood.",
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write a memo for the planning meeting: FILE.md (Markdown) or FILE.html.",
    ),
]
MemoFormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", help="markdown or html (default: from FILE's extension)."),
]
AnswersFileOption = Annotated[
    str | None,
    typer.Option(
        "--answers",
        metavar="FILE",
        help="Read saved answers (YAML or JSON, the keys of the JSON 'answers').",
    ),
]


SHARED: dict[str, Any] = {
    "answer": AnswerPairs,
    "describe": DescribeOption,
    "answers_file": AnswersFileOption,
    "output": OutputOption,
    "memo_format": MemoFormatOption,
}
