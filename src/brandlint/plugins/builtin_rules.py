"""Built-in rule kinds and the rule packs shipped with brandlint."""

from __future__ import annotations

from pathlib import Path

from ..nlp import nlp_service_factory  # spaCy itself is imported only when the factory runs
from ..rules.assets import AssetsRule
from ..rules.capitalization import CapitalizationRule
from ..rules.conditional import ConditionalRule
from ..rules.consistency import ConsistencyRule
from ..rules.contractions import ContractionsRule
from ..rules.emoji import EmojiRule
from ..rules.exclamation import ExclamationRule
from ..rules.existence import ExistenceRule
from ..rules.metric import MetricRule
from ..rules.occurrence import OccurrenceRule
from ..rules.passive_voice import PassiveVoiceRule
from ..rules.pattern import PatternRule
from ..rules.person import PersonRule
from ..rules.readability import ReadabilityRule
from ..rules.repetition import RepetitionRule
from ..rules.required import RequiredRule
from ..rules.sentence_length import SentenceLengthRule
from ..rules.sequence import SequenceRule
from ..rules.shouting import ShoutingRule
from ..rules.spelling import SpellingRule
from ..rules.substitution import SubstitutionRule
from ..rules.terminology import TerminologyRule
from .hookspecs import hookimpl

#: Every built-in rule kind, one module each under ``brandlint/rules/``.
BUILTIN_KINDS = [
    ExistenceRule,
    SubstitutionRule,
    OccurrenceRule,
    RepetitionRule,
    ConsistencyRule,
    ConditionalRule,
    CapitalizationRule,
    RequiredRule,
    PatternRule,
    TerminologyRule,
    PassiveVoiceRule,
    SentenceLengthRule,
    ExclamationRule,
    ShoutingRule,
    PersonRule,
    ContractionsRule,
    EmojiRule,
    ReadabilityRule,
    SpellingRule,
    MetricRule,
    SequenceRule,
    AssetsRule,
]


def packs_dir() -> Path:
    """Shipped packs: inside the wheel (``brandlint/packs``) or the repo's ``rules/`` folder."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "packs"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"


@hookimpl
def brandlint_rule_kinds():
    return list(BUILTIN_KINDS)


@hookimpl
def brandlint_services():
    return {"nlp": nlp_service_factory}


@hookimpl
def brandlint_rule_packs():
    root = packs_dir()
    if not root.is_dir():
        return {}
    return {p.name: str(p) for p in sorted(root.iterdir()) if p.is_dir() and any(p.glob("*.toml"))}
