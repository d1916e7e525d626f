"""Machine output: one JSON object with every finding (file positions, fixes, suppressions)."""
from __future__ import annotations

import json

from .base import ReportContext


class JsonReporter:
    def report(self, results, ctx: ReportContext) -> str:
        findings = [f.to_dict() for r in results for f in r.findings
                    if f.suppression is None or ctx.show_suppressed]
        files = [{"path": r.path, "format": r.format, "words": r.words, "note": r.note,
                  "findings": len(r.active)} for r in results]
        return json.dumps({"version": ctx.version, "findings": findings, "files": files},
                          indent=2, ensure_ascii=False) + "\n"
