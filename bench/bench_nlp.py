"""NLP rule benchmark: what the spaCy rules cost, next to spaCy's own ``nlp.pipe`` time.

Over ../shared/corpus/md_marketing (and optionally a slice of md_docs), in one worker process:

1. lint every file with the rule set minus its NLP rules (``lexical``),
2. run spaCy's own ``nlp.pipe`` over the very segment texts brandlint gives it, with the same
   model and the same enabled components (``raw pipe``),
3. lint every file with the full rule set (``with NLP``).

``NLP cost = with NLP - lexical`` is everything the NLP rules add (preparing texts, the parse,
the rules' own work); the overhead printed is how much that exceeds the raw ``nlp.pipe`` time
(target: <= 25%). Peak memory is measured in two separate processes (lexical only; full).

    python bench/bench_nlp.py [--limit N] [--docs N] [--packs ai-tells,plain-language]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MARKETING = SHARED / "corpus" / "md_marketing"
DOCS = SHARED / "corpus" / "md_docs"

RULES = {
    "passive.toml": 'kind = "passive-voice"\n',
    "use.toml": (
        'kind = "terminology"\n[[terms]]\npreferred = "use"\nvariants = ["utilize", "leverage", '
        '"make use of"]\nlemmas = true\n[[terms]]\npreferred = "help"\nvariants = ["facilitate"]\n'
        "lemmas = true\n"
    ),
    "brand.toml": (
        'kind = "terminology"\ncase-sensitive = true\n[[terms]]\npreferred = "JavaScript"\n'
        'variants = ["Java Script"]\n[[terms]]\npreferred = "email"\nvariants = ["e-mail"]\n'
        '[[terms]]\npreferred = "Kubernetes"\nvariants = ["k8s"]\n'
    ),
    "length.toml": 'kind = "sentence-length"\nmax = 30\n',
    "bang.toml": 'kind = "exclamation"\n',
    "caps.toml": 'kind = "shouting"\n',
    "person.toml": 'kind = "person"\nprefer = "second"\n',
    "contractions.toml": 'kind = "contractions"\n',
    "emoji.toml": 'kind = "emoji"\n',
    "readability.toml": 'kind = "readability"\nmetric = "flesch-kincaid-grade"\nmax = 12\nper = "section"\n',
}

WORKER = r"""
import json, resource, sys, time
from pathlib import Path
from brandlint.config.settings import load_settings
from brandlint.pipeline import lint_file, engine_for
from brandlint.documents.base import SourceFile
from brandlint.nlp import prepare_text, get_service

cfg, listing, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
files = [Path(f) for f in listing.read_text().splitlines()]
full = load_settings(cfg)
nlp_ids = [r.id for r in full.all_rules if "nlp" in r.needs]
lexical = load_settings(cfg, ignore=nlp_ids)
out = {"nlp_rules": nlp_ids}

def run(settings):
    t, c = time.perf_counter(), time.process_time(); words = n = 0
    for f in files:
        r = lint_file(f, settings)
        words += r.words; n += len(r.findings)
    return time.perf_counter() - t, time.process_time() - c, words, n

if mode == "lexical":
    out["lexical"] = run(lexical)
else:
    # warm up: imports, model load, textstat's dictionaries, caches of settings and engines
    for s in (lexical, full):
        for f in files[:3]:
            lint_file(f, s)
    svc = get_service(full)
    out["model"] = svc.model
    out["components"] = list(svc.active)
    out["load_seconds"] = svc.stats["load_seconds"]
    # the segment texts brandlint hands to spaCy
    texts = []
    for f in files:
        fmt = full.registry.format_for(str(f))
        src = SourceFile(str(f), f.read_text("utf-8"))
        for doc in fmt.parse(src, full.format_options(fmt.name)):
            texts.extend(prepare_text(s) for s in doc.segments)
    out["segments"] = len(texts)
    rounds = {"lexical": [], "raw": [], "nlp": [], "in_service_pipe": []}
    for _ in range(int(sys.argv[4])):  # interleaved, so load from other processes hits all three
        rounds["lexical"].append(run(lexical))
        t, c = time.perf_counter(), time.process_time()
        for _d in svc.nlp.pipe(texts, batch_size=svc.batch_size):
            pass
        rounds["raw"].append((time.perf_counter() - t, time.process_time() - c))
        before = (svc.stats["seconds"], svc.stats["cpu_seconds"])
        rounds["nlp"].append(run(full))
        rounds["in_service_pipe"].append((svc.stats["seconds"] - before[0], svc.stats["cpu_seconds"] - before[1]))
    out["rounds"] = rounds
