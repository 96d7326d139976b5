"""The command line: parse options, call the core, hand the result to a renderer.

This is the only place where the core's exceptions become messages on stderr
and exit codes (SPEC: 0 ok, 1 dataset unusable, 2 usage, 130 interrupted).
"""

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from . import __version__
from .errors import DataError, UsageError
from .i18n import pick_language, safe
from .model import Lang

PROG = "osallisuus"
DEBUG_ENV = "OSALLISUUS_DEBUG"
REPORT_URL = "the project's issue tracker"
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70

_APP_SETTINGS: dict[str, Any] = {
    "name": PROG,
    "help": "Recommends client-participation methods (asiakasosallisuutta lisäävät "
    "menetelmät) for Finnish social, health and early-childhood services.",
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**_APP_SETTINGS)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Options:
    data: str | None
    lang: Lang
    lang_given: bool


# A description of a few paragraphs; longer arguments only cost time (typo matching
# is linear in the words), so they are refused up front.
MAX_ARGUMENT = 5000
_LONG_QUOTED = re.compile(
    r"""(?<![\w'"])'([^'\n]{60})[^'\n]{140,}'(?!\w)|(?<![\w'"])"([^"\n]{60})[^"\n]{140,}"(?!\w)"""
)


def _clamp(message: str) -> str:
    """Echoed values over 200 characters cut to 60, so a pasted page does not flood stderr."""
    return _LONG_QUOTED.sub(
        lambda m: f"'{m.group(1)}…'" if m.group(1) else f'"{m.group(2)}…"', message
    )


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"{PROG}: {safe(_clamp(message))}\n")
    sys.stderr.flush()
    raise typer.Exit(code)


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the core's exceptions into one sentence on stderr and the SPEC's exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except DataError as exc:
            hint = ""
            if len(exc.problems) > 1:
                import shlex

                hint = f" To see them all, run: {PROG} validate {shlex.quote(exc.problems[0].file)}"
            _fail(f"{exc}{hint}", EXIT_DATA)
        except UsageError as exc:
            _fail(str(exc), EXIT_USAGE)
        except BrokenPipeError:
            # Here, not in main(): Typer would turn it into a silent exit 1.
            _quiet_broken_pipe()
        except KeyboardInterrupt:
            # Typer would exit 130 without a word, leaving the shell prompt after "^C".
            raise typer.Exit(_interrupted()) from None
        except EOFError:
            raise typer.Exit(_input_ended()) from None

    return wrapper


def _interrupted() -> int:
    sys.stderr.write(f"\n{PROG}: interrupted.\n")
    return EXIT_INTERRUPTED


def _input_ended() -> int:
    sys.stderr.write(f"\n{PROG}: input ended; no answers were taken.\n")
    return EXIT_DATA


def _options(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Options) else Options(None, pick_language(None), False)


# -- completion ----------------------------------------------------------------


def _completion_dataset() -> tuple[Any, Lang] | None:
    """The dataset in use and the language, or None: completion must never break the shell."""
    try:
        from .dataset import load_dataset

        return load_dataset(None), pick_language(None)
    except Exception:
        return None


def _complete_values(question: str) -> Callable[[str], list[tuple[str, str]]]:
    def complete(incomplete: str) -> list[tuple[str, str]]:
        loaded = _completion_dataset()
        if loaded is None:
            return []
        dataset, lang = loaded
        values = dataset.question(question).values
        return [(v.slug, v.label.get(lang)) for v in values if v.slug.startswith(incomplete)]

    return complete


def _complete_methods(incomplete: str) -> list[tuple[str, str]]:
    loaded = _completion_dataset()
    if loaded is None:
        return []
    dataset, lang = loaded
    return [(m.id, m.name.get(lang)) for m in dataset.methods if m.id.startswith(incomplete)]


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


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _console() -> Any:
    from .render_text import make_console

    return make_console()


def _present(json: bool, command: str, *result: Any) -> None:
    """Print a command's result: `<command>_doc` as JSON for scripts, else `print_<command>`.

    Both renderers take the same arguments in the same order (the text one after its
    console), and each is imported only when its kind of output is asked for.
    """
    if json:
        from . import render_json

        render_json.emit(getattr(render_json, f"{command}_doc")(*result))
    else:
        from . import render_text

        getattr(render_text, f"print_{command}")(render_text.make_console(), *result)


