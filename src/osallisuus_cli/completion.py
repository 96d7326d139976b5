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
from .model import Dataset, Lang

F = TypeVar("F", bound=Callable[..., Any])


def completes(function: F) -> F | None:
    """An option's completion function, only in a run the shell started to complete.

    Typer inspects every completion function of a command when it builds it (about
    50 µs each, a dozen in `recommend`), which every other run would pay for nothing.
    """
    return function if COMPLETE_VARIABLE in os.environ else None


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
