"""Find dates and date ranges in English and French document text.

Everything here is regex plus month tables rather than ``dateparser``: the
library guesses far too eagerly when scanning free text ('1200' becomes a year,
'May' in 'To whom it May concern' becomes a month, '$62' becomes 2062), and
importing it costs noticeable start-up time.  A date is only recognised when
its day/month/year parts have an explicit shape, which keeps false positives
down at the price of missing exotic spellings.

The module is pure: no I/O and no clock, so results depend only on the input.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .fastmatch import word_alternation

__all__ = [
    "CURRENT_WORDS",
    "DateMatch",
    "DateRange",
    "find_date_ranges",
    "find_dates",
    "infer_order",
    "parse_date",
    "states_current",
]

# Years outside this window are almost always some other number (a reference,
# an amount) that happens to sit in a date-like shape.
MIN_YEAR, MAX_YEAR = 1900, 2099
# Two-digit years: 00-49 -> 2000s, 50-99 -> 1900s.  Fixed rather than relative
# to today so that results never depend on the clock.
TWO_DIGIT_YEAR_PIVOT = 50

_MONTH_NAMES: dict[str, int] = {
    # English
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    # French (with and without accents, since scans and keyboards drop them)
    "janvier": 1, "janv": 1,
    "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7, "juill": 7,
    "août": 8, "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12, "decembre": 12, "déc": 12,
}

# The month name is a whole word (\b on both sides), so which alternative the engine tries
# first cannot change the match: 'mars' is never read as 'mar' + 's'.
_MONTH = rf"\b(?P<month>{word_alternation(_MONTH_NAMES)})\b"
_ORDINAL = r"(?:st|nd|rd|th|er)?"
# A numeric date must not start or end inside a longer digit run such as a
# phone number, '1204/03/2019' or '18,00,000'.  A hyphen is allowed next to a
# date so that ranges like '01/2019-06/2021' still split into two dates.
# The leading (?=\d) only saves time: it rejects most positions before the lookbehinds run.
_NUM_START = r"(?=\d)(?<!\d)(?<!\d[.,/])"
_NUM_END = r"(?!\d)(?![.,/]\d)"
_YEAR4 = r"(?P<year>\d{4})(?!\d)"
_DIGIT_RE = re.compile(r"\d")

_ISO_RE = re.compile(
    _NUM_START
    + r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    + _NUM_END
)
_NUMERIC_DMY_RE = re.compile(
    _NUM_START
    + r"(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    + _NUM_END
)
_NUMERIC_MY_RE = re.compile(
    _NUM_START + r"(?P<month>\d{1,2})[-/](?P<year>\d{4})" + _NUM_END
)
# '4 March 2019', '4th of March, 2019', 'this 4th day of March, 2019', '1er avril 2020'
_TEXT_DMY_RE = re.compile(
    _NUM_START
    + r"(?P<day>\d{1,2})" + _ORDINAL + r"(?:\s+day)?(?:\s+of)?\s+"
    + _MONTH + r"\.?,?\s+" + _YEAR4,
    re.IGNORECASE,
)
# 'the fourth of March, 2019', 'this twenty-first day of June 2015': the day as an ordinal word, as
# formal letters and affidavits write it ('of' is required: 'second March 2019' is no date).
_ORDINAL_WORDS: dict[str, int] = {
    word: day for day, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)
}
_ORDINAL_WORDS.update({f"twenty{sep}{word}": 20 + day
                       for sep in ("-", " ") for word, day in list(_ORDINAL_WORDS.items()) if day < 10})
_ORDINAL_WORDS.update({"thirtieth": 30, "thirty-first": 31, "thirty first": 31})
_TEXT_WORD_DMY_RE = re.compile(
    rf"\b(?P<day>{word_alternation(_ORDINAL_WORDS)})(?:\s+day)?\s+of\s+" + _MONTH + r"\.?,?\s+" + _YEAR4,
    re.IGNORECASE,
)
# '26-Sep-2023', '26/SEP/2023', '26-Sep-23'
_TEXT_DMY_PUNCT_RE = re.compile(
    _NUM_START
    + r"(?P<day>\d{1,2})(?P<sep>[-/.])" + _MONTH + r"(?P=sep)(?P<year>\d{4}|\d{2})(?!\d)",
    re.IGNORECASE,
)
# 'March 4, 2019', 'Mar. 4 2019', 'SEP 26 2023', 'March 4th, 2019'
_TEXT_MDY_RE = re.compile(
    _MONTH + r"\.?\s*(?P<day>\d{1,2})" + _ORDINAL + r"(?:,\s*|\s+)" + _YEAR4,
    re.IGNORECASE,
)
# 'June 2021', 'juin 2021', 'Jun. 2021', 'June, 2021', 'Sep-2023'
_TEXT_MY_RE = re.compile(
    _MONTH + r"\.?(?:\s*,\s*|\s+|[-/])" + _YEAR4,
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text.

    ``value`` is the first day of the month for month precision and January 1
    for year precision, so that values always compare and sort.
    """

    value: datetime.date
    precision: str  # "day" | "month" | "year"
    start: int
    end: int
    text: str
    ambiguous: bool = False  # numeric day/month order was guessed


