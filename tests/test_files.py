"""Every FIL code on a real bad file, with the rest of the folder still audited."""
import datetime as dt
import json
import shutil
from pathlib import Path

from validator.config import Config, Policy
from validator.runner import audit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAD = FIXTURES / "bad"


def audit_folder(folder, policy=Policy()):
    return audit(folder, None, Config(policy=policy), dt.date(2025, 8, 1), jobs=2).report


def test_each_bad_file_gets_its_code_and_nothing_crashes():
    expected = json.loads((BAD / "expected.json").read_text())
    report = audit_folder(BAD)
    by_file = {d.rel: d for d in report.documents}
    assert set(by_file) == set(expected) | {"expected.json"}  # the truth file is a (plain text) file too
    for name, codes in expected.items():
        fil = sorted(f.code for f in report.findings if f.file == name and f.code.startswith("FIL"))
        assert fil == sorted(codes), name


def test_unreadable_files_are_kind_unknown_and_evidence_nothing():
    report = audit_folder(BAD)
    for doc in report.documents:
        if any(p.code in ("FIL001", "FIL002", "FIL004") for p in doc.problems):
            assert doc.kind == "unknown" and doc.fields == {} and not doc.readable


def test_sniffing_reads_a_pdf_with_a_docx_name_and_an_owner_password_pdf():
    report = audit_folder(BAD)
    by_file = {d.rel: d for d in report.documents}
    assert by_file["letter-is-pdf.docx"].format == "pdf"
    assert by_file["letter-is-pdf.docx"].kind == "employment_letter"
    assert by_file["owner-only.pdf"].kind == "employment_letter"


def test_file_over_the_portal_limit(tmp_path):
    big = tmp_path / "scan.pdf"
    shutil.copy(BAD / "duplicate-a.pdf", big)
    with open(big, "ab") as fh:  # trailing bytes after %%EOF: still a readable PDF
        fh.write(b"\n%" + b"x" * 4_100_000)
    report = audit_folder(tmp_path)
    (finding,) = [f for f in report.findings if f.code == "FIL005"]
    assert "4.1 MB" in finding.message and "4 MB" in finding.message
    assert [f for f in audit_folder(tmp_path, Policy(portal_max_file_mb=5)).findings if f.code == "FIL005"] == []


def test_unrecognised_document(tmp_path):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    for line in ["Lunch menu", "Soup of the day with fresh bread", "Grilled vegetables and rice", "Apple pie"]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "menu.pdf"))
    report = audit_folder(tmp_path)
    assert [(f.code, f.file) for f in report.findings if f.code != "CAS001"] == [("FIL006", "menu.pdf")]


def test_pdf_over_the_page_limit_is_refused(tmp_path):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for n in range(12):
        pdf.add_page()
        pdf.cell(0, 8, f"page {n}")
    pdf.output(str(tmp_path / "long.pdf"))
    report = audit_folder(tmp_path, Policy(max_pages=10))
    (finding,) = [f for f in report.findings if f.code != "CAS001"]
    assert finding.code == "FIL009" and "12 pages" in finding.message
