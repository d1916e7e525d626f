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
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["AddArguments", "Command", "CommandSet"]

AddArguments = Callable[[argparse.ArgumentParser], None]


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    add_arguments: AddArguments = _no_arguments


@dataclass
class CommandSet:
    """What plugins added: new commands, and options for existing ones (by command name)."""

    commands: dict[str, Command] = field(default_factory=dict)
    options: dict[str, list[AddArguments]] = field(default_factory=dict)

    def add(self, command: Command) -> None:
        if command.name in self.commands:
            raise ValueError(f"command {command.name!r} is added twice")
        self.commands[command.name] = command

    def add_options(self, command: str, add_arguments: AddArguments) -> None:
        self.options.setdefault(command, []).append(add_arguments)
