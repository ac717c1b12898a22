"""EMP: employment reference letters, alone and against the declared [[work]] history."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from validator.case import Work
from validator.model import ERROR, WARNING, Document, Field, Finding
from validator.parse.orgs import same_employer, same_title
from validator.registry import Context, check

from .sources import A11_2, COMPLETENESS_CHECK

LETTER = {"employment_letter"}
FULL_TIME_HOURS = 30.0
YEAR_OF_EXPERIENCE_HOURS = 1560.0
DATES_AGREE_DAYS = 31


def _position_label(doc: Document, index: int, position: dict[str, Field]) -> str:
    """'' for a single-position letter, else ' (position 2: Team Lead)'."""
    if len(doc.positions) <= 1:
        return ""
    title = position.get("job_title")
    return f" (position {index + 1}" + (f": {title.value})" if title and title.value else ")")


def _value(position: dict[str, Field], name: str):
    f = position.get(name)
    return None if f is None else f.value


@check(code="EMP001", name="missing-job-title", severity=ERROR, kinds=LETTER, source=COMPLETENESS_CHECK,
       fix="Ask the employer to state the job title of each position held.")
def missing_job_title(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The employment letter states no position or job title.

    IRCC's completeness check requires each position held, with its title; the officer
    matches it to the NOC claimed in the profile.
    """
    positions = doc.positions or [{}]
    for i, position in enumerate(positions):
        if not _value(position, "job_title"):
            yield ctx.finding(f"The letter states no job title{_position_label(doc, i, position)}.", doc)


@check(code="EMP002", name="missing-employment-dates", severity=ERROR, kinds=LETTER, source=COMPLETENESS_CHECK,
       fix="Ask the employer for the start date and the end date (or a statement that the job is current).")
def missing_employment_dates(doc: Document, ctx: Context) -> Iterator[Finding]:
    """No start date, or no end date and no statement that the job is current.

    IRCC needs the dates worked to count experience; a current job must say it is current
    ("to present", "still employed", "à ce jour").
    """
    positions = doc.positions or [{}]
    for i, position in enumerate(positions):
        label = _position_label(doc, i, position)
        if not _value(position, "start_date"):
            yield ctx.finding(f"The letter states no start date{label}.", doc)
        if not _value(position, "end_date") and not _value(position, "current"):
            yield ctx.finding(f"The letter states no end date and does not say the job is current{label}.", doc)


@check(code="EMP003", name="missing-hours", severity=ERROR, kinds=LETTER, source=COMPLETENESS_CHECK,
       fix="Ask the employer to add the weekly hours (IRCC needs them to count full-time experience).")
