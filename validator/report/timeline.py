"""The case timeline as inline SVG: stays, jobs, validity windows and the key dates.

It lays out what the case file declares and what the documents state, one row per item,
on one time axis, so that a gap between stays or a test that runs out before the as-of line
is visible at a glance. It draws; it does not judge (the checks do), so nothing is coloured
as wrong. Document fields are read defensively: an extractor may leave any of them out, and a
value that is not a date is left off the chart and listed under it instead.

Every string that comes from a document or the case file is escaped, in text and attributes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Any

from ..model import Document, Field, Report

LANGUAGE_VALIDITY_YEARS = 2  # IRCC: results are valid for 2 years from the test date
ECA_VALIDITY_YEARS = 5  # IRCC: an ECA is valid for 5 years from its issue date

# Layout, in SVG user units (the SVG scales to the page width).
WIDTH = 1000
LABEL_X, LABEL_CHARS = 16, 40  # row labels: indent, and the characters that fit before the plot
PLOT_X, PLOT_RIGHT = 300, 980
KEY_DATE_H, YEARS_H, ROW_H, BAR_H, BOTTOM = 14, 18, 22, 12, 12  # key-date labels get a line each
CHAR_W = 6.0  # average width of a 10-unit sans-serif character, to decide where a date label fits

COLOURS = {
    "Residence": "#4c78a8", "Work declared in case.toml": "#72b7b2", "Employment letters": "#54a24b",
    "Language tests": "#b279a2", "Educational credential assessment": "#f58518",
    "Police certificates": "#6b4f3a",
}


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date
    ongoing: bool = False  # no end yet: drawn up to the as-of date with an arrow
    title: str = ""  # the tooltip


@dataclass(frozen=True)
class Row:
    group: str
    label: str
    spans: tuple[Span, ...] = ()
    marks: tuple[dt.date, ...] = ()  # single dates (a certificate's issue date)
    text: str = ""  # dates written beside the bar or mark, so a printout shows them too


@dataclass(frozen=True)
class Timeline:
    rows: tuple[Row, ...]
    lines: tuple[tuple[str, dt.date], ...]  # labelled vertical lines: the ITA and as-of dates
    as_of: dt.date
    undrawn: tuple[str, ...]  # items with no usable date: listed under the chart

    @property
    def empty(self) -> bool:
        return not self.rows


def build(report: Report) -> Timeline:
    """Collect the rows from the case file and the documents, in a fixed order."""
    rows: list[Row] = []
    undrawn: list[str] = []
    as_of = report.as_of
    case = report.case
    if case is not None:
        stays = [(", ".join(filter(None, (r.country, r.region))), r)
                 for r in sorted(case.residence, key=lambda r: r.start)]
        spans = [_span(r.start, r.end, as_of, place) for place, r in stays]
        if len(spans) > 1:  # every stay on one line: a gap between them shows as a blank
            rows.append(Row("Residence", "All stays", tuple(spans)))
        rows += [Row("Residence", place, (span,), text=_range_text(span))
                 for (place, _), span in zip(stays, spans, strict=True)]
        for work in case.work:
            label = " — ".join(filter(None, (work.employer, work.title)))
            if work.start is None:
                undrawn.append(f"[[work]] {work.index} ({label}): no 'from' date")
                continue
            span = _span(work.start, work.end, as_of, label)
            rows.append(Row("Work declared in case.toml", label, (span,), text=_range_text(span)))
    for doc in report.documents:
        rows += _document_rows(doc, as_of, undrawn)
    order = list(COLOURS)
    rows.sort(key=lambda r: order.index(r.group))  # stable: keeps each group's own order
    lines = [("as of", as_of)]
    if case is not None and case.ita_date is not None:
        lines.insert(0, ("ITA", case.ita_date))
    return Timeline(tuple(rows), tuple(lines), as_of, tuple(undrawn))


def _document_rows(doc: Document, as_of: dt.date, undrawn: list[str]) -> list[Row]:
    if doc.kind == "employment_letter":
        return _position_rows(doc, as_of, undrawn)
    if doc.kind in ("language_test", "eca_report"):
        language = doc.kind == "language_test"
        name = (doc.value("test") or "Language test") if language else (doc.value("organization") or "ECA report")
        start = as_date(doc.value("test_date" if language else "issue_date"))
        if start is None:
            undrawn.append(f"{doc.rel}: no {'test' if language else 'issue'} date")
            return []
        end = add_years(start, LANGUAGE_VALIDITY_YEARS if language else ECA_VALIDITY_YEARS)
        span = Span(start, end, title=f"{name}: {'tested' if language else 'issued'} {start}, "
                                      f"valid until {end} ({doc.rel})")
        return [Row("Language tests" if language else "Educational credential assessment",
                    str(name), (span,), text=f"{start} → valid until {end}")]
    if doc.kind == "police_certificate":
        place = ", ".join(str(v) for v in (doc.value("country"), doc.value("region")) if v)
        issued = as_date(doc.value("issue_date"))
        if issued is None:
            undrawn.append(f"{doc.rel}: no issue date")
            return []
        return [Row("Police certificates", place or doc.rel, marks=(issued,), text=f"issued {issued}")]
    return []


def _position_rows(doc: Document, as_of: dt.date, undrawn: list[str]) -> list[Row]:
    """One row per position a letter states (a promotion is two), else one for the letter."""
    positions = [p for p in (doc.value("positions") or []) if isinstance(p, dict)]
    if not positions:
        positions = [{name: doc.fields.get(name) for name in ("job_title", "start_date", "end_date", "current")}]
    employer = doc.value("employer")
    rows = []
    for position in positions:
        title = _plain(position.get("job_title"))
        label = " — ".join(str(v) for v in (employer, title) if v) or doc.rel
        start, end = as_date(_plain(position.get("start_date"))), as_date(_plain(position.get("end_date")))
        ongoing = bool(_plain(position.get("current")))
        if start is None or (end is None and not ongoing):
            undrawn.append(f"{doc.rel}: {label}: no {'start' if start is None else 'end'} date")
            continue
        span = _span(start, None if ongoing else end, as_of, f"{label} ({doc.rel})")
        rows.append(Row("Employment letters", label, (span,), text=_range_text(span)))
    return rows


def _span(start: dt.date, end: dt.date | None, as_of: dt.date, label: str) -> Span:
    shown_end = "present" if end is None else end
    return Span(start, end or max(start, as_of), ongoing=end is None, title=f"{label}: {start} → {shown_end}")


def _range_text(span: Span) -> str:
    return f"{span.start} → {'present' if span.ongoing else span.end}"


def _plain(value: Any) -> Any:
    """A position's entry is a Field when the extractor follows SPEC, a bare value otherwise."""
    return value.value if isinstance(value, Field) else value


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


