"""TAB completion of answer values, KEY=VALUE pairs and method ids, from the dataset in use.

Completion must never break the shell: anything that goes wrong completes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

# Where Typer keeps the scripts, their installer and its completion protocol; its own
# --show-completion takes no shell, so the CLI has its own options around them.
from typer._completion_classes import completion_init as completion_init
from typer._completion_shared import get_completion_script, install

from .dataset import load_dataset
from .i18n import pick_language
from .model import Dataset, Lang, Value

F = TypeVar("F", bound=Callable[..., Any])


def completes(function: F) -> F | None:
    """An option's completion function, only in a run the shell started to complete.

    Typer inspects every completion function of a command when it builds it (about
    50 µs each, a dozen in `recommend`), which every other run would pay for nothing.
    """
    return function if COMPLETE_VARIABLE in os.environ else None


def _dataset(ctx: Any = None) -> tuple[Dataset, Lang] | None:
    """The dataset in use and the language (--lang on the line being completed, else the
    environment's), or None: completion must never break the shell."""
    try:
        given = None
        while ctx is not None and given is None:
            given = ctx.params.get("lang")
            ctx = ctx.parent
        return load_dataset(None), pick_language(given)
    except Exception:
        return None


def complete_values(question: str) -> Callable[[Any, str], list[tuple[str, str]]]:
    """Each value the typed start can begin, once, by the word the user is writing: in
    Finnish its Finnish name (-s va<TAB>: varhaiskasvatus, vanhuspalvelut, ...)."""

    def complete(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        loaded = _dataset(ctx)
        if loaded is None:
            return []
        dataset, lang = loaded
        start = incomplete.casefold()
        found = []
        for value in dataset.question(question).values:
            word = next(
                (w for w in value_words(value, lang) if w.casefold().startswith(start)), None
            )
            if word is not None:
                found.append((word, value.label.get(lang)))
        return found

    return complete


def value_words(value: Value, lang: Lang) -> list[str]:
    """The words a value can be typed as, one shell word each: its names in `lang` first
    (the label, then the aliases; a name of several words joined with hyphens, as the
    matcher reads it), then in the other language; the slug first in English (the slugs
    are English words) and last in Finnish."""
    other: Lang = "en" if lang == "fi" else "fi"
    names = [value.label.get(lang), *value.aliases.get(lang)]
    names += [value.label.get(other), *value.aliases.get(other)]
    names = [value.slug, *names] if lang == "en" else [*names, value.slug]
    words = [name.replace(" ", "-") for name in names if "- " not in name]
    return list(dict.fromkeys(words))


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


def complete_languages(incomplete: str) -> list[tuple[str, str]]:
    """--lang: the languages the tool speaks, each named in its own language."""
    return [(code, name) for code, name in LANGUAGES if code.startswith(incomplete)]


def complete_shells(incomplete: str) -> list[str]:
    return [shell for shell in SHELLS if shell.startswith(incomplete)]


# -- the shell's side: the script that asks the CLI for completions ------------------------

LANGUAGES = (("fi", "suomi"), ("en", "English"))
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
COMPLETE_VARIABLE = "_OSALLISUUS_COMPLETE"  # as Typer names it for the program osallisuus


def user_shell() -> str:
    """The user's login shell by name ($SHELL), "" when it is none we can complete for."""
    name = Path(os.environ.get("SHELL", "")).name
    return name if name in SHELLS else ""


def completion_script(shell: str, prog: str) -> str:
    """The script that, sourced in `shell`, completes `prog`'s commands and values."""
    # Typer's own completion classes (its protocol for each shell), which an app without
    # Typer's --install-completion does not register by itself.
    completion_init()
    return get_completion_script(prog_name=prog, complete_var=COMPLETE_VARIABLE, shell=shell)


def install_completion(shell: str, prog: str) -> Path:
    """Install the completion script where `shell` reads it; the file written."""
    completion_init()
    _, path = install(shell=shell, prog_name=prog, complete_var=COMPLETE_VARIABLE)
    return path
