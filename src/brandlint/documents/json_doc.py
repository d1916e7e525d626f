"""JSON and JSONL documents: selected string values as segments with an exact source map.

Only string *values* are prose; object keys never are. Which values are linted is chosen with
JSONPath-like selectors (:func:`compile_selectors`) from the format options::

    [formats.json]
    prose = ["$.paths.*.*.description", "$..summary"]   # default: every string value
    markdown = ["$.info.description"]                    # values parsed as Markdown
    exclude = ["$.components.examples"]                  # never linted (whole subtree)

How it works (fast on large files): the stdlib C decoder parses the text; one regular
expression pass lists where every string token starts (keys and values, in source order, which
is the order of a depth-first walk of the decoded tree); a walk of the tree pairs each string
with its path and its start offset. Runs are built only for selected strings, by walking the
raw string between its backslashes, so escapes (``\\n``, ``\\u00e9``, surrogate pairs) map to
exactly the source characters they came from.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..limits import DEFAULTS, tame_json
from ..results import LIMIT_EXCEEDED
from .base import LINE_BREAK, Document, DocumentError, LineIndex, Run, Segment, SourceFile, compose_runs
from .json_select import Automaton, Selector, compile_selectors, escape_token, json_pointer, plan
from .markdown import markdown_segments
from .masks import compile_placeholders, value_masks

__all__ = ["JsonFormat", "Selector", "compile_selectors", "json_pointer"]

_BOM = b"\xef\xbb\xbf"
_STRING_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_JSON_SCOPES = ("json",)
_GC_PAUSE_CHARS = 1 << 20
_new_tuple = tuple.__new__  # Run(...) without the namedtuple constructor's Python frame
_SYNTAX_HINT = "fix the JSON syntax; no string value of this {what} is linted until it parses"


# --------------------------------------------------------------------------------------------
# Scanning


def _count_strings(node: Any) -> int:
    """Number of string tokens (keys and values) inside a decoded container."""
    n = 0
    t = type(node)
    if t is list:
        for v in node:
            tv = type(v)
            if tv is str:
                n += 1
            elif tv is dict or tv is list or tv is tuple:
                n += _count_strings(v)
    else:
        for _k, v in node.items() if t is dict else node:
            n += 1
            tv = type(v)
            if tv is str:
                n += 1
            elif tv is dict or tv is list or tv is tuple:
                n += _count_strings(v)
    return n


def _select(root: Any, auto: Automaton, starts: list[int]) -> list[tuple[int, str, int, str]] | None:
    """Pair every selected string value with (kind, pointer, raw start, value).

    ``starts[i]`` is the offset just after the opening quote of the i-th string token. Returns
    None when the tree holds fewer strings than the source (a duplicate key folded by dict).
    """
    out: list[tuple[int, str, int, str]] = []
    append = out.append
    trans, kinds, live, step = auto.trans, auto.kinds, auto.live, auto.step
    containers = (dict, list, tuple)

    def walk(node: Any, state: int, ptr: str, i: int) -> int:
        # The list and object branches below are deliberately unrolled (no shared helper, no
        # generator): this loop visits every JSON value, and a helper call would be paid per value.
        tr = trans[state]
        if type(node) is list:
            for key, v in enumerate(node):
                tv = type(v)
                if tv is str:
                    ns = tr.get(key)
                    if ns is None:
                        ns = step(state, key)
                    k = kinds[ns]
                    if k == 1 or k == 2:
                        append((k, f"{ptr}/{key}", starts[i], v))
                    i += 1
                elif tv in containers:
                    ns = tr.get(key)
                    if ns is None:
                        ns = step(state, key)
                    if live[ns]:
                        i = walk(v, ns, f"{ptr}/{key}", i)
                    else:
                        i += _count_strings(v)
        else:
            for key, v in node.items() if type(node) is dict else node:
                i += 1  # the key
                tv = type(v)
                if tv is str:
                    ns = tr.get(key)
                    if ns is None:
                        ns = step(state, key)
                    k = kinds[ns]
                    if k == 1 or k == 2:
                        append((k, f"{ptr}/{escape_token(key)}", starts[i], v))
                    i += 1
                elif tv in containers:
                    ns = tr.get(key)
                    if ns is None:
                        ns = step(state, key)
                    if live[ns]:
                        i = walk(v, ns, f"{ptr}/{escape_token(key)}", i)
                    else:
                        i += _count_strings(v)
        return i

    tr = type(root)
    if tr is str:
        if auto.kinds[auto.initial] in (1, 2):
            append((auto.kinds[auto.initial], "", starts[0], root))
        i = 1
    elif tr in containers:
        i = walk(root, auto.initial, "", 0) if auto.live[auto.initial] else _count_strings(root)
    else:
        i = 0
    return out if i == len(starts) else None


def _string_runs(s: str, a: int, value: str) -> tuple[Run, ...]:
    """Runs mapping ``value`` (decoded) to the raw JSON string starting at ``s[a]``."""
    n = len(value)
    j = s.find("\\", a, a + n)
    if j == -1:  # no escape: the raw text is the value
        return (Run(0, n, a, n),) if n else ()
    runs: list[Run] = []
    seg, pos = 0, a
    while True:
        if j == -1:
            rest = n - seg
            if rest:
                runs.append(Run(seg, rest, pos, rest))
            break
        if j > pos:
            runs.append(Run(seg, j - pos, pos, j - pos))
            seg += j - pos
        if s[j + 1] == "u":
            width = 6
            cp = int(s[j + 2 : j + 6], 16)
            if 0xD800 <= cp <= 0xDBFF and s.startswith("\\u", j + 6):
                try:
                    low = int(s[j + 8 : j + 12], 16)
                except ValueError:
                    low = 0
                if 0xDC00 <= low <= 0xDFFF:
                    width = 12
        else:
            width = 2
        runs.append(Run(seg, 1, j, width))
        seg += 1
        pos = j + width
        if seg >= n:
            break
        j = s.find("\\", pos, pos + (n - seg))
    return tuple(runs)


def _decode(text: str) -> tuple[Any, list[int]]:
    """Decode ``text``; return (tree, string starts). Raises JSONDecodeError/RecursionError."""
    root = json.loads(text)
    starts = [m.start() + 1 for m in _STRING_TOKEN.finditer(text)]
    return root, starts


def _markdown_segments(outer: Segment, options: Mapping[str, Any], index: LineIndex, directives: list) -> list[Segment]:
    kwargs: dict[str, Any] = {"front_matter": False}
    patterns = None
    if options:  # the Markdown format's own key is "ignore-patterns"
        patterns = options.get("ignore-patterns", options.get("ignore_patterns"))
    if patterns is not None:
        kwargs["ignore_patterns"] = (patterns,) if isinstance(patterns, str) else tuple(patterns)
    inner_segments, inner_directives = markdown_segments(outer.text, **kwargs)
    out = []
    for seg in inner_segments:
        out.append(
            Segment(
                text=seg.text,
                runs=compose_runs(seg.runs, outer),
                scopes=("json",) + tuple(seg.scopes),
                heading_level=seg.heading_level,
                inline=seg.inline,
                masked=seg.masked,
                pointer=outer.pointer,
            )
        )
    if inner_directives:
        line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(outer.text)]

        def file_line(md_line: int) -> int:
            li = max(0, min(md_line - 1, len(line_starts) - 1))
            return index.position(outer.source_start(line_starts[li])).line

        for d in inner_directives:
            try:
                line = file_line(d.line)
                end = file_line(d.end_line) if d.end_line else line
                directives.append(dataclasses.replace(d, line=line, end_line=end))
            except Exception:  # an unexpected directive shape: keep it as given
                directives.append(d)
    return out


def _parse_text(
    text: str, options: Mapping[str, Any], auto: Automaton, index: LineIndex, path: str, fmt: str, record: int | None
) -> Document:
    doc = Document(path=path, format=fmt, source=text, segments=[], index=index, record=record)
    what = "record" if fmt == "jsonl" else "file"
    if not text.strip(" \t\r\n"):
        return doc  # an empty file: nothing to lint
    limits = options.get("limits") or DEFAULTS
    text, over = tame_json(text, limits["nesting-depth"], limits["json-number-digits"])
    for offset, message in over:  # values over a limit are left out; the rest is linted
        doc.errors.append(DocumentError(message, offset=offset, rule_id=LIMIT_EXCEEDED))
    try:
        root, starts = _decode(text)
        selected = _select(root, auto, starts)
        if selected is None:  # duplicate keys: decode keeping every member, in order
            root = json.loads(text, object_pairs_hook=tuple)
            selected = _select(root, auto, starts)
            if selected is None:  # pragma: no cover - would be a bug in the scanner
                raise AssertionError("JSON string positions out of step")
    except json.JSONDecodeError as e:
        doc.errors.append(DocumentError(e.msg, offset=e.pos, hint=_SYNTAX_HINT.format(what=what)))
        return doc
    except ValueError as e:  # a number Python cannot convert: the limit above should catch it
        doc.errors.append(DocumentError(str(e).split(";")[0], offset=0, hint=f"this {what} is not linted"))
        return doc
    except RecursionError:
        doc.errors.append(
            DocumentError(
                "JSON nested too deeply to parse", offset=0, hint=f"flatten the JSON; this {what} is not linted"
            )
        )
        return doc
    segments = doc.segments
    find = text.find
    custom = options.get("ignore-patterns") if options else None
    if isinstance(custom, str):
        custom = [custom]
    placeholders = compile_placeholders(custom)
    for kind, pointer, a, value in selected:
        n = len(value)
        if not n:
            continue
        if find("\\", a, a + n) == -1:  # no escape (see _string_runs): one verbatim run
            runs: tuple[Run, ...] = (_new_tuple(Run, (0, n, a, n)),)
        else:
            runs = _string_runs(text, a, value)
        if kind == 1:
            masked = value_masks(value, placeholders, custom is not None)
            segments.append(Segment(text=value, runs=runs, scopes=_JSON_SCOPES, pointer=pointer, masked=masked))
        else:
            seg = Segment(text=value, runs=runs, scopes=_JSON_SCOPES, pointer=pointer)
            segments.extend(_markdown_segments(seg, options, index, doc.directives))
    return doc


# --------------------------------------------------------------------------------------------
# Formats


def _too_long(line: str, options: Mapping[str, Any]) -> DocumentError | None:
    """A JSONL record over ``[limits] line-length``: left out, the next records go on."""
    limit = (options.get("limits") or DEFAULTS)["line-length"]
    if len(line) <= limit:
        return None
    return DocumentError(
        f"record longer than {limit} characters ([limits] line-length): this record is not linted",
        offset=limit,
        rule_id=LIMIT_EXCEEDED,
    )


def _bom_bytes(source: SourceFile) -> int:
    if not source.bom:
        return 0
    enc = source.encoding.lower().replace("_", "-")
    return 3 if enc in ("utf-8", "utf8", "utf-8-sig") else 0


class JsonFormat:
    """A ``.json`` file: one document; selected string values become segments."""

    name = "json"
    extensions = (".json",)
    streaming = False

    def parse(self, source: SourceFile, options: Mapping[str, Any]) -> Iterator[Document]:
        auto = plan(options)
        index = LineIndex(source.text, byte_base=_bom_bytes(source))
        # A large file allocates a big tree and many segments: the cyclic GC would rescan the
        # growing heap again and again (half the time on 13 MB) while none of it is garbage.
        pause_gc = len(source.text) > _GC_PAUSE_CHARS and gc.isenabled()
        if pause_gc:
            gc.disable()
        try:
            doc = _parse_text(source.text, options, auto, index, source.path, self.name, None)
        finally:
            if pause_gc:
                gc.enable()
        yield doc
