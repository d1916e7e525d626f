"""Incremental linting for the editor: cached per segment, identical to a full lint."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from _lsp_helpers import make_workspace

from brandlint.config.settings import find_config, load_settings
from brandlint.lsp.linting import CachedRule, DocumentLinter, is_segment_local
from brandlint.pipeline import lint_file
from brandlint.rules.base import Rule

PASSIVE = """kind = "passive-voice"
severity = "info"
message = "'{match}' is passive voice."
"""
PATTERN = """kind = "existence"
severity = "warning"
message = "'{match}' is vague."
patterns = ['\\bvery \\w+']
"""

DOC = """# Release notes 😀

The report was written by the team and we leverage it.

- The API is very fast 🎉.
- We delve into details.

| col | text |
|-----|------|
| a   | we leverage |

Final paragraph: the bug was fixed.
"""


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    root = make_workspace(tmp_path_factory.mktemp("lint"))
    (root / "brand" / "passive.toml").write_text(PASSIVE, encoding="utf-8")
    (root / "brand" / "vague.toml").write_text(PATTERN, encoding="utf-8")
    return root


def full(path: Path, text: str, settings) -> list[dict]:
    r = lint_file(path, settings, content=text.encode("utf-8"), display_path=str(path))
    return [f.to_dict() for f in r.findings]


def test_segment_locality_of_kinds():
    class PerSegment(Rule):
        kind = "t-seg"

    class WholeDoc(Rule):
        kind = "t-doc"

        def check(self, doc, ctx):
            return iter(())

    class Declared(WholeDoc):
        kind = "t-declared"
        segment_local = True

    meta = None
    assert is_segment_local(PerSegment(meta, {}))
    assert not is_segment_local(WholeDoc(meta, {}))
    assert is_segment_local(Declared(meta, {}))


def test_incremental_matches_full_lint_and_reuses_unchanged_segments(ws: Path):
    path = ws / "notes.md"
    settings = load_settings(find_config(path), cwd=ws)
    linter = DocumentLinter()
    first = linter.lint(path, DOC, settings)
    assert [f.to_dict() for f in first.findings] == full(path, DOC, settings)
    assert [(f.rule_id, f.span.start.line, f.span.start.column, f.span.end.column) for f in first.findings] == [
        ("brand/passive", 3, 12, 23),
        ("brand/leverage", 3, 43, 51),
        ("brand/vague", 5, 14, 23),
        ("brand/delve", 6, 6, 11),
        ("brand/leverage", 10, 12, 20),
        ("brand/passive", 12, 26, 35),
    ]
    engine = linter.engine_for(settings, path)
    cached = [r for r in engine.rules if isinstance(r, CachedRule)]
    assert sorted(r.id for r in cached) == ["brand/delve", "brand/leverage", "brand/passive", "brand/vague"]
    # parsed once each: only the segments that may hold a passive (a form of be/get: the two
    # paragraphs and "The API is very fast"); the heading, the other item and the cells are not
    assert linter.stats.parse_misses == 3

    # change the first paragraph (one more line, and an emoji): everything after it moves
    edited = DOC.replace("The report was written", "A 🎉 new line.\nThe report was written")
    before = linter.stats.misses, linter.stats.parse_misses
    second = linter.lint(path, edited, settings)
    assert [f.to_dict() for f in second.findings] == full(path, edited, settings)
    assert linter.stats.misses - before[0] == 4  # one segment per cached rule
    assert linter.stats.parse_misses - before[1] == 1  # only the edited paragraph was parsed again
    last = second.findings[-1]
    assert (last.rule_id, last.span.start.line, last.span.start.column) == ("brand/passive", 13, 26)


def test_fixes_shift_with_their_segment(ws: Path):
    path = ws / "shift.md"
    settings = load_settings(find_config(path), cwd=ws)
    linter = DocumentLinter()
    text = "Intro.\n\nWe leverage it.\n"
    linter.lint(path, text, settings)
    moved = "Intro 😀 with more words.\n\nWe leverage it.\n"
    [f] = [f for f in linter.lint(path, moved, settings).findings if f.rule_id == "brand/leverage"]
    s = moved.index("leverage")
    assert (f.span.start.offset, f.span.end.offset) == (s, s + 8)
    assert [(e.start, e.end, e.replacement) for e in f.fix.edits] == [(s, s + 8, "use")]
    assert f.line_text == "We leverage it."


def test_corpus_edits_match_full_lint(shared: Path, ws: Path):
    files = sorted((shared / "corpus" / "md_marketing").rglob("index.md"))[:4]
    assert files
    settings = load_settings(find_config(ws / "x.md"), cwd=ws)
    linter = DocumentLinter()
    rnd = random.Random(7)
    for f in files:
        text = f.read_text("utf-8")
        path = ws / "corpus.md"
        for _ in range(3):
            at = rnd.randrange(len(text))
            text = (
                text[:at]
                + rnd.choice([" we leverage 😀 it ", "\n\nThe file was deleted.\n\n", "delve", ""])
                + text[at + 5 :]
            )
            assert [x.to_dict() for x in linter.lint(path, text, settings).findings] == full(path, text, settings)
    assert linter.stats.hits > linter.stats.misses
