"""The ``brandlint`` command: build the parser (core commands + plugins' ``brandlint_add_commands``),
dispatch, and map errors to exit codes. No command logic here (see :mod:`brandlint.commands`).

Only the command that runs is loaded: its module is imported by name once the command line
names it, so ``brandlint --help`` and ``brandlint --version`` stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .commands import CORE_COMMANDS
from .config.trust import trust_everything
from .errors import BrandlintError
from .plugins.commands import Command, CommandSet

EXIT_CLEAN, EXIT_ERROR = 0, 2


def _invoked(argv: Sequence[str]) -> str | None:
    """The command the arguments name (the first one that is not an option), if any."""
    return next((a for a in argv if not a.startswith("-")), None)


def _take_trust(args: list[str]) -> list[str]:
    """Remove ``--trust`` (before ``--``) wherever it is and trust this run's configs."""
    end = args.index("--") if "--" in args else len(args)
    if "--trust" not in args[:end]:
        return args
    trust_everything()
    return [a for a in args[:end] if a != "--trust"] + args[end:]


def load_command(name: str) -> Command:
    """A core command's :class:`Command`, importing its module (see the module docstring)."""
    ref = next(r for r in CORE_COMMANDS if r.name == name)
    command = importlib.import_module(ref.module).COMMAND
    assert isinstance(command, Command) and command.name == name
    return command


def build_parser(plugins: CommandSet | None = None, *, load: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser: every core command (with its arguments when in ``load``, default: all) and
    what plugins added (``plugins``: new commands, options for existing ones)."""
    plugins = plugins if plugins is not None else CommandSet()
    parser = argparse.ArgumentParser(prog="brandlint", description="Lint content against a brand's guidelines.")
    parser.add_argument("--version", action="version", version=f"brandlint {__version__}")
    parser.add_argument(
        "--trust",
        action="store_true",
        help="let config files import code (plugin-paths, a model path); accepted before or after "
        "the command; see docs/security.md",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    core = {r.name for r in CORE_COMMANDS}
    for ref in CORE_COMMANDS:
        p = sub.add_parser(ref.name, help=ref.help)
        if load is None or ref.name in load:
            command = load_command(ref.name)
            command.add_arguments(p)
            for add in plugins.options.get(ref.name, ()):
                add(p)
            p.set_defaults(handler=command.run)
    for name, command in plugins.commands.items():
        if name in core:
            print(
                f"warning: a plugin's command {name!r} is ignored: brandlint has a command of that name",
                file=sys.stderr,
            )
            continue
        p = sub.add_parser(name, help=command.help)
        command.add_arguments(p)
        for add in plugins.options.get(name, ()):
            add(p)
        p.set_defaults(handler=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    args_in = _take_trust(args_in)
    name = _invoked(args_in)
    plugins = CommandSet()
    if args_in[:1] != ["--version"]:
        # lazy: the plugin registry (pluggy, importlib.metadata: ~50 ms) loads when a command runs
        from .plugins.manager import get_registry

        # installed plugins (entry points) may add commands and options; a broken one is reported
        # when settings load (and by `brandlint plugins`)
        plugins = get_registry(strict=False).commands
    parser = build_parser(plugins, load=[name] if name else [])
    args = parser.parse_args(args_in)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        return args.handler(args)
    except BrandlintError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
