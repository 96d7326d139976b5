"""Selecting methods from the catalogue: filters for `list`, picks for `compare` and `export`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .errors import UsageError
from .i18n import both
from .lookup import find_method, resolve_value
from .model import Dataset, Method

# `list` names the groups a method is mainly for: a fit of at least this share of the
# scale (4/5), so that a method that suits everyone a little does not list everyone.
MAIN_SHARE = 0.8


def main_values(dataset: Dataset, method: Method, question: str) -> tuple[str, ...]:
    """The values of a question the method is mainly for, best first: its fits of 4/5 and
    up, else (a method that fits nothing that well) its best fits."""
    fits = sorted(method.fits_for(question), key=lambda f: -f.weight)
    floor = MAIN_SHARE * dataset.max_weight
    main = [f.value for f in fits if f.weight >= floor - 1e-9]
    if not main and fits:
        main = [f.value for f in fits if f.weight == fits[0].weight]
    return tuple(main)


def filter_methods(
    dataset: Dataset, target_groups: Sequence[str] = (), settings: Sequence[str] = ()
) -> tuple[Method, ...]:
    """Methods that fit any of the given target groups and any of the given settings.

    The values may be slugs, aliases or inflected words; UsageError for unknown ones.
    """
    groups = _resolve_all(dataset, "target_groups", target_groups)
    services = _resolve_all(dataset, "settings", settings)

    def fits(method: Method, question: str, wanted: Sequence[str]) -> bool:
        return not wanted or any(method.fit(question, value) for value in wanted)

    return tuple(
        m
        for m in dataset.methods
        if fits(m, "target_groups", groups) and fits(m, "settings", services)
    )


def _resolve_all(dataset: Dataset, question: str, raw: Sequence[str]) -> list[str]:
    if not raw:
        return []
    return [resolve_value(dataset.question(question), value) for value in raw]


def pick_methods(dataset: Dataset, names: Iterable[str]) -> tuple[Method, ...]:
    """The methods named (id, name or alias), each once, in the order given."""
    picked: dict[str, Method] = {}
    for name in names:
        method = find_method(dataset, name)
        picked.setdefault(method.id, method)
    return tuple(picked.values())


def pick_for_compare(dataset: Dataset, names: Sequence[str]) -> tuple[Method, ...]:
    methods = pick_methods(dataset, names)
    if len(methods) < 2:
        raise UsageError(both("compare_needs_two"))
    return methods
