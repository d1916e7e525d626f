"""brandlint: lint Markdown, JSON and JSONL content against a brand's guidelines.

Public API (re-exports only)::

    from brandlint import lint_text, lint_paths, Finding, Severity
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths", "Finding", "Severity", "FileResult", "RunOptions"]


def __getattr__(name: str):
    # lazy, so `import brandlint` stays cheap for the CLI's start-up time
    if name in ("lint_text", "lint_paths", "FileResult", "RunOptions"):
        from . import runner
        return getattr(runner, name)
    if name in ("Finding", "Severity"):
        from . import findings
        return getattr(findings, name)
    raise AttributeError(name)
