"""``junit``: JUnit XML, which CI systems (GitLab, Jenkins, Azure, CircleCI) show as test results.

One ``<testsuite>`` per file; one ``<testcase>`` per finding with a ``<failure>`` (``type`` is
the severity, ``message`` the finding's message, the body the finding with its source line). A
file without findings gets one passing test case, so clean files count as passed tests; a file
that was skipped gets a ``<skipped>`` one. Suppressed findings are left out. Text is escaped for
XML, and characters XML 1.0 cannot carry (control characters) are written as ``\\xNN``.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from ..findings import Finding
from .base import ReportContext

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _INVALID_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def attr(text: str) -> str:
    return quoteattr(clean(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def body(text: str) -> str:
    return escape(clean(text), {"\r": "&#13;"})


def _detail(f: Finding) -> str:
    s = f.span.start
    lines = [f"{f.path}:{s.line}:{s.column}: {f.rule_id} {f.message} [{f.severity}]"]
    if f.line_text:
        lines.append(f"{s.line} | {f.line_text}")
    if f.fix is not None:
        lines.append(f"fix ({f.fix.applicability.value}): {f.fix.description}")
    elif f.suggestions:
        lines.append(f"suggestion: {', '.join(f.suggestions)}")
    return "\n".join(lines)


class JunitReporter:
    def report(self, results, ctx: ReportContext) -> str:
        suites, total_tests, total_failures = [], 0, 0
        for r in results:
            found = r.active
            cases = []
            skipped = 0
            if found:
                for f in found:
                    s = f.span.start
                    name = f"{f.rule_id} ({s.line}:{s.column})"
                    cases.append(
                        f"    <testcase name={attr(name)} classname={attr(r.path)} file={attr(r.path)} "
                        f'line="{s.line}" time="0">\n'
                        f"      <failure message={attr(f.message)} type={attr(str(f.severity))}>"
                        f"{body(_detail(f))}</failure>\n"
                        f"    </testcase>"
                    )
            elif r.note and not r.format:
                skipped = 1
                cases.append(
                    f'    <testcase name="brandlint" classname={attr(r.path)} file={attr(r.path)} time="0">\n'
                    f"      <skipped message={attr(r.note)}/>\n"
                    f"    </testcase>"
                )
            else:
                cases.append(f'    <testcase name="brandlint" classname={attr(r.path)} file={attr(r.path)} time="0"/>')
            tests = len(cases)
            total_tests += tests
            total_failures += len(found)
            suites.append(
                f'  <testsuite name={attr(r.path)} tests="{tests}" failures="{len(found)}" '
                f'errors="0" skipped="{skipped}" time="0">\n' + "\n".join(cases) + "\n  </testsuite>"
            )
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="brandlint" tests="{total_tests}" failures="{total_failures}" errors="0" time="0">'
        )
        return "\n".join([head, *suites, "</testsuites>"]) + "\n"
