"""Birth and marriage certificates, passports and bank letters: every fixture field by field
(fixtures/family/ and the shared fixtures/kinds/), plus layouts written out in the test."""
import datetime as dt
import json
from pathlib import Path

import pytest

from fixtures.gen.family import build
from validator.intake import take_in
from validator.kinds import birth, funds, marriage, passport
from validator.model import Money, Page
from validator.runner import read_document

ROOT = Path(__file__).resolve().parents[1] / "fixtures"
FAMILY = ROOT / "family"
EXPECTED = json.loads((FAMILY / "expected.json").read_text(encoding="utf-8"))
MY_KINDS = ("birth_certificate", "marriage_certificate", "passport", "proof_of_funds")
SHARED = {name: spec for name, spec in json.loads((ROOT / "kinds" / "fields.json").read_text(encoding="utf-8")).items()
          if spec["kind"] in MY_KINDS}


def plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Money):
        return value.to_json()
    return value


def extracted(folder: Path, name: str) -> tuple[str, dict]:
    doc = read_document(take_in(folder / name, folder))
    assert not doc.errors, doc.errors
    return doc.kind, {k: plain(f.value) for k, f in doc.fields.items()}


def values(module, text: str) -> dict:
    return {k: plain(f.value) for k, f in module.extract((Page(1, text),)).items()}


def compare(expected: dict, got: dict) -> None:
    for field, value in expected.items():
        if field == "parent_names":  # the order parents are printed in carries no meaning
            assert sorted(got.get(field) or []) == sorted(value), field
        else:
            assert got.get(field) == value, field


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_family_fixture(name):
    kind, got = extracted(FAMILY, name)
    assert kind == EXPECTED[name]["kind"]
    compare(EXPECTED[name]["fields"], got)


@pytest.mark.parametrize("name", sorted(SHARED))
def test_shared_kind_fixture(name):
    kind, got = extracted(ROOT / "kinds", name)
    assert kind == SHARED[name]["kind"]
    compare(SHARED[name]["fields"], got)


def test_corpus_covers_the_layouts_asked_for():
    kinds = [e["kind"] for e in EXPECTED.values()]
    assert kinds.count("birth_certificate") >= 5 and kinds.count("marriage_certificate") >= 2
    passports = [e["fields"] for e in EXPECTED.values() if e["kind"] == "passport"]
    assert any(p["mrz_valid"] for p in passports) and any(not p["mrz_valid"] for p in passports)
    currencies = {e["fields"]["balance"]["currency"] for e in EXPECTED.values() if e["kind"] == "proof_of_funds"}
    assert {"CAD", "USD", "INR"} <= currencies


def test_fixtures_are_up_to_date_and_deterministic(tmp_path):
    build(tmp_path)
    for path in sorted((tmp_path / "family").iterdir()):
        assert path.read_bytes() == (FAMILY / path.name).read_bytes(), f"{path.name}: rebuild the fixtures"
    for path in sorted((tmp_path / "cases").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (ROOT / "cases" / path.relative_to(tmp_path / "cases")).read_bytes(), path


# --- birth certificates -----------------------------------------------------------------------

def test_parents_line_and_value_below_label():
    got = values(birth, "CERTIFICATE OF BIRTH\nName of child:\nMEERA IYER\nDate of birth: 03/11/2019\n"
                        "Parents: Karthik Iyer and Lakshmi Iyer\nPlace of birth: Chennai")
    assert got == {"child_name": "Meera Iyer", "date_of_birth": "2019-11-03",
                   "parent_names": ["Karthik Iyer", "Lakshmi Iyer"]}


def test_prose_register_names_the_parents():
    got = values(birth, "Extract of birth. On 5 May 2018 was born Anaya, daughter of Vikram Rao and of "
                        "Sunita Rao, residing at Pune.\nName: Anaya Rao\nDate of birth: 5 May 2018")
    assert got["parent_names"] == ["Vikram Rao", "Sunita Rao"] and got["child_name"] == "Anaya Rao"


def test_an_unsettled_numeric_birth_date_is_a_flagged_guess():
    fields = birth.extract((Page(1, "BIRTH CERTIFICATE\nName: Ana Silva\nDate of birth: 04/03/2017"),))
    assert fields["date_of_birth"].value == dt.date(2017, 3, 4) and fields["date_of_birth"].confidence < 1


def test_us_certificates_read_month_first():
    got = values(birth, "State of California - Department of Public Health\nCERTIFICATE OF LIVE BIRTH\n"
                        "Child's full name: Ethan Cole\nDate of birth: 04/03/2017\nLos Angeles, CA 90012")
    assert got["date_of_birth"] == "2017-04-03"


def test_the_informant_is_not_the_child():
    got = values(birth, "CHILD\nName and surname: Oliver Grant\nMOTHER\nName and surname: Mia Grant\n"
                        "INFORMANT\nName and surname: Mia Grant")
    assert got == {"child_name": "Oliver Grant", "parent_names": ["Mia Grant"]}


# --- marriage certificates ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "names", "married"), [
    ("MARRIAGE CERTIFICATE\nGroom: John Michael Smith\nBride: Maria Clara Santos\nDate of marriage: 20 June 2016",
     ["John Michael Smith", "Maria Clara Santos"], "2016-06-20"),
    (("Record of marriage. A marriage was solemnized between John Smith and Maria Santos on the 20th day of "
      "June, 2016 at Manila."), ["John Smith", "Maria Santos"], "2016-06-20"),
    ("ACTE DE MARIAGE\nLe 3 juin 2017 ont été unis par le mariage :\nEpoux : Paul DURAND\nEpouse : Léa PETIT",
     ["Paul Durand", "Léa Petit"], "2017-06-03"),
    ("Certificate of marriage\nSpouse 1: Alex Morgan\nSpouse 2: Sam Lee\nDate of marriage: 2019-09-14",
     ["Alex Morgan", "Sam Lee"], "2019-09-14"),
])
def test_marriage_layouts(text, names, married):
    got = values(marriage, text)
    assert got == {"spouse_names": names, "marriage_date": married}


