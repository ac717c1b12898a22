"""Marriage certificates: the two spouses' names and the date of the marriage.

Registers label the spouses by role ("Name of Husband" / "Name of Wife", "Groom" / "Bride",
"Époux" / "Épouse", "Spouse 1" / "Spouse 2"), sometimes as column headings with generic
"Name" rows under them; solemnisation certificates say it in a sentence ("a marriage was
solemnized between X and Y on ..."). Labelled values win over the sentence.
"""
from __future__ import annotations

import re

from ..model import Field, Page
from ..parse.dates import find_dates
from ..parse.names import clean_name, display_name
from .birth import date_order, labelled_date, person_name, prose_pair, unique_names
from .forms import Form, Label
from .text import DocText

_FIRST = r"husband|bride ?groom|groom|[ée]poux|spouse 1|party 1|first spouse"
_SECOND = r"wife|bride|[ée]pouse|spouse 2|party 2|second spouse"
LABELS = [
    Label(r"date (?:and place )?of (?:the )?marriage|date of solemni[sz]ation|marriage date|date du mariage|"
          r"married on|solemni[sz]ed on|date of celebration", "date", "marriage"),
    Label(rf"name of (?:the )?(?:{_FIRST})|(?:{_FIRST})['’]?s (?:full )?name", "name", "spouse1"),
    Label(_FIRST, "name", "spouse1", start_only=True),
    Label(rf"name of (?:the )?(?:{_SECOND})|(?:{_SECOND})['’]?s (?:full )?name", "name", "spouse2"),
    Label(_SECOND, "name", "spouse2", start_only=True),
    # Registers that do not say who is who: "Spouse Michael James Anderson" twice.
    Label(r"name of spouse|spouse['’]?s name|spouse|conjoint", "name", "spouses", start_only=True),
    Label(r"name and surname|full name|nom et prénoms?|name", "name"),
    Label(r"surname|last name|family name|nom de famille|nom", "surname"),
    Label(r"given names?|first names?|forenames?|prénoms?", "given"),
    # Labels that end a value on the same line and whose values mean nothing here.
    Label(r"age|âge|date of birth|date de naissance|n[ée]\(?e?\)? le|occupation|profession|address|adresse|"
          r"residence|domicile|father['’]?s name|mother['’]?s name|father|mother|père|mère|witness(?:es)?|témoins?|"
          r"nationality|nationalité|citizenship|religion|signature|place of marriage|lieu du mariage|civil status|"
          r"état civil|registration (?:number|no\.?)|date of registration|date of issue", "other"),
]
SECTIONS = {
    rf"(?:particulars of |details of )?(?:the )?(?:{_FIRST})(?:['’]s details)?": "spouse1",
    rf"(?:particulars of |details of )?(?:the )?(?:{_SECOND})(?:['’]s details)?": "spouse2",
    r"witness(?:es)?|témoins?|officiant|registrar.*|solemni[sz]ing officer|officier de l'état civil": "other",
}
FORM = Form(LABELS, SECTIONS, default_person="other")

_NAME = r"(?:[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|de|da|del|dela|van|von|bin|binti|le|la|du|des))*)"
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|M|Mme|Mlle|Monsieur|Madame)\.?\s+)?"
PROSE_BETWEEN = re.compile(
    rf"(?i:\b(?:between|entre)\s+){_HONORIFIC}(?P<a>{_NAME})[^;]{{0,120}}?\s(?i:and|et)\s+{_HONORIFIC}(?P<b>{_NAME})")
_MARRIAGE_WORDS = re.compile(r"(?i)\b(marri\w*|solemni[sz]\w*|wedding|mariage|unis|célébr\w*)\b")
# Dates that are not the marriage's: the spouses' births, the registration or the copy's issue.
_OTHER_DATES = re.compile(r"(?i)\b(born|birth|n[ée]e?|naissance|issued?|délivr\w*|registr\w*|enregistr\w*)\b")


def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    values = FORM.values(doc)
    fields: dict[str, Field] = {}
    spouses = [f for f in (person_name(doc, values, "spouse1"), person_name(doc, values, "spouse2")) if f]
    for v in values:
        name = clean_name(v.text) if v.person == "spouses" and v.role == "name" else None
        if name:
            spouses.append(doc.field(display_name(name), v.start, v.end))
    if len(spouses) < 2:
        spouses += prose_pair(doc, PROSE_BETWEEN)
    unique = {f.value: f for f in unique_names(spouses)}
    if unique:
        first = next(iter(unique.values()))
        fields["spouse_names"] = Field(list(unique)[:2], page=first.page,
                                       evidence=" | ".join(dict.fromkeys(f.evidence for f in unique.values())))
    married = _marriage_date(doc, values)
    if married:
        fields["marriage_date"] = married
    return fields


def _marriage_date(doc: DocText, values) -> Field | None:
    order = date_order(doc.text)
    labelled = labelled_date(doc, values, "marriage", order)
    if labelled:
        return labelled
    # No label: the first date near a word about the marriage that is no one's birth or
    # the register's own date.
    for found in find_dates(doc.text, order):
        before = doc.text[max(0, found.start - 40):found.start]
        around = doc.text[max(0, found.start - 150):found.end + 150]
        if _OTHER_DATES.search(before) or not _MARRIAGE_WORDS.search(around):
            continue
        return doc.field(found.value, found.start, found.end, confidence=0.5 if found.ambiguous else 1.0,
                         precision=found.precision)
    return None
