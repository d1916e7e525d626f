"""One Vale YAML rule → the data of an equivalent brandlint rule file, or the exact reason why not.

Vale's defaults are written out (``ignorecase = false``, level ``suggestion`` → ``info``,
``preserve-case = false`` for substitutions), so a translated rule behaves as Vale's whatever
brandlint's own defaults are. Vale's ``%s`` placeholders become ``{match}`` / ``{preferred}``.
Keys brandlint does not have are never dropped silently: the rule is untranslated (with the
reason) or, for a key that only changes presentation, loaded with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..rules.readability import VALE_FORMULAS

LEVELS = {"suggestion": "info", "warning": "warning", "error": "error"}

#: Vale scope → brandlint scope ("" means every prose scope)
SCOPES = {
    "text": "",
    "sentence": "",
    "summary": "",
    "paragraph": "paragraph",
    "heading": "heading",
    "list": "list",
    "blockquote": "blockquote",
    "alt": "alt",
    "link": "link",
    "table.header": "table-header",
    "table.cell": "table-cell",
    "table": "table",
    "strong": "strong",
    "emphasis": "emphasis",
}
for _n in range(1, 7):
    SCOPES[f"heading.h{_n}"] = f"heading{_n}"

#: keys every kind may have that need no translation (presentation or Vale bookkeeping)
PASSIVE = {"extends", "message", "level", "link", "description", "scope", "action", "name", "limit"}
#: Vale's generic "any word" token patterns, for repetition
ANY_WORD = {r"[^\s]+", r"\S+", r"\w+", r"[\w]+", r"[\w']+", r"\b\w+\b", r"[a-zA-Z]+"}


@dataclass
class Translated:
    name: str  # the rule's name (file stem)
    path: str  # the YAML file
    data: dict[str, Any] = field(default_factory=dict)  # brandlint rule-file data
    notes: list[str] = field(default_factory=list)  # what differs slightly from Vale


@dataclass
class Untranslated:
    name: str
    path: str
    reason: str


class Skip(Exception):
    """A rule that cannot be translated: the message is the exact reason."""


def _message(msg: str, names: tuple[str, ...]) -> str:
    """Vale's printf ``%s`` placeholders → brandlint's ``{names}`` in order (``%%`` → ``%``)."""
    out: list[str] = []
    k = 0
    i = 0
    while i < len(msg):
        if msg.startswith("%%", i):
            out.append("%")
            i += 2
            continue
        m = re.match(r"%(?:\[(\d+)\])?s", msg[i:])
        if m:
            idx = int(m.group(1)) - 1 if m.group(1) else k
            out.append("{" + names[min(idx, len(names) - 1)] + "}")
            k = idx + 1
            i += m.end()
            continue
        out.append("{{" if msg[i] == "{" else "}}" if msg[i] == "}" else msg[i])
        i += 1
    return "".join(out).replace("{{", "{").replace("}}", "}")


def _scopes(value: Any) -> tuple[list[str], list[str]]:
    values = [value] if isinstance(value, str) else list(value or [])
    scope: list[str] = []
    exclude: list[str] = []
    for v in values:
        for part in str(v).split("&"):
            part = part.strip()
            neg = part.startswith("~")
            part = part.lstrip("~")
            if part == "raw" and not neg:
                scope.append("raw")  # the document's source, markup included
                continue
            if part in ("raw", "code", "script", "comment", "attr") or part.startswith(("raw", "comment")):
                raise Skip(f"scope '{part}': brandlint rules see prose only (markup, code and comments are masked)")
            if part not in SCOPES:
                raise Skip(f"scope '{part}' has no brandlint equivalent")
            mapped = SCOPES[part]
            if mapped:
                (exclude if neg else scope).append(mapped)
    return scope, exclude


def _strs(rule: dict, key: str) -> list[str]:
    v = rule.get(key)
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if not isinstance(v, list) or not all(isinstance(x, (str, int, float)) for x in v):
        raise Skip(f"'{key}' must be a list of strings")
    return [str(x) for x in v]


def _unknown(rule: dict, known: set[str], kind: str) -> None:
    extra = sorted(set(rule) - known - PASSIVE)
    if extra:
        raise Skip(f"{kind} key(s) not supported: {', '.join(extra)}")


def translate(rule: dict[str, Any], name: str, path: str, styles_path: Path | None = None) -> Translated | Untranslated:
    """Translate one parsed Vale rule (``extends: ...``)."""
    try:
        return _translate(rule, name, path, styles_path)
    except Skip as exc:
        return Untranslated(name, path, str(exc))


def _translate(rule: dict[str, Any], name: str, path: str, styles_path: Path | None) -> Translated:
    if not isinstance(rule, dict):
        raise Skip("not a YAML mapping")
    kind = rule.get("extends")
    if not isinstance(kind, str):
        raise Skip("missing 'extends'")
    out = Translated(name, path)
    level = str(rule.get("level", "suggestion"))
    if level not in LEVELS:
        raise Skip(f"level {level!r} is not suggestion, warning or error")
    data: dict[str, Any] = {"severity": LEVELS[level]}
    if "scope" in rule:
        scope, exclude = _scopes(rule["scope"])
        if scope:
            data["scope"] = scope
        if exclude:
            data["exclude-scope"] = exclude
    if rule.get("link"):
        data["link"] = str(rule["link"])
    if rule.get("description"):
        data["description"] = str(rule["description"])
    if isinstance(rule.get("limit"), int) and rule["limit"] > 0:
        data["limit"] = rule["limit"]
    msg = str(rule.get("message", ""))
    handler = _KINDS.get(kind)
    if handler is None:
        if kind == "script":
            raise Skip("a Tengo script: brandlint does not run scripts from style files (they are code)")
        raise Skip(f"extends: {kind!r} has no brandlint kind yet")
    handler(rule, data, out, msg, styles_path)
    out.data = data
    return out


def _ic(rule: dict, data: dict) -> bool:
    ic = bool(rule.get("ignorecase", False))
    data["ignorecase"] = ic
    return ic


def _existence(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"tokens", "raw", "ignorecase", "nonword", "exceptions", "append", "vocab"}, "existence")
    tokens = [t for t in _strs(rule, "tokens") if t.strip()]
    raw = "".join(_strs(rule, "raw"))
    if not tokens and not raw:
        raise Skip("existence without tokens or raw matches nothing")
    data["kind"] = "existence"
    data["message"] = _message(msg, ("match",))
    _ic(rule, data)
    nonword = bool(rule.get("nonword", False))
    # Vale's pattern: raw, then the tokens group (word-bounded unless nonword), or the reverse
    group = ""
    if tokens:
        body = "|".join(tokens)
        group = (r"(?m)\b(?:" + body + r")\b") if not nonword else "(?m)(?:" + body + ")"
        group = group.replace("(?m)", "")
    pattern = group + raw if rule.get("append") else raw + group
    data["patterns"] = _split_lookarounds(pattern, tokens, raw, bool(rule.get("append")), nonword)
    if rule.get("exceptions"):
        data["exceptions"] = _strs(rule, "exceptions")
        if any(not re.fullmatch(r"[\w\s'.-]+", e) for e in data["exceptions"]):
            out.notes.append("exceptions are matched as literal phrases, not regular expressions")


def _split_lookarounds(pattern: str, tokens: list[str], raw: str, append: bool, nonword: bool) -> list[str]:
    """One pattern; or, when tokens have lookarounds at their edges, one pattern per token so that
    each lookaround ends up at its pattern's edge (where brandlint's RE2 guards run them)."""
    if not re.search(r"\(\?<?[=!]", pattern) or raw:
        return [pattern]
    plain = [t for t in tokens if not re.search(r"\(\?<?[=!]", t)]
    look = [t for t in tokens if t not in plain]
    wrap = (lambda b: r"\b(?:" + b + r")\b") if not nonword else (lambda b: "(?:" + b + ")")
    out = [wrap("|".join(plain))] if plain else []
    for t in look:
        m = re.match(r"(\(\?<[=!](?:\\.|[^)])*\))?(.*?)(\(\?[=!](?:\\.|[^)])*\))?$", t)
        behind, core, ahead = (m.group(1) or "", m.group(2), m.group(3) or "") if m else ("", t, "")
        out.append(behind + wrap(core) + ahead)
    return out


def _substitution(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"swap", "ignorecase", "nonword", "exceptions", "pos", "vocab", "capitalize"}, "substitution")
    if rule.get("pos"):
        raise Skip("substitution 'pos' (part-of-speech filter) is not supported")
    swap = rule.get("swap")
    if not isinstance(swap, dict) or not swap:
        raise Skip("substitution without a 'swap' mapping")
    data["kind"] = "substitution"
    data["message"] = _message(msg, ("preferred", "match"))
    _ic(rule, data)
    data["regex"] = True
    data["preserve-case"] = False
    data["unsafe"] = True
    if rule.get("nonword"):
        data["nonword"] = True
    data["swap"] = {str(k): str(v) for k, v in swap.items()}
    if rule.get("exceptions"):
        data["exceptions"] = _strs(rule, "exceptions")


def _occurrence(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"token", "max", "min", "ignorecase"}, "occurrence")
    token = rule.get("token")
    if not isinstance(token, str) or not token:
        raise Skip("occurrence without a 'token'")
    data["kind"] = "occurrence"
    data["message"] = _message(msg, ("match",))
    _ic(rule, data)
    data["patterns"] = [token]
    per = "document"
    scopes = rule.get("scope") or "text"
    first = scopes if isinstance(scopes, str) else (scopes[0] if scopes else "text")
    per = {"sentence": "sentence", "paragraph": "paragraph", "heading": "heading"}.get(str(first), "document")
    data["per"] = per
    data["report-at"] = "first"  # Vale reports the scope's first match
    data.pop("scope", None) if per in ("sentence", "paragraph", "heading") else None
    for key in ("max", "min"):
        if key in rule:
            data[key] = int(rule[key])


def _repetition(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"tokens", "alpha", "ignorecase", "exceptions"}, "repetition")
    tokens = _strs(rule, "tokens")
    data["kind"] = "repetition"
    data["message"] = _message(msg, ("word",))
    _ic(rule, data)
    data["exceptions"] = []  # Vale has no default exceptions ("is is", "had had" are reported)
    data["proper-nouns"] = True
    if tokens and not all(t in ANY_WORD for t in tokens):
        if not all(re.fullmatch(r"[\w' -]+", t) for t in tokens):
            raise Skip("repetition tokens that are patterns (other than 'any word') are not supported")
        data["tokens"] = tokens
    if not rule.get("alpha", False):
        out.notes.append("repetition counts words only (Vale without 'alpha' also counts punctuation tokens)")
    if rule.get("exceptions"):
        data["exceptions"] = _strs(rule, "exceptions")


def _consistency(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"either", "ignorecase", "nonword"}, "consistency")
    either = rule.get("either")
    if not isinstance(either, dict) or not either:
        raise Skip("consistency without an 'either' mapping")
    data["kind"] = "consistency"
    data["message"] = _message(msg, ("match", "preferred"))
    _ic(rule, data)
    data["either"] = {str(k): str(v) for k, v in either.items()}
    if any(re.search(r"[\\\[\](){}|?*+^$]", k + v) for k, v in data["either"].items()):
        raise Skip("consistency pairs that are patterns are not supported (brandlint compares words)")


def _conditional(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"first", "second", "exceptions", "ignorecase"}, "conditional")
    data["kind"] = "conditional"
    data["message"] = _message(msg, ("match",))
    _ic(rule, data)
    data["first"] = str(rule.get("first", ""))
    data["second"] = str(rule.get("second", ""))
    data["common"] = False
    data["every-use"] = True  # Vale reports each use of an undefined term
    data["same-segment"] = True  # and collects a block's definitions before checking its uses
    if rule.get("exceptions"):
        data["exceptions"] = _strs(rule, "exceptions")


def _capitalization(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"match", "style", "exceptions", "indicators", "threshold", "prefix", "vocab"}, "capitalization")
    match = str(rule.get("match", ""))
    if not match:
        raise Skip("capitalization without 'match'")
    data["kind"] = "capitalization"
    data["message"] = _message(msg, ("match",))
    data["match"] = match
    style = rule.get("style")
    if style is not None:
        if style not in ("AP", "Chicago"):
            raise Skip(f"capitalization style {style!r}: only AP and Chicago are supported")
        data["style"] = style
    data["threshold"] = float(rule.get("threshold", 0.8))  # Vale's default
    data["indicators"] = _strs(rule, "indicators")  # Vale's default: none
    if rule.get("prefix"):
        data["prefix"] = str(rule["prefix"])
    data["unsafe"] = True
    if rule.get("exceptions"):
        data["exceptions"] = _strs(rule, "exceptions")


def _sequence(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"tokens", "ignorecase"}, "sequence")
    tokens = rule.get("tokens")
    if not isinstance(tokens, list) or not tokens or not all(isinstance(t, dict) for t in tokens):
        raise Skip("sequence 'tokens' must be a list of mappings")
    keep = {"pattern", "tag", "negate", "skip"}
    for t in tokens:
        extra = sorted(set(t) - keep)
        if extra:
            raise Skip(f"sequence token key(s) not supported: {', '.join(extra)}")
    data["kind"] = "sequence"
    data["message"] = _message(msg, ("match",))
    _ic(rule, data)
    data["tokens"] = [dict(t) for t in tokens]


def _spelling(rule: dict, data: dict, out: Translated, msg: str, styles: Path | None) -> None:
    _unknown(rule, {"dicpath", "dictionaries", "filters", "ignore", "custom", "append", "aff", "dic"}, "spelling")
    data["kind"] = "spelling"
    data["message"] = _message(msg, ("match",))
    base = styles or Path(out.path).parent
    if rule.get("dicpath"):
        data["dicpath"] = str((base / str(rule["dicpath"])).resolve())
    if rule.get("dictionaries"):
        data["dictionaries"] = _strs(rule, "dictionaries")
    for key in ("dic", "aff"):
        if rule.get(key):
            data[key] = str((base / str(rule[key])).resolve())
    if rule.get("filters"):
        data["filters"] = _strs(rule, "filters")
    if rule.get("ignore"):
        data["ignore"] = [str((base / p).resolve()) for p in _strs(rule, "ignore")]
    for key in ("custom", "append"):
        if key in rule:
            data[key] = bool(rule[key])
    # Vale's spelling has none of brandlint's lenient filters: check like Vale does
    data.update({"names": True, "affixes": False, "compounds": False, "repeated": 0, "accept-case": True})


#: Vale's readability metric names → brandlint's formula names (rules.readability.VALE_FORMULAS)
VALE_METRICS = {
    "Flesch-Kincaid": "flesch-kincaid-grade",
    "Gunning Fog": "gunning-fog",
    "Coleman-Liau": "coleman-liau",
    "SMOG": "smog",
    "Automated Readability": "automated-readability",
}


def _readability(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    """Vale: the average grade of ``metrics`` above ``grade`` → a metric rule over that average."""
    _unknown(rule, {"metrics", "grade"}, "readability")
    metrics = _strs(rule, "metrics")
    unknown = [m for m in metrics if m not in VALE_METRICS]
    if not metrics or unknown:
        raise Skip(f"readability metrics not known: {', '.join(unknown) or '(none given)'}")
    formulas = [f"({VALE_FORMULAS[VALE_METRICS[m]]})" for m in metrics]
    data["kind"] = "metric"
    data["message"] = _message(msg, ("value",))
    data["formula"] = f"({' + '.join(formulas)}) / {len(formulas)}"
    data["condition"] = f"> {float(rule.get('grade', 8))}"


def _metric(rule: dict, data: dict, out: Translated, msg: str, _: Any) -> None:
    _unknown(rule, {"formula", "condition"}, "metric")
    data["kind"] = "metric"
    data["message"] = _message(msg, ("value",))
    data["formula"] = str(rule.get("formula", ""))
    data["condition"] = str(rule.get("condition", ""))


_KINDS = {
    "existence": _existence,
    "substitution": _substitution,
    "occurrence": _occurrence,
    "repetition": _repetition,
    "consistency": _consistency,
    "conditional": _conditional,
    "capitalization": _capitalization,
    "spelling": _spelling,
    "readability": _readability,
    "metric": _metric,
    "sequence": _sequence,
}