@dataclass(frozen=True)
class _Candidate:
    """A span claimed by one of the date patterns.

    ``match`` is None when the span has a date shape but is not a real date
    (31/02/2020); the span is still claimed so that a shorter pattern cannot
    salvage part of it ('02/2020' as a month).  ``settles`` records which
    numeric order the span proves, for :func:`infer_order`.
    """

    start: int
    end: int
    match: DateMatch | None
    settles: str | None = None


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    return year


def _make_date(year: int, month: int, day: int) -> datetime.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _candidate(
    text: str,
    m: re.Match[str],
    year: int,
    month: int,
    day: int | None,
    *,
    ambiguous: bool = False,
    settles: str | None = None,
) -> _Candidate:
    value = _make_date(year, month, day or 1)
    if value is None:
        return _Candidate(m.start(), m.end(), None)
    match = DateMatch(
        value=value,
        precision="month" if day is None else "day",
        start=m.start(),
        end=m.end(),
        text=text[m.start():m.end()],
        ambiguous=ambiguous,
    )
    return _Candidate(m.start(), m.end(), match, settles)


def _month_number(name: str) -> int:
    return _MONTH_NAMES[name.lower()]


def _numeric_candidate(text: str, m: re.Match[str], order: str | None) -> _Candidate:
    """Resolve dd/mm/yyyy vs mm/dd/yyyy.

    A part above 12 settles the order; otherwise the caller's ``order`` wins,
    and failing that we guess day-first (the more common order outside the US)
    and flag the guess.  Identical parts ('05/05/2020') read the same either
    way, so they are never ambiguous.
    """
    first, second = int(m["first"]), int(m["second"])
    if m["sep"] == "." and len(m["year"]) == 2:
        # '1.2.33' is far more likely a section or version number.
        return _Candidate(m.start(), m.end(), None)
    year = _full_year(m["year"])
    if first > 12 and second <= 12:
        return _candidate(text, m, year, second, first, settles="DMY")
    if second > 12 and first <= 12:
        return _candidate(text, m, year, first, second, settles="MDY")
    if order == "MDY":
        return _candidate(text, m, year, first, second)
    guessed = order is None and first != second
    return _candidate(text, m, year, second, first, ambiguous=guessed)


