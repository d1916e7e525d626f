"""One meaning of a rule selector for every place that matches rule ids (brandlint.selectors).

Each row of ``selectors.EXAMPLES`` (the table in the module's docs) is checked through every
caller, on real rule packs and real documents: select, ignore, severity overrides, inline
suppressions and pointer-ignores. (The brandlint-llm plugin checks its rewrite scope against the
same table.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import write

from brandlint import lint_text
from brandlint.findings import Severity
from brandlint.selectors import EXAMPLES, matches, names_rule, specificity

# the rows whose rule exists in the pack below (ids are "pack/name")
ROWS = [row for row in EXAMPLES if row[1] in ("ai-tells/delve", "ai-tells/delves")]
TEXT = "We delve. It delves.\n"


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("selectors")
    write(root / "ai-tells" / "delve.toml", 'kind = "existence"\ntokens = ["delve"]\n')
    write(root / "ai-tells" / "delves.toml", 'kind = "existence"\ntokens = ["delves"]\n')
    write(root / "inclusive" / "guys.toml", 'kind = "existence"\ntokens = ["guys"]\n')
    return root


def config(root: Path, body: str) -> Path:
    cfg = root / f"cfg-{abs(hash(body))}.toml"
    cfg.write_text('packs = ["./ai-tells", "./inclusive"]\n' + body, encoding="utf-8")
    return cfg


def rule_ids(findings, *, active: bool = True) -> set[str]:
    return {f.rule_id for f in findings if (f.suppression is None) == active}


def test_the_table_itself():
    for selector, rule_id, pack, expected in EXAMPLES:
        assert matches(selector, rule_id, pack) is expected, (selector, rule_id)
    assert specificity("ALL") == specificity("all") == 0
    assert specificity("ai-tells/") == specificity("ai-tells") < specificity("ai-tells/delve")


@pytest.mark.parametrize(
    ("selector", "enabled"),
    [
        ("ALL", False),
        ("ai-tells", False),
        ("ai-tells/", False),
        ("ai-*", False),
        ("*", False),
        ("ai-tells/delve", True),
        ("ai-tells/del*", True),
        ("*/delve", True),
    ],
)
def test_opt_in_rules_need_a_selector_that_names_them(tmp_path, selector, enabled):
    write(tmp_path / "ai-tells" / "delve.toml", 'kind = "existence"\nopt-in = true\ntokens = ["delve"]\n')
    write(tmp_path / "ai-tells" / "delves.toml", 'kind = "existence"\ntokens = ["delves"]\n')
    assert names_rule(selector, "ai-tells/delve", "ai-tells") is enabled
    cfg = write(tmp_path / "brandlint.toml", f'packs = ["./ai-tells"]\nselect = [{json.dumps(selector)}]\n')
    found = rule_ids(lint_text(TEXT, config=cfg))
    assert ("ai-tells/delve" in found) is enabled
    assert ("ai-tells/delves" in found) is matches(selector, "ai-tells/delves", "ai-tells")
    # extend-select names it on top of ALL; ignoring it by id still wins over extend-select by glob
    cfg.write_text(f'packs = ["./ai-tells"]\nextend-select = [{json.dumps(selector)}]\n', encoding="utf-8")
    assert ("ai-tells/delve" in rule_ids(lint_text(TEXT, config=cfg))) is enabled


@pytest.mark.parametrize("selector,rule_id,pack,expected", ROWS)
def test_select(packs, selector, rule_id, pack, expected):
    found = lint_text(TEXT, config=config(packs, f"select = [{json.dumps(selector)}]\n"))
    assert (rule_id in rule_ids(found)) is expected


@pytest.mark.parametrize("selector,rule_id,pack,expected", ROWS)
def test_ignore(packs, selector, rule_id, pack, expected):
    found = lint_text(TEXT, config=config(packs, f'select = ["ALL"]\nignore = [{json.dumps(selector)}]\n'))
    assert (rule_id not in rule_ids(found)) is expected


@pytest.mark.parametrize("selector,rule_id,pack,expected", ROWS)
def test_severity_override(packs, selector, rule_id, pack, expected):
    found = lint_text(TEXT, config=config(packs, f'[severity]\n{json.dumps(selector)} = "error"\n'))
    [f] = [f for f in found if f.rule_id == rule_id]
    assert (f.severity is Severity.ERROR) is expected
    assert f.severity is (Severity.ERROR if expected else Severity.WARNING)


@pytest.mark.parametrize("selector,rule_id,pack,expected", ROWS)
def test_inline_suppression(packs, selector, rule_id, pack, expected):
    text = f"<!-- brandlint-disable-next-line {selector} -- checked -->\n{TEXT}"
    found = lint_text(text, config=config(packs, ""))
    assert (rule_id in rule_ids(found, active=False)) is expected
    assert (rule_id in rule_ids(found)) is not expected


@pytest.mark.parametrize("selector,rule_id,pack,expected", ROWS)
def test_pointer_ignores(packs, selector, rule_id, pack, expected):
    cfg = config(packs, f'[pointer-ignores]\n"/body" = [{json.dumps(selector)}]\n')
    found = lint_text(json.dumps({"body": TEXT}), format="json", config=cfg)
    assert (rule_id in rule_ids(found, active=False)) is expected
    assert (rule_id in rule_ids(found)) is not expected


def test_a_more_specific_select_beats_a_broader_ignore(packs):
    found = lint_text(TEXT, config=config(packs, 'select = ["ai-tells/delve"]\nignore = ["ai-tells"]\n'))
    assert rule_ids(found) == {"ai-tells/delve"}
    found = lint_text(TEXT, config=config(packs, 'select = ["ALL"]\nignore = ["ai-tells/*"]\n'))
    assert rule_ids(found) == set()
