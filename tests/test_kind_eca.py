"""ECA reports: field-by-field extraction of fixtures/eca against expected.json, plus the layouts
the fixtures do not show, and the rules table (eca.toml)."""
import datetime as dt
import json
from pathlib import Path

import pytest

from validator import intake
from validator.kinds import eca
from validator.model import Page
from validator.runner import read_document

ECA = Path(__file__).resolve().parents[1] / "fixtures" / "eca"
EXPECTED = json.loads((ECA / "expected.json").read_text(encoding="utf-8"))
FIELDS = ["organization", "issue_date", "reference_number", "holder_name", "canadian_equivalency", "purpose"]


def plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.fixture(scope="module")
def documents():
    return {name: read_document(intake.take_in(ECA / name, ECA)) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("field", FIELDS)
def test_fixture_field(documents, name, field):
    doc = documents[name]
    assert doc.kind == "eca_report" and doc.language == "en" and doc.errors == ()
    f = doc.fields.get(field)
    assert f is not None, f"{field} not extracted"
    assert plain(f.value) == EXPECTED[name]["fields"][field]
    # Every fixture states each fact, so each field points at the page and text it came from.
    assert f.page == 1 and f.evidence and f.confidence == 1.0


def extract(text: str) -> dict:
    return {k: f for k, f in eca.extract((Page(1, text),)).items()}


def values(text: str) -> dict:
    return {k: plain(f.value) for k, f in extract(text).items()}


def test_labels_without_separators_as_tables_print_them():
    got = values("World Education Services\nEducational Credential Assessment\nWES reference no. 4123456\n"
                 "Date of issue February 14, 2023\nName Priya Sharma\nDate of birth April 12, 1990\n"
                 "Credential Awarded by Years Canadian equivalency\nBachelor of Engineering\n2008–2012\n"
                 "Bachelor's degree (four\nyears)\nReport type: ECA Application for IRCC")
    assert got == {"organization": "WES", "issue_date": "2023-02-14", "reference_number": "4123456",
                   "holder_name": "Priya Sharma", "canadian_equivalency": "Bachelor's degree (four years)",
                   "purpose": "immigration"}


def test_date_of_birth_is_not_the_issue_date():
    got = values("ICAS\nDate of Birth: April 12, 1990\nName: Priya Sharma\nIssued on March 3, 2024.")
    assert got["issue_date"] == "2024-03-03"


def test_ambiguous_numeric_issue_date_is_low_confidence():
    f = extract("IQAS\nDate: 04/03/2024\nCanadian Equivalency: Master's degree")["issue_date"]
    assert f.value == dt.date(2024, 3, 4) and f.confidence == 0.5


def test_the_highest_of_several_equivalencies_wins():
    text = ("WES\nCanadian Equivalency: Bachelor's degree (three years)\n"
            "Canadian Equivalency: Master's degree\nCanadian Equivalency: Secondary school diploma")
    assert values(text)["canadian_equivalency"] == "Master's degree"


def test_equivalency_in_prose():
    text = "CES\nThis degree is equivalent to the completion of a two-year college diploma in Canada."
    assert values(text)["canadian_equivalency"] == "two-year college diploma"


@pytest.mark.parametrize("text, purpose", [
    ("WES\nThis report was prepared for Immigration, Refugees and Citizenship Canada.", "immigration"),
    ("ICES\nSubmitted under Express Entry.", "immigration"),
    ("ICES\nThis report is not valid for immigration to Canada. Prepared for IRCC? No.", "general"),
    ("WES\nThis evaluation cannot be used by IRCC; it is not accepted by IRCC.", "general"),
    ("ICES\nThis report is not intended to be used for immigration to Canada.", "general"),
    ("ICES\nPrepared for employment purposes.", "general"),
])
def test_purpose(text, purpose):
    assert values(text)["purpose"] == purpose


def test_unstated_purpose_is_general_with_low_confidence():
    f = extract("WES\nCanadian Equivalency: Master's degree")["purpose"]
    assert f.value == "general" and f.confidence < 1 and f.evidence is None


def test_issuer_from_the_letterhead_not_from_the_body():
    text = ("Northstar Credential Evaluators Inc.\n1200 Bay Street, Toronto\nCredential Evaluation Report\n"
            "Reference No.: NCE-1\nDate: June 3, 2024\nPrepared for: Sofia Petrova\n"
            "Unlike WES, we evaluate any credential.")
    assert values(text)["organization"] == "Northstar Credential Evaluators Inc."


def test_designated_name_only_in_the_body_is_less_sure():
    text = "\n".join(["Credential report"] + [f"line {i}" for i in range(8)]
                     + ["Assessed by the Comparative Education Service."])
    f = extract(text)["organization"]
    assert f.value == "CES" and f.confidence < 1


def test_acronyms_match_in_capitals_only():
    # French "ces" (these) is not the Comparative Education Service.
    assert "organization" not in values("Rapport\nces diplômes sont évalués\nDate : 12 mars 2024")


@pytest.mark.parametrize("line, reference", [
    ("ICAS File No.: 0098-4471", "0098-4471"),
    ("MCC Candidate Code: 104-338-921", "104-338-921"),
    ("CES Reference Number: CES-24-08816", "CES-24-08816"),
    ("Verify using the reference number above.\nIQAS File Number 0317725", "0317725"),
    ("WES Reference No.: 4512 3398", "4512 3398"),
    ("Reference Number: 4512 339 8812 Date of issue", "4512 339 8812"),
    ("Reference: 1234567 06/05/2022", "1234567"),
    ("Ref. 1234567 2022-03-04", "1234567"),
])
def test_reference_numbers(line, reference):
    assert values("WES\n" + line)["reference_number"] == reference


@pytest.mark.parametrize("line", ["Name: PRIYA SHARMA (Ms.)", "Name of Applicant: Priya Sharma (Mrs)"])
def test_holder_with_a_courtesy_title_after_the_name(line):
    assert values(f"WES\n{line}\nDate of Issue: March 4, 2022")["holder_name"].upper() == "PRIYA SHARMA"


def test_holder_from_surname_and_given_names():
    got = values("PEBC\nSurname: CHEN\nGiven Names: WEI\nCanadian Equivalency: Master's degree")
    assert got["holder_name"] == "WEI CHEN"


def test_rules_table():
    rules = eca.rules()
    assert [o.code for o in rules.organizations] == ["WES", "ICAS", "CES", "IQAS", "ICES", "MCC", "PEBC"]
    assert rules.validity_years == 5 and rules.source.startswith("https://www.canada.ca/")
    assert rules.organization("IQAS").designated == dt.date(2015, 8, 6)
    assert rules.organization("PEBC").designated == dt.date(2014, 1, 6)
    assert rules.organization("Northstar") is None


@pytest.mark.parametrize("issued, until", [
    (dt.date(2020, 3, 15), dt.date(2025, 3, 15)),
    (dt.date(2020, 2, 29), dt.date(2025, 2, 28)),
])
def test_valid_until(issued, until):
    assert eca.valid_until(issued) == until


def test_month_only_issue_date_is_read_as_the_last_day():
    f = extract("WES\nDate of issue: March 2020")["issue_date"]
    assert f.precision == "month" and eca.latest_issue_date(f) == dt.date(2020, 3, 31)
