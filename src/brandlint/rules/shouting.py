"""The ``shouting`` kind: words in ALL CAPS that are not acronyms.

Neighbouring all-caps words form one finding ("DO NOT DO THIS"); identifiers (``H200``,
``X_AXIS``), Roman numerals and listed acronyms are allowed. The unsafe fix lower-cases the
words (capitalising a sentence start).
"""

from __future__ import annotations

import re
from typing import Any

from ..findings import Applicability
from .base import FixAvailability, Option, Rule, RuleMeta
from .text import at_sentence_start

#: All-caps words that are acronyms, not shouting (the ``default-acronyms`` list).
DEFAULT_ACRONYMS = frozenset(
    """
AJAX ANSI ARIA ASAP ASCII AVIF BIOS CAPTCHA CCPA CHANGELOG CMYK COBOL CORS COVID CRUD CSRF CUDA
DEBUG DELETE DNSSEC ECMA EMEA ERROR FALSE FIFO FIXME FORTRAN GDPR GUID HIPAA HTML HTTP HTTPS IANA
IEEE IETF IMAP INFO JPEG JSON JSONL LDAP LIFO LGBT LGBTQ LICENSE MIDI MIME MPEG NASA NASDAQ NATO
NULL NVME NYSE OAUTH ONNX OPTIONS PATCH PCIE POSIX PUT RAID README REST RGBA SAML SATA SCSI SMTP
SOAP TODO TOML TRUE UEFI UNESCO UNICEF UNIX URIS URLS USB UUID WARN WARNING WASM WCAG WEBP WIFI
XHTML YAML APAC CPUS GPUS APIS LLMS KPIS FAQS SDKS ASIC FPGA DRAM SRAM VRAM NAND CISO ISBN ISSN
""".split()
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


class ShoutingRule(Rule):
    """Words in ALL CAPS (not acronyms)."""

    kind = "shouting"
    summary = "Flag ALL CAPS words (shouting), allowing acronyms."
    fix_availability = FixAvailability.ALWAYS  # lower case (unsafe: names and acronyms)
    segment_local = True
    options = {
        "min-length": Option("int", 4, "shortest all-caps word that counts as shouting"),
        "exceptions": Option("str-list", [], "all-caps words to allow (acronyms, product names)"),
        "default-acronyms": Option("bool", True, "also allow brandlint's list of common acronyms"),
    }

    def __init__(self, meta: RuleMeta, opts: dict[str, Any]) -> None:
        super().__init__(meta, opts)
        self.require_at_least("min-length", 1)

    def check_segment(self, doc, seg, ctx):
        text = seg.text
        min_len = self.opts.get("min-length", 4)
        allowed = {e.upper() for e in self.opts.get("exceptions") or ()}
        if self.opts.get("default-acronyms", True):
            allowed |= DEFAULT_ACRONYMS
        caps: list[tuple[int, int, bool, bool]] = []  # (start, end, shouting, allowed acronym)
        for m in _TOKEN.finditer(text):
            s, e = m.start(), m.end()
            w = m.group()
            # a letter run glued to digits or underscores is an identifier ("H200", "X_AXIS")
            if (s > 0 and (text[s - 1].isdigit() or text[s - 1] == "_")) or (
                e < len(text) and (text[e].isdigit() or text[e] == "_")
            ):
                continue
            letters = w.replace("'", "").replace("\u2019", "")
            if len(letters) < 2 or not letters.isupper() or _ROMAN.fullmatch(letters):
                continue
            if seg.masked and seg.is_masked(s, e):
                continue
            acronym = w.upper() in allowed or letters in allowed
            caps.append((s, e, len(letters) >= min_len and not acronym, acronym))
        # merge neighbouring caps words into one finding ("DO NOT DO THIS")
        i = 0
        while i < len(caps):
            j = i
            while j + 1 < len(caps) and re.fullmatch(r"[\s,;:\-\u2013\u2014]*", text[caps[j][1] : caps[j + 1][0]]):
                j += 1
            group = caps[i : j + 1]
            i = j + 1
            if not any(g[2] for g in group):
                continue
            # acronyms at the edges of the group are not part of the shouting
            while group[0][3]:
                group = group[1:]
            while group[-1][3]:
                group = group[:-1]
            s, e = group[0][0], group[-1][1]
            if not self.in_scope(seg, s, e):
                continue
            words = text[s:e]
            lowered = words.lower()
            if at_sentence_start(text, s):
                lowered = lowered[:1].upper() + lowered[1:]
            yield self.finding(
                doc,
                seg,
                s,
                e,
                replacement=lowered,
                applicability=Applicability.UNSAFE,
                suggestions=(lowered,),
                message=self.message("'{match}' is in all caps: do not shout.", match=words),
            )
