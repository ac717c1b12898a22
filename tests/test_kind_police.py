"""Police certificate extraction: every fixture field by field, plus the rules behind them."""
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from fixtures.gen.police import CERTS, build
from validator.intake import take_in
from validator.kinds.classify import classify
from validator.kinds.police import extract
from validator.model import Page
from validator.runner import read_document

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "police"
EXPECTED = json.loads((FOLDER / "expected.json").read_text())
FIELDS = ("country", "region", "level", "authority", "issue_date", "subject_name", "subject_date_of_birth")


def read(path: Path):
    return read_document(take_in(path, path.parent))


def values(pages_text: str) -> dict:
    fields = extract((Page(1, pages_text),))
    return {k: (f.value.isoformat() if isinstance(f.value, dt.date) else f.value) for k, f in fields.items()}


@pytest.fixture(scope="module")
def documents():
    return {name: read(FOLDER / name) for name in EXPECTED}


def test_the_corpus_covers_enough_certificates_in_both_languages():
    assert len(EXPECTED) >= 25
    assert sum(name.endswith(".docx") for name in EXPECTED) >= 3
    assert {c.spec.lang for c in CERTS} == {"en", "fr"}
    us_states = {e["fields"]["region"] for e in EXPECTED.values() if e["fields"]["country"] == "United States"}
    assert len(us_states - {None}) >= 5


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fields_match_expected(name, documents):
    doc = documents[name]
    assert doc.kind == "police_certificate" and not doc.errors
    expected = EXPECTED[name]
    for field in FIELDS:
        got = doc.fields.get(field)
        value = got.value.isoformat() if got is not None and isinstance(got.value, dt.date) else (
            got.value if got is not None else None)
        assert value == expected["fields"][field], field
        if value is not None:
            assert got.page == 1 and got.evidence, field
            assert (got.confidence < 1) == (field in expected["low_confidence"]), field


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_content_alone_classifies_it(name, documents):
    assert classify(documents[name].text, "").kind == "police_certificate"


def test_country_comes_from_the_content_not_the_file_name(tmp_path):
    decoy = tmp_path / "india-pcc.pdf"
    shutil.copy(FOLDER / "fbi-electronic.pdf", decoy)
    doc = read(decoy)
    assert (doc.value("country"), doc.value("level")) == ("United States", "national")


def test_fixtures_are_fresh_against_the_generator(tmp_path):
    build(tmp_path)
    for path in sorted((tmp_path / "police").iterdir()):
        assert path.read_bytes() == (FOLDER / path.name).read_bytes(), path.name


# --- issuers --------------------------------------------------------------------------------

def test_the_first_issuer_named_wins():
    text = ("STATE OF CALIFORNIA\nDEPARTMENT OF JUSTICE\nName: Kevin Tran\n"
            "Your fingerprints were also forwarded to the Federal Bureau of Investigation.")
    assert values(text)["region"] == "California" and values(text)["level"] == "regional"


def test_a_state_agency_named_like_the_fbi_division_is_the_state():
    got = values("Massachusetts Department of Criminal Justice Information Services\nCORI\n")
    assert (got["region"], got["authority"]) == (
        "Massachusetts", "Massachusetts Department of Criminal Justice Information Services")


def test_an_indian_certificate_issued_in_the_us_is_indian():
    got = values("Consulate General of India\n540 Arguello Boulevard, San Francisco, CA 94118\n"
                 "POLICE CLEARANCE CERTIFICATE\nDated: 30/11/2023")
    assert (got["country"], got["authority"]) == ("India", "Consulate General of India")


def test_an_issuer_needing_context_does_not_match_without_it():
    assert "country" not in values("Ministry of Interior\nGood conduct certificate\n")
    assert values("Ministry of Interior\nUnited Arab Emirates\n")["country"] == "United Arab Emirates"


def test_an_unknown_issuer_falls_back_on_the_state_heading_with_low_confidence():
    fields = extract((Page(1, "REPUBLIC OF GHANA\nGHANA POLICE SERVICE\nPolice Clearance Certificate"),))
    assert fields["country"].value == "Ghana" and fields["country"].confidence < 1
    assert fields["authority"].value == "Ghana Police Service"


@pytest.mark.parametrize("heading, country, region", [
    ("REPUBLIC OF SRI LANKA\nSRI LANKA POLICE", "Sri Lanka", None),
    ("Republic of Kenya Police Service", "Kenya", None),
    ("RÉPUBLIQUE DU SÉNÉGAL\nMinistère de l'Intérieur", "Sénégal", None),
    ("State of Georgia\nGeorgia Crime Information Center", "United States", "Georgia"),
])
def test_fallback_headings(heading, country, region):
    got = values(heading + "\nPolice clearance certificate")
    assert (got["country"], got["region"]) == (country, region)
    assert got["level"] == ("regional" if region else "national")


