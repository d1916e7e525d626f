"""Provenance of generated content: what made a text (prompt id and hash, backend, model,
generation options, time, brandlint version).

Where it is kept:

* Markdown: a ``provenance:`` line in the YAML front matter whose value is a JSON object on one
  line (valid YAML), e.g. ``provenance: {"prompt": "blog-post", "model": "..."}``;
* any other file (JSON, JSONL, text): a side-car ``<file>.provenance.json`` next to it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = [
    "FRONT_MATTER_KEY",
    "SIDECAR_SUFFIX",
    "read_provenance",
    "record",
    "sidecar_path",
    "sidecar_text",
    "stamp",
    "text_hash",
    "with_front_matter",
    "without_provenance",
]

FRONT_MATTER_KEY = "provenance"
_MD = (".md", ".markdown", ".mdx")


SIDECAR_SUFFIX = ".provenance.json"


def sidecar_path(path: Path | str) -> Path:
    p = Path(path)
    return p.with_name(p.name + SIDECAR_SUFFIX)


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


def without_provenance(path: Path | str, text: str) -> str:
    """The text a provenance's ``content-hash`` covers: a Markdown file without its provenance line."""
    if Path(path).suffix.lower() not in _MD:
        return text
    fm = _front_matter(text)
    if fm is None:
        return text
    body, after = fm
    kept = [ln for ln in body if not ln.startswith(FRONT_MATTER_KEY + ":")]
    return "\n".join(["---", *kept, "---", *text.split("\n")[after:]])


def text_hash(text: str) -> str:
    """``sha256:...`` of text with line breaks normalised (CRLF and CR count as LF)."""
    norm = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()


def now_utc() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def record(
    *,
    prompt: str,
    prompt_hash: str,
    backend: str,
    model: str,
    options: dict[str, Any],
    version: str,
    step: str = "generate",
) -> dict[str, Any]:
    """A provenance record (without ``content-hash``: :func:`stamp` adds it)."""
    return {
        "step": step,
        "prompt": prompt,
        "prompt-hash": prompt_hash,
        "backend": backend,
        "model": model,
        "options": dict(sorted(options.items())),
        "time": now_utc(),
        "brandlint": version,
    }


def stamp(path: Path | str, text: str, provenance: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """``(text to write, provenance)`` with the provenance's ``content-hash`` set: for Markdown the
    text carries it in its front matter; for other files the caller writes :func:`sidecar_path`."""
    prov = dict(provenance)
    if Path(path).suffix.lower() in _MD:
        draft = with_front_matter(text, {})
        prov["content-hash"] = text_hash(without_provenance(path, draft))
        return with_front_matter(text, prov), prov
    prov["content-hash"] = text_hash(text)
    return text, prov


def sidecar_text(provenance: dict[str, Any]) -> str:
    return json.dumps(provenance, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
