"""The streaming records API (`brandlint.lint_records`): the same findings as `check` on the
same JSONL file, on a slice of the alpaca_eval model answers plus lines that test placement
(BOM, CRLF, blank lines, a lone CR, invalid UTF-8, broken JSON, non-ASCII text)."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from support import run_cli, write

import brandlint
from brandlint.documents.jsonl_lines import LineBases, count_bases, walk_lines

ALPACA = "corpus/json_content/alpaca_eval/alpaca_eval_model_outputs_25models.jsonl"
CONFIG = (  # the default packs, plus opt-in rules (one parses with spaCy)
    "respect-gitignore = false\n"
    'extend-select = ["plain-language/simpler-words", "plain-language/wordy-phrases", "plain-language/passive-voice"]\n'
    '[formats.jsonl]\nprose = ["$.output", "$.instruction"]\n'
    '[pointer-ignores]\n"/instruction" = ["plain-language/*"]\n'
)
EXTRA = [
    b"\n",  # blank: no record
    b'{"id": "crlf", "output": "We utilize synergy to leverage the data."}\r\n',
    b'{"id": "caf\xc3\xa9", "output": "Le caf\xc3\xa9 \xe2\x80\x94 we utilize it. In order to win, utilize it."}\n',
    b'{"id": "bad", "output": "broken \xff utilize"}\n',
    b'{"id": "json", "output": "utilize" \n',
    b"  \t \n",
    b'{"id": "last", "output": "Please utilize the API in order to succeed."}',  # no final line break
]


def _slice(shared: Path, n: int) -> list[bytes]:
    with open(shared / ALPACA, "rb") as f:
        return [next(f) for _ in range(n)]


def _key(d: dict) -> tuple:
    return (d["path"], d["span"]["start"]["offset"], d["span"]["end"]["offset"], d["rule_id"], d["message"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, request) -> tuple[Path, list[bytes]]:
    from support import SHARED

    if not SHARED.is_dir():
        pytest.skip("../shared/ (corpus) is not present next to the repository")
    d = tmp_path_factory.mktemp("records")
    write(d / "brandlint.toml", CONFIG)
    lines = [b"\xef\xbb\xbf" + _slice(SHARED, 60)[0]] + _slice(SHARED, 60)[1:] + EXTRA
    (d / "slice.jsonl").write_bytes(b"".join(lines))
    return d, lines


def test_lint_records_equals_check(corpus) -> None:
    d, lines = corpus
    path = d / "slice.jsonl"
    proc = run_cli(
        "check",
        str(path),
        "--config",
        str(d / "brandlint.toml"),
        "--output-format",
        "json",
        "--show-suppressed",
        "-j",
        "1",
        "--no-cache",
        "--exit-zero",
        cwd=d,
    )
    assert proc.returncode == 0, proc.stderr
    expected = sorted(json.loads(proc.stdout)["findings"], key=_key)
    results = list(brandlint.lint_records(lines, config=d / "brandlint.toml", path=str(path)))
    got = sorted((f.to_dict() for r in results for f in r.findings), key=_key)
    assert len(got) > 50
    assert got == expected
    # 60 alpaca records + 5 non-blank extra lines; records numbered without blank lines
    assert [r.record for r in results] == list(range(65))
    assert [r.line for r in results][-6:] == [60, 62, 63, 64, 65, 67]  # lines 61 and 66 are blank
    assert results[-1].raw == EXTRA[-1] + b"\n"  # a line break is added to a record given without one
    assert results[0].raw == lines[0][3:]  # the BOM is no part of the first record
    rules = {f.rule_id for f in results[60].findings}
    assert "brandlint/syntax-error" not in rules and results[60].fails(brandlint.Severity.INFO)
    bad = results[62].findings
    assert [(f.rule_id, f.span.start.line, f.span.start.column) for f in bad] == [("brandlint/syntax-error", 64, 33)]
    assert results[63].findings[0].rule_id == "brandlint/syntax-error"
    # pointer-ignores apply: findings on /instruction of plain-language rules are suppressed
    sup = [f for r in results for f in r.findings if f.suppression is not None]
    assert sup and all(f.json_pointer == "/instruction" and f.rule_id.startswith("plain-language/") for f in sup)


def test_dicts_and_str_lines(corpus) -> None:
    d, _ = corpus
    recs = [{"output": "We utilize it."}, {"output": "Café: in order to go."}]
    as_str = [json.dumps(r, ensure_ascii=False) for r in recs]
    a = [[f.to_dict() for f in r.findings] for r in brandlint.lint_records(recs, config=d / "brandlint.toml")]
    b = [[f.to_dict() for f in r.findings] for r in brandlint.lint_records(as_str, config=d / "brandlint.toml")]
    assert a == b
    assert [(f["rule_id"], f["span"]["start"]["line"], f["span"]["start"]["column"], f["path"]) for f in a[0]] == [
        ("plain-language/simpler-words", 1, 16, "<records>.jsonl")
    ]
    second = {f["rule_id"]: f for f in a[1]}["plain-language/wordy-phrases"]
    # line 1 is 28 code points and its LF; `in` is 18 code points into line 2, after "é" (2 bytes)
    assert second["span"]["start"] == {"line": 2, "column": 19, "offset": 29 + 18, "byte_offset": 29 + 18 + 1}
    with pytest.raises(TypeError, match="a record is a dict"):
        list(brandlint.lint_records([3]))
    with pytest.raises(ValueError, match="record format"):
        list(brandlint.lint_records(recs, format="markdown"))


def test_constant_memory(corpus) -> None:
    d, _ = corpus

    def many(n: int):
        for i in range(n):
            yield {"id": i, "output": f"Record {i}: we utilize the data in order to win."}

    def peak(n: int) -> int:
        it = brandlint.lint_records(many(n), config=d / "brandlint.toml", select=["plain-language/simpler-words"])
        tracemalloc.start()
        count = sum(1 for _ in it)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == n
        return top

    small, large = peak(100), peak(1500)
    assert large < small * 2 + 100_000  # 15x the records, not 15x the memory


def test_walk_lines_bases_split_anywhere() -> None:
    data = b'\xef\xbb\xbf{"a": 1}\r\n\n{"b": "\xc3\xa9"}\n \n{"c": "x\r y"}\n{"d": 2}'
    lines = io.BytesIO(data).readlines()  # split as a file is read: at LF only
    whole = [(i.line, i.offset, i.byte, i.record) for i in walk_lines(lines)]
    for cut in range(len(lines) + 1):
        bases = count_bases(lines[:cut])
        rest = [(i.line, i.offset, i.byte, i.record) for i in walk_lines(lines[cut:], bases, file_start=cut == 0)]
        assert whole[cut:] == rest
    # lines: {"a": 1} CRLF (8+2), blank (1), {"b": "é"} (10+1, 12 bytes), " " (2), {"c": "x<CR> y"}
    # (13+1, two lines), {"d": 2} (8): 7 lines, 46 code points, 3 (BOM) + 47 bytes, 4 records
    assert count_bases(lines).as_tuple() == (7, 46, 50, 4)
    assert LineBases().as_tuple() == (0, 0, 0, 0)
