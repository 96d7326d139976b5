"""Score the methods against a planner's answers: 0-100, with reasons and warnings.

The model, in short: each answered question counts with its weight from the
dataset. Within a question, a method earns the mean of its fit weights for the
values given (1 = marginal ... 5 = what it is made for; 0 = not listed),
divided by the top of the scale. With --describe, the text relevance counts as
one more question. Score = weighted share of the best possible, in per cent.
A method with an unmet requirement ranks below every method without one.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Answers, Dataset, Method, Reason, ReasonKind, Recommendation, Unmet

DESCRIBE = "describe"


def recommend(
    dataset: Dataset,
    answers: Answers,
    relevance: Mapping[str, float] | None = None,
    top: int | None = None,
) -> tuple[Recommendation, ...]:
    """Rank the methods that fit at least one answer; ties keep dataset order."""
    scored = [
        (index, scored)
        for index, method in enumerate(dataset.methods)
        if (scored := score_method(dataset, method, answers, relevance)) is not None
    ]
    scored.sort(key=lambda item: (bool(item[1][2]), -item[1][0], item[0]))
    ranked = tuple(
        Recommendation(
            rank=rank,
            method=dataset.methods[index],
            score=score,
            reasons=reasons,
            warnings=warnings,
        )
        for rank, (index, (score, reasons, warnings)) in enumerate(scored, start=1)
    )
    return ranked if top is None else ranked[:top]


def score_method(
    dataset: Dataset,
    method: Method,
    answers: Answers,
    relevance: Mapping[str, float] | None = None,
) -> tuple[int, tuple[Reason, ...], tuple[Unmet, ...]] | None:
    """The method's score, reasons and warnings; None when it fits no answer at all."""
    earned = 0.0
    possible = 0
    reasons: list[Reason] = []
    for question in dataset.questions:
        given = answers.get(question.key)
        if not given or question.weight == 0:
            continue
        total = 0
        for value in given:
            fit = method.fit(question.key, value)
            weight = fit.weight if fit else 0
            total += weight
            kind: ReasonKind = (
                "miss" if weight == 0 else "fit" if weight == dataset.max_weight else "partial"
            )
            reasons.append(Reason(question.key, value, kind, weight, fit.why if fit else None))
        earned += question.weight * total / (len(given) * dataset.max_weight)
        possible += question.weight
    if relevance is not None and dataset.scoring.describe.weight:
        share = min(max(relevance.get(method.id, 0.0), 0.0), 1.0)
        earned += dataset.scoring.describe.weight * share
        possible += dataset.scoring.describe.weight
        if share > 0:
            reasons.append(Reason(DESCRIBE, "", "partial", round(share * 100), None))
    if possible == 0 or not any(r.weight > 0 for r in reasons):
        return None
    warnings = tuple(
        Unmet(req.question, req.value, req.why)
        for req in method.requirements
        if (given := answers.get(req.question)) and req.value not in given
    )
    score = int(100 * earned / possible + 0.5)
    return min(max(score, 0), 100), tuple(reasons), warnings
