"""The ``rewrite`` fixer (``brandlint_fixers``): verified model rewrites for the fix loop and
for editors.

* as a :class:`~brandlint.plugins.protocols.Fixer` (``brandlint fix --rewrite``, i.e.
  ``--fixer rewrite``): deterministic fixes first (to a fixpoint), then verified rewrites of
  what is left; the core's fix loop reads and writes the file;
* as a :class:`~brandlint.plugins.protocols.FindingFixer` (the language server's "Rewrite with
  local model" action): the verified rewrite of the passage around one finding.

Loading this module is cheap: the rewrite machinery loads on the first rewrite.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from brandlint.config.settings import Settings
from brandlint.findings import Edit, Finding
from brandlint.fixing import TextFix, fix_text
from brandlint.provenance import read_provenance, stamp, text_hash, with_front_matter, without_provenance
from brandlint.textutil import plural

if TYPE_CHECKING:  # types only: the machinery is imported on first use (see rewriter())
    from .outcomes import TextRewrite, UnitOutcome
    from .rewrite import Rewriter

__all__ = ["RewriteFixer", "rewrite_summary"]

MARKDOWN = (".md", ".markdown", ".mdx")


def rewrite_summary(rewrites: Sequence[TextRewrite], *, would: bool = False) -> str:
    """``Rewrote N findings in M passages; K findings not rewritten (reason n, ...).``"""
    accepted = sum(len(r.rewritten) for r in rewrites)
    units = sum(len(r.accepted) for r in rewrites)
    failed: Counter = Counter()
    for r in rewrites:
        for o in r.rejected:
            failed[o.reason] += len(o.unit.findings)
        if r.skipped:
            failed["no-passage"] += len(r.skipped)
    verb = "Would rewrite" if would else "Rewrote"
    line = f"{verb} {plural(accepted, 'finding')} in {plural(units, 'passage')}"
    if failed:
        n = sum(failed.values())
        why = ", ".join(f"{k} {v}" for k, v in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0])))
        line += f"; {plural(n, 'finding')} not rewritten ({why})"
    return line + "."


class RewriteFixer:
    """``registry.fixers["rewrite"]``: one :class:`~brandlint_llm.rewrite.Rewriter` per settings."""

    name = "rewrite"
    description = "rewrite passages with a local model; accepted only when re-linting verifies them"
    title = "Rewrite with local model"
    nothing_message = "the local model proposed no rewrite for this finding"
    #: files one at a time: the model server is the bottleneck (``concurrency`` requests per file)
    max_jobs = 1

    def __init__(self) -> None:
        self._rewriters: dict[int, tuple[Settings, Rewriter]] = {}
        self._lock = threading.Lock()

    def rewriter(self, settings: Settings) -> Rewriter:
        # lazy: HTTP, thread pools and the verification machinery load on the first rewrite
        from .rewrite import Rewriter

        with self._lock:
            hit = self._rewriters.get(id(settings))
            if hit is None or hit[0] is not settings:
                hit = self._rewriters[id(settings)] = (settings, Rewriter(settings))
            return hit[1]

    # -- Fixer: the fix loop ---------------------------------------------------------------
    def fix_text(
        self,
        path: Path,
        text: str,
        settings: Settings,
        *,
        unsafe: bool,
        display_path: str,
        bom: bool,
        encoding: str = "utf-8",
        show_fixes: bool = False,
    ) -> TextFix:
        det = fix_text(path, text, settings, unsafe=unsafe, display_path=display_path, bom=bom, encoding=encoding)
        rw = self.rewriter(settings).rewrite_text(path, det.text, display_path=display_path, bom=bom, result=det.result)
        assert rw.result is not None
        new_text, result = rw.text, rw.result
        if rw.rewritten and path.suffix.lower() in MARKDOWN:  # record the model's part in the text
            new_text = self._with_provenance(path, text, rw.text, settings)
            result = fix_text(path, new_text, settings, unsafe=unsafe, display_path=display_path, bom=bom).result
        return TextFix(
            text=new_text,
            applied=list(det.applied) + rw.rewritten,
            result=result,
            passes=det.passes,
            initial=det.initial,
            notes=rw.lines(show_accepted=show_fixes),
            details=rw,
        )

    def _with_provenance(self, path: Path, before: str, after: str, settings: Settings) -> str:
        """``after`` with a ``rewrite`` step added to its provenance (front matter). The content
        hash moves to the new text only when the text before matched it (or had none): a human
        edit since generation still needs an approval."""
        from .provenance import rewrite_record  # lazy: see rewriter()

        prov = read_provenance(path, before) or {}
        if "error" in prov:
            prov = {}
        old = prov.get("content-hash")
        kept = old is not None and old != text_hash(without_provenance(path, before))
        prov["rewrites"] = [*prov.get("rewrites", ()), rewrite_record(self.rewriter(settings).config)]
        stamped, _ = stamp(path, after, {k: v for k, v in prov.items() if k != "content-hash"})
        if kept:
            prov["content-hash"] = old
            return with_front_matter(after, prov)
        return stamped

    def summary(self, fixes: Sequence[TextFix], *, would: bool) -> str | None:
        return rewrite_summary([f.details for f in fixes if f.details is not None], would=would)

    # -- FindingFixer: editors -------------------------------------------------------------
    def can_fix(self, finding: Finding, settings: Settings) -> bool:
        """Whether to offer a rewrite for ``finding`` (a model is configured, no fix, selected)."""
        rw = self.rewriter(settings)
        return bool(rw.config.model) and rw.is_target(finding)

    def rewrite_finding(self, text: str, finding: Finding, settings: Settings) -> UnitOutcome | None:
        """The outcome of rewriting the passage around ``finding`` (accepted, or why not)."""
        return self.rewriter(settings).rewrite_finding(text, finding)

    def fix_finding(self, text: str, finding: Finding, settings: Settings) -> list[Edit] | None:
        outcome = self.rewrite_finding(text, finding, settings)
        if outcome is None or not outcome.accepted:
            return None
        return [outcome.edit()]
