"""What every command shares: exit codes, the options that select config and rules, and
turning parsed arguments into :class:`~brandlint.pipeline.RunOptions`.

Public for plugins that add commands (``brandlint_add_commands``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config.settings import Settings
from ..errors import BrandlintError
from ..pipeline import RunOptions

__all__ = [
    "EXIT_CLEAN",
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "add_config_option",
    "add_fix_options",
    "add_run_options",
    "add_selection_options",
    "csv",
    "jobs_arg",
    "run_options",
    "settings_here",
]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def csv(values: list[str] | None) -> tuple[str, ...]:
    """``--select a,b --select c`` as ``("a", "b", "c")``."""
    out: list[str] = []
    for v in values or ():
        out += [x.strip() for x in v.split(",") if x.strip()]
    return tuple(out)


def add_config_option(p: argparse.ArgumentParser, help: str = "use this config file for every path") -> None:
    p.add_argument("--config", metavar="FILE", help=help)


def add_selection_options(p: argparse.ArgumentParser) -> None:
    """``--config``, ``--select``, ``--extend-select``, ``--ignore``."""
    add_config_option(p)
    p.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="comma-separated packs or rule ids to enable (replaces config)",
    )
    p.add_argument("--extend-select", action="append", metavar="RULES", help="enable these in addition")
    p.add_argument("--ignore", action="append", metavar="RULES", help="packs or rule ids to disable")


def add_fix_options(p: argparse.ArgumentParser, *, check: bool = False) -> None:
    """Fix options shared by `fix` and `check --fix`."""
    if check:
        p.add_argument("--fix", action="store_true", help="apply safe fixes, then report what remains")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    p.add_argument(
        "--diff", action="store_true", help="print a unified diff of the fixes and write nothing (exit 1 if any)"
    )
    p.add_argument("--show-fixes", action="store_true", help="list the fixes applied (rule and count per file)")


def jobs_arg(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes (0: one per idle CPU), got {value!r}")
    return n


def add_run_options(p: argparse.ArgumentParser, *, check: bool = False) -> None:
    """Scale and file-selection options of `check` and `fix`."""
    p.add_argument(
        "--jobs",
        "-j",
        type=jobs_arg,
        default=None,
        metavar="N",
        help="lint in N worker processes (default: one per idle CPU; 1: in this process)",
    )
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude, extend-exclude and .gitignore to files named on the command line too (pre-commit)",
    )
    if check:
        p.add_argument(
            "--no-cache",
            action="store_true",
            help="do not read or write the result cache (.brandlint_cache/, or $BRANDLINT_CACHE_DIR)",
        )
        p.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def run_options(args: argparse.Namespace, cwd: Path | None = None) -> RunOptions:
    """The run's options from parsed arguments (options a command lacks take their defaults)."""
    ns = vars(args)
    cfg = Path(ns["config"]) if ns.get("config") else None
    if cfg is not None and not cfg.is_file():
        raise BrandlintError(f"config file not found: {cfg}")
    return RunOptions(
        config=cfg,
        select=csv(ns.get("select")),
        ignore=csv(ns.get("ignore")),
        extend_select=csv(ns.get("extend_select")),
        cwd=cwd or Path.cwd(),
        jobs=ns.get("jobs", 1),
        cache="no_cache" in ns and not ns["no_cache"],
        force_exclude=bool(ns.get("force_exclude")),
    )


def settings_here(args: argparse.Namespace) -> Settings:
    """The settings of the current folder for a command's ``--config`` / selection options."""
    opts = run_options(args)
    assert opts.cwd is not None
    return opts.settings_for(opts.cwd)
