"""Vale styles as brandlint rule packs, loaded at run time.

::

    # brandlint.toml
    vale-styles = ["styles"]            # Vale's StylesPath (folders holding one folder per style)
    [vale]
    based-on = ["Microsoft", "Vale"]    # Vale's BasedOnStyles
    vocab = ["Brand"]                   # <StylesPath>/config/vocabularies/Brand/accept.txt, reject.txt

    # or read all of that from a Vale config:
    [vale]
    config = ".vale.ini"

Each style becomes a pack named after it and each YAML rule a rule ``Style/Rule``. A rule that
cannot be translated is listed with the reason (:class:`ValeLoad.untranslated`): ``brandlint
check`` warns about them and ``brandlint import vale --list`` prints them. ``Vale`` is Vale's
built-in style: ``Vale/Spelling`` (the shipped en_US dictionary, the vocabulary accepted),
``Vale/Terms`` and ``Vale/Avoid`` (the vocabulary's accept and reject lists) and
``Vale/Repetition``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config.packs import build_rule
from ..errors import ConfigError
from ..rules.base import Rule
from ..rules.vocab import is_literal, load_vocab
from .ini import ValeIni, read_vale_ini
from .translate import Translated, Untranslated, translate


@dataclass
class ValeLoad:
    rules: list[Rule] = field(default_factory=list)
    translated: list[Translated] = field(default_factory=list)
    untranslated: list[Untranslated] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ini: ValeIni | None = None
    vocab_dirs: list[str] = field(default_factory=list)


def _yaml() -> Any:
    try:
        import yaml  # lazy: only projects that load Vale styles need a YAML parser
    except ImportError:
        raise ConfigError("loading Vale styles needs PyYAML", hint="pip install pyyaml (or brandlint[vale])") from None
    return yaml


def style_dir(styles_paths: list[Path], style: str) -> Path | None:
    for base in styles_paths:
        d = base / style
        if d.is_dir():
            return d
    return None


def read_style(directory: Path, styles_path: Path | None = None) -> list[Translated | Untranslated]:
    """Translate every ``*.yml`` / ``*.yaml`` rule of a style folder (sorted by name)."""
    yaml = _yaml()
    out: list[Translated | Untranslated] = []
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    for p in files:
        try:
            data = yaml.safe_load(p.read_text("utf-8-sig"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" (line {mark.line + 1})" if mark is not None else ""
            out.append(Untranslated(p.stem, str(p), f"invalid YAML{line}: {getattr(exc, 'problem', exc)}"))
            continue
        out.append(translate(data, p.stem, str(p), styles_path))
    return out


def builtin_vale(vocab_dirs: list[str]) -> list[Translated]:
    """Vale's own style: Spelling, Terms and Avoid (from the vocabulary), Repetition."""
    rules = [
        Translated(
            "Spelling",
            "<Vale>",
            {
                "kind": "spelling",
                "severity": "error",
                "message": "Did you really mean '{match}'?",
                "vocab": list(vocab_dirs),
                "names": True,
                "affixes": False,
                "compounds": False,
                "repeated": 0,
                "accept-case": True,
            },
        ),
        Translated(
            "Repetition",
            "<Vale>",
            {
                "kind": "repetition",
                "severity": "error",
                "message": "'{word}' is repeated!",
                "ignorecase": False,
                "exceptions": [],
                "proper-nouns": True,
            },
        ),
    ]
    if vocab_dirs:
        vocab = load_vocab(vocab_dirs)
        accepted = [e for e in vocab.accept.entries if is_literal(e) and not e.startswith("(?i)")]
        if accepted:
            swap = {e.lower(): e for e in accepted if e.lower() != e}
            if swap:
                rules.append(
                    Translated(
                        "Terms",
                        "<Vale>",
                        {
                            "kind": "substitution",
                            "severity": "error",
                            "message": "Use '{preferred}' instead of '{match}'.",
                            "swap": swap,
                            "ignorecase": True,
                            "preserve-case": False,
                        },
                    )
                )
        if vocab.reject.entries:
            rules.append(
                Translated(
                    "Avoid",
                    "<Vale>",
                    {
                        "kind": "existence",
                        "severity": "error",
                        "message": "Avoid using '{match}'.",
                        "raw": [r"\b(?:" + "|".join(vocab.reject.entries) + r")\b"],
                        "ignorecase": False,
                    },
                )
            )
    return rules


