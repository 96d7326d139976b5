"""Stage 3, stance: how the text speaks of each mention, after ConText (Harkema et al. 2009).

Triggers come from the dataset (`language.context`): each rule has a category (the
stance it sets), a direction (its targets stand after it, before it, or either), an
optional `max_scope` in words, a scope unit (the clause, or the sentence) and the
answers it may speak of (`allowed`, `excluded`). Where triggers overlap, the longest
wins, so a `pseudo` phrase ("not only") hides the trigger inside it. A trigger speaks
of a mention only outside it, unless the trigger holds the whole mention ("nobody from
outside"). Two additions to ConText, both for how planners write:

- A trigger that looks back and whose clause says nothing else ("X, but that's a
  separate job", "X, mutta siihen ei ole rahaa") speaks of the clause before it.
- A set-aside trigger followed by a colon ("X toimii jo hyvin: meillä on Y ja Z")
  speaks of what the colon goes on to list, to the end of the sentence.

A stance per mention: of what you have, lacking (negated or unavailable) wins over
unsure (hoped for, asked, hypothetical, or in a question), which wins over available;
a bare mention is unsure, never available. Of any other answer, negated, set aside,
passing and hypothetical each take it away, in that order; else it is wanted.

Four rules of who and where, kept from the reader's earlier rules, make a mention
passing too: a service named as where a family member is (`language.whereabouts`); a
service named as a place nearby when another service is named (`language.premises`);
a group named only as whose the taking-part group is ("asukkaiden omaiset", "relatives
of residents"); and a group only counted or aged when another group is named elsewhere
("the groups have children aged 1 to 5").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..model import (
    LANGS,
    ContextCategory,
    ContextRules,
    Dataset,
    Lang,
    Stance,
    Terms,
)
from ..records import Record
from ..textanalysis import Token, fold, is_stopword, per_object, per_object_and_langs
from .lexicon import (
    LiteralIndex,
    Mention,
    PhraseIndex,
    WordSet,
    answer_number,
    phrases_of,
    question_number,
    word_set,
)
from .numbers import number
from .tokens import Text

_PREMISES_NEAR = 5  # words between a premises word and the service it places
_WHEREABOUTS_NEAR = 6  # words from a family member to the place they are
_EN_OF = "of"  # "relatives of residents"
_NEGATIVE: tuple[ContextCategory, ...] = ("negated", "unavailable")
_UNSURE: tuple[ContextCategory, ...] = ("unsure", "hypothetical")
# Of an answer other than what you have: the stance each category sets, strongest first.
_TAKEN_AWAY: tuple[tuple[ContextCategory, Stance], ...] = (
    ("negated", "negated"),
    ("set-aside", "set-aside"),
    ("passing", "passing"),
    ("hypothetical", "hypothetical"),
)
_SAYS_WHAT_YOU_HAVE = ("available", "unavailable", "unsure")  # not a plain negation
_QUESTION_MARK = ("?",)  # the cue of a mention in a clause that asks
_CONTRAST_CLAUSE = 6  # words at most in a clause that contrasts without a verb


class Trigger(Record):
    """A rule's literal found in the text."""

    rule: ContextRules
    positions: tuple[int, ...]  # token positions of its words

    @property
    def first(self) -> int:
        return self.positions[0]

    @property
    def last(self) -> int:
        return self.positions[-1]


class Lone(Record):
    """The clauses whose triggers speak of the clause before them too: those with nothing
    but the trigger ("siihen ei ole rahaa") and, for what you have, those that point back
    ("eikä budjetissa ole siihen euroakaan") or begin with words saying whether you have
    it ("…, has offered to run them")."""

    clauses: frozenset[int]
    pointing: frozenset[int]
    headless: frozenset[int]
    # clauses that begin by speaking of what the clause before named ("…, ne hoitaa
    # omaishoidon tiimi eikä ne kuulu tähän"): looking back passes over them
    continuing: frozenset[int] = frozenset()

    def back_to(self, text: Text, clause: int, target: int) -> bool:
        """Whether looking back from a clause reaches a clause before it: the one just
        before, or one before a run of continuing clauses of the same sentence."""
        between = range(target + 1, clause)
        return target < clause and all(
            c in self.continuing
            and text.sentence[text.clause_span[c].start]
            == text.sentence[text.clause_span[clause].start]
            for c in between
        )

    def looks_back(self, rule: ContextRules, clause: int) -> bool:
        if clause in self.clauses:
            return True
        if clause in self.continuing and rule.category not in ("negated", "implies"):
            # "…, hänellä on kokemusta eikä hän tunne asiakkaita": a plain negation in a
            # continuing clause is of what that clause says
            return True
        if clause in self.pointing and "resources" in rule.allowed:
            return True
        return clause in self.headless and rule.category in _SAYS_WHAT_YOU_HAVE


