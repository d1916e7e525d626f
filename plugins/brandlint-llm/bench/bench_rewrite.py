"""Verified-rewrite benchmark: outcomes by reason, and brandlint's overhead around the model calls.

Takes a slice of ../shared/corpus/json_content/alpaca_eval (model answers, JSONL, the ``output``
field linted as Markdown with the shipped ``ai-tells`` pack), and runs the verified-rewrite loop
against the scripted model on a real HTTP server on 127.0.0.1. The scripted model answers like a
mediocre real one, deterministically per passage: most answers fix the flagged phrases, some are
not JSON, ignore the schema, drop a link, echo the passage or add a banned word — so every
verification path runs. Prints attempts / accepted / rejected by reason, and the time brandlint
spends outside the HTTP round trips (prompting, unit finding, structure checks, re-linting), per
attempt, next to the time inside them.

    python plugins/brandlint-llm/bench/bench_rewrite.py [--records 300] [--offset 0]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus" / "json_content" / "alpaca_eval" / "alpaca_eval_model_outputs_25models.jsonl"

MIX = [
    ("fix", 64),
    ("garbage-then-fix", 8),
    ("drop-link", 6),
    ("echo", 6),
    ("no-schema", 6),
    ("add-banned", 6),
    ("add-paragraph", 4),
]


def behaviour(key: str) -> str:
    """Deterministic per passage: a stable hash picks a behaviour by the weights of MIX."""
    h = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % sum(w for _, w in MIX)
    for name, w in MIX:
        if h < w:
            return name
        h -= w
    return "fix"


def make_model():
    from brandlint_llm.testing import ScriptedModel

    def spec(key, messages, attempt):
        b = behaviour(key)
        if b == "garbage-then-fix":
            return "garbage" if attempt == 0 else "fix"
        if b == "add-banned":
            return key.rstrip(".") + ", a rich tapestry."
        if b == "add-paragraph":
            return key + "\n\nIn short, that is it."
        return b

    return ScriptedModel(default=spec)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=300, help="JSONL records in the slice")
    ap.add_argument("--offset", type=int, default=0, help="first record of the slice")
    args = ap.parse_args()
    if not CORPUS.is_file():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    from brandlint.config.settings import load_settings
    from brandlint.pipeline import lint_file
    from brandlint_llm.rewrite import Rewriter
    from brandlint_llm.testing import ScriptedServer

    tmp = Path(tempfile.mkdtemp(prefix="bench-rewrite-"))
    os.environ["BRANDLINT_CACHE_DIR"] = str(tmp / "cache")
    lines = []
    with open(CORPUS, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= args.offset + args.records:
                break
            if i >= args.offset:
                lines.append(line)
    data = tmp / "slice.jsonl"
    data.write_text("".join(lines), encoding="utf-8")
    with ScriptedServer(make_model()) as server:
        (tmp / "brandlint.toml").write_text(
            'packs = ["ai-tells"]\nrespect-gitignore = false\n[formats.jsonl]\nmarkdown = ["$.output"]\n'
            f'[plugins.llm]\nendpoint = "{server.url}"\nmodel = "scripted"\nretries = 0\ncache = false\n'
            "concurrency = 1\nmax-attempts = 3\n",
            encoding="utf-8",
        )
        settings = load_settings(tmp / "brandlint.toml", cwd=tmp)
        text = data.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        base = lint_file(data, settings, content=text.encode("utf-8"))
        lint_s = time.perf_counter() - t0
        rw = Rewriter(settings)
        t0 = time.perf_counter()
        res = rw.rewrite_text(data, text, result=base)
        wall = time.perf_counter() - t0
        st = rw.backend.stats
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    attempts = sum(len(o.attempts) for o in res.outcomes)
    reasons = Counter(a.reason for o in res.outcomes for a in o.attempts)
    final = Counter(o.reason for o in res.outcomes)
    targets = sum(1 for f in base.active if rw.is_target(f))
    words = sum(len(json.loads(l).get("output", "").split()) for l in lines)
    outside = wall - st.http_seconds
    print(
        f"slice: records {args.offset}..{args.offset + len(lines) - 1} of {CORPUS.name} "
        f"({words:,} words), pack ai-tells, scripted model over HTTP on 127.0.0.1, concurrency 1"
    )
    print(
        f"findings: {len(base.active)} active, {targets} without a deterministic fix (rewrite targets), "
        f"{len(res.skipped)} with no enclosing passage"
    )
    print(f"passages sent: {len(res.outcomes)}; model requests: {st.requests}; attempts: {attempts}")
    print(
        f"outcome per passage: accepted {final.get('accepted', 0)}, rejected {len(res.rejected)} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(final.items()) if k != 'accepted') or 'none'})"
    )
    print("verdict per attempt: " + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])))
    print(f"findings rewritten: {len(res.rewritten)} of {targets}; remaining active after: {len(res.result.active)}")
    print()
    print(f"{'':34}{'seconds':>9}{'ms/attempt':>12}")
    print(f"{'initial lint (not counted)':34}{lint_s:9.3f}")
    print(f"{'rewrite loop, wall':34}{wall:9.3f}{1000 * wall / max(attempts, 1):12.2f}")
    print(f"{'  inside HTTP round trips':34}{st.http_seconds:9.3f}{1000 * st.http_seconds / max(attempts, 1):12.2f}")
    print(f"{'  brandlint outside HTTP':34}{outside:9.3f}{1000 * outside / max(attempts, 1):12.2f}")
    print(
        f"overhead share: {100 * outside / wall:.1f}% of the loop with an instant scripted model; with a "
        f"local 3B model at ~1-3 s per answer it is {100 * outside / (outside + attempts * 1.0):.1f}%-"
        f"{100 * outside / (outside + attempts * 3.0):.1f}%"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
