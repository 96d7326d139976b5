"""Answer values and method names as people type them, in Finnish or English.

Canonical slugs and ids, which scripts and saved answers use, are recognised
here without loading the text analyser; anything else (other case, Finnish or
English words, inflected forms, typos) goes to `lookup.py`.
"""

from __future__ import annotations

from .model import Dataset, Method, Question


def resolve_value(question: Question, raw: str) -> str:
    """The canonical slug for a value; UsageError naming the closest when unknown."""
    if question.value(raw) is not None:
        return raw
    from .lookup import resolve_value_words

    return resolve_value_words(question, raw)


def find_method(dataset: Dataset, name: str) -> Method:
    """The method an id, name or alias means; UsageError listing candidates otherwise."""
    method = dataset.method(name)
    if method is not None:
        return method
    from .lookup import find_method_words

    return find_method_words(dataset, name)
