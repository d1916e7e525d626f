from __future__ import annotations

import pytest

from brandlint.findings import Finding, Position, Severity, Span, Suppression
from brandlint.pipeline import FileResult
from brandlint.score import compute, file_score, format_score, overall_score

P = Position(1, 1, 0, 0)


def result(words: int, *severities: Severity, suppressed: int = 0, path: str = "a.md") -> FileResult:
    fs = [Finding("r/x", s, "m", path, Span(P, P)) for s in severities]
    fs += [
        Finding("r/x", Severity.ERROR, "m", path, Span(P, P), suppression=Suppression("inline", ""))
        for _ in range(suppressed)
    ]
    return FileResult(path, fs, words=words, format="markdown")


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@pytest.mark.parametrize(
    "words, sevs, expected",
    [
        (50, (), 100.0),
        (10, (E,), 75.0),  # short texts count as 100 words: 100 - 5 x 5
        (100, (W,), 90.0),
        (1000, (W,), 99.0),  # per 100 words: 2 / 10 -> 1 point
        (50, (I,), 97.5),
        (200, (E, E, E, W, I), 56.3),  # 17.5 in 200 words: 100 - 43.75 = 56.25, rounded half up
        (100, (E,) * 25, 0.0),  # clamped at 0
    ],
)
def test_file_score_formula(words, sevs, expected):
    s = file_score(result(words, *sevs))
    assert s.value == expected
    assert s.words == words and s.findings == len(sevs)


def test_rounding_is_exact_half_up_not_float_or_bankers():
    # integer arithmetic: no float error creeps into the value --fail-under compares
    # 81.25 is exact in binary, so round(81.25, 1) == 81.2 (half to even); the score says 81.3
    assert compute(7.5, 200) == 81.3
    assert compute(0.5, 400) == 99.4  # 99.375
    assert compute(0.5, 600) == 99.6  # 99.58333...
    assert round(81.25, 1) == 81.2


def test_suppressed_findings_and_skipped_files_do_not_count():
    assert file_score(result(100, W, suppressed=3)).value == 90.0
    skipped = FileResult("notes.rst", note="skipped: no format for extension '.rst'")
    assert file_score(skipped) is None
    assert overall_score([result(100, W), skipped]).value == 90.0
    # a file that could not be decoded still counts: its error finding is real
    broken = FileResult("bad.md", [Finding("brandlint/encoding-error", E, "m", "bad.md", Span(P, P))])
    assert file_score(broken).value == 75.0


def test_overall_is_the_word_weighted_mean_of_files():
    a, b = result(100, W), result(300, path="b.md")  # 90 and 100
    assert overall_score([a, b]).value == 97.5 == (90 * 100 + 100 * 300) / 400
    # two short files each count as 100 words: the overall is never below both
    s = overall_score([result(10, W, W), result(10, W, W, W)])  # 80 and 70
    assert s.value == 75.0 and s.words == 20 and s.findings == 5 and s.weighted == 10.0
    assert overall_score([]).value == 100.0


def test_format_score():
    assert [format_score(v) for v in (100.0, 87.5, 0.0, 99.4)] == ["100", "87.5", "0", "99.4"]
