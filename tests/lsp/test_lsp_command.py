"""`brandlint lsp` without pygls: a clear error naming the extra to install, exit code 2."""

from __future__ import annotations

import subprocess
import sys

HIDE_PYGLS = """
import sys
sys.modules["pygls"] = None  # as if pygls were not installed
from brandlint.cli import main
sys.exit(main(["lsp"]))
"""


def test_missing_pygls_is_a_clear_error():
    proc = subprocess.run([sys.executable, "-c", HIDE_PYGLS], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == (
        "error: the language server needs pygls 2.x: install it with "
        "`pip install 'brandlint[lsp]'` (or `pip install 'pygls>=2.0'`)\n"
    )
    assert proc.stdout == ""


def test_other_commands_do_not_import_pygls():
    code = (
        "import sys; from brandlint.cli import main; main(['rules', '--all']); "
        "print('pygls' in sys.modules, 'brandlint.lsp' in sys.modules, file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().splitlines()[-1] == "False False"
