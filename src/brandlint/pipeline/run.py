"""A run: discovered files in, results out in input order, with the run's statistics.

:func:`run_files` drives any :class:`~brandlint.plugins.protocols.FileJob` (linting, the cached
linting, fixing):

1. every file that needs no work (missing, no format, a cache hit) is *settled* here;
2. the rest goes to a :class:`~brandlint.plugins.protocols.Runner` (this process, a process
   pool, a plugin's runner), see :func:`~brandlint.pipeline.runners.choose_runner`;
3. results come back in discovery order, whatever order the work finishes in, so the output is
   identical to ``--jobs 1``; ``job.finish`` runs here (the cache stores new results).

A run with one job, no named runner and no progress callback streams: each file is linted and
yielded before the next one is discovered.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..config.settings import Settings
from ..plugins.protocols import FileJob, WorkItem
from ..results import FileResult
from .cache import CachedLintJob
from .discovery import discover
from .lint_one import LintJob
from .options import RunOptions, RunStats, effective_jobs
from .runners import choose_runner

__all__ = ["Progress", "Run", "lint_paths", "run_files"]

R = TypeVar("R")
Progress = Callable[[int, int], None]
Found = Iterable[tuple[Path, Settings, bool]]


class Run(Generic[R]):
    """The results of a run, an iterator in input order; :attr:`stats` says how it went
    (complete once the iterator is exhausted)."""

    def __init__(self, results: Callable[[RunStats], Iterator[R]]) -> None:
        self.stats = RunStats()
        self._it = results(self.stats)

    def __iter__(self) -> Run[R]:
        return self

    def __next__(self) -> R:
        return next(self._it)

    def close(self) -> None:
        """Stop the run early (stops its worker processes)."""
        if isinstance(self._it, Generator):
            self._it.close()


_PENDING: Any = object()


def _stream(found: Found, job: FileJob, stats: RunStats) -> Iterator[Any]:
    stats.runner = "serial"
    for f, settings, explicit in found:
        stats.files += 1
        r = job.settle(f, settings, explicit)
        if r is not None:
            stats.settled += 1
        else:
            stats.here += 1
            r = job.finish(f, settings, job.work(f, settings))
        yield r


def _in_order(
    found: Found, job: FileJob, options: RunOptions, jobs: int, progress: Progress | None, stats: RunStats
) -> Iterator[Any]:
    items = list(found)
    total = stats.files = len(items)
    results: list[Any] = [_PENDING] * total
    todo: list[WorkItem] = []
    done = 0
    for i, (f, settings, explicit) in enumerate(items):
        r = job.settle(f, settings, explicit)
        if r is not None:
            results[i] = r
            done += 1
            if progress:
                progress(done, total)
            continue
        try:
            size = f.stat().st_size
        except OSError:
            size = 0
        todo.append(WorkItem(i, f, settings, size))
    stats.settled = done
    nxt = 0

    def ready() -> Iterator[Any]:  # each result is handed out once: O(1) per result overall
        nonlocal nxt
        while nxt < total and results[nxt] is not _PENDING:
            r, results[nxt] = results[nxt], None
            nxt += 1
            yield r

    yield from ready()
    runner = choose_runner(options, todo, jobs)
    finished = runner.run(job, todo)
    stats.workers, stats.runner = runner.workers, runner.name
    try:
        for item, output in finished:
            results[item.index] = job.finish(item.path, item.settings, output)
            done += 1
            if stats.workers:
                stats.in_workers += 1
            else:
                stats.here += 1
            if progress:
                progress(done, total)
            yield from ready()
    finally:
        if isinstance(finished, Generator):
            finished.close()  # an error or an abandoned run: stop the workers now
    yield from ready()


def run_files(found: Found, job: FileJob, options: RunOptions, progress: Progress | None = None) -> Run[Any]:
    """Run ``job`` over discovered ``(path, settings, explicit)`` items; results in their order."""
    jobs = effective_jobs(options.jobs)
    if jobs == 1 and progress is None and not options.runner:  # nothing needs the total up front
        return Run(lambda stats: _stream(found, job, stats))
    return Run(lambda stats: _in_order(found, job, options, jobs, progress, stats))


def lint_paths(
    paths: Iterable[str | Path] = (".",), *, options: RunOptions | None = None, progress: Progress | None = None
) -> Run[FileResult]:
    """Lint files and directories; yields one :class:`FileResult` per file, in a stable order.

    ``options.jobs`` > 1 lints in worker processes, with results identical to and in the same
    order as ``jobs=1``; ``options.cache`` reuses cached results (:mod:`brandlint.pipeline.cache`).
    ``progress(done, total)`` is called after each file. The returned :class:`Run` is an
    iterator; its ``stats`` tell how many files were settled, linted here or in workers.
    """
    opts = options or RunOptions()
    job: FileJob = CachedLintJob(opts) if opts.cache else LintJob(opts)
    return run_files(discover(paths, opts), job, opts, progress)
