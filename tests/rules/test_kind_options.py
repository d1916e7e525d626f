"""Every built-in rule kind: a complete, typed options schema, and constructors that reject
values the types allow but the kind cannot use, naming the rule file, line, key and value."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from support import write

from brandlint.config.settings import load_settings
from brandlint.errors import ConfigError
from brandlint.plugins.builtin_rules import BUILTIN_KINDS
from brandlint.rules.base import FixAvailability, Option

TYPES = {
    "str": str,
    "bool": bool,
    "int": int,
    "float": (int, float),
    "str-list": list,
    "regex-list": list,
    "str-map": dict,
    "regex": str,
    "choice": str,
}
KINDS = [k.kind for k in BUILTIN_KINDS]


@pytest.mark.parametrize("kind", BUILTIN_KINDS, ids=KINDS)
def test_schema_is_typed_documented_and_declares_what_the_kind_reads(kind):
    assert kind.kind and kind.summary and isinstance(kind.fix_availability, FixAvailability)
    assert isinstance(kind.segment_local, bool)
    for name, opt in kind.options.items():
        assert isinstance(opt, Option) and opt.doc, (kind.kind, name)
        if opt.type == "any":  # terminology's [[terms]] tables: checked by the kind's own schema
            continue
        assert opt.type in TYPES, (kind.kind, name, opt.type)
        if opt.default is not None:
            assert isinstance(opt.default, TYPES[opt.type]), (kind.kind, name, opt.default)
        if opt.type == "choice":
            assert opt.default in opt.choices, (kind.kind, name)
    # every option key the kind's module reads is declared (so docs generated from it are complete)
    source = inspect.getsource(inspect.getmodule(kind))
    read = set(re.findall(r"""\b(?:opts|o)(?:\[|\.get\()["']([\w-]+)["']""", source))
    read |= set(re.findall(r"""require_at_least\(["']([\w-]+)["']""", source))
    assert read, kind.kind
    assert read <= set(kind.options), (kind.kind, read - set(kind.options))


BAD = [
    ("existence", "", "tokens", 1, "existence rules need 'tokens' or 'patterns'"),
    ("substitution", "[swap]\n", "swap", 2, "give at least one term"),
    ("sentence-length", "max = 0\n", "max", 2, "'max' must be 1 or more, got 0"),
    (
        "exclamation",
        "max-per-sentence = 1\nmax-per-document = -3\n",
        "max-per-document",
        3,
        "'max-per-document' must be -1 or more, got -3",
    ),
    ("shouting", "min-length = 0\n", "min-length", 2, "'min-length' must be 1 or more, got 0"),
    ("emoji", 'policy = "max"\nmax = -1\n', "max", 3, "'max' must be 0 or more, got -1"),
    ("readability", "min-words = -5\n", "min-words", 2, "'min-words' must be 0 or more, got -5"),
    ("readability", "min-sentences = -1\n", "min-sentences", 2, "'min-sentences' must be 0 or more, got -1"),
    ("occurrence", 'tokens = ["!"]\nmax = -1\n', "max", 3, "'max' must be 0 or more, got -1"),
]


@pytest.mark.parametrize("kind,body,key,line,message", BAD, ids=[f"{b[0]}-{b[2]}" for b in BAD])
def test_constructor_rejects_unusable_values(tmp_path, kind, body, key, line, message):
    write(tmp_path / "pack" / "r.toml", f'kind = "{kind}"\n{body}')
    cfg = write(tmp_path / "brandlint.toml", 'packs = ["pack"]\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(cfg)
    e = ei.value
    assert Path(e.path) == tmp_path / "pack" / "r.toml"
    assert (e.key, e.line, e.message) == (key, line, message)
