"""TAB completion of answer values, KEY=VALUE pairs and method ids, from the dataset in use.

Completion must never break the shell: anything that goes wrong completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from .dataset import load_dataset
from .i18n import pick_language
from .model import Dataset, Lang


def _dataset() -> tuple[Dataset, Lang] | None:
    """The dataset in use and the language, or None: completion must never break the shell."""
    try:
        return load_dataset(None), pick_language(None)
    except Exception:
        return None


def complete_values(question: str) -> Callable[[str], list[tuple[str, str]]]:
    def complete(incomplete: str) -> list[tuple[str, str]]:
        loaded = _dataset()
        if loaded is None:
            return []
        dataset, lang = loaded
        values = dataset.question(question).values
        return [(v.slug, v.label.get(lang)) for v in values if v.slug.startswith(incomplete)]

    return complete


def complete_methods(incomplete: str) -> list[tuple[str, str]]:
    loaded = _dataset()
    if loaded is None:
        return []
    dataset, lang = loaded
    return [(m.id, m.name.get(lang)) for m in dataset.methods if m.id.startswith(incomplete)]


def complete_pairs(incomplete: str) -> list[tuple[str, str]]:
    """KEY=VALUE for --answer: every question's values, whatever the dataset asks."""
    loaded = _dataset()
    if loaded is None:
        return []
    dataset, lang = loaded
    pairs = [
        (f"{q.key}={v.slug}", f"{q.label.get(lang)}: {v.label.get(lang)}")
        for q in dataset.questions
        for v in q.values
    ]
    return [pair for pair in pairs if pair[0].startswith(incomplete)]
