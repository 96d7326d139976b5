"""One function per command: everything a command does, from its inputs to its result.

Scripts and tests call these as the CLI does; the CLI only parses options, calls
one of these and hands the result to `present.py`. Nothing here prints.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from . import answers as answer_reading
from . import catalogue, planning, scoring
from . import search as method_search
from .batch import BatchInput, LineResult, line_answers
from .dataset import check_file, load_dataset
from .errors import DataError, UsageError, Words
from .files import (
    STDOUT_NAME,
    check_output,
    create_file,
    dataset_file,
    format_of_name,
    output_format,
)
from .i18n import both
from .lookup import find_method, resolve_value
from .model import (
    Answers,
    Bilingual,
    ChecklistItem,
    Comparison,
    Dataset,
    Explanation,
    Handout,
    Lang,
    Method,
    MethodCard,
    MethodList,
    NewFile,
    PlanResult,
    QuestionList,
    Ranking,
    RecommendResult,
    SearchResult,
    Validation,
)
from .records import Record
from .template import starter

EXPORT_FORMATS = ("markdown", "html", "json")
OVERVIEW_FORMATS = ("markdown", "html")  # a page to print
SEARCH_TOP = 10  # hits search shows unless --top says otherwise
QUESTIONNAIRE_TOP = 5  # rows the table shows after the questionnaire; a note counts the rest
MEMO_FORMATS = ("markdown", "html")
PHASE = "phase"  # the question whose values are the phases of a plan
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ARENAS = "arenas"  # the framework of THL's arenas of participation
CHECKLIST_METHODS = 3  # recommend lists what its first three methods take

# Asks the questions in a terminal; the chosen slugs by question key.
Ask = Callable[[Dataset], Mapping[str, Sequence[str]]]
# Shows what a description was read to say and lets the planner correct it.
Check = Callable[[Dataset, Answers], Answers]


def list_methods(
    data: str | None, target_groups: Sequence[str] = (), settings: Sequence[str] = ()
) -> MethodList:
    """The catalogue, only the methods for these groups and services when given."""
    dataset = load_dataset(data)
    return MethodList(dataset, catalogue.filter_methods(dataset, target_groups, settings))


def show_method(data: str | None, name: str) -> MethodCard:
    """The method an id, name or alias means, in full."""
    dataset = load_dataset(data)
    return MethodCard(dataset, find_method(dataset, name))


def compare_methods(data: str | None, names: Sequence[str]) -> Comparison:
    """Two or more methods side by side."""
    dataset = load_dataset(data)
    return Comparison(dataset, catalogue.pick_for_compare(dataset, names))


def search(data: str | None, query: str, lang: Lang, top: int) -> SearchResult:
    """The methods whose text matches the query, best first."""
    if not query.strip():
        raise UsageError(both("search_empty"))
    dataset = load_dataset(data)
    return SearchResult(query, method_search.search_methods(dataset, query, lang)[:top])


class MemoRequest(Record):
    """Where to write a memo for the planning meeting, and in which format."""

    output: str | None = None
    format: str | None = None  # markdown or html; default from the file's extension

    def checked(self, dataset: Path) -> tuple[str | None, str]:
        """The output file, checked before any work (and never the dataset), and its format."""
        if self.output is None:
            if self.format is not None:
                raise UsageError(both("memo_format_needs_output"))
            return None, ""
        if self.output != STDOUT_NAME:
            refuse_pdf(self.output)
            check_output(self.output, dataset)
        return self.output, output_format(self.output, self.format, MEMO_FORMATS)


NO_MEMO = MemoRequest()


def refuse_pdf(output: str) -> None:
    """A file named .pdf would get Markdown or HTML inside: the tool writes no PDF, so it
    says how to make one (print the HTML from a browser)."""
    path = Path(output)
    if path.suffix.lower() == ".pdf":
        html = str(path.with_suffix(".html"))
        raise UsageError(both("no_pdf", output=output, html=html))


class AnswerInput(Record):
    """What a planner gave on the command line: answers by question key, text, a file
    (or, in a batch, one line's answers, already read)."""

    flags: Mapping[str, Sequence[str] | bool | None]
    describe: str | None = None
    answers_file: str | None = None
    pairs: Sequence[str] = ()  # KEY=VALUE, for any question
    file_answers: Mapping[str, Any] | None = None  # as read from an answers file


def read_answers(dataset: Dataset, given: AnswerInput) -> Answers:
    """The planner's answers as canonical slugs: flags over the file over the description."""
    from_file = given.file_answers
    if given.answers_file is not None:
        from_file = answer_reading.read_answers_file(given.answers_file)
    flags = answer_reading.with_pairs(dataset, given.flags, given.pairs)
    return answer_reading.build_answers(dataset, flags, given.describe, from_file)


def recommend(
    data: str | None,
    given: AnswerInput,
    top: int | None = None,
    explain: Sequence[str] = (),
    ask: Ask | None = None,
    rerun_prefix: Sequence[str] = ("osallisuus",),
    memo: MemoRequest = NO_MEMO,
    check: Check | None = None,
) -> RecommendResult:
    """Rank the methods for the answers, with reasons and warnings, and explain the
    methods named in `explain` (ranked or left out).

    With no answers at all, `ask` is asked for them (the questionnaire); without it that
    is a usage error. The result then carries the answers as a command line to rerun,
    starting with `rerun_prefix`. With `memo.output`, the result goes to that file.
    What a description was read to say goes to `check` first, for the planner to correct.
    """
    output, memo_format = memo.checked(dataset_file(data).path)
    dataset = load_dataset(data)
    result = recommend_for(dataset, given, top, explain, ask, rerun_prefix, memo, check)
    return result._replace(output=output, memo_format=memo_format)


def recommend_for(
    dataset: Dataset,
    given: AnswerInput,
    top: int | None = None,
    explain: Sequence[str] = (),
    ask: Ask | None = None,
    rerun_prefix: Sequence[str] = ("osallisuus",),
    memo: MemoRequest = NO_MEMO,
    check: Check | None = None,
) -> RecommendResult:
    """`recommend` on a dataset already loaded, its memo not yet written (a batch runs
    this once a line)."""
    answers = _checked(dataset, read_answers(dataset, given), check)
    rerun, table_top = None, None
    if answers.is_empty():
        answers = _ask(dataset, ask)
        rerun = answer_reading.to_command(dataset, answers, rerun_prefix)
        rerun = _with_run_options(rerun, top, explain, memo)
        table_top = QUESTIONNAIRE_TOP if top is None else None
    return rank(dataset, answers, top, explain)._replace(rerun=rerun, table_top=table_top)


def rank(
    dataset: Dataset, answers: Answers, top: int | None = None, explain: Sequence[str] = ()
) -> RecommendResult:
    """The ranked methods for answers already read, the text relevance included, why
    each method named in `explain` ranks where it does, and what the first ones take."""
    ranking = scoring.rank(dataset, answers, answers.relevance, answers.named)
    explained = tuple(_explanation(dataset, ranking, name) for name in explain)
    results = ranking.results if top is None else ranking.results[:top]
    firsts = [r for r in results if not r.warnings][:CHECKLIST_METHODS]
    checklist = readiness(answers, [r.method for r in firsts])
    return RecommendResult(dataset, answers, results, ranking.left_out, explained, None, checklist)


def readiness(answers: Answers, methods: Sequence[Method]) -> tuple[ChecklistItem, ...]:
    """What the methods take, each once: their needs, each met, unmet (the answers say it
    is missing) or to check, and their preconditions."""
    items: list[ChecklistItem] = []
    for method in methods:
        for need in scoring.needs_of(method, answers):
            unmet = need.status == "unmet"
            item = ChecklistItem(method, need.resource, need.why, need.source, unmet, need.status)
            items.append(item)
        needed = {need.resource for need in method.requirements}
        # a precondition of the kind of a need says the need again, from another source
        items += [
            ChecklistItem(method, p.kind, p.why, p.source)
            for p in method.preconditions
            if p.kind not in needed
        ]
    return tuple(items)


def plan(
    data: str | None,
    given: AnswerInput,
    ask: Ask | None = None,
    rerun_prefix: Sequence[str] = ("osallisuus",),
    memo: MemoRequest = NO_MEMO,
    check: Check | None = None,
    today: date | None = None,
) -> PlanResult:
    """A participation plan for the answers (planning.py): a case track for work on one
    client's or family's case, a development track across the phases of the work
    (`--phase`, repeatable; default the dataset's plan_phases), or both; each choice with
    why, what else was close, the readiness checklist of the whole plan, and how the
    participants hear what was done with their views. With `today`, a deadline described
    gets a first schedule of dates."""
    output, memo_format = memo.checked(dataset_file(data).path)
    result = plan_for(load_dataset(data), given, ask, rerun_prefix, memo, check, today)
    return result._replace(output=output, memo_format=memo_format)


def plan_for(
    dataset: Dataset,
    given: AnswerInput,
    ask: Ask | None = None,
    rerun_prefix: Sequence[str] = ("osallisuus",),
    memo: MemoRequest = NO_MEMO,
    check: Check | None = None,
    today: date | None = None,
) -> PlanResult:
    """`plan` on a dataset already loaded, its memo not yet written (a batch runs this
    once a line)."""
    phase_question = dataset.question(PHASE)
    asked_phases = given.flags.get(PHASE)
    phases = (
        tuple(dict.fromkeys(resolve_value(phase_question, p) for p in asked_phases))
        if _phases_named(asked_phases) and isinstance(asked_phases, Sequence)
        else dataset.scoring.plan_phases
    )
    without_phase = given._replace(flags={**given.flags, PHASE: None})
    answers = _checked(dataset, read_answers(dataset, without_phase), check)
    rerun = None
    if answers.is_empty():
        answers = _ask(dataset, ask, "plan")
        rerun = answer_reading.to_command(dataset, answers, rerun_prefix).replace(
            " recommend", " plan", 1
        )
        rerun = _with_run_options(rerun, None, (), memo)
        if phases != dataset.scoring.plan_phases and not answers.get(PHASE):
            rerun += " " + shlex.join([word for p in phases for word in ("--phase", p)])
    answers = answers._replace(choices={**answers.choices, PHASE: ()})
    built = planning.build(dataset, answers, phases, _phases_named(asked_phases), today)
    picks = list(
        {
            p.choice.method.id: p.choice.method
            for track in built.tracks
            for p in track.phases
            if p.choice
        }.values()
    )
    arenas = tuple(
        dict.fromkeys(pl.value for m in picks for pl in m.placements if pl.framework == ARENAS)
    )
    levels = tuple(dict.fromkeys(m.values_for("level")[0] for m in picks if m.values_for("level")))
    checklist = readiness(answers, picks)
    development = next((t for t in built.tracks if t.track == "development"), None)
    return PlanResult(
        dataset,
        answers,
        development.phases if development else (),
        checklist,
        arenas,
        levels,
        rerun,
        None,  # the memo's file and format: plan() adds them
        "",
        built.tracks,
        built.feeds,
        built.not_heard,
        built.close_the_loop,
        built.timing,
        built.asked,
    )


class BatchRequest(Record):
    """`recommend --batch` or `plan --batch`: where the lines come from (- for standard input),
    and what the command line gives every line (its flags win over a line's answers)."""

    command: str  # recommend or plan
    source: str
    given: AnswerInput
    top: int | None = None
    explain: Sequence[str] = ()
    memo: MemoRequest = NO_MEMO
    today: date | None = None  # a plan's schedule counts from it


def batch(data: str | None, request: BatchRequest) -> Iterator[LineResult]:
    """Each line's result, in order: the command run on the line's answers as `--answers`
    would read them, or the error of a line that cannot be used; the batch goes on.

    The dataset is loaded, the --explain names found and the input opened before any line
    (their errors end the batch); then a line is read only when the one before is done.
    """
    if request.given.answers_file is not None:
        raise UsageError(both("batch_and_answers"))
    if request.memo != NO_MEMO:
        raise UsageError(both("batch_and_memo"))
    dataset = load_dataset(data)
    for name in request.explain:
        find_method(dataset, name)
    return _batch_lines(dataset, request, BatchInput(request.source))


def _batch_lines(
    dataset: Dataset, request: BatchRequest, lines: BatchInput
) -> Iterator[LineResult]:
    try:
        for line in lines:
            try:
                answers = line_answers(lines, line)
                if answers is None:
                    continue  # a blank line
                given = request.given._replace(file_answers=answers)
                result: RecommendResult | PlanResult = (
                    plan_for(dataset, given, today=request.today)
                    if request.command == "plan"
                    else recommend_for(dataset, given, request.top, request.explain)
                )
            except (UsageError, DataError) as exc:
                yield LineResult(line.number, exc)
            else:
                yield LineResult(line.number, result)
    finally:
        lines.close()


def _phases_named(asked: object) -> bool:
    """Whether `--phase` named the phases (a list of them, not empty)."""
    return isinstance(asked, Sequence) and not isinstance(asked, str) and bool(asked)


def _with_run_options(
    command: str, top: int | None, explain: Sequence[str], memo: MemoRequest
) -> str:
    """The questionnaire's command line with the run's own options, so that it reproduces
    the run (issue 24: --top and a memo were lost; cli adds --json to the prefix)."""
    extra = ["--top", str(top)] if top is not None else []
    for name in explain:
        extra += ["--explain", name]
    if memo.output is not None:
        extra += ["--output", memo.output]
    if memo.format is not None:
        extra += ["--format", memo.format]
    return f"{command} {shlex.join(extra)}" if extra else command


def _checked(dataset: Dataset, answers: Answers, check: Check | None) -> Answers:
    """The answers as the planner accepts them: a description's reading goes to `check`."""
    if check is None or not answers.describe or not answers.describe.strip():
        return answers
    return check(dataset, answers)


def _ask(dataset: Dataset, ask: Ask | None, command: str = "recommend") -> Answers:
    if ask is None:
        raise UsageError(both("no_terminal", command=command))
    return answer_reading.build_answers(dataset, ask(dataset))


def _explanation(dataset: Dataset, ranking: Ranking, name: str) -> Explanation:
    method = find_method(dataset, name)
    result = next((r for r in ranking.results if r.method.id == method.id), None)
    left_out = next((o for o in ranking.left_out if o.method.id == method.id), None)
    first = ranking.results[0] if ranking.results else None
    return Explanation(method, result, left_out, first, len(ranking.results))


class ExportRequest(Record):
    """What `export` was asked for: a format, a file (- for stdout), JSON, the overview."""

    format: str | None = None  # markdown, html or json; default from the file's extension
    output: str | None = None
    as_json: bool = False
    overview: bool = False


def export(data: str | None, request: ExportRequest, names: Sequence[str] = ()) -> Handout:
    """The methods to hand out (all, or the ones named) and the checked format: --format,
    --json or the file's extension, which must not contradict each other."""
    output = None if request.output == STDOUT_NAME else request.output
    if output is not None:
        refuse_pdf(output)
        check_output(output, dataset_file(data).path)  # before any work, and never the dataset
    allowed = OVERVIEW_FORMATS if request.overview else EXPORT_FORMATS
    if request.as_json:
        if request.overview:
            raise UsageError(both("overview_not_json"))
        chosen = _json_format(request.format, output)
    else:
        chosen = output_format(output, request.format, allowed)
    dataset = load_dataset(data)
    methods = catalogue.pick_methods(dataset, names) if names else dataset.methods
    return Handout(dataset, methods, chosen, output, request.overview)


def _json_format(fmt: str | None, output: str | None) -> str:
    """--json, checked against --format and the file's extension."""
    if fmt is not None and fmt.strip().lower() != "json":
        raise UsageError(both("json_contradicts_format", format=fmt))
    by_suffix = format_of_name(output)
    if by_suffix is not None and by_suffix != "json":
        raise UsageError(both("json_contradicts_file", output=output, by_suffix=by_suffix))
    return "json"


def questions(data: str | None) -> QuestionList:
    """Every question the dataset asks, with the values it takes."""
    return QuestionList(load_dataset(data))


def validate(path: str | None) -> Validation:
    """A dataset file checked: how many methods it holds, or every problem found."""
    file, problems = check_file(path)
    if problems:
        return Validation(file, None, problems)
    return Validation(file, len(load_dataset(file).methods))  # a cache hit: check_file cached it


def invalid(result: Validation, listed: bool) -> DataError:
    """The error a failed validation ends with: every problem, or only the first when the
    JSON document on stdout lists them all (`listed`)."""
    problems = result.problems
    if listed:
        more = both("validate_more", count=len(problems) - 1) if len(problems) > 1 else None
        return DataError(
            both("validate_listed", problem=problems[0], more=Bilingual(*more) if more else "")
        )
    head = both(
        "validate_problem" if len(problems) == 1 else "validate_problems",
        file=result.file,
        count=len(problems),
    )
    listing = "".join(f"\n  {p}" for p in problems)
    return DataError(Words(head.fi + listing, head.en + listing))


def new_method(method_id: str, output: str | None = None) -> NewFile:
    """Write the commented starter file for one new method; never over an existing file."""
    if not re.fullmatch(SLUG, method_id):
        raise UsageError(both("not_an_id", given=repr(method_id)))
    name = output or f"{method_id}.yaml"
    return NewFile(create_file(name, starter(method_id, name)), method_id)