# --- drawing --------------------------------------------------------------------------------

def render_svg(timeline: Timeline) -> str:
    """The timeline as one ``<svg>`` element (no scripts, no external references)."""
    dates = [d for row in timeline.rows for s in row.spans for d in (s.start, s.end)]
    dates += [d for row in timeline.rows for d in row.marks] + [d for _, d in timeline.lines]
    scale = _Scale(min(dates).year, max(dates).year + 1)

    groups: list[str] = []
    for row in timeline.rows:
        if row.group not in groups:
            groups.append(row.group)
    top = KEY_DATE_H * len(timeline.lines) + YEARS_H  # where the first row starts
    height = top + ROW_H * (len(timeline.rows) + len(groups)) + BOTTOM
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" '
           f'width="100%" role="img" aria-labelledby="timeline-title">',
           '<title id="timeline-title">Timeline of stays, jobs, validity windows and key dates</title>']
    as_of_x = scale.x(timeline.as_of)
    out.append(f'<rect class="after" x="{as_of_x:.1f}" y="{top - 8}" width="{PLOT_RIGHT - as_of_x:.1f}" '
               f'height="{height - top + 8 - BOTTOM}"><title>After the as-of date</title></rect>')
    out += _axis(scale, top, height)

    y = top
    for index, row in enumerate(timeline.rows):
        if index == 0 or row.group != timeline.rows[index - 1].group:
            out.append(f'<text class="group" x="4" y="{y + 15}">{_e(row.group)}</text>')
            y += ROW_H
        out += _row(row, y, scale, stripe=index % 2 == 0)
        y += ROW_H

    # Key dates are often weeks apart (an ITA, then the planned submission): one label line each.
    for index, (label, day) in enumerate(timeline.lines):
        x, text = scale.x(day), f"{label} {day}"
        kind = "as-of" if label == "as of" else "ita"
        baseline = KEY_DATE_H * (index + 1) - 3
        text_x = min(x, WIDTH - len(text) * CHAR_W / 2)  # centred on its line, but on the canvas
        out.append(f'<line class="{kind}" x1="{x:.1f}" y1="{baseline + 3}" x2="{x:.1f}" y2="{y}"/>')
        out.append(f'<text class="{kind}" x="{text_x:.1f}" y="{baseline}" text-anchor="middle">{_e(text)}</text>')
    out.append("</svg>")
    return "\n".join(out)


