"""Build a participation plan (`plan`): its tracks, each phase's choice and why, the
people named heard, and how the participants hear what was done with their views.

The model (docs/plan.md); the rules are the dataset's (`plan`, `scoring.plan_repeat`):

- Tracks. Work on one client's or family's case gets a case track, developing a
  service a development track, a text that asks for both gets both. The answers in
  `plan.case.answers` decide, question by question in order: the first question
  answered decides (a case value asks for the case track, any other value for the
  development track); with none answered the plan is a development plan. Phases asked
  for by name (`--phase`) always get a development track.
- A case method fits one of `plan.case.methods` at least `plan.case.at_least`. The
  case track uses only case methods, the development track none; each track is ranked
  on its own answers (the case values for the case, the others for development).
- The case track: the best case method that hears a client named directly (not only
  their relatives) with no unmet need carries the case through the steps
  (`plan.case.steps`), each step saying what the method does in it (the method's
  `phase_work`).
- The development track, phase by phase: among the methods that fit the phase (a
  method missing the phase only when none fits it, or when every one that fits lacks
  what the planner said they lack), the best with no unmet need that is not yet in the
  plan; a method with an unmet need only when no other can run (the plan says so). A
  method already in the plan is chosen again only when it scores `scoring.plan_repeat`
  points above the best new one and does something else in this phase (its
  `phase_work`).
- The people named are heard: each group named (`plan.heard.question`) is heard
  directly, by a method fitting it at least `plan.heard.at_least`, in at least one
  phase; if no choice does, the phase where it costs least takes the best method that
  hears them. A group no method can hear is reported, with the relatives who speak
  for it. Each phase names, per group it hears, the safeguards that let it take part
  and, where the track first hears it, how to hear it (`plan.heard.groups`).
- Closing the loop: the track's statements, then how to tell each group named; when the
  description names who decides, first taking the views to them and their answer back.
- Timing: when the description gives a deadline, each track works back from it
  (`plan.timing`, `language.timing`).
- Every choice says why; over a higher-scoring method, what it adds or what the other lacks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from . import schedule, scoring
from .model import (
    AnswerRef,
    Answers,
    AskedTopic,
    Bilingual,
    CasePreference,
    Dataset,
    Fit,
    GroupStatement,
    Hearing,
    Lang,
    Method,
    NotHeard,
    OnlyWhenAsked,
    PhaseWork,
    PlanPhase,
    PlanTrack,
    Recommendation,
    Safeguard,
    Statement,
    StepAdaptation,
    Track,
    WhyChosen,
    grouped_refs,
)
from .records import Record
from .safeguards import case_holds, of_age, safeguards_for

PHASE = "phase"  # the question whose values are the phases of a plan
PLAN_ALTERNATIVES = 2  # what else was close, per phase
EXPLAINED = 3  # at most so many higher-scoring methods a choice says why it passed over


class Tracks(Record):
    """A plan's tracks, and what goes with them."""

    tracks: tuple[PlanTrack, ...]
    feeds: tuple[Statement, ...]  # with both tracks: how case work feeds development
    not_heard: tuple[NotHeard, ...]
    close_the_loop: tuple[Statement | GroupStatement, ...]
    timing: tuple[Statement, ...]  # working back from the deadlines described
    asked: tuple[AskedTopic, ...] = ()  # the questions the description asks, answered


def build(
    dataset: Dataset,
    answers: Answers,
    phases: Sequence[str],
    named: bool,
    today: date | None = None,
) -> Tracks:
    """The plan's tracks for the answers: `phases` are the development track's, and
    `named` says the planner named them (which always asks for a development track);
    with `today`, a deadline described gets a first schedule."""
    answers = with_served(dataset, answers)
    case, development = tracks_asked(dataset, answers)
    development = development or named
    tracks: list[PlanTrack] = []
    not_heard: tuple[NotHeard, ...] = ()
    if case:
        tracks.append(case_track(dataset, answers))
    if development:
        track, not_heard = development_track(dataset, answers, phases, case)
        tracks.append(track)
    loop = dataset.plan.close_the_loop
    close: tuple[Statement | GroupStatement, ...] = (
        *(loop.case if case else ()),
        *(_loop_for_groups(dataset, answers, "case") if case else ()),
        *(loop.development if development else ()),
        *(
            Statement(said.why, said.source)
            for said in loop.risks
            if development and said.risk in answers.risks
        ),
        *(_loop_for_groups(dataset, answers, "development") if development else ()),
    )
    feeds = dataset.plan.feeds if case and development else ()
    timing = dataset.plan.timing
    decided: tuple[Statement, ...] = ()
    if timing is not None and development and answers.timing.deciders:
        decided = (_filled(timing.decider, "{who}", answers.timing.deciders),)
    return Tracks(
        tuple(tracks),
        feeds,
        not_heard,
        (*decided, *close),
        (
            *_work_back(dataset, answers, case, development),
            *_schedule(dataset, answers, today, phases if development else (), case),
        ),
        tuple(
            topic
            for topic in dataset.plan.asked
            if topic.slug in answers.asked
            and (not topic.tracks or any(t.track in topic.tracks for t in tracks))
        ),
    )


