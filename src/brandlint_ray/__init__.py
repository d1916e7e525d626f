"""brandlint on Ray: ``check --engine ray`` and ``filter --engine ray`` for JSONL corpora, and a
``ray`` runner for any run (``RunOptions(runner="ray")``). Install with ``pip install
'brandlint[ray]'``; brandlint's core never imports Ray (this package is a plugin, registered
through the ``brandlint`` entry-point group, and imports Ray only when an engine is made)."""

from __future__ import annotations

__all__: list[str] = []
