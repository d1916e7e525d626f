"""Run a rule set over a document: term matching, rule checks, masks, suppressions."""

from __future__ import annotations

import os
from collections.abc import Iterable

from .config.settings import Settings
from .documents.base import Directive, Document
from .errors import BrandlintError, MissingDependency, missing_dependency_message
from .findings import Finding, Severity, Span, Suppression
from .patterns import PatternSet
from .results import LIMIT_EXCEEDED, internal_error
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
    """Holds what is built once per rule set (the shared term automaton, the set of all rules'
    regular expressions) and checks documents.

    Literal terms of every rule are found in one pass per segment (:class:`TermMatcher`); the
    RE2 patterns of every rule that declares them (``Rule.set_patterns``) are searched in one
    pass per segment too (:class:`~brandlint.patterns.PatternSet`), and each such rule checks
    only the segments its patterns match.
    """

    def __init__(self, rules: list[Rule], ctx: RuleContext | None = None, *, pattern_set: bool = True) -> None:
        """``pattern_set=False``: every rule runs :meth:`Rule.check` on every segment (to compare)."""
        self.rules = rules
        self.ctx = ctx or RuleContext()
        self.term_rules = [r for r in rules if isinstance(r, TermRule)]
        self.matcher = TermMatcher(self.term_rules)
        regexes: list = []
        self._set_ids: dict[int, frozenset[int]] = {}  # id(rule) -> its pattern indices
        for rule in rules:
            # a raw-scoped rule checks the document's source, not its segments: no set for it
            pats = rule.set_patterns() if pattern_set and "raw" not in rule.meta.scope else ()
            if pats:
                self._set_ids[id(rule)] = frozenset(range(len(regexes), len(regexes) + len(pats)))
                regexes.extend(pats)
        self.pattern_set = PatternSet(regexes) if regexes else None

    def prepare(self) -> None:
        """Load what the rules load on first use (see ``Rule.prepare``), e.g. before forking."""
        for rule in self.rules:
            rule.prepare(self.ctx)

    def _set_hits(self, doc: Document) -> list[tuple[int, frozenset[int]]]:
        """``(id(segment), indices of the patterns that match it)`` for segments with a match."""
        ps = self.pattern_set
        assert ps is not None
        out = []
        for seg in doc.segments:
            m = ps.matching(seg.text)
            if m:
                out.append((id(seg), m))
        return out

    def _missing(self, rule: Rule, exc: MissingDependency) -> str:
        """The error for a missing optional package: every enabled rule that needs it, how to install it."""
        extra = exc.extra
        ids = [r.id for r in self.rules if r is rule or (extra and (r.extra == extra or extra in r.needs))]
        return missing_dependency_message(exc, ids, pre_commit=os.environ.get("PRE_COMMIT") == "1")

    def _terms(self, doc: Document, found: list[Finding]) -> None:
        for seg in doc.segments:
            for term_rule, start, end, term in self.matcher.matches(seg):
                if seg.masked and seg.is_masked(start, end):
                    continue
                if not term_rule.in_scope(seg, start, end):
                    continue
                f = term_rule.on_match(doc, seg, start, end, term)
                if f is not None:
                    found.append(f)

    def check(self, doc: Document, settings: Settings | None = None) -> list[Finding]:
        found: list[Finding] = []
        for err in doc.errors:
            pos = doc.index.position(err.offset)
            msg = err.message + (f" ({err.hint})" if err.hint else "")
            rule_id = getattr(err, "rule_id", "") or SYNTAX_ERROR
            severity = Severity.WARNING if rule_id == LIMIT_EXCEEDED else Severity.ERROR
            found.append(Finding(rule_id, severity, msg, doc.path, Span(pos, pos), scope="document"))
        limited = [r for r in self.rules if r.meta.limit or r.meta.once_per_document]
        if self.matcher:
            try:
                self._terms(doc, found)
            except BrandlintError:
                raise  # a problem of the run (a missing model, a config), not of this file
            except Exception as exc:  # a bug must not end the run: a finding for this file
                found.append(internal_error("the term rules", exc, doc.path))
        hits: list[tuple[int, frozenset[int]]] | None = None
        for rule in self.rules:
            try:
                mine = self._set_ids.get(id(rule))
                if mine is None:
                    found.extend(rule.check(doc, self.ctx))
                    continue
                if hits is None:
                    hits = self._set_hits(doc)
                candidates = {sid for sid, m in hits if not mine.isdisjoint(m)}
                if candidates:
                    found.extend(rule.check_candidates(doc, candidates, self.ctx))
            except MissingDependency as exc:
                raise BrandlintError(self._missing(rule, exc)) from None
            except BrandlintError:
                raise
            except Exception as exc:  # a bug must not end the run: a finding for this file
                found.append(internal_error(rule.id, exc, doc.path))
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
