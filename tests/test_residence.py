"""validator.residence: stays, their boundaries (SPEC §5 "Stays") and certificate matching."""
import datetime as dt
from pathlib import Path

import pytest

from validator.case import Applicant, Case, Residence
from validator.config import Policy
from validator.model import Document, Field, Page
from validator.residence import (
    Requirement,
    Stay,
    add_months,
    adult_from,
    answering,
    build_stays,
    canonical_country,
    canonical_region,
    certificates,
    needs_certificate,
    newest,
    police_requirements,
    requirements,
)

D = dt.date.fromisoformat
AS_OF = D("2025-08-01")
DOB = D("1990-04-12")


def res(country, start, end=None, region=None):
    return Residence(country, region, D(start), D(end) if end else None)


def needed(*entries, dob=DOB, as_of=AS_OF, years=10):
    return [(r.country, r.region, [(str(s.start), str(s.end)) for s in r.stays])
            for r in requirements(entries, dob, as_of, years)]


# --- calendar months ------------------------------------------------------------------------

@pytest.mark.parametrize("day, months, expected", [
    ("2020-01-15", 6, "2020-07-15"),
    ("2020-08-31", 6, "2021-02-28"),  # no 31 February: the month's last day
    ("2019-08-31", 6, "2020-02-29"),
    ("2020-12-31", 2, "2021-02-28"),
    ("2025-08-01", -120, "2015-08-01"),
])
def test_add_months_counts_calendar_months(day, months, expected):
    assert add_months(D(day), months) == D(expected)


def test_29_february_births_turn_18_on_28_february():
    assert adult_from(D("2004-02-29")) == D("2022-02-28")
    assert adult_from(None) is None


# --- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize("written, canonical", [
    ("USA", "United States"), ("U.S.", "United States"), ("united states of america", "United States"),
    ("États-Unis", "United States"), ("UK", "United Kingdom"), ("England", "United Kingdom"),
    ("Royaume-Uni", "United Kingdom"), ("Inde", "India"), ("india", "India"), ("UAE", "United Arab Emirates"),
    ("The Philippines", "Philippines"), ("  Kenya ", "Kenya"),
])
def test_country_names_are_normalised(written, canonical):
    assert canonical_country(written) == canonical


def test_us_regions_are_state_names_other_regions_are_kept():
    assert canonical_region("United States", "CA") == "California"
    assert canonical_region("United States", "new york") == "New York"
    assert canonical_region("United States", "Washington State") == "Washington"
    assert canonical_region("India", "Maharashtra") == "Maharashtra"
    assert canonical_region("India", " ") is None


# --- six months -----------------------------------------------------------------------------

def test_exactly_six_calendar_months_needs_a_certificate():
    assert needed(res("India", "2020-01-15", "2020-07-15")) == [("India", None, [("2020-01-15", "2020-07-15")])]


def test_five_months_29_days_does_not():
    assert needed(res("India", "2020-01-15", "2020-07-14")) == []


def test_six_months_from_the_end_of_a_month():
    assert Stay("India", None, D("2020-08-31"), D("2021-02-28"), False).lasts_six_months
    assert not Stay("India", None, D("2020-08-31"), D("2021-02-27"), False).lasts_six_months


# --- lookback -------------------------------------------------------------------------------

def test_stay_ending_exactly_lookback_years_before_as_of_is_not_needed():
    assert needed(res("United Kingdom", "2012-01-01", "2015-08-01")) == []


def test_stay_ending_a_day_later_is_needed():
    assert needed(res("United Kingdom", "2012-01-01", "2015-08-02"))[0][0] == "United Kingdom"


def test_lookback_follows_the_policy():
    old = res("France", "2010-01-01", "2013-12-31")
    assert needed(old, years=10) == []
    assert needed(old, years=15)[0][0] == "France"


def test_six_months_are_counted_on_the_whole_stay_not_only_inside_the_lookback():
    # Ends two months inside the window, but the stay itself is years long: needed.
    assert needed(res("India", "2010-01-01", "2015-10-01"))[0][0] == "India"


