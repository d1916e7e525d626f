"""brandlint-onnx: classifier rules backed by local ONNX models.

Importing this package (or its plugin module) is cheap: onnxruntime, numpy and tokenizers are
imported only when a ``classifier`` rule is built.
"""

from __future__ import annotations

__version__ = "0.1.0"
