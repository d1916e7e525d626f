"""Scale benchmark: result cache (cold vs warm), worker pools (--jobs 2 vs 1), and textlint.

    python bench/bench_scale.py [--limit N] [--jobs-files N] [--textlint-files N] [--skip-textlint]

Over ../shared/corpus/md_docs (Markdown product docs, ~2,170 files, 1.9M words):

1. cold vs warm cache: `brandlint check <corpus>` with the shipped packs (ai-tells, inclusive,
   plain-language: lexical rules, readability, spaCy passive voice), default --jobs, an empty
   cache directory, then the same command again (target: warm >= 20x faster);
2. `--jobs 2` vs `--jobs 1` (--no-cache) on the first --jobs-files files, same packs;
3. side by side with textlint 15 + textlint-rule-terminology + textlint-rule-write-good,
   installed from npm into a work directory (default /tmp/brandlint-bench-textlint), on every
   file (or the first --textlint-files), against a comparable brandlint pack built here from the very word
   lists and patterns those npm packages ship (terminology: its terms.jsonc; write-good: weasel
   words, adverbs, wordy phrases, cliches, passive voice, "So", "There is", repeated words).

Every command runs as a child process; wall time includes start-up; peak memory is the largest
sum of the resident memory of the whole process tree (workers, fork server, node), and CPU the
user+system time of every process of the tree, both sampled every 20 ms from /proc ("cores
busy" = CPU / wall: on a shared machine, what the run could get). Words are whitespace-separated
tokens of the files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "md_docs"
NPM_PACKAGES = ["textlint@15.8.0", "textlint-rule-terminology@5.2.16", "textlint-rule-write-good@2.0.0"]
PAGE = os.sysconf("SC_PAGE_SIZE")


# ------------------------------------------------------------------------------ measuring


TICK = os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> list[tuple[int, int, float]]:
    """(pid, resident bytes, CPU seconds so far) of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    stats: dict[int, bytes] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(name))
        stats[int(name)] = fields
    out = []
    todo = [root]
    while todo:
        pid = todo.pop()
        fields = stats.get(pid)
        if fields is not None:
            out.append((pid, int(fields[21]) * PAGE, (int(fields[11]) + int(fields[12])) / TICK))
        todo.extend(children.get(pid, ()))
    return out


class Measured:
    def __init__(self, wall: float, peak: int, peak_one: int, cpu: float, code: int, out: str, err: str) -> None:
        self.wall, self.peak, self.peak_one, self.cpu = wall, peak, peak_one, cpu
        self.code, self.out, self.err = code, out, err


