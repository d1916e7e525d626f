"""The ``metric`` kind: Vale's ``metric`` — a formula over document counts and a condition.

    kind = "metric"
    message = "Try to keep the Flesch-Kincaid grade level ({value}) below 8."
    formula = "(0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59"
    condition = "> 8.0"

The variables are Vale's (:data:`brandlint.rules.doc_counts.VARIABLES`), counted over the
document's summary (prose blocks; no headings, lists, tables or code). The formula is parsed
into arithmetic only (:mod:`brandlint.rules.formula`): a rule file cannot run code. When the
condition holds, one finding is reported at the start of the document (line 1, column 1, as
Vale places summary alerts) with the value formatted to two decimals (``{value}``).
A document without words, or a formula that divides by zero, reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..documents.base import Document
from ..findings import Finding
from .base import FixAvailability, Option, Rule, RuleContext, RuleMeta
from .doc_counts import VARIABLES, counts
from .formula import Condition, Formula, FormulaError


class MetricRule(Rule):
    """A formula over document counts (words, sentences, syllables, headings...) and a condition."""

    kind = "metric"
    summary = "Report a document whose formula over counts (words, sentences, syllables...) meets a condition."
    fix_availability = FixAvailability.NEVER
    segment_local = False  # counts the whole document
    default_message = "{formula} is {value} ({condition})."
    options = {
        "formula": Option(
            "str",
            "",
            "arithmetic over Vale's variables: " + ", ".join(VARIABLES) + " (+ - * / % **, math.sqrt...)",
            required=True,
        ),
        "condition": Option("str", "", "an operator and a number, e.g. '> 8.0': when true, report", required=True),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        try:
            self.formula = Formula(opts["formula"], frozenset(VARIABLES))
        except FormulaError as exc:
            raise self.config_error(str(exc), "formula") from None
        try:
            self.condition = Condition(opts["condition"])
        except FormulaError as exc:
            raise self.config_error(str(exc), "condition") from None

    def value(self, doc: Document) -> float | None:
        """The formula's value for ``doc`` (None: no words, or undefined such as x / 0)."""
        values = counts(doc, self.formula.names)
        if not values["words"]:
            return None
        try:
            return self.formula(values)
        except (ZeroDivisionError, ValueError, OverflowError):
            return None

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        value = self.value(doc)
        if value is None or not self.condition(value):
            return
        shown = f"{value:.2f}"
        msg = self.message(
            value=shown, match=shown, formula=" ".join(self.opts["formula"].split()), condition=self.condition.text
        )
        yield Finding(
            rule_id=self.meta.id,
            severity=self.meta.severity,
            message=msg,
            path=doc.path,
            span=doc.span(0, 0),
            scope="document",
            data={"value": round(value, 4)},
        )
