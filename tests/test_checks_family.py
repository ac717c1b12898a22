"""FAM checks: children and spouses the documents show against [[family]]; the family checklist."""
import datetime as dt
from pathlib import Path

import pytest

from validator.case import Applicant, Case, FamilyMember, load_case
from validator.checklist import family as family_checklist
from validator.config import Config
from validator.model import Document, Field, Page
from validator.registry import Context, load_checks
from validator.runner import audit, run_checks

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
CHECKS = {c.code: c for c in load_checks()[0]}
AS_OF = dt.date(2025, 8, 1)
PRIYA = Applicant(name="Priya Sharma", date_of_birth=dt.date(1990, 4, 12), marital_status="married")
ROHAN = FamilyMember("spouse", "Rohan Sharma", dt.date(1988, 9, 23), True)


def doc(rel: str, kind: str, text: str = "text", **fields) -> Document:
    return Document(path=Path("/case") / rel, rel=rel, sha256=rel, size=1, format="pdf",
                    pages=(Page(1, text),), kind=kind,
                    fields={k: Field(v, page=1, evidence=f"{k}: {v}") for k, v in fields.items()})


def birth_certificate(rel, child, born, *parents, text="text"):
    return doc(rel, "birth_certificate", text, child_name=child, date_of_birth=born, parent_names=list(parents))


def findings(code, documents, case, as_of=AS_OF):
    ctx = Context(documents=tuple(documents), case=case, policy=Config().policy, as_of=as_of)
    found, notices = run_checks([CHECKS[code], CHECKS["CAS001"]], ctx, Config())
    assert notices == []
    return found


def case(applicant=PRIYA, *family):
    return Case(applicant=applicant, family=tuple(family), declared=frozenset({"applicant", "family"}))


# --- FAM001 -------------------------------------------------------------------------------------

def test_undeclared_child_naming_the_applicant_as_mother():
    aarav = birth_certificate("civil/aarav.pdf", "Aarav Sharma", dt.date(2021, 3, 14), "Rohan Sharma", "Priya Sharma")
    (finding,) = findings("FAM001", [aarav], case(PRIYA, ROHAN))
    assert finding.code == "FAM001" and finding.file == "civil/aarav.pdf" and finding.severity.value == "error"
    assert "Aarav Sharma (born 2021-03-14, aged 4 on 2025-08-01)" in finding.message
    assert "the applicant (Priya Sharma) and the declared spouse Rohan Sharma as parents" in finding.message
    assert finding.evidence == "child_name: Aarav Sharma"


def test_a_parent_named_by_a_declared_earlier_name():
    """A child from before the marriage: the certificate gives the mother's maiden name."""
    kabir = birth_certificate("kabir.pdf", "Kabir Mehta", dt.date(2013, 3, 15), "Arjun Mehta", "Priya Anika Verma")
    assert findings("FAM001", [kabir], case(PRIYA, ROHAN)) == []  # the maiden name is not declared: not hers
    maiden = Applicant(name="Priya Sharma", date_of_birth=PRIYA.date_of_birth, marital_status="married",
                       other_names=("Priya Verma",))
    (finding,) = findings("FAM001", [kabir], case(maiden, ROHAN))
    assert "with the applicant (Priya Sharma) under the earlier name 'Priya Anika Verma' as parent," in finding.message


def test_a_child_of_the_declared_spouse_alone_is_a_dependant_too():
    child = birth_certificate("c.pdf", "Maya Sharma", dt.date(2012, 1, 1), "Rohan Sharma", "Anita Rao")
    (finding,) = findings("FAM001", [child], case(PRIYA, ROHAN))
    assert "with the declared spouse Rohan Sharma as parent," in finding.message


@pytest.mark.parametrize(("born", "fires"), [
    (dt.date(2003, 8, 2), True),    # 22 tomorrow: still a dependant
    (dt.date(2003, 8, 1), False),   # 22 today
    (dt.date(2001, 2, 3), False),
])
def test_only_children_under_22_on_the_as_of_date(born, fires):
    child = birth_certificate("c.pdf", "Kabir Sharma", born, "Priya Sharma")
    assert bool(findings("FAM001", [child], case())) is fires


