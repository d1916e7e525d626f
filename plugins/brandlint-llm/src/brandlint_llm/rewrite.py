"""Verified rewrites: a local model repairs what no deterministic fix can, and every answer is checked.

For each finding without a fix (tone, readability, banned claims, AI tells), the smallest unit
that encloses it — its sentence, or the whole paragraph / JSON string when the finding or the
inline markup crosses sentences — is sent with the guidelines that apply. The structured answer
``{"rewrite": "..."}`` is accepted only when

* it is JSON of that shape, not empty and not the passage unchanged;
* it keeps the Markdown inline structure (links and URLs, images, code spans, emphasis,
  footnote references, inline HTML, bare URLs) and every template placeholder;
* it keeps the document's block structure (no new paragraph, list item or table cell);
* re-linting the whole document with the rewrite in place no longer reports the targeted
  findings and reports no finding that was not there before.

A rejected answer is retried (``max-attempts``) with the reason in the conversation; then the
finding is reported as not rewritten and the text is left as it was.
"""
from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from brandlint.findings import Edit, Finding

from .backends import ChatBackend, ModelError, build_backend
from .config import LLMConfig, from_settings

_BOM = b"\xef\xbb\xbf"

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
REASONS = (MODEL_ERROR, MALFORMED, SCHEMA, EMPTY, UNCHANGED, BLOCKS, MARKDOWN, PLACEHOLDER, STILL, NEW, CONFLICT)

REWRITE_SCHEMA = {
    "type": "object",
    "properties": {"rewrite": {"type": "string"}},
    "required": ["rewrite"],
    "additionalProperties": False,
}

SYSTEM = """You are the copy editor of a brand. You rewrite one short passage at a time so that it follows the brand's guidelines.
Rules for every rewrite:
- Fix every problem listed. Do not use any word or phrase the guidelines ban.
- Keep the meaning, the facts, the language and about the same length. Do not add sentences, headings, list items or line breaks.
- Keep every Markdown link with its exact URL, every `code span`, every *emphasis* and **strong emphasis**, every footnote reference such as [^1], and every placeholder such as {name}, {{name}}, %(var)s, %s or [%key:...%] exactly as written.
- Answer with a JSON object only: {"rewrite": "<the rewritten passage>"}"""

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CONT = re.compile(r"(\r?\n|\r)([ \t>]*)")
_OPENERS = "*_~[`"
_CLOSER = re.compile(
    r"[*_~`]+"
    r"|\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
    r"|\]\[[^\]\n]*\]"
    r"|\]")
_FENCE = re.compile(r"\A```(?:json)?\s*\n?(.*?)\n?```\s*\Z", re.S)


# --------------------------------------------------------------------------------------------
# Units


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
    result: Any = None  # the runner's FileResult for ``text``

    @property
    def accepted(self) -> list[UnitOutcome]:
        return [o for o in self.outcomes if o.accepted]

    @property
    def rejected(self) -> list[UnitOutcome]:
        return [o for o in self.outcomes if not o.accepted]

    @property
    def rewritten(self) -> list[Finding]:
        return [f for o in self.accepted for f in o.unit.findings]

    def reasons(self) -> Counter:
        return Counter(o.reason for o in self.outcomes)

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


def _seg_index(seg, local: int, *, end: bool) -> int:
    """Index in ``seg.text`` of a source offset (the inverse of the segment's source map)."""
    best = None
    for r in seg.runs:
        lo, hi = r.src_start, r.src_start + r.src_len
        linear = r.seg_len == r.src_len
        if (lo <= local < hi) if not end else (lo < local <= hi):
            return r.seg_start + ((local - lo) if linear else (0 if not end else r.seg_len))
        if not end and lo >= local and best is None:
            best = r.seg_start  # in a gap (e.g. a link's URL): the next mapped character
        if end and hi <= local:
            best = r.seg_start + r.seg_len
    if best is None:
        return 0 if not end else len(seg.text)
    return best


def _straddles(ranges: Iterable[tuple], s: int, e: int) -> bool:
    for r in ranges:
        a, b = r[0], r[1]
        if a < s < b or a < e < b:
            return True
    return False


def _expand_markup(source: str, s: int, e: int) -> tuple[int, int]:
    """Widen [s, e) over Markdown markup hugging it (``**``, ``[``, ``](url)``)."""
    while s > 0 and source[s - 1] in _OPENERS:
        s -= 1
    if s > 0 and source[s - 1] == "!" and source[s:s + 1] == "[":
        s -= 1
    while e < len(source):
        m = _CLOSER.match(source, e)
        if not m or m.end() == e:
            break
        e = m.end()
    return s, e