class StancedMention(Record):
    """A mention with its stance and the words that set it (none for wanted or a bare
    mention of what you have)."""

    mention: Mention
    stance: Stance
    cue: tuple[str, ...] = ()


class Stanced(Record):
    """Stage 3's output: every mention with its stance, and the token positions whose
    words count for no method (set aside, passing, past, or of a negated mention)."""

    mentions: tuple[StancedMention, ...]
    aside: frozenset[int]
    negations: tuple[int, ...]  # where negations stand (a method named after one is refused)
    triggers: tuple[Trigger, ...]
    kept: frozenset[int] = frozenset()  # of `aside`, what a set-aside trigger speaks of
    # the groups (answers) named only where the text counts them or gives their ages,
    # beside another group: whom the service is for, passing here, heard in a plan
    served: frozenset[tuple[int, int]] = frozenset()
    # of `kept`, what a failure speaks of ("meni pieleen: Iida lähti kesken"): the risks
    # said there still count
    failed: frozenset[int] = frozenset()


class _Rules(Record):
    literals: LiteralIndex
    owners: tuple[ContextRules, ...]  # the rule of each literal of the index


@per_object_and_langs
def _rules(dataset: Dataset, langs: tuple[Lang, ...]) -> _Rules:
    """Every trigger literal of the description's language(s), indexed; those about what
    you have in either language ("ilman ulkopuolista vetäjää" in an English text still
    says there is none)."""
    context = dataset.language.context
    literals: list[str] = []
    owners: list[ContextRules] = []
    for rule in context.rules if context is not None else ():
        if rule.category == "terminate":
            continue  # the tokens stage ends clauses at them
        about_resources = bool(rule.allowed) and all(
            name.partition(":")[0] in _resource_keys(dataset) for name in rule.allowed
        )
        for lang in LANGS if about_resources else langs:
            for literal in rule.literals.get(lang):
                literals.append(literal)
                owners.append(rule)
    return _Rules(LiteralIndex(literals), tuple(owners))


def find_triggers(dataset: Dataset, text: Text) -> tuple[Trigger, ...]:
    """The triggers in the text, the longest where they overlap, pseudo ones dropped."""
    compiled = _rules(dataset, text.langs)
    found = [
        Trigger(compiled.owners[ident], positions)
        for ident, positions in compiled.literals.find(text.tokens)
    ]
    found = [t for t in found if _contrasted(text, t)]
    found.sort(key=lambda t: (-len(t.positions), t.first))
    taken: dict[int, tuple[int, ...]] = {}  # token position -> the span of the trigger there
    kept: list[Trigger] = []
    for trigger in found:
        # a longer trigger hides the ones inside it; rules with the same literal all hold
        if any(taken.get(p, trigger.positions) != trigger.positions for p in trigger.positions):
            continue
        taken.update((p, trigger.positions) for p in trigger.positions)
        if trigger.rule.category != "pseudo":
            kept.append(trigger)
    # "already said yes", "on jo lupautunut": a set-aside word just before words saying
    # you have something is of that, not of what the clause names
    saying = {t.first for t in kept if t.rule.category == "available"}
    kept = [
        t
        for t in kept
        if not (
            t.rule.category == "set-aside"
            and t.last + 1 in saying
            and text.clause[t.last] == text.clause[t.last + 1]
        )
    ]
    return tuple(sorted(kept, key=lambda t: t.first))


def _contrasted(text: Text, trigger: Trigger) -> bool:
    """Whether a trigger that needs a contrast ("not X but Y") has one after it, or
    opens a clause after another of its sentence ("one workshop, not a standing group")."""
    contrast = trigger.rule.contrast
    if not contrast:
        return True
    sentence = text.sentence[trigger.last]
    span = text.clause_span[text.clause[trigger.first]]
    opens = span.start == trigger.first
    # "one workshop, not a standing group": a short clause with no verb of its own; a
    # longer one has its own ("…, eikä isiä tai nuoria vanhempia juuri näy")
    short = len(span) <= _CONTRAST_CLAUSE
    if opens and short and trigger.first and text.sentence[trigger.first - 1] == sentence:
        return True
    for token in text.tokens[trigger.last + 1 :]:
        if text.sentence[token.pos] != sentence:
            return False
        if token.folded in contrast:
            return True
    return False


