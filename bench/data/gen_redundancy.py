"""Writes the redundancy rules of the plain-language pack from the word lists below.

    python bench/data/gen_redundancy.py

Generates ``rules/plain-language/redundancy.toml`` (safe fix), ``redundancy-unsafe.toml`` (pairs
whose short form does not fit every sentence) and ``redundancy-acronyms.toml`` (case-sensitive
acronym + the word it contains). The lists are written from the category (one word repeats the
meaning of another); the generator adds plurals and verb tenses. Where dropping the first word
changes the article ("an added bonus" -> "a bonus"), the substitution kind corrects the "a"/"an"
before the match in the same edit, so no article variants are written. Edit the lists here, not
the TOML files, and run it again; ``tests/test_packs.py`` checks the article in the fixes.
"""

from pathlib import Path

RULES = Path(__file__).resolve().parents[2] / "rules" / "plain-language"

# (observed, preferred) -- the redundant word is the one dropped. Nouns get plural forms where noted.
# Form: "a b" -> "b"; keys with | are alternatives.
DROP_FIRST_NOUNS = {  # adjective + noun, the adjective repeats the noun: plural added automatically
    "added bonus": "bonus",
    "extra bonus": "bonus",
    "free gift": "gift",
    "end result": "result",
    "final result": "result",
    "final outcome": "outcome",
    "final conclusion": "conclusion",
    "final completion": "completion",
    "final ultimatum": "ultimatum",
    "end goal": "goal",
    "ultimate goal": "goal",
    "past history": "history",
    "past experience": "experience",
    "past memory": "memory",
    "past record": "record",
    "prior history": "history",
    "prior experience": "experience",
    "advance warning": "warning",
    "advance notice": "notice",
    "advance reservation": "reservation",
    "advance preview": "preview",
    "advance planning": "planning",
    "advanced planning": "planning",
    "basic fundamental": "fundamental",
    "basic essential": "essential",
    "basic necessity": "necessity",
    "brief summary": "summary",
    "brief moment": "moment",
    "close proximity": "proximity",
    "general consensus": "consensus",
    "unanimous consensus": "consensus",
    "new innovation": "innovation",
    "new recruit": "recruit",
    "new invention": "invention",
    "new novice": "novice",
    "old adage": "adage",
    "old cliché": "cliché",
    "old cliche": "cliche",
    "old veteran": "veteran",
    "personal opinion": "opinion",
    "unexpected surprise": "surprise",
    "unintended mistake": "mistake",
    "unintentional mistake": "mistake",
    "usual custom": "custom",
    "true fact": "fact",
    "actual fact": "fact",
    "honest truth": "truth",
    "mutual cooperation": "cooperation",
    "mutual agreement": "agreement",
    "armed gunman": "gunman",
    "difficult dilemma": "dilemma",
    "terrible tragedy": "tragedy",
    "sudden impulse": "impulse",
    "natural instinct": "instinct",
    "fellow colleague": "colleague",
    "fellow coworker": "coworker",
    "foreign import": "import",
    "false pretense": "pretense",
    "false pretence": "pretence",
    "original founder": "founder",
    "added extra": "extra",
    "unsolved mystery": "mystery",
    "closed fist": "fist",
    "frozen ice": "ice",
    "cash money": "money",
    "hollow tube": "tube",
    "mental telepathy": "telepathy",
    "joint collaboration": "collaboration",
    "joint cooperation": "cooperation",
    "combined total": "total",
    "sum total": "total",
    "grand total": None,
    "empty hole": "hole",
    "temporary reprieve": "reprieve",
    "initial prototype": "prototype",
    "first prototype": None,
    "past tradition": "tradition",
    "repeated repetition": "repetition",
    "small speck": "speck",
    "tiny speck": "speck",
}
ACRONYMS = {  # acronym + the word its last letter stands for
    "ATM machine": "ATM",
    "PIN number": "PIN",
    "LCD display": "LCD",
    "LED light": "LED",
    "HIV virus": "HIV",
    "ISBN number": "ISBN",
    "VIN number": "VIN",
    "UPC code": "UPC",
    "GUI interface": "GUI",
    "UI interface": "UI",
    "API interface": "API",
    "CPU unit": "CPU",
    "GPU unit": "GPU",
    "RAM memory": "RAM",
    "ROM memory": "ROM",
    "URL address": "URL",
    "SaaS service": "SaaS",
    "PaaS platform": "PaaS",
    "PDF format": "PDF",
    "HTML language": "HTML",
    "SQL language": "SQL",
    "DVD disc": "DVD",
    "CD disc": "CD",
    "GPS system": "GPS",
    "DNS system": "DNS",
    "ABS system": "ABS",
    "RAID array": "RAID",
    "LAN network": "LAN",
    "WAN network": "WAN",
    "VPN network": "VPN",
    "CNN network": "CNN",
    "NIC card": "NIC",
    "SMS message": "SMS",
    "MMS message": "MMS",
    "ISP provider": "ISP",
    "IRA account": "IRA",
    "SAT test": "SAT",
    "GMAT test": "GMAT",
    "CAPTCHA test": "CAPTCHA",
    "SSD drive": "SSD",
    "HDD drive": "HDD",
    "OS system": "OS",
    "AC current": "AC",
    "DC current": "DC",
    "UPS supply": None,
    "PC computer": "PC",
    "KPI indicator": "KPI",
    "ROI return": None,
    "FAQ questions": "FAQ",
    "NGO organization": "NGO",
    "NATO organization": "NATO",
    "OTP password": "OTP",
    "SKU unit": "SKU",
    "CSS stylesheet": None,
    "USB bus": None,
    "SIM module": None,
}
ACRONYM_PLURALS = {
    "ATM machines": "ATMs",
    "PIN numbers": "PINs",
    "LCD displays": "LCDs",
    "LED lights": "LEDs",
    "ISBN numbers": "ISBNs",
    "VIN numbers": "VINs",
    "UPC codes": "UPCs",
    "GUI interfaces": "GUIs",
    "API interfaces": "APIs",
    "CPU units": "CPUs",
    "GPU units": "GPUs",
    "URL addresses": "URLs",
    "DVD discs": "DVDs",
    "CD discs": "CDs",
    "SSD drives": "SSDs",
    "HDD drives": "HDDs",
    "PC computers": "PCs",
    "NIC cards": "NICs",
    "KPI indicators": "KPIs",
    "NGO organizations": "NGOs",
    "SKU units": "SKUs",
    "ISP providers": "ISPs",
}
# verb + particle or adverb that repeats the verb ("revert back"), all tenses given
VERB_FORMS = {
    # base: (3rd person, past, -ing)
    "revert": ("reverts", "reverted", "reverting"),
    "return": ("returns", "returned", "returning"),
    "reply": ("replies", "replied", "replying"),
    "respond": ("responds", "responded", "responding"),
    "refer": ("refers", "referred", "referring"),
    "retreat": ("retreats", "retreated", "retreating"),
    "recur": ("recurs", "recurred", "recurring"),
    "repeat": ("repeats", "repeated", "repeating"),
    "reiterate": ("reiterates", "reiterated", "reiterating"),
    "restate": ("restates", "restated", "restating"),
    "resume": ("resumes", "resumed", "resuming"),
    "reread": ("rereads", "reread", "rereading"),
    "redo": ("redoes", "redid", "redoing"),
    "rebuild": ("rebuilds", "rebuilt", "rebuilding"),
    "join": ("joins", "joined", "joining"),
    "merge": ("merges", "merged", "merging"),
    "combine": ("combines", "combined", "combining"),
    "collaborate": ("collaborates", "collaborated", "collaborating"),
    "cooperate": ("cooperates", "cooperated", "cooperating"),
    "connect": ("connects", "connected", "connecting"),
    "fuse": ("fuses", "fused", "fusing"),
    "link": ("links", "linked", "linking"),
    "gather": ("gathers", "gathered", "gathering"),
    "mix": ("mixes", "mixed", "mixing"),
    "blend": ("blends", "blended", "blending"),
    "unite": ("unites", "united", "uniting"),
    "assemble": ("assembles", "assembled", "assembling"),
    "weld": ("welds", "welded", "welding"),
    "attach": ("attaches", "attached", "attaching"),
    "huddle": ("huddles", "huddled", "huddling"),
    "couple": ("couples", "coupled", "coupling"),
    "meld": ("melds", "melded", "melding"),
    "ascend": ("ascends", "ascended", "ascending"),
    "descend": ("descends", "descended", "descending"),
    "advance": ("advances", "advanced", "advancing"),
    "proceed": ("proceeds", "proceeded", "proceeding"),
    "progress": ("progresses", "progressed", "progressing"),
    "postpone": ("postpones", "postponed", "postponing"),
    "exaggerate": ("exaggerates", "exaggerated", "exaggerating"),
    "eliminate": ("eliminates", "eliminated", "eliminating"),
    "finish": ("finishes", "finished", "finishing"),
    "destroy": ("destroys", "destroyed", "destroying"),
    "surround": ("surrounds", "surrounded", "surrounding"),
    "raise": ("raises", "raised", "raising"),
    "rise": ("rises", "rose", "rising"),
    "circle": ("circles", "circled", "circling"),
    "protest": ("protests", "protested", "protesting"),
    "plan": ("plans", "planned", "planning"),
    "warn": ("warns", "warned", "warning"),
    "prearrange": ("prearranges", "prearranged", "prearranging"),
    "continue": ("continues", "continued", "continuing"),
    "remain": ("remains", "remained", "remaining"),
    "persist": ("persists", "persisted", "persisting"),
    "evolve": ("evolves", "evolved", "evolving"),
}
VERB_PHRASES_SAFE = [  # (verb, extra words) -> verb alone; every tense is generated
    ("revert", "back"),
    ("return", "back"),
    ("reply", "back"),
    ("respond", "back"),
    ("refer", "back"),
    ("retreat", "back"),
    ("recur", "again"),
    ("repeat", "again"),
    ("reiterate", "again"),
    ("restate", "again"),
    ("resume", "again"),
    ("reread", "again"),
    ("redo", "again"),
    ("rebuild", "again"),
    ("join", "together"),
    ("merge", "together"),
    ("combine", "together"),
    ("collaborate", "together"),
    ("cooperate", "together"),
    ("connect", "together"),
    ("fuse", "together"),
    ("link", "together"),
    ("gather", "together"),
    ("mix", "together"),
    ("blend", "together"),
    ("unite", "together"),
    ("assemble", "together"),
    ("weld", "together"),
    ("attach", "together"),
    ("huddle", "together"),
    ("meld", "together"),
    ("ascend", "up"),
    ("descend", "down"),
    ("advance", "forward"),
    ("proceed", "forward"),
    ("progress", "forward"),
    ("postpone", "until later"),
    ("completely", "eliminate"),
    ("completely", "finish"),
    ("completely", "destroy"),
    ("completely", "surround"),
    ("totally", "eliminate"),
    ("totally", "destroy"),
    ("over", "exaggerate"),
    ("raise", "up"),
    ("still", "persist"),
    ("still", "remain"),
]
# these change meaning in some contexts: flagged with an unsafe fix
VERB_PHRASES_UNSAFE = [
    ("plan", "ahead"),
    ("plan", "in advance"),
    ("warn", "in advance"),
    ("prearrange", "in advance"),
    ("rise", "up"),
    ("protest", "against"),
    ("evolve", "over time"),
]
OTHER_SAFE = {
    "absolutely essential": "essential",
    "absolutely necessary": "necessary",
    "absolutely sure": "sure",
    "absolutely guaranteed": "guaranteed",
    "absolutely complete": "complete",
    "absolutely unanimous": "unanimous",
    "completely unanimous": "unanimous",
    "totally unanimous": "unanimous",
    "completely full": "full",
    "completely empty": "empty",
    "completely filled": "filled",
    "completely surrounded": "surrounded",
    "completely eliminated": "eliminated",
    "completely finished": "finished",
    "completely destroyed": "destroyed",
    "blatantly obvious": "obvious",
    "exactly identical": "identical",
    "exactly the same": "the same",
    "the exact same": "the same",
    "same identical": "identical",
    "various different": "various",
    "various differing": "various",
    "whole entire": "entire",
    "each individual": "each",
    "every single one": "every one",
    "still remains": "remains",
    "still persists": "persists",
    "estimated at about": "estimated at",
    "estimated at approximately": "estimated at",
    "estimated at roughly": "estimated at",
    "approximately about": "about",
    "about approximately": "about",
    "period of time": "period",
    "few in number": "few",
    "many in number": "many",
    "small in size": "small",
    "large in size": "large",
    "big in size": "big",
    "tiny in size": "tiny",
    "huge in size": "huge",
    "round in shape": "round",
    "circular in shape": "circular",
    "square in shape": "square",
    "rectangular in shape": "rectangular",
    "oval in shape": "oval",
    "triangular in shape": "triangular",
    "heavy in weight": "heavy",
    "light in weight": "light",
    "tall in height": "tall",
    "long in length": "long",
    "short in length": "short",
    "the reason is because": "the reason is that",
    "the reason was because": "the reason was that",
    "reason why is because": "reason is that",
    "a.m. in the morning": "a.m.",
    "p.m. in the afternoon": "p.m.",
    "p.m. in the evening": "p.m.",
    "a.m. this morning": "this morning",
    "p.m. tonight": "tonight",
    "surrounded on all sides": "surrounded",
    "filled to capacity": "full",
    "visible to the eye": "visible",
    "audible to the ear": "audible",
    "consensus of opinion": "consensus",
    "over exaggerate": "exaggerate",
    "over-exaggerate": "exaggerate",
    "overexaggerate": "exaggerate",
    "over exaggerated": "exaggerated",
    "overexaggerated": "exaggerated",
    "over-exaggerated": "exaggerated",
    "please RSVP": "RSVP",
    "RSVP please": "RSVP",
    "shared in common": "shared",
    "have in common with each other": "have in common",
    "mutually interdependent": "interdependent",
    "interdependent on each other": "interdependent",
    "exact same": "same",
    "each and every single": "each",
    "each and every": "each",
}
OTHER_UNSAFE = {
    "other alternative": "alternative",
    "other alternatives": "alternatives",  # "the other alternative"
    "future plan": "plan",
    "future plans": "plans",
    "future prospect": "prospect",
    "future prospects": "prospects",
    "future forecast": "forecast",
    "future forecasts": "forecasts",
    "future prediction": "prediction",
    "future predictions": "predictions",  # "how far in the future predictions can be made"
    "exact replica": "replica",
    "exact replicas": "replicas",
    "exact duplicate": "duplicate",
    "exact duplicates": "duplicates",  # "related but not exact duplicates"
    "new beginning": "beginning",
    "new beginnings": "beginnings",  # the idiom "a fresh start"
    "absolutely certain": "certain",  # "an absolutely certain outcome" is not "a certain outcome"
    "periods of time": "periods",  # "stable over periods of time"
    "HTTP protocol": "HTTP",
    "FTP protocol": "FTP",
    "TCP protocol": "TCP",
    "SMTP protocol": "SMTP",
    # "at the TLS layer" cannot become "at the TLS"
}
COLORS = [
    "red",
    "blue",
    "green",
    "yellow",
    "orange",
    "purple",
    "pink",
    "brown",
    "black",
    "white",
    "gray",
    "grey",
    "violet",
    "golden",
    "silver",
]


