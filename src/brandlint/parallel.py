"""Many files: the result cache, then a worker pool for what is left; results in input order.

:func:`lint_many` is what :func:`brandlint.runner.lint_paths` runs when a run uses the cache,
more than one job, or a progress callback:

1. every discovered file that needs no linting (missing, no format) or has a valid cache entry
   is settled in this process;
2. the rest is linted in this process when it is small (fewer than :data:`POOL_MIN_FILES`
   files, or fewer bytes than starting workers costs), else in a pool of worker processes;
3. results come back in discovery order, whatever order workers finish in, so the output is
   identical to ``--jobs 1``; new results are stored in the cache by this process.

Workers are started with ``forkserver`` where the platform has it, else ``spawn`` (see
:func:`mp_context`): each worker is a fresh single-threaded process that builds settings and
loads models (spaCy, ONNX) once, on its first file, through the per-process caches of
``runner``/``settings``/``nlp``, and keeps them for every later file. ``fork`` would start
faster, but it copies whatever threads the parent has (the executor's own management thread, a
progress bar's refresh thread, an embedding application's threads) and can deadlock; Python
3.12 warns about it and 3.14 no longer defaults to it. Set ``BRANDLINT_MP_START`` to
``fork``, ``forkserver`` or ``spawn`` to override.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import BrandlintError

#: below this many files to lint, a pool never pays for its start-up
POOL_MIN_FILES = 8
#: ... nor below this many bytes, for rule sets that need a model (spaCy, ONNX: "needs")
POOL_MIN_BYTES_MODELS = 64 * 1024
#: ... or this many for purely lexical rule sets (~100k words/s in one process)
POOL_MIN_BYTES_LEXICAL = 1024 * 1024


@dataclass
class _Todo:
    index: int
    path: Path
    settings: Any
    size: int
    config_token: str | None  # None: the cache is off for this file


def mp_context():
    """The multiprocessing context for worker pools (see the module docstring)."""
    import multiprocessing as mp  # here, not at import: the CLI's start-up stays lean
    methods = mp.get_all_start_methods()
    method = os.environ.get("BRANDLINT_MP_START", "")
    if method not in methods:
        method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        # imported once in the fork server, not once per worker
        ctx.set_forkserver_preload(["brandlint.runner", "brandlint.parallel"])
    return ctx


@contextmanager
def _workers_skip_main():
    """Start workers without re-running the caller's ``__main__`` in them.

    ``spawn`` and ``forkserver`` children normally re-import the parent's main script (which
    fails for ``python -c``/stdin, and re-runs scripts that lack an ``if __name__ ==
    "__main__"`` guard). Workers only need brandlint (settings are rebuilt from the config),
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


