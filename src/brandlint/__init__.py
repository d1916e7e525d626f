"""brandlint: lint Markdown, JSON and JSONL content against a brand's guidelines.

Public API (re-exports only)::

    from brandlint import lint_text, lint_paths, lint_records, Finding, Severity, FileResult, RunOptions

The modules plugins may import are listed in ``docs/architecture.md`` ("Public API").
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "lint_text",
    "lint_paths",
    "lint_records",
    "RecordResult",
    "Finding",
    "Severity",
    "FileResult",
    "RunOptions",
]

_EXPORTS = {
    "lint_text": "pipeline",
    "lint_paths": "pipeline",
    "lint_records": "pipeline",
    "RecordResult": "pipeline",
    "RunOptions": "pipeline",
    "FileResult": "results",
    "Finding": "findings",
    "Severity": "findings",
}


def __getattr__(name: str) -> object:
    # lazy (importlib, not an import statement): `import brandlint` stays cheap for the CLI's start-up
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
