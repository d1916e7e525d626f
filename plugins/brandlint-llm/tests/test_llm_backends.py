"""Backends over real HTTP: request shapes of both APIs, retries, timeouts, locality, cache, limits."""

from __future__ import annotations

import json
import threading

import pytest
from llm_helpers import config_text, free_port, model, server, settings_for  # noqa: F401 (fixtures)

from brandlint.errors import ConfigError
from brandlint_llm.backend_state import ModelError, ResponseCache
from brandlint_llm.backends import OllamaBackend, OpenAIBackend
from brandlint_llm.config import LLMConfig, from_settings
from brandlint_llm.rewrite import REWRITE_SCHEMA
from brandlint_llm.testing import ScriptedServer

MESSAGES = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Problems:\n- 'delve' (x/y): bad\n\n<text>\nWe delve into it.\n</text>"},
]


def _cfg(url: str, **kw) -> LLMConfig:
    base = dict(endpoint=url, model="scripted", retries=0, backoff=0.0, timeout=2.0, cache=False)
    base.update(kw)
    return LLMConfig(**base)


def test_ollama_request_and_answer(server):
    be = OllamaBackend(_cfg(server.url, temperature=0.2, seed=7, max_tokens=64))
    answer = be.chat(MESSAGES, schema=REWRITE_SCHEMA, schema_name="rewrite")
    assert json.loads(answer) == {"rewrite": "We explore into it."}
    (req,) = server.requests
    assert (req.api, req.path) == ("ollama", "/api/chat")
    assert req.body == {
        "model": "scripted",
        "messages": MESSAGES,
        "stream": False,
        "format": REWRITE_SCHEMA,
        "options": {"temperature": 0.2, "seed": 7, "num_predict": 64, "num_ctx": 4096},
    }
    assert (be.stats.requests, be.stats.answers, be.stats.cache_hits) == (1, 1, 0)
    assert be.stats.http_seconds > 0


@pytest.mark.parametrize("suffix", ["", "/v1", "/v1/"])
def test_openai_request_and_answer(server, suffix):
    be = OpenAIBackend(_cfg(server.url + suffix, backend="openai", temperature=0.0, seed=3, max_tokens=100))
    answer = be.chat(MESSAGES, schema=REWRITE_SCHEMA, schema_name="rewrite")
    assert json.loads(answer) == {"rewrite": "We explore into it."}
    (req,) = server.requests
    assert (req.api, req.path) == ("openai", "/v1/chat/completions")
    assert req.body == {
        "model": "scripted",
        "messages": MESSAGES,
        "temperature": 0.0,
        "seed": 3,
        "max_tokens": 100,
        "stream": False,
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "rewrite", "strict": True, "schema": REWRITE_SCHEMA},
        },
    }


@pytest.mark.parametrize("status", [500, 422, 400])  # 500: llama-cpp-python 0.3; 422: FastAPI default
def test_openai_server_without_json_schema_gets_json_object(model, status):
    with ScriptedServer(model, json_schema=False, json_schema_status=status) as srv:
        be = OpenAIBackend(_cfg(srv.url, backend="openai"))
        assert json.loads(be.chat(MESSAGES, schema=REWRITE_SCHEMA)) == {"rewrite": "We explore into it."}
        be.chat(MESSAGES[:1] + [{"role": "user", "content": "<text>\nMore.\n</text>"}], schema=REWRITE_SCHEMA)
        formats = [r.body["response_format"] for r in srv.requests]
    assert formats[0]["type"] == "json_schema"
    assert formats[1:] == [{"type": "json_object", "schema": REWRITE_SCHEMA}] * 2  # kept after the switch
    assert be.response_format == "json_object"


def test_http_500_is_retried_with_backoff_then_reported(server, model):
    model.default = "http500"
    slept: list[float] = []
    be = OllamaBackend(_cfg(server.url, retries=2, backoff=0.25), sleep=slept.append)
    with pytest.raises(ModelError) as exc:
        be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert exc.value.kind == "http-error"
    assert exc.value.message == f"ollama at {server.url} answered HTTP 500: model crashed (3 attempts)"
    assert len(server.requests) == 3
    assert slept == [0.25, 0.5]  # exponential back-off


def test_http_404_is_not_retried(server, model):
    model.default = "http404"
    be = OpenAIBackend(_cfg(server.url, backend="openai", retries=3, backoff=0.0))
    with pytest.raises(ModelError) as exc:
        be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert exc.value.message == f"openai at {server.url} answered HTTP 404: model 'scripted' not found"
    assert len(server.requests) == 1


