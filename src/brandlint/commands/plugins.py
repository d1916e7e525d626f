"""``brandlint plugins``: the loaded plugins and what each registers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config.settings import check_trust, find_config, read_config_file
from ..plugins.commands import Command
from ..plugins.manager import build_registry
from .common import EXIT_CLEAN, EXIT_ERROR, add_config_option


def add_arguments(plugins: argparse.ArgumentParser) -> None:
    add_config_option(plugins, help="also load this config's plugin-paths")


def run(args: argparse.Namespace) -> int:
    cfg = Path(args.config) if args.config else find_config(Path.cwd())
    paths: list[Path] = []
    if cfg:
        data, origins = read_config_file(cfg)
        check_trust(data, origins, {})
        base = origins.get("plugin-paths", cfg.resolve().parent)
        paths = [base / p for p in data.get("plugin-paths", ())]
    reg = build_registry(paths)
    for info in reg.plugins:
        print(f"{info.name}  ({info.version}, {info.origin})")
        for what, names in sorted(info.registers.items()):
            print(f"    {what}: {', '.join(names)}")
    for name, reason in reg.failures:
        print(f"error: plugin {name!r} failed to load: {reason}", file=sys.stderr)
    return EXIT_ERROR if reg.failures else EXIT_CLEAN


COMMAND = Command("plugins", "list loaded plugins and what each registers", run=run, add_arguments=add_arguments)
