"""SARIF objects built from findings: locations relative to ``%SRCROOT%``, regions with
UTF-16 columns, rule descriptors, fixes, and GitHub's upload limits (see :mod:`.sarif` for the
format as a whole and how the log is fitted to those limits)."""

import dataclasses
import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..baseline import normalize_text
from ..findings import Edit, Finding, Severity
from .base import edit_location, utf16_column

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


def absolute_path(path: str) -> Path:
    p = Path(path)
    return Path(os.path.normpath(p if p.is_absolute() else Path.cwd().resolve() / p))


def artifact_location(path: str, root: Path) -> dict:
    """``{"uri": <relative, forward slashes, percent-encoded>, "uriBaseId": "%SRCROOT%"}`` for a
    finding's path (relative to the working directory, or absolute); an absolute ``file:`` URI
    when the file is outside ``root``."""
    rel = relative_path(path, root)
    if rel is None:
        return {"uri": absolute_path(path).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": SRCROOT}


def relative_path(path: str, root: Path) -> str | None:
    """The path relative to ``root`` with forward slashes, or None when it is outside it."""
    a = absolute_path(path)
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