def test_timeout(server, model):
    model.default = "timeout"
    be = OllamaBackend(_cfg(server.url, timeout=0.3))
    with pytest.raises(ModelError) as exc:
        be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert exc.value.kind == "timeout"
    assert exc.value.message == (
        f"ollama at {server.url} did not answer within 0.3 s; raise timeout under [plugins.llm] for slow models"
    )


def test_server_down_fails_fast_after_the_first_finding():
    url = f"http://127.0.0.1:{free_port()}"
    be = OllamaBackend(_cfg(url, retries=1, backoff=0.0))
    with pytest.raises(ModelError) as exc:
        be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert exc.value.kind == "unreachable"
    assert exc.value.message == (
        f"cannot connect to ollama at {url}: connection refused; is the server running? "
        "(start it with `ollama serve`, or set endpoint under [plugins.llm]) (2 attempts)"
    )
    assert be.stats.requests == 2
    with pytest.raises(ModelError) as again:
        be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert "connection refused" in again.value.message
    assert be.stats.requests == 2  # no new connection attempt


@pytest.mark.parametrize("url", ["http://10.1.2.3:11434", "http://example.com:8080", "https://192.168.1.5/v1"])
def test_non_loopback_endpoint_refused_unless_allowed(url):
    with pytest.raises(ConfigError) as exc:
        OllamaBackend(_cfg(url))
    assert f"{url.rstrip('/')} is not on this machine" in str(exc.value)
    assert "set allow-remote = true under [plugins.llm]" in str(exc.value)
    OllamaBackend(_cfg(url, allow_remote=True))  # allowed explicitly: built, nothing sent


@pytest.mark.parametrize("url", ["http://localhost:11434", "http://127.0.0.2:8080", "http://[::1]:8080"])
def test_loopback_endpoints_accepted(url):
    assert OllamaBackend(_cfg(url)).config.url == url


def test_cache_by_backend_model_prompt_options(server, tmp_path):
    cache = ResponseCache(tmp_path / "llm")
    be = OllamaBackend(_cfg(server.url, cache=True), cache=cache)
    first = be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    second = be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert first == second and len(server.requests) == 1 and be.stats.cache_hits == 1
    files = list((tmp_path / "llm").rglob("*.json"))
    assert len(files) == 1
    stored = json.loads(files[0].read_text("utf-8"))
    assert stored["content"] == first and stored["key"]["model"] == "scripted"
    assert stored["key"]["options"] == {"temperature": 0.0, "seed": 0, "max_tokens": 512, "num_ctx": 4096}
    OllamaBackend(_cfg(server.url, cache=True, seed=1), cache=cache).chat(MESSAGES, schema=REWRITE_SCHEMA)
    OpenAIBackend(_cfg(server.url, backend="openai", cache=True), cache=cache).chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert len(server.requests) == 3  # another seed, another backend: not the same answer


