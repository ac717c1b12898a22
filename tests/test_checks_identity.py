"""IDN checks: whose document it is, names and birth dates against case.toml, passport expiry."""
import datetime as dt
from pathlib import Path

import pytest

from checks.identity import add_months
from validator.case import Applicant, Case, FamilyMember, load_case
from validator.config import Config
from validator.model import Document, Field, Page
from validator.registry import Context, load_checks
from validator.runner import audit, run_checks

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
CHECKS = {c.code: c for c in load_checks()[0]}
AS_OF = dt.date(2025, 8, 1)
PRIYA = Applicant(name="Priya Sharma", date_of_birth=dt.date(1990, 4, 12), marital_status="married")
ROHAN = FamilyMember("spouse", "Rohan Sharma", dt.date(1988, 9, 23), True)
DIYA = FamilyMember("child", "Diya Sharma", dt.date(2018, 5, 5), True)


def doc(rel, kind, text="text", confidence=None, **fields):
    def field(key, value):
        return Field(value, page=1, evidence=f"{key}: {value}", confidence=(confidence or {}).get(key, 1.0))
    return Document(path=Path("/case") / rel, rel=rel, sha256=rel, size=1, format="pdf", pages=(Page(1, text),),
                    kind=kind, fields={k: field(k, v) for k, v in fields.items()})


def findings(code, documents, case=None, as_of=AS_OF):
    ctx = Context(documents=tuple(documents), case=case, policy=Config().policy, as_of=as_of)
    found, notices = run_checks([CHECKS[code]], ctx, Config())
    assert notices == []
    return found


def case(applicant=PRIYA, *family):
    return Case(applicant=applicant, family=tuple(family))


# --- IDN001 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "field"), [
    ("passport", "holder_name"), ("employment_letter", "employee_name"), ("language_test", "candidate_name"),
    ("eca_report", "holder_name"), ("proof_of_funds", "holder_name"), ("police_certificate", "subject_name"),
])
def test_a_different_name_on_any_of_the_applicants_documents(kind, field):
    (finding,) = findings("IDN001", [doc("d.pdf", kind, **{field: "Pooja Sharma"})], case())
    assert finding.file == "d.pdf" and finding.severity.value == "warning" and finding.evidence == f"{field}: Pooja Sharma"
    assert "'Pooja Sharma'" in finding.message and "'Priya Sharma'" in finding.message
    assert finding.message.endswith("differs: 'Pooja Sharma' vs 'Priya Sharma' ('Pooja' / 'Priya').")


@pytest.mark.parametrize("name", ["PRIYA ANIKA SHARMA", "Sharma, Priya", "Ms. Priya A. Sharma", "SHARMA<<PRIYA"])
def test_tolerated_differences(name):
    assert findings("IDN001", [doc("p.pdf", "passport", holder_name=name)], case()) == []


@pytest.mark.parametrize(("written", "variant"), [
    ("Muhammad Ali Khan", "spelling variant 'Muhammad' ~ 'Mohammed'"),
    ("Katherine Smith", "spelling variant 'Katherine' ~ 'Catherine'"),
])
def test_a_name_spelt_another_way_is_reported_as_such(written, variant):
    declared = {"Muhammad Ali Khan": "Mohammed Ali Khan", "Katherine Smith": "Catherine Smith"}[written]
    (finding,) = findings("IDN001", [doc("letter.pdf", "employment_letter", employee_name=written)],
                          case(Applicant(name=declared)))
    assert finding.message.endswith(f"'{declared}': {variant}.")
    assert "it matches no declared family member" not in finding.message  # still the applicant's, by name


def test_a_declared_earlier_spelling_is_not_reported():
    declared = Applicant(name="Mohammed Ali Khan", other_names=("Muhammad Ali Khan",))
    assert findings("IDN001", [doc("letter.pdf", "employment_letter", employee_name="Muhammad Ali Khan")],
                    case(declared)) == []


