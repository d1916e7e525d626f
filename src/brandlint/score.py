"""The content score: one number from 0 to 100 per file and for the whole run.

The formula (documented in docs/output-formats.md and printed by ``brandlint explain score``)::

    weighted = 5 x errors + 2 x warnings + 0.5 x infos        (active findings only)
    density  = 100 x weighted / max(words, 100)               (weighted points per 100 words)
    score    = max(0, 100 - 5 x density), rounded half up to one decimal

Suppressed findings (inline directives, pointer-ignores, the baseline) do not count. Short
texts count as 100 words so that one finding in a ten-word file is not a disaster. A file that
was skipped (no format for its extension) has no score. The overall score uses the same formula
over the sums of all files' weights and words, so longer files weigh more.

Everything is computed with exact fractions, so a score never depends on float rounding and
``--fail-under`` compares exactly the number that is printed.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from .findings import Severity

WEIGHTS: dict[Severity, Fraction] = {Severity.ERROR: Fraction(5), Severity.WARNING: Fraction(2),
                                     Severity.INFO: Fraction(1, 2)}
PENALTY = 5  # score points lost per weighted point per 100 words
MIN_WORDS = 100
FORMULA = "max(0, 100 - 5 * 100 * (5 * errors + 2 * warnings + 0.5 * infos) / max(words, 100))"

EXPLANATION = """\
# Content score

Every file and the whole run get a score from 0 to 100, computed from the findings that are
reported (suppressed and baselined findings do not count):

    weighted = 5 x errors + 2 x warnings + 0.5 x infos
    density  = 100 x weighted / max(words, 100)     (weighted points per 100 words)
    score    = max(0, 100 - 5 x density)            (rounded half up to one decimal)

So in a text of 100 words or fewer, one error costs 25 points, one warning 10 and one info
2.5; in 1,000 words they cost a tenth of that. The overall score applies the formula to the
sums over all files. `brandlint check --fail-under N` exits 1 when the overall score is below N.
"""


@dataclass(frozen=True)
class Score:
    value: float  # 0..100, one decimal
    words: int
    weighted: float
    findings: int

    def __str__(self) -> str:
        return format_score(self.value)


def _weighted(findings: Iterable) -> tuple[Fraction, int]:
    total, n = Fraction(0), 0
    for f in findings:
        if f.suppression is None:
            total += WEIGHTS[f.severity]
            n += 1
    return total, n


def compute(weighted: Fraction, words: int) -> float:
    """The score for ``weighted`` points in ``words`` words (see the module docstring)."""
    raw = 100 - PENALTY * 100 * Fraction(weighted) / max(words, MIN_WORDS)
    if raw <= 0:
        return 0.0
    tenths = (raw * 10 + Fraction(1, 2)).__floor__()  # round half up, exactly
    return tenths / 10


def scored(result) -> bool:
    """Whether a file result gets a score (it was linted, or failed with a finding)."""
    return bool(result.format) or bool(result.findings)


def file_score(result) -> Score | None:
    if not scored(result):
        return None
    w, n = _weighted(result.findings)
    return Score(compute(w, result.words), result.words, float(w), n)


def overall_score(results: Iterable) -> Score:
    total_w, total_n, words = Fraction(0), 0, 0
    for r in results:
        if not scored(r):
            continue
        w, n = _weighted(r.findings)
        total_w += w
        total_n += n
        words += r.words
    return Score(compute(total_w, words), words, float(total_w), total_n)


def format_score(value: float) -> str:
    """``87.5`` -> ``"87.5"``, ``90.0`` -> ``"90"``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