def _work_back(
    dataset: Dataset, answers: Answers, case: bool, development: bool
) -> tuple[Statement, ...]:
    """Working back from the deadlines the description gives, per track (`plan.timing`)."""
    rules = dataset.plan.timing
    deadlines = answers.timing.deadlines
    if rules is None or not deadlines:
        return ()
    said = rules.case * case + rules.development * development
    return tuple(_filled(statement, "{when}", deadlines) for statement in said)


def _schedule(
    dataset: Dataset,
    answers: Answers,
    today: date | None,
    phases: Sequence[str],
    case: bool,
) -> tuple[Statement, ...]:
    """A first schedule from today to the earliest deadline described that names a date
    (`schedule.due`): the development phases, or with no development the case's steps
    but the follow-up (dated at the meeting), each ending by its date."""
    rules, words = dataset.plan.timing, dataset.language.timing
    if today is None or rules is None or rules.schedule is None or rules.step is None:
        return ()
    if words is None or not answers.timing.deadlines:
        return ()
    # the earliest: what is heard must be ready before the first decision
    due = min(
        (d for w in answers.timing.deadlines if (d := schedule.due(words, w, today))),
        default=None,
    )
    steps = _scheduled_steps(dataset, phases, case)
    if due is None or not steps:
        return ()
    ends = schedule.split(today, due, len(steps))
    if not ends:
        return ()
    step, said = rules.step, rules.schedule.why

    def filled(lang: Lang) -> str:
        listed = "; ".join(
            step.get(lang)
            .replace("{step}", label.get(lang))
            .replace("{date}", schedule.shown(words, end, lang))
            for label, end in zip(steps, ends, strict=True)
        )
        return (
            said.get(lang)
            .replace("{today}", schedule.shown(words, today, lang))
            .replace("{due}", schedule.shown(words, due, lang))
            .replace("{steps}", listed)
        )

    return (Statement(Bilingual(filled("fi"), filled("en")), rules.schedule.source),)


def _scheduled_steps(dataset: Dataset, phases: Sequence[str], case: bool) -> list[Bilingual]:
    """The labels of what a schedule dates: the development phases, else the case's steps
    up to the agreement (the follow-up is dated at the meeting)."""
    if phases:
        question = dataset.question(PHASE)
        return [
            Bilingual(question.value_label(p, "fi"), question.value_label(p, "en")) for p in phases
        ]
    rules = dataset.plan.case
    if not case or rules is None:
        return []
    return [step.label for step in rules.steps[:-1]]


def _filled(statement: Statement, slot: str, words: Sequence[str]) -> Statement:
    """A statement with the description's own words, quoted, in its slot."""
    quoted = ", ".join(f"“{w}”" for w in words)
    why = Bilingual(statement.why.fi.replace(slot, quoted), statement.why.en.replace(slot, quoted))
    return Statement(why, statement.source)


def _loop_for_groups(
    dataset: Dataset, answers: Answers, track: Track
) -> tuple[GroupStatement, ...]:
    """How to tell each group named what came of its views, in a form it can take in, in
    a case or in developing a service (`plan.heard.groups[*].case_loop` and `loop`)."""
    rules = dataset.plan.heard
    if rules is None:
        return ()
    found = []
    for group in answers.get(rules.question):
        entry = rules.of(group)
        if entry is None:
            continue
        said = entry.in_case(of_age(dataset, answers))[1] if track == "case" else entry.loop
        if said is not None:
            found.append(GroupStatement(group, said.why, said.source))
    return tuple(found)


def with_served(dataset: Dataset, answers: Answers) -> Answers:
    """The answers with the groups the description names as whom the service is for
    (`Answers.served`: "asiakkaista iso osa yli 85-v") among those taking part: a plan
    hears the service's own clients too, not only the group that answers for them."""
    rules = dataset.plan.heard
    if rules is None or not answers.served:
        return answers
    given = answers.get(rules.question)
    added = tuple(g for g in answers.served if g not in given)
    return answers._replace(choices={**answers.choices, rules.question: (*given, *added)})


def tracks_asked(dataset: Dataset, answers: Answers) -> tuple[bool, bool]:
    """Whether the answers ask for a case track and for a development track: a case value
    of any of the case questions asks for the case track; with it, development only for
    another value that is not part of the case work itself (`within`: hearing the client's
    own views), or for a matter of the description apart from the case (`Answers.apart`);
    without it, the plan is a development plan."""
    rules = dataset.plan.case
    if rules is None:
        return False, True
    grouped = _grouped(rules.answers)
    # a matter of the text that is a client's case asks for one, whatever the single
    # answers of the whole text came to ("the unit", read more often than the client)
    case = answers.apart or any(
        v in values for q, values in grouped.items() for v in answers.get(q)
    )
    if not case:
        return False, True
    within = _grouped(rules.within)
    other = [
        (q, v)
        for q, values in grouped.items()
        for v in answers.get(q)
        if v not in values and v not in within.get(q, ())
    ]
    return True, bool(other) or answers.apart


def is_case_method(dataset: Dataset, method: Method) -> bool:
    """A method for one client's or family's case (`plan.case.methods`)."""
    rules = dataset.plan.case
    if rules is None:
        return False
    for ref in rules.methods:
        fit = method.fit(ref.question, ref.value)
        if fit is not None and fit.weight >= rules.at_least:
            return True
    return False


