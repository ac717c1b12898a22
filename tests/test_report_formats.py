"""Every report format: golden files, structure, escaping, and the CLI's --format wiring.

Goldens are rendered from reports built in code (tests/report_sample.py). After an intended
change of a report, regenerate them with ``PRCHECK_UPDATE_GOLDEN=1 pytest tests/test_report_formats.py``
and review the diff.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from report_sample import CHECKS, HOSTILE, SOURCE, clean_report, document, finding, full_report, hostile_report
from validator.cli import cli
from validator.model import ERROR, Field, Report
from validator.report import EXTENSIONS, FORMATS, html, junit, markdown, sarif, text, timeline
from validator.report import csv as csv_report, json as json_report
from validator.report.common import by_file

GOLDEN = Path(__file__).parent / "golden"
SCHEMA = json.loads((Path(json_report.__file__).parent / "report.schema.json").read_text())
SAMPLES = {"full": full_report, "clean": clean_report}


def render(report: Report, fmt: str) -> str:
    """Each format as the CLI renders it, but without colour and with fixed rule metadata."""
    if fmt == "text":
        return text.render(report, color=False)
    if fmt == "sarif":
        return sarif.render(report, CHECKS)
    module = {"json": json_report, "markdown": markdown, "html": html, "csv": csv_report, "junit": junit}[fmt]
    return module.render(report)


@pytest.mark.parametrize("sample", sorted(SAMPLES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt, sample):
    rendered = render(SAMPLES[sample](), fmt)
    path = GOLDEN / f"{sample}.{EXTENSIONS[fmt]}"
    if os.environ.get("PRCHECK_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(rendered.encode("utf-8"))  # bytes: the CSV's CRLF line ends are part of it
    assert path.exists(), f"no golden file {path.name}: run with PRCHECK_UPDATE_GOLDEN=1"
    assert rendered == path.read_bytes().decode("utf-8"), \
        f"{path.name} differs; if intended, regenerate with PRCHECK_UPDATE_GOLDEN=1 and review the diff"


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(fmt):
    assert render(full_report(), fmt) == render(full_report(), fmt)


# --- shared helpers --------------------------------------------------------------------------

def test_findings_are_grouped_case_first_then_by_path():
    groups = by_file(full_report().findings)
    assert [file for file, _ in groups] == [None, "language/ielts.pdf", "notes.docx", "work/acme-letter.pdf",
                                           "work/gulf-letter.pdf"]
    assert [f.code for f in dict(groups)["work/acme-letter.pdf"]] == ["EMP003", "EMP006"]


# --- JSON ------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [full_report, clean_report, hostile_report])
def test_json_reports_are_valid_against_the_schema(make):
    jsonschema.validate(json.loads(json_report.render(make())), SCHEMA)


@pytest.mark.parametrize("make", [full_report, clean_report, hostile_report])
def test_json_is_the_standard_librarys_text(make):
    report = make()
    assert json_report.render(report) == json_report.standard_render(json_report.report_dict(report))


def test_json_takes_what_orjson_refuses():
    big = replace(full_report(), documents=(document("work/acme-letter.pdf", "employment_letter",
                                                     salary=Field(2 ** 70, 1, "2^70")),))
    assert f'"value": {2 ** 70}' in json_report.render(big)  # orjson stops at 64 bits


def test_json_lists_suppressions_notes_and_history_as_optional_top_level_keys():
    data = json.loads(json_report.render(full_report()))
    assert data["summary"] == {"documents": 7, "errors": 3, "warnings": 2, "info": 1}
    [suppressed] = data["suppressed"]
    assert suppressed["code"] == "IDN001" and suppressed["reason"].startswith("Name order differs")
    assert suppressed["reviewer"] == "J. Tremblay" and suppressed["expires"] == "2025-12-31"
    assert [n["status"] for n in data["suppression_notes"]] == ["expired", "unused"]
    assert data["suppression_notes"][0]["line"] == 8
    history = data["history"]
    assert history["previous_audit"] == {"recorded_at": "2025-07-28T15:04:00+00:00", "as_of": "2025-08-01",
                                         "errors": 2, "warnings": 0, "info": 0}
    assert [f["code"] for f in history["new"]] == ["EMP006"]
    assert [f["code"] for f in history["resolved"]] == ["EMP002"]
    plain = json.loads(json_report.render(clean_report()))
    assert not {"suppressed", "suppression_notes", "history"} & set(plain)


# --- SARIF -----------------------------------------------------------------------------------

def test_sarif_structure():
    data = json.loads(sarif.render(full_report(), CHECKS))
    assert data["version"] == "2.1.0" and data["$schema"].endswith("sarif-2.1.0.json")
    [run] = data["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["EMP003", "EMP006", "FIL006", "FIL007", "IDN001", "LNG001", "POL001"]
    assert all(r["helpUri"] == SOURCE and r["name"] for r in rules)
    results = run["results"]
    assert len(results) == 7  # six open findings and one suppressed
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
    by_code = {r["ruleId"]: r for r in results}
    assert "locations" not in by_code["POL001"]  # about the case: no file to point at
    location = by_code["EMP006"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "work/acme-letter.pdf", "uriBaseId": "CASEROOT"}
    assert by_code["EMP006"]["properties"]["page"] == 2
    assert by_code["FIL007"]["level"] == "note"
    assert by_code["IDN001"]["suppressions"] == [{"kind": "external", "status": "accepted",
                                                  "justification": "Name order differs; same person (passport p.2)."}]


def test_sarif_uris_are_percent_encoded_and_unknown_codes_still_get_a_rule():
    report = replace(clean_report(), findings=(finding("XYZ001", "plugin-check", ERROR, "m", "my docs/a#1.pdf"),))
    data = json.loads(sarif.render(report, CHECKS))
    [result] = data["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20docs/a%231.pdf"
    assert data["runs"][0]["tool"]["driver"]["rules"] == [
        {"id": "XYZ001", "name": "plugin-check", "shortDescription": {"text": "plugin-check"}}]


# --- CSV -------------------------------------------------------------------------------------

def test_csv_parses_back_to_the_findings():
    report = full_report()
    rendered = csv_report.render(report)
    assert rendered.startswith("code,name,severity,file,page,message,evidence,hint\r\n")
    rows = list(csv.DictReader(io.StringIO(rendered, newline="")))
    assert len(rows) == len(report.findings)
    for row, f in zip(rows, report.findings, strict=True):
        assert row == {"code": f.code, "name": f.name, "severity": f.severity.value, "file": f.file or "",
                       "page": str(f.page or ""), "message": f.message, "evidence": f.evidence or "",
                       "hint": f.hint or ""}


def test_csv_defuses_spreadsheet_formulas():
    report = replace(clean_report(), findings=(
        finding("EMP003", "missing-hours", ERROR, "=HYPERLINK(\"http://x\")", "-a.pdf", evidence="@SUM(A1)"),))
    [row] = list(csv.DictReader(io.StringIO(csv_report.render(report), newline="")))
    assert (row["message"], row["file"], row["evidence"]) == ("'=HYPERLINK(\"http://x\")", "'-a.pdf", "'@SUM(A1)")


# --- JUnit -----------------------------------------------------------------------------------

def test_junit_has_one_testcase_per_document_plus_the_case():
    report = full_report()
    root = ET.fromstring(junit.render(report))
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["Case"] + [d.rel for d in report.documents]
    failed = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
    assert sorted(failed) == ["Case", "language/ielts.pdf", "notes.docx", "work/acme-letter.pdf"]
    assert suite.get("tests") == "8" and suite.get("failures") == "4"
    assert failed["work/acme-letter.pdf"].get("message") == "1 error, 1 warning: EMP003, EMP006"
    gulf = next(c for c in cases if c.get("name") == "work/gulf-letter.pdf")
    assert "FIL007" in gulf.find("system-out").text  # info does not fail
    ielts = next(c for c in cases if c.get("name") == "language/ielts.pdf")
    assert "suppressed IDN001" in ielts.find("system-out").text


def test_junit_escapes_markup_and_drops_characters_xml_cannot_hold():
    report = hostile_report()
    report = replace(report, findings=(replace(report.findings[0], evidence="page\x0cbreak <b>&"),))
    root = ET.fromstring(junit.render(report))
    failure = root.find("testsuite/testcase/failure")
    assert "pagebreak <b>&" in failure.text and HOSTILE in failure.get("message") + failure.text


# --- Markdown --------------------------------------------------------------------------------

def _cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_tables_keep_their_columns_and_escape_markup():
    rendered = markdown.render(hostile_report())
    rows = [line for line in rendered.splitlines() if line.startswith("| error")]
    assert rows and all(len(_cells(r)) == 6 for r in rows)  # the pipe in the evidence is escaped
    assert "<script>" not in rendered and r"\<script\>" in rendered


# --- HTML ------------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def test_html_escapes_document_text_file_names_and_case_names():
    page = html.render(hostile_report())
    parsed = _parse(page)
    assert "script" not in [tag for tag, _ in parsed.tags]
    assert "<script" not in page.lower()
    text_content = "".join(parsed.text)
    assert f"Hours: {HOSTILE} | x" in text_content  # evidence, shown as text
    assert f"work/{HOSTILE}&\"quoted\".pdf" in text_content  # file name
    assert f"Evil {HOSTILE} Corp" in text_content  # case file ([[work]]) and checklist
    assert f"Canada{HOSTILE}, On\"tario'{HOSTILE}" in text_content  # SVG <title> of a residence row
    assert f"cases/{HOSTILE}" in text_content  # the case folder


def test_html_is_self_contained():
    page = html.render(full_report())
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert not {"src", "href"} & set(attrs), tag
        assert tag not in ("script", "link", "iframe", "object", "embed", "img")
    assert "url(" not in page and "@import" not in page
    assert "default-src 'none'" in page  # and the browser is told so


def test_html_has_every_section():
    page = html.render(full_report())
    ids = [attrs.get("id") for tag, attrs in _parse(page).tags if tag == "section"]
    assert ids == ["history", "timeline", "checklist", "findings", "suppressed", "suppression-notes", "documents"]
    assert '<div class="verdict not-ready">NOT READY</div>' in page
    assert '<div class="verdict ready">READY</div>' in html.render(clean_report())


# --- the timeline ----------------------------------------------------------------------------

def test_timeline_rows_come_from_the_case_and_the_documents():
    built = timeline.build(full_report())
    rows = [(r.group, r.label) for r in built.rows]
    assert rows == [
        ("Residence", "All stays"), ("Residence", "India"), ("Residence", "United States, California"),
        ("Residence", "United Arab Emirates, Dubai"),
        ("Work declared in case.toml", "Acme Robotics Inc. — Software Engineer"),
        ("Work declared in case.toml", "Gulf Systems LLC — Senior Engineer"),
        ("Employment letters", "Acme Robotics Inc. — Software Engineer"),
        ("Employment letters", "Gulf Systems LLC — Senior Engineer"),
        ("Language tests", "IELTS General Training"),
        ("Educational credential assessment", "World Education Services"),
        ("Police certificates", "United States"), ("Police certificates", "India"),
    ]
    by_label = {r.label: r for r in built.rows if r.group != "Residence"}
    residence = {r.label: r for r in built.rows if r.group == "Residence"}
    ielts = by_label["IELTS General Training"].spans[0]
    assert (ielts.start, ielts.end) == (dt.date(2023, 6, 10), dt.date(2025, 6, 10))
    eca = by_label["World Education Services"].spans[0]
    assert eca.end == dt.date(2026, 3, 15)
    dubai = residence["United Arab Emirates, Dubai"].spans[0]
    assert dubai.ongoing and dubai.end == dt.date(2025, 8, 1)
    assert residence["India"].spans[0].end == dt.date(2016, 8, 15)
    assert len(residence["All stays"].spans) == 3
    assert by_label["United States"].marks == (dt.date(2024, 11, 2),)
    assert built.lines == (("ITA", dt.date(2025, 7, 10)), ("as of", dt.date(2025, 8, 1)))
    assert built.undrawn == ()


def test_timeline_lists_what_it_cannot_draw_and_tolerates_odd_field_values():
    report = replace(clean_report(), documents=(
        document("a.pdf", "employment_letter", employer="Acme", job_title="Dev"),  # no dates at all
        document("b.pdf", "language_test", test_date="June 2023"),  # not a date: not drawn
        document("c.pdf", "eca_report", issue_date="2021-03-15"),  # an ISO string is fine
        document("d.pdf", "police_certificate", country="India"),
        document("e.pdf", "employment_letter", positions=[{"job_title": "Dev", "start_date": dt.date(2020, 1, 1),
                                                           "current": True}]),  # bare values, not Fields
    ))
    built = timeline.build(report)
    assert built.undrawn == ("a.pdf: Acme — Dev: no start date", "b.pdf: no test date", "d.pdf: no issue date")
    assert [r.label for r in built.rows] == ["Dev", "ECA report"]
    assert built.rows[0].spans[0].ongoing


def test_timeline_dates():
    assert timeline.add_years(dt.date(2024, 2, 29), 2) == dt.date(2026, 2, 28)
    assert timeline.as_date(dt.datetime(2024, 1, 2, 3, 4)) == dt.date(2024, 1, 2)
    assert timeline.as_date(Field("x").value) is None and timeline.as_date(None) is None


def test_no_timeline_without_dates():
    page = html.render(replace(clean_report(), documents=()))
    assert "<svg" not in page and "Nothing to draw" in page


# --- the command line ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_every_format(tmp_path, fmt):
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a document the portal takes")
    out = tmp_path / f"prcheck-report.{EXTENSIONS[fmt]}"
    result = CliRunner().invoke(cli, ["audit", str(folder), "--format", fmt, "--output", str(out),
                                      "--no-cache", "--as-of", "2025-08-01", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "notes.txt" in written
    if fmt in ("json", "sarif"):
        json.loads(written)
    if fmt == "junit":
        ET.fromstring(written)
