"""Score the methods against a planner's answers: 0-100, with reasons and warnings.

The model (README "How the score works"); every number comes from the dataset:

- Each answered question counts with its weight. Within a question a method earns
  its best fit among the values given (fit weight / the top of the scale), less a
  share (`scoring.uncovered`) for the values it does not fit at all. An extra value
  it does not fit therefore costs a little; it never drags the best fit down to a mean.
- A question that must fit (who takes part, what the participation is for): a method
  fitting none of its values is left out, below every ranked method, whether the
  answer came from an option or a description (where the reading rules keep passing
  words from answering).
- A question with a `miss` percentage (the service): a method fitting none of its
  values keeps only that per cent of its score, and its reasons say so.
- With --describe, the text's relevance to the method counts as one more question.
- What you said you have counts as one more question (`scoring.have`) when you said you
  have anything: a method earns it by the share of its needs you have.
- Score = the weighted share of the best possible, times the kept percentages. So
  100 % means: for every question answered, the method fits one of the values at the
  top of the scale and fits every value given.
- A method with an unmet need (a resource the planner lacks) ranks below every method
  without one; its score is still its fit, shown under its own heading. A need the
  answers leave unknown or unsure is "to check", never assumed. Of equal scores, the
  method with more needs the planner said they have goes first (they named what it
  takes: "the coordinator is ours"); other ties keep dataset order.
- A method the description sets aside by name ("the residents' council works well and
  stays") is in place already or not what this is for: it ranks below every method
  the description does not set aside, with a reason that says so.
- A method scoring under `scoring.floor` per cent of the best is no alternative to it:
  it is left out as far below, warned or not (a method the text names stays).
- A method the description names or cues anywhere (set aside or negated too: "the
  group interview round is not done this time") whose need it says is lacking is
  shown, warned, where it would be left out: the planner sees why not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set

from .model import (
    JUDGEMENT,
    Answers,
    Dataset,
    LeftOut,
    Method,
    Need,
    NeedStatus,
    Question,
    Ranking,
    Reason,
    ReasonKind,
    Recommendation,
)
from .records import Record
from .textanalysis import per_object, remembered

DESCRIBE = "describe"
HAVE = "have"  # the question of a reason for what you have that the method needs
IN_PLACE = "in-place"  # the value of the description's reason for a method it sets aside


class Scored(Record):
    """One method's exact score, its reasons and needs, before ranking."""

    score: float
    reasons: tuple[Reason, ...]
    needs: tuple[Need, ...]

    @property
    def warnings(self) -> tuple[Need, ...]:
        return tuple(need for need in self.needs if need.status == "unmet")


def rank(
    dataset: Dataset,
    answers: Answers,
    relevance: Mapping[str, float] | None = None,
    named: Set[str] = frozenset(),
) -> Ranking:
    """Every method ranked or left out; `named` methods (named in the text) are never left out.
    When every method would be left out, those the description describes outright (its
    relevance in full: named, or two of a method's cues) are ranked as named ones are."""
    ranking = _rank(dataset, answers, relevance, named)
    described = {m for m, share in (relevance or {}).items() if share >= 1.0} - set(named)
    if described and not ranking.results:
        return _rank(dataset, answers, relevance, {*named, *described})
    return ranking


def _rank(
    dataset: Dataset,
    answers: Answers,
    relevance: Mapping[str, float] | None,
    named: Set[str],
) -> Ranking:
    # never left out: the methods named, and those the description discusses but lacks a
    # need for, so that the planner sees why not
    kept = {*named, *(m.id for m in dataset.methods if _shown_warned(m, answers))}
    scored: list[tuple[int, Scored]] = []
    left_out: list[LeftOut] = []
    asked = answered(dataset, answers)
    for index, method in enumerate(dataset.methods):
        outcome = score_method(dataset, method, answers, relevance, method.id in kept, asked)
        if isinstance(outcome, LeftOut):
            left_out.append(outcome)
        else:
            scored.append((index, outcome))
    scored.sort(
        key=lambda item: (
            section(answers, dataset.methods[item[0]], bool(item[1].warnings)),
            -round(item[1].score),
            -_met(item[1]),
            item[0],
        )
    )
    scored, far_below = _above_floor(dataset, scored, kept)
    left_out += far_below
    results = tuple(
        Recommendation(
            rank=number,
            method=dataset.methods[index],
            score=round(outcome.score),
            reasons=outcome.reasons,
            warnings=outcome.warnings,
            needs=outcome.needs,
        )
        for number, (index, outcome) in enumerate(scored, start=1)
    )
    return Ranking(results, tuple(left_out))


