"""One RE2 set for the patterns of every rule: same findings as one search per rule and segment."""

from __future__ import annotations

from pathlib import Path

from brandlint.config.settings import load_settings
from brandlint.engine import Engine
from brandlint.patterns import PatternSet, compile_pattern
from brandlint.pipeline.lint_one import engine_for
from brandlint.pipeline.reading import decode


def test_pattern_set_reports_which_patterns_match():
    rxs = [
        compile_pattern(p, ic) for p, ic in [(r"\bfoo\b", False), (r"bar+", True), (r"caf\x{e9}", False), ("x*", False)]
    ]
    ps = PatternSet(rxs)
    assert ps.matching("a FOO and BARR") == {1, 3}
    assert ps.matching("foo café") == {0, 2, 3}
    assert ps.matching("") == {3}  # an empty match counts: the rule's own finditer decides


def test_pattern_sets_are_split_in_chunks():
    rxs = [compile_pattern(rf"\bw{i}\b") for i in range(150)]
    ps = PatternSet(rxs)
    assert ps.matching("w3 and w70 and w149 but not w1500") == {3, 70, 149}


def _slice(root: Path, step: int) -> list[Path]:
    return [p for i, p in enumerate(sorted(root.rglob("*.md"))) if i % step == step // 3]


def test_findings_identical_to_one_search_per_rule_on_corpus_slices(shared):
    root = Path(__file__).resolve().parents[1]
    files = _slice(shared / "corpus" / "md_docs", 60) + _slice(shared / "corpus" / "md_marketing", 15)
    packs = [str(root / "rules" / n) for n in ("ai-tells", "inclusive", "plain-language", "example-brand")]
    st = load_settings(
        None,
        overrides={"packs": packs},
        ignore=("*/passive-voice", "*/active-voice", "*/readability", "example-brand/ui-terms"),
    )
    fmt = st.registry.formats["markdown"]
    total = 0
    for p in files:
        eng = engine_for(st, p)
        assert eng.pattern_set is not None and eng.pattern_set.size > 10
        plain = Engine(eng.rules, eng.ctx, pattern_set=False)
        for doc in fmt.parse(decode(str(p), p.read_bytes()), st.format_options("markdown")):
            a = [f.to_dict() for f in eng.check(doc, st)]
            b = [f.to_dict() for f in plain.check(doc, st)]
            assert a == b, p
            total += len(a)
    assert total > 100