def test_a_parents_name_in_a_spouse_block_is_not_a_spouse():
    got = values(marriage, "Name of Husband: ROHAN SHARMA\nFather's name of Husband: RAJESH SHARMA\n"
                           "Name of Wife: PRIYA SHARMA\nFather's name of Wife: VIKRAM VERMA")
    assert got["spouse_names"] == ["Rohan Sharma", "Priya Sharma"]


def test_birth_dates_are_not_the_marriage_date():
    got = values(marriage, "Marriage certificate\nBride: Ana Cruz, born 2 May 1990\n"
                           "The marriage was solemnized on 14 February 2015.")
    assert got["marriage_date"] == "2015-02-14"


# --- passports ----------------------------------------------------------------------------------

SPECIMEN = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10")


def test_a_zone_alone_gives_every_field():
    got = values(passport, "PASSPORT\n" + SPECIMEN)
    assert got == {"mrz_valid": True, "passport_number": "L898902C3", "date_of_birth": "1974-08-12",
                   "expiry_date": "2012-04-15", "surname": "Eriksson", "given_names": "Anna Maria",
                   "holder_name": "Anna Maria Eriksson", "nationality": "UTO", "sex": "F"}


def test_a_failed_check_digit_falls_back_to_the_visual_zone():
    broken = SPECIMEN.replace("1204159", "1204153")
    got = values(passport, f"Date of expiry / Date d'expiration\n16 APR /AVR 2013\n{broken}")
    assert got["mrz_valid"] is False and got["expiry_date"] == "2013-04-16"
    assert got["passport_number"] == "L898902C3"  # its own check digit still passes


def test_with_no_visual_value_a_failed_zone_value_is_kept_as_a_guess():
    fields = passport.extract((Page(1, SPECIMEN.replace("1204159", "1204153")),))
    assert fields["expiry_date"].value == dt.date(2012, 4, 15) and fields["expiry_date"].confidence < 1


def test_visual_zone_names_keep_their_accents():
    text = "Surname / Nom\nMÜLLER\nGiven names / Prénoms\nJÜRGEN\n" \
           "P<D<<MUELLER<<JUERGEN<<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<6408125M2702283<<<<<<<<<<<<<<<4"
    got = values(passport, text)
    assert got["holder_name"] == "Jürgen Müller" and got["surname"] == "Müller"


def test_canadian_bilingual_dates_and_two_digit_years():
    got = values(passport, "Date of birth / Date de naissance\n12 APR /AVR 90\n"
                           "Date of expiry / Date d'expiration\n14 JAN /JAN 31")
    assert got["date_of_birth"] == "1990-04-12" and got["expiry_date"] == "2031-01-14"


# --- bank letters -------------------------------------------------------------------------------

def test_debts_are_not_balances():
    got = values(funds, "Maple Bank\nToronto, ON M5V 1K4\nWe confirm that Ana Silva holds account no. 1234-567890.\n"
                        "Credit card balance: $2,000.00\nCurrent balance: $12,000.00\n")
    assert got["balance"] == {"amount": 12000.0, "currency": "CAD", "period": None}


def test_a_sentence_may_state_both_balances():
    got = values(funds, "First Bank of Texas, Austin, TX 78701\nThe average balance over the last six months was "
                        "$9,100.00 and the current balance is $9,500.00.")
    assert got["balance"]["amount"] == 9500.0 and got["average_balance"]["amount"] == 9100.0
    assert got["balance"]["currency"] == "USD"


def test_accounts_named_by_their_type_in_a_sentence_are_summed():
    got = values(funds, "Royal Bank of Canada\nThis is to confirm that Priya Sharma holds two accounts with us: her "
                        "chequing account has a balance of CAD 5,200.00 and her savings account has a balance of "
                        "CAD 19,800.00.")
    assert got["balance"]["amount"] == 25000.0
    # One account's figure said twice is one balance, and a figure without a type is not another account.
    once = values(funds, "Royal Bank of Canada\nHer savings account has a balance of CAD 5,000.00. The savings "
                         "account balance of CAD 5,000.00 is available. It held a balance of CAD 3,000.00 in January.")
    assert once["balance"]["amount"] == 5000.0


def test_joint_holders_are_all_kept():
    got = values(funds, "Caisse Desjardins\nNous confirmons que Marie Roy et Luc Roy sont titulaires du compte.")
    assert got["holder_name"] == "Marie Roy" and got["holder_names"] == ["Marie Roy", "Luc Roy"]
