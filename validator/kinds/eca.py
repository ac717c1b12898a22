"""Educational Credential Assessment reports: issuer, date, reference, holder, result, purpose.

The designated organisations come from ``validator/rules/eca.toml`` (rules as data); the
checks (ECA001-ECA003) and the checklist read the same table through :func:`rules`.

ECA reports are forms: label anchors ("WES Reference No.:", "Canadian Equivalency:") find
every field, with a prose fallback for the holder and the equivalency. The issuer is read
from the letterhead first, because the body of a report may name other organisations
("IRCC designated WES...").
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from ..model import Field, Page
from ..parse import dates as dates_mod
from .text import DocText

# --- the designated organisations (rules as data) -------------------------------------------


@dataclass(frozen=True)
class Organization:
    code: str  # the short name reported in the organization field: "WES"
    name: str
    aliases: tuple[str, ...]
    designated: dt.date
    scope: str


@dataclass(frozen=True)
class EcaRules:
    source: str
    effective: dt.date
    validity_years: int
    organizations: tuple[Organization, ...]

    def organization(self, code: str | None) -> Organization | None:
        return next((o for o in self.organizations if o.code == code), None)


@functools.cache
def rules() -> EcaRules:
    """``eca.toml``, read once per process."""
    data = tomllib.loads(resources.files("validator").joinpath("rules/eca.toml").read_text("utf-8"))
    organizations = tuple(Organization(o["code"], o["name"], tuple(o["aliases"]), o["designated"], o["scope"])
                          for o in data["organization"])
    return EcaRules(data["source"], data["effective"], data["validity_years"], organizations)


def valid_until(issued: dt.date) -> dt.date:
    """The last day a report issued on ``issued`` is valid: the same calendar day
    ``validity_years`` later (29 February falls back to the 28th)."""
    years = rules().validity_years
    try:
        return issued.replace(year=issued.year + years)
    except ValueError:
        return issued.replace(year=issued.year + years, day=28)


def latest_issue_date(issue_date: Field | None) -> dt.date | None:
    """The issue date read in the report's favour: "March 2020" is taken as 31 March 2020."""
    if issue_date is None or issue_date.value is None:
        return None
    value = issue_date.value
    if issue_date.precision == "month":
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


