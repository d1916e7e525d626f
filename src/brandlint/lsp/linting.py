"""Lint in-memory editor text, re-checking only the segments (paragraphs) that changed.

This module has no dependency on pygls: the server, the benchmark and the tests share it.

Incremental checking
--------------------
Parsing a document and running the term automaton over it is cheap (milliseconds for a few
thousand words). Rules that run models (spaCy, ONNX) are not. Their findings are cached per
*segment*: a rule whose findings for a segment depend only on that segment is wrapped in a
:class:`CachedRule`, which runs the real rule only on segments it has not seen (with the same
text, scopes, masks and source bytes) and reuses earlier findings for the others, shifted to
where the segment now starts. A rule is segment-local when its kind declares
``segment_local = True`` (see ``brandlint.rules.base.Rule``): the default for kinds that only
implement ``check_segment``; a kind that overrides ``check`` (e.g. to batch segments through
``nlp.pipe``) declares it when a segment's findings still depend on that segment alone. Other
rules (occurrence counts, document-level checks) run on the whole document every time.

Model services get a second cache: a service with a batched ``parse(texts)`` method (the
spaCy ``nlp`` service) is wrapped by :class:`ParseCache`, so even rules that must see the
whole document (or that do not declare themselves segment-local) only pay for parsing the
paragraphs that changed.
"""

from __future__ import annotations

import dataclasses
import os
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ..config.settings import Settings, clear_settings_cache, find_config
from ..documents.base import Document, Segment
from ..engine import Engine
from ..findings import Edit, Finding, Fix, Span
from ..pipeline import RunOptions, lint_file
from ..pipeline.lint_one import bounded_source
from ..rules.base import Rule, RuleContext

#: Cached segments per rule (least recently used are dropped first).
SEGMENT_CACHE_SIZE = 20_000


def is_segment_local(rule: Rule) -> bool:
    """The kind's ``segment_local``, except for a rule scoped to ``raw``: it checks the whole
    source at once, so its findings cannot be cached per segment."""
    meta = getattr(rule, "meta", None)
    return type(rule).segment_local and not (meta is not None and "raw" in meta.scope)


def _segment_bounds(seg: Segment) -> tuple[int, int]:
    runs = seg.runs
    if len(runs) == 1:
        return runs[0].src_start, runs[0].src_start + runs[0].src_len
    return min(r.src_start for r in runs), max(r.src_start + r.src_len for r in runs)


def segment_key(doc: Document, seg: Segment) -> tuple:
    """Everything a segment-local rule can see of a segment, independent of where it is."""
    s, e = _segment_bounds(seg)
    runs = tuple((r.seg_start, r.seg_len, r.src_start - s, r.src_len) for r in seg.runs)
    return (
        doc.format,
        seg.text,
        doc.source[s:e],
        runs,
        seg.scopes,
        seg.heading_level,
        seg.inline,
        seg.masked,
        seg.pointer,
    )


def _shift(f: Finding, doc: Document, delta: int) -> Finding:
    """A copy of a cached finding moved by ``delta`` code points (file offsets)."""
    base = doc.index.offset_base
    if delta:
        span = Span(
            doc.index.position(f.span.start.offset + delta - base), doc.index.position(f.span.end.offset + delta - base)
        )
        fix = f.fix
        if fix is not None:
            fix = Fix(
                tuple(Edit(e.start + delta, e.end + delta, e.replacement) for e in fix.edits),
                fix.applicability,
                fix.description,
            )
    else:
        span, fix = f.span, f.fix
    return dataclasses.replace(
        f, span=span, fix=fix, path=doc.path, line_text="", end_line_text="", suppression=None, data=dict(f.data)
    )


@dataclass
class CacheStats:
    hits: int = 0  # segments whose findings came from the cache
    misses: int = 0  # segments a rule checked
    parse_hits: int = 0  # texts a model service did not have to parse again
    parse_misses: int = 0


class SegmentKeys:
    """Interns segment keys as integers, computed once per document for every cached rule.

    Tokens are never reused: when the table is full it starts afresh and old tokens simply
    stop matching (the rules' caches drop them as least recently used).
    """

    META = "_brandlint_lsp_segments"

    def __init__(self, size: int = 4 * SEGMENT_CACHE_SIZE) -> None:
        self.size = size
        self.tokens: dict[tuple, int] = {}
        self.next = 0

    def token(self, key: tuple) -> int:
        t = self.tokens.get(key)
        if t is None:
            if len(self.tokens) >= self.size:
                self.tokens = {}
            t = self.tokens[key] = self.next
            self.next += 1
        return t

    def table(self, doc: Document) -> list[tuple[Segment, int, int, int]]:
        """``(segment, token, file start, file end)`` for each mapped segment of ``doc``."""
        cached = doc.meta.get(self.META)
        if cached is not None and cached[0] is doc.segments and cached[1] is self:
            return cached[2]
        base = doc.index.offset_base
        rows = []
        for seg in doc.segments:
            if seg.runs:
                s, e = _segment_bounds(seg)
                rows.append((seg, self.token(segment_key(doc, seg)), base + s, base + e))
        doc.meta[self.META] = (doc.segments, self, rows)
        return rows


