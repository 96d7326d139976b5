"""Every command's result for people: rich tables and panels, readable from 40 columns.

Dataset text is always wrapped in rich `Text` (never parsed as markup) after its
control characters are made visible, so nothing in a dataset can style or
steer the terminal. Below `WIDE` columns, tables become stacked blocks so that
words are never cut. `present.py` is the only importer of this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .catalogue import main_values
from .i18n import (
    SECTION_HEADINGS,
    alphabetical,
    explanation_text,
    flags_of,
    heard_how_lines,
    heard_text,
    left_out_text,
    need_text,
    not_heard_text,
    nothing_head,
    nothing_text,
    phase_label,
    provenance,
    reason_text,
    safe,
    safeguard_condition,
    safeguard_text,
    safety_text,
    t,
    unsure_text,
    warned_text,
    warning_text,
    why_chosen_sentences,
)
from .model import (
    KNOWLEDGE_FIELDS,
    LIST_FIELDS,
    Answers,
    ChecklistItem,
    Comparison,
    Dataset,
    Explanation,
    Lang,
    Method,
    MethodCard,
    MethodList,
    NewFile,
    PlanPhase,
    PlanResult,
    PlanTrack,
    Question,
    QuestionList,
    Recommendation,
    RecommendResult,
    Result,
    Safeguard,
    SearchHit,
    SearchResult,
    Sourced,
    Validation,
    Value,
    sources_of,
)
from .questionnaire import LACK_MARK
from .records import Record
from .safeguards import possible_safeguards, safeguards_for
from .scoring import DESCRIBE as DESCRIBE_REASON
from .scoring import HAVE as HAVE_REASON
from .scoring import best_fits, sections

WIDE = 70
GROUPS = "target_groups"
MIN_WIDTH = 20
_MARKS = {"fit": "✓", "partial": "~", "miss": "✗"}
_ASCII_MARKS = {"fit": "+", "partial": "~", "miss": "-", "warn": "!"}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 (our "dataset unusable"); let the CLI edge end quietly with 0.
        self.quiet = True
        raise BrokenPipeError


def make_console(stream: TextIO) -> Console:
    # markup and emoji off: our own styling goes through Text objects only.
    console = _Console(file=stream, highlight=False, markup=False, emoji=False)
    if console.width < MIN_WIDTH:  # COLUMNS=0 (some CI) would print nothing at all
        console.width = MIN_WIDTH
    return console


def render(console: Console, result: Result, lang: Lang) -> None:
    """Print a command's result for people."""
    if isinstance(result, NewFile):
        console.print(plain(t("new_written", lang, file=result.file)))
    elif isinstance(result, MethodList):
        print_list(console, result, lang)
    elif isinstance(result, MethodCard):
        print_show(console, result, lang)
    elif isinstance(result, Comparison):
        print_compare(console, result, lang)
    elif isinstance(result, SearchResult):
        print_search(console, result, lang)
    elif isinstance(result, RecommendResult):
        print_recommend(console, result, lang)
    elif isinstance(result, PlanResult):
        print_plan(console, result, lang)
    elif isinstance(result, Validation):
        print_validate(console, result, lang)
    elif isinstance(result, QuestionList):
        print_questions(console, result, lang)


def plain(text: str, style: str = "") -> Text:
    return Text(safe(text), style=style)


def _mark(console: Console, kind: str) -> str:
    if console.options.ascii_only:
        return _ASCII_MARKS[kind]
    return "⚠" if kind == "warn" else _MARKS[kind]


def _wide(console: Console) -> bool:
    return console.width >= WIDE