@functools.cache
def _organization_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """One pattern per organisation over its name and aliases.

    Acronyms match in capitals only, so French "ces" is not the CES; names match in any case
    with any run of spaces or dashes between words.
    """
    patterns = []
    for org in rules().organizations:
        spellings = []
        for spelling in (org.name, *org.aliases):
            words = r"[\s\-–]+".join(re.escape(w) for w in spelling.split())
            spellings.append(words if spelling.isupper() else f"(?i:{words})")
        alternatives = "|".join(sorted(spellings, key=len, reverse=True))
        patterns.append((org.code, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")))
    return tuple(patterns)


# --- vocabulary -------------------------------------------------------------------------------

HEADER_LINES = 6  # the letterhead: where the issuer prints its name
# A label's value: the rest of the line, after a separator that tables and forms often omit
# ("Date of issue February 14, 2023").
_VALUE = r"[ \t]*[:\-–|]?[ \t]*(?P<value>[^\n]+)"
# Words that make a letterhead line an organisation's name rather than a document title.
_ORG_WORDS = re.compile(
    r"(?i)\b(services?|council|board|institute|agency|inc|ltd|limited|corp(?:oration)?|llc|foundation|"
    r"cent(?:re|er)|association|evaluators|assessors|bureau|university|college|gmbh|pvt)\b\.?")
_ISSUER_LABEL = re.compile(
    r"(?im)^[ \t]*(?:issued[ \t]+by|issuing[ \t]+(?:organi[sz]ation|body|agency))" + _VALUE)

# The value must start with the date: "Date of birth April 12, 1990" is not "Date" + a date.
_ISSUE_LABEL = re.compile(
    r"(?im)^[ \t]*(?:date[ \t]+of[ \t]+(?:issue|issuance|report|assessment|evaluation)|issue[ \t]+date|"
    r"date[ \t]+issued|report[ \t]+date|assessment[ \t]+date|evaluation[ \t]+date|issued(?:[ \t]+on)?|date|"
    r"date[ \t]+d['’]émission|date[ \t]+de[ \t]+délivrance|délivrée?[ \t]+le|émise?[ \t]+le)" + _VALUE)
_ISSUE_PROSE = re.compile(r"(?i)\b(?:issued|prepared|dated)\s+(?:on\s+)?(?=[A-Z0-9])")
# A line whose date is not the issue date (for a date printed alone near the top).
_OTHER_DATE_LINE = re.compile(
    r"(?i)\b(birth|naissance|born|award|conferr|graduat|attend|year|from|to|expir|valid|received|studies)\b")

# The value must hold a digit: "the reference number above" is not one. A number printed in
# groups of digits ("4512 3398") is one value; a group must have 3 or 4 digits, so a date after
# it ("06/05/2022", "2022-03-04") is not taken in.
_REFERENCE_LABEL = re.compile(
    r"(?im)\b(?:(?:WES|ICAS|CES|IQAS|ICES|MCC|PEBC)[ \t]+)?(?:reference|ref\.?|file|case|candidate|application)"
    r"(?:[ \t]*(?:no\.?|number|num\.?|#|code|id))?[ \t]*[:\-–#]?[ \t]*"
    r"(?P<value>\d{3,}(?:[ ]\d{3,4}(?![\w/-]))+|[A-Z0-9][A-Z0-9/\-]{3,})(?![\w/-])")

_NAME = r"[A-ZÀ-Ý][\w'’\-]+(?:[ \t]+[A-ZÀ-Ý][\w'’\-]+){1,4}"
# "Name" labels may drop the separator; words that also start other labels ("Client Services
# Centre", "Candidate Details") need one.
_HOLDER_LABEL = re.compile(
    r"(?im)^[ \t]*(?:(?:(?:full[ \t]+)?name(?:[ \t]+of[ \t]+(?:applicant|holder|candidate))?|nom)[ \t]*[:\-–|]?|"
    r"(?:applicant(?:['’]s)?(?:[ \t]+name)?|holder|candidate(?:[ \t]+name)?|client(?:[ \t]+name)?|"
    r"prepared[ \t]+for|nom[ \t]+du[ \t]+candidat)[ \t]*[:\-–|])"
    r"[ \t]*(?P<value>" + _NAME + r")[ \t]*(?:\((?:mr|mrs|ms|miss|mx|dr)\.?\)[ \t]*)?$")  # "(Ms.)" after it
_SURNAME = re.compile(r"(?im)^[ \t]*(?:surname|family[ \t]+name|last[ \t]+name)[ \t]*[:\-–|][ \t]*"
                      r"(?P<value>[^\n]+?)[ \t]*$")
_GIVEN = re.compile(r"(?im)^[ \t]*(?:given[ \t]+names?|first[ \t]+names?)[ \t]*(?:\(s\))?[ \t]*[:\-–|][ \t]*"
                    r"(?P<value>[^\n]+?)[ \t]*$")
_HOLDER_PROSE = re.compile(
    r"(?:certif(?:y|ies)\s+that|credentials?\s+of|(?i:prepared\s+for|"
    r"issued\s+to))\s+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?(?P<value>" + _NAME + r")")

# A value cell too wide for its column wraps: a next line starting with "(" or in lower case
# ("(medicine)", "years)") continues it.
_EQUIVALENCY_LABEL = re.compile(
    r"(?im)^[ \t]*(?:canadian[ \t]+(?:educational[ \t]+)?(?:equivalency|equivalence|equivalent)|"
    r"equivalency|assessment[ \t]+result|équivalence[ \t]+canadienne)"
    r"[ \t]*[:\-–|]?[ \t]*(?P<value>[^\n]+(?:\n[ \t]*(?-i:[(a-z])[^\n]*)?)")
_EQUIVALENCY_PROSE = re.compile(
    r"(?i)\b(?:equivalent|comparable|compares)\s+to\s+(?:the\s+completion\s+of\s+)?(?:an?\s+|the\s+)?"
    r"(?P<value>[^.;]{4,80}?)(?:\s+in\s+canada\b|\s*[.;])")
# The result as IRCC words it, wherever it sits (a table cell may wrap "(four / years)").
_EQUIVALENCY_PHRASE = re.compile(
    r"(?i)\b(?:(?:bachelor|master)['’]s|doctoral|professional)\s+degree\b[^\n(.;]*(?:\([^)]{0,40}\))?|"
    r"\b(?:one|two|three)[- ]year\s+post-secondary\s+(?:diploma|certificate|program)\b(?:\s*\([^)]{0,40}\))?|"
    r"\bsecondary\s+school\s+(?:diploma|graduation)\b")
# Canadian credential levels as IRCC ranks them; a report assessing two credentials reports
# the higher one (the one Express Entry awards points for).
_LEVELS = (
    (7, re.compile(r"(?i)\bdoctor|\bph\.?\s?d\b")),
    (6, re.compile(r"(?i)\bmaster|\bprofessional[ \t]+degree|\bentry[- ]to[- ]practice")),
    (5, re.compile(r"(?i)\btwo[ \t]+or[ \t]+more\b")),
    (4, re.compile(r"(?i)\bbachelor|\b(?:three|four|five)[- ]year")),
    (3, re.compile(r"(?i)\btwo[- ]year")),
    (2, re.compile(r"(?i)\bone[- ]year")),
    (1, re.compile(r"(?i)\bsecondary|\bhigh[ \t]+school")),
)

_IMMIGRATION_BODY = (r"(?:canadian\s+)?immigration|IRCC|Immigration,?\s+Refugees\s+and\s+Citizenship\s+Canada|"
                    r"express\s+entry")
# Read in this order: a denial ("not valid for immigration") beats a mention of IRCC, which
# beats a general purpose ("for employment purposes") that an ECA may also list.
_NOT_FOR_IMMIGRATION = re.compile(
    r"(?i)\bnot\s+(?:\w+\s+){0,4}?(?:for|by|in)\s+(?:the\s+)?(?:" + _IMMIGRATION_BODY + r")\b")
_IMMIGRATION = re.compile(
    r"(?i)\bImmigration,?\s+Refugees\s+and\s+Citizenship\s+Canada\b|\bIRCC\b|"
    r"\bCitizenship\s+and\s+Immigration\s+Canada\b|\bimmigration\s+purposes?\b|\bexpress\s+entry\b|"
    r"\bfor\s+(?:canadian\s+)?immigration\b|\bimmigration\s+to\s+canada\b|\bfederal\s+skilled\s+worker\b|"
    r"\bfins\s+d['’]immigration\b")
_GENERAL = re.compile(
    r"(?i)\bgeneral[- ](?:use|purposes?)\b|"
    r"\bfor\s+(?:employment|academic|education(?:al)?|admission|licensing|professional)\s+purposes\b")

# A general-purpose report may simply not mention immigration; that is weaker evidence than
# saying so, and ECA002 words its message accordingly.
UNSTATED_PURPOSE_CONFIDENCE = 0.6


def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    order = dates_mod.infer_order(doc.text)
    found = {
        "organization": _organization(doc),
        "issue_date": _issue_date(doc, order),
        "reference_number": _reference(doc),
        "holder_name": _holder(doc),
        "canadian_equivalency": _equivalency(doc),
        "purpose": _purpose(doc),
    }
    return {name: f for name, f in found.items() if f is not None}


# --- organization -----------------------------------------------------------------------------

def _header_end(doc: DocText) -> int:
    """Offset where the letterhead (the first non-empty lines) ends."""
    lines = [ln for ln in doc.lines if ln.text.strip()][:HEADER_LINES]
    return lines[-1].end if lines else 0


def _designated_mention(doc: DocText, start: int, end: int) -> Field | None:
    """The earliest designated organisation named between ``start`` and ``end``."""
    hits = [(m.start(), code, m) for code, pattern in _organization_patterns()
            for m in doc.finditer(pattern, start, end)]
    if not hits:
        return None
    _, code, m = min(hits, key=lambda h: h[0])
    return doc.field(code, m.start(), m.end())


def _organization(doc: DocText) -> Field | None:
    """The issuer: a designated name in the letterhead, else an "Issued by" label, else the
    letterhead line that reads as an organisation (a body IRCC did not designate), else a
    designated name further down.

    A designated name anywhere in the letterhead wins over an organisation-like line before it
    ("Government of Alberta" above "International Qualifications Assessment Service"): wrongly
    calling a designated report undesignated would be a false error.
    """
    header_end = _header_end(doc)
    in_header = _designated_mention(doc, 0, header_end)
    if in_header:
        return in_header
    label = _ISSUER_LABEL.search(doc.text)
    if label:
        start, end = label.span("value")
        return _designated_mention(doc, start, end) or doc.field(_clean_name(label["value"]), start, end)
    for line in doc.lines:
        if line.start >= header_end:
            break
        if _ORG_WORDS.search(line.text):
            return doc.field(_clean_name(line.text), line.start, line.end)
    # No name in the letterhead (an image logo, say): a designated name in the body, less sure.
    anywhere = _designated_mention(doc, header_end, len(doc.text))
    return Field(anywhere.value, anywhere.page, anywhere.evidence, confidence=0.7) if anywhere else None


def _clean_name(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:|-–")


# --- issue date -------------------------------------------------------------------------------

def _date_field(doc: DocText, match: dates_mod.DateMatch, offset: int) -> Field:
    return doc.field(match.value, offset + match.start, offset + match.end, precision=match.precision,
                     confidence=0.5 if match.ambiguous else 1.0)


def _issue_date(doc: DocText, order: str | None) -> Field | None:
    for m in doc.finditer(_ISSUE_LABEL):
        found = dates_mod.find_dates(m["value"], order)
        if found and found[0].start == 0:
            return _date_field(doc, found[0], m.start("value"))
    for m in doc.finditer(_ISSUE_PROSE):
        found = dates_mod.find_dates(doc.text[m.end():m.end() + 40], order)
        if found and found[0].start == 0:
            return _date_field(doc, found[0], m.end())
    # A date standing alone near the top, as letters print it, on a line about nothing else.
    for match in dates_mod.find_dates(doc.text[:_header_end(doc) + 200], order):
        if not _OTHER_DATE_LINE.search(doc.line_at(match.start).text):
            return _date_field(doc, match, 0)
    return None


# --- reference number -------------------------------------------------------------------------

def _reference(doc: DocText) -> Field | None:
    for m in doc.finditer(_REFERENCE_LABEL):
        value = m["value"]
        if any(c.isdigit() for c in value):
            return doc.field(value, m.start("value"), m.end("value"))
    return None


# --- holder -----------------------------------------------------------------------------------

def _holder(doc: DocText) -> Field | None:
    m = _HOLDER_LABEL.search(doc.text)
    if m:
        return doc.field(_clean_name(m["value"]), m.start("value"), m.end("value"))
    surname, given = _SURNAME.search(doc.text), _GIVEN.search(doc.text)
    if surname and given:
        start, end = min(surname.start(), given.start()), max(surname.end(), given.end())
        return doc.field(f"{_clean_name(given['value'])} {_clean_name(surname['value'])}", start, end)
    m = _HOLDER_PROSE.search(doc.text)
    if m:
        return doc.field(_clean_name(m["value"]), m.start("value"), m.end("value"))
    return None


# --- Canadian equivalency ---------------------------------------------------------------------

def _level(value: str) -> int:
    return next((rank for rank, pattern in _LEVELS if pattern.search(value)), 0)


def _equivalency(doc: DocText) -> Field | None:
    """The Canadian equivalency: labelled, else in prose, else IRCC's wording anywhere.

    A value must name a credential level ("Summary" after a heading is not one). With several
    credentials assessed, the highest level wins; between equals, the first.
    """
    for pattern, group in ((_EQUIVALENCY_LABEL, "value"), (_EQUIVALENCY_PROSE, "value"), (_EQUIVALENCY_PHRASE, 0)):
        candidates = [(" ".join(m[group].split()).rstrip(" ."), m.start(group), m.end(group))
                      for m in doc.finditer(pattern)]
        candidates = [c for c in candidates if _level(c[0])]
        if candidates:
            value, start, end = max(candidates, key=lambda c: _level(c[0]))
            return doc.field(value, start, end)
    return None


# --- purpose ----------------------------------------------------------------------------------

def _purpose(doc: DocText) -> Field:
    """"immigration" when the report says it is for IRCC / Express Entry, else "general"."""
    for pattern, purpose in ((_NOT_FOR_IMMIGRATION, "general"), (_IMMIGRATION, "immigration"), (_GENERAL, "general")):
        m = pattern.search(doc.text)
        if m:
            return doc.field(purpose, m.start(), m.end())
    return Field("general", confidence=UNSTATED_PURPOSE_CONFIDENCE)