def _met(outcome: Scored) -> int:
    return sum(1 for need in outcome.needs if need.status == "met")


def _above_floor(
    dataset: Dataset, scored: list[tuple[int, Scored]], named: Set[str]
) -> tuple[list[tuple[int, Scored]], list[LeftOut]]:
    """The methods scoring at least `scoring.floor` per cent of the best, and the others
    left out as far below it, warned or not (so an extra answer a method misses can
    never keep it while dropping one that fits); a method the text names stays."""
    floor = dataset.scoring.floor
    if floor is None or not scored:
        return scored, []
    least = max(outcome.score for _, outcome in scored) * floor.weight / 100
    kept: list[tuple[int, Scored]] = []
    left: list[LeftOut] = []
    for index, outcome in scored:
        method = dataset.methods[index]
        if outcome.score >= least or method.id in named:
            kept.append((index, outcome))
        else:
            left.append(LeftOut(method, "far_below", score=round(outcome.score)))
    return kept, left


def recommend(
    dataset: Dataset,
    answers: Answers,
    relevance: Mapping[str, float] | None = None,
    top: int | None = None,
) -> tuple[Recommendation, ...]:
    """The ranked methods only, at most `top` of them."""
    results = rank(dataset, answers, relevance).results
    return results if top is None else results[:top]


def answered(dataset: Dataset, answers: Answers) -> tuple[tuple[Question, tuple[str, ...]], ...]:
    """The scored questions answered, in the dataset's order, each with its values: found
    once a ranking, not for every method."""
    return tuple(
        (question, given)
        for question in dataset.questions
        if question.weight != 0 and (given := answers.get(question.key))
    )


def score_method(
    dataset: Dataset,
    method: Method,
    answers: Answers,
    relevance: Mapping[str, float] | None = None,
    named: bool = False,
    asked: Sequence[tuple[Question, tuple[str, ...]]] | None = None,
) -> Scored | LeftOut:
    """The method's score 0-100, reasons and warnings; or why it is left out (`asked`: the
    scored questions answered, `answered`, when a ranking has found them)."""
    earned = 0.0
    possible = 0
    kept = 1.0
    reasons: list[Reason] = []
    for question, given in answered(dataset, answers) if asked is None else asked:
        fit, value_reasons = _question_fit(dataset, method, question, given)
        if fit == 0 and question.must_fit is not None and not named:
            return LeftOut(method, "must_fit", question.key)
        if fit == 0 and question.miss is not None:
            kept *= question.miss.weight / 100
            last = value_reasons[-1]._replace(keep=question.miss.weight)
            value_reasons = (*value_reasons[:-1], last)
        reasons += value_reasons
        earned += question.weight * fit
        possible += question.weight
    describe_weight = dataset.scoring.describe.weight
    if relevance is not None and describe_weight:
        share = min(max(relevance.get(method.id, 0.0), 0.0), 1.0)
        earned += describe_weight * share
        possible += describe_weight
        if share > 0:
            words = answers.matched.get(method.id, ())
            reasons.append(Reason(DESCRIBE, "", "partial", round(share * 100), None, words=words))
    have = dataset.scoring.have
    # what you have alone asks for nothing: it counts beside an answer
    if have is not None and possible and any(v == "yes" for v in answers.resources.values()):
        met = [req.resource for req in method.requirements if answers.has(req.resource) == "yes"]
        share = len(met) / len(method.requirements) if method.requirements else 0.0
        earned += have.weight * share
        possible += have.weight
        if met:
            kind: ReasonKind = "fit" if share == 1 else "partial"
            reasons.append(Reason(HAVE, "", kind, round(share * 100), None, words=tuple(met)))
    if method.id in answers.in_place:
        reasons.append(Reason(DESCRIBE, IN_PLACE, "miss", 0, None))
    if possible == 0 or not any(r.weight > 0 for r in reasons):
        return LeftOut(method, "nothing")
    score = min(max(100 * earned / possible * kept, 0.0), 100.0)
    return Scored(score, tuple(reasons), needs_of(method, answers))


