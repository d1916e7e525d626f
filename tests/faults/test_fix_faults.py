"""``fix`` under faults: read-only files, files changed while fixed, concurrent fixes, kill -9.
Every file ends byte-identical to its original or to its fully fixed version."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from _faults import assert_whole, brandlint, env, expect, fault, temps
from support import write

SELECT = ("--select", "plain-language/simpler-words", "--unsafe-fixes")
DOC = "We utilize it.\r\nThey utilize the tool, and we utilize it too.\r\n"
FIXED = "We use it.\r\nThey use the tool, and we use it too.\r\n"


def corpus(root: Path, n: int) -> tuple[list[Path], dict[Path, bytes], dict[Path, bytes]]:
    """``n`` Markdown files (CRLF, some with a BOM and longer) and their fully fixed bytes."""
    files, originals, fixed = [], {}, {}
    for i in range(n):
        bom = b"\xef\xbb\xbf" if i % 3 == 0 else b""
        body, done = DOC * (1 + i % 7), FIXED * (1 + i % 7)
        f = root / "docs" / f"d{i:03d}.md"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(bom + body.encode())
        files.append(f)
        originals[f], fixed[f] = f.read_bytes(), bom + done.encode()
    return files, originals, fixed


@fault(
    "read-only",
    "read-only file, or a file in a read-only folder, to fix",
    "not written; `cannot write the fixed file` error naming it",
    2,
)
def test_read_only(as_user):
    files, originals, fixed = corpus(as_user.dir, 3)
    files[0].chmod(0o444)
    (as_user.dir / "locked").mkdir()
    locked = write(as_user.dir / "locked" / "l.md", DOC)
    originals[locked] = locked.read_bytes()
    (as_user.dir / "locked").chmod(0o555)
    r = as_user.run("fix", *SELECT, "docs", "locked")
    expect("read-only", r)
    assert f"error: {Path('docs/d000.md')}: cannot write the fixed file: the file is read-only (mode 0444)" in r.stderr
    assert f"error: {Path('locked/l.md')}: cannot write the fixed file: Permission denied" in r.stderr
    assert files[0].read_bytes() == originals[files[0]] and locked.read_bytes() == originals[locked]
    assert [f.read_bytes() for f in files[1:]] == [fixed[f] for f in files[1:]]
    assert_whole([*files, locked], originals, fixed)


CHANGER = '''
from pathlib import Path
from brandlint.plugins.hookspecs import hookimpl
from brandlint.rules.base import Rule

class Changer(Rule):
    """Writes to the file being fixed while it is linted: another program saving it."""
    kind = "changer"

    def check(self, doc, ctx):
        p = Path(doc.path)
        flag = p.with_suffix(".changed")
        if p.name == "victim.md" and not flag.exists():
            flag.write_text("x")
            with open(p, "ab") as fh:
                fh.write(b"Saved by an editor meanwhile.\\n")
        return ()

@hookimpl
def brandlint_rule_kinds():
    return [Changer]
'''


@fault(
    "changed-during-fix",
    "file saved by another program while it is being fixed",
    "not written (the other program's bytes kept); error says to run again",
    2,
)
def test_changed_during_fix(tmp_path):
    write(tmp_path / "plugins" / "changer.py", CHANGER)
    write(tmp_path / "rules" / "house" / "changer.toml", 'kind = "changer"\n')
    write(
        tmp_path / "brandlint.toml",
        'packs = ["rules/house", "plain-language"]\nplugin-paths = ["plugins"]\nselect = ["house", "plain-language/simpler-words"]\n',
    )
    victim = write(tmp_path / "victim.md", "We utilize it.\n")
    other = write(tmp_path / "other.md", "We utilize it.\n")
    r = brandlint("fix", "--unsafe-fixes", "victim.md", "other.md", cwd=tmp_path, BRANDLINT_TRUST=str(tmp_path))
    expect("changed-during-fix", r)
    assert (
        "error: victim.md: not written: its size or modification time changed since it was read; run brandlint again"
        in r.stderr
    )
    assert victim.read_text() == "We utilize it.\nSaved by an editor meanwhile.\n"
    assert other.read_text() == "We use it.\n"


@fault(
    "concurrent-fix",
    "two `brandlint fix` runs on the same 60 files at once",
    "each file fixed once; a run that finds a file changed under it leaves it",
    "0 or 2",
)
def test_concurrent_fixes(tmp_path):
    files, originals, fixed = corpus(tmp_path, 60)
    cmd = [sys.executable, "-m", "brandlint", "fix", *SELECT, "-q", "docs"]
    procs = [
        subprocess.Popen(cmd, cwd=tmp_path, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode in (0, 2), err
        assert "Traceback" not in err
        for line in err.splitlines():
            if line.startswith("error:"):
                assert "since it was read; run brandlint again" in line, line
    assert_whole(files, originals, fixed)
    assert all(f.read_bytes() == fixed[f] for f in files)  # the other run fixed what one left


@fault(
    "kill-9",
    "`kill -9` during `fix` of 300 files (CRLF, BOM)",
    "every file original or fully fixed; a killed write's temp file is removed by the next fix, which finishes the job",
    "-9, then 0",
)
def test_kill_9_during_fix(tmp_path):
    files, originals, fixed = corpus(tmp_path, 300)
    cmd = [sys.executable, "-m", "brandlint", "fix", *SELECT, "-q", "--jobs", "1", "docs"]
    killed = 0
    for target in (1, 60, 150):  # kill once this many files are fixed (progress, not a clock)
        for f in files:
            f.write_bytes(originals[f])
        p = subprocess.Popen(cmd, cwd=tmp_path, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while p.poll() is None and time.monotonic() < deadline:
            if sum(f.read_bytes() == fixed[f] for f in files) >= target:
                break
            time.sleep(0.002)
        p.send_signal(signal.SIGKILL)
        rc = p.wait()
        assert rc in (-signal.SIGKILL, 0), rc  # 0: it finished first
        killed += rc == -signal.SIGKILL
        assert_whole(files, originals, fixed, temps_left=3)  # at most one per killed run
    assert killed >= 2, "the fix finished before it could be killed: use more files"
    # a dead writer's temp file, as kill -9 between creating it and the rename leaves it
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = files[5].with_name(f".{files[5].name}.{dead.stdout.strip()}.0badc0de.tmp")
    stale.write_bytes(b"half a fi")
    r = brandlint("fix", *SELECT, "-q", "docs", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert all(f.read_bytes() == fixed[f] for f in files)
    assert temps(files) == []
    assert_whole(files, originals, fixed)
