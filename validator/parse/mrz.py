"""The machine-readable zone of a passport (ICAO Doc 9303 Part 4, TD3: two lines of 44).

Line 1: ``P`` + type, issuing state (3), then ``SURNAME<<GIVEN<NAMES`` padded with ``<``.
Line 2: number (9) + check, nationality (3), birth date YYMMDD + check, sex, expiry YYMMDD +
check, optional data (14) + check, composite check over number, birth, expiry and optional data.

Check digits are what make the zone trustworthy: OCR and retyping errors almost always break
one, so a value is only worth preferring over the printed page when its digit passes. The
module is pure (no clock): two-digit years are resolved against the zone's own dates.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

__all__ = ["MRZ", "birth_date", "check_digit", "expiry_date", "find_td3", "parse_td3"]

TD3_LENGTH = 44
_WEIGHTS = (7, 3, 1)
_LINE = re.compile(r"[A-Z0-9<]{44}")
# OCR and PDF text layers sometimes break the zone with spaces; a line that becomes 44
# MRZ characters once spaces are removed is still the zone.
_LOOSE_LINE = re.compile(r"^[A-Z0-9< ]{44,60}$")


def _char_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise ValueError(f"{char!r} is not an MRZ character")


def check_digit(data: str) -> int:
    """ICAO 9303 check digit: character values weighted 7, 3, 1 repeating, summed, mod 10."""
    return sum(_char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data)) % 10


def _digit_ok(data: str, digit: str, *, filler_allowed: bool = False) -> bool:
    """Whether ``digit`` is the check digit of ``data``.

    Only the optional-data check may be ``<`` (when the field is all filler, it reads as 0).
    """
    if digit == "<":
        return filler_allowed and check_digit(data) == 0
    return digit.isdigit() and int(digit) == check_digit(data)


def _yymmdd(text: str) -> tuple[int, int, int] | None:
    if not re.fullmatch(r"\d{6}", text):
        return None
    return int(text[:2]), int(text[2:4]), int(text[4:])


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class MRZ:
    """A parsed TD3 zone. ``checks`` maps each field's name to whether its digit passed."""

    line1: str
    line2: str
    document_type: str
    issuing_state: str
    surname: str
    given_names: str
    number: str
    nationality: str
    birth_date: dt.date | None
    sex: str | None  # M | F | None ('<' or 'X': unspecified)
    expiry_date: dt.date | None
    optional_data: str
    checks: dict[str, bool]

    @property
    def valid(self) -> bool:
        return all(self.checks.values())

    @property
    def name(self) -> str:
        """Given names then surname, as words ("PRIYA ANIKA SHARMA")."""
        return " ".join(part for part in (self.given_names, self.surname) if part)


def parse_td3(line1: str, line2: str) -> MRZ:
    """Parse two 44-character lines; raises ValueError when they are not a TD3 zone."""
    if not (_LINE.fullmatch(line1) and _LINE.fullmatch(line2) and line1[0] == "P"):
        raise ValueError("not a TD3 passport zone (two lines of 44 characters, the first starting with P)")
    surname, _, given = line1[5:].partition("<<")
    number, birth, expiry, optional = line2[0:9], line2[13:19], line2[21:27], line2[28:42]
    checks = {
        "passport_number": _digit_ok(number, line2[9]),
        "date_of_birth": _digit_ok(birth, line2[19]),
        "expiry_date": _digit_ok(expiry, line2[27]),
        "optional_data": _digit_ok(optional, line2[42], filler_allowed=True),
        "composite": _digit_ok(line2[0:10] + line2[13:20] + line2[21:43], line2[43]),
    }
    expiry_date = _expiry(expiry)
    return MRZ(
        line1=line1, line2=line2, document_type=line1[0:2].rstrip("<"), issuing_state=line1[2:5].strip("<"),
        surname=_words(surname), given_names=_words(given), number=number.rstrip("<"),
        nationality=line2[10:13].strip("<"), birth_date=_birth(birth, expiry_date),
        sex=line2[20] if line2[20] in "MF" else None, expiry_date=expiry_date,
        optional_data=optional.rstrip("<"), checks=checks,
    )


def _words(field: str) -> str:
    return " ".join(field.replace("<", " ").split())


def expiry_date(year: int, month: int, day: int) -> dt.date | None:
    """An expiry date from a two-digit year: passports in circulation expire in this century."""
    return _date(2000 + year, month, day)


def birth_date(year: int, month: int, day: int, expiry: dt.date | None) -> dt.date | None:
    """A birth date from a two-digit year: the 2000s reading when it falls before the expiry.

    A passport is issued after its holder's birth, so a birth date in the 2000s that comes
    after the expiry date cannot be right. Without a clock this is the only anchor; it misreads
    only holders over 100 (born 1925 with a passport expiring 2030 reads as 2025).
    """
    recent = _date(2000 + year, month, day)
    if recent is not None and (expiry is None or recent < expiry):
        return recent
    return _date(1900 + year, month, day)


def _expiry(text: str) -> dt.date | None:
    parts = _yymmdd(text)
    return expiry_date(*parts) if parts else None


def _birth(text: str, expiry: dt.date | None) -> dt.date | None:
    parts = _yymmdd(text)
    return birth_date(*parts, expiry) if parts else None


def find_td3(text: str) -> tuple[str, str, int, int] | None:
    """The first TD3 zone in ``text``: both lines and the span they occupy.

    Returns ``(line1, line2, start, end)`` with offsets into ``text`` so that extractors can
    give evidence for the fields they take from it.
    """
    offset = 0
    lines = []
    for raw in text.split("\n"):
        lines.append((raw, offset))
        offset += len(raw) + 1
    for (first, start), (second, second_start) in itertools.pairwise(lines):
        a, b = _compact(first), _compact(second)
        if a and b and a[0] == "P":
            return a, b, start, second_start + len(second)
    return None


def _compact(line: str) -> str | None:
    stripped = line.strip()
    if not _LOOSE_LINE.match(stripped):
        return None
    compact = stripped.replace(" ", "")
    return compact if len(compact) == TD3_LENGTH else None