def answers_for(dataset: Dataset, answers: Answers, track: Track) -> Answers:
    """The answers a track is ranked on: of the questions that tell the tracks apart,
    the case values for the case track (all of them: the track is one client's case and
    its plan, whichever of them the text said), only the others for development; for
    development, what a matter apart from the case answers (`Answers.development`)."""
    rules = dataset.plan.case
    if rules is None:
        return answers
    # a matter apart from the case: development is ranked on what that matter answers
    apart = answers.development if track == "development" else None
    choices = dict(answers.choices if apart is None else apart)
    for question, values in _grouped(rules.answers).items():
        given = choices.get(question, ())
        if track == "case":
            choices[question] = tuple(
                ref.value for ref in rules.answers if ref.question == question
            )
        else:
            choices[question] = tuple(v for v in given if v not in values)
    return answers._replace(choices=choices)


def held_back(answers: Answers, result: Recommendation) -> bool:
    """Whether the plan chooses the method only when no other can be: it lacks what the
    description says is missing, or the description sets it aside by name (in place
    already, or tried and it failed; `scoring.section`)."""
    return scoring.section(answers, result.method, bool(result.warnings)) > 0


# -- the case track -----------------------------------------------------------------------


def case_track(dataset: Dataset, answers: Answers) -> PlanTrack:
    """One case method carries the case through its steps, each step saying what it does."""
    rules = dataset.plan.case
    assert rules is not None  # tracks_asked asks for a case track only with case rules
    in_case = answers_for(dataset, answers, "case")
    # the case methods are all ranked, none left out: the text asked for the case, and a
    # service-development method scoring far above them is no alternative in it
    case_ids = {m.id for m in dataset.methods if is_case_method(dataset, m)}
    ranked = scoring.rank(dataset, in_case, answers.relevance, answers.named | case_ids).results
    results = [r for r in ranked if r.method.id in case_ids]
    if not results:
        return PlanTrack("case", tuple(PlanPhase(step.slug, ()) for step in rules.steps))
    # The case is the client's: a case method that hears the client named themselves (not
    # only their relatives) before one that does not, then one with nothing missing.
    fitting = [r for r in results if _hears_a_client(dataset, in_case, r)] or results
    ready = [r for r in fitting if not held_back(in_case, r)] or [
        r for r in results if not held_back(in_case, r)
    ]
    unwarned = [r for r in fitting if not r.warnings] or [r for r in results if not r.warnings]
    pick = (ready or unwarned or fitting)[0]
    first: WhyChosen | None = None  # a rule's choice over the one the scores made
    preferred = _preferred(dataset, in_case, rules.prefer, ready)
    if preferred is not None and preferred[0].method.id != pick.method.id:
        first = WhyChosen("over-case-rule", pick, preferred[1])
        pick = preferred[0]
    hearing_ids = {r.method.id for r in fitting}
    unfit = [
        r
        for r in results
        if r.score > pick.score and r.method.id not in hearing_ids and not held_back(in_case, r)
    ]
    unfit_ids = {r.method.id for r in unfit}
    why = tuple(WhyChosen("over-people", r, _client_fit(dataset, in_case, pick)) for r in unfit)
    if first is not None:
        why = (first, *(w for w in why if w.other != first.other))
    others = [r for r in results if r.method.id not in unfit_ids]
    said = _why(dataset, in_case, pick, others, "", {})
    # over a method that does not hear the client, or one a rule puts after this one,
    # this one is not simply the best
    set_back = bool(unfit) or first is not None
    why += tuple(
        w
        for w in said
        if not (set_back and w.kind in ("best", "only"))
        and not (first is not None and w.other == first.other)
    )
    close = [r for r in results if r.method.id != pick.method.id][:PLAN_ALTERNATIVES]
    heard = _heard(dataset, in_case, pick)
    hearing = _hearing(dataset, in_case, pick, "case")
    work = pick.method.work_in
    return PlanTrack(
        "case",
        tuple(
            PlanPhase(
                step.slug,
                (pick, *close),
                why,
                work(step.slug),
                heard,
                hearing,
                _adapted(dataset, answers, step.adapt, pick),
            )
            for step in rules.steps
        ),
    )


def _preferred(
    dataset: Dataset,
    answers: Answers,
    prefer: Sequence[CasePreference],
    ready: Sequence[Recommendation],
) -> tuple[Recommendation, Statement] | None:
    """The case method a rule puts first for these answers (`plan.case.prefer`), if it is
    ready to run, with the rule's reason."""
    for rule in prefer:
        found = next((r for r in ready if r.method.id == rule.method), None)
        if found is not None and any(
            case_holds(dataset, case, answers, rule.method) for case in rule.when
        ):
            return found, Statement(rule.why, rule.source)
    return None


def _adapted(
    dataset: Dataset,
    answers: Answers,
    adapt: Sequence[StepAdaptation],
    pick: Recommendation,
) -> tuple[Statement, ...]:
    """What a step of a case, or the method chosen for a phase, does differently for these
    answers (`CaseStep.adapt`, a method's `adapt`): each whose case holds."""
    return tuple(
        Statement(a.why, a.source)
        for a in adapt
        if any(case_holds(dataset, case, answers, pick.method.id) for case in a.when)
    )


