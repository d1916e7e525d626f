"""Fixing, split by idea (this package re-exports the public names plugins use).

=============  ===============================================================================
module         idea
=============  ===============================================================================
``edits``      apply a set of fixes to a text: whole fixes only, deterministic order, no overlap
``diffs``      unified diffs of fixed text
``loop``       the fix loop for one file and the default (deterministic) fixer
``many``       many files: the fix loop as a run's job, choosing a fixer by name
=============  ===============================================================================

Safe file I/O (read a file with what is needed to write it back; atomic writes) lives in
:mod:`brandlint.fileio`, shared with the result cache, baselines and plugins, and is
re-exported here. A plugin's fixer implements :class:`~brandlint.plugins.protocols.Fixer`
and is chosen with ``brandlint fix --fixer NAME``; the loop around it is the same.
"""

from __future__ import annotations

from ..fileio import FileChangedError, SourceInfo, atomic_write, match_line_endings, read_source, write_atomic
from ..plugins.protocols import Fixer, TextFix
from .diffs import unified_diff
from .edits import apply_edits
from .loop import (
    DEFAULT_MAX_PASSES,
    DeterministicFixer,
    FixOutcome,
    TextFixResult,
    finish_outcome,
    fix_file,
    fix_text,
    load_for_fix,
    no_fix_outcome,
)
from .many import FixJob, fix_paths, fixer_for

__all__ = [
    "DEFAULT_MAX_PASSES",
    "DeterministicFixer",
    "FileChangedError",
    "FixJob",
    "FixOutcome",
    "Fixer",
    "SourceInfo",
    "TextFix",
    "TextFixResult",
    "apply_edits",
    "atomic_write",
    "finish_outcome",
    "fix_file",
    "fix_paths",
    "fix_text",
    "fixer_for",
    "load_for_fix",
    "match_line_endings",
    "no_fix_outcome",
    "read_source",
    "unified_diff",
    "write_atomic",
]
