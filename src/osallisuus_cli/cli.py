"""The command line: parse options, call one function of `core.py`, present its result.

Each command's errors become messages and exit codes in `edge.py`. Help texts and
metavars are keys of `i18n.py`, worded in the run's language by `commandline.py`;
--data, --lang and --json work before or after the command (`options.takes_globals`).
"""

import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any

import typer
import typer.main

from . import core, questionnaire
from .commandline import Command, Root, misplaced
from .completion import complete_methods, complete_values, completes
from .edge import EXIT_LINES_FAILED, PROG, reports_errors, run
from .i18n import t
from .model import Answers, Dataset, Result
from .options import (
    DataOption,
    InstallCompletionOption,
    JsonOption,
    LangOption,
    Options,
    ShowCompletionOption,
    TopOption,
    VersionOption,
    answer_input,
    batch_request,
    memo_request,
    options_of,
    required,
    root_options,
    takes_answers,
    takes_globals,
    whole_number,
)
from .present import Env, present, present_batch, questionnaire_screen, write_out

_APP_SETTINGS: dict[str, Any] = {
    "name": PROG,
    "help": "help_app",
    "cls": Root,
    "invoke_without_command": True,  # a bare `osallisuus` says what to do first, exit 0
    "add_completion": False,  # ours take the shell: --show-completion zsh
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_APP_SETTINGS)


def _show(ctx: typer.Context, result: Result) -> None:
    options = options_of(ctx)
    present(Env.from_sys(), result, options.lang, options.json)


@app.callback()
@reports_errors
def root(
    ctx: typer.Context,
    version: VersionOption = False,
    data: DataOption = None,
    lang: LangOption = None,
    json: JsonOption = False,
    show_completion: ShowCompletionOption = None,
    install_completion: InstallCompletionOption = None,
) -> None:
    ctx.obj = options = root_options(data, lang, json)
    if ctx.invoked_subcommand is None:
        write_out(sys.stdout, t("first_steps", options.lang))
        raise typer.Exit()


# -- the commands ------------------------------------------------------------------------


@app.command("list", cls=Command, help="help_cmd_list")
@reports_errors
@takes_globals
def list_methods(
    ctx: typer.Context,
    target_group: Annotated[
        list[str] | None,
        typer.Option(
            "--target-group",
            "-t",
            metavar="metavar_value",
            help="help_list_target_group",
            autocompletion=completes(complete_values("target_groups")),
        ),
    ] = None,
    setting: Annotated[
        list[str] | None,
        typer.Option(
            "--setting",
            "-s",
            metavar="metavar_value",
            help="help_list_setting",
            autocompletion=completes(complete_values("settings")),
        ),
    ] = None,
) -> None:
    """The catalogue: id, name, goal in short, target groups."""
    result = core.list_methods(options_of(ctx).data, target_group or (), setting or ())
    _show(ctx, result)


MethodWords = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="metavar_method",
        help="help_show_method",
        autocompletion=completes(complete_methods),
    ),
]


@app.command(cls=Command, help="help_cmd_show")
@reports_errors
@takes_globals
def show(ctx: typer.Context, method: MethodWords = None) -> None:
    """One method in full: goal, description, fit with reasons, source."""
    words = required(method, f"{PROG} show bikva")
    _show(ctx, core.show_method(options_of(ctx).data, " ".join(words)))


@app.command(cls=Command, help="help_cmd_compare")
@reports_errors
@takes_globals
def compare(
    ctx: typer.Context,
    methods: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="metavar_method",
            help="help_compare_methods",
            autocompletion=completes(complete_methods),
        ),
    ] = None,
) -> None:
    """Two or more methods side by side, attribute by attribute."""
    _show(ctx, core.compare_methods(options_of(ctx).data, methods or ()))


@app.command(cls=Command, help="help_cmd_search")
@reports_errors
@takes_globals
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None, typer.Argument(metavar="metavar_words", help="help_search_words")
    ] = None,
    top: TopOption = None,
) -> None:
    """Free-text search over all method text, inflection- and typo-tolerant."""
    options = options_of(ctx)
    count = whole_number(top, "--top") or core.SEARCH_TOP
    _show(ctx, core.search(options.data, " ".join(words or ()), options.lang, count))


@app.command(cls=Command, help="help_cmd_recommend")
@reports_errors
@takes_globals
@takes_answers
def recommend(
    ctx: typer.Context,
    top: TopOption = None,
    explain: Annotated[
        list[str] | None,
        typer.Option(
            "--explain",
            "-x",
            metavar="metavar_method",
            help="help_explain",
            autocompletion=completes(complete_methods),
        ),
    ] = None,
    **received: Any,
) -> None:
    """Rank the methods for your answers, with a match % and the reasons for each rank.

    With no answers in a terminal, asks the questions one at a time.
    """
    options = options_of(ctx)
    count = whole_number(top, "--top")
    _batch(options, batch_request("recommend", received, count, explain or ()))
    prefix, memo = _rerun_prefix(options), memo_request(received)
    given = answer_input(received)
    ask = _questionnaire(options)
    check = _reading_check(options, bool(received.get("yes")))
    result = core.recommend(options.data, given, count, explain or (), ask, prefix, memo, check)
    _show(ctx, result)


@app.command(cls=Command, help="help_cmd_plan")
@reports_errors
@takes_globals
@takes_answers
def plan(ctx: typer.Context, **received: Any) -> None:
    """A participation plan across the phases of the work, with a readiness checklist.

    Takes the same answers as recommend; --phase (repeatable) picks the phases,
    by default planning, implementation, evaluation and improvement.
    """
    options = options_of(ctx)
    _batch(options, batch_request("plan", received))
    prefix, memo = _rerun_prefix(options), memo_request(received)
    ask = _questionnaire(options)
    check = _reading_check(options, bool(received.get("yes")))
    given = answer_input(received)
    _show(ctx, core.plan(options.data, given, ask, prefix, memo, check, date.today()))


