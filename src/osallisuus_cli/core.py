"""One function per command: everything a command does, from its inputs to its result.

Scripts and tests call these as the CLI does; the CLI only parses options, calls
one of these and hands the result to `present.py`. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from . import answers as answer_reading
from . import catalogue, scoring
from .dataset import check_file, load_dataset
from .errors import DataError, UsageError
from .files import check_output
from .lookup import find_method
from .model import (
    Answers,
    Comparison,
    Dataset,
    Explanation,
    Handout,
    Lang,
    MethodCard,
    MethodList,
    Ranking,
    RecommendResult,
    SearchResult,
    Validation,
)
from .search import search_methods

EXPORT_FORMATS = ("markdown", "html", "json")

# Asks the questions in a terminal; the chosen slugs by question key.
Ask = Callable[[Dataset], Mapping[str, Sequence[str]]]


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
        raise UsageError("The search query is empty; give a word such as sadutus.")
    dataset = load_dataset(data)
    return SearchResult(query, search_methods(dataset, query, lang)[:top])


class AnswerInput(NamedTuple):
    """What a planner gave on the command line: answers by question key, text, a file."""

    flags: Mapping[str, Sequence[str] | bool | None]
    describe: str | None = None
    answers_file: str | None = None
    pairs: Sequence[str] = ()  # KEY=VALUE, for any question


def read_answers(dataset: Dataset, given: AnswerInput) -> Answers:
    """The planner's answers as canonical slugs: flags over the file over the description."""
    from_file = (
        answer_reading.read_answers_file(given.answers_file)
        if given.answers_file is not None
        else None
    )
    flags = answer_reading.with_pairs(dataset, given.flags, given.pairs)
    return answer_reading.build_answers(dataset, flags, given.describe, from_file)


def recommend(
    data: str | None,
    given: AnswerInput,
    top: int | None = None,
    explain: Sequence[str] = (),
    ask: Ask | None = None,
    rerun_prefix: Sequence[str] = ("osallisuus",),
) -> RecommendResult:
    """Rank the methods for the answers, with reasons and warnings, and explain the
    methods named in `explain` (ranked or left out).

    With no answers at all, `ask` is asked for them (the questionnaire); without it that
    is a usage error. The result then carries the answers as a command line to rerun,
    starting with `rerun_prefix`.
    """
    dataset = load_dataset(data)
    answers = read_answers(dataset, given)
    if not answers.is_empty():
        return rank(dataset, answers, top, explain)
    if ask is None:
        raise UsageError(
            "No answers given and no terminal to ask in; give flags such as -t children, "
            "--describe TEXT or --answers FILE (see 'osallisuus recommend --help')."
        )
    answers = answer_reading.build_answers(dataset, ask(dataset))
    rerun = answer_reading.to_command(dataset, answers, rerun_prefix)
    return rank(dataset, answers, top, explain)._replace(rerun=rerun)


def rank(
    dataset: Dataset, answers: Answers, top: int | None = None, explain: Sequence[str] = ()
) -> RecommendResult:
    """The ranked methods for answers already read, the text relevance included, and why
    each method named in `explain` ranks where it does."""
    ranking = scoring.rank(dataset, answers, answers.relevance, answers.named)
    explained = tuple(_explanation(dataset, ranking, name) for name in explain)
    results = ranking.results if top is None else ranking.results[:top]
    return RecommendResult(dataset, answers, results, ranking.left_out, explained)


def _explanation(dataset: Dataset, ranking: Ranking, name: str) -> Explanation:
    method = find_method(dataset, name)
    result = next((r for r in ranking.results if r.method.id == method.id), None)
    left_out = next((o for o in ranking.left_out if o.method.id == method.id), None)
    first = ranking.results[0] if ranking.results else None
    return Explanation(method, result, left_out, first, len(ranking.results))


def export(
    data: str | None, fmt: str, names: Sequence[str] = (), output: str | None = None
) -> Handout:
    """The methods to hand out (all, or the ones named) and the checked format."""
    if output is not None:
        check_output(output)
    chosen = fmt.strip().lower()
    if chosen not in EXPORT_FORMATS:
        raise UsageError(
            f"Unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.", EXPORT_FORMATS
        )
    dataset = load_dataset(data)
    methods = catalogue.pick_methods(dataset, names) if names else dataset.methods
    return Handout(dataset, methods, chosen, output)


def validate(path: str | None) -> Validation:
    """A dataset file that passes validation; DataError listing every problem otherwise."""
    file, problems = check_file(path)
    if problems:
        raise DataError(
            f"{file}: {len(problems)} problem{'s' if len(problems) != 1 else ''}:\n"
            + "\n".join(f"  {p}" for p in problems),
        )
    return Validation(file, len(load_dataset(file).methods))  # a cache hit: check_file cached it
