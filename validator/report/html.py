"""The HTML report: one self-contained page a lawyer can open, print or attach.

No script, no external asset (inline CSS, inline SVG), and a Content-Security-Policy that
forbids loading anything, so the page renders the same offline and a document's text can
never run in it. Every string that comes from a document, a file name or the case file is
escaped. The output depends on the Report alone (no timestamps), so golden files work.
"""
from __future__ import annotations

from html import escape

from .. import __version__
from ..history import Recorded
from ..model import Finding, Report, Severity
from . import timeline as tl
from .common import (CASE_LABEL, STATUS_SYMBOLS, accepted_by, by_file, changes_heading, clip, counted,
                     page_label, plural, verdict, worst)

# The verdict's colour follows the worst open finding.
VERDICT_CLASS = {Severity.ERROR: "not-ready", Severity.WARNING: "review", Severity.INFO: "ready"}

CSS = """
:root { --error: #b42318; --warning: #b54708; --info: #175cd3; --ok: #067647; --muted: #667085;
        --line: #eaecf0; --soft: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #101828; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; word-break: break-all; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.meta { color: var(--muted); margin: 0; }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 24px; }
.verdict { font-weight: 700; font-size: 18px; letter-spacing: .04em; padding: 8px 16px; border-radius: 6px;
           color: #fff; white-space: nowrap; }
.verdict.not-ready { background: var(--error); }
.verdict.review { background: var(--warning); }
.verdict.ready { background: var(--ok); }
.counts { display: flex; gap: 12px; margin: 20px 0 0; padding: 0; list-style: none; flex-wrap: wrap; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: 8px 16px; min-width: 110px; }
.counts b { display: block; font-size: 22px; }
.counts .error b { color: var(--error); } .counts .warning b { color: var(--warning); }
.counts .info b { color: var(--info); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.status { width: 2em; text-align: center; font-weight: 700; }
.present { color: var(--ok); } .missing { color: var(--error); } .not-applicable { color: var(--muted); }
.files, .kind { color: var(--muted); font-size: 12.5px; font-weight: 400; }
ol.findings { list-style: none; margin: 0; padding: 0; }
ol.findings li { border-left: 4px solid var(--line); padding: 6px 12px; margin: 8px 0; background: var(--soft); }
ol.findings li.error { border-color: var(--error); } ol.findings li.warning { border-color: var(--warning); }
ol.findings li.info { border-color: var(--info); }
.sev { display: inline-block; min-width: 64px; font-size: 11px; font-weight: 700; text-transform: uppercase; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.message { margin: 2px 0; }
.page { color: var(--muted); font-size: 12.5px; }
blockquote { margin: 4px 0; padding: 2px 10px; border-left: 2px solid #d0d5dd; color: #344054; font-style: italic; }
.hint { margin: 2px 0; color: var(--ok); }
.new { color: var(--error); } .resolved { color: var(--ok); }
ul.changes { list-style: none; padding-left: 0; } ul.changes li { margin: 2px 0; }
svg.timeline { display: block; margin: 8px 0;
               font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg .stripe { fill: #f8f9fb; } svg .after { fill: #f2f4f7; } svg .grid { stroke: #e4e7ec; }
svg .group { font-size: 12px; font-weight: 700; fill: #344054; }
svg .label { font-size: 12px; fill: #101828; } svg .year { font-size: 11px; fill: var(--muted); }
svg .dates { font-size: 10px; fill: #475467; } svg .dates.inside { fill: #fff; }
svg line.as-of { stroke: #101828; stroke-width: 1.5; } svg text.as-of { font-size: 11px; font-weight: 700; }
svg line.ita { stroke: #175cd3; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg text.ita { font-size: 11px; font-weight: 700; fill: #175cd3; }
.caption { color: var(--muted); font-size: 12.5px; margin: 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { main { padding: 0; } h2 { break-after: avoid; } li, tr { break-inside: avoid; } }
"""


def render(report: Report) -> str:
    sections = [_header(report), _history(report), _timeline(report), _checklist(report),
                _findings(report), _suppressed(report), _suppression_notes(report), _documents(report)]
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # Nothing may load or run: a document's text must never become active content.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>prcheck report: {e(report.folder)} as of {report.as_of}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        *[s for s in sections if s],
        f"<footer>Generated by prcheck {e(__version__)}. prcheck checks documents against IRCC's published "
        "requirements; it does not replace a review by a licensed representative.</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]) + "\n"


def e(value: object) -> str:
    return escape(str(value), quote=True)


def _header(report: Report) -> str:
    meta = [f"Case folder <code>{e(report.folder)}</code>", f"as of {report.as_of}"]
    if report.program:
        meta.append(f"program {e(report.program)}")
    meta.append(f"case file <code>{e(report.case_file)}</code>" if report.case_file else "no case file")
    errors, warnings, info = (report.count(s) for s in Severity)
    counts = [("documents", len(report.documents), plural(len(report.documents), "document")),
              ("error", errors, plural(errors, "error")), ("warning", warnings, plural(warnings, "warning")),
              ("info", info, "info")]
    if report.suppressed:
        counts.append(("suppressed", len(report.suppressed), "suppressed"))
    items = "".join(f'<li class="{cls}"><b>{n}</b>{label}</li>' for cls, n, label in counts)
    return (f'<header><div><h1>Express Entry document audit</h1><p class="meta">{" · ".join(meta)}</p></div>'
            f'<div class="verdict {VERDICT_CLASS[worst(report)]}">{verdict(report)}</div></header>\n'
            f'<ul class="counts">{items}</ul>')


