"""Employment reference letters: every SPEC §3 field, each with page and evidence.

Rules, not statistics: label anchors ("Job title:"), the phrases letters use ("employed as",
"au poste de"), list structure for duties and the closing block for the signatory. A letter
may hold several positions (a promotion); each gets its own title, dates and duties, and
the letter-level fields summarise them (latest title, earliest start, latest end).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import Field, Money, Page
from ..parse import dates as dates_mod
from ..parse.hours import find_weekly_hours
from ..parse.money import find_money
from .contacts import EMAIL, find_address, find_phone
from .text import DocText

# --- vocabulary ---------------------------------------------------------------------------

LEGAL_FORM = re.compile(
    r"(?i)\b(inc|incorporated|ltd|limited|llc|llp|corp|corporation|co|company|plc|pvt|pty|gmbh|ag|s\.?a\.?s?|"
    r"sarl|s\.?r\.?l|ulc|l\.?l\.?c|technologies|solutions|services|systems|group|consulting|bank|hospital|"
    r"university|college|clinic|laboratories|labs|industries|enterprises|associates|partners)\.?(?=\W|$)")
ORG_WORDS = re.compile(r"(?i)\b(inc|ltd|llc|llp|corp|corporation|limited|gmbh|pvt|plc|sas|sa|sarl|srl|ulc|ag|bv|"
                       r"co-operative|cooperative|associés|associates)\b\.?|\b(?:s\.a\.s?|s\.a\.r\.l)\.?")
TITLE_WORDS = re.compile(
    r"(?i)\b(manager|director|officer|head|lead|supervisor|president|ceo|cfo|cto|coo|chief|partner|owner|founder|"
    r"administrator|coordinator|generalist|specialist|recruiter|human resources|hr|people|vp|vice|principal|"
    r"superintendent|controller|executive|directeur|directrice|responsable|gérant|gérante|président|présidente|"
    r"chef|gestionnaire|chargée?|associate|advisor|business partner|talent)\b")
CLOSING = re.compile(
    r"(?im)^\s*(sincerely|yours (sincerely|truly|faithfully)|respectfully( yours)?|(best|kind|warm) regards|regards|"
    r"with regards|thank you|cordialement|bien (cordialement|à vous)|veuillez agréer.*|salutations distinguées.*|"
    r"nous vous prions d.agréer.*|for and on behalf of.*|pour (la société|l'employeur).*|on behalf of.*|"
    r"fait à .{2,40}|for [A-Z].{2,60}\b(ltd|inc|llc|limited|corp|pvt|company|co)\.?)[,.]?\s*$")
SIGNATURE_NOISE = re.compile(r"(?i)^\s*(\(?signed\)?|\[?signature\]?|signature\s*:?|_{3,}|-{3,}|/s/.*|\(signature\)|"
                             r"sign(é|ed)\s*:?)\s*$")
DUTY_HEADING = re.compile(
    r"(?i)\b(duties|responsibilities|tasks|fonctions|tâches|responsabilités|attributions|missions)\b")
BULLET = re.compile(r"^\s*(?:[•●▪◦■□‣⁃∙·\-–—*o]|(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]|\(\w{1,3}\))\s+(?=\S)")
PROSE_DUTIES = re.compile(
    r"(?i)\b(?:(?:main |key |primary |principal |major )?(?:duties|responsibilities|tasks) (?:include|included|were|are|"
    r"consist(?:ed)? of|involve[sd]?)|(?:was|is|has been) responsible for|ses (?:principales )?(?:fonctions|tâches|"
    r"responsabilités) (?:comprennent|comprenaient|consistent|consistaient|incluent|sont|étaient)|"
    r"(?:il|elle) (?:est|était|a été) (?:chargée?|responsable) de)\s*:?\s*")

_TITLE_STOP = (r"(?=\s*(?:$|[,.;:(\n]|\s(?:from|since|between|on|at|with|for|in|effective|starting|until|till|"
               r"du|depuis|de\s+\d|à|au|chez|dans|pour|avec|où|and|et|a\s+position|un\s+poste)\b|\s[-–—]\s))")
_TITLE = r"(?P<title>[A-ZÀ-Ýa-zà-ÿ][^\n,.;:()]{1,70}?)"
TITLE_PATTERNS = [  # searched in the unwrapped prose; the title is named group "title"
    re.compile(r"(?i)\b(?:employed|working|worked|engaged|hired|joined|serving|served|works|continues to work|"
               r"has worked|is currently employed)\s+(?:[\w.&'’-]+\s+){0,6}?"
               r"(?:as\s+(?:an?\s+|our\s+|the\s+)?|in\s+the\s+(?:position|role|capacity)\s+of\s+(?:an?\s+)?)"
               + _TITLE + _TITLE_STOP),
    re.compile(r"(?i)\b(?:promoted|appointed|transferred|moved)\s+(?:[\w.&'’-]+\s+){0,3}?"
               r"to\s+(?:the\s+(?:position|role|post)\s+of\s+)?(?:an?\s+)?" + _TITLE + _TITLE_STOP),
    re.compile(r"(?i)\b(?:position|role|capacity|post)\s+of\s+(?:an?\s+)?" + _TITLE + _TITLE_STOP),
    re.compile(r"(?i)\b(?:en\s+(?:tant\s+que|qualité\s+d[e']\s*)|au\s+poste\s+d[e']\s*|le\s+poste\s+d[e']\s*|"
               r"aux\s+fonctions\s+d[e']\s*|promue?\s+(?:au\s+poste\s+de\s+|à\s+titre\s+de\s+)?|à\s+titre\s+d[e']\s*)"
               r"(?:une?\s+)?" + _TITLE + _TITLE_STOP),
    # A heading that opens one position of several: "Senior Developer (April 2020 – present)".
    re.compile(r"(?m)^\s*(?:Position\s+\d+\s*[:\-–]\s*|\d\.\s+)?(?P<title>[A-ZÀ-Ý][\w/&'’ -]{2,60}?)\s*[\(\[]\s*"
               r"(?=[^\n]{0,60}\d{4})"),
]
# Table rows and labelled lines: "Position | CNC Machinist", "Start date  July 8, 2019", "Poste : ...".
# Multi-word labels may be followed by a plain space (a table row as pypdfium2 renders it);
# one-word labels that also begin sentences ("From", "To", "Du") need a ':' or '|'.
_LABELS = {
    "title": (r"job\s+title|position(?:\s+held)?|designation|occupation|intitulé\s+du\s+poste|titre\s+du\s+poste|"
              r"poste(?:\s+occupé)?", r"title|role|fonction|emploi"),
    "start": (r"start(?:ing)?\s+date|date\s+of\s+(?:joining|hire|employment)|joining\s+date|hire\s+date|"
              r"employed\s+since|date\s+d'(?:entrée|embauche)|date\s+de\s+début", r"from|début|depuis|du"),
    "end": (r"end\s+date|date\s+of\s+(?:leaving|relieving|separation|termination)|last\s+(?:working\s+)?day|"
            r"relieving\s+date|date\s+de\s+(?:fin|sortie|départ)", r"to|until|fin|au"),
    "status": (r"employment\s+status|statut\s+d'emploi", r"status|statut"),
}
LABELLED = {
    name: re.compile(r"(?im)^[ \t]*(?:(?:%s)[ \t]*(?:[:|\-–][ \t]*|[ \t])|(?:%s)[ \t]*[:|][ \t]*)"
                     r"(?P<value>[^\n|]{1,80}?)[ \t]*$" % (strong, weak))
    for name, (strong, weak) in _LABELS.items()}
EMPLOYER_PATTERNS = [
    re.compile(r"(?i)\b(?:employed|working|worked|employee)\s+(?:\w+\s+){0,2}?(?:with|by|at|for)\s+"
               r"(?P<org>[A-Z][\w&.,' -]{1,80}?)(?=\s+(?:as|since|from|in|on|between|during|for)\b|[.;\n(])"),
    re.compile(r"(?i)\b(?:au sein de|chez|à l'emploi de|employée? (?:par|de)|pour le compte de)\s+(?:la société\s+|l'entreprise\s+)?"
               r"(?P<org>[A-ZÀ-Ý][\w&.,' -]{1,80}?)(?=\s+(?:en|depuis|du|au|à|comme|sur)\b|[.;\n(])"),
    re.compile(r"(?im)^\s*(?:employer|company|organisation|organization|employeur|société|entreprise)\s*(?:name)?\s*[:\-|]\s*"
               r"(?P<org>[^\n|]{2,80}?)\s*$"),
]
_PERSON = r"(?P<name>[A-ZÀ-Ý][\w'’-]+(?:\s+(?:[A-ZÀ-Ý][\w'’-]+|[A-Z]\.))*\s+[A-ZÀ-Ý][\w'’-]+)"
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|M|Mme|Mlle|Monsieur|Madame)\.?\s+)?"
EMPLOYEE_PATTERNS = [  # keywords are case-insensitive, the name itself must be capitalised
    re.compile(r"(?i:\b(?:certify|confirm|attest|certifions|certifie|confirmons|confirme|attestons|atteste)\s+"
               r"(?:that|que|qu'))\s*" + _HONORIFIC + _PERSON),
    re.compile(r"(?i:\b(?:re|subject|objet)\s*:\s*(?:employment|experience|reference|attestation)[^\n]*?(?:of|for|de)\s+)"
               + _HONORIFIC + _PERSON),
    re.compile(r"(?im:^\s*(?:employee(?:\s+name)?|name of employee|nom(?:\s+de\s+l.employée?)?|employée?)\s*[:\-|]\s*)"
               + _PERSON + r"\s*$", re.M),
    re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|M|Mme|Monsieur|Madame)\.?\s+" + _PERSON),
]
LETTER_DATE_LABEL = re.compile(r"(?im)^\s*(?:date(?:\s+of\s+issue)?|issued\s+on|fait\s+le|le)\s*[:\-]?\s*")
DOLLAR_COUNTRIES = [
    ("CAD", re.compile(r"(?i)\b(canada|ontario|quebec|québec|british columbia|alberta|manitoba|saskatchewan|nova scotia|"
                       r"new brunswick|toronto|vancouver|montr[ée]al|calgary|ottawa|edmonton|winnipeg|halifax)\b|"
                       r"\b(ON|QC|BC|AB|MB|SK|NS|NB|NL|PE)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")),
    ("USD", re.compile(r"(?i)\b(united states|u\.s\.a?\.?|usa)\b|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")),
    ("AUD", re.compile(r"(?i)\baustralia\b|\b(NSW|VIC|QLD)\s+\d{4}\b")),
    ("NZD", re.compile(r"(?i)\bnew zealand\b")),
    ("SGD", re.compile(r"(?i)\bsingapore\b")),
    ("HKD", re.compile(r"(?i)\bhong kong\b")),
]


# --- positions ----------------------------------------------------------------------------

@dataclass
class Position:
    title: Field | None = None
    anchor: int = 0  # where the position's description starts
    start: Field | None = None
    end: Field | None = None
    current: Field | None = None
    duties: Field | None = None
    salary: Field | None = None
    hours: Field | None = None
    extra: dict = field(default_factory=dict)

    def fields(self) -> dict[str, Field]:
        out = {"job_title": self.title, "start_date": self.start, "end_date": self.end,
               "current": self.current or Field(False), "duties": self.duties, "salary": self.salary,
               "hours_per_week": self.hours}
        return {k: v for k, v in out.items() if v is not None}


def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    text = doc.text
    order = dates_mod.infer_order(text) or _order_from_country(text)
    fields: dict[str, Field] = {}

    closing = _closing_offset(text)
    body_end = closing if closing is not None else len(text)

    employer = _employer(doc, body_end)
    if employer:
        fields["employer"] = employer
    employee = _employee(doc)
    if employee:
        fields["employee_name"] = employee

    ranges = [r for r in dates_mod.find_date_ranges(doc.prose, order) if r.start is not None or r.current]
    positions = _positions(doc, ranges, order, body_end)
    dollar = _dollar_currency(text)
    _fill_sections(doc, positions, body_end, dollar)

    letter_date = _letter_date(doc, ranges, order)
    if letter_date:
        fields["letter_date"] = letter_date

    # Letter-level summary of the positions.
    titled = [p for p in positions if p.title]
    if titled:
        fields["job_title"] = _latest(titled).title
    starts = [p.start for p in positions if p.start]
    if starts:
        fields["start_date"] = min(starts, key=lambda f: f.value)
    if any(p.current for p in positions):
        fields["current"] = next(p.current for p in positions if p.current)
        fields["end_date"] = Field(None)
    else:
        ends = [p.end for p in positions if p.end]
        if ends:
            fields["end_date"] = max(ends, key=lambda f: f.value)
        fields["current"] = Field(False)
    hours = [p.hours for p in positions if p.hours]
    if hours:
        fields["hours_per_week"] = _latest([p for p in positions if p.hours]).hours
    salaries = [p for p in positions if p.salary]
    if salaries:
        fields["salary"] = _latest(salaries).salary
    with_duties = [p for p in positions if p.duties]
    if with_duties:
        fields["duties"] = _latest(with_duties).duties

    name, title = _signatory(doc, closing)
    if name:
        fields["signatory_name"] = name
    if title:
        fields["signatory_title"] = title

    address = find_address(text)
    if address:
        fields["employer_address"] = doc.field(address[0], address[1], address[2])
    phone = find_phone(text)
    if phone:
        fields["employer_phone"] = doc.field(phone[0], phone[1], phone[2])
    email = EMAIL.search(text)
    if email:
        fields["employer_email"] = doc.field(email.group(0), email.start(), email.end())

    fields["positions"] = Field([p.fields() for p in positions],
                                page=positions[0].title.page if positions and positions[0].title else None)
    return fields


def _latest(positions: list[Position]) -> Position:
    """The most recent position: current first, then by start date, then the last stated."""
    def key(item: tuple[int, Position]):
        i, p = item
        return (bool(p.current), p.start.value if p.start else dt.date.min, i)
    return max(enumerate(positions), key=key)[1]


def _order_from_country(text: str) -> str | None:
    """US letters write mm/dd/yyyy; most others dd/mm/yyyy. Only a clue, not proof."""
    if DOLLAR_COUNTRIES[1][1].search(text) and not DOLLAR_COUNTRIES[0][1].search(text):
        return "MDY"
    return None


def _dollar_currency(text: str) -> str | None:
    for currency, pattern in DOLLAR_COUNTRIES:
        if pattern.search(text):
            return currency
    return None


def _closing_offset(text: str) -> int | None:
    matches = list(CLOSING.finditer(text))
    return matches[-1].start() if matches else None


# --- employer, employee -------------------------------------------------------------------

def _clean_org(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:-|")
    name = re.sub(r"(?i)^(the|la société|l'entreprise|la compagnie)\s+", "", name)
    return name


def _employer(doc: DocText, body_end: int) -> Field | None:
    text = doc.text
    # 1. A labelled field or a line of the letterhead that looks like a company name.
    for m in EMPLOYER_PATTERNS[2].finditer(text):
        return doc.field(_clean_org(m.group("org")), m.start("org"), m.end("org"))
    head = doc.lines[:10]
    for line in head:
        stripped = line.text.strip()
        if (stripped and ORG_WORDS.search(stripped) and len(stripped) <= 80 and not EMAIL.search(stripped)
                and not re.search(r"\d{3}", stripped)):
            return doc.field(_clean_org(stripped), line.start, line.end)
    # 2. The phrase that states the employment.
    for pattern in EMPLOYER_PATTERNS[:2]:
        m = pattern.search(text, 0, body_end)
        if m:
            org = _clean_org(m.group("org"))
            if org and not re.match(r"(?i)^(us|our|the company|our company|nous|notre)", org):
                return doc.field(org, m.start("org"), m.start("org") + len(m.group("org").rstrip()))
    # 3. A company-like line anywhere (e.g. under the signature).
    for line in doc.lines:
        stripped = line.text.strip()
        if stripped and ORG_WORDS.search(stripped) and len(stripped) <= 80 and not EMAIL.search(stripped):
            return doc.field(_clean_org(stripped), line.start, line.end)
    # 4. The first line of the letterhead, when it is not a date or an address.
    for line in head[:3]:
        stripped = line.text.strip()
        if stripped and LEGAL_FORM.search(stripped) and not re.search(r"\d", stripped):
            return doc.field(_clean_org(stripped), line.start, line.end)
    return None


def _employee(doc: DocText) -> Field | None:
    for pattern in EMPLOYEE_PATTERNS:
        m = pattern.search(doc.text)
        if m:
            name = re.sub(r"\s+", " ", m.group("name")).strip()
            return doc.field(name, m.start("name"), m.end("name"))
    return None


# --- positions: titles and dates ------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_TITLE_ARTICLE = re.compile(r"(?i)^(?:an?|the|our|une?|le|la|l')\s+")
_TITLE_NOUN = re.compile(r"(?i)\s+(?:position|role|poste)$")
_LONG_NUMBER = re.compile(r"\d{3,}")


def _clean_title(title: str) -> str:
    title = _SPACES.sub(" ", title).strip(" ,;:-–|\"'“”")
    title = _TITLE_ARTICLE.sub("", title)
    title = _TITLE_NOUN.sub("", title)
    return title


_NOT_TITLES = re.compile(r"(?i)^(?:full[- ]time|part[- ]time|temps (?:plein|partiel)|permanent|contract|employee|"
                         r"member|part of|team member|well as|result|such|per|follows?|suit|from|of|this|"
                         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b")


def _plausible_title(title: str) -> bool:
    words = title.split()
    return (3 <= len(title) and len(words) <= 8 and not _NOT_TITLES.match(title)
            and not _LONG_NUMBER.search(title) and not DUTY_HEADING.fullmatch(title)
            and not (title.isupper() and len(title) > 40))


def _title_mentions(doc: DocText, body_end: int) -> list[tuple[int, int, str]]:
    """Every statement of a job title before the closing, in text order, one per place:
    (start, end, title)."""
    found: list[tuple[int, int, str]] = []
    for m in LABELLED["title"].finditer(doc.text, 0, body_end):
        title = _clean_title(m.group("value"))
        if _plausible_title(title):
            found.append((m.start("value"), m.end("value"), title))
    for pattern in TITLE_PATTERNS:
        for m in pattern.finditer(doc.prose, 0, body_end):
            title = _clean_title(m.group("title"))
            if _plausible_title(title):
                found.append((m.start("title"), m.end("title"), title))
    found.sort(key=lambda x: x[0])
    unique: list[tuple[int, int, str]] = []
    for mention in found:  # several patterns can hit the same words
        if unique and mention[0] - unique[-1][0] < 3:
            continue
        unique.append(mention)
    return unique


_NOT_TITLE_CHARS = re.compile(r"[^a-zà-ÿ0-9]+")


def _title_key(title: str) -> str:
    """What two mentions of the same title have in common: case, spacing and punctuation aside."""
    return _NOT_TITLE_CHARS.sub(" ", title.lower()).strip()


def _positions(doc: DocText, ranges, order, body_end: int) -> list[Position]:
    """One Position per distinct title; each owns the text up to the next title's line."""
    distinct: list[tuple[int, Field]] = []
    seen: set[str] = set()
    for start, end, title in _title_mentions(doc, body_end):
        key = _title_key(title)
        if key not in seen:
            seen.add(key)
            distinct.append((start, doc.field(title, start, end)))
    if not distinct:
        position = Position(anchor=0, extra={"section_end": body_end})
        _assign_dates(doc, position, ranges, order, single=True)
        return [position]
    positions = []
    for i, (offset, title) in enumerate(distinct):
        end = doc.line_at(distinct[i + 1][0]).start if i + 1 < len(distinct) else body_end
        positions.append(Position(title=title, anchor=doc.line_at(offset).start, extra={"section_end": end}))
    for p in positions:
        _assign_dates(doc, p, ranges, order, single=len(positions) == 1)
    if len(positions) > 1:
        _promotion_dates(positions)
    return positions


