"""Findings → LSP diagnostics, code actions and hovers, for one linted version of a document.

Everything here works on a :class:`Snapshot`: the exact text that was linted, its findings and
the position encoding agreed with the client. Findings carry code-point offsets of the decoded
text (a leading U+FEFF excluded); :class:`Snapshot` adds that shift back and converts to the
client's units, so ranges are exact for emoji and other characters outside the BMP.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from ..config.settings import Settings
from ..findings import Applicability, Edit, Finding, Fix, Severity
from ..fixing import apply_edits
from ..plugins.protocols import FindingFixer
from ..rules.base import Rule
from .positions import UTF16, TextIndex

SOURCE = "brandlint"
FIX_ALL_KIND = "source.fixAll.brandlint"
CONFIG_ERROR = "brandlint/config-error"
INTERNAL_ERROR = "brandlint/internal-error"
DIRECTIVE = "brandlint-disable-next-line"
#: runs a plugin fixer's action for clients that cannot resolve code actions lazily
FIX_FINDING_COMMAND = "brandlint.fixFinding"

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class Snapshot:
    """One linted version of an open document."""

    uri: str
    version: int | None
    text: str
    encoding: str = UTF16
    findings: list[Finding] = field(default_factory=list)  # active (not suppressed) only
    format: str = ""
    shift: int = 0  # 1 when the text starts with a BOM that findings do not count
    segments: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, scope), text offsets
    rules: dict[str, Rule] = field(default_factory=dict)  # rule id -> Rule (for docs)
    settings: Settings | None = None
    error: str = ""  # a config or internal error shown instead of findings
    error_code: str = ""
    exception: BaseException | None = None  # the BrandlintError behind ``error``
    lint_path: Path | None = None  # the path the document was linted as
    _index: TextIndex | None = None

    @property
    def index(self) -> TextIndex:
        if self._index is None:
            self._index = TextIndex(self.text)
        return self._index

    # -- positions -----------------------------------------------------------------------
    def position(self, offset: int) -> types.Position:
        line, ch = self.index.position(offset, self.encoding)
        return types.Position(line=line, character=ch)

    def range(self, start: int, end: int) -> types.Range:
        """LSP range of text offsets [start, end)."""
        return types.Range(start=self.position(start), end=self.position(end))

    def finding_offsets(self, f: Finding) -> tuple[int, int]:
        return f.span.start.offset + self.shift, f.span.end.offset + self.shift

    def finding_range(self, f: Finding) -> types.Range:
        return self.range(*self.finding_offsets(f))

    def offset_of(self, pos: types.Position) -> int:
        return self.index.offset(pos.line, pos.character, self.encoding)

    def text_edit(self, e: Edit) -> types.TextEdit:
        return types.TextEdit(range=self.range(e.start + self.shift, e.end + self.shift), new_text=e.replacement)

    # -- diagnostics ---------------------------------------------------------------------
    def diagnostic(self, f: Finding) -> types.Diagnostic:
        rule = self.rules.get(f.rule_id)
        link = rule.meta.docs.link if rule is not None else ""
        return types.Diagnostic(
            range=self.finding_range(f),
            message=f.message,
            severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
            code=f.rule_id,
            code_description=types.CodeDescription(href=link) if link else None,
            source=SOURCE,
            data={"fixable": f.fix is not None},
        )

    def diagnostics(self) -> list[types.Diagnostic]:
        if self.error:
            return [
                types.Diagnostic(
                    range=self.range(0, 0),
                    message=self.error,
                    severity=types.DiagnosticSeverity.Error,
                    code=self.error_code or CONFIG_ERROR,
                    source=SOURCE,
                )
            ]
        return [self.diagnostic(f) for f in self.findings]

    def findings_in(self, rng: types.Range) -> list[Finding]:
        """Findings whose range touches ``rng`` (both ends inclusive, as editors select)."""
        s, e = self.offset_of(rng.start), self.offset_of(rng.end)
        out = []
        for f in self.findings:
            fs, fe = self.finding_offsets(f)
            if fs <= e and s <= fe:
                out.append(f)
        return out


# --------------------------------------------------------------------------- code actions


def kind_allowed(kind: str, only: Sequence[str] | None) -> bool:
    """LSP kind matching: ``source.fixAll`` allows ``source.fixAll.brandlint``."""
    if not only:
        return True
    return any(kind == o or kind.startswith(o + ".") for o in only)


def _workspace_edit(snap: Snapshot, edits: Iterable[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={snap.uri: list(edits)})


def quick_fix(snap: Snapshot, f: Finding, diag: types.Diagnostic) -> types.CodeAction:
    fix = f.fix
    assert fix is not None
    title = fix.description or f"Fix {f.rule_id}"
    if fix.applicability == Applicability.UNSAFE:
        title += " (unsafe)"
    return types.CodeAction(
        title=f"{title} ({f.rule_id})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        is_preferred=fix.applicability == Applicability.SAFE,
        edit=_workspace_edit(snap, (snap.text_edit(e) for e in fix.edits)),
    )


_NEXT_LINE = re.compile(r"<!--\s*brandlint-disable-next-line(?P<rules>(?:[ \t,]+(?!--)[^\s,]+)*)")


def disable_line_edit(snap: Snapshot, f: Finding) -> types.TextEdit | None:
    """The edit that silences ``f``'s rule on its line with a Markdown comment, or None.

    The comment goes at the end of the previous line when that line is prose of a paragraph
    or list item (a comment on a line of its own would split the paragraph or the list), else
    on a new line above with the line's indentation. Table rows get no action: any comment
    line there would end the table.
    """
    if snap.format != "markdown" or f.scope.startswith("table"):
        return None
    idx = snap.index
    start, _ = snap.finding_offsets(f)
    line, _ = idx.position(start, "utf-32")
    rule = f.rule_id
    if line > 0:
        ps, pe = idx.line_range(line - 1)
        prev = snap.text[ps:pe]
        m = _NEXT_LINE.search(prev)
        if m and prev[m.end() :].lstrip().startswith(("-->", "-- ")):
            if rule in re.split(r"[,\s]+", m.group("rules")):
                return None  # already there
            at = ps + m.end("rules")
            return types.TextEdit(range=snap.range(at, at), new_text=f" {rule}")
        body = prev.rstrip(" \t")
        if body.endswith("\\"):  # keep a backslash hard break at the end of the line
            body = body[:-1]
        end = ps + len(body)
        if body.strip() and any(
            s <= end <= e and scope not in ("heading",) and not scope.startswith("table")
            for s, e, scope in snap.segments
        ):
            return types.TextEdit(range=snap.range(end, end), new_text=f" <!-- {DIRECTIVE} {rule} -->")
    ls, le = idx.line_range(line)
    text = snap.text[ls:le]
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    eol = "\r\n" if snap.text[le : le + 2] == "\r\n" else ("\r" if snap.text[le : le + 1] == "\r" else "\n")
    return types.TextEdit(range=snap.range(ls, ls), new_text=f"{indent}<!-- {DIRECTIVE} {rule} -->{eol}")


def disable_action(snap: Snapshot, f: Finding, diag: types.Diagnostic) -> types.CodeAction | None:
    edit = disable_line_edit(snap, f)
    if edit is None:
        return None
    return types.CodeAction(
        title=f"Disable {f.rule_id} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag],
        edit=_workspace_edit(snap, [edit]),
    )


def _overlaps(a: Edit, b: Edit) -> bool:
    """Overlapping ranges, or the same start (their order would be arbitrary), as in ``fixing``."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def _non_overlapping(fixes: Sequence[Fix]) -> list[Fix]:
    """Fixes in source order, skipping any that overlaps one already chosen."""
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for fx in sorted(fixes, key=lambda x: (min(e.start for e in x.edits), max(e.end for e in x.edits))):
        if any(_overlaps(e, t) for e in fx.edits for t in taken):
            continue
        chosen.append(fx)
        taken.extend(fx.edits)
    return chosen


