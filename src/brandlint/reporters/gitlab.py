"""``gitlab``: GitLab Code Quality report (a JSON array in the Code Climate issue format).

Use it as a ``codequality`` report artifact; GitLab then shows new and fixed findings in merge
requests. Each issue has ``description``, ``check_name`` (the rule id), ``fingerprint`` (MD5 hex of
brandlint's position-independent fingerprint, so a finding keeps its identity when lines move and
GitLab does not report it as fixed-and-new), ``severity`` and ``location`` with the path and
``positions`` (1-based lines and code-point columns; ``end`` is exclusive).

Severity: brandlint ``info`` -> ``info``, ``warning`` -> ``minor``, ``error`` -> ``major``; the
runner's own errors (a file that could not be read, decoded or parsed, so it was not checked)
-> ``critical``. ``blocker`` is not used. Suppressed findings are left out.
"""

from __future__ import annotations

import hashlib
import json

from ..baseline import fingerprint_keys, normalize_path
from ..findings import Severity
from .base import ReportContext, active

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def severity(f) -> str:
    if f.rule_id.startswith("brandlint/"):
        return "critical"
    return SEVERITIES[f.severity]


class GitlabReporter:
    def report(self, results, ctx: ReportContext) -> str:
        findings = list(active(results))
        issues = []
        for f, key in zip(findings, fingerprint_keys(findings)):
            s, e = f.span.start, f.span.end
            issues.append(
                {
                    "type": "issue",
                    "description": f.message,
                    "check_name": f.rule_id,
                    "categories": ["Style"],
                    "fingerprint": hashlib.md5("\x1f".join(key).encode("utf-8"), usedforsecurity=False).hexdigest(),
                    "severity": severity(f),
                    "location": {
                        "path": normalize_path(f.path),
                        "positions": {
                            "begin": {"line": s.line, "column": s.column},
                            "end": {"line": e.line, "column": e.column},
                        },
                    },
                }
            )
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
