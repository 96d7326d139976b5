"""The command line as Click sees it, worded in the run's language.

Typer builds the root command (`Root`) and its commands (`Command`) from `cli.py`,
whose help texts and metavars are keys of `i18n.py`. Before parsing, `Root.main`
picks the run's language from its arguments (the last --lang) or the environment,
and words every help text, heading, metavar and the usage line in it; the help
option is worded the same way. Click and Typer name these in English only.

`Root.main` also lets --show-completion and --install-completion be given with or
without a shell (Click's options take a value always or never): without one, the
user's login shell is meant. `misplaced` tells `edge.py` where an option the command
line did not take belongs.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer.core

from .completion import COMPLETE_VARIABLE, SHELLS, completion_init, user_shell
from .edge import PROG, Misplaced
from .i18n import each, language_of, t
from .model import Lang

SHELL_OPTIONS = ("--show-completion", "--install-completion")


class Command(typer.core.TyperCommand):
    """A command whose help reads in the run's language."""

    lang: Lang = "en"

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter, self.lang)

    def get_help_option(self, ctx: Any) -> Any:
        return _worded_help(super().get_help_option(ctx), self.lang)


class Root(typer.core.TyperGroup):
    """The root command: the global options and the commands, in the run's language."""

    lang: Lang = "en"
    worded = False

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        if not self.worded:
            self.word(language_of(arguments))
        if COMPLETE_VARIABLE in os.environ:
            completion_init()  # Typer's protocol for each shell
        return super().main(with_shell(arguments), *rest, **extra)

    def word(self, lang: Lang) -> None:
        """Say everything the help shows in `lang`."""
        self.lang, self.worded = lang, True
        _word(self, lang)
        self.subcommand_metavar = t("metavar_command", lang)
        for command in self.commands.values():
            _word(command, lang)
            if isinstance(command, Command):
                command.lang = lang

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter, self.lang)

    def get_help_option(self, ctx: Any) -> Any:
        return _worded_help(super().get_help_option(ctx), self.lang)


def _usage(command: Any, ctx: Any, formatter: Any, lang: Lang) -> None:
    """The usage line, "Usage: osallisuus [OPTIONS] ...", in `lang`."""
    pieces = " ".join(command.collect_usage_pieces(ctx))
    formatter.write_usage(ctx.command_path, pieces, prefix=t("help_usage", lang))


def _worded_help(option: Any, lang: Lang) -> Any:
    """Click's own -h/--help option, made on demand, with its help in `lang`."""
    if isinstance(option, typer.core.TyperOption):
        option.help = t("help_help", lang)
        option.rich_help_panel = t("help_options", lang)
    return option


def _word(command: Any, lang: Lang) -> None:
    """A command's help, options and headings in `lang` (their texts are keys of i18n.py)."""
    if command.help:
        command.help = t(command.help, lang)
    command.rich_help_panel = t("help_commands", lang)
    command.options_metavar = t("metavar_options", lang)
    for param in command.params:
        if isinstance(param, typer.core.TyperArgument):
            param.rich_help_panel = t("help_arguments", lang)
        elif isinstance(param, typer.core.TyperOption):
            param.rich_help_panel = t("help_options", lang)
        else:
            continue
        if param.help:
            param.help = t(param.help, lang)
        if param.metavar:
            param.metavar = t(param.metavar, lang)


def with_shell(args: Sequence[str]) -> list[str]:
    """The arguments with the login shell after a --show-completion or --install-completion
    that names none ("" when it is no shell we complete for: the option then says so)."""
    out = list(args)
    for index, arg in enumerate(out):
        if arg == "--":
            break
        if arg in SHELL_OPTIONS and (index + 1 == len(out) or out[index + 1] not in SHELLS):
            out[index] = f"{arg}={user_shell()}"
    return out


# -- a misplaced option ---------------------------------------------------------------


def misplaced(args: Sequence[str], every_command: Callable[[], Any]) -> Misplaced:
    """Where an option the command line did not take belongs, said with the command line
    corrected: after the command that takes it, or before the command (the root's).
    `every_command` builds the root with all its commands."""

    def where(option: str, lang: Lang) -> str:
        group = every_command()
        running = next((arg for arg in args if arg in group.commands), None)
        if any(_names(p, option) for p in group.params):
            return t("option_of_root", lang, option=option, example=_moved(args, option))
        homes = {
            name: param
            for name, command in group.commands.items()
            for param in command.params
            if _names(param, option)
        }
        if not homes:
            return ""
        value = not getattr(next(iter(homes.values())), "is_flag", False)
        commands = each(homes)
        if running in homes:
            example = _moved(args, option, running, value)
            return t("option_of_command", lang, option=option, commands=commands, example=example)
        # Another command's option: shown with its own command.
        at = args.index(option) if option in args else len(args)
        example = shlex.join([PROG, next(iter(homes)), *args[at : at + 1 + value]])
        return t("option_elsewhere", lang, option=option, commands=commands, example=example)

    return where


def _names(param: Any, option: str) -> bool:
    return option in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ()))


def _moved(
    args: Sequence[str], option: str, command: str | None = None, value: bool = False
) -> str:
    """The command line with `option` (and its value) moved right after `command`, or to the
    front when it is the root's (`command` None)."""
    rest = list(args)
    at = rest.index(option) if option in rest else len(rest)
    moved = rest[at : at + 1 + value] or [option]
    del rest[at : at + len(moved)]
    if command is None:
        return shlex.join([PROG, *moved, *rest])
    place = rest.index(command) + 1
    return shlex.join([PROG, *rest[:place], *moved, *rest[place:]])
