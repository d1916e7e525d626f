"""The progress bar of long runs (a person at a terminal only; rich is imported when shown)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from ..pipeline import Run, RunOptions, lint_paths
from ..results import FileResult

__all__ = ["ProgressBar", "lint_with_progress", "progress_wanted"]


def progress_wanted(stream: TextIO | None = None) -> bool:
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

    Used as the ``progress(done, total)`` callback of :func:`brandlint.pipeline.lint_paths`;
    rich is imported only when the bar is actually shown, so short runs never pay for it.
    """

    def __init__(self, delay: float = 2.0, console: Any = None, clock: Callable[[], float] | None = None) -> None:
        self.clock = clock or time.monotonic
        self.start = self.clock()
        self.delay = delay
        self.console = console
        self.bar: Any = None  # rich.progress.Progress once shown
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if done >= total or self.clock() - self.start < self.delay:
                return
            # lazy: rich (~30 ms) loads only when a run lasts long enough to show a bar
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            console = self.console or Console(file=sys.stderr)
            self.bar = Progress(
                TextColumn("Linting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TimeElapsedColumn(),
                TextColumn("eta"),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
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


def lint_with_progress(
    paths: Iterable[str | Path], opts: RunOptions, *, show: bool = True
) -> tuple[list[FileResult], Run[FileResult]]:
    """``list(lint_paths(...))`` with a progress bar when :func:`progress_wanted`; and the run."""
    bar = ProgressBar() if show and progress_wanted() else None
    try:
        run = lint_paths(paths, options=opts, progress=bar)
        return list(run), run
    finally:
        if bar is not None:
            bar.close()
