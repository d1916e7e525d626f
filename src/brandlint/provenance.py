"""Provenance of generated content: what made a text (prompt id and hash, backend, model,
generation options, time, brandlint version).

Where it is kept:

* Markdown: a ``provenance:`` line in the YAML front matter whose value is a JSON object on one
  line (valid YAML), e.g. ``provenance: {"prompt": "blog-post", "model": "..."}``;
* any other file (JSON, JSONL, text): a side-car ``<file>.provenance.json`` next to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["FRONT_MATTER_KEY", "read_provenance", "sidecar_path", "with_front_matter"]

FRONT_MATTER_KEY = "provenance"
_MD = (".md", ".markdown", ".mdx")


def sidecar_path(path: Path | str) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".provenance.json")


def _front_matter(text: str) -> tuple[list[str], int] | None:
    """The front matter's lines and the index of the line after its closing ``---``."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") in ("---", "..."):
            return lines[1:i], i + 1
    return None


def read_provenance(path: Path | str, text: str | None) -> dict[str, Any] | None:
    """The recorded provenance of a file (None: none recorded, or unreadable)."""
    if text is not None and Path(path).suffix.lower() in _MD:
        fm = _front_matter(text)
        if fm is not None:
            for line in fm[0]:
                if line.startswith(FRONT_MATTER_KEY + ":"):
                    try:
                        value = json.loads(line.split(":", 1)[1])
                    except ValueError:
                        return {"error": "the provenance line is not a JSON object"}
                    return value if isinstance(value, dict) else {"error": "provenance is not an object"}
    side = sidecar_path(path)
    try:
        value = json.loads(side.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return {"error": f"cannot read {side.name}: {exc}"}
    return value if isinstance(value, dict) else {"error": f"{side.name} is not a JSON object"}


def with_front_matter(text: str, provenance: dict[str, Any]) -> str:
    """Markdown ``text`` with its provenance line set in the front matter (added when missing)."""
    line = f"{FRONT_MATTER_KEY}: " + json.dumps(provenance, sort_keys=True, ensure_ascii=False)
    fm = _front_matter(text)
    if fm is None:
        return f"---\n{line}\n---\n" + text
    body, after = fm
    kept = [ln for ln in body if not ln.startswith(FRONT_MATTER_KEY + ":")]
    rest = text.split("\n")[after:]
    return "\n".join(["---", *kept, line, "---", *rest])