def plural(noun: str) -> str:
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


safe: dict[str, str] = {}
unsafe: dict[str, str] = {}


def add(table, observed, preferred):
    key = observed
    if key in safe or key in unsafe:
        return
    table[key] = preferred


def add_noun_pair(table, observed, preferred):
    add(table, observed, preferred)  # the kind fixes "a"/"an" before it ("an added bonus" -> "a bonus")


for obs, pref in DROP_FIRST_NOUNS.items():
    if pref is None:
        continue
    add_noun_pair(safe, obs, pref)
    if not pref.endswith(
        (
            "ice",
            "money",
            "telepathy",
            "cooperation",
            "agreement",
            "consensus",
            "planning",
            "history",
            "truth",
            "notice",
            "collaboration",
            "proximity",
        )
    ):
        add(safe, " ".join(obs.split(" ")[:-1] + [plural(obs.split(" ")[-1])]), plural(pref))
acronyms: dict[str, str] = {}
for obs, pref in list(ACRONYMS.items()) + list(ACRONYM_PLURALS.items()):
    if pref is None:
        continue
    acronyms[obs] = pref
    a, b = obs.split(" ", 1)
    acronyms[f"{a} {b[:1].upper()}{b[1:]}"] = pref  # "ATM Machine" in title case


def verb_forms(v):
    forms = VERB_FORMS.get(v)
    if forms is None:
        return [v]
    return [v, *forms]


