"""``sarif``: SARIF 2.1.0, the format GitHub code scanning (and most CI security views) reads.

Positions: lines and columns are 1-based; columns count Unicode code points, which the run
declares with ``columnKind: "unicodeCodePoints"`` (SARIF's default would be UTF-16 code units).
``endColumn`` is exclusive, as SARIF defines it. ``charOffset`` / ``charLength`` (in regions and
in fix ``deletedRegion``\\ s) count code points of the decoded file with any UTF-8 BOM excluded --
the same unit as the columns.

Every finding is reported, suppressed ones too, with SARIF ``suppressions`` (``inSource`` for
inline directives, ``external`` for config pointer-ignores and the baseline), so that viewers
can show them as dismissed. With ``--baseline``, results carry ``baselineState``.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from urllib.parse import quote

from ..baseline import fingerprints, normalize_path, normalize_text
from ..findings import Finding, Severity
from ..score import FORMULA, file_score, overall_score
from .base import ReportContext, edit_location, homepage

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SUPPRESSION_KINDS = {"inline": "inSource", "config": "external", "baseline": "external"}

# Findings the runner itself reports (no rule file behind them).
BUILTIN_RULES = {
    "brandlint/encoding-error": "The file is not valid UTF-8, so it was not linted.",
    "brandlint/binary-file": "The file looks binary (it has a NUL byte), so it was not linted.",
    "brandlint/io-error": "The file could not be read, so it was not linted.",
    "brandlint/syntax-error": "The file could not be parsed; parts of it may not have been checked.",
}


def artifact_uri(path: str) -> str:
    """A relative URI reference with forward slashes, percent-encoded (spaces, non-ASCII)."""
    p = normalize_path(path)
    if p.startswith("/"):
        return "file://" + quote(p, safe="/")
    return quote(p, safe="/")


def line_hash(findings: list[Finding]) -> list[str]:
    """GitHub's ``primaryLocationLineHash``: ``<hash of rule id and line text>:<occurrence>``.

    The line text is whitespace-normalised and the occurrence counts equal hashes in the same
    file from 1, so the value survives lines moving up or down.
    """
    seen: Counter = Counter()
    out = []
    for f in findings:
        digest = hashlib.sha256(f"{f.rule_id}\x1f{normalize_text(f.line_text)}".encode("utf-8")).hexdigest()[:16]
        seen[(f.path, digest)] += 1
        out.append(f"{digest}:{seen[(f.path, digest)]}")
    return out


def _first_sentence(text: str) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line


def rule_descriptor(rule_id: str, rule) -> dict:
    if rule is None:
        what = BUILTIN_RULES.get(rule_id, "Reported by brandlint.")
        return {"id": rule_id, "name": rule_id, "shortDescription": {"text": what},
                "fullDescription": {"text": what},
                "help": {"text": what, "markdown": f"# {rule_id}\n\n{what}\n"},
                "defaultConfiguration": {"level": "error"},
                "properties": {"tags": ["brandlint"]}}
    m = rule.meta
    docs = m.docs
    if not docs.what.strip():  # no description in the rule file: say what its kind does
        docs = dataclasses.replace(docs, what=rule.summary or f"A {m.kind} rule of the {m.pack} pack.")
    what = docs.what.strip()
    full = what + (f"\n\n{docs.why.strip()}" if docs.why.strip() else "")
    md = docs.markdown(m.id)
    d = {"id": m.id, "name": m.id, "shortDescription": {"text": _first_sentence(what)},
         "fullDescription": {"text": full}, "help": {"text": md, "markdown": md},
         "defaultConfiguration": {"level": LEVELS[m.severity]},
         "properties": {"tags": ["brandlint", m.pack, m.kind], "kind": m.kind, "pack": m.pack}}
    if docs.link:
        d["helpUri"] = docs.link
    return d


def region(f: Finding) -> dict:
    s, e = f.span.start, f.span.end
    return {"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column,
            "charOffset": s.offset, "charLength": e.offset - s.offset}


def fix_object(f: Finding, uri: str) -> dict:
    replacements = []
    for edit in f.fix.edits:
        deleted = {}
        where = edit_location(f, edit)
        if where is not None:
            (sl, sc), (el, ec) = where
            deleted = {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}
        deleted.update({"charOffset": edit.start, "charLength": edit.end - edit.start})
        rep: dict = {"deletedRegion": deleted}
        if edit.replacement:
            rep["insertedContent"] = {"text": edit.replacement}
        replacements.append(rep)
    return {"description": {"text": f.fix.description or f"Apply the fix for {f.rule_id}"},
            "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
            "properties": {"applicability": f.fix.applicability.value}}


class SarifReporter:
    def report(self, results, ctx: ReportContext) -> str:
        return json.dumps(self.sarif(results, ctx), indent=2, ensure_ascii=False) + "\n"

    def sarif(self, results, ctx: ReportContext) -> dict:
        findings = [f for r in results for f in r.findings]
        rule_ids = sorted({f.rule_id for f in findings})
        index = {rid: i for i, rid in enumerate(rule_ids)}
        rules = [rule_descriptor(rid, ctx.rules.get(rid)) for rid in rule_ids]
        by_path: dict[str, list[Finding]] = {}
        for f in findings:
            by_path.setdefault(f.path, []).append(f)
        line_hashes: dict[int, str] = {}
        stable: dict[int, str] = {}
        for group in by_path.values():
            for f, h in zip(group, line_hash(group)):
                line_hashes[id(f)] = h
            for f, fp in zip(group, fingerprints(group)):
                stable[id(f)] = fp
        out = []
        for f in findings:
            uri = artifact_uri(f.path)
            res: dict = {
                "ruleId": f.rule_id, "ruleIndex": index[f.rule_id], "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region(f)}}],
                "partialFingerprints": {"primaryLocationLineHash": line_hashes[id(f)],
                                        "brandlint/v1": stable[id(f)]},
            }
            if f.suppression is not None:
                sup = {"kind": SUPPRESSION_KINDS.get(f.suppression.kind, "external"), "status": "accepted"}
                if f.suppression.reason:
                    sup["justification"] = f.suppression.reason
                res["suppressions"] = [sup]
            if ctx.baseline:
                res["baselineState"] = "unchanged" if f.suppression and f.suppression.kind == "baseline" else "new"
            if f.fix is not None:
                res["fixes"] = [fix_object(f, uri)]
            props = {}
            if f.scope:
                props["scope"] = f.scope
            if f.json_pointer is not None:
                props["jsonPointer"] = f.json_pointer
            if f.suggestions:
                props["suggestions"] = list(f.suggestions)
            if props:
                res["properties"] = props
            out.append(res)
        driver: dict = {"name": "brandlint", "informationUri": homepage()}
        if ctx.version:
            driver["version"] = ctx.version
            driver["semanticVersion"] = ctx.version
        driver["rules"] = rules
        notes = [{"level": "note", "message": {"text": r.note},
                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}]}
                 for r in results if r.note]
        invocation: dict = {"executionSuccessful": True}
        if notes:
            invocation["toolExecutionNotifications"] = notes
        total = overall_score(results)
        file_scores = {}
        for r in results:
            s = file_score(r)
            if s is not None:
                file_scores[normalize_path(r.path)] = s.value
        run = {
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": out,
            "properties": {"score": total.value, "words": total.words, "fileScores": file_scores,
                           "scoreFormula": FORMULA},
        }
        return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