def _history(report: Report) -> str:
    changes = report.history
    if changes is None:
        return ""
    lines = [f'<li class="new">+ new: {_recorded(f)}</li>' for f in changes.new]
    lines += [f'<li class="resolved">− resolved: {_recorded(f)}</li>' for f in changes.resolved]
    listing = f'<ul class="changes">{"".join(lines)}</ul>' if lines else ""
    return f'<section id="history"><h2>Changes</h2><p>{e(changes_heading(changes))}</p>{listing}</section>'


def _recorded(f: Recorded) -> str:
    where = f" <code>{e(f.file)}</code>" if f.file else ""
    return f"<code>{e(f.code)}</code>{where}: {e(f.message)}"


def _timeline(report: Report) -> str:
    timeline = tl.build(report)
    if timeline.empty:
        body = '<p class="caption">Nothing to draw: no dated stays, jobs or documents.</p>'
    else:
        body = (tl.render_svg(timeline) + '\n<p class="caption">Shaded: after the as-of date. '
                "An arrowhead: still ongoing at the as-of date. Language test results are valid "
                f"{tl.LANGUAGE_VALIDITY_YEARS} years from the test date, an ECA {tl.ECA_VALIDITY_YEARS} "
                "years from its issue date. Hover over a bar for its dates.</p>")
    if timeline.undrawn:
        body += ('<p class="caption">Not on the timeline (no usable date):</p><ul class="caption">'
                 + "".join(f"<li>{e(item)}</li>" for item in timeline.undrawn) + "</ul>")
    return f'<section id="timeline"><h2>Timeline</h2>{body}</section>'


def _checklist(report: Report) -> str:
    if not report.checklist:
        return ""
    rows = "".join(
        f'<tr><td class="status {e(item.status)}" title="{e(item.status)}">{STATUS_SYMBOLS[item.status]}</td>'
        f'<td>{e(item.item)}</td><td class="files">{e(", ".join(item.files))}</td></tr>'
        for item in report.checklist)
    return (f'<section id="checklist"><h2>Checklist</h2><table><thead><tr><th></th><th>Item</th>'
            f'<th>Files</th></tr></thead><tbody>{rows}</tbody></table></section>')


def _findings(report: Report) -> str:
    docs = {d.rel: d for d in report.documents}
    parts = ['<section id="findings"><h2>Findings</h2>']
    if not report.findings:
        parts.append("<p>No open findings.</p>")
    for file, findings in by_file(report.findings):
        if file is None:
            heading = f'{CASE_LABEL} <span class="kind">the case as a whole</span>'
        else:
            doc = docs.get(file)
            about = f"{doc.kind.replace('_', ' ')}, {counted(len(doc.pages), 'page')}" if doc else ""
            heading = f'{e(file)} <span class="kind">{e(about)}</span>'
        parts.append(f"<h3>{heading}</h3>")
        parts.append(f'<ol class="findings">{"".join(_finding(f) for f in findings)}</ol>')
    parts.append("</section>")
    return "\n".join(parts)


def _finding(f: Finding) -> str:
    page = f' <span class="page">· page {f.page}</span>' if f.page else ""
    evidence = f"<blockquote>“{e(clip(f.evidence, 400))}”</blockquote>" if f.evidence else ""
    hint = f'<p class="hint"><strong>Fix:</strong> {e(f.hint)}</p>' if f.hint else ""
    return (f'<li class="{f.severity.value}"><span class="sev {f.severity.value}">{f.severity.value}</span> '
            f'<code>{e(f.code)}</code> <span class="kind">{e(f.name)}</span>{page}'
            f'<p class="message">{e(f.message)}</p>{evidence}{hint}</li>')


def _suppressed(report: Report) -> str:
    if not report.suppressed:
        return ""
    rows = "".join(
        f"<tr><td><code>{e(s.finding.code)}</code></td><td>{e(s.finding.file or CASE_LABEL)}</td>"
        f"<td>{page_label(s.finding.page)}</td><td>{e(s.finding.message)}</td><td>{e(accepted_by(s.by))}</td></tr>"
        for s in report.suppressed)
    return ('<section id="suppressed"><h2>Suppressed findings</h2><p class="caption">Accepted in '
            "prcheck-suppressions.toml; not counted in the summary.</p><table><thead><tr><th>Code</th>"
            "<th>File</th><th>Page</th><th>Message</th><th>Accepted because</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")


def _suppression_notes(report: Report) -> str:
    if not report.suppression_notes:
        return ""
    notes = "".join(f"<li>{e(n.message)}</li>" for n in report.suppression_notes)
    return f'<section id="suppression-notes"><h2>Suppression notes</h2><ul>{notes}</ul></section>'


def _documents(report: Report) -> str:
    if not report.documents:
        return ""
    open_by_file = {file: len(fs) for file, fs in by_file(report.findings)}
    rows = "".join(
        f"<tr><td>{e(d.rel)}</td><td>{e(d.kind.replace('_', ' '))}</td><td>{len(d.pages) or ''}</td>"
        f"<td>{e(d.language or '')}</td><td>{open_by_file.get(d.rel, 0)}</td></tr>"
        for d in report.documents)
    return ('<section id="documents"><h2>Documents</h2><table><thead><tr><th>File</th><th>Kind</th>'
            f"<th>Pages</th><th>Language</th><th>Findings</th></tr></thead><tbody>{rows}</tbody></table></section>")