for v, extra in VERB_PHRASES_SAFE:
    if v in ("completely", "totally", "over", "still"):
        for f in verb_forms(extra):
            add(safe, f"{v} {f}", f)
        continue
    for f in verb_forms(v):
        add(safe, f"{f} {extra}", f)
for v, extra in VERB_PHRASES_UNSAFE:
    for f in verb_forms(v):
        add(unsafe, f"{f} {extra}", f)
ADJECTIVE_PAIRS = {
    "absolutely essential",
    "absolutely necessary",
    "absolutely sure",
    "absolutely guaranteed",
    "absolutely complete",
    "absolutely unanimous",
    "completely unanimous",
    "totally unanimous",
    "completely full",
    "completely empty",
    "completely filled",
    "completely surrounded",
    "blatantly obvious",
    "exactly identical",
    "same identical",
    "whole entire",
    "mutually interdependent",
}
for obs, pref in OTHER_SAFE.items():
    if obs in ADJECTIVE_PAIRS:
        add_noun_pair(safe, obs, pref)  # "a completely empty box" -> "an empty box"
    else:
        add(safe, obs, pref)
for obs, pref in OTHER_UNSAFE.items():
    add(unsafe, obs, pref)
exceptions = []
for obs in DROP_FIRST_NOUNS:
    if obs.startswith("past "):
        noun = obs.split(" ", 1)[1]
        exceptions += [f"in the past {noun}", f"in the past {plural(noun)}", f"in the recent past {noun}"]
