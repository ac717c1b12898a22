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
from validator.residence import UNITED_STATES, canonical_region
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
    assert {"en", "fr"} <= {c.spec.lang for c in CERTS}
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


@pytest.mark.parametrize("text, country, authority", [
    ("Bundesamt für Justiz\n- Bundeszentralregister -\n53094 Bonn\nFührungszeugnis", "Germany",
     "Bundesamt für Justiz"),
    ("FUEHRUNGSZEUGNIS\nBelegart: N", "Germany", "Bundesamt für Justiz"),
    ("Federal Office of Justice\nFederal Central Criminal Register\nCertificate of Conduct", "Germany",
     "Bundesamt für Justiz"),
    ("POLÍCIA FEDERAL\nCERTIDÃO DE ANTECEDENTES CRIMINAIS", "Brazil", "Polícia Federal"),
    ("Brazilian Federal Police\nCriminal Record Certificate", "Brazil", "Polícia Federal"),
    ("Beijing Municipal Public Security Bureau\nPeople's Republic of China\nCertificate of No Criminal Record",
     "China", "Beijing Municipal Public Security Bureau"),
])
def test_issuers_named_in_their_own_language(text, country, authority):
    got = values(text)
    assert (got["country"], got["authority"]) == (country, authority)


def test_a_chinese_bureau_is_regional_and_its_city_the_region():
    got = values("SHANGHAI MUNICIPAL PUBLIC SECURITY BUREAU\nShanghai, China\nCertificate of No Criminal Record")
    assert (got["country"], got["level"], got["region"]) == ("China", "regional", "Shanghai")
    got = values("The Public Security Bureau of Haidian District, Beijing, China certifies")
    assert (got["authority"], got["region"]) == ("Public Security Bureau", None)


@pytest.mark.parametrize("text", [
    # Switzerland's federal office has the same German name: without the register or the certificate, no country.
    "Bundesamt für Justiz BJ\nSchweizerisches Strafregister\nPrivatauszug\nStaatsangehörigkeit: Deutschland",
    "Public Security Bureau\nCertificate of No Criminal Record",  # no China named
    "Policía Federal Argentina\nCertificado de antecedentes\nNacionalidad: brasileña",
    "Federal Police\nPlace of birth: Brazil",
])
def test_ambiguous_foreign_issuers_need_their_context(text):
    assert "country" not in values(text)


@pytest.mark.parametrize("text, state, authority", [
    ("FDLE\nCriminal History Services", "Florida", "Florida Department of Law Enforcement"),
    ("TX DPS Crime Records Service\nCriminal history", "Texas", "Texas Department of Public Safety"),
    ("Texas DPS\nCrime Records", "Texas", "Texas Department of Public Safety"),
    ("AZ DPS\nApplicant Clearance Card Team\nPhoenix, Texas Avenue", "Arizona", "Arizona Department of Public Safety"),
    ("DPS\nCrime Records Service\nAustin, Texas 78752", "Texas", "Texas Department of Public Safety"),
    ("DPS\nFingerprint clearance\nPhoenix, Arizona 85005", "Arizona", "Arizona Department of Public Safety"),
    ("GBI\nGeorgia Crime Information Center", "Georgia", "Georgia Bureau of Investigation"),
    ("SLED\nCriminal Records Section\nColumbia, SC 29210", "South Carolina", "South Carolina Law Enforcement Division"),
    ("South Carolina Law Enforcement Division\nCriminal Records", "South Carolina",
     "South Carolina Law Enforcement Division"),
    ("TBI\nCriminal Justice Information Services Division", "Tennessee", "Tennessee Bureau of Investigation"),
])
def test_state_agencies_named_by_abbreviation(text, state, authority):
    got = values(text + "\nDate: 03/04/2024")
    assert (got["country"], got["level"], got["region"], got["authority"]) == (UNITED_STATES, "regional", state,
                                                                                 authority)
    assert got["issue_date"] == "2024-03-04"  # a US state's month-first dates


@pytest.mark.parametrize("code, state", [("FL", "Florida"), ("SC", "South Carolina"), ("TX", "Texas")])
def test_an_abbreviated_agency_region_is_the_case_files_state(code, state):
    text = {"FL": "FDLE", "SC": "SLED", "TX": "TX DPS"}[code]
    assert values(text + "\nCriminal history")["region"] == canonical_region(UNITED_STATES, code) == state


@pytest.mark.parametrize("text", [
    "DPS\nCriminal history check\nNo record",  # every state has a DPS: which one?
    "DPS\nTexas or Arizona applicants: criminal history",  # both named
    "The sled dogs of the police service",  # only capitals are an abbreviation
    "Fdle gbi tbi\nPolice clearance",
])
def test_abbreviations_that_name_no_single_state(text):
    assert values(text).get("region") is None


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


# --- names printed alone, names in table columns -------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("RECORD REVIEW RESPONSE\nSHARMA, PRIYA\nDOB: 04/12/1990", "PRIYA SHARMA"),
    ("07/20/2021\nSHARMA, PRIYA ANJALI\n1234 MAIN ST\nSAN JOSE CA 95112\nDate of birth: 04/12/1990",
     "PRIYA ANJALI SHARMA"),
    ("CALIFORNIA CRIMINAL HISTORY RECORD\nDELA CRUZ, JUAN SANTOS\nA search found no record.", "JUAN SANTOS DELA CRUZ"),
    ("DOB 06/15/1992\nHERNÁNDEZ LÓPEZ, SOFÍA", "SOFÍA HERNÁNDEZ LÓPEZ"),
])
def test_a_name_printed_alone_by_the_date_of_birth_or_under_the_record_heading(text, name):
    assert values("STATE OF CALIFORNIA\nDEPARTMENT OF JUSTICE\n" + text)["subject_name"] == name