# -- catalogue commands ------------------------------------------------------------------


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
            autocompletion=_complete_values("target_groups"),
        ),
    ] = None,
    setting: Annotated[
        list[str] | None,
        typer.Option(
            "--setting",
            "-s",
            help="Only methods for this service (repeatable).",
            autocompletion=_complete_values("settings"),
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """The catalogue: id, name, goal in short, target groups."""
    from .catalogue import filter_methods
    from .dataset import load_dataset

    options = _options(ctx)
    dataset = load_dataset(options.data)
    methods = filter_methods(dataset, target_group or (), setting or ())
    _present(json, "list", dataset, methods, options.lang)


@app.command()
@reports_errors
def show(
    ctx: typer.Context,
    method: Annotated[
        list[str],
        typer.Argument(
            help="An id, a name or an alias, in Finnish or English (quotes optional).",
            autocompletion=_complete_methods,
        ),
    ],
    json: JsonOption = False,
) -> None:
    """One method in full: goal, description, fit with reasons, source."""
    from .dataset import load_dataset
    from .vocabulary import find_method

    options = _options(ctx)
    dataset = load_dataset(options.data)
    found = find_method(dataset, " ".join(method))
    _present(json, "show", dataset, found, options.lang)


@app.command()
@reports_errors
def compare(
    ctx: typer.Context,
    methods: Annotated[
        list[str],
        typer.Argument(
            help="Two or more methods (ids, names or aliases).", autocompletion=_complete_methods
        ),
    ],
    json: JsonOption = False,
) -> None:
    """Two or more methods side by side, attribute by attribute."""
    from .catalogue import pick_for_compare
    from .dataset import load_dataset

    options = _options(ctx)
    dataset = load_dataset(options.data)
    picked = pick_for_compare(dataset, methods)
    _present(json, "compare", dataset, picked, options.lang)


@app.command()
@reports_errors
def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="Words to look for, in Finnish or English.")],
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Show at most N hits.")] = 10,
    json: JsonOption = False,
) -> None:
    """Free-text search over all method text, inflection- and typo-tolerant."""
    from .dataset import load_dataset
    from .search import search_methods

    options = _options(ctx)
    query = " ".join(words)
    if not query.strip():
        raise UsageError("The search query is empty; give a word such as sadutus.")
    dataset = load_dataset(options.data)
    hits = search_methods(dataset, query, options.lang)[:top]
    _present(json, "search", query, hits, options.lang)


# -- recommend ------------------------------------------------------------------------------


def _values_option(flag: str, short: str, question: str, help_text: str) -> Any:
    return typer.Option(flag, short, help=help_text, autocompletion=_complete_values(question))


@app.command()
@reports_errors
def recommend(
    ctx: typer.Context,
    target_group: Annotated[
        list[str] | None,
        _values_option(
            "--target-group",
            "-t",
            "target_groups",
            "Who takes part, e.g. children, lapset (repeatable).",
        ),
    ] = None,
    purpose: Annotated[
        list[str] | None,
        _values_option(
            "--purpose", "-p", "purposes", "What for, e.g. feedback, co-design (repeatable)."
        ),
    ] = None,
    level: Annotated[
        str | None,
        _values_option("--level", "-l", "level", "individual, group or organisation."),
    ] = None,
    setting: Annotated[
        list[str] | None,
        _values_option(
            "--setting",
            "-s",
            "settings",
            "In what service, e.g. child-welfare, varhaiskasvatus (repeatable).",
        ),
    ] = None,
    duration: Annotated[
        str | None,
        _values_option("--duration", "-d", "duration", "one-off, fixed-term or ongoing."),
    ] = None,
    phase: Annotated[
        str | None,
        typer.Option(
            "--phase",
            help="planning, implementation, evaluation, improvement or monitoring.",
            autocompletion=_complete_values("phase"),
        ),
    ] = None,
    facilitator: Annotated[
        bool | None,
        typer.Option(
            "--facilitator/--no-facilitator",
            help="Whether an external facilitator is available (unset: unknown).",
        ),
    ] = None,
    describe: Annotated[
        str | None,
        typer.Option(
            "--describe",
            metavar="TEXT",
            help="Describe the situation in Finnish or English; the tool says what it understood.",
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Read saved answers (YAML or JSON, the keys of the JSON 'answers').",
        ),
    ] = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Show at most N.")] = None,
    json: JsonOption = False,
) -> None:
    """Rank the methods for your answers, with a match % and the reasons for each rank.

    With no answers in a terminal, asks the questions one at a time.
    """
    from .answers import build_answers, read_answers_file, to_command
    from .dataset import load_dataset
    from .scoring import recommend as rank

    options = _options(ctx)
    dataset = load_dataset(options.data)
    flags = {
        "target_groups": target_group or [],
        "purposes": purpose or [],
        "level": [level] if level is not None else [],
        "settings": setting or [],
        "duration": [duration] if duration is not None else [],
        "phase": [phase] if phase is not None else [],
    }
    file_answers = read_answers_file(answers_file) if answers_file is not None else None
    answers = build_answers(dataset, flags, facilitator, describe, file_answers)
    asked = answers.is_empty()
    if asked:
        answers = build_answers(dataset, _ask(dataset, options, json))
    relevance = None
    if answers.describe:
        from .describe import relevance as text_relevance

        relevance = text_relevance(dataset, answers.describe)
    results = rank(dataset, answers, relevance, top)
    _present(json, "recommend", dataset, answers, results, options.lang)
    if asked:
        prefix = [PROG]
        if options.data:
            prefix += ["--data", options.data]
        if options.lang_given:
            prefix += ["--lang", options.lang]
        from .i18n import t

        line = f"\n{t('rerun', options.lang)}\n  {to_command(dataset, answers, prefix)}\n"
        (sys.stderr if json else sys.stdout).write(safe(line))


