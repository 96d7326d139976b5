"""Which safeguards a method needs: for the planner's answers, or every one it can need.

The rules are the dataset's `safeguards` (schema.SAFEGUARD): each applies in any of its
cases, a case naming the methods it concerns (none: any method) and, by question, the
answers that bring it in (none: always), or the answers it keeps to (`only`,
`if_answered`) or stays out of (`outside`: where another act applies). This module only
reads them.
"""

from __future__ import annotations

from functools import cache

from .model import AnswerRef, Answers, Dataset, Method, Safeguard, SafeguardCase, grouped_refs
from .textanalysis import per_object

# A plan's document asks for a method's safeguards in every phase and track it stands in:
# each method's are computed once per set of answers, and each case's answers grouped once.
# `plan --batch` of 200 situations: 1,792 -> 1,602 ms (median of 7, this module the one
# place of the trick).
MEMO_ENTRIES = 512  # a batch of many different situations keeps no more than this


@per_object
def _memo(
    dataset: Dataset,
) -> dict[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], tuple[Safeguard, ...]]:
    return {}


@cache
def _grouped(refs: tuple[AnswerRef, ...]) -> dict[str, tuple[str, ...]]:
    return grouped_refs(refs)


def case_holds(case: SafeguardCase, method: Method, answers: Answers) -> bool:
    """Whether a case applies to the method for these answers: the method is one it
    concerns, for every question it names the answers hold one of its values, the answers
    lie wholly among its `only` values and not wholly among its `outside` values."""
    if not case.involves(method.id):
        return False
    if not all(
        any(value in answers.get(question) for value in values)
        for question, values in _grouped(case.answers).items()
    ):
        return False
    if not all(_wholly(answers, q, v) for q, v in _grouped(case.only).items()):
        return False
    for question, values in _grouped(case.if_answered).items():
        given = answers.get(question)
        if given and not any(value in values for value in given):
            return False
    return not any(_wholly(answers, q, v) for q, v in _grouped(case.outside).items())


def _wholly(answers: Answers, question: str, values: tuple[str, ...]) -> bool:
    """Whether the question is answered and every answer is one of these values."""
    given = answers.get(question)
    return bool(given) and all(value in values for value in given)


def safeguards_for(dataset: Dataset, method: Method, answers: Answers) -> tuple[Safeguard, ...]:
    """The safeguards the method needs for these answers, in the dataset's order."""
    memo = _memo(dataset)
    key = (method.id, tuple(sorted(answers.choices.items())))
    found = memo.get(key)
    if found is None:
        if len(memo) >= MEMO_ENTRIES:
            memo.clear()
        found = memo[key] = tuple(
            g for g in dataset.safeguards if any(case_holds(c, method, answers) for c in g.when)
        )
    return found


def possible_safeguards(
    dataset: Dataset, method: Method
) -> tuple[tuple[Safeguard, tuple[SafeguardCase, ...]], ...]:
    """Every safeguard the method can need, each with the cases in which it does."""
    found = []
    for safeguard in dataset.safeguards:
        cases = tuple(c for c in safeguard.when if c.involves(method.id))
        if cases:
            found.append((safeguard, cases))
    return tuple(found)
