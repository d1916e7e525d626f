"""What a rule reports: findings, their exact spans, and the fixes they carry.

These shapes are plain, picklable dataclasses so findings can cross process boundaries
(worker pools, Ray) and be cached as JSON. Fix *application* lives in ``fixing``; a finding
only describes the edits.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``finding.severity >= threshold`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}: use error, warning or info") from None

    def __str__(self) -> str:  # "error", as users write it in config
        return self.name.lower()


def _position_dict(p: Position) -> dict[str, int]:
    return {"line": p.line, "column": p.column, "offset": p.offset, "byte_offset": p.byte_offset}


class Applicability(str, enum.Enum):
    """Safe fixes keep the meaning; unsafe ones may not (Ruff's split)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Position:
    """One point in a source file.

    ``line`` is 1-based; ``column`` is 1-based and counted in Unicode code points;
    ``offset`` is the 0-based code-point offset in the decoded file (BOM excluded) and
    ``byte_offset`` the 0-based offset in the file's bytes (BOM included).
    """

    line: int
    column: int
    offset: int
    byte_offset: int


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) of the source file."""

    start: Position
    end: Position


@dataclass(frozen=True)
class Edit:
    """Replace source characters [start, end) (code-point offsets in the decoded file)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: str = ""


@dataclass(frozen=True)
class Suppression:
    """Why a finding was silenced: kept so reports (SARIF) can show it."""

    kind: str  # "inline" (a comment in the source) or "config" (per-pointer ignore)
    reason: str = ""


@dataclass
class Finding:
    rule_id: str
    severity: Severity
    message: str
    path: str
    span: Span
    scope: str = ""
    json_pointer: str | None = None
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    matched: str = ""
    suppression: Suppression | None = None
    line_text: str = ""  # the source line the span starts on, for reporters (never re-parse)
    end_line_text: str = ""  # the source line the span ends on, when that is another line ("" otherwise)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple:
        return (self.path, self.span.start.offset, self.span.end.offset, self.rule_id, self.message)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the ``json`` reporter's and the cache's format).

        Written out by hand: ``dataclasses.asdict`` deep-copies and dominated report time.
        """
        fix = self.fix
        return {
            "rule_id": self.rule_id,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "span": {"start": _position_dict(self.span.start), "end": _position_dict(self.span.end)},
            "scope": self.scope,
            "json_pointer": self.json_pointer,
            "suggestions": list(self.suggestions),
            "fix": None
            if fix is None
            else {
                "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits],
                "applicability": fix.applicability.value,
                "description": fix.description,
            },
            "matched": self.matched,
            "suppression": None
            if self.suppression is None
            else {"kind": self.suppression.kind, "reason": self.suppression.reason},
            "line_text": self.line_text,
            "end_line_text": self.end_line_text,
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        span = Span(Position(**d["span"]["start"]), Position(**d["span"]["end"]))
        fix = None
        if d.get("fix"):
            f = d["fix"]
            fix = Fix(tuple(Edit(**e) for e in f["edits"]), Applicability(f["applicability"]), f.get("description", ""))
        sup = Suppression(**d["suppression"]) if d.get("suppression") else None
        return cls(
            rule_id=d["rule_id"],
            severity=Severity.parse(d["severity"]),
            message=d["message"],
            path=d["path"],
            span=span,
            scope=d.get("scope", ""),
            json_pointer=d.get("json_pointer"),
            suggestions=tuple(d.get("suggestions", ())),
            fix=fix,
            matched=d.get("matched", ""),
            suppression=sup,
            line_text=d.get("line_text", ""),
            end_line_text=d.get("end_line_text", ""),
            data=d.get("data", {}),
        )
