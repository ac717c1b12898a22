"""Birth certificates: the child's name, date of birth and the parents' names.

Civil registries print these as labelled values, in many layouts (see forms.py): a full-name
label ("Name of child", "Name: ANIKA SHARMA"), split parts ("Surname of child" + "Given
names", PSA's "(First) (Middle) (Last)"), a section per person (UK: "FATHER" then "Name and
surname"), French labels ("Nom du père", "Prénom(s)") or a "Parents:" line. Prose registers
("son of X and Y", "fils de X et de Y") are the fallback for the parents.
"""
from __future__ import annotations

import re

from ..model import Field, Page
from ..parse.dates import DateMatch, find_dates, infer_order
from ..parse.names import clean_name, display_name
from .forms import Form, Label, Value
from .text import DocText

_S = r"['’]?s"  # the possessive: "Mother's", "Mother’s", "Mothers"
_SURNAME = r"(?:sur|last |family )name"
_GIVEN = r"(?:given|first|fore) ?names?(?:\(s\))?"
LABELS = [
    Label(r"name of (?:the )?(?:registered )?child|child" + _S + r" (?:full )?name|full name of (?:the )?child|"
          r"nom (?:et prénoms? )?de l'enfant", "name", "child"),
    Label(rf"{_SURNAME} of (?:the )?child|child{_S} {_SURNAME}|nom de famille de l'enfant", "surname", "child"),
    Label(rf"{_GIVEN} of (?:the )?child|child{_S} {_GIVEN}|prénoms?(?:\(s\))? de l'enfant", "given", "child"),
    Label(rf"father{_S} {_SURNAME}|{_SURNAME} of (?:the )?father", "surname", "father"),
    Label(rf"father{_S} {_GIVEN}|{_GIVEN} of (?:the )?father", "given", "father"),
    Label(rf"father{_S} (?:full )?name|name of (?:the )?father(?: ?/ ?(?:legal )?guardian)?|"
          r"nom (?:et prénoms? )?du père|nombre del padre", "name", "father"),
    Label(r"father|père|padre", "name", "father", start_only=True),
    Label(rf"mother{_S} (?:maiden )?{_SURNAME}|(?:maiden )?{_SURNAME} of (?:the )?mother", "surname", "mother"),
    Label(rf"mother{_S} {_GIVEN}|{_GIVEN} of (?:the )?mother", "given", "mother"),
    Label(rf"mother{_S} (?:maiden )?(?:full )?name|(?:maiden )?name of (?:the )?mother|"
          r"nom (?:et prénoms? )?de la mère|nombre de la madre", "name", "mother"),
    Label(r"mother|mère|madre", "name", "mother", start_only=True),
    Label(r"names? of (?:the )?parents|parents['’]? names?|nom des parents|parents?", "names", "parents"),
    Label(r"date and place of birth|date of birth|birth ?date|born on|date de naissance|n[ée]\(?e?\)? le|"
          r"fecha de nacimiento", "date"),
    Label(r"maiden surname|maiden name|nom de jeune fille", "maiden"),
    Label(r"name and surname|full name|nom et prénoms?|name|nombre", "name"),
    # French forms say "Nom" for the family name only ("Nom et prénoms" is the full name).
    Label(r"surname|last name|family name|nom de famille|nom|apellidos?", "surname"),
    Label(r"\(last\)", "surname", bare=True),
    Label(r"given names?|first names?|forenames?|prénoms?", "given"),
    Label(r"\(first\)", "given", bare=True),
    Label(r"middle names?|patronymic", "middle"),
    Label(r"\(middle\)", "middle", bare=True),
    # Labels that end a value on the same line and whose values mean nothing here.
    Label(r"sex|sexe|gender|place of birth|lieu de naissance|lugar de nacimiento|registration (?:number|no\.?)|"
          r"date of registration|registered on|date of issue|address|adresse|occupation|profession|"
          r"nationality|nationalité|age|âge|religion|signature|remarks|weight|time of birth|heure", "other"),
]
SECTIONS = {
    r"(?:particulars of |details of |information about )?(?:the )?(?:child|infant|enfant)(?:['’]s details)?": "child",
    r"(?:particulars of |details of |information about )?(?:the )?(?:father|père)(?:['’]s details)?": "father",
    r"(?:particulars of |details of |information about )?(?:the )?(?:mother|mère)(?:['’]s details)?": "mother",
    r"informant|declarant|déclarant|registrar.*|certification|officier de l'état civil": "other",
}
FORM = Form(LABELS, SECTIONS, default_person="child")