def set_stances(dataset: Dataset, text: Text, mentions: Sequence[Mention]) -> Stanced:
    """Each mention's stance, and the words that count for no method."""
    triggers = find_triggers(dataset, text)
    lone = Lone(
        _lone_clauses(dataset, text, triggers),
        _pointing_clauses(dataset, text),
        _headless_clauses(text, triggers),
        _continuing_clauses(dataset, text),
    )
    colons = frozenset(text.clause[p] for p in text.colons)
    by_unit: dict[tuple[str, int], list[Trigger]] = {}
    reaching_on: dict[int, list[Trigger]] = {}  # sentence -> its triggers that reach on
    for trigger in triggers:
        unit = _unit(text, trigger.rule, trigger.first)
        if unit[0] == "sentence" or (
            trigger.rule.category == "set-aside" and text.clause[trigger.first] in colons
        ):
            # one per sentence is enough: the nearest one (`_near`)
            reaching_on.setdefault(text.sentence[trigger.first], []).append(trigger)
        else:
            by_unit.setdefault(unit, []).append(trigger)
    resources = {n for n, q in enumerate(dataset.questions) if q.resources}
    out: list[StancedMention] = []
    implied: list[StancedMention] = []
    by_rule = {unit: _by_rule(found) for unit, found in by_unit.items()}
    for mention in mentions:
        reaching = _nearest_reaching(dataset, text, mention, by_rule, lone, colons)
        reaching += [
            t
            for t in _wide(text, mention, reaching_on)
            if _reaches(text, t, mention, lone, colons) and _speaks_of(dataset, t.rule, mention)
        ]
        if mention.term.question in resources:
            out.append(_have_stance(text, mention, reaching))
        else:
            out.append(_answer_stance(mention, reaching, text))
        implied.extend(_implied(dataset, text, out[-1], reaching))
    out = _said_next(dataset, text, out, triggers, resources)
    out = _lack_is_no_group(out, resources)
    # the rules of who and where weigh what is still wanted against what else is
    wanted = [i for i, s in enumerate(out) if s.stance == "wanted"]
    structural = _passing_by_who_and_where(dataset, text, [mentions[i] for i in wanted])
    for n, cue in structural.items():
        out[wanted[n]] = StancedMention(mentions[wanted[n]], "passing", cue)
    served = frozenset(
        mentions[wanted[n]].answer
        for n in _described_groups(dataset, text, [mentions[i] for i in wanted])
    )
    aside: set[int] = set()
    for stanced in out:
        if stanced.stance not in ("wanted", "available", "unsure"):
            aside.update(stanced.mention.positions)
    resource_keys = _resource_keys(dataset)
    kept: set[int] = set()
    failed: set[int] = set()
    for trigger in triggers:
        rule = trigger.rule
        about_resources = bool(rule.allowed) and all(
            name.partition(":")[0] in resource_keys for name in rule.allowed
        )
        # what is set aside, passing or past, or what the planner does not want ("we don't
        # need another panel"), counts for no method; a plain negation of what you have
        # only takes the words of what it negates, and a passing rule kept to some answers
        # ("daughters and sons of the residents") only the mentions it speaks of
        if (
            rule.category in ("set-aside", "hypothetical")
            or (rule.category == "passing" and not rule.allowed)
            or (rule.category == "negated" and not about_resources)
        ):
            scope = _scope(text, trigger, lone, colons)
            aside.update(scope)
            if rule.category == "set-aside" and rule.keeps:
                kept.update(scope)
                if rule.failure:
                    failed.update(scope)
    negations = tuple(t.first for t in triggers if t.rule.category == "negated")
    return Stanced(
        tuple(out + implied),
        frozenset(aside),
        negations,
        triggers,
        frozenset(kept),
        served,
        frozenset(failed),
    )


def _lack_is_no_group(
    stanced: Sequence[StancedMention], resources: set[int]
) -> list[StancedMention]:
    """Without the negated answers read from the very words of something you lack: "no
    interpreters on retainer" lacks an interpreter and says nothing against hearing the
    people who would need one."""
    lacking = {
        position
        for s in stanced
        if s.mention.term.question in resources and s.stance == "unavailable"
        for position in s.mention.positions
    }
    return [
        s
        for s in stanced
        if not (
            s.stance == "negated"
            and s.mention.term.question not in resources
            and set(s.mention.positions) <= lacking
        )
    ]


def _implied(
    dataset: Dataset, text: Text, stanced: StancedMention, reaching: Sequence[Trigger]
) -> list[StancedMention]:
    """What a wanted mention reached by an `implies` trigger reads too, wanted, with the
    trigger as its cue: "joilta ei saada palautetta" is feedback, and a group from whom
    feedback is hard to get."""
    found = _nearest(stanced.mention, [t for t in reaching if t.rule.category == "implies"])
    if found is None or stanced.stance != "wanted":
        return []
    question, _, value = found.rule.reads.partition(":")
    answer = answer_number(dataset, question, value)
    if answer is None:
        return []
    term = stanced.mention.term._replace(question=answer[0], value=answer[1], name=False)
    return [StancedMention(stanced.mention._replace(term=term), "wanted", _cue(text, found))]