def measure(cmd: list[str], *, cwd: Path, env: dict | None = None) -> Measured:
    """Run ``cmd``; wall time, peak memory of its process tree and the CPU time the tree used."""
    full_env = dict(os.environ, NO_COLOR="1", **(env or {}))
    full_env.pop("CI", None)
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=out, stderr=err)
        peak = [0, 0]
        cpu: dict[int, float] = {}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                tree = _tree(proc.pid)
                peak[0] = max(peak[0], sum(rss for _, rss, _ in tree))
                peak[1] = max([peak[1]] + [rss for _, rss, _ in tree])
                for pid, _, secs in tree:
                    cpu[pid] = max(cpu.get(pid, 0.0), secs)
                done.wait(0.02)

        th = threading.Thread(target=sample, daemon=True)
        th.start()
        code = proc.wait()
        wall = time.perf_counter() - t0
        done.set()
        th.join()
        out.seek(0)
        err.seek(0)
        return Measured(
            wall,
            peak[0],
            peak[1],
            sum(cpu.values()),
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def words_of(files: list[Path]) -> int:
    return sum(len(f.read_text("utf-8", "replace").split()) for f in files)


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def brandlint(*args: str) -> list[str]:
    return [sys.executable, "-m", "brandlint", "check", *args]


# ------------------------------------------------------------------------------ projects


def default_project(tmp: Path) -> Path:
    cfg = tmp / "shipped" / "brandlint.toml"
    cfg.parent.mkdir(parents=True)
    cfg.write_text('packs = ["ai-tells", "inclusive", "plain-language"]\nrespect-gitignore = false\n')
    return cfg


def npm_install(workdir: Path) -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    if not (workdir / "package.json").exists():
        (workdir / "package.json").write_text('{"private": true}\n')
    bin_ = workdir / "node_modules" / ".bin" / "textlint"
    if not bin_.exists():
        print(f"installing {' '.join(NPM_PACKAGES)} from npm into {workdir} ...", flush=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", *NPM_PACKAGES], cwd=workdir, check=True
        )
    (workdir / ".textlintrc.json").write_text(json.dumps({"rules": {"terminology": True, "write-good": True}}))
    return bin_


def _js_list(path: Path, name: str) -> list[str]:
    text = path.read_text("utf-8")
    m = re.search(rf"\b{name}\s*=\s*\[(.*?)\];", text, re.S)
    if not m:
        raise SystemExit(f"cannot find the list {name!r} in {path}")
    return [s.replace("\\'", "'") for s in re.findall(r"'((?:[^'\\]|\\.)*)'", m.group(1))]


def _jsonc(text: str) -> object:
    """JSON with // comments and trailing commas (terms.jsonc)."""
    out, i, in_str = [], 0, False
    while i < len(text):
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return json.loads(re.sub(r",(\s*[\]}])", r"\1", "".join(out)))


def comparable_pack(tmp: Path, node_modules: Path) -> tuple[Path, dict]:
    """brandlint rules built from the word lists and patterns of the textlint rules' packages."""
    from brandlint.patterns import check_pattern

    pack = tmp / "textlint-like"
    pack.mkdir()
    q = json.dumps
    terms = _jsonc((node_modules / "textlint-rule-terminology" / "terms.jsonc").read_text("utf-8"))
    words, seen = [], set()
    for t in terms:  # a term listed twice (terms.jsonc has one) is one term
        if isinstance(t, str) and t.lower() not in seen:
            seen.add(t.lower())
            words.append(t)
    pairs = [t for t in terms if isinstance(t, list)]
    body = ['kind = "terminology"', "message = \"Incorrect term: '{match}', use '{preferred}' instead.\""]
    for w in words:
        body += ["[[terms]]", f"preferred = {q(w)}", "case-sensitive = true"]
    (pack / "terminology.toml").write_text("\n".join(body) + "\n")
    kept = skipped = 0
    for i, (pattern, replacement) in enumerate(pairs):
        wrapped = rf"\b(?:{pattern})\b" if not pattern.startswith("\\b") else pattern
        if check_pattern(wrapped) is not None:  # lookarounds: RE2 has none
            skipped += 1
            continue
        rep = re.sub(r"\$(\d)", r"\\\1", replacement)
        (pack / f"term-{i:03d}.toml").write_text(
            f'kind = "pattern"\npattern = {q(wrapped)}\nignorecase = true\nreplacement = {q(rep)}\n'
            "message = \"Incorrect term: '{match}', use '{replacement}' instead.\"\n"
        )
        kept += 1
    wg = node_modules
    weasels = _js_list(wg / "weasel-words" / "weasel.js", "weasels")
    adverbs = _js_list(wg / "adverb-where" / "adverbs.js", "adverbs")
    weakens = _js_list(wg / "adverb-where" / "adverbs.js", "weakens")
    wordy = _js_list(wg / "too-wordy" / "too-wordy.js", "wordyWords")
    cliches = _js_list(wg / "no-cliches" / "cliches.js", "cliches")
    irregulars = _js_list(wg / "passive-voice" / "passive.js", "irregulars")
    rules = {
        "weasel": f'kind = "existence"\nmessage = "\'{{match}}\' is a weasel word"\ntokens = {q(weasels)}\n',
        "too-wordy": f'kind = "existence"\nmessage = "\'{{match}}\' is wordy or unneeded"\ntokens = {q(wordy)}\n',
        "cliches": f'kind = "existence"\nmessage = "\'{{match}}\' is a cliche"\ntokens = {q(cliches)}\n',
        "adverb": 'kind = "existence"\nmessage = "\'{match}\' can weaken meaning"\npatterns = '
        + q([r"\b(?:(?:" + "|".join(adverbs) + r")y|" + "|".join(weakens) + r")\b"])
        + "\n",
        "passive": 'kind = "existence"\nmessage = "\'{match}\' may be passive voice"\npatterns = '
        + q([r"\b(?:am|are|were|being|is|been|was|be)\b\s*(?:\w+ed|" + "|".join(irregulars) + r")\b"])
        + "\n",
        "so": 'kind = "pattern"\nmessage = "\'So\' adds no meaning"\nignorecase = true\npattern = '
        + q(r"(?:^|[.;!?]\s+)so\b")
        + "\n",
        "there-is": 'kind = "pattern"\nmessage = "\'{match}\' is unnecessary verbiage"\nignorecase = true\npattern = '
        + q(r"(?:^|[.;!?]\s+)there\s(?:is|are)\b")
        + "\n",
        "illusion": 'kind = "repetition"\nmessage = "\'{match}\' is repeated"\n',
    }
    for name, text in rules.items():
        (pack / f"{name}.toml").write_text(text)
    cfg = tmp / "textlint-like.toml"
    cfg.write_text(f"packs = [{q(str(pack))}]\nrespect-gitignore = false\n")
    info = {
        "terms": len(words),
        "term patterns": kept,
        "term patterns skipped (lookarounds)": skipped,
        "write-good lists": sum(map(len, (weasels, adverbs, weakens, wordy, cliches, irregulars))),
    }
    return cfg, info


# ------------------------------------------------------------------------------ main


def _cache_line(err: str) -> str:
    return next((l for l in err.splitlines() if l.startswith("cache: ")), "cache: ?")


def row(name: str, m: Measured, words: int, extra: str = "") -> str:
    return (
        f"  {name:<34} {m.wall:8.2f} s {words / m.wall:>10,.0f} words/s {mb(m.peak):>9} peak "
        f"(largest process {mb(m.peak_one)}), CPU {m.cpu:6.1f} s = {m.cpu / m.wall:.2f} cores busy{extra}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="cache benchmark on the first N files (default: all)")
    ap.add_argument("--jobs-files", type=int, default=300, help="files for --jobs 2 vs 1 (default 300)")
    ap.add_argument("--textlint-files", type=int, default=0, help="files for the textlint comparison (default: all)")
    ap.add_argument("--skip-textlint", action="store_true")
    ap.add_argument("--npm-dir", type=Path, default=Path(tempfile.gettempdir()) / "brandlint-bench-textlint")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    files = sorted(CORPUS.rglob("*.md"))
    cpus = len(os.sched_getaffinity(0))
    print(f"machine: {cpus} CPUs, load average {os.getloadavg()[0]:.1f} at start; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        cfg = default_project(tmp)

        # 1. cold vs warm cache ----------------------------------------------------------
        subset = files[: args.limit] if args.limit else files
        target = [str(f) for f in subset] if args.limit else [str(CORPUS)]
        words = words_of(subset)
        env = {"BRANDLINT_CACHE_DIR": str(tmp / "cache")}
        base = ["--config", str(cfg), "--output-format", "json", "-v", *target]
        print(f"\n1. result cache: {len(subset)} files, {words:,} words, shipped packs, --jobs {cpus} (default)")
        cold = measure(brandlint(*base), cwd=tmp, env=env)
        warm = measure(brandlint(*base), cwd=tmp, env=env)
        note = ""
        if "0 misses" not in _cache_line(warm.err):  # code or rules edited meanwhile: once more
            note = "  (first warm run missed: brandlint's files changed during the cold run; ran again)"
            warm = measure(brandlint(*base), cwd=tmp, env=env)
        same = cold.out == warm.out
        print(row("cold (empty cache)", cold, words, f"  [{_cache_line(cold.err)[7:].split(' (')[0]}]"))
        print(row("warm", warm, words, f"  [{_cache_line(warm.err)[7:].split(' (')[0]}]"))
        print(f"  warm is {cold.wall / warm.wall:.0f}x faster (target >= 20x); reports identical: {same}{note}")
        n_findings = len(json.loads(cold.out)["findings"]) if cold.out.strip() else 0
        print(f"  {n_findings:,} findings")

        # 2. --jobs 2 vs --jobs 1 -------------------------------------------------------------
        jf = files[: args.jobs_files]
        jwords = words_of(jf)
        print(f"\n2. worker processes: first {len(jf)} files, {jwords:,} words, shipped packs, --no-cache")
        common = ["--config", str(cfg), "--output-format", "json", "--no-cache", "-v", *map(str, jf)]
        one = measure(brandlint("--jobs", "1", *common), cwd=tmp)
        two = measure(brandlint("--jobs", "2", *common), cwd=tmp)
        print(row("brandlint --jobs 1", one, jwords))
        print(row("brandlint --jobs 2", two, jwords))
        print(f"  speed-up {one.wall / two.wall:.2f}x on {cpus} CPUs; reports identical: {one.out == two.out}")

        # 3. textlint ------------------------------------------------------------------------
        if args.skip_textlint:
            return 0
        if shutil.which("node") is None or shutil.which("npm") is None:
            print("\n3. textlint: skipped (node/npm not found)")
            return 0
        textlint = npm_install(args.npm_dir)
        tcfg, info = comparable_pack(tmp, args.npm_dir / "node_modules")
        tf = files[: args.textlint_files] if args.textlint_files else files
        twords = words_of(tf)
        which = f"first {len(tf)} files (a subset)" if len(tf) < len(files) else f"all {len(tf)} files"
        print(f"\n3. textlint vs brandlint, comparable rules: {which}, {twords:,} words")
        print(
            "  brandlint pack built from the npm packages' own lists: " + ", ".join(f"{k} {v}" for k, v in info.items())
        )
        tl = measure(
            [str(textlint), "--config", str(args.npm_dir / ".textlintrc.json"), "--format", "json", *map(str, tf)],
            cwd=args.npm_dir,
        )
        try:
            tl_findings = sum(len(r["messages"]) for r in json.loads(tl.out))
        except ValueError:
            print(f"  textlint failed (exit {tl.code}): {tl.err.strip()[:500]}")
            return 1
        tcommon = ["--config", str(tcfg), "--output-format", "json", "--no-cache", *map(str, tf)]
        b1 = measure(brandlint("--jobs", "1", *tcommon), cwd=tmp)
        bn = measure(brandlint(*tcommon), cwd=tmp)
        try:
            b_findings = len(json.loads(b1.out)["findings"])
        except ValueError:
            print(f"  brandlint failed (exit {b1.code}): {b1.err.strip()[:500]}")
            return 1
        print(row("textlint (terminology, write-good)", tl, twords, f"  {tl_findings:,} findings"))
        print(row("brandlint --jobs 1", b1, twords, f"  {b_findings:,} findings"))
        print(row(f"brandlint --jobs {cpus} (default)", bn, twords))
        print(
            f"  brandlint is {tl.wall / b1.wall:.1f}x faster in one process, {tl.wall / bn.wall:.1f}x with "
            f"--jobs {cpus}; memory {tl.peak / max(b1.peak, 1):.1f}x less than textlint in one process"
        )
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
