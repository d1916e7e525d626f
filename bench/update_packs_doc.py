"""Regenerate the measured sections of docs/packs.md from the benchmark scripts' output.

docs/packs.md holds blocks between ``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers; this
script runs the command that belongs to each block and writes the command and its output there,
so no figure in the document is typed by hand:

* ``rules-<pack>``: the table of a pack's rules (id, kind, severity, description) from the TOML;
* ``accuracy``: ``python bench/accuracy.py``;
* ``fix-safety``: ``python bench/fix_safety.py --judged bench/data/fix_safety_judged.jsonl``;
* ``noise-proposed``: ``python bench/default_noise.py --config proposed``;
* ``noise-current``: ``python bench/default_noise.py --config current --sample 150``;
* ``accuracy-before`` / ``noise-before``: the same scripts run in a checkout of the packs before
  issue 11 (``--before DIR``: a tree with ``src/`` and ``rules/`` of that commit and this
  ``bench/``); without ``--before`` these two blocks are left as they are.

    python bench/update_packs_doc.py [--before DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "packs.md"
sys.path.insert(0, str(ROOT / "src"))

COMMANDS = {
    "accuracy": ["bench/accuracy.py"],
    "fix-safety": ["bench/fix_safety.py", "--judged", "bench/data/fix_safety_judged.jsonl"],
    "noise-proposed": ["bench/default_noise.py", "--config", "proposed"],
    "noise-current": ["bench/default_noise.py", "--config", "current", "--sample", "150"],
}
BEFORE = {
    "accuracy-before": ["bench/accuracy.py"],
    "noise-before": ["bench/default_noise.py", "--config", "current", "--sample", "150"],
}
PACKS = ("ai-tells", "inclusive", "plain-language", "example-brand")


def run(args: list[str], cwd: Path) -> str:
    res = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({res.returncode}):\n{res.stderr[-2000:]}")
    return res.stdout.rstrip()


def block_text(command: str, output: str) -> str:
    """The command, then its output (Markdown tables stay tables; other lines become text)."""
    lines = [f"`{command}`", ""]
    for line in output.splitlines():
        if line.startswith(("Missed (dev halves only)", "False positives (dev halves only)")):
            break  # case-by-case lists are for the terminal, not the document
        if line.startswith("Pairs: "):
            continue  # where this run wrote its files: not a result
        lines.append(line)
    return "\n".join(lines)


def rules_table(pack: str) -> str:
    from brandlint.config.settings import load_settings  # noqa: PLC0415

    settings = load_settings(None, cwd=ROOT, overrides={"packs": [pack]})
    rows = ["| rule | kind | severity | what it checks |", "|---|---|---|---|"]
    for rule in sorted(settings.all_rules, key=lambda r: r.id):
        what = " ".join(rule.meta.docs.what.split()).replace("|", "\\|")
        rows.append(f"| `{rule.id}` | {rule.meta.kind} | {rule.meta.severity.name.lower()} | {what} |")
    return "\n".join(rows)


def replace_block(doc: str, name: str, body: str) -> str:
    rx = re.compile(rf"(<!-- BEGIN {re.escape(name)} -->\n)(.*?)(<!-- END {re.escape(name)} -->)", re.S)
    if not rx.search(doc):
        raise SystemExit(f"docs/packs.md has no block {name!r}")
    return rx.sub(lambda m: m.group(1) + body + "\n" + m.group(3), doc)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, help="a tree with the packs before issue 11 (src/, rules/, bench/)")
    ap.add_argument("--only", nargs="*", help="regenerate only these blocks")
    args = ap.parse_args(argv)
    doc = DOC.read_text("utf-8")
    wanted = set(args.only or [])
    for pack in PACKS:
        name = f"rules-{pack}"
        if not wanted or name in wanted:
            doc = replace_block(doc, name, rules_table(pack))
    for name, cmd in COMMANDS.items():
        if not wanted or name in wanted:
            doc = replace_block(doc, name, block_text("python " + " ".join(cmd), run(cmd, ROOT)))
    if args.before:
        for name, cmd in BEFORE.items():
            if not wanted or name in wanted:
                doc = replace_block(
                    doc,
                    name,
                    block_text("python " + " ".join(cmd) + "   # in the tree before issue 11", run(cmd, args.before)),
                )
    DOC.write_text(doc, encoding="utf-8")
    print(f"updated {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
