"""Police certificates: issuing country, region, level, authority, issue date and subject (SPEC §3).

The country and level come from *who issued the document* — its letterhead, the form's
heading, the issuing body's name — never from the file name or from places the certificate
merely mentions (an Indian certificate issued by the consulate in San Francisco is Indian).
``ISSUERS`` is the table of issuing bodies; the one whose name appears first in the text
(letterheads come first) wins. A US state agency may be named by its abbreviation alone (FDLE,
SLED). A document no issuer matches falls back on a "Republic of X" heading with low confidence.

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
from ..residence import (
    COUNTRY_ALIASES,
    NATIONAL,
    REGIONAL,
    UNITED_STATES,
    US_STATES,
    canonical_country,
    canonical_region,
)
from .text import DocText, Line

GUESSED = 0.5  # confidence of a value read from a weak clue (no issuer, unlabelled date, d/m guessed)

_STATES = "|".join(sorted((re.escape(s) for s in US_STATES.values()), key=len, reverse=True))
_STATE_AGENCIES = (
    r"Department\s+of\s+(?:Justice|Public\s+Safety|Law\s+Enforcement|State\s+Police"
    r"|Criminal\s+Justice\s+Information\s+Services)"
    r"|State\s+(?:Police|Patrol)|Highway\s+Patrol|Division\s+of\s+Criminal\s+Justice\s+Services"
    r"|Law\s+Enforcement\s+Division"
    r"|Bureau\s+of\s+(?:Investigation|Criminal\s+(?:Apprehension|Identification|Investigation))")


@dataclass(frozen=True)
class Issuer:
    """An issuing body: the text that names it and what its certificates are.

    ``authority`` may use the pattern's named groups ("{region} {agency}"); a regional issuer's
    region is its pattern's ``region`` group, else ``region`` (FDLE is Florida's whatever the text
    says). ``context`` must also appear somewhere in the document (a "National Bureau of
    Investigation" exists outside the Philippines too).
    """

    pattern: re.Pattern
    country: str
    authority: str
    level: str = NATIONAL
    order: str = "DMY"  # how this issuer writes numeric dates
    context: re.Pattern | None = None
    region: str | None = None


def _issuer(pattern: str, country: str, authority: str, *, context: str | None = None,
            **facts: str) -> Issuer:
    return Issuer(re.compile(pattern, re.I), country, authority,
                  context=re.compile(context, re.I) if context else None, **facts)


def _state_abbreviation(abbreviation: str, state: str, agency: str, *, context: str | None = None) -> Issuer:
    """A state agency named by its abbreviation, matched in capitals only ("SLED", never "sled")."""
    return _issuer(rf"(?-i:{abbreviation})", UNITED_STATES, f"{state} {agency}", level=REGIONAL, order="MDY",
                   region=state, context=context)


def _only(state: str, other: str) -> str:
    """A context naming ``state`` somewhere and ``other`` nowhere: a bare "DPS" is each state's
    Department of Public Safety, so it is read only when the document names one such state."""
    return rf"(?s)\A(?!.*\b{other}\b).*\b{state}\b"


ISSUERS: tuple[Issuer, ...] = (
    # US states before the FBI: Massachusetts' "Department of Criminal Justice Information
    # Services" contains the FBI division's name, and starts earlier in the text.
    _issuer(rf"\b(?:State\s+of\s+)?(?P<region>{_STATES})(?:\s+State)?[\s,–—-]*(?P<agency>{_STATE_AGENCIES})\b",
            UNITED_STATES, "{region} {agency}", level=REGIONAL, order="MDY"),
    _state_abbreviation(r"\bFDLE\b", "Florida", "Department of Law Enforcement"),
    _state_abbreviation(r"\b(?:Texas|TEXAS|TX)\s+DPS\b", "Texas", "Department of Public Safety"),
    _state_abbreviation(r"\b(?:Arizona|ARIZONA|AZ)\s+DPS\b", "Arizona", "Department of Public Safety"),
    _state_abbreviation(r"\bDPS\b", "Texas", "Department of Public Safety", context=_only("Texas", "Arizona")),
    _state_abbreviation(r"\bDPS\b", "Arizona", "Department of Public Safety", context=_only("Arizona", "Texas")),
    _state_abbreviation(r"\bGBI\b", "Georgia", "Bureau of Investigation"),
    _state_abbreviation(r"\bSLED\b", "South Carolina", "Law Enforcement Division"),
    _state_abbreviation(r"\bTBI\b", "Tennessee", "Bureau of Investigation"),
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
    # Switzerland's federal office is also the "Bundesamt für Justiz": Germany's names its register
    # or its certificate.
    _issuer(r"Bundesamt\s+f(?:ü|ue)r\s+Justiz|Federal\s+Office\s+of\s+Justice|Bundeszentralregister"
            r"|F(?:ü|ue)hrungszeugnis|Federal\s+Central\s+Criminal\s+Register", "Germany", "Bundesamt für Justiz",
            context=r"Bundeszentralregister|F(?:ü|ue)hrungszeugnis|Federal\s+Central\s+Criminal\s+Register"),
    # Each city's bureau certifies for its own records (one certificate per city lived in): the
    # city is the region when the bureau is named "<City> Municipal Public Security Bureau".
    _issuer(r"(?P<bureau>(?:(?-i:(?!The\b|THE\b)(?P<region>[A-Z][a-z]+|[A-Z]{3,}))\s+Municipal\s+)?"
            r"Public\s+Security\s+Bureau)", "China", "{bureau}", level=REGIONAL, context=r"\bChina\b|\bPRC\b"),
    # A "Policía Federal" is Argentine or Mexican too: Brazil's comes with its ministry or its certidão.
    _issuer(r"Pol[íi]cia\s+Federal|Brazilian\s+Federal\s+Police|Federal\s+Police\s+of\s+Brazil", "Brazil",
            "Polícia Federal",
            context=r"Minist[ée]rio\s+da\s+Justi[çc]a|Rep[úu]blica\s+Federativa\s+do\s+Brasil|\bSINIC\b"
                    r"|Antecedentes\s+Criminais|Brazilian\s+Federal\s+Police|Federal\s+Police\s+of\s+Brazil"),
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
        r"|n[ée]e?(?:\(e\))?\s+le|fecha\s+de\s+nacimiento|geburtsdatum|geboren(?:\s+am)?")
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
            r"|apellidos?|familienname|geburtsname|nachname")
_GIVEN = r"(?:given\s+names?|first\s+names?|forenames?|pr[ée]noms?|nombres?|vornamen?)(?:\s*\((?:s|n)\))?"
# A label at the start of a line, maybe with its translation ("Name / Nom:"), then ':', a table
# cell border, or only a space (a form's label cell beside its value cell: "Subject name SHARMA, PRIYA").
_LABELLED = r"(?im)^[ \t]*(?:{})(?:[ \t]*/[ \t]*[^:|\n]{{1,40}})?(?:(?:[ \t]*[:|])+[ \t]*|[ \t]+)(?P<value>[^|\n]*)"
NAME_LABELS = {part: re.compile(_LABELLED.format(label))
               for part, label in (("full", _FULL_NAME), ("surname", _SURNAME), ("given", _GIVEN))}
NAME_PROSE = re.compile(
    r"(?i:\b(?:certif(?:y|ies|ied)|confirms?|attests?|certifions|certifie|atteste|hace\s+constar)\s+(?:that|que|qu['’])"
    r"|\b(?:issued\s+to|in\s+respect\s+of|against|in\s+the\s+name\s+of|au\s+nom\s+de|concernant))"
    r"\s+(?=(?P<value>[^\n]{3,120}))")  # a lookahead: a cue inside the value ("... against X") is tried too
# Where a name stops: a relation or another label, a digit, a bracket, a wide gap.
NAME_STOP = re.compile(
    r"(?i)\s*,?\s*\b(?:son|daughter|wife|husband|holder|born|bearing|resident|residing|s/o|d/o|w/o|c/o|date|dob"
    r"|sex|gender|nationality|citizen|passport|address|place|has|had|is|was|who|with|né|née|fils|fille|épouse"
    r"|titulaire|domicilié\w*|demeurant|sexe|nationalité|adresse|lieu)\b|\s*[(\d]|\s{2,}")
HONORIFIC = re.compile(r"(?i)^(?:(?:mr|mrs|ms|miss|mx|dr|shri|smt|kumari|m|mme|mlle|monsieur|madame|sr|sra)\.?\s+)+")
NAME_TOKEN = re.compile(r"^[A-ZÀ-Ý][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*$")
NAME_PARTICLES = frozenset("de del della da das dos du des la le van von der den bin binti al el y".split())

# A table read as rows of cells ("Surname | Given names | Date of birth"): a header row whose
# every cell is a label, over rows of values in the same columns.
CELL_BORDER = re.compile(r"[ \t]*\|[ \t]*")
_OTHER_COLUMN = (rf"{_DOB}|place\s+of\s+birth|lieu\s+de\s+naissance|sex|gender|sexe|nationality|nationalit[ée]"
                 r"|citizenship|(?:passport|document|reference|file|certificate|id)\s*(?:no\.?|number|#)"
                 r"|address|adresse|remarks?|result")
COLUMN_LABELS = {part: re.compile(rf"(?i)(?:{label})[ \t]*:?")
                 for part, label in (("full", _FULL_NAME), ("surname", _SURNAME), ("given", _GIVEN),
                                     ("other", _OTHER_COLUMN))}

# A name printed alone on its line with no label, surname first in capitals ("SHARMA, PRIYA", as
# the California DOJ does). Taken only next to the date of birth or under a heading naming the
# record, and never when it reads as a label, an agency, a place, or a signatory (a closing or a
# relation's label on the line before, a title or the signer's unit on the line after).
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]*"
BARE_NAME = re.compile(rf"[ \t]*(?P<surname>{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}}),"
                       rf"[ \t]*(?P<given>{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,3}})[ \t]*")
NEAR_LINES = 3
DOB_LINE = re.compile(rf"(?i)(?:^|\W)(?:{_DOB})(?:\W|$)")
# A title naming the record ("RECORD REVIEW RESPONSE"), not a statement about it ("NO RECORD FOUND").
RECORD_HEADING = re.compile(r"^(?=.*\bRECORD\b)(?!.*\b(?:NO|NOT|NONE|WAS|WERE|IS|HAS|FOUND)\b)[^a-z.:]+$")
_TITLES = (r"manager|director|supervisor|officer|analyst|chief|agent|technician|clerk|sergeant|lieutenant|captain"
           r"|inspector|commissioner|sheriff|deputy|administrator|coordinator|specialist|custodian|registrar|notary")
_UNITS = r"department|bureau|division|unit|section|office|agency|services?|center|centre"
NOT_A_PERSON = re.compile(
    rf"(?i)\b(?:{_UNITS}|{_TITLES}|police|justice|state|county|city|records?|criminal|history|inc|llc|ltd"
    r"|names?|surname|given|first|last|middle|date|birth|dob|applicant|subject)\b")
# Under a signer's name: a title, or a short line naming an office ("Record Review Unit").
SIGNATORY_BELOW = re.compile(rf"(?i)\b(?:{_TITLES})\b|^\W*(?:\S+\s+){{0,5}}?(?:{_UNITS})\b(?:\s+\S+){{0,5}}\W*$")
NOT_THE_SUBJECT_ABOVE = re.compile(
    r"(?i)\b(?:sincerely|regards|yours|signed|signature|by|approved|certified|prepared|reviewed|verified|father"
    r"|mother|parents?|spouse|husband|wife|alias|aka|place|address|residence|employer|contact|attention|attn)\b")


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
    return {"country": field(issuer.country), "region": field(groups.get("region") or issuer.region),
            "level": field(issuer.level),
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
    header = _column_header(doc, match.start)
    if header is not None:  # a cell of a table: its column's label
        return _label_role(header)
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
    """A labelled full name, else a table's name columns, else surname + given names, else
    'certify that <name>', else a name printed alone by the date of birth."""
    full = _labelled_name(doc, "full")
    if full:
        return doc.field(*full)
    table = _table_name(doc)
    if table:
        return table
    surname, given = _labelled_name(doc, "surname"), _labelled_name(doc, "given")
    if surname and given:
        return doc.field(f"{given[0]} {surname[0]}", min(surname[1], given[1]), max(surname[2], given[2]))
    for m in NAME_PROSE.finditer(doc.prose):  # unwrapped: a name may run on to the next line
        name = _clean_name(m.group("value"))
        if name:
            return doc.field(name, m.start("value"), m.start("value") + _name_end(m.group("value"), name))
    return _bare_name(doc)


def _name_end(raw: str, name: str) -> int:
    """Where the name read from ``raw`` ends in it (its tokens may be reordered: 'SHARMA, PRIYA')."""
    return max(raw.find(token) + len(token) for token in name.split())


def _labelled_name(doc: DocText, part: str) -> tuple[str, int, int] | None:
    """The first name-like value after a label of this part: (name, start, end).

    A value that is itself a label is a table's next header cell ("Surname | Given names"), not a name.
    """
    for m in NAME_LABELS[part].finditer(doc.text):
        if _column_label(m.group("value").strip()):
            continue
        name = _clean_name(m.group("value"), single=part != "full")
        if name:
            return name, m.start("value"), m.end("value")
    return None


def _table_name(doc: DocText) -> Field | None:
    """The name in the columns of a table whose header row stands over exactly one row of values.

    Several rows would be several people (or aliases): whose is the certificate is then unsure.
    """
    for header, row in zip(doc.lines, doc.lines[1:]):
        labels = [_column_label(cell) for cell in _cells(header)]
        values = _cells(row)
        if len(labels) < 2 or None in labels or len(values) != len(labels) or _is_header(values):
            continue
        following = doc.lines[row.number + 1] if row.number + 1 < len(doc.lines) else None
        if following is not None and len(_cells(following)) == len(values):
            return None
        columns: dict[str, str] = {}
        for label, value in zip(labels, values):
            columns.setdefault(label, value)
        name = _name_in_columns(columns)
        if name:
            return doc.field(name, header.start, row.end)
    return None


def _name_in_columns(columns: dict[str, str]) -> str | None:
    """The full-name column, else the surname and given-names columns together."""
    if "full" in columns:
        return _clean_name(columns["full"])
    surname, given = (_clean_name(columns.get(part, ""), single=True) for part in ("surname", "given"))
    return f"{given} {surname}" if surname and given else None


def _cells(line: Line) -> list[str]:
    """A table row's cells ("SHARMA | PRIYA" -> ['SHARMA', 'PRIYA']); [] for a line that is no row."""
    return CELL_BORDER.split(line.text.strip()) if "|" in line.text else []


def _is_header(cells: list[str]) -> bool:
    return all(_column_label(cell) for cell in cells)


def _column_label(cell: str) -> str | None:
    """What a header cell labels: 'full', 'surname', 'given', 'other'; None for a value."""
    return next((part for part, label in COLUMN_LABELS.items() if label.fullmatch(cell)), None)


# How far above a cell its header row may be: a certificate's table holds a few rows, and looking
# further would make every date of a long document scan the whole table above it.
MAX_ROWS_UNDER_HEADER = 40


def _column_header(doc: DocText, offset: int) -> str | None:
    """The header cell above the table cell at ``offset``, if its table has a header row."""
    line = doc.line_at(offset)
    width = len(_cells(line))
    if width < 2:
        return None
    column = doc.text.count("|", line.start, offset)
    for number in range(line.number - 1, max(-1, line.number - 1 - MAX_ROWS_UNDER_HEADER), -1):
        cells = _cells(doc.lines[number])
        if len(cells) != width:
            return None
        if _is_header(cells):
            return cells[column]
    return None


def _bare_name(doc: DocText) -> Field | None:
    """'SHARMA, PRIYA' alone on a line near the date of birth or under a record heading.

    Two different such names leave the subject unknown.
    """
    near: set[int] = set()  # the lines within reach of an anchor
    for ln in doc.lines:
        if DOB_LINE.search(ln.text):  # above or below the date of birth
            near.update(range(ln.number - NEAR_LINES, ln.number))
            near.update(range(ln.number + 1, ln.number + NEAR_LINES + 1))
        if RECORD_HEADING.match(ln.text.strip()):  # under a record heading
            near.update(range(ln.number + 1, ln.number + NEAR_LINES + 1))
    found: dict[str, Line] = {}
    for line in doc.lines:
        name = line.number in near and _bare_name_on(doc, line)
        if name:
            found.setdefault(name, line)
    if len(found) != 1:
        return None
    (name, line), = found.items()
    return doc.field(name, line.start, line.end)


def _bare_name_on(doc: DocText, line: Line) -> str | None:
    m = BARE_NAME.fullmatch(line.text)
    if not m or NOT_A_PERSON.search(line.text) or any(_is_place(m.group(part)) for part in ("surname", "given")):
        return None
    above = _neighbour(doc, line, -1)
    below = _neighbour(doc, line, 1)
    if (above and NOT_THE_SUBJECT_ABOVE.search(above.text)) or (below and SIGNATORY_BELOW.search(below.text)):
        return None
    return _clean_name(line.text)


def _neighbour(doc: DocText, line: Line, step: int) -> Line | None:
    """The nearest non-blank line above (step -1) or below (step 1)."""
    number = line.number + step
    while 0 <= number < len(doc.lines):
        if doc.lines[number].text.strip():
            return doc.lines[number]
        number += step
    return None


def _is_place(words: str) -> bool:
    """A US state (or its postal code) or a country: 'SACRAMENTO, CA', 'NEW DELHI, INDIA'."""
    return (canonical_region(UNITED_STATES, words) in US_STATES.values()
            or canonical_country(words) in COUNTRY_ALIASES)


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
