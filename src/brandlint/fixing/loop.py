"""The fix loop: read a file, let a fixer improve its text, refuse syntax breaks, write it back.

* :class:`DeterministicFixer` (the default :class:`~brandlint.plugins.protocols.Fixer`) and
  :func:`fix_text`: lint → apply the edits findings carry (:func:`~brandlint.fixing.edits.apply_edits`)
  → re-lint, until nothing applicable is left, the text repeats (a cycle between two rules) or
  ``max_passes`` is reached;
* :func:`fix_file`: :func:`load_for_fix` → ``fixer.fix_text`` → :func:`finish_outcome`, which
  refuses a change that adds syntax errors, computes the diff and writes atomically
  (:func:`brandlint.fileio.atomic_write`: encoding, BOM, line endings and permissions kept;
  nothing written when the file changed on disk meanwhile).

Every fixer, built in or a plugin's, goes through the same :func:`fix_file`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config.settings import Settings
from ..engine import SYNTAX_ERROR
from ..fileio import BOM, FileChangedError, SourceInfo, atomic_write, newline_style, read_source, remove_stale_temps
from ..findings import Applicability, Finding
from ..pipeline import decode, lint_file
from ..plugins.protocols import Fixer, TextFix
from ..results import IO_ERROR, FileResult, file_finding, missing_reason, no_format_note
from .diffs import unified_diff
from .edits import adapt_newlines, apply_edits

__all__ = [
    "DEFAULT_MAX_PASSES",
    "DeterministicFixer",
    "FixOutcome",
    "TextFixResult",
    "finish_outcome",
    "fix_file",
    "fix_text",
    "load_for_fix",
]

DEFAULT_MAX_PASSES = 10

#: what :func:`fix_text` returns (the protocols' :class:`~brandlint.plugins.protocols.TextFix`)
TextFixResult = TextFix


def _allowed(f: Finding, unsafe: bool) -> bool:
    return f.fix is not None and f.suppression is None and (unsafe or f.fix.applicability is Applicability.SAFE)


def fix_text(
    path: Path | str,
    text: str,
    settings: Settings,
    *,
    unsafe: bool = False,
    max_passes: int = DEFAULT_MAX_PASSES,
    display_path: str | None = None,
    bom: bool = False,
    encoding: str = "utf-8",
) -> TextFix:
    """Lint ``text`` (the content of ``path``, decoded), fix, re-lint, until stable.

    Stops when no applicable fix is left, when a pass would produce a text seen before (two
    rules undoing each other), or after ``max_passes`` passes. Suppressed findings are never
    fixed; unsafe fixes only with ``unsafe=True``.
    """
    path = Path(path)
    shown = display_path or str(path)
    prefix = BOM if bom else b""

    def lint(t: str) -> FileResult:
        return lint_file(path, settings, content=prefix + t.encode(encoding), display_path=shown)

    newline = newline_style(text)
    result = initial = lint(text)
    seen = {hashlib.sha256(text.encode(encoding, "surrogatepass")).digest()}
    applied: list[Finding] = []
    passes = 0
    while passes < max_passes:
        candidates = [adapt_newlines(f, newline) for f in result.findings if _allowed(f, unsafe)]
        if not candidates:
            break
        new, done, _skipped = apply_edits(text, candidates)
        if new == text:
            break
        digest = hashlib.sha256(new.encode(encoding, "surrogatepass")).digest()
        if digest in seen:  # a cycle: stop at the current text
            break
        seen.add(digest)
        passes += 1
        applied.extend(done)
        text = new
        result = lint(text)
    return TextFix(text=text, applied=applied, result=result, passes=passes, initial=initial)


@dataclass
class DeterministicFixer:
    """The default fixer: the edits rules attach to findings, to a fixpoint (:func:`fix_text`)."""

    max_passes: int = DEFAULT_MAX_PASSES
    name: str = "deterministic"
    description: str = "apply the fixes rules attach to findings, re-linting until stable"
    max_jobs: int | None = None

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
        return fix_text(
            path,
            text,
            settings,
            unsafe=unsafe,
            max_passes=self.max_passes,
            display_path=display_path,
            bom=bom,
            encoding=encoding,
        )

    def summary(self, fixes: Sequence[TextFix], *, would: bool) -> str | None:
        return None


@dataclass
class FixOutcome:
    """What fixing one file did (or, with ``diff_only``, would do)."""

    path: Path
    original_text: str
    new_text: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # active findings left after fixing
    diff: str = ""
    written: bool = False
    error: str | None = None
    result: FileResult | None = None  # the lint result of the final text (for reporters)
    passes: int = 0
    notes: list[str] = field(default_factory=list)  # the fixer's lines for the user (stderr)
    fix: TextFix | None = None  # what the fixer returned (for its summary)

    @property
    def changed(self) -> bool:
        return self.new_text != self.original_text


def _syntax_errors(result: FileResult) -> int:
    return sum(1 for f in result.findings if f.rule_id == SYNTAX_ERROR)


def load_for_fix(path: Path, settings: Settings, shown: str) -> FixOutcome | tuple[str, SourceInfo]:
    """Read and decode a file to fix: ``(text, SourceInfo)``, or a finished FixOutcome when
    there is nothing to fix (unknown format, unreadable or undecodable file: reported, untouched)."""
    if settings.registry.format_for(str(path)) is None:
        return FixOutcome(path, "", "", result=lint_file(path, settings, display_path=shown))
    try:
        raw, info = read_source(path)
        remove_stale_temps(info.path.parent)  # what a killed fix left next to it
    except OSError as exc:
        f = file_finding(IO_ERROR, f"cannot read file: {exc.strerror}", shown)
        return FixOutcome(
            path,
            "",
            "",
            remaining=[f],
            result=FileResult(shown, [f]),
            error=f"{shown}: cannot read file: {exc.strerror}",
        )
    source = decode(shown, raw)
    if isinstance(source, Finding):
        return FixOutcome(path, "", "", remaining=[source], result=FileResult(shown, [source]))
    return source.text, info


def fix_file(
    path: Path,
    settings: Settings,
    *,
    unsafe: bool = False,
    max_passes: int = DEFAULT_MAX_PASSES,
    diff_only: bool = False,
    display_path: str | None = None,
    fixer: Fixer | None = None,
    show_fixes: bool = False,
) -> FixOutcome:
    """Fix one file with ``fixer`` (default: :class:`DeterministicFixer`), then write it atomically.

    With ``diff_only`` nothing is written (``diff`` says what would change). Problems that stop
    the write (unreadable file, a fix that would break the file's syntax, a file changed on
    disk meanwhile) are returned in ``error``; undecodable files come back with their
    encoding finding in ``remaining`` and are not touched.
    """
    path = Path(path)
    shown = display_path or str(path)
    loaded = load_for_fix(path, settings, shown)
    if isinstance(loaded, FixOutcome):
        return loaded
    original, info = loaded
    fixer = fixer or DeterministicFixer(max_passes)
    res = fixer.fix_text(
        path,
        original,
        settings,
        unsafe=unsafe,
        display_path=shown,
        bom=info.bom,
        encoding=info.encoding,
        show_fixes=show_fixes,
    )
    outcome = FixOutcome(
        path,
        original,
        res.text,
        applied=res.applied,
        remaining=res.remaining,
        result=res.result,
        passes=res.passes,
        notes=list(res.notes or ()),
        fix=res,
    )
    return finish_outcome(outcome, info, res.initial, shown=shown, diff_only=diff_only)


def finish_outcome(
    outcome: FixOutcome, info: SourceInfo, initial: FileResult, *, shown: str, diff_only: bool
) -> FixOutcome:
    """The common end of every fixer: refuse a change that adds syntax errors, compute the
    diff, then write atomically unless only a diff is wanted.

    ``initial`` is the FileResult of the text before any fix.
    """
    if not outcome.changed:
        return outcome
    if outcome.result is not None and _syntax_errors(outcome.result) > _syntax_errors(initial):
        outcome.error = (
            f"{shown}: fixes would break the file's syntax; nothing written (please report the rule: its fix is wrong)"
        )
        outcome.new_text, outcome.applied = outcome.original_text, []
        outcome.result = initial
        outcome.remaining = initial.active
        return outcome
    outcome.diff = unified_diff(shown, outcome.original_text, outcome.new_text)
    if diff_only:
        return outcome
    try:
        atomic_write(Path(outcome.path), outcome.new_text, original=info)
        outcome.written = True
    except FileChangedError as exc:
        outcome.error = str(exc)
    except (OSError, UnicodeEncodeError) as exc:
        outcome.error = f"{shown}: cannot write the fixed file: {getattr(exc, 'strerror', None) or exc}"
    return outcome


def no_fix_outcome(path: Path, explicit: bool, settings: Settings) -> FixOutcome | None:
    """The outcome of a path that cannot be fixed (missing, or named but of no format), else None."""
    if not path.exists():
        miss = file_finding(IO_ERROR, missing_reason(path), str(path))
        return FixOutcome(path, "", "", remaining=[miss], result=FileResult(str(path), [miss]))
    if explicit and settings.registry.format_for(str(path)) is None:
        return FixOutcome(path, "", "", result=FileResult(str(path), note=no_format_note(path)))
    return None