def _date_field(doc: DocText, match, shift: int = 0) -> Field:
    return doc.field(match.value, shift + match.start, shift + match.end, precision=match.precision,
                     confidence=0.5 if match.ambiguous else 1.0)


def _only_date(value: str, order):
    """The date a labelled value consists of, or None (a sentence that merely starts with 'From')."""
    return dates_mod.parse_labelled_value(value, order)


def _labelled_dates(doc: DocText, position: Position, start: int, end: int, order) -> bool:
    """Dates from labelled rows ("Start date | July 8, 2019", "To | present"). True when found."""
    for m in LABELLED["start"].finditer(doc.text, start, end):
        found = _only_date(m.group("value"), order)
        if found and position.start is None:
            position.start = _date_field(doc, found, m.start("value"))
    for name in ("end", "status"):
        for m in LABELLED[name].finditer(doc.text, start, end):
            value = m.group("value")
            found = _only_date(value, order) if name == "end" else None
            if found and position.end is None:
                position.end = _date_field(doc, found, m.start("value"))
            elif len(value) < 40 and dates_mod.states_current(value) and position.current is None:
                position.current = doc.field(True, m.start("value"), m.end("value"))
    return position.start is not None


_STARTED = re.compile(r"(?i)\b(?:joined|started|hired|commenced|appointed|promoted|effective|since|as of|starting|"
                      r"depuis|embauchée?|entrée? en fonction|a rejoint)\b")


