"""Stage 7, matters: whether a text of several matters asks, apart from one client's case,
about a service as well.

Planners write two things in one message: "(1) Mrs K, 78, … (2) Our manager wants us to
involve carers in redesigning respite", "Toinen: esimies toivoo, että kerätään nuorten
kokemuksia". A matter begins where a sentence begins with a number and a bracket or a
full stop ("2)", "(2)", "2.") or with words of `language.matters` ("Toinen asia:",
"Separate issue:"). Numbered matters begin at the first number, so what comes before is
a greeting or a heading; otherwise the text before the first such word is the first
matter. The text asks apart about the service when one matter speaks of a client's case
(`plan.case.answers`) and another, with no case in it, names who takes part, what for or
where: that one is development work of its own, not part of the case.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..model import Dataset, Lang
from ..records import Record
from ..textanalysis import per_object_and_langs
from .lexicon import PhraseIndex, phrases_of
from .stance import Stanced
from .tokens import Text

_NUMBERED = re.compile(r"\(?\d{1,2}[).](?!\d)")


class Matters(Record):
    """Stage 7's output: the first token of each matter (none when the text is one), and
    whether a matter with no case in it asks about a service while another is a case."""

    starts: tuple[int, ...] = ()
    apart: bool = False
    cases: frozenset[int] = frozenset()  # the matters (by number) that are a client's case

    def in_a_case(self, position: int) -> bool:
        """Whether a token position lies in a matter that is a client's case."""
        return _matter_of(self.starts, position) in self.cases


def read_matters(dataset: Dataset, text: Text, stanced: Stanced) -> Matters:
    """The matters of a text and whether one, apart from a client's case, asks for
    development."""
    starts = _starts(dataset, text)
    if len(starts) < 2:
        return Matters(starts)
    rules = dataset.plan.case
    case_answers = {(r.question, r.value) for r in rules.answers} if rules else set()
    case_in: set[int] = set()
    asks_in: set[int] = set()
    for found in stanced.mentions:
        if found.stance != "wanted":
            continue
        question = dataset.questions[found.mention.term.question]
        if question.resources:
            continue
        answer = (question.key, question.values[found.mention.term.value].slug)
        matter = _matter_of(starts, found.mention.first)
        if matter is None:
            continue
        (case_in if answer in case_answers else asks_in).add(matter)
    apart = bool(case_in) and bool(asks_in - case_in)
    return Matters(starts, apart, frozenset(case_in) if apart else frozenset())


def _matter_of(starts: tuple[int, ...], position: int) -> int | None:
    """The number of the matter a token position is in; None before the first."""
    number = bisect_right(starts, position) - 1
    return None if number < 0 else number


def _starts(dataset: Dataset, text: Text) -> tuple[int, ...]:
    """The first token of each matter, in order."""
    numbered = [
        span.start
        for span in text.sentence_span.values()
        if span and _NUMBERED.match(text.text, _line_start(text, span.start))
    ]
    firsts = {at[0] for _, at in _phrases(dataset, text.langs).find(text.token_words)}
    said = sorted(p for p in firsts if text.sentence_span[text.sentence[p]].start == p)
    if numbered:
        return tuple(sorted({*numbered, *(s for s in said if s > numbered[0])}))
    if said and said[0] > 0:
        return (0, *said)
    return tuple(said)


def _line_start(text: Text, position: int) -> int:
    """Where in the text the marks before a sentence's first token begin: after the
    previous token, past white space."""
    end = text.tokens[position - 1].end if position else 0
    between = text.text[end : text.tokens[position].start]
    stripped = between.lstrip(" \t\n.!?;:,")
    return text.tokens[position].start - len(stripped) if stripped else text.tokens[position].start


@per_object_and_langs
def _phrases(dataset: Dataset, langs: tuple[Lang, ...]) -> PhraseIndex:
    return PhraseIndex(phrases_of(dataset.language.matters, langs))