def test_a_declared_earlier_name_is_the_applicants_name():
    degree = doc("eca.pdf", "eca_report", holder_name="Priya Anika Verma")
    assert [f.code for f in findings("IDN001", [degree], case())] == ["IDN001"]
    maiden = Applicant(name="Priya Sharma", date_of_birth=PRIYA.date_of_birth, other_names=("Priya Verma",))
    assert findings("IDN001", [degree], case(maiden)) == []
    (other,) = findings("IDN001", [doc("f.pdf", "proof_of_funds", holder_name="Pooja Verma")], case(maiden))
    # Not the earlier name either: the finding compares with the declared name.
    assert other.message.endswith("differs: 'Pooja Verma' vs 'Priya Sharma' ('Pooja', 'Verma' / 'Priya', 'Sharma').")


def test_family_members_documents_are_compared_with_the_member():
    spouse_passport = doc("rohan.pdf", "passport", holder_name="Rohan Sharma", date_of_birth=dt.date(1988, 9, 23))
    child_certificate = doc("diya.pdf", "birth_certificate", child_name="Diya Sharma",
                            date_of_birth=dt.date(2018, 5, 5), parent_names=["Priya Sharma"])
    assert findings("IDN001", [spouse_passport, child_certificate], case(PRIYA, ROHAN, DIYA)) == []


def test_a_misspelt_family_member_is_recognised_by_birth_date():
    misspelt = doc("rohan.pdf", "passport", holder_name="Rohit Sharma", date_of_birth=dt.date(1988, 9, 23))
    (finding,) = findings("IDN001", [misspelt], case(PRIYA, ROHAN))
    assert "is not the name of the declared spouse Rohan Sharma in case.toml, 'Rohan Sharma' (the document's " \
           "date of birth is that of the declared spouse Rohan Sharma)" in finding.message


def test_a_namesake_in_the_family_is_told_apart_by_birth_date():
    father = Applicant(name="Rohan Sharma", date_of_birth=dt.date(1970, 1, 1))
    son = FamilyMember("child", "Rohan Kumar Sharma", dt.date(2005, 6, 1), True)
    passport = doc("son.pdf", "passport", holder_name="Rohan Kumar Sharma", date_of_birth=dt.date(2005, 6, 1))
    assert findings("IDN002", [passport], case(father, son)) == []


def test_joint_account_holders():
    joint = doc("bank.pdf", "proof_of_funds", holder_name="Rohan Sharma", holder_names=["Rohan Sharma", "Priya Sharma"])
    assert findings("IDN001", [joint], case()) == []


def test_an_undeclared_childs_certificate_is_left_to_fam001():
    child = doc("c.pdf", "birth_certificate", child_name="Aarav Sharma", date_of_birth=dt.date(2021, 3, 14),
                parent_names=["Priya Sharma"])
    assert findings("IDN001", [child], case()) == []
    assert findings("IDN002", [child], case()) == []


def test_names_in_another_script_are_not_judged_without_a_translation():
    original = doc("ru/passport.pdf", "passport", holder_name="Приya Шарма")
    assert findings("IDN001", [original], case()) == []


def test_names_in_another_script_are_judged_through_the_translation():
    original = doc("civil/birth.pdf", "birth_certificate", child_name="Волков Дмитрий", parent_names=[])
    translation = doc("civil/birth-translation.pdf", "translation",
                      text="Certified translation\nName of child: Dmitry Volkof\nDate of birth: 01/10/2020",
                      translated_file="birth.pdf")
    declared = case(Applicant(name="Dmitri Volkov", date_of_birth=dt.date(2020, 10, 1)))
    (finding,) = findings("IDN001", [original, translation], declared)
    assert finding.file == "civil/birth.pdf" and finding.page is None and finding.evidence is None
    assert "'Dmitry Volkof' (read from its translation civil/birth-translation.pdf)" in finding.message


def test_without_the_applicants_name_idn001_does_not_run():
    assert findings("IDN001", [doc("p.pdf", "passport", holder_name="X Y")], case(Applicant())) == []


# --- IDN002 -------------------------------------------------------------------------------------

