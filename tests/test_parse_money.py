import pytest
from hypothesis import given
from hypothesis import strategies as st

from validator.parse.money import MoneyMatch, find_money

NBSP, NNBSP = "\u00a0", "\u202f"


def only(text, dollar=None) -> MoneyMatch:
    found = find_money(text, dollar)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


@pytest.mark.parametrize(
    "text, amount",
    [
        ("$92,500", 92500),
        ("$92,500.00", 92500),
        ("$38.50", 38.5),
        ("$ 38.50", 38.5),
        ("$62", 62),
        ("$1,234,567.89", 1234567.89),
        ("38,50 $", 38.5),
        ("3 250,50 $", 3250.5),
        ("52 000 $", 52000),
        (f"52{NBSP}000 $", 52000),
        (f"52{NNBSP}000{NNBSP}$", 52000),
        ("52.000,00 $", 52000),
        ("1.500 $", 1500),
        ("$1.2 million", 1_200_000),
        ("$92k", 92_000),
    ],
)
def test_amount_groupings(text, amount):
    m = only(text, dollar="CAD")
    assert m.amount == pytest.approx(amount)
    assert m.currency == "CAD"


@pytest.mark.parametrize(
    "text, amount",
    [
        ("INR 18,00,000", 1_800_000),
        ("Rs. 2,50,000.50", 250_000.5),
        ("₹1,50,000", 150_000),
        ("INR 18 lakh", 1_800_000),
        ("Rs 1.5 crore", 15_000_000),
    ],
)
def test_indian_amounts(text, amount):
    m = only(text)
    assert m.amount == pytest.approx(amount)
    assert m.currency == "INR"


@pytest.mark.parametrize(
    "text, currency",
    [
        ("C$ 92,500", "CAD"),
        ("CA$92,500", "CAD"),
        ("CAD $92,500", "CAD"),
        ("CAD$92,500", "CAD"),
        ("$CAD 92,500", "CAD"),
        ("CDN$ 92,500", "CAD"),
        ("CAD 92,500", "CAD"),
        ("92,500 CAD", "CAD"),
        ("$92,500 CAD", "CAD"),
        ("52 000 $ CA", "CAD"),
        ("5,000 Canadian dollars", "CAD"),
        ("5 000 dollars canadiens", "CAD"),
        ("US$ 4,000", "USD"),
        ("USD 4,000", "USD"),
        ("4,000 USD", "USD"),
        ("4,000 US dollars", "USD"),
        ("€ 52 000", "EUR"),
        ("52 000 €", "EUR"),
        ("€2,000", "EUR"),
        ("EUR 2,000", "EUR"),
        ("2000 euros", "EUR"),
        ("£30,000", "GBP"),
        ("GBP 30,000", "GBP"),
        ("₹50,000", "INR"),
        ("Rs.50,000", "INR"),
        ("Rs 50,000", "INR"),
        ("INR 50,000", "INR"),
        ("50,000 rupees", "INR"),
        ("A$ 80,000", "AUD"),
        ("AUD 80,000", "AUD"),
        ("₱25,000", "PHP"),
        ("PHP 25,000", "PHP"),
        ("Php 25,000", "PHP"),
        ("CNY 200,000", "CNY"),
        ("RMB 200,000", "CNY"),
    ],
)
def test_currency_markers(text, currency):
    assert only(text, dollar="USD" if currency == "CAD" else "CAD").currency == currency


@pytest.mark.parametrize("text", ["$38.50", "38,50 $", "1,000 dollars"])
def test_bare_dollar_uses_caller_default(text):
    assert only(text).currency is None
    assert only(text, dollar="CAD").currency == "CAD"
    assert only(text, dollar="USD").currency == "USD"


def test_specific_marker_is_not_overridden_by_default():
    assert only("US$ 4,000", dollar="CAD").currency == "USD"
    assert only("€ 4,000", dollar="CAD").currency == "EUR"