def section(answers: Answers, method: Method, warned: bool) -> int:
    """Where a ranked method stands: 0 with what it needs, 1 in place already (the
    description sets it aside by name), 2 lacking a need the description says is missing.
    Ranked methods stand in this order, each section under its own heading where shown."""
    return 2 if warned else 1 if method.id in answers.in_place else 0


def sections(answers: Answers, results: Sequence[Recommendation]) -> list[list[Recommendation]]:
    """Ranked methods by `section`, in their order."""
    out: list[list[Recommendation]] = [[], [], []]
    for result in results:
        out[section(answers, result.method, bool(result.warnings))].append(result)
    return out


def _shown_warned(method: Method, answers: Answers) -> bool:
    """Whether a method the description discusses has a need it says is lacking: it is
    shown, warned, where it would be left out, so the planner sees why not."""
    return method.id in answers.discussed and any(
        need.status == "unmet" for need in needs_of(method, answers)
    )


def needs_of(method: Method, answers: Answers) -> tuple[Need, ...]:
    """Each of the method's needs against what the planner has: met, unmet or to check."""
    return tuple(
        Need(req.resource, need_status(answers, req.resource), req.why, req.source)
        for req in method.requirements
    )


def need_status(answers: Answers, resource: str) -> NeedStatus:
    """Have it: met; lack it: unmet; unknown or unsure: to check (never assumed)."""
    have = answers.has(resource)
    return "met" if have == "yes" else "unmet" if have == "no" else "to-check"


# A method's fit for the values given to one question, and its reasons, are the dataset's,
# whatever else is answered: each is worked out once a dataset, when first asked for, not
# in every ranking (a plan ranks every method once a phase, a batch once a line; the
# benchmark's 1,000 situations ask for 310). `plan --batch` of them spends about 240 ms
# less a run (in process, median of 7 with and without, 130 ms more than keeping only
# each value's reason).
FITS_KEPT = 16_384  # a batch asking for more starts over, so memory stays flat


@per_object
def _fits(
    dataset: Dataset,
) -> dict[tuple[str, str, tuple[str, ...]], tuple[float, tuple[Reason, ...]]]:
    return {}  # (method id, question, values given) -> the fit and its reasons


def _question_fit(
    dataset: Dataset, method: Method, question: Question, given: tuple[str, ...]
) -> tuple[float, tuple[Reason, ...]]:
    """The method's fit 0-1 for one question's values, and a reason per value."""
    return remembered(
        _fits(dataset),
        (method.id, question.key, given),
        lambda: _fit_of(dataset, method, question, given),
        FITS_KEPT,
    )


def _fit_of(
    dataset: Dataset, method: Method, question: Question, given: tuple[str, ...]
) -> tuple[float, tuple[Reason, ...]]:
    top = dataset.max_weight
    reasons: list[Reason] = []
    for value in given:
        found = method.fit(question.key, value)
        weight = found.weight if found else 0
        kind: ReasonKind = "miss" if weight == 0 else "fit" if weight == top else "partial"
        why, source = (found.why, found.source) if found else (None, JUDGEMENT)
        reasons.append(Reason(question.key, value, kind, weight, why, source=source))
    best = max(r.weight for r in reasons) / top
    unfitted = sum(1 for r in reasons if r.weight == 0) / len(reasons)
    loss = dataset.scoring.uncovered.weight / 100 * unfitted
    return best * (1 - loss), tuple(reasons)


def best_fits(
    dataset: Dataset, method: Method, answers: Answers
) -> tuple[tuple[str, str, int], ...]:
    """(question, value, weight) of the method's best fit for each scored question answered;
    value "" and weight 0 where it fits none."""
    out: list[tuple[str, str, int]] = []
    for question in dataset.questions:
        given = answers.get(question.key)
        if not given or question.weight == 0:
            continue
        fits = [(f.weight, f.value) for v in given if (f := method.fit(question.key, v))]
        weight, value = max(fits) if fits else (0, "")
        out.append((question.key, value, weight))
    return tuple(out)
