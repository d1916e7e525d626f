"""``sarif``: SARIF 2.1.0 as GitHub code scanning reads it (and any other SARIF viewer).

Paths: artifact locations are relative to ``%SRCROOT%`` (``uriBaseId``) and the run's
``originalUriBaseIds`` gives ``%SRCROOT%`` as an absolute ``file:`` URI. The source root is the
top of the git work tree that holds the project root (the config file's directory; without a
config, the working directory), or the project root itself outside git. So URIs are the same
whichever directory the command ran from, and they are the repository-relative paths GitHub
matches alerts to. A file outside the source root gets an absolute ``file:`` URI.

Positions: lines and columns are 1-based; columns count UTF-16 code units, SARIF's default
``columnKind`` and the one GitHub reads. They are converted from brandlint's code-point
columns with the finding's own copy of its first and last lines (``line_text`` /
``end_line_text``): reporters never re-read files. ``endColumn`` is exclusive. Regions also
carry ``byteOffset`` / ``byteLength`` (bytes of the file, a UTF-8 BOM included), which depend on
no column convention.

Every finding is reported, suppressed ones too, with SARIF ``suppressions`` (``inSource`` for
inline directives, ``external`` for config pointer-ignores and the baseline), so that viewers
can show them as dismissed. With ``--baseline``, results carry ``baselineState``.

The log stays within GitHub's documented upload limits (:class:`UploadLimits`): when there are
too many results or rules, or the gzip-compressed log would be too large, the least important
results are left out, and the run says so in ``invocations[0].toolExecutionNotifications``
(and on stderr).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter

from ..baseline import fingerprints
from ..errors import BrandlintError
from ..findings import Finding
from ..score import FORMULA, file_score, overall_score
from .base import ReportContext, homepage
from .sarif_objects import (
    GITHUB,
    LEVELS,
    SCHEMA,
    SRCROOT,
    SUPPRESSION_KINDS,
    TRUNCATED,
    UploadLimits,
    absolute_path,
    artifact_location,
    fix_object,
    line_hash,
    region,
    relative_path,
    root_uri,
    rule_descriptor,
    source_root,
)


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


class SarifReporter:
    def __init__(self, limits: UploadLimits = GITHUB) -> None:
        self.limits = limits

    def report(self, results, ctx: ReportContext) -> str:
        return self.render(results, ctx)[1]

    def sarif(self, results, ctx: ReportContext) -> dict:
        return self.render(results, ctx)[0]

    # -- fitting GitHub's limits -------------------------------------------------------------
    def render(self, results, ctx: ReportContext) -> tuple[dict, str]:
        """The SARIF log and its text, with as many results as GitHub's limits allow."""
        lim = self.limits
        findings = [f for r in results for f in r.findings]
        # Which results to keep first: active before suppressed, then by severity, then in order.
        ranked = sorted(
            range(len(findings)), key=lambda i: (findings[i].suppression is not None, -findings[i].severity, i)
        )
        eligible: list[int] = []
        rules: set[str] = set()
        for i in ranked:
            rid = findings[i].rule_id
            if rid not in rules:
                if len(rules) >= lim.rules_per_run:
                    continue
                rules.add(rid)
            eligible.append(i)
        reasons = []
        if len(rules) < len({f.rule_id for f in findings}):
            reasons.append(f"at most {lim.rules_per_run:,} rules per run")
        if len(eligible) > lim.results_per_run:
            reasons.append(f"at most {lim.results_per_run:,} results per run")
        n = min(len(eligible), lim.results_per_run)
        prepared = _Prepared(findings, results, ctx, lim)
        drop_extras = False
        while True:
            keep = sorted(eligible[:n])
            note = self._truncation_note(findings, keep, reasons) if len(keep) < len(findings) else None
            log = prepared.log(keep, note, drop_extras)
            text = json.dumps(log, indent=2, ensure_ascii=False) + "\n"
            size = len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
            if size <= lim.gzip_bytes:
                break
            size_reason = f"{lim.gzip_bytes / 1e6:g} MB gzip-compressed"
            if size_reason not in reasons:
                reasons.append(size_reason)
            if n == 0:
                if drop_extras:
                    raise BrandlintError(
                        f"the SARIF log would be {size:,} bytes gzip-compressed even without results, over "
                        f"GitHub's limit of {lim.gzip_bytes:,}; lint fewer files per run"
                    )
                drop_extras = True  # per-file scores and skipped-file notes go before giving up
                continue
            n = min(n - 1, int(n * lim.gzip_bytes / size * 0.95))
        if note is not None:
            print(f"brandlint: warning: {note['message']['text']}", file=sys.stderr)
        return log, text

    @staticmethod
    def _truncation_note(findings: list[Finding], keep: list[int], reasons: list[str]) -> dict:
        kept = set(keep)
        left = [f for i, f in enumerate(findings) if i not in kept]
        active = Counter(LEVELS[f.severity] for f in left if f.suppression is None)
        parts = [_count(active[lv], lv) for lv in ("error", "warning", "note") if active[lv]]
        suppressed = sum(1 for f in left if f.suppression is not None)
        if suppressed:
            parts.append(f"{suppressed:,} suppressed")
        text = (
            f"SARIF output truncated to {len(keep):,} of {_count(len(findings), 'result')} to stay within "
            f"GitHub code scanning's upload limits ({'; '.join(reasons)}). Left out: {', '.join(parts)}; "
            "active findings were kept before suppressed ones, and errors before warnings before notes. "
            "For every finding use --output-format json; to fit, lint fewer paths or --select fewer rules."
        )
        return {
            "level": "warning",
            "message": {"text": text},
            "descriptor": {"id": TRUNCATED},
            "properties": {"resultsTotal": len(findings), "resultsKept": len(keep)},
        }


