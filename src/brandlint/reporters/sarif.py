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

import dataclasses
import gzip
import hashlib
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..baseline import fingerprints, normalize_text
from ..errors import BrandlintError
from ..findings import Edit, Finding, Severity
from ..score import FORMULA, file_score, overall_score
from .base import ReportContext, edit_location, homepage, utf16_column

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub's ``problem.severity`` for non-security rules: error, warning or recommendation.
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
SUPPRESSION_KINDS = {"inline": "inSource", "config": "external", "baseline": "external"}
TRUNCATED = "brandlint/sarif-truncated"

# Findings the runner itself reports (no rule file behind them).
BUILTIN_RULES = {
    "brandlint/encoding-error": "The file is not valid UTF-8, so it was not linted.",
    "brandlint/binary-file": "The file looks binary (it has a NUL byte), so it was not linted.",
    "brandlint/io-error": "The file could not be read, so it was not linted.",
    "brandlint/syntax-error": "The file could not be parsed; parts of it may not have been checked.",
}

# ``precision``: how often a rule's results are true (GitHub: very-high, high, medium, low).
# A rule object may declare its own (a ``precision`` attribute, e.g. on its kind's class);
# otherwise it follows from how the kind decides:
#  - very-high: an exact count over a limit (exclamation marks, emoji, occurrences);
#  - high: matches of words, patterns or counts the pack author wrote, which can still hit a
#    mention, a quotation or a name, or rely on sentence splitting and syllable heuristics;
#  - medium: a statistical model decides (spaCy's parse for passive voice, a classifier), and
#    any kind not listed here (a plugin's), for which nothing is known.
PRECISIONS = ("very-high", "high", "medium", "low")
KIND_PRECISION = {
    "exclamation": "very-high",
    "emoji": "very-high",
    "occurrence": "very-high",
    "existence": "high",
    "substitution": "high",
    "terminology": "high",
    "pattern": "high",
    "capitalization": "high",
    "consistency": "high",
    "conditional": "high",
    "required": "high",
    "repetition": "high",
    "shouting": "high",
    "contractions": "high",
    "person": "high",
    "sentence-length": "high",
    "readability": "high",
    "passive-voice": "medium",
    "classifier": "medium",
}
DEFAULT_PRECISION = "medium"


@dataclass(frozen=True)
class UploadLimits:
    """What GitHub code scanning accepts in one SARIF upload.

    From GitHub's "SARIF support for code scanning" (docs.github.com/en/code-security/
    code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning): a file over
    10 MB gzip-compressed is rejected; so is a file with more than 20 runs, 25,000 results per
    run, 25,000 rules per run, 1,000 locations per result or 20 tags per rule (of results only
    the top 5,000 by severity are shown); rule ``name`` is limited to 255 characters and
    ``shortDescription`` / ``fullDescription`` text to 1,024. brandlint writes one run, one
    location per result and three tags per rule. "10 MB" is read as 10,000,000 bytes (the
    smaller reading), measured with gzip level 6 (what zlib and the upload action use).
    """

    gzip_bytes: int = 10_000_000
    results_per_run: int = 25_000
    rules_per_run: int = 25_000
    tags_per_rule: int = 20
    rule_name_chars: int = 255
    description_chars: int = 1024


