"""The ``[plugins.llm]`` table of brandlint.toml: schema, defaults, validation, locality.

Every key is validated with the core validator (``brandlint.config.schema.check_table``), so a
mistake reads ``brandlint.toml:12: plugins.llm.timout: unknown key 'timout' (did you mean
'timeout'?)`` like any other config error.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from brandlint.config import schema as S
from brandlint.config.trust import OPT_IN, is_trusted
from brandlint.errors import ConfigError

KEY_PREFIX = ("plugins", "llm")

SCHEMA: dict[str, Any] = {
    "backend": S.STR,
    "endpoint": S.STR,
    "model": S.STR,
    "temperature": S.NUM,
    "seed": S.INT,
    "max-tokens": S.INT,
    "timeout": S.NUM,
    "connect-timeout": S.NUM,
    "retries": S.INT,
    "backoff": S.NUM,
    "concurrency": S.INT,
    "allow-remote": S.BOOL,
    "api-key-env": S.STR,
    "max-attempts": S.INT,
    "unit": S.STR,
    "rewrite-select": S.STR_LIST,
    "rewrite-ignore": S.STR_LIST,
    "voice": S.STR,
    "cache": S.BOOL,
    "prompts-dir": S.STR,
    "response-format": S.STR,
    "retry-timeouts": S.BOOL,
    "context-tokens": S.INT,
    "guideline-tokens": S.INT,
}

DEFAULT_ENDPOINTS = {"ollama": "http://127.0.0.1:11434", "openai": "http://127.0.0.1:8080"}
UNITS = ("sentence", "paragraph")
RESPONSE_FORMATS = ("json_schema", "json_object")


@dataclass(frozen=True)
class LLMConfig:
    """Effective model settings (defaults, then ``[plugins.llm]``, then a prompt's ``[model]``)."""

    backend: str = "ollama"
    endpoint: str = ""  # "" = the backend's local default
    model: str = ""
    temperature: float = 0.0
    seed: int = 0
    max_tokens: int = 512
    timeout: float = 60.0  # seconds to wait for the answer (socket read timeout)
    connect_timeout: float = 5.0
    retries: int = 2  # extra HTTP attempts on connection errors, timeouts, 5xx and 429
    backoff: float = 0.5  # first retry delay in seconds, doubled each time
    concurrency: int = 2  # requests in flight at once
    allow_remote: bool = False
    api_key_env: str = ""  # environment variable holding a bearer token (OpenAI-compatible)
    max_attempts: int = 3  # rewrite attempts per unit, each told why the previous one failed
    unit: str = "sentence"  # smallest unit sent: "sentence" (falls back to the paragraph) or "paragraph"
    rewrite_select: tuple[str, ...] = ("ALL",)
    rewrite_ignore: tuple[str, ...] = ()
    voice: str = ""  # free-text brand voice guidance added to every prompt
    cache: bool = True
    prompts_dir: str = "prompts"
    # OpenAI-compatible servers: "json_schema" (llama-server, vLLM, LM Studio) or "json_object" with
    # a "schema" (llama-cpp-python's server); a server that rejects json_schema is retried once with it
    response_format: str = "json_schema"
    # a timed-out request is sent again to a loopback server only when asked (it is still working on it)
    retry_timeouts: bool = False
    # the model's context window in tokens: sent to Ollama as num_ctx; the system message's
    # guidelines are cut to fit it (with the prompt and max-tokens)
    context_tokens: int = 4096
    # the most tokens of brand guidelines `generate` puts in the system message (estimated)
    guideline_tokens: int = 1200
    # where the values came from, for error messages: (config file, its text)
    source: str = field(default="", compare=False)
    root: str = field(default="", compare=False)

    @property
    def url(self) -> str:
        return (self.endpoint or DEFAULT_ENDPOINTS.get(self.backend, "")).rstrip("/")

    def options_key(self) -> dict[str, Any]:
        """The generation options that change an answer (part of the cache key)."""
        return {
            "temperature": self.temperature,
            "seed": self.seed,
            "max_tokens": self.max_tokens,
            "num_ctx": self.context_tokens,
        }

    def merged(self, table: Mapping[str, Any]) -> LLMConfig:
        """A copy with the keys of a (validated) TOML table applied."""
        changes: dict[str, Any] = {}
        for key, value in table.items():
            name = key.replace("-", "_")
            if name in ("rewrite_select", "rewrite_ignore"):
                value = tuple(value)
            elif name in ("temperature", "timeout", "connect_timeout", "backoff"):
                value = float(value)
            changes[name] = value
        return replace(self, **changes)


def _check_values(cfg: LLMConfig, keys: tuple, path: str, text: str, table: Mapping[str, Any]) -> None:
    def bad(key: str, msg: str, hint: str = "") -> ConfigError:
        k = keys + (key,)
        return ConfigError(msg, path=path, line=S.locate(text, k) if text else 0, key=S.keypath(k), hint=hint)

    checks = [
        ("temperature", 0 <= cfg.temperature <= 2, "must be between 0 and 2"),
        ("max-tokens", cfg.max_tokens >= 1, "must be at least 1"),
        ("timeout", cfg.timeout > 0, "must be a positive number of seconds"),
        ("connect-timeout", cfg.connect_timeout > 0, "must be a positive number of seconds"),
        ("retries", 0 <= cfg.retries <= 10, "must be between 0 and 10"),
        ("backoff", cfg.backoff >= 0, "must be zero or more seconds"),
        ("concurrency", 1 <= cfg.concurrency <= 64, "must be between 1 and 64"),
        ("max-attempts", 1 <= cfg.max_attempts <= 10, "must be between 1 and 10"),
        ("context-tokens", 512 <= cfg.context_tokens <= 1_048_576, "must be between 512 and 1048576"),
        ("guideline-tokens", cfg.guideline_tokens >= 0, "must be zero or more"),
    ]
    for key, ok, msg in checks:
        if key in table and not ok:
            raise bad(key, f"{msg}, got {table[key]!r}")
    if "unit" in table and cfg.unit not in UNITS:
        raise bad("unit", f"expected one of {', '.join(map(repr, UNITS))}, got {cfg.unit!r}")
    if "response-format" in table and cfg.response_format not in RESPONSE_FORMATS:
        raise bad(
            "response-format", f"expected one of {', '.join(map(repr, RESPONSE_FORMATS))}, got {cfg.response_format!r}"
        )
    if "endpoint" in table:
        problem = endpoint_problem(cfg.endpoint)
        if problem:
            raise bad("endpoint", problem, 'e.g. "http://127.0.0.1:11434" for Ollama')


def endpoint_problem(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"expected an http:// or https:// URL with a host, got {url!r}"
    try:
        _ = parts.port  # urlsplit checks the port only when it is read
    except ValueError:
        return f"invalid port in {url!r}"
    return ""


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1); no DNS look-up."""
    h = host.strip("[]").lower()
    if h == "localhost" or h.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def check_local(cfg: LLMConfig) -> None:
    """Refuse a non-loopback endpoint unless ``allow-remote = true`` (content stays local), and
    honour ``allow-remote`` only from a config in a directory the user trusts (a repository
    must not send its reader's content away; see docs/security.md)."""
    host = urlsplit(cfg.url).hostname or ""
    if is_loopback(host):
        return
    text = _config_text(Path(cfg.source)) if cfg.source else ""
    if cfg.allow_remote:
        if not cfg.source or is_trusted(Path(cfg.source).parent):
            return
        keys = KEY_PREFIX + ("allow-remote",)
        raise ConfigError(
            f"true would send your content to {cfg.url}, and {Path(cfg.source).parent} is not a trusted directory",
            path=cfg.source,
            line=S.locate(text, keys) if text else 0,
            key=S.keypath(keys),
            hint="brandlint sends content off this machine only for a config you trust: " + OPT_IN,
        )
    keys = KEY_PREFIX + ("endpoint",)
    raise ConfigError(
        f"{cfg.url} is not on this machine; brandlint-llm only sends content to loopback servers "
        "(127.0.0.1, ::1, localhost)",
        path=cfg.source,
        line=S.locate(text, keys) if text else 0,
        key=S.keypath(keys),
        hint="set allow-remote = true under [plugins.llm] if sending your content there is intended",
    )


def validate_table(
    table: Any, *, keys: tuple = KEY_PREFIX, path: str = "", text: str = "", base: LLMConfig | None = None
) -> LLMConfig:
    """Validate a ``[plugins.llm]``-shaped table and return the config it gives."""
    if not isinstance(table, dict):
        raise ConfigError("expected a table", path=path, line=S.locate(text, keys) if text else 0, key=S.keypath(keys))
    S.check_table(SCHEMA, table, keys, path, text)
    cfg = (base or LLMConfig()).merged(table)
    _check_values(cfg, keys, path, text, table)
    return cfg


def _config_text(path: Path | None) -> str:
    try:
        return path.read_text("utf-8") if path else ""
    except OSError:
        return ""


def from_settings(settings: Any) -> LLMConfig:
    """The validated ``[plugins.llm]`` config of a :class:`brandlint.config.settings.Settings`."""
    table = (settings.data.get("plugins") or {}).get("llm", {})
    path = settings.path
    text = _config_text(path)
    keys = KEY_PREFIX
    if path is not None and path.name == "pyproject.toml":
        keys = ("tool", "brandlint") + KEY_PREFIX
    try:
        cfg = validate_table(table, keys=keys, path=str(path or ""), text=text)
    except ConfigError as exc:
        if keys[0] == "tool":
            raise ConfigError(
                exc.message, path=exc.path, line=exc.line, key=exc.key.replace("tool.brandlint.", ""), hint=exc.hint
            ) from None
        raise
    return replace(cfg, source=str(path or ""), root=str(settings.root))


def cache_dir(cfg: LLMConfig) -> Path:
    """``$BRANDLINT_CACHE_DIR/llm`` or ``<config root>/.brandlint_cache/llm``."""
    env = os.environ.get("BRANDLINT_CACHE_DIR")
    base = Path(env) if env else Path(cfg.root or ".") / ".brandlint_cache"
    return base / "llm"
