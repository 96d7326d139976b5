"""The options that several commands share, declared once: the global ones and the answers.

Typer reads a command's options from its signature. `takes_globals` writes --data,
--lang and --json into the signature of every command, so that they work after the
command as before it (the command's own value wins over the root's), and hands
the command the options in force through its context. `takes_answers` writes the
answer options into the signature of each command that asks the questions
(`recommend`, `plan`), one per entry of ANSWER_OPTIONS, then the shared ones.

Help texts and metavars are keys of `i18n.py`: `commandline.py` words them in the
run's language.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any

import typer

from . import __version__, core
from .answers import FACILITATOR, LACK, RESOURCES
from .completion import (
    SHELLS,
    complete_languages,
    complete_pairs,
    complete_shells,
    complete_values,
    completes,
    completion_script,
    install_completion,
)
from .edge import PROG
from .errors import UsageError
from .i18n import LACK_FLAG, both, language_of, pick_language, t, unknown_language_setting
from .i18n import LANG_ENV as LANG_VARIABLE
from .model import Lang
from .present import Env, note, write_out
from .records import Record

# -- the global options: before or after the command -------------------------------------

DataOption = Annotated[str | None, typer.Option("--data", metavar="metavar_path", help="help_data")]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="metavar_lang",
        help="help_lang",
        autocompletion=completes(complete_languages),
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="help_json")]


def _show_version(value: bool) -> None:
    if value:
        write_out(sys.stdout, f"{PROG} {__version__}\n")
        raise typer.Exit()


def _show_completion(shell: str | None) -> None:
    if shell is not None:
        write_out(sys.stdout, completion_script(_shell(shell), PROG) + "\n")
        raise typer.Exit()


def _install_completion(shell: str | None) -> None:
    if shell is not None:
        path = install_completion(_shell(shell), PROG)
        done = t("completion_installed", language_of(sys.argv[1:]), path=path)
        write_out(sys.stdout, done + "\n")
        raise typer.Exit()


def _shell(name: str) -> str:
    shells = ", ".join(SHELLS)
    if not name:  # no shell named, and the login shell is none of these
        raise UsageError(both("name_shell", shells=shells))
    if name not in SHELLS:
        raise UsageError(both("which_shell", given=repr(name), shells=shells))
    return name


# The root's own options: they end the run before any command.
VersionOption = Annotated[
    bool,
    typer.Option("--version", "-V", callback=_show_version, is_eager=True, help="help_version"),
]
ShowCompletionOption = Annotated[
    str | None,
    typer.Option(
        "--show-completion",
        metavar="metavar_shell",
        callback=_show_completion,
        is_eager=True,
        help="help_show_completion",
        autocompletion=completes(complete_shells),
    ),
]
InstallCompletionOption = Annotated[
    str | None,
    typer.Option(
        "--install-completion",
        metavar="metavar_shell",
        callback=_install_completion,
        is_eager=True,
        help="help_install_completion",
        autocompletion=completes(complete_shells),
    ),
]


class Options(Record):
    """The global options in force for a command: its own, else the root's."""

    data: str | None
    lang: Lang
    lang_given: bool
    json: bool

    def merged(self, data: str | None, lang: str | None, json: bool) -> Options:
        """These options with a command's own values over them."""
        return Options(
            data if data is not None else self.data,
            pick_language(lang) if lang is not None else self.lang,
            self.lang_given or lang is not None,
            self.json or json,
        )


def root_options(data: str | None, lang: str | None, json: bool) -> Options:
    """The options the root command was given."""
    return Options(data, pick_language(lang), lang is not None, json)


def options_of(ctx: typer.Context) -> Options:
    """The options in force for a context (the defaults when none were read)."""
    obj = ctx.obj
    return obj if isinstance(obj, Options) else root_options(None, None, False)


GLOBALS: dict[str, tuple[Any, object]] = {
    "data": (DataOption, None),
    "lang": (LangOption, None),
    "json": (JsonOption, False),
}


