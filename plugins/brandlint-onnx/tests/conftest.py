"""Fixtures for the brandlint-onnx tests; helpers live in onnx_support.py (imported by name)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from onnx_support import tiny_transformer  # noqa: E402,F401