def _candidates(text: str, order: str | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    if not _DIGIT_RE.search(text):  # every date shape has digits (a day or a year)
        return found
    for m in _ISO_RE.finditer(text):
        found.append(_candidate(text, m, int(m["year"]), int(m["month"]), int(m["day"])))
    for m in _NUMERIC_DMY_RE.finditer(text):
        found.append(_numeric_candidate(text, m, order))
    for m in _NUMERIC_MY_RE.finditer(text):
        found.append(_candidate(text, m, int(m["year"]), int(m["month"]), None))
    for pattern in (_TEXT_DMY_RE, _TEXT_MDY_RE):
        for m in pattern.finditer(text):
            found.append(
                _candidate(text, m, int(m["year"]), _month_number(m["month"]), int(m["day"]))
            )
    for m in _TEXT_WORD_DMY_RE.finditer(text):
        day = _ORDINAL_WORDS[" ".join(m["day"].lower().split())]
        found.append(_candidate(text, m, int(m["year"]), _month_number(m["month"]), day))
    for m in _TEXT_DMY_PUNCT_RE.finditer(text):
        found.append(
            _candidate(
                text, m, _full_year(m["year"]), _month_number(m["month"]), int(m["day"])
            )
        )
    for m in _TEXT_MY_RE.finditer(text):
        found.append(_candidate(text, m, int(m["year"]), _month_number(m["month"]), None))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the earliest, then longest, candidate of each overlapping group."""
    chosen: list[_Candidate] = []
    last_end = -1
    for cand in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if cand.start >= last_end:
            chosen.append(cand)
            last_end = cand.end
    return chosen


def find_dates(text: str, order: str | None = None) -> list[DateMatch]:
    """Every date in ``text``, in text order, without overlaps.

    ``order`` ("DMY" or "MDY") resolves numeric dates whose day and month are
    both <= 12; with None such dates are read day-first and flagged
    ``ambiguous``.  Bare years are ignored on purpose, and impossible dates
    (31/02/2020) are dropped.
    """
    return [c.match for c in _select(_candidates(text, order)) if c.match is not None]


def parse_date(text: str, order: str | None = None) -> DateMatch | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text, order)
    return dates[0] if dates else None


def parse_labelled_value(value: str, order: str | None = None,
                         languages: tuple[str, ...] = ("en", "fr")) -> DateMatch | None:
    """The date a labelled field holds ("Start date | 4th day of March, 2019"), or None.

    The value must be a date and little else: "From March 4, 2019 to present" is a sentence,
    not a labelled date. The label already says the value is a date, so when the regexes do not
    read it whole, dateparser may parse the clean span (DEPENDENCIES.md: never let it search free
    text); it must find a day, a month and a year, and is imported only when needed.
    """
    span = value.strip(" .,;")
    found = parse_date(value, order)
    if found is not None and len(found.text) >= 0.8 * len(span):
        return found
    if not span or len(span) > 40 or not re.search(r"\d", span):
        return None
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first",
                "PARSERS": ["absolute-time"], "DATE_ORDER": order or "DMY"}
    parsed = dateparser.parse(span, languages=list(languages), settings=settings)
    if parsed is None or not 1900 <= parsed.year <= 2099:
        return None
    start = value.find(span)
    numeric = re.fullmatch(r"\d{1,2}\D{1,3}\d{1,2}\D{1,3}\d{2,4}", span) is not None
    return DateMatch(parsed.date(), "day", start, start + len(span), span, ambiguous=numeric and order is None)


def infer_order(text: str) -> str | None:
    """"DMY" or "MDY" when the numeric dates in ``text`` prove one order.

    Returns None when no numeric date has a part above 12, or when the text
    contradicts itself (one date proves DMY, another MDY).
    """
    settled = {c.settles for c in _select(_candidates(text, None)) if c.match and c.settles}
    return settled.pop() if len(settled) == 1 else None


# --- ranges -----------------------------------------------------------------

_APOS = "['’]"

# Words introducing the start of a range, ending right where the date starts.
# 'since'/'depuis' imply the range is still running; 'du'/'de'/'entre'/'between'
# only introduce a range when an end follows, because 'lettre du 4 mars' is a
# plain date; the others mark an open-ended start.
_RANGE_PREFIX_RE = re.compile(
    r"(?:"
    r"\b(?P<since>since|depuis)"
    r"|\b(?P<between>between|entre)"
    r"|\b(?P<open>from|starting(?:\s+(?:from|on))?|commencing(?:\s+on)?|effective(?:\s+from)?"
    r"|à\s+partir\s+d(?:u|e)|à\s+compter\s+d(?:u|e))"
    r"|\b(?P<pair>du|de)"
    r")\s*:?\s+(?:the\s+|le\s+)?$"
    rf"|(?P<elided>\bà\s+partir\s+d{_APOS}|\bà\s+compter\s+d{_APOS}|\bd{_APOS})$",
    re.IGNORECASE,
)
# How far back to look for a range prefix; longer than any prefix above.
_PREFIX_WINDOW = 40

# The whole gap between two dates that form a range.
_RANGE_CONNECTOR_RE = re.compile(
    r"\s*,?\s*(?:"
    r"[-–—~]|to|until|till|through|thru|up\s+to|au|à|a"
    rf"|jusqu{_APOS}(?:au|à)"
    r"|(?P<and>and|et)"
    r")\s*:?\s*(?:the\s+|le\s+)?",
    re.IGNORECASE,
)

# A range end meaning "up to now", matched right after the start date.
_CURRENT_END_RE = re.compile(
    r"\s*,?\s*(?:"
    r"(?:[-–—~]|to|until|till|through|up\s+to)\s*(?:the\s+)?"
    r"(?:present(?:\s+day)?|date(?!\s+of\b)|today|now|this\s+day|current|ongoing)"
    rf"|(?:[-–—~]|à|a|au|jusqu{_APOS}à|jusqu{_APOS}au)\s*"
    rf"(?:ce\s+jour|aujourd{_APOS}hui|présent|present|maintenant|la\s+date\s+actuelle|nos\s+jours)"
    r")(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateRange:
    """A period such as an employment term.

    ``end`` is None when the range runs to the present (``current``) or when
    the text gives only a start ('starting March 4, 2019').  The span covers
    the introducing word ('from', 'since', 'du'...) when there is one.
    """

    start: DateMatch | None
    end: DateMatch | None
    current: bool
    span_start: int
    span_end: int
    text: str


def _range_prefix(text: str, pos: int) -> tuple[int, str | None]:
    """Where the prefix before ``pos`` starts and which kind it is."""
    m = _RANGE_PREFIX_RE.search(text, max(0, pos - _PREFIX_WINDOW), pos)
    if m is None:
        return pos, None
    kind = m.lastgroup
    return m.start(), "pair" if kind == "elided" else kind


def find_date_ranges(text: str, order: str | None = None) -> list[DateRange]:
    """Every date range in ``text``, in text order.

    A range is two dates joined by a connector ('to', '-', 'au', 'and' after
    'between'...), a date followed by a 'to present' style ending, or a date
    after 'since'/'depuis' (current) or 'starting'/'from' (open).  ``order``
    is passed to :func:`find_dates`; call :func:`infer_order` first to let the
    document settle ambiguous numeric dates.
    """
    dates = find_dates(text, order)
    ranges: list[DateRange] = []
    i = 0
    while i < len(dates):
        first = dates[i]
        span_start, kind = _range_prefix(text, first.start)
        end: DateMatch | None = None
        current = False
        span_end = None
        if i + 1 < len(dates):
            second = dates[i + 1]
            conn = _RANGE_CONNECTOR_RE.fullmatch(text, first.end, second.start)
            if conn and (conn["and"] is None or kind == "between"):
                end, span_end = second, second.end
        if span_end is None:
            tail = _CURRENT_END_RE.match(text, first.end)
            if tail:
                current, span_end = True, tail.end()
            elif kind in ("since", "open"):
                current, span_end = kind == "since", first.end
        if span_end is not None:
            ranges.append(
                DateRange(first, end, current, span_start, span_end, text[span_start:span_end])
            )
        i += 2 if end is not None else 1
    return ranges


# --- "still employed" statements --------------------------------------------

# 'present' is also a verb ('present this letter') and a form label ('present
# address'); only count it when not followed by such an object.
_PRESENT_NOT_CURRENT = (
    r"this|that|these|those|the|a|an|his|her|their|its|it|them|him|us|me|your|our|my"
    r"|in|at|on|for|with|to|evidence|proof|documents?|certificates?|letters?|original|address"
)

# Every statement starts at a word boundary; one \b ahead of them all spares the engine trying
# each of them inside words.
CURRENT_WORDS = re.compile(
    r"\b(?:"
    rf"present\b(?!\s+(?:{_PRESENT_NOT_CURRENT})\b)"
    r"|presently\b|currently\b"
    r"|(?<!up\s)(?<!up-)to\s+date\b(?!\s+of\b)|till\s+(?:date|now)\b|until\s+now\b|to\s+this\s+day\b"
    r"|still\s+(?:employed|working|works|in\s+(?:our|the)\s+employ)\b"
    r"|remains?\s+(?:employed|in\s+(?:our|the)\s+employ)\b"
    r"|continues?\s+to\s+(?:work|be\s+employed|serve|hold)\b"
    r"|(?:is|am|are)\s+(?:employed|working)\b"
    r"|ha(?:s|ve)\s+been\s+(?:working|employed|serving)\b[^.;]{0,100}?\bsince\b"
    r"|actuellement\b|présentement\b|à\s+ce\s+jour\b|à\s+présent\b"
    rf"|jusqu{_APOS}(?:à\s+(?:ce\s+jour|présent|present|aujourd{_APOS}hui|maintenant)|au\s+présent)"
    rf"|toujours\s+(?:en\s+poste|employée?|à\s+(?:l{_APOS}|notre\s+)emploi)"
    r"|(?:travaille|occupe|est\s+employée?|est\s+en\s+poste)\b[^.;]{0,100}?\bdepuis\b"
    r")",
    re.IGNORECASE,
)


def states_current(text: str) -> bool:
    """True when ``text`` says the employment (or similar) is still ongoing."""
    return CURRENT_WORDS.search(text) is not None
