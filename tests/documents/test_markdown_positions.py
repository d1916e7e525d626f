"""Exact positions of Markdown prose: every segment character maps back to its source."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brandlint.documents.base import Directive, Document, Segment, SourceFile
from brandlint.documents.markdown import DEFAULT_IGNORE_PATTERNS, MarkdownFormat, markdown_segments

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def parse(text: str, options: dict | None = None) -> Document:
    docs = list(MarkdownFormat().parse(SourceFile("t.md", text), options or {}))
    assert len(docs) == 1
    assert_exact_map(docs[0])
    return docs[0]


def texts(doc: Document) -> list[str]:
    return [s.text for s in doc.segments]


def span(doc: Document, seg: Segment, word: str, nth: int = 0) -> tuple[tuple[int, int], tuple[int, int]]:
    """((line, column), (line, column)) of the nth ``word`` in the segment text."""
    i = -1
    for _ in range(nth + 1):
        i = seg.text.index(word, i + 1)
    sp = doc.segment_span(seg, i, i + len(word))
    return (sp.start.line, sp.start.column), (sp.end.line, sp.end.column)


def src_of(doc: Document, seg: Segment, word: str, nth: int = 0) -> str:
    """The source text a word of the segment maps to."""
    i = -1
    for _ in range(nth + 1):
        i = seg.text.index(word, i + 1)
    s, e = seg.source_range(i, i + len(word))
    return doc.source[s:e]


def assert_exact_map(doc: Document) -> None:
    """Equal runs copy the source verbatim; unequal ones are an entity, an escape or a line break."""
    for seg in doc.segments:
        at = 0
        for r in seg.runs:
            assert r.seg_start == at
            at += r.seg_len
            raw = doc.source[r.src_start : r.src_start + r.src_len]
            piece = seg.text[r.seg_start : r.seg_start + r.seg_len]
            if r.seg_len == r.src_len:
                assert raw == piece, (raw, piece)
            else:
                assert raw.startswith(("&", "\\")) or raw in ("\r\n", "\n", "\r"), (raw, piece)
        assert at == len(seg.text)
        for s, e in seg.masked:
            assert 0 <= s < e <= len(seg.text)
        for s, e, _ in seg.inline:
            assert 0 <= s < e <= len(seg.text)


# ----------------------------------------------------------------------------- format API


def test_format_api_yields_one_document():
    fmt = MarkdownFormat()
    assert fmt.name == "markdown"
    assert fmt.extensions == (".md", ".markdown", ".mdown", ".mkd")
    docs = list(fmt.parse(SourceFile("a/b.md", "Hello *world*.\n"), {}))
    assert len(docs) == 1
    doc = docs[0]
    assert (doc.path, doc.format, doc.source) == ("a/b.md", "markdown", "Hello *world*.\n")
    assert texts(doc) == ["Hello world."]
    assert doc.index.position(6).column == 7
    assert DEFAULT_IGNORE_PATTERNS == (r"\{%.*?%\}", r"\{\{.*?\}\}", r"\{:[^}\n]*\}")


def test_markdown_segments_function():
    segs, dirs = markdown_segments("a\n\n<!-- brandlint-enable x -->\n")
    assert [s.text for s in segs] == ["a"]
    assert dirs == [Directive("enable", ("x",), "", 3, 3)]


# ----------------------------------------------------------------------------- inline


def test_nested_emphasis():
    doc = parse("***a** b*\n")
    (seg,) = doc.segments
    assert seg.text == "a b"
    assert seg.scopes == ("paragraph",)
    assert set(seg.inline) == {(0, 1, "strong"), (0, 3, "emphasis")}
    assert span(doc, seg, "a") == ((1, 4), (1, 5))
    assert span(doc, seg, "b") == ((1, 8), (1, 9))
    assert seg.inline_scopes_at(0, 1) == {"strong", "emphasis"}
    assert seg.inline_scopes_at(2, 3) == {"emphasis"}


def test_inline_link_text_only():
    doc = parse('See [the *docs*](http://x.com/p "Title here") now.\n')
    (seg,) = doc.segments
    assert seg.text == "See the docs now."
    assert (4, 12, "link") in seg.inline
    assert (8, 12, "emphasis") in seg.inline
    assert span(doc, seg, "the") == ((1, 6), (1, 9))
    assert span(doc, seg, "docs") == ((1, 11), (1, 15))
    assert span(doc, seg, "now.") == ((1, 47), (1, 51))
    assert "http" not in seg.text and "Title" not in seg.text


def test_reference_links_and_definitions():
    src = (
        "Read [the guide][g], [Guide][] and [guide] today.\n"
        "\n"
        "[g]: https://example.com/g\n"
        '[guide]: https://example.com/guide "Guide title"\n'
    )
    doc = parse(src)
    assert texts(doc) == ["Read the guide, Guide and guide today."]
    seg = doc.segments[0]
    assert [(s, e) for s, e, n in seg.inline if n == "link"] == [(5, 14), (16, 21), (26, 31)]
    assert span(doc, seg, "guide") == ((1, 11), (1, 16))
    assert span(doc, seg, "Guide") == ((1, 23), (1, 28))
    assert span(doc, seg, "guide", 1) == ((1, 37), (1, 42))
    assert span(doc, seg, "today") == ((1, 44), (1, 49))


def test_link_text_across_lines_and_in_list():
    doc = parse("- see [multi\n  line](u) text\n")
    (seg,) = doc.segments
    assert seg.text == "see multi\nline text"
    assert seg.scopes == ("list", "paragraph")
    assert (4, 14, "link") in seg.inline
    assert span(doc, seg, "line") == ((2, 3), (2, 7))
    assert span(doc, seg, "text") == ((2, 12), (2, 16))


def test_autolinks_and_bare_urls_are_masked():
    doc = parse("Go to <https://ex.com/a> or https://ex.com/b. Thanks\n")
    (seg,) = doc.segments
    assert seg.text == "Go to https://ex.com/a or https://ex.com/b. Thanks"
    i = seg.text.index("https://ex.com/a")
    assert (i, i + 16) in seg.masked
    assert (i, i + 16, "link") in seg.inline
    j = seg.text.index("https://ex.com/b")
    assert (j, j + 16) in seg.masked  # the full stop is prose
    assert span(doc, seg, "https://ex.com/a") == ((1, 8), (1, 24))
    assert span(doc, seg, "Thanks") == ((1, 47), (1, 53))
    assert not seg.is_masked(seg.text.index("Thanks"), len(seg.text))


def test_entities_map_to_the_whole_entity():
    doc = parse("AT&amp;T caf&#233; &copy; x\n")
    (seg,) = doc.segments
    assert seg.text == "AT&T café © x"
    assert span(doc, seg, "&") == ((1, 3), (1, 8))
    assert src_of(doc, seg, "AT&T") == "AT&amp;T"
    assert src_of(doc, seg, "café") == "caf&#233;"
    assert span(doc, seg, "é") == ((1, 13), (1, 19))
    assert src_of(doc, seg, "©") == "&copy;"
    assert span(doc, seg, "x") == ((1, 27), (1, 28))


def test_backslash_escapes():
    doc = parse(r"\*not emphasis\* and a\_b" + "\n")
    (seg,) = doc.segments
    assert seg.text == "*not emphasis* and a_b"
    assert seg.inline == ()
    assert span(doc, seg, "*") == ((1, 1), (1, 3))
    assert span(doc, seg, "not") == ((1, 3), (1, 6))
    assert span(doc, seg, "and") == ((1, 18), (1, 21))
    assert src_of(doc, seg, "a_b") == r"a\_b"


def test_inline_code_is_text_but_masked():
    doc = parse("Run `npm  install` now and `` a`b ``.\n")
    (seg,) = doc.segments
    assert seg.text == "Run npm  install now and a`b."
    assert seg.masked == ((4, 16), (25, 28))
    assert span(doc, seg, "npm") == ((1, 6), (1, 9))
    assert span(doc, seg, "now") == ((1, 20), (1, 23))
    assert span(doc, seg, "a`b") == ((1, 31), (1, 34))


def test_inline_html_is_masked_and_hard_breaks():
    doc = parse("one <b>two</b>  \nthree\\\nfour\n")
    (seg,) = doc.segments
    assert seg.text == "one <b>two</b>\nthree\nfour"
    assert seg.masked == ((4, 7), (10, 14))
    assert span(doc, seg, "two") == ((1, 8), (1, 11))
    assert span(doc, seg, "three") == ((2, 1), (2, 6))
    assert span(doc, seg, "four") == ((3, 1), (3, 5))


def test_strikethrough_scope():
    doc = parse("keep ~~gone~~ here\n")
    (seg,) = doc.segments
    assert seg.text == "keep gone here"
    assert (5, 9, "strikethrough") in seg.inline
    assert span(doc, seg, "gone") == ((1, 8), (1, 12))
    assert span(doc, seg, "here") == ((1, 15), (1, 19))


# ----------------------------------------------------------------------------- blocks


def test_headings_atx_and_setext():
    src = "# Title one ##\n\n### Third *level*\n\nSetext\ntwo lines\n=========\n\nSub\n---\n"
    doc = parse(src)
    assert [(s.text, s.scopes, s.heading_level) for s in doc.segments] == [
        ("Title one", ("heading",), 1),
        ("Third level", ("heading",), 3),
        ("Setext\ntwo lines", ("heading",), 1),
        ("Sub", ("heading",), 2),
    ]
    h1, h3, setext, sub = doc.segments
    assert span(doc, h1, "one") == ((1, 9), (1, 12))
    assert span(doc, h3, "level") == ((3, 12), (3, 17))
    assert span(doc, setext, "lines") == ((6, 5), (6, 10))
    assert span(doc, sub, "Sub") == ((9, 1), (9, 4))
    assert sub.has_scope("heading2") and not sub.has_scope("heading1")


def test_blockquote_with_list():
    src = "> Intro line\n> - first item\n>   continues\n> - second\n"
    doc = parse(src)
    assert [(s.text, s.scopes) for s in doc.segments] == [
        ("Intro line", ("blockquote", "paragraph")),
        ("first item\ncontinues", ("blockquote", "list", "paragraph")),
        ("second", ("blockquote", "list", "paragraph")),
    ]
    intro, first, second = doc.segments
    assert span(doc, intro, "line") == ((1, 9), (1, 13))
    assert span(doc, first, "item") == ((2, 11), (2, 15))
    assert span(doc, first, "continues") == ((3, 5), (3, 14))
    assert span(doc, second, "second") == ((4, 5), (4, 11))


def test_tight_and_loose_list_paragraphs_are_prose():
    doc = parse("1. one\n2. two\n\n   more\n")
    assert [(s.text, s.scopes) for s in doc.segments] == [
        ("one", ("list", "paragraph")),
        ("two", ("list", "paragraph")),
        ("more", ("list", "paragraph")),
    ]
    assert span(doc, doc.segments[2], "more") == ((4, 4), (4, 8))


def test_table_header_and_cells():
    src = "| Name | Notes |\n|------|-------|\n| `cfg` | use \\| pipe |\n|  x   |       |\n"
    doc = parse(src)
    assert [(s.text, s.scopes) for s in doc.segments] == [
        ("Name", ("table", "table-header")),
        ("Notes", ("table", "table-header")),
        ("cfg", ("table", "table-cell")),
        ("use | pipe", ("table", "table-cell")),
        ("x", ("table", "table-cell")),
    ]
    name, notes, cfg, pipe, x = doc.segments
    assert span(doc, name, "Name") == ((1, 3), (1, 7))
    assert span(doc, notes, "Notes") == ((1, 10), (1, 15))
    assert cfg.masked == ((0, 3),)
    assert span(doc, cfg, "cfg") == ((3, 4), (3, 7))
    assert span(doc, pipe, "pipe") == ((3, 18), (3, 22))
    assert src_of(doc, pipe, "|") == "|"
    assert span(doc, x, "x") == ((4, 4), (4, 5))


def test_code_blocks_are_not_prose():
    src = "Before code.\n\n```python\nleverage = 1\n```\n\n    indented leverage\n\nAfter code.\n"
    doc = parse(src)
    assert texts(doc) == ["Before code.", "After code."]
    assert span(doc, doc.segments[1], "code") == ((9, 7), (9, 11))


def test_html_blocks_and_comments_are_not_prose():
    src = "<div>\n<p>leverage</p>\n</div>\n\n<!-- a comment with leverage -->\n\nText.\n"
    doc = parse(src)
    assert texts(doc) == ["Text."]
    assert span(doc, doc.segments[0], "Text") == ((7, 1), (7, 5))


def test_crlf_file():
    src = "# Head\r\n\r\nFirst line\r\nsecond line  \r\nthird\r\n"
    doc = parse(src)
    head, para = doc.segments
    assert head.text == "Head"
    assert para.text == "First line\nsecond line\nthird"
    # each line break maps to the whole CRLF
    nl = para.text.index("\n")
    assert para.source_range(nl, nl + 1) == (20, 22)
    assert span(doc, para, "second") == ((4, 1), (4, 7))
    assert span(doc, para, "third") == ((5, 1), (5, 6))
    sp = doc.segment_span(para, para.text.index("third"), len(para.text))
    assert (sp.start.offset, sp.end.offset) == (37, 42)


def test_non_bmp_columns_are_code_points():
    doc = parse("😀 delve into 𝒳\n\n## Ünïcode 😀 delve\n")
    para, head = doc.segments
    assert para.text == "😀 delve into 𝒳"
    sp = doc.segment_span(para, para.text.index("delve"), para.text.index("delve") + 5)
    assert (sp.start.line, sp.start.column, sp.start.offset, sp.start.byte_offset) == (1, 3, 2, 5)
    assert (sp.end.column, sp.end.byte_offset) == (8, 10)
    assert span(doc, para, "𝒳") == ((1, 14), (1, 15))
    assert span(doc, head, "delve") == ((3, 14), (3, 19))
    sp = doc.segment_span(head, head.text.index("delve"), head.text.index("delve") + 5)
    # "😀 delve into 𝒳\n\n" = 21 bytes; "## Ünïcode 😀 " = 19 bytes
    assert sp.start.byte_offset == 21 + 19


def test_bom_removed_before_parse():
    raw = "\ufeff# Title\n\nBody text\n".encode("utf-8")
    text = raw.decode("utf-8-sig")
    doc = list(MarkdownFormat().parse(SourceFile("b.md", text, bom=True), {}))[0]
    assert [(s.text, s.scopes) for s in doc.segments] == [("Title", ("heading",)), ("Body text", ("paragraph",))]
    assert span(doc, doc.segments[1], "text") == ((3, 6), (3, 10))


def test_front_matter_is_skipped():
    yaml = "---\ntitle: Leverage\ntags: [a]\n---\n# Real\n\nBody.\n"
    doc = parse(yaml)
    assert texts(doc) == ["Real", "Body."]
    assert span(doc, doc.segments[0], "Real") == ((5, 3), (5, 7))
    toml = '+++\ntitle = "Leverage"\n+++\nBody line.\n'
    doc = parse(toml)
    assert texts(doc) == ["Body line."]
    assert span(doc, doc.segments[0], "line") == ((4, 6), (4, 10))
    # turned off: the YAML is Markdown (a rule and a setext heading)
    doc = parse("---\ntitle: x\n---\n", {"front-matter": False})
    assert [(s.text, s.heading_level) for s in doc.segments] == [("title: x", 2)]


def test_template_syntax_is_masked():
    src = (
        "Hello {{ user.name }}, see {% link 'a.md' %} here.\n\n## Heading {: #anchor }\n\n{% include 'partial.md' %}\n"
    )
    doc = parse(src)
    para, head, whole = doc.segments
    assert para.text == "Hello {{ user.name }}, see {% link 'a.md' %} here."
    assert para.masked == ((6, 21), (27, 44))
    assert not para.is_masked(0, 5) and not para.is_masked(46, 50)
    assert head.text == "Heading {: #anchor }"
    assert head.masked == ((8, 20),)
    assert whole.text == "{% include 'partial.md' %}"
    assert whole.masked == ((0, len(whole.text)),)
    # the patterns come from the options
    doc = parse(src, {"ignore-patterns": [r"\bsee\b"]})
    assert doc.segments[0].masked == ((23, 26),)
    doc = parse(src, {"ignore-patterns": []})
    assert doc.segments[0].masked == ()


def test_template_syntax_masked_even_when_markdown_eats_characters():
    doc = parse("Use {% img alt='*x*' %} today\n")
    (seg,) = doc.segments
    assert seg.text == "Use {% img alt='x' %} today"
    assert seg.masked == ((4, 21),)
    assert span(doc, seg, "today") == ((1, 25), (1, 30))


def test_image_alt_text_is_its_own_segment():
    doc = parse('Look: ![A *red* cat](cat.png "t") here.\n')
    main, alt = doc.segments
    assert main.text == "Look:  here."
    assert main.scopes == ("paragraph",)
    assert alt.text == "A red cat"
    assert alt.scopes == ("paragraph", "alt")
    assert (2, 5, "emphasis") in alt.inline
    assert span(doc, alt, "cat") == ((1, 17), (1, 20))
    assert span(doc, main, "here") == ((1, 35), (1, 39))


def test_footnotes():
    src = "Claim[^1] and more^[An *inline* note].\n\n[^1]: The footnote\n    continues here.\n"
    doc = parse(src)
    # in source order: the inline note sits inside the first paragraph
    assert [(s.text, s.scopes) for s in doc.segments] == [
        ("Claim and more.", ("paragraph",)),
        ("An inline note", ("footnote", "paragraph")),
        ("The footnote\ncontinues here.", ("footnote", "paragraph")),
    ]
    claim, inline_note, note = doc.segments
    assert span(doc, claim, "and") == ((1, 11), (1, 14))
    assert span(doc, claim, ".") == ((1, 38), (1, 39))
    assert span(doc, note, "footnote") == ((3, 11), (3, 19))
    assert span(doc, note, "here") == ((4, 15), (4, 19))
    assert span(doc, inline_note, "note") == ((1, 33), (1, 37))


def test_tab_indented_continuation_line():
    doc = parse("- item\n\tcont *x*\n")
    (seg,) = doc.segments
    assert seg.text == "item\ncont x"
    assert span(doc, seg, "cont") == ((2, 2), (2, 6))
    assert span(doc, seg, "x") == ((2, 8), (2, 9))


# ----------------------------------------------------------------------------- directives


def test_directives_all_kinds():
    src = (
        "<!-- brandlint-disable-file -->\n"  # 1
        "\n"
        "<!-- brandlint-disable acme/no-jargon, leverage -- quoted from a customer -->\n"  # 3
        "\n"
        "Text <!-- brandlint-enable leverage --> more.\n"  # 5
        "\n"
        "<!-- brandlint-disable-next-line passive-voice -- legal wording -->\n"  # 7
        "It was decided.\n"
        "\n"
        "<div>\n"  # 10
        "<!-- brandlint-disable a -->\n"
        "<p>x</p>\n"
        "<!-- brandlint-enable -->\n"  # 13
        "</div>\n"
        "\n"
        "<!--\n"  # 16
        "  brandlint-disable b,c -- spans\n"
        "  lines\n"
        "-->\n"  # 19
        "\n"
        "<!-- just a comment -->\n"
        "\n"
        "```\n"
        "<!-- brandlint-disable in-code -->\n"
        "```\n"
    )
    doc = parse(src)
    assert doc.directives == [
        Directive("disable-file", (), "", 1, 1),
        Directive("disable", ("acme/no-jargon", "leverage"), "quoted from a customer", 3, 3),
        Directive("enable", ("leverage",), "", 5, 5),
        Directive("disable-next-line", ("passive-voice",), "legal wording", 7, 7),
        Directive("disable", ("a",), "", 11, 11),
        Directive("enable", (), "", 13, 13),
        Directive("disable", ("b", "c"), "spans lines", 16, 19),
    ]
    assert texts(doc) == ["Text <!-- brandlint-enable leverage --> more.", "It was decided."]
    assert doc.segments[0].masked == ((5, 39),)


def test_inline_directive_spanning_lines_and_in_list():
    src = "- a <!-- brandlint-disable-next-line x,\n  y -- why -->\n  b\n"
    doc = parse(src)
    assert doc.directives == [Directive("disable-next-line", ("x", "y"), "why", 1, 2)]


def test_not_directives():
    doc = parse("<!-- brandlint-disabled x -->\n\n<!-- brandlint-disablex -->\n\n<!-- see brandlint-disable x -->\n")
    assert doc.directives == []


# ----------------------------------------------------------------------------- real files


def _corpus_files(limit: int) -> list[Path]:
    root = SHARED / "corpus" / "md_docs" / "GoogleChrome-developer.chrome.com"
    if not root.is_dir():
        return []
    out: list[Path] = []
    for dirpath, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith(".md"):
                out.append(Path(dirpath) / f)
        if len(out) >= limit:
            break
    return out[:limit]


def test_corpus_sample_maps_exactly():
    files = _corpus_files(60)
    if not files:
        pytest.skip("shared corpus not present")
    n = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        doc = parse(text)
        n += len(doc.segments)
    assert n > 100
