"""A model server (a real HTTP server on 127.0.0.1) that hangs, closes the connection, sends
10 MB or drops a link from its rewrite: ``fix --rewrite`` reports it, keeps the rules' own
fixes, writes nothing the checks did not accept, and ends in bounded time."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from _faults import assert_whole, brandlint, expect, fault
from support import write

pytest.importorskip("brandlint_llm", reason="the model-server faults need the brandlint-llm plugin (plugins/)")

from brandlint_llm.testing import ScriptedModel, ScriptedServer  # noqa: E402

PACK = """kind = "existence"
severity = "warning"
message = "'{match}' is a common tell of machine-written prose."
tokens = ["delve"]
"""
POST = "We delve into storage.\n\nSee [the docs](https://acme.io/docs) to utilize it. We delve.\n"
FIXED = "We delve into storage.\n\nSee [the docs](https://acme.io/docs) to use it. We delve.\n"


class Hostile:
    """A model server that misbehaves in one ``mode``: hang, close or huge."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.stop = threading.Event()
        hostile = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if hostile.mode == "hang":
                    hostile.stop.wait(30)
                elif hostile.mode == "close":
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                elif hostile.mode == "huge":
                    body = b'{"message": {"content": "' + b"a" * (10 << 20) + b'"}}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    try:
                        self.wfile.write(body)
                    except OSError:
                        pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _project(tmp_path, url: str):
    write(tmp_path / "pack" / "overused.toml", PACK)
    write(
        tmp_path / "brandlint.toml",
        'packs = ["pack", "plain-language"]\nselect = ["pack", "plain-language/simpler-words"]\n\n'
        f'[plugins.llm]\nendpoint = "{url}"\nmodel = "m"\nretries = 0\ntimeout = 1\nconnect-timeout = 1\n'
        "cache = false\n",
    )
    post = write(tmp_path / "post.md", POST)
    return post


def _fix(tmp_path):
    return brandlint("fix", "--rewrite", "--unsafe-fixes", "post.md", cwd=tmp_path, timeout=60)


@fault(
    "model-hangs",
    "model server accepts and never answers",
    "`timeout` after `[plugins.llm] timeout`; rules' own fixes kept",
    1,
)
def test_model_hangs(tmp_path):
    mode = "hang"
    _run(tmp_path, mode, "model-hangs", "did not answer within 1 s; raise timeout under [plugins.llm] for slow models")


@fault("model-closes", "model server closes the connection", "reported as unreachable; rules' own fixes kept", 1)
def test_model_closes(tmp_path):
    _run(
        tmp_path,
        "close",
        "model-closes",
        "closed the connection: RemoteDisconnected: Remote end closed connection without response",
    )


@fault("model-10mb", "model server sends a 10 MB answer", "read stops at 4 MiB; reported; rules' own fixes kept", 1)
def test_model_huge(tmp_path):
    _run(tmp_path, "huge", "model-10mb", "sent an answer over 4 MiB; not read further")


def _run(tmp_path, mode: str, key: str, says: str) -> None:
    server = Hostile(mode)
    try:
        post = _project(tmp_path, server.url)
        r = _fix(tmp_path)
    finally:
        server.close()
    expect(key, r)
    lines = r.stderr.splitlines()
    for where in ("1:4", "3:52"):
        want = (
            f"post.md:{where}: pack/overused: not rewritten: model error: ollama at {server.url} {says} [model-error]"
        )
        assert want in lines, r.stderr
    assert lines[-2:] == [
        "Rewrote 0 findings in 0 passages; 2 findings not rewritten (model-error 2).",
        "Fixed 1 finding (2 remaining).",
    ]
    assert post.read_text() == FIXED
    assert_whole([post], {post: POST.encode()}, {post: FIXED.encode()})


@fault(
    "model-drops-link", "model's rewrite drops a Markdown link", "rewrite rejected by the structure check; text kept", 1
)
def test_model_drops_link(tmp_path):
    with ScriptedServer(ScriptedModel(default="drop-link")) as server:
        post = _project(tmp_path, server.url)
        post.write_text("We delve into [the docs](https://acme.io/docs) to utilize it.\n")
        r = _fix(tmp_path)
    expect("model-drops-link", r)
    assert post.read_text() == "We delve into [the docs](https://acme.io/docs) to use it.\n"
    assert (
        "post.md:1:4: pack/overused: not rewritten: the rewrite lost link 'https://acme.io/docs' "
        "(after 3 attempts) [broke-markdown]"
    ) in r.stderr.splitlines()


@fault(
    "allow-remote",
    "repository config with `[plugins.llm] allow-remote = true` and a remote endpoint",
    "config error naming the key and how to opt in; nothing sent",
    2,
)
def test_untrusted_allow_remote(tmp_path):
    post = _project(tmp_path, "http://192.0.2.1:11434")  # TEST-NET-1: never routed
    cfg = tmp_path / "brandlint.toml"
    cfg.write_text(cfg.read_text() + "allow-remote = true\n")
    r = _fix(tmp_path)
    expect("allow-remote", r)
    assert r.stderr.startswith(
        f"error: {cfg}:11: plugins.llm.allow-remote: true would send your content to http://192.0.2.1:11434, "
        f"and {tmp_path} is not a trusted directory (brandlint sends content off this machine only for a "
        "config you trust: run with --trust"
    )
    assert post.read_text() == POST