def short(text: str, limit: int = 90) -> str:
    """The first sentence, cut at a word boundary when still too long."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _labels(dataset: Dataset, question: str, slugs: Sequence[str], lang: Lang) -> str:
    q = dataset.question(question)
    return ", ".join(q.value_label(slug, lang) for slug in slugs)


def _stack(console: Console, blocks: Sequence[RenderableType]) -> None:
    for i, block in enumerate(blocks):
        if i:
            console.rule(style="dim")
        console.print(block)


def _name_and_id(method: Method, lang: Lang) -> Unbroken:
    name = Text.assemble(plain(method.name.get(lang), "bold"), "\n", plain(method.id, "cyan"))
    return Unbroken(name)


# A line may break after spaces and after a slash between words (asiakasraati/asiakasfoorumi).
_PIECE = re.compile(r"[^\s/]*/+(?=[^\s/])|\S+")


class Unbroken:
    """Text that wraps only between words and after a slash, never inside a word.

    rich folds a word longer than its column anywhere ("Kasvatuskumppanu/us"); a column
    of these is at least as wide as the longest word or id (`__rich_measure__`), so the
    only breaks left are the ones a reader expects.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain_text = self.text.plain
        pieces = [cell_len(m.group()) for m in _PIECE.finditer(plain_text)]
        widest = max((cell_len(line) for line in plain_text.split("\n")), default=0)
        return Measurement(max(pieces, default=0), widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.text.split("\n"):
            for part in line.divide(_line_starts(line.plain, options.max_width)):
                part.rstrip()
                yield part


def _line_starts(text: str, width: int) -> list[int]:
    """Where each line after the first starts, wrapping `text` greedily at `width` between
    its pieces (a word with its spaces, or a word up to a slash)."""
    starts: list[int] = []
    line_start = 0
    for match in _PIECE.finditer(text):
        if match.start() > line_start and cell_len(text[line_start : match.end()]) > width:
            starts.append(match.start())
            line_start = match.start()
    return starts


def _least_width(methods: Sequence[Method], lang: Lang) -> int:
    """A method column's least width: its longest id, word or word up to a slash."""
    return widest_piece([text for m in methods for text in (m.name.get(lang), m.id)])


def widest_piece(texts: Sequence[str]) -> int:
    """The widest word (or word up to a slash) of these texts: a column's least width."""
    return max((cell_len(m.group()) for text in texts for m in _PIECE.finditer(text)), default=1)


def _print_ranked(
    console: Console,
    rows: Sequence[tuple[int, Method, str, Text]],
    headers: tuple[str, str],
    lang: Lang,
    title: Text | None = None,
    body_ratio: int = 5,
    headings: Sequence[tuple[int, str]] = (),
) -> None:
    """Ranked methods (search hits, recommendations): rank, method, a figure, a text.

    A table from `WIDE` columns; below that, stacked blocks so that no word is cut.
    Each of `headings` (row index, text) starts a section of its own there, e.g. the
    methods the description sets aside, and the warned methods.
    """
    starts = dict(headings)
    if not _wide(console):
        if title is not None:
            console.print(title)
        blocks: list[RenderableType] = [
            Group(
                Text.assemble(f"{rank}. ", plain(method.name.get(lang), "bold"), f"  {figure}"),
                plain(method.id, "cyan"),
                Padding(body, (0, 0, 0, 2)),
            )
            for rank, method, figure, body in rows
        ]
        for index, text in sorted(headings, reverse=True):
            blocks.insert(index, plain(text, "bold yellow"))
        _stack(console, blocks)
        return
    figure_header, body_header = headers
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    least = _least_width([method for _, method, _, _ in rows], lang)
    # `width` with a ratio is the least width: rich gives a ratio column no less.
    table.add_column(t("method", lang), ratio=2, width=least)
    table.add_column(figure_header, justify="right", no_wrap=True)
    table.add_column(body_header, ratio=body_ratio, overflow="fold")
    for index, (rank, method, figure, body) in enumerate(rows):
        if index in starts:
            table.add_row("", "", "", plain(starts[index], "bold yellow"))
        table.add_row(str(rank), _name_and_id(method, lang), figure, body)
    console.print(table)


# -- list ----------------------------------------------------------------------


def print_list(console: Console, result: MethodList, lang: Lang) -> None:
    dataset, methods = result.dataset, result.methods
    title = t("catalogue", lang)
    groups = dataset.question("target_groups").label.get(lang)
    if not _wide(console):
        console.print(Text(title, style="bold"))
        _stack(
            console,
            [
                Group(
                    Text.assemble(plain(m.id, "bold cyan"), " ", plain(m.name.get(lang), "bold")),
                    plain(short(m.goal.get(lang))),
                    plain(
                        f"{groups}: "
                        + _labels(dataset, "target_groups", main_values(dataset, m, GROUPS), lang),
                        "dim",
                    ),
                )
                for m in methods
            ],
        )
        console.print(plain(t("list_main_groups", lang), "dim"))
        return
    table = Table(title=title, show_lines=True, expand=True)
    least = _least_width(methods, lang)
    table.add_column(f"{t('name', lang)} / {t('id', lang)}", ratio=3, width=least)
    table.add_column(t("goal", lang), ratio=4, overflow="fold")
    table.add_column(f"{groups} *", ratio=2, min_width=14, overflow="fold")
    for m in methods:
        table.add_row(
            _name_and_id(m, lang),
            plain(short(m.goal.get(lang))),
            plain(_labels(dataset, GROUPS, main_values(dataset, m, GROUPS), lang)),
        )
    console.print(table)
    console.print(plain("* " + t("list_main_groups", lang), "dim"))


# -- show and compare ------------------------------------------------------------------


def _weight_bar(console: Console, weight: int, top: int) -> str:
    if console.options.ascii_only:
        return f"{weight}/{top}"
    return "●" * weight + "○" * (top - weight)


def _fits_renderable(console: Console, dataset: Dataset, method: Method, lang: Lang) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
    table.add_column(style="bold")
    table.add_column(ratio=1, overflow="fold")
    for question in dataset.questions:
        fits = method.fits_for(question.key)
        if not fits:
            continue
        lines = Text()
        for i, fit in enumerate(fits):
            label = question.value_label(fit.value, lang)
            if i:
                lines.append("\n")
            lines.append(_weight_bar(console, fit.weight, dataset.max_weight) + " ", style="green")
            lines.append(safe(label), style="bold")
            lines.append(" — " + safe(fit.why.get(lang)), style="")
            lines.append(f" [{safe(provenance(dataset, fit.source, lang))}]", style="dim")
        table.add_row(Text(question.label.get(lang)), lines)
    return table


def _method_body(console: Console, dataset: Dataset, method: Method, lang: Lang) -> Group:
    source = dataset.source(method.source_id)
    parts: list[RenderableType] = [
        Text(t("goal", lang).capitalize(), style="bold underline"),
        plain(method.goal.get(lang)),
        Text(""),
        Text(t("description", lang).capitalize(), style="bold underline"),
        plain(method.description.get(lang)),
        Text(""),
        Text(t("attributes", lang).capitalize(), style="bold underline"),
        _fits_renderable(console, dataset, method, lang),
    ]
    readiness = [
        _sourced(dataset, f"{_mark(console, 'warn')} ", r, lang, "yellow")
        for r in method.requirements
    ] + [_sourced(dataset, "• ", p, lang) for p in method.preconditions]
    if readiness:
        parts += [Text(""), _heading(t("preconditions", lang)), *readiness]
    guards = possible_safeguards(dataset, method)
    if guards:
        parts += [Text(""), _heading(t("safeguards", lang))]
        for safeguard, cases in guards:
            parts.append(_safeguard_line(dataset, safeguard, lang))
            parts.append(plain("  " + safeguard_condition(dataset, cases, lang), "dim"))
    for key in KNOWLEDGE_FIELDS:
        statements = getattr(method.knowledge, key)
        if statements:
            parts += [Text(""), _heading(t(f"knowledge_{key}", lang))]
            numbered = key == "steps"
            parts += [
                _sourced(dataset, f"{i}. " if numbered else "• ", s, lang)
                for i, s in enumerate(statements, 1)
            ]
    if method.placements:
        parts += [Text(""), _heading(t("placements", lang))]
        for placement in method.placements:
            framework = dataset.framework(placement.framework)
            step = framework.value(placement.value) if framework else None
            name = framework.label.get(lang) if framework else placement.framework
            value = step.label.get(lang) if step else placement.value
            parts.append(_sourced(dataset, f"{name}: {value} — ", placement, lang))
    origin = dataset.origin(method.id)
    if origin != "bundled":
        parts += [Text(""), _heading(t("origin_file", lang)), plain(origin, "dim")]
    names = ", ".join(method.aliases.all())
    if names:
        parts += [
            Text(""),
            Text(t("aliases", lang).capitalize(), style="bold underline"),
            plain(names, "dim"),
        ]
    parts += [
        Text(""),
        Text(t("source", lang).capitalize(), style="bold underline"),
        plain(source.citation.get(lang)),
    ]
    if source.url:
        parts.append(plain(source.url, "blue"))
    others = alphabetical(s for s in sources_of(dataset, method) if s.id != method.source_id)
    if others:
        parts += [Text(""), _heading(t("other_sources", lang))]
        for other in others:
            parts.append(
                Text.assemble(
                    (f"[{safe(other.short())}] ", "bold"),
                    safe(other.citation.get(lang)),
                    (f" {safe(other.url)}" if other.url else "", "blue"),
                )
            )
    return Group(*parts)


def _heading(text: str) -> Text:
    return Text(text[:1].upper() + text[1:], style="bold underline")


def _sourced(
    dataset: Dataset, prefix: str, statement: Sourced, lang: Lang, style: str = ""
) -> Text:
    """A statement with where it comes from: "• Text. [Krogstrup 1997]"."""
    return Text.assemble(
        (safe(prefix + statement.why.get(lang)), style),
        (f" [{safe(provenance(dataset, statement.source, lang))}]", "dim"),
    )


def print_show(console: Console, result: MethodCard, lang: Lang) -> None:
    dataset, method = result.dataset, result.method
    title = Text.assemble(plain(method.name.get(lang), "bold"), "  ", plain(method.id, "cyan"))
    body = _method_body(console, dataset, method, lang)
    if _wide(console):
        console.print(Panel(body, title=title, title_align="left", padding=(1, 2)))
    else:
        console.print(title)
        console.rule(style="dim")
        console.print(body)


class CompareRow(Record):
    """One row of a comparison: a label and one cell per method; `heading` starts a section."""

    label: RenderableType
    cells: list[Text]
    heading: bool = False


def compare_rows(console: Console, result: Comparison, lang: Lang) -> list[CompareRow]:
    """The comparison row by row: the goals, then per question one row for each value any
    of the methods fits, in the vocabulary's order, so that a value sits on the same row
    for every method; then what the methods require, and their sources."""
    dataset, methods = result.dataset, result.methods
    top = dataset.max_weight
    rows = [
        CompareRow(
            Text(t("goal", lang), "bold"), [plain(short(m.goal.get(lang), 120)) for m in methods]
        )
    ]
    for question in dataset.questions:
        fitted = {f.value for m in methods for f in m.fits_for(question.key)}
        values = [v.slug for v in question.values if v.slug in fitted]
        required = [r for m in methods for r in m.requirements] if question.resources else []
        if not values and not required:
            continue
        rows.append(CompareRow(Text(question.label.get(lang), "bold"), [], heading=True))
        for slug in values:
            cells = []
            for m in methods:
                fit = m.fit(question.key, slug)
                cell = (
                    Text(_weight_bar(console, fit.weight, top), "green")
                    if fit
                    else Text("–", "dim")
                )
                cells.append(cell)
            label = Padding(Unbroken(plain(question.value_label(slug, lang))), (0, 0, 0, 2))
            rows.append(CompareRow(label, cells))
        if required:
            cells = [
                Text.assemble(
                    *(
                        (f"{_mark(console, 'warn')} {safe(r.why.get(lang))}", "yellow")
                        for r in m.requirements
                    )
                )
                or Text("–", "dim")
                for m in methods
            ]
            rows.append(CompareRow(Padding(plain(t("requirements", lang)), (0, 0, 0, 2)), cells))
    sources = [plain(dataset.source(m.source_id).short(), "dim") for m in methods]
    rows.append(CompareRow(Text(t("source", lang), "bold"), sources))
    return rows


LABEL_WIDTH = 24  # the comparison's first column: value labels wrap beyond this
NUMBERED_COLUMN = 9  # a column headed by a number: the dots, padding and a border


def print_compare(console: Console, result: Comparison, lang: Lang) -> None:
    """A table with one row per value; its columns are headed by the methods' names where
    they fit, else by numbers with the names (and goals) above; stacked below that."""
    methods = result.methods
    rows = compare_rows(console, result, lang)
    least = widest_piece([text for m in methods for text in (m.name.get(lang), m.id)])
    if console.width >= max(LABEL_WIDTH + (least + 3) * len(methods), WIDE):
        headers: list[RenderableType] = [_name_and_id(m, lang) for m in methods]
        _compare_table(console, rows, headers, least)
    elif console.width >= max(LABEL_WIDTH + NUMBERED_COLUMN * len(methods), WIDE):
        for number, m in enumerate(methods, start=1):
            console.print(
                Text.assemble(
                    (f"{number}. ", "bold"),
                    plain(m.name.get(lang), "bold"),
                    " ",
                    plain(m.id, "cyan"),
                    " — ",
                    plain(short(m.goal.get(lang), 120)),
                )
            )
        numbers: list[RenderableType] = [Text(str(n), "bold") for n in range(1, len(methods) + 1)]
        _compare_table(console, rows[1:], numbers, NUMBERED_COLUMN - 3)
    else:
        _compare_stacked(console, result, lang)


def _compare_table(
    console: Console, rows: Sequence[CompareRow], headers: Sequence[RenderableType], least: int
) -> None:
    table = Table(show_lines=False, expand=True)
    table.add_column("", max_width=LABEL_WIDTH)
    for header in headers:
        # Headers of names of different length start on the same line.
        table.add_column(header, ratio=1, width=least, vertical="top")
    for row in rows:
        if row.heading:
            table.add_section()
            table.add_row(row.label, *([Text("")] * len(headers)))
        else:
            table.add_row(row.label, *row.cells)
    console.print(table)


def _compare_stacked(console: Console, result: Comparison, lang: Lang) -> None:
    """Below WIDE columns, one method after another; each question's values come in the
    vocabulary's order, so the methods still read alike."""
    dataset = result.dataset
    blocks: list[RenderableType] = []
    for m in result.methods:
        lines: list[RenderableType] = [
            Text.assemble(plain(m.name.get(lang), "bold"), " ", plain(m.id, "cyan")),
            plain(short(m.goal.get(lang), 120)),
        ]
        for question in dataset.questions:
            order = {v.slug: i for i, v in enumerate(question.values)}
            fits = sorted(m.fits_for(question.key), key=lambda f: order.get(f.value, len(order)))
            needs = list(m.requirements) if question.resources else []
            if not fits and not needs:
                continue
            lines.append(Text(question.label.get(lang), "bold"))
            for fit in fits:
                bar = _weight_bar(console, fit.weight, dataset.max_weight)
                label = plain(question.value_label(fit.value, lang))
                lines.append(Padding(Text.assemble((bar + " ", "green"), label), (0, 0, 0, 2)))
            for need in needs:
                warning = f"{_mark(console, 'warn')} {safe(need.why.get(lang))}"
                lines.append(Padding(Text(warning, "yellow"), (0, 0, 0, 2)))
        lines.append(plain(f"{t('source', lang)}: {dataset.source(m.source_id).short()}", "dim"))
        blocks.append(Group(*lines))
    _stack(console, blocks)


# -- search ------------------------------------------------------------------------


def _highlighted(console: Console, hit: SearchHit) -> Text:
    styled = console.is_terminal and console.color_system is not None and not console.no_color
    text = Text()
    position = 0
    for start, end in hit.spans:
        if start < position:
            continue
        text.append(safe(hit.snippet[position:start]))
        match = safe(hit.snippet[start:end])
        text.append(match, style="bold reverse") if styled else text.append(f"«{match}»")
        position = end
    text.append(safe(hit.snippet[position:]))
    return text


def print_search(console: Console, result: SearchResult, lang: Lang) -> None:
    query, hits = result.query, result.hits
    if not hits:
        console.print(Text(t("no_hits", lang)))
        return
    rows = [(i, h.method, f"{h.score} %", _found(console, h, lang)) for i, h in enumerate(hits, 1)]
    title = Text(safe(query), style="bold")
    _print_ranked(console, rows, (t("match", lang), t("snippet", lang)), lang, title, body_ratio=4)
    console.print(plain(t("search_match", lang), "dim"))


def _found(console: Console, hit: SearchHit, lang: Lang) -> Text:
    """Where the words were found: the sentence; a name or keyword with the method's goal."""
    text = _highlighted(console, hit)
    if hit.field in LIST_FIELDS:
        text.append(f" ({t('field_' + hit.field, lang)})", style="dim")
        text.append("\n")
        text.append(safe(short(hit.method.goal.get(lang))))
    return text


# -- recommend ---------------------------------------------------------------------


def _answers_line(dataset: Dataset, answers: Answers, lang: Lang) -> Text:
    line = Text()
    for question in dataset.questions:
        given = answers.get(question.key)
        if question.resources:
            given = tuple(
                question.value_label(slug, lang) + f" ({t('have_' + have, lang)})"
                for slug, have in answers.resources.items()
            )
            if given:
                if line.plain:
                    line.append(" · ", style="dim")
                line.append(question.label.get(lang) + ": ", style="bold")
                line.append(safe(", ".join(given)))
            continue
        if not given:
            continue
        if line.plain:
            line.append(" · ", style="dim")
        line.append(question.label.get(lang) + ": ", style="bold")
        line.append(safe(_labels(dataset, question.key, given, lang)))
    return line


def _understood(dataset: Dataset, answers: Answers, lang: Lang) -> RenderableType:
    lines = Text()
    for u in answers.understood:
        if lines.plain:
            lines.append("\n")
        if u.stance == "unsure":
            lines.append(safe(unsure_text(dataset, u, lang)), style="yellow")
            continue
        lines.append(dataset.question(u.question).label.get(lang) + ": ", style="bold")
        lines.append(safe(_labels(dataset, u.question, [u.value], lang)))
        if u.stance != "wanted":
            cue = f"“{' '.join(u.cue)}”" if u.cue else ""
            lines.append(f" ({t('stance_' + u.stance, lang)}", style="yellow")
            lines.append(safe(f": {cue}") if cue else "", style="yellow")
            lines.append(")", style="yellow")
        lines.append(f"  ({t('from_words', lang)} ", style="dim")
        lines.append(safe(", ".join(f"“{w}”" for w in u.words)), style="dim")
        lines.append(")", style="dim")
    if not lines.plain:
        return plain(t("nothing_understood", lang), "yellow")
    return lines


def _why(console: Console, dataset: Dataset, result: Recommendation, lang: Lang) -> Text:
    text = _needs(console, dataset, result, lang)
    for i, reason in enumerate(result.reasons):
        if i:
            text.append("\n")
        style = {"fit": "green", "partial": "", "miss": "dim"}[reason.kind]
        if reason.keep is not None:
            style = "yellow"
        text.append(f"{_mark(console, reason.kind)} ", style=style)
        text.append(safe(reason_text(dataset, reason, lang)), style=style)
    return text


def _needs(console: Console, dataset: Dataset, result: Recommendation, lang: Lang) -> Text:
    """A result's needs that are not met, each on its line: unmet (a warning), then to
    check (unknown or unsure: never assumed)."""
    text = Text()
    for need in result.warnings:
        text.append(
            f"{_mark(console, 'warn')} {safe(warning_text(dataset, need, lang))}\n",
            style="bold yellow",
        )
    for need in result.to_check:
        text.append(f"? {safe(need_text(dataset, need, lang))}\n", style="yellow")
    return text


def _print_answers(console: Console, dataset: Dataset, answers: Answers, lang: Lang) -> None:
    """What the description was understood to say, then every answer in one line."""
    if answers.describe is not None:
        understood = _understood(dataset, answers, lang)
        console.print(Panel(understood, title=Text(t("understood", lang)), title_align="left"))
    summary = _answers_line(dataset, answers, lang)
    if summary.plain:
        console.print(Text.assemble((t("answers", lang) + ": ", "bold"), summary))


def hidden_by_top(result: RecommendResult) -> int:
    """How many ranked methods --top kept off the list, warned ones included: every
    method is either ranked or left out (scoring.rank)."""
    return len(result.dataset.methods) - len(result.left_out) - len(result.results)


def print_recommend(console: Console, result: RecommendResult, lang: Lang) -> None:
    dataset, answers, results = result.dataset, result.answers, result.results
    _print_answers(console, dataset, answers, lang)
    shown = results[: result.table_top] if result.table_top else results
    if not results:
        console.print(Text(t("no_results", lang)))
    else:
        rows = [
            (
                r.rank,
                r.method,
                f"{r.score} %",
                _guarded(_why(console, dataset, r, lang), r, result, lang),
            )
            for r in shown
        ]
        headings: list[tuple[int, str]] = []
        start = 0
        for part, key in zip(sections(answers, shown), SECTION_HEADINGS, strict=True):
            if part and key is not None:
                headings.append((start, t(key, lang)))
            start += len(part)
        _print_ranked(console, rows, (t("match", lang), t("why", lang)), lang, headings=headings)
        if len(shown) < len(results):
            console.print(plain(t("more_results", lang, shown=len(shown), total=len(results))))
    hidden = hidden_by_top(result)
    if hidden:
        console.print(plain(t("more_top", lang, count=hidden, top=len(results) + hidden)))
    for line in left_out_text(dataset, result, lang):
        console.print(plain(line, "dim"))
    for explained in result.explained:
        _print_explanation(console, result, explained, lang)
    _print_checklist(console, result.dataset, result.checklist, lang)
    firsts = list(dict.fromkeys(item.method for item in result.checklist)) or [
        r.method for r in shown[:3]
    ]
    _print_safeguards(console, dataset, firsts, answers, lang)


def _guarded(
    text: Text, r: Recommendation, result: RecommendResult | PlanResult, lang: Lang
) -> Text:
    """A result's reasons with the names of the safeguards its method needs, if any."""
    needed = safeguards_for(result.dataset, r.method, result.answers)
    if needed:
        names = ", ".join(g.label.get(lang) for g in needed)
        text.append(f"\n{t('safeguards_short', lang).capitalize()}: ", style="bold")
        text.append(safe(names))
    return text


def _safeguard_line(dataset: Dataset, safeguard: Safeguard, lang: Lang, indent: str = "") -> Text:
    """A safeguard as people read it: "• Label: what to do and why. [source]"."""
    return Text.assemble(
        (safe(f"{indent}• {safeguard.label.get(lang)}: "), "bold"),
        safe(safeguard_text(dataset, safeguard, lang)),
        (f" [{safe(provenance(dataset, safeguard.source, lang))}]", "dim"),
    )


def _print_safeguards(
    console: Console, dataset: Dataset, methods: Sequence[Method], answers: Answers, lang: Lang
) -> None:
    """The safeguards of the methods a planner is about to choose, under each method: in
    full the first time, by name when an earlier method needs it too."""
    said: set[str] = set()
    lines: list[RenderableType] = []
    for method in dict.fromkeys(methods):
        needed = safeguards_for(dataset, method, answers)
        if not needed:
            continue
        lines.append(plain(method.name.get(lang), "bold"))
        for safeguard in needed:
            if safeguard.id in said:
                again = f"  • {safeguard.label.get(lang)} ({t('safeguard_above', lang)})"
                lines.append(plain(again, "dim"))
            else:
                lines.append(_safeguard_line(dataset, safeguard, lang, "  "))
                said.add(safeguard.id)
    if lines:
        console.print(Panel(Group(*lines), title=Text(t("safeguards", lang)), title_align="left"))


def _print_checklist(
    console: Console, dataset: Dataset, checklist: Sequence[ChecklistItem], lang: Lang
) -> None:
    if not checklist:
        return
    lines: list[RenderableType] = []
    for method_id in dict.fromkeys(item.method.id for item in checklist):
        items = [item for item in checklist if item.method.id == method_id]
        lines.append(plain(items[0].method.name.get(lang), "bold"))
        for item in items:
            mark = f"{_mark(console, 'warn')} " if item.unmet else "☐ "
            if console.options.ascii_only and not item.unmet:
                mark = "[ ] "
            line = _sourced(dataset, "  " + mark, item, lang, "yellow" if item.unmet else "")
            if item.unmet:
                line.append(f" — {t('checklist_unmet', lang)}", style="bold yellow")
            elif item.status == "to-check":
                line.append(f" — {t('to_check', lang)}", style="yellow")
            elif item.status == "met":
                line.append(f" — {t('need_met', lang)}", style="green")
            lines.append(line)
    # A title as Text: rich reads a str title as markup, which loads its emoji table (1 ms).
    console.print(Panel(Group(*lines), title=Text(t("checklist", lang)), title_align="left"))


def _brief(console: Console, dataset: Dataset, result: Recommendation, lang: Lang) -> Text:
    """A result's reasons at a glance: its needs unmet or to check in full, then each fit
    as mark, label, weight."""
    text = _needs(console, dataset, result, lang)
    parts = []
    for reason in result.reasons:
        if reason.question in (DESCRIBE_REASON, HAVE_REASON):
            parts.append(
                (f"{_mark(console, reason.kind)} {reason_text(dataset, reason, lang)}", "")
            )
            continue
        label = dataset.question(reason.question).value_label(reason.value, lang)
        weight = f" {reason.weight}/{dataset.max_weight}" if reason.weight else ""
        style = {"fit": "green", "partial": "", "miss": "dim"}[reason.kind]
        parts.append((f"{_mark(console, reason.kind)} {label}{weight}", style))
    for i, (part, style) in enumerate(parts):
        if i:
            text.append(" · ", style="dim")
        text.append(safe(part), style=style)
    return text


def print_plan(console: Console, result: PlanResult, lang: Lang) -> None:
    """The plan: the case track's method and steps, the development track's phases, each
    choice with why; then how case work feeds development, working back from the
    deadline, the questions the description asks, who is not heard, what the
    methods take, the safeguards, and how the loop is closed."""
    dataset, answers = result.dataset, result.answers
    _print_answers(console, dataset, answers, lang)
    for _, line in safety_text(dataset, answers, lang):
        console.print(plain(f"{_mark(console, 'warn')} {line}", "bold red"))
    for track in result.tracks:
        for _, line in warned_text(dataset, track, lang):
            console.print(plain(f"{_mark(console, 'warn')} {line}", "bold yellow"))
    case, development = result.track("case"), result.track("development")
    if case is not None:
        _print_case_track(console, result, case, lang)
    if development is not None:
        _print_development_track(console, result, development, lang)
    if result.feeds:
        lines = [_sourced(dataset, "• ", s, lang) for s in result.feeds]
        console.print(Panel(Group(*lines), title=Text(t("plan_feeds", lang)), title_align="left"))
    if result.timing:
        lines = [_sourced(dataset, "• ", s, lang) for s in result.timing]
        console.print(Panel(Group(*lines), title=Text(t("plan_timing", lang)), title_align="left"))
    for topic in result.asked:
        lines = [_sourced(dataset, "• ", s, lang) for s in topic.answer]
        title = Text(t("plan_asked", lang, topic=topic.label.get(lang)))
        console.print(Panel(Group(*lines), title=title, title_align="left"))
    for gap in result.not_heard:
        console.print(
            plain(f"{_mark(console, 'warn')} {not_heard_text(dataset, gap, lang)}", "bold yellow")
        )
    arenas_framework = dataset.framework("arenas")
    arenas = ", ".join(
        step.label.get(lang) if arenas_framework and (step := arenas_framework.value(a)) else a
        for a in result.arenas
    )
    levels = _labels(dataset, "level", result.levels, lang)
    if arenas or levels:
        console.print(plain(t("plan_covers", lang, arenas=arenas or "–", levels=levels or "–")))
    _print_checklist(console, dataset, result.checklist, lang)
    picks = [p.choice.method for track in result.tracks for p in track.phases if p.choice]
    _print_safeguards(console, dataset, picks, answers, lang)
    if result.close_the_loop:
        lines = [_sourced(dataset, "• ", s, lang) for s in result.close_the_loop]
        console.print(
            Panel(Group(*lines), title=Text(t("close_the_loop", lang)), title_align="left")
        )


def _print_case_track(console: Console, result: PlanResult, track: PlanTrack, lang: Lang) -> None:
    """The case method once, with why and what else was close, then what it does in each
    step of the case."""
    dataset = result.dataset
    console.print(Text(t("track_case", lang), style="bold"))
    first = track.phases[0] if track.phases else None
    choice = first.choice if first else None
    if first is None or choice is None:
        console.print(plain(t("case_none", lang), "dim"))
        return
    console.print(
        Text.assemble(
            (f"{t('case_method', lang)}: ", "bold"),
            plain(choice.method.name.get(lang), "bold"),
            plain(f" ({choice.method.id})", "cyan"),
            f"  {choice.score} %",
        )
    )
    console.print(Padding(_choice_text(console, result, first, lang, work=False), (0, 0, 0, 2)))
    steps = [
        (plain(phase_label(dataset, p.phase, lang)), _step_text(result, p, lang))
        for p in track.phases
    ]
    if _wide(console):
        table = Table(show_lines=True, expand=True)
        table.add_column(t("plan_step", lang), style="bold", no_wrap=True)
        table.add_column(t("plan_happens", lang), ratio=1, overflow="fold")
        for label, text in steps:
            table.add_row(label, text)
        console.print(table)
    else:
        for label, text in steps:
            console.print(Text(label.plain, style="bold underline"))
            console.print(Padding(text, (0, 0, 0, 2)))


def _step_text(result: PlanResult, phase: PlanPhase, lang: Lang) -> Text:
    """What happens in a step of the case: the method's own step, else the step in general."""
    dataset = result.dataset
    case = dataset.plan.case
    step = next((s for s in case.steps if s.slug == phase.phase), None) if case else None
    text = Text()
    if phase.work is not None:
        text = _sourced(dataset, "", phase.work, lang)
    elif step is not None:
        text = _sourced(dataset, "", step, lang)
    for adapted in phase.adapted:
        text.append("\n")
        text.append_text(_sourced(dataset, f"{t('for_them', lang)}: ", adapted, lang, "bold"))
    return text


def _print_development_track(
    console: Console, result: PlanResult, track: PlanTrack, lang: Lang
) -> None:
    dataset = result.dataset
    title = Text(t("track_development", lang), style="bold")
    if _wide(console):
        table = Table(title=title, show_lines=True, expand=True)
        longest = max((len(phase_label(dataset, p.phase, lang)) for p in track.phases), default=5)
        table.add_column(t("plan_phase", lang), style="bold", min_width=min(longest, 16))
        choices = [p.choice.method for p in track.phases if p.choice]
        table.add_column(t("plan_choice", lang), ratio=2, width=_least_width(choices, lang))
        table.add_column(t("match", lang), justify="right", no_wrap=True)
        table.add_column(t("why", lang), ratio=4, overflow="fold")
        for phase in track.phases:
            label = plain(phase_label(dataset, phase.phase, lang))
            choice = phase.choice
            if choice is None:
                note = plain(nothing_text(dataset, phase, lang), "dim") if phase.why else ""
                table.add_row(label, plain(nothing_head(phase, lang), "dim"), "", note)
                continue
            why = _choice_text(console, result, phase, lang)
            table.add_row(label, _name_and_id(choice.method, lang), f"{choice.score} %", why)
        console.print(table)
        return
    console.print(title)
    for phase in track.phases:
        choice = phase.choice
        console.print(Text(phase_label(dataset, phase.phase, lang), style="bold underline"))
        if choice is None:
            console.print(plain(nothing_text(dataset, phase, lang), "dim"))
            continue
        console.print(
            Text.assemble(plain(choice.method.name.get(lang), "bold"), f"  {choice.score} %")
        )
        console.print(Padding(_choice_text(console, result, phase, lang), (0, 0, 0, 2)))


def _choice_text(
    console: Console, result: PlanResult, phase: PlanPhase, lang: Lang, work: bool = True
) -> Text:
    """A phase's choice: why it was chosen, what it does here, its reasons at a glance, its
    safeguards, whom it hears directly, and what else was close."""
    dataset = result.dataset
    choice = phase.choice
    assert choice is not None
    text = Text()
    if phase.why:
        text.append(f"{t('why_chosen', lang).capitalize()}: ", style="bold")
        text.append(safe(why_chosen_sentences(dataset, phase, lang)))
        text.append("\n")
    if work and phase.work is not None:
        text.append(f"{t('does_here', lang).capitalize()}: ", style="bold")
        text.append_text(_sourced(dataset, "", phase.work, lang))
        text.append("\n")
    if work:  # in a case, each step says its own
        for adapted in phase.adapted:
            text.append(f"{t('for_this_work', lang)}: ", style="bold")
            text.append_text(_sourced(dataset, "", adapted, lang))
            text.append("\n")
    text.append_text(_guarded(_brief(console, dataset, choice, lang), choice, result, lang))
    if phase.hearing:
        text.append(f"\n{t('heard_directly', lang).capitalize()}: ", style="bold")
        text.append(safe(heard_text(dataset, phase, lang)))
        for heading, how in heard_how_lines(dataset, phase, lang):
            text.append(f"\n{heading.capitalize()}: ", style="bold")
            text.append(safe(how))
    close = phase.methods[1:]
    if close:
        names = ", ".join(
            (f"{_mark(console, 'warn')} " if r.warnings else "")
            + f"{r.method.name.get(lang)} {r.score} %"
            for r in close
        )
        text.append(f"\n{t('plan_close', lang)}: ", style="dim")
        text.append(safe(names), style="dim")
    return text


def _print_explanation(
    console: Console, result: RecommendResult, explained: Explanation, lang: Lang
) -> None:
    dataset, answers = result.dataset, result.answers
    parts: list[RenderableType] = [plain(explanation_text(dataset, explained, answers, lang))]
    first = explained.first
    if first is not None and first.method.id != explained.method.id:
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False)
        table.add_column(t("explain_table", lang), style="bold")
        table.add_column(plain(explained.method.id, "cyan"))
        table.add_column(plain(first.method.id, "cyan"))
        mine = best_fits(dataset, explained.method, answers)
        theirs = best_fits(dataset, first.method, answers)
        for (key, value, weight), (_, first_value, first_weight) in zip(mine, theirs, strict=True):
            question = dataset.question(key)
            table.add_row(
                plain(question.label.get(lang)),
                _fit_cell(console, question, value, weight, dataset.max_weight, lang),
                _fit_cell(console, question, first_value, first_weight, dataset.max_weight, lang),
            )
        parts += [Text(""), table]
    title = Text.assemble(
        t("why", lang).capitalize() + ": ", plain(explained.method.name.get(lang))
    )
    console.print(Panel(Group(*parts), title=title, title_align="left"))