# --- Canada, current stay, as_of ------------------------------------------------------------

def test_canada_never_needs_a_certificate():
    assert needed(res("Canada", "2008-01-01", None, "Ontario")) == []
    assert not needs_certificate(Stay("Canada", None, D("2010-01-01"), AS_OF, True), AS_OF, 10)


def test_the_current_stay_runs_to_as_of():
    [stay] = build_stays([res("UK", "2025-01-15")], DOB, AS_OF)
    assert (stay.country, stay.end, stay.current) == ("United Kingdom", AS_OF, True)
    assert needed(res("UK", "2025-02-01")) == [("United Kingdom", None, [("2025-02-01", "2025-08-01")])]
    assert needed(res("UK", "2025-02-02")) == []


def test_stays_are_clipped_at_as_of_and_future_entries_ignored():
    stays = build_stays([res("India", "2025-03-01", "2026-01-31"), res("France", "2025-09-01")], DOB, AS_OF)
    assert [(s.country, s.start, s.end, s.current) for s in stays] == [("India", D("2025-03-01"), AS_OF, False)]


# --- age 18 ---------------------------------------------------------------------------------

def test_time_before_the_18th_birthday_does_not_count():
    # Turned 18 on 2019-03-10: 3 months 21 days in India as an adult.
    assert needed(res("India", "2001-03-10", "2019-06-30"), dob=D("2001-03-10")) == []
    [stay] = build_stays([res("India", "2001-03-10", "2019-06-30")], D("2001-03-10"), AS_OF)
    assert stay.start == D("2019-03-10")


def test_a_stay_entirely_before_18_disappears():
    assert build_stays([res("India", "2001-03-10", "2018-12-31")], D("2001-03-10"), AS_OF) == []


def test_six_months_after_the_18th_birthday_are_needed():
    assert needed(res("India", "2001-03-10", "2019-09-10"), dob=D("2001-03-10")) == [
        ("India", None, [("2019-03-10", "2019-09-10")])]


def test_unknown_birth_date_does_not_clip():
    assert needed(res("India", "2018-01-01", "2019-06-30"), dob=None)[0][2] == [("2018-01-01", "2019-06-30")]


# --- merging --------------------------------------------------------------------------------

def test_back_to_back_entries_in_one_country_merge():
    assert needed(res("India", "2019-01-01", "2019-04-30", "Maharashtra"),
                  res("Inde", "2019-05-01", "2019-08-31", "Karnataka")) == [
        ("India", None, [("2019-01-01", "2019-08-31")])]


def test_overlapping_entries_merge():
    assert needed(res("India", "2019-01-01", "2019-05-31"), res("India", "2019-03-01", "2019-07-31"))[0][2] == [
        ("2019-01-01", "2019-07-31")]


def test_a_gap_or_another_country_in_between_keeps_stays_apart():
    gap = needed(res("India", "2019-01-01", "2019-04-30"), res("India", "2019-05-02", "2019-08-31"))
    assert gap == []
    between = build_stays([res("India", "2019-01-01", "2019-04-30"), res("France", "2019-05-01", "2019-05-31"),
                           res("India", "2019-06-01", "2019-09-30")], DOB, AS_OF)
    assert [(s.country, str(s.start)) for s in between] == [
        ("France", "2019-05-01"), ("India", "2019-01-01"), ("India", "2019-06-01")]


def test_two_stays_in_one_country_make_one_requirement_judged_on_the_last():
    [req] = requirements([res("India", "2013-01-01", "2015-12-31"), res("France", "2016-01-01", "2016-03-31"),
                          res("India", "2016-04-01", "2018-12-31")], DOB, AS_OF, 10)
    assert req.country == "India" and len(req.stays) == 2 and req.last.start == D("2016-04-01")
    assert req.periods == "2013-01-01 to 2015-12-31, 2016-04-01 to 2018-12-31"


# --- United States ------------------------------------------------------------------------

