"""Runners: where a run's per-file work happens, behind one interface
(:class:`~brandlint.plugins.protocols.Runner`).

* :class:`SerialRunner` works in this process;
* :class:`ProcessPoolRunner` works in a pool of worker processes (:mod:`brandlint.pipeline.pool`);
* plugins add more through the ``brandlint_runners`` hook (a cluster, say) and a run picks one
  by name with :attr:`RunOptions.runner <brandlint.pipeline.options.RunOptions.runner>`.

Without a name, :func:`choose_runner` lints small runs here (fewer than :data:`POOL_MIN_FILES`
files, or fewer bytes than starting workers costs) and larger ones in the process pool.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import BrandlintError
from ..plugins.protocols import FileJob, Runner, RunnerFactory, WorkItem
from .options import RunOptions

__all__ = [
    "BUILTIN_RUNNERS",
    "POOL_MIN_BYTES_LEXICAL",
    "POOL_MIN_BYTES_MODELS",
    "POOL_MIN_FILES",
    "ProcessPoolRunner",
    "SerialRunner",
    "choose_runner",
    "worth_a_pool",
]

#: below this many files to lint, a pool never pays for its start-up
POOL_MIN_FILES = 8
#: ... nor below this many bytes, for rule sets that need a model (spaCy, ONNX: "needs")
POOL_MIN_BYTES_MODELS = 64 * 1024
#: ... or this many for purely lexical rule sets (~100k words/s in one process)
POOL_MIN_BYTES_LEXICAL = 1024 * 1024


class SerialRunner:
    """Work on every item in this process, in order."""

    name = "serial"
    workers = 0

    def __init__(self, jobs: int = 1) -> None:
        pass

    def run(self, job: FileJob, items: Sequence[WorkItem]) -> Iterator[tuple[WorkItem, Any]]:
        for item in items:
            yield item, job.work(item.path, item.settings)


class ProcessPoolRunner:
    """Work in ``jobs`` worker processes (never more than there are items)."""

    name = "process"

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.workers = self.jobs

    def run(self, job: FileJob, items: Sequence[WorkItem]) -> Iterator[tuple[WorkItem, Any]]:
        self.workers = min(self.jobs, len(items))
        if not items:
            return iter(())
        # lazy: the pool's modules (concurrent.futures, multiprocessing: ~50 ms) load only for a pool
        from .pool import run_in_pool

        return run_in_pool(job, items, self.workers)


BUILTIN_RUNNERS: dict[str, RunnerFactory] = {"serial": SerialRunner, "process": ProcessPoolRunner}


def _needs_models(item: WorkItem) -> bool:
    try:
        return any(r.needs for r in item.settings.ruleset_for(item.path).rules)
    except Exception:  # a broken config is reported when the file is linted
        return True


def worth_a_pool(items: Sequence[WorkItem]) -> bool:
    """Whether linting ``items`` in workers beats linting them here (start-up costs ~0.3-2 s)."""
    if len(items) < POOL_MIN_FILES:
        return False
    size = sum(t.size for t in items)
    models = any(_needs_models(t) for t in items[:: max(1, len(items) // 16)])
    return size >= (POOL_MIN_BYTES_MODELS if models else POOL_MIN_BYTES_LEXICAL)


def choose_runner(options: RunOptions, items: Sequence[WorkItem], jobs: int) -> Runner:
    """The runner ``options.runner`` names (built in or a plugin's), else serial or process pool."""
    if options.runner:
        factories: dict[str, RunnerFactory] = dict(BUILTIN_RUNNERS)
        if items:
            factories.update(items[0].settings.registry.runners)
        factory = factories.get(options.runner)
        if factory is None:
            raise BrandlintError(
                f"unknown runner {options.runner!r}: choose from {', '.join(sorted(factories))} "
                "(plugins add runners; see `brandlint plugins`)"
            )
        return factory(jobs)
    if jobs > 1 and worth_a_pool(items):
        return ProcessPoolRunner(jobs)
    return SerialRunner()