def _assign_dates(doc: DocText, position: Position, ranges, order, *, single: bool) -> None:
    start, end = position.anchor, position.extra["section_end"]
    if _labelled_dates(doc, position, start, end, order):
        return
    inside = [r for r in ranges if start <= r.span_start < end]
    if not inside and single:
        inside = ranges  # a single job's period may be stated anywhere (e.g. in the opening)
    if inside:
        r = inside[0]
        if r.start is not None:
            position.start = _date_field(doc, r.start)
        if r.current:
            position.current = doc.field(True, r.span_start, r.span_end)
        elif r.end is not None:
            position.end = _date_field(doc, r.end)
        return
    # No period: "joined us ... on DATE", "promoted ... effective DATE".
    section = doc.prose[start:end]
    m = _STARTED.search(section)
    if m:
        found = dates_mod.find_dates(section[m.end():m.end() + 160], order)
        if found:
            position.start = _date_field(doc, found[0], start + m.end())
    if dates_mod.states_current(section) and not position.end:
        position.current = doc.field(True, start, min(end, start + 200))


def _promotion_dates(positions: list[Position]) -> None:
    """In a promotion, a position with a start but no end ends the day before the next begins."""
    for earlier, later in zip(positions, positions[1:]):
        if earlier.end is None and earlier.start and later.start and later.start.value > earlier.start.value:
            earlier.current = None  # "current" belonged to the later position's sentence
            earlier.end = Field(later.start.value - dt.timedelta(days=1), page=later.start.page,
                                evidence=later.start.evidence, confidence=0.8, precision=later.start.precision)


