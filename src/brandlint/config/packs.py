"""Rule packs: directories with one TOML file per rule, turned into configured Rule objects."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..findings import Severity
from ..patterns import user_pattern
from ..rules.base import Option, Rule, RuleDocs, RuleMeta
from . import schema as S
from .toml import load_toml

COMMON: dict[str, Any] = {
    "kind": S.STR,
    "severity": S.SEVERITY,
    "message": S.STR,
    "scope": S.STR_LIST,
    "exclude-scope": S.STR_LIST,
    "description": S.STR,
    "why": S.STR,
    "example": S.STR,
    "use-instead": S.STR,
    "link": S.STR,
    "opt-in": S.BOOL,
    "limit": S.INT,
    "once-per-document": S.BOOL,
}

KNOWN_SCOPES = {
    "text",
    "heading",
    "heading1",
    "heading2",
    "heading3",
    "heading4",
    "heading5",
    "heading6",
    "paragraph",
    "list",
    "blockquote",
    "table",
    "table-header",
    "table-cell",
    "alt",
    "link",
    "emphasis",
    "strong",
    "footnote",
    "json",
    "raw",
}

_OPTION_KIND = {
    "str": S.STR,
    "bool": S.BOOL,
    "int": S.INT,
    "float": S.NUM,
    "number": S.NUM,
    "str-list": S.STR_LIST,
    "regex-list": S.REGEX_LIST,
    "str-map": S.STR_MAP,
    "str-list-map": S.STR_LIST_MAP,
    "severity": S.SEVERITY,
    "any": None,
    "regex": "regex",
    "choice": "choice",
    "table": S.ANY_TABLE,
}

DEFAULT_MESSAGES = {"existence": "Avoid '{match}'.", "substitution": "Use '{preferred}' instead of '{match}'."}


def _check_option(opt: Option, value: Any, keys: tuple, path: str, text: str) -> None:
    kind = _OPTION_KIND.get(opt.type, opt.type)
    if kind is None:
        return
    if kind == "regex":
        S.check_value(S.STR, value, keys, path, text)
        user_pattern(value, path=path, line=S.locate(text, keys), key=S.keypath(keys))
        return
    if kind == "choice":
        if value not in opt.choices:
            raise ConfigError(
                f"expected one of {', '.join(map(repr, opt.choices))}, got {value!r}",
                path=path,
                line=S.locate(text, keys),
                key=S.keypath(keys),
            )
        return
    S.check_value(kind, value, keys, path, text)


def load_rule_file(path: Path, pack: str, kinds: dict[str, type[Rule]]) -> Rule:
    data, text = load_toml(path)
    return build_rule(data, text, str(path), pack, path.stem, kinds)


def build_rule(
    data: dict[str, Any], text: str, spath: str, pack: str, rule_name: str, kinds: dict[str, type[Rule]]
) -> Rule:
    """A configured rule from one rule file's data (TOML, or a translated Vale YAML rule).

    ``text`` is the file's source (to name the line of a mistake), ``spath`` its path, and
    the rule's id is ``pack/rule_name``.
    """
    kind_name = data.get("kind")
    if not isinstance(kind_name, str):
        raise ConfigError("missing 'kind' (e.g. kind = \"existence\")", path=spath, line=1, key="kind")
    kind = kinds.get(kind_name)
    if kind is None:
        close = difflib.get_close_matches(kind_name, list(kinds), n=1)
        hint = (
            f"did you mean {close[0]!r}?" if close else "install the plugin that provides it (see `brandlint plugins`)"
        )
        raise ConfigError(
            f"unknown rule kind {kind_name!r}", path=spath, line=S.locate(text, ("kind",)), key="kind", hint=hint
        )
    options: dict[str, Option] = kind.options
    schema = dict(COMMON)
    for key, value in data.items():
        if key in COMMON:
            S.check_value(COMMON[key], value, (key,), spath, text)
        elif key in options:
            _check_option(options[key], value, (key,), spath, text)
        else:
            close = difflib.get_close_matches(key, list(schema) + list(options), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"{kind_name} rules take: {', '.join(sorted(options))}"
            raise ConfigError(f"unknown key {key!r}", path=spath, line=S.locate(text, (key,)), key=key, hint=hint)
    for name, opt in options.items():
        if opt.required and name not in data:
            raise ConfigError(f"missing required key {name!r} for {kind_name} rules", path=spath, line=1, key=name)
    for key in ("scope", "exclude-scope"):
        for i, sc in enumerate(data.get(key, ())):
            if sc not in KNOWN_SCOPES:
                raise ConfigError(
                    f"unknown scope {sc!r}",
                    path=spath,
                    line=S.locate(text, (key,)),
                    key=f"{key}[{i}]",
                    hint=f"scopes: {', '.join(sorted(KNOWN_SCOPES))}",
                )
    message = data.get("message") or DEFAULT_MESSAGES.get(kind_name) or kind.summary or kind_name
    meta = RuleMeta(
        id=f"{pack}/{rule_name}",
        pack=pack,
        kind=kind_name,
        severity=Severity.parse(data.get("severity", "warning")),
        message=message,
        scope=tuple(data.get("scope", ())),
        exclude_scope=tuple(data.get("exclude-scope", ())),
        docs=RuleDocs(
            data.get("description", ""),
            data.get("why", ""),
            data.get("example", ""),
            data.get("use-instead", ""),
            data.get("link", ""),
        ),
        source=spath,
        opt_in=bool(data.get("opt-in", False)),
        limit=_limit(data, spath, text),
        once_per_document=bool(data.get("once-per-document", False)),
    )
    opts = {name: data.get(name, opt.default) for name, opt in options.items()}
    try:
        return kind(meta, opts)
    except ConfigError:
        raise
    except Exception as exc:
        raise ConfigError(f"cannot build {kind_name} rule: {exc}", path=spath, line=1) from None


def _limit(data: dict, path: str, text: str) -> int:
    limit = data.get("limit", 0)
    if limit < 0:
        raise ConfigError(
            f"'limit' must be 0 (no limit) or more, got {limit}",
            path=path,
            line=S.locate(text, ("limit",)),
            key="limit",
        )
    return int(limit)


_PACK_CACHE: dict[tuple, list[Rule]] = {}


def clear_pack_cache() -> None:
    """Forget every loaded pack (benchmarks that time loading as a fresh process would)."""
    _PACK_CACHE.clear()


def load_pack(directory: Path, name: str, kinds: dict[str, type[Rule]]) -> list[Rule]:
    """Load every ``*.toml`` rule of a pack directory (sorted, cached by mtimes)."""
    files = sorted(p for p in directory.glob("*.toml") if p.is_file())
    key = (str(directory), name, tuple((str(p), os.stat(p).st_mtime_ns) for p in files), tuple(sorted(kinds)))
    rules = _PACK_CACHE.get(key)
    if rules is None:
        rules = [load_rule_file(p, name, kinds) for p in files]
        _PACK_CACHE[key] = rules
    return rules
