"""Read a free-text situation: what it asks for, how it speaks of each thing it names,
what you have, and how near each method it is.

The reader is a pipeline; each stage is a module and its output a typed record:

1. `tokens`: the words, analysed, with sentences, clauses and ages (`tokens.Text`);
2. `mentions`: every term of the dataset's vocabulary the text contains, one word
   answering one question (`mentions.Mentions`);
3. `stance`: how the text speaks of each mention, after ConText, with the words that
   set it (`stance.Stanced`);
4. `answers`: what the wanted mentions answer, and what you have (`answers.Answered`);
5. `relevance`: each method's nearness to the text, and from which words
   (`relevance.Relevance`);
6. `timing`: the deadlines it gives and who decides (`model.Timing`);
7. `matters`: whether, beside one client's case, another matter of the text asks about
   a service (`matters.Matters`);
8. `asked`: the questions of its own the text asks that a plan answers (`plan.asked`).

Answers come from the dataset only (its lexicon and its `language` section), so an
unrelated sentence yields nothing rather than a guess.
"""

from __future__ import annotations

from ..model import Dataset, Timing, Understood
from ..records import Record
from . import warm
from .answers import ages_given, risks_named, served_groups, to_answers
from .asked import topics_asked
from .matters import Matters, read_matters
from .mentions import find_mentions
from .relevance import rate
from .stance import Stanced, set_stances
from .timing import read_timing, with_deadline
from .tokens import Text, read_tokens


class Reading(Record):
    """What a description says: every reading with its stance (answers, what you have,
    and what it names but does not ask for), relevance per method, the methods it names,
    and per method the words of the text that matched it."""

    understood: tuple[Understood, ...]
    relevance: dict[str, float]
    named: frozenset[str]
    matched: dict[str, tuple[str, ...]]
    ages: tuple[int, ...] = ()  # the ages given to those taking part (wanted mentions)
    risks: tuple[str, ...] = ()  # the risks named (`language.risks`), not set aside
    in_place: frozenset[str] = frozenset()  # methods named or cued where set aside
    discussed: frozenset[str] = frozenset()  # methods named or cued anywhere
    timing: Timing = Timing()  # the deadlines and deciders named
    served: tuple[str, ...] = ()  # groups counted or aged as whom the service is for
    # when another matter than a client's case asks about a service (`matters.Matters`):
    # the readings of the text outside the case's matters, for the development track
    development: tuple[Understood, ...] | None = None
    asked: tuple[str, ...] = ()  # the questions it asks (`plan.asked`), by slug


def read(dataset: Dataset, text: str) -> Reading:
    """Everything a description says, stage by stage."""
    warm.restore(dataset)
    tokens = read_tokens(dataset, text)
    mentions = find_mentions(dataset, tokens).mentions
    stanced = set_stances(dataset, tokens, mentions)
    answered = to_answers(dataset, tokens, stanced)
    rated = rate(dataset, tokens, stanced, mentions)
    ages = ages_given(dataset, tokens, stanced)
    # a risk in the past still counts ("has threatened staff before"), and one said of
    # what failed ("Iida walked out"); one set aside not
    risks = risks_named(dataset, tokens, stanced.kept - stanced.failed, stanced.negations)
    timing = read_timing(dataset, tokens, stanced.aside)
    matters = read_matters(dataset, tokens, stanced)
    asked = topics_asked(dataset, tokens)
    warm.keep(dataset)
    return Reading(
        with_deadline(dataset, answered.understood, timing),
        rated.scores,
        rated.named,
        rated.matched,
        ages,
        risks,
        rated.in_place,
        rated.discussed,
        timing,
        served_groups(dataset, stanced, answered.understood),
        _outside_the_case(dataset, tokens, stanced, matters, timing),
        asked,
    )


def _outside_the_case(
    dataset: Dataset, text: Text, stanced: Stanced, matters: Matters, timing: Timing
) -> tuple[Understood, ...] | None:
    """With a matter apart from a client's case: what the text answers outside the
    matters that are the case (the development work's own who, what for and where)."""
    if not matters.apart:
        return None
    kept = tuple(s for s in stanced.mentions if not matters.in_a_case(s.mention.first))
    answered = to_answers(dataset, text, stanced._replace(mentions=kept))
    return with_deadline(dataset, answered.understood, timing)


def understand(dataset: Dataset, text: str) -> tuple[Understood, ...]:
    """The answers a description asks for, each with the words it came from."""
    return tuple(u for u in read(dataset, text).understood if u.stance == "wanted")


def relevance(dataset: Dataset, text: str) -> dict[str, float]:
    """Each method's text relevance 0..1 (see `read`)."""
    return read(dataset, text).relevance
