"""``brandlint init``: write a starter brandlint.toml."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..errors import BrandlintError
from ..pipeline import RunOptions, discover
from ..plugins.commands import Command
from .common import EXIT_CLEAN
from .prose_fields import detect_prose_fields, selectors

#: At most this many JSON / JSONL files (and bytes) are read to detect prose fields.
MAX_FILES = 200
MAX_BYTES = 64 << 20

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
"""


def add_arguments(init: argparse.ArgumentParser) -> None:
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.add_argument("path", nargs="?", default="brandlint.toml")


def run(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if path.exists() and not args.force:
        raise BrandlintError(f"{path} already exists (use --force to overwrite)")
    text = STARTER
    for fmt, found in _json_files(path.resolve().parent).items():
        text += "\n" + _prose_section(fmt, found)
    if "[formats.json]" not in text:
        text += "\n" + _prose_section("json", [])
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return EXIT_CLEAN


def _json_files(root: Path) -> dict[str, list[Path]]:
    """JSON and JSONL files under ``root`` that `check` would lint (git's ignore rules apply)."""
    found: dict[str, list[Path]] = {}
    total = 0
    for f, settings, _ in discover([root], RunOptions(cwd=root)):
        fmt = settings.registry.format_for(str(f))
        if fmt is None or fmt.name not in ("json", "jsonl"):
            continue
        size = f.stat().st_size
        if sum(map(len, found.values())) >= MAX_FILES or total + size > MAX_BYTES:
            break
        total += size
        found.setdefault(fmt.name, []).append(f)
    return found


def _prose_section(fmt: str, files: list[Path]) -> str:
    """``[formats.<fmt>]`` with the prose fields detected in ``files`` (printed, and commented)."""
    head = f"[formats.{fmt}]\n# Which string values are prose (JSONPath-like selectors); keys are never linted.\n"
    if not files:
        return head + (
            "# No JSON files were found: every string value is linted. Name your prose fields, e.g.\n"
            '# prose = ["$..description", "$..summary"], or run `brandlint init --force` once you have JSON.\n'
            'prose = ["$..*"]\n'
        )
    chosen = selectors(detect_prose_fields(files))
    n = f"{len(files)} {fmt.upper()} file{'s' if len(files) != 1 else ''}"
    if not chosen:
        print(f"{fmt}: no field of {n} reads as prose; [formats.{fmt}] prose = [] (nothing linted)")
        return head + f"# Detected by `brandlint init`: no field of {n} reads as prose.\nprose = []\n"
    print(f"{fmt}: prose fields detected in {n}:")
    for sel, st in chosen:
        print(f"  {sel}: {st.prose} of {st.strings} values read as prose ({st.words} words)")
    lines = [
        f"# Detected by `brandlint init` in {n}: fields whose values mostly read as sentences.",
        "# Never: $ref and other $-keywords, ids, URLs, types and formats, enum values, keys.",
        "prose = [",
        *(f"  {json.dumps(sel)},  # {st.prose} of {st.strings} values, {st.words} words" for sel, st in chosen),
        "]",
    ]
    return head + "\n".join(lines) + "\n"


COMMAND = Command("init", "write a starter brandlint.toml", run=run, add_arguments=add_arguments)
