"""The command line: parse options, call one function of `core.py`, present its result.

Each command's errors become messages and exit codes in `edge.py`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any, NamedTuple

import typer

from . import __version__, core, questionnaire
from .completion import complete_methods, complete_values
from .edge import PROG, reports_errors, run
from .i18n import pick_language
from .model import Dataset, Lang, Result
from .options import JsonOption, answer_input, memo_request, takes_answers
from .present import Env, present, questionnaire_screen

_APP_SETTINGS: dict[str, Any] = {
    "name": PROG,
    "help": "Recommends client-participation methods (asiakasosallisuutta lisäävät "
    "menetelmät) for Finnish social, health and early-childhood services.",
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_APP_SETTINGS)


class Options(NamedTuple):
    """The global options, as the root callback read them."""

    data: str | None
    lang: Lang
    lang_given: bool


def _options(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Options) else Options(None, pick_language(None), False)


def _show(ctx: typer.Context, result: Result, as_json: bool) -> None:
    present(Env.from_sys(), result, _options(ctx).lang, as_json)


# -- global options ----------------------------------------------------------------


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
@reports_errors
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Use this dataset instead of the bundled one (also $OSALLISUUS_DATA).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="fi|en",
            help="Language of the output (default: $OSALLISUUS_LANG, then the locale).",
        ),
    ] = None,
) -> None:
    ctx.obj = Options(data=data, lang=pick_language(lang), lang_given=lang is not None)


# -- the commands ------------------------------------------------------------------------


@app.command("list")
@reports_errors
def list_methods(
    ctx: typer.Context,
    target_group: Annotated[
        list[str] | None,
        typer.Option(
            "--target-group",
            "-t",
            help="Only methods for this group (repeatable).",
            autocompletion=complete_values("target_groups"),
        ),
    ] = None,
    setting: Annotated[
        list[str] | None,
        typer.Option(
            "--setting",
            "-s",
            help="Only methods for this service (repeatable).",
            autocompletion=complete_values("settings"),
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """The catalogue: id, name, goal in short, target groups."""
    result = core.list_methods(_options(ctx).data, target_group or (), setting or ())
    _show(ctx, result, json)


@app.command()
@reports_errors
def show(
    ctx: typer.Context,
    method: Annotated[
        list[str],
        typer.Argument(
            help="An id, a name or an alias, in Finnish or English (quotes optional).",
            autocompletion=complete_methods,
        ),
    ],
    json: JsonOption = False,
) -> None:
    """One method in full: goal, description, fit with reasons, source."""
    _show(ctx, core.show_method(_options(ctx).data, " ".join(method)), json)


@app.command()
@reports_errors
def compare(
    ctx: typer.Context,
    methods: Annotated[
        list[str],
        typer.Argument(
            help="Two or more methods (ids, names or aliases).", autocompletion=complete_methods
        ),
    ],
    json: JsonOption = False,
) -> None:
    """Two or more methods side by side, attribute by attribute."""
    _show(ctx, core.compare_methods(_options(ctx).data, methods), json)


@app.command()
@reports_errors
def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="Words to look for, in Finnish or English.")],
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Show at most N hits.")] = 10,
    json: JsonOption = False,
) -> None:
    """Free-text search over all method text, inflection- and typo-tolerant."""
    options = _options(ctx)
    _show(ctx, core.search(options.data, " ".join(words), options.lang, top), json)


@app.command()
@reports_errors
@takes_answers
def recommend(
    ctx: typer.Context,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Show at most N.")] = None,
    explain: Annotated[
        list[str] | None,
        typer.Option(
            "--explain",
            "-x",
            metavar="METHOD",
            help="Say why this method ranks where it does, or is left out (repeatable).",
            autocompletion=complete_methods,
        ),
    ] = None,
    json: JsonOption = False,
    **received: Any,
) -> None:
    """Rank the methods for your answers, with a match % and the reasons for each rank.

    With no answers in a terminal, asks the questions one at a time.
    """
    options = _options(ctx)
    ask = _questionnaire(options.lang, json) if Env.from_sys().is_terminal() else None
    prefix, memo = _rerun_prefix(options), memo_request(received)
    given = answer_input(received)
    result = core.recommend(options.data, given, top, explain or (), ask, prefix, memo)
    _show(ctx, result, json)


@app.command()
@reports_errors
@takes_answers
def plan(ctx: typer.Context, json: JsonOption = False, **received: Any) -> None:
    """A participation plan across the phases of the work, with a readiness checklist.

    Takes the same answers as recommend; --phase (repeatable) picks the phases,
    by default planning, implementation, evaluation and improvement.
    """
    options = _options(ctx)
    ask = _questionnaire(options.lang, json) if Env.from_sys().is_terminal() else None
    prefix, memo = _rerun_prefix(options), memo_request(received)
    _show(ctx, core.plan(options.data, answer_input(received), ask, prefix, memo), json)


def _rerun_prefix(options: Options) -> list[str]:
    prefix = [PROG]
    if options.data:
        prefix += ["--data", options.data]
    if options.lang_given:
        prefix += ["--lang", options.lang]
    return prefix


def _questionnaire(lang: Lang, as_json: bool) -> core.Ask:
    """Ask the questions in the terminal; with --json, on stderr, so stdout stays JSON."""

    def ask(dataset: Dataset) -> dict[str, list[str]]:
        screen = questionnaire_screen(Env.from_sys(), on_stderr=as_json)
        return questionnaire.ask_all(dataset, lang, screen)

    return ask


@app.command()
@reports_errors
def export(
    ctx: typer.Context,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="markdown, html or json.",
            autocompletion=lambda: list(core.EXPORT_FORMATS),
        ),
    ] = "markdown",
    method: Annotated[
        list[str] | None,
        typer.Option(
            "--method",
            "-m",
            help="Only these methods (repeatable; default: all).",
            autocompletion=complete_methods,
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Printable handouts of all (or the chosen) methods: Markdown, HTML for A4, or JSON."""
    chosen = "json" if json else format
    _show(ctx, core.export(_options(ctx).data, chosen, method or (), output), json)