def _said_next(
    dataset: Dataset,
    text: Text,
    stanced: list[StancedMention],
    triggers: Sequence[Trigger],
    resources: set[int],
) -> list[StancedMention]:
    """What you have, said to be unsure or only mentioned, takes the stance of the next
    sentence when that sentence speaks of someone by a pronoun (`language.same_person`),
    names nothing else you have and says it with words of having or lacking, not a plain
    negation: "Our facilitator would be Marko from the university.
    He confirmed on Friday that he can do it." Lacking wins over available, as in one
    sentence."""
    pronouns = _same_person(dataset)
    named_in = {
        text.sentence[p]
        for s in stanced
        if s.mention.term.question in resources
        for p in s.mention.positions
    }
    out = list(stanced)
    for n, found in enumerate(stanced):
        mention = found.mention
        if mention.term.question not in resources or found.stance != "unsure":
            continue
        after = text.sentence[mention.last] + 1
        span = text.sentence_span.get(after)
        if span is None or after in named_in:
            continue
        if not any(text.tokens[p].folded in pronouns for p in span):
            continue
        said = [
            t
            for t in triggers
            if text.sentence[t.first] == after
            # a plain negation there is of what that sentence says ("se ei oo nyt se juttu")
            and t.rule.category in ("available", "unavailable")
            and _speaks_of(dataset, t.rule, mention)
        ]
        lacking = [t for t in said if t.rule.category == "unavailable"]
        if lacking:
            out[n] = StancedMention(mention, "unavailable", _cue(text, lacking[0]))
        elif said:
            out[n] = StancedMention(mention, "available", _cue(text, said[0]))
    return out


@per_object
def _same_person(dataset: Dataset) -> frozenset[str]:
    same = dataset.language.same_person
    return frozenset(fold(term) for lang in LANGS for term in same.get(lang))


def _unit(text: Text, rule: ContextRules, position: int) -> tuple[str, int]:
    return (
        rule.scope,
        text.sentence[position] if rule.scope == "sentence" else text.clause[position],
    )


class _RuleTriggers(Record):
    """The triggers of one rule in one unit, in text order (they never overlap: where
    triggers overlap only the longest is kept), with where each begins and ends."""

    triggers: list[Trigger]
    firsts: list[int]
    lasts: list[int]


def _by_rule(found: list[Trigger]) -> list[_RuleTriggers]:
    groups: dict[int, list[Trigger]] = {}
    for trigger in found:  # in text order
        groups.setdefault(id(trigger.rule), []).append(trigger)
    return [
        _RuleTriggers(group, [t.first for t in group], [t.last for t in group])
        for group in groups.values()
    ]


def _nearest_reaching(
    dataset: Dataset,
    text: Text,
    mention: Mention,
    by_rule: dict[tuple[str, int], list[_RuleTriggers]],
    lone: Lone,
    colons: frozenset[int],
) -> list[Trigger]:
    """Of each rule that may speak of the mention, in its clauses and the clause after
    them (a lone trigger looking back), the triggers that reach it: those on it, and the
    nearest on each side. The stance takes the nearest trigger of a category, so the
    farther ones of a rule change nothing; looking outward only until one reaches keeps
    reading linear where a clause holds hundreds of triggers (a 5,000-character text
    without a comma took 813 ms, now 264 ms)."""
    out: list[Trigger] = []
    first, last = mention.first, mention.last
    for clause in range(text.clause[first], text.clause[last] + 2):
        for group in by_rule.get(("clause", clause), ()):
            if not _speaks_of(dataset, group.triggers[0].rule, mention):
                continue
            before = bisect_left(group.lasts, first)  # group.triggers[:before] end before it
            after = bisect_right(group.firsts, last)  # group.triggers[after:] begin after it
            found = [
                t for t in group.triggers[before:after] if _reaches(text, t, mention, lone, colons)
            ]
            for side in (range(before - 1, -1, -1), range(after, len(group.triggers))):
                for n in side:
                    trigger = group.triggers[n]
                    if _reaches(text, trigger, mention, lone, colons):
                        found.append(trigger)
                        break
                    if not _may_reach_further(trigger, mention):
                        break
            out += found
    return sorted(out, key=lambda t: (text.clause[t.first], t.first))


def _may_reach_further(trigger: Trigger, mention: Mention) -> bool:
    """Whether a trigger of the same rule farther out may still reach the mention: not
    when this one is already beyond the rule's scope in words, or looks the wrong way."""
    rule = trigger.rule
    after = mention.first > trigger.last
    if (after and rule.direction == "backward") or (not after and rule.direction == "forward"):
        return False
    distance = mention.first - trigger.last if after else trigger.first - mention.last
    return rule.max_scope is None or distance <= rule.max_scope


def _wide(text: Text, mention: Mention, reaching_on: dict[int, list[Trigger]]) -> list[Trigger]:
    """Of the mention's sentence, the nearest triggers that reach beyond their clause (a
    sentence's scope, a set-aside before a colon) on either side of it."""
    near: list[Trigger] = []
    first, last = mention.first, mention.last
    for sentence in range(text.sentence[first], text.sentence[last] + 1):
        wide = reaching_on.get(sentence, [])
        # the nearest before and after: `wide` is in text order
        at = bisect_left(wide, first, key=lambda t: t.last)
        near += wide[at - 1 : at] if at else []
        after = bisect_right(wide, last, key=lambda t: t.first)
        near += wide[after : after + 1]
    return near


