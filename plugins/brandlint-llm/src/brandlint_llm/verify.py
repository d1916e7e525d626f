"""Verifying a rewrite: block structure, Markdown structure and placeholders kept, and a
re-lint of the text (only the JSONL records touched) that no longer reports the targeted
findings and reports nothing new; then combining the accepted rewrites of one text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from brandlint.config.settings import Settings
from brandlint.documents.base import Document, SourceFile
from brandlint.fileio import BOM
from brandlint.findings import Finding, Position, Span
from brandlint.pipeline import lint_file
from brandlint.results import FileResult

from .outcomes import BLOCKS, CONFLICT, EMPTY, NEW, STILL, UNCHANGED, Attempt, Unit, UnitOutcome
from .structure import structure_problem

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class Verifier:
    """Re-parses and re-lints candidate rewrites of texts linted with ``settings``."""

    settings: Settings

    # -- documents -----------------------------------------------------------------------
    def _lint(self, path: Path, text: str, shown: str, bom: bool) -> FileResult:
        content = (BOM if bom else b"") + text.encode("utf-8", "surrogatepass")
        return lint_file(path, self.settings, content=content, display_path=shown)

    def _documents(self, path: Path, text: str, shown: str) -> list[Document]:
        fmt = self.settings.registry.format_for(str(path))
        if fmt is None:
            return []
        try:
            return list(fmt.parse(SourceFile(path=shown, text=text), self.settings.format_options(fmt.name)))
        except Exception:
            return []

    @staticmethod
    def _blocks(docs: list) -> list[tuple]:
        return [(d.record, s.scopes, s.heading_level, s.pointer) for d in docs for s in d.segments]

    def verify(self, unit: Unit, candidate: str, ctx: RewriteContext) -> tuple[str | None, str, str | None]:
        """Check one candidate against the text in ``ctx``: ``(reason, detail, replacement)``."""
        candidate = candidate.strip()
        if not candidate:
            return EMPTY, "the rewrite is empty", None
        if " ".join(candidate.split()) == " ".join(unit.text.split()):
            return UNCHANGED, "the rewrite is the passage unchanged", None
        if _BLANK_LINE.search(candidate):
            return BLOCKS, "the rewrite adds a blank line (a new paragraph)", None
        if unit.single_line and "\n" in candidate:
            return BLOCKS, "the rewrite adds a line break where the passage must stay on one line", None
        problem = structure_problem(unit.text, candidate, markdown=unit.markdown, env=ctx.env)
        if problem:
            return problem[0], f"the rewrite {problem[1]}", None
        replacement = unit.encode(candidate)
        reason, detail, _text, _result = self.check_replacements(ctx, [(unit, replacement)])
        return reason, detail, (replacement if reason is None else None)

    def _scope(self, ctx: RewriteContext, reps: list[tuple[Unit, str]]) -> tuple[int, int]:
        """The part of ``ctx.text`` to re-lint: the JSONL records the units are in, else everything.

        JSONL records are linted independently, so re-linting only the records a rewrite touches
        gives the same findings (offsets relative to the first record) at a fraction of the cost.
        """
        if not ctx.records:
            return 0, len(ctx.text)
        lo, hi = None, None
        for u, _ in reps:
            for s, e in ctx.records:
                if s <= u.start and u.end <= e:
                    lo = s if lo is None else min(lo, s)
                    hi = e if hi is None else max(hi, e)
                    break
            else:
                return 0, len(ctx.text)
        return lo, hi  # type: ignore[return-value]

    def _scope_base(self, ctx: RewriteContext, scope: tuple[int, int]) -> tuple[list[Finding], list]:
        """Findings (offsets relative to the scope) and block structure of the scope's text."""
        hit = ctx.scopes.get(scope)
        if hit is None:
            s, e = scope
            if (s, e) == (0, len(ctx.text)):
                hit = (list(ctx.result.active), ctx.blocks)
            else:
                found = [_shift(f, -s) for f in ctx.result.active if s <= f.span.start.offset <= e]
                hit = (found, self._blocks(self._documents(ctx.path, ctx.text[s:e], ctx.shown)))
            ctx.scopes[scope] = hit
        return hit

    def check_replacements(self, ctx: RewriteContext, reps: list[tuple[Unit, str]]):
        """Apply replacements to ``ctx.text``, re-parse and re-lint.

        Returns ``(reason, detail, new_text, result)``: ``reason`` is None when the replacements
        pass; ``result`` is the lint result of ``new_text`` when the whole text was re-linted
        (else None: only the touched JSONL records were).
        """
        reps = sorted(reps, key=lambda r: r[0].start)
        s0, e0 = self._scope(ctx, reps)
        whole = (s0, e0) == (0, len(ctx.text))
        base_findings, base_blocks = self._scope_base(ctx, (s0, e0))
        parts, pos = [], s0
        new_ranges: list[tuple[int, int]] = []
        old_ranges: list[tuple[int, int]] = []
        deltas: list[tuple[int, int]] = []
        shift = 0
        for u, rep in reps:
            us, ue = u.start - s0, u.end - s0
            parts.append(ctx.text[pos : u.start])
            parts.append(rep)
            pos = u.end
            old_ranges.append((us, ue))
            new_ranges.append((us + shift, us + shift + len(rep)))
            deltas.append((ue, len(rep) - (ue - us)))
            shift += len(rep) - (ue - us)
        parts.append(ctx.text[pos:e0])
        scope_text = "".join(parts)
        new_text = ctx.text[:s0] + scope_text + ctx.text[e0:]
        docs = self._documents(ctx.path, scope_text, ctx.shown)
        if self._blocks(docs) != base_blocks:
            return BLOCKS, "the rewrite changes the document's block structure (paragraphs, lists, tables)", None, None
        result = self._lint(ctx.path, scope_text, ctx.shown, ctx.bom and s0 == 0)

        def key(f: Finding, ranges: list[tuple[int, int]], before: bool) -> tuple:
            if f.scope == "document":
                return ("doc", f.rule_id)
            fs, fe = f.span.start.offset, f.span.end.offset
            for i, (s, e) in enumerate(ranges):
                if (fs < e and fe > s) or (fs == fe and s <= fs <= e):
                    return ("unit", i, f.rule_id, f.matched.lower())
            if before:
                d = sum(dl for end, dl in deltas if end <= fs)
                fs, fe = fs + d, fe + d
            return ("out", f.rule_id, fs, fe, f.matched)

        targeted_rules = [u.rule_ids for u, _ in reps]
        budget: Counter = Counter()
        for f in base_findings:
            k = key(f, old_ranges, True)
            if k[0] == "unit" and f.rule_id in targeted_rules[k[1]]:
                continue  # what the rewrite must remove
            budget[k] += 1
        for f in result.active:
            k = key(f, new_ranges, False)
            if budget[k] > 0:
                budget[k] -= 1
                continue
            where = f"{f.matched!r} " if f.matched else ""
            if k[0] == "unit" and f.rule_id in targeted_rules[k[1]]:
                return STILL, f"the rewrite is still flagged: {where}({f.rule_id}: {f.message})", None, None
            return NEW, f"the rewrite adds a finding: {where}({f.rule_id}: {f.message})", None, None
        return None, "", new_text, (result if whole else None)

    # -- a whole text --------------------------------------------------------------------

    def _combine(self, ctx: RewriteContext, accepted: list[UnitOutcome]) -> tuple[str, Any]:
        """Apply the accepted rewrites together; drop those that fail in combination (in order)."""
        groups: dict[int, list[UnitOutcome]] = {}
        for o in accepted:  # JSONL: records are independent, only units sharing a record interact
            s0, _ = self._scope(ctx, [(o.unit, o.replacement)])
            groups.setdefault(s0 if ctx.records else 0, []).append(o)
        kept: list[UnitOutcome] = []
        for group in groups.values():
            if len(group) == 1:
                kept.extend(group)
                continue
            reason, _d, _t, _r = self.check_replacements(ctx, [(o.unit, o.replacement) for o in group])
            if reason is None:
                kept.extend(group)
                continue
            cur = ctx
            done: list[UnitOutcome] = []
            for o in group:
                shift = sum(
                    len(k.replacement) - (k.unit.end - k.unit.start) for k in done if k.unit.end <= o.unit.start
                )
                reason, detail, new_text, res = self.check_replacements(cur, [(_moved(o.unit, shift), o.replacement)])
                if reason is None:
                    if res is None:
                        res = self._lint(ctx.path, new_text, ctx.shown, ctx.bom)
                    cur = RewriteContext(
                        path=ctx.path,
                        shown=ctx.shown,
                        text=new_text,
                        bom=ctx.bom,
                        result=res,
                        blocks=ctx.blocks,
                        env=ctx.env,
                        records=_moved_records(ctx.records, o.unit, shift, o.replacement),
                    )
                    done.append(o)
                else:
                    o.attempts.append(
                        Attempt(CONFLICT, "the rewrite conflicts with another accepted rewrite: " + detail, "")
                    )
                    o.replacement = o.rewrite = None
            kept.extend(done)
        kept.sort(key=lambda o: o.unit.start)
        parts, pos = [], 0
        for o in kept:
            parts.append(ctx.text[pos : o.unit.start])
            parts.append(o.replacement)
            pos = o.unit.end
        parts.append(ctx.text[pos:])
        new_text = "".join(parts)
        return new_text, self._lint(ctx.path, new_text, ctx.shown, ctx.bom)


def _moved(u: Unit, shift: int) -> Unit:
    return replace(u, start=u.start + shift, end=u.end + shift)


@dataclass
class RewriteContext:
    path: Path
    shown: str
    text: str
    bom: bool
    result: FileResult
    blocks: list
    env: dict
    records: list = field(default_factory=list)  # JSONL: (start, end) of each record's line
    scopes: dict = field(default_factory=dict)  # scope -> (findings, blocks), computed once


def _shift(f: Finding, delta: int) -> Finding:
    """A copy of ``f`` with offsets moved by ``delta`` (for comparing with a scope's own lint)."""
    a, b = f.span.start, f.span.end
    span = Span(
        Position(a.line, a.column, a.offset + delta, a.byte_offset),
        Position(b.line, b.column, b.offset + delta, b.byte_offset),
    )
    return replace(f, span=span)


def _moved_records(records: list, unit: Unit, shift: int, replacement: str) -> list:
    if not records:
        return records
    start = unit.start + shift
    delta = len(replacement) - (unit.end - unit.start)
    out = []
    for s, e in records:
        if e < start:
            out.append((s, e))
        elif s <= start <= e:
            out.append((s, e + delta))
        else:
            out.append((s + delta, e + delta))
    return out