def test_concurrency_limit(server, model):
    model.default = "slow"
    model.slow_delay = 0.15
    be = OllamaBackend(_cfg(server.url, concurrency=2))
    threads = [threading.Thread(target=be.chat, args=(MESSAGES,), kwargs={"schema": REWRITE_SCHEMA}) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(server.requests) == 5
    assert server.max_in_flight == 2


def test_no_model_configured(server):
    with pytest.raises(ModelError) as exc:
        OllamaBackend(_cfg(server.url, model="")).chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert exc.value.message.startswith('no model configured: set model = "..." under [plugins.llm]')
    assert server.requests == []


@pytest.mark.parametrize(
    "extra, message",
    [
        ("timout = 5\n", "brandlint.toml:10: plugins.llm.timout: unknown key 'timout' (did you mean 'timeout'?)"),
        ("temperature = 5\n", "brandlint.toml:10: plugins.llm.temperature: must be between 0 and 2, got 5"),
        ('seed = "7"\n', "brandlint.toml:10: plugins.llm.seed: expected an integer, got a string '7'"),
        ('unit = "word"\n', "brandlint.toml:10: plugins.llm.unit: expected one of 'sentence', 'paragraph', got 'word'"),
        ("concurrency = 0\n", "brandlint.toml:10: plugins.llm.concurrency: must be between 1 and 64, got 0"),
    ],
)
def test_config_errors_name_file_line_and_key(tmp_path, extra, message):
    (tmp_path / "pack").mkdir()
    (tmp_path / "brandlint.toml").write_text(config_text("http://127.0.0.1:1") + extra, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        from_settings(settings_for(tmp_path))
    assert str(exc.value) == f"{tmp_path / 'brandlint.toml'}:{message.split(':', 1)[1]}"


def test_endpoint_must_be_a_url(tmp_path):
    (tmp_path / "pack").mkdir()
    (tmp_path / "brandlint.toml").write_text(config_text("127.0.0.1:11434"), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        from_settings(settings_for(tmp_path))
    assert str(exc.value).startswith(
        f"{tmp_path / 'brandlint.toml'}:4: plugins.llm.endpoint: expected an "
        "http:// or https:// URL with a host, got '127.0.0.1:11434'"
    )


# -- retry and fallback policy ------------------------------------------------------------------


def test_json_schema_fallback_is_per_request_under_concurrency(model):
    """Two requests in flight both find json_schema refused: each falls back itself, neither fails,
    and the refused form is never retried (retries apply to transport problems only)."""
    with ScriptedServer(model, json_schema=False, json_schema_delay=0.3) as srv:
        be = OpenAIBackend(_cfg(srv.url, backend="openai", retries=2, concurrency=2))
        texts = ["We delve into it.", "They delve into that."]
        answers: dict[str, str] = {}
        errors: list[Exception] = []

        def ask(text: str) -> None:
            try:
                msgs = MESSAGES[:1] + [{"role": "user", "content": f"<text>\n{text}\n</text>"}]
                answers[text] = json.loads(be.chat(msgs, schema=REWRITE_SCHEMA))["rewrite"]
            except Exception as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        threads = [threading.Thread(target=ask, args=(t,)) for t in texts]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        kinds = sorted(r.body["response_format"]["type"] for r in srv.requests)
    assert errors == []
    assert answers == {t: t for t in texts}  # answered (the scripted model echoes a passage without problems)
    assert kinds == ["json_object", "json_object", "json_schema", "json_schema"]  # one of each per request
    assert be.response_format == "json_object"


def test_a_timed_out_request_is_not_sent_again_to_a_local_server(server, model):
    model.default = "timeout"
    be = OllamaBackend(_cfg(server.url, timeout=0.3, retries=2))
    with pytest.raises(ModelError) as exc:
        be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert exc.value.kind == "timeout"
    assert exc.value.message.endswith("raise timeout under [plugins.llm] for slow models")  # 1 attempt
    assert len(server.requests) == 1


def test_retry_timeouts_asks_again_when_configured(server, model):
    model.default = "timeout"
    slept: list[float] = []
    be = OllamaBackend(_cfg(server.url, timeout=0.3, retries=1, retry_timeouts=True), sleep=slept.append)
    with pytest.raises(ModelError) as exc:
        be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert exc.value.message.endswith("(2 attempts)")
    assert len(server.requests) == 2


@pytest.mark.parametrize("spec, status", [("http429", 429), ("http503", 503)])
def test_retry_after_is_honoured(server, model, spec, status):
    seen: list[int] = []

    def busy_once(key, messages, attempt):
        seen.append(1)
        return spec if len(seen) == 1 else "fix"

    model.default = busy_once
    model.retry_after = "3"
    slept: list[float] = []
    be = OllamaBackend(_cfg(server.url, retries=2, backoff=0.25), sleep=slept.append)
    assert json.loads(be.chat(MESSAGES, schema=REWRITE_SCHEMA)) == {"rewrite": "We explore into it."}
    assert slept == [3.0]  # the server's Retry-After, not the 0.25 s back-off
    assert len(server.requests) == 2


def test_a_retry_after_beyond_the_limit_is_reported_not_waited(server, model):
    model.default = "http429"
    model.retry_after = "3600"
    slept: list[float] = []
    be = OllamaBackend(_cfg(server.url, retries=2, backoff=0.25), sleep=slept.append)
    with pytest.raises(ModelError) as exc:
        be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert exc.value.message == (
        f"ollama at {server.url} answered HTTP 429: too many requests (Retry-After 3600 s: not waiting)"
    )
    assert slept == [] and len(server.requests) == 1


def test_retry_after_http_date():
    from brandlint_llm.backends import retry_after_seconds

    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_ollama_gets_the_context_window(server):
    be = OllamaBackend(_cfg(server.url, context_tokens=8192, max_tokens=64))
    be.chat(MESSAGES, schema=REWRITE_SCHEMA)
    assert server.requests[0].body["options"] == {"temperature": 0.0, "seed": 0, "num_predict": 64, "num_ctx": 8192}