class CachedRule:
    """A segment-local rule with a per-segment cache of its findings.

    Behaves like the rule it wraps (attribute access is delegated); only ``check`` differs.
    """

    def __init__(self, rule: Rule, stats: CacheStats, keys: SegmentKeys, size: int = SEGMENT_CACHE_SIZE) -> None:
        self.rule = rule
        self.stats = stats
        self.keys = keys
        self.size = size
        self.cache: OrderedDict[int, tuple[int, list[Finding]]] = OrderedDict()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rule, name)

    def __repr__(self) -> str:
        return f"<CachedRule {self.rule.id}>"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        missing: list[tuple[Segment, int, int, int]] = []
        out: list[Finding] = []
        cache = self.cache
        hits = 0
        for row in self.keys.table(doc):
            hit = cache.get(row[1])
            if hit is None:
                missing.append(row)
                continue
            hits += 1
            cache.move_to_end(row[1])
            old_start, found = hit
            if found:
                out.extend(_shift(f, doc, row[2] - old_start) for f in found)
        self.stats.hits += hits
        if missing:
            self.stats.misses += len(missing)
            sub = dataclasses.replace(doc, segments=[m[0] for m in missing])
            fresh = list(self.rule.check(sub, ctx))
            buckets: list[list[Finding]] = [[] for _ in missing]
            orphans = False
            for f in fresh:
                off = f.span.start.offset
                for i, (_, _, s, e) in enumerate(missing):
                    if s <= off <= e:
                        buckets[i].append(f)
                        break
                else:
                    orphans = True  # not attributable to one segment: do not cache this round
            if not orphans:
                for (_seg, token, s, _), found in zip(missing, buckets):
                    cache[token] = (s, [_shift(f, doc, 0) for f in found])
                while len(cache) > self.size:
                    cache.popitem(last=False)
            out.extend(fresh)
        return iter(out)


#: Parsed texts kept per model service (spaCy ``Doc`` objects: tens of KB each).
PARSE_CACHE_SIZE = 1024


class ParseCache:
    """Per-text memo around a model service's batched ``parse(texts) -> list`` method.

    Services such as the spaCy ``nlp`` service parse every segment of a document in one
    batch; in an editor only one paragraph changes between two lints, so the others come
    from here and only the changed texts are parsed. Keys include the service's ``active``
    components (a pipeline that gains the parser must parse again).
    """

    def __init__(self, service: Any, parse: Any, stats: CacheStats, size: int = PARSE_CACHE_SIZE) -> None:
        self.service = service
        self.inner = parse
        self.stats = stats
        self.size = size
        self.memo: OrderedDict[tuple, Any] = OrderedDict()

    def __call__(self, texts: list[str]) -> list[Any]:
        active = tuple(getattr(self.service, "active", ()) or ())
        keys = [(active, t) for t in texts]
        missing = [k for k in dict.fromkeys(keys) if k not in self.memo]
        self.stats.parse_hits += len(keys) - len(missing)
        self.stats.parse_misses += len(missing)
        if missing:
            for k, parsed in zip(missing, self.inner([k[1] for k in missing])):
                self.memo[k] = parsed
        out = []
        for k in keys:
            self.memo.move_to_end(k)
            out.append(self.memo[k])
        while len(self.memo) > self.size:
            self.memo.popitem(last=False)
        return out


def with_parse_cache(service: Any, stats: CacheStats) -> Any:
    """Install a :class:`ParseCache` on a service that has a batched ``parse`` (once)."""
    parse = getattr(service, "parse", None)
    if callable(parse) and not isinstance(parse, ParseCache):
        try:
            service.parse = ParseCache(service, parse, stats)
        except (AttributeError, TypeError):  # a service with slots or a read-only parse
            pass
    return service


def _cached_factory(factory: Any, stats: CacheStats) -> Any:
    def build(settings: Any) -> Any:
        return with_parse_cache(factory(settings), stats)

    return build


