"""brandlint.fixing: edit application, the fixpoint, atomic writes and diffs (real rules, real files)."""

from __future__ import annotations

import json
import os
import stat
import textwrap
from pathlib import Path

import pytest
from support import write

from brandlint.config.settings import load_settings
from brandlint.findings import Applicability, Edit, Fix
from brandlint.fixing import (
    FileChangedError,
    SourceInfo,
    apply_edits,
    atomic_write,
    fix_file,
    fix_text,
    read_source,
    unified_diff,
)

SWAPS = {
    # pack "house": rule files (the rule id is "house/<stem>")
    "email.toml": """kind = "substitution"\nmessage = "Write '{preferred}', not '{match}'."\n[swap]\n"e-mail" = "email"\n"web site" = "website"\n""",
    "product.toml": """kind = "substitution"\nseverity = "error"\nmessage = "Write '{preferred}'."\npreserve-case = false\n[swap]\n"acme cloud" = "Acme Cloud"\n""",
    "banned.toml": """kind = "existence"\nmessage = "Avoid '{match}'."\ntokens = ["synergy"]\n""",
}


def project(tmp_path: Path, rules: dict[str, str] | None = None, extra: str = "") -> Path:
    for name, body in (rules if rules is not None else SWAPS).items():
        write(tmp_path / "rules" / "house" / name, body)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\nfail-on = "warning"\n' + extra)
    return tmp_path


def settings_of(root: Path):
    return load_settings(root / "brandlint.toml", cwd=root)


# ---------------------------------------------------------------------------------------------
# apply_edits


def test_apply_edits_in_start_order_and_keeps_everything_else():
    text = "0123456789"
    fixes = [Fix((Edit(6, 8, "X"),)), Fix((Edit(1, 2, "ab"),)), Fix((Edit(9, 9, "!"),))]
    new, applied, skipped = apply_edits(text, fixes)
    assert new == "0ab2345X8!9"
    assert applied == [fixes[1], fixes[0], fixes[2]]  # deterministic: by start offset
    assert skipped == []


def test_apply_edits_overlap_first_start_wins_later_waits():
    text = "web site map"
    a = Fix((Edit(0, 8, "website"),))
    b = Fix((Edit(4, 12, "sitemap"),))
    for order in ([a, b], [b, a]):
        new, applied, skipped = apply_edits(text, order)
        assert new == "website map"
        assert applied == [a] and skipped == [b]


def test_apply_edits_same_start_is_a_conflict_and_input_order_breaks_ties():
    text = "abc"
    ins1, ins2 = Fix((Edit(1, 1, "X"),)), Fix((Edit(1, 1, "Y"),))
    new, applied, skipped = apply_edits(text, [ins1, ins2])
    assert (new, applied, skipped) == ("aXbc", [ins1], [ins2])
    rep = Fix((Edit(1, 2, "B"),))
    new, applied, skipped = apply_edits(text, [rep, ins1])
    assert (new, applied, skipped) == ("aBc", [rep], [ins1])
    # touching ranges do not conflict: [0,1) and [1,2)
    t1, t2 = Fix((Edit(0, 1, "A"),)), Fix((Edit(1, 2, "B"),))
    assert apply_edits(text, [t2, t1]) == ("ABc", [t1, t2], [])


def test_apply_edits_multi_edit_fix_is_atomic():
    text = "one two three"
    both = Fix((Edit(8, 13, "3"), Edit(0, 3, "1")))  # edits given out of order
    clash = Fix((Edit(4, 7, "2"), Edit(9, 10, "x")))  # second edit overlaps `both`
    new, applied, skipped = apply_edits(text, [both, clash])
    assert new == "1 two 3"
    assert applied == [both] and skipped == [clash]


def test_apply_edits_duplicates_noops_and_invalid():
    text = "e-mail"
    f1 = Fix((Edit(0, 6, "email"),))
    f2 = Fix((Edit(0, 6, "email"),), Applicability.SAFE, "same change from another rule")
    noop = Fix((Edit(0, 1, "e"),))
    out_of_range = Fix((Edit(3, 99, "x"),))
    self_overlap = Fix((Edit(0, 3, "a"), Edit(2, 4, "b")))
    new, applied, skipped = apply_edits(text, [f1, f2, noop, out_of_range, self_overlap])
    assert new == "email"
    assert applied == [f1, f2]  # an identical fix counts as applied, not as a conflict
    assert skipped == [out_of_range, self_overlap]  # the no-op is in neither list


