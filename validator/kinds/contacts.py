"""Postal addresses, telephone numbers and email addresses, as letterheads and footers print them."""
from __future__ import annotations

import re

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")

_PHONE_LABEL = r"(?:tel(?:ephone)?|t[ée]l[ée]phone|t[ée]l|phone|ph|mobile|cell|fax-?free|contact|t)\.?\s*(?:no\.?|number|#)?\s*[:.]?\s*"
_PHONE_NUMBER = r"(?:\+ ?\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,5}){1,4}"
PHONE_LABELLED = re.compile(r"(?i)\b" + _PHONE_LABEL + r"(" + _PHONE_NUMBER + r")")
PHONE_SHAPED = re.compile(
    r"(?<![\w/.-])(\+ ?\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,5}(?:[ .-]\d{2,5}){1,4}"  # +country code
    r"|\(\d{3}\) ?\d{3}[ .-]\d{4}"  # (416) 555-0100
    r"|\b\d{3}[.-]\d{3}[.-]\d{4})(?![\w/-])")  # 416-555-0100
FAX = re.compile(r"(?i)\bfax\b")

_POSTCODES = [
    r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b",  # Canada
    r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b",  # USA
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b",  # United Kingdom
    r"(?i:\b(?:pin(?:\s?code)?[\s:-]*)?\d{3}\s?\d{3}\b(?=[^\d\n]*(?:india|maharashtra|karnataka|delhi|tamil|telangana|gujarat|kerala)))",  # India
    r"\b\d{5}\s+[A-ZÉ][a-zéèêàç'-]+(?:[\s-][A-ZÉ]?[a-zéèêàç'-]+)*(?:\s+C[Ee][Dd][Ee][Xx])?\b",  # France: 75008 Paris
    r"\b\d{4}\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)*,?\s+(?:Philippines|Metro Manila|Australia|NSW|VIC|QLD)\b",
    r"\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+\d{4}\b",  # Australia
]
POSTCODE = re.compile("|".join(f"(?:{p})" for p in _POSTCODES))
_STREET_TYPES = (r"street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|court|ct|crescent|cres|"
                 r"parkway|pkwy|highway|hwy|square|sq|terrace|circle|trail|row|marg|nagar|floor|tower|building|bldg|"
                 r"suite|unit|rue|avenue|chemin|allée|quai|cours|impasse|route")
STREET = re.compile(r"(?i)(?:\b\d{1,6}[A-Za-z]?(?:[-/]\d+)?,?\s+(?:[A-Za-zÀ-ÿ'.-]+\s+){0,5}(?:%s)\b"
                    r"|\b(?:%s)\s+(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+)?[A-Za-zÀ-ÿ'-]+)" % (_STREET_TYPES, _STREET_TYPES))
PO_BOX = re.compile(r"(?i)\b(?:p\.?\s?o\.?\s?box|case postale|c\.p\.|bo[iî]te postale)\s*\d+")


def find_email(text: str, start: int = 0) -> re.Match | None:
    return EMAIL.search(text, start)


def find_phone(text: str) -> tuple[str, int, int] | None:
    """The first telephone number (labelled ones first), skipping fax lines."""
    for pattern, group in ((PHONE_LABELLED, 1), (PHONE_SHAPED, 1)):
        for m in pattern.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start:m.start(group)]
            if FAX.search(before) and not re.search(r"(?i)\b(tel|phone|t[ée]l)", before):
                continue
            number = m.group(group).strip()
            if sum(c.isdigit() for c in number) >= 7:
                return number, m.start(group), m.start(group) + len(number)
    return None


COUNTRY_LINE_END = re.compile(
    r"(?i)\b(canada|usa|u\.s\.a\.|united states|india|philippines|france|united kingdom|uk|england|scotland|"
    r"wales|australia|new zealand|ireland|germany|nigeria|pakistan|china|mexico|brazil|singapore|"
    r"united arab emirates|uae)\.?\s*$")
_BUILDING = re.compile(r"(?i)\b(floor|tower|park|estate|area|plot|cross|phase|km|barangay|sector|block|"
                       r"industrial|building|bldg|suite|unit|complex|plaza|centre|center|house|zone)\b")


def _address_like(line: str) -> bool:
    """A line of a postal address above the city line: a street, a building, a plot."""
    line = line.strip()
    return (0 < len(line) <= 80 and not EMAIL.search(line) and not PHONE_LABELLED.search(line)
            and bool(STREET.search(line) or _BUILDING.search(line) or re.match(r"(?i)^(no\.?\s*)?\d", line)))


def _city_line(line: str) -> bool:
    """The line that ends an address: a postcode, a PO box, or a country name at its end."""
    if EMAIL.search(line) and not STREET.search(line):
        return False
    postcode, street = POSTCODE.search(line), STREET.search(line)
    if postcode and street and street.start() == postcode.start():
        postcode = None  # "31000 Wheel Avenue" is a street number, not a French postcode
    return bool(postcode or PO_BOX.search(line) or COUNTRY_LINE_END.search(line))


# A Canadian postcode alternates letters and digits; OCR and typists write a zero as the letter O
# ("T5J OK4"). With the letters in place and two of the three digits real, an O is the zero.
CANADIAN_POSTCODE_WITH_O = re.compile(
    r"\b([ABCEGHJ-NPRSTVXY])([\dO])([ABCEGHJ-NPRSTV-Z])(\s?)([\dO])([ABCEGHJ-NPRSTV-Z])([\dO])\b")


def _zeros_for_o(line: str) -> str:
    """The line with the zeros of its Canadian postcode written as digits (same length)."""
    def zero(m: re.Match) -> str:
        if sum(m[i].isdigit() for i in (2, 5, 7)) < 2:
            return m[0]
        return "".join(m[i].replace("O", "0") if i in (2, 5, 7) else m[i] for i in range(1, 8))
    return CANADIAN_POSTCODE_WITH_O.sub(zero, line)


def find_address(text: str) -> tuple[str, int, int] | None:
    """The first postal address: its city line with the street lines above and a country line below."""
    lines = [_zeros_for_o(line) for line in text.split("\n")]
    offsets, offset = [], 0
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    for i, line in enumerate(lines):
        if not _city_line(line):
            continue
        first = i
        while first > 0 and i - first < 2 and not STREET.search(lines[first]) and _address_like(lines[first - 1]):
            first -= 1
        last = i + 1 if i + 1 < len(lines) and COUNTRY_LINE_END.fullmatch(lines[i + 1].strip()) else i
        value = ", ".join(c for c in (_clean_address_line(lines[j]) for j in range(first, last + 1)) if c)
        if value:
            return value, offsets[first], offsets[last] + len(lines[last])
    for i, line in enumerate(lines):  # a street line alone still gives the employer's address
        if STREET.search(line) and re.search(r"\d", line) and not EMAIL.search(line):
            return _clean_address_line(line), offsets[i], offsets[i] + len(line)
    return None


def _clean_address_line(line: str) -> str:
    line = re.sub(r"(?i)^\s*(address|adresse|head office|registered office|siège social)\s*[:\-]\s*", "", line)
    # Footers often run address | phone | email on one line: keep the address part.
    parts = re.split(r"\s+[|•·]\s+|\s{3,}", line)
    keep = [p for p in parts if not EMAIL.search(p) and not PHONE_LABELLED.search(p) and not re.match(r"(?i)^(www\.|https?:)", p)]
    return ", ".join(p.strip(" ,") for p in keep if p.strip(" ,"))
