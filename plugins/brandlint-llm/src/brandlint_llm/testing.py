"""A scripted model behind a real HTTP server, for tests, benchmarks and demos without a model.

:class:`ScriptedServer` listens on 127.0.0.1 (a random port) and implements both APIs the
plugin speaks — Ollama's ``POST /api/chat`` and the OpenAI-compatible ``POST
/v1/chat/completions`` (plus ``GET /api/tags`` and ``GET /v1/models``) — with the same request
validation and answer envelopes as the real servers. Answers come from a
:class:`ScriptedModel`: deterministic, looked up from the prompt (the passage between
``<text>`` and ``</text>``, or the whole last user message), one entry per attempt::

    model = ScriptedModel({
        "We delve into it.": ["garbage", {"rewrite": "We look at it."}],  # attempt 1, attempt 2
        "See [docs](https://x.io).": "drop-link",
    }, default="fix")
    with ScriptedServer(model) as server:
        ...  # [plugins.llm] endpoint = server.url

An answer spec is a dict (sent as the JSON answer), a string (sent as ``{"rewrite": ...}``, or
``{"text": ...}`` when the request's schema asks for ``text``, as generation does) or one of these
behaviours:

``fix``              replace each flagged phrase (quoted in the prompt) by a plain word
``echo``             return the passage unchanged
``garbage``          an answer that is not JSON
``no-schema``        JSON that ignores the schema (``{"text": ...}``)
``drop-link``        ``fix``, then turn every Markdown link into its bare text
``break-placeholder`` ``fix``, then drop the braces of every ``{placeholder}``
``timeout``          answer after ``delay`` seconds (longer than the client waits)
``http500``          HTTP 500 with an error body
``http404``          HTTP 404 (an unknown model, as Ollama answers it)
``http429``          HTTP 429 with ``Retry-After: <retry_after>`` (``http503``: 503, a busy server)
``slow``             ``fix``, answered after ``slow_delay`` seconds (for concurrency limits)

Run ``python -m brandlint_llm.testing [--port N] [--api ollama]`` to serve the ``fix`` model for a
manual try.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .wire import answer_key, envelope, schema_of, validate_request

_TEXT = re.compile(r"<text>\n?(.*?)\n?</text>", re.S)
_PROBLEM = re.compile(r"^- (['\"])(.*?)\1 \(", re.M)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.]*)\}")

#: plain words the ``fix`` behaviour puts in place of flagged phrases (else the phrase is dropped)
PLAIN = {
    "delve into": "explore",
    "delve": "explore",
    "delves into": "explores",
    "delves": "explores",
    "delving into": "exploring",
    "delving": "exploring",
    "tapestry": "mix",
    "tapestries": "mixes",
    "seamlessly": "smoothly",
    "leverage": "use",
    "utilize": "use",
    "cutting-edge": "new",
    "groundbreaking": "new",
    "transformative": "useful",
    "pivotal": "key",
    "vibrant": "lively",
    "meticulous": "careful",
    "meticulously": "carefully",
    "intricate": "detailed",
    "multifaceted": "varied",
    "bustling": "busy",
    "showcasing": "showing",
    "underscores": "shows",
    "game-changer": "big change",
    "game changer": "big change",
    "synergy": "teamwork",
    "unleash": "release",
    "embark on": "start",
    "testament to": "sign of",
    "realm of": "field of",
    "ever-evolving": "changing",
    "paradigm shift": "big change",
    "unlock the power": "use the power",
    "harness the power": "use the power",
    "navigate the complexities": "handle the details",
}


@dataclass
class Request:
    api: str  # "ollama" | "openai"
    path: str
    body: dict
    key: str  # the text the answer was looked up by
    attempt: int


@dataclass
class ScriptedModel:
    """Deterministic answers looked up from the prompt (see the module docs)."""

    script: dict[str, Any] = field(default_factory=dict)
    default: Any = "fix"
    delay: float = 5.0  # the ``timeout`` behaviour's wait
    slow_delay: float = 0.2  # the ``slow`` behaviour's wait
    retry_after: str = "1"  # the Retry-After header of ``http429`` / ``http503`` ("" for none)

    @staticmethod
    def key_of(messages: list[dict]) -> str:
        users = [m.get("content", "") for m in messages if m.get("role") == "user"]
        first = users[0] if users else ""
        m = _TEXT.search(first)
        return m.group(1) if m else first

    def spec_for(self, messages: list[dict]) -> tuple[str, int, Any]:
        key = self.key_of(messages)
        attempt = sum(1 for m in messages if m.get("role") == "assistant")
        spec = self.script.get(key, self.default)
        if isinstance(spec, list):
            spec = spec[min(attempt, len(spec) - 1)]
        if callable(spec):
            spec = spec(key, messages, attempt)
        return key, attempt, spec

    def fix(self, key: str, messages: list[dict]) -> str:
        users = [m.get("content", "") for m in messages if m.get("role") == "user"]
        text = key
        for _q, phrase in _PROBLEM.findall(users[0] if users else ""):
            if not phrase:
                continue
            plain = PLAIN.get(phrase.lower(), "")
            pattern = re.compile(r"\b" + re.escape(phrase) + r"\b" + (r"\s*" if not plain else ""), re.I)
            text = pattern.sub(lambda m, plain=plain: _case_like(m.group(0), plain), text)
        return re.sub(r"  +", " ", text).strip()


def _case_like(matched: str, plain: str) -> str:
    if plain and matched[:1].isupper():
        return plain[:1].upper() + plain[1:]
    return plain


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True


class ScriptedServer:
    """A real HTTP server on 127.0.0.1 serving a :class:`ScriptedModel` (context manager)."""

    def __init__(
        self,
        model: ScriptedModel | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        json_schema: bool = True,
        json_schema_status: int = 500,
        json_schema_delay: float = 0.0,
    ) -> None:
        self.model = model or ScriptedModel()
        self.json_schema_delay = json_schema_delay  # seconds before refusing (overlaps concurrent requests)
        # json_schema=False: reject response_format json_schema like llama-cpp-python 0.3's server
        # (HTTP 500 with a validation message, as measured; FastAPI's own default would be 422)
        self.json_schema = json_schema
        self.json_schema_status = json_schema_status
        self.requests: list[Request] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd = _Server((host, port), self._handler())
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ScriptedServer:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="scripted-model", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _send(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
                body = obj if isinstance(obj, bytes) else json.dumps(obj).encode("utf-8")
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (timeout)

            def do_GET(self) -> None:
                if self.path == "/api/tags":
                    self._send(200, {"models": [{"name": "scripted", "model": "scripted"}]})
                elif self.path == "/v1/models":
                    self._send(200, {"object": "list", "data": [{"id": "scripted", "object": "model"}]})
                else:
                    self._send(404, {"error": f"no route {self.path}"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw.decode("utf-8"))
                except ValueError:
                    self._send(400, {"error": "request body is not JSON"})
                    return
                if self.path == "/api/chat":
                    api = "ollama"
                elif self.path == "/v1/chat/completions":
                    api = "openai"
                else:
                    self._send(404, {"error": f"no route {self.path}"})
                    return
                problem = validate_request(api, body)
                if problem:
                    self._send(400, {"error": problem} if api == "ollama" else {"error": {"message": problem}})
                    return
                if (
                    api == "openai"
                    and not server.json_schema
                    and (body.get("response_format") or {}).get("type") == "json_schema"
                ):
                    with server._lock:
                        server.requests.append(Request(api, self.path, body, "", 0))
                    if server.json_schema_delay:
                        server._stop.wait(server.json_schema_delay)
                    if server.json_schema_status == 500:
                        self._send(
                            500,
                            {
                                "error": {
                                    "message": "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', "
                                    "'response_format', 'type'), 'msg': \"Input should be 'text' or "
                                    "'json_object'\", 'input': 'json_schema'}\n\n  File \"app.py\", line 376",
                                    "type": "internal_server_error",
                                    "param": None,
                                    "code": None,
                                }
                            },
                        )
                    else:
                        self._send(
                            server.json_schema_status,
                            {
                                "detail": [
                                    {
                                        "loc": ["body", "response_format", "type"],
                                        "msg": "Input should be 'text' or 'json_object'",
                                    }
                                ]
                            },
                        )
                    return
                with server._lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._answer(api, body)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, api: str, body: dict) -> None:
                model = server.model
                messages = body["messages"]
                key, attempt, spec = model.spec_for(messages)
                with server._lock:
                    server.requests.append(Request(api, self.path, body, key, attempt))
                if spec == "timeout":
                    server._stop.wait(model.delay)
                    self._send(200, envelope(api, body, json.dumps({"rewrite": key})))
                    return
                if spec == "slow":
                    server._stop.wait(model.slow_delay)
                    spec = "fix"
                if spec in ("http429", "http503"):  # busy: come back after Retry-After seconds
                    status = 429 if spec == "http429" else 503
                    msg = "too many requests" if status == 429 else "server busy: all slots are taken"
                    headers = {"Retry-After": model.retry_after} if model.retry_after else {}
                    self._send(status, {"error": msg} if api == "ollama" else {"error": {"message": msg}}, headers)
                    return
                if spec in ("http500", "http404"):
                    status = 500 if spec == "http500" else 404
                    msg = "model crashed" if status == 500 else f"model '{body.get('model')}' not found"
                    self._send(status, {"error": msg} if api == "ollama" else {"error": {"message": msg}})
                    return
                content = _content(model, spec, key, messages, schema_of(api, body))
                self._send(200, envelope(api, body, content))

        return Handler


def _content(model: ScriptedModel, spec: Any, key: str, messages: list[dict], schema: dict | None = None) -> str:
    name = answer_key(schema)
    generating = _TEXT.search(next((m.get("content", "") for m in messages if m.get("role") == "user"), "")) is None
    if isinstance(spec, dict):
        return json.dumps(spec)
    if spec == "garbage":
        return "Sure! Here is a better version of your text: " + key[:40]
    if spec == "no-schema":
        return json.dumps({"text" if name != "text" else "content": model.fix(key, messages)})
    if generating and spec in ("fix", "echo"):  # a generation request without a script entry
        return json.dumps({name: "Generated text for: " + key.splitlines()[0] if key else "Generated text."})
    if spec == "echo":
        return json.dumps({name: key})
    if spec == "fix":
        return json.dumps({name: model.fix(key, messages)})
    if spec == "drop-link":
        return json.dumps({name: _LINK.sub(r"\1", model.fix(key, messages))})
    if spec == "break-placeholder":
        return json.dumps({name: _PLACEHOLDER.sub(r"\1", model.fix(key, messages))})
    if isinstance(spec, str):
        return json.dumps({name: spec})
    raise ValueError(f"unknown answer spec {spec!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m brandlint_llm.testing", description="Serve the scripted test model on 127.0.0.1 (both APIs)."
    )
    ap.add_argument("--port", type=int, default=11434)
    args = ap.parse_args(argv)
    with ScriptedServer(port=args.port) as server:
        print(
            f"scripted model at {server.url} (Ollama /api/chat and OpenAI /v1/chat/completions); Ctrl-C stops",
            flush=True,
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
