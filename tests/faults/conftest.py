"""Fixtures of the fault suite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _faults import env


class Unprivileged:
    """Run brandlint where file permissions bind: root ignores them, so as root the command
    runs without capabilities (``setpriv``: no DAC override), as other users as it is."""

    def __init__(self, root: Path, prefix: list[str]) -> None:
        self.dir = root
        self.prefix = prefix

    def run(self, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.prefix, sys.executable, "-m", "brandlint", *args],
            cwd=self.dir,
            capture_output=True,
            text=True,
            env=env(**extra),
            timeout=timeout,
        )


@pytest.fixture
def as_user(tmp_path):
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux): permissions cannot be made to bind")
        prefix = [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]
    yield Unprivileged(tmp_path, prefix)
    for p in tmp_path.rglob("*"):  # let pytest clean up
        try:
            os.chmod(p, 0o700 if p.is_dir() else 0o600, follow_symlinks=False)
        except (OSError, NotImplementedError):
            pass
