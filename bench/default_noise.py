"""Default noise: findings per 1,000 prose words, per rule, for a starter config on real docs.

Lints ../shared/corpus/md_docs and md_marketing (every Markdown file, or a seeded sample with
``--sample N`` files per corpus) with a config and prints, per rule, the findings and the rate per
1,000 prose words (words in the documents' prose segments, as ``brandlint check`` counts them).

Configs:

* ``proposed`` (default): bench/data/starter-proposed.toml, the starter config proposed for
  ``brandlint init`` in docs/dev/issue11-kind-changes.md;
* ``current``: the ``STARTER`` text of the installed ``brandlint init`` (``brandlint.cli``);
* a path to any brandlint.toml.

``--judge-sample N --judge-out FILE`` also draws N findings at random (seed below) and writes them
as JSONL with their line, for judging by hand (bench/data/default_noise_judged.jsonl).

    python bench/default_noise.py [--config proposed|current|FILE] [--sample N] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import corpus_sentences as cs  # noqa: E402

from brandlint.config.settings import load_settings  # noqa: E402
from brandlint.pipeline import lint_file  # noqa: E402

PROPOSED = ROOT / "bench" / "data" / "starter-proposed.toml"
CORPORA = ("md_docs", "md_marketing")
SEED = 20261211
TARGET = 3.0  # findings per 1,000 prose words (issue 11)


def current_starter() -> str:
    try:
        from brandlint.cli import STARTER  # noqa: PLC0415
    except ImportError:  # the CLI was restructured: look for the init command's text
        from brandlint.commands.init import STARTER  # type: ignore  # noqa: PLC0415
    return STARTER


def config_text(name: str) -> str:
    if name == "proposed":
        return PROPOSED.read_text("utf-8")
    if name == "current":
        return current_starter()
    return Path(name).read_text("utf-8")


def settings_for(text: str, tmp: Path):
    cfg = tmp / "brandlint.toml"
    cfg.write_text(text, encoding="utf-8")
    return load_settings(cfg, cwd=tmp)


def measure(settings, files: list[str]) -> dict:
    words = 0
    per_rule: Counter = Counter()
    findings = []
    for rel in files:
        res = lint_file(cs.CORPUS / rel, settings, display_path=rel)
        words += res.words
        for f in res.findings:
            if f.suppression is None:
                per_rule[f.rule_id] += 1
                findings.append(
                    {
                        "file": rel,
                        "line": f.span.start.line,
                        "rule": f.rule_id,
                        "match": f.matched,
                        "message": f.message,
                        "line_text": f.line_text,
                    }
                )
    return {"files": len(files), "words": words, "per_rule": per_rule, "findings": findings}


def pick_files(kind: str, sample: int | None) -> list[str]:
    files = cs.md_files(kind)
    if sample and sample < len(files):
        files = sorted(random.Random(SEED).sample(files, sample))
    return files


def table(results: dict) -> list[str]:
    rules = sorted(
        set().union(*(r["per_rule"] for r in results.values())),
        key=lambda rid: -sum(r["per_rule"][rid] / max(r["words"], 1) for r in results.values()),
    )
    head = "| rule | " + " | ".join(f"{k} findings | {k} per 1,000 words" for k in results) + " |"
    out = [head, "|---|" + "---:|---:|" * len(results)]
    for rid in rules:
        cells = []
        for r in results.values():
            n = r["per_rule"][rid]
            cells += [str(n), f"{1000 * n / r['words']:.2f}" if r["words"] else "-"]
        out.append(f"| `{rid}` | " + " | ".join(cells) + " |")
    cells = []
    for r in results.values():
        n = sum(r["per_rule"].values())
        cells += [f"**{n}**", f"**{1000 * n / r['words']:.2f}**" if r["words"] else "-"]
    out.append("| **all rules** | " + " | ".join(cells) + " |")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default="proposed", help="proposed (default), current, or a brandlint.toml path")
    ap.add_argument("--sample", type=int, default=None, help="lint a seeded sample of N files per corpus")
    ap.add_argument("--judge-sample", type=int, default=0, help="draw N findings for judging by hand")
    ap.add_argument("--judge-out", type=Path, help="JSONL file for --judge-sample")
    ap.add_argument("--json", type=Path, help="write the per-rule counts as JSON")
    args = ap.parse_args(argv)
    if not (cs.CORPUS / "md_docs").is_dir():
        print(f"error: no corpus at {cs.CORPUS}", file=sys.stderr)
        return 2
    text = config_text(args.config)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="brandlint-noise-") as tmp:
        settings = settings_for(text, Path(tmp))
        results = {kind: measure(settings, pick_files(kind, args.sample)) for kind in CORPORA}
    took = time.perf_counter() - t0
    what = f"a seeded sample of {args.sample} files per corpus" if args.sample else "every Markdown file"
    print(f"Default noise, config `{args.config}`, {what} ({took:.0f} s):\n")
    for kind, r in results.items():
        n = sum(r["per_rule"].values())
        rate = 1000 * n / r["words"] if r["words"] else 0.0
        verdict = "within" if rate <= TARGET else "ABOVE"
        print(
            f"- {kind}: {r['files']:,} files, {r['words']:,} prose words, {n:,} findings = "
            f"{rate:.2f} per 1,000 words ({verdict} the target of {TARGET:g})"
        )
    print()
    print("\n".join(table(results)))
    if args.judge_sample and args.judge_out:
        pool = [dict(f, corpus=k) for k, r in results.items() for f in r["findings"]]
        picked = random.Random(SEED).sample(pool, min(args.judge_sample, len(pool)))
        with args.judge_out.open("w", encoding="utf-8") as fh:
            for f in picked:
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
        print(f"\n{len(picked)} findings drawn for judging -> {args.judge_out}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {k: {"files": r["files"], "words": r["words"], "per_rule": r["per_rule"]} for k, r in results.items()},
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
