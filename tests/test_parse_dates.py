import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from validator.parse.dates import (
    CURRENT_WORDS,
    DateMatch,
    find_date_ranges,
    find_dates,
    infer_order,
    parse_date,
    states_current,
)

D = dt.date


def only(text, order=None) -> DateMatch:
    dates = find_dates(text, order)
    assert len(dates) == 1, dates
    return dates[0]


# --- single dates -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("March 4, 2019", D(2019, 3, 4)),
        ("Mar. 4 2019", D(2019, 3, 4)),
        ("4 March 2019", D(2019, 3, 4)),
        ("4th March 2019", D(2019, 3, 4)),
        ("March 4th, 2019", D(2019, 3, 4)),
        ("4th of March, 2019", D(2019, 3, 4)),
        ("this 4th day of March, 2019", D(2019, 3, 4)),
        ("the fourth of March 2019", D(2019, 3, 4)),
        ("this Twenty-First day of June, 2015", D(2015, 6, 21)),
        ("the thirty first of December 2020", D(2020, 12, 31)),
        ("2019-03-04", D(2019, 3, 4)),
        ("2019/03/04", D(2019, 3, 4)),
        ("2019.03.04", D(2019, 3, 4)),
        ("26/SEP/2023", D(2023, 9, 26)),
        ("26-Sep-2023", D(2023, 9, 26)),
        ("26-Sep-23", D(2023, 9, 26)),
        ("SEP 26 2023", D(2023, 9, 26)),
        ("Sept. 4, 2019", D(2019, 9, 4)),
        ("December 31, 2022", D(2022, 12, 31)),
        ("4 mars 2019", D(2019, 3, 4)),
        ("1er avril 2020", D(2020, 4, 1)),
        ("15 août 2020", D(2020, 8, 15)),
        ("15 aout 2020", D(2020, 8, 15)),
        ("3 févr. 2021", D(2021, 2, 3)),
        ("3 déc. 2021", D(2021, 12, 3)),
        ("25 décembre 2021", D(2021, 12, 25)),
        ("2 JANVIER 2022", D(2022, 1, 2)),
    ],
)
def test_day_precision_formats(text, expected):
    match = only(text)
    assert match.value == expected
    assert match.precision == "day"
    assert not match.ambiguous
    assert match.text == text[match.start:match.end]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("June 2021", D(2021, 6, 1)),
        ("June, 2021", D(2021, 6, 1)),
        ("juin 2021", D(2021, 6, 1)),
        ("Jun 2021", D(2021, 6, 1)),
        ("Jun. 2021", D(2021, 6, 1)),
        ("Sep-2023", D(2023, 9, 1)),
        ("févr. 2020", D(2020, 2, 1)),
        ("06/2021", D(2021, 6, 1)),
        ("6-2021", D(2021, 6, 1)),
    ],
)
def test_month_precision_formats(text, expected):
    match = only(text)
    assert (match.value, match.precision, match.text) == (expected, "month", text)


def test_french_le_is_not_part_of_the_date():
    match = only("Montréal, le 13 avril 2024")
    assert match.value == D(2024, 4, 13)
    assert match.text == "13 avril 2024"


def test_dates_in_text_order_with_spans():
    text = "Employed from 2019-03-04 until June 30, 2021; letter dated 15 juillet 2021."
    dates = find_dates(text)
    assert [d.value for d in dates] == [D(2019, 3, 4), D(2021, 6, 30), D(2021, 7, 15)]
    for d in dates:
        assert text[d.start:d.end] == d.text


def test_parse_date_returns_first_or_none():
    assert parse_date("on 4 March 2019 and 5 April 2020").value == D(2019, 3, 4)
    assert parse_date("no date here") is None


# --- numeric order and ambiguity ---------------------------------------------


@pytest.mark.parametrize("text", ["04/03/2019", "04-03-2019", "04.03.2019"])
def test_ambiguous_numeric_defaults_to_day_first(text):
    match = only(text)
    assert match.value == D(2019, 3, 4)
    assert match.ambiguous


