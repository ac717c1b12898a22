"""The Markdown report: for a ticket, a pull request or a wiki page.

Every string from a document, a file name or the case file goes through :func:`md`, which
backslash-escapes the characters Markdown would act on (CommonMark lets any ASCII punctuation
be escaped), so a pipe cannot break a table and ``<script>`` stays text even in renderers
that pass raw HTML through.
"""
from __future__ import annotations

import re

from ..history import Recorded
from ..model import Finding, Report
from .common import (CASE_LABEL, STATUS_SYMBOLS, accepted_by, by_file, changes_heading, clip, page_label,
                     summary, verdict)

SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#])")


def md(value: object) -> str:
    """Inline Markdown text on one line: whitespace collapsed, special characters escaped."""
    return SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def render(report: Report) -> str:
    out = [f"# prcheck audit of {md(report.folder)}", ""]
    meta = [f"As of {report.as_of}"]
    if report.program:
        meta.append(f"program {md(report.program)}")
    meta.append(f"case file {md(report.case_file)}" if report.case_file else "no case file")
    out += [" · ".join(meta), "", f"**{verdict(report)}**: {summary(report)}", ""]
    if report.history is not None:
        out += ["## Changes", "", md(changes_heading(report.history)), ""]
        changes = [f"- new: {_recorded(f)}" for f in report.history.new]
        changes += [f"- resolved: {_recorded(f)}" for f in report.history.resolved]
        out += changes + ([""] if changes else [])
    if report.checklist:
        out += ["## Checklist", "", "| | Item | Files |", "|---|---|---|"]
        out += [f"| {STATUS_SYMBOLS[c.status]} | {md(c.item)} | {md(', '.join(c.files))} |" for c in report.checklist]
        out.append("")
    out += ["## Findings", ""]
    if not report.findings:
        out += ["No open findings.", ""]
    for file, findings in by_file(report.findings):
        out += [f"### {md(file) if file else CASE_LABEL}", "",
                "| Severity | Code | Page | Message | Evidence | Fix |", "|---|---|---|---|---|---|"]
        out += [_finding_row(f) for f in findings]
        out.append("")
    if report.suppressed:
        out += ["## Suppressed findings", "", "Accepted in prcheck-suppressions.toml; not counted in the summary.",
                "", "| Code | File | Page | Message | Accepted because |", "|---|---|---|---|---|"]
        out += [f"| {s.finding.code} | {md(s.finding.file or CASE_LABEL)} | {page_label(s.finding.page)} "
                f"| {md(s.finding.message)} | {md(accepted_by(s.by))} |" for s in report.suppressed]
        out.append("")
    if report.suppression_notes:
        out += ["## Suppression notes", ""] + [f"- {md(n.message)}" for n in report.suppression_notes] + [""]
    return "\n".join(out)


def _finding_row(f: Finding) -> str:
    evidence = f"“{md(clip(f.evidence))}”" if f.evidence else ""
    return (f"| {f.severity.value} | {f.code} {md(f.name)} | {page_label(f.page)} | {md(f.message)} "
            f"| {evidence} | {md(f.hint or '')} |")


def _recorded(f: Recorded) -> str:
    return f"{f.code} {md(f.file) + ' ' if f.file else ''}— {md(f.message)}"