def missing_hours(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The letter does not state the hours worked per week.

    IRCC counts experience in hours (30 h/week is full time; a year is 1,560 h), so an
    officer cannot assess a letter without them.
    """
    if doc.value("hours_per_week") is None and not any(_value(p, "hours_per_week") for p in doc.positions):
        yield ctx.finding("Employment letter does not state the hours worked per week.", doc)


@check(code="EMP004", name="missing-salary", severity=ERROR, kinds=LETTER, source=COMPLETENESS_CHECK,
       fix="Ask the employer to add the annual salary plus benefits.")
def missing_salary(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The letter states no salary or wage.

    IRCC's completeness check asks for the annual salary plus benefits for each position;
    paid work is what counts as experience.
    """
    if doc.value("salary") is None and not any(_value(p, "salary") for p in doc.positions):
        yield ctx.finding("Employment letter does not state a salary or wage.", doc)


@check(code="EMP005", name="missing-duties", severity=ERROR, kinds=LETTER, source=COMPLETENESS_CHECK,
       fix="Ask the employer to list the main duties of each position (at least three statements).")
def missing_duties(doc: Document, ctx: Context) -> Iterator[Finding]:
    """No list of main duties, or fewer than three duty statements.

    The officer compares the duties with the NOC lead statement and main duties of the
    occupation claimed; a title alone does not show the occupation.
    """
    positions = doc.positions or [{"duties": doc.fields.get("duties")}]
    for i, position in enumerate(positions):
        duties = _value(position, "duties") or []
        label = _position_label(doc, i, position)
        if not duties:
            yield ctx.finding(f"The letter lists no duties{label}.", doc)
        elif len(duties) < 3:
            yield ctx.finding(f"The letter lists only {len(duties)} duty statement"
                              f"{'s' if len(duties) > 1 else ''}{label}; IRCC expects the main duties.",
                              doc, source=position.get("duties"))


@check(code="EMP006", name="missing-employer-contact", severity=WARNING, kinds=LETTER, source=COMPLETENESS_CHECK,
       fix="Ask for a letter on letterhead showing the employer's address, telephone number and email.")
def missing_employer_contact(doc: Document, ctx: Context) -> Iterator[Finding]:
    """No employer address, phone or email (the finding says which).

    IRCC's completeness check asks for the company's address, telephone number and email, so
    the officer can verify the letter.
    """
    missing = [label for name, label in (("employer_address", "address"), ("employer_phone", "telephone number"),
                                         ("employer_email", "email")) if not doc.value(name)]
    if missing:
        yield ctx.finding(f"The letter does not show the employer's {_join(missing)}.", doc)


@check(code="EMP007", name="missing-signatory", severity=ERROR, kinds=LETTER, source=COMPLETENESS_CHECK,
       fix="Ask that the letter be signed by the supervisor or personnel officer, with their name and title.")
def missing_signatory(doc: Document, ctx: Context) -> Iterator[Finding]:
    """No name or no title of the person who signs the letter.

    IRCC requires the name, title and signature of the immediate supervisor or personnel
    officer; a letter missing either is incomplete.
    """
    missing = [label for name, label in (("signatory_name", "name"), ("signatory_title", "title"))
               if not doc.value(name)]
    if missing:
        yield ctx.finding(f"The letter does not give the signatory's {_join(missing)}.", doc)


@check(code="EMP008", name="part-time-hours", severity=WARNING, kinds=LETTER, source=COMPLETENESS_CHECK,
       fix="Part-time experience counts pro rata: make sure the claimed experience adds up to 1,560 hours.")
def part_time_hours(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The letter states fewer than 30 hours per week.

    Full-time is 30 hours a week; part-time work counts only in proportion, so a year of
    experience takes longer to accumulate.
    """
    stated = [doc.fields["hours_per_week"]] if doc.fields.get("hours_per_week") else []
    stated += [p["hours_per_week"] for p in doc.positions if p.get("hours_per_week")]
    seen = set()
    for f in stated:
        if f.value is not None and f.value < FULL_TIME_HOURS and f.value not in seen:
            seen.add(f.value)
            yield ctx.finding(f"The letter states {f.value:g} hours per week, under the 30 hours of full-time work.",
                              doc, source=f)


# --- Against the declared work history ---------------------------------------------------

@dataclass(frozen=True)
class Stint:
    """One position's contribution to experience: a period and its weekly hours."""

    file: str
    title: str | None
    start: dt.date
    end: dt.date
    hours: float
    approximate: bool  # a month-only date was read generously


def _month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def claimed_letters(ctx: Context) -> list[tuple[Document, Work | None]]:
    """The letters that evidence the claimed work, each with its [[work]] entry when one matches.

    With no [[work]] declared, every letter counts as claimed.
    """
    letters = ctx.of_kind("employment_letter")
    if ctx.case is None or not ctx.case.work:
        return [(doc, None) for doc in letters]
    out = []
    for doc in letters:
        entries = [w for w in ctx.case.work if same_employer(doc.value("employer"), w.employer)]
        if entries:
            out.append((doc, entries[0]))
    return out


def stints(ctx: Context, until: dt.date) -> list[Stint]:
    result = []
    for doc, _ in claimed_letters(ctx):
        for position in doc.positions:
            start_f, end_f = position.get("start_date"), position.get("end_date")
            if start_f is None or start_f.value is None:
                continue
            start, approximate = start_f.value, start_f.precision == "month"
            if end_f is not None and end_f.value is not None:
                end = _month_end(end_f.value) if end_f.precision == "month" else end_f.value
                approximate = approximate or end_f.precision == "month"
            elif _value(position, "current"):
                end = until
            else:
                continue
            hours = _value(position, "hours_per_week") or doc.value("hours_per_week")
            if hours is None:
                entry = _matching_entry(ctx, doc, position)
                hours = entry.hours_per_week if entry else None
            if hours is None:
                continue  # SPEC: a letter with no hours and no declared hours adds none
            end = min(end, until)
            if end >= start:
                result.append(Stint(doc.rel, _value(position, "job_title"), start, end, hours, approximate))
    return result


def full_time_hours(periods: list[Stint]) -> float:
    """Hours of experience, capping the weekly total across overlapping jobs at 30."""
    changes: dict[dt.date, float] = {}
    for s in periods:
        changes[s.start] = changes.get(s.start, 0.0) + s.hours
        after = s.end + dt.timedelta(days=1)
        changes[after] = changes.get(after, 0.0) - s.hours
    total, weekly, previous = 0.0, 0.0, None
    for day in sorted(changes):
        if previous is not None:
            total += (day - previous).days / 7 * min(weekly, FULL_TIME_HOURS)
        weekly += changes[day]
        previous = day
    return total


@check(code="EMP009", name="insufficient-experience", severity=ERROR, source=A11_2, needs=("case file",),
       fix="Wait until the experience reaches 12 months full-time (1,560 h) before accepting the ITA "
           "or submitting, or claim other qualifying experience.")
def insufficient_experience(ctx: Context) -> Iterator[Finding]:
    """The claimed experience is under 12 months full-time (1,560 h) as of the ITA date.

    Under A11.2 an applicant must hold the qualifications claimed at the time of the ITA and
    when the application is received. Experience is counted from the letters (current jobs up
    to the ITA date, or the as-of date when there is no ITA), hours above 30 a week count as
    30 — summed across overlapping jobs — so part-time work takes longer to reach a year.
    """
    until = ctx.case.ita_date or ctx.as_of
    periods = stints(ctx, until)
    if not periods:
        return
    hours = full_time_hours(periods)
    if hours >= YEAR_OF_EXPERIENCE_HOURS:
        return
    months = hours / FULL_TIME_HOURS / (365.25 / 12 / 7)
    reference = f"the ITA date ({until})" if ctx.case.ita_date else f"the as-of date ({until})"
    jobs = "; ".join(f"{s.file}: {s.start} to {s.end} at {s.hours:g} h/week" for s in periods)
    note = " (month-only dates were read as generously as they allow)" if any(s.approximate for s in periods) else ""
    yield ctx.finding(f"The letters show {hours:,.0f} hours (about {months:.1f} months full-time) as of "
                      f"{reference}, short of the 1,560 hours of a year's experience{note}. Counted: {jobs}.")


def _matching_entry(ctx: Context, doc: Document, position: dict[str, Field]) -> Work | None:
    if ctx.case is None:
        return None
    entries = [w for w in ctx.case.work if same_employer(doc.value("employer"), w.employer)]
    titled = [w for w in entries if same_title(w.title, _value(position, "job_title"))]
    return (titled or entries or [None])[0]


@check(code="EMP010", name="work-not-evidenced", severity=ERROR, source=COMPLETENESS_CHECK, needs=("[[work]]",),
       fix="Add the employment letter for this job, or remove the job from the profile if it is not claimed.")
def work_not_evidenced(ctx: Context) -> Iterator[Finding]:
    """A [[work]] entry has no employment letter from its employer.

    Every job declared for eligibility or points needs a reference letter (or, for
    self-employment, the alternative proof); a missing one makes the application incomplete.
    """
    letters = ctx.of_kind("employment_letter")
    for work in ctx.case.work:
        if not any(same_employer(d.value("employer"), work.employer) for d in letters):
            yield ctx.finding(f"No employment letter from {work.employer} was found for work entry "
                              f"{work.index}" + (f" ({work.title})" if work.title else "") + ".")


def _gap_days(declared: dt.date, stated: Field) -> int:
    """Days between a declared date and a letter's date (a month-only date covers its month)."""
    low = stated.value
    high = _month_end(low) if stated.precision == "month" else low
    if declared < low:
        return (low - declared).days
    if declared > high:
        return (declared - high).days
    return 0


@check(code="EMP011", name="work-dates-mismatch", severity=WARNING, source=COMPLETENESS_CHECK, needs=("[[work]]",),
       fix="Make the profile and the letter agree: correct the case file / profile, or ask the employer to correct the letter.")
def work_dates_mismatch(ctx: Context) -> Iterator[Finding]:
    """A letter's dates or title differ from the [[work]] entry it evidences.

    Fires only when both state a value and they disagree: dates more than 31 days apart, or a
    different title. An officer who sees the profile and the letter disagree may doubt both.
    """
    for work in ctx.case.work:
        for doc in ctx.of_kind("employment_letter"):
            if not same_employer(doc.value("employer"), work.employer):
                continue
            yield from _compare(ctx, doc, work)


def _compare(ctx: Context, doc: Document, work: Work) -> Iterator[Finding]:
    positions = doc.positions
    if not positions:
        return
    titled = [p for p in positions if same_title(_value(p, "job_title"), work.title)]
    entry = f"work entry {work.index} ({work.employer}{', ' + work.title if work.title else ''})"
    if work.title and not titled:
        if any(same_title(w.title, _value(p, "job_title")) for p in positions for w in ctx.case.work
               if w is not work and same_employer(w.employer, work.employer)):
            return  # the letter's positions are other declared entries; this one is EMP010-like
        stated = [_value(p, "job_title") for p in positions if _value(p, "job_title")]
        if stated:
            position = _closest(positions, work)
            yield ctx.finding(f"The letter's title '{_value(position, 'job_title')}' differs from the title "
                              f"'{work.title}' declared in {entry}.", doc, source=position.get("job_title"))
        return
    position = titled[0] if titled else _closest(positions, work)
    low_confidence = " (the letter's date order is ambiguous)"
    start = position.get("start_date")
    if work.start and start is not None and start.value is not None:
        gap = _gap_days(work.start, start)
        if gap > DATES_AGREE_DAYS:
            note = low_confidence if start.confidence < 1 else ""
            yield ctx.finding(f"The letter's start date {start.value} differs by {gap} days from {work.start} "
                              f"declared in {entry}{note}.", doc, source=start)
    end = position.get("end_date")
    if work.end and end is not None and end.value is not None:
        gap = _gap_days(work.end, end)
        if gap > DATES_AGREE_DAYS:
            note = low_confidence if end.confidence < 1 else ""
            yield ctx.finding(f"The letter's end date {end.value} differs by {gap} days from {work.end} "
                              f"declared in {entry}{note}.", doc, source=end)
    elif work.end is None and end is not None and end.value is not None and not _value(position, "current"):
        yield ctx.finding(f"The letter says the job ended on {end.value}, but {entry} declares it current.",
                          doc, source=end)


def _closest(positions: list[dict[str, Field]], work: Work) -> dict[str, Field]:
    def distance(p: dict[str, Field]) -> int:
        start = p.get("start_date")
        if work.start is None or start is None or start.value is None:
            return 10**6
        return abs((start.value - work.start).days)
    return min(positions, key=distance)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