def test_apply_edits_code_point_offsets_with_astral_characters():
    text = "😀 e-mail é"  # the emoji is one code point (two UTF-16 units, four bytes)
    new, _, _ = apply_edits(text, [Fix((Edit(2, 8, "email"),))])
    assert new == "😀 email é"


def test_apply_edits_findings_sorted_by_rule_id_at_equal_start(tmp_path):
    root = project(
        tmp_path,
        {
            "b-rule.toml": 'kind = "substitution"\nmessage = "m"\n[swap]\n"acme" = "BBB"\n',
            "a-rule.toml": 'kind = "substitution"\nmessage = "m"\n[swap]\n"acme cloud" = "AAA"\n',
        },
    )
    res = fix_text(root / "x.md", "Try acme cloud.\n", settings_of(root), max_passes=1)
    assert res.text == "Try AAA.\n"  # house/a-rule sorts before house/b-rule
    assert [f.rule_id for f in res.applied] == ["house/a-rule"]


# ---------------------------------------------------------------------------------------------
# fixpoint


CHAIN = {
    "a.toml": 'kind = "substitution"\nmessage = "m"\n[swap]\n"utilise" = "utilize"\n',
    "b.toml": 'kind = "substitution"\nmessage = "m"\n[swap]\n"utilize" = "use"\n',
}


def test_fixpoint_applies_until_stable_and_is_bounded(tmp_path):
    root = project(tmp_path, CHAIN)
    st = settings_of(root)
    res = fix_text(root / "x.md", "We utilise it.\n", st)
    assert res.text == "We use it.\n"
    assert res.passes == 2
    assert [f.rule_id for f in res.applied] == ["house/a", "house/b"]
    assert res.remaining == []
    bounded = fix_text(root / "x.md", "We utilise it.\n", st, max_passes=1)
    assert bounded.text == "We utilize it.\n" and bounded.passes == 1
    assert [(f.rule_id, f.matched) for f in bounded.remaining] == [("house/b", "utilize")]


def test_fixpoint_stops_on_a_cycle(tmp_path):
    root = project(
        tmp_path,
        {
            "a.toml": 'kind = "substitution"\nmessage = "m"\n[swap]\n"foo" = "bar"\n',
            "b.toml": 'kind = "substitution"\nmessage = "m"\n[swap]\n"bar" = "foo"\n',
        },
    )
    res = fix_text(root / "x.md", "foo\n", settings_of(root))
    assert res.text == "bar\n" and res.passes == 1  # "foo" again would repeat the start
    assert [f.rule_id for f in res.remaining] == ["house/b"]


def test_overlapping_fixes_resolved_over_passes(tmp_path):
    root = project(
        tmp_path,
        {
            "site.toml": 'kind = "substitution"\nmessage = "m"\n[swap]\n"web site" = "website"\n',
            "map.toml": 'kind = "substitution"\nmessage = "m"\n[swap]\n"site map" = "sitemap"\n"website map" = "site index"\n',
        },
    )
    res = fix_text(root / "x.md", "A web site map.\n", settings_of(root))
    # pass 1: "web site" (starts first) wins over "site map"; pass 2: "website map" → "site index"
    assert res.text == "A site index.\n"
    assert [f.rule_id for f in res.applied] == ["house/site", "house/map"]


def test_suppressed_and_unsafe_fixes(tmp_path):
    rules = dict(SWAPS)
    rules["risky.toml"] = 'kind = "substitution"\nmessage = "m"\nunsafe = true\n[swap]\n"utilize" = "use"\n'
    root = project(tmp_path, rules)
    st = settings_of(root)
    text = (
        "<!-- brandlint-disable-next-line house/email -- legal quote -->\n"
        "Send an e-mail.\n\nSend an e-mail and utilize it.\n"
    )
    safe = fix_text(root / "x.md", text, st)
    assert safe.text == text.replace("an e-mail and", "an email and")
    assert [f.rule_id for f in safe.remaining] == ["house/risky"]
    unsafe = fix_text(root / "x.md", text, st, unsafe=True)
    assert unsafe.text == text.replace("an e-mail and utilize", "an email and use")
    assert unsafe.remaining == []
    assert len([f for f in unsafe.result.findings if f.suppression]) == 1  # still reported as suppressed


