"""Police certificates: issuing country, region, level, authority, issue date and subject (SPEC §3).

The country and level come from *who issued the document* — its letterhead, the form's
heading, the issuing body's name — never from the file name or from places the certificate
merely mentions (an Indian certificate issued by the consulate in San Francisco is Indian).
``ISSUERS`` is the table of issuing bodies; the one whose name appears first in the text
(letterheads come first) wins. A document no issuer matches falls back on a "Republic of X"
heading with low confidence.

Dates follow the issuer's convention (the FBI and US states write mm/dd/yyyy, the NBI too;
most others dd/mm/yyyy) unless the document itself proves an order. Each date is classified
by the label just before it ("Date of birth", "Date of issue", "Valid until", "Fait à Nantes,
le") or, with no label, as the letter's dateline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Field, Page
from ..parse.dates import DateMatch, find_dates, infer_order
from ..residence import NATIONAL, REGIONAL, UNITED_STATES, US_STATES, canonical_country, canonical_region
from .text import DocText

GUESSED = 0.5  # confidence of a value read from a weak clue (no issuer, unlabelled date, d/m guessed)

_STATES = "|".join(sorted((re.escape(s) for s in US_STATES.values()), key=len, reverse=True))
_STATE_AGENCIES = (
    r"Department\s+of\s+(?:Justice|Public\s+Safety|Law\s+Enforcement|State\s+Police"
    r"|Criminal\s+Justice\s+Information\s+Services)"
    r"|State\s+(?:Police|Patrol)|Highway\s+Patrol|Division\s+of\s+Criminal\s+Justice\s+Services"
    r"|Bureau\s+of\s+(?:Investigation|Criminal\s+(?:Apprehension|Identification|Investigation))")


@dataclass(frozen=True)
class Issuer:
    """An issuing body: the text that names it and what its certificates are.

    ``authority`` may use the pattern's named groups ("{region} {agency}"); a regional issuer's
    region is its pattern's ``region`` group. ``context`` must also appear somewhere in the
    document (a "National Bureau of Investigation" exists outside the Philippines too).
    """

    pattern: re.Pattern
    country: str
    authority: str
    level: str = NATIONAL
    order: str = "DMY"  # how this issuer writes numeric dates
    context: re.Pattern | None = None


def _issuer(pattern: str, country: str, authority: str, *, context: str | None = None,
            **facts: str) -> Issuer:
    return Issuer(re.compile(pattern, re.I), country, authority,
                  context=re.compile(context, re.I) if context else None, **facts)


ISSUERS: tuple[Issuer, ...] = (
    # US states before the FBI: Massachusetts' "Department of Criminal Justice Information
    # Services" contains the FBI division's name, and starts earlier in the text.
    _issuer(rf"\b(?:State\s+of\s+)?(?P<region>{_STATES})(?:\s+State)?[\s,–—-]*(?P<agency>{_STATE_AGENCIES})\b",
            UNITED_STATES, "{region} {agency}", level=REGIONAL, order="MDY"),
    _issuer(r"Federal\s+Bureau\s+of\s+Investigation|\bFBI\b|Criminal\s+Justice\s+Information\s+Services"
            r"|Identity\s+History\s+Summary", UNITED_STATES, "Federal Bureau of Investigation", order="MDY"),
    _issuer(r"\bACRO\b", "United Kingdom", "ACRO Criminal Records Office"),
    _issuer(r"(?P<mission>Embassy|High\s+Commission|Consulate\s+General|Consulate)\s+of\s+India",
            "India", "{mission} of India"),
    _issuer(r"Passport\s+Seva|Regional\s+Passport\s+Office|Ministry\s+of\s+External\s+Affairs",
            "India", "Regional Passport Office, Ministry of External Affairs", context=r"\bIndia\b"),
    _issuer(r"National\s+Bureau\s+of\s+Investigation|\bNBI\s+Clearance\b", "Philippines",
            "National Bureau of Investigation", order="MDY", context=r"Philippines"),
    _issuer(r"Australian\s+Federal\s+Police", "Australia", "Australian Federal Police"),
    _issuer(r"Australian\s+Criminal\s+Intelligence\s+Commission", "Australia",
            "Australian Criminal Intelligence Commission"),
    _issuer(r"Casier\s+judiciaire\s+national|Bulletin\s+n\s*[°ºo]\s*3\b|R[ée]publique\s+fran[çc]aise",
            "France", "Casier judiciaire national"),
    _issuer(r"Royaume\s+de\s+Belgique|SPF\s+Justice|Service\s+public\s+f[ée]d[ée]ral\s+Justice",
            "Belgium", "SPF Justice, Casier judiciaire central"),
    _issuer(r"Office\s+f[ée]d[ée]ral\s+de\s+la\s+justice|Conf[ée]d[ée]ration\s+suisse",
            "Switzerland", "Office fédéral de la justice"),
    _issuer(r"Royaume\s+du\s+Maroc|Direction\s+G[ée]n[ée]rale\s+de\s+la\s+S[ûu]ret[ée]\s+Nationale",
            "Morocco", "Direction Générale de la Sûreté Nationale"),
    _issuer(r"(?P<region>Dubai|Abu\s+Dhabi)\s+Police", "United Arab Emirates", "{region} Police",
            level=REGIONAL),
    _issuer(r"Ministry\s+of\s+Interior", "United Arab Emirates", "Ministry of Interior",
            context=r"United\s+Arab\s+Emirates|\bU\.?A\.?E\b"),
    _issuer(r"(?P<force>(?P<region>Islamabad|Punjab|Sindh|Khyber\s+Pakhtunkhwa|Balochistan)"
            r"(?:\s+Capital\s+Territory)?\s+Police)", "Pakistan", "{force}", level=REGIONAL, context=r"Pakistan"),
    _issuer(r"Nigeria(?:n)?\s+Police\s+Force", "Nigeria", "Nigeria Police Force"),
    _issuer(r"Fiscal[ií]a\s+General\s+de\s+la\s+Rep[úu]blica", "Mexico", "Fiscalía General de la República",
            context=r"M[ée]xico|Mexicanos"),
    _issuer(r"An\s+Garda\s+S[ií]och[áa]na|Garda\s+National\s+Vetting\s+Bureau", "Ireland", "An Garda Síochána"),
    _issuer(r"Singapore\s+Police\s+Force", "Singapore", "Singapore Police Force"),
    _issuer(r"Ministry\s+of\s+Justice", "New Zealand", "Ministry of Justice", context=r"New\s+Zealand"),
    _issuer(r"South\s+African\s+Police\s+Service", "South Africa", "South African Police Service"),
    _issuer(r"Royal\s+Canadian\s+Mounted\s+Police|Gendarmerie\s+royale\s+du\s+Canada", "Canada",
            "Royal Canadian Mounted Police"),
)

# With no known issuer: a state heading such as "REPUBLIC OF KENYA" at the top of the page. The
# name is one or two words, not counting an agency word that follows it on the same line.
_AGENCY_WORD = r"(?:police|service|ministry|directorate|department|bureau|office|criminal|national)\b"
FALLBACK_COUNTRY = re.compile(
    r"\b(?:(?:Republic|Kingdom|Government|Commonwealth|State)\s+of\s+(?:the\s+)?"
    r"|(?:République|Royaume)\s+(?:du|de\s+la|de|d['’])\s*)"
    rf"(?P<country>[A-ZÀ-Ý][\w-]+(?:[ \t]+(?!{_AGENCY_WORD})[A-ZÀ-Ý][\w-]+)?)", re.I)
FALLBACK_AUTHORITY = re.compile(r"(?im)^.*\b(?:police|directorate|bureau|ministry|department)\b.*$")
HEADING_LINES = 12

# --- dates: what the label before a date makes of it ---------------------------------------

_DOB = (r"date\s+of\s+birth|birth\s*date|d\.?\s*o\.?\s*b\.?|born(?:\s+on)?|date\s+de\s+naissance"
        r"|n[ée]e?(?:\(e\))?\s+le|fecha\s+de\s+nacimiento")
_NOT_ISSUE = (r"valid(?:ity)?(?:\s+(?:until|till|up\s*to|through))?|expir\w*(?:\s+(?:date|on))?|valable\s+jusqu\W?\w*"
              r"|(?:application|request|submission|receipt|arrest|fingerprint\w*(?:\s+taken)?|received|demande"
              r"|r[ée]ception)(?:\s+(?:date|on))?|from|to|since|between|and|until|du|au|depuis")
_ISSUE = (r"date\s+of\s+issue|issue\s+date|date\s+issued|issued(?:\s+on)?"
          r"|date\s+of\s+(?:the\s+)?(?:certificate|response|report|search|clearance)"
          r"|(?:certificate|response|report|search|clearance|print(?:ed)?)\s+date|date\s+(?:processed|printed)"
          r"|(?:processed|printed)\s+on|dated"
          r"|date\s+d[e'’]\s*(?:d[ée]livrance|[ée]mission|[ée]dition)|d[ée]livr[ée]e?\s+le|[ée]tabli\s+le"
          r"|fait\s+(?:à\s+[^,\n]{1,40}?,?\s*)?le|fecha\s+de\s+expedici[óo]n|date")
DATE_ROLES = (  # first match wins: the more specific labels come first
    ("birth", re.compile(rf"(?:^|\W)(?:{_DOB})$", re.I)),
    ("other", re.compile(rf"(?:^|\W)(?:{_NOT_ISSUE})$", re.I)),
    ("issue", re.compile(rf"(?:^|\W)(?:{_ISSUE})$", re.I)),
)
LABEL_SEPARATORS = " \t:|-–—"
# A dateline: the date alone on its line, or after the place ("Nantes, le", "New Delhi,").
PLACE_LEAD = re.compile(r"^[A-ZÀ-Ý][\w .'’-]{1,40}(?:,\s*(?:le)?|\s+le)$")

# --- the subject's name ----------------------------------------------------------------------

_FULL_NAME = (r"full\s+name|name\s+in\s+full|name\s+of\s+(?:the\s+)?(?:applicant|subject|holder|person|individual)"
              r"|(?:applicant|subject)(?:['’]s)?\s+name|nom\s+et\s+pr[ée]noms?|nom\s+complet|nombre\s+completo|name")
_SURNAME = (r"surname|last\s+name|family\s+name|nom\s+de\s+naissance|nom\s+de\s+famille|nom\s+d['’]usage|nom"
            r"|apellidos?")
_GIVEN = r"(?:given\s+names?|first\s+names?|forenames?|pr[ée]noms?|nombres?)(?:\s*\(s\))?"
# A label at the start of a line, maybe with its translation ("Name / Nom:"), then ':', a table
# cell border, or only a space (a form's label cell beside its value cell: "Subject name SHARMA, PRIYA").
_LABELLED = r"(?im)^[ \t]*(?:{})(?:[ \t]*/[ \t]*[^:|\n]{{1,40}})?(?:(?:[ \t]*[:|])+[ \t]*|[ \t]+)(?P<value>[^|\n]*)"
NAME_LABELS = {part: re.compile(_LABELLED.format(label))
               for part, label in (("full", _FULL_NAME), ("surname", _SURNAME), ("given", _GIVEN))}
NAME_PROSE = re.compile(
    r"(?i:\b(?:certif(?:y|ies|ied)|confirms?|attests?|certifions|certifie|atteste|hace\s+constar)\s+(?:that|que|qu['’])"
    r"|\b(?:issued\s+to|in\s+respect\s+of|against|au\s+nom\s+de|concernant))\s+(?P<value>[^\n]{3,120})")
# Where a name stops: a relation or another label, a digit, a bracket, a wide gap.
NAME_STOP = re.compile(
    r"(?i)\s*,?\s*\b(?:son|daughter|wife|husband|holder|born|bearing|resident|residing|s/o|d/o|w/o|c/o|date|dob"
    r"|sex|gender|nationality|citizen|passport|address|place|has|had|is|was|who|with|né|née|fils|fille|épouse"
    r"|titulaire|domicilié\w*|demeurant|sexe|nationalité|adresse|lieu)\b|\s*[(\d]|\s{2,}")
HONORIFIC = re.compile(r"(?i)^(?:(?:mr|mrs|ms|miss|mx|dr|shri|smt|kumari|m|mme|mlle|monsieur|madame|sr|sra)\.?\s+)+")
NAME_TOKEN = re.compile(r"^[A-ZÀ-Ý][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*$")
NAME_PARTICLES = frozenset("de del della da das dos du des la le van von der den bin binti al el y".split())


def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    fields, issuer_order = _issuer_fields(doc)
    order = infer_order(doc.text) or issuer_order
    issue, birth = _dates(doc, order)
    if issue:
        fields["issue_date"] = issue
    if birth:
        fields["subject_date_of_birth"] = birth
    name = _subject_name(doc)
    if name:
        fields["subject_name"] = name
    return fields


# --- issuer -----------------------------------------------------------------------------------

def _issuer_fields(doc: DocText) -> tuple[dict[str, Field], str | None]:
    """country, region, level and authority, and how the issuer writes numeric dates."""
    best: tuple[re.Match, Issuer] | None = None
    for issuer in ISSUERS:
        m = issuer.pattern.search(doc.text)
        if m and (issuer.context is None or issuer.context.search(doc.text)) \
                and (best is None or m.start() < best[0].start()):
            best = m, issuer
    if best is None:
        return _fallback_fields(doc)
    m, issuer = best
    groups = {k: _title(" ".join(v.split())) for k, v in m.groupdict().items() if v}

    def field(value: object) -> Field:
        return doc.field(value, m.start(), m.end())
    return {"country": field(issuer.country), "region": field(groups.get("region")), "level": field(issuer.level),
            "authority": field(issuer.authority.format(**groups))}, issuer.order


def _fallback_fields(doc: DocText) -> tuple[dict[str, Field], str | None]:
    """No known issuer: a 'Republic of X' heading gives the country, with low confidence.

    Without an issuer there is no date convention either: day/month order stays a guess.
    """
    heading_end = doc.lines[min(HEADING_LINES, len(doc.lines)) - 1].end if doc.lines else 0
    fields: dict[str, Field] = {}
    m = FALLBACK_COUNTRY.search(doc.text, 0, heading_end)
    if m:
        name = _title(m.group("country"))
        # "State of Texas" heads a state agency's letter the issuer table does not know.
        state = canonical_region(UNITED_STATES, name)
        country, region, level = ((UNITED_STATES, state, REGIONAL) if state in US_STATES.values()
                                  else (canonical_country(name), None, NATIONAL))
        for key, value in (("country", country), ("region", region), ("level", level)):
            fields[key] = doc.field(value, m.start(), m.end(), confidence=GUESSED)
    a = FALLBACK_AUTHORITY.search(doc.text, 0, heading_end)
    if a:
        fields["authority"] = doc.field(_title(" ".join(a.group(0).split())), a.start(), a.end(), confidence=GUESSED)
    return fields, None


def _title(text: str) -> str:
    """'DEPARTMENT OF JUSTICE' -> 'Department of Justice'; mixed case is kept as printed."""
    if not text.isupper():
        return text
    small = {"of", "and", "the", "de", "la", "du"}
    return " ".join(w.lower() if w.lower() in small and i else w.capitalize()
                    for i, w in enumerate(text.split()))


# --- dates ------------------------------------------------------------------------------------

def _dates(doc: DocText, order: str | None) -> tuple[Field | None, Field | None]:
    """(issue date, date of birth).

    The issue date is the first date labelled as one, else the dateline, else (unsure) the
    first date no label claims for something else.
    """
    labelled_issue = dateline = unlabelled = birth = None
    for match in find_dates(doc.text, order):
        role = _date_role(doc, match)
        if role == "birth":
            birth = birth or match
        elif role == "issue":
            labelled_issue = labelled_issue or match
        elif role == "dateline":
            dateline = dateline or match
        elif role is None:
            unlabelled = unlabelled or match
    issue = labelled_issue or dateline
    issue_field = _date_field(doc, issue) if issue else (
        _date_field(doc, unlabelled, GUESSED) if unlabelled else None)
    return issue_field, _date_field(doc, birth) if birth else None


def _date_role(doc: DocText, match: DateMatch) -> str | None:
    """'birth', 'issue', 'other' (expiry, request, period), 'dateline', or None."""
    line = doc.line_at(match.start)
    lead = doc.text[line.start:match.start].rstrip(LABEL_SEPARATORS)
    if not lead and line.number > 0:
        # A value under its label (a form printed as label line, value line).
        above = doc.lines[line.number - 1].text.rstrip(LABEL_SEPARATORS)
        role = _label_role(above)
        return role or "dateline"
    if not lead or PLACE_LEAD.match(lead):
        return _label_role(lead) or "dateline"
    return _label_role(lead)


def _label_role(lead: str) -> str | None:
    return next((role for role, label in DATE_ROLES if label.search(lead)), None)


def _date_field(doc: DocText, match: DateMatch, confidence: float = 1.0) -> Field:
    if match.ambiguous:
        confidence = min(confidence, GUESSED)
    return doc.field(match.value, match.start, match.end, confidence=confidence, precision=match.precision)


# --- subject ----------------------------------------------------------------------------------

def _subject_name(doc: DocText) -> Field | None:
    """A labelled full name, else surname + given names, else 'certify that <name>'."""
    full = _labelled_name(doc, "full")
    if full:
        return doc.field(*full)
    surname, given = _labelled_name(doc, "surname"), _labelled_name(doc, "given")
    if surname and given:
        return doc.field(f"{given[0]} {surname[0]}", min(surname[1], given[1]), max(surname[2], given[2]))
    for m in NAME_PROSE.finditer(doc.text):
        name = _clean_name(m.group("value"))
        if name:
            return doc.field(name, m.start("value"), m.end("value"))
    return None


def _labelled_name(doc: DocText, part: str) -> tuple[str, int, int] | None:
    """The first name-like value after a label of this part: (name, start, end)."""
    for m in NAME_LABELS[part].finditer(doc.text):
        name = _clean_name(m.group("value"), single=part != "full")
        if name:
            return name, m.start("value"), m.end("value")
    return None


def _clean_name(raw: str, single: bool = False) -> str | None:
    """The name at the start of ``raw``: 'SHARMA, PRIYA' -> 'PRIYA SHARMA'; None if not a name.

    ``single`` accepts one word (a surname or a given-name field).
    """
    text = HONORIFIC.sub("", NAME_STOP.split(raw, 1)[0].strip(" ,;:.-"))
    if text.count(",") == 1:
        last, first = (part.strip() for part in text.split(","))
        text = f"{first} {last}"
    tokens: list[str] = []
    for token in text.split():
        if NAME_TOKEN.match(token) or (tokens and token.lower() in NAME_PARTICLES):
            tokens.append(token)
        else:
            break
    if not (1 if single else 2) <= len(tokens) <= 6 or tokens[-1].lower() in NAME_PARTICLES:
        return None
    return " ".join(tokens)