def test_order_argument_resolves_ambiguity():
    mdy = only("04/03/2019", order="MDY")
    assert mdy.value == D(2019, 4, 3) and not mdy.ambiguous
    dmy = only("04/03/2019", order="DMY")
    assert dmy.value == D(2019, 3, 4) and not dmy.ambiguous


@pytest.mark.parametrize("order", [None, "DMY", "MDY"])
def test_part_above_twelve_settles_order_whatever_the_argument(order):
    assert only("13/04/2020", order).value == D(2020, 4, 13)
    assert only("04/13/2020", order).value == D(2020, 4, 13)
    assert not only("13/04/2020", order).ambiguous
    assert not only("04/13/2020", order).ambiguous


def test_equal_day_and_month_are_not_ambiguous():
    match = only("05/05/2020")
    assert match.value == D(2020, 5, 5)
    assert not match.ambiguous


@pytest.mark.parametrize(
    "text, expected",
    [("4/3/19", D(2019, 3, 4)), ("4/3/49", D(2049, 3, 4)), ("4/3/85", D(1985, 3, 4))],
)
def test_two_digit_years(text, expected):
    assert only(text).value == expected


def test_iso_dates_are_never_ambiguous():
    assert not only("2019-03-04").ambiguous


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Start 04/03/2019, end 13/04/2020", "DMY"),
        ("Start 04/03/2019, end 04/13/2020", "MDY"),
        ("04/03/2019", None),
        ("13/04/2020 and 04/13/2020", None),
        ("2019-03-04", None),
        ("March 13, 2020", None),
        ("31/02/2020", None),
        ("", None),
    ],
)
def test_infer_order(text, expected):
    assert infer_order(text) == expected


def test_infer_order_feeds_find_dates():
    text = "Joined 04/03/2019, left 12/31/2021."
    order = infer_order(text)
    assert order == "MDY"
    assert [d.value for d in find_dates(text, order)] == [D(2019, 4, 3), D(2021, 12, 31)]


# --- things that are not dates ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2019",
        "In 2019 he joined",
        "To whom it May concern",
        "It may be noted",
        "31/02/2020",
        "30 February 2020",
        "February 30, 2020",
        "13/13/2020",
        "2019-02-30",
        "Call 613-555-1234",
        "+91 98765 43210",
        "INR 18,00,000",
        "$62",
        "1200 dollars",
        "5 hours",
        "version 1.2.33",
        "12/05/1200",
        "Ref 123/03/20199",
        "4 March",
        "March 4",
        "the thirty-first of February 2020",
    ],
)
def test_not_dates(text):
    assert find_dates(text) == []


def test_impossible_date_does_not_leave_a_month_behind():
    # '02/2020' inside '31/02/2020' must not become February 2020.
    assert find_dates("31/02/2020") == []
    assert find_dates("31-Feb-2020") == []


def test_no_match_inside_longer_digit_runs():
    assert find_dates("1204/03/2019") == []
    assert find_dates("04/03/20191") == []


# --- ranges --------------------------------------------------------------------


def _range(text, order=None):
    ranges = find_date_ranges(text, order)
    assert len(ranges) == 1, ranges
    r = ranges[0]
    assert text[r.span_start:r.span_end] == r.text
    return r


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("from March 4, 2019 to June 30, 2021", D(2019, 3, 4), D(2021, 6, 30)),
        ("March 4, 2019 - June 30, 2021", D(2019, 3, 4), D(2021, 6, 30)),
        ("2019-03-04 – 2021-06-30", D(2019, 3, 4), D(2021, 6, 30)),
        ("between 4 March 2019 and 30 June 2021", D(2019, 3, 4), D(2021, 6, 30)),
        ("du 4 mars 2019 au 30 juin 2021", D(2019, 3, 4), D(2021, 6, 30)),
        ("from May 1, 2017 through December 31, 2022", D(2017, 5, 1), D(2022, 12, 31)),
        ("01/05/2017 to 31/12/2022", D(2017, 5, 1), D(2022, 12, 31)),
        ("From: 2019-03-04 To: 2021-06-30", D(2019, 3, 4), D(2021, 6, 30)),
        ("01/2019-06/2021", D(2019, 1, 1), D(2021, 6, 1)),
        ("entre le 4 mars 2019 et le 30 juin 2021", D(2019, 3, 4), D(2021, 6, 30)),
        ("March 2019 until June 2021", D(2019, 3, 1), D(2021, 6, 1)),
    ],
)
def test_closed_ranges(text, start, end):
    r = _range(text)
    assert (r.start.value, r.end.value, r.current) == (start, end, False)
    assert r.text == text