# --------------------------------------------------------------------------------------------
# The rewriter


def _shorten(text: str, n: int = 160) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def _matches(selector: str, rule_id: str) -> bool:
    import fnmatch
    return (selector == "ALL" or selector == rule_id or rule_id.startswith(selector.rstrip("/") + "/")
            or fnmatch.fnmatchcase(rule_id, selector))


class Rewriter:
    """Rewrites the findings of texts linted with ``settings``, through one model backend."""

    def __init__(self, settings: Any, config: LLMConfig | None = None, backend: ChatBackend | None = None) -> None:
        self.settings = settings
        self.config = config or from_settings(settings)
        self._backend = backend
        self._lock = threading.Lock()  # linting and parsing are not shared across threads
        self._env_cache: dict[int, dict] = {}

    @property
    def backend(self) -> ChatBackend:
        if self._backend is None:
            try:
                self._backend = build_backend(self.config, self.settings.registry)
            except ModelError as exc:  # a configuration problem: stop the run (exit 2)
                from brandlint.errors import ConfigError
                raise ConfigError(exc.message, path=self.config.source) from None
        return self._backend

    # -- targets -------------------------------------------------------------------------
    def is_target(self, f: Finding) -> bool:
        if f.suppression is not None or f.fix is not None or f.rule_id.startswith("brandlint/"):
            return False
        if f.scope == "document":
            return False
        c = self.config
        return (any(_matches(s, f.rule_id) for s in c.rewrite_select)
                and not any(_matches(s, f.rule_id) for s in c.rewrite_ignore))

    # -- documents -----------------------------------------------------------------------
    def _lint(self, path: Path, text: str, shown: str, bom: bool):
        from brandlint.runner import lint_file
        content = (_BOM if bom else b"") + text.encode("utf-8", "surrogatepass")
        return lint_file(path, self.settings, content=content, display_path=shown)

    def _documents(self, path: Path, text: str, shown: str) -> list:
        from brandlint.documents.base import SourceFile
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

    def units(self, path: Path, text: str, targets: Sequence[Finding], shown: str = "",
              docs: list | None = None) -> tuple[list[Unit], list[tuple[Finding, str]]]:
        """Group targeted findings into the smallest enclosing units (non-overlapping)."""
        from brandlint.rules.text import sentences

        docs = docs if docs is not None else self._documents(path, text, shown or str(path))
        spans = []  # (file start, file end, doc, seg)
        for d in docs:
            base = d.index.offset_base
            for seg in d.segments:
                if not seg.text.strip():
                    continue
                s, e = seg.source_range(0, len(seg.text))
                spans.append((base + s, base + e, d, seg))
        per_seg: dict[int, list[tuple[Finding, int, int]]] = {}
        skipped: list[tuple[Finding, str]] = []
        for f in targets:
            fs, fe = f.span.start.offset, f.span.end.offset
            best = None
            for i, (s, e, _d, _seg) in enumerate(spans):
                if s <= fs and fe <= e and (best is None or e - s < spans[best][1] - spans[best][0]):
                    best = i
            if best is None:
                skipped.append((f, "it is not inside one prose passage (sentence or paragraph)"))
                continue
            _s, _e, d, seg = spans[best]
            base = d.index.offset_base
            a = _seg_index(seg, fs - base, end=False)
            b = max(a, _seg_index(seg, fe - base, end=True))
            per_seg.setdefault(best, []).append((f, a, b))

        units: list[Unit] = []
        for i, items in per_seg.items():
            _s, _e, d, seg = spans[i]
            whole = [(0, len(seg.text))]
            ranges: list[tuple[int, int]] = []
            paragraph = self.config.unit == "paragraph"
            if not paragraph:
                sents = sentences(seg.text)
                for f, a, b in items:
                    hit = next(((s, e) for s, e in sents if s <= a and b <= e), None)
                    if hit is None or _straddles(seg.inline, *hit) or _straddles(seg.masked, *hit):
                        paragraph = True
                        break
                    if hit not in ranges:
                        ranges.append(hit)
            if paragraph:
                t = seg.text
                lo, hi = 0, len(t)
                while lo < hi and t[lo].isspace():
                    lo += 1
                while hi > lo and t[hi - 1].isspace():
                    hi -= 1
                ranges = [(lo, hi)]
            for (a, b) in sorted(ranges):
                unit = self._make_unit(d, seg, a, b, "paragraph" if paragraph or (a, b) == whole[0] else "sentence")
                if unit is None:
                    for f, fa, fb in items:
                        if a <= fa and fb <= b:
                            skipped.append((f, "its passage cannot be isolated from the markup around it"))
                    continue
                unit.findings = [f for f, fa, fb in items if a <= fa and fb <= b]
                units.append(unit)
        units.sort(key=lambda u: u.start)
        return units, skipped

    def _make_unit(self, doc, seg, a: int, b: int, kind: str) -> Unit | None:
        base = doc.index.offset_base
        ls, le = seg.source_range(a, b)
        source = doc.source
        in_json = seg.pointer is not None
        markdown = doc.format == "markdown" or bool(seg.inline) or bool(seg.masked)
        if markdown:
            ls, le = _expand_markup(source, ls, le)
        raw = source[ls:le]
        prefix, newline = "", "\n"
        if in_json:
            try:
                text = json.loads('"' + raw + '"')
            except ValueError:
                return None
        else:
            m = _CONT.search(raw)
            if m:
                newline, prefix = m.group(1), m.group(2)
            text = _CONT.sub("\n", raw)
        if not text.strip():
            return None
        single = seg.scope in ("heading", "table-cell", "table-header", "table") or "heading" in seg.scopes \
            or "table" in seg.scopes
        return Unit(start=base + ls, end=base + le, text=text, kind=kind, scope=seg.scope, in_json=in_json,
                    markdown=markdown, single_line=single or in_json and "\n" not in text,
                    prefix=prefix, newline=newline)

    # -- prompts -------------------------------------------------------------------------
    def _rules(self, path: Path) -> dict[str, Any]:
        return {r.id: r for r in self.settings.ruleset_for(path).rules}

    def messages(self, unit: Unit, path: Path) -> list[dict]:
        rules = self._rules(path)
        system = SYSTEM
        if self.config.voice.strip():
            system += "\nBrand voice: " + self.config.voice.strip()
        preferred = preferred_terms(rules.values())
        if preferred:
            system += "\nPreferred terms (write the one on the right): " + "; ".join(
                f"{a} -> {b}" for a, b in preferred[:40])
        lines = ["Problems in the passage:"]
        for f in unit.findings:
            lines.append(f"- {f.matched!r} ({f.rule_id}): {f.message}")
        lines.append("")
        seen = set()
        for f in unit.findings:
            r = rules.get(f.rule_id)
            if r is None or f.rule_id in seen:
                continue
            seen.add(f.rule_id)
            lines.extend(rule_guidance(r))
        where = {"sentence": "a sentence", "paragraph": "a paragraph"}[unit.kind]
        if unit.in_json:
            where += " of a JSON string value"
        elif unit.scope == "heading":
            where = "a heading"
        elif unit.markdown:
            where += " of a Markdown document"
        lines += ["", f"Passage ({where}):", "<text>", unit.text, "</text>"]
        return [{"role": "system", "content": system}, {"role": "user", "content": "\n".join(lines).strip()}]

    # -- one unit ------------------------------------------------------------------------
    def _rewrite_unit(self, unit: Unit, ctx: "_Ctx") -> UnitOutcome:
        out = UnitOutcome(unit)
        messages = self.messages(unit, ctx.path)
        for attempt in range(self.config.max_attempts):
            t0 = time.perf_counter()
            try:
                answer = self.backend.chat(messages, schema=REWRITE_SCHEMA, schema_name="rewrite")
            except ModelError as exc:
                out.attempts.append(Attempt(MODEL_ERROR, f"model error: {exc.message}", "", time.perf_counter() - t0))
                return out
            seconds = time.perf_counter() - t0
            candidate, reason, detail = parse_answer(answer, "rewrite")
            if reason is None:
                with self._lock:
                    reason, detail, replacement = self.verify(unit, candidate, ctx)
                if reason is None:
                    out.attempts.append(Attempt(ACCEPTED, "", _shorten(answer), seconds))
                    out.replacement, out.rewrite = replacement, candidate
                    return out
            out.attempts.append(Attempt(reason, detail, _shorten(answer), seconds))
            messages = messages + [
                {"role": "assistant", "content": answer},
                {"role": "user", "content": f"That rewrite was rejected: {detail}. Rewrite the original "
                                            "passage again and fix this. Answer with the JSON object only."},
            ]
        return out

    def verify(self, unit: Unit, candidate: str, ctx: "_Ctx") -> tuple[str | None, str, str | None]:
        """Check one candidate against the text in ``ctx``: ``(reason, detail, replacement)``."""
        from .structure import structure_problem

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

    def _scope(self, ctx: "_Ctx", reps: list[tuple[Unit, str]]) -> tuple[int, int]:
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

    def _scope_base(self, ctx: "_Ctx", scope: tuple[int, int]) -> tuple[list[Finding], list]:
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

    def check_replacements(self, ctx: "_Ctx", reps: list[tuple[Unit, str]]):
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
            parts.append(ctx.text[pos:u.start])
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
    def rewrite_text(self, path: str | Path, text: str, *, display_path: str | None = None, bom: bool = False,
                     result: Any = None, targets: Sequence[Finding] | None = None) -> TextRewrite:
        """Rewrite every targeted finding of ``text`` (the content of ``path``) that can be verified.

        ``result`` is the lint result of ``text`` when the caller has it; ``targets`` restricts the
        findings to rewrite (default: every finding :meth:`is_target` accepts).
        """
        path = Path(path)
        shown = display_path or str(path)
        with self._lock:
            if result is None:
                result = self._lint(path, text, shown, bom)
            docs = self._documents(path, text, shown)
        chosen = [f for f in (targets if targets is not None else result.active) if self.is_target(f)]
        out = TextRewrite(original=text, text=text, result=result)
        if not chosen:
            return out
        units, out.skipped = self.units(path, text, chosen, shown, docs)
        if not units:
            return out
        records = []
        if docs and all(d.record is not None for d in docs):
            records = [(d.index.offset_base, d.index.offset_base + len(d.source)) for d in docs]
        ctx = _Ctx(path=path, shown=shown, text=text, bom=bom, result=result, blocks=self._blocks(docs),
                   env=self._env(text, docs), records=records)
        self.backend  # configuration errors stop here, before any thread starts
        if self.config.concurrency > 1 and len(units) > 1:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(max_workers=min(self.config.concurrency, len(units))) as pool:
                out.outcomes = list(pool.map(lambda u: self._rewrite_unit(u, ctx), units))
        else:
            out.outcomes = [self._rewrite_unit(u, ctx) for u in units]
        accepted = [o for o in out.outcomes if o.accepted]
        if not accepted:
            return out
        with self._lock:
            out.text, out.result = self._combine(ctx, accepted)
        return out

    def _combine(self, ctx: "_Ctx", accepted: list[UnitOutcome]) -> tuple[str, Any]:
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
                shift = sum(len(k.replacement) - (k.unit.end - k.unit.start) for k in done
                            if k.unit.end <= o.unit.start)
                reason, detail, new_text, res = self.check_replacements(cur, [(_moved(o.unit, shift), o.replacement)])
                if reason is None:
                    if res is None:
                        res = self._lint(ctx.path, new_text, ctx.shown, ctx.bom)
                    cur = _Ctx(path=ctx.path, shown=ctx.shown, text=new_text, bom=ctx.bom, result=res,
                               blocks=ctx.blocks, env=ctx.env, records=_moved_records(ctx.records, o.unit, shift,
                                                                                       o.replacement))
                    done.append(o)
                else:
                    o.attempts.append(Attempt(CONFLICT, "the rewrite conflicts with another accepted rewrite: "
                                                        + detail, ""))
                    o.replacement = o.rewrite = None
            kept.extend(done)
        kept.sort(key=lambda o: o.unit.start)
        parts, pos = [], 0
        for o in kept:
            parts.append(ctx.text[pos:o.unit.start])
            parts.append(o.replacement)
            pos = o.unit.end
        parts.append(ctx.text[pos:])
        new_text = "".join(parts)
        return new_text, self._lint(ctx.path, new_text, ctx.shown, ctx.bom)

    def _env(self, text: str, docs: list) -> dict:
        if not any(d.format == "markdown" for d in docs):
            return {}
        from .structure import reference_env
        return reference_env(text)

    def rewrite_finding(self, text: str, finding: Finding, path: str | Path | None = None,
                        *, bom: bool = False) -> UnitOutcome | None:
        """Rewrite the passage around one finding (the language server's code action)."""
        p = Path(path or finding.path)
        res = self.rewrite_text(p, text, display_path=finding.path, bom=bom, targets=[finding])
        return res.outcomes[0] if res.outcomes else None