@pytest.mark.parametrize(
    "text, period",
    [
        ("$38.50 per hour", "hour"),
        ("$38.50/hour", "hour"),
        ("$38.50/hr", "hour"),
        ("$38.50 an hour", "hour"),
        ("$38.50 hourly", "hour"),
        ("38,50 $ par heure", "hour"),
        ("38,50 $ de l'heure", "hour"),
        ("38,50 $/h", "hour"),
        ("$200 per day", "day"),
        ("$200 daily", "day"),
        ("200 $ par jour", "day"),
        ("$800 per week", "week"),
        ("$800 weekly", "week"),
        ("800 $ par semaine", "week"),
        ("$1,600 bi-weekly", "biweek"),
        ("$1,600 biweekly", "biweek"),
        ("$1,600 every two weeks", "biweek"),
        ("$4,000 per month", "month"),
        ("$4,000 monthly", "month"),
        ("$4,000/month", "month"),
        ("$4,000 gross per month", "month"),
        ("4 000 $ par mois", "month"),
        ("4 000 $ mensuels", "month"),
        ("$92,500 per annum", "year"),
        ("$92,500 per year", "year"),
        ("$92,500 annually", "year"),
        ("$92,500 a year", "year"),
        ("$92,500/yr", "year"),
        ("$92,500 p.a.", "year"),
        ("52 000 $ par an", "year"),
        ("52 000 $ par année", "year"),
        ("52 000 $ annuels", "year"),
        ("52 000 $ bruts par an", "year"),
        ("$92,500.00 (ninety-two thousand five hundred dollars) per year", "year"),
        ("$92,500 CAD per year", "year"),
    ],
)
def test_period_after_amount(text, period):
    assert only(text, dollar="CAD").period == period


@pytest.mark.parametrize(
    "text, period",
    [
        ("an annual salary of $92,500", "year"),
        ("Annual gross salary: $92,500", "year"),
        ("hourly wage of $38.50", "hour"),
        ("salaire annuel de 52 000 €", "year"),
        ("salaire annuel brut de 52 000 €", "year"),
        ("monthly salary of INR 150,000", "month"),
        ("a bi-weekly pay of $1,600", "biweek"),
        ("taux horaire de 25 $", "hour"),
    ],
)
def test_period_before_amount(text, period):
    assert only(text, dollar="CAD").period == period


def test_no_period():
    assert only("a bonus of $5,000", dollar="CAD").period is None


def test_period_before_does_not_reach_past_other_numbers():
    text = "annual leave of 15 days and a salary of $3,000"
    assert only(text, dollar="CAD").period is None


def test_span_excludes_period_phrase():
    m = only("Salary: $38.50 per hour.", dollar="CAD")
    assert m.text == "$38.50"


def test_several_amounts():
    text = "Paid $38.50 per hour (about CAD 80,080 per year) plus €500 monthly."
    found = find_money(text, dollar="CAD")
    assert [(m.amount, m.currency, m.period) for m in found] == [
        (38.5, "CAD", "hour"),
        (80080, "CAD", "year"),
        (500, "EUR", "month"),
    ]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_adjacent_dollar_amounts_keep_their_own_markers():
    found = find_money("$40 $50", dollar="CAD")
    assert [m.amount for m in found] == [40, 50]


@pytest.mark.parametrize(
    "text",
    [
        "40",
        "He works 40 hours per week",
        "18,00,000",
        "in 2019",
        "$",
        "CAD",
        "Reference no. 92,500",
        "40 hrs per week",
    ],
)
def test_not_money(text):
    assert find_money(text, dollar="CAD") == []


# --- properties ------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "$", "€", "£", "₹", "CAD", "US$", "Rs.", "INR", "1", "25", "000", ",", ".", " ",
        NBSP, NNBSP, "per hour", "/h", "annual", "salary of", "lakh", "million", "k",
        "dollars", "euros", "par an", "(", ")", "bi-weekly", "\n",
    ]
)
_MONEY_TEXT = st.one_of(st.text(), st.lists(_FRAGMENTS, max_size=25).map("".join))


@given(_MONEY_TEXT, st.sampled_from([None, "CAD", "USD"]))
def test_find_money_spans_slice_back(text, dollar):
    previous_end = 0
    for m in find_money(text, dollar):
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end
        assert m.amount >= 0
        assert m.period in (None, "hour", "day", "week", "biweek", "month", "year")


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_formatted_amounts_round_trip(whole, cents):
    expected = whole + cents / 100
    english = f"$ {whole:,}.{cents:02d}"
    french = f"{whole:,}".replace(",", NNBSP) + f",{cents:02d} $"
    german = f"{whole:,}".replace(",", ".") + f",{cents:02d} €"
    for text in (english, french, german):
        assert only(text, dollar="CAD").amount == pytest.approx(expected)
