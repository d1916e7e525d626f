"""Commands of the ``brandlint`` command line, as plugins add them (``brandlint_add_commands``).

A :class:`Command` is a name, a help line, a function that adds its arguments to an
``argparse`` parser and a handler ``run(args) -> exit code``. The core's own commands
(:mod:`brandlint.commands`) are built the same way. A plugin receives a :class:`CommandSet` in
the ``brandlint_add_commands`` hook and calls :meth:`CommandSet.add` for a new subcommand or
:meth:`CommandSet.add_options` to give an existing one more options::

    from brandlint.plugins import Command, hookimpl

    @hookimpl
    def brandlint_add_commands(commands):
        commands.add(Command("hello", "say hello", add_arguments=lambda p: p.add_argument("name"),
                             run=lambda args: print(f"hello {args.name}") or 0))
        commands.add_options("fix", lambda p: p.add_argument(
            "--polish", dest="fixer", action="store_const", const="polish", help="use the polish fixer"))

Handlers raise :class:`brandlint.errors.BrandlintError` for user errors (printed as ``error: ...``,
exit code 2); helpers for options every command shares are in :mod:`brandlint.commands.common`.

Plain classes (no dataclasses, no runtime typing): the command line imports this module first.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only (start-up: see the module docstring)
    from collections.abc import Callable

    AddArguments = Callable[[argparse.ArgumentParser], None]
    Handler = Callable[[argparse.Namespace], int]

__all__ = ["Command", "CommandSet"]


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


class Command:
    """A subcommand: ``name``, ``help``, ``run(args) -> exit code``, ``add_arguments(parser)``."""

    __slots__ = ("name", "help", "run", "add_arguments")

    def __init__(self, name: str, help: str, run: Handler, add_arguments: AddArguments = _no_arguments) -> None:
        self.name, self.help, self.run, self.add_arguments = name, help, run, add_arguments

    def __repr__(self) -> str:
        return f"Command({self.name!r})"


class CommandSet:
    """What plugins added: new commands, and options for existing ones (by command name)."""

    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}
        self.options: dict[str, list[AddArguments]] = {}

    def add(self, command: Command) -> None:
        if command.name in self.commands:
            raise ValueError(f"command {command.name!r} is added twice")
        self.commands[command.name] = command

    def add_options(self, command: str, add_arguments: AddArguments) -> None:
        self.options.setdefault(command, []).append(add_arguments)
