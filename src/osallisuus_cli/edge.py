"""Where every run ends cleanly: the core's errors become one sentence and an exit code.

SPEC: 0 ok, 1 dataset unusable or an output that cannot be written, 2 usage, 130
interrupted; 70 and "please report it" only for a bug. A closed pipe ends quietly,
and no traceback reaches the user unless OSALLISUUS_DEBUG is 1, true or yes.

A standard stream the run was started without (`>&-`, `<&-`, `2>&-`) is an ordinary
condition: closed stdout is exit 1 when something is to be written there, closed
stdin matters only when the tool must read or ask, closed stderr only loses words.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import re
import shlex
import sys
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer

from .errors import DataError, OsallisuusError, OutputError
from .i18n import language_of, safe, t
from .model import Lang

PROG = "osallisuus"
DEBUG_ENV = "OSALLISUUS_DEBUG"
EXIT_DATA = 1
EXIT_OUTPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70
EXIT_LINES_FAILED = 1  # a batch in which a line could not be used (issue 25)
# A stream that cannot take more: a full disk, `ulimit -f`, a quota.
NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
# Output that cannot be written at all: no room, or standard output closed.
OUTPUT_FAILED = NO_ROOM | {errno.EBADF}
STANDARD_STREAMS = ((0, "stdin"), (1, "stdout"), (2, "stderr"))

P = ParamSpec("P")
R = TypeVar("R")
# Where an option the command line did not take belongs, as a sentence ("" if nowhere).
Misplaced = Callable[[str, Lang], str]


# A description of a few paragraphs; longer arguments only cost time (typo matching
# is linear in the words), so they are refused up front.
MAX_ARGUMENT = 5000
_LONG_QUOTED = (
    r"""(?<![\w'"])'([^'\n]{60})[^'\n]{140,}'(?!\w)|(?<![\w'"])"([^"\n]{60})[^"\n]{140,}"(?!\w)"""
)


def _clamp(message: str) -> str:
    """Echoed values over 200 characters cut to 60, so a pasted page does not flood stderr."""
    return re.sub(
        _LONG_QUOTED, lambda m: f"'{m.group(1)}…'" if m.group(1) else f'"{m.group(2)}…"', message
    )


def _fail(message: str, code: int) -> NoReturn:
    _say(f"{PROG}: {safe(_clamp(message))}\n")
    raise typer.Exit(code)


def _lang() -> Lang:
    """The language of the run's messages: its --lang, else the environment's choice."""
    return language_of(sys.argv[1:])


def _say(text: str) -> None:
    """A message on stderr; when even stderr cannot take it, the exit code still tells."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(text)
        sys.stderr.flush()


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the core's exceptions into one sentence on stderr and the SPEC's exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except OsallisuusError as exc:
            _fail(*_reported(exc, _lang()))
        except BrokenPipeError:
            # Here, not in main(): Typer would turn it into a silent exit 1.
            _quiet_broken_pipe()
        except KeyboardInterrupt:
            # Typer would exit 130 without a word, leaving the shell prompt after "^C".
            raise typer.Exit(_interrupted()) from None
        except EOFError:
            raise typer.Exit(_input_ended()) from None

    return wrapper


def said(exc: OsallisuusError, lang: Lang) -> tuple[str, int]:
    """One of the core's errors as the CLI says it (after "osallisuus: "), and its exit code:
    a batch's line gets the same sentence."""
    message, code = _sentence(exc, lang)
    return safe(_clamp(message)), code


def _reported(exc: OsallisuusError, lang: Lang) -> tuple[str, int]:
    """The sentence and exit code of one of the core's errors, as it ends a run."""
    if isinstance(exc, OutputError):
        _drop_stdout()  # what stdout still buffers could only fail again at exit
    return _sentence(exc, lang)


def _sentence(exc: OsallisuusError, lang: Lang) -> tuple[str, int]:
    if isinstance(exc, DataError):
        hint = ""
        if len(exc.problems) > 1:
            command = f"{PROG} validate {shlex.quote(exc.problems[0].file)}"
            hint = t("validate_hint", lang, command=command)
        return exc.text(lang) + hint, EXIT_DATA
    if isinstance(exc, OutputError):
        return exc.text(lang), EXIT_OUTPUT
    return exc.text(lang), EXIT_USAGE


def _interrupted() -> int:
    _say(f"\n{PROG}: {t('interrupted', _lang())}\n")
    return EXIT_INTERRUPTED


def _input_ended() -> int:
    _say(f"\n{PROG}: {t('input_ended', _lang())}\n")
    return EXIT_DATA


def _forgiving_streams() -> None:
    """Characters a narrow encoding cannot show become '?' instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="replace")


def _quiet_broken_pipe() -> NoReturn:
    _drop_stdout()
    sys.exit(0)


def _drop_stdout() -> None:
    """Point stdout at devnull, so that the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _debugging() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes")


def _argument_problem(args: list[str], lang: Lang) -> str | None:
    """Why the arguments cannot be taken (too long, not UTF-8), or None."""
    for number, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as exc:
            # Python keeps bytes that are not UTF-8 as lone surrogates, U+DC80 to U+DCFF;
            # left in, they would break the first encoding of the text (JSON, a message).
            code = ord(arg[exc.start])
            what = f"byte {code - 0xDC00:#04x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
            value = _clamp(repr(arg))
            return t("argument_not_utf8", lang, number=number, value=value, what=what)
    longest = max(args, key=len, default="")
    if len(longest) > MAX_ARGUMENT:
        value = _clamp(repr(longest))
        return t("argument_too_long", lang, length=len(longest), value=value, limit=MAX_ARGUMENT)
    return None


class _ClosedStream(io.RawIOBase):
    """A standard stream the run was started without: reading or writing it fails as on a
    closed descriptor (EBADF), in words of the run's language."""

    def __init__(self, fd: int, words: str) -> None:
        super().__init__()
        self._fd = fd
        self._words = words

    def fileno(self) -> int:
        return self._fd  # held by /dev/null, see _hold_closed_streams

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def readinto(self, buffer: Any) -> int:
        raise OSError(errno.EBADF, self._words)

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, self._words)


def _hold_closed_streams(lang: Lang) -> None:
    """Standard streams closed at start: their numbers held by /dev/null, so that no file
    the run opens later takes one (and is written as stdout); stdout and stdin are streams
    that fail when used, stderr one that takes the words and drops them."""
    for fd, name in STANDARD_STREAMS:
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            placeholder = os.open(os.devnull, os.O_RDWR)
            if placeholder != fd:
                os.dup2(placeholder, fd)
                os.close(placeholder)
        if name == "stderr":
            stream: Any = open(  # noqa: SIM115 - the run's stderr, open to its end
                fd, "w", encoding="utf-8", errors="replace", closefd=False
            )
        else:
            words = t("stdout_closed" if name == "stdout" else "stdin_closed", lang)
            # Unbuffered: nothing is kept that would fail again when the run ends.
            stream = io.TextIOWrapper(
                _ClosedStream(fd, words),
                encoding="utf-8",
                errors="replace",
                write_through=True,
            )
        setattr(sys, name, stream)


def run(app: typer.Typer, misplaced: Misplaced | None = None) -> NoReturn:
    """Run the app and make every ending a clean one."""
    lang = _lang()
    _hold_closed_streams(lang)
    _forgiving_streams()
    problem = _argument_problem(sys.argv[1:], lang)
    if problem:
        _say(f"{PROG}: {safe(problem)}\n")
        sys.exit(EXIT_USAGE)
    try:
        code = app(prog_name=PROG, standalone_mode=False)
    except typer.TyperException as exc:  # Click's usage errors: bad option, missing value
        hint = ""
        context = getattr(exc, "ctx", None)
        if context is not None:
            hint = t("see_help", lang, command=context.command_path)
        message = command_line_error(exc, lang, misplaced)
        if message:
            _say(f"{PROG}: {safe(_clamp(message))}{hint}\n")
        code = getattr(exc, "exit_code", EXIT_USAGE)
    except OsallisuusError as exc:  # raised while the options are read (a --lang of none)
        message, code = _reported(exc, lang)
        _say(f"{PROG}: {safe(_clamp(message))}\n")
    except typer.Abort:
        code = _input_ended()
    except KeyboardInterrupt:
        code = _interrupted()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in OUTPUT_FAILED:
            # Typer's own output (help, --version) on a full disk, past `ulimit -f`, or
            # to a closed stdout.
            code = _output_failed(exc)
        elif _debugging():
            raise
        else:
            code = _internal_error(exc)
    try:
        sys.stdout.flush()  # what Typer itself printed (help, --version)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError as exc:
        code = _output_failed(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _output_failed(exc: OSError) -> int:
    _drop_stdout()
    _say(f"{PROG}: {t('cannot_write_output', _lang(), reason=exc.strerror or exc)}\n")
    return EXIT_OUTPUT


def _internal_error(exc: Exception) -> int:
    _say(f"{PROG}: {t('internal_error', _lang(), kind=type(exc).__name__)}\n")
    return EXIT_INTERNAL


# -- the command line's own errors ---------------------------------------------------------

# Compiled on the error path only (re caches them): a run that goes well never pays.
_NO_SUCH_COMMAND = r"No such command '(.*)'\.(?: Did you mean (.*)\?)?$"
_EXTRA_ARGUMENTS = r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)$"
# Words typed as a command that are the name of a global option, in either language.
_OPTION_WORDS = {"version": "--version", "versio": "--version", "help": "--help", "ohje": "--help"}


def command_line_error(exc: Exception, lang: Lang, misplaced: Misplaced | None = None) -> str:
    """One of Click's usage errors as a sentence in the run's language.

    Click says them in English and marks them only by class and attributes; the kinds a
    user meets are put in our words, anything else is shown as Click says it.
    """
    kind = type(exc).__name__
    option: str = getattr(exc, "option_name", "") or ""
    said = str(getattr(exc, "message", "") or exc).strip()
    if kind == "NoSuchOption":
        text = t("no_such_option", lang, option=option)
        where = misplaced(option, lang) if misplaced else ""
        possible = sorted(getattr(exc, "possibilities", None) or ())
        if not where and possible:
            where = t("did_you_mean", lang, options=" / ".join(possible))
        return text + where
    if kind == "BadOptionUsage":
        key = "option_takes_no_value" if "does not take a value" in said else "option_needs_value"
        return t(key, lang, option=option)
    if kind == "MissingParameter":
        param: Any = getattr(exc, "param", None)
        name = param.human_readable_name if param is not None else ""
        return t("missing_argument", lang, argument=name)
    if kind == "BadParameter":
        hint = getattr(exc, "param_hint", None) or ""
        return t("bad_value", lang, option=hint, problem=said)
    if found := re.match(_NO_SUCH_COMMAND, said, re.DOTALL):
        text = t("no_such_command", lang, command=repr(found.group(1)))
        # 'osallisuus version' wants the option, not the command Click finds alike (questions).
        meant = _OPTION_WORDS.get(found.group(1).strip("-").casefold())
        if meant:
            return text + t("did_you_mean", lang, options=f"{PROG} {meant}")
        return text + (t("did_you_mean", lang, options=found.group(2)) if found.group(2) else "")
    if found := re.match(_EXTRA_ARGUMENTS, said, re.DOTALL):
        return t("extra_arguments", lang, arguments=found.group(1))
    return said if said.endswith((".", "?", "!")) or not said else said + "."
