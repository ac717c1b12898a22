"""EMP checks: each letter raises exactly its defects; the case-level checks on built cases."""
import datetime as dt
import json
from pathlib import Path

import pytest

from validator.case import Applicant, Case, Work
from validator.config import Config
from validator.model import Document, Field, Money
from validator.registry import Context, load_checks
from validator.runner import run_checks

LETTERS = Path(__file__).resolve().parents[1] / "fixtures" / "letters"
EXPECTED = json.loads((LETTERS / "expected.json").read_text(encoding="utf-8"))
DOCUMENT_CODES = {f"EMP00{i}" for i in range(1, 9)}
CHECKS = {c.code: c for c in load_checks()[0]}


def audit_codes(documents, case=None, as_of=dt.date(2025, 8, 1), codes=None):
    ctx = Context(documents=tuple(documents), case=case, policy=Config().policy, as_of=as_of)
    selected = [CHECKS[c] for c in sorted(codes or CHECKS)]
    findings, notices = run_checks(selected, ctx, Config())
    assert notices == []
    return findings


@pytest.fixture(scope="module")
def letter_documents():
    from validator import intake
    from validator.runner import read_document
    return {name: read_document(intake.take_in(LETTERS / name, LETTERS)) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_letter_raises_exactly_its_defects(letter_documents, name):
    findings = audit_codes([letter_documents[name]], codes=DOCUMENT_CODES)
    assert {f.code for f in findings} == set(EXPECTED[name]["defects"])
    for f in findings:
        assert f.file == name and f.message and f.hint


def test_every_document_defect_is_shown_by_two_letters():
    for code in sorted(DOCUMENT_CODES):
        assert sum(code in e["defects"] for e in EXPECTED.values()) >= 2, code


def test_missing_contacts_are_named(letter_documents):
    for name, e in EXPECTED.items():
        if "EMP006" in e["defects"]:
            (finding,) = audit_codes([letter_documents[name]], codes={"EMP006"})
            missing = [label for key, label in (("employer_address", "address"), ("employer_phone", "telephone"),
                                                ("employer_email", "email")) if not e["fields"].get(key)]
            assert all(label in finding.message for label in missing), finding.message


# --- case-level checks on letters built in the test ---------------------------------------

def letter(rel, employer, positions, hours=None):
    """An employment letter Document with given positions [(title, start, end|None, hours|None)]."""
    fields = {"employer": Field(employer, 1, employer)}
    pos = []
    for title, start, end, pos_hours in positions:
        p = {"job_title": Field(title, 1, title), "start_date": Field(start, 1, str(start), precision="day"),
             "current": Field(end is None)}
        if end is not None:
            p["end_date"] = Field(end, 1, str(end), precision="day")
        if pos_hours is not None:
            p["hours_per_week"] = Field(pos_hours, 1, f"{pos_hours} hours")
        pos.append(p)
    fields["positions"] = Field(pos)
    if hours is not None:
        fields["hours_per_week"] = Field(hours, 1, f"{hours} hours per week")
    fields["salary"] = Field(Money(50000.0, "CAD", "year"), 1, "$50,000")
    return Document(path=Path(rel), rel=rel, sha256="0" * 64, size=1, format="pdf", kind="employment_letter",
                    pages=(), fields=fields)


def readable(doc):
    from validator.model import Page
    return Document(**{**doc.__dict__, "pages": (Page(1, "text"),)})


D = dt.date


def case(*work, ita=None, program="CEC"):
    return Case(program=program, as_of=D(2025, 8, 1), ita_date=ita, applicant=Applicant(name="A B"),
                work=tuple(work), declared=frozenset({"case", "work"}))


def work(employer, title, start, end=None, hours=None, index=1):
    return Work(employer, title, None, start, end, hours, index)


def test_emp009_fires_under_a_year_full_time_as_of_the_ita():
    doc = readable(letter("a.pdf", "Acme Inc.", [("Engineer", D(2024, 9, 1), None, 40.0)]))
    findings = audit_codes([doc], case(work("Acme", "Engineer", D(2024, 9, 1)), ita=D(2025, 7, 1)), codes={"EMP009"})
    assert [f.code for f in findings] == ["EMP009"]
    assert "2025-07-01" in findings[0].message and "a.pdf" in findings[0].message


def test_emp009_silent_at_a_full_year():
    doc = readable(letter("a.pdf", "Acme Inc.", [("Engineer", D(2024, 7, 1), None, 40.0)]))
    assert audit_codes([doc], case(work("Acme", "Engineer", D(2024, 7, 1)), ita=D(2025, 6, 30)), codes={"EMP009"}) == []


def test_emp009_caps_overlapping_part_time_jobs_at_30_hours_in_total():
    a = readable(letter("a.pdf", "Acme Inc.", [("Clerk", D(2024, 1, 1), None, 20.0)]))
    b = readable(letter("b.pdf", "Beta Ltd.", [("Clerk", D(2024, 1, 1), None, 20.0)]))
    c = case(work("Acme", "Clerk", D(2024, 1, 1)), work("Beta", "Clerk", D(2024, 1, 1), index=2), ita=D(2024, 11, 30))
    (finding,) = audit_codes([a, b], c, codes={"EMP009"})
    assert "1,436 hours" in finding.message  # 335 days at 30 h/week in total, not 40


def test_emp009_uses_declared_hours_when_the_letter_has_none():
    doc = readable(letter("a.pdf", "Acme Inc.", [("Clerk", D(2024, 1, 1), None, None)]))
    c = case(work("Acme", "Clerk", D(2024, 1, 1), hours=15.0), ita=D(2025, 6, 1))
    (finding,) = audit_codes([doc], c, codes={"EMP009"})
    assert "15 h/week" in finding.message


def test_emp010_names_the_entry_with_no_letter():
    doc = readable(letter("a.pdf", "Acme Robotics Inc.", [("Engineer", D(2020, 1, 1), None, 40.0)]))
    c = case(work("ACME Robotics", "Engineer", D(2020, 1, 1)), work("Beta Corp", "Analyst", D(2018, 1, 1), D(2019, 12, 31), index=2))
    findings = audit_codes([doc], c, codes={"EMP010"})
    assert len(findings) == 1 and "Beta Corp" in findings[0].message and findings[0].file is None


def test_emp011_fires_on_dates_beyond_31_days_and_on_a_different_title_only():
    doc = readable(letter("a.pdf", "Acme Inc.", [("Engineer", D(2020, 1, 1), D(2022, 6, 30), 40.0)]))
    assert audit_codes([doc], case(work("Acme", "Engineer", D(2020, 1, 31), D(2022, 7, 31))), codes={"EMP011"}) == []
    findings = audit_codes([doc], case(work("Acme", "Engineer", D(2020, 3, 1), D(2022, 6, 30))), codes={"EMP011"})
    assert len(findings) == 1 and "start date" in findings[0].message
    findings = audit_codes([doc], case(work("Acme", "Manager", D(2020, 1, 1), D(2022, 6, 30))), codes={"EMP011"})
    assert len(findings) == 1 and "'Engineer'" in findings[0].message and "'Manager'" in findings[0].message


def test_emp011_not_fired_for_a_value_missing_from_the_letter():
    doc = readable(letter("a.pdf", "Acme Inc.", [("Engineer", D(2020, 1, 1), None, 40.0)]))
    assert audit_codes([doc], case(work("Acme", "Engineer", D(2020, 1, 1), None)), codes={"EMP011"}) == []


def test_promotion_letter_evidences_both_entries():
    doc = readable(letter("a.pdf", "Acme Inc.", [("Analyst", D(2018, 1, 1), D(2020, 12, 31), 40.0),
                                                  ("Senior Analyst", D(2021, 1, 1), None, 40.0)]))
    c = case(work("Acme", "Analyst", D(2018, 1, 1), D(2020, 12, 31)),
             work("Acme", "Senior Analyst", D(2021, 1, 1), index=2))
    assert audit_codes([doc], c, codes={"EMP010", "EMP011"}) == []


def test_case_checks_need_the_case_file_and_report_cas001():
    doc = readable(letter("a.pdf", "Acme Inc.", [("Engineer", D(2025, 1, 1), None, 40.0)]))
    findings = audit_codes([doc], None, codes={"CAS001", "EMP009", "EMP010", "EMP011"})
    assert [f.code for f in findings] == ["CAS001"]
    assert "EMP009" in findings[0].message and "EMP010" in findings[0].message
