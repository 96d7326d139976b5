"""Resolve free-form words to an answer value's slug or to a method, in either language.

The canonical slug or id, as scripts write it, is found here at once; any other words
go to `matching.py` (the exact words, inflected, with small typos, a similar
spelling). Unknown or ambiguous input is a UsageError naming the closest.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import matching
from .errors import UsageError
from .i18n import both, each, either
from .model import Bilingual, Dataset, Method, Question


def resolve_value(question: Question, raw: str, guess: bool = True) -> str:
    """The canonical slug for a value typed in Finnish or English, inflected or mistyped
    (`guess=False`: only exact or inflected words, no typos)."""
    slugs = value_matches(question, raw, guess)
    if len(slugs) == 1:
        return slugs[0]
    if slugs:
        values = named(question, slugs)
        words = both("value_ambiguous", given=repr(raw), values=values, flag=question.flag)
        raise UsageError(words, slugs)
    closest = closest_values(question, raw)
    words = both(
        "value_unknown", given=repr(raw), flag=question.flag, closest=named(question, closest)
    )
    raise UsageError(words, closest)


def named(question: Question, slugs: Sequence[str]) -> Bilingual:
    """Values as a list in words: in Finnish by their Finnish names, which the option takes
    as well as the slugs; in English by their slugs (English words themselves)."""
    finnish = [question.value_label(slug, "fi") for slug in slugs]
    return Bilingual(fi=either(finnish).fi, en=either(slugs).en)


def value_matches(question: Question, raw: str, guess: bool = True) -> tuple[str, ...]:
    """The slugs the words can mean: one, several (ambiguous) or none."""
    if question.value(raw) is not None:
        return (raw,)  # a slug as scripts and saved answers give it: no analyser needed
    return matching.value_matches(question, raw, guess)


def closest_values(question: Question, raw: str) -> tuple[str, ...]:
    """The values spelled most like the words, for a suggestion."""
    return matching.closest_values(question, raw)


def find_method(dataset: Dataset, name: str) -> Method:
    """The method an id, name or alias in either language means, typo-tolerant."""
    method = dataset.method(name)
    if method is not None:
        return method  # an id as scripts give it: no analyser needed
    found = matching.method_matches(dataset, name)
    if len(found) == 1:
        return dataset.methods[found[0]]
    ids = tuple(dataset.methods[i].id for i in found)
    if ids:
        raise UsageError(both("method_ambiguous", given=repr(name), ids=each(ids)), ids)
    closest = tuple(dataset.methods[i].id for i in matching.closest_methods(dataset, name))
    raise UsageError(both("method_unknown", given=repr(name), closest=either(closest)), closest)
