"""Passports: holder, date of birth, number, expiry (plus nationality, sex and, on some
passports' last page, the spouse's name).

Two sources on one page: the visual zone (labelled, often bilingual: "Date of expiry / Date
d'expiration 14 JAN /JAN 2031") and the machine-readable zone (two 44-character lines, see
parse/mrz.py). A value is taken from the zone when its own check digit passes, since the digits
catch misreadings the visual zone has no guard against; otherwise from the visual zone.
Names come from the visual zone when it has them: the zone drops accents (MÜLLER -> MUELLER),
truncates long names and no check digit covers them. ``mrz_valid`` records whether every
check digit of the zone passed.
"""
from __future__ import annotations

import datetime as dt
import re

from ..model import Field, Page
from ..parse.dates import find_dates
from ..parse.mrz import MRZ, birth_date, expiry_date, find_td3, parse_td3
from ..parse.names import clean_name, display_name
from .forms import Form, Label, Value
from .text import DocText

_FR = r"(?:\s*/\s*{})?"  # the French half of a bilingual label, as Canadian passports print it
LABELS = [
    Label(r"passport (?:no\.?|number|#)" + _FR.format(r"no\.? d[eu] passeport") + r"|no\.? d[eu] passeport|"
          r"document (?:no\.?|number)", "number"),
    Label(r"surname" + _FR.format("nom") + r"|last name|family name", "surname"),
    Label(r"given names?" + _FR.format("prénoms?") + r"|first names?|prénoms?", "given"),
    Label(r"middle names?", "middle"),
    Label(r"nationality" + _FR.format("nationalité") + r"|nationalité|citizenship", "nationality"),
    Label(r"date of birth" + _FR.format("date de naissance") + r"|birth date|date de naissance", "birth"),
    Label(r"date of expiry" + _FR.format("date d'expiration") + r"|expiry date|expiration date|"
          r"date d'expiration|valid until", "expiry"),
    Label(r"date of issue" + _FR.format("date de délivrance") + r"|issue date|date de délivrance", "issue"),
    Label(r"sex" + _FR.format("sexe") + r"|sexe|gender", "sex"),
    Label(r"name of spouse|spouse'?s name|spouse", "spouse"),
    # Labels that end a value on the same line and whose values are not extracted.
    Label(r"type|country code|code du pays|issuing country|place of birth" + _FR.format("lieu de naissance") +
          r"|place of issue|authority" + _FR.format("autorité") + r"|issuing authority|name of father(?: ?/ ?legal "
          r"guardian)?|father'?s name|name of mother|mother'?s name|address|file no\.?|old passport.*|"
          r"signature|observations?", "other"),
    Label(r"name|full name|nom", "name"),
]
FORM = Form(LABELS, sections={}, default_person="holder")

# "14 JAN /JAN 2031", "12 APR/AVR 90": the second month name is the French one.
_BILINGUAL_MONTH = re.compile(r"\b([A-Za-z]{3,4})\.?\s*/\s*[A-Za-zÀ-ÿ]{3,5}\.?(?=\s)")
_SHORT_YEAR = re.compile(r"\b(\d{1,2})[\s-]+([A-Za-z]{3})[\s-]+(\d{2})\b")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_SEX = re.compile(r"^\s*(?P<sex>[MF])\b|^\s*(?P<word>male|female|masculin|féminin)\b", re.IGNORECASE)

def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    fields = _visual_zone(doc)
    zone = _zone(doc)
    if zone is None:
        return fields
    mrz, start, end = zone
    fields["mrz_valid"] = doc.field(mrz.valid, start, end)
    # Values a check digit guards: the zone's when the digit passes; a failed one is kept only
    # when the visual zone has nothing, flagged as a guess.
    for name, value in (("passport_number", mrz.number), ("date_of_birth", mrz.birth_date),
                        ("expiry_date", mrz.expiry_date)):
        if value and mrz.checks[name]:
            fields[name] = doc.field(value, start, end)
        elif value and name not in fields:
            fields[name] = doc.field(value, start, end, confidence=0.5)
    # Values no check digit covers: the visual zone's first.
    for name, value in (("surname", mrz.surname), ("given_names", mrz.given_names), ("holder_name", mrz.name)):
        if value and name not in fields:
            fields[name] = doc.field(display_name(value), start, end)
    for name, value in (("nationality", mrz.nationality), ("sex", mrz.sex)):
        if value and name not in fields:
            fields[name] = doc.field(value, start, end)
    return fields


def _zone(doc: DocText) -> tuple[MRZ, int, int] | None:
    found = find_td3(doc.text)
    if found is None:
        return None
    line1, line2, start, end = found
    try:
        return parse_td3(line1, line2), start, end
    except ValueError:
        return None


def _visual_zone(doc: DocText) -> dict[str, Field]:
    values = FORM.values(doc)
    fields: dict[str, Field] = {}

    def first(role: str) -> Value | None:
        return next((v for v in values if v.role == role), None)

    expiry = _date(first("expiry"))
    for role, name, parsed in (("expiry", "expiry_date", expiry),
                               ("birth", "date_of_birth", _date(first("birth"), birth=True, expiry=expiry)),
                               ("issue", "issue_date", _date(first("issue")))):
        if parsed is not None:
            v = first(role)
            fields[name] = doc.field(parsed, v.start, v.end)
    number = first("number")
    if number is not None:
        m = re.match(r"[A-Z0-9]{6,12}", number.text.replace(" ", ""))
        if m:
            fields["passport_number"] = doc.field(m.group(), number.start, number.end)
    names: dict[str, tuple[str, Value]] = {}
    for role in ("surname", "given", "middle", "name", "spouse"):
        v = first(role)
        cleaned = clean_name(v.text) if v else None
        if cleaned:
            names[role] = (cleaned, v)
    for role, name in (("surname", "surname"), ("given", "given_names"), ("name", "holder_name"),
                       ("spouse", "spouse_name")):
        if role in names:
            cleaned, v = names[role]
            fields[name] = doc.field(display_name(cleaned), v.start, v.end)
    parts = [names[r] for r in ("given", "middle", "surname") if r in names]
    if "holder_name" not in fields and parts:
        full = " ".join(text for text, _ in parts)
        fields["holder_name"] = doc.field(display_name(full), min(v.start for _, v in parts),
                                          max(v.end for _, v in parts))
    nationality = first("nationality")
    if nationality is not None:
        value = nationality.text.split("/")[0].strip()
        if re.fullmatch(r"[^\W\d_][^\W\d_ -]*(?:[ -][^\W\d_]+)*", value):
            fields["nationality"] = doc.field(value, nationality.start, nationality.end)
    sex = first("sex")
    if sex is not None:
        m = _SEX.match(sex.text)
        if m:
            letter = m.group("sex") or ("F" if m.group("word").lower().startswith("f") else "M")
            fields["sex"] = doc.field(letter.upper(), sex.start, sex.end)
    return fields


def _date(value: Value | None, *, birth: bool = False, expiry: dt.date | None = None) -> dt.date | None:
    """A visual-zone date; two-digit years are resolved as the machine-readable zone does."""
    if value is None:
        return None
    text = _BILINGUAL_MONTH.sub(r"\1", value.text + " ")
    found = find_dates(text, "DMY")  # ICAO prints day first; so do passports that use numbers
    if found:
        return found[0].value
    m = _SHORT_YEAR.search(text)
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if month is None:
        return None
    day, year = int(m.group(1)), int(m.group(3))
    return birth_date(year, month, day, expiry) if birth else expiry_date(year, month, day)
