"""The prompt library: one TOML file per prompt. The library that ships with the plugin
(``brandlint_llm/library/``, installed as package data) plus a team's own prompts in
``[plugins.llm] prompts-dir`` (default ``prompts/`` next to the config), which come first: a team
prompt with a library prompt's name replaces it.

A prompt file::

    description = "A two-sentence product blurb for a landing page."
    format = "markdown"                   # what the output is linted as: markdown or text
    packs = ["ai-tells", "example-brand"] # rule packs the output must pass (default: the config's)
    template = \"\"\"Write a two-sentence blurb for {product}, aimed at {audience}.\"\"\"
    system = "Optional extra instructions for the system message."

    [variables.product]
    description = "The product's name"
    required = true

    [variables.audience]
    default = "developers"

    [model]                               # the model configuration this prompt was validated with
    backend = "ollama"
    model = "llama3.2:3b"
    temperature = 0.2
    seed = 7

``{name}`` in the template is a variable (``{{`` and ``}}`` are literal braces); every variable
used must be declared, and every declared variable used. Mistakes are config errors naming the
file, the line and the key.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandlint.config import schema as S
from brandlint.config.toml import load_toml
from brandlint.errors import BrandlintError, ConfigError

from .config import LLMConfig, validate_table

PROMPT_SCHEMA: dict[str, Any] = {
    "description": S.STR,
    "format": S.STR,
    "packs": S.STR_LIST,
    "template": S.STR,
    "system": S.STR,
    "variables": S.ANY_TABLE,
    "model": S.ANY_TABLE,
}
VARIABLE_SCHEMA: dict[str, Any] = {"description": S.STR, "required": S.BOOL, "default": S.STR, "example": S.STR}
MODEL_KEYS = ("backend", "model", "temperature", "seed", "max-tokens")
FORMATS = {"markdown": ".md", "text": ".txt"}

_VAR = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


@dataclass
class Variable:
    name: str
    description: str = ""
    required: bool = True
    default: str | None = None
    example: str = ""


@dataclass
class Prompt:
    name: str
    path: Path
    template: str
    description: str = ""
    format: str = "markdown"
    packs: list[str] | None = None
    system: str = ""
    variables: dict[str, Variable] = field(default_factory=dict)
    model: dict[str, Any] = field(default_factory=dict)

    @property
    def extension(self) -> str:
        return FORMATS[self.format]

    def render(self, values: dict[str, str]) -> str:
        unknown = sorted(set(values) - set(self.variables))
        if unknown:
            raise BrandlintError(
                f"prompt {self.name!r} has no variable {unknown[0]!r} "
                f"(its variables: {', '.join(self.variables) or 'none'})"
            )
        resolved: dict[str, str] = {}
        missing = []
        for name, var in self.variables.items():
            if name in values:
                resolved[name] = values[name]
            elif var.default is not None:
                resolved[name] = var.default
            else:
                missing.append(name)
        if missing:
            raise BrandlintError(
                f"prompt {self.name!r} needs " + ", ".join(f"--var {m}=..." for m in missing) + f" ({self.path})"
            )

        def sub(m: re.Match) -> str:
            tok = m.group(0)
            if tok in ("{{", "}}"):
                return tok[0]
            return resolved[m.group(1).strip()]

        return _VAR.sub(sub, self.template)

    def config(self, base: LLMConfig, text: str = "") -> LLMConfig:
        """``base`` with this prompt's validated ``[model]`` table applied."""
        return validate_table(self.model, keys=("model",), path=str(self.path), text=text, base=base)


def _err(msg: str, keys: tuple, path: Path, text: str, hint: str = "") -> ConfigError:
    return ConfigError(msg, path=str(path), line=S.locate(text, keys), key=S.keypath(keys), hint=hint)


