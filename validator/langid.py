"""The language a document is written in, from its most common function words.

Only English and French matter to IRCC (anything else needs a translation), so the question
is "en, fr, or neither"; a handful of stop words answers it offline and in microseconds.
"""
from __future__ import annotations

import re

_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOPWORDS = {
    "en": frozenset("the of and to in is was for that with as by on this from has have his her he she "
                    "it be are at we our an or which per been has their".split()),
    "fr": frozenset("le la les de des du et est à en un une que qui pour par dans sur au aux il elle "
                    "a été nous ce cette son sa ses avec".split()),
}
MIN_WORDS = 8


def detect_language(text: str) -> str | None:
    """'en', 'fr', 'other' (words but neither language), or None (too little text to say)."""
    words = [w.lower() for w in _WORDS.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    hits = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(hits, key=hits.get)
    if hits[best] / len(words) < 0.04:
        return "other"
    return best
