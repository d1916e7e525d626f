"""Model backends: Ollama's native chat API and the OpenAI-compatible chat completions API.

Both speak JSON over HTTP with the standard library's ``http.client`` (imported on first use, so
loading the plugin costs nothing). Each request asks for a structured answer (a JSON schema),
with a fixed temperature and seed so answers repeat; answers are cached on disk by (backend,
model, prompt, options). Transport problems (server down, HTTP 5xx or 429) are retried with
exponential back-off — or after the server's ``Retry-After`` when it sends one — then raised as
:class:`ModelError` with a message that says what to do. A request that timed out is not sent
again to a server on this machine (a local server works one request at a time: the first one is
still being computed) unless ``retry-timeouts = true``. A request the server rejects for its
form (the answer format) is not retried as such: each backend decides (:meth:`ChatBackend.final`).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from brandlint.errors import ConfigError
from brandlint.plugins import Registry

from .backend_state import ModelError, ResponseCache, Stats
from .config import LLMConfig, cache_dir, check_local, endpoint_problem, is_loopback

USER_AGENT = "brandlint-llm/0.1"
DOWN_SECONDS = 30.0  # how long an unreachable server is not asked again (a language server lives long)
MAX_RETRY_AFTER = 120.0  # the longest Retry-After honoured (seconds); a longer one ends the retries


#: the largest answer read from a model server (a rewrite or a generated text is far smaller)
MAX_ANSWER_BYTES = 4 << 20


class ChatBackend:
    """Base class: one chat request in, the assistant's text out (with retries and caching)."""

    name = ""
    path = ""

    def __init__(
        self, config: LLMConfig, *, cache: ResponseCache | None = None, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        problem = endpoint_problem(config.url)
        if problem:
            raise ModelError("bad-config", f"plugins.llm.endpoint: {problem}")
        check_local(config)
        self.config = config
        self.cache = cache if cache is not None else (ResponseCache(cache_dir(config)) if config.cache else None)
        self.stats = Stats()
        self._slots = threading.BoundedSemaphore(max(1, config.concurrency))
        self._sleep = sleep
        # set when the server could not be reached: later requests fail fast for DOWN_SECONDS
        self._down: tuple[str, float] | None = None

    # -- what differs between APIs ----------------------------------------------------------
    def request_body(self, messages: list[dict], schema: dict, schema_name: str, variant: str = "") -> dict:
        """The API's request; ``variant`` is a per-request choice of the backend (the answer format)."""
        raise NotImplementedError

    def extract(self, data: Any) -> str:
        raise NotImplementedError

    def final(self, status: int, raw: bytes, variant: str) -> bool:
        """Whether an error answer must not be retried as it is (the request's form was refused)."""
        return False

    # -- shared ------------------------------------------------------------------------------
    @property
    def where(self) -> str:
        return f"{self.name} at {self.config.url}"

    def url_path(self) -> str:
        base = urlsplit(self.config.url).path.rstrip("/")
        return base + self.path

    def chat(self, messages: list[dict], *, schema: dict, schema_name: str = "answer", variant: str = "") -> str:
        """Ask for one answer; return the assistant's message text (expected to be JSON)."""
        if not self.config.model:
            raise ModelError(
                "bad-config",
                f'no model configured: set model = "..." under [plugins.llm] (a model your {self.name} server serves)',
            )
        parts = {
            "backend": self.name,
            "model": self.config.model,
            "messages": messages,
            "schema": schema,
            "options": self.config.options_key(),
        }
        key = ResponseCache.key(parts) if self.cache is not None else ""
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                self.stats.add(cache_hits=1, answers=1)
                return hit
        body = self.request_body(messages, schema, schema_name, variant)
        data = self._post(body, variant)
        try:
            content = self.extract(data)
        except (KeyError, IndexError, TypeError) as exc:
            self.stats.add(errors=1)
            raise ModelError(
                "bad-response",
                f"{self.where} sent an answer without the expected "
                f"fields ({type(exc).__name__}: {exc}); is this a "
                f"{self.name} API server?",
            ) from None
        if not isinstance(content, str):
            self.stats.add(errors=1)
            raise ModelError("bad-response", f"{self.where} sent a non-text message content")
        self.stats.add(answers=1)
        if self.cache is not None:
            self.cache.put(key, content, parts)
        return content

    def _headers(self) -> dict[str, str]:
        h = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": USER_AGENT}
        if self.config.api_key_env:
            token = os.environ.get(self.config.api_key_env)
            if token:
                h["Authorization"] = f"Bearer {token}"
        return h

    @property
    def local(self) -> bool:
        return is_loopback(urlsplit(self.config.url).hostname or "")

    def _post(self, body: dict, variant: str = "") -> Any:
        """POST JSON with retries and back-off; return the decoded JSON answer."""
        if self._down is not None and time.monotonic() - self._down[1] < DOWN_SECONDS:
            self.stats.add(errors=1)
            raise ModelError("unreachable", self._down[0])
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        attempts = 1 + max(0, self.config.retries)
        last: ModelError | None = None
        made = 0
        wait: float | None = None  # the server's Retry-After for the next attempt
        for i in range(attempts):
            if i:
                delay = wait if wait is not None else min(self.config.backoff * (2 ** (i - 1)), 30.0)
                self.stats.add(backoff_seconds=delay)
                self._sleep(delay)
            made += 1
            wait = None
            try:
                with self._slots:
                    status, raw, retry_after = self._roundtrip(payload)
            except ModelError as exc:
                last = exc
                if exc.kind == "timeout" and self.local and not self.config.retry_timeouts:
                    break  # the local server is still computing it: asking again doubles the work
                continue
            if status == 200:
                try:
                    return json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    self.stats.add(errors=1)
                    raise ModelError(
                        "bad-response", f"{self.where} answered HTTP 200 with a body that is not JSON: {_excerpt(raw)}"
                    ) from None
            last = ModelError("http-error", f"{self.where} answered HTTP {status}: {_error_detail(raw)}")
            if self.final(status, raw, variant):
                last.refused_format = True
                break
            if status not in (408, 429) and status < 500:
                break  # a client error (unknown model, bad request) will not improve by retrying
            if retry_after is not None:
                if retry_after > MAX_RETRY_AFTER:
                    last = ModelError("http-error", last.message + f" (Retry-After {retry_after:g} s: not waiting)")
                    break
                wait = retry_after
        assert last is not None
        self.stats.add(errors=1)
        if last.kind == "unreachable":
            self._down = (last.message, time.monotonic())  # the next findings fail fast, same message
        raise ModelError(
            last.kind, last.message + (f" ({made} attempts)" if made > 1 else ""), refused_format=last.refused_format
        )

    def _roundtrip(self, payload: bytes) -> tuple[int, bytes, float | None]:
        """(HTTP status, body, Retry-After in seconds or None)."""
        # lazy: the HTTP client loads only when a request is sent (loading the plugin stays cheap)
        import http.client

        parts = urlsplit(self.config.url)
        host = parts.hostname or "127.0.0.1"
        port = parts.port
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = cls(host, port, timeout=self.config.connect_timeout)
        t0 = time.perf_counter()
        self.stats.add(requests=1)
        try:
            try:
                conn.connect()
            except ConnectionRefusedError:
                raise ModelError(
                    "unreachable",
                    f"cannot connect to {self.where}: connection refused; "
                    f"is the server running? {_start_hint(self.name)}",
                ) from None
            except TimeoutError:
                raise ModelError(
                    "unreachable",
                    f"cannot connect to {self.where}: no answer within "
                    f"{self.config.connect_timeout:g} s (connect-timeout)",
                ) from None
            except OSError as exc:
                raise ModelError("unreachable", f"cannot connect to {self.where}: {exc.strerror or exc}") from None
            conn.sock.settimeout(self.config.timeout)
            try:
                conn.request("POST", self.url_path(), body=payload, headers=self._headers())
                resp = conn.getresponse()
                raw = resp.read(MAX_ANSWER_BYTES + 1)  # a server may send anything: bounded
                if len(raw) > MAX_ANSWER_BYTES:
                    raise ModelError(
                        "bad-response",
                        f"{self.where} sent an answer over {MAX_ANSWER_BYTES // (1 << 20)} MiB; not read further",
                    )
                return resp.status, raw, retry_after_seconds(resp.getheader("Retry-After"))
            except TimeoutError:
                raise ModelError(
                    "timeout",
                    f"{self.where} did not answer within {self.config.timeout:g} s; "
                    "raise timeout under [plugins.llm] for slow models",
                ) from None
            except (http.client.HTTPException, OSError) as exc:
                raise ModelError(
                    "unreachable", f"{self.where} closed the connection: {type(exc).__name__}: {exc}"
                ) from None
        finally:
            conn.close()
            self.stats.add(http_seconds=time.perf_counter() - t0)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` (RFC 9110: delay-seconds or an HTTP-date) as seconds from now; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _excerpt(raw: bytes, n: int = 120) -> str:
    text = raw.decode("utf-8", "replace").strip().replace("\n", " ")
    return repr(text[:n] + ("…" if len(text) > n else ""))


def _error_detail(raw: bytes) -> str:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _excerpt(raw) if raw.strip() else "(empty body)"
    err = data.get("error") if isinstance(data, dict) else None
    if isinstance(err, dict):
        err = err.get("message") or json.dumps(err)
    if not err:
        return _excerpt(raw)
    one_line = " ".join(str(err).split())  # servers send tracebacks; a report line stays one line
    return one_line if len(one_line) <= 300 else one_line[:297] + "..."


def _start_hint(backend: str) -> str:
    if backend == "ollama":
        return "(start it with `ollama serve`, or set endpoint under [plugins.llm])"
    return "(start e.g. `llama-server -m MODEL.gguf --port 8080`, or set endpoint under [plugins.llm])"


class OllamaBackend(ChatBackend):
    """Ollama's native ``POST /api/chat`` with ``format`` set to the answer's JSON schema."""

    name = "ollama"
    path = "/api/chat"

    def request_body(self, messages: list[dict], schema: dict, schema_name: str, variant: str = "") -> dict:
        c = self.config
        return {
            "model": c.model,
            "messages": messages,
            "stream": False,
            "format": schema,
            # num_ctx: Ollama's own default window (2,048 or 4,096 tokens by version) silently
            # truncates a long system message; the window the prompt was sized for is sent
            "options": {
                "temperature": c.temperature,
                "seed": c.seed,
                "num_predict": c.max_tokens,
                "num_ctx": c.context_tokens,
            },
        }

    def extract(self, data: Any) -> str:
        if isinstance(data, dict) and data.get("error"):
            raise ModelError("http-error", f"{self.where}: {data['error']}")
        return data["message"]["content"]


class OpenAIBackend(ChatBackend):
    """``POST /v1/chat/completions`` (llama.cpp server, vLLM, LM Studio) with a JSON-schema answer format.

    ``response_format`` is ``{"type": "json_schema", ...}`` (the OpenAI form) unless configured as
    ``json_object`` (``{"type": "json_object", "schema": ...}``, llama-cpp-python's form). A server
    that rejects the first form (HTTP 400 or 422, or llama-cpp-python's HTTP 500 naming
    ``json_schema``) is asked once more with the second, which is then kept for the rest of the run.
    """

    name = "openai"

    def __init__(self, config: LLMConfig, **kw: Any) -> None:
        super().__init__(config, **kw)
        # the form new requests start with; a request that finds json_schema refused falls back
        # itself (per request: concurrent requests never see another's half-done switch)
        self.response_format = config.response_format

    @property
    def path(self) -> str:  # type: ignore[override]
        base = urlsplit(self.config.url).path.rstrip("/")
        return "/chat/completions" if base.endswith("/v1") else "/v1/chat/completions"

    def request_body(self, messages: list[dict], schema: dict, schema_name: str, variant: str = "") -> dict:
        c = self.config
        if (variant or self.response_format) == "json_object":
            fmt: dict = {"type": "json_object", "schema": schema}
        else:
            fmt = {"type": "json_schema", "json_schema": {"name": schema_name, "strict": True, "schema": schema}}
        return {
            "model": c.model,
            "messages": messages,
            "temperature": c.temperature,
            "seed": c.seed,
            "max_tokens": c.max_tokens,
            "stream": False,
            "response_format": fmt,
        }

    def final(self, status: int, raw: bytes, variant: str) -> bool:
        """A refused json_schema answer format (HTTP 400/422, or llama-cpp-python's HTTP 500 naming
        ``json_schema``) is not retried as such: the request falls back to json_object at once."""
        return variant == "json_schema" and _refuses_json_schema(status, raw)

    def chat(self, messages: list[dict], *, schema: dict, schema_name: str = "answer", variant: str = "") -> str:
        form = variant or self.response_format
        try:
            return super().chat(messages, schema=schema, schema_name=schema_name, variant=form)
        except ModelError as exc:
            if form == "json_schema" and exc.kind == "http-error" and exc.refused_format:
                self.response_format = "json_object"  # kept for later requests
                return super().chat(messages, schema=schema, schema_name=schema_name, variant="json_object")
            raise

    def extract(self, data: Any) -> str:
        choice = data["choices"][0]
        return choice["message"]["content"]


def _refuses_json_schema(status: int, raw: bytes) -> bool:
    if status in (400, 422):
        return True
    return status == 500 and b"json_schema" in raw


BACKENDS: dict[str, type[ChatBackend]] = {"ollama": OllamaBackend, "openai": OpenAIBackend}


def build_backend(config: LLMConfig, registry: Registry | None = None) -> ChatBackend:
    """The backend ``config.backend`` names, from the plugin registry's ``model_backends``."""
    factories: dict[str, Callable[..., Any]] = dict(registry.model_backends if registry is not None else BACKENDS)
    factory = factories.get(config.backend)
    if factory is None:
        raise ConfigError(
            f"unknown model backend {config.backend!r}",
            path=config.source,
            key="plugins.llm.backend",
            hint=f"choose from {', '.join(sorted(factories))}",
        )
    return factory(config)
