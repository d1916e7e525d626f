"""Machine output: one JSON object with every finding (file positions, fixes, suppressions),
the files linted with their word counts and content scores, and the overall score."""

from __future__ import annotations

import json

from ..score import file_score, overall_score
from .base import ReportContext


class JsonReporter:
    def report(self, results, ctx: ReportContext) -> str:
        findings = [f.to_dict() for r in results for f in r.findings if f.suppression is None or ctx.show_suppressed]
        files = []
        for r in results:
            s = file_score(r)
            files.append(
                {
                    "path": r.path,
                    "format": r.format,
                    "words": r.words,
                    "note": r.note,
                    "findings": len(r.active),
                    "score": s.value if s else None,
                }
            )
        total = overall_score(results)
        return (
            json.dumps(
                {
                    "version": ctx.version,
                    "findings": findings,
                    "files": files,
                    "score": total.value,
                    "words": total.words,
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