def vocab_rules(vocab_dirs: list[str], kinds: dict[str, type]) -> list[Rule]:
    """The config's ``vocab`` as rules of the pack ``vocab``, shared with the spelling rules:

    * ``vocab/terms`` (terminology): an accepted entry with capitals is the brand's spelling,
      so other casings of it are flagged ("mongodb" → "MongoDB"; sentence-initial is fine);
    * ``vocab/avoid`` (existence): rejected phrases and patterns with spaces, case-sensitive as
      Vale's (rejected single words are spelling errors: the ``spelling`` rules report them).
    """
    vocab = load_vocab(vocab_dirs)
    rules: list[Rule] = []
    source = str(Path(vocab_dirs[0]) / "accept.txt")
    branded = [e for e in vocab.accept.entries if is_literal(e) and e.lower() != e and " " not in e]
    data: dict[str, Any]
    if branded:
        data = {
            "kind": "terminology",
            "severity": "warning",
            "description": "Brand names from the vocabulary's accept.txt, in their exact casing.",
            "terms": [{"preferred": e, "case-sensitive": True} for e in branded],
        }
        rules.append(build_rule(data, "", source, "vocab", "terms", kinds))
    phrases = [e for e in vocab.reject.entries if " " in e.strip()]
    if phrases:
        data = {
            "kind": "existence",
            "severity": "warning",
            "message": "Avoid '{match}' (rejected by the vocabulary).",
            "description": "Terms from the vocabulary's reject.txt.",
            "raw": [r"\b(?:" + "|".join(phrases) + r")\b"],
            "ignorecase": False,
        }
        rules.append(build_rule(data, "", str(Path(vocab_dirs[0]) / "reject.txt"), "vocab", "avoid", kinds))
    return rules


def load_styles(
    styles_paths: list[Path],
    based_on: list[str],
    kinds: dict[str, type],
    vocab: list[str] = (),  # type: ignore[assignment]
    ini: ValeIni | None = None,
) -> ValeLoad:
    """Load the styles ``based_on`` from ``styles_paths`` as rules (Vale's ``Vale`` style built in)."""
    result = ValeLoad(ini=ini)
    for name in vocab:
        for base in styles_paths:
            for sub in ("config/vocabularies", "Vocab"):
                d = base / sub / name
                if d.is_dir():
                    result.vocab_dirs.append(str(d))
                    break
            else:
                continue
            break
        else:
            raise ConfigError(
                f"Vale vocabulary {name!r} not found",
                hint=f"looked for config/vocabularies/{name} in {', '.join(map(str, styles_paths))}",
            )
    for style in based_on:
        if style == "Vale":
            entries: list[Translated | Untranslated] = list(builtin_vale(result.vocab_dirs))
        else:
            found = style_dir(styles_paths, style)
            if found is None:
                raise ConfigError(
                    f"Vale style {style!r} not found",
                    hint=f"looked for a folder {style}/ in {', '.join(map(str, styles_paths))}",
                )
            entries = read_style(found, found.parent)
        for entry in entries:
            if isinstance(entry, Untranslated):
                result.untranslated.append(entry)
                continue
            try:
                rule = build_rule(entry.data, _source(entry.path), entry.path, style, entry.name, kinds)
            except ConfigError as exc:
                result.untranslated.append(Untranslated(entry.name, entry.path, exc.message))
                continue
            result.translated.append(entry)
            result.rules.append(rule)
    if ini is not None:
        result.notes.extend(ini.notes)
    return result


@functools.lru_cache(maxsize=256)
def _source(path: str) -> str:
    try:
        return Path(path).read_text("utf-8-sig")
    except OSError:
        return ""


def vale_settings(data: dict[str, Any], root: Path) -> tuple[list[Path], list[str], list[str], ValeIni | None]:
    """(StylesPaths, BasedOnStyles, vocabularies, the .vale.ini read) from brandlint config data."""
    table = data.get("vale", {}) or {}
    ini = None
    paths = [(root / p).resolve() for p in data.get("vale-styles", ())]
    based_on = list(table.get("based-on", ()))
    vocab = list(table.get("vocab", ()))
    if table.get("config"):
        ini = read_vale_ini((root / table["config"]).resolve())
        if not paths:
            paths = [ini.styles_path]
        based_on = based_on or ini.based_on
        vocab = vocab or ini.vocab
    return paths, based_on, vocab, ini
