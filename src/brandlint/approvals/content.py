"""What an approval is tied to: content hashes (of a file's text, a JSON value, each JSONL record),
stable finding ids, and the rules' versions.

Hashes ignore what git may change without changing content: a UTF-8 BOM and the line-break style
(CRLF/LF) of text; the formatting of JSON (its canonical value is hashed). Any other change to the
content changes the hash.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..findings import Finding

__all__ = ["ContentHash", "content_hash", "finding_ids", "record_hashes", "rule_versions"]

JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _text_of(raw: bytes) -> str:
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    return body.decode("utf-8", "surrogateescape").replace("\r\n", "\n").replace("\r", "\n")


def _canonical(text: str) -> str | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def record_hashes(raw: bytes) -> list[tuple[int, str]]:
    """``(line, hash)`` of each non-blank line of a JSONL file (its canonical JSON value's hash;
    a line that is not JSON is hashed as it is, without surrounding whitespace)."""
    out = []
    for n, line in enumerate(_text_of(raw).split("\n"), start=1):
        if line.strip():
            canon = _canonical(line)
            out.append((n, "sha256:" + _sha(canon if canon is not None else line.strip())))
    return out


class ContentHash:
    """A file's content hash (``value``) and, for JSONL, each record's (``records``)."""

    __slots__ = ("kind", "value", "records")

    def __init__(self, kind: str, value: str, records: list[tuple[int, str]] | None = None) -> None:
        self.kind, self.value, self.records = kind, value, records or []


def content_hash(path: Path | str, raw: bytes) -> ContentHash:
    """The hash an approval records for a file's bytes (kind: ``text``, ``json`` or ``jsonl``)."""
    suffix = Path(path).suffix.lower()
    text = _text_of(raw)
    if suffix in JSONL_SUFFIXES:
        records = record_hashes(raw)
        whole = _sha("\n".join(h for _, h in records))
        return ContentHash("jsonl", "sha256:" + whole, records)
    if suffix in JSON_SUFFIXES:
        canon = _canonical(text)
        if canon is not None:
            return ContentHash("json", "sha256:" + _sha(canon))
    return ContentHash("text", "sha256:" + _sha(text))


def finding_ids(findings: Sequence[Finding], text: str | None = None) -> list[str]:
    """A short, stable id per finding: from its rule, JSON pointer, the text it covers and how
    many such findings come before it; not from its offsets, so it survives edits elsewhere."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for f in sorted(range(len(findings)), key=lambda i: findings[i].sort_key()):
        g = findings[f]
        covered = g.matched
        if not covered and text is not None:
            covered = text[g.span.start.offset : g.span.end.offset]
        key = (g.rule_id, g.json_pointer or "", covered or g.message)
        seen[key] += 1
        digest = _sha("\x00".join((*key, str(seen[key]))))[:10]
        out.append((f, f"{g.rule_id.rsplit('/', 1)[-1]}-{digest}"))
    return [fid for _, fid in sorted(out)]


def rule_versions(rules: Iterable[Any]) -> dict[str, str]:
    """``{rule id: version}``: a hash of the rule's pack file (its TOML), else of its definition."""
    out: dict[str, str] = {}
    for r in rules:
        meta = r.meta
        basis = ""
        if meta.source:
            try:
                basis = Path(meta.source).read_text("utf-8")
            except OSError:
                basis = ""
        if not basis:
            basis = json.dumps([meta.kind, meta.message, str(meta.severity)])
        out[meta.id] = _sha(meta.id + "\x00" + basis)[:12]
    return out
