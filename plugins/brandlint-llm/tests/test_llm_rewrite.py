"""The verified-rewrite loop through real HTTP: every acceptance and rejection path, Python API."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from llm_helpers import config_text, model, project, server, settings_for  # noqa: F401 (fixtures)

from brandlint.findings import Edit, Finding, Fix, Position, Severity, Span
from brandlint.fixing import apply_edits
from brandlint.pipeline import lint_file
from brandlint.selectors import EXAMPLES
from brandlint_llm.config import from_settings
from brandlint_llm.fixer import RewriteFixer
from brandlint_llm.rewrite import Rewriter

POST = """# Launch

In this post we delve into storage. It is fast.

See [the docs](https://acme.io/docs) for a tapestry of `features`.
"""


def rewriter(project, **keys) -> Rewriter:
    if keys:
        url = (project / "brandlint.toml").read_text().split('endpoint = "')[1].split('"')[0]
        (project / "brandlint.toml").write_text(config_text(url, **keys), encoding="utf-8")
    return Rewriter(settings_for(project))


def reasons(outcome) -> list[str]:
    return [a.reason for a in outcome.attempts]


def test_accepts_a_sentence_rewrite_and_changes_nothing_else(project, server):
    res = rewriter(project).rewrite_text(project / "post.md", POST)
    assert res.text == POST.replace("we delve into storage", "we explore into storage").replace(
        "a tapestry of", "a mix of"
    )
    first, second = res.outcomes
    assert (first.unit.kind, first.unit.text, first.unit.start, first.unit.end) == (
        "sentence",
        "In this post we delve into storage.",
        10,
        45,
    )
    # a one-sentence paragraph with a link and a code span: the whole paragraph, markup included
    assert (second.unit.text, second.unit.start, second.unit.end) == (
        "See [the docs](https://acme.io/docs) for a tapestry of `features`.",
        59,
        125,
    )
    assert [o.reason for o in res.outcomes] == ["accepted", "accepted"]
    assert [f.rule_id for f in res.rewritten] == ["pack/overused", "pack/overused"]
    assert res.result.active == []
    assert res.lines() == []
    assert res.lines(show_accepted=True) == [
        f"{project / 'post.md'}:3:17: pack/overused: rewritten by the model (first attempt)",
        f"{project / 'post.md'}:5:44: pack/overused: rewritten by the model (first attempt)",
    ]
    (req,) = [r for r in server.requests if r.key == "In this post we delve into storage."]
    user = req.body["messages"][1]["content"]
    assert user == (
        "Problems in the passage:\n"
        "- 'delve' (pack/overused): 'delve' is a common tell of machine-written prose.\n\n"
        "Guideline pack/overused:\n"
        "  Flags words that language models overuse far more than human writers do.\n"
        "  Why: Readers have learned to spot these words.\n"
        "  Instead of: We delve into a rich tapestry of features.\n"
        "  Write: We explain the features.\n\n"
        "Passage (a sentence of a Markdown document):\n<text>\nIn this post we delve into storage.\n</text>"
    )
    system = req.body["messages"][0]["content"]
    assert system.endswith(
        'Answer with a JSON object only: {"rewrite": "<the rewritten passage>"}\n'
        "Preferred terms (write the one on the right): utilize -> use"
    )


def test_malformed_json_is_retried_with_the_reason(project, server, model):
    model.script = {"In this post we delve into storage.": ["garbage", "In this post we look at storage."]}
    res = rewriter(project).rewrite_text(project / "post.md", POST)
    first = res.outcomes[0]
    assert reasons(first) == ["malformed-json", "accepted"]
    assert first.message() == "rewritten by the model (attempt 2)"
    assert "In this post we look at storage. It is fast." in res.text
    retry = [r for r in server.requests if r.key == "In this post we delve into storage."]
    assert [r.attempt for r in retry] == [0, 1]
    msgs = retry[1].body["messages"]
    assert [m["role"] for m in msgs] == ["system", "user", "assistant", "user"]
    assert msgs[2]["content"] == "Sure! Here is a better version of your text: In this post we delve into storage."
    assert msgs[3]["content"] == (
        "That rewrite was rejected: the answer is not JSON: 'Sure! Here is a better version of your text: In "
        "this post we delve into storage.'. Rewrite the original passage again and fix this. Answer with the JSON object only."
    )


def test_dropped_link_is_rejected_and_the_text_left_intact(project, server, model):
    model.default = "drop-link"
    res = rewriter(project).rewrite_text(project / "post.md", POST.replace("In this post we delve", "In this post we"))
    (o,) = res.outcomes
    assert reasons(o) == ["broke-markdown"] * 3  # max-attempts
    assert o.detail == "the rewrite lost link 'https://acme.io/docs'"
    assert res.text == POST.replace("In this post we delve", "In this post we")
    assert res.lines() == [
        f"{project / 'post.md'}:5:44: pack/overused: not rewritten: the rewrite lost link "
        "'https://acme.io/docs' (after 3 attempts) [broke-markdown]"
    ]
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    "answer, detail",
    [
        ("See [the docs](https://acme.io/docs) for a mix of features.", "the rewrite lost code span `features`"),
        (
            "See [the docs](https://acme.io/other) for a mix of `features`.",
            "the rewrite lost link 'https://acme.io/docs'; added link 'https://acme.io/other'",
        ),
        ("See *[the docs](https://acme.io/docs)* for a mix of `features`.", "the rewrite added emphasis"),
        (
            "See [the docs](https://acme.io/docs)[^1] for a mix of `features`.",
            "the rewrite added footnote reference '[^1]'",
        ),
    ],
)
def test_markdown_structure_is_kept(project, server, model, answer, detail):
    text = "See [the docs](https://acme.io/docs) for a tapestry of `features`.\n"
    model.script = {text.strip(): answer}
    (o,) = rewriter(project, max_attempts=1).rewrite_text(project / "post.md", text).outcomes
    assert (o.reason, o.detail) == ("broke-markdown", detail)


def test_placeholders_in_json_strings(project, server, model):
    src = '{\n  "welcome": "Hi {name}, delve into your \\"dashboard\\" [%key:nav::home%].",\n  "n": "%(count)d files"\n}\n'
    model.default = "break-placeholder"
    res = rewriter(project, max_attempts=2).rewrite_text(project / "ui.json", src)
    (o,) = res.outcomes
    assert reasons(o) == ["broke-placeholder", "broke-placeholder"]
    assert o.detail == "the rewrite dropped or changed placeholder {name}"
    assert res.text == src
    # what the model saw is the decoded string; what is written back is escaped again
    assert o.unit.text == 'Hi {name}, delve into your "dashboard" [%key:nav::home%].'
    assert o.unit.in_json and o.unit.single_line
    model.default = "fix"
    res = rewriter(project).rewrite_text(project / "ui.json", src)
    assert res.text == src.replace("delve into", "explore into")
    assert json.loads(res.text)["welcome"] == 'Hi {name}, explore into your "dashboard" [%key:nav::home%].'


def test_still_flagged(project, server, model):
    model.script = {"In this post we delve into storage.": ["echo", "In this post we delve deeper into storage."]}
    (o, _) = rewriter(project, max_attempts=2).rewrite_text(project / "post.md", POST).outcomes
    assert reasons(o) == ["unchanged", "still-flagged"]
    assert o.attempts[0].detail == "the rewrite is the passage unchanged"
    assert o.detail == (
        "the rewrite is still flagged: 'delve' (pack/overused: 'delve' is a common tell of machine-written prose.)"
    )


def test_new_finding_is_rejected(project, server, model):
    model.script = {"In this post we delve into storage.": "In this post we utilize storage seamlessly."}
    (o, _) = rewriter(project, max_attempts=1).rewrite_text(project / "post.md", POST).outcomes
    assert o.reason == "new-finding"
    assert o.detail == ("the rewrite adds a finding: 'utilize' (pack/plain: Use 'use' instead of 'utilize'.)")


@pytest.mark.parametrize(
    "spec, reason, detail",
    [
        (
            "no-schema",
            "ignored-schema",
            "the answer ignores the JSON schema (expected an object with a string 'rewrite'): "
            '\'{"text": "In this post we explore into storage."}\'',
        ),
        ({"rewrite": ""}, "empty", "the rewrite is empty"),
        (
            "In this post we look at storage.\n\nMore.",
            "changed-blocks",
            "the rewrite adds a blank line (a new paragraph)",
        ),
        (
            "In this post:\n- we look at storage.",
            "changed-blocks",
            "the rewrite changes the document's block structure (paragraphs, lists, tables)",
        ),
    ],
)
def test_other_rejections(project, server, model, spec, reason, detail):
    model.script = {"In this post we delve into storage.": spec}
    res = rewriter(project, max_attempts=1).rewrite_text(project / "post.md", POST)
    o = res.outcomes[0]
    assert (o.reason, o.detail) == (reason, detail)
    assert "we delve into storage" in res.text


@pytest.mark.parametrize(
    "spec, message",
    [
        ("http500", "model error: ollama at {url} answered HTTP 500: model crashed"),
        (
            "timeout",
            "model error: ollama at {url} did not answer within 0.5 s; raise timeout under [plugins.llm] "
            "for slow models",
        ),
    ],
)
def test_model_errors_leave_the_text_and_the_run_goes_on(project, server, model, spec, message):
    model.script = {"In this post we delve into storage.": spec}
    res = rewriter(project, timeout="0.5").rewrite_text(project / "post.md", POST)
    first, second = res.outcomes
    assert (first.reason, first.detail) == ("model-error", message.format(url=server.url))
    assert second.accepted  # the other finding is still rewritten
    assert res.text == POST.replace("a tapestry of", "a mix of")
    assert (
        res.lines()[0]
        == f"{project / 'post.md'}:3:17: pack/overused: not rewritten: {message.format(url=server.url)} [model-error]"
    )


def test_blockquote_lines_keep_their_prefix(project, server, model):
    src = "> We delve into\n> the files. Then\n> we rest.\n"
    model.script = {"We delve into\nthe files.": "We look\nat the files."}
    res = rewriter(project).rewrite_text(project / "q.md", src)
    (o,) = res.outcomes
    assert (o.unit.text, o.unit.prefix, o.unit.kind) == ("We delve into\nthe files.", "> ", "sentence")
    assert res.text == "> We look\n> at the files. Then\n> we rest.\n"


def test_crlf_file(project, server):
    src = "Intro line.\r\nWe delve into it\r\nfor you. Done.\r\n"
    res = rewriter(project).rewrite_text(project / "c.md", src)
    assert res.text == "Intro line.\r\nWe explore into it\r\nfor you. Done.\r\n"


def test_emphasis_across_sentences_sends_the_paragraph(project, server, model):
    src = "Intro. *We delve here. And here.* End.\n"
    res = rewriter(project).rewrite_text(project / "e.md", src)
    (o,) = res.outcomes
    assert (o.unit.kind, o.unit.text) == ("paragraph", "Intro. *We delve here. And here.* End.")
    assert res.text == "Intro. *We explore here. And here.* End.\n"


def test_jsonl_records(project, server):
    (project / "brandlint.toml").write_text(
        (project / "brandlint.toml").read_text() + '\n[formats.jsonl]\nprose = ["$.output"]\n', encoding="utf-8"
    )
    src = '{"id": 1, "output": "Fine."}\n{"id": 2, "output": "We delve into it. Ok."}\n'
    res = Rewriter(settings_for(project)).rewrite_text(project / "out.jsonl", src)
    (o,) = res.outcomes
    assert (o.unit.start, o.unit.end) == (50, 67)
    assert src[50:67] == "We delve into it."
    assert res.text == '{"id": 1, "output": "Fine."}\n{"id": 2, "output": "We explore into it. Ok."}\n'


def test_jsonl_records_are_verified_on_their_own(project, server, model):
    (project / "pack" / "cloud.toml").write_text(
        'kind = "occurrence"\nmessage = "Say cloud at most once."\ntokens = ["cloud"]\nmax = 1\n', encoding="utf-8"
    )
    (project / "brandlint.toml").write_text(
        (project / "brandlint.toml").read_text() + '\n[formats.jsonl]\nprose = ["$.output"]\n', encoding="utf-8"
    )
    src = '{"output": "We delve. Fine."}\n{"output": "Ok."}\n{"output": "A tapestry here. And we delve there."}\n'
    model.script = {
        "We delve.": "We look at cloud.",
        "A tapestry here.": "A cloud here.",
        "And we delve there.": "And cloud there.",
    }
    res = Rewriter(settings_for(project)).rewrite_text(project / "out.jsonl", src)
    assert [(o.unit.text, reasons(o)) for o in res.outcomes] == [
        ("We delve.", ["accepted"]),
        ("A tapestry here.", ["accepted"]),
        ("And we delve there.", ["accepted", "conflict"]),  # 'cloud' twice in one record
    ]
    assert res.text == (
        '{"output": "We look at cloud. Fine."}\n{"output": "Ok."}\n{"output": "A cloud here. And we delve there."}\n'
    )
    assert [(f.rule_id, f.span.start.line, f.span.start.column) for f in res.result.active] == [
        ("pack/overused", 3, 34)
    ]


def test_paragraph_unit_setting(project, server):
    res = rewriter(project, unit='"paragraph"').rewrite_text(project / "post.md", POST)
    assert res.outcomes[0].unit.text == "In this post we delve into storage. It is fast."


def test_rewrite_select_and_ignore(project, server):
    res = rewriter(project, rewrite_ignore='["pack/overused"]').rewrite_text(project / "post.md", POST)
    assert res.outcomes == [] and res.text == POST
    assert server.requests == []


def test_rewrites_that_pass_alone_but_not_together_keep_the_first(project, server, model):
    (project / "pack" / "cloud.toml").write_text(
        'kind = "occurrence"\nmessage = "Say cloud at most once."\ntokens = ["cloud"]\nmax = 1\n', encoding="utf-8"
    )
    model.script = {
        "In this post we delve into storage.": "In this post we look at cloud storage.",
        "See [the docs](https://acme.io/docs) for a tapestry of `features`.": "See [the docs](https://acme.io/docs) for cloud `features`.",
    }
    res = rewriter(project).rewrite_text(project / "post.md", POST)
    first, second = res.outcomes
    assert reasons(first) == ["accepted"]
    assert reasons(second) == ["accepted", "conflict"]  # verified alone, refused in combination
    assert second.detail.startswith(
        "the rewrite conflicts with another accepted rewrite: the rewrite adds a "
        "finding: 'cloud' (pack/cloud: Say cloud at most once.)"
    )
    assert res.text == POST.replace("we delve into storage", "we look at cloud storage")
    assert [f.matched for f in res.result.active] == ["tapestry"]


def test_lsp_contract_returns_exact_edits(project, server, model):
    settings = settings_for(project)
    findings = lint_file(project / "post.md", settings, content=POST.encode(), display_path="post.md").active
    delve = next(f for f in findings if f.matched == "delve")
    fixer = RewriteFixer()
    edits = fixer.fix_finding(POST, delve, settings)
    assert edits == [Edit(10, 45, "In this post we explore into storage.")]
    new, applied, _ = apply_edits(POST, [Fix(tuple(edits))])
    assert new == POST.replace("we delve into", "we explore into")
    model.default = "echo"
    assert fixer.fix_finding(POST.replace("post", "page"), delve, settings) is None
    outcome = fixer.rewrite_finding(POST.replace("post", "page"), delve, settings)
    assert outcome.reason == "unchanged"
    utilize = lint_file(project / "x.md", settings, content=b"We utilize it.\n", display_path="x.md").active[0]
    assert (
        fixer.fix_finding("We utilize it.\n", utilize, settings) is None
    )  # has a deterministic fix: not for the model
    assert (fixer.can_fix(delve, settings), fixer.can_fix(utilize, settings)) == (True, False)


def test_no_rewrite_offered_without_a_model(project, server):
    url = (project / "brandlint.toml").read_text().split('endpoint = "')[1].split('"')[0]
    (project / "brandlint.toml").write_text(config_text(url).replace('model = "scripted"\n', ""), encoding="utf-8")
    settings = settings_for(project)
    delve = lint_file(project / "p.md", settings, content=b"We delve.\n", display_path="p.md").active[0]
    assert RewriteFixer().can_fix(delve, settings) is False


@pytest.mark.parametrize("selector,rule_id,pack,expected", EXAMPLES)
def test_rewrite_scope_uses_the_core_selectors(project, selector, rule_id, pack, expected):
    """rewrite-select / rewrite-ignore mean what select / ignore mean (brandlint.selectors)."""
    settings = settings_for(project)
    base = from_settings(settings)
    finding = Finding(
        rule_id, Severity.WARNING, "m", "p.md", Span(Position(1, 1, 0, 0), Position(1, 2, 1, 1)), scope="paragraph"
    )
    selected = Rewriter(settings, replace(base, rewrite_select=(selector,), rewrite_ignore=()))
    ignored = Rewriter(settings, replace(base, rewrite_select=("ALL",), rewrite_ignore=(selector,)))
    assert selected.is_target(finding) is expected
    assert ignored.is_target(finding) is not expected
