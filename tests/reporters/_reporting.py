"""A small real project (rule pack + config + files) linted in-process for reporter tests."""

from __future__ import annotations

import contextlib
from pathlib import Path

from brandlint import __version__
from brandlint.config.settings import load_settings
from brandlint.pipeline import RunOptions, lint_paths
from brandlint.reporters.base import ReportContext

PACK = {
    "no-synergy.toml": (
        'kind = "existence"\nseverity = "warning"\nmessage = "Avoid \'{match}\'."\n'
        'description = "Flags the word synergy."\nwhy = "It is jargon."\nexample = "Our synergy."\n'
        'use-instead = "Our teamwork."\nlink = "https://example.com/style#synergy"\ntokens = ["synergy"]\n'
    ),
    "prefer-email.toml": 'kind = "substitution"\nseverity = "info"\n[swap]\n"e-mail" = "email"\n',
    "no-globex.toml": (
        'kind = "existence"\nseverity = "error"\nmessage = "Do not name {match}: 100% off, really."\n'
        'description = "No competitor names."\ntokens = ["Globex"]\n'
    ),
}


def project(root: Path, config: str = "") -> Path:
    for name, text in PACK.items():
        (root / "rules" / "house").mkdir(parents=True, exist_ok=True)
        (root / "rules" / "house" / name).write_text(text, encoding="utf-8")
    (root / "brandlint.toml").write_text('packs = ["rules/house"]\n' + config, encoding="utf-8")
    return root


def lint(root: Path, *paths: str, **ctx_args):
    """Lint ``paths`` (relative to ``root``, as the CLI would from there); (results, ReportContext)."""
    with contextlib.chdir(root):
        results = list(lint_paths(paths, options=RunOptions(cwd=root)))
        settings = load_settings(root / "brandlint.toml", cwd=root)
    ctx = ReportContext(version=__version__, rules={r.id: r for r in settings.all_rules}, **ctx_args)
    return results, ctx


def report(reporter, root: Path, results, ctx) -> str:
    with contextlib.chdir(root):
        return reporter.report(results, ctx)
