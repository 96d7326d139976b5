"""The output edge: every result reaches stdout, stderr or a file through here.

One `present` for every command: JSON through the one JSON writer, or text through
`render_text` on the one kind of console; `present_batch` for a batch, one JSON line
a situation. rich, which `render_text` needs, is imported here and only here, when
text is asked for: a JSON run never pays its 17 ms at start-up (108 M of the 517 M
instructions `recommend -t children --json` would then take, callgrind; issue 25).

Every byte for stdout goes through `write_out`, which checks that all of it was
written: a buffered stream reports a short write (a full disk, `ulimit -f`) only
by its return value, so a truncated document would otherwise end in success.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import select
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TextIO

from . import render_export, render_json, render_memo
from .batch import LineResult
from .edge import PROG, said
from .errors import OsallisuusError, OutputError
from .files import STDOUT_NAME, write_file
from .i18n import both, rerun_note, safe, t
from .model import Dataset, Handout, Lang, PlanResult, RecommendResult, Result
from .records import Record

if TYPE_CHECKING:
    from rich.console import Console


class Env(Record):
    """The streams a run talks through; tests swap them."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    @classmethod
    def from_sys(cls) -> Env:
        return cls(sys.stdin, sys.stdout, sys.stderr)

    def can_ask(self) -> bool:
        """Whether a person at a terminal can answer questions: stdin is the terminal, and
        stdout or stderr shows them (stdout may go to a file: `recommend > plan.txt`)."""
        return self.stdin.isatty() and (self.stdout.isatty() or self.stderr.isatty())


def present(env: Env, result: Result, lang: Lang, as_json: bool) -> None:
    """Show a command's result: JSON for scripts, or text for people; a memo to its file."""
    if isinstance(result, Handout):
        _hand_out(env, result, lang)
        return
    if isinstance(result, RecommendResult | PlanResult) and result.output is not None:
        memo = render_memo.memo_html if result.memo_format == "html" else render_memo.memo_markdown
        _deliver(env, memo(result, lang), result.output, result.dataset, lang)
        return
    if as_json:
        write_json(env.stdout, render_json.document(result, lang))
    else:
        console = make_console(env)
        # Rendered as for the terminal, then written checked. Leaving the capture, rich
        # still writes (nothing) and flushes, which a full device refuses.
        with _output_errors(), console.capture() as captured:
            _text_renderer().render(console, result, lang)
        write_out(env.stdout, captured.get())
    if isinstance(result, RecommendResult | PlanResult) and result.rerun:
        # The questionnaire's answers as a command line: beside JSON, not in it.
        note = safe(rerun_note(result.rerun, lang))
        if as_json:
            env.stderr.write(note)
        else:
            write_out(env.stdout, note)


LISTED_LINES = 10  # failed lines the closing note names; it counts them all


def present_batch(env: Env, records: Iterable[LineResult], lang: Lang) -> int:
    """A batch as JSON Lines: one document a line, in order, each as soon as it is made;
    how many lines failed, said in a closing note on stderr. A line's document is the
    single command's with its line number, or its error with the sentence the CLI says."""
    failed: list[int] = []
    total = count = 0
    for record in records:
        total += 1
        if not isinstance(record.outcome, OsallisuusError):
            document = {"line": record.line, **render_json.document(record.outcome, lang)}
        else:
            message, code = said(record.outcome, lang)
            document = {
                "line": record.line,
                "schema_version": render_json.SCHEMA_VERSION,
                "lang": lang,
                "error": {"code": code, "message": message},
            }
            count += 1
            if len(failed) < LISTED_LINES:
                failed.append(record.line)
        write_out(env.stdout, _line_json(document) + "\n", "utf-8")
    if count:
        lines = ", ".join(map(str, failed)) + (", …" if count > len(failed) else "")
        key = "batch_failed_one" if count == 1 else "batch_failed"
        note(env, f"{PROG}: " + t(key, lang, failed=count, total=total, lines=lines))
    return count


# A line's document is a fresh tree: no cycle to look for. Writing the benchmark's 1,000
# plans takes about 40 ms less a run (551 -> 508 ms, in process, median of 11).
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _line_json(document: dict[str, Any]) -> str:
    """A batch line's document as `json.dumps` writes it, a plan's development phases
    encoded once: the one speed trick of the batch's output.

    A plan's document holds that list twice, as `phases` and in `tracks` (the same
    object, render_json.plan_doc): 30 of its 82 KB. Encoding it once and writing its
    text in both places takes `plan --batch` of the benchmark's 1,000 situations about
    150 ms less (2,189 -> 2,076 ms, CPU 139 ms less: interleaved A/B, 15 runs each);
    tests/test_batch.py checks that every line is what `json.dumps` writes.
    """
    shared = document.get("phases")
    if not shared:
        return _LINE_ENCODER.encode(document)
    return _with_text_of(document, shared, _LINE_ENCODER.encode(shared), _SHARED_DEPTH)


_SHARED_DEPTH = 3  # the document, its tracks, a track: where the phases stand