@app.command()
@reports_errors
def new(
    ctx: typer.Context,
    method_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new method's id, e.g. my-panel.")
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Where to write it (default: ID.yaml)."
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Write a commented starter file for a method of your own, beside the bundled ten.

    It never writes over a file. Fill it in, check it with validate, use it with --data.
    """
    _show(ctx, core.new_method(method_id, output), json)


@app.command()
@reports_errors
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(help="The dataset to check (default: the one in use)."),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Check a dataset and report every problem with file, line, method and field."""
    result = core.validate(path or _options(ctx).data)
    if result.valid or json:  # JSON shows an invalid file too: "valid": false, exit 1
        _show(ctx, result, json)
    if not result.valid:
        raise core.invalid(result, listed=json)


# -- the entry point ---------------------------------------------------------------------------


_GLOBAL_WITH_VALUE = ("--data", "--lang")


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app with only the command being run: the one speed trick of the CLI.

    Typer inspects the signature of every registered command before running any: about
    0.5 ms a command, 3 ms for the seven here on every run (benchmarks/bench_cli.py,
    `recommend -t children --json`), which TAB completion and scripts pay each time.
    """
    name = next(
        (
            arg
            for i, arg in enumerate(args)
            if not arg.startswith("-") and (i == 0 or args[i - 1] not in _GLOBAL_WITH_VALUE)
        ),
        None,
    )
    chosen = [info for info in app.registered_commands if _command_name(info) == name]
    if not chosen or any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    slim = typer.Typer(**_APP_SETTINGS)
    slim.registered_callback = app.registered_callback
    slim.registered_commands = chosen
    return slim


def _command_name(info: Any) -> str:
    return str(info.name or getattr(info.callback, "__name__", "").replace("_", "-"))


def main() -> None:
    """Console-script entry point."""
    run(app_for(sys.argv[1:]))
