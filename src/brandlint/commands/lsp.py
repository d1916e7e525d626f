"""``brandlint lsp``: the language server for editors (LSP over stdio)."""

from __future__ import annotations

import argparse

from ..plugins.commands import Command
from .common import EXIT_CLEAN


def add_arguments(lsp: argparse.ArgumentParser) -> None:
    lsp.add_argument(
        "--stdio", action="store_true", help="talk over stdin/stdout (the default; accepted for editors that pass it)"
    )


def run(args: argparse.Namespace) -> int:
    # lazy: the language server's modules load pygls, which no other command needs
    from ..lsp import start_io

    start_io()
    return EXIT_CLEAN


COMMAND = Command("lsp", "run the language server for editors (LSP over stdio)", run=run, add_arguments=add_arguments)