def _with_text_of(value: Any, shared: Any, text: str, depth: int) -> str:
    """`value` as JSON, with `text` written for the object `shared` wherever it stands
    within `depth` levels of containers (the separators are json.dumps's: ", ", ": ")."""
    if value is shared:
        return text
    keyed = type(value) is dict and all(type(key) is str for key in value)
    if depth and keyed and _holds(value, shared, depth):
        items = (
            f"{_LINE_ENCODER.encode(key)}: {_with_text_of(item, shared, text, depth - 1)}"
            for key, item in value.items()
        )
        return "{" + ", ".join(items) + "}"
    if depth and type(value) is list and _holds(value, shared, depth):
        return "[" + ", ".join(_with_text_of(item, shared, text, depth - 1) for item in value) + "]"
    return _LINE_ENCODER.encode(value)


def _holds(value: Any, shared: Any, depth: int) -> bool:
    """Whether `value` is `shared` or holds it within `depth` levels of containers."""
    if value is shared:
        return True
    if not depth:
        return False
    if type(value) is dict:
        return any(_holds(item, shared, depth - 1) for item in value.values())
    if type(value) is list:
        return any(_holds(item, shared, depth - 1) for item in value)
    return False


def write_json(stream: TextIO, document: dict[str, Any]) -> None:
    """The one JSON writer: one document, UTF-8 whatever the locale, never through rich."""
    write_out(stream, json_text(document), "utf-8")


def write_out(stream: TextIO, text: str, encoding: str | None = None) -> None:
    """Write all of `text` to a standard stream, or raise OutputError saying why not.

    A reader going away (`| head`) stays a BrokenPipeError, which ends quietly. Text
    goes out in the stream's encoding, characters it lacks as "?" (as the CLI's
    streams are set up); JSON is always UTF-8.
    """
    data = text.encode(encoding or stream.encoding or "utf-8", "replace")
    with _output_errors():
        stream.flush()  # whatever went through the text layer first stays first
        view = memoryview(data)
        while view:
            # Unbuffered (PYTHONUNBUFFERED), this is the raw write, and may write less.
            written = stream.buffer.write(view)
            if not written:
                raise OSError(errno.EIO, "nothing could be written")
            view = view[written:]
        stream.flush()


@contextlib.contextmanager
def _output_errors() -> Iterator[None]:
    """A failed write to stdout as OutputError; a reader gone away stays BrokenPipeError."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(both("cannot_write_output", reason=exc.strerror or exc)) from None


def json_text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def make_console(env: Env, stderr: bool = False) -> Console:
    """The one way to make a console: rich with markup off, on stdout or stderr."""
    console: Console = _text_renderer().make_console(env.stderr if stderr else env.stdout)
    return console


def _text_renderer() -> ModuleType:
    from . import render_text  # rich: 17 ms a JSON run never pays (see the docstring)

    return render_text


def _hand_out(env: Env, handout: Handout, lang: Lang) -> None:
    """A handout: to its file (saying so on stderr) or to stdout."""
    if handout.format == "json":
        text = json_text(render_json.export_doc(handout, lang))
    elif handout.overview:
        overview = (
            render_export.overview_html
            if handout.format == "html"
            else render_export.overview_markdown
        )
        text = overview(handout.dataset, handout.methods, lang)
    elif handout.format == "html":
        text = render_export.export_html(handout.dataset, handout.methods, lang)
    else:
        text = render_export.export_markdown(handout.dataset, handout.methods, lang)
    _deliver(env, text, handout.output, handout.dataset, lang)


def _deliver(env: Env, text: str, output: str | None, dataset: Dataset, lang: Lang) -> None:
    """A document to stdout (no file, or -), or to its file, saying so on stderr."""
    if output is None or output == STDOUT_NAME:
        write_out(env.stdout, text, "utf-8")
        return
    written = write_file(output, text, Path(dataset.path))
    note(env, t("written", lang, path=written))


def note(env: Env, text: str) -> None:
    """A line for the person beside the result, on stderr: stdout stays the result."""
    env.stderr.write(safe(text) + "\n")


# -- the questionnaire's terminal --------------------------------------------------------


def questionnaire_screen(env: Env, on_stderr: bool) -> Any:
    """What the questionnaire prints its questions on and reads its answers from."""
    console = make_console(env, stderr=on_stderr)
    return _text_renderer().QuestionnaireScreen(console, terminal_reader(env, console))


def terminal_reader(env: Env, console: Console) -> Callable[[str], str]:
    """A line reader for a real terminal that one Ctrl-C always ends.

    A plain input() can miss a Ctrl-C that lands just before it blocks in read():
    the signal is noted, but read() waits on. Polling with select() returns to
    Python often enough for the pending KeyboardInterrupt to be raised.
    """

    def read(prompt: str) -> str:
        console.print(prompt, end="")
        fd = env.stdin.fileno()
        while not select.select([fd], [], [], 0.1)[0]:
            pass
        # Unbuffered: a terminal in line mode hands over one line per read.
        data = os.read(fd, 65536)
        if not data:
            raise EOFError
        return data.decode(env.stdin.encoding or "utf-8", "replace").rstrip("\r\n")

    return read