# ---------------------------------------------------------------------------------------------
# files: bytes, encodings, JSON


def test_fix_file_byte_for_byte_crlf_bom_non_ascii_and_mode(tmp_path):
    root = project(tmp_path)
    raw = (
        "\ufeff# Café e-mail guide\r\n\r\nNaïve users of acme cloud 😀 send an e-mail.\r\n"
        "Ünïcode web site, synergy.\r\n"
    ).encode("utf-8")
    f = tmp_path / "doc.md"
    f.write_bytes(raw)
    os.chmod(f, 0o640)
    out = fix_file(f, settings_of(root))
    assert out.error is None and out.written
    expected = (
        raw.replace("Café e-mail".encode(), "Café email".encode())
        .replace(b"acme cloud", b"Acme Cloud")
        .replace(b"an e-mail.", b"an email.")
        .replace(b"web site", b"website")
    )
    assert f.read_bytes() == expected
    assert f.read_bytes().startswith(b"\xef\xbb\xbf#") and f.read_bytes().count(b"\r\n") == 4
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o640
    assert sorted(x.rule_id for x in out.applied) == ["house/email"] * 3 + ["house/product"]
    assert [(x.rule_id, x.span.start.line, x.span.start.column) for x in out.remaining] == [("house/banned", 4, 18)]
    assert not list(tmp_path.glob(".doc.md.*"))  # no temporary file left behind
    again = fix_file(f, settings_of(root))  # idempotent: a second run changes nothing
    assert again.applied == [] and not again.changed and not again.written
    assert f.read_bytes() == expected


def test_fix_file_json_reescapes_quotes_and_keeps_escapes(tmp_path):
    root = project(
        tmp_path,
        {
            "quote.toml": 'kind = "substitution"\nmessage = "m"\npreserve-case = false\n[swap]\n'
            '"acme cloud" = "the \\"Acme\\" Cloud \\\\ edition"\n"e-mail" = "email"\n',
        },
    )
    src = '{\n  "title": "Caf\\u00e9 \\"q\\" acme cloud",\n  "acme cloud": "e-mail\\nus",\n  "n": 1\n}\n'
    f = write(tmp_path / "ui.json", src)
    out = fix_file(f, settings_of(root))
    assert out.error is None and out.written
    got = f.read_text("utf-8")
    assert got == (
        '{\n  "title": "Caf\\u00e9 \\"q\\" the \\"Acme\\" Cloud \\\\ edition",\n'
        '  "acme cloud": "email\\nus",\n  "n": 1\n}\n'
    )  # keys are never touched
    data = json.loads(got)
    assert data == {"title": 'Café "q" the "Acme" Cloud \\ edition', "acme cloud": "email\nus", "n": 1}


def test_fix_file_jsonl_records_stay_one_per_line(tmp_path):
    root = project(
        tmp_path,
        {
            "nl.toml": 'kind = "substitution"\nmessage = "m"\npreserve-case = false\n[swap]\n"e-mail" = "e\\nmail"\n',
        },
    )
    src = '{"output": "an e-mail"}\r\n\r\n{"output": "no match", "e-mail": 1}\r\n{"output": "e-mail \\u2028 e-mail"}'
    f = write(tmp_path / "a.jsonl", src)
    out = fix_file(f, settings_of(root))
    assert out.written and len(out.applied) == 3
    got = f.read_bytes().decode("utf-8")
    assert got == src.replace("an e-mail", "an e\\nmail").replace(
        '"e-mail \\u2028 e-mail"', '"e\\nmail \\u2028 e\\nmail"'
    )
    lines = got.split("\r\n")
    assert len(lines) == 4 and not got.endswith("\n")  # no trailing newline added
    assert [json.loads(l)["output"] for l in lines if l] == ["an e\nmail", "no match", "e\nmail \u2028 e\nmail"]