def takes_globals(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command --data, --lang and --json (GLOBALS); its context's `obj` then holds the
    options in force (`options_of`), the command's own values winning over the root's."""
    signature = inspect.signature(command, eval_str=True)
    params = list(signature.parameters.values())
    context = params[0].name
    # A **received of `takes_answers` is already out of the signature Typer reads.
    ordinary = [p for p in params if p.kind is not p.VAR_KEYWORD]

    @functools.wraps(command)
    def with_globals(
        *args: Any, data: str | None = None, lang: str | None = None, json: bool = False, **kw: Any
    ) -> None:
        ctx = kw[context]
        ctx.obj = options = options_of(ctx).merged(data, lang, json)
        setting = unknown_language_setting()
        if setting and not options.lang_given:
            fallback = t("language_fallback", "en", variable=LANG_VARIABLE, value=setting)
            note(Env.from_sys(), f"{PROG}: {fallback}")
        command(*args, **kw)

    with_globals.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*ordinary, *_global_parameters()]
    )
    return with_globals


@functools.cache
def _global_parameters() -> tuple[inspect.Parameter, ...]:
    """--data, --lang and --json as parameters: made once, for every command."""
    kind = inspect.Parameter.KEYWORD_ONLY
    return tuple(
        inspect.Parameter(name, kind, default=default, annotation=annotation)
        for name, (annotation, default) in GLOBALS.items()
    )


def whole_number(raw: str | None, flag: str) -> int | None:
    """A count given on the command line (--top), at least 1; UsageError saying what it wants."""
    if raw is None:
        return None
    # isdecimal, not isdigit: int() refuses superscripts ("²"), which isdigit takes.
    text = raw.strip().lstrip("0")
    if not text.isdecimal():
        raise UsageError(both("top_wants", flag=flag, given=repr(raw)))
    if len(text) > MAX_COUNT_DIGITS:
        raise UsageError(both("count_too_long", flag=flag, digits=len(text)))
    return int(text)


# Any count past the catalogue's size means "all"; a number this long is no count (and
# past 4,300 digits Python refuses to read it).
MAX_COUNT_DIGITS = 100


def required(values: Sequence[str] | None, example: str, key: str = "needs_method") -> list[str]:
    """The words an argument was given; UsageError with an example when there are none."""
    if not values:
        raise UsageError(both(key, example=example))
    return list(values)


TopOption = Annotated[str | None, typer.Option("--top", "-n", metavar="metavar_n", help="help_top")]


# -- the answer options: one line per question ------------------------------------------


class AnswerOption(Record):
    """A question's own option on the command line; its parameter is named by its key."""

    key: str
    flags: tuple[str, ...]
    help: str  # a key of i18n.py: what it asks, where to see its values, a real example


ANSWER_OPTIONS = (
    AnswerOption("target_groups", ("--target-group", "-t"), "help_target_group"),
    AnswerOption("purposes", ("--purpose", "-p"), "help_purpose"),
    AnswerOption("level", ("--level", "-l"), "help_level"),
    AnswerOption("settings", ("--setting", "-s"), "help_setting"),
    AnswerOption("duration", ("--duration", "-d"), "help_duration"),
    AnswerOption("phase", ("--phase",), "help_phase"),
    AnswerOption("resources", ("--have",), "help_have"),
)
# What you lack, and the yes/no of one resource kept from earlier versions: options of the
# resources question beside its own --have (answers.LACK, answers.FACILITATOR).
RESOURCE_OPTIONS = (
    AnswerOption(LACK, (LACK_FLAG,), "help_lack"),
    AnswerOption(FACILITATOR, ("--facilitator/--no-facilitator",), "help_facilitator"),
)


def _answer_parameter(option: AnswerOption) -> inspect.Parameter:
    if "/" in option.flags[0]:  # a yes/no: --facilitator/--no-facilitator
        info = typer.Option(*option.flags, help=option.help)
        annotation: Any = Annotated[bool | None, info]
    else:
        complete = complete_values(RESOURCES if option.key == LACK else option.key)
        info = typer.Option(
            *option.flags,
            metavar="metavar_value",
            help=option.help,
            autocompletion=completes(complete),
        )
        annotation = Annotated[list[str] | None, info]
    kind = inspect.Parameter.KEYWORD_ONLY
    return inspect.Parameter(option.key, kind, default=None, annotation=annotation)


def takes_answers(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command one option per entry of ANSWER_OPTIONS and the shared ones (SHARED),
    right after its context; it receives them all in its **answers."""
    signature = inspect.signature(command, eval_str=True)
    context, *rest = (p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD)
    keyword_only = [p.replace(kind=p.KEYWORD_ONLY) for p in rest]
    command.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[context, *_answer_parameters(), *keyword_only]
    )
    return command


@functools.cache
def _answer_parameters() -> tuple[inspect.Parameter, ...]:
    """The answer options and the shared ones as parameters: made once, for both commands
    (Typer copies an option's settings before it changes any)."""
    added = [_answer_parameter(option) for option in (*ANSWER_OPTIONS, *RESOURCE_OPTIONS)]
    kind = inspect.Parameter.KEYWORD_ONLY
    added += [
        inspect.Parameter(name, kind, default=None, annotation=annotation)
        for name, annotation in SHARED.items()
    ]
    return tuple(added)


def answer_input(received: Mapping[str, Any]) -> core.AnswerInput:
    """The answers a command received through `takes_answers`."""
    flags = {
        option.key: received.get(option.key) for option in (*ANSWER_OPTIONS, *RESOURCE_OPTIONS)
    }
    pairs = tuple(received.get("answer") or ())
    return core.AnswerInput(flags, received.get("describe"), received.get("answers_file"), pairs)


def batch_request(
    command: str, received: Mapping[str, Any], top: int | None = None, explain: Sequence[str] = ()
) -> core.BatchRequest | None:
    """The batch a command was asked to run (--batch), with the options given for every line;
    None when it runs once."""
    source = received.get("batch")
    if source is None:
        return None
    given, memo = answer_input(received), memo_request(received)
    return core.BatchRequest(command, source, given, top, tuple(explain), memo, date.today())


def memo_request(received: Mapping[str, Any]) -> core.MemoRequest:
    """Where a command's memo goes, from the options `takes_answers` gave it."""
    return core.MemoRequest(received.get("output"), received.get("memo_format"))


AnswerPairs = Annotated[
    list[str] | None,
    typer.Option(
        "--answer",
        "-a",
        metavar="metavar_pair",
        help="help_answer_pair",
        autocompletion=completes(complete_pairs),
    ),
]
DescribeOption = Annotated[
    str | None, typer.Option("--describe", metavar="metavar_text", help="help_describe")
]
OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="metavar_file", help="help_memo_output"),
]
MemoFormatOption = Annotated[
    str | None,
    typer.Option("--format", "-f", metavar="metavar_format", help="help_memo_format"),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="help_yes")]
AnswersFileOption = Annotated[
    str | None, typer.Option("--answers", metavar="metavar_file", help="help_answers_file")
]
BatchOption = Annotated[
    str | None, typer.Option("--batch", metavar="metavar_file", help="help_batch")
]


SHARED: dict[str, Any] = {
    "answer": AnswerPairs,
    "describe": DescribeOption,
    "answers_file": AnswersFileOption,
    "yes": YesOption,
    "output": OutputOption,
    "memo_format": MemoFormatOption,
    "batch": BatchOption,
}
