"""The JUnit XML report, for CI servers that show test results.

One testsuite; one testcase per document, plus one for the case as a whole. A testcase with
error or warning findings fails, with a single ``<failure>`` listing them all (several
failures in one testcase are not portable across CI servers); info findings and suppressed
findings go to the testcase's ``system-out``. ElementTree escapes; characters that XML 1.0
cannot hold at all (control characters a PDF's text may contain) are dropped first.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Finding, Report, Severity
from ..suppressions import Suppressed
from .common import CASE_LABEL, accepted_by, by_file, counted, page_label

FAILING = (Severity.ERROR, Severity.WARNING)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report) -> str:
    open_by_file = dict(by_file(report.findings))
    suppressed_by_file = dict(by_file(report.suppressed, file=lambda s: s.finding.file))
    # Every document, and any other file a finding names, so that no finding is dropped.
    named = [f for f in (*open_by_file, *suppressed_by_file) if f is not None]
    files: list[str | None] = [None, *dict.fromkeys([d.rel for d in report.documents] + named)]
    failed = 0
    suite = ET.Element("testsuite", name=_x(f"prcheck audit of {report.folder}"))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("as_of", report.as_of.isoformat()), ("program", report.program or "")):
        ET.SubElement(properties, "property", name=name, value=_x(value))
    for file in files:
        testcase = ET.SubElement(suite, "testcase", classname="prcheck.case" if file is None else "prcheck.document",
                                 name=_x(file or CASE_LABEL))
        findings = open_by_file.get(file, [])
        failing = [f for f in findings if f.severity in FAILING]
        if failing:
            failed += 1
            failure = ET.SubElement(testcase, "failure", type=failing[0].code,
                                    message=_x(_failure_message(failing)))
            failure.text = _x("\n".join(_describe(f) for f in failing))
        others = [_describe(f) for f in findings if f.severity not in FAILING]
        others += [_describe_suppressed(s) for s in suppressed_by_file.get(file, [])]
        if others:
            ET.SubElement(testcase, "system-out").text = _x("\n".join(others))
    suite.set("tests", str(len(files)))
    suite.set("failures", str(failed))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    root = ET.Element("testsuites", name="prcheck", tests=str(len(files)), failures=str(failed), errors="0")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _failure_message(failing: list[Finding]) -> str:
    errors = sum(1 for f in failing if f.severity is Severity.ERROR)
    warnings = len(failing) - errors
    counts = ", ".join(counted(n, noun) for n, noun in ((errors, "error"), (warnings, "warning")) if n)
    return f"{counts}: {', '.join(dict.fromkeys(f.code for f in failing))}"


def _describe(f: Finding) -> str:
    lines = [f"{f.severity.value} {f.code} {f.name}{' ' + page_label(f.page) if f.page else ''}: {f.message}"]
    if f.evidence:
        lines.append(f"    evidence: “{f.evidence}”")
    if f.hint:
        lines.append(f"    fix: {f.hint}")
    return "\n".join(lines)


def _describe_suppressed(s: Suppressed) -> str:
    return f"suppressed {s.finding.code} {s.finding.name}: {s.finding.message}\n    accepted: {accepted_by(s.by)}"


def _x(text: str) -> str:
    return NOT_XML.sub("", text)