def test_birth_dates_must_be_equal():
    passport = doc("p.pdf", "passport", holder_name="Priya Sharma", date_of_birth=dt.date(1990, 4, 13))
    (finding,) = findings("IDN002", [passport], case())
    assert finding.severity.value == "error" and finding.evidence == "date_of_birth: 1990-04-13"
    assert finding.message == ("The date of birth on this passport, 1990-04-13, differs from the applicant's "
                               "declared date of birth, 1990-04-12.")


def test_a_family_members_birth_date_is_compared_with_theirs():
    child = doc("diya.pdf", "birth_certificate", child_name="Diya Sharma", date_of_birth=dt.date(2018, 5, 6))
    (finding,) = findings("IDN002", [child], case(PRIYA, DIYA))
    assert "the declared child Diya Sharma's declared date of birth, 2018-05-05" in finding.message


def test_police_certificates_give_a_birth_date_too():
    police = doc("pcc.pdf", "police_certificate", subject_name="Priya Sharma",
                 subject_date_of_birth=dt.date(1991, 4, 12))
    assert len(findings("IDN002", [police], case())) == 1


def test_an_ambiguous_date_is_not_reported_when_the_other_reading_matches():
    guessed = doc("p.pdf", "passport", confidence={"date_of_birth": 0.5}, holder_name="Priya Sharma",
                  date_of_birth=dt.date(1990, 12, 4))
    assert findings("IDN002", [guessed], case()) == []
    wrong = doc("p.pdf", "passport", confidence={"date_of_birth": 0.5}, holder_name="Priya Sharma",
                date_of_birth=dt.date(1990, 11, 4))
    (finding,) = findings("IDN002", [wrong], case())
    assert "(its day and month order is a guess)" in finding.message


# --- IDN003 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("expiry", "outcome"), [
    (dt.date(2025, 7, 31), "expired on 2025-07-31, before the as-of date 2025-08-01"),
    (dt.date(2025, 8, 1), "expires on 2025-08-01, within 6 months"),
    (dt.date(2026, 1, 1), "expires on 2026-01-01, within 6 months"),    # 5 months
    (dt.date(2026, 2, 1), "expires on 2026-02-01, within 6 months"),    # exactly 6 calendar months
    (dt.date(2026, 2, 2), None),
    (dt.date(2026, 3, 1), None),                                        # 7 months
])
def test_passport_expiry(expiry, outcome):
    found = findings("IDN003", [doc("p.pdf", "passport", holder_name="Priya Sharma", expiry_date=expiry)])
    if outcome is None:
        assert found == []
    else:
        (finding,) = found
        assert outcome in finding.message and finding.severity.value == "warning"
        assert finding.message.startswith("The passport (Priya Sharma) ")


def test_idn003_runs_without_a_case_file():
    assert len(findings("IDN003", [doc("p.pdf", "passport", expiry_date=dt.date(2020, 1, 1))], None)) == 1


@pytest.mark.parametrize(("day", "months", "result"), [
    (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),
    (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
    (dt.date(2025, 12, 15), 1, dt.date(2026, 1, 15)),
])
def test_calendar_months(day, months, result):
    assert add_months(day, months) == result


# --- end to end ---------------------------------------------------------------------------------

def codes(folder):
    path = CASES / folder
    case_ = load_case(path / "case.toml")
    report = audit(path, case_, Config(), case_.as_of, jobs=1).report
    return {(f.code, f.file) for f in report.findings if f.code.startswith("IDN")}


def test_case_folders_end_to_end():
    assert codes("family-passport-5-months") == {("IDN003", "passport-in-sharma-priya-exp5.pdf")}
    assert codes("family-passport-7-months") == set()
    assert codes("family-identity-mismatch") == {("IDN001", "funds-td-cad-pooja.pdf"),
                                                 ("IDN002", "passport-in-sharma-priya.pdf")}
    # A zone with a broken check digit: the visual zone's expiry (2030) is used, nothing to report.
    assert codes("family-philippines") == set()
