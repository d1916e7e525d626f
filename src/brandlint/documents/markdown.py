"""Markdown: prose segments with an exact source map.

markdown-it-py gives block tokens a line ``map`` but inline tokens carry no positions. To map
every character of a segment back to the source, this module

1. runs markdown-it with a recording inline tokenizer: every inline token gets
   ``meta["_p"]`` (its start offset in the inline source, i.e. the block's ``content``) and,
   for tokens made by a rule, ``meta["_e"]`` (the end of what that rule consumed). Text
   tokens are verbatim slices of the inline source, so their start is all we need;
   ``text_join`` and ``fragments_join`` are disabled so escapes and entities stay separate
   ``text_special`` tokens and no text token is merged across a gap;
2. maps the inline source (a paragraph's lines with container prefixes stripped, a heading's
   text, a table cell) back to the file: each line of the inline source is a suffix of its
   source line (paragraphs), a slice after the ``#`` markers (ATX headings) or a slice between
   pipes with ``\\|`` unescaped (table cells);
3. builds segments by copying source slices, so a run of equal length always equals the
   source text it maps to. Entities and escapes are unequal runs (``&amp;`` -> ``&``), line
   breaks are ``"\\n"`` mapped to the whole source line break (``\\r\\n`` = 2 characters).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from markdown_it.token import Token

from ..limits import DEFAULTS
from ..results import LIMIT_EXCEEDED
from .base import Directive, Document, DocumentError, LineIndex, Segment, SegmentBuilder, SourceFile
from .md_parser import compile_ignore, ignored_spans, parser
from .md_source_map import InlineMap, Lines, cell_map, heading_map, paragraph_map

__all__ = ["DEFAULT_IGNORE_PATTERNS", "MarkdownFormat", "markdown_segments", "parse_directive"]

#: Template syntax that is not prose: Liquid/Nunjucks tags and outputs (Jekyll, Eleventy, Hugo
#: shortcodes written with ``{{ }}``) and kramdown attribute lists ``{: #id .class }``.
DEFAULT_IGNORE_PATTERNS: tuple[str, ...] = (r"\{%.*?%\}", r"\{\{.*?\}\}", r"\{:[^}\n]*\}")

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(r"\s*brandlint-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*)\Z", re.S)
_REASON_SPLIT = re.compile(r"(?:^|\s)--(?:\s|\Z)")
_RULE_SPLIT = re.compile(r"[,\s]+")
_BARE_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`]+", re.I)
_URL_TRAIL = ".,;:!?*_'\""
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)")

# --------------------------------------------------------------------------- directives


def parse_directive(body: str) -> tuple[str, tuple[str, ...], str] | None:
    """``(action, rules, reason)`` of an HTML comment body, or None when it is no directive."""
    m = _DIRECTIVE.match(body)
    if m is None:
        return None
    action, rest = m.group(1), m.group(2)
    if rest and not rest[0].isspace():
        return None
    parts = _REASON_SPLIT.split(rest, maxsplit=1)
    rules = tuple(r for r in _RULE_SPLIT.split(parts[0]) if r)
    reason = " ".join(parts[1].split()) if len(parts) > 1 else ""
    return action, rules, reason


# --------------------------------------------------------------------------- segments


class _Out:
    """Per-file state while walking the token stream."""

    def __init__(self, text: str, lines: Lines, ignore: tuple[Any, ...]) -> None:
        self.text = text
        self.lines = lines
        self.segments: list[Segment] = []
        self.directives: list[Directive] = []
        self.templates: list[tuple[int, int]] = ignored_spans(text, ignore) if ignore else []
        self.template_starts = [t[0] for t in self.templates]
        self.inline_footnotes: dict[Any, tuple[InlineMap, int]] = {}

    def directive_at(self, body: str, s: int, e: int) -> None:
        d = parse_directive(body)
        if d is not None:
            line_of = self.lines.line_of
            self.directives.append(Directive(d[0], d[1], d[2], line_of(s) + 1, line_of(max(e - 1, s)) + 1))

    def inline(self, children: list[Token], m: InlineMap, base: int, scopes: tuple[str, ...], level: int = 0) -> None:
        b = SegmentBuilder()
        inline: list[tuple[int, int, str]] = []
        masked: list[tuple[int, int]] = []
        later: list[tuple[list[Token], int]] = []
        self._walk(children, m, base, b, inline, masked, later)
        self._finish(b, inline, masked, scopes, level)
        for kids, kbase in later:  # image alt texts
            self.inline(kids, m, kbase, scopes + ("alt",), level)

    def _walk(
        self,
        children: list[Token],
        m: InlineMap,
        base: int,
        b: SegmentBuilder,
        inline: list[tuple[int, int, str]],
        masked: list[tuple[int, int]],
        later: list[tuple[list[Token], int]],
    ) -> None:
        src = self.text
        c = m.c
        stack: list[int] = []
        skip_to_close = False
        for t in children:
            typ = t.type
            meta = t.meta
            if skip_to_close:
                if typ == "link_close":
                    skip_to_close = False
                continue
            p = meta.get("_p")
            if p is None:
                continue
            p += base
            if typ == "text":
                if t.content:
                    m.emit(b, src, p, p + len(t.content))
            elif typ == "softbreak" or typ == "hardbreak":
                q = c.find("\n", p)
                if q >= 0:
                    m.emit(b, src, q, q + 1)
            elif typ == "text_special":
                content, markup = t.content, t.markup
                if content == markup:
                    m.emit(b, src, p, p + len(content))
                elif content:
                    m.special(b, content, p, p + len(markup))
            elif typ in ("em_open", "strong_open", "s_open"):
                stack.append(len(b))
            elif typ in ("em_close", "strong_close", "s_close"):
                if stack:
                    start = stack.pop()
                    if len(b) > start:
                        name = (
                            "emphasis" if typ == "em_close" else "strong" if typ == "strong_close" else "strikethrough"
                        )
                        inline.append((start, len(b), name))
            elif typ == "link_open":
                if t.markup == "autolink" or t.info == "auto":
                    e = meta.get("_e", p - base) + base
                    start = len(b)
                    m.emit(b, src, p + 1, e - 1)
                    if len(b) > start:
                        inline.append((start, len(b), "link"))
                        masked.append((start, len(b)))
                    skip_to_close = True
                else:
                    stack.append(len(b))
            elif typ == "link_close":
                if stack:
                    start = stack.pop()
                    if len(b) > start:
                        inline.append((start, len(b), "link"))
            elif typ == "code_inline":
                e = meta.get("_e", p - base) + base
                k = len(t.markup)
                a, z = p + k, e - k
                inner = c[a:z]
                if len(inner) >= 2 and inner[0] in " \n" and inner[-1] in " \n" and inner.strip(" \n"):
                    a, z = a + 1, z - 1
                start = len(b)
                m.emit(b, src, a, z)
                if len(b) > start:
                    masked.append((start, len(b)))
            elif typ == "html_inline":
                e = p + len(t.content)
                start = len(b)
                m.emit(b, src, p, e)
                if len(b) > start:
                    masked.append((start, len(b)))
                if t.content.startswith("<!--"):
                    for cm in _COMMENT.finditer(t.content):
                        self.directive_at(cm.group(1), m.start(p + cm.start()), m.end(p + cm.end()))
            elif typ == "image":
                if t.children:
                    later.append((t.children, p + 2))
            elif typ == "footnote_ref":
                if c.startswith("^[", p) and "id" in meta:
                    self.inline_footnotes[meta["id"]] = (m, p + 2)

    def _finish(
        self,
        b: SegmentBuilder,
        inline: list[tuple[int, int, str]],
        masked: list[tuple[int, int]],
        scopes: tuple[str, ...],
        level: int,
    ) -> None:
        if not len(b):
            return
        text = b.text()
        if text.isspace():
            return
        runs = b.runs()
        if self.templates:
            lo = min(r.src_start for r in runs)
            hi = max(r.src_start + r.src_len for r in runs)
            tpl = self.templates
            k = max(bisect.bisect_right(self.template_starts, lo) - 1, 0)
            while k < len(tpl) and tpl[k][0] < hi:
                ms, me = tpl[k]
                k += 1
                if me <= lo:
                    continue
                for r in runs:
                    rs, re_ = r.src_start, r.src_start + r.src_len
                    if rs < me and ms < re_:
                        if r.seg_len == r.src_len:
                            masked.append((r.seg_start + max(ms, rs) - rs, r.seg_start + min(me, re_) - rs))
                        else:
                            masked.append((r.seg_start, r.seg_start + r.seg_len))
        if "://" in text or "www." in text or "WWW." in text:
            for um in _BARE_URL.finditer(text):
                url = um.group(0).rstrip(_URL_TRAIL)
                while url.endswith(")") and url.count("(") < url.count(")"):
                    url = url[:-1].rstrip(_URL_TRAIL)
                if url:
                    masked.append((um.start(), um.start() + len(url)))
        if len(masked) > 1:
            masked.sort()
            merged = [masked[0]]
            for s, e in masked[1:]:
                ps, pe = merged[-1]
                if s <= pe:
                    if e > pe:
                        merged[-1] = (ps, e)
                else:
                    merged.append((s, e))
            masked = merged
        self.segments.append(
            Segment(
                text=text,
                runs=runs,
                scopes=scopes,
                heading_level=level,
                inline=tuple(sorted(inline)),
                masked=tuple(masked),
            )
        )

    def html_block(self, t: Token) -> None:
        content = t.content
        if "<!--" not in content or not t.map:
            return
        first = t.map[0]
        starts = self.lines.starts
        for cm in _COMMENT.finditer(content):
            d = parse_directive(cm.group(1))
            if d is None:
                continue
            line = first + content.count("\n", 0, cm.start())
            end_line = first + content.count("\n", 0, cm.end())
            line = min(line, len(starts) - 1)
            self.directives.append(Directive(d[0], d[1], d[2], line + 1, end_line + 1))


_BLOCK_SCOPES = {
    "paragraph_open": "paragraph",
    "blockquote_open": "blockquote",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "table_open": "table",
    "th_open": "table-header",
    "td_open": "table-cell",
    "footnote_open": "footnote",
    "heading_open": "heading",
}
_BLOCK_CLOSE = {k.replace("_open", "_close") for k in _BLOCK_SCOPES}


def _blank_toml_front_matter(text: str) -> str:
    """Replace a TOML ``+++`` front matter block by spaces (keeping every line break)."""
    if not text.startswith("+++"):
        return text
    m = _TOML_FENCE.match(text)
    if m is None or m.end() == len(text):
        return text
    close = _TOML_FENCE.search(text, m.end())
    while close is not None and close.start() > 0 and text[close.start() - 1] not in "\r\n":
        close = _TOML_FENCE.search(text, close.end())
    if close is None:
        return text
    end = close.end()
    head = _LINE_SPACE.sub(lambda x: " " * len(x.group(0)), text[:end])
    return head + text[end:]


_LINE_SPACE = re.compile(r"[^\r\n]+")


def markdown_segments(
    text: str,
    *,
    ignore_patterns: Sequence[str] = DEFAULT_IGNORE_PATTERNS,
    front_matter: bool = True,
    max_nesting: int = 100,
    too_deep: list[int] | None = None,
) -> tuple[list[Segment], list[Directive]]:
    """Prose segments of a Markdown text and its suppression directives, in source order.

    Offsets in the segments' runs are code-point offsets into ``text`` (decoded, BOM removed).
    ``ignore_patterns`` are regexes for template syntax, matched on the source: the segment
    text they cover is masked. ``front_matter`` skips YAML (``---``) / TOML (``+++``) front
    matter at the top of the file. Containers nested deeper than ``max_nesting`` levels (a list
    is two) are left out; ``too_deep`` receives the offset where each such part starts.
    """
    parse_text = text.replace("\0", "\ufffd") if "\0" in text else text
    if front_matter:
        parse_text = _blank_toml_front_matter(parse_text)
    md = parser(bool(front_matter), max_nesting)
    env: dict[str, Any] = {}
    tokens = md.parse(parse_text, env)
    lines = Lines(text)
    if too_deep is not None:  # where markdown-it stopped at max_nesting (offsets into text)
        too_deep.extend(lines.starts[line] + col for line, col in env.get("too_deep", ()))
    patterns = tuple(ignore_patterns)
    out = _Out(text, lines, compile_ignore(patterns, patterns == DEFAULT_IGNORE_PATTERNS))
    # `cmp` is the text the maps compare against (NULs replaced, like markdown-it's input)
    cmp = parse_text
    stack: list[str] = []
    level = 0
    row_line = -1
    cursor = 0
    footnote_id: Any = None
    atx = False
    for t in tokens:
        typ = t.type
        if typ in _BLOCK_SCOPES:
            stack.append(_BLOCK_SCOPES[typ])
            if typ == "heading_open":
                level = int(t.tag[1:]) if t.tag[1:].isdigit() else 1
                atx = t.markup.startswith("#")
            elif typ == "footnote_open":
                footnote_id = t.meta.get("id")
            continue
        if typ in _BLOCK_CLOSE:
            if stack:
                stack.pop()
            if typ == "heading_close":
                level = 0
            continue
        if typ == "tr_open":
            row_line = t.map[0] if t.map else -1
            cursor = lines.starts[row_line] if row_line >= 0 else 0
            continue
        if typ == "inline":
            scopes = tuple(stack)
            c = t.content
            children = t.children or []
            if not t.map:
                fn = out.inline_footnotes.get(footnote_id)
                if fn is not None and children:
                    out.inline(children, fn[0], fn[1], scopes)
                continue
            if not c or not children:
                continue
            inner = stack[-1] if stack else ""
            if inner == "heading" and atx:
                m = heading_map(c, t.map[0], cmp, lines)
            elif inner in ("table-header", "table-cell") and row_line >= 0:
                m, cursor = cell_map(c, row_line, cursor, cmp, lines)
            else:
                m = paragraph_map(c, t.map[0], t.map[1], cmp, lines)
            out.inline(children, m, 0, scopes, level if inner == "heading" else 0)
            continue
        if typ == "html_block":
            out.html_block(t)
    # source order (footnote definitions come last in markdown-it's stream; alt texts
    # follow their paragraph)
    segments = sorted(out.segments, key=lambda sg: sg.runs[0].src_start)
    directives = sorted(out.directives, key=lambda d: (d.line, d.end_line))
    return segments, directives


class MarkdownFormat:
    """The ``markdown`` document format."""

    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd")
    streaming = False

    def parse(self, source: SourceFile, options: Mapping[str, Any]) -> Iterator[Document]:
        patterns = options.get("ignore-patterns")
        if patterns is None:
            patterns = DEFAULT_IGNORE_PATTERNS
        elif isinstance(patterns, str):
            patterns = (patterns,)
        depth = (options.get("limits") or DEFAULTS)["nesting-depth"]
        too_deep: list[int] = []
        segments, directives = markdown_segments(
            source.text,
            ignore_patterns=tuple(patterns),
            front_matter=bool(options.get("front-matter", True)),
            max_nesting=depth,
            too_deep=too_deep,
        )
        msg = f"Markdown nested deeper than {depth} levels ([limits] nesting-depth; a list is 2): not linted from here"
        yield Document(
            path=source.path,
            format="markdown",
            source=source.text,
            segments=segments,
            index=LineIndex(source.text, byte_base=3 if source.bom else 0),
            directives=directives,
            errors=[DocumentError(msg, offset=o, rule_id=LIMIT_EXCEEDED) for o in sorted(set(too_deep))],
        )