def _ask(dataset: Any, options: Options, json: bool) -> dict[str, list[str]]:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "No answers given and no terminal to ask in; give flags such as -t children, "
            "--describe TEXT or --answers FILE (see 'osallisuus recommend --help')."
        )
    from .questionnaire import ask_all, terminal_reader
    from .render_text import make_console

    console = make_console(stderr=json)
    return ask_all(dataset, options.lang, console, terminal_reader(console))


# -- export and validate ----------------------------------------------------------------------


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
            autocompletion=lambda: ["markdown", "html", "json"],
        ),
    ] = "markdown",
    method: Annotated[
        list[str] | None,
        typer.Option(
            "--method",
            "-m",
            help="Only these methods (repeatable; default: all).",
            autocompletion=_complete_methods,
        ),
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Printable handouts of all (or the chosen) methods: Markdown, HTML for A4, or JSON."""
    from .catalogue import pick_methods
    from .dataset import load_dataset
    from .exporting import check_output, export_document, write_output

    options = _options(ctx)
    if output is not None:
        check_output(output)
    dataset = load_dataset(options.data)
    methods = pick_methods(dataset, method) if method else dataset.methods
    chosen = "json" if json else format.strip().lower()
    document = export_document(dataset, methods, chosen, options.lang)
    if output is None:
        sys.stdout.buffer.write(document.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    written = write_output(output, document)
    from .i18n import t

    sys.stderr.write(safe(t("written", options.lang, path=written)) + "\n")


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
    from .dataset import load_dataset
    from .validation import check_file

    options = _options(ctx)
    file, problems = check_file(path or options.data)
    if problems:
        raise DataError(
            f"{file}: {len(problems)} problem{'s' if len(problems) != 1 else ''}:\n"
            + "\n".join(f"  {p}" for p in problems),
        )
    count = len(load_dataset(file).methods)  # a cache hit: check_file cached it
    if json:
        from . import render_json

        render_json.emit(render_json.validate_doc(file, count))
    else:
        from .render_text import print_validate

        print_validate(_console(), file, count, options.lang)


# -- the entry point ---------------------------------------------------------------------------


def _forgiving_streams() -> None:
    """Characters a narrow encoding cannot show become '?' instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="replace")


def _quiet_broken_pipe() -> NoReturn:
    # Point stdout at devnull so that the interpreter's final flush cannot fail again.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)


_GLOBAL_WITH_VALUE = ("--data", "--lang")


def _invoked_command(args: list[str]) -> str | None:
    """The subcommand named on the command line, skipping the global options."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _GLOBAL_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def app_for(args: list[str]) -> typer.Typer:
    """An app holding only the command being run.

    Typer inspects the signature of every registered command before running any;
    building just the one asked for saves about a millisecond per command on each
    run, which TAB completion and scripts pay on every call.
    """
    name = _invoked_command(args)
    chosen = [
        info
        for info in app.registered_commands
        if name is not None
        and (info.name or getattr(info.callback, "__name__", "").replace("_", "-")) == name
    ]
    if not chosen or any(key.endswith("_COMPLETE") for key in os.environ):
        return app
    slim = typer.Typer(**_APP_SETTINGS)
    slim.registered_callback = app.registered_callback
    slim.registered_commands = chosen
    return slim


def main() -> None:
    """Console-script entry point: run the app and make every ending a clean one."""
    _forgiving_streams()
    longest = max(sys.argv[1:], key=len, default="")
    if len(longest) > MAX_ARGUMENT:
        sys.stderr.write(
            f"{PROG}: an argument is {len(longest)} characters long "
            f"({safe(_clamp(repr(longest)))}); the limit is {MAX_ARGUMENT}, enough for a "
            "description of a few paragraphs.\n"
        )
        sys.exit(EXIT_USAGE)
    try:
        code = app_for(sys.argv[1:])(prog_name=PROG, standalone_mode=False)
    except typer.TyperException as exc:  # Click's usage errors: bad option, missing value
        hint = ""
        context = getattr(exc, "ctx", None)
        if context is not None:
            hint = f" See '{context.command_path} --help'."
        message = str(getattr(exc, "format_message", exc.__str__)()).strip()
        end = "" if message.endswith((".", "?", "!")) else "."
        if message:  # empty when the help was shown instead (no arguments at all)
            sys.stderr.write(f"{PROG}: {safe(_clamp(message))}{end}{hint}\n")
        code = getattr(exc, "exit_code", EXIT_USAGE)
    except typer.Abort:
        code = _input_ended()
    except KeyboardInterrupt:
        code = _interrupted()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        sys.stderr.write(
            f"{PROG}: internal error ({type(exc).__name__}); please report it at {REPORT_URL} "
            f"with the command you ran (set {DEBUG_ENV}=1 to see the traceback).\n"
        )
        code = EXIT_INTERNAL
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    sys.exit(code if isinstance(code, int) else 0)