def test_declared_children_accompanying_or_not_are_fine():
    diya = birth_certificate("diya.pdf", "Diya Sharma", dt.date(2018, 5, 5), "Priya Sharma")
    away = FamilyMember("child", "Diya Anika Sharma", dt.date(2018, 5, 5), False)
    assert findings("FAM001", [diya], case(PRIYA, ROHAN, away)) == []


def test_other_peoples_children_and_the_applicants_own_certificate_are_ignored():
    stranger = birth_certificate("s.pdf", "Leo Park", dt.date(2020, 1, 1), "Min Park", "Jae Park")
    own = birth_certificate("own.pdf", "Priya Sharma", dt.date(1990, 4, 12), "Vikram Verma", "Sunita Verma")
    assert findings("FAM001", [stranger, own], case()) == []


def test_a_child_named_in_another_script_is_matched_by_birth_date():
    original = birth_certificate("ru.pdf", "Дмитрий Волков", dt.date(2020, 10, 1), "Priya Sharma")
    declared = FamilyMember("child", "Dmitri Volkov", dt.date(2020, 10, 1), True)
    assert findings("FAM001", [original], case(PRIYA, declared)) == []
    (finding,) = findings("FAM001", [original], case())
    assert "A child named 'Дмитрий Волков' (not compared: no translation in the folder)" in finding.message


def test_two_certificates_of_one_child_give_one_finding():
    short = birth_certificate("short.pdf", "Aarav Sharma", dt.date(2021, 3, 14), "Priya Sharma")
    long = birth_certificate("long.pdf", "Aarav Rohan Sharma", dt.date(2021, 3, 14), "Priya Sharma", "Rohan Sharma")
    assert [f.file for f in findings("FAM001", [long, short], case())] == ["long.pdf"]


def test_without_the_applicants_name_fam001_asks_for_it():
    child = birth_certificate("c.pdf", "Aarav Sharma", dt.date(2021, 3, 14), "Priya Sharma")
    (cas,) = findings("FAM001", [child], case(Applicant(marital_status="single")))
    assert cas.code == "CAS001" and "applicant.name (needed by FAM001)" in cas.message


def test_the_original_is_named_not_its_translation():
    folder = CASES / "family-translated-child"
    report = audit(folder, load_case(folder / "case.toml"), Config(), AS_OF, jobs=1).report
    (finding,) = [f for f in report.findings if f.code == "FAM001"]
    assert finding.file == "birth-volkov-ru.pdf"
    assert finding.message.startswith("Dmitri Aleksandrovich Volkov (born 2020-10-01")
    assert finding.page is None and finding.evidence.startswith("birth-volkov-ru-translation.pdf: ")


# --- FAM002 -------------------------------------------------------------------------------------

def marriage(rel="marriage.pdf", names=("Rohan Sharma", "Priya Sharma")):
    return doc(rel, "marriage_certificate", spouse_names=list(names), marriage_date=dt.date(2015, 2, 14))


def single(**kw):
    return Applicant(name="Priya Sharma", marital_status="single", **kw)


def test_single_with_a_marriage_certificate_naming_the_applicant():
    (finding,) = findings("FAM002", [marriage()], case(single()))
    assert finding.file == "marriage.pdf" and finding.severity.value == "error"
    assert finding.message == ("A marriage certificate between Rohan Sharma and Priya Sharma (married 2015-02-14) "
                               "is on file, but the applicant is declared single.")


def test_single_with_someone_elses_marriage_certificate():
    assert findings("FAM002", [marriage(names=("Vikram Verma", "Sunita Verma"))], case(single())) == []


def test_single_with_a_passport_naming_a_spouse_or_a_declared_spouse():
    own = doc("passport.pdf", "passport", holder_name="Priya Sharma", spouse_name="Rohan Sharma")
    found = findings("FAM002", [own], case(single(), ROHAN))
    assert [(f.file, f.message) for f in found] == [
        ("passport.pdf", "The applicant's passport names a spouse (Rohan Sharma), but the applicant is declared single."),
        (None, "[[family]] declares a spouse (Rohan Sharma), but the applicant is declared single."),
    ]


