"""Editor latency: time from ``didChange`` to ``publishDiagnostics`` of ``brandlint lsp``.

A real server subprocess over stdio and a pygls client. The document is a ~2,000-word Markdown
file assembled from ../shared/corpus/md_marketing; each edit inserts a few words into one
paragraph (as typing does) and the clock runs from sending the change to receiving the
diagnostics for that version. Debounce is set to 0 ms so the number is the server's own work
(editors add their debounce on top: 150 ms by default). Median over 20 edits, after 3 warm-up
edits (the first lint loads rules and, with spaCy rules, the model).

Rows: the lexical packs (every rule that needs no model) and the same packs with the spaCy
tone rules (``passive-voice``), each with incremental checking (the default) and with
``"incremental": false`` (a full lint of the whole text on every change) for comparison.

    python bench/bench_lsp.py [--edits 20] [--words 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "md_marketing"
TARGETS = {"lexical": 100.0, "spacy": 500.0}  # ms, from the issue
_FRONT = re.compile(r"\A(---|\+\+\+)\n.*?\n\1[ \t]*\n", re.S)


def build_document(words: int) -> str:
    """Whole blog posts (front matter removed) until ``words`` words, cut at a paragraph."""
    out: list[str] = []
    count = 0
    for f in sorted(CORPUS.rglob("*.md")):
        body = _FRONT.sub("", f.read_text("utf-8", "replace"))
        for para in body.split("\n\n"):
            if count >= words:
                return "\n\n".join(out) + "\n"
            if para.strip():
                out.append(para.strip("\n"))
                count += len(para.split())
    return "\n\n".join(out) + "\n"


def prose_lines(text: str) -> list[int]:
    """Lines that are plain paragraph text (where a writer types)."""
    lines = text.split("\n")
    fence = False
    out = []
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        if not fence and len(line.split()) >= 8 and line[:1].isalpha() and "{%" not in line and "|" not in line:
            out.append(i)
    return out


def settings_toml(ignore: list[str]) -> str:
    return f'packs = ["ai-tells", "inclusive", "plain-language"]\nignore = {json.dumps(ignore)}\n'


def nlp_rules() -> list[str]:
    from brandlint.config.settings import load_settings

    st = load_settings(None, cwd=ROOT)
    return sorted(r.id for r in st.all_rules if "nlp" in getattr(r, "needs", ()))


async def measure(ws: Path, text: str, incremental: bool, edits: int, warmup: int = 3) -> dict:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(ls, params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            counts[params.version] = len(params.diagnostics)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def on_message(ls, params) -> None:
        print(f"  server says: {params.message}", file=sys.stderr)

    await client.start_io(sys.executable, "-m", "brandlint", "lsp")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=ws.as_uri(),
            initialization_options={"debounceMs": 0, "incremental": incremental},
        )
    )
    client.initialized(types.InitializedParams())
    uri = (ws / "post.md").as_uri()

    async def wait(version: int, timeout: float = 120.0) -> float:
        deadline = time.perf_counter() + timeout
        while version not in arrived:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no diagnostics for version {version}")
            await asyncio.sleep(0.0005)
        return arrived[version]

    t0 = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    first = await wait(1) - t0
    rnd = random.Random(1)
    lines = prose_lines(text)
    cur = text.split("\n")
    times = []
    for v in range(2, 2 + warmup + edits):
        line = rnd.choice(lines)
        col = len(cur[line]) // 2
        col = cur[line].rfind(" ", 0, col) + 1
        insert = rnd.choice(["we leverage this ", "really ", "the data was moved ", "delve "])
        cur[line] = cur[line][:col] + insert + cur[line][col:]
        # UTF-16 character: count units of the line prefix
        ch = len(cur[line][:col].encode("utf-16-le")) // 2
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=v),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(
                            start=types.Position(line=line, character=ch), end=types.Position(line=line, character=ch)
                        ),
                        text=insert,
                    )
                ],
            )
        )
        got = await wait(v)
        if v >= 2 + warmup:
            times.append((got - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "open_ms": first * 1000,
        "median_ms": statistics.median(times),
        "p90_ms": sorted(times)[int(len(times) * 0.9) - 1],
        "min_ms": min(times),
        "max_ms": max(times),
        "diagnostics": counts[max(counts)],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--words", type=int, default=2000)
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    text = build_document(args.words)
    nlp = nlp_rules()
    print(
        f"document: {len(text.split())} words, {len(text)} characters, {text.count(chr(10)) + 1} lines "
        f"(from {CORPUS.relative_to(SHARED)}); {args.edits} edits, debounce 0 ms"
    )
    print(f"spaCy rules: {', '.join(nlp) or 'none installed'}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, ignore in (("lexical", nlp), ("spacy", [])):
            if name == "spacy" and not nlp:
                continue
            ws = Path(tmp) / name
            ws.mkdir()
            (ws / "brandlint.toml").write_text(settings_toml(ignore), encoding="utf-8")
            for incremental in (True, False):
                r = asyncio.run(measure(ws, text, incremental, args.edits))
                rows.append((name, incremental, r))
    print()
    print(
        f"{'rules':<9} {'mode':<12} {'open':>8} {'median':>8} {'p90':>8} {'min':>8} {'max':>8} {'target':>8}  diagnostics"
    )
    for name, incremental, r in rows:
        mode = "incremental" if incremental else "full"
        verdict = "ok" if r["median_ms"] < TARGETS[name] else "MISSED"
        print(
            f"{name:<9} {mode:<12} {r['open_ms']:>6.0f}ms {r['median_ms']:>6.1f}ms {r['p90_ms']:>6.1f}ms "
            f"{r['min_ms']:>6.1f}ms {r['max_ms']:>6.1f}ms {'<' + str(int(TARGETS[name])) + 'ms':>8}  "
            f"{r['diagnostics']}  {verdict if incremental else ''}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
