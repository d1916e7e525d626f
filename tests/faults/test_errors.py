"""A bug inside one file's lint (a rule, a plugin) is a finding for that file, never a
traceback: serial and parallel runs report it alike, and the run goes on. NLP rules take
paragraphs longer than spaCy's limit in chunks."""

from __future__ import annotations

import json

from _faults import brandlint, expect, fault
from support import write

BUGGY = """
from brandlint.plugins.hookspecs import hookimpl
from brandlint.rules.base import Rule

class Buggy(Rule):
    kind = "buggy"
    needs = frozenset({"model"})  # a model-backed rule: a pool pays off sooner

    def check_segment(self, doc, seg, ctx):
        if "BOOM" in seg.text:
            return {}["no such key"]
        return ()

@hookimpl
def brandlint_rule_kinds():
    return [Buggy]
"""

MESSAGE = (
    "brandlint/internal-error internal error in house/buggy: KeyError: 'no such key' (the rest of the file "
    "was linted without it; -v shows the traceback; please report it) [error]"
)


def _project(tmp_path):
    write(tmp_path / "plugins" / "buggy.py", BUGGY)
    write(tmp_path / "rules" / "house" / "buggy.toml", 'kind = "buggy"\n')
    write(
        tmp_path / "brandlint.toml",
        'packs = ["rules/house", "plain-language"]\nplugin-paths = ["plugins"]\n'
        'select = ["house", "plain-language/simpler-words"]\n',
    )
    for i in range(12):
        text = f"# P{i}\n\n" + "calm words here " * 600 + "\n\nWe utilize it.\n" + ("\nBOOM\n" if i in (3, 8) else "")
        write(tmp_path / "docs" / f"p{i:02d}.md", text)


@fault(
    "rule-bug",
    "a rule that raises (KeyError) on some files, serial and `-j 2`",
    "`internal-error` finding for those files naming the rule; other rules and files linted; traceback only with -v",
    1,
)
def test_rule_bug_serial_and_parallel(tmp_path):
    _project(tmp_path)
    trust = {"BRANDLINT_TRUST": str(tmp_path)}
    args = ("check", "--no-cache", "--output-format", "concise", "-q", "docs")
    serial = brandlint(*args, "--jobs", "1", cwd=tmp_path, **trust)
    expect("rule-bug", serial)
    pooled = brandlint(*args, "--jobs", "2", "-v", cwd=tmp_path, **trust)
    expect("rule-bug", pooled, verbose=True)
    assert "linted 12 in 2 worker processes" in pooled.stderr
    assert serial.stdout == pooled.stdout
    got = serial.stdout.splitlines()
    assert [g for g in got if "internal-error" in g] == [f"docs/p03.md:1:1: {MESSAGE}", f"docs/p08.md:1:1: {MESSAGE}"]
    assert sum("plain-language/simpler-words" in g for g in got) == 12  # every file's other findings
    # -v: the traceback, on stderr, for each
    assert pooled.stderr.count("Traceback (most recent call last):") == 2
    assert "KeyError: 'no such key'" in pooled.stderr and "in check_segment" in pooled.stderr
    report = json.loads(
        brandlint("check", "--no-cache", "--output-format", "json", "docs", cwd=tmp_path, **trust).stdout
    )
    bugs = [f for f in report["findings"] if f["rule_id"] == "brandlint/internal-error"]
    assert len(bugs) == 2 and all("traceback" not in f["data"] for f in bugs)


@fault(
    "nlp-long-paragraph",
    "1.1M-character paragraph with an NLP rule (spaCy's limit is 1M: E088)",
    "parsed in chunks of `[limits] nlp-segment-length`; findings at both ends",
    0,
)
def test_nlp_long_paragraph(tmp_path):
    write(
        tmp_path / "p.md",
        "The cake was eaten by the dog.\n" + ("a" * 50_000 + "\n") * 22 + "The ball was thrown by him.\n",
    )
    r = brandlint(
        "check",
        "--no-cache",
        "--select",
        "plain-language/passive-voice",
        "--output-format",
        "concise",
        "-q",
        "p.md",
        cwd=tmp_path,
    )
    expect("nlp-long-paragraph", r)
    assert r.stdout.splitlines() == [
        "p.md:1:10: plain-language/passive-voice 'was eaten' is passive voice; say who does what. [info]",
        "p.md:24:10: plain-language/passive-voice 'was thrown' is passive voice; say who does what. [info]",
    ]