def _init_worker() -> None:
    import signal
    # Ctrl-C goes to the whole process group: the parent handles it and stops the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _WorkerError(Exception):
    """A BrandlintError raised in a worker, carried back as plain text (it always pickles)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message, exit_code)
        self.message, self.exit_code = message, exit_code


def _fix_in_worker(path: str, options: Any, unsafe: bool, max_passes: int, diff_only: bool) -> tuple[Any, None]:
    from . import runner
    from .fixing import fix_file
    p = Path(path)
    try:
        settings = runner._settings_for(p, options)
        return fix_file(p, settings, unsafe=unsafe, max_passes=max_passes, diff_only=diff_only), None
    except BrandlintError as exc:
        raise _WorkerError(str(exc), exc.exit_code) from None


def _lint_in_worker(path: str, options: Any, want_digest: bool) -> tuple[Any, str | None]:
    from . import runner
    p = Path(path)
    try:
        settings = runner._settings_for(p, options)
        if want_digest:
            return runner.lint_file_hashed(p, settings)
        return runner.lint_file(p, settings), None
    except BrandlintError as exc:
        raise _WorkerError(str(exc), exc.exit_code) from None


# -------------------------------------------------------------------------------------------
# In the parent


def _needs_models(settings: Any, path: Path) -> bool:
    try:
        return any(getattr(r, "needs", ()) for r in settings.ruleset_for(path).rules)
    except Exception:
        return True


def worth_a_pool(todo: list[_Todo]) -> bool:
    """Whether linting ``todo`` in workers beats linting it here (start-up costs ~0.3-2 s)."""
    if len(todo) < POOL_MIN_FILES:
        return False
    size = sum(t.size for t in todo)
    models = any(_needs_models(t.settings, t.path) for t in todo[:: max(1, len(todo) // 16)])
    return size >= (POOL_MIN_BYTES_MODELS if models else POOL_MIN_BYTES_LEXICAL)


@dataclass
class RunStats:
    """What the last :func:`lint_many` / :func:`fix_many` of this process did (``check -v``)."""

    files: int = 0
    settled: int = 0  # missing, no format, or served from the cache
    here: int = 0  # linted in this process
    in_workers: int = 0
    workers: int = 0

    def line(self) -> str:
        where = (f"{self.in_workers} in {self.workers} worker process{'es' * (self.workers != 1)}"
                 if self.workers else f"{self.here} in this process")
        return f"files: {self.files}, {self.settled} without linting (cache, skipped), linted {where}"


last_run = RunStats()


def _collect(found: Iterable[tuple[Path, Any, bool]], settle: Callable[[Path, Any, bool], tuple[Any, str | None]],
             progress: Callable[[int, int], None] | None) -> tuple[list[Any], list[_Todo], int]:
    """Settle what needs no work; the rest becomes :class:`_Todo` items (with their sizes)."""
    items = list(found)
    results: list[Any] = [None] * len(items)
    todo: list[_Todo] = []
    count = 0
    for i, (f, settings, explicit) in enumerate(items):
        r, ctok = settle(f, settings, explicit)
        if r is not None:
            results[i] = r
            count += 1
            if progress:
                progress(count, len(items))
            continue
        try:
            size = f.stat().st_size
        except OSError:
            size = 0
        todo.append(_Todo(i, f, settings, size, ctok))
    return results, todo, count


def _in_order(results: list[Any], todo: list[_Todo], count: int, jobs: int, opts: Any,
              here: Callable[[_Todo], tuple[Any, str | None]], worker: Callable[..., Any],
              worker_args: Callable[[_Todo], tuple], done: Callable[[_Todo, Any, str | None], None],
              progress: Callable[[int, int], None] | None) -> Iterator[Any]:
    """Run ``todo`` here or in a pool; yield every result in input order as soon as it can be."""
    global last_run
    total = len(results)
    stats = last_run = RunStats(files=total, settled=count)
    nxt = 0

    def ready() -> Iterator[Any]:
        nonlocal nxt
        while nxt < total and results[nxt] is not None:
            r, results[nxt] = results[nxt], None
            nxt += 1
            yield r

    yield from ready()
    if jobs > 1 and worth_a_pool(todo):
        stats.workers = min(jobs, len(todo))
        finished = _run_pool(todo, opts, stats.workers, worker, worker_args)
    else:
        finished = ((t, *here(t)) for t in todo)
    for t, res, digest in finished:
        done(t, res, digest)
        results[t.index] = res
        count += 1
        if stats.workers:
            stats.in_workers += 1
        else:
            stats.here += 1
        if progress:
            progress(count, total)
        yield from ready()
    yield from ready()


def lint_many(found: Iterable[tuple[Path, Any, bool]], opts: Any, jobs: int,
              progress: Callable[[int, int], None] | None = None) -> Iterator[Any]:
    """Lint discovered ``(path, settings, explicit)`` items; yield results in their order."""
    from . import cache as C
    from .runner import _settled, lint_file, lint_file_hashed

    global last_run
    if jobs == 1 and progress is None:  # stream: nothing needs the total up front
        stats = last_run = RunStats()
        for f, settings, explicit in found:
            stats.files += 1
            r = _settled(f, settings, explicit)
            ctok = None
            if r is None and opts.cache:
                r, ctok = _lookup(f, settings, opts)
            if r is not None:
                stats.settled += 1
            else:
                stats.here += 1
                r = _lint_and_store(f, settings, opts, ctok) if ctok is not None else lint_file(f, settings)
            yield r
        return

    def settle(f: Path, settings: Any, explicit: bool) -> tuple[Any, str | None]:
        r = _settled(f, settings, explicit)
        if r is None and opts.cache:
            return _lookup(f, settings, opts)
        return r, None

    def here(t: _Todo) -> tuple[Any, str | None]:
        if t.config_token is not None:
            return lint_file_hashed(t.path, t.settings)
        return lint_file(t.path, t.settings), None

    def done(t: _Todo, res: Any, digest: str | None) -> None:
        if t.config_token is not None and digest is not None:
            C.cache_for(t.settings, opts.cache_dir).store(C.entry_key(t.config_token, t.path, digest), res)

    results, todo, count = _collect(found, settle, progress)
    yield from _in_order(results, todo, count, jobs, opts, here, _lint_in_worker,
                         lambda t: (str(t.path), opts, t.config_token is not None), done, progress)


def fix_many(found: Iterable[tuple[Path, Any, bool]], opts: Any, jobs: int, *, unsafe: bool,
             max_passes: int, diff_only: bool) -> Iterator[Any]:
    """``brandlint fix`` over many files: each file fixed (and written) by one worker."""
    from .fixing import fix_discovered, fix_file

    def settle(f: Path, settings: Any, explicit: bool) -> tuple[Any, None]:
        if not f.exists() or (explicit and settings.registry.format_for(str(f)) is None):
            return fix_discovered(f, settings, explicit, unsafe=unsafe, max_passes=max_passes,
                                  diff_only=diff_only), None
        return None, None

    def here(t: _Todo) -> tuple[Any, None]:
        return fix_file(t.path, t.settings, unsafe=unsafe, max_passes=max_passes, diff_only=diff_only), None

    results, todo, count = _collect(found, settle, None)
    yield from _in_order(results, todo, count, jobs, opts, here, _fix_in_worker,
                         lambda t: (str(t.path), opts, unsafe, max_passes, diff_only),
                         lambda *_: None, None)


def _lookup(f: Path, settings: Any, opts: Any) -> tuple[Any, str | None]:
    """(cached result or None, the config token for storing); never raises on I/O."""
    from . import cache as C
    fmt = settings.registry.format_for(str(f))
    if fmt is None:
        return None, None
    ctok = C.config_token(settings, settings.ruleset_for(f))
    try:
        digest = C.file_digest(f)
    except OSError:
        return None, None  # linting reports the read error
    return C.cache_for(settings, opts.cache_dir).load(C.entry_key(ctok, f, digest), str(f)), ctok


def _lint_and_store(f: Path, settings: Any, opts: Any, ctok: str | None) -> Any:
    from . import cache as C
    from .runner import lint_file_hashed
    res, digest = lint_file_hashed(f, settings)
    if ctok is not None and digest is not None:
        C.cache_for(settings, opts.cache_dir).store(C.entry_key(ctok, f, digest), res)
    return res


def _run_pool(todo: list[_Todo], opts: Any, workers: int, fn: Callable[..., Any],
              args: Callable[[_Todo], tuple]) -> Iterator[tuple[_Todo, Any, str | None]]:
    """Yield ``(todo, result, digest)`` as workers finish (largest files are started first)."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool
    order = sorted(todo, key=lambda t: (-t.size, t.index))  # longest first: balanced finish
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context(), initializer=_init_worker)
    pending: dict[Future, _Todo] = {}
    clean = False
    try:
        with _workers_skip_main():  # processes start on submit
            for t in order:
                pending[pool.submit(fn, *args(t))] = t
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda x: pending[x].index):
                t = pending.pop(fut)
                try:
                    res, digest = fut.result()
                except _WorkerError as exc:
                    err = BrandlintError(exc.message)
                    err.exit_code = exc.exit_code
                    raise err from None
                except BrokenProcessPool:
                    raise BrandlintError(
                        f"a worker process exited unexpectedly while linting (one of the files in flight: "
                        f"{t.path}), e.g. killed for lack of memory: rerun with fewer jobs "
                        "(--jobs 1 lints in this process)") from None
                yield t, res, digest
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


