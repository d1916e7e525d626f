"""Run a rule set over a document: term matching, rule checks, masks, suppressions."""

from __future__ import annotations

from collections.abc import Iterable

from .config.settings import Settings
from .documents.base import Directive, Document
from .findings import Finding, Severity, Span, Suppression
from .rules.base import Rule, RuleContext
from .rules.term_matcher import TermMatcher, TermRule
from .selectors import matches_any

SYNTAX_ERROR = "brandlint/syntax-error"


class Suppressions:
    """Line ranges silenced per rule by inline directives."""

    def __init__(self, directives: Iterable[Directive]) -> None:
        self.file: list[Directive] = []
        self.ranges: list[tuple[int, int, Directive]] = []  # [start_line, end_line]
        open_: list[Directive] = []
        for d in directives:
            if d.action == "disable-file":
                self.file.append(d)
            elif d.action == "disable-next-line":
                nxt = (d.end_line or d.line) + 1
                self.ranges.append((nxt, nxt, d))
            elif d.action == "disable":
                open_.append(d)
            elif d.action == "enable":
                still = []
                for o in open_:
                    if not d.rules or not o.rules or set(o.rules) <= set(d.rules):
                        end_rules = set(o.rules) - set(d.rules) if d.rules and o.rules else set()
                        self.ranges.append((o.line, d.line, o))
                        if end_rules:  # part of the disable remains open
                            still.append(Directive(o.action, tuple(sorted(end_rules)), o.reason, d.line, d.end_line))
                    else:
                        still.append(o)
                open_ = still
        for o in open_:
            self.ranges.append((o.line, 10**12, o))

    def __bool__(self) -> bool:
        return bool(self.file or self.ranges)

    def find(self, rule_id: str, line: int) -> Directive | None:
        for d in self.file:
            if not d.rules or matches_any(d.rules, rule_id):
                return d
        for start, end, d in self.ranges:
            if start <= line <= end and (not d.rules or matches_any(d.rules, rule_id)):
                return d
        return None


def _limited(doc: Document, found: list[Finding], rules: list[Rule]) -> list[Finding]:
    """Apply the ``limit`` / ``once-per-document`` keys of ``rules`` (:meth:`Rule.reported`)."""
    by_id = {r.id: r for r in rules}
    mine: dict[str, list[Finding]] = {}
    rest = []
    for f in found:
        if f.rule_id in by_id and f.suppression is None:
            mine.setdefault(f.rule_id, []).append(f)
        else:
            rest.append(f)
    for rule_id, fs in mine.items():
        fs.sort(key=Finding.sort_key)
        rest.extend(by_id[rule_id].reported(doc, fs))
    return rest


class Engine:
    """Holds what is built once per rule set (the shared term automaton) and checks documents."""

    def __init__(self, rules: list[Rule], ctx: RuleContext | None = None) -> None:
        self.rules = rules
        self.ctx = ctx or RuleContext()
        self.term_rules = [r for r in rules if isinstance(r, TermRule)]
        self.matcher = TermMatcher(self.term_rules)

    def check(self, doc: Document, settings: Settings | None = None) -> list[Finding]:
        found: list[Finding] = []
        for err in doc.errors:
            pos = doc.index.position(err.offset)
            msg = err.message + (f" ({err.hint})" if err.hint else "")
            found.append(Finding(SYNTAX_ERROR, Severity.ERROR, msg, doc.path, Span(pos, pos), scope="document"))
        limited = [r for r in self.rules if r.meta.limit or r.meta.once_per_document]
        if self.matcher:
            for seg in doc.segments:
                for term_rule, start, end, term in self.matcher.matches(seg):
                    if seg.masked and seg.is_masked(start, end):
                        continue
                    if not term_rule.in_scope(seg, start, end):
                        continue
                    f = term_rule.on_match(doc, seg, start, end, term)
                    if f is not None:
                        found.append(f)
        for rule in self.rules:
            found.extend(rule.check(doc, self.ctx))
        sup = Suppressions(doc.directives) if doc.directives else None
        for f in found:
            if not f.line_text:
                f.line_text = doc.index.line_text(f.span.start.line)
            if not f.end_line_text and f.span.end.line != f.span.start.line:
                f.end_line_text = doc.index.line_text(f.span.end.line)
            if sup:
                d = sup.find(f.rule_id, f.span.start.line)
                if d is not None:
                    f.suppression = Suppression("inline", d.reason)
                    continue
            if (
                settings is not None
                and f.json_pointer is not None
                and settings.pointer_ignored(f.json_pointer, f.rule_id)
            ):
                f.suppression = Suppression("config", f"pointer-ignores: {f.json_pointer}")
        if limited:  # after suppressions: a silenced finding does not count towards a limit
            found = _limited(doc, found, limited)
        found.sort(key=Finding.sort_key)
        return found
