"""Rules: the base class every rule kind derives from, and the context rules run in.

A *rule kind* (``existence``, ``substitution``...) is a :class:`Rule` subclass registered by a
plugin; a *rule* is an instance configured from one TOML file of a rule pack. Rules receive
documents (segments with source maps), never files, and return findings.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Iterator

from ..documents.base import Document, Segment
from ..findings import Applicability, Edit, Finding, Fix, Severity


@dataclass(frozen=True)
class Option:
    """One kind-specific rule key: its type (for validation) and default."""

    type: str  # "str" "bool" "int" "float" "str-list" "str-map" "regex" "regex-list" "choice" "any"
    default: Any = None
    doc: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleDocs:
    """Ruff-style documentation: what it does / why / example / use instead."""

    what: str = ""
    why: str = ""
    example: str = ""
    use_instead: str = ""
    link: str = ""

    def markdown(self, rule_id: str = "") -> str:
        parts = [f"# {rule_id}\n"] if rule_id else []
        for title, text in (("What it does", self.what), ("Why is this bad?", self.why),
                            ("Example", self.example), ("Use instead", self.use_instead)):
            if text:
                parts.append(f"## {title}\n{text.strip()}\n")
        if self.link:
            parts.append(f"See also: {self.link}\n")
        return "\n".join(parts)


@dataclass(frozen=True)
class RuleMeta:
    id: str  # "pack/rule-name": stable, used by select/ignore and suppressions
    pack: str
    kind: str
    severity: Severity
    message: str
    scope: tuple[str, ...] = ()  # empty: every prose scope
    exclude_scope: tuple[str, ...] = ()
    docs: RuleDocs = RuleDocs()
    source: str = ""  # the TOML file it came from


def source_edit(doc: Document, seg: Segment, src_start: int, src_end: int, replacement: str) -> Edit:
    """An edit of the document's source, in file offsets, encoded for where the text lives.

    Text inside a JSON string is re-escaped (quotes, backslashes, control characters), so a
    fix can never break the JSON around it.
    """
    if seg.pointer is not None:
        replacement = json.dumps(replacement, ensure_ascii=False)[1:-1]
    base = doc.index.offset_base
    return Edit(base + src_start, base + src_end, replacement)


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Rule:
    """Base class of every rule kind.

    Subclasses set ``kind`` and ``options`` and override :meth:`check_segment` (per prose
    segment) or :meth:`check` (whole document, e.g. occurrence counts).
    """

    kind: ClassVar[str] = ""
    options: ClassVar[dict[str, Option]] = {}
    needs: ClassVar[frozenset[str]] = frozenset()
    summary: ClassVar[str] = ""  # one line for `brandlint rules` / docs of the kind

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        self.meta = meta
        self.opts = opts

    @property
    def id(self) -> str:
        return self.meta.id

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.meta.id}>"

    # -- scope ---------------------------------------------------------------------------
    def in_scope(self, seg: Segment, start: int = 0, end: int = 0) -> bool:
        """Whether a match at [start, end) of ``seg`` is inside this rule's scope."""
        m = self.meta
        if m.scope:
            inline = seg.inline_scopes_at(start, end) if seg.inline else set()
            if not any(seg.has_scope(s) or s in inline for s in m.scope):
                return False
        if m.exclude_scope:
            inline = seg.inline_scopes_at(start, end) if seg.inline else set()
            if any(seg.has_scope(s) or s in inline for s in m.exclude_scope):
                return False
        return True

    # -- checking ------------------------------------------------------------------------
    def check(self, doc: Document, ctx: "RuleContext") -> Iterator[Finding]:
        if type(self).check_segment is Rule.check_segment:
            return  # nothing per segment (e.g. a term rule: the shared matcher does its work)
        for seg in doc.segments:
            if self.in_scope(seg, 0, len(seg.text)) or self.meta.scope and seg.inline:
                yield from self.check_segment(doc, seg, ctx)

    def check_segment(self, doc: Document, seg: Segment, ctx: "RuleContext") -> Iterable[Finding]:
        return ()

    def cache_token(self) -> str:
        """What else decides this rule's findings, for the result cache (see ``brandlint.cache``).

        The rule's id, options, metadata, TOML file and code are already part of the key;
        override this when findings also depend on something outside them, e.g. a model
        file (return its digest) or a word list read from disk. Cheap: called once per run.
        """
        return ""

    # -- building findings ---------------------------------------------------------------
    def format_message(self, **values: Any) -> str:
        return self.meta.message.format_map(_SafeDict(values))

    def finding(self, doc: Document, seg: Segment, start: int, end: int, *, message: str | None = None,
                replacement: str | None = None, applicability: Applicability = Applicability.SAFE,
                suggestions: Iterable[str] = (), severity: Severity | None = None, **values: Any) -> Finding:
        """A finding for ``seg.text[start:end]``; ``replacement`` attaches a fix."""
        s, e = seg.source_range(start, end)
        matched = seg.text[start:end]
        values.setdefault("match", matched)
        fix = None
        if replacement is not None:
            fix = Fix((source_edit(doc, seg, s, e, replacement),), applicability,
                      f"Replace {matched!r} with {replacement!r}")
        return Finding(
            rule_id=self.meta.id, severity=severity or self.meta.severity,
            message=message if message is not None else self.format_message(**values),
            path=doc.path, span=doc.span(s, e), scope=seg.scope, json_pointer=seg.pointer,
            suggestions=tuple(suggestions), fix=fix, matched=matched,
        )

    def document_finding(self, doc: Document, message: str, seg: Segment | None = None) -> Finding:
        """A finding about the whole document, placed at its first segment (or line 1)."""
        if seg is None and doc.segments:
            seg = doc.segments[0]
        if seg is not None:
            s, e = seg.source_range(0, min(len(seg.text), len(seg.text.split("\n", 1)[0])))
        else:
            s = e = 0
        return Finding(rule_id=self.meta.id, severity=self.meta.severity, message=message,
                       path=doc.path, span=doc.span(s, e), scope="document",
                       json_pointer=seg.pointer if seg else None)


@dataclass
class RuleContext:
    """What rules may use besides the document: lazily built shared services."""

    settings: Any = None
    factories: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    _services: dict[str, Any] = field(default_factory=dict)

    def service(self, name: str) -> Any:
        """Build a shared service (e.g. the spaCy pipeline) once, on first use."""
        if name not in self._services:
            factory = self.factories.get(name)
            if factory is None:
                raise KeyError(f"no plugin provides the service {name!r}")
            self._services[name] = factory(self.settings)
        return self._services[name]
