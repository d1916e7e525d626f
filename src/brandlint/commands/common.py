"""What every command shares: exit codes, the options that select config and rules, and
turning parsed arguments into :class:`~brandlint.pipeline.RunOptions`.

Public for plugins that add commands (``brandlint_add_commands``).
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ..config.settings import Settings
from ..errors import BrandlintError
from ..findings import Severity
from ..pipeline import RunOptions

if TYPE_CHECKING:
    from ..corpus import CorpusRequest

__all__ = [
    "EXIT_CLEAN",
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "add_config_option",
    "add_engine_options",
    "corpus_request",
    "record_files",
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


def add_engine_options(p: argparse.ArgumentParser) -> None:
    """``--engine``, ``--address``, ``--workers``, ``--chunk-bytes``: run on a cluster engine."""
    g = p.add_argument_group("cluster engine (JSONL corpora; e.g. Ray: pip install 'brandlint[ray]')")
    g.add_argument("--engine", metavar="NAME", help="run on this engine (a plugin's, e.g. ray) instead of locally")
    g.add_argument("--address", metavar="ADDR", help="join this cluster (Ray: host:port); default: start a local one")
    g.add_argument(
        "--workers", type=jobs_arg, default=0, metavar="N", help="engine workers (default 0: one per cluster CPU)"
    )
    g.add_argument(
        "--chunk-bytes",
        type=int,
        default=None,
        metavar="N",
        help="bytes of JSONL per unit of work and output shard (default: ~4 per worker, 64 KiB to 2 MiB)",
    )


def corpus_request(
    args: argparse.Namespace, opts: RunOptions, files: list[Path], *, severity: Severity, out_dir: Path | None = None
) -> CorpusRequest:
    """What ``--engine`` is asked to do, from parsed arguments (``filter`` or ``check``)."""
    # lazy: the corpus machinery (fixing, shards) loads only for --engine runs
    from ..corpus import CorpusRequest

    ns = vars(args)
    if ns.get("chunk_bytes") is not None and ns["chunk_bytes"] < 1:
        raise BrandlintError("--chunk-bytes must be at least 1")
    # workers elsewhere (another node, another working folder) get absolute paths only
    opts = dataclasses.replace(opts, config=opts.config.resolve() if opts.config else None)
    return CorpusRequest(
        mode="check" if out_dir is not None else "filter",
        files=files,
        options=opts,
        engine_name=ns["engine"],
        out_dir=out_dir,
        passed=Path(ns["passed"]).resolve() if ns.get("passed") else None,
        failed=Path(ns["failed"]).resolve() if ns.get("failed") else None,
        severity=severity,
        fix=bool(ns.get("fix")),
        unsafe=bool(ns.get("unsafe_fixes")),
        address=ns.get("address"),
        workers=ns.get("workers") or 0,
        chunk_bytes=ns.get("chunk_bytes") or 0,
    )


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


def record_files(paths: list[str], args: argparse.Namespace, *, outputs: tuple[Path, ...] = ()) -> list[Path]:
    """The JSONL files of ``paths`` (:func:`brandlint.corpus.corpus_files`) for a command's options."""
    # lazy: the corpus machinery (fixing, shards) loads only for filter and --engine runs
    from ..corpus import corpus_files

    return corpus_files(paths, run_options(args), outputs=outputs)


def settings_here(args: argparse.Namespace) -> Settings:
    """The settings of the current folder for a command's ``--config`` / selection options."""
    opts = run_options(args)
    assert opts.cwd is not None
    return opts.settings_for(opts.cwd)
