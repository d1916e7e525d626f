"""``brandlint import vale .vale.ini``: a Vale setup as brandlint.toml and TOML rule packs.

Every rule of every style the Vale config is based on is translated (see
:mod:`brandlint.vale.translate`) and written to ``<out>/<packs-dir>/<Style>/<Rule>.toml``; the
config names those packs and the .vale.ini's switches (the vocabulary folders are named in the
spelling rules, and Vale/Terms and Vale/Avoid hold its entries) (``Style.Rule =
NO`` → ``ignore``, a level → ``severity``). Rules that cannot be translated are listed with the
reason and left out; ``--list`` only prints that report (what ``vale-styles`` would load).
Existing files are never overwritten without ``--force``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..fileio import write_atomic
from ..plugins.commands import Command
from ..plugins.manager import get_registry
from ..vale.ini import read_vale_ini
from ..vale.styles import ValeLoad, load_styles
from .common import EXIT_CLEAN, EXIT_ERROR


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("tool", choices=["vale"], help="what to import from (vale: a .vale.ini)")
    p.add_argument("config", help="the Vale config file (.vale.ini)")
    p.add_argument("--out", default=".", help="folder to write brandlint.toml and the packs in (default: .)")
    p.add_argument("--packs-dir", default="vale-packs", help="folder under --out for the packs (default: vale-packs)")
    p.add_argument("--list", action="store_true", help="only list what loads and what cannot, write nothing")
    p.add_argument("--force", action="store_true", help="overwrite existing files")


def toml_value(value: Any) -> str:
    """A TOML value for a string, number, boolean or list of them (strings as TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        if "'" not in value and "\n" not in value and value.isprintable():
            return f"'{value}'"  # a literal string: patterns stay readable
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def rule_toml(data: dict[str, Any], header: str = "") -> str:
    """A rule file: scalar and list keys first, then one ``[table]`` per mapping."""
    lines = [header] if header else []
    tables = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {toml_value(value)}")
    for key, table in tables:
        lines.append(f"\n[{key}]")
        lines.extend(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"


def report(load: ValeLoad, out: Any = sys.stdout) -> None:
    """What loaded and what did not, one untranslated rule a line with the reason."""
    n_ok, n_bad = len(load.translated), len(load.untranslated)
    print(f"{n_ok} Vale rules translated, {n_bad} not.", file=out)
    for u in load.untranslated:
        print(f"  not loaded: {u.path}: {u.reason}", file=out)
    for t in load.translated:
        for note in t.notes:
            print(f"  approximated: {t.path}: {note}", file=out)
    for note in load.notes:
        print(f"  note: {note}", file=out)


def _relative(path: str, start: Path) -> str:
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:
        return path


def run(args: argparse.Namespace) -> int:
    try:
        ini = read_vale_ini(Path(args.config).resolve())
        load = load_styles([ini.styles_path], ini.based_on, get_registry([]).kinds, ini.vocab, ini)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if args.list:
        report(load)
        return EXIT_CLEAN
    out = Path(args.out).resolve()
    files: dict[Path, str] = {}
    packs: list[str] = []
    for t in load.translated:
        style = Path(t.path).parent.name if t.path != "<Vale>" else "Vale"
        pack_dir = out / args.packs_dir / style
        if f"{args.packs_dir}/{style}" not in packs:
            packs.append(f"{args.packs_dir}/{style}")
        data = dict(t.data)
        if data.get("kind") == "spelling" and load.vocab_dirs and not data.get("vocab"):
            data["vocab"] = list(load.vocab_dirs)  # as loading does, through the config's vocab
        for key in ("vocab", "ignore"):
            if key in data:
                data[key] = [_relative(v, pack_dir) for v in data[key]]
        for key in ("dicpath", "dic", "aff"):
            if key in data:
                data[key] = _relative(data[key], pack_dir)
        header = f"# Translated from Vale: {_relative(t.path, out) if t.path != '<Vale>' else 'built-in Vale style'}"
        for note in t.notes:
            header += f"\n# approximated: {note}"
        files[pack_dir / f"{t.name}.toml"] = rule_toml(data, header)
    cfg: dict[str, Any] = {"packs": packs}
    if ini.disabled:
        cfg["ignore"] = [k.replace(".", "/") for k in ini.disabled]
    text = rule_toml(cfg, f"# Imported from {_relative(str(ini.path), out)} by `brandlint import vale`.")
    if ini.levels:
        text += "\n[severity]\n" + "".join(
            f"{json.dumps(k.replace('.', '/'))} = {json.dumps(v)}\n" for k, v in ini.levels.items()
        )
    files[out / "brandlint.toml"] = text
    existing = [p for p in files if p.exists()]
    if existing and not args.force:
        print(f"error: {existing[0]} exists (and {len(existing) - 1} more); use --force to overwrite", file=sys.stderr)
        return EXIT_ERROR
    for path, content in files.items():
        write_atomic(path, content.encode("utf-8"), make_parents=True)
    print(f"Wrote {out / 'brandlint.toml'} and {len(files) - 1} rules in {len(packs)} packs.")
    report(load)
    return EXIT_CLEAN


COMMAND = Command("import", "import a Vale setup (.vale.ini) as brandlint.toml and packs", run, add_arguments)
