"""ECA001-ECA003 firing and not firing (with the 5-year and designation-date boundaries), the
ECA checklist item, and the eca-* case folders end to end."""
import datetime as dt
import json
from pathlib import Path

import pytest

from validator.case import Applicant, Case, load_case
from validator.checklist import education as checklist
from validator.config import Config
from validator.model import Document, Field, Page
from validator.registry import Context, load_checks
from validator.runner import audit, run_checks

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
EXPECTED = {folder: spec for folder, spec in json.loads((CASES / "eca-expected.json").read_text("utf-8")).items()
            if folder.startswith("eca-")}
CHECKS = {c.code: c for c in load_checks()[0]}
AS_OF = dt.date(2025, 8, 1)
D = dt.date.fromisoformat


def report(rel="eca.pdf", org="WES", issued="2023-03-15", purpose="immigration", *, precision="day",
           confidence=1.0, purpose_evidence="for IRCC", reference="4567890") -> Document:
    fields = {"purpose": Field(purpose, 1 if purpose_evidence else None, purpose_evidence,
                               confidence=1.0 if purpose_evidence else 0.6)}
    if org is not None:
        fields["organization"] = Field(org, 1, org)
    if issued is not None:
        fields["issue_date"] = Field(D(issued), 1, f"Date of issue: {issued}", confidence, precision)
    if reference is not None:
        fields["reference_number"] = Field(reference, 1, reference)
    return Document(path=Path(rel), rel=rel, sha256="0" * 64, size=1, format="pdf", kind="eca_report",
                    pages=(Page(1, "report"),), language="en", fields=fields)


def case(foreign_education=True, program="FSW") -> Case:
    return Case(program=program, as_of=AS_OF, applicant=Applicant(name="Priya Sharma",
                                                                  foreign_education=foreign_education))


def findings(documents, codes, case=None, as_of=AS_OF):
    ctx = Context(documents=tuple(documents), case=case, policy=Config().policy, as_of=as_of)
    found, notices = run_checks([CHECKS[c] for c in sorted(codes)], ctx, Config())
    assert notices == []
    return found


# --- ECA001 ------------------------------------------------------------------------------

@pytest.mark.parametrize("issued, as_of, fires", [
    ("2020-08-01", "2025-08-01", False),  # exactly 5 calendar years: still valid that day
    ("2020-08-01", "2025-08-02", True),
    ("2020-02-29", "2025-02-28", False),  # 29 February: valid up to 28 February
    ("2020-02-29", "2025-03-01", True),
    ("2019-05-10", "2025-08-01", True),
    ("2023-03-15", "2025-08-01", False),
])
def test_eca001_five_year_boundary(issued, as_of, fires):
    found = findings([report(issued=issued)], {"ECA001"}, as_of=D(as_of))
    assert bool(found) is fires
    if fires:
        (f,) = found
        assert f.file == "eca.pdf" and f.page == 1 and f.hint
        assert "WES" in f.message and "4567890" in f.message and issued in f.message


def test_eca001_month_only_date_is_read_generously():
    doc = report(issued="2020-03-01", precision="month")
    assert findings([doc], {"ECA001"}, as_of=D("2025-03-31")) == []
    assert findings([doc], {"ECA001"}, as_of=D("2025-04-01"))


def test_eca001_says_when_the_date_is_a_guess():
    (f,) = findings([report(issued="2019-03-04", confidence=0.5)], {"ECA001"})
    assert "guess" in f.message


def test_eca001_without_an_issue_date_says_nothing():
    assert findings([report(issued=None)], {"ECA001"}) == []


# --- ECA002 ------------------------------------------------------------------------------

@pytest.mark.parametrize("org, issued, fires", [
    ("IQAS", "2015-08-06", False),  # on the designation date
    ("IQAS", "2015-08-05", True),   # the day before
    ("WES", "2013-04-17", False),
    ("WES", "2013-04-16", True),
    ("PEBC", "2014-01-05", True),
    ("PEBC", "2014-01-06", False),
])
def test_eca002_designation_date_boundary(org, issued, fires):
    found = findings([report(org=org, issued=issued)], {"ECA002"}, as_of=D("2016-01-01"))
    assert bool(found) is fires
    if fires:
        assert "before" in found[0].message and org in found[0].message