def _clients(dataset: Dataset, answers: Answers) -> list[str]:
    """The groups named who are not relatives speaking for others: the clients themselves."""
    rules = dataset.plan.heard
    if rules is None:
        return []
    relatives = {ref.value for ref in rules.relatives}
    return [g for g in answers.get(rules.question) if g not in relatives]


def _hears_a_client(dataset: Dataset, answers: Answers, result: Recommendation) -> bool:
    """Whether the method hears a client named directly (true when only relatives are named)."""
    clients = _clients(dataset, answers)
    return not clients or any(_hears(dataset, result, g) for g in clients)


def _client_fit(dataset: Dataset, answers: Answers, result: Recommendation) -> Fit | None:
    """The choice's fit for the first client named it hears directly."""
    rules = dataset.plan.heard
    for group in _clients(dataset, answers):
        if rules is not None and _hears(dataset, result, group):
            return result.method.fit(rules.question, group)
    return None


# -- the development track ----------------------------------------------------------------


class _Phase(Record):
    """One development phase's ranking: every method ranked, and those it may choose from."""

    phase: str
    ranked: tuple[Recommendation, ...]  # case methods included, to say why they are not chosen
    # no case method; those fitting the phase if any does; those with nothing missing first
    pool: tuple[Recommendation, ...]


def development_track(
    dataset: Dataset, answers: Answers, phases: Sequence[str], case: bool = False
) -> tuple[PlanTrack, tuple[NotHeard, ...]]:
    """The development phases, each with its choice and why, and the groups named that
    no phase can hear directly. With a case track (`case`) the case methods are there, and
    no phase needs to say why it does not use them."""
    in_development = answers_for(dataset, answers, "development")
    # only the methods recommend ranks for these answers: a method far below the best, or
    # for none of the people or purposes, fills no phase because it fits the phase
    overall = scoring.rank(dataset, in_development, answers.relevance, answers.named).results
    kept = frozenset(r.method.id for r in overall if not is_case_method(dataset, r.method))
    ranked = [_ranking(dataset, in_development, phase, kept) for phase in phases]
    picks: list[Recommendation | None] = []
    used: dict[str, list[str]] = {}
    greeted: dict[int, WhyChosen] = {}
    enough: dict[int, WhyChosen] = {}  # the phases a method would fill once too often
    candidates: list[Recommendation | None] = []  # the picks, before `enough` takes any out
    for index, phase in enumerate(ranked):
        pick = _pick(dataset, in_development, phase, used, picks[-1] if picks else None)
        newcomer = _not_yet_heard(dataset, in_development, phase, used, picks, pick)
        if newcomer is not None:
            pick, greeted[index] = newcomer
        chosen = pick
        if chosen is not None and _enough(dataset, chosen, used.get(chosen.method.id, ())):
            # a method in as many phases as one may be: the best other, or a light phase
            pick = _not_enough(dataset, in_development, phase, used)
            if pick is None:
                enough[index] = WhyChosen("enough", chosen, phases=tuple(used[chosen.method.id]))
        candidates.append(pick or chosen)
        picks.append(pick)
        if pick is not None:
            used.setdefault(pick.method.id, []).append(phase.phase)
    far = {**enough, **_out_of_reach(dataset, candidates, frozenset(greeted))}
    picks = [None if index in far else pick for index, pick in enumerate(picks)]
    few, within = _small_work(dataset, in_development, picks)
    far = {**far, **few}
    picks = [None if index in few else pick for index, pick in enumerate(picks)]
    swaps, not_heard = _hear_everyone(dataset, in_development, ranked, picks, within)
    swaps = {**greeted, **swaps}
    chosen_in: dict[str, list[str]] = {}
    for phase, pick in zip(ranked, picks, strict=True):
        if pick is not None:
            chosen_in.setdefault(pick.method.id, []).append(phase.phase)
    built: list[PlanPhase] = []
    told: set[str] = set()  # the groups whose way of being heard a phase before says
    for index, (phase, pick) in enumerate(zip(ranked, picks, strict=True)):
        if pick is None:
            built.append(PlanPhase(phase.phase, (), (far[index],) if index in far else ()))
            continue
        elsewhere = {
            method: [p for p in where if p != phase.phase] for method, where in chosen_in.items()
        }
        ranked_here = [r for r in phase.ranked if not (case and is_case_method(dataset, r.method))]
        why = _why(
            dataset, in_development, pick, ranked_here, phase.phase, elsewhere, swaps.get(index)
        )
        if chosen_in[pick.method.id][0] != phase.phase:
            previous = picks[index - 1] if index else None
            why = (*why, _repeat(dataset, in_development, pick, phase, chosen_in, previous))
        others = [r for r in phase.pool if r.method.id != pick.method.id]
        close = others[:PLAN_ALTERNATIVES]
        # A method that would fit better but lacks what it needs is shown, with its warning.
        close += [r for r in others[PLAN_ALTERNATIVES:] if r.warnings and r.score > pick.score][:1]
        work = pick.method.work_in(phase.phase) or _phase_fit(pick.method, phase.phase)
        heard = _heard(dataset, in_development, pick)
        hearing = _hearing(dataset, in_development, pick, "development", told)
        told |= {h.group for h in hearing}
        # said once, where the method first comes in
        first_in = chosen_in[pick.method.id][0] == phase.phase
        adapted = _adapted(dataset, in_development, pick.method.adapt, pick) if first_in else ()
        built.append(PlanPhase(phase.phase, (pick, *close), why, work, heard, hearing, adapted))
    return PlanTrack("development", tuple(built)), not_heard