GITHUB = UploadLimits()


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-16 code units, ending in "…" when cut."""
    if _utf16_len(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if ord(ch) > 0xFFFF else 1
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def source_root(root: str | os.PathLike | None) -> Path:
    """``%SRCROOT%``: the git work tree holding ``root`` (default: the working directory), else ``root``."""
    base = Path(root).resolve() if root else Path.cwd().resolve()
    for d in (base, *base.parents):
        if (d / ".git").exists():  # a directory, or a file in worktrees and submodules
            return d
    return base


def _absolute(path: str) -> Path:
    p = Path(path)
    return Path(os.path.normpath(p if p.is_absolute() else Path.cwd().resolve() / p))


def artifact_location(path: str, root: Path) -> dict:
    """``{"uri": <relative, forward slashes, percent-encoded>, "uriBaseId": "%SRCROOT%"}`` for a
    finding's path (relative to the working directory, or absolute); an absolute ``file:`` URI
    when the file is outside ``root``."""
    rel = relative_path(path, root)
    if rel is None:
        return {"uri": _absolute(path).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def relative_path(path: str, root: Path) -> str | None:
    """The path relative to ``root`` with forward slashes, or None when it is outside it."""
    a = _absolute(path)
    for candidate in (a, a.resolve()):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return None


def root_uri(root: Path) -> str:
    uri = root.as_uri()
    return uri if uri.endswith("/") else uri + "/"


def line_hash(findings: list[Finding]) -> list[str]:
    """GitHub's ``primaryLocationLineHash``: ``<hash of rule id and line text>:<occurrence>``.

    The line text is whitespace-normalised and the occurrence counts equal hashes in the same
    file from 1, so the value survives lines moving up or down.
    """
    seen: Counter = Counter()
    out = []
    for f in findings:
        digest = hashlib.sha256(f"{f.rule_id}\x1f{normalize_text(f.line_text)}".encode()).hexdigest()[:16]
        seen[(f.path, digest)] += 1
        out.append(f"{digest}:{seen[(f.path, digest)]}")
    return out


def _first_sentence(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()


def precision(rule) -> str:
    declared = getattr(rule, "precision", None)
    if declared in PRECISIONS:
        return declared
    return KIND_PRECISION.get(rule.meta.kind, DEFAULT_PRECISION)


def rule_descriptor(rule_id: str, rule, limits: UploadLimits = GITHUB) -> dict:
    if rule is None:
        what = BUILTIN_RULES.get(rule_id, "Reported by brandlint.")
        text = clip(what, limits.description_chars)
        return {
            "id": rule_id,
            "name": clip(rule_id, limits.rule_name_chars),
            "shortDescription": {"text": text},
            "fullDescription": {"text": text},
            "help": {"text": what, "markdown": f"# {rule_id}\n\n{what}\n"},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["brandlint"], "precision": "very-high", "problem.severity": "error"},
        }
    m = rule.meta
    docs = m.docs
    if not docs.what.strip():  # no description in the rule file: say what its kind does
        docs = dataclasses.replace(docs, what=rule.summary or f"A {m.kind} rule of the {m.pack} pack.")
    what = docs.what.strip()
    full = what + (f"\n\n{docs.why.strip()}" if docs.why.strip() else "")
    md = docs.markdown(m.id)
    d = {
        "id": m.id,
        "name": clip(m.id, limits.rule_name_chars),
        "shortDescription": {"text": clip(_first_sentence(what), limits.description_chars)},
        "fullDescription": {"text": clip(full, limits.description_chars)},
        "help": {"text": md, "markdown": md},
        "defaultConfiguration": {"level": LEVELS[m.severity]},
        "properties": {
            "tags": ["brandlint", m.pack, m.kind][: limits.tags_per_rule],
            "kind": m.kind,
            "pack": m.pack,
            "precision": precision(rule),
            "problem.severity": PROBLEM_SEVERITY[m.severity],
        },
    }
    if docs.link:
        d["helpUri"] = docs.link
    return d


def _line_of(f: Finding, line: int) -> str:
    """The finding's copy of a line it touches ("" when it has none)."""
    if line == f.span.start.line:
        return f.line_text
    return f.end_line_text if line == f.span.end.line else ""


def region(f: Finding) -> dict:
    s, e = f.span.start, f.span.end
    return {
        "startLine": s.line,
        "startColumn": utf16_column(f.line_text, s.column),
        "endLine": e.line,
        "endColumn": utf16_column(_line_of(f, e.line), e.column),
        "byteOffset": s.byte_offset,
        "byteLength": e.byte_offset - s.byte_offset,
    }


def edit_region(f: Finding, edit: Edit) -> dict | None:
    """The region an edit replaces, when the finding's data places it exactly: the finding's own
    span, or a stretch of its first line. None otherwise."""
    s, e = f.span.start, f.span.end
    if edit.start == s.offset and edit.end == e.offset:
        return region(f)
    where = edit_location(f, edit)
    if where is None:
        return None
    (line, sc), (_, ec) = where
    text = f.line_text
    line_start_byte = s.byte_offset - len(text[: s.column - 1].encode("utf-8"))
    start_byte = line_start_byte + len(text[: sc - 1].encode("utf-8"))
    return {
        "startLine": line,
        "startColumn": utf16_column(text, sc),
        "endLine": line,
        "endColumn": utf16_column(text, ec),
        "byteOffset": start_byte,
        "byteLength": len(text[sc - 1 : ec - 1].encode("utf-8")),
    }


def fix_object(f: Finding, location: dict) -> dict | None:
    """The finding's fix, or None when one of its edits cannot be placed exactly (a fix is
    all of its edits or nothing)."""
    if f.fix is None:
        return None
    replacements = []
    for edit in f.fix.edits:
        deleted = edit_region(f, edit)
        if deleted is None:
            return None
        rep: dict = {"deletedRegion": deleted}
        if edit.replacement:
            rep["insertedContent"] = {"text": edit.replacement}
        replacements.append(rep)
    return {
        "description": {"text": f.fix.description or f"Apply the fix for {f.rule_id}"},
        "artifactChanges": [{"artifactLocation": dict(location), "replacements": replacements}],
        "properties": {"applicability": f.fix.applicability.value},
    }


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
                    file_scores[relative_path(r.path, self.root) or _absolute(r.path).as_posix()] = s.value
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