def _reaches(
    text: Text, trigger: Trigger, mention: Mention, lone: Lone, colons: frozenset[int]
) -> bool:
    """Whether a trigger's scope holds the mention."""
    rule = trigger.rule
    clause = text.clause[trigger.first]
    within = text.bracket[trigger.first]
    if within and mention.first > trigger.last and text.bracket[mention.first] != within:
        # a trigger in a parenthesis speaks of it or of what comes before ("Bikva (tried
        # last year)", "(fine as it is)"), never of what follows: "haastattelija (on
        # tehnyt Bikvaa aiemmin) vetää arvioinnin" still leads the evaluation
        return False
    if (
        rule.category == "set-aside"
        and clause in colons
        and mention.first > trigger.last
        and text.sentence[mention.first] == text.sentence[trigger.first]
    ):
        return True  # "X toimii jo hyvin: meillä on Y ja Z"
    if set(trigger.positions) & set(mention.positions):
        # a trigger inside a mention says nothing of it ("ei tavoiteta" is a group); one
        # that holds the whole mention does ("nobody from outside"), or that begins
        # before it ("no budget for fees")
        return set(mention.positions) <= set(trigger.positions) or trigger.first < mention.first
    inside = text.relative[trigger.first] if rule.category == "negated" else 0
    if inside and not inside == text.relative[mention.first] == text.relative[mention.last]:
        # a plain negation in a relative clause is of that clause: "koollekutsuja, joka ei
        # ole perheen asioissa mukana"; "who is not available" (unavailable) still reaches
        return False
    unit = _unit(text, rule, trigger.first)
    same = unit in (_unit(text, rule, mention.first), _unit(text, rule, mention.last))
    before = mention.last < trigger.first
    after = mention.first > trigger.last
    if not same:
        # a lone trigger looking back speaks of the clause just before its own
        return (
            before
            and rule.direction != "forward"
            and lone.looks_back(rule, text.clause[trigger.first])
            and lone.back_to(text, text.clause[trigger.first], text.clause[mention.last])
        )
    if (after and rule.direction == "backward") or (before and rule.direction == "forward"):
        return False
    distance = mention.first - trigger.last if after else trigger.first - mention.last
    return rule.max_scope is None or distance <= rule.max_scope


def _speaks_of(dataset: Dataset, rule: ContextRules, mention: Mention) -> bool:
    """Whether a rule may set the stance of a mention's answer (`allowed`, `excluded`)."""
    question = dataset.questions[mention.term.question]
    names = (question.key, f"{question.key}:{question.values[mention.term.value].slug}")
    if rule.allowed and not any(name in rule.allowed for name in names):
        return False
    return not any(name in rule.excluded for name in names)


def _have_stance(text: Text, mention: Mention, triggers: Sequence[Trigger]) -> StancedMention:
    """What you have: lacking wins over unsure, unsure over available; bare is unsure.
    A title that only looks like it ("kehittämiskoordinaattori") is passing: no answer."""
    found = _nearest(mention, [t for t in triggers if t.rule.category == "passing"])
    if found is not None:
        return StancedMention(mention, "passing", _cue(text, found))
    checks: tuple[tuple[tuple[ContextCategory, ...], Stance], ...] = (
        (_NEGATIVE, "unavailable"),
        (_UNSURE, "unsure"),
    )
    for categories, stance in checks:
        found = _nearest(mention, [t for t in triggers if t.rule.category in categories])
        if found is not None:
            return StancedMention(mention, stance, _cue(text, found))
    if text.clause[mention.first] in text.questions:
        return StancedMention(mention, "unsure", _QUESTION_MARK)
    found = _nearest(mention, [t for t in triggers if t.rule.category == "available"])
    if found is not None:
        return StancedMention(mention, "available", _cue(text, found))
    return StancedMention(mention, "unsure")


def _answer_stance(mention: Mention, triggers: Sequence[Trigger], text: Text) -> StancedMention:
    """Any other answer: taken away by the strongest trigger that speaks of it; else
    wanted (the rules of who and where may still make it passing)."""
    for category, stance in _TAKEN_AWAY:
        found = _nearest(mention, [t for t in triggers if t.rule.category == category])
        if found is not None:
            return StancedMention(mention, stance, _cue(text, found))
    return StancedMention(mention, "wanted")


def _nearest(mention: Mention, triggers: Sequence[Trigger]) -> Trigger | None:
    return min(
        triggers,
        key=lambda t: abs(t.first - mention.first),
        default=None,
    )


def _cue(text: Text, trigger: Trigger) -> tuple[str, ...]:
    return tuple(text.tokens[p].text for p in trigger.positions)


