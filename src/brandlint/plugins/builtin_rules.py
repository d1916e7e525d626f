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
    from ..rules.structure import STRUCTURE_KINDS
    from ..rules.readability import ReadabilityRule
    from ..rules.terminology import TerminologyRule
    from ..rules.terms import ExistenceRule, SubstitutionRule
    from ..rules.tone import TONE_KINDS
    return [ExistenceRule, SubstitutionRule, *STRUCTURE_KINDS, TerminologyRule, *TONE_KINDS, ReadabilityRule]


@hookimpl
def brandlint_services():
    from ..nlp import nlp_service_factory  # spaCy itself is imported only when the factory runs
    return {"nlp": nlp_service_factory}


@hookimpl
def brandlint_rule_packs():
    root = packs_dir()
    if not root.is_dir():
        return {}
    return {p.name: str(p) for p in sorted(root.iterdir()) if p.is_dir() and any(p.glob("*.toml"))}
