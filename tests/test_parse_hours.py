import pytest
from hypothesis import given
from hypothesis import strategies as st

from validator.parse.hours import HoursMatch, find_weekly_hours


def only(text) -> HoursMatch:
    found = find_weekly_hours(text)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


@pytest.mark.parametrize(
    "text, hours",
    [
        ("40 hours per week", 40),
        ("40 hours/week", 40),
        ("40 hours / week", 40),
        ("37.5 hrs/week", 37.5),
        ("37,5 heures par semaine", 37.5),
        ("35 heures par semaine", 35),
        ("40 hrs. per week", 40),
        ("40 h/semaine", 40),
        ("40h/sem", 40),
        ("40 hours a week", 40),
        ("40 hours weekly", 40),
        ("40 heures hebdomadaires", 40),
        ("40 hours of work per week", 40),
        ("20 hours per week", 20),
        ("40-hour work week", 40),
        ("40 hour workweek", 40),
        ("40-hour week", 40),
        ("a 40-hour-per-week position", 40),
        ("semaine de 35 heures", 35),
        ("semaine de travail de 40 heures", 40),
        ("Hours per week: 40", 40),
        ("Heures par semaine : 37,5", 37.5),
    ],
)
def test_direct_weekly_hours(text, hours):
    assert only(text).hours_per_week == pytest.approx(hours)


@pytest.mark.parametrize(
    "text, hours, span",
    [
        ("She works 35-40 hours per week.", 35, "35-40 hours per week"),
        ("between 35 and 40 hours per week", 35, "between 35 and 40 hours per week"),
        ("20 – 30 hours a week", 20, "20 – 30 hours a week"),
        ("37.5 to 40 hrs/week", 37.5, "37.5 to 40 hrs/week"),
        ("entre 35 et 40 heures par semaine", 35, "entre 35 et 40 heures par semaine"),
        ("Hours per week: 35-40", 35, "Hours per week: 35"),
        # not ranges: a year, a lower number that is not below, words between
        ("from 2019 - 40 hours per week", 40, "40 hours per week"),
        ("45 to 40 hours per week", 40, "40 hours per week"),
        ("8 hours a day and 40 hours per week", 40, "40 hours per week"),
    ],
)
def test_a_range_of_hours_counts_as_its_lower_end(text, hours, span):
    """A '20-30 hours' job is part-time: the upper end would count it as full-time experience."""
    m = only(text)
    assert (m.hours_per_week, m.text) == (hours, span)


def test_match_does_not_include_leading_verb():
    m = only("He works 40 hours each week.")
    assert (m.hours_per_week, m.text) == (40, "40 hours each week")


@pytest.mark.parametrize(
    "text, hours",
    [
        ("forty (40) hours per week", 40),
        ("forty hours a week", 40),
        ("Forty hours per week", 40),
        ("thirty-seven hours a week", 37),
        ("thirty five hours per week", 35),
        ("twenty hours per week", 20),
        ("quarante heures par semaine", 40),
        ("trente-cinq heures par semaine", 35),
        ("vingt et une heures par semaine", 21),
        ("eight hours per day, five days per week", 40),
    ],
)
def test_number_words(text, hours):
    assert only(text).hours_per_week == pytest.approx(hours)


@pytest.mark.parametrize(
    "text, hours",
    [
        ("8 hours a day, 5 days a week", 40),
        ("8 hours per day, five days per week", 40),
        ("8 hours a day and 5 days a week", 40),
        ("5 days a week, 8 hours a day", 40),
        ("5-day work week, 8 hours per day", 40),
        ("7 heures par jour, 5 jours par semaine", 35),
        ("7.5 hours per day, Monday to Friday", 37.5),
        ("Monday to Friday, 8 hours per day", 40),
        ("6 hours per day, Monday through Saturday", 36),
        ("Mon-Fri, 8 hrs daily", 40),
        ("8 hours daily, Tue-Sat", 40),
        ("du lundi au vendredi, 7 heures quotidiennes", 35),
    ],
)
def test_daily_hours_times_days(text, hours):
    assert only(text).hours_per_week == pytest.approx(hours)


@pytest.mark.parametrize(
    "text, hours",
    [
        ("Monday to Friday, 9:00 to 17:00", 40),
        ("Monday to Friday from 9:00 a.m. to 5:00 p.m.", 40),
        ("Monday to Friday, 9 am - 5 pm", 40),
        ("Monday to Friday, 9:00 to 5:00", 40),
        ("du lundi au vendredi de 9 h à 17 h", 40),
        ("du lundi au vendredi, de 8 h 30 à 16 h 30", 40),
        ("de 8h30 à 16h30, du lundi au vendredi", 40),
        ("Mon-Fri 08:00-16:00", 40),
        ("Mon.-Fri. 9:00-13:00", 20),
        ("Sunday to Thursday 22:00 - 06:00", 40),
    ],
)
def test_schedules(text, hours):
    assert only(text).hours_per_week == pytest.approx(hours)


@pytest.mark.parametrize(
    "text",
    [
        "40 hours of training",
        "completed 1,560 hours",
        "1,560 hours per year",
        "24 hours customer support",
        "available 24 hours a day, 7 days a week",
        "8 hours a day",
        "Monday to Friday",
        "9:00 to 17:00",
        "He works 168 hours per week",
        "0 hours per week",
        "40",
        "",
    ],
)
def test_not_weekly_hours(text):
    assert find_weekly_hours(text) == []


def test_several_statements_in_text_order():
    text = (
        "She worked 40 hours per week (Monday to Friday, 9:00 to 17:00) until 2020, "
        "then 20 hours per week."
    )
    found = find_weekly_hours(text)
    assert [m.hours_per_week for m in found] == [40, 40, 20]
    for m in found:
        assert text[m.start:m.end] == m.text


# --- properties ------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "40", "7.5", "37,5", "forty", "(40)", "quarante", " ", ",", "-", "/", "hours", "hrs.",
        "h", "heures", "per", "week", "semaine", "par", "a day", "days", "Monday", "to",
        "Friday", "lundi", "au", "vendredi", "9:00", "17h", "a.m.", "p.m.", "de", "à", "\n",
    ]
)
_HOURS_TEXT = st.one_of(st.text(), st.lists(_FRAGMENTS, max_size=25).map("".join))


@given(_HOURS_TEXT)
def test_find_weekly_hours_spans_slice_back(text):
    previous_end = 0
    for m in find_weekly_hours(text):
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end
        assert 0 < m.hours_per_week <= 100


@given(st.integers(min_value=1, max_value=100), st.sampled_from(["per week", "a week", "/week"]))
def test_weekly_hours_round_trip(hours, phrase):
    assert only(f"Works {hours} hours {phrase}.").hours_per_week == hours