for v, extra in VERB_PHRASES_SAFE:
    if extra in ("again", "back"):
        for f in verb_forms(v):
            exceptions.append(f"{f} again and again" if extra == "again" else f"{f} back and forth")
for c in COLORS:
    add(safe, f"{c} in color", c)
    add(safe, f"{c} in colour", c)

HEADER_SAFE = '''kind = "substitution"
severity = "warning"
message = "'{match}' is redundant; '{preferred}' says the same."
description = "Shortens redundant pairs (end result, past history, join together, revert back, small in size) with a safe fix."
why = """In a redundant pair one word already contains the other: a result is the end, history is
the past, "join" already means together. Cutting the extra word makes the sentence tighter. The fix
keeps the article right ("an added bonus" becomes "a bonus"); pairs whose short form does not fit
every sentence are in plain-language/redundancy-unsafe, acronyms ("PIN number") in
plain-language/redundancy-acronyms."""
example = "The end result depends on your past history, so join together both lists."
use-instead = "The result depends on your history, so join both lists."
# Written from the category (one word repeats the meaning of another): adjective + noun pairs,
# adverb + absolute adjective, verbs with "back", "again", "together",
# "forward", "in shape", "in size", "in color". Generated forms: plurals and verb tenses; the
# substitution kind keeps "a"/"an" right when a pair drops its first word.
# Left out: phrasal verbs with their own meaning ("open up", "add up to", "continue on",
# "drop down"), technical terms ("original source", "end product", "IP address", "time period"),
# and pairs where the first word adds a meaning ("first started": for the first time).
[swap]
'''
HEADER_UNSAFE = '''kind = "substitution"
severity = "warning"
unsafe = true
message = "'{match}' is usually redundant; '{preferred}' may say the same here."
description = "Redundant pairs whose short form does not fit every sentence (plan ahead, warn in advance, protest against); the fix is unsafe."
why = """These pairs repeat themselves most of the time ("plan ahead", "evolve over time"), but
the short form can change the sentence: "plan ahead to ensure" is not "plan to ensure", and
"protest against" is the only form in British English. The fix is offered as unsafe: read it first."""
example = "Plan ahead and warn your users in advance."
use-instead = "Plan early and warn your users."
[swap]
'''


