"""Find statements of weekly working hours in English and French text.

Express Entry needs to know whether a job was full-time (30+ hours a week),
so reference letters state hours in many shapes: '40 hours per week',
'8 hours a day, 5 days a week', 'Monday to Friday, 9:00 to 17:00',
'du lundi au vendredi de 9 h à 17 h'.  Each shape becomes a weekly total.

A number of hours only counts when something ties it to a week (or to a day
and a number of working days): '40 hours of training', '1,560 hours' and
'24 hours customer support' are not schedules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import fastmatch
from .fastmatch import word_alternation

__all__ = ["HoursMatch", "find_weekly_hours"]

# Beyond these a statement is about availability ('24 hours a day, 7 days a
# week'), not about someone's working schedule.
MAX_HOURS_PER_DAY = 16
MAX_HOURS_PER_WEEK = 100

_NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60,
}
# Prefix-factored (word_alternation): each is followed by a word boundary, so only one word of
# a group can match at a place.
_TENS = word_alternation("twenty thirty forty fifty vingt trente quarante cinquante".split())
_ONES = word_alternation("one two three four five six seven eight nine un une deux trois quatre cinq sept huit "
                         "neuf".split())
_OTHERS = word_alternation(
    "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen ten sixty "
    "onze douze treize quatorze quinze seize soixante".split()
)
# Spelled-out numbers one..sixty: 'forty', 'thirty-five', 'thirty five',
# 'trente-cinq', 'vingt et une', 'dix-huit'.  The value is the sum of the words.
_WORD = (
    rf"\b(?:(?:{_TENS})(?:[-\s](?:et[-\s])?(?:{_ONES}))?"
    rf"|dix(?:-(?:sept|huit|neuf))?|{_OTHERS}|{_ONES})\b"
)
_DIGITS = r"(?=\d)(?<!\d)(?<!\d[.,])\d{1,3}(?:[.,]\d{1,2})?(?!\d)(?![.,]\d)"  # (?=\d): speed only
# 'forty (40)', '40', 'forty'; the parenthesised digits win when both are given.
_NUMBER = rf"(?:{_WORD}\s*\(\s*{_DIGITS}\s*\)|{_DIGITS}|{_WORD})"


def _num(name: str) -> str:
    return rf"(?P<{name}>{_NUMBER})"


_HOUR_UNIT = r"(?:hours?|hrs?\.?|h|heures?|hres?)(?!\w)"
_WEEK = (
    r"(?:(?:(?:per|a|each|every|par|chaque)[-\s]+|/\s*|(?:in|of)\s+a\s+)(?:calendar\s+)?"
    r"(?:week|wk|semaine|sem\.?)(?!\w)|weekly|hebdomadaires?)"
)
_DAY = (
    r"(?:(?:(?:per|a|each|every|par|chaque)\s+|/\s*)(?:work(?:ing)?\s+)?(?:day|jour)(?!\w)"
    r"|daily|quotidiennes?)"
)
_SEP = r"[\s,;:]*(?:(?:and|et|for|on|over|sur)\s+)?"

_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "lundi": 0,
    "tuesday": 1, "tues": 1, "tue": 1, "mardi": 1,
    "wednesday": 2, "wed": 2, "mercredi": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "jeudi": 3,
    "friday": 4, "fri": 4, "vendredi": 4,
    "saturday": 5, "sat": 5, "samedi": 5,
    "sunday": 6, "sun": 6, "dimanche": 6,
}
_WEEKDAY = rf"\b{word_alternation(_WEEKDAYS)}\b\.?"
# 'Monday to Friday', 'Mon-Fri', 'du lundi au vendredi'
_DAY_RANGE = (
    rf"(?:(?:from|du|de)\s+)?(?P<first_day>{_WEEKDAY})\s*"
    rf"(?:to|through|thru|until|-|–|—|au|à|a)\s*(?P<last_day>{_WEEKDAY})"
)
# '5 days a week', 'five days per week', '5 jours par semaine', '5-day work week'
_DAY_COUNT = (
    rf"(?:{_num('days')}\s*(?:days?|jours?)\s*{_WEEK}"
    rf"|{_num('days_w')}[-\s]day\s+(?:work\s*)?week)"
)
_DAYS = rf"(?:{_DAY_RANGE}|{_DAY_COUNT})"
_DAILY = rf"{_num('daily')}\s*-?\s*{_HOUR_UNIT}\s*{_DAY}"

# A clock time: '9:00', '9 a.m.', '17h', '8h30', '9 h 30', or a bare hour.
_TIME = r"\d{1,2}(?:(?::|\s?h\s?)\d{2}|\s?h)?(?:\s?[ap]\.?\s?m\b\.?)?"
_TIME_RANGE = (
    rf"(?:(?:from|de|between|entre)\s+)?(?<![\d:])(?P<t1>{_TIME})\s*"
    rf"(?:to|until|till|through|-|–|—|à|a|and|et)\s*(?P<t2>{_TIME})(?![\d:])"
)

# Each pattern goes with words (lower-case) that every match of it holds, one of them at least:
# a window without any is not searched with that pattern, which a test with ``in`` tells far
# faster than the pattern would.
_WEEK_WORDS = ("week", "wk", "sem", "hebdomadaire")
_DAY_WORDS = ("day", "daily", "jour", "quotidien")  # _DAILY
_WEEKDAY_WORDS = tuple(_WEEKDAYS)  # _DAY_RANGE

_PATTERNS = [
    # '40 hours per week', 'forty (40) hours a week', '37,5 heures par semaine',
    # 'works 40 hours each week', '40 hours of work per week'
    (re.compile(
        rf"{_num('weekly')}\s*-?\s*{_HOUR_UNIT}\s*(?:of\s+work\s+|de\s+travail\s+)?-?\s*{_WEEK}",
        re.IGNORECASE,
    ), _WEEK_WORDS),
    # '40-hour work week', '40 hour workweek', '40-hour week'
    (re.compile(rf"{_num('weekly')}[-\s]?(?:hours?|hrs?)[-\s]?(?:work[-\s]?)?week\b", re.IGNORECASE),
     ("week",)),
    # 'semaine de 35 heures', 'semaine de travail de 40 heures'
    (re.compile(
        rf"\bsemaine\s+(?:de\s+travail\s+)?de\s+{_num('weekly')}\s*{_HOUR_UNIT}", re.IGNORECASE
    ), ("semaine",)),
    # 'Hours per week: 40'
    (re.compile(
        rf"\b(?:hours\s+(?:per|a|/)\s*week|weekly\s+hours|heures\s+(?:par|/)\s*semaine"
        rf"|heures\s+hebdomadaires)\s*[:=]\s*{_num('weekly')}",
        re.IGNORECASE,
    ), ("week", "semaine", "hebdomadaire")),
    # '8 hours a day, 5 days a week', '7.5 hours per day, Monday to Friday'
    (re.compile(rf"{_DAILY}{_SEP}{_DAYS}", re.IGNORECASE), _DAY_WORDS),
    # '5 days a week, 8 hours a day', 'Monday to Friday, 8 hours per day'
    (re.compile(rf"{_DAYS}{_SEP}{_DAILY}", re.IGNORECASE), _DAY_WORDS),
    # 'Monday to Friday, 9:00 to 17:00', 'du lundi au vendredi de 9 h à 17 h'
    (re.compile(rf"{_DAY_RANGE}{_SEP}{_TIME_RANGE}", re.IGNORECASE), _WEEKDAY_WORDS),
    # 'de 8h30 à 16h30, du lundi au vendredi'
    (re.compile(rf"{_TIME_RANGE}{_SEP}{_DAY_RANGE}", re.IGNORECASE), _WEEKDAY_WORDS),
]

_TIME_PARTS_RE = re.compile(
    r"(?P<hour>\d{1,2})(?:(?::|\s?h\s?)(?P<minute>\d{2})|\s?h)?"
    r"(?:\s?(?P<meridiem>[ap])\.?\s?m\.?)?",
    re.IGNORECASE,
)
_NUMBER_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class HoursMatch:
    """A statement of weekly hours, converted to hours per week."""

    hours_per_week: float
    start: int
    end: int
    text: str


def _number_value(text: str) -> float:
    """Value of a `_NUMBER` match; digits win over words ('forty (40)')."""
    digits = _NUMBER_DIGITS_RE.search(text)
    if digits:
        return float(digits.group().replace(",", "."))
    words = re.split(r"[-\s]+", text.strip().lower())
    return float(sum(_NUMBER_WORDS[w] for w in words if w != "et"))


def _minutes(time: str) -> tuple[int, bool] | None:
    """Minutes after midnight, and whether a.m./p.m. was given."""
    m = _TIME_PARTS_RE.fullmatch(time.strip())
    if m is None:
        return None
    hour = int(m["hour"])
    minute = int(m["minute"] or 0)
    meridiem = m["meridiem"]
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    if hour > 24 or minute > 59:
        return None
    return hour * 60 + minute, meridiem is not None


def _shift_hours(first: str, last: str) -> float | None:
    """Length of a daily shift.

    Without a.m./p.m., an end before the start is read as afternoon when that
    makes sense ('9:00 to 5:00'), otherwise as an overnight shift.
    """
    start, end = _minutes(first), _minutes(last)
    if start is None or end is None:
        return None
    (begin, _), (finish, end_marked) = start, end
    if finish <= begin:
        if not end_marked and finish < 12 * 60 and finish + 12 * 60 > begin:
            finish += 12 * 60
        else:
            finish += 24 * 60
    return (finish - begin) / 60


def _days_in_range(first: str, last: str) -> int:
    def index(name: str) -> int:
        return _WEEKDAYS[name.rstrip(".").lower()]

    return (index(last) - index(first)) % 7 + 1


def _weekly_hours(m: re.Match[str]) -> float | None:
    """Weekly total for a match of any of `_PATTERNS`, or None if implausible."""
    groups = m.groupdict()
    if groups.get("weekly"):
        return _number_value(groups["weekly"])
    if groups.get("first_day"):
        days = _days_in_range(groups["first_day"], groups["last_day"])
    else:
        days = _number_value(groups.get("days") or groups["days_w"])
        if not 1 <= days <= 7:
            return None
    if groups.get("daily"):
        daily = _number_value(groups["daily"])
    else:
        daily = _shift_hours(groups["t1"], groups["t2"])
    if daily is None or not 0 < daily <= MAX_HOURS_PER_DAY:
        return None
    return daily * days


# '35-40 hours per week', 'between 35 and 40 hours', 'de 35 à 40 heures': a range counts as its
# lower end, the hours the employer vouches for (a '20-30 hours' job is part-time, not full-time).
_RANGE_LOW = re.compile(rf"(?:\b(?:between|from|entre|de)\s+)?(?P<low>{_DIGITS})\s*(?:-|–|—|to|and|à|et)\s*$",
                        re.IGNORECASE)


def _range_low(text: str, at: int, high: float) -> tuple[float, int] | None:
    """The lower end of a range whose upper end starts at ``at``, and where the range starts."""
    m = _RANGE_LOW.search(text, max(0, at - 30), at)
    if m is None:
        return None
    low = _number_value(m["low"])
    return (low, m.start()) if 0 < low < high else None


# Every statement of hours names an hour unit, a clock time or a weekday. The full patterns are
# slow (spelled-out numbers are tried at every position), so they only run near such a word.
_ANCHOR = re.compile(rf"\b(?:hours?|hrs?|heures?|hres?|hebdomadaires?)\b|\d\s?h(?:\b|\d)|\d:\d|{_WEEKDAY}",
                     re.IGNORECASE)
_REACH = 160  # characters around an anchor that a statement can span


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for m in _ANCHOR.finditer(text):
        start, end = max(0, m.start() - _REACH), min(len(text), m.end() + _REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _candidates(text: str) -> list[HoursMatch]:
    found = []
    lowered = fastmatch.lowered(text)
    for start, end in _windows(text):
        window = lowered[start:end] if lowered is not None else None
        for pattern, words in _PATTERNS:
            if window is not None and not any(word in window for word in words):
                continue
            for m in pattern.finditer(text, start, end):
                hours, begin = _weekly_hours(m), m.start()
                low = _range_low(text, m.start("weekly"), hours) if hours and m.groupdict().get("weekly") else None
                if low is not None:
                    hours, begin = low[0], min(begin, low[1])
                if hours is not None and 0 < hours <= MAX_HOURS_PER_WEEK:
                    found.append(HoursMatch(hours, begin, m.end(), text[begin:m.end()]))
    return found


def find_weekly_hours(text: str) -> list[HoursMatch]:
    """Every statement of weekly hours in ``text``, in text order, without overlaps.

    When statements overlap, the earliest and then the longest wins, so
    '8 hours a day, 5 days a week' is one match of 40, not a daily figure.
    """
    chosen: list[HoursMatch] = []
    last_end = -1
    for cand in sorted(_candidates(text), key=lambda c: (c.start, -c.end)):
        if cand.start >= last_end:
            chosen.append(cand)
            last_end = cand.end
    return chosen
