"""End to end on real content from ../shared/corpus: every reported span must be exactly where the
matched text is in the file (offsets, lines, columns and byte offsets all agree)."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

from support import run_cli, write

TERMS = [
    "model",
    "data",
    "Chrome",
    "instance",
    "training",
    "browser",
    "API",
    "endpoint",
    "user",
    "you can",
    "for example",
    "in order to",
    "please",
    "simply",
    "just",
]


def _project(tmp_path: Path) -> Path:
    write(tmp_path / "p" / "terms.toml", 'kind = "existence"\ntokens = ' + json.dumps(TERMS) + "\n")
    write(
        tmp_path / "brandlint.toml",
        'packs = ["p"]\nrespect-gitignore = false\n'
        '[formats.json]\nprose = ["$..description", "$..title"]\n'
        '[formats.jsonl]\nprose = ["$.output", "$.instruction"]\n',
    )
    return tmp_path


def _check_spans(root: Path, findings: list[dict]) -> int:
    checked = 0
    texts: dict[str, tuple[str, bytes, int]] = {}
    for f in findings:
        if f["rule_id"].startswith("brandlint/"):
            continue
        if f["path"] not in texts:
            raw = (root / f["path"]).read_bytes()
            bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
            texts[f["path"]] = (raw[bom:].decode("utf-8"), raw, bom)
        text, raw, bom = texts[f["path"]]
        s, e = f["span"]["start"], f["span"]["end"]
        src = text[s["offset"] : e["offset"]]
        if f["json_pointer"] is None:
            # Markdown: the source slice is the matched text (soft breaks keep their source form)
            assert " ".join(src.split()).lower() == " ".join(f["matched"].split()).lower(), f
        else:
            assert json.loads('"' + src + '"').lower() == f["matched"].lower(), f
        line_start = text.rfind("\n", 0, s["offset"]) + 1
        assert s["line"] == text.count("\n", 0, s["offset"]) + 1, f
        assert s["column"] == s["offset"] - line_start + 1, f
        assert s["byte_offset"] == bom + len(text[: s["offset"]].encode("utf-8")), f
        checked += 1
    return checked


def test_markdown_docs_spans_exact(tmp_path, shared):
    root = _project(tmp_path)
    docs = shared / "corpus" / "md_docs"
    picked = sorted(docs.rglob("*.md"))[::97][:20]
    for i, src in enumerate(picked):
        shutil.copy(src, root / f"doc{i:02d}.md")
    r = run_cli("check", ".", "--output-format", "json", "--exit-zero", cwd=root)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert len(data["files"]) == len(picked)
    assert _check_spans(root, data["findings"]) > 200


def test_json_and_jsonl_spans_exact(tmp_path, shared):
    root = _project(tmp_path)
    api = (
        shared
        / "corpus"
        / "json_content"
        / "google_api_discovery"
        / "googleapiclient"
        / "discovery_cache"
        / "documents"
    )
    shutil.copy(sorted(api.glob("*.json"))[0], root / "api.json")
    src = shared / "corpus" / "json_content" / "alpaca_eval" / "alpaca_eval_model_outputs_25models.jsonl"
    with src.open("rb") as fh:
        (root / "answers.jsonl").write_bytes(b"".join(itertools.islice(fh, 200)))
    r = run_cli("check", ".", "--output-format", "json", "--exit-zero", cwd=root)
    data = json.loads(r.stdout)
    pointers = {f["json_pointer"] for f in data["findings"]}
    assert any(p.startswith("/resources/") or p.startswith("/schemas/") for p in pointers if p)
    assert "/output" in pointers
    jsonl_lines = {f["span"]["start"]["line"] for f in data["findings"] if f["path"] == "answers.jsonl"}
    assert max(jsonl_lines) > 150  # records late in the file keep their file line numbers
    assert _check_spans(root, data["findings"]) > 500


def test_homeassistant_strings_with_placeholders(tmp_path, shared):
    root = _project(tmp_path)
    ha = sorted((shared / "corpus" / "json_content" / "homeassistant_translations").rglob("en.json"))[:40]
    for i, src in enumerate(ha):
        shutil.copy(src, root / f"en{i:02d}.json")
    write(root / "brandlint.toml", 'packs = ["p"]\nrespect-gitignore = false\n')
    r = run_cli("check", ".", "--output-format", "json", "--exit-zero", cwd=root)
    data = json.loads(r.stdout)
    assert _check_spans(root, data["findings"]) > 20
