"""A real headless Chromium (Debian's ``chromium``) driven by Playwright, for the review page tests."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the [test] extra installs it
    sync_playwright = None  # type: ignore[assignment]

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="needs Debian's chromium (apt-get install chromium; .ci/run installs it) and playwright (pip, [test] extra)",
)

# Reads back every highlight from the DOM: for each finding index, the text of the <mark>s that
# name it, the code-point offset of its first mark in its document, and whether the marks are
# contiguous (nothing but marks naming it in between).
HIGHLIGHTS_JS = """
() => {
  const out = {};
  for (const pre of document.querySelectorAll('pre.doc')) {
    let offset = 0;
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_ALL);
    let node = walker.nextNode();
    const open = {};
    while (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentNode;
        const ids = parent.tagName === 'MARK' ? parent.getAttribute('data-f').split(' ').map(Number) : [];
        for (const i of ids) {
          if (!(i in out)) out[i] = {start: offset, text: '', pieces: 0, gap: false};
          else if (open[i] !== offset) out[i].gap = true;
          out[i].text += node.data;
          out[i].pieces += 1;
          open[i] = offset + Array.from(node.data).length;
        }
        offset += Array.from(node.data).length;
      } else if (node.tagName === 'MARK' && node.classList.contains('point')) {
        const i = Number(node.getAttribute('data-f'));
        out[i] = {start: offset, text: '', pieces: 0, gap: false};
      }
      node = walker.nextNode();
    }
  }
  return out;
}
"""


def launch(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
