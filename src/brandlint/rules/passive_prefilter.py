"""Which segments may hold a passive: a cheap lexical test run before spaCy parses anything.

A passive needs a passive auxiliary: a form of *be* or *get* (spaCy's ``auxpass``, also given to
*become*), written out ("is", "were", "getting"), contracted ("it's", "we're", "I'm") or negated
("isn't", "weren't", "ain't"), also where spaCy's tokenizer finds them without an apostrophe
("isnt", "werent", "gotta"). A segment without any of these words cannot hold one, so
:class:`~brandlint.rules.passive_voice.PassiveVoiceRule` does not send it to the parser (see
``nlp_prefilter`` in :mod:`brandlint.nlp`). The test is deliberately broad (any form, anywhere in
the segment, whatever follows it): it only decides what is parsed, and a segment that passes is
parsed whole, so the findings are those of parsing every segment. It would differ only where
the statistical parser labels a word that is no auxiliary as ``auxpass`` (seen once in 10,862
segments of md_docs/md_marketing: "looking distorted"), which is no passive.
"""

from __future__ import annotations

import re

__all__ = ["PASSIVE_AUXILIARY", "may_hold_passive"]

#: any form of the passive auxiliaries be / get / become, incl. contractions and negations
PASSIVE_AUXILIARY = re.compile(
    r"(?i)\b(?:am|is|are|was|were|be|been|being|ai"
    r"|get|gets|got|gotten|getting|become|becomes|became|becoming)\b"
    r"|['’](?:s|re|m)\b"
    r"|n['’]t\b"
    # spaCy splits these without an apostrophe too: "isnt" -> "is" "nt", "gotta" -> "got" "ta"
    r"|\b(?:is|are|was|were|ai)nt\b|\bgotta\b"
)


def may_hold_passive(text: str) -> bool:
    """False when ``text`` has no form of be/get/become, so it cannot hold a passive."""
    return PASSIVE_AUXILIARY.search(text) is not None