# --- sections: duties, hours, salary -------------------------------------------------------

def _fill_sections(doc: DocText, positions: list[Position], body_end: int, dollar: str | None) -> None:
    text = doc.text
    for i, p in enumerate(positions):
        start = p.anchor
        end = p.extra.get("section_end", body_end)
        p.duties = _duties(doc, start, end)
        p.hours = _hours(doc, start, end)
        p.salary = _salary(doc, start, end, dollar)
    # Hours stated once ("throughout her employment, 40 hours per week") hold for every position
    # without its own; a salary stated once belongs to a single position, or to the latest one.
    whole_hours = _hours(doc, 0, len(text))
    for p in positions:
        if p.hours is None:
            p.hours = whole_hours
    if all(p.salary is None for p in positions):
        _latest(positions).salary = _salary(doc, 0, len(text), dollar)
    if positions and all(p.duties is None for p in positions):
        _latest(positions).duties = _duties(doc, 0, body_end)


def _hours(doc: DocText, start: int, end: int) -> Field | None:
    matches = find_weekly_hours(doc.text[start:end])
    if not matches:
        return None
    m = matches[0]
    return doc.field(m.hours_per_week, start + m.start, start + m.end)


_SALARY_CUE = re.compile(r"(?i)\b(salary|salaire|wage|pay|paid|compensation|remuneration|rémunération|earn|"
                         r"income|rate|ctc|stipend|traitement|gross|annual|per annum|par an)\b")


