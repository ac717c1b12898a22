"""Certified translations: which file they translate, who translated, and whether it is sworn.

A translation uploaded to IRCC is the English or French text plus the translator's
certification ("I, NAME, certify that I am competent to translate from Spanish into English
and that the attached is a true and accurate translation of birth-cert.pdf") or, when no
certified translator could be had, an affidavit sworn before a commissioner for oaths or a
notary (RULES.md §7). FIL008 pairs a translation with its original by file name, so the
original's file name, when the text gives one, is the field that matters most.
"""
from __future__ import annotations

import re

from ..model import Field, Page
from .text import DocText

_EXTENSIONS = r"(?:pdf|docx?|jpe?g|png|tiff?)"
# A quoted name may hold spaces ("Geburtsurkunde Müller.pdf"); a bare one may not, or the
# words before it would be taken for part of it.
_FILE_NAMES = (
    re.compile(r"[\"“'‘«]\s*(?P<name>[^\"”'’»\n]{1,120}?\." + _EXTENSIONS + r")\s*[\"”'’»]", re.I),
    re.compile(r"(?<![\w.\-])(?P<name>\w[\w.()\-]*\." + _EXTENSIONS + r")(?![\w\-]|\.\w)", re.I),
)

_NAME = r"(?P<name>[A-ZÀ-Ý][\w'’\-]+(?:[ \t]+(?:[A-ZÀ-Ý][\w'’\-]+|[A-Z]\.)){1,4})"
_TRANSLATOR = (
    # "I, Ana Beltrán, certified translator, ..." / "I, the undersigned, Ana Beltrán," / "I Thomas Becker hereby"
    re.compile(r"\bI,[ \t]+(?:the[ \t]+undersigned,?[ \t]+)?" + _NAME + r"[ \t]*,"),
    re.compile(r"\bI[ \t]+" + _NAME + r"[ \t]+(?:(?:do[ \t]+)?hereby|certify|declare|solemnly|swear|affirm|attest)\b"),
    re.compile(r"(?i:\bje[ \t]+soussignée?),?[ \t]+" + _NAME),
    re.compile(r"(?im)^[ \t]*(?:translator(?:['’]s)?(?:[ \t]+name)?|name[ \t]+of[ \t]+(?:the[ \t]+)?translator|"
               r"translated[ \t]+by|traducteur|traductrice|traduit[ \t]+par)[ \t]*[:\-–][ \t]*" + _NAME),
    re.compile(r"(?i:\btranslated[ \t]+by)[ \t]+" + _NAME),
)

# A jurat: the translator swore or affirmed before someone authorised to take oaths.
_AFFIDAVIT = re.compile(
    r"(?i)\b(?:sworn|affirmed|declared|subscribed)\b[^.]{0,80}?\b(?:before\s+me|before\s+(?:a|the)\s+"
    r"(?:commissioner|notary|justice))|\bcommissioner\s+(?:for|of)\s+(?:taking\s+)?oaths\b|"
    r"\bcommissaire\s+à\s+l['’]assermentation\b|\b(?:déclaré|affirmé)e?\s+solennellement\s+devant\b|"
    r"\bassermentée?\s+devant\b")

_SOURCE_LANGUAGE = (
    re.compile(r"(?i)\btranslat(?:e|ed|ion|ing)\s+(?:\w+\s+){0,6}?from\s+(?:the\s+)?(?P<lang>[a-zà-ÿ]+)"
               r"(?:\s+language)?\s+(?:in)?to\s+(?:the\s+)?(?:english|french)\b"),
    re.compile(r"(?i)\b(?:tradu(?:ction|it|ite|ire)|traduits?)\s+(?:\w+\s+){0,6}?(?:de\s+l['’]|du\s+|de\s+)"
               r"(?P<lang>[a-zà-ÿ]+)\s+(?:vers\s+l['’]|vers\s+le\s+|en\s+|au\s+)(?:anglais|français)\b"),
)
# Language names (English and French) as translators write them -> ISO 639-1.
LANGUAGE_CODES = {
    "afrikaans": "af", "albanian": "sq", "albanais": "sq", "amharic": "am", "amharique": "am",
    "arabic": "ar", "arabe": "ar", "armenian": "hy", "arménien": "hy", "bengali": "bn", "bangla": "bn",
    "bulgarian": "bg", "bulgare": "bg", "chinese": "zh", "mandarin": "zh", "chinois": "zh",
    "croatian": "hr", "croate": "hr", "czech": "cs", "tchèque": "cs", "dutch": "nl", "néerlandais": "nl",
    "farsi": "fa", "persian": "fa", "persan": "fa", "german": "de", "allemand": "de", "greek": "el",
    "grec": "el", "gujarati": "gu", "hebrew": "he", "hébreu": "he", "hindi": "hi", "hungarian": "hu",
    "hongrois": "hu", "indonesian": "id", "indonésien": "id", "italian": "it", "italien": "it",
    "japanese": "ja", "japonais": "ja", "korean": "ko", "coréen": "ko", "malay": "ms", "malais": "ms",
    "marathi": "mr", "nepali": "ne", "népalais": "ne", "polish": "pl", "polonais": "pl",
    "portuguese": "pt", "portugais": "pt", "punjabi": "pa", "panjabi": "pa", "pendjabi": "pa",
    "romanian": "ro", "roumain": "ro", "russian": "ru", "russe": "ru", "serbian": "sr", "serbe": "sr",
    "sinhala": "si", "somali": "so", "spanish": "es", "espagnol": "es", "swahili": "sw",
    "tagalog": "tl", "filipino": "tl", "tamil": "ta", "tamoul": "ta", "telugu": "te", "thai": "th",
    "thaï": "th", "turkish": "tr", "turc": "tr", "ukrainian": "uk", "ukrainien": "uk", "urdu": "ur",
    "ourdou": "ur", "vietnamese": "vi", "vietnamien": "vi",
}


def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    found = {
        "translated_file": _translated_file(doc),
        "translator_name": _first_name(doc, _TRANSLATOR),
        "has_affidavit": _has_affidavit(doc),
        "source_language": _source_language(doc),
    }
    return {name: f for name, f in found.items() if f is not None}


def _translated_file(doc: DocText) -> Field:
    """The first file name the text gives (the original's), or null when it names none."""
    hits = [m for pattern in _FILE_NAMES for m in doc.finditer(pattern)]
    if not hits:
        return Field(None)
    m = min(hits, key=lambda h: h.start())
    return doc.field(m["name"].strip(), m.start("name"), m.end("name"))


def _first_name(doc: DocText, patterns: tuple[re.Pattern, ...]) -> Field | None:
    for pattern in patterns:
        m = pattern.search(doc.text)
        if m:
            return doc.field(" ".join(m["name"].split()), m.start("name"), m.end("name"))
    return None


def _has_affidavit(doc: DocText) -> Field:
    m = _AFFIDAVIT.search(doc.text)
    return doc.field(True, m.start(), m.end()) if m else Field(False)


def _source_language(doc: DocText) -> Field | None:
    """ISO 639-1 code of the language translated from; an unlisted language as printed."""
    for pattern in _SOURCE_LANGUAGE:
        m = pattern.search(doc.text)
        if m:
            name = m["lang"].lower()
            return doc.field(LANGUAGE_CODES.get(name, name), m.start("lang"), m.end("lang"))
    return None
