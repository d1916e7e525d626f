from __future__ import annotations

from pathlib import Path

from support import write

from brandlint.config.settings import load_settings
from brandlint.pipeline import lint_file


def test_bom_counts_in_byte_offsets_for_every_format(tmp_path: Path):
    write(tmp_path / "p" / "b.toml", 'kind = "existence"\ntokens = ["synergy"]\n')
    cfg = write(tmp_path / "brandlint.toml", 'packs = ["p"]\n')
    s = load_settings(cfg)
    cases = {
        "a.md": "é synergy\r\n",
        "a.txt": "é synergy\r\n",
        "a.json": '{"k": "é synergy"}',
        "a.jsonl": '{"k": "é synergy"}\r\n',
    }
    for name, text in cases.items():
        p = tmp_path / name
        p.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        (f,) = lint_file(p, s).findings
        start = text.index("synergy")
        assert (f.span.start.line, f.span.start.column, f.span.start.offset) == (1, start + 1, start), name
        assert f.span.start.byte_offset == 3 + len(text[:start].encode("utf-8")), name
