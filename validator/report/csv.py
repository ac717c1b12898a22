"""The CSV report: one row per open finding, for a spreadsheet or a case-management import.

RFC 4180 through the csv module (CRLF line ends, quotes doubled). A cell that a spreadsheet
would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return;
document text can start that way) gets a leading apostrophe, as OWASP recommends: the applicant's
documents are untrusted input and the file is meant to be opened in Excel.

Suppressed findings are not rows: the columns are fixed, and a row is an open finding. The
reports with sections (text, Markdown, HTML, JSON) list them.
"""
from __future__ import annotations

import csv
import io

from ..model import Report

HEADER = ("code", "name", "severity", "file", "page", "message", "evidence", "hint")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for f in report.findings:
        writer.writerow([f.code, f.name, f.severity.value, _cell(f.file), f.page or "",
                         _cell(f.message), _cell(f.evidence), _cell(f.hint)])
    return buffer.getvalue()


def _cell(text: str | None) -> str:
    if not text:
        return ""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
