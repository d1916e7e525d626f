"""`brandlint fix` and `brandlint check --fix` end to end (real subprocess, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support import write

RULES = {
    "email.toml": """kind = "substitution"\nmessage = "Write '{preferred}', not '{match}'."\n[swap]\n"e-mail" = "email"\n""",
    "product.toml": """kind = "substitution"\nseverity = "error"\nmessage = "Write '{preferred}'."\npreserve-case = false\n[swap]\n"acme cloud" = "Acme Cloud"\n""",
    "risky.toml": """kind = "substitution"\nmessage = "Use '{preferred}'."\nunsafe = true\n[swap]\n"utilize" = "use"\n""",
    "banned.toml": """kind = "existence"\nseverity = "info"\nmessage = "Avoid '{match}'."\ntokens = ["synergy"]\n""",
}

DOC = "# Acme cloud\n\nSend an e-mail to utilize acme cloud.\n"
DATA = '{"title": "An e-mail about \\"acme cloud\\""}\n'


def project(tmp_path: Path) -> Path:
    for name, body in RULES.items():
        write(tmp_path / "rules" / "house" / name, body)
    write(tmp_path / "brandlint.toml", 'packs = ["rules/house"]\nfail-on = "warning"\n')
    write(tmp_path / "docs" / "a.md", DOC)
    write(tmp_path / "docs" / "b.json", DATA)
    return tmp_path


def read(p: Path) -> str:
    return p.read_bytes().decode("utf-8")


def test_fix_applies_safe_fixes_reports_rest_and_is_idempotent(tmp_path, cli):
    root = project(tmp_path)
    r = cli("fix", "docs", "--show-fixes", "--output-format", "concise", cwd=root)
    assert r.returncode == 1, r.stderr  # the unsafe 'utilize' (a warning) remains
    assert read(root / "docs" / "a.md") == "# Acme Cloud\n\nSend an email to utilize Acme Cloud.\n"
    assert read(root / "docs" / "b.json") == '{"title": "An email about \\"Acme Cloud\\""}\n'
    assert r.stderr == (
        "Fixed 5 findings:\n"
        "- docs/a.md:\n"
        "    2 × house/product\n"
        "    1 × house/email\n"
        "- docs/b.json:\n"
        "    1 × house/email\n"
        "    1 × house/product\n"
        "Fixed 5 findings (1 remaining).\n"
        "1 more fixable with --unsafe-fixes.\n"
    )
    assert r.stdout.splitlines()[0] == "docs/a.md:3:18: house/risky Use 'use'. [warning]"
    again = cli("fix", "docs", cwd=root)
    assert again.returncode == 1
    assert again.stderr == "Fixed 0 findings (1 remaining).\n1 more fixable with --unsafe-fixes.\n"
    assert read(root / "docs" / "a.md") == "# Acme Cloud\n\nSend an email to utilize Acme Cloud.\n"


def test_fix_unsafe_fixes_and_exit_codes(tmp_path, cli):
    root = project(tmp_path)
    write(root / "docs" / "c.txt", "Pure synergy.\n")  # an info finding: below fail-on
    r = cli("fix", "docs", "--unsafe-fixes", cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    assert read(root / "docs" / "a.md") == "# Acme Cloud\n\nSend an email to use Acme Cloud.\n"
    assert r.stderr == "Fixed 6 findings (1 remaining).\n"
    assert "docs/c.txt:1:6: house/banned Avoid 'synergy'. [info]" in r.stdout
    r = cli("fix", "docs", "--fail-on", "info", cwd=root)
    assert r.returncode == 1
    r = cli("fix", "docs", "--fail-on", "info", "--exit-zero", cwd=root)
    assert r.returncode == 0
    write(root / "docs" / "d.md", "One e-mail.\n")
    r = cli("fix", "docs/d.md", "--exit-non-zero-on-fix", cwd=root)
    assert r.returncode == 1 and read(root / "docs" / "d.md") == "One email.\n"
    assert cli("fix", "docs/d.md", "--exit-non-zero-on-fix", cwd=root).returncode == 0


def test_fix_diff_prints_and_writes_nothing(tmp_path, cli):
    root = project(tmp_path)
    r = cli("fix", "docs", "--diff", cwd=root)
    assert r.returncode == 1, r.stderr
    assert r.stdout == (
        "--- docs/a.md\n+++ docs/a.md\n@@ -1,3 +1,3 @@\n"
        "-# Acme cloud\n+# Acme Cloud\n \n"
        "-Send an e-mail to utilize acme cloud.\n+Send an email to utilize Acme Cloud.\n"
        "--- docs/b.json\n+++ docs/b.json\n@@ -1 +1 @@\n"
        '-{"title": "An e-mail about \\"acme cloud\\""}\n+{"title": "An email about \\"Acme Cloud\\""}\n'
    )
    assert r.stderr == "Would fix 5 findings in 2 files (1 remaining).\n1 more fixable with --unsafe-fixes.\n"
    assert read(root / "docs" / "a.md") == DOC and read(root / "docs" / "b.json") == DATA
    # the diff applies with `git apply -p0` (as with patch -p0) and gives what `fix` writes
    subprocess.run(["git", "apply", "-p0"], input=r.stdout, text=True, cwd=root, check=True)
    assert read(root / "docs" / "a.md") == "# Acme Cloud\n\nSend an email to utilize Acme Cloud.\n"
    r = cli("fix", "docs", "--diff", cwd=root)
    assert (r.returncode, r.stdout) == (0, "")  # nothing left to change: exit 0 even with findings left
    # `check --diff` behaves the same
    assert cli("check", "docs", "--diff", cwd=root).returncode == 0


def test_check_fix_fixes_then_reports_remaining(tmp_path, cli):
    root = project(tmp_path)
    r = cli("check", "--fix", "docs", "--output-format", "json", cwd=root)
    assert r.returncode == 1, r.stderr
    assert r.stderr == "Fixed 5 findings (1 remaining).\n1 more fixable with --unsafe-fixes.\n"
    findings = json.loads(r.stdout)["findings"]
    assert [(f["rule_id"], f["span"]["start"]["line"], f["span"]["start"]["column"]) for f in findings] == [
        ("house/risky", 3, 18)
    ]
    assert read(root / "docs" / "a.md") == "# Acme Cloud\n\nSend an email to utilize Acme Cloud.\n"
    r = cli("check", "--fix", "--unsafe-fixes", "docs", cwd=root)
    assert r.returncode == 0, r.stdout
    assert r.stderr == "Fixed 1 finding (0 remaining).\n"


def test_fix_stdin_writes_fixed_text_to_stdout(tmp_path, cli):
    root = project(tmp_path)
    raw = subprocess.run(
        [sys.executable, "-m", "brandlint", "fix", "--stdin-filename", "x.md"],
        cwd=root,
        input="\ufeffAn e-mail,\r\nacme cloud.\r\n".encode(),
        capture_output=True,
        timeout=60,
    )
    assert raw.returncode == 0, raw.stderr
    assert raw.stdout == "\ufeffAn email,\r\nAcme Cloud.\r\n".encode()  # bytes as given: BOM, CRLF
    r = cli("fix", "--stdin-filename", "x.md", "--show-fixes", cwd=root, stdin="An e-mail,\nacme cloud.\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "An email,\nAcme Cloud.\n"
    assert (
        r.stderr
        == "Fixed 2 findings:\n- x.md:\n    1 × house/email\n    1 × house/product\nFixed 2 findings (0 remaining).\n"
    )
    r = cli("check", "--fix", "--stdin-filename", "x.md", cwd=root, stdin="An e-mail.\n")
    assert (r.returncode, r.stdout) == (0, "An email.\n")


def test_fix_keeps_bytes_outside_fixed_spans(tmp_path, cli):
    root = project(tmp_path)
    raw = "\ufeffÜber acme cloud\r\n\r\n* e-mail 😀\r\n".encode("utf-8")
    f = root / "docs" / "u.md"
    f.write_bytes(raw)
    os.chmod(f, 0o640)
    r = cli("fix", "docs/u.md", cwd=root)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f.read_bytes() == raw.replace(b"acme cloud", b"Acme Cloud").replace(b"e-mail", b"email")
    assert os.stat(f).st_mode & 0o777 == 0o640


def test_fix_errors_exit_2(tmp_path, cli):
    root = project(tmp_path)
    r = cli("fix", "docs", "--config", "missing.toml", cwd=root)
    assert r.returncode == 2
    assert r.stderr == "error: config file not found: missing.toml\n"
    r = cli("fix", "docs", "--output-format", "nope", cwd=root)
    assert r.returncode == 2 and r.stderr.startswith("error: unknown output format 'nope': choose from ")
    assert read(root / "docs" / "a.md") == DOC  # nothing written before the error
    r = cli("fix", "nope.md", cwd=root)
    assert r.returncode == 1  # a missing file is an error finding, like `check`
    assert "nope.md:1:1: brandlint/io-error file not found [error]" in r.stdout
