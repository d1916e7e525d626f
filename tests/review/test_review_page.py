"""``brandlint review``: the page, checked in a real headless Chromium against ``check``'s JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from support import ROOT, run_cli

from .browser import HIGHLIGHTS_JS, launch, needs_browser, sync_playwright


def _project(tmp_path: Path) -> Path:
    proj = tmp_path / "proj"
    shutil.copytree(ROOT / "examples", proj)
    return proj


def _check_json(proj: Path) -> list[dict]:
    r = run_cli("check", ".", "--output-format", "json", "--no-cache", "--exit-zero", cwd=proj)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    return [f for f in data["findings"] if f["suppression"] is None] if isinstance(data, dict) else data


def _text(path: Path) -> str:
    raw = path.read_bytes()
    return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")


@needs_browser
def test_review_page_in_chromium(tmp_path: Path) -> None:
    proj = _project(tmp_path)
    expected = _check_json(proj)
    r = run_cli("review", ".", "-o", "out/review.html", cwd=proj)
    assert r.returncode == 0, r.stderr
    page_file = proj / "out" / "review.html"
    assert f"{len(expected)} findings" in r.stderr
    html = page_file.read_text("utf-8")
    # self-contained: no external resource of any kind
    for needle in ("src=", 'href="http', "href='http", "@import", "url("):
        assert needle not in html.replace('href="https://example.com/delve"', ""), needle
    assert sync_playwright is not None
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda req: requests.append(req.url))
        page.goto(page_file.as_uri())
        data = json.loads(page.locator("#review-data").text_content() or "")
        found = data["findings"]
        # the same findings as `check`, in number and place
        assert len(found) == len(expected) == page.locator("li.finding").count()
        key = lambda f: (
            f["path"] if "path" in f else None,
            f["span"]["start"]["offset"],
            f["span"]["end"]["offset"],
            f["rule_id"],
        )  # noqa: E731
        paths = page.eval_on_selector_all("section.file", "els => els.map(e => e.dataset.path)")
        got = sorted((paths[f["file"]], f["start"], f["end"], f["rule"]) for f in found)
        assert got == sorted(key(f) for f in expected)
        # every highlight covers exactly its finding's span of the source text
        marks = page.evaluate(HIGHLIGHTS_JS)
        texts = {p_: _text(proj / p_) for p_ in paths}
        assert len(marks) == len(found)
        for f in found:
            m = marks[str(f["i"])]
            text = texts[paths[f["file"]]]
            assert m["start"] == f["start"], f
            assert m["text"] == text[f["start"] : f["end"]], f
            assert not m["gap"], f
        # filters: pack, rule, severity; the counter, the list and the highlights follow
        assert page.locator("#shown-count").text_content() == str(len(expected))
        page.select_option("#f-pack", "example-brand")
        n_pack = sum(1 for f in expected if f["rule_id"].startswith("example-brand/"))
        assert 0 < n_pack < len(expected)
        assert page.locator("#shown-count").text_content() == str(n_pack)
        assert page.locator("li.finding:not(.hidden)").count() == n_pack
        by_i = {f["i"]: f for f in found}
        lit_packs = {
            tuple(sorted({by_i[int(i)]["pack"] for i in ids.split(" ")}))
            for ids in page.eval_on_selector_all("pre.doc mark:not(.off)", "els => els.map(e => e.dataset.f)")
        }
        assert lit_packs and all("example-brand" in ps for ps in lit_packs)
        page.uncheck('input[name="sev"][value="warning"]')
        n_pack_err = sum(
            1 for f in expected if f["rule_id"].startswith("example-brand/") and f["severity"] in ("error", "info")
        )
        assert page.locator("#shown-count").text_content() == str(n_pack_err)
        page.select_option("#f-pack", "")
        rule = "ai-tells/assistant-residue"
        page.select_option("#f-rule", rule)
        page.check('input[name="sev"][value="warning"]')
        n_rule = sum(1 for f in expected if f["rule_id"] == rule)
        assert n_rule >= 2
        assert page.locator("#shown-count").text_content() == str(n_rule)
        assert page.locator("li.finding:not(.hidden)").all_text_contents()[0].count(rule) == 1
        page.check("#f-only")
        assert page.locator("section.file:not(.hidden)").count() == len(
            {f["path"] for f in expected if f["rule_id"] == rule}
        )
        page.uncheck("#f-only")
        page.select_option("#f-rule", "")
        # a fixable finding shows its change as a diff
        fix = page.locator("li.finding", has_text="example-brand/product-names").first
        assert fix.locator("pre.diff .del").first.text_content() == "-# Introducing acme-cloud Vault"
        assert fix.locator("pre.diff .add").first.text_content() == "+# Introducing Acme Cloud Vault"
        # clicking a finding's location marks its highlight
        fix.locator("a.loc").click()
        assert page.locator("mark.current").first.text_content() == "acme-cloud"
        shot = tmp_path / "review.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
        browser.close()
    assert all(u.startswith("file://") for u in requests), requests
