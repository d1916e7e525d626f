"""Rules: the base class every rule kind derives from, and the context rules run in.

A *rule kind* (``existence``, ``substitution``...) is a :class:`Rule` subclass registered by a
plugin; a *rule* is an instance configured from one TOML file of a rule pack. Rules receive
documents (segments with source maps), never files, and return findings.

A kind declares, as class attributes (see :class:`Rule`):

* ``kind`` and ``summary``: its name in rule files and one line for ``brandlint rules``;
* ``options``: its keys (:class:`Option`: type, default, doc). The pack loader checks every
  value's type against it before the constructor runs; the constructor then checks what types
  cannot say (a minimum above a maximum, a group reference the pattern lacks) and raises
  :meth:`Rule.config_error`, which names the rule file, the line and the key;
* ``fix_availability``: whether its findings carry a fix (:class:`FixAvailability`, as Ruff's
  violations declare it): ``brandlint rules`` shows it and the pack tests check it;
* ``segment_local``: whether its findings for a segment depend on that segment alone, so the
  language server may cache them per paragraph (see ``brandlint.lsp.linting``);
* ``needs``: the shared services it uses (e.g. ``{"nlp"}``).

One module per built-in kind lives next to this one (``existence.py``, ``occurrence.py``...);
``text.py`` holds the text helpers they share (words, sentences, case).
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
import json
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..config.schema import keypath, locate
from ..documents.base import Document, Run, Segment
from ..errors import ConfigError
from ..findings import Applicability, Edit, Finding, Fix, Severity
from ..patterns import user_pattern
from ..textutil import fill


class FixAvailability(str, enum.Enum):
    """Whether a rule kind's findings carry a fix (Ruff's ``Violation::FIX_AVAILABILITY``).

    ``SOMETIMES``: only some of them, e.g. when the matched text maps verbatim to the source, or
    when the rule file gives a replacement.
    """

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


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
        for title, text in (
            ("What it does", self.what),
            ("Why is this bad?", self.why),
            ("Example", self.example),
            ("Use instead", self.use_instead),
        ):
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
    opt_in: bool = False  # enabled only by a selector that names it, never by ALL or its pack name
    limit: int = 0  # Vale's limit: at most this many findings per document (0: no limit)
    once_per_document: bool = False  # report only the first finding, placed at the document's start


def source_edit(doc: Document, seg: Segment, src_start: int, src_end: int, replacement: str) -> Edit:
    """An edit of the document's source, in file offsets, encoded for where the text lives.

    Text inside a JSON string is re-escaped (quotes, backslashes, control characters), so a
    fix can never break the JSON around it.
    """
    if seg.pointer is not None:
        replacement = json.dumps(replacement, ensure_ascii=False)[1:-1]
    base = doc.index.offset_base
    return Edit(base + src_start, base + src_end, replacement)


_SEG_START = operator.attrgetter("seg_start")


def contiguous_source_range(
    seg: Segment, start: int, end: int, gaps: re.Pattern[str] | None = None, source: str = ""
) -> tuple[int, int] | None:
    """Source range of ``seg.text[start:end]`` if the source holds nothing else in between.

    Runs must follow each other in the source; with ``gaps``, a hole made only of those
    characters (a blockquote ``>`` or list indentation after a line break) is allowed too.
    Fixes that rewrite only part of a match use it, so a fix never eats markup in between.
    """
    if end <= start or not seg.runs:
        return None
    runs = seg.runs
    i = max(bisect.bisect_right(runs, start, key=_SEG_START) - 1, 0)
    prev_end = None
    while i < len(runs) and runs[i].seg_start < end:
        r = runs[i]
        if prev_end is not None and r.src_start != prev_end:
            if gaps is None or r.src_start < prev_end or not gaps.fullmatch(source, prev_end, r.src_start):
                return None
        prev_end = r.src_start + r.src_len
        i += 1
    return seg.source_range(start, end)


def raw_segment(doc: Document) -> Segment:
    """The whole source of ``doc`` (markup, code, front matter included) as one ``raw`` segment."""
    n = len(doc.source)
    return Segment(text=doc.source, runs=(Run(0, n, 0, n),) if n else (), scopes=("raw",))


class Rule:
    """Base class of every rule kind.

    Subclasses set the class attributes below and override :meth:`check_segment` (per prose
    segment) or :meth:`check` (whole document, e.g. occurrence counts).
    """

    #: The kind's name in rule files (``kind = "existence"``).
    kind: ClassVar[str] = ""
    #: One line for the kind's docs; the pack loader also uses it as the rule's message when
    #: the file gives none (kinds that build messages with :meth:`message` use their defaults).
    summary: ClassVar[str] = ""
    #: Kind-specific keys of a rule file, with their types and defaults.
    options: ClassVar[dict[str, Option]] = {}
    #: Shared services the kind uses (``RuleContext.service``), e.g. ``{"nlp"}``.
    needs: frozenset[str] = frozenset()  # a class default; an instance may narrow or widen it
    #: The brandlint extra (``pip install 'brandlint[EXTRA]'``) that installs the optional
    #: packages the kind imports itself (a missing one is reported with every such rule).
    extra: ClassVar[str] = ""
    #: Whether findings carry a fix: never, sometimes or always.
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NEVER
    #: Whether a segment's findings depend on that segment alone (the language server then
    #: caches them per segment). Default: true for kinds that only implement
    #: :meth:`check_segment`, false for kinds that override :meth:`check` without declaring it.
    segment_local: ClassVar[bool] = True
    #: The message used when the rule file gives none (``{placeholders}`` as in ``message``).
    default_message: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "check" in cls.__dict__ and "segment_local" not in cls.__dict__:
            cls.segment_local = False  # a whole-document check() unless the kind says otherwise

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

    def may_hold_scope(self, seg: Segment) -> bool:
        """Whether ``seg`` may hold in-scope text (matches are still checked one by one).

        A segment outside the rule's block scopes may still hold in-scope text when one of the
        rule's scopes is an inline scope (``link``, ``strong``...) that the segment has.
        """
        if self.in_scope(seg, 0, len(seg.text)):
            return True
        scope = self.meta.scope
        return bool(scope and seg.inline) and any(name in scope for (_s, _e, name) in seg.inline)

    def segments(self, doc: Document) -> list[Segment]:
        """The segments of ``doc`` that may hold in-scope text (:meth:`may_hold_scope`).

        With ``scope = ["raw"]`` (Vale's raw scope), one segment: the document's source as it
        is, markup included (:func:`raw_segment`).
        """
        if "raw" in self.meta.scope:
            return [raw_segment(doc)]
        may_hold = self.may_hold_scope
        return [seg for seg in doc.segments if may_hold(seg)]

    def usable(self, seg: Segment, start: int, end: int) -> bool:
        """Whether a match at [start, end) of ``seg`` is prose (not masked) and in scope."""
        if seg.masked and seg.is_masked(start, end):
            return False
        return self.in_scope(seg, start, end)

    # -- configuration errors ------------------------------------------------------------
    def config_error(self, message: str, *keys: str | int, hint: str = "") -> ConfigError:
        """A ConfigError naming the rule file, the line of ``keys`` in it and the key path.

        ``keys`` is a path into the rule file, e.g. ``("max",)`` or ``("terms", 2, "preferred")``;
        when the key is not in the file (a default), the error points at line 1.
        """
        text = ""
        if self.meta.source:
            try:
                text = Path(self.meta.source).read_text("utf-8")
            except OSError:
                pass
        return ConfigError(message, path=self.meta.source, line=locate(text, keys) or 1, key=keypath(keys), hint=hint)

    def require_at_least(self, key: str, minimum: int, hint: str = "") -> None:
        """A config error unless option ``key`` is unset (None) or at least ``minimum``."""
        value = self.opts.get(key)
        if value is not None and value < minimum:
            raise self.config_error(f"'{key}' must be {minimum} or more, got {value}", key, hint=hint)

    def compile_option(self, pattern: str, *keys: str | int, ignorecase: bool = False) -> Any:
        """An RE2 pattern from the rule file, or a config error at ``keys`` (:func:`user_pattern`)."""
        try:
            return user_pattern(pattern, ignorecase=ignorecase, key=keypath(keys))
        except ConfigError as exc:
            raise self.config_error(exc.message, *keys) from None

    # -- checking ------------------------------------------------------------------------
    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        if type(self).check_segment is Rule.check_segment:
            return  # nothing per segment (e.g. a term rule: the shared matcher does its work)
        for seg in self.segments(doc):
            yield from self.check_segment(doc, seg, ctx)

    def check_segment(self, doc: Document, seg: Segment, ctx: RuleContext) -> Iterable[Finding]:
        return ()

    def set_patterns(self) -> tuple[Any, ...]:
        """Compiled RE2 patterns (from :func:`~brandlint.patterns.compile_pattern`) such that
        :meth:`check_segment` finds nothing in a segment none of them matches anywhere.

        The engine then searches every segment once for the patterns of all such rules (one
        RE2 set, see :class:`brandlint.patterns.PatternSet`) and calls :meth:`check_candidates`
        instead of :meth:`check`. Empty (the default): :meth:`check` runs as usual. A kind that
        returns patterns must not override :meth:`check` with more than :meth:`check_segment`.
        """
        return ()

    def check_candidates(self, doc: Document, candidates: set[int], ctx: RuleContext) -> Iterator[Finding]:
        """:meth:`check` over the segments whose ``id()`` is in ``candidates`` only."""
        for seg in self.segments(doc):
            if id(seg) in candidates:
                yield from self.check_segment(doc, seg, ctx)

    def prepare(self, ctx: RuleContext) -> None:
        """Load now what checking will load on first use (models, word lists).

        Called in the parent before worker processes are forked, so they share it instead of
        each loading it again. The default builds every service in :attr:`needs` and calls
        its ``warm_up()`` if it has one (after ``require(nlp_components)`` for services that
        take a component list, such as the NLP service).
        """
        for name in sorted(self.needs):
            if name not in ctx.factories:
                continue  # nothing provides it: the rule's own check reports that, if it asks
            svc = ctx.service(name)
            components = getattr(self, "nlp_components", None)
            if components and hasattr(svc, "require"):
                svc.require(components)
            warm_up = getattr(svc, "warm_up", None)
            if warm_up is not None:
                warm_up()

    def cache_token(self) -> str:
        """What else decides this rule's findings, for the result cache (see ``brandlint.pipeline.cache``).

        The rule's id, options, metadata, TOML file and code are already part of the key;
        override this when findings also depend on something outside them, e.g. a model
        file (return its digest) or a word list read from disk. Cheap: called once per run.
        """
        return ""

    # -- building findings ---------------------------------------------------------------
    def format_message(self, **values: Any) -> str:
        """The rule's ``message`` template filled with ``values`` (unknown placeholders kept)."""
        return fill(self.meta.message, **values)

    def message(self, default: str = "", **values: Any) -> str:
        """The rule file's own ``message`` if it gives one, else ``default`` (or the kind's
        ``default_message``), filled with ``values``."""
        template = self.meta.message
        if not template or template == type(self).summary or template == self.meta.kind:
            template = default or self.default_message
        return fill(template, **values)

    def finding(
        self,
        doc: Document,
        seg: Segment,
        start: int,
        end: int,
        *,
        message: str | None = None,
        replacement: str | None = None,
        applicability: Applicability = Applicability.SAFE,
        suggestions: Iterable[str] = (),
        severity: Severity | None = None,
        **values: Any,
    ) -> Finding:
        """A finding for ``seg.text[start:end]``; ``replacement`` attaches a fix."""
        s, e = seg.source_range(start, end)
        matched = seg.text[start:end]
        values.setdefault("match", matched)
        fix = None
        if replacement is not None:
            fix = Fix(
                (source_edit(doc, seg, s, e, replacement),), applicability, f"Replace {matched!r} with {replacement!r}"
            )
        return Finding(
            rule_id=self.meta.id,
            severity=severity or self.meta.severity,
            message=message if message is not None else self.format_message(**values),
            path=doc.path,
            span=doc.span(s, e),
            scope=seg.scope,
            json_pointer=seg.pointer,
            suggestions=tuple(suggestions),
            fix=fix,
            matched=matched,
        )

    def reported(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """This rule's findings for ``doc`` after the rule file's ``limit`` and ``once-per-document``.

        ``findings`` are in source order. With ``once-per-document`` only the first is kept, moved
        to the start of the document (line 1, column 1 of a file; a JSONL record's start) without
        its fix; ``limit`` keeps the first ``limit`` findings.
        """
        m = self.meta
        if m.once_per_document and findings:
            first = findings[0]
            at = doc.span(0, 0)
            line = doc.index.line_text(at.start.line)
            return [dataclasses.replace(first, span=at, fix=None, scope="document", line_text=line, end_line_text="")]
        if m.limit and len(findings) > m.limit:
            return findings[: m.limit]
        return findings

    def document_finding(self, doc: Document, message: str, seg: Segment | None = None) -> Finding:
        """A finding about the whole document, placed at its first segment (or line 1)."""
        if seg is None and doc.segments:
            seg = doc.segments[0]
        if seg is not None:
            s, e = seg.source_range(0, min(len(seg.text), len(seg.text.split("\n", 1)[0])))
        else:
            s = e = 0
        return Finding(
            rule_id=self.meta.id,
            severity=self.meta.severity,
            message=message,
            path=doc.path,
            span=doc.span(s, e),
            scope="document",
            json_pointer=seg.pointer if seg else None,
        )


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