# -------------------------------------------------------------------------------------------
# Progress bar (the CLI)


def progress_wanted(stream: Any = None) -> bool:
    """A bar only for a person at a terminal: never in CI, on a dumb terminal or into a pipe."""
    stream = stream if stream is not None else sys.stderr
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class ProgressBar:
    """A rich progress bar on stderr that appears only once a run has lasted ``delay`` seconds.

    Used as the ``progress(done, total)`` callback of :func:`brandlint.runner.lint_paths`; rich
    is imported only when the bar is actually shown, so short runs never pay for it.
    """

    def __init__(self, delay: float = 2.0, console: Any = None, clock: Callable[[], float] | None = None) -> None:
        import time
        self.clock = clock or time.monotonic
        self.start = self.clock()
        self.delay = delay
        self.console = console
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if done >= total or self.clock() - self.start < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
            console = self.console or Console(file=sys.stderr)
            self.bar = Progress(TextColumn("Linting"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                                TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                                console=console, transient=True)
            self.task = self.bar.add_task("lint", total=total, completed=done)
            if self.console is None:  # rich's clock is time.monotonic too: elapsed counts from the run's start
                for task in self.bar.tasks:
                    task.start_time = self.start
            self.bar.start()
        self.bar.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def lint_with_progress(paths: Iterable[str | Path], opts: Any, *, show: bool = True) -> list[Any]:
    """``list(lint_paths(...))`` with a progress bar when :func:`progress_wanted` (the CLI)."""
    from .runner import lint_paths
    bar = ProgressBar() if show and progress_wanted() else None
    try:
        return list(lint_paths(paths, options=opts, progress=bar))
    finally:
        if bar is not None:
            bar.close()