@pytest.mark.parametrize(
    "text, start",
    [
        ("June 2021 to present", D(2021, 6, 1)),
        ("June 2021 to the present", D(2021, 6, 1)),
        ("March 2019 - Present", D(2019, 3, 1)),
        ("June 2021 till date", D(2021, 6, 1)),
        ("June 2021 to date", D(2021, 6, 1)),
        ("June 2021 until now", D(2021, 6, 1)),
        ("March 2019 – ongoing", D(2019, 3, 1)),
        ("Jan 2020 - current", D(2020, 1, 1)),
        ("since January 15, 2020", D(2020, 1, 15)),
        ("from 2018-01-15 until today", D(2018, 1, 15)),
        ("depuis le 4 mars 2019", D(2019, 3, 4)),
        ("du 1er avril 2020 à ce jour", D(2020, 4, 1)),
        ("de juin 2021 à aujourd'hui", D(2021, 6, 1)),
        ("de juin 2021 à aujourd’hui", D(2021, 6, 1)),
        ("d'avril 2019 jusqu'à ce jour", D(2019, 4, 1)),
        ("juin 2021 à present", D(2021, 6, 1)),
        ("mars 2019 jusqu'à présent", D(2019, 3, 1)),
    ],
)
def test_current_ranges(text, start):
    r = _range(text)
    assert r.start.value == start
    assert r.end is None
    assert r.current
    assert r.text == text


def test_since_inside_a_sentence():
    text = "Mr. Singh has been employed with our company as an analyst since March 2018."
    r = _range(text)
    assert r.start.value == D(2018, 3, 1) and r.current and r.end is None
    assert r.text == "since March 2018"


def test_since_with_an_end_is_closed():
    r = _range("since March 2018 until June 2020")
    assert r.end.value == D(2020, 6, 1) and not r.current


@pytest.mark.parametrize("text", ["starting March 4, 2019", "à partir du 4 mars 2019"])
def test_open_ranges(text):
    r = _range(text)
    assert r.start.value == D(2019, 3, 4)
    assert r.end is None and not r.current


@pytest.mark.parametrize(
    "text",
    [
        "Letter dated March 4, 2019.",
        "lettre du 4 mars 2019",
        "Issued on 4 March 2019 and renewed 5 May 2020",
        "de 2019 à 2021",
        "",
    ],
)
def test_not_ranges(text):
    assert find_date_ranges(text) == []


def test_several_ranges():
    text = (
        "ABC Ltd: from 1 June 2015 to 31 May 2017. "
        "XYZ Inc: 01/06/2017 - 15/03/2019. "
        "DEF Corp: since April 2019."
    )
    ranges = find_date_ranges(text)
    assert [(r.start.value, r.end and r.end.value, r.current) for r in ranges] == [
        (D(2015, 6, 1), D(2017, 5, 31), False),
        (D(2017, 6, 1), D(2019, 3, 15), False),
        (D(2019, 4, 1), None, True),
    ]


def test_range_order_is_passed_through():
    r = _range("04/03/2019 to 05/06/2020", order="MDY")
    assert (r.start.value, r.end.value) == (D(2019, 4, 3), D(2020, 5, 6))
    assert not r.start.ambiguous