out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(out))
"""


def worker(cfg: Path, listing: Path, mode: str, repeat: int) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", WORKER, str(cfg), str(listing), mode, str(repeat)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        sys.exit(f"worker failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N md_marketing files")
    ap.add_argument("--docs", type=int, default=0, help="add the first N md_docs files")
    ap.add_argument("--packs", default="", help="also load these shipped packs (comma-separated)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of lexical / raw / NLP (best is printed)")
    args = ap.parse_args()
    if not MARKETING.is_dir():
        print(f"corpus not found at {MARKETING}", file=sys.stderr)
        return 2
    files = sorted(MARKETING.rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    if args.docs:
        files += sorted(DOCS.rglob("*.md"))[: args.docs]
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        for name, body in RULES.items():
            (tmp / "nlp-bench").mkdir(exist_ok=True)
            (tmp / "nlp-bench" / name).write_text(body)
        packs = ["nlp-bench"] + [p for p in args.packs.split(",") if p]
        cfg = tmp / "brandlint.toml"
        cfg.write_text(f"packs = {json.dumps(packs)}\nrespect-gitignore = false\n")
        listing = tmp / "files.txt"
        listing.write_text("\n".join(str(f) for f in files))
        lex = worker(cfg, listing, "lexical", 1)
        res = worker(cfg, listing, "nlp", args.repeat)

    r = res["rounds"]
    # each series' fastest round: the least disturbed by other processes on a shared machine
    t_lex, c_lex, words, n_lex = min(r["lexical"])
    t_nlp, c_nlp, _, n_nlp = min(r["nlp"])
    t_raw, c_raw = min(r["raw"])
    t_pipe, c_pipe = min(r["in_service_pipe"])
    c_lex, c_nlp, c_raw, c_pipe = (
        min(x[1] for x in r["lexical"]),
        min(x[1] for x in r["nlp"]),
        min(x[1] for x in r["raw"]),
        min(x[1] for x in r["in_service_pipe"]),
    )
    print(
        f"corpus: {len(files)} files, {words:,} words, {res['segments']:,} segments "
        f"(md_marketing{' + md_docs' if args.docs else ''}); best of {len(r['raw'])} interleaved rounds"
    )
    print(f"model: {res['model']}  components: {', '.join(res['components'])}  load: {res['load_seconds']:.2f} s")
    print(f"NLP rules: {', '.join(res['nlp_rules'])}")
    print()
    print(f"{'run':<36}{'wall s':>8}{'words/s':>10}{'CPU s':>8}{'words/CPU-s':>13}{'findings':>10}")
    for name, t, c, n in (
        ("lexical rules only", t_lex, c_lex, n_lex),
        ("with NLP rules", t_nlp, c_nlp, n_nlp),
        ("spaCy nlp.pipe alone (same texts)", t_raw, c_raw, None),
    ):
        print(f"{name:<36}{t:>8.2f}{words / t:>10,.0f}{c:>8.2f}{words / c:>13,.0f}{'' if n is None else f'{n:,}':>10}")
    print()
    for label, lex_, nlp_, raw_, pipe_ in (("CPU", c_lex, c_nlp, c_raw, c_pipe), ("wall", t_lex, t_nlp, t_raw, t_pipe)):
        cost = nlp_ - lex_
        print(
            f"[{label}] NLP rules cost (with - lexical) {cost:.2f} s = nlp.pipe in brandlint {pipe_:.2f} s "
            f"+ rules and text preparation {cost - pipe_:.2f} s; raw nlp.pipe {raw_:.2f} s; "
            f"overhead {100 * (cost - raw_) / raw_:+.1f}% (target <= +25%)"
        )
    print()
    print(
        f"peak memory: lexical only {lex['maxrss_kb'] / 1024:.0f} MB; with NLP rules "
        f"(and the raw pipe run) {res['maxrss_kb'] / 1024:.0f} MB"
    )
    print(
        "peers (../shared/eval/README.md, same machine class): write-good 47k words/s, "
        "alex 13k, textlint with six rules 2.0k words/s and 799 MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
