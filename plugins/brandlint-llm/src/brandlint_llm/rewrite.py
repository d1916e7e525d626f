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
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from brandlint.config.settings import Settings
from brandlint.documents.base import Document, Segment
from brandlint.errors import ConfigError
from brandlint.findings import Finding
from brandlint.results import FileResult
from brandlint.rules.base import Rule
from brandlint.rules.text import sentences
from brandlint.selectors import matches_any

from .backend_state import ModelError
from .backends import ChatBackend, build_backend
from .config import LLMConfig, from_settings
from .guidance import REWRITE_SCHEMA, SYSTEM, parse_answer, preferred_terms, rule_guidance, shorten
from .outcomes import ACCEPTED, MODEL_ERROR, Attempt, TextRewrite, Unit, UnitOutcome
from .structure import reference_env
from .units import CONT, expand_markup, seg_index, straddles
from .verify import RewriteContext, Verifier

__all__ = ["Rewriter"]


class Rewriter(Verifier):
    """Rewrites the findings of texts linted with ``settings``, through one model backend."""

    def __init__(self, settings: Settings, config: LLMConfig | None = None, backend: ChatBackend | None = None) -> None:
        self.settings = settings
        self.config = config or from_settings(settings)
        self._backend = backend
        self._lock = threading.Lock()  # linting and parsing are not shared across threads

    @property
    def backend(self) -> ChatBackend:
        if self._backend is None:
            try:
                self._backend = build_backend(self.config, self.settings.registry)
            except ModelError as exc:  # a configuration problem: stop the run (exit 2)
                raise ConfigError(exc.message, path=self.config.source) from None
        return self._backend

    # -- targets -------------------------------------------------------------------------
    def is_target(self, f: Finding) -> bool:
        if f.suppression is not None or f.fix is not None or f.rule_id.startswith("brandlint/"):
            return False
        if f.scope == "document":
            return False
        c = self.config
        return matches_any(c.rewrite_select, f.rule_id) and not matches_any(c.rewrite_ignore, f.rule_id)

    # -- units ---------------------------------------------------------------------------
    def units(
        self, path: Path, text: str, targets: Sequence[Finding], shown: str = "", docs: list[Document] | None = None
    ) -> tuple[list[Unit], list[tuple[Finding, str]]]:
        """Group targeted findings into the smallest enclosing units (non-overlapping)."""
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
            a = seg_index(seg, fs - base, end=False)
            b = max(a, seg_index(seg, fe - base, end=True))
            per_seg.setdefault(best, []).append((f, a, b))

        units: list[Unit] = []
        for i, items in per_seg.items():
            _s, _e, d, seg = spans[i]
            whole = [(0, len(seg.text))]
            ranges: list[tuple[int, int]] = []
            paragraph = self.config.unit == "paragraph"
            if not paragraph:
                sents = sentences(seg.text)
                for _f, a, b in items:
                    hit = next(((s, e) for s, e in sents if s <= a and b <= e), None)
                    if hit is None or straddles(seg.inline, *hit) or straddles(seg.masked, *hit):
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
            for a, b in sorted(ranges):
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

    def _make_unit(self, doc: Document, seg: Segment, a: int, b: int, kind: str) -> Unit | None:
        base = doc.index.offset_base
        ls, le = seg.source_range(a, b)
        source = doc.source
        in_json = seg.pointer is not None
        markdown = doc.format == "markdown" or bool(seg.inline) or bool(seg.masked)
        if markdown:
            ls, le = expand_markup(source, ls, le)
        raw = source[ls:le]
        prefix, newline = "", "\n"
        if in_json:
            try:
                text = json.loads('"' + raw + '"')
            except ValueError:
                return None
        else:
            m = CONT.search(raw)
            if m:
                newline, prefix = m.group(1), m.group(2)
            text = CONT.sub("\n", raw)
        if not text.strip():
            return None
        single = (
            seg.scope in ("heading", "table-cell", "table-header", "table")
            or "heading" in seg.scopes
            or "table" in seg.scopes
        )
        return Unit(
            start=base + ls,
            end=base + le,
            text=text,
            kind=kind,
            scope=seg.scope,
            in_json=in_json,
            markdown=markdown,
            single_line=single or in_json and "\n" not in text,
            prefix=prefix,
            newline=newline,
        )

    # -- prompts -------------------------------------------------------------------------
    def _rules(self, path: Path) -> dict[str, Rule]:
        return {r.id: r for r in self.settings.ruleset_for(path).rules}

    def messages(self, unit: Unit, path: Path) -> list[dict]:
        rules = self._rules(path)
        system = SYSTEM
        if self.config.voice.strip():
            system += "\nBrand voice: " + self.config.voice.strip()
        preferred = preferred_terms(rules.values())
        if preferred:
            system += "\nPreferred terms (write the one on the right): " + "; ".join(
                f"{a} -> {b}" for a, b in preferred[:40]
            )
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
    def _rewrite_unit(self, unit: Unit, ctx: RewriteContext) -> UnitOutcome:
        out = UnitOutcome(unit)
        messages = self.messages(unit, ctx.path)
        for _attempt in range(self.config.max_attempts):
            t0 = time.perf_counter()
            try:
                answer = self.backend.chat(messages, schema=REWRITE_SCHEMA, schema_name="rewrite")
            except ModelError as exc:
                out.attempts.append(Attempt(MODEL_ERROR, f"model error: {exc.message}", "", time.perf_counter() - t0))
                return out
            seconds = time.perf_counter() - t0
            candidate, reason, detail = parse_answer(answer, "rewrite", source=unit.text)
            if reason is None:
                with self._lock:
                    reason, detail, replacement = self.verify(unit, candidate, ctx)
                if reason is None:
                    out.attempts.append(Attempt(ACCEPTED, "", shorten(answer), seconds))
                    out.replacement, out.rewrite = replacement, candidate
                    return out
            out.attempts.append(Attempt(reason, detail, shorten(answer), seconds))
            messages = messages + [
                {"role": "assistant", "content": answer},
                {
                    "role": "user",
                    "content": f"That rewrite was rejected: {detail}. Rewrite the original "
                    "passage again and fix this. Answer with the JSON object only.",
                },
            ]
        return out

    # -- a whole text --------------------------------------------------------------------
    def rewrite_text(
        self,
        path: str | Path,
        text: str,
        *,
        display_path: str | None = None,
        bom: bool = False,
        result: FileResult | None = None,
        targets: Sequence[Finding] | None = None,
    ) -> TextRewrite:
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
        ctx = RewriteContext(
            path=path,
            shown=shown,
            text=text,
            bom=bom,
            result=result,
            blocks=self._blocks(docs),
            env=self._env(text, docs),
            records=records,
        )
        _ = self.backend  # configuration errors stop here, before any thread starts
        if self.config.concurrency > 1 and len(units) > 1:
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

    def _env(self, text: str, docs: list[Document]) -> dict:
        if not any(d.format == "markdown" for d in docs):
            return {}
        return reference_env(text)

    def rewrite_finding(
        self, text: str, finding: Finding, path: str | Path | None = None, *, bom: bool = False
    ) -> UnitOutcome | None:
        """Rewrite the passage around one finding (the language server's code action)."""
        p = Path(path or finding.path)
        res = self.rewrite_text(p, text, display_path=finding.path, bom=bom, targets=[finding])
        return res.outcomes[0] if res.outcomes else None