def _scope(text: Text, trigger: Trigger, lone: Lone, colons: frozenset[int]) -> set[int]:
    """The token positions a trigger speaks of (its words count for no method)."""
    rule = trigger.rule
    span = (
        text.sentence_span[text.sentence[trigger.first]]
        if rule.scope == "sentence"
        else text.clause_span[text.clause[trigger.first]]
    )
    start, stop = span.start, span.stop
    if rule.direction == "backward":
        stop = min(stop, trigger.last + 1)
    if rule.direction == "forward":
        start = max(start, trigger.first)
    if rule.max_scope is not None:
        # only the words within reach: a clause of thousands of words is not walked
        # whole for each of its triggers (issue 26: linear in the text)
        start = max(start, trigger.first - rule.max_scope)
        stop = min(stop, trigger.last + rule.max_scope + 1)
    inside = text.relative[trigger.first] if rule.category == "negated" else 0
    positions = set()
    for pos in range(start, stop):
        if inside and text.relative[pos] != inside:
            continue  # as in `_reaches`
        positions.add(pos)
    clause = text.clause[trigger.first]
    if (
        rule.direction != "forward"
        and lone.looks_back(rule, clause)
        and clause - 1 in text.clause_span
    ):
        positions.update(text.clause_span[clause - 1])
    if rule.category == "set-aside" and clause in colons:
        sentence = text.sentence_span[text.sentence[trigger.last]]
        positions.update(range(trigger.last + 1, sentence.stop))
    return positions


def _lone_clauses(dataset: Dataset, text: Text, triggers: Sequence[Trigger]) -> frozenset[int]:
    """The clauses that hold a trigger looking back and nothing else but function words:
    "that's a separate job", "siihen ei ole rahaa"."""
    generic = _generic(dataset)
    trigger_at = {p for t in triggers for p in t.positions}
    terminate_at = text.breaks  # "but that's a separate job": "but" is no word of its own
    backward = {text.clause[t.first] for t in triggers if t.rule.direction != "forward"}
    own: set[int] = set()
    for word in text.token_words:
        pos = word.token.pos
        folded = word.token.folded
        if pos in trigger_at or _function_word(folded) or generic.has(word) or pos in terminate_at:
            continue
        own.add(text.clause[pos])
    return frozenset(backward - own)


_CONTRACTIONS = ("'s", "'ll", "'re", "'ve", "'d", "'m")  # "they'll" is "they" and "will"


def _function_word(folded: str) -> bool:
    """Whether a word is a function word, contracted ones too ("they'll", "that's")."""
    bare = folded.replace("\u2019", "'")
    for ending in _CONTRACTIONS:
        if bare.endswith(ending):
            bare = bare.removesuffix(ending)
            break
    return is_stopword(bare)


def _pointing_clauses(dataset: Dataset, text: Text) -> frozenset[int]:
    """The clauses that point back at something just named ("siihen", "one"): what
    they say of what you have speaks of the clause before too."""
    points = _refers_back(dataset)
    return frozenset(text.clause[w.token.pos] for w in text.token_words if points.has(w))


def _continuing_clauses(dataset: Dataset, text: Text) -> frozenset[int]:
    """The clauses after the first of their sentence that begin with a pronoun
    (`language.same_person`): they speak of what the clause before named."""
    pronouns = _same_person(dataset)
    return frozenset(
        clause
        for clause, span in text.clause_span.items()
        if _within_a_sentence(text, span) and _pronoun_first(text, span, pronouns)
    )


def _pronoun_first(text: Text, span: range, pronouns: frozenset[str]) -> bool:
    """Whether a clause begins with a pronoun, after the word that began it at most
    ("…, but that's just to tell the parents", "…, mutta se on eri juttu")."""
    first = span.start
    if first in text.breaks and first + 1 in span:
        first += 1
    return text.tokens[first].folded in pronouns


def _headless_clauses(text: Text, triggers: Sequence[Trigger]) -> frozenset[int]:
    """The clauses that begin with words saying whether you have something, their subject
    said in the clause before ("a lecturer at Laurea, has offered to run them")."""
    first_words: dict[int, int] = {}
    for word in text.token_words:
        if not _function_word(word.token.folded):
            first_words.setdefault(text.clause[word.token.pos], word.token.pos)
    return frozenset(
        text.clause[t.first]
        for t in triggers
        if t.rule.category in _SAYS_WHAT_YOU_HAVE
        and first_words.get(text.clause[t.first]) in t.positions
        # "…, but no budget for snacks": a clause a "but" begins says something else
        and text.clause_span[text.clause[t.first]].start not in text.breaks
        # a sentence's first clause has no subject before it: "We got budget for their
        # fees." says nothing of the experts the sentence before wanted
        and _within_a_sentence(text, text.clause_span[text.clause[t.first]])
    )


def _within_a_sentence(text: Text, span: range) -> bool:
    """Whether a clause follows another of its own sentence."""
    return bool(span.start) and text.sentence[span.start - 1] == text.sentence[span.start]