def test_us_states_make_state_stays_and_one_merged_us_stay():
    assert needed(res("United States", "2016-09-01", "2019-12-31", "California"),
                  res("USA", "2020-01-01", "2021-06-30", "TX")) == [
        ("United States", None, [("2016-09-01", "2021-06-30")]),
        ("United States", "California", [("2016-09-01", "2019-12-31")]),
        ("United States", "Texas", [("2020-01-01", "2021-06-30")])]


def test_two_short_states_need_the_fbi_certificate_but_no_state_one():
    assert needed(res("United States", "2020-01-01", "2020-04-30", "California"),
                  res("United States", "2020-05-01", "2020-08-31", "Texas")) == [
        ("United States", None, [("2020-01-01", "2020-08-31")])]


def test_requirement_labels():
    stay = Stay("United States", None, D("2016-01-01"), D("2019-01-01"), False)
    assert Requirement("United States", None, (stay,)).label == "United States (FBI)"
    assert Requirement("United States", "California", (stay,)).label == "United States — California (state)"
    assert Requirement("India", None, (stay,)).label == "India"
    assert Stay("UK", None, D("2020-01-01"), AS_OF, True).period == "2020-01-01 to now"


def test_policy_off_drops_the_state_requirements():
    case = Case(applicant=Applicant(date_of_birth=DOB),
                residence=(res("United States", "2016-09-01", "2019-12-31", "California"),))

    def labels(policy):
        return [r.label for r in police_requirements(case, policy, AS_OF)]
    assert labels(Policy()) == ["United States (FBI)", "United States — California (state)"]
    assert labels(Policy(us_state_certificates="required")) == labels(Policy())
    assert labels(Policy(us_state_certificates="off")) == ["United States (FBI)"]


# --- certificates -------------------------------------------------------------------------

def cert(rel, country, region=None, level="national", issued=None, kind="police_certificate"):
    fields = {"country": Field(country), "region": Field(region), "level": Field(level),
              "issue_date": Field(D(issued) if issued else None)}
    return Document(path=Path("/case") / rel, rel=rel, sha256=rel, size=1, format="pdf",
                    pages=(Page(1, "text"),), kind=kind, fields=fields)


US_REQ = Requirement("United States", None, (Stay("United States", None, D("2016-01-01"), D("2019-12-31"), False),))
CA_REQ = Requirement("United States", "California", US_REQ.stays)


def test_the_fbi_answers_the_country_and_a_state_certificate_its_state():
    certs = certificates([cert("fbi.pdf", "USA"), cert("ca.pdf", "United States", "CA", "regional"),
                          cert("tx.pdf", "United States", "Texas", "regional")])
    assert [c.doc.rel for c in answering(US_REQ, certs)] == ["fbi.pdf"]
    assert [c.doc.rel for c in answering(CA_REQ, certs)] == ["ca.pdf"]


def test_a_state_certificate_does_not_answer_the_us_requirement():
    certs = certificates([cert("ca.pdf", "United States", "California", "regional")])
    assert answering(US_REQ, certs) == []


def test_outside_the_us_a_regional_certificate_stands_in_for_a_missing_national_one():
    uae = Requirement("United Arab Emirates", None, US_REQ.stays)
    dubai = cert("dubai.pdf", "United Arab Emirates", "Dubai", "regional")
    assert [c.doc.rel for c in answering(uae, certificates([dubai]))] == ["dubai.pdf"]
    moi = cert("moi.pdf", "UAE")
    assert [c.doc.rel for c in answering(uae, certificates([dubai, moi]))] == ["moi.pdf"]


def test_other_kinds_and_countryless_certificates_are_not_certificates():
    docs = [cert("letter.pdf", "India", kind="employment_letter"), cert("blank.pdf", None)]
    assert certificates(docs) == []


def test_newest_is_the_latest_issued_dated_certificate():
    certs = certificates([cert("a.pdf", "India", issued="2021-01-01"), cert("b.pdf", "India", issued="2023-01-01"),
                          cert("c.pdf", "India")])
    assert newest(certs).doc.rel == "b.pdf"
    assert newest(certificates([cert("c.pdf", "India")])) is None