# --- current statements --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "March 2019 to present",
        "the present position",
        "employed from 2019 to date",
        "He is currently working as a cook",
        "She is still employed with us",
        "He has been working with our firm since 2017",
        "She continues to work as a nurse",
        "He is employed with ABC Ltd.",
        "actuellement",
        "Elle occupe actuellement le poste",
        "de 2019 à ce jour",
        "jusqu'à présent",
        "jusqu’à présent",
        "Il est toujours en poste",
        "Il travaille chez nous depuis 2018",
    ],
)
def test_states_current(text):
    assert states_current(text)
    assert CURRENT_WORDS.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "He was employed from 2015 to 2018.",
        "Please present this letter at the border.",
        "Present address: 12 Main St",
        "Keep your documents up to date.",
        "up-to-date records",
        "She worked with us until 2020.",
        "Il a occupé le poste de 2015 à 2018.",
        "",
    ],
)
def test_not_current(text):
    assert not states_current(text)


# --- properties ------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "4", "13", "2019", "19", "/", "-", ".", ",", " ", "–", "March", "Mar.", "mars", "1er",
        "juin", "août", "Sept", "May", "th", "to", "present", "since", "depuis", "du", "au",
        "between", "and", "à ce jour", "d'", "le", "from", "31", "02", "\u00a0", "é",
    ]
)
_DATE_TEXT = st.one_of(st.text(), st.lists(_FRAGMENTS, max_size=25).map("".join))
_ORDERS = st.sampled_from([None, "DMY", "MDY"])


@given(_DATE_TEXT, _ORDERS)
def test_find_dates_spans_slice_back(text, order):
    dates = find_dates(text, order)
    previous_end = 0
    for d in dates:
        assert text[d.start:d.end] == d.text
        assert d.start >= previous_end  # text order, no overlaps
        previous_end = d.end
        assert d.precision in ("day", "month")
    infer_order(text)
    parse_date(text, order)


@given(_DATE_TEXT, _ORDERS)
def test_find_date_ranges_spans_slice_back(text, order):
    for r in find_date_ranges(text, order):
        assert text[r.span_start:r.span_end] == r.text
        assert r.start is not None
        assert r.span_start <= r.start.start and r.start.end <= r.span_end
        if r.current:
            assert r.end is None


@given(st.text())
def test_states_current_never_raises(text):
    assert isinstance(states_current(text), bool)


_FORMATS = [
    lambda d: d.strftime("%Y-%m-%d"),
    lambda d: d.strftime("%B %d, %Y"),
    lambda d: d.strftime("%d %b %Y"),
    lambda d: f"{d.day}-{d.strftime('%b')}-{d.year}",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
]


@given(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)),
    st.sampled_from(_FORMATS),
    st.sampled_from(["", "Date: ", "le ", "on "]),
    st.sampled_from(["", ".", " and more", ", "]),
)
def test_formatted_dates_round_trip(day, fmt, prefix, suffix):
    text = prefix + fmt(day) + suffix
    match = parse_date(text, order="DMY")
    assert match is not None and match.value == day


# --- labelled values: the regexes first, dateparser for a clean span they cannot read ---------

@pytest.mark.parametrize("value, expected", [
    ("July 8, 2019", dt.date(2019, 7, 8)),
    ("4th day of March, 2019", dt.date(2019, 3, 4)),
    ("Mar-04-2019", dt.date(2019, 3, 4)),   # the regexes alone would read "04-2019"
    (" 2019-03-04 ", dt.date(2019, 3, 4)),
])
def test_labelled_value_is_read_whole(value, expected):
    from validator.parse.dates import parse_labelled_value
    found = parse_labelled_value(value, "DMY")
    assert found is not None and found.value == expected and found.precision == "day"


@pytest.mark.parametrize("value", ["present", "2019", "March 4, 2019 to present.", "", "Currently employed"])
def test_labelled_value_that_is_not_a_date(value):
    from validator.parse.dates import parse_labelled_value
    assert parse_labelled_value(value, "DMY") is None