def build_engine(settings: Settings, path: Path | str, stats: CacheStats) -> Engine:
    """An engine for ``path``'s rule set whose segment-local non-term rules are cached."""
    rs = settings.ruleset_for(path)
    factories = {name: _cached_factory(f, stats) for name, f in settings.registry.services.items()}
    ctx = RuleContext(settings=settings, factories=factories)
    engine = Engine(rs.rules, ctx)
    # term rules are matched by the shared automaton (cheap); only their extra regex
    # checks go through ``check`` and are cached like any other segment-local rule
    keys = SegmentKeys()
    # a CachedRule stands in for its rule (attribute access is delegated), hence the cast
    engine.rules = cast(list[Rule], [CachedRule(r, stats, keys) if is_segment_local(r) else r for r in rs.rules])
    return engine


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    format: str = ""
    words: int = 0
    note: str = ""
    bom: bool = False  # offsets in findings exclude a leading U+FEFF of the text
    segments: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, scope) file offsets


# formats for documents whose name has no known extension (untitled buffers, README)
LANGUAGE_EXTENSIONS = {
    "markdown": ".md",
    "mdx": ".md",
    "json": ".json",
    "jsonc": ".json",
    "jsonl": ".jsonl",
    "jsonlines": ".jsonl",
    "plaintext": ".txt",
    "text": ".txt",
}


class DocumentLinter:
    """Settings lookup (with change detection) and incremental linting of editor buffers."""

    def __init__(self, *, incremental: bool = True, config: Path | None = None) -> None:
        self.incremental = incremental
        self.config = config  # an explicit config file for every document
        self.stats = CacheStats()
        self._engines: dict[tuple, tuple[Settings, Engine]] = {}
        self._fingerprints: dict[str, tuple] = {}

    # -- settings ------------------------------------------------------------------------
    def config_for(self, path: Path) -> Path | None:
        return self.config or find_config(path)

    def settings_for(self, path: Path, root: Path | None = None) -> Settings:
        """Settings for a document; raises :class:`BrandlintError` for a broken config."""
        opts = RunOptions(config=self.config_for(path), cwd=root or path.parent)
        settings = opts.settings_for(path)
        key = str(settings.path)
        fp = self._fingerprint(settings)
        old = self._fingerprints.get(key)
        if old is not None and old != fp:
            # a rule file of a pack (or the config) changed under a cached Settings
            self.reload()
            settings = opts.settings_for(path)
            fp = self._fingerprint(settings)
        self._fingerprints[key] = fp
        return settings

    @staticmethod
    def _fingerprint(settings: Settings) -> tuple:
        files: set[str] = set()
        if settings.path is not None:
            files.add(str(settings.path))
        for r in settings.all_rules:
            if r.meta.source:
                files.add(r.meta.source)
                files.add(os.path.dirname(r.meta.source))  # a rule file added or removed
        out: list[tuple[str, int | None]] = []
        for f in sorted(files):
            try:
                out.append((f, os.stat(f).st_mtime_ns))
            except OSError:
                out.append((f, None))
        return tuple(out)

    def reload(self) -> None:
        """Forget every loaded config and engine (after a config or rule file changed)."""
        clear_settings_cache()
        self._engines.clear()
        self._fingerprints.clear()

    # -- linting -------------------------------------------------------------------------
    def lint_path(self, path: Path, language_id: str = "") -> Path:
        """The path to lint a document as: its own, or one with the extension of its language."""
        ext = LANGUAGE_EXTENSIONS.get(language_id)
        if ext and not path.suffix:
            return path.with_name(path.name + ext)
        return path

    def engine_for(self, settings: Settings, path: Path) -> Engine:
        rs = settings.ruleset_for(path)
        # one engine per config file and override set: a reloaded config replaces the old one
        key = (str(settings.path), str(settings.root), rs.key)
        hit = self._engines.get(key)
        if hit is None or hit[0] is not settings:
            hit = self._engines[key] = (settings, build_engine(settings, path, self.stats))
        return hit[1]

    def lint(self, path: Path, text: str, settings: Settings, display_path: str | None = None) -> LintResult:
        shown = display_path or str(path)
        fmt = settings.registry.format_for(str(path))
        bom = text.startswith("\ufeff")
        raw = text.encode("utf-8", "surrogatepass")
        if fmt is None:
            return LintResult(note=f"no format for extension {path.suffix or '(none)'!r}", bom=bom)
        if not self.incremental:
            r = lint_file(path, settings, content=raw, display_path=shown)
            return LintResult(r.findings, r.format, r.words, r.note, bom)
        result = LintResult(format=fmt.name, bom=bom)
        source, found = bounded_source(fmt, raw, settings, shown)  # limits, as `check` has them
        result.findings.extend(found)
        if source is None:
            return result
        engine = self.engine_for(settings, path)
        for doc in fmt.parse(source, settings.format_options(fmt.name, path)):
            doc.path = shown
            result.words += doc.words()
            result.findings.extend(engine.check(doc, settings))
            base = doc.index.offset_base
            result.segments.extend(
                (base + s, base + e, seg.scope) for seg in doc.segments if seg.runs for s, e in (_segment_bounds(seg),)
            )
        return result