def _salary(doc: DocText, start: int, end: int, dollar: str | None) -> Field | None:
    section = doc.text[start:end]
    matches = find_money(section, dollar=dollar)
    if not matches:
        return None

    def score(m) -> tuple:
        line = doc.line_at(start + m.start).text
        return (bool(_SALARY_CUE.search(line)), m.period is not None)
    best = max(matches, key=lambda m: (score(m), -m.start))
    if not score(best)[0] and best.period is None:
        return None  # an amount with no sign of being pay (a bonus cap, a fee) is not the salary
    return doc.field(Money(best.amount, best.currency, best.period), start + best.start, start + best.end)


def _duties(doc: DocText, start: int, end: int) -> Field | None:
    lines = [ln for ln in doc.lines if start <= ln.start < end]
    # 1. A list after a duties heading, else the longest list of the section.
    lists = _lists(lines)
    headed = []
    for items in lists:
        first = items[0][0].number
        preceding = [ln for ln in lines if first - 3 <= ln.number < first]
        if any(DUTY_HEADING.search(ln.text) for ln in preceding):
            headed.append(items)
    chosen = headed[0] if headed else (max(lists, key=len) if lists and len(max(lists, key=len)) >= 2 else None)
    if chosen:
        values = [text for _, text in chosen]
        return doc.field(values, chosen[0][0].start, chosen[-1][0].end)
    # 2. Lines under a "Duties:" heading, one statement a line.
    for i, line in enumerate(lines):
        if DUTY_HEADING.search(line.text) and line.text.rstrip().endswith(":") and len(line.text) < 90:
            items = []
            for nxt in lines[i + 1:]:
                t = nxt.text.strip()
                if not t or CLOSING.match(t):
                    break
                items.append((nxt, t.rstrip(";.")))
            if len(items) >= 2 and all(len(t) < 200 for _, t in items):
                return doc.field([t for _, t in items], items[0][0].start, items[-1][0].end)
    # 3. Prose: "Her duties included designing X, testing Y and documenting Z."
    section = doc.text[start:end]
    m = PROSE_DUTIES.search(section)
    if m:
        sentence_end = _sentence_end(section, m.end())
        body = section[m.end():sentence_end]
        items = _split_prose(body)
        if items:
            return doc.field(items, start + m.start(), start + sentence_end)
    return None