_PROSE_NAME = r"(?:[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|de|da|del|dela|van|von|bin|binti|le|la|du|des))*)"
PROSE_PARENTS = re.compile(
    rf"(?i:\b(?:son|daughter|child|fils|fille|enfant)\s+(?:of|de)\s+)(?P<a>{_PROSE_NAME})[^\n]{{0,120}}?"
    rf"\s(?i:and|et)\s+(?i:of\s+|de\s+)?(?P<b>{_PROSE_NAME})")
_PARENTS_SPLIT = re.compile(r"\s+(?:and|&|et|y)\s+|\s*[;]\s*", re.IGNORECASE)
# A US document (mm/dd/yyyy): the country named, or a state abbreviation with a ZIP code.
US_DOCUMENT = re.compile(r"(?i:\b(?:united states|u\.s\.a)\b)|\b[A-Z]{2} \d{5}(?:-\d{4})?\b")


def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    values = FORM.values(doc)
    fields: dict[str, Field] = {}
    child = person_name(doc, values, "child")
    if child:
        fields["child_name"] = child
    born = _date_of_birth(doc, values)
    if born:
        fields["date_of_birth"] = born
    parents = _parents(doc, values)
    if parents:
        fields["parent_names"] = Field([p.value for p in parents], page=parents[0].page,
                                       evidence=" | ".join(dict.fromkeys(p.evidence for p in parents)))
    return fields


def person_name(doc: DocText, values: list[Value], person: str) -> Field | None:
    """A person's full name: a full-name value, else the parts put together (given names first)."""
    for v in values:
        if v.person == person and v.role == "name":
            name = clean_name(v.text)
            if name:
                return doc.field(display_name(name), v.start, v.end)
    parts = {}
    for role in ("given", "middle", "surname"):
        v = next((v for v in values if v.person == person and v.role == role and clean_name(v.text)), None)
        if v is not None:
            parts[role] = v
    if "given" not in parts and "surname" not in parts:
        return None
    spans = list(parts.values())
    name = " ".join(clean_name(parts[r].text) for r in ("given", "middle", "surname") if r in parts)
    return doc.field(display_name(name), min(v.start for v in spans), max(v.end for v in spans))


def date_order(text: str) -> str | None:
    """US documents write mm/dd/yyyy; others day first (left as a flagged guess when unsettled)."""
    return infer_order(text) or ("MDY" if US_DOCUMENT.search(text) else None)


def date_field(doc: DocText, value: Value, order: str | None) -> Field | None:
    dates = find_dates(value.text, order)
    if not dates:
        return None
    found: DateMatch = dates[0]
    start = value.start + found.start
    return doc.field(found.value, start, value.start + found.end, confidence=0.5 if found.ambiguous else 1.0,
                     precision=found.precision)


def labelled_date(doc: DocText, values: list[Value], person: str, order: str | None) -> Field | None:
    """The first date a form labels as ``person``'s (the child's birth, the marriage)."""
    for v in values:
        if v.role == "date" and v.person == person:
            found = date_field(doc, v, order)
            if found:
                return found
    return None


def _date_of_birth(doc: DocText, values: list[Value]) -> Field | None:
    return labelled_date(doc, values, "child", date_order(doc.text))


def _parents(doc: DocText, values: list[Value]) -> list[Field]:
    parents: list[Field] = []
    for person in ("father", "mother"):
        name = person_name(doc, values, person)
        if name:
            parents.append(name)
    for v in values:
        if v.person == "parents":
            offset = 0
            for part in _PARENTS_SPLIT.split(v.text):
                name = clean_name(part)
                at = v.start + v.text.find(part, offset)
                offset += len(part)
                if name:
                    parents.append(doc.field(display_name(name), at, at + len(part)))
    if not parents:
        parents += prose_pair(doc, PROSE_PARENTS)
    return unique_names(parents)


def prose_pair(doc: DocText, pattern: re.Pattern) -> list[Field]:
    """The two people a sentence names in its groups "a" and "b" ("son of X and Y", "between X and Y")."""
    m = pattern.search(doc.text)
    if not m:
        return []
    names = ((clean_name(m.group(g)), g) for g in ("a", "b"))
    return [doc.field(display_name(name), m.start(g), m.end(g)) for name, g in names if name]


def unique_names(fields: list[Field]) -> list[Field]:
    """One field per name, the first place it was read."""
    unique: dict[str, Field] = {}
    for f in fields:
        unique.setdefault(f.value, f)
    return list(unique.values())
