"""``json-lines``: one finding per line (the ``json`` reporter's finding objects), no summary.

Streams well into ``jq -c``, log pipelines and line-oriented tools; a run without findings
prints nothing.
"""

from __future__ import annotations

import json

from .base import ReportContext, visible


class JsonLinesReporter:
    def report(self, results, ctx: ReportContext) -> str:
        return "".join(
            json.dumps(f.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n" for f in visible(results, ctx)
        )