def _fit_cell(
    console: Console, question: Question, value: str, weight: int, top: int, lang: Lang
) -> Text:
    if not weight:
        return plain(t("nothing_fits", lang), "dim")
    label = question.value_label(value, lang)
    return Text.assemble((_weight_bar(console, weight, top) + " ", "green"), plain(label))


# -- validate ------------------------------------------------------------------


def print_validate(console: Console, result: Validation, lang: Lang) -> None:
    """A dataset that passed validation (a failing one is an error on stderr: edge.py)."""
    ok = t("dataset_ok", lang, methods=result.methods)
    console.print(Text.assemble(plain(result.file, "bold"), ": ", (ok, "green")))


# -- questions ---------------------------------------------------------------------

MAIN_ALIASES = 2  # aliases per language a table shows; the JSON has them all


def print_questions(console: Console, result: QuestionList, lang: Lang) -> None:
    """Every question with its option and the values it takes, in both languages."""
    dataset = result.dataset
    for number, question in enumerate(dataset.questions, start=1):
        if number > 1:
            console.print()
        how = t("several" if question.multiple else "one", lang)
        console.print(
            Text.assemble(
                (f"{number}. {safe(question.prompt.get(lang))}", "bold"),
                "  ",
                (flags_of(question), "cyan"),
                (f"  ({how})", "dim"),
            )
        )
        rows = [
            (
                plain(v.slug, "cyan"),
                plain(v.label.fi),
                plain(v.label.en),
                plain(", ".join(main_aliases(v)), "dim"),
            )
            for v in question.values
        ]
        # Each column at least as wide as its longest word, so that no word is cut; where
        # the terminal is narrower than that, each value stacked on lines of its own.
        widths = [max(_longest_word(row[i].plain) for row in rows) for i in range(4)]
        if _wide(console) and sum(widths) + QUESTION_PADDING * len(widths) <= console.width:
            table = Table(box=None, padding=(0, 1, 0, 2), expand=True, show_edge=False)
            table.add_column(t("value", lang), no_wrap=True)  # a slug is never cut
            for header, width in zip(("label_fi", "label_en", "aliases"), widths[1:], strict=True):
                # With a ratio, rich reads `width` as the column's least width.
                table.add_column(
                    t(header, lang), ratio=2 if header == "aliases" else 1, width=width
                )
            for row in rows:
                table.add_row(*row)
            console.print(table)
        else:
            for slug, fi, en, aliases in rows:
                console.print(Text.assemble("  ", slug, " ", fi, " / ", en))
                if aliases.plain:
                    console.print(Padding(aliases, (0, 0, 0, 4)))
    console.print()
    console.print(plain(t("questions_use", lang), "dim"))


