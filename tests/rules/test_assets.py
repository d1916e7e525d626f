"""The ``assets`` kind: links and anchors resolve, approved asset paths and hosts, alt text
(present, and linted as prose by other rules), palette colours and logo names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import run_cli, write

RULE = """kind = "assets"
severity = "warning"
asset-paths = ["docs/assets/**"]  # from the project root
asset-hosts = ["cdn.acme.com"]
colors = ["#0a66c2", "#fff"]
logos = ["acme-logo.svg"]
"""
CONFIG = """packs = ["./pack", "ai-tells"]
select = ["pack", "ai-tells/overused-vocabulary"]
"""
DOC = """# Guide

## Set up

See [setup](#set-up), [missing](#nope), [other](other.md#intro), [bad anchor](other.md#outro)
and [gone](gone.md). Remote [site](https://example.com/x.md#nope) is not checked.

![Our team at work](assets/team.png)
![](assets/team.png)
![A delve into the tapestry of logos](assets/old-logo.png)
![Chart](images/chart.png)
![Hero](https://cdn.acme.com/hero.png) ![Hero](https://other.example/hero.png)
<img src="assets/team.png">

Buttons are #0A66C2, text #FFFFFF, warnings #ff6600.

```css
.x { color: #123456; } /* code is not checked */
```

[ref]: assets/missing.png
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "pack" / "assets.toml", RULE)
    write(tmp_path / "brandlint.toml", CONFIG)
    write(tmp_path / "docs" / "guide.md", DOC)
    write(tmp_path / "docs" / "other.md", '# Intro\n\n<a id="outro-x"></a>\n')
    write(tmp_path / "docs" / "assets" / "team.png", "png")
    write(tmp_path / "docs" / "assets" / "old-logo.png", "png")
    write(tmp_path / "docs" / "images" / "chart.png", "png")
    return tmp_path


def _findings(project: Path) -> list[tuple[int, int, str, str]]:
    r = run_cli("check", "docs/guide.md", "--output-format", "json", "--no-cache", "--exit-zero", cwd=project)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    found = data["findings"] if isinstance(data, dict) else data
    return [(f["span"]["start"]["line"], f["span"]["start"]["column"], f["rule_id"], f["message"]) for f in found]


def test_assets_findings(project: Path) -> None:
    got = _findings(project)
    lint = "is a common tell of machine-written prose; say what you mean in plain words."
    no_alt = "image 'assets/team.png' has no alt text: describe it for readers who cannot see it"
    assert got == [
        (5, 33, "pack/assets", "anchor '#nope' is not a heading or id in this document"),
        (5, 79, "pack/assets", "anchor '#outro' is not a heading or id in docs/other.md"),
        (6, 12, "pack/assets", "'gone.md' does not resolve: docs/gone.md does not exist"),
        (9, 5, "pack/assets", no_alt),
        # the alt text is prose: other rules lint it
        (10, 5, "ai-tells/overused-vocabulary", f"'delve' {lint}"),
        (10, 20, "ai-tells/overused-vocabulary", f"'tapestry' {lint}"),
        (10, 39, "pack/assets", "logo file 'old-logo.png' is not an approved logo"),
        (11, 10, "pack/assets", "image 'images/chart.png' is not under an approved asset path"),
        (12, 48, "pack/assets", "image host 'other.example' is not an approved asset host"),
        (13, 11, "pack/assets", no_alt),
        (15, 45, "pack/assets", "colour #ff6600 is not in the brand palette"),
        (21, 8, "pack/assets", "'assets/missing.png' does not resolve: docs/assets/missing.png does not exist"),
    ]
