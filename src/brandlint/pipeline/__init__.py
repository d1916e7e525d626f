"""The run pipeline: from paths to results, one way.

=====================  ===================================================================
module                 idea
=====================  ===================================================================
``options``            what a run is asked to do (:class:`RunOptions`, ``settings_for``)
                       and what it did (:class:`RunStats`)
``discovery``          which files: folders, exclude/include globs, ``.gitignore``
``reading``            bytes to text (UTF-8, BOM), located findings for what is not text
``lint_one``           lint one file (:func:`lint_file`, :class:`LintJob`)
``cache``              the result cache, a decorator of "lint one file" (:class:`CachedLintJob`)
``runners``            where the work happens: :class:`SerialRunner`, :class:`ProcessPoolRunner`,
                       plugins' runners, all through one :class:`~brandlint.plugins.protocols.Runner`
``pool``               the process pool (chunked tasks, in-order results)
``records``            records one by one (:func:`lint_records`, :class:`RecordLinter`): JSONL
                       lines with their file positions, from any stream or byte range
``run``                a run: settle, run, finish, in input order, with its stats (:class:`Run`)
=====================  ===================================================================

Imports go one way: ``run`` → ``runners``/``cache`` → ``lint_one`` → ``reading`` →
``options``; nothing here imports the command line, fixing or reporters.
"""

from __future__ import annotations

from ..plugins.protocols import FileJob, Runner, WorkItem
from ..results import BINARY_FILE, ENCODING_ERROR, IO_ERROR, FileResult
from .cache import CachedLintJob
from .discovery import ALWAYS_SKIP, discover, is_excluded
from .lint_one import LintJob, clear_caches, engine_for, lint_file, lint_file_hashed, lint_text, settled
from .options import RunOptions, RunStats, effective_jobs
from .reading import decode
from .records import RecordLinter, RecordResult, lint_records
from .run import Progress, Run, lint_paths, run_files
from .runners import BUILTIN_RUNNERS, ProcessPoolRunner, SerialRunner, choose_runner

__all__ = [
    "ALWAYS_SKIP",
    "BINARY_FILE",
    "BUILTIN_RUNNERS",
    "CachedLintJob",
    "ENCODING_ERROR",
    "FileJob",
    "FileResult",
    "IO_ERROR",
    "LintJob",
    "ProcessPoolRunner",
    "RecordLinter",
    "RecordResult",
    "Progress",
    "Run",
    "RunOptions",
    "RunStats",
    "Runner",
    "SerialRunner",
    "WorkItem",
    "choose_runner",
    "clear_caches",
    "decode",
    "discover",
    "effective_jobs",
    "engine_for",
    "is_excluded",
    "lint_file",
    "lint_file_hashed",
    "lint_paths",
    "lint_records",
    "lint_text",
    "run_files",
    "settled",
]
