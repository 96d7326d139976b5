"""Which safeguards a method needs: for the planner's answers, or every one it can need.

The rules are the dataset's `safeguards` (schema.SAFEGUARD): each applies in any of its
cases, a case naming the methods it concerns (none: any method) and, by question, the
answers that bring it in (none: always). This module only reads them.
"""

from __future__ import annotations

from .model import Answers, Dataset, Method, Safeguard, SafeguardCase


def case_holds(case: SafeguardCase, method: Method, answers: Answers) -> bool:
    """Whether a case applies to the method for these answers: the method is one it
    concerns, and for every question it names the answers hold one of its values."""
    if not case.involves(method.id):
        return False
    return all(
        any(value in answers.get(question) for value in values)
        for question, values in case.questions().items()
    )


def safeguards_for(dataset: Dataset, method: Method, answers: Answers) -> tuple[Safeguard, ...]:
    """The safeguards the method needs for these answers, in the dataset's order."""
    return tuple(
        g for g in dataset.safeguards if any(case_holds(c, method, answers) for c in g.when)
    )


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
