"""Built-in rule kinds and the rule packs shipped with brandlint."""
from __future__ import annotations

from pathlib import Path

from .hookspecs import hookimpl


def packs_dir() -> Path:
    """Shipped packs: inside the wheel (``brandlint/packs``) or the repo's ``rules/`` folder."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "packs"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"


@hookimpl
def brandlint_rule_kinds():
    from ..rules.terms import ExistenceRule, SubstitutionRule
    return [ExistenceRule, SubstitutionRule]


@hookimpl
def brandlint_rule_packs():
    root = packs_dir()
    if not root.is_dir():
        return {}
    return {p.name: str(p) for p in sorted(root.iterdir()) if p.is_dir() and any(p.glob("*.toml"))}