def _small_work(
    dataset: Dataset, answers: Answers, picks: Sequence[Recommendation | None]
) -> tuple[dict[int, WhyChosen], frozenset[str] | None]:
    """When the description says the work must stay small (`Timing.small`): the phases
    whose method is not one of the `scoring.plan_small` best chosen, each with why (they
    are left light), and the methods a group left unheard must then be heard within, once
    the plan has as many as it may (None: any method may hear them)."""
    rule = dataset.scoring.plan_small
    words = answers.timing.small
    if rule is None or not words:
        return {}, None
    best: dict[str, int] = {}
    for pick in picks:
        if pick is not None:
            best[pick.method.id] = max(best.get(pick.method.id, 0), pick.score)
    kept = frozenset(sorted(best, key=lambda method: -best[method])[: rule.weight])
    dropped = {
        index: WhyChosen("small", pick, words=words)
        for index, pick in enumerate(picks)
        if pick is not None and pick.method.id not in kept
    }
    return dropped, kept if len(kept) >= rule.weight else None


def _not_enough(
    dataset: Dataset, answers: Answers, phase: _Phase, used: Mapping[str, Sequence[str]]
) -> Recommendation | None:
    """The phase's best method that is not in as many phases as one may be already."""
    return next(
        (r for r in _usable(answers, phase) if not _enough(dataset, r, used.get(r.method.id, ()))),
        None,
    )


def _enough(dataset: Dataset, result: Recommendation, phases: Sequence[str]) -> bool:
    """Whether a method in these phases fills as many as one may (`scoring.plan_most`;
    a method of everyday work goes on; one with a need still to check fills fewer)."""
    most = dataset.scoring.plan_most
    if most is None or result.method.id in most.methods:
        return False
    limit = most.weight
    if most.unchecked is not None and result.to_check:
        limit = min(limit, most.unchecked)
    return len(phases) >= limit


def _out_of_reach(
    dataset: Dataset, picks: Sequence[Recommendation | None], greeted: frozenset[int]
) -> dict[int, WhyChosen]:
    """The phases whose method scores more than `scoring.plan_reach` points below the
    plan's best choice (not one chosen to hear a group), each with why: those phases are
    left light. A light plan that says so beats a phase filled with what fits little."""
    reach = dataset.scoring.plan_reach
    best = max((p for p in picks if p is not None), key=lambda p: p.score, default=None)
    if reach is None or best is None:
        return {}
    far: dict[int, WhyChosen] = {}
    for index, pick in enumerate(picks):
        if pick is not None and index not in greeted and best.score - pick.score > reach.weight:
            far[index] = WhyChosen("far", pick, margin=best.score - pick.score)
    return far


def _ranking(dataset: Dataset, answers: Answers, phase: str, kept: frozenset[str]) -> _Phase:
    in_phase = answers._replace(choices={**answers.choices, PHASE: (phase,)})
    ranked = scoring.rank(dataset, in_phase, answers.relevance, answers.named).results
    candidates = [r for r in ranked if not is_case_method(dataset, r.method)]
    candidates = [r for r in candidates if r.method.id in kept] or candidates
    fitting = [r for r in candidates if r.method.fit(PHASE, phase)]
    # what is asked for comes before a phase a method can also fill: reader-testing
    # leaflets fills no evaluation when no material is asked for (`plan.development`)
    pool = [r for r in fitting if asked_for(dataset, answers, r.method)]
    pool = pool or fitting or candidates
    if all(r.warnings for r in pool):
        # A method that lacks what you said you lack cannot be run: one that misses the
        # phase but can be run comes first (the plan says it misses the phase).
        pool = [r for r in candidates if not r.warnings] + pool
    # ready first (as ranked), then those set aside by the description (in place already,
    # or tried and failed), then the warned, for a phase where every method is held back
    usable = sorted(pool, key=lambda r: scoring.section(answers, r.method, bool(r.warnings)))
    unique = {r.method.id: r for r in reversed(usable)}  # each method once, first kept
    return _Phase(phase, ranked, tuple(r for r in usable if unique[r.method.id] is r))


def asked_for(dataset: Dataset, answers: Answers, method: Method) -> bool:
    """Whether the method is for something asked: a method of `plan.development.
    only_when_asked` only when, for each question it names that is answered, one of its
    values is asked; any other method always."""
    only = _only_when_asked(dataset, method.id)
    if only is None:
        return True
    for question, values in grouped_refs(only.answers).items():
        given = answers.get(question)
        if given and set(values).isdisjoint(given):
            return False
    return True


def _only_when_asked(dataset: Dataset, method_id: str) -> OnlyWhenAsked | None:
    """The method's entry in `plan.development.only_when_asked`, if it has one."""
    rules = dataset.plan.development
    return (
        next((o for o in rules.only_when_asked if o.method == method_id), None) if rules else None
    )


