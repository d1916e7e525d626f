"""What a run is asked to do (:class:`RunOptions`) and what it did (:class:`RunStats`).

The leaf of the pipeline: it imports the config layer only. :class:`RunOptions` is picklable
(it travels to worker processes, which rebuild settings from it) and is the one place that
turns "this path, these command-line selectors" into :class:`~brandlint.config.settings.Settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config.settings import Settings, find_config, load_settings
from ..textutil import plural

__all__ = ["RunOptions", "RunStats", "effective_jobs"]


@dataclass
class RunOptions:
    config: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    cwd: Path | None = None
    overrides: dict[str, Any] | None = None
    #: worker processes for :func:`brandlint.lint_paths`: 1 lints in this process; 0 or None: one
    #: per idle CPU (:func:`effective_jobs`)
    jobs: int | None = 1
    #: reuse results from the result cache (:mod:`brandlint.pipeline.cache`) and store new ones
    cache: bool = False
    #: cache directory; default ``$BRANDLINT_CACHE_DIR`` or ``<config root>/.brandlint_cache``
    cache_dir: Path | None = None
    #: apply exclude / extend-exclude / .gitignore to explicitly named files too (pre-commit)
    force_exclude: bool = False
    #: a registered runner by name (``serial``, ``process``, or a plugin's); None: chosen by size
    runner: str | None = None

    def settings_for(self, path: Path | str) -> Settings:
        """The settings of ``path``: the ``config`` given, else the nearest config file above it
        (a folder: its own), with this run's selectors and overrides applied. Cached per process."""
        p = Path(path)
        cfg = self.config or find_config(p)
        return load_settings(
            cfg,
            cwd=self.cwd,
            select=self.select,
            ignore=self.ignore,
            extend_select=self.extend_select,
            overrides=self.overrides,
        )


def usable_cpus() -> int:
    """CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def effective_jobs(jobs: int | None, *, load: float | None = None) -> int:
    """``jobs`` with 0 / None meaning one per *idle* CPU this process may use, at least one.

    Idle: the CPUs minus the 1-minute load average (``load``; default ``os.getloadavg()``).
    On a machine whose CPUs other work keeps busy, worker processes only add their start-up and
    the parent's bookkeeping (measured with ``bench/bench_jobs.py``: a pool of two was 0.76-0.93x
    of ``-j 1`` on two CPUs at a load average of 8-19), so the default is then ``-j 1``.
    """
    if jobs:
        return max(1, int(jobs))
    cpus = usable_cpus()
    if load is None:
        try:
            load = os.getloadavg()[0]
        except (AttributeError, OSError):
            load = 0.0
    return max(1, min(cpus, round(cpus - load)))


@dataclass
class RunStats:
    """What one run did (``check -v``): returned with the run, never kept globally."""

    files: int = 0
    settled: int = 0  # missing, no format, or served from the cache
    here: int = 0  # worked on in this process
    in_workers: int = 0
    workers: int = 0
    runner: str = ""

    def line(self) -> str:
        where = (
            f"{self.in_workers} in {plural(self.workers, 'worker process')}"
            if self.workers
            else f"{self.here} in this process"
        )
        return f"files: {self.files}, {self.settled} without linting (cache, skipped), linted {where}"