def _moved(u: Unit, shift: int) -> Unit:
    from dataclasses import replace
    return replace(u, start=u.start + shift, end=u.end + shift)


@dataclass
class _Ctx:
    path: Path
    shown: str
    text: str
    bom: bool
    result: Any
    blocks: list
    env: dict
    records: list = field(default_factory=list)  # JSONL: (start, end) of each record's line
    scopes: dict = field(default_factory=dict)  # scope -> (findings, blocks), computed once


def _shift(f: Finding, delta: int) -> Finding:
    """A copy of ``f`` with offsets moved by ``delta`` (for comparing with a scope's own lint)."""
    from dataclasses import replace
    from brandlint.findings import Position, Span
    a, b = f.span.start, f.span.end
    span = Span(Position(a.line, a.column, a.offset + delta, a.byte_offset),
                Position(b.line, b.column, b.offset + delta, b.byte_offset))
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


def parse_answer(answer: str, key: str) -> tuple[str, str | None, str]:
    """``(value, reason, detail)`` from a structured answer; ``reason`` is None when usable."""
    s = answer.strip()
    m = _FENCE.match(s)
    if m:  # ```json ... ``` around an otherwise valid answer
        s = m.group(1).strip()
    try:
        data = json.loads(s)
    except ValueError:
        return "", MALFORMED, f"the answer is not JSON: {_shorten(answer, 80)!r}"
    if not isinstance(data, dict) or not isinstance(data.get(key), str):
        return "", SCHEMA, (f"the answer ignores the JSON schema (expected an object with a string "
                            f"{key!r}): {_shorten(answer, 80)!r}")
    return data[key], None, ""


