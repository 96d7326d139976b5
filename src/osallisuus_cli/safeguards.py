"""Which safeguards a method needs: for the planner's answers, or every one it can need.

The rules are the dataset's `safeguards` (schema.SAFEGUARD): each applies in any of its
cases, a case naming the methods it concerns (none: any method) and, by question, the
answers that bring it in (none: always), or the answers it keeps to (`only`,
`if_answered`) or stays out of (`outside`: where another act applies). This module only
reads them.
"""

from __future__ import annotations

from .model import AnswerRef, Answers, Dataset, Method, Safeguard, SafeguardCase, grouped_refs
from .records import Record
from .textanalysis import per_object, remembered

Grouped = tuple[tuple[str, frozenset[str]], ...]  # (question, its values), questions in order


class _Case(Record):
    """A case's answers grouped by question (SafeguardCase), ready to check."""

    answers: Grouped
    only: Grouped
    if_answered: Grouped
    outside: Grouped
    adult_from: int | None  # a case for minors: not when every age given is at least this
    risks: frozenset[str]  # one of them named, when there are any
    # The methods it names (none: any), as a set: a case of a large catalogue may name
    # thousands, and finding each method in a tuple made the run quadratic (recommend
    # --json on 4,000 methods: 1,444 -> 1,004 ms, interleaved A/B of 9 runs each).
    methods: frozenset[str]

    def involves(self, method_id: str) -> bool:
        """Whether the case can concern this method (SafeguardCase.involves)."""
        return not self.methods or method_id in self.methods

    @classmethod
    def of(cls, case: SafeguardCase, adult_from: int | None) -> _Case:
        def group(refs: tuple[AnswerRef, ...]) -> Grouped:
            return tuple((q, frozenset(values)) for q, values in grouped_refs(refs).items())

        return cls(
            group(case.answers),
            group(case.only),
            group(case.if_answered),
            group(case.outside),
            adult_from if case.minors else None,
            frozenset(case.risks),
            frozenset(case.methods),
        )


Concerning = tuple[tuple[Safeguard, tuple[tuple[SafeguardCase, _Case], ...]], ...]


# Safeguards are found fast in two ways, both here. A method's safeguards are computed once
# per set of answers: a plan's document asks for a method's safeguards in every phase and
# track it stands in (`plan --batch` of 200 situations: 1,792 -> 1,602 ms, median of 7).
# And the safeguards that can concern a method, each with its cases grouped into sets, are
# found once a dataset and method, not for every set of answers: `plan --batch` of the
# benchmark's 1,000 situations spends about 125 ms less a run (in process, median of 6
# with and without). The answers in the first memo's key are those that decide it: the
# questions the method's cases name (`_asked`), so that the lines of a batch that differ
# only in others share an entry (`plan --batch` of the benchmark's first 200 situations:
# 2,489 -> 2,453 M instructions, callgrind; `_holds` runs 48,287 times for its 1,000
# where it ran 89,119).
MEMO_ENTRIES = 512  # a batch of many different situations keeps no more than this


@per_object
def _memo(
    dataset: Dataset,
) -> dict[
    tuple[
        str,
        tuple[tuple[str, tuple[str, ...]], ...],
        tuple[tuple[str, str], ...],
        tuple[int, ...],
        tuple[str, ...],
    ],
    tuple[Safeguard, ...],
]:
    return {}


@per_object
def _by_method(dataset: Dataset) -> dict[str, Concerning]:
    return {}  # method id -> its safeguards and their cases, filled as methods are asked for


@per_object
def _cases(dataset: Dataset) -> Concerning:
    ages = dataset.language.ages
    adult_from = ages.adult_from if ages is not None else None
    return tuple(
        (g, tuple((c, _Case.of(c, adult_from)) for c in g.when)) for g in dataset.safeguards
    )


