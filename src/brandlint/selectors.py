"""Rule selectors: the one place that decides whether a selector names a rule.

Every place that matches a rule id uses :func:`matches`: ``select`` / ``extend-select`` /
``ignore`` (config and command line), ``[severity]`` overrides, inline suppressions
(``<!-- brandlint-disable ai-tells -->``), ``pointer-ignores``, and plugins that take rule
selectors in their own config (e.g. which findings a fixer may change).

A selector names a rule (id ``pack/name``, from pack ``pack``) when it is

=====================  ======================================  ===========================
form                   example                                 matches
=====================  ======================================  ===========================
``ALL``                ``ALL``, ``all``, ``All``               every rule
the exact id           ``ai-tells/delve``                      that rule
a pack name            ``ai-tells``                            every rule of the pack
an id prefix           ``ai-tells/``, ``house/tone/``          ids under that prefix
a glob                 ``ai-tells/*``, ``*/delve``, ``ai-?``   ids the glob matches
=====================  ======================================  ===========================

Matching is case-sensitive except for ``ALL``. A prefix matches whole path components only
(``ai`` does not name ``ai-tells/delve``). A glob (``*``, ``?``, ``[...]``) is matched against
the whole id with :func:`fnmatch.fnmatchcase` (``*`` also crosses ``/``).

A rule marked ``opt-in = true`` is selected only by a selector that names it (:func:`names_rule`):
its id, a prefix under the pack, or a glob with a rule-name part (``*/passive-voice``); ``ALL``,
the pack name and ``pack/*`` skip it.

When a rule is both selected and ignored, the more specific selector wins (Ruff's rule):
:func:`specificity` orders them (``ALL`` is the least specific; otherwise the longer selector).

:data:`EXAMPLES` is this table as data; the test suite checks every caller against it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

__all__ = ["EXAMPLES", "is_all", "matches", "matches_any", "names_rule", "specificity"]

_GLOB_CHARS = frozenset("*?[")


def is_all(selector: str) -> bool:
    """Whether ``selector`` is ``ALL`` (in any case)."""
    return selector.strip().lower() == "all"


def matches(selector: str, rule_id: str, pack: str | None = None) -> bool:
    """Whether ``selector`` names the rule ``rule_id`` (of ``pack``; default: the id's prefix)."""
    s = selector.strip()
    if not s:
        return False
    if s == rule_id or is_all(s):
        return True
    if pack is None:
        pack = rule_id.split("/", 1)[0] if "/" in rule_id else None
    if s == pack:
        return True
    if _GLOB_CHARS.intersection(s):
        return fnmatch.fnmatchcase(rule_id, s)
    return rule_id.startswith(s.rstrip("/") + "/")


def matches_any(selectors: Iterable[str], rule_id: str, pack: str | None = None) -> bool:
    return any(matches(s, rule_id, pack) for s in selectors)


def names_rule(selector: str, rule_id: str, pack: str | None = None) -> bool:
    """Whether ``selector`` names the rule more narrowly than ``ALL`` or its whole pack: the exact
    id, a prefix under the pack (``house/tone/``), or a glob with a rule-name part other than ``*``
    (``plain-language/passive-*``, ``*/passive-voice``). Opt-in rules (``opt-in = true``) are
    enabled only by such a selector."""
    if not matches(selector, rule_id, pack):
        return False
    s = selector.strip().rstrip("/")
    if pack is None:
        pack = rule_id.split("/", 1)[0] if "/" in rule_id else ""
    if _GLOB_CHARS.intersection(s):
        return "/" in s and s.rsplit("/", 1)[1] not in ("*", "**")
    return not is_all(s) and s != pack


def specificity(selector: str) -> int:
    """How specific a selector is: ``ALL`` 0, else its length without a trailing ``/``."""
    return 0 if is_all(selector) else len(selector.strip().rstrip("/"))


#: ``(selector, rule id, pack, matches?)``: the semantics above, checked for every caller.
EXAMPLES: tuple[tuple[str, str, str, bool], ...] = (
    ("ALL", "ai-tells/delve", "ai-tells", True),
    ("all", "ai-tells/delve", "ai-tells", True),
    ("All", "house/tone/formal", "house", True),
    ("ai-tells/delve", "ai-tells/delve", "ai-tells", True),
    ("ai-tells/delv", "ai-tells/delve", "ai-tells", False),
    ("ai-tells/delve", "ai-tells/delves", "ai-tells", False),
    ("ai-tells", "ai-tells/delve", "ai-tells", True),
    ("ai-tells/", "ai-tells/delve", "ai-tells", True),
    ("ai", "ai-tells/delve", "ai-tells", False),
    ("AI-TELLS", "ai-tells/delve", "ai-tells", False),
    ("inclusive", "ai-tells/delve", "ai-tells", False),
    ("ai-tells/*", "ai-tells/delve", "ai-tells", True),
    ("*/delve", "ai-tells/delve", "ai-tells", True),
    ("ai-tells/d?lve", "ai-tells/delve", "ai-tells", True),
    ("ai-tells/[a-c]*", "ai-tells/delve", "ai-tells", False),
    ("inclusive/*", "ai-tells/delve", "ai-tells", False),
    ("house/tone/", "house/tone/formal", "house", True),
    ("house/tone", "house/tone/formal", "house", True),
    ("house/to", "house/tone/formal", "house", False),
)