class _Prepared:
    """What does not change while results are dropped: rule descriptors, fingerprints, paths."""

    def __init__(self, findings: list[Finding], results, ctx: ReportContext, limits: UploadLimits) -> None:
        self.findings, self.results, self.ctx, self.limits = findings, results, ctx, limits
        self.root = source_root(ctx.root)
        self.locations: dict[str, dict] = {}
        by_path: dict[str, list[Finding]] = {}
        for f in findings:
            by_path.setdefault(f.path, []).append(f)
        self.line_hashes: dict[int, str] = {}
        self.stable: dict[int, str] = {}
        for group in by_path.values():  # over every finding, so truncation never changes them
            for f, h in zip(group, line_hash(group)):
                self.line_hashes[id(f)] = h
            for f, fp in zip(group, fingerprints(group)):
                self.stable[id(f)] = fp
        self.descriptors: dict[str, dict] = {}
        self.objects: dict[int, dict] = {}

    def location(self, path: str) -> dict:
        loc = self.locations.get(path)
        if loc is None:
            loc = self.locations[path] = artifact_location(path, self.root)
        return loc

    def result(self, f: Finding, index: dict[str, int]) -> dict:
        res = self.objects.get(id(f))
        if res is None:
            loc = self.location(f.path)
            res = {
                "ruleId": f.rule_id,
                "ruleIndex": 0,
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": dict(loc), "region": region(f)}}],
                "partialFingerprints": {
                    "primaryLocationLineHash": self.line_hashes[id(f)],
                    "brandlint/v1": self.stable[id(f)],
                },
            }
            if f.suppression is not None:
                sup = {"kind": SUPPRESSION_KINDS.get(f.suppression.kind, "external"), "status": "accepted"}
                if f.suppression.reason:
                    sup["justification"] = f.suppression.reason
                res["suppressions"] = [sup]
            if self.ctx.baseline:
                res["baselineState"] = "unchanged" if f.suppression and f.suppression.kind == "baseline" else "new"
            if f.fix is not None:
                fix = fix_object(f, loc)
                if fix is not None:
                    res["fixes"] = [fix]
            props: dict[str, object] = {}
            if f.scope:
                props["scope"] = f.scope
            if f.json_pointer is not None:
                props["jsonPointer"] = f.json_pointer
            if f.suggestions:
                props["suggestions"] = list(f.suggestions)
            if props:
                res["properties"] = props
            self.objects[id(f)] = res
        res["ruleIndex"] = index[f.rule_id]
        return res

    def descriptor(self, rule_id: str) -> dict:
        d = self.descriptors.get(rule_id)
        if d is None:
            d = self.descriptors[rule_id] = rule_descriptor(rule_id, self.ctx.rules.get(rule_id), self.limits)
        return d

    def log(self, keep: list[int], truncation: dict | None, drop_extras: bool) -> dict:
        ctx, results = self.ctx, self.results
        kept = [self.findings[i] for i in keep]
        rule_ids = sorted({f.rule_id for f in kept})
        index = {rid: i for i, rid in enumerate(rule_ids)}
        driver: dict = {"name": "brandlint", "informationUri": homepage()}
        if ctx.version:
            driver["version"] = ctx.version
            driver["semanticVersion"] = ctx.version
        driver["rules"] = [self.descriptor(rid) for rid in rule_ids]
        notes = []
        if truncation is not None:
            notes.append(truncation)
        skipped = [r for r in results if r.note]
        if drop_extras and skipped:
            notes.append(
                {
                    "level": "note",
                    "message": {
                        "text": f"{_count(len(skipped), 'file')} skipped (not listed "
                        "here: the log had to fit GitHub's size limit)"
                    },
                }
            )
        else:
            notes.extend(
                {
                    "level": "note",
                    "message": {"text": r.note},
                    "locations": [{"physicalLocation": {"artifactLocation": dict(self.location(r.path))}}],
                }
                for r in skipped
            )
        invocation: dict = {"executionSuccessful": True}
        if notes:
            invocation["toolExecutionNotifications"] = notes
        total = overall_score(results)
        props: dict = {"score": total.value, "words": total.words}
        if not drop_extras:
            file_scores = {}
            for r in results:
                s = file_score(r)
                if s is not None:
                    file_scores[relative_path(r.path, self.root) or absolute_path(r.path).as_posix()] = s.value
            props["fileScores"] = file_scores
        props["scoreFormula"] = FORMULA
        run = {
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "utf16CodeUnits",
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri(self.root)}},
            "results": [self.result(f, index) for f in kept],
            "properties": props,
        }
        return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
