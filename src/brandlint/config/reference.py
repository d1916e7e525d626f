"""Reference documentation of rule kinds, generated from their option schemas.

``docs/rules.md`` holds one generated block per kind between ``<!-- BEGIN options:KIND -->`` and
``<!-- END options:KIND -->`` (and one for the keys every rule takes, ``options:common``); the
prose around the blocks is written by hand. ``brandlint explain KIND`` prints the same
reference as text. tests/test_rules_doc.py fails when the document drifts from the schemas;
regenerate it with::

    python -m brandlint.config.reference --write docs/rules.md
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from ..plugins.builtin_rules import BUILTIN_KINDS
from ..rules.base import Option
from .packs import COMMON

__all__ = ["COMMON_DOCS", "kind_markdown", "kind_text", "render", "type_name"]

#: What each key every rule takes means (checked against ``packs.COMMON`` by the tests).
COMMON_DOCS: dict[str, tuple[str, str, str]] = {  # key -> (type, default, meaning)
    "kind": ("string", "(required)", "the rule kind (`brandlint explain KIND` lists its keys)"),
    "severity": ("choice", "`warning`", "`error`, `warning` or `info`"),
    "message": ("string", "the kind's", "the finding's message; `{match}` and the kind's placeholders are filled in"),
    "scope": (
        "string array",
        "every prose scope",
        "where the rule applies: `text`, `heading`, `heading1`-`heading6`, `paragraph`, `list`, `blockquote`, "
        "`table`, `table-header`, `table-cell`, `alt`, `link`, `emphasis`, `strong`, `footnote`, `json`, or "
        "`raw` (the document's source, markup included, as Vale's raw scope)",
    ),
    "exclude-scope": ("string array", "none", "scopes where the rule does not apply"),
    "description": ("string", "none", "what the rule does (`brandlint explain RULE`)"),
    "why": ("string", "none", "why it matters"),
    "example": ("string", "none", "text the rule reports (tests/test_packs.py checks that it does)"),
    "use-instead": ("string", "none", "the better text"),
    "link": ("string", "none", "a style-guide URL"),
    "opt-in": (
        "boolean",
        "`false`",
        '`select = ["ALL"]` and the pack name skip the rule; a selector that names it (its id, '
        "`pack/prefix`, `*/name`) enables it",
    ),
    "limit": ("integer", "`0` (no limit)", "Vale's limit: report at most this many findings per document"),
    "once-per-document": (
        "boolean",
        "`false`",
        "report only the first finding of each document, at its start (line 1, column 1), without a fix",
    ),
}

_TYPES = {
    "str": "string",
    "bool": "boolean",
    "int": "integer",
    "float": "number",
    "number": "number",
    "str-list": "string array",
    "regex": "RE2 pattern",
    "regex-list": "RE2 pattern array",
    "str-map": "table of strings",
    "str-list-map": "table of string arrays",
    "choice": "choice",
    "any": "array of tables",
    "table": "table",
}


def type_name(opt: Option) -> str:
    return _TYPES.get(opt.type, opt.type)


def _default(opt: Option) -> str:
    if opt.required:
        return "(required)"
    d = opt.default
    if d is None:
        return "unset"
    if d in ("", [], {}):
        return "empty" if d != "" else '`""`'
    if isinstance(d, bool):
        return f"`{str(d).lower()}`"
    if isinstance(d, list) and len(d) > 8:
        return f"{len(d)} words (`{'`, `'.join(d[:4])}`...)"
    if isinstance(d, (list, dict)):
        return "`" + json.dumps(d, ensure_ascii=False) + "`"
    return f"`{d}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _meaning(opt: Option) -> str:
    doc = opt.doc
    if opt.type == "choice" and opt.choices:
        doc += " (one of " + ", ".join(f"`{c}`" for c in opt.choices) + ")"
    return doc


def kind_markdown(kind: Any) -> str:
    """The kind's summary line and its options table (Markdown)."""
    lines = [
        f"`{kind.kind}`: {kind.summary} Fix: {kind.fix_availability.value}."
        + (" Uses spaCy." if "nlp" in kind.needs else ""),
        "",
    ]
    if not kind.options:
        lines.append("No keys besides the common ones.")
        return "\n".join(lines)
    lines += ["| key | type | default | meaning |", "| --- | --- | --- | --- |"]
    for key, opt in kind.options.items():
        lines.append(f"| `{key}` | {type_name(opt)} | {_cell(_default(opt))} | {_cell(_meaning(opt))} |")
    return "\n".join(lines)


def common_markdown() -> str:
    lines = ["| key | type | default | meaning |", "| --- | --- | --- | --- |"]
    for key in COMMON:
        t, d, m = COMMON_DOCS[key]
        lines.append(f"| `{key}` | {t} | {_cell(d)} | {_cell(m)} |")
    return "\n".join(lines)


def kind_text(kind: Any) -> str:
    """``brandlint explain KIND``: the kind's options with types and defaults, as plain text."""
    out = [f"{kind.kind}: {kind.summary}", f"Fix: {kind.fix_availability.value}"]
    if kind.needs:
        out[-1] += f"   Needs: {', '.join(sorted(kind.needs))}"
    out += ["", "Options:" if kind.options else "No options besides the common keys."]
    for key, opt in kind.options.items():
        out.append(f"  {key} ({type_name(opt)}, default {_default(opt).replace('`', '')})")
        out.append(f"      {_meaning(opt).replace('`', '')}")
    out += ["", "Common keys: " + ", ".join(COMMON) + " (see docs/rules.md)."]
    return "\n".join(out)


_BLOCK = re.compile(r"<!-- BEGIN options:([\w-]+) -->\n.*?<!-- END options:\1 -->", re.S)


def render(text: str, kinds: dict[str, Any]) -> str:
    """``text`` with every generated block rewritten from ``kinds`` (name -> kind class)."""

    def block(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "common":
            body = common_markdown()
        elif name in kinds:
            body = kind_markdown(kinds[name])
        else:
            raise KeyError(f"docs block for unknown kind {name!r}")
        return f"<!-- BEGIN options:{name} -->\n{body}\n<!-- END options:{name} -->"

    return _BLOCK.sub(block, text)


def documented(text: str) -> set[str]:
    """The kinds with a generated block in ``text``."""
    return {m.group(1) for m in _BLOCK.finditer(text)} - {"common"}


def _builtin_kinds() -> dict[str, Any]:
    return {k.kind: k for k in BUILTIN_KINDS}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Regenerate the option tables of docs/rules.md.")
    p.add_argument("doc", nargs="?", default="docs/rules.md")
    p.add_argument("--write", action="store_true", help="rewrite the file (default: check it)")
    a = p.parse_args(argv)
    path = Path(a.doc)
    text = path.read_text("utf-8")
    kinds = _builtin_kinds()
    new = render(text, kinds)
    missing = sorted(set(kinds) - documented(new))
    if missing:
        print(f"{path}: no options block for {', '.join(missing)}", file=sys.stderr)
        return 1
    if new == text:
        return 0
    if a.write:
        path.write_text(new, "utf-8")
        return 0
    print(f"{path} is out of date: run python -m brandlint.config.reference --write {path}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