def test_fix_file_refuses_to_break_syntax(tmp_path, monkeypatch):
    monkeypatch.setenv("BRANDLINT_TRUST", str(tmp_path))  # the user trusts this project (docs/security.md)
    """A (buggy) plugin fix that would break the JSON is not written."""
    write(
        tmp_path / "plugins" / "local" / "badfix.py",
        textwrap.dedent("""
        from brandlint.plugins import hookimpl
        from brandlint.findings import Edit, Finding, Fix
        from brandlint.rules.base import Rule

        class BadFix(Rule):
            kind = "badfix"
            def check_segment(self, doc, seg, ctx):
                i = seg.text.find("x")
                if i >= 0:
                    f = self.finding(doc, seg, i, i + 1)
                    s, e = seg.source_range(i, i + 1)
                    f.fix = Fix((Edit(doc.index.offset_base + s, doc.index.offset_base + e, '"'),))
                    yield f

        @hookimpl
        def brandlint_rule_kinds():
            return [BadFix]
    """),
    )
    write(tmp_path / "rules" / "house" / "bad.toml", 'kind = "badfix"\nmessage = "m"\n')
    write(tmp_path / "brandlint.toml", 'plugin-paths = ["plugins/local"]\npacks = ["rules/house"]\n')
    f = write(tmp_path / "a.json", '{"a": "x"}\n')
    out = fix_file(f, load_settings(tmp_path / "brandlint.toml", cwd=tmp_path))
    assert (
        out.error
        == f"{f}: fixes would break the file's syntax; nothing written (please report the rule: its fix is wrong)"
    )
    assert not out.written and out.applied == []
    assert [x.rule_id for x in out.remaining] == ["house/bad"]
    assert f.read_text() == '{"a": "x"}\n'


def test_fix_file_diff_only_writes_nothing(tmp_path):
    root = project(tmp_path)
    f = write(tmp_path / "a.md", "Send an e-mail\n")
    before = os.stat(f).st_mtime_ns
    out = fix_file(f, settings_of(root), diff_only=True)
    assert not out.written and out.changed
    assert out.diff == f"--- {f}\n+++ {f}\n@@ -1 +1 @@\n-Send an e-mail\n+Send an email\n"
    assert f.read_text() == "Send an e-mail\n" and os.stat(f).st_mtime_ns == before


def test_fix_file_undecodable_is_left_alone(tmp_path):
    root = project(tmp_path)
    f = tmp_path / "bad.md"
    f.write_bytes(b"an e-mail \xff\n")
    out = fix_file(f, settings_of(root))
    assert not out.written and out.error is None
    assert [x.rule_id for x in out.remaining] == ["brandlint/encoding-error"]
    assert f.read_bytes() == b"an e-mail \xff\n"


# ---------------------------------------------------------------------------------------------
# atomic_write


def test_atomic_write_keeps_crlf_bom_trailing_newline_and_mode(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"\xef\xbb\xbfl\xc3\xa9ne 1\r\nline 2\r\n")
    os.chmod(f, 0o640)
    raw, info = read_source(f)
    assert (info.bom, info.newline, info.trailing_newline, info.mode) == (True, "\r\n", True, 0o640)
    atomic_write(f, "léne 1\r\nnew\nline 2", original=info)  # a bare LF and a lost last newline
    assert f.read_bytes() == b"\xef\xbb\xbfl\xc3\xa9ne 1\r\nnew\r\nline 2\r\n"
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_atomic_write_mixed_line_endings_left_as_given(tmp_path):
    f = tmp_path / "m.txt"
    f.write_bytes(b"a\r\nb\nc")
    _, info = read_source(f)
    assert info.newline == "" and not info.trailing_newline
    atomic_write(f, "A\r\nb\nc", original=info)
    assert f.read_bytes() == b"A\r\nb\nc"


