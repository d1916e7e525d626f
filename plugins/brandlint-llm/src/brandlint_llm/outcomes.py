"""What a rewrite produced: the passages sent (:class:`Unit`), each attempt, each passage's
outcome and a whole text's :class:`TextRewrite`; the reasons an answer is rejected."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from brandlint.findings import Edit, Finding
from brandlint.results import FileResult

# rejection reasons, in the order they are checked
ACCEPTED = "accepted"
MODEL_ERROR = "model-error"
MALFORMED = "malformed-json"
SCHEMA = "ignored-schema"
EMPTY = "empty"
UNCHANGED = "unchanged"
BLOCKS = "changed-blocks"
MARKDOWN = "broke-markdown"
PLACEHOLDER = "broke-placeholder"
STILL = "still-flagged"
NEW = "new-finding"
CONFLICT = "conflict"
CONTROL = "template-token"  # the answer holds a chat-template or control token ([/INST], <|im_end|>...)


@dataclass
class Unit:
    """A passage to rewrite: ``text`` is what the model sees; [start, end) what it replaces."""

    start: int  # file offsets (code points of the decoded text)
    end: int
    text: str
    kind: str  # "sentence" | "paragraph"
    findings: list[Finding] = field(default_factory=list)
    scope: str = ""
    in_json: bool = False
    markdown: bool = True
    single_line: bool = False  # headings and table cells
    prefix: str = ""  # container prefix of continuation lines ("> ", "  "), put back after line breaks
    newline: str = "\n"

    def encode(self, rewrite: str) -> str:
        """The source text for a rewrite of :attr:`text` (JSON-escaped, container prefixes)."""
        if self.in_json:
            return json.dumps(rewrite, ensure_ascii=False)[1:-1]
        if "\n" in rewrite:
            rewrite = rewrite.replace("\r\n", "\n").replace("\n", self.newline + self.prefix)
        return rewrite

    @property
    def rule_ids(self) -> set[str]:
        return {f.rule_id for f in self.findings}


@dataclass
class Attempt:
    reason: str  # ACCEPTED or a rejection reason
    detail: str
    answer: str = ""  # the model's answer, shortened
    seconds: float = 0.0  # model time (0 for a cached answer)


@dataclass
class UnitOutcome:
    unit: Unit
    attempts: list[Attempt] = field(default_factory=list)
    replacement: str | None = None  # encoded source text, when accepted
    rewrite: str | None = None  # the accepted rewrite as the model wrote it

    @property
    def accepted(self) -> bool:
        return self.replacement is not None

    @property
    def reason(self) -> str:
        return ACCEPTED if self.accepted else (self.attempts[-1].reason if self.attempts else MODEL_ERROR)

    @property
    def detail(self) -> str:
        return self.attempts[-1].detail if self.attempts else ""

    def edit(self) -> Edit:
        assert self.replacement is not None
        return Edit(self.unit.start, self.unit.end, self.replacement)

    def message(self) -> str:
        if self.accepted:
            n = len(self.attempts)
            return f"rewritten by the model ({'first attempt' if n == 1 else f'attempt {n}'})"
        tries = len([a for a in self.attempts if a.reason != MODEL_ERROR])
        after = f" (after {tries} attempts)" if tries > 1 else ""
        return f"not rewritten: {self.detail}{after} [{self.reason}]"


@dataclass
class TextRewrite:
    """What rewriting one text did."""

    original: str
    text: str
    outcomes: list[UnitOutcome] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # findings no unit was made for
    result: FileResult | None = None  # the lint result of ``text``

    @property
    def accepted(self) -> list[UnitOutcome]:
        return [o for o in self.outcomes if o.accepted]

    @property
    def rejected(self) -> list[UnitOutcome]:
        return [o for o in self.outcomes if not o.accepted]

    @property
    def rewritten(self) -> list[Finding]:
        return [f for o in self.accepted for f in o.unit.findings]

    def lines(self, *, show_accepted: bool = False) -> list[str]:
        """``path:line:col: rule: message`` per targeted finding (rejections, and acceptances)."""
        out: list[tuple[tuple, str]] = []
        for o in self.outcomes:
            if o.accepted and not show_accepted:
                continue
            for f in o.unit.findings:
                s = f.span.start
                out.append(((s.offset, f.rule_id), f"{f.path}:{s.line}:{s.column}: {f.rule_id}: {o.message()}"))
        for f, why in self.skipped:
            s = f.span.start
            out.append(((s.offset, f.rule_id), f"{f.path}:{s.line}:{s.column}: {f.rule_id}: not rewritten: {why}"))
        return [line for _, line in sorted(out)]
