"""The output edge: every result reaches stdout, stderr or a file through here.

One `present` for every command: JSON through the one JSON writer, or text through
`render_text` on the one kind of console. rich, which `render_text` needs, is
imported here and only here, when text is asked for: a JSON run never pays its
20-odd ms at start-up.
"""

from __future__ import annotations

import json
import os
import select
import sys
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from . import render_json
from .files import write_file
from .i18n import rerun_note, safe, t
from .model import Handout, Lang, PlanResult, RecommendResult, Result
from .render_export import export_html, export_markdown
from .render_memo import memo_html, memo_markdown

if TYPE_CHECKING:
    from rich.console import Console


class Env(NamedTuple):
    """The streams a run talks through; tests swap them."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    @classmethod
    def from_sys(cls) -> Env:
        return cls(sys.stdin, sys.stdout, sys.stderr)

    def is_terminal(self) -> bool:
        return self.stdin.isatty() and self.stdout.isatty()


def present(env: Env, result: Result, lang: Lang, as_json: bool) -> None:
    """Show a command's result: JSON for scripts, or text for people; a memo to its file."""
    if isinstance(result, Handout):
        _hand_out(env, result, lang)
        return
    if isinstance(result, RecommendResult | PlanResult) and result.output is not None:
        memo = memo_html if result.memo_format == "html" else memo_markdown
        written = write_file(result.output, memo(result, lang))
        env.stderr.write(safe(t("written", lang, path=written)) + "\n")
        return
    if as_json:
        write_json(env.stdout, render_json.document(result, lang))
    else:
        _text_renderer().render(make_console(env), result, lang)
    if as_json and isinstance(result, RecommendResult | PlanResult) and result.rerun:
        env.stderr.write(safe(rerun_note(result.rerun, lang)))


def write_json(stream: TextIO, document: dict[str, Any]) -> None:
    """The one JSON writer: one document, UTF-8 whatever the locale, never through rich."""
    stream.buffer.write(json_text(document).encode("utf-8"))
    stream.flush()


def json_text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def make_console(env: Env, stderr: bool = False) -> Console:
    """The one way to make a console: rich with markup off, on stdout or stderr."""
    console: Console = _text_renderer().make_console(env.stderr if stderr else env.stdout)
    return console


def _text_renderer() -> ModuleType:
    from . import render_text  # rich: see the module docstring

    return render_text


def _hand_out(env: Env, handout: Handout, lang: Lang) -> None:
    """A handout: to its file (saying so on stderr) or to stdout."""
    if handout.format == "json":
        text = json_text(render_json.export_doc(handout, lang))
    elif handout.format == "html":
        text = export_html(handout.dataset, handout.methods, lang)
    else:
        text = export_markdown(handout.dataset, handout.methods, lang)
    if handout.output is None:
        env.stdout.buffer.write(text.encode("utf-8"))
        env.stdout.flush()
        return
    written = write_file(handout.output, text)
    env.stderr.write(safe(t("written", lang, path=written)) + "\n")


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