def _pick(
    dataset: Dataset,
    answers: Answers,
    phase: _Phase,
    used: Mapping[str, Sequence[str]],
    previous: Recommendation | None,
) -> Recommendation | None:
    """The phase's method: the best it may choose, if it is not yet in the plan. A method
    in the plan already is chosen again only when it does something else here (its
    `phase_work`) and either goes straight on from the phase before, once (its own next
    step) and scoring at least as well as the best new method, or scores
    `scoring.plan_repeat` points above the best new method. A new method must hear
    someone named directly and fit some value of every question answered: novelty is
    worth neither losing the people nor leaving the service. Without one, a method in
    the plan that does something else here (the one used least) goes on."""
    usable = _usable(answers, phase)
    if not usable:
        return None
    best = usable[0]
    if best.method.id not in used:
        return best
    new = _new_method(dataset, answers, usable, used)
    going_on = _going_on(usable, phase.phase, used, previous)
    if going_on is not None and (new is None or going_on.score >= new.score):
        return going_on
    does_else = _does_else(best.method, phase.phase, used[best.method.id])
    if new is not None:
        margin = dataset.scoring.plan_repeat.weight
        return best if does_else and best.score - new.score >= margin else new
    again = [
        r
        for r in usable
        if r.method.id in used and _does_else(r.method, phase.phase, used[r.method.id])
    ]
    if again:
        return min(again, key=lambda r: (len(used[r.method.id]), -r.score))
    fresh = [r for r in usable if r.method.id not in used]
    return fresh[0] if fresh else best


def _usable(answers: Answers, phase: _Phase) -> list[Recommendation]:
    """The phase's methods that may be chosen: those not held back (`held_back`), or all
    of them when every one is."""
    return [r for r in phase.pool if not held_back(answers, r)] or list(phase.pool)


def _going_on(
    usable: Sequence[Recommendation],
    phase: str,
    used: Mapping[str, Sequence[str]],
    previous: Recommendation | None,
) -> Recommendation | None:
    """The method of the phase before, when it can go straight on into this one: used
    once so far, and doing something else here (its own next step)."""
    if previous is None or len(used.get(previous.method.id, ())) != 1:
        return None
    here = next((r for r in usable if r.method.id == previous.method.id), None)
    if here is None or not _does_else(here.method, phase, used[here.method.id]):
        return None
    return here


def _new_method(
    dataset: Dataset,
    answers: Answers,
    usable: Sequence[Recommendation],
    used: Mapping[str, Sequence[str]],
) -> Recommendation | None:
    """The best method not yet in the plan that fits some value of every question answered
    and hears someone named directly: the clients themselves before their relatives."""
    whole = [r for r in usable if r.method.id not in used and not _misses_a_question(r)]
    rules = dataset.plan.heard
    groups = answers.get(rules.question) if rules else ()
    if not groups:
        return whole[0] if whole else None
    relatives = {ref.value for ref in rules.relatives} if rules else set()
    clients = [g for g in groups if g not in relatives] or list(groups)
    for heard in (clients, groups):
        found = next((r for r in whole if any(_hears(dataset, r, g) for g in heard)), None)
        if found is not None:
            return found
    return None


def _misses_a_question(result: Recommendation) -> bool:
    """Whether the method fits none of the values of a question answered (its score keeps
    only a share for it: the service, say)."""
    return any(reason.keep is not None for reason in result.reasons)


def _does_else(method: Method, phase: str, phases: Sequence[str]) -> bool:
    """Whether the method does something in this phase it does not do in the others."""
    here = method.work_in(phase)
    if here is None:
        return False
    return all((w := method.work_in(p)) is None or w.why != here.why for p in phases)


def _not_yet_heard(
    dataset: Dataset,
    answers: Answers,
    phase: _Phase,
    used: Mapping[str, Sequence[str]],
    picks: Sequence[Recommendation | None],
    pick: Recommendation | None,
) -> tuple[Recommendation, WhyChosen] | None:
    """A group named that no phase so far hears: when this phase's choice does not hear it
    either, a method not yet in the plan that does, fits some value of every question
    answered and scores within `scoring.plan_repeat` points of the choice, takes its place."""
    rules = dataset.plan.heard
    if rules is None or pick is None:
        return None
    unheard = [
        g
        for g in answers.get(rules.question)
        if not any(p is not None and _hears(dataset, p, g) for p in picks)
    ]
    if not unheard or any(_hears(dataset, pick, g) for g in unheard):
        return None
    margin = dataset.scoring.plan_repeat.weight
    for candidate in phase.pool:
        if (
            held_back(answers, candidate)
            or candidate.method.id in used
            or _misses_a_question(candidate)
        ):
            continue
        if pick.score - candidate.score >= margin:
            break  # the pool is ranked: the rest score lower still
        group = next((g for g in unheard if _hears(dataset, candidate, g)), None)
        if group is not None:
            fit = candidate.method.fit(rules.question, group)
            means = _means(dataset, answers, candidate, group)
            return candidate, WhyChosen("heard", pick, fit, group=group, means=means)
    return None


def _means(
    dataset: Dataset,
    answers: Answers,
    result: Recommendation,
    group: str,
    needed: Sequence[Safeguard] | None = None,
) -> tuple[Safeguard, ...]:
    """The safeguards that let a group take part itself in this method: the ones its
    entry in `plan.heard.groups` names; in a dataset that names no groups, those of the
    kinds `plan.heard.means` names. `needed`: the method's safeguards, if known."""
    rules = dataset.plan.heard
    if rules is None:
        return ()
    if needed is None:
        needed = safeguards_for(dataset, result.method, answers)
    if not rules.groups:
        return tuple(g for g in needed if g.kind in rules.means)
    entry = rules.of(group)
    means = entry.means if entry is not None else ()
    return tuple(g for i in means for g in needed if g.id == i)


