"""FND checks and the settlement-funds table they read (validator/rules/settlement_funds.toml)."""
import datetime as dt
from pathlib import Path

import pytest

from validator.case import Applicant, Case, FamilyMember, load_case
from validator.config import Config
from validator.funds import family_size, funds_required, table_on, tables
from validator.model import Document, Field, Money, Page
from validator.registry import Context, load_checks
from validator.runner import audit, run_checks

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
CHECKS = {c.code: c for c in load_checks()[0]}
AS_OF = dt.date(2025, 8, 1)
SPOUSE = FamilyMember("spouse", "Rohan Sharma", None, True)
CHILD_AWAY = FamilyMember("child", "Aarav Sharma", None, False)


def letter(rel, amount, currency="CAD"):
    return Document(path=Path("/case") / rel, rel=rel, sha256=rel, size=1, format="pdf", pages=(Page(1, "x"),),
                    kind="proof_of_funds",
                    fields={"balance": Field(Money(amount, currency, None), page=1, evidence=f"balance {amount}")})


def case(program="FSW", *family, exempt=False):
    return Case(program=program, applicant=Applicant(name="Priya Sharma", settlement_funds_exempt=exempt),
                family=tuple(family))


def findings(code, documents, case_, as_of=AS_OF):
    ctx = Context(documents=tuple(documents), case=case_, policy=Config().policy, as_of=as_of)
    found, notices = run_checks([CHECKS[code], CHECKS["CAS001"]], ctx, Config())
    assert notices == []
    return found


# --- the table ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "effective", "family_of_3"), [
    (dt.date(2025, 7, 6), dt.date(2024, 5, 28), 22483),
    (dt.date(2025, 7, 7), dt.date(2025, 7, 7), 23360),
    (dt.date(2026, 1, 1), dt.date(2025, 7, 7), 23360),
    (dt.date(2024, 5, 28), dt.date(2024, 5, 28), 22483),
])
def test_the_table_in_force_on_the_as_of_date(day, effective, family_of_3):
    table = table_on(day)
    assert table.effective == effective and table.required(3) == family_of_3


@pytest.mark.parametrize(("size", "amount"), [(1, 15263), (2, 19001), (7, 40392), (8, 44504), (10, 52728)])
def test_current_amounts_and_each_additional_member(size, amount):
    assert table_on(AS_OF).required(size) == amount


def test_every_table_is_complete_and_increasing():
    for table in tables():
        assert len(table.amounts) == 7 and list(table.amounts) == sorted(table.amounts)
        assert table.source.startswith("https://www.canada.ca/")


def test_family_size_counts_everyone_declared_accompanying_or_not():
    assert family_size(case("FSW", SPOUSE, CHILD_AWAY)) == 3


@pytest.mark.parametrize(("case_", "required"), [
    (case("FSW"), True), (case("FST"), True), (case("CEC"), False), (case("FSW", exempt=True), False),
    (Case(), None), (None, None),
])
def test_who_must_show_funds(case_, required):
    assert funds_required(case_) is required


# --- FND001 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("amount", "fires"), [(23359.99, True), (23360.0, False), (30000.0, False)])
def test_fnd001_boundary_for_a_family_of_3(amount, fires):
    found = findings("FND001", [letter("bank.pdf", amount)], case("FSW", SPOUSE, CHILD_AWAY))
    assert bool(found) is fires


def test_fnd001_sums_current_balances_in_cad_and_says_what_it_left_out():
    documents = [letter("a.pdf", 12000.0), letter("b.pdf", 9000.0), letter("c.pdf", 50000.0, "USD")]
    (finding,) = findings("FND001", documents, case("FSW", SPOUSE, CHILD_AWAY))
    assert finding.file is None and finding.severity.value == "error"
    assert finding.message == (
        "The proof-of-funds letters show CAD 21,000.00 in current balances (a.pdf: CAD 12,000.00, b.pdf: "
        "CAD 9,000.00), below the CAD 23,360 required for a family of 3 (table effective 2025-07-07). "
        "Not counted (another currency, see FND003): USD 50,000.00 in c.pdf.")


def test_fnd001_uses_the_previous_table_before_2025_07_07():
    documents = [letter("bank.pdf", 22500.0)]
    assert findings("FND001", documents, case("FSW", SPOUSE, CHILD_AWAY), as_of=dt.date(2025, 7, 6)) == []
    (finding,) = findings("FND001", documents, case("FSW", SPOUSE, CHILD_AWAY), as_of=dt.date(2025, 7, 7))
    assert finding.file == "bank.pdf" and "CAD 23,360 required for a family of 3" in finding.message


@pytest.mark.parametrize("case_", [case("CEC"), case("FSW", exempt=True)])
def test_fnd001_exemptions(case_):
    assert findings("FND001", [letter("bank.pdf", 100.0)], case_) == []


def test_fnd001_compares_nothing_when_no_balance_is_in_cad():
    assert findings("FND001", [letter("us.pdf", 100.0, "USD")], case("FSW")) == []


def test_fnd001_and_fnd002_need_the_program():
    (cas,) = findings("FND001", [letter("bank.pdf", 100.0)], Case(applicant=Applicant(name="Priya Sharma")))
    assert cas.code == "CAS001" and "case.program (needed by FND001)" in cas.message


# --- FND002 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("case_", "fires"), [
    (case("FSW", SPOUSE), True), (case("FST"), True), (case("CEC"), False), (case("FSW", exempt=True), False),
])
def test_fnd002_missing_proof_of_funds(case_, fires):
    found = findings("FND002", [], case_)
    assert bool(found) is fires
    if fires:
        assert found[0].file is None and "must show CAD" in found[0].message


def test_fnd002_is_satisfied_by_any_letter():
    assert findings("FND002", [letter("us.pdf", 1.0, "USD")], case("FSW")) == []


# --- FND003 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("currency", "message"), [
    ("USD", ("The current balance in USD, USD 45,000.00, is not compared with the settlement funds required "
             "(they are in CAD).")),
    (None, ("The current balance with no currency stated, (no currency) 45,000.00, is not compared with the "
            "settlement funds required (they are in CAD).")),
])
def test_fnd003_reports_foreign_balances_with_their_amount(currency, message):
    (finding,) = findings("FND003", [letter("us.pdf", 45000.0, currency)], None)
    assert finding.file == "us.pdf" and finding.severity.value == "info" and finding.message == message


def test_fnd003_ignores_cad():
    assert findings("FND003", [letter("ca.pdf", 45000.0)], None) == []


# --- end to end ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("folder", "expected"), [
    ("funds-below", {("FND001", "funds-rbc-cad.pdf")}),
    ("funds-above", set()),
    ("funds-previous-table", set()),
    ("funds-summed", set()),
    ("funds-usd", {("FND003", "funds-chase-usd.pdf")}),
    ("funds-mixed-currencies", {("FND001", "funds-rbc-cad.pdf"), ("FND003", "funds-sbi-inr.pdf")}),
    ("funds-missing", {("FND002", None)}),
    ("funds-cec-exempt", set()),
    ("funds-job-offer-exempt", set()),
])
def test_case_folders_end_to_end(folder, expected):
    path = CASES / folder
    case_ = load_case(path / "case.toml")
    report = audit(path, case_, Config(), case_.as_of, jobs=1).report
    assert {(f.code, f.file) for f in report.findings if f.code.startswith("FND")} == expected