def _batch(options: Options, request: core.BatchRequest | None) -> None:
    """Run the batch asked for (--batch), if any, and end the run: exit 1 when a line failed."""
    if request is None:
        return
    failed = present_batch(Env.from_sys(), core.batch(options.data, request), options.lang)
    raise typer.Exit(EXIT_LINES_FAILED if failed else 0)


def _rerun_prefix(options: Options) -> list[str]:
    prefix = [PROG]
    if options.data:
        prefix += ["--data", options.data]
    if options.lang_given:
        prefix += ["--lang", options.lang]
    if options.json:
        prefix.append("--json")
    return prefix


def _questionnaire(options: Options) -> core.Ask | None:
    """Ask the questions in the terminal, when there is one to ask in: on stdout, or on
    stderr when stdout is JSON or goes to a file (`recommend > plan.txt`)."""
    env = Env.from_sys()
    if not env.can_ask():
        return None
    on_stderr = options.json or not env.stdout.isatty()

    def ask(dataset: Dataset) -> dict[str, list[str]]:
        screen = questionnaire_screen(env, on_stderr)
        return questionnaire.ask_all(dataset, options.lang, screen)

    return ask


def _reading_check(options: Options, yes: bool) -> core.Check | None:
    """Let the planner check what a description was read to say, in a terminal and for
    text output only: --yes, --json or no terminal take the reading as it is."""
    env = Env.from_sys()
    if yes or options.json or not env.can_ask() or not env.stdout.isatty():
        return None

    def check(dataset: Dataset, answers: Answers) -> Answers:
        screen = questionnaire_screen(env, False)
        return questionnaire.check_reading(dataset, answers, options.lang, screen)

    return check


@app.command(cls=Command, help="help_cmd_export")
@reports_errors
@takes_globals
def export(
    ctx: typer.Context,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="metavar_format",
            help="help_export_format",
            autocompletion=completes(lambda: list(core.EXPORT_FORMATS)),
        ),
    ] = None,
    method: Annotated[
        list[str] | None,
        typer.Option(
            "--method",
            "-m",
            metavar="metavar_method",
            help="help_export_method",
            autocompletion=completes(complete_methods),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="metavar_file", help="help_export_output"),
    ] = None,
    overview: Annotated[bool, typer.Option("--overview", help="help_export_overview")] = False,
) -> None:
    """Printable handouts of all (or the chosen) methods: Markdown, HTML for A4, or JSON;
    or one page of all of them for trainers (--overview)."""
    options = options_of(ctx)
    request = core.ExportRequest(format, output, options.json, overview)
    _show(ctx, core.export(options.data, request, method or ()))


@app.command(cls=Command, help="help_cmd_new")
@reports_errors
@takes_globals
def new(
    ctx: typer.Context,
    method_id: Annotated[
        str | None, typer.Argument(metavar="metavar_id", help="help_new_id")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="metavar_file", help="help_new_output"),
    ] = None,
) -> None:
    """Write a commented starter file for a method of your own, beside the bundled ten.

    It never writes over a file. Fill it in, check it with validate, use it with --data.
    """
    [identifier] = required(method_id and [method_id], f"{PROG} new my-client-panel", "needs_id")
    _show(ctx, core.new_method(identifier, output))


@app.command(cls=Command, help="help_cmd_validate")
@reports_errors
@takes_globals
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(metavar="metavar_path", help="help_validate_path"),
    ] = None,
) -> None:
    """Check a dataset and report every problem with file, line, method and field."""
    options = options_of(ctx)
    result = core.validate(path or options.data)
    if result.valid or options.json:  # JSON shows an invalid file too: "valid": false, exit 1
        _show(ctx, result)
    if not result.valid:
        raise core.invalid(result, listed=options.json)


@app.command(cls=Command, help="help_cmd_questions")
@reports_errors
@takes_globals
def questions(ctx: typer.Context) -> None:
    """Every question recommend asks and every value it takes, in both languages."""
    _show(ctx, core.questions(options_of(ctx).data))


# -- the entry point ---------------------------------------------------------------------------


_GLOBAL_WITH_VALUE = ("--data", "--lang")


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app with only the command being run: the one speed trick of the CLI.

    Typer inspects the signature of every registered command before running any: about
    0.5 ms a command, 4 ms for the nine here on every run (benchmarks/bench_cli.py,
    `recommend -t children --json`), which TAB completion and scripts pay each time.
    """
    name = _command_in(args)
    chosen = [info for info in app.registered_commands if _command_name(info) == name]
    if not chosen or any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    slim = typer.Typer(**_APP_SETTINGS)
    slim.registered_callback = app.registered_callback
    slim.registered_commands = chosen
    return slim


def _command_in(args: Sequence[str]) -> str | None:
    """The first word of the command line that is no option and no option's value."""
    return next(
        (
            arg
            for i, arg in enumerate(args)
            if not arg.startswith("-") and (i == 0 or args[i - 1] not in _GLOBAL_WITH_VALUE)
        ),
        None,
    )


def _command_name(info: Any) -> str:
    return str(info.name or getattr(info.callback, "__name__", "").replace("_", "-"))


def main() -> None:
    """Console-script entry point."""
    args = sys.argv[1:]
    # Every command, for where a misplaced option belongs: built only on that error path.
    run(app_for(args), misplaced(args, lambda: typer.main.get_command(app)))