QUESTION_PADDING = 3  # the questions table's padding around a column (left 2, right 1)


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def main_aliases(value: Value) -> list[str]:
    """A value's first aliases in each language that its slug and labels do not say."""
    seen = {name.casefold() for name in (value.slug, *value.label)}
    out = []
    for names in (value.aliases.fi, value.aliases.en):
        fresh = [name for name in names if name.casefold() not in seen]
        seen.update(name.casefold() for name in fresh)
        out += fresh[:MAIN_ALIASES]
    return out


# -- the questionnaire ------------------------------------------------------------


class QuestionnaireScreen:
    """Where the questionnaire shows its questions and reads the answers (questionnaire.Screen)."""

    def __init__(self, console: Console, read: Callable[[str], str]) -> None:
        self.console = console
        self.read = read

    def ask(self, number: int, total: int, question: Question, lang: Lang) -> None:
        console = self.console
        console.print()
        console.print(Text(f"{number}/{total}  {safe(question.prompt.get(lang))}", style="bold"))
        for index, value in enumerate(question.values, start=1):
            other = value.label.fi if lang == "en" else value.label.en
            console.print(
                Text.assemble(
                    (f"  {index:>2}) ", "cyan"),
                    safe(value.label.get(lang)),
                    (f"  ({safe(other)})" if other != value.label.get(lang) else "", "dim"),
                )
            )
        hint = "skip_hint" if question.multiple else "skip_hint_single"
        console.print(Text(t(hint, lang), style="dim"))

    def problem(self, text: str) -> None:
        self.console.print(plain(text, "yellow"))

    def confirm(self, question: Question, understood: list[tuple[str, str]], lang: Lang) -> None:
        """What the answer was understood as: "hoivakodissa → services for older people"."""
        if not understood:
            self.console.print(Text(f"  – {t('skipped', lang)}", style="dim"))
            return
        for typed, slug in understood:
            lacked = question.resources and slug.startswith(LACK_MARK)
            label = question.value_label(slug.removeprefix(LACK_MARK) if lacked else slug, lang)
            self.console.print(
                Text.assemble(
                    ("  ✓ " if not self.console.options.ascii_only else "  + ", "green"),
                    plain(typed),
                    " → ",
                    plain(label, "bold"),
                    (f" ({t('have_no', lang)})" if lacked else "", "yellow"),
                )
            )

    def reading(self, dataset: Dataset, answers: Answers, lang: Lang) -> None:
        """What the description was read to say, then every question numbered with its
        answer now, for the planner to accept or correct (questionnaire.check_reading)."""
        console = self.console
        console.print()
        console.print(
            Panel(
                _understood(dataset, answers, lang),
                title=Text(t("check_title", lang)),
                title_align="left",
            )
        )
        for number, question in enumerate(dataset.questions, start=1):
            if question.resources:
                given = [
                    f"{question.value_label(slug, lang)} ({t('have_' + have, lang)})"
                    for slug, have in answers.resources.items()
                ]
            else:
                given = [question.value_label(slug, lang) for slug in answers.get(question.key)]
            console.print(
                Text.assemble(
                    (f"  {number:>2}) ", "cyan"),
                    (safe(question.label.get(lang)) + ": ", "bold"),
                    safe(", ".join(given)) if given else (t("unanswered", lang), "dim"),
                )
            )
        console.print(Text(t("check_hint", lang), style="dim"))

    def done(self) -> None:
        self.console.print()
