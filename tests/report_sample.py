"""Reports built in code for the reporter tests: fixed documents and findings, no extractor.

The reporters must not depend on what the extractors currently produce (they are still
changing), so these reports are written out by hand, covering every section a report has.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from validator.case import Case, Residence, Work
from validator.history import Changes, PastAudit, Recorded
from validator.model import ERROR, INFO, WARNING, ChecklistItem, Document, Field, Finding, Page, Report
from validator.registry import Check
from validator.suppressions import Suppressed, Suppression, SuppressionNote

AS_OF = dt.date(2025, 8, 1)
SOURCE = "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry.html"


def document(rel: str, kind: str, pages: int = 1, **fields: object) -> Document:
    return Document(path=Path("/cases/sharma") / rel, rel=rel, sha256=f"{len(rel):064x}", size=1000,
                    format="pdf", pages=tuple(Page(n, "text") for n in range(1, pages + 1)), kind=kind,
                    language="en",
                    fields={k: v if isinstance(v, Field) else Field(v, page=1) for k, v in fields.items()})


def finding(code: str, name: str, severity, message: str, file: str | None = None, **extra) -> Finding:
    return Finding(code=code, name=name, severity=severity, message=message, file=file, **extra)


CASE = Case(
    program="FSW", as_of=AS_OF, ita_date=dt.date(2025, 7, 10),
    residence=(Residence("India", None, dt.date(2008, 4, 12), dt.date(2016, 8, 15)),
               Residence("United States", "California", dt.date(2016, 9, 1), dt.date(2019, 12, 31)),
               Residence("United Arab Emirates", "Dubai", dt.date(2020, 3, 1), None)),
    work=(Work("Acme Robotics Inc.", "Software Engineer", "21231", dt.date(2016, 10, 1),
               dt.date(2019, 12, 20), 40.0, 1),
          Work("Gulf Systems LLC", "Senior Engineer", None, dt.date(2020, 4, 1), None, 45.0, 2)),
)

DOCUMENTS = (
    document("eca/wes-report.pdf", "eca_report", 2, organization="World Education Services",
             issue_date=dt.date(2021, 3, 15)),
    document("language/ielts.pdf", "language_test", test="IELTS General Training",
             test_date=dt.date(2023, 6, 10)),
    document("notes.docx", "unknown"),
    document("police/fbi.pdf", "police_certificate", country="United States", region=None,
             issue_date=dt.date(2024, 11, 2)),
    document("police/india-pcc.pdf", "police_certificate", country="India", issue_date=dt.date(2025, 5, 20)),
    document("work/acme-letter.pdf", "employment_letter", 2, employer="Acme Robotics Inc.",
             positions=[{"job_title": Field("Software Engineer", 1), "start_date": Field(dt.date(2016, 10, 3), 1),
                         "end_date": Field(dt.date(2019, 12, 20), 1), "current": Field(False)}]),
    document("work/gulf-letter.pdf", "employment_letter", employer="Gulf Systems LLC",
             job_title="Senior Engineer", start_date=dt.date(2020, 4, 5), current=True),
)

FINDINGS = (
    finding("POL001", "missing-police-certificate", ERROR,
            "No police certificate for United Arab Emirates (lived there 2020-03-01 to now).",
            hint="Request a police clearance certificate from the UAE (Dubai Police)."),
    finding("LNG001", "language-test-expired", ERROR,
            "The IELTS General Training test of 2023-06-10 expired on 2025-06-10, before 2025-08-01.",
            "language/ielts.pdf", page=1, evidence="Test Date: 10/JUN/2023 | Centre: IN123",
            hint="Book a new test; results are valid for 2 years."),
    finding("FIL006", "unrecognized-document", WARNING, "The kind of this document cannot be determined.",
            "notes.docx"),
    finding("EMP003", "missing-hours", ERROR, "Employment letter does not state the hours worked per week.",
            "work/acme-letter.pdf",
            hint="Ask the employer to add the weekly hours (IRCC needs them to count full-time experience)."),
    finding("EMP006", "missing-employer-contact", WARNING,
            'Employment letter gives no employer phone number, "only" an email & address.',
            "work/acme-letter.pdf", page=2, evidence="Acme Robotics Inc., 1 Main St, San Jose, CA 95113\n"
            "hr@acme.example"),
    finding("FIL007", "duplicate-document", INFO, "Same content as work/acme-letter.pdf.",
            "work/gulf-letter.pdf"),
)

CHECKS = (
    Check("EMP003", "missing-hours", ERROR, SOURCE, lambda doc, ctx: (), kinds=frozenset({"employment_letter"}),
          fix="Ask the employer to add the weekly hours."),
    Check("EMP006", "missing-employer-contact", WARNING, SOURCE, lambda doc, ctx: ()),
    Check("FIL006", "unrecognized-document", WARNING, SOURCE, lambda doc, ctx: ()),
    Check("FIL007", "duplicate-document", INFO, SOURCE, lambda doc, ctx: ()),
    Check("IDN001", "name-mismatch", WARNING, SOURCE, lambda doc, ctx: ()),
    Check("LNG001", "language-test-expired", ERROR, SOURCE, lambda doc, ctx: ()),
    Check("POL001", "missing-police-certificate", ERROR, SOURCE, lambda ctx: ()),
)

ACCEPTED = Suppression(code="IDN001", reason="Name order differs; same person (passport p.2).",
                       file="language/*.pdf", expires=dt.date(2025, 12, 31), reviewer="J. Tremblay", line=1)
EXPIRED = Suppression(code="FIL006", reason="Internal notes.", file="notes.docx", expires=dt.date(2025, 7, 1), line=8)
UNUSED = Suppression(code="POL002", reason="State certificate not needed for a short stay.", line=13)

SUPPRESSED = (Suppressed(finding("IDN001", "name-mismatch", WARNING,
                                 "The name on the document, SHARMA PRIYA, differs from Priya Sharma.",
                                 "language/ielts.pdf", page=1, evidence="Candidate: SHARMA PRIYA"), ACCEPTED),)
NOTES = (
    SuppressionNote("expired", EXPIRED, "prcheck-suppressions.toml:8: the suppression of FIL006 in notes.docx "
                                        "expired on 2025-07-01 (as of 2025-08-01); 1 finding it covered is "
                                        "reported again."),
    SuppressionNote("unused", UNUSED, "prcheck-suppressions.toml:13: the suppression of POL002 (any file) "
                                      "matched no finding; remove it if the problem was fixed."),
)

HISTORY = Changes(
    previous=PastAudit(dt.datetime(2025, 7, 28, 15, 4, tzinfo=dt.UTC), AS_OF, (
        Recorded("EMP002", "work/acme-letter.pdf", "Employment letter states no start date.", ERROR),
        Recorded("EMP003", "work/acme-letter.pdf", FINDINGS[3].message, ERROR),
    )),
    new=(Recorded.of(FINDINGS[4]),),
    resolved=(Recorded("EMP002", "work/acme-letter.pdf", "Employment letter states no start date.", ERROR),),
)

CHECKLIST = (
    ChecklistItem("Employment letter: Acme Robotics Inc. (Software Engineer)", "present", ("work/acme-letter.pdf",)),
    ChecklistItem("Employment letter: Gulf Systems LLC (Senior Engineer)", "present", ("work/gulf-letter.pdf",)),
    ChecklistItem("Police certificate: United Arab Emirates", "missing"),
    ChecklistItem("Proof of funds", "not-applicable"),
)


def full_report() -> Report:
    """Every section: case timeline, checklist, findings, suppressions, notes and history."""
    return Report(folder="cases/sharma", case_file="case.toml", as_of=AS_OF, program="FSW",
                  documents=DOCUMENTS, findings=FINDINGS, checklist=CHECKLIST, case=CASE,
                  suppressed=SUPPRESSED, suppression_notes=NOTES, history=HISTORY)


def clean_report() -> Report:
    """No case file, no findings: the READY verdict and every empty branch."""
    return Report(folder="cases/clean", case_file=None, as_of=AS_OF, program=None,
                  documents=(DOCUMENTS[1],), findings=())


HOSTILE = "<script>alert('x')</script>"


def hostile_report() -> Report:
    """Document text, file names and case names that try to inject markup."""
    rel = f"work/{HOSTILE}&\"quoted\".pdf"
    case = Case(program="CEC", residence=(Residence(f"Canada{HOSTILE}", f"On\"tario'{HOSTILE}",
                                                    dt.date(2019, 1, 1), None),),
                work=(Work(f"Evil {HOSTILE} Corp", f"Dev{HOSTILE}", None, dt.date(2020, 1, 1), None, 40.0, 1),))
    doc = document(rel, "employment_letter", employer=f"Evil {HOSTILE} Corp", job_title=f"Dev{HOSTILE}",
                   start_date=dt.date(2020, 1, 1), current=True)
    found = finding("EMP003", "missing-hours", ERROR, f"Letter says {HOSTILE}.", rel, page=1,
                    evidence=f"Hours: {HOSTILE} | x", hint=f"Fix {HOSTILE}")
    return Report(folder=f"cases/{HOSTILE}", case_file="case.toml", as_of=AS_OF, program="CEC",
                  documents=(doc,), findings=(found,), case=case,
                  checklist=(ChecklistItem(f"Employment letter: Evil {HOSTILE} Corp", "present", (rel,)),))