def _concerning(dataset: Dataset, method: Method) -> Concerning:
    """The safeguards that can concern the method, each with its cases that do, each case
    grouped once a dataset."""

    def find() -> Concerning:
        concern = (
            (g, tuple(pair for pair in cases if pair[1].involves(method.id)))
            for g, cases in _cases(dataset)
        )
        return tuple((g, cases) for g, cases in concern if cases)

    return remembered(_by_method(dataset), method.id, find)


@per_object
def _asked_by_method(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    return {}  # method id -> the questions its cases read, filled as methods are asked for


def _asked(dataset: Dataset, method: Method) -> tuple[str, ...]:
    """The questions whose answers decide which safeguards the method needs: those its
    cases name (`_holds` reads no other answer)."""

    def find() -> tuple[str, ...]:
        return tuple(
            sorted(
                {
                    question
                    for _, cases in _concerning(dataset, method)
                    for _, ready in cases
                    for grouped in (ready.answers, ready.only, ready.if_answered, ready.outside)
                    for question, _ in grouped
                }
            )
        )

    return remembered(_asked_by_method(dataset), method.id, find)


def of_age(dataset: Dataset, answers: Answers) -> bool:
    """Whether the description gives the ages of those taking part and every one is at
    least the age of majority (`language.ages.adult_from`)."""
    ages = dataset.language.ages
    adult_from = ages.adult_from if ages is not None else None
    return _all_from(answers, adult_from)


def _all_from(answers: Answers, adult_from: int | None) -> bool:
    return adult_from is not None and bool(answers.ages) and min(answers.ages) >= adult_from


def _holds(case: _Case, answers: Answers) -> bool:
    """Whether a case that concerns the method applies for these answers: for every
    question it names the answers hold one of its values, the answers lie wholly among its
    `only` values and not wholly among its `outside` values, and a question answered holds
    one of its `if_answered` values; a case for minors holds unless the description gives
    the ages of those taking part and every one is of age; a case naming risks holds only
    when the description names one of them."""
    if _all_from(answers, case.adult_from):
        return False
    if case.risks and case.risks.isdisjoint(answers.risks):
        return False
    for question, values in case.answers:
        if values.isdisjoint(answers.get(question)):
            return False
    for question, values in case.only:
        given = answers.get(question)
        if not given or not values.issuperset(given):
            return False
    for question, values in case.if_answered:
        given = answers.get(question)
        if given and values.isdisjoint(given):
            return False
    for question, values in case.outside:
        given = answers.get(question)
        if given and values.issuperset(given):
            return False
    return True


def case_holds(dataset: Dataset, case: SafeguardCase, answers: Answers, method_id: str) -> bool:
    """Whether a case of the dataset's kind (a safeguard's, a case step's adaptation) holds
    for these answers and this method."""
    ages = dataset.language.ages
    checked = _Case.of(case, ages.adult_from if ages else None)
    return checked.involves(method_id) and _holds(checked, answers)


def safeguards_for(dataset: Dataset, method: Method, answers: Answers) -> tuple[Safeguard, ...]:
    """The safeguards the method needs for these answers, in the dataset's order; one whose
    resource the answers say is lacking (no interpreter) is marked so (`lacking`): it is
    still needed, and the plan says it is not there."""
    return remembered(
        _memo(dataset),
        (
            method.id,
            tuple((question, answers.get(question)) for question in _asked(dataset, method)),
            tuple(sorted(answers.resources.items())),
            answers.ages,
            answers.risks,
        ),
        lambda: tuple(
            g._replace(lacking=True) if g.resource and answers.has(g.resource) == "no" else g
            for g, cases in _concerning(dataset, method)
            if any(_holds(ready, answers) for _, ready in cases)
        ),
        MEMO_ENTRIES,
    )


def possible_safeguards(
    dataset: Dataset, method: Method
) -> tuple[tuple[Safeguard, tuple[SafeguardCase, ...]], ...]:
    """Every safeguard the method can need, each with the cases in which it does; not the
    cases only a situation brings in (`SafeguardCase.situational`)."""
    found = (
        (g, tuple(case for case, _ in cases if not case.situational()))
        for g, cases in _concerning(dataset, method)
    )
    return tuple((g, cases) for g, cases in found if cases)
