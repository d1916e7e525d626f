"""``brandlint lsp`` never runs a workspace's code unless the user trusts it (docs/security.md):
a real LSP client over stdio opens a folder whose brandlint.toml names ``plugin-paths``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("pygls.lsp.server", reason="the language server needs pygls 2.x (pip install 'brandlint[lsp]')")
pytest.importorskip("pytest_lsp", reason="end-to-end LSP tests need pytest-lsp (the test extra)")

import pytest_lsp  # noqa: E402
from _lsp_helpers import SERVER, make_client, make_workspace, open_doc, ranges, uri_of, wait_for  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")

# a clean environment: no trust from the person running the tests
ENV = {k: v for k, v in os.environ.items() if k not in ("BRANDLINT_TRUST", "BRANDLINT_TRUST_FILE")}
ENV["BRANDLINT_TRUST_FILE"] = str(Path(os.devnull))
ENV["XDG_CONFIG_HOME"] = str(Path(os.devnull))
PLAIN = ClientServerConfig(server_command=SERVER, client_factory=make_client, server_env=ENV)
TRUSTED = ClientServerConfig(server_command=[*SERVER, "--trust"], client_factory=make_client, server_env=ENV)

MARKER_PLUGIN = """
from pathlib import Path
Path(__file__).with_name("marker").write_text("imported")
"""


def _workspace(tmp_path: Path) -> tuple[Path, Path]:
    ws = make_workspace(tmp_path / "ws")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.py").write_text(MARKER_PLUGIN, encoding="utf-8")
    (ws / "brandlint.toml").write_text('packs = ["./brand"]\nplugin-paths = ["../outside"]\n', encoding="utf-8")
    return ws, outside / "marker"


async def _start(client: LanguageClient, tmp_path: Path) -> None:
    ws, marker = _workspace(tmp_path)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=uri_of(ws),
            initialization_options={"debounceMs": 0},
        )
    )
    client.ws, client.marker = ws, marker


@pytest_lsp.fixture(config=PLAIN)
async def untrusted(lsp_client: LanguageClient, tmp_path: Path):
    await _start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=TRUSTED)
async def trusted(lsp_client: LanguageClient, tmp_path: Path):
    await _start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


async def test_the_server_does_not_import_an_untrusted_workspace_plugin(untrusted: LanguageClient):
    ws = untrusted.ws
    open_doc(untrusted, uri_of(ws / "doc.md"), "We delve and leverage.\n")
    got = await wait_for(untrusted, uri_of(ws / "brandlint.toml"), None)
    (diag,) = got.diagnostics
    assert (diag.range.start.line, diag.code) == (1, "brandlint/config-error")
    assert diag.message.startswith(
        f"plugin-paths: ['../outside'] imports Python code, and {ws.resolve()} is not a trusted directory ("
    )
    assert "--trust" in diag.message and "BRANDLINT_TRUST" in diag.message
    assert not untrusted.marker.exists()  # the plugin never ran


async def test_the_server_runs_the_plugin_when_the_user_trusts(trusted: LanguageClient):
    ws = trusted.ws
    uri = uri_of(ws / "doc.md")
    open_doc(trusted, uri, "We delve and leverage.\n")
    got = await wait_for(trusted, uri, 1)
    assert ranges(got.diagnostics) == [(0, 3, 0, 8, "brand/delve"), (0, 13, 0, 21, "brand/leverage")]
    assert trusted.marker.read_text() == "imported"


@pytest_lsp.fixture(config=PLAIN)
async def plain(lsp_client: LanguageClient, tmp_path: Path):
    ws = make_workspace(tmp_path)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=uri_of(ws),
            initialization_options={"debounceMs": 0},
        )
    )
    lsp_client.ws = ws
    yield
    await lsp_client.shutdown_session()


async def test_the_server_bounds_hostile_documents(plain: LanguageClient):
    """Deep nesting and an over-long line give limit findings in the editor, as in `check`."""
    uri = uri_of(plain.ws / "deep.md")
    text = "- " * 10_000 + "delve\n\n" + "x" * 1_000_050 + "\n\nWe delve.\n"
    open_doc(plain, uri, text)
    got = await wait_for(plain, uri, 1, timeout=60)
    assert sorted(ranges(got.diagnostics)) == [
        (0, 100, 0, 100, "brandlint/limit-exceeded"),
        (2, 1_000_000, 2, 1_000_000, "brandlint/limit-exceeded"),
        (4, 3, 4, 8, "brand/delve"),
    ]
