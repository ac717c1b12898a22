"""Compare employer names and job titles as people write them.

"Acme Robotics Inc." and "ACME Robotics" are one employer; "Sr. Software Engineer" and
"Senior Software Engineer" are one title. Legal-form suffixes, case, accents and
punctuation do not count; every remaining word of the shorter name must be in the longer.
"""
from __future__ import annotations

import re
import unicodedata

_LEGAL_FORMS = frozenset(
    "inc incorporated ltd limited llc llp lp corp corporation co company plc pvt private pty "
    "sa sas sarl sà rl gmbh ag bv nv srl spa ulc the".split())
_ABBREVIATIONS = {"sr": "senior", "jr": "junior", "mgr": "manager", "asst": "assistant",
                  "eng": "engineer", "dev": "developer", "admin": "administrator", "dept": "department",
                  "intl": "international", "tech": "technology", "svc": "services", "&": "and"}


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("&", " and ")
    return [_ABBREVIATIONS.get(w, w) for w in re.findall(r"[a-z0-9]+", text)]


def employer_key(name: str) -> tuple[str, ...]:
    words = [w for w in _words(name) if w not in _LEGAL_FORMS]
    return tuple(words) or tuple(_words(name))


def same_employer(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    short, long_ = sorted((set(employer_key(a)), set(employer_key(b))), key=len)
    return bool(short) and short <= long_


def same_title(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return tuple(_words(a)) == tuple(_words(b))