def _lists(lines) -> list[list[tuple[object, str]]]:
    """Runs of bullet or numbered items; wrapped continuation lines join their item."""
    runs: list[list[tuple[object, str]]] = []
    current: list[tuple[object, str]] = []
    for line in lines:
        m = BULLET.match(line.text)
        if m:
            current.append((line, line.text[m.end():].strip().rstrip(";")))
            continue
        stripped = line.text.strip()
        if current and stripped and not CLOSING.match(stripped) and _continues(current[-1][1], stripped):
            item_line, item_text = current[-1]
            current[-1] = (item_line, f"{item_text} {stripped}".rstrip(";"))
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [[(ln, t.rstrip(".").strip()) for ln, t in run] for run in runs]


def _continues(previous: str, line: str) -> bool:
    """A PDF line wrap: the item did not end a sentence and the next line starts in lower case."""
    return not previous.endswith((".", ";", ":")) and line[:1].islower()


_ABBREVIATION = re.compile(r"(?i)(?:\b(?:mr|mrs|ms|dr|st|co|inc|ltd|etc|e\.g|i\.e|vs|no|approx)|\b[A-Z])$")


def _sentence_end(text: str, start: int) -> int:
    """The end of the sentence that starts at ``start`` (a full stop that is not an abbreviation)."""
    for m in re.finditer(r"\.(?=\s|$)|\n\s*\n", text[start:]):
        at = start + m.start()
        if m.group(0) == "." and _ABBREVIATION.search(text[max(start, at - 6):at]):
            continue
        return at
    return len(text)