def test_atomic_write_refuses_when_file_changed(tmp_path):
    f = tmp_path / "a.md"
    f.write_bytes(b"hello\n")
    _, info = read_source(f)
    st = os.stat(f)
    f.write_bytes(b"HELLO\n")  # same size...
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # ...and same mtime: only the hash tells
    with pytest.raises(FileChangedError, match="its content changed since it was read"):
        atomic_write(f, "fixed\n", original=info)
    assert f.read_bytes() == b"HELLO\n"
    f.write_bytes(b"hello, longer\n")
    with pytest.raises(FileChangedError, match="size or modification time changed"):
        atomic_write(f, "fixed\n", original=info)
    f.unlink()
    with pytest.raises(FileChangedError, match="it was deleted"):
        atomic_write(f, "fixed\n", original=info)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_atomic_write_through_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    _, info = read_source(link)
    atomic_write(link, "new\n", original=info)
    assert link.is_symlink() and target.read_text() == "new\n"


def test_source_info_from_bytes():
    info = SourceInfo.from_bytes(Path("x"), b"a\rb\r")
    assert (info.newline, info.trailing_newline, info.bom) == ("\r", True, False)


# ---------------------------------------------------------------------------------------------
# unified_diff


def test_unified_diff_shapes():
    assert unified_diff("a.md", "same\n", "same\n") == ""
    assert unified_diff("a.md", "x\ny", "x\nz") == (
        "--- a.md\n+++ a.md\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n"
    )
    # CRLF lines keep their ending; a form feed inside a line does not split it
    assert unified_diff("b.txt", "p\x0cq\r\nr\r\n", "p\x0cq\r\nR\r\n") == (
        "--- b.txt\n+++ b.txt\n@@ -1,2 +1,2 @@\n p\x0cq\r\n-r\r\n+R\r\n"
    )


def test_fix_adds_line_breaks_in_the_files_style(tmp_path):
    root = project(
        tmp_path,
        {
            "split.toml": 'kind = "substitution"\nmessage = "m"\npreserve-case = false\n[swap]\n"e-mail" = "e\\nmail"\n',
        },
    )
    st = settings_of(root)
    crlf = write(tmp_path / "crlf.txt", "")
    crlf.write_bytes(b"An e-mail.\r\nNext.\r\n")
    assert fix_file(crlf, st).written
    assert crlf.read_bytes() == b"An e\r\nmail.\r\nNext.\r\n"
    # in memory too (what diffs and the language server see), not only when written
    assert fix_text(crlf, "An e-mail.\r\n", st).text == "An e\r\nmail.\r\n"
    lf = write(tmp_path / "lf.txt", "An e-mail.\nNext.\n")
    assert fix_file(lf, st).written
    assert lf.read_bytes() == b"An e\nmail.\nNext.\n"


def test_apply_edits_random_fixes_keep_invariants():
    import random

    rng = random.Random(1234)
    for _ in range(300):
        text = "".join(rng.choice("ab é😀\r\n") for _ in range(rng.randint(0, 30)))
        fixes = []
        for _ in range(rng.randint(0, 6)):
            s = rng.randint(0, len(text))
            e = rng.randint(s, min(len(text), s + 5))
            fixes.append(Fix((Edit(s, e, rng.choice(["", "X", "YY", "\n"])),)))
        new, applied, skipped = apply_edits(text, fixes)
        assert apply_edits(text, list(reversed(fixes)))[0] == new or any(
            a.edits[0].start == b.edits[0].start for a in fixes for b in fixes if a is not b
        )
        edits = sorted((f.edits[0] for f in applied), key=lambda e: e.start)
        # applied edits never overlap nor share a start (identical duplicates aside)
        uniq = sorted(set(edits), key=lambda e: e.start)
        assert all(a.end <= b.start and a.start != b.start for a, b in zip(uniq, uniq[1:]))
        # rebuilding from the original text around the applied edits gives the result exactly
        out, pos = [], 0
        for e in uniq:
            out += [text[pos : e.start], e.replacement]
            pos = e.end
        assert "".join(out) + text[pos:] == new
        for f in fixes:  # every fix is applied, skipped, or a no-op
            e = f.edits[0]
            assert any(f is x for x in applied + skipped) or text[e.start : e.end] == e.replacement