def _hearing(
    dataset: Dataset,
    answers: Answers,
    result: Recommendation,
    track: Track,
    told: set[str] | frozenset[str] = frozenset(),
) -> tuple[Hearing, ...]:
    """Each group named the method hears directly, with what lets it take part and how to
    hear it in a form it can use (in a case `case_how`), said where the track first hears
    it (not again for a group in `told`)."""
    rules = dataset.plan.heard
    groups = _heard(dataset, answers, result)
    needed = safeguards_for(dataset, result.method, answers) if groups else ()
    found = []
    for group in groups:
        entry = rules.of(group) if rules else None
        how = None
        if entry is not None and group not in told:
            how = entry.in_case(of_age(dataset, answers))[0] if track == "case" else entry.how
        found.append(Hearing(group, _means(dataset, answers, result, group, needed), how))
    return tuple(found)


def _hear_everyone(
    dataset: Dataset,
    answers: Answers,
    phases: Sequence[_Phase],
    picks: list[Recommendation | None],
    kept: frozenset[str] | None = None,
) -> tuple[dict[int, WhyChosen], tuple[NotHeard, ...]]:
    """Each group named heard directly in at least one phase: where no choice hears it, the
    phase where it costs least takes the best method there that does (changing `picks`);
    when the plan keeps to few methods (`kept`, the work must stay small), only one of
    those. The reasons of the phases changed, and the groups no phase can hear."""
    rules = dataset.plan.heard
    if rules is None:
        return {}, ()
    groups = answers.get(rules.question)
    swaps: dict[int, WhyChosen] = {}
    not_heard: list[NotHeard] = []
    for group in groups:
        if any(p is not None and _hears(dataset, p, group) for p in picks):
            continue
        options: list[tuple[int, int, Recommendation]] = []
        for index, phase in enumerate(phases):
            current = picks[index]
            if current is not None and not _others_still_heard(
                dataset, groups, picks, index, group
            ):
                continue
            elsewhere = {p.method.id for i, p in enumerate(picks) if i != index and p is not None}
            for candidate in phase.pool:
                if held_back(answers, candidate) or not _hears(dataset, candidate, group):
                    continue
                if kept is not None and candidate.method.id not in kept:
                    continue
                loss = (current.score if current else 0) - candidate.score
                if candidate.method.id in elsewhere:
                    loss += dataset.scoring.plan_repeat.weight  # a repeat only at its price
                options.append((loss, index, candidate))
                break  # the pool is ranked: the first that hears them is the best here
        if not options:
            heard_relatives = tuple(
                ref.value
                for ref in rules.relatives
                if ref.value in groups
                and any(p is not None and _hears(dataset, p, ref.value) for p in picks)
            )
            not_heard.append(NotHeard(group, heard_relatives, kept is not None))
            continue
        _, index, candidate = min(options, key=lambda option: (option[0], option[1]))
        fit = candidate.method.fit(rules.question, group)
        means = _means(dataset, answers, candidate, group)
        swaps[index] = WhyChosen("heard", picks[index], fit, group=group, means=means)
        picks[index] = candidate
    return swaps, tuple(not_heard)


def _others_still_heard(
    dataset: Dataset,
    groups: Sequence[str],
    picks: Sequence[Recommendation | None],
    index: int,
    group: str,
) -> bool:
    """Whether the other groups heard now stay heard without the choice at `index`."""
    for other in groups:
        if other == group:
            continue
        heard_now = any(p is not None and _hears(dataset, p, other) for p in picks)
        heard_without = any(
            p is not None and _hears(dataset, p, other) for i, p in enumerate(picks) if i != index
        )
        if heard_now and not heard_without:
            return False
    return True


def _hears(dataset: Dataset, result: Recommendation, group: str) -> bool:
    rules = dataset.plan.heard
    if rules is None:
        return False
    fit = result.method.fit(rules.question, group)
    return fit is not None and fit.weight >= rules.at_least


def _heard(dataset: Dataset, answers: Answers, result: Recommendation) -> tuple[str, ...]:
    """The groups named that this method hears directly."""
    rules = dataset.plan.heard
    if rules is None:
        return ()
    return tuple(g for g in answers.get(rules.question) if _hears(dataset, result, g))


# -- why --------------------------------------------------------------------------------