def preferred_terms(rules: Iterable[Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for r in rules:
        swap = r.opts.get("swap") if isinstance(getattr(r, "opts", None), dict) else None
        if isinstance(swap, dict):
            out.extend((str(a), str(b)) for a, b in swap.items())
    return out


def banned_terms(rules: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for r in rules:
        if getattr(r.meta, "kind", "") == "existence":
            out.extend(str(t) for t in r.opts.get("tokens") or ())
    return out


def rule_guidance(rule: Any) -> list[str]:
    m = rule.meta
    d = m.docs
    lines = [f"Guideline {m.id}:"]
    if d.what.strip():
        lines.append("  " + " ".join(d.what.split()))
    if d.why.strip():
        lines.append("  Why: " + " ".join(d.why.split()))
    if d.example.strip() and d.use_instead.strip():
        lines.append(f"  Instead of: {' '.join(d.example.split())}")
        lines.append(f"  Write: {' '.join(d.use_instead.split())}")
    elif d.use_instead.strip():
        lines.append("  Write like: " + " ".join(d.use_instead.split()))
    sugg = rule.opts.get("suggestions") if isinstance(getattr(rule, "opts", None), dict) else None
    if sugg:
        lines.append("  Suggested alternatives: " + ", ".join(map(str, sugg)))
    return lines


# --------------------------------------------------------------------------------------------
# The registered fixer (brandlint_fixers hook) and its per-settings cache


class RewriteFixer:
    """``registry.fixers["rewrite"]``: verified model rewrites.

    ``rewrite(text, finding, settings)`` returns the edits of a verified rewrite of the passage
    around ``finding`` (file code-point offsets of ``text``), or ``None`` when the model could not
    produce one that passes (the reason is in :meth:`rewrite_finding`'s outcome).
    ``can_rewrite(finding, settings)`` says whether to offer it at all (the language server asks).
    """

    name = "rewrite"
    description = "rewrite passages with a local model; accepted only when re-linting verifies them"

    def __init__(self) -> None:
        self._rewriters: dict[int, tuple[Any, Rewriter]] = {}
        self._lock = threading.Lock()

    def rewriter(self, settings: Any) -> Rewriter:
        with self._lock:
            hit = self._rewriters.get(id(settings))
            if hit is None or hit[0] is not settings:
                hit = self._rewriters[id(settings)] = (settings, Rewriter(settings))
            return hit[1]

    def can_rewrite(self, finding: Finding, settings: Any) -> bool:
        """Whether to offer a rewrite for ``finding`` (a model is configured, no fix, selected)."""
        rw = self.rewriter(settings)
        return bool(rw.config.model) and rw.is_target(finding)

    def rewrite_finding(self, text: str, finding: Finding, settings: Any) -> UnitOutcome | None:
        return self.rewriter(settings).rewrite_finding(text, finding)

    def rewrite(self, text: str, finding: Finding, settings: Any) -> list[Edit] | None:
        outcome = self.rewrite_finding(text, finding, settings)
        if outcome is None or not outcome.accepted:
            return None
        return [outcome.edit()]

    # the `brandlint fix --rewrite` command (called by the core CLI)
    def run_fix_command(self, args: Any, opts: Any) -> int:
        from .commands import run_rewrite_fix
        return run_rewrite_fix(self, args, opts)