def apply(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (offsets of ``text``)."""
    out, last = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[last : e.start])
        out.append(e.replacement)
        last = e.end
    out.append(text[last:])
    return "".join(out)


def minimal_edit(old: str, new: str) -> Edit:
    """One edit turning ``old`` into ``new``: the changed middle, common ends kept."""
    p = 0
    n = min(len(old), len(new))
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return Edit(p, len(old) - s, new[p : len(new) - s])


def fix_all_edits(text: str, fixes: Sequence[Fix]) -> list[Edit]:
    """Edits (offsets of ``text``) applying every given fix that does not overlap another.

    Uses :func:`brandlint.fixing.apply_edits` (the CLI's ``--fix`` machinery), so the editor and
    the command line agree on which fixes win.
    """
    chosen = _non_overlapping(fixes)
    edits = [e for fx in chosen for e in fx.edits]
    try:
        new_text, applied, _skipped = apply_edits(text, list(fixes))
    except Exception:  # a broken fixer must not break the editor: use our own choice
        return edits
    if new_text == text:
        return []
    # the same change proposed by two rules counts as applied twice: keep each edit once
    theirs = list(dict.fromkeys(e for fx in applied or () for e in getattr(fx, "edits", ()) if isinstance(e, Edit)))
    if theirs and apply(text, theirs) == new_text:
        return theirs
    if apply(text, edits) == new_text:
        return edits
    return [minimal_edit(text, new_text)]


def fix_all_action(snap: Snapshot) -> types.CodeAction | None:
    fixes = [
        f.fix for f in snap.findings if f.fix is not None and f.fix.edits and f.fix.applicability == Applicability.SAFE
    ]
    if not fixes:
        return None
    edits = fix_all_edits(snap.text[snap.shift :], fixes)
    if not edits:
        return None
    return types.CodeAction(
        title="Fix all auto-fixable brandlint findings",
        kind=FIX_ALL_KIND,
        edit=_workspace_edit(snap, (snap.text_edit(e) for e in edits)),
    )


def finding_key(f: Finding) -> list:
    return [f.rule_id, f.span.start.offset, f.span.end.offset]


def fixer_action(
    snap: Snapshot, f: Finding, diag: types.Diagnostic, fixer: FindingFixer, *, lazy: bool
) -> types.CodeAction:
    """A plugin fixer's action (``"<title> (<rule id>)"``): edits computed on demand
    (``codeAction/resolve``) or, for clients without resolve support, by the
    :data:`FIX_FINDING_COMMAND` command."""
    data = {"uri": snap.uri, "version": snap.version, "finding": finding_key(f), "fixer": fixer.name}
    action = types.CodeAction(
        title=f"{fixer.title} ({f.rule_id})", kind=types.CodeActionKind.QuickFix, diagnostics=[diag], data=data
    )
    if not lazy:
        action.command = types.Command(title=action.title, command=FIX_FINDING_COMMAND, arguments=[data])
    return action


def code_actions(
    snap: Snapshot,
    rng: types.Range,
    only: Sequence[str] | None,
    *,
    fixers: Callable[[Finding], list[FindingFixer]] | None = None,
    lazy: bool = True,
) -> list[types.CodeAction]:
    """Actions for the findings touching ``rng``: quick fixes, plugins' fixers (those
    ``fixers(finding)`` offers), disable comments, then "fix all"."""
    actions: list[types.CodeAction] = []
    if snap.error:
        return actions
    quick = kind_allowed(types.CodeActionKind.QuickFix.value, only)
    if quick:
        later: list[types.CodeAction] = []
        seen_disable: set[tuple[str, int]] = set()
        for f in snap.findings_in(rng):
            diag = snap.diagnostic(f)
            if f.fix is not None:
                actions.append(quick_fix(snap, f, diag))
            for fixer in fixers(f) if fixers is not None else ():
                actions.append(fixer_action(snap, f, diag, fixer, lazy=lazy))
            key = (f.rule_id, diag.range.start.line)
            if key not in seen_disable:
                seen_disable.add(key)
                dis = disable_action(snap, f, diag)
                if dis is not None:
                    later.append(dis)
        actions.extend(later)
    if kind_allowed(FIX_ALL_KIND, only):
        fa = fix_all_action(snap)
        if fa is not None:
            actions.append(fa)
    return actions


# --------------------------------------------------------------------------- hover


def hover(snap: Snapshot, pos: types.Position) -> types.Hover | None:
    off = snap.offset_of(pos)
    hits = []
    for f in snap.findings:
        s, e = snap.finding_offsets(f)
        if s <= off <= e:
            hits.append(f)
    if not hits:
        return None
    parts = []
    for f in hits:
        rule = snap.rules.get(f.rule_id)
        text = f"**{f.rule_id}** ({f.severity}): {f.message}"
        docs = rule.meta.docs.markdown("").strip() if rule is not None else ""
        if docs:
            text += "\n\n" + docs
        parts.append(text)
    s = min(snap.finding_offsets(f)[0] for f in hits)
    e = max(snap.finding_offsets(f)[1] for f in hits)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=snap.range(s, e),
    )