def dump(header, table, exc=()):
    if exc:  # the exceptions go before the [swap] table
        header = header.split("[swap]")[0] + "exceptions = [\n" + "".join(f'  "{e}",\n' for e in exc) + "]\n[swap]\n"
    lines = [header]
    for k in sorted(table, key=str.lower):
        lines.append(f'"{k}" = "{table[k]}"')
    return "\n".join(lines) + "\n"


HEADER_ACR = '''kind = "substitution"
severity = "warning"
ignorecase = false
message = "'{match}' repeats the acronym's last word; '{preferred}' says the same."
description = "Shortens acronyms followed by the word they already contain (ATM machine, PIN number, LCD display, HTTP protocol); safe fix."
why = """"PIN" already means personal identification number, so "PIN number" says number twice.
Matched with the acronym in capitals only, so "pin number 13" on a circuit board is left alone."""
example = "Enter your PIN number at the ATM machine."
use-instead = "Enter your PIN at the ATM."
[swap]
'''
open(str(RULES / "redundancy.toml"), "w", encoding="utf-8").write(dump(HEADER_SAFE, safe, exceptions))
open(str(RULES / "redundancy-acronyms.toml"), "w", encoding="utf-8").write(dump(HEADER_ACR, acronyms))
unsafe_exceptions = []
for obs in unsafe:
    if obs.startswith("future "):  # "how far in the future predictions can be made"
        unsafe_exceptions += [f"in the {obs}", f"in the near {obs}", f"in the distant {obs}"]
open(str(RULES / "redundancy-unsafe.toml"), "w", encoding="utf-8").write(dump(HEADER_UNSAFE, unsafe, unsafe_exceptions))
print(f"redundancy: {len(safe)} pairs, redundancy-unsafe: {len(unsafe)}, redundancy-acronyms: {len(acronyms)}")
