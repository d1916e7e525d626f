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
import functools
import re
import types
from typing import Any, Iterator, Mapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .base import Directive, Document, LineIndex, Segment, SegmentBuilder, SourceFile

__all__ = ["DEFAULT_IGNORE_PATTERNS", "MarkdownFormat", "markdown_segments", "parse_directive"]

#: Template syntax that is not prose: Liquid/Nunjucks tags and outputs (Jekyll, Eleventy, Hugo
#: shortcodes written with ``{{ }}``) and kramdown attribute lists ``{: #id .class }``.
DEFAULT_IGNORE_PATTERNS: tuple[str, ...] = (r"\{%.*?%\}", r"\{\{.*?\}\}", r"\{:[^}\n]*\}")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(
    r"\s*brandlint-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*)\Z", re.S)
_REASON_SPLIT = re.compile(r"(?:^|\s)--(?:\s|\Z)")
_RULE_SPLIT = re.compile(r"[,\s]+")
_BARE_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`]+", re.I)
_URL_TRAIL = ".,;:!?*_'\""
_TOML_FENCE = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)")


# --------------------------------------------------------------------------- parser setup

def _tokenize(self, state) -> None:
    """``ParserInline.tokenize`` that records where each token starts in ``state.src``.

    Same loop as markdown-it-py's; after a rule succeeds, the tokens it pushed get
    ``meta["_p"]`` / ``meta["_e"]``. Literal text goes to ``state.pending`` and is flushed as
    a text token by the next push: ``pend`` remembers where that pending text started.
    """
    rules = self.ruler.getRules("")
    end = state.posMax
    max_nesting = state.md.options["maxNesting"]
    tokens = state.tokens
    src = state.src
    append_pending = getattr(state, "append_pending", None)
    pend = -1
    while state.pos < end:
        pos = state.pos
        ok = False
        if state.level < max_nesting:
            n = len(tokens)
            for rule in rules:
                ok = rule(state, False)
                if ok:
                    if state.pos <= pos:
                        raise RuntimeError("inline rule didn't increment state.pos")
                    break
            if ok:
                if len(tokens) > n:
                    i = n
                    if pend >= 0:
                        t = tokens[n]
                        if t.type == "text" and "_p" not in t.meta:
                            t.meta["_p"] = pend
                            i = n + 1
                        pend = -1
                    cur = pos
                    stop = state.pos
                    for t in tokens[i:]:
                        meta = t.meta
                        if "_p" in meta:  # made by a nested tokenize (link text)
                            continue
                        if t.type == "text":
                            meta["_p"] = cur
                            cur += len(t.content)
                        else:
                            meta["_p"] = pos
                        meta["_e"] = stop
                elif pend < 0:
                    pend = pos
                if state.pos >= end:
                    break
                continue
        if pend < 0:
            pend = pos
        if append_pending is not None:
            append_pending(src[pos])
        else:  # markdown-it-py 3.x
            state.pending += src[pos]
        state.pos += 1
    if state.pending:
        t = state.pushPending()
        if t is None:
            t = tokens[-1]
        t.meta["_p"] = pend if pend >= 0 else state.pos - len(t.content)


def _make_parser(front_matter: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    if front_matter:
        md.use(front_matter_plugin)
    md.use(footnote_plugin)
    # keep escapes/entities as their own tokens and never merge text across a gap
    md.disable("text_join", ignoreInvalid=True)
    md.disable("fragments_join", ignoreInvalid=True)
    md.inline.tokenize = types.MethodType(_tokenize, md.inline)  # type: ignore[method-assign]
    return md


@functools.lru_cache(maxsize=None)
def _parser(front_matter: bool) -> MarkdownIt:
    return _make_parser(front_matter)


@functools.lru_cache(maxsize=64)
def _compile_ignore(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


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


# --------------------------------------------------------------------------- source map

class _Map:
    """Maps offsets of an inline source string ``c`` (a block's content) to file offsets.

    ``pieces`` are ``(c_start, c_end, s_start, s_end)`` sorted by ``c_start``: linear when both
    lengths are equal, else mapped as a whole (a CRLF line break). Characters of ``c`` outside
    every piece (spaces markdown-it made from a tab) have no source and are never emitted.
    """

    __slots__ = ("c", "pieces", "starts")

    def __init__(self, c: str, pieces: list[tuple[int, int, int, int]]) -> None:
        self.c = c
        self.pieces = pieces
        self.starts = [p[0] for p in pieces] if len(pieces) > 1 else None

    def _index(self, i: int) -> int:
        if self.starts is None:
            return 0
        return max(bisect.bisect_right(self.starts, i) - 1, 0)

    def emit(self, b: SegmentBuilder, src: str, cs: int, ce: int) -> None:
        """Append the inline source range [cs, ce) to ``b`` (copied from the file)."""
        if ce <= cs:
            return
        pieces = self.pieces
        if self.starts is None:
            if not pieces:
                return
            p0, p1, s0, s1 = pieces[0]
            a, z = max(cs, p0), min(ce, p1)
            if a < z:
                if p1 - p0 == s1 - s0:
                    s = s0 + a - p0
                    b.add(src[s:s + z - a], s)
                else:
                    b.add(self.c[a:z], s0, s1 - s0)
            return
        k = self._index(cs)
        n = len(pieces)
        while k < n:
            p0, p1, s0, s1 = pieces[k]
            if p0 >= ce:
                break
            a, z = max(cs, p0), min(ce, p1)
            if a < z:
                if p1 - p0 == s1 - s0:
                    s = s0 + a - p0
                    b.add(src[s:s + z - a], s)
                elif self.c[p0:p1] == "\n":
                    b.add("\n", s0, s1 - s0)
                else:
                    b.add(self.c[a:z], s0, s1 - s0)
            k += 1

    def start(self, i: int) -> int:
        """File offset where inline-source character ``i`` starts."""
        if not self.pieces:
            return 0
        p0, p1, s0, s1 = self.pieces[self._index(i)]
        if i >= p1:
            return s1
        if i <= p0:
            return s0
        return s0 + (i - p0) if p1 - p0 == s1 - s0 else s0

    def end(self, j: int) -> int:
        """File offset just after inline-source character ``j - 1``."""
        if not self.pieces:
            return 0
        if j <= 0:
            return self.pieces[0][2]
        p0, p1, s0, s1 = self.pieces[self._index(j - 1)]
        if j >= p1:
            return s1
        return s0 + (j - p0) if p1 - p0 == s1 - s0 else s1

    def special(self, b: SegmentBuilder, text: str, cs: int, ce: int) -> None:
        """Append ``text`` standing for the whole inline source range [cs, ce)."""
        s = self.start(cs)
        b.add(text, s, max(self.end(ce) - s, 1))


class _Lines:
    """Line starts and line-break ends of the file."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str) -> None:
        starts = [0]
        ends = []
        if "\r" in text:
            for m in _LINE_BREAK.finditer(text):
                ends.append(m.start())
                starts.append(m.end())
        else:
            find = text.find
            i = find("\n")
            while i >= 0:
                ends.append(i)
                starts.append(i + 1)
                i = find("\n", i + 1)
        ends.append(len(text))
        self.starts = starts
        self.ends = ends

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1


def _paragraph_map(c: str, first_line: int, end_line: int, text: str, lines: _Lines) -> _Map:
    """Map for ``getLines(first_line, ...).strip()`` content.

    Each line of ``c`` is a suffix of its source line (container prefixes and indentation
    removed), the last one rstripped. ``str.strip`` may also have dropped whole lines that
    markdown does not call blank (``\\xa0``, ``\\f``...): try each possible number of
    dropped leading lines and keep the first that matches the source.
    """
    clines = c.split("\n")
    spare = max(end_line - first_line - len(clines), 0)
    for d in range(spare + 1):
        pieces = _line_pieces(clines, first_line + d, text, lines, True)
        if pieces is not None:
            return _Map(c, pieces)
    return _Map(c, _line_pieces(clines, first_line, text, lines, False) or [])


def _line_pieces(clines: list[str], first_line: int, text: str, lines: _Lines,
                 strict: bool) -> list[tuple[int, int, int, int]] | None:
    starts, ends = lines.starts, lines.ends
    nlines = len(starts)
    last = len(clines) - 1
    pieces: list[tuple[int, int, int, int]] = []
    pos = 0
    for k, cl in enumerate(clines):
        li = min(first_line + k, nlines - 1)
        piece = _line_piece(cl, pos, li, k == last, text, starts, ends, strict)
        if piece is None:
            return None
        pieces.append(piece)
        pos += len(cl)
        if k < last:
            le = ends[li]
            nxt = starts[li + 1] if li + 1 < nlines else le
            if nxt > le:
                pieces.append((pos, pos + 1, le, nxt))
            pos += 1
    return pieces


def _line_piece(cl: str, pos: int, li: int, is_last: bool, text: str, starts: list[int],
                ends: list[int], strict: bool) -> tuple[int, int, int, int] | None:
    ls, le = starts[li], ends[li]
    n = len(cl)
    # the last line of stripped content ends where its source line ends once rstripped
    e = ls + len(text[ls:le].rstrip()) if is_last else le
    s = e - n
    if s >= ls and text.startswith(cl, s):
        return (pos, pos + n, s, e)
    # spaces made from a tab by markdown-it: only the rest is in the source
    real = cl.lstrip(" ")
    s = e - len(real)
    if s >= ls and text.startswith(real, s):
        return (pos + n - len(real), pos + n, s, e)
    if strict:
        return None
    # should not happen: find it on the line, else map the whole line as a unit
    j = text.find(cl, ls, le) if cl else -1
    if j >= 0:
        return (pos, pos + n, j, j + n)
    return (pos, pos + n, ls, min(max(le, ls + 1), len(text)))


def _heading_map(c: str, line: int, text: str, lines: _Lines) -> _Map:
    ls, le = lines.starts[line], lines.ends[line]
    h = text.find("#", ls, le)
    h = ls if h < 0 else h
    while h < le and text[h] == "#":
        h += 1
    j = text.find(c, h, le)
    if j < 0:
        return _paragraph_map(c, line, line + 1, text, lines)
    return _Map(c, [(0, len(c), j, j + len(c))])


def _cell_map(c: str, line: int, cursor: int, text: str, lines: _Lines) -> tuple[_Map, int]:
    """Map for a table cell; markdown-it dropped the backslash of every ``\\|`` in the cell."""
    le = lines.ends[line]
    if "|" not in c:
        j = text.find(c, cursor, le)
        if j < 0:
            j = text.find(c, lines.starts[line], le)
        if j < 0:
            return _Map(c, [(0, len(c), cursor, max(le, cursor + 1))]), cursor
        return _Map(c, [(0, len(c), j, j + len(c))]), j + len(c)
    form = c.replace("|", "\\|")
    j = text.find(form, cursor, le)
    if j < 0:
        return _Map(c, [(0, len(c), cursor, max(le, cursor + 1))]), cursor
    pieces = []
    cpos, spos = 0, j
    for part in c.split("|"):
        if part:
            pieces.append((cpos, cpos + len(part), spos, spos + len(part)))
        cpos += len(part)
        spos += len(part)
        if cpos < len(c):  # the pipe: skip its backslash in the source
            pieces.append((cpos, cpos + 1, spos + 1, spos + 2))
            cpos += 1
            spos += 2
    return _Map(c, pieces), j + len(form)


# --------------------------------------------------------------------------- segments

class _Out:
    """Per-file state while walking the token stream."""

    def __init__(self, text: str, lines: _Lines, ignore: re.Pattern[str] | None) -> None:
        self.text = text
        self.lines = lines
        self.segments: list[Segment] = []
        self.directives: list[Directive] = []
        self.templates: list[tuple[int, int]] = (
            [m.span() for m in ignore.finditer(text) if m.end() > m.start()] if ignore else [])
        self.template_starts = [t[0] for t in self.templates]
        self.inline_footnotes: dict[Any, tuple[_Map, int]] = {}

    def directive_at(self, body: str, s: int, e: int) -> None:
        d = parse_directive(body)
        if d is not None:
            line_of = self.lines.line_of
            self.directives.append(Directive(d[0], d[1], d[2], line_of(s) + 1,
                                             line_of(max(e - 1, s)) + 1))

    def inline(self, children: list[Token], m: _Map, base: int, scopes: tuple[str, ...],
               level: int = 0) -> None:
        b = SegmentBuilder()
        inline: list[tuple[int, int, str]] = []
        masked: list[tuple[int, int]] = []
        later: list[tuple[list[Token], int]] = []
        self._walk(children, m, base, b, inline, masked, later)
        self._finish(b, inline, masked, scopes, level)
        for kids, kbase in later:  # image alt texts
            self.inline(kids, m, kbase, scopes + ("alt",), level)

    def _walk(self, children: list[Token], m: _Map, base: int, b: SegmentBuilder,
              inline: list[tuple[int, int, str]], masked: list[tuple[int, int]],
              later: list[tuple[list[Token], int]]) -> None:
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
                        name = ("emphasis" if typ == "em_close" else
                                "strong" if typ == "strong_close" else "strikethrough")
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
                if (len(inner) >= 2 and inner[0] in " \n" and inner[-1] in " \n"
                        and inner.strip(" \n")):
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
                        self.directive_at(cm.group(1), m.start(p + cm.start()),
                                          m.end(p + cm.end()))
            elif typ == "image":
                if t.children:
                    later.append((t.children, p + 2))
            elif typ == "footnote_ref":
                if c.startswith("^[", p) and "id" in meta:
                    self.inline_footnotes[meta["id"]] = (m, p + 2)

    def _finish(self, b: SegmentBuilder, inline: list[tuple[int, int, str]],
                masked: list[tuple[int, int]], scopes: tuple[str, ...], level: int) -> None:
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
                            masked.append((r.seg_start + max(ms, rs) - rs,
                                           r.seg_start + min(me, re_) - rs))
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
        self.segments.append(Segment(
            text=text, runs=runs, scopes=scopes, heading_level=level,
            inline=tuple(sorted(inline)), masked=tuple(masked)))

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


def markdown_segments(text: str, *, ignore_patterns: Sequence[str] = DEFAULT_IGNORE_PATTERNS,
                      front_matter: bool = True) -> tuple[list[Segment], list[Directive]]:
    """Prose segments of a Markdown text and its suppression directives, in source order.

    Offsets in the segments' runs are code-point offsets into ``text`` (decoded, BOM removed).
    ``ignore_patterns`` are regexes for template syntax, matched on the source: the segment
    text they cover is masked. ``front_matter`` skips YAML (``---``) / TOML (``+++``) front
    matter at the top of the file.
    """
    parse_text = text.replace("\0", "\ufffd") if "\0" in text else text
    if front_matter:
        parse_text = _blank_toml_front_matter(parse_text)
    md = _parser(bool(front_matter))
    tokens = md.parse(parse_text, {})
    lines = _Lines(text)
    out = _Out(text, lines, _compile_ignore(tuple(ignore_patterns)))
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
                m = _heading_map(c, t.map[0], cmp, lines)
            elif inner in ("table-header", "table-cell") and row_line >= 0:
                m, cursor = _cell_map(c, row_line, cursor, cmp, lines)
            else:
                m = _paragraph_map(c, t.map[0], t.map[1], cmp, lines)
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

    def parse(self, source: SourceFile, options: Mapping[str, Any]) -> Iterator[Document]:
        patterns = options.get("ignore-patterns")
        if patterns is None:
            patterns = DEFAULT_IGNORE_PATTERNS
        elif isinstance(patterns, str):
            patterns = (patterns,)
        segments, directives = markdown_segments(
            source.text, ignore_patterns=tuple(patterns),
            front_matter=bool(options.get("front-matter", True)))
        yield Document(path=source.path, format="markdown", source=source.text,
                       segments=segments, index=LineIndex(source.text, byte_base=3 if source.bom else 0),
                       directives=directives)
