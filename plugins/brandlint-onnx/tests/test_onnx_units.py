"""Units: sentence offsets, masking, sections and documents, through the shipped model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from onnx_support import SHIPPED_MODEL, sha256, write

from brandlint.config.settings import load_settings
from brandlint.documents.base import Segment
from brandlint.pipeline import lint_file
from brandlint_onnx.rule import ClassifierRule, prefetch
from brandlint_onnx.units import sentence_spans, units_for, visible_text


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Hello world. This is great! Really?  Yes\u2026 Done",
            ["Hello world.", "This is great!", "Really?", "Yes\u2026", "Done"],
        ),
        ('He said "Stop." Then left.', ['He said "Stop."', "Then left."]),
        (
            "Use a flag (e.g. --fast) here. Dr. Smith agrees. J. R. Smith too.",
            ["Use a flag (e.g. --fast) here.", "Dr. Smith agrees.", "J. R. Smith too."],
        ),
        ("Version 2.5 is out. see the notes.", ["Version 2.5 is out. see the notes."]),
        ("A soft\nline break. Next!", ["A soft\nline break.", "Next!"]),
        ("  padded.   ", ["padded."]),
        ("", []),
    ],
)
def test_sentence_spans_are_exact(text, expected):
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == expected


def test_masked_ranges_are_blanked_but_offsets_kept():
    seg = Segment("Run `make all` now.", ((0, 19, 0, 19),), masked=((4, 14),))
    text = visible_text(seg)
    assert text == "Run            now." and len(text) == len(seg.text)
    (u,) = units_for([seg], "paragraph")
    assert (u.start, u.end) == (0, 19)


def _project(tmp_path: Path, granularity: str, extra: str = "") -> Path:
    d = tmp_path / "rules" / "tone"
    write(
        d / "hype.toml",
        f'kind = "classifier"\nmodel = "{SHIPPED_MODEL.as_posix()}"\nsha256 = "{sha256(SHIPPED_MODEL)}"\n'
        f'flag = ["hype"]\nthreshold = 0.8\ngranularity = "{granularity}"\n' + extra,
    )
    write(tmp_path / "brandlint.toml", 'packs = ["rules/tone"]\n')
    return tmp_path / "brandlint.toml"


MD = """# Launch day

Get ready to supercharge your workflow! Our revolutionary, blazing-fast editor
will completely transform the way you write, and nothing on the market comes close.

## Installing

Install the package with pip, then run the setup command once per machine.
The configuration file is read from the current directory.
"""


def test_section_granularity_reports_on_the_heading(tmp_path):
    cfg = _project(tmp_path, "section")
    (f,) = lint_file(write(tmp_path / "post.md", MD), load_settings(cfg)).findings
    assert (f.span.start.line, f.span.start.column, f.span.end.line, f.span.end.column) == (1, 3, 1, 13)
    assert f.data["granularity"] == "section"


def test_document_granularity_reports_once(tmp_path):
    cfg = _project(tmp_path, "document")
    (f,) = lint_file(write(tmp_path / "post.md", MD), load_settings(cfg)).findings
    assert (f.span.start.line, f.span.start.column) == (1, 3)
    assert f.scope == "document"


def test_sentence_granularity_and_scope_filter(tmp_path):
    cfg = _project(tmp_path, "sentence")
    found = lint_file(write(tmp_path / "post.md", MD), load_settings(cfg)).findings
    assert [f.matched for f in found] == [
        "Get ready to supercharge your workflow!",
        "Our revolutionary, blazing-fast editor\nwill completely transform the way you write, and nothing on the market comes close.",
    ]
    assert (found[1].span.start.line, found[1].span.start.column) == (3, 41)
    cfg = _project(tmp_path / "h", "sentence", 'scope = ["heading"]\n')
    assert lint_file(write(tmp_path / "h" / "post.md", MD), load_settings(cfg)).findings == []


def test_batches_prefetch_and_cache(tmp_path):
    cfg = _project(tmp_path, "sentence")
    rule = load_settings(cfg).all_rules[0]
    assert isinstance(rule, ClassifierRule)
    texts = ["Short one.", MD, "Get ready to supercharge your workflow!", "Install the package with pip."] * 3
    rule.model.clear_cache()
    one = np.vstack([rule.model.predict([t], batch_size=1) for t in texts])
    rule.model.clear_cache()
    np.testing.assert_allclose(rule.model.predict(texts, batch_size=2), one, atol=1e-6)

    from brandlint.documents.base import SourceFile
    from brandlint.documents.text import TextFormat

    docs = [d for i in range(3) for d in TextFormat().parse(SourceFile(f"{i}.txt", MD + f"\n\nDoc {i} is here."), {})]
    rule.model.clear_cache()
    assert prefetch([rule], docs) == len(rule.units(docs[0])) * 3
    calls = []
    real = rule.model._run
    rule.model._run = lambda texts, labels: calls.append(texts) or real(texts, labels)
    try:
        from brandlint.rules.base import RuleContext

        for d in docs:
            list(rule.check(d, RuleContext()))
    finally:
        del rule.model._run
    assert calls == []  # every unit came from the prefetched cache