def test_eca002_non_designated_organisation():
    (f,) = findings([report(org="Northstar Credential Evaluators Inc.", reference="NCE-55120")], {"ECA002"})
    assert "Northstar Credential Evaluators Inc." in f.message and "not designated" in f.message
    assert "NCE-55120" in f.message and f.evidence == "Northstar Credential Evaluators Inc."


def test_eca002_unknown_issuer_says_prcheck_could_not_tell():
    (f,) = findings([report(org=None)], {"ECA002"})
    assert "could not tell" in f.message


def test_eca002_general_purpose_stated_or_unstated():
    (stated,) = findings([report(purpose="general", purpose_evidence="for employment purposes")], {"ECA002"})
    assert "general-purpose" in stated.message and stated.evidence == "for employment purposes"
    assert "immigration" in stated.hint
    (unstated,) = findings([report(purpose="general", purpose_evidence=None)], {"ECA002"})
    assert "does not say" in unstated.message


def test_eca002_reports_each_reason():
    doc = report(org="IQAS", issued="2014-11-20", purpose="general")
    assert len(findings([doc], {"ECA002"})) == 2


def test_eca002_valid_report_passes():
    assert findings([report()], {"ECA002"}) == []


# --- ECA003 ------------------------------------------------------------------------------

def test_eca003_fires_without_any_report():
    (f,) = findings([], {"ECA003"}, case=case())
    assert f.file is None and "FSW" in f.message


def test_eca003_only_when_no_report_at_all():
    # An expired or general-purpose report is ECA001/ECA002, not a missing ECA.
    assert findings([report(issued="2010-01-01", purpose="general")], {"ECA003"}, case=case()) == []


def test_eca003_not_needed_without_foreign_education():
    assert findings([], {"ECA003"}, case=case(foreign_education=False)) == []


def test_eca003_without_the_fact_is_cas001():
    found = findings([], {"ECA003", "CAS001"}, case=case(foreign_education=None))
    assert [f.code for f in found] == ["CAS001"]
    assert "applicant.foreign_education" in found[0].message and "ECA003" in found[0].message


def test_eca003_unreadable_file_is_no_report():
    unreadable = Document(path=Path("eca.pdf"), rel="eca.pdf", sha256="0" * 64, size=0, format="empty")
    assert findings([unreadable], {"ECA003"}, case=case())


# --- checklist ---------------------------------------------------------------------------

def items(documents, case_):
    ctx = Context(documents=tuple(documents), case=case_, policy=Config().policy, as_of=AS_OF)
    return list(checklist.items(ctx))


def test_checklist_lists_only_valid_designated_reports():
    documents = [report("a.pdf"), report("old.pdf", issued="2019-01-01"), report("gen.pdf", purpose="general"),
                 report("other.pdf", org="Northstar")]
    (item,) = items(documents, case())
    assert (item.status, item.files) == ("present", ("a.pdf",))


@pytest.mark.parametrize("foreign_education, documents, expected", [
    (True, [], [("missing", ())]),
    (True, ["old"], [("missing", ())]),
    (False, [], [("not-applicable", ())]),
    (None, [], []),
    (None, ["valid"], [("present", ("eca.pdf",))]),
])
def test_checklist_status(foreign_education, documents, expected):
    docs = [report(issued="2019-01-01") if d == "old" else report() for d in documents]
    got = items(docs, case(foreign_education))
    assert [(i.status, i.files) for i in got] == expected
    assert all(i.item == "Educational credential assessment (ECA)" for i in got)


# --- the case folders --------------------------------------------------------------------

@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_case_folder(folder):
    path = CASES / folder
    case_ = load_case(path / "case.toml")
    result = audit(path, case_, Config(), case_.as_of, jobs=1)
    found = result.report.findings
    codes = {f.code for f in found} | {f"{f.code}:{f.file}" for f in found}
    spec = EXPECTED[folder]
    assert set(spec["must"]) <= codes
    assert not set(spec["must_not"]) & codes
    for f in found:
        if f.code.startswith("ECA"):
            assert f.hint and f.message.endswith(".")