class _Scale:
    """Dates to x positions, from 1 January of ``first`` to 1 January of ``last``."""

    def __init__(self, first: int, last: int):
        self.first, self.last = first, last
        self.days = (dt.date(last, 1, 1) - dt.date(first, 1, 1)).days

    def x(self, day: dt.date) -> float:
        return PLOT_X + (day - dt.date(self.first, 1, 1)).days / self.days * (PLOT_RIGHT - PLOT_X)


def _axis(scale: _Scale, top: int, height: int) -> list[str]:
    span = scale.last - scale.first
    step = 1 if span <= 16 else 2 if span <= 32 else 5  # year labels need about 40 units each
    out = []
    for year in range(scale.first, scale.last + 1):
        x = scale.x(dt.date(year, 1, 1))
        out.append(f'<line class="grid" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - BOTTOM}"/>')
        if year % step == 0 and year < scale.last:
            out.append(f'<text class="year" x="{x + 3:.1f}" y="{top - 2}">{year}</text>')
    return out


def _row(row: Row, y: int, scale: _Scale, *, stripe: bool) -> list[str]:
    colour = COLOURS[row.group]
    label = row.label if len(row.label) <= LABEL_CHARS else row.label[: LABEL_CHARS - 1] + "…"
    out = []
    if stripe:
        out.append(f'<rect class="stripe" x="0" y="{y}" width="{WIDTH}" height="{ROW_H}"/>')
    out.append(f'<text class="label" x="{LABEL_X}" y="{y + 15}"><title>{_e(row.label)}</title>{_e(label)}</text>')
    mid = y + ROW_H / 2
    right = PLOT_X
    for span in row.spans:
        x1, x2 = scale.x(span.start), max(scale.x(span.end), scale.x(span.start) + 2)
        right = max(right, x2)
        out.append(f'<rect class="bar" x="{x1:.1f}" y="{mid - BAR_H / 2:.1f}" width="{x2 - x1:.1f}" '
                   f'height="{BAR_H}" rx="2" fill="{colour}"><title>{_e(span.title)}</title></rect>')
        if span.ongoing:  # an arrowhead: still running at the as-of date
            out.append(f'<path d="M{x2:.1f},{mid - BAR_H / 2 - 2:.1f} l7,{BAR_H / 2 + 2:.1f} '
                       f'l-7,{BAR_H / 2 + 2:.1f}z" fill="{colour}"/>')
    for day in row.marks:
        x = scale.x(day)
        right = max(right, x + 6)
        out.append(f'<path class="mark" d="M{x:.1f},{mid - 7:.1f} l6,7 l-6,7 l-6,-7z" fill="{colour}">'
                   f'<title>{_e(row.label)}: {_e(row.text)}</title></path>')
    if row.text and len(row.spans) + len(row.marks) == 1:
        out += _beside(row, mid, right, scale)
    return out


def _beside(row: Row, mid: float, right: float, scale: _Scale) -> list[str]:
    """The row's dates after its bar, else before it, else inside it; left out (the tooltip
    has them) when the bar is too short for them and fills the chart."""
    width = len(row.text) * CHAR_W
    left = scale.x(min([s.start for s in row.spans] + list(row.marks)))
    if right + 6 + width <= PLOT_RIGHT:
        x, anchor, where = right + 6, "start", "dates"
    elif left - 8 - width >= PLOT_X:
        x, anchor, where = left - 8, "end", "dates"
    elif row.spans and right - left >= width + 12:
        x, anchor, where = left + 6, "start", "dates inside"
    else:
        return []
    return [f'<text class="{where}" x="{x:.1f}" y="{mid + 3.5:.1f}" text-anchor="{anchor}">{_e(row.text)}</text>']


def _e(value: object) -> str:
    """Escape for SVG text and attribute values alike."""
    return escape(str(value), quote=True)
