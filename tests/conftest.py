from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import SHARED, run_cli  # noqa: E402


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/ (corpus and eval data) is not present next to the repository")
    return SHARED
