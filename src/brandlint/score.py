"""The content score: one number from 0 to 100 per file and for the whole run.

The formula (documented in docs/output-formats.md and printed by ``brandlint explain score``)::

    weighted = 5 x errors + 2 x warnings + 0.5 x info        (active findings only)
    density  = 100 x weighted / max(words, 100)               (weighted points per 100 words)
    score    = max(0, 100 - 5 x density), rounded half up to one decimal

Suppressed findings (inline directives, pointer-ignores, the baseline) do not count. Short
texts count as 100 words so that one finding in a ten-word file is not a disaster. A file that
was skipped (no format for its extension) has no score. The overall score uses the same formula
with the sums over all files: sum(weighted) / sum(max(words, 100)), so it is the word-weighted
mean of the files' scores (before clamping at 0) and longer files weigh more.

Everything is computed in integers (weights counted in half points), so a score never depends
on float rounding and ``--fail-under`` compares exactly the number that is printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Severity

WEIGHTS = {Severity.ERROR: 5.0, Severity.WARNING: 2.0, Severity.INFO: 0.5}
HALF_POINTS = {sev: int(w * 2) for sev, w in WEIGHTS.items()}  # exact integer arithmetic
PENALTY = 5  # score points lost per weighted point per 100 words
MIN_WORDS = 100
FORMULA = (
    "max(0, 100 - 5 * 100 * (5 * errors + 2 * warnings + 0.5 * info) / max(words, 100)) per file; "
    "overall: the same with the sums over all files of the weighted findings and of max(words, 100)"
)

EXPLANATION = """\
# Content score

Every file and the whole run get a score from 0 to 100, computed from the findings that are
reported (suppressed and baselined findings do not count):

    weighted = 5 x errors + 2 x warnings + 0.5 x info
    density  = 100 x weighted / max(words, 100)     (weighted points per 100 words)
    score    = max(0, 100 - 5 x density)            (rounded half up to one decimal)

So in a text of 100 words or fewer, one error costs 25 points, one warning 10 and one info
2.5; in 1,000 words they cost a tenth of that. The overall score uses the sums over all files,
100 - 5 x 100 x sum(weighted) / sum(max(words, 100)): the word-weighted mean of the files'
scores. `brandlint check --fail-under N` exits 1 when the overall score is below N.
"""


@dataclass(frozen=True)
class Score:
    value: float  # 0..100, one decimal
    words: int
    weighted: float
    findings: int

    def __str__(self) -> str:
        return format_score(self.value)


def _half_points(findings: Iterable) -> tuple[int, int]:
    total = n = 0
    for f in findings:
        if f.suppression is None:
            total += HALF_POINTS[f.severity]
            n += 1
    return total, n


def compute(weighted: float, words: int) -> float:
    """The score for ``weighted`` points (a multiple of 0.5) in ``words`` words."""
    half = round(weighted * 2)
    n = max(words, MIN_WORDS)
    # in tenths: 10 x (100 - PENALTY x 100 x (half / 2) / n) = twice_num / (2 n), all integers
    twice_num = 2000 * n - 10 * PENALTY * 100 * half
    if twice_num <= 0:
        return 0.0
    return ((twice_num + n) // (2 * n)) / 10  # round half up: floor(x + 1/2)


def scored(result) -> bool:
    """Whether a file result gets a score (it was linted, or failed with a finding)."""
    return bool(result.format) or bool(result.findings)


def file_score(result) -> Score | None:
    if not scored(result):
        return None
    h, n = _half_points(result.findings)
    return Score(compute(h / 2, result.words), result.words, h / 2, n)


def overall_score(results: Iterable) -> Score:
    total_h = total_n = words = counted = 0
    for r in results:
        if not scored(r):
            continue
        h, n = _half_points(r.findings)
        total_h += h
        total_n += n
        words += r.words
        counted += max(r.words, MIN_WORDS)  # each file counts as at least 100 words
    return Score(compute(total_h / 2, counted), words, total_h / 2, total_n)


def format_score(value: float) -> str:
    """``87.5`` -> ``"87.5"``, ``90.0`` -> ``"90"``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