def test_no_issuer_and_no_heading_gives_no_country():
    assert "country" not in values("Police clearance certificate\nNo criminal record found.")


# --- dates ----------------------------------------------------------------------------------

def test_us_issuers_read_numeric_dates_month_first():
    got = values("Federal Bureau of Investigation\nDate: 03/04/2024\nDate of Birth: 04/12/1990")
    assert (got["issue_date"], got["subject_date_of_birth"]) == ("2024-03-04", "1990-04-12")


def test_other_issuers_read_them_day_first():
    got = values("ACRO Criminal Records Office\nDate of Issue: 03/04/2024\nDate of Birth: 04/12/1990")
    assert (got["issue_date"], got["subject_date_of_birth"]) == ("2024-04-03", "1990-12-04")


def test_a_date_the_document_proves_overrides_the_issuer_convention():
    got = values("Federal Bureau of Investigation\nDate: 26/09/2023\nDate of Birth: 04/12/1990")
    assert (got["issue_date"], got["subject_date_of_birth"]) == ("2023-09-26", "1990-12-04")


def test_an_unsettled_numeric_date_without_an_issuer_is_low_confidence():
    fields = extract((Page(1, "Police Clearance Certificate\nDate of issue: 05/06/2023"),))
    assert fields["issue_date"].value == dt.date(2023, 6, 5) and fields["issue_date"].confidence < 1


def test_month_names_and_abbreviations():
    assert values("NBI CLEARANCE\nRepublic of the Philippines\nDATE ISSUED: 26-SEP-2023")["issue_date"] == "2023-09-26"
    assert values("Casier judiciaire national\nNantes, le 1er mars 2024")["issue_date"] == "2024-03-01"


def test_labelled_dates_that_are_not_the_issue_date_are_skipped():
    got = values("NBI Clearance\nPhilippines\nVALID UNTIL: 09/26/2024\nDate of request: 09/01/2023\n"
                 "BIRTH DATE: 06/15/1992\nDATE ISSUED: 09/26/2023")
    assert (got["issue_date"], got["subject_date_of_birth"]) == ("2023-09-26", "1992-06-15")


def test_a_dateline_is_the_issue_date():
    got = values("Federal Bureau of Investigation\nClarksburg, WV 26306\nSeptember 26, 2023\nName: Kevin Tran")
    assert got["issue_date"] == "2023-09-26"
    assert extract((Page(1, "FBI\nSeptember 26, 2023"),))["issue_date"].confidence == 1


def test_a_value_under_its_label_takes_the_label():
    got = values("ACRO Criminal Records Office\nDate of Birth\n12/04/1990\nDate of Issue\n26/09/2023")
    assert (got["issue_date"], got["subject_date_of_birth"]) == ("2023-09-26", "1990-04-12")


def test_a_date_in_running_text_is_only_a_guess():
    fields = extract((Page(1, "ACRO Criminal Records Office\nSearch completed with the records held on 26/09/2023."),))
    assert fields["issue_date"].value == dt.date(2023, 9, 26) and fields["issue_date"].confidence < 1


# --- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Name: SHARMA, PRIYA", "PRIYA SHARMA"),
    ("Subject name SHARMA, PRIYA", "PRIYA SHARMA"),
    ("Name: | Priya Sharma", "Priya Sharma"),
    ("Name / Nom: Priya Sharma", "Priya Sharma"),
    ("Name: Priya Sharma Date of birth: 12/04/1990", "Priya Sharma"),
    ("Surname: SMITH\nForename(s): JOHN ALBERT", "JOHN ALBERT SMITH"),
    ("Nom de naissance : DUPONT\nPrénoms : Marie Claire", "Marie Claire DUPONT"),
    ("This is to certify that Mr. Rahul Verma, son of Shri Anil Verma, holder of passport", "Rahul Verma"),
    ("Nous certifions que Youssef EL AMRANI, né(e) le 14/05/1986", "Youssef EL AMRANI"),
    ("no convictions recorded against Emily Jane Walker, date of birth", "Emily Jane Walker"),
])
def test_subject_name_forms(text, name):
    assert values("ACRO\n" + text)["subject_name"] == name


@pytest.mark.parametrize("text", [
    "This is to certify that no criminal record was found.",
    "Name Date of birth Sex",
    "Name of Father: Anil Verma",
    "Surname: SMITH",  # a surname without given names is not the full name
])
def test_not_names(text):
    assert "subject_name" not in values("ACRO\n" + text)


def test_an_employment_letter_is_not_a_police_certificate():
    letter = ("To whom it may concern,\nThis letter confirms that Priya Sharma has been employed with Acme "
              "Robotics Inc. as a Software Engineer since March 4, 2019, working 40 hours per week. Her duties "
              "include reviewing records and background research.\nJane Doe, HR Manager")
    assert classify(letter, "").kind == "employment_letter"
