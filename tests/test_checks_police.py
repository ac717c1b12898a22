"""POL001-POL005 and the police checklist: unit cases, house policy, and the case folders end to end."""
import datetime as dt
import json
from pathlib import Path

import pytest

import checks.police
from validator.case import Applicant, Case, Residence, load_case
from validator.checklist import police as police_checklist
from validator.config import Config, Policy
from validator.model import ERROR, WARNING, Document, Field, Page, Severity
from validator.registry import Context, checks_in
from validator.runner import audit, run_checks

D = dt.date.fromisoformat
AS_OF = D("2025-08-01")
DOB = D("1990-04-12")
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
POL_CHECKS = list(checks_in(checks.police))
DEFAULT = Policy()


def res(country, start, end=None, region=None):
    return Residence(country, region, D(start), D(end) if end else None)


def cert(rel, country, issued, region=None, level="national", confidence=1.0, precision="day"):
    fields = {"country": Field(country), "region": Field(region), "level": Field(level),
              "issue_date": Field(D(issued), page=1, evidence=f"Date of issue: {issued}",
                                  confidence=confidence, precision=precision)}
    return Document(path=Path("/case") / rel, rel=rel, sha256=rel, size=1, format="pdf",
                    pages=(Page(1, "certificate"),), kind="police_certificate", fields=fields)


def context(residence, docs=(), policy=DEFAULT, dob=DOB, case=True):
    the_case = Case(applicant=Applicant(date_of_birth=dob), residence=tuple(residence),
                    declared=frozenset({"residence"} if residence else ())) if case else None
    return Context(documents=tuple(docs), case=the_case, policy=policy, as_of=AS_OF)


def findings(residence, docs=(), policy=DEFAULT, dob=DOB, severity=None, case=True):
    ctx = context(residence, docs, policy, dob, case)
    found, notices = run_checks(POL_CHECKS, ctx, Config(policy=policy, severity=severity or {}))
    assert notices == []
    return found, ctx


def codes(*args, **kwargs):
    return sorted(f.code for f in findings(*args, **kwargs)[0])


CANADA_NOW = res("Canada", "2022-01-01", None, "Ontario")
INDIA = res("India", "2016-01-01", "2021-12-31")
CALIFORNIA = res("United States", "2016-09-01", "2019-12-31", "California")
TEXAS = res("United States", "2020-01-01", "2021-06-30", "Texas")
FBI = cert("police/fbi.pdf", "United States", "2021-08-16")
CA_DOJ = cert("police/ca.pdf", "United States", "2021-07-20", "California", "regional")
TX_DPS = cert("police/tx.pdf", "United States", "2021-07-28", "Texas", "regional")


# --- POL001 -----------------------------------------------------------------------------------

def test_pol001_fires_once_per_country_without_any_certificate():
    found, _ = findings([res("India", "2012-01-01", "2015-12-31"), res("France", "2016-01-01", "2016-03-31"),
                         res("India", "2016-04-01", "2021-12-31"), CANADA_NOW])
    [f] = found
    assert f.code == "POL001" and f.severity is ERROR and f.file is None
    assert "India" in f.message and "2012-01-01 to 2015-12-31, 2016-04-01 to 2021-12-31" in f.message
    assert "FBI" in f.hint  # the fix names what to get


def test_pol001_is_silent_with_a_certificate_from_the_country():
    assert codes([INDIA, CANADA_NOW], [cert("pcc.pdf", "India", "2022-02-01")]) == []


def test_pol001_counts_a_regional_certificate_as_a_certificate():
    assert "POL001" not in codes([CALIFORNIA, CANADA_NOW], [CA_DOJ])


def test_pol001_matches_by_country_not_by_spelling():
    assert codes([res("USA", "2016-09-01", "2019-12-31", "CA"), CANADA_NOW], [FBI, CA_DOJ]) == []


def test_pol001_never_for_canada():
    assert codes([res("Canada", "2005-01-01", None, "Quebec")]) == []


def test_pol001_says_when_the_birth_date_is_unknown():
    [f] = findings([res("India", "2008-01-01", "2016-06-30"), CANADA_NOW], dob=None)[0]
    assert "applicant.date_of_birth is not declared" in f.message


# --- POL002 -----------------------------------------------------------------------------------

