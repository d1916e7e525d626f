"""The config schema and a validator that names the file, line and key path of each mistake."""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..errors import ConfigError
from ..findings import Severity
from ..patterns import user_pattern

STR, BOOL, INT, NUM, POS_INT = "str", "bool", "int", "number", "positive-int"
STR_LIST, REGEX_LIST, SEVERITY = "str-list", "regex-list", "severity"
SEVERITY_MAP, STR_MAP, STR_LIST_MAP, ANY_TABLE = "severity-map", "str-map", "str-list-map", "any-table"

FORMAT_JSON = {"prose": STR_LIST, "markdown": STR_LIST, "exclude": STR_LIST, "ignore-patterns": REGEX_LIST}
FORMAT_JSONL = dict(FORMAT_JSON, **{"one-document": BOOL})
FORMATS = {
    "markdown": {"ignore-patterns": REGEX_LIST, "front-matter": BOOL},
    "json": FORMAT_JSON,
    "jsonl": FORMAT_JSONL,
    "text": {},
}

OVERRIDE = {
    "files": STR_LIST,
    "select": STR_LIST,
    "extend-select": STR_LIST,
    "ignore": STR_LIST,
    "severity": SEVERITY_MAP,
    "formats": FORMATS,
}

SCHEMA: dict[str, Any] = {
    "extend": STR,
    "packs": STR_LIST,
    "select": STR_LIST,
    "extend-select": STR_LIST,
    "ignore": STR_LIST,
    "fail-on": SEVERITY,
    "fail-under": NUM,
    "severity": SEVERITY_MAP,
    "include": STR_LIST,
    "exclude": STR_LIST,
    "extend-exclude": STR_LIST,
    "respect-gitignore": BOOL,
    "plugin-paths": STR_LIST,
    "output-format": STR,
    "pointer-ignores": STR_LIST_MAP,
    "formats": FORMATS,
    "nlp": {"model": STR, "fallback-models": STR_LIST, "batch-size": INT, "prefilter": BOOL},
    "overrides": [OVERRIDE],
    "plugins": ANY_TABLE,
    "vocab": STR_LIST,
    "vale-styles": STR_LIST,
    "vale": {"based-on": STR_LIST, "config": STR, "vocab": STR_LIST},
    # generated content: which files must carry provenance, the validated models and prompts
    "provenance": {"require": STR_LIST, "models": STR_LIST, "prompts-dir": STR},
    "limits": {
        "file-size": POS_INT,
        "line-length": POS_INT,
        "nesting-depth": POS_INT,
        "json-number-digits": POS_INT,
        "nlp-segment-length": POS_INT,
    },
}


def locate(text: str, keys: tuple) -> int:
    """Best-effort 1-based line of a key path in TOML source (0 if not found).

    tomllib keeps no positions, so this scans table headers and ``key =`` lines.
    """
    names = [k for k in keys if isinstance(k, str)]
    if not names:
        return 0
    table: list[str] = []
    counts: dict[str, int] = {}
    header_re = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
    key_re = re.compile(r'^\s*("[^"]*"|\'[^\']*\'|[A-Za-z0-9_.\-]+)\s*=')
    best = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        h = header_re.match(line)
        if h:
            table = [p.strip().strip("\"'") for p in h.group(2).split(".")]
            if h.group(1) == "[[":
                name = ".".join(table)
                counts[name] = counts.get(name, -1) + 1
                table = table + [f"#{counts[name]}"]
            if _same(table, keys):
                best = best or lineno
            continue
        k = key_re.match(line)
        if k:
            key = [p.strip().strip("\"'") for p in re.split(r"\.(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", k.group(1))]
            if _same(table + key, keys):
                return lineno
            if _same(table + key, keys[: len(table + key)]) and len(table + key) < len(keys):
                best = lineno
    return best


def _same(path: list[str], keys: tuple) -> bool:
    want: list[str] = []
    for k in keys:
        want.append(f"#{k}" if isinstance(k, int) else k)
    # array indices only matter for [[tables]]: compare loosely when the header gave none
    got = [p for p in path]
    if len(got) != len(want):
        return False
    return all(g == w or (w.startswith("#") and g.startswith("#") and g == w) for g, w in zip(got, want))


def keypath(keys: tuple) -> str:
    out = ""
    for k in keys:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else k)
    return out


def _err(msg: str, keys: tuple, path: str, text: str, hint: str = "") -> ConfigError:
    return ConfigError(msg, path=path, line=locate(text, keys), key=keypath(keys), hint=hint)


def _type_name(v: Any) -> str:
    return {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        list: "an array",
        dict: "a table",
    }.get(type(v), type(v).__name__)


def check_value(kind: Any, value: Any, keys: tuple, path: str, text: str) -> None:
    """Raise ConfigError if ``value`` does not fit ``kind`` (a schema entry)."""
    if isinstance(kind, dict):
        if not isinstance(value, dict):
            raise _err(f"expected a table, got {_type_name(value)}", keys, path, text)
        check_table(kind, value, keys, path, text)
        return
    if isinstance(kind, list):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _err("expected an array of tables ([[...]])", keys, path, text)
        for i, item in enumerate(value):
            check_table(kind[0], item, keys + (i,), path, text)
        return
    ok = True
    if kind == STR:
        ok = isinstance(value, str)
    elif kind == BOOL:
        ok = isinstance(value, bool)
    elif kind == INT:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == POS_INT:
        ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    elif kind == NUM:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind in (STR_LIST, REGEX_LIST):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if ok and kind == REGEX_LIST:
            for i, pat in enumerate(value):
                at = keys + (i,)
                user_pattern(pat, path=path, key=keypath(at), line=locate(text, at))
    elif kind == SEVERITY:
        ok = isinstance(value, str)
        if ok:
            try:
                Severity.parse(value)
            except ValueError as exc:
                raise _err(str(exc), keys, path, text) from None
    elif kind == SEVERITY_MAP:
        ok = isinstance(value, dict)
        if ok:
            for k, v in value.items():
                check_value(SEVERITY, v, keys + (k,), path, text)
    elif kind == STR_MAP:
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    elif kind == STR_LIST_MAP:
        ok = isinstance(value, dict) and all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
        )
    elif kind == ANY_TABLE:
        ok = isinstance(value, dict)
    expected = {
        STR: "a string",
        BOOL: "a boolean (true/false)",
        INT: "an integer",
        POS_INT: "a positive integer",
        NUM: "a number",
        STR_LIST: "an array of strings",
        REGEX_LIST: "an array of RE2 patterns",
        SEVERITY: '"error", "warning" or "info"',
        SEVERITY_MAP: "a table of severities",
        STR_MAP: "a table of strings",
        STR_LIST_MAP: "a table of string arrays",
        ANY_TABLE: "a table",
    }.get(kind, kind)
    if not ok:
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        raise _err(f"expected {expected}, got {_type_name(value)} {shown}", keys, path, text)


def check_table(schema: dict, data: dict, keys: tuple, path: str, text: str) -> None:
    for key, value in data.items():
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"valid keys: {', '.join(sorted(schema)) or 'none'}"
            raise _err(f"unknown key {key!r}", keys + (key,), path, text, hint)
        check_value(schema[key], value, keys + (key,), path, text)