_ARTICLES = frozenset("the a an le la les l un une des du son sa ses".split())


def _parallel(first: str, other: str) -> bool:
    """Two words that open coordinated duty statements: "performing ... and educating ..."."""
    first, other = first.lower().strip("'’"), other.lower().strip("'’")
    return (first.endswith("ing") and other.endswith("ing")) or (first in _ARTICLES and other in _ARTICLES)


def _split_prose(body: str) -> list[str]:
    """Duty statements from a sentence: split at semicolons, else at commas.

    The last item may still join two statements with "and"/"et"; it is split at the last
    conjunction whose next word parallels the item's first word ("performing ... and
    educating ...", "la gestion ... et le suivi ..."), and only when both sides are real
    statements of three words or more ("assessing and monitoring patients" stays one).
    """
    body = " ".join(body.split()).strip(" :")
    parts = body.split(";") if ";" in body else body.split(",")
    parts = [re.sub(r"^(?:and|et|as well as|ainsi que)\s+", "", p.strip(" .,")) for p in parts]
    parts = [p for p in parts if len(p) >= 3]
    if parts:
        last = parts[-1]
        for m in reversed(list(re.finditer(r"\s+(?:and|et)\s+(\S+)", last))):
            left, right = last[:m.start()], last[m.start(1):]
            if len(left.split()) >= 3 and len(right.split()) >= 3 and _parallel(left.split()[0], m.group(1)):
                parts[-1:] = [left, right]
                break
    return parts