def test_pol002_recommended_is_a_warning_per_state():
    found, _ = findings([CALIFORNIA, TEXAS, CANADA_NOW], [FBI])
    assert [(f.code, f.severity) for f in found] == [("POL002", WARNING), ("POL002", WARNING)]
    assert "California (United States)" in found[0].message and "2016-09-01 to 2019-12-31" in found[0].message
    assert "Texas" in found[1].message


def test_pol002_required_is_an_error():
    found, _ = findings([CALIFORNIA, CANADA_NOW], [FBI], Policy(us_state_certificates="required"))
    assert [(f.code, f.severity) for f in found] == [("POL002", ERROR)]
    assert "required by the house policy" in found[0].message


def test_pol002_off_is_silent():
    assert codes([CALIFORNIA, CANADA_NOW], [FBI], Policy(us_state_certificates="off")) == []


def test_pol002_follows_a_configured_severity_when_recommended():
    found, _ = findings([CALIFORNIA, CANADA_NOW], [FBI], severity={"POL002": Severity.INFO})
    assert found[0].severity is Severity.INFO


def test_pol002_is_silent_when_each_state_has_its_certificate():
    assert codes([CALIFORNIA, TEXAS, CANADA_NOW], [FBI, CA_DOJ, TX_DPS]) == []


def test_pol002_fires_with_pol001_when_nothing_is_on_file():
    assert codes([CALIFORNIA, CANADA_NOW]) == ["POL001", "POL002"]


def test_pol002_ignores_a_state_under_six_months():
    short = [res("United States", "2020-01-01", "2020-04-30", "California"),
             res("United States", "2020-05-01", "2020-08-31", "Texas"), CANADA_NOW]
    assert codes(short) == ["POL001"]


def test_pol002_wants_the_state_of_the_stay():
    assert codes([CALIFORNIA, CANADA_NOW], [FBI, TX_DPS]) == ["POL002"]


# --- POL003 -----------------------------------------------------------------------------------

def test_pol003_fires_with_state_certificates_and_no_fbi():
    found, _ = findings([CALIFORNIA, CANADA_NOW], [CA_DOJ])
    assert [f.code for f in found] == ["POL003"]
    assert "police/ca.pdf" in found[0].message and "2016-09-01 to 2019-12-31" in found[0].message


def test_pol003_is_silent_with_the_fbi_certificate_or_with_no_certificate():
    assert "POL003" not in codes([CALIFORNIA, CANADA_NOW], [FBI, CA_DOJ])
    assert "POL003" not in codes([CALIFORNIA, CANADA_NOW])


# --- POL004 -----------------------------------------------------------------------------------

def test_pol004_fires_when_issued_before_the_last_day_of_a_former_stay():
    pcc = cert("police/pcc.pdf", "India", "2021-12-30")
    found, _ = findings([INDIA, CANADA_NOW], [pcc])
    [f] = found
    assert f.code == "POL004" and f.file == "police/pcc.pdf" and f.page == 1
    assert "2021-12-30" in f.message and "2016-01-01 to 2021-12-31" in f.message and "India" in f.message


def test_pol004_accepts_a_certificate_issued_on_the_last_day():
    assert codes([INDIA, CANADA_NOW], [cert("pcc.pdf", "India", "2021-12-31")]) == []


def test_pol004_judges_the_newest_certificate():
    old, new = cert("old.pdf", "India", "2020-05-01"), cert("new.pdf", "India", "2022-01-10")
    assert codes([INDIA, CANADA_NOW], [old, new]) == []


def test_pol004_judges_a_state_certificate_against_its_state_stay():
    early_ca = cert("ca.pdf", "United States", "2019-11-01", "California", "regional")
    found, _ = findings([CALIFORNIA, TEXAS, CANADA_NOW], [FBI, early_ca, TX_DPS])
    assert [(f.code, f.file) for f in found] == [("POL004", "ca.pdf")]
    assert "California (United States)" in found[0].message


def test_pol004_gives_a_month_only_date_the_benefit_of_the_doubt():
    december = cert("pcc.pdf", "India", "2021-12-01", precision="month")
    assert codes([INDIA, CANADA_NOW], [december]) == []


