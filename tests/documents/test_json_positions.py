"""Exact positions of JSON / JSONL string values: escapes, selectors, pointers, records, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brandlint.documents.base import Directive, Document, Run, Segment, SourceFile
from brandlint.documents.json_doc import JsonFormat, compile_selectors, json_pointer
from brandlint.documents.jsonl_doc import JsonlFormat
from brandlint.findings import Position, Span

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
HA = SHARED / "corpus" / "json_content" / "homeassistant_translations" / "homeassistant" / "components"


def parse_json(text: str, options: dict | None = None, *, bom: bool = False) -> Document:
    docs = list(JsonFormat().parse(SourceFile("t.json", text, bom=bom), options or {}))
    assert len(docs) == 1
    return docs[0]


def texts(doc: Document) -> list[str]:
    return [s.text for s in doc.segments]


def word_span(doc: Document, seg: Segment, word: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = seg.text.index(word, i + 1)
    return doc.segment_span(seg, i, i + len(word))


def P(line: int, column: int, offset: int, byte: int) -> Position:
    return Position(line=line, column=column, offset=offset, byte_offset=byte)


def resolve(root, pointer: str):
    if pointer == "":
        return root
    for tok in pointer[1:].split("/"):
        tok = tok.replace("~1", "/").replace("~0", "~")
        root = root[int(tok)] if isinstance(root, list) else root[tok]
    return root


def assert_exact_map(doc: Document) -> None:
    """Every run maps to exactly the source it came from (verbatim or one JSON escape)."""
    for seg in doc.segments:
        at = 0
        for r in seg.runs:
            assert r.seg_start == at
            at += r.seg_len
            raw = doc.source[r.src_start : r.src_start + r.src_len]
            piece = seg.text[r.seg_start : r.seg_start + r.seg_len]
            if r.seg_len == r.src_len:
                assert raw == piece
            else:
                assert json.loads(f'"{raw}"') == piece
        assert at == len(seg.text)


# --- escapes ------------------------------------------------------------------------------

ESCAPED = r'{"k": "one\ntwo \"three\" caf\u00e9 four \ud83d\ude00 five"}'


def test_escapes_decode_and_map_to_exact_source():
    doc = parse_json(ESCAPED)
    assert doc.format == "json" and doc.path == "t.json" and doc.errors == []
    (seg,) = doc.segments
    assert seg.text == 'one\ntwo "three" café four \U0001f600 five'
    assert seg.pointer == "/k"
    assert seg.scopes == ("json",)
    assert seg.runs == (
        Run(0, 3, 7, 3),
        Run(3, 1, 10, 2),  # one, \n
        Run(4, 4, 12, 4),
        Run(8, 1, 16, 2),  # "two ", \"
        Run(9, 5, 18, 5),
        Run(14, 1, 23, 2),  # three, \"
        Run(15, 4, 25, 4),
        Run(19, 1, 29, 6),  # " caf", \u00e9
        Run(20, 6, 35, 6),
        Run(26, 1, 41, 12),  # " four ", \ud83d\ude00
        Run(27, 5, 53, 5),  # " five"
    )
    # a word after \n
    assert word_span(doc, seg, "two") == Span(P(1, 13, 12, 12), P(1, 16, 15, 15))
    # a word after \" and the escaped quotes themselves
    assert word_span(doc, seg, "three") == Span(P(1, 19, 18, 18), P(1, 24, 23, 23))
    assert word_span(doc, seg, '"three"') == Span(P(1, 17, 16, 16), P(1, 26, 25, 25))
    # \u00e9: one character from six source characters
    assert word_span(doc, seg, "café") == Span(P(1, 27, 26, 26), P(1, 36, 35, 35))
    assert word_span(doc, seg, "é") == Span(P(1, 30, 29, 29), P(1, 36, 35, 35))
    # a surrogate pair: one character from twelve source characters
    assert word_span(doc, seg, "\U0001f600") == Span(P(1, 42, 41, 41), P(1, 54, 53, 53))
    assert word_span(doc, seg, "five") == Span(P(1, 55, 54, 54), P(1, 59, 58, 58))
    assert ESCAPED[54:58] == "five"


def test_backslash_slash_tab_escapes():
    src = r'{"a": "C:\\dir\/x\tend"}'
    doc = parse_json(src)
    (seg,) = doc.segments
    assert seg.text == "C:\\dir/x\tend"
    assert seg.runs == (
        Run(0, 2, 7, 2),
        Run(2, 1, 9, 2),
        Run(3, 3, 11, 3),
        Run(6, 1, 14, 2),
        Run(7, 1, 16, 1),
        Run(8, 1, 17, 2),
        Run(9, 3, 19, 3),
    )
    assert word_span(doc, seg, "end") == Span(P(1, 20, 19, 19), P(1, 23, 22, 22))
    assert word_span(doc, seg, "dir/x") == Span(P(1, 12, 11, 11), P(1, 18, 17, 17))
    assert_exact_map(doc)


def test_consecutive_escapes_and_lone_surrogate():
    src = r'["\n\n\u00e9\u00e9x", "\ud800 y"]'
    doc = parse_json(src)
    a, b = doc.segments
    assert a.text == "\n\néé" + "x" and a.pointer == "/0"
    assert a.runs == (Run(0, 1, 2, 2), Run(1, 1, 4, 2), Run(2, 1, 6, 6), Run(3, 1, 12, 6), Run(4, 1, 18, 1))
    assert b.text == "\ud800 y" and b.pointer == "/1"
    assert b.runs == (Run(0, 1, 23, 6), Run(1, 2, 29, 2))
    assert word_span(doc, b, "y") == Span(P(1, 31, 30, 30), P(1, 32, 31, 31))


def test_raw_non_ascii_bytes_differ_from_offsets():
    src = '{\n  "title": "naïve café ✓ done",\n  "n": 1\n}\n'
    doc = parse_json(src)
    (seg,) = doc.segments
    assert seg.pointer == "/title"
    assert word_span(doc, seg, "café") == Span(P(2, 19, 20, 21), P(2, 23, 24, 26))
    assert word_span(doc, seg, "✓") == Span(P(2, 24, 25, 27), P(2, 25, 26, 30))
    assert word_span(doc, seg, "done") == Span(P(2, 26, 27, 31), P(2, 30, 31, 35))


def test_bom_counts_in_byte_offsets_only():
    doc = parse_json('{"a": "hi there"}', bom=True)
    (seg,) = doc.segments
    assert word_span(doc, seg, "there") == Span(P(1, 11, 10, 13), P(1, 16, 15, 18))


def test_multiline_document_lines_and_crlf():
    src = '{\r\n  "a": {\r\n    "b": "hello world"\r\n  }\r\n}\r\n'
    doc = parse_json(src)
    (seg,) = doc.segments
    assert seg.pointer == "/a/b"
    assert word_span(doc, seg, "world") == Span(P(3, 17, 29, 29), P(3, 22, 34, 34))


# --- what is linted -----------------------------------------------------------------------


def test_keys_are_never_linted_and_non_strings_ignored():
    src = (
        '{"Key With Words": "value words", "n": 12, "t": true, "z": null, '
        '"nested": {"Another Key": ["item one", 3.5, {"deep key": "deep value"}]}, "e": ""}'
    )
    doc = parse_json(src)
    assert texts(doc) == ["value words", "item one", "deep value"]
    assert [s.pointer for s in doc.segments] == [
        "/Key With Words",
        "/nested/Another Key/0",
        "/nested/Another Key/2/deep key",
    ]
    assert_exact_map(doc)


def test_top_level_array_and_string():
    doc = parse_json('["first", {"x": "second"}]')
    assert texts(doc) == ["first", "second"]
    assert [s.pointer for s in doc.segments] == ["/0", "/1/x"]
    doc = parse_json('  "just text"\n')
    (seg,) = doc.segments
    assert seg.text == "just text" and seg.pointer == ""
    assert word_span(doc, seg, "text") == Span(P(1, 9, 8, 8), P(1, 13, 12, 12))
    assert parse_json("42").segments == []
    assert parse_json("").segments == [] and parse_json("").errors == []


SELECT = (
    '{"a": {"b": "AB", "c": "AC"}, "list": ["L0", "L1", {"b": "LB"}], '
    '"x.y": {"b": "XY", "it\'s": "Q"}, "d": {"e": {"b": "DEB"}}, "b": "B"}'
)


@pytest.mark.parametrize(
    "prose, expected",
    [
        (["$.a.b"], ["AB"]),
        (["$.a.*"], ["AB", "AC"]),
        (["$.*"], ["B"]),
        (["$.*.b"], ["AB", "XY"]),
        (["$.list[*]"], ["L0", "L1"]),
        (["$.list[1]"], ["L1"]),
        (["$.list[0, 2].b", "$.list[0]"], ["L0", "LB"]),
        (["$.list.*"], ["L0", "L1"]),
        (["$..b"], ["AB", "LB", "XY", "DEB", "B"]),
        (["$..e.b"], ["DEB"]),
        (["$['x.y'].b"], ["XY"]),
        (['$["x.y"]["b"]'], ["XY"]),
        (["$['x.y']['it\\'s']"], ["Q"]),
        (["$['a', 'd']..b"], ["AB", "DEB"]),
        (["$..[*]"], ["L0", "L1"]),
        (["$.a.b", "$.a.b", "$..c"], ["AB", "AC"]),
        ([], []),
    ],
)
def test_selectors(prose, expected):
    doc = parse_json(SELECT, {"prose": prose})
    assert texts(doc) == expected
    root = json.loads(SELECT)
    for seg in doc.segments:
        assert resolve(root, seg.pointer) == seg.text
    assert_exact_map(doc)


def test_default_selects_every_string_value_and_exclude_prunes_subtrees():
    doc = parse_json(SELECT)
    assert texts(doc) == ["AB", "AC", "L0", "L1", "LB", "XY", "Q", "DEB", "B"]
    doc = parse_json(SELECT, {"exclude": ["$.list", "$..c", "$['x.y'].b"]})
    assert texts(doc) == ["AB", "Q", "DEB", "B"]
    doc = parse_json(SELECT, {"prose": ["$..b"], "exclude": ["$.d"]})
    assert texts(doc) == ["AB", "LB", "XY", "B"]


def test_selector_api_and_errors():
    sel = compile_selectors(["$.paths.*.get.description", "$..summary", "$.tags[*].name"])
    assert sel.matches(("paths", "/repos", "get", "description"))
    assert not sel.matches(("paths", "/repos", "post", "description"))
    assert sel.matches(("a", 0, "b", "summary"))
    assert sel.matches(("tags", 3, "name"))
    assert not sel.matches(("tags", "3", "name"))  # [*] is array elements only
    assert compile_selectors(["$"]).matches(())
    assert not compile_selectors(["$..*"]).matches(())
    for bad in ["paths.x", "$.", "$..", "$[", "$['a'", "$[-1]", "$[x]", "$.a b]", "$['a', 0]"]:
        with pytest.raises(ValueError, match="JSON selector"):
            compile_selectors([bad])
    with pytest.raises(ValueError):
        parse_json("{}", {"prose": "$["})


def test_json_pointer_escaping():
    assert json_pointer(()) == ""
    assert json_pointer(("paths", "/repos/{owner}", "get", "description")) == "/paths/~1repos~1{owner}/get/description"
    assert json_pointer(("a~b", "c/d~1", 0, "")) == "/a~0b/c~1d~01/0/"
    doc = parse_json('{"paths": {"/repos": {"get": {"description": "List repos"}}}, "a~/b": ["x y"]}')
    assert [s.pointer for s in doc.segments] == ["/paths/~1repos/get/description", "/a~0~1b/0"]


def test_duplicate_keys_keep_every_value_in_order():
    src = '{"a": "first one", "a": "second one", "b": {"c": "x", "c": "third one"}}'
    doc = parse_json(src)
    assert texts(doc) == ["first one", "second one", "x", "third one"]
    assert [s.pointer for s in doc.segments] == ["/a", "/a", "/b/c", "/b/c"]
    assert word_span(doc, doc.segments[1], "one") == Span(P(1, 33, 32, 32), P(1, 36, 35, 35))
    assert_exact_map(doc)


# --- broken JSON ----------------------------------------------------------------------------


def test_broken_json_reports_exact_offset_without_raising():
    doc = parse_json('{"a": "x" "b": "y"}')
    assert doc.segments == []
    (err,) = doc.errors
    assert err.message == "Expecting ',' delimiter"
    assert err.offset == 10
    assert err.hint.startswith("fix the JSON syntax; ")
    assert doc.span(err.offset, err.offset).start == P(1, 11, 10, 10)


def test_broken_json_multiline_and_non_ascii():
    src = '{\n  "é": "ü",\n  "b": "unterminated\n}'
    doc = parse_json(src)
    (err,) = doc.errors
    assert err.message == "Invalid control character at"
    assert err.offset == 34
    assert doc.span(err.offset, err.offset).start == P(3, 21, 34, 36)
    doc = parse_json('{"a": "abc')
    assert (doc.errors[0].message, doc.errors[0].offset) == ("Unterminated string starting at", 6)
    doc = parse_json('{"a": 1}\n{"b": 2}')
    assert (doc.errors[0].message, doc.errors[0].offset) == ("Extra data", 9)
    doc = parse_json('{\n  "a": 1,\n}')  # message differs across Python versions
    try:
        json.loads('{\n  "a": 1,\n}')
    except json.JSONDecodeError as e:
        assert (doc.errors[0].message, doc.errors[0].offset) == (e.msg, e.pos)


def test_deep_nesting_is_an_error_not_a_crash():
    doc = parse_json("[" * 100_000 + "]" * 100_000)
    assert doc.segments == [] and len(doc.errors) == 1


# --- markdown values ----------------------------------------------------------------------


def _fake_markdown(monkeypatch):
    """A stand-in Markdown parser: one segment per non-blank line, '# ' makes a heading."""

    def markdown_segments(text, *, ignore_patterns=(), front_matter=False):
        segs, pos = [], 0
        for line in text.split("\n"):
            if line.startswith("# "):
                segs.append(
                    Segment(line[2:], (Run(0, len(line) - 2, pos + 2, len(line) - 2),), ("heading",), heading_level=1)
                )
            elif line.startswith("<!--"):
                pass
            elif line:
                segs.append(Segment(line, (Run(0, len(line), pos, len(line)),), ("paragraph",), masked=((0, 1),)))
            pos += len(line) + 1
        directives = [Directive("disable", ("x",), "why", line=2, end_line=2)] if "<!--" in text else []
        return segs, directives

    monkeypatch.setattr("brandlint.documents.json_doc.markdown_segments", markdown_segments)


def test_markdown_values_compose_runs_with_fake_parser(monkeypatch):
    _fake_markdown(monkeypatch)
    src = '{\n  "t": "plain text",\n  "d": "# Caf\\u00e9 title\\n<!-- off -->\\nSay \\"hi\\" now"\n}'
    doc = parse_json(src, {"prose": ["$.t"], "markdown": ["$.d"]})
    plain, head, para = doc.segments
    assert plain.text == "plain text" and plain.scopes == ("json",)
    assert head.text == "Café title" and head.scopes == ("json", "heading")
    assert head.heading_level == 1 and head.pointer == "/d"
    assert para.text == 'Say "hi" now' and para.scopes == ("json", "paragraph")
    assert para.pointer == "/d" and para.masked == ((0, 1),)
    assert word_span(doc, head, "Café") == Span(P(3, 11, 33, 33), P(3, 20, 42, 42))
    assert word_span(doc, head, "title") == Span(P(3, 21, 43, 43), P(3, 26, 48, 48))
    assert word_span(doc, para, "hi") == Span(P(3, 48, 70, 70), P(3, 50, 72, 72))
    assert word_span(doc, para, '"hi"') == Span(P(3, 46, 68, 68), P(3, 52, 74, 74))
    assert word_span(doc, para, "now") == Span(P(3, 53, 75, 75), P(3, 56, 78, 78))
    # directive lines inside the string are mapped to file lines
    assert doc.directives == [Directive("disable", ("x",), "why", line=3, end_line=3)]
    # markdown wins over prose, exclude wins over both
    doc = parse_json(src, {"markdown": ["$.d"]})
    assert texts(doc) == ["plain text", "Café title", 'Say "hi" now']
    doc = parse_json(src, {"markdown": ["$.d"], "exclude": ["$.d"]})
    assert texts(doc) == ["plain text"]


def test_markdown_values_with_real_parser():
    pytest.importorskip(
        "brandlint.documents.markdown", reason="brandlint.documents.markdown (Markdown parser) not written yet"
    )
    src = (
        '{"info": {"description": "# API\\n\\nUse **bold** caf\\u00e9 and a '
        '[link](https://x.y).\\n\\n- item \\"one\\"\\n"}}'
    )
    doc = parse_json(src, {"prose": [], "markdown": ["$.info.description"]})
    assert doc.errors == []
    assert doc.segments
    for seg in doc.segments:
        assert seg.scopes[0] == "json" and len(seg.scopes) >= 2
        assert seg.pointer == "/info/description"
    joined = "\n".join(texts(doc))
    for word in ["API", "bold", "café", "link", "one"]:
        assert word in joined
    by_word = {}
    for seg in doc.segments:
        for word in ["API", "bold", "café", "link", "one"]:
            if word in seg.text:
                by_word[word] = (seg, word_span(doc, seg, word))
    assert doc.source[by_word["API"][1].start.offset : by_word["API"][1].end.offset] == "API"
    assert doc.source[by_word["bold"][1].start.offset : by_word["bold"][1].end.offset] == "bold"
    assert doc.source[by_word["café"][1].start.offset : by_word["café"][1].end.offset] == "caf\\u00e9"
    assert doc.source[by_word["link"][1].start.offset : by_word["link"][1].end.offset] == "link"
    assert doc.source[by_word["one"][1].start.offset : by_word["one"][1].end.offset] == "one"


# --- JSONL ----------------------------------------------------------------------------------

JSONL_BYTES = (
    b'\xef\xbb\xbf{"output": "Hello w\xc3\xb6rld"}\r\n'
    b"\r\n"
    b'{"output": "broken" "x": 1}\n'
    b'{"output": "bad \xff byte"}\n'
    b'{"instruction": "Say hi", "output": "Caf\\u00e9 time"}\n'
    b'{"output": "last line"}'
)


def _check_jsonl_records(docs: list[Document], *, invalid_utf8: bool) -> None:
    assert [d.record for d in docs] == [0, 1, 2, 3, 4]
    assert all(d.format == "jsonl" for d in docs)
    d0, d1, d2, d3, d4 = docs
    assert d0.source == '{"output": "Hello wörld"}'
    assert (d0.index.line_base, d0.index.offset_base, d0.index.byte_base) == (0, 0, 3)
    (s,) = d0.segments
    assert s.pointer == "/output"
    assert word_span(d0, s, "Hello") == Span(P(1, 13, 12, 15), P(1, 18, 17, 20))
    assert word_span(d0, s, "wörld") == Span(P(1, 19, 18, 21), P(1, 24, 23, 27))
    # a broken record in the middle: an error document at the exact position
    assert (d1.index.line_base, d1.index.offset_base, d1.index.byte_base) == (2, 29, 33)
    assert d1.segments == []
    (err,) = d1.errors
    assert (err.message, err.offset) == ("Expecting ',' delimiter", 20)
    assert d1.span(err.offset, err.offset).start == P(3, 21, 49, 53)
    if invalid_utf8:
        (err,) = d2.errors
        assert err.message == "invalid UTF-8 byte 0xff" and err.offset == 16
        assert d2.span(err.offset, err.offset).start == P(4, 17, 73, 77)
        assert d2.segments == []
    # the records after it still parse, positions exact
    assert (d3.index.line_base, d3.index.offset_base, d3.index.byte_base) == (4, 82, 86)
    (s,) = d3.segments  # prose = $.output: the instruction is not linted
    assert s.text == "Café time"
    assert word_span(d3, s, "Café") == Span(P(5, 38, 119, 123), P(5, 47, 128, 132))
    assert word_span(d3, s, "time") == Span(P(5, 48, 129, 133), P(5, 52, 133, 137))
    assert d4.source == '{"output": "last line"}'  # no final line break
    assert word_span(d4, d4.segments[0], "line") == Span(P(6, 18, 153, 157), P(6, 22, 157, 161))


def test_jsonl_parse_path_streams_records(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_bytes(JSONL_BYTES)
    docs = list(JsonlFormat().parse_path(str(path), {"prose": ["$.output"]}))
    assert all(d.path == str(path) for d in docs)
    _check_jsonl_records(docs, invalid_utf8=True)


def test_jsonl_parse_source_matches_parse_path(tmp_path):
    data = JSONL_BYTES.replace(b"\xff", b"?")
    path = tmp_path / "data.ndjson"
    path.write_bytes(data)
    text = data[3:].decode("utf-8")
    from_source = list(JsonlFormat().parse(SourceFile("data.ndjson", text, bom=True), {"prose": ["$.output"]}))
    from_path = list(JsonlFormat().parse_path(str(path), {"prose": ["$.output"]}))
    _check_jsonl_records(from_source, invalid_utf8=False)
    _check_jsonl_records(from_path, invalid_utf8=False)
    for a, b in zip(from_source, from_path):
        assert a.source == b.source and a.record == b.record
        assert [(s.text, s.runs, s.pointer) for s in a.segments] == [(s.text, s.runs, s.pointer) for s in b.segments]
        assert [(e.message, e.offset) for e in a.errors] == [(e.message, e.offset) for e in b.errors]
        assert (a.index.line_base, a.index.offset_base, a.index.byte_base) == (
            b.index.line_base,
            b.index.offset_base,
            b.index.byte_base,
        )
    assert texts(from_source[2]) == ["bad ? byte"]


def test_jsonl_lone_cr_and_blank_lines_keep_line_numbers(tmp_path):
    data = b'{"a":\r"x y"}\n   \n\n{"a": "z w"}\n'
    path = tmp_path / "cr.jsonl"
    path.write_bytes(data)
    for docs in (
        list(JsonlFormat().parse_path(str(path), {})),
        list(JsonlFormat().parse(SourceFile("cr.jsonl", data.decode()), {})),
    ):
        a, b = docs
        assert word_span(a, a.segments[0], "y") == Span(P(2, 4, 9, 9), P(2, 5, 10, 10))
        assert (b.record, b.index.line_base, b.index.offset_base) == (1, 4, 18)
        assert word_span(b, b.segments[0], "w") == Span(P(5, 10, 27, 27), P(5, 11, 28, 28))


# --- realistic ------------------------------------------------------------------------------


def test_homeassistant_translations_slice():
    if not HA.is_dir():
        pytest.skip(f"shared corpus not available at {HA}")
    p = HA / "abode" / "translations" / "en.json"
    text = p.read_text(encoding="utf-8")
    doc = parse_json(text, {"prose": ["$.services.*.description", "$.services.*.fields.*.description"]})
    assert doc.errors == []
    first = doc.segments[0]
    assert first.pointer == "/services/capture_image/description"
    assert first.text == "Requests a new image capture from a camera device."
    assert doc.segment_span(first, 0, len(first.text)) == Span(P(36, 29, 1071, 1071), P(36, 79, 1121, 1121))
    assert word_span(doc, first, "camera") == Span(P(36, 65, 1107, 1107), P(36, 71, 1113, 1113))
    # a slice of real files: every segment maps back exactly and its pointer resolves
    files = sorted(HA.glob("*/translations/en.json"))[:60] + [
        HA / "automation" / "translations" / "en.json",
        HA / "airgradient" / "translations" / "en.json",
    ]
    escapes = 0
    for f in files:
        if not f.is_file():
            continue
        text = f.read_text(encoding="utf-8")
        doc = parse_json(text)
        assert doc.errors == []
        root = json.loads(text)
        for seg in doc.segments:
            assert resolve(root, seg.pointer) == seg.text
            escapes += sum(r.seg_len != r.src_len for r in seg.runs)
        assert_exact_map(doc)
    assert escapes > 0
    auto = HA / "automation" / "translations" / "en.json"
    doc = parse_json(auto.read_text(encoding="utf-8"), {"prose": ["$.issues.*.description"]})
    seg = next(s for s in doc.segments if s.text.startswith('The automation "{name}" ('))
    span = word_span(doc, seg, "To fix this error")
    assert doc.source[span.start.offset : span.end.offset] == "To fix this error"
    assert doc.source[span.start.offset - 4 : span.start.offset] == "\\n\\n"
    assert span.start.line == 50