@per_object
def _refers_back(dataset: Dataset) -> WordSet:
    return word_set(dataset.language.refers_back)


def _resource_keys(dataset: Dataset) -> frozenset[str]:
    return frozenset(q.key for q in dataset.questions if q.resources)


@per_object
def _generic(dataset: Dataset) -> WordSet:
    return word_set(dataset.language.generic)


# -- who and where --------------------------------------------------------------------


def _passing_by_who_and_where(
    dataset: Dataset, text: Text, mentions: Sequence[Mention]
) -> dict[int, tuple[str, ...]]:
    """The mentions (by index) that a rule of who and where makes passing, with the words
    that show it."""
    passing: dict[int, tuple[str, ...]] = {}
    for found in (
        _whereabouts(dataset, text, mentions),
        _premises(dataset, text, mentions),
        _possessors(dataset, text, mentions),
        _described_groups(dataset, text, mentions),
    ):
        for index, cue in found.items():
            passing.setdefault(index, cue)
    return passing


def _groups_question(dataset: Dataset) -> int | None:
    """The question of who takes part: the one `language.ages` answers."""
    ages = dataset.language.ages
    return None if ages is None else question_number(dataset, ages.question)


def _whereabouts(
    dataset: Dataset, text: Text, mentions: Sequence[Mention]
) -> dict[int, tuple[str, ...]]:
    """Services named as where a family member is (`language.whereabouts`): a person's
    word, then a verb of being or going, then the service, in one clause; or as the
    person's own matter ("vanhempien päihteiden käyttö", "her mother's depression",
    "äidillä päihdeongelma")."""
    rule = dataset.language.whereabouts
    if rule is None:
        return {}
    service = question_number(dataset, rule.service)
    people = {answer_number(dataset, rule.people, value) for value in rule.values}
    persons = [m for m in mentions if m.answer in people]
    verbs = _verbs(dataset)
    verb_at = [word.token.pos for word in text.token_words if verbs.has(word)]
    found: dict[int, tuple[str, ...]] = {}
    for index, mention in enumerate(mentions):
        if mention.term.question != service:
            continue
        for person in persons:
            verb = next(
                (p for p in verb_at if person.last < p < mention.first),
                None,
            )
            # "äiti sairaalassa": a Finnish nominative right before the place; "perheille
            # päiväkodissa" (for families, in day care) is where the work is
            right_after = (
                mention.first - person.last == 1
                and "fi" in text.langs
                and not text.tokens[person.last].folded.endswith(("lle", "lla", "lta"))
            )
            if (
                (verb is not None or right_after)
                and text.clause[person.last] == text.clause[mention.first]
                and 0 < mention.first - person.last <= _WHEREABOUTS_NEAR
            ):
                found[index] = (*person.words(), *([text.tokens[verb].text] if verb else []))
                break
            owner = text.tokens[person.last]
            # "her mother's depression", "vanhempien päihteiden käyttö"; "äidillä
            # päihdeongelma" (the mother has one): the person's own matter
            has = "fi" in text.langs and owner.folded.endswith("lla")
            if mention.first - person.last == 1 and (_possessive(owner, text.langs) or has):
                found[index] = person.words()
                break
    return found


@per_object
def _verbs(dataset: Dataset) -> WordSet:
    rule = dataset.language.whereabouts
    return word_set(rule.verbs if rule is not None else Terms())


@per_object_and_langs
def _premises_phrases(dataset: Dataset, langs: tuple[Lang, ...]) -> PhraseIndex:
    rule = dataset.language.premises
    return PhraseIndex(phrases_of(rule.words, langs) if rule else ())


def _premises(
    dataset: Dataset, text: Text, mentions: Sequence[Mention]
) -> dict[int, tuple[str, ...]]:
    """Services named as a place nearby (`language.premises`: within `_PREMISES_NEAR`
    words of a premises word, in one sentence) when the text names a service otherwise."""
    rule = dataset.language.premises
    service = None if rule is None else question_number(dataset, rule.service)
    if service is None:
        return {}
    places = [found for _, found in _premises_phrases(dataset, text.langs).find(text.token_words)]
    placed: dict[int, tuple[str, ...]] = {}
    for index, mention in enumerate(mentions):
        if mention.term.question != service:
            continue
        for found in places:
            if text.sentence[found[0]] == text.sentence[mention.first] and (
                0 < mention.first - found[-1] <= _PREMISES_NEAR
                or 0 < found[0] - mention.last <= _PREMISES_NEAR
            ):
                placed[index] = tuple(text.tokens[p].text for p in found)
                break
    others = {
        mentions[i].term.value
        for i, m in enumerate(mentions)
        if m.term.question == service and i not in placed
    }
    if not others:
        return {}
    return {i: cue for i, cue in placed.items() if mentions[i].term.value not in others}


