"""Code-action edits computed from real lint results: "fix all" and the disable comment."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("lsprotocol", reason="the language server needs pygls 2.x (pip install 'brandlint[lsp]')")

from _lsp_helpers import apply_text_edits, make_workspace  # noqa: E402

from brandlint.config.settings import find_config, load_settings  # noqa: E402
from brandlint.findings import Edit, Fix  # noqa: E402
from brandlint.lsp.actions import Snapshot, apply, disable_line_edit, fix_all_edits, minimal_edit  # noqa: E402
from brandlint.lsp.linting import DocumentLinter  # noqa: E402


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("actions"))


def snapshot(ws: Path, text: str) -> Snapshot:
    path = ws / "doc.md"
    settings = load_settings(find_config(path), cwd=ws)
    r = DocumentLinter().lint(path, text, settings)
    snap = Snapshot(uri=path.as_uri(), version=1, text=text, format=r.format, shift=1 if r.bom else 0)
    snap.findings = [f for f in r.findings if f.suppression is None]
    snap.segments = [(s + snap.shift, e + snap.shift, sc) for s, e, sc in r.segments]
    return snap


def disabled(ws: Path, text: str, which: int = 0) -> str | None:
    snap = snapshot(ws, text)
    edit = disable_line_edit(snap, snap.findings[which])
    return None if edit is None else apply_text_edits(text, [edit])


def test_disable_comment_placement(ws: Path):
    # first line of the file and after a blank line: a comment line above, same indentation
    assert disabled(ws, "We delve.\n") == "<!-- brandlint-disable-next-line brand/delve -->\nWe delve.\n"
    assert (
        disabled(ws, "- a\n\n  We delve.\n")
        == "- a\n\n  <!-- brandlint-disable-next-line brand/delve -->\n  We delve.\n"
    )
    # a tight list: the comment joins the previous item's text, so the list stays one list
    assert disabled(ws, "- one\n- we delve\n") == "- one <!-- brandlint-disable-next-line brand/delve -->\n- we delve\n"
    # after a heading line: a line of its own (the paragraph starts a new block anyway)
    assert (
        disabled(ws, "# Title\nWe delve.\n") == "# Title\n<!-- brandlint-disable-next-line brand/delve -->\nWe delve.\n"
    )
    # a backslash hard break stays at the end of the line
    assert (
        disabled(ws, "Line one\\\nwe delve\n")
        == "Line one <!-- brandlint-disable-next-line brand/delve -->\\\nwe delve\n"
    )
    # an existing comment for another rule gets this rule added
    text = "<!-- brandlint-disable-next-line brand/leverage -- legal wording -->\nWe delve and leverage.\n"
    snap = snapshot(ws, text)
    assert [f.rule_id for f in snap.findings] == ["brand/delve"]
    assert apply_text_edits(text, [disable_line_edit(snap, snap.findings[0])]) == (
        "<!-- brandlint-disable-next-line brand/leverage brand/delve -- legal wording -->\nWe delve and leverage.\n"
    )
    # CRLF files get a CRLF line
    assert disabled(ws, "We delve.\r\n") == "<!-- brandlint-disable-next-line brand/delve -->\r\nWe delve.\r\n"
    # table cells: no action (a comment line would end the table)
    assert disabled(ws, "| a |\n|---|\n| we delve |\n") is None


def test_disabled_text_really_suppresses(ws: Path):
    for text in ("- one\n- we delve\n", "Line one\\\nwe delve\n", "# Title\nWe delve.\n"):
        assert snapshot(ws, disabled(ws, text)).findings == []


def test_fix_all_skips_overlaps_and_duplicates():
    text = "abcdef"
    fixes = [
        Fix((Edit(0, 2, "X"),)),
        Fix((Edit(1, 3, "Y"),)),
        Fix((Edit(0, 2, "X"),)),
        Fix((Edit(4, 4, "+"),)),
        Fix((Edit(5, 6, "F"),)),
    ]
    edits = fix_all_edits(text, fixes)
    assert apply(text, edits) == "Xcd+eF"
    assert sorted((e.start, e.end, e.replacement) for e in edits) == [(0, 2, "X"), (4, 4, "+"), (5, 6, "F")]


def test_minimal_edit():
    assert minimal_edit("hello world", "hello there world") == Edit(6, 6, "there ")
    assert minimal_edit("aaa", "aaa") == Edit(3, 3, "")
    assert apply("x😀y", [minimal_edit("x😀y", "x🎉y")]) == "x🎉y"