@pytest.mark.parametrize("text", [
    # far from the date of birth and the heading: the officer who signs
    ("RECORD REVIEW RESPONSE\nDOB: 04/12/1990\nNo record was found.\nWe searched by fingerprints.\n"
     "Please keep this letter.\nSincerely,\nMORALES, DANIEL"),
    # a signatory near the date of birth: a closing above, a title or the unit below
    "DOB: 04/12/1990\nSincerely,\nMORALES, DANIEL",
    "DOB: 04/12/1990\nMORALES, DANIEL\nProgram Manager",
    "DOB: 04/12/1990\nMORALES, DANIEL\nRecord Review Unit",
    # places, agencies and labels in the same shape
    "DOB: 04/12/1990\nSACRAMENTO, CA",
    "DOB: 04/12/1990\nNEW DELHI, INDIA",
    "DOB: 04/12/1990\nPLACE OF BIRTH\nTORONTO, ONTARIO",
    "DOB: 04/12/1990\nBUREAU OF CRIMINAL INFORMATION, RECORD REVIEW UNIT",
    "SUBJECT RECORD\nLAST NAME, FIRST NAME\nDOB: 04/12/1990",
    "DOB: 04/12/1990\nFATHER\nSHARMA, RAKESH",
    # under a statement, not a heading
    "NO RECORD FOUND\nMORALES, DANIEL",
    # two different names: whose certificate is it?
    "SHARMA, PRIYA\nDOB: 04/12/1990\nVERMA, RAHUL",
    # mixed case is not the form printed for the subject
    "DOB: 04/12/1990\nSharma, Priya",
])
def test_not_a_name_printed_alone(text):
    assert "subject_name" not in values("STATE OF CALIFORNIA\nDEPARTMENT OF JUSTICE\n" + text)


def test_a_labelled_name_wins_over_a_name_printed_alone():
    got = values("RECORD REVIEW RESPONSE\nMORALES, DANIEL\nApplicant Name: SHARMA, PRIYA\nDOB: 04/12/1990")
    assert got["subject_name"] == "PRIYA SHARMA"


@pytest.mark.parametrize("table, name, born", [
    ("Surname | Given names | Date of birth\nSHARMA | PRIYA | 12/04/1990", "PRIYA SHARMA", "1990-04-12"),
    ("Name | Date of birth | Sex\nPriya Sharma | 12/04/1990 | F", "Priya Sharma", "1990-04-12"),
    ("Date of birth | Given name(s) | Family name\n12/04/1990 | Priya | Sharma", "Priya Sharma", "1990-04-12"),
    ("Familienname | Vornamen | Geburtsdatum\nBECKER | Lukas | 14.09.1987", "Lukas BECKER", "1987-09-14"),
])
def test_a_header_row_over_a_row_of_values_pairs_by_column(table, name, born):
    got = values(f"ACRO Criminal Records Office\n{table}\n\nDate of issue: 26/09/2023")
    assert (got["subject_name"], got.get("subject_date_of_birth"), got["issue_date"]) == (name, born, "2023-09-26")


@pytest.mark.parametrize("table", [
    "Surname | Given names | Date of birth\nSHARMA | PRIYA | 12/04/1990\nVERMA | RAHUL | 23/11/1987",  # two people
    "Surname | Given names | Date of birth\nSHARMA | 12/04/1990",  # a cell left empty: the columns shift
    "Surname | Given names | Date of birth",  # no values
    "Surname | Given names | Date of birth\nGiven names: PRIYA",  # the header's "Given names" is no surname
])
def test_tables_that_pair_no_name(table):
    assert "subject_name" not in values("ACRO Criminal Records Office\n" + table)


def test_label_cells_beside_value_cells_are_no_header_row():
    got = values("ACRO Criminal Records Office\nSurname: | SHARMA\nGiven names: | PRIYA\nDate of Birth: | 12/04/1990")
    assert (got["subject_name"], got["subject_date_of_birth"]) == ("PRIYA SHARMA", "1990-04-12")


def test_a_name_wrapped_onto_the_next_line_is_read_whole():
    text = ("ACRO\nThere is no record of a final criminal conviction in the name of ANA BEATRIZ COSTA\n"
            "FERREIRA, nationality Brazilian, born on 08/09/1992.\nShort line.")
    fields = extract((Page(1, text),))
    assert fields["subject_name"].value == "ANA BEATRIZ COSTA FERREIRA"
    assert "FERREIRA" in fields["subject_name"].evidence


def test_an_employment_letter_is_not_a_police_certificate():
    letter = ("To whom it may concern,\nThis letter confirms that Priya Sharma has been employed with Acme "
              "Robotics Inc. as a Software Engineer since March 4, 2019, working 40 hours per week. Her duties "
              "include reviewing records and background research.\nJane Doe, HR Manager")
    assert classify(letter, "").kind == "employment_letter"


@pytest.mark.parametrize("text", [
    "Bundesamt für Justiz\nFührungszeugnis zur Vorlage bei einer Behörde\nInhalt: Keine Eintragung",
    "Ministério da Justiça\nPolícia Federal\nCertidão de Antecedentes Criminais\nNão constam registros",
])
def test_german_and_portuguese_only_certificates_are_police_certificates(text):
    assert classify(text, "").kind == "police_certificate"