def _possessors(
    dataset: Dataset, text: Text, mentions: Sequence[Mention]
) -> dict[int, tuple[str, ...]]:
    """Groups named only as whose the taking-part group is: "asukkaiden omaiset", "lasten
    vanhemmat", "relatives of residents" (the relatives take part; "the young person's
    relatives" keeps the young person, who takes part in a family conference)."""
    question = _groups_question(dataset)
    groups = [(i, m) for i, m in enumerate(mentions) if m.term.question == question]
    starting: dict[int, list[Mention]] = {}
    ending: dict[int, list[Mention]] = {}
    values_at: dict[int, set[int]] = {}  # token position -> the groups named there
    for _, m in groups:
        starting.setdefault(m.first, []).append(m)
        ending.setdefault(m.last, []).append(m)
        for pos in m.positions:
            values_at.setdefault(pos, set()).add(m.term.value)
    owners: dict[int, tuple[str, ...]] = {}
    for index, match in groups:
        if all(kind == "modifier" for _, kind in match.used):
            # "kotoutumispalvelujen asiakkaat": a group named only by the first part of a
            # service's name (kotoutumis-) says who the clients are, not whose they are
            continue
        # "maahanmuuttajaperheiden vanhemmat": the owner word names the owned group too
        same_people = values_at.get(match.last, set())
        owned = _owned(text, match, starting, ending)
        for other in owned:
            if other.term.value == match.term.value or other.term.value in same_people:
                continue
            owners[index] = other.words()
            break
    kept = {mentions[i].term.value for i, _ in groups if i not in owners}
    return {i: cue for i, cue in owners.items() if mentions[i].term.value not in kept}


def _owned(
    text: Text,
    match: Mention,
    starting: dict[int, list[Mention]],
    ending: dict[int, list[Mention]],
) -> list[Mention]:
    """The groups a group word owns: the next word's, after a Finnish genitive ("asukkaiden
    omaiset"), or the one before "of" ("relatives of (the) residents")."""
    owner = text.tokens[match.last]
    owned: list[Mention] = []
    if "fi" in text.langs and _fi_genitive(owner):
        owned += [
            m for m in starting.get(match.last + 1, ()) if not _fi_genitive(text.tokens[m.first])
        ]
    for distance in range(1, 4):
        # "of" right after the owned group, at most three words before this one
        of_at = match.first - distance
        if of_at >= 1 and text.tokens[of_at].folded == _EN_OF:
            owned += ending.get(of_at - 1, [])
    return owned


def _described_groups(
    dataset: Dataset, text: Text, mentions: Sequence[Mention]
) -> dict[int, tuple[str, ...]]:
    """Groups named only where the text counts them or gives their ages ("the groups have
    children aged 1 to 5", "tulee 60 lasta") when another group is named elsewhere: the
    numbers describe whom the service is for, and the other group takes part."""
    question = _groups_question(dataset)
    if question is None:
        return {}
    described: dict[int, tuple[str, ...]] = {}  # clause -> the words that count or age
    for _, at, singular in text.ages:
        if not singular:
            for p in at:
                described[text.clause[p]] = tuple(text.tokens[q].text for q in at)
    groups = [(i, m) for i, m in enumerate(mentions) if m.term.question == question]
    for _, match in groups:  # "60 lasta", "20 children"; not "muistio 12.2.: 12-vuotiaan"
        before = text.tokens[match.first - 1] if match.first else None
        adjacent = (
            before is not None
            and not text.text[before.end : text.tokens[match.first].start].strip()
        )
        count = number(before.folded) if before is not None and adjacent else None
        if count is not None and count > 1:
            described[text.clause[match.first]] = (text.tokens[match.first - 1].text,)
    ages = dataset.language.ages
    values = dataset.questions[question].values
    traits = frozenset(ages.traits if ages else ())
    elsewhere = {
        m.term.value
        for _, m in groups
        if text.clause[m.first] not in described and values[m.term.value].slug not in traits
    }
    if not elsewhere:
        return {}
    # "12 residents with intellectual disabilities": a clause that also names a group
    # taking part elsewhere describes that group, who it is
    describing = {text.clause[m.first] for _, m in groups if m.term.value in elsewhere}
    return {
        i: described[text.clause[m.first]]
        for i, m in groups
        if m.term.value not in elsewhere
        and text.clause[m.first] in described
        and text.clause[m.first] not in describing
    }


def _possessive(token: Token, langs: tuple[Lang, ...]) -> bool:
    """A word in the genitive: "mother's", "parents'"; in Finnish "äidin", "vanhempien"."""
    folded = token.text.casefold()
    english = folded.endswith(("'s", "\u2019s", "s'", "s\u2019"))
    return english or ("fi" in langs and _fi_genitive(token))


def _fi_genitive(token: Token) -> bool:
    """A Finnish word that looks genitive: "äidin", "lasten", "omaisten"; not the -nen
    base form ("vammainen", "omainen")."""
    return token.folded.endswith("n") and not token.folded.endswith("nen")