def test_pol004_leaves_the_current_country_to_pol005():
    assert codes([res("India", "2016-01-01")], [cert("pcc.pdf", "India", "2025-03-01")]) == []


def test_pol004_says_when_the_date_is_uncertain():
    pcc = cert("pcc.pdf", "India", "2021-05-12", confidence=0.5)
    [f] = findings([INDIA, CANADA_NOW], [pcc])[0]
    assert f.code == "POL004" and "low confidence" in f.message


# --- POL005 -----------------------------------------------------------------------------------

def test_pol005_fires_a_day_past_six_months():
    found, _ = findings([res("UK", "2018-05-01")], [cert("acro.pdf", "United Kingdom", "2025-01-31")])
    [f] = found
    assert f.code == "POL005" and f.file == "acro.pdf"
    assert "2025-01-31" in f.message and "2025-02-01" in f.message and "United Kingdom" in f.message


def test_pol005_accepts_exactly_six_months():
    assert codes([res("UK", "2018-05-01")], [cert("acro.pdf", "United Kingdom", "2025-02-01")]) == []


def test_pol005_ignores_former_countries_and_canada():
    old = cert("pcc.pdf", "India", "2022-01-10")
    assert codes([INDIA, CANADA_NOW], [old]) == []


def test_pol005_judges_the_fbi_and_the_current_state():
    now_ca = res("United States", "2016-09-01", None, "California")
    stale = [cert("fbi.pdf", "United States", "2024-01-05"),
             cert("ca.pdf", "United States", "2024-01-05", "California", "regional")]
    assert sorted((f.code, f.file) for f in findings([now_ca], stale)[0]) == [("POL005", "ca.pdf"),
                                                                               ("POL005", "fbi.pdf")]


# --- declared facts ---------------------------------------------------------------------------

def test_without_residence_the_checks_are_skipped_for_cas001():
    found, ctx = findings([])
    assert found == [] and sorted(ctx.unmet["[[residence]]"]) == ["POL001", "POL002", "POL003", "POL004", "POL005"]
    found, ctx = findings([], case=False)
    assert found == [] and "[[residence]]" in ctx.unmet


# --- checklist --------------------------------------------------------------------------------

def checklist(residence, docs=(), policy=DEFAULT):
    return [(i.item, i.status, i.files) for i in police_checklist.items(context(residence, docs, policy))]


def test_checklist_has_one_item_per_required_certificate():
    assert checklist([INDIA, CALIFORNIA, TEXAS, CANADA_NOW], [FBI, TX_DPS, cert("pcc.pdf", "Inde", "2022-01-01")]) == [
        ("Police certificate: India", "present", ("pcc.pdf",)),
        ("Police certificate: United States (FBI)", "present", ("police/fbi.pdf",)),
        ("Police certificate: United States — California (state)", "missing", ()),
        ("Police certificate: United States — Texas (state)", "present", ("police/tx.pdf",)),
    ]


def test_checklist_leaves_out_states_when_the_policy_is_off():
    assert [i[0] for i in checklist([CALIFORNIA], [], Policy(us_state_certificates="off"))] == [
        "Police certificate: United States (FBI)"]


def test_checklist_is_empty_without_a_case_or_a_needed_certificate():
    assert list(police_checklist.items(context([], case=False))) == []
    assert checklist([CANADA_NOW]) == []


# --- the case folders, end to end ---------------------------------------------------------------

EXPECTED = json.loads((CASES / "police-expected.json").read_text())


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_case_folder(folder):
    case = load_case(CASES / folder / "case.toml")
    result = audit(CASES / folder, case, Config(), case.as_of)
    found = {f.code for f in result.report.findings}
    assert set(EXPECTED[folder]["must"]) <= found
    assert not set(EXPECTED[folder]["must_not"]) & found


@pytest.mark.parametrize("setting, severity", [("required", ERROR), ("recommended", WARNING), ("off", None)])
def test_case_folder_under_each_state_policy(setting, severity):
    folder = CASES / "police-us-fbi-only"
    case = load_case(folder / "case.toml")
    report = audit(folder, case, Config(policy=Policy(us_state_certificates=setting)), case.as_of).report
    pol002 = [f for f in report.findings if f.code == "POL002"]
    assert [f.severity for f in pol002] == ([severity] * 2 if severity else [])
