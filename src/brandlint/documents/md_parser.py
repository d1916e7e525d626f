"""The Markdown parser (markdown-it-py, CommonMark + tables, strikethrough, footnotes, front
matter) with a recording inline tokenizer: every inline token gets ``meta["_p"]`` (its start
offset in the inline source) and, for tokens made by a rule, ``meta["_e"]`` (the end of what
that rule consumed). See :mod:`brandlint.documents.markdown`."""

from __future__ import annotations

import functools
import re
import types
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..patterns import user_pattern

__all__ = ["compile_ignore", "ignored_spans", "make_parser", "parser"]

_BLOCK_TOKENIZE = ParserBlock.tokenize


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


def _block_tokenize(self, state, startLine: int, endLine: int, silent: bool = False) -> None:
    """``ParserBlock.tokenize`` that notes where markdown-it stops at ``maxNesting``.

    Past that depth the container's lines are skipped; the note (0-based line and column in
    the parser's source) lets the format report ``brandlint/limit-exceeded`` there.
    """
    if state.level >= state.md.options["maxNesting"]:
        line = state.skipEmptyLines(startLine)
        if line < endLine and state.sCount[line] >= state.blkIndent:
            off = state.bMarks[line] + state.tShift[line]
            col = off - (state.src.rfind("\n", 0, off) + 1)
            state.env.setdefault("too_deep", []).append((line, col))
            # markdown-it would skip to endLine, losing what follows the container too:
            # skip only the lines that belong to it (the nested call's own end condition)
            nxt = line + 1
            while nxt < endLine and (state.isEmpty(nxt) or state.sCount[nxt] >= state.blkIndent):
                nxt += 1
            state.line = nxt
            return
    _BLOCK_TOKENIZE(self, state, startLine, endLine)


def make_parser(front_matter: bool, max_nesting: int = 100) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": max_nesting}).enable("table").enable("strikethrough")
    if front_matter:
        md.use(front_matter_plugin)
    md.use(footnote_plugin)
    # keep escapes/entities as their own tokens and never merge text across a gap
    md.disable("text_join", ignoreInvalid=True)
    md.disable("fragments_join", ignoreInvalid=True)
    md.inline.tokenize = types.MethodType(_tokenize, md.inline)  # type: ignore[method-assign]
    md.block.tokenize = types.MethodType(_block_tokenize, md.block)  # type: ignore[method-assign]
    return md


@functools.cache
def parser(front_matter: bool, max_nesting: int = 100) -> MarkdownIt:
    return make_parser(front_matter, max_nesting)


@functools.lru_cache(maxsize=64)
def compile_ignore(patterns: tuple[str, ...], builtin: bool = False) -> tuple[Any, ...]:
    """Each ignore pattern compiled on its own (a global flag such as ``(?s)`` works), after one
    alternation of them all (``(?:(?s)a)|(?:b)``: flags stay inside their group) that
    :func:`ignored_spans` searches first, so text without any match costs one scan.

    A user's patterns compile on RE2 (linear time, :func:`brandlint.patterns.user_pattern`);
    ``builtin`` patterns (brandlint's own defaults, written to never backtrack) on the stdlib
    engine, which returns character offsets of ``str`` matches several times faster.
    """
    if not patterns:
        return ()
    if builtin:
        each = tuple(re.compile(p) for p in patterns)
        whole = re.compile("|".join(f"(?:{p})" for p in patterns))
    else:
        each = tuple(user_pattern(p, key=f"ignore-patterns[{i}]") for i, p in enumerate(patterns))
        if len(each) == 1:
            return each
        whole = user_pattern("|".join(f"(?:{p})" for p in patterns), key="ignore-patterns")
    return (whole,) + each


def ignored_spans(text: str, compiled: tuple[Any, ...]) -> list[tuple[int, int]]:
    """The union of every pattern's matches in ``text``: sorted, disjoint, non-empty spans.

    Each pattern is matched separately, so which text is ignored never depends on the order
    of the patterns (one alternation would let an earlier, shorter match hide a later one).
    """
    if len(compiled) > 1:  # (the alternation, then each pattern): see compile_ignore
        if compiled[0].search(text) is None:
            return []
        compiled = compiled[1:]
    spans = sorted(m.span() for rx in compiled for m in rx.finditer(text) if m.end() > m.start())
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out