def _why(
    dataset: Dataset,
    answers: Answers,
    pick: Recommendation,
    ranked: Sequence[Recommendation],
    phase: str,
    elsewhere: Mapping[str, Sequence[str]],
    heard: WhyChosen | None = None,
) -> tuple[WhyChosen, ...]:
    """Why `pick` was chosen: the best, or over each higher-scoring method, why not that one;
    `heard` when it was chosen so that a group named is heard directly."""
    higher = sorted(
        (r for r in ranked if r.score > pick.score and r.method.id != pick.method.id),
        key=lambda r: -r.score,
    )
    parts: list[WhyChosen] = [heard] if heard is not None else []
    replaced = heard.other.method.id if heard is not None and heard.other else None
    fits_phase = not phase or pick.method.fit(PHASE, phase) is not None
    explained = 0
    for other in higher:
        if explained == EXPLAINED:
            break
        if other.method.id == replaced:
            continue  # the heard reason says why
        if phase and is_case_method(dataset, other.method):
            parts.append(WhyChosen("over-case", other))
        elif not asked_for(dataset, answers, other.method) and asked_for(
            dataset, answers, pick.method
        ):
            parts.append(WhyChosen("over-purpose", other, _what_it_is_for(dataset, other)))
        elif other.warnings:
            parts.append(WhyChosen("over-warned", other))
        elif other.method.id in answers.in_place:
            parts.append(WhyChosen("over-in-place", other))
        elif fits_phase and phase and other.method.fit(PHASE, phase) is None:
            parts.append(WhyChosen("over-misses-phase", other, pick.method.work_in(phase)))
        elif elsewhere.get(other.method.id):
            adds = _adds(dataset, answers, pick, other, phase)
            parts.append(WhyChosen("over-used", other, adds, tuple(elsewhere[other.method.id])))
        elif heard is not None:
            continue  # passed over so that a group is heard: the heard reason says so
        else:
            # passed over while it was in the plan, before a swap that hears a group took
            # it out again: what this one adds still says why
            parts.append(WhyChosen("over-adds", other, _adds(dataset, answers, pick, other, phase)))
        explained += 1
    if not higher:
        parts.append(
            WhyChosen("best" if len(ranked) > 1 else "only", None, _best_fit(dataset, pick))
        )
    if not fits_phase:
        parts.append(WhyChosen("no-phase-fit"))
    return tuple(parts)


def _repeat(
    dataset: Dataset,
    answers: Answers,
    pick: Recommendation,
    phase: _Phase,
    chosen: Mapping[str, Sequence[str]],
    previous: Recommendation | None,
) -> WhyChosen:
    """A method chosen again: it goes straight on from the phase before, or how far above
    the best new method it is (0: every other method for the phase is in the plan)."""
    earlier = tuple(chosen[pick.method.id][: chosen[pick.method.id].index(phase.phase)])
    work = pick.method.work_in(phase.phase)
    if previous is not None and previous.method.id == pick.method.id and len(earlier) == 1:
        return WhyChosen("continues", None, work, earlier)
    usable = [r for r in phase.pool if not held_back(answers, r)]
    new = _new_method(dataset, answers, usable, chosen)
    margin = pick.score - new.score if new else 0
    return WhyChosen("repeat", None, work, earlier, margin=margin)


def _adds(
    dataset: Dataset, answers: Answers, pick: Recommendation, other: Recommendation, phase: str
) -> Fit | PhaseWork | None:
    """What the choice adds that the other does not: a group named that it hears directly
    and the other does not, else its fit for the answer where it fits most above the
    other, else what it does in this phase."""
    rules = dataset.plan.heard
    for group in answers.get(rules.question) if rules else ():
        if _hears(dataset, pick, group) and not _hears(dataset, other, group):
            return pick.method.fit(rules.question, group) if rules else None
    best: tuple[int, Fit] | None = None
    for question in dataset.questions:
        if question.weight == 0:
            continue
        if question.key == PHASE:
            values: tuple[str, ...] = (phase,) if phase else ()
        else:
            values = answers.get(question.key)
        for value in values:
            mine = pick.method.fit(question.key, value)
            theirs = other.method.fit(question.key, value)
            gain = (mine.weight if mine else 0) - (theirs.weight if theirs else 0)
            if mine is not None and gain > 0 and (best is None or gain > best[0]):
                best = (gain, mine)
    if best is not None:
        return best[1]
    return pick.method.work_in(phase) if phase else None


def _best_fit(dataset: Dataset, pick: Recommendation) -> Fit | None:
    """The choice's best fit among the answers (its strongest reason), if any: the fit
    that counts most in its score (the fit times its question's weight), so that the
    people or the purpose say why before a duration does."""
    fits = [
        r for r in pick.reasons if r.kind != "miss" and r.why is not None and r.question != PHASE
    ]
    if not fits:
        return None
    weights = {q.key: q.weight for q in dataset.questions}
    top = max(fits, key=lambda r: r.weight * weights.get(r.question, 1))
    assert top.why is not None
    return Fit(top.question, top.value, top.weight, top.why, top.source)


def _what_it_is_for(dataset: Dataset, other: Recommendation) -> Fit | None:
    """What a method passed over is for (`plan.development.only_when_asked`): its fit for
    the first of those answers."""
    only = _only_when_asked(dataset, other.method.id)
    if only is None or not only.answers:
        return None
    ref = only.answers[0]
    return other.method.fit(ref.question, ref.value)


def _phase_fit(method: Method, phase: str) -> PhaseWork | None:
    """Where a method says nothing of its work in a phase, its fit's reason for the phase."""
    fit = method.fit(PHASE, phase)
    return PhaseWork(phase, fit.why, fit.source) if fit else None


def _grouped(refs: Sequence[AnswerRef]) -> dict[str, set[str]]:
    grouped: dict[str, set[str]] = {}
    for ref in refs:
        grouped.setdefault(ref.question, set()).add(ref.value)
    return grouped