def load_prompt(path: Path) -> Prompt:
    data, text = load_toml(path)
    S.check_table(PROMPT_SCHEMA, data, (), str(path), text)
    if "template" not in data:
        raise ConfigError(
            "missing required key 'template'",
            path=str(path),
            line=1,
            key="template",
            hint='template = """Write ... about {topic}."""',
        )
    fmt = data.get("format", "markdown")
    if fmt not in FORMATS:
        raise _err(f"expected one of {', '.join(map(repr, FORMATS))}, got {fmt!r}", ("format",), path, text)
    variables: dict[str, Variable] = {}
    for name, spec in (data.get("variables") or {}).items():
        keys = ("variables", name)
        if not _NAME.match(name):
            raise _err(f"invalid variable name {name!r} (letters, digits, _ and -)", keys, path, text)
        if not isinstance(spec, dict):
            raise _err("expected a table ([variables.NAME] with description, required, default)", keys, path, text)
        S.check_table(VARIABLE_SCHEMA, spec, keys, str(path), text)
        default = spec.get("default")
        variables[name] = Variable(
            name, spec.get("description", ""), spec.get("required", default is None), default, spec.get("example", "")
        )
    used: list[str] = []
    for m in _VAR.finditer(data["template"]):
        tok = m.group(0)
        if tok in ("{{", "}}"):
            continue
        if m.group(1) is None:
            raise _err(
                f"unmatched {tok!r} in the template (write {tok * 2} for a literal brace)", ("template",), path, text
            )
        name = m.group(1).strip()
        if name not in variables:
            raise _err(
                f"the template uses {{{name}}} but declares no such variable",
                ("template",),
                path,
                text,
                f"add [variables.{name}]" if _NAME.match(name) else "write {{ and }} for literal braces",
            )
        used.append(name)
    for name in variables:
        if name not in used:
            raise _err(f"variable {name!r} is declared but the template never uses it", ("variables", name), path, text)
    model = data.get("model") or {}
    for key in model:
        if key not in MODEL_KEYS:
            close = difflib.get_close_matches(key, MODEL_KEYS, n=1)
            raise _err(
                f"unknown key {key!r}",
                ("model", key),
                path,
                text,
                f"did you mean {close[0]!r}?" if close else f"valid keys: {', '.join(MODEL_KEYS)}",
            )
    validate_table(model, keys=("model",), path=str(path), text=text)  # types and ranges
    return Prompt(
        name=path.stem,
        path=path,
        template=data["template"],
        description=data.get("description", ""),
        format=fmt,
        packs=data.get("packs"),
        system=data.get("system", ""),
        variables=variables,
        model=model,
    )


#: The prompts that ship with the plugin (package data: installed with the wheel).
LIBRARY = Path(__file__).resolve().parent / "library"


def prompts_dir(config: LLMConfig) -> Path:
    """The team's own prompts: ``prompts-dir`` (relative to the config's folder)."""
    d = Path(config.prompts_dir)
    return d if d.is_absolute() else Path(config.root or ".") / d


def search_dirs(config: LLMConfig) -> list[Path]:
    """Where prompts are looked up, first match wins: the team's folder, then the plugin's library."""
    return [prompts_dir(config), LIBRARY]


def list_prompts(config: LLMConfig) -> list[Path]:
    """Every prompt file by name (a team prompt hides the library's of the same name), sorted by name."""
    found: dict[str, Path] = {}
    for d in search_dirs(config):
        if d.is_dir():
            for p in sorted(d.glob("*.toml")):
                if p.is_file():
                    found.setdefault(p.stem, p)
    return [found[name] for name in sorted(found)]


def find_prompt(name: str, config: LLMConfig) -> Prompt:
    """A prompt by name (``product-blurb``) from the team's folder or the library, or a ``.toml`` path."""
    p = Path(name)
    if p.suffix == ".toml" and p.is_file():
        return load_prompt(p)
    for d in search_dirs(config):
        candidate = d / f"{name}.toml"
        if candidate.is_file():
            return load_prompt(candidate)
    names = [q.stem for q in list_prompts(config)]
    close = difflib.get_close_matches(name, names, n=1)
    where = " and ".join(str(d) for d in search_dirs(config))
    if close:
        hint = f"did you mean {close[0]!r}?"
    else:
        hint = (f"prompts: {', '.join(names)}" if names else f"no prompts in {where}") + (
            f"; a team's own prompts go in {prompts_dir(config)} (prompts-dir under [plugins.llm])"
        )
    raise BrandlintError(f"unknown prompt {name!r} ({hint})")