@pytest.mark.parametrize("status", ["married", "common-law"])
def test_partnered_with_no_partner_declared_is_a_case_level_finding(status):
    applicant = Applicant(name="Priya Sharma", marital_status=status)
    (finding,) = findings("FAM002", [marriage()], case(applicant))
    assert finding.file is None
    assert finding.message.startswith(f"The applicant is declared {status}, but [[family]] declares no spouse")
    assert "marriage.pdf" in finding.message


@pytest.mark.parametrize(("status", "relation"), [("married", "spouse"), ("common-law", "common-law-partner")])
def test_partnered_with_a_partner_declared(status, relation):
    applicant = Applicant(name="Priya Sharma", marital_status=status)
    partner = FamilyMember(relation, "Rohan Sharma", None, False)
    assert findings("FAM002", [marriage()], case(applicant, partner)) == []


def test_divorced_with_an_old_marriage_certificate_is_not_judged():
    assert findings("FAM002", [marriage()], case(Applicant(name="Priya Sharma", marital_status="divorced"))) == []


# --- FAM003 -------------------------------------------------------------------------------------

def test_declared_child_without_a_birth_certificate():
    diya = FamilyMember("child", "Diya Sharma", dt.date(2018, 5, 5), True)
    aarav = FamilyMember("child", "Aarav Sharma", dt.date(2021, 3, 14), False)
    certificate = birth_certificate("diya.pdf", "DIYA SHARMA", dt.date(2018, 5, 5), "Priya Sharma")
    (finding,) = findings("FAM003", [certificate], case(PRIYA, ROHAN, diya, aarav))
    assert finding.file is None and finding.severity.value == "warning"
    assert finding.message == "No birth certificate was found for the declared child Aarav Sharma (born 2021-03-14)."


# --- end to end and the checklist -----------------------------------------------------------

def audited(folder: str):
    path = CASES / folder
    case_ = load_case(path / "case.toml")
    return audit(path, case_, Config(), case_.as_of, jobs=1).report


def test_case_folders_end_to_end():
    undeclared = audited("family-undeclared-child")
    assert [(f.code, f.file) for f in undeclared.findings if f.code.startswith("FAM")] == [
        ("FAM001", "birth-ontario-aarav.pdf")]
    married = audited("family-married-no-spouse")
    assert [(f.code, f.file) for f in married.findings if f.code.startswith("FAM")] == [("FAM002", None)]
    assert not [f for f in audited("family-adult-child").findings if f.code.startswith("FAM")]


def checklist(folder: str):
    report = audited(folder)
    ctx = Context(documents=report.documents, case=load_case(CASES / folder / "case.toml"),
                  policy=Config().policy, as_of=report.as_of)
    return {item.item: (item.status, item.files) for item in family_checklist.items(ctx)}


def test_checklist_lists_what_the_family_needs():
    assert checklist("family-complete") == {
        "Birth certificate: Diya Sharma": ("present", ("birth-mumbai-diya.pdf",)),
        "Birth certificate: Aarav Sharma": ("present", ("birth-ontario-aarav.pdf",)),
        "Marriage certificate": ("present", ("marriage-india-sharma.pdf",)),
        "Proof of settlement funds": ("present", ("funds-rbc-cad.pdf", "funds-td-cad.pdf")),
    }
    missing = checklist("family-undocumented-child")
    assert missing["Birth certificate: Aarav Sharma"] == ("missing", ())
    assert checklist("funds-cec-exempt")["Proof of settlement funds"] == ("not-applicable", ())
    assert checklist("funds-missing")["Proof of settlement funds"] == ("missing", ())


def test_checklist_counts_a_translation_with_its_original():
    assert checklist("family-translated-child")["Proof of settlement funds"] == ("not-applicable", ())
    report = audited("family-translated-child")
    ctx = Context(documents=report.documents, case=Case(applicant=PRIYA, family=(
        FamilyMember("child", "Dmitri Volkov", dt.date(2020, 10, 1), True),)), policy=Config().policy, as_of=AS_OF)
    (item,) = [i for i in family_checklist.items(ctx) if i.item.startswith("Birth certificate")]
    assert item.files == ("birth-volkov-ru.pdf", "birth-volkov-ru-translation.pdf")