# --- signatory, letter date ----------------------------------------------------------------

_NAME = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|M|Mme)\.?\s+)?([A-ZÀ-Ý][a-zà-ÿ'’-]+|[A-Z]\.)(?:\s+(?:[A-ZÀ-Ý][a-zà-ÿ'’-]+|[A-Z]\.|"
                   r"(?:de|van|von|da|del|le|la|du|bin|al)(?=\s)|[A-ZÀ-Ý]{2,}(?=\s|$)))*\s+[A-ZÀ-Ý][A-Za-zà-ÿ'’-]+$")


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 5 and bool(_NAME.match(text)) and not TITLE_WORDS.search(text)
            and not LEGAL_FORM.search(text) and not re.search(r"\d", text))


def _signatory(doc: DocText, closing: int | None) -> tuple[Field | None, Field | None]:
    """The name and title under the closing ("Sincerely," / "Fait à ..., le ...")."""
    if closing is not None:
        first = doc.line_at(closing).number + 1
        block = doc.lines[first:first + 8]
    else:
        block = doc.lines[-10:]
    name_field = title_field = None
    for line in block:
        t = line.text.strip()
        if not t or SIGNATURE_NOISE.match(t):
            continue
        if _is_contact_or_company(t):
            break  # the company's own lines follow the signatory's
        labelled = re.match(r"(?i)^(name|nom|signed by|signé par)\s*:\s*(.+)$", t)
        if labelled and name_field is None:
            name_field = doc.field(labelled.group(2).strip(), line.start, line.end)
            continue
        labelled = re.match(r"(?i)^(title|designation|position|titre|fonction)\s*:\s*(.+)$", t)
        if labelled:
            title_field = doc.field(labelled.group(2).strip(), line.start, line.end)
            break
        combined = re.match(r"^(?P<name>[^,–—]+?)\s*[,–—]\s*(?P<title>.+)$", t)
        if name_field is None and combined and _looks_like_name(combined.group("name").strip()) \
                and TITLE_WORDS.search(combined.group("title")):
            name_field = doc.field(combined.group("name").strip(), line.start, line.start + len(combined.group("name")))
            title_field = doc.field(combined.group("title").strip().rstrip("."), line.start, line.end)
            break
        if name_field is None and _looks_like_name(t):
            name_field = doc.field(t, line.start, line.end)
            continue
        if len(t) <= 80 and not re.search(r"\d{4}", t) and (name_field is not None or TITLE_WORDS.search(t)):
            title_field = doc.field(t.rstrip(".,"), line.start, line.end)
        break
    return name_field, title_field


def _is_contact_or_company(line: str) -> bool:
    return bool(EMAIL.search(line) or find_phone(line) or ORG_WORDS.search(line) and not TITLE_WORDS.search(line)
                or re.match(r"(?i)^(www\.|https?:)", line))


def _letter_date(doc: DocText, ranges, order) -> Field | None:
    in_range = [(r.span_start, r.span_end) for r in ranges]
    for line in doc.lines[:14] + doc.lines[-12:]:
        t = line.text.strip()
        if not t or len(t) > 60 and not LETTER_DATE_LABEL.match(t):
            continue
        found = dates_mod.find_dates(t, order)
        if len(found) != 1 or found[0].precision != "day":
            continue
        rest = (t[:found[0].start] + t[found[0].end:]).strip(" ,.:")
        if rest and not LETTER_DATE_LABEL.match(t) and not re.fullmatch(r"(?i)(le|[\w\s-]+,\s*le|[A-Z][\w\s.-]+,?)", rest):
            continue
        absolute = line.start + found[0].start
        if any(s <= absolute < e for s, e in in_range):
            continue
        m = found[0]
        return doc.field(m.value, absolute, absolute + len(m.text), precision=m.precision,
                         confidence=0.5 if m.ambiguous else 1.0)
    return None
