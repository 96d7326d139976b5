"""Where every run ends cleanly: the core's errors become one sentence and an exit code.

SPEC: 0 ok, 1 dataset unusable or an output that cannot be written, 2 usage, 130
interrupted; 70 and "please report it" only for a bug. A closed pipe ends quietly,
and no traceback reaches the user unless OSALLISUUS_DEBUG is 1, true or yes.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import shlex
import sys
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import typer

from .errors import DataError, OutputError, UsageError
from .i18n import safe

PROG = "osallisuus"
DEBUG_ENV = "OSALLISUUS_DEBUG"
REPORT_URL = "the project's issue tracker"
EXIT_DATA = 1
EXIT_OUTPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70
# A stream that cannot take more: a full disk, `ulimit -f`, a quota.
NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})

P = ParamSpec("P")
R = TypeVar("R")


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
    _say(f"{PROG}: {safe(_clamp(message))}\n")
    raise typer.Exit(code)


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
        except DataError as exc:
            hint = ""
            if len(exc.problems) > 1:
                hint = f" To see them all, run: {PROG} validate {shlex.quote(exc.problems[0].file)}"
            _fail(f"{exc}{hint}", EXIT_DATA)
        except UsageError as exc:
            _fail(str(exc), EXIT_USAGE)
        except OutputError as exc:
            _drop_stdout()  # what stdout still buffers could only fail again at exit
            _fail(str(exc), EXIT_OUTPUT)
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
    _say(f"\n{PROG}: interrupted.\n")
    return EXIT_INTERRUPTED


def _input_ended() -> int:
    _say(f"\n{PROG}: input ended; no answers were taken.\n")
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


def _argument_problem(args: list[str]) -> str | None:
    """Why the arguments cannot be taken (too long, not UTF-8), or None."""
    for number, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as exc:
            # Python keeps bytes that are not UTF-8 as lone surrogates, U+DC80 to U+DCFF;
            # left in, they would break the first encoding of the text (JSON, a message).
            code = ord(arg[exc.start])
            what = f"byte {code - 0xDC00:#04x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
            return (
                f"argument {number} ({_clamp(repr(arg))}) is not UTF-8 text ({what}); "
                "set the terminal or the script to UTF-8."
            )
    longest = max(args, key=len, default="")
    if len(longest) > MAX_ARGUMENT:
        return (
            f"an argument is {len(longest)} characters long ({_clamp(repr(longest))}); the "
            f"limit is {MAX_ARGUMENT}, enough for a description of a few paragraphs."
        )
    return None


def run(app: typer.Typer) -> NoReturn:
    """Run the app and make every ending a clean one."""
    _forgiving_streams()
    problem = _argument_problem(sys.argv[1:])
    if problem:
        _say(f"{PROG}: {safe(problem)}\n")
        sys.exit(EXIT_USAGE)
    try:
        code = app(prog_name=PROG, standalone_mode=False)
    except typer.TyperException as exc:  # Click's usage errors: bad option, missing value
        hint = ""
        context = getattr(exc, "ctx", None)
        if context is not None:
            hint = f" See '{context.command_path} --help'."
        message = str(getattr(exc, "format_message", exc.__str__)()).strip()
        end = "" if message.endswith((".", "?", "!")) else "."
        if message:  # empty when the help was shown instead (no arguments at all)
            _say(f"{PROG}: {safe(_clamp(message))}{end}{hint}\n")
        code = getattr(exc, "exit_code", EXIT_USAGE)
    except typer.Abort:
        code = _input_ended()
    except KeyboardInterrupt:
        code = _interrupted()
    except BrokenPipeError:
        _quiet_broken_pipe()
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in NO_ROOM:
            # Typer's own output (help, --version) on a full disk or past `ulimit -f`.
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
    _say(f"{PROG}: Cannot write the output ({exc.strerror or exc}).\n")
    return EXIT_OUTPUT


def _internal_error(exc: Exception) -> int:
    _say(
        f"{PROG}: internal error ({type(exc).__name__}); please report it at {REPORT_URL} "
        f"with the command you ran (set {DEBUG_ENV}=1 to see the traceback).\n"
    )
    return EXIT_INTERNAL
