"""``brandlint init``: write a starter brandlint.toml."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import BrandlintError
from ..plugins.commands import Command
from .common import EXIT_CLEAN

STARTER = """# brandlint configuration: see brandlint.toml.example for every option.
# Rule packs to load: names of installed packs or directories of rule TOML files.
packs = ["ai-tells", "inclusive", "plain-language"]

# Enable everything from those packs. Style opinions that fire on almost every page of reference
# documentation (passive voice, long sentences, readability, weasel words, hedging...) are opt-in
# rules that "ALL" skips: `brandlint rules --all` marks them; turn one on by id, e.g.
#   extend-select = ["plain-language/passive-voice"]
select = ["ALL"]
ignore = []

# Lowest severity that makes `brandlint check` exit 1.
fail-on = "warning"

[formats.json]
# Which string values are prose (JSONPath-like selectors); keys are never linted.
prose = ["$..*"]
"""


def add_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.add_argument("path", nargs="?", default="brandlint.toml")


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.exists() and not args.force:
        raise BrandlintError(f"{path} already exists (use --force to overwrite)")
    path.write_text(STARTER, encoding="utf-8")
    print(f"wrote {path}")
    return EXIT_CLEAN


COMMAND = Command("init", "write a starter brandlint.toml", run=run, add_arguments=add_arguments)
