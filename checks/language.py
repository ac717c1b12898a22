"""LNG: language test results — an accepted test, still valid, at the program's minimum CLB."""
from __future__ import annotations

from collections.abc import Iterator

from validator import clb
from validator.case import Case
from validator.checklist.language import applicant_results, is_applicants, valid_on
from validator.model import ERROR, WARNING, Document, Field, Finding
from validator.registry import Context, check

from .sources import LANGUAGE_REQUIREMENTS, LANGUAGE_TESTING

TEST_REPORT = {"language_test"}
# The accepted test to take instead of each version IRCC turns down.
ACCEPTED_VERSION = {"IELTS Academic": "IELTS General Training", "CELPIP-General LS": "CELPIP-General",
                    "PTE Academic": "PTE Core"}


def _test_name(doc: Document) -> str:
    test = doc.value("test")
    if test == "other":
        return doc.value("test_name") or "an unrecognised test"
    return test or "a language test"


def _described(doc: Document) -> str:
    """'IELTS General Training (test date 2024-05-18)'."""
    test_date = doc.value("test_date")
    return _test_name(doc) + (f" (test date {test_date})" if test_date else "")


def _date_note(field: Field) -> str:
    return " (the test date was read with low confidence: check it on the report)" if field.confidence < 1 else ""


def _score(value: float | None) -> str:
    """As reports print them: IELTS bands with one decimal (6.0), other scores whole; CELPIP's
    "M" (minimal proficiency) has a level but no number."""
    if value is None:
        return "without a numeric score"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _accepted_test_date(doc: Document) -> Field | None:
    """The test date of an accepted result; validity is not judged for tests IRCC refuses anyway."""
    field = doc.fields.get("test_date")
    if not clb.is_accepted(doc.value("test")) or field is None or field.value is None:
        return None
    return field


@check(code="LNG001", name="language-test-expired", severity=ERROR, kinds=TEST_REPORT, source=LANGUAGE_TESTING,
       fix="Book a new test: results more than two years old on the day the application is submitted make "
           "it incomplete (decline the ITA if new results cannot arrive in time).")
def language_test_expired(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The test date is more than two years before the as-of date: the results have expired.

    IRCC counts the two years from the test date printed on the report, in calendar years, and
    rejects an application as incomplete when its results are older than that on the day it is
    received. A result exactly two years old on the as-of date is still valid. Tests IRCC does not
    accept are LNG003's concern, whatever their date.
    """
    field = _accepted_test_date(doc)
    if field is None:
        return
    until = clb.valid_until(field.value)
    if ctx.as_of > until:
        yield ctx.finding(f"{_test_name(doc)} taken on {field.value} was valid until {until}, before the as-of "
                          f"date {ctx.as_of}: results must be less than two years old{_date_note(field)}.",
                          doc, source=field)


@check(code="LNG002", name="language-test-expiring", severity=WARNING, kinds=TEST_REPORT, source=LANGUAGE_TESTING,
       fix="Submit before the results expire, or book a new test now in case the submission slips.")
def language_test_expiring(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The results are valid on the as-of date but expire soon after it.

    The window is `policy.language_expiry_warning_days` (60 days by default, the time allowed to
    submit after an ITA): a delay in submitting would leave the application without valid results.
    """
    field = _accepted_test_date(doc)
    if field is None:
        return
    until = clb.valid_until(field.value)
    days_left = (until - ctx.as_of).days
    window = ctx.policy.language_expiry_warning_days
    if 0 <= days_left <= window:
        yield ctx.finding(f"{_test_name(doc)} taken on {field.value} is valid until {until}, {days_left} day"
                          f"{'' if days_left == 1 else 's'} after the as-of date {ctx.as_of} (warning window: "
                          f"{window} days){_date_note(field)}.", doc, source=field)


@check(code="LNG003", name="language-test-not-accepted", severity=ERROR, kinds=TEST_REPORT, source=LANGUAGE_TESTING,
       fix=f"Take a test IRCC accepts for Express Entry: {clb.accepted_names()}.")
def language_test_not_accepted(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The result is from a test IRCC does not accept for Express Entry.

    IRCC accepts IELTS General Training (not Academic), CELPIP-General (not the General LS
    listening-and-speaking test used for citizenship), PTE Core (not PTE Academic), TEF Canada
    and TCF Canada. Other tests (TOEFL, Duolingo, ...) do not count at all. When a report does not
    show which version of a test it is, the finding says so rather than asserting a defect.
    """
    field = doc.fields.get("test")
    if field is None:
        return
    if not clb.is_accepted(field.value):
        instead = ACCEPTED_VERSION.get(field.value)
        hint = (f"Take {instead} instead: IRCC does not accept {field.value} for Express Entry." if instead
                else None)
        yield ctx.finding(f"{_described(doc)} is not a test IRCC accepts for Express Entry.", doc,
                          source=field, hint=hint)
    elif field.confidence < 1:
        yield ctx.finding(f"The report does not show which version of the test it is; it was read as "
                          f"{field.value}, the only version IRCC accepts. Check the report before relying on it.",
                          doc, source=field)


def program_minimum(case: Case) -> tuple[dict[str, int], str]:
    """The minimum CLB per ability for the case's program, and why (naming the CEC job used)."""
    if case.program != "CEC":
        return clb.minimums(case.program)
    qualifying = [w for w in case.work if clb.cec_minimum(clb.teer(w.noc)) is not None]
    minimum, why = clb.minimums("CEC", [clb.teer(w.noc) for w in case.work if w.noc])
    if qualifying:
        job = min(qualifying, key=lambda w: clb.cec_minimum(clb.teer(w.noc)))
        why += f": work entry {job.index} ({job.employer}, NOC {job.noc})"
    return minimum, why


def _levels(doc: Document) -> dict[str, int | None]:
    return doc.value("clb") or {}


def _meets(doc: Document, minimum: dict[str, int]) -> bool:
    levels = _levels(doc)
    return all(levels.get(a) is not None and levels[a] >= minimum[a] for a in clb.ABILITIES)


@check(code="LNG004", name="below-minimum-clb", severity=ERROR, source=LANGUAGE_REQUIREMENTS, needs=("case.program",),
       fix="Retake the test to reach the minimum in every ability, or check that the program and the NOC of "
           "each job in case.toml are right.")
def below_minimum_clb(ctx: Context) -> Iterator[Finding]:
    """An ability is below the program's minimum CLB, or no level was read for it.

    FSW needs CLB 7 in all four abilities; FST CLB 5 in speaking and listening and CLB 4 in
    reading and writing; CEC CLB 7 for a TEER 0-1 job and CLB 5 for a TEER 2-3 job — the most
    lenient minimum any declared job qualifies for, TEER being the second digit of the job's NOC
    ([[work]] noc; every declared job is taken as a claimed Canadian job). With no NOC declared,
    CLB 7 is assumed and the finding says so. The minimum must be met by one result in all four
    abilities (the first official language), so a second-language result below it is no defect:
    the check fires only when no unexpired, accepted result of the principal applicant meets it.
    Expired results are LNG001's concern; a spouse's result (another name) is not judged. An
    ability with no level (CELPIP "NA", a blank cell, a layout prcheck cannot read) does not meet
    the minimum, and the finding says so rather than passing the result.
    """
    results = [d for d in applicant_results(ctx)
               if clb.is_accepted(d.value("test")) and d.value("clb") and valid_on(d, ctx.as_of)]
    minimum, why = program_minimum(ctx.case)
    if not results or any(_meets(d, minimum) for d in results):
        return
    for doc in results:
        levels = _levels(doc)
        below = [a for a in clb.ABILITIES if levels.get(a) is not None and levels[a] < minimum[a]]
        unread = [a for a in clb.ABILITIES if levels.get(a) is None]
        test, test_date, scores = doc.value("test"), doc.value("test_date"), doc.value("scores") or {}
        parts = [f"{a} {_score(scores.get(a))} ({clb.level_name(test, levels[a], test_date)}, "
                 f"minimum {clb.level_name(test, minimum[a], test_date)})" for a in below]
        said = [f"{_join(parts)} {'is' if len(parts) == 1 else 'are'} below the {ctx.case.program} minimum."] \
            if parts else []
        if unread:  # NA, a blank cell, or a layout not read: the minimum is not shown to be met
            said.append(f"No level was read for {_join(unread)}: the report shows none (NA, a blank cell) or "
                        "prcheck could not read it, so the minimum is not shown to be met.")
        unsure = (" The test or its date was read with low confidence: check the report."
                  if doc.fields["clb"].confidence < 1 else "")
        yield ctx.finding(f"{_described(doc)}: {' '.join(said)} {why}.{unsure}", doc, source=doc.fields.get("scores"))


@check(code="LNG005", name="missing-language-test", severity=ERROR, source=LANGUAGE_TESTING, needs=("case file",),
       fix=f"Add the principal applicant's results from {clb.accepted_names()}.")
def missing_language_test(ctx: Context) -> Iterator[Finding]:
    """There is no accepted language test result for the principal applicant.

    Every Express Entry application needs the principal applicant's results from an accepted test.
    A folder holding only results IRCC does not accept (IELTS Academic, say) gets this finding as
    well as LNG003; a result naming someone other than `applicant.name` (a spouse's) does not count.
    An expired accepted result does count here: that is LNG001.
    """
    if any(clb.is_accepted(d.value("test")) for d in applicant_results(ctx)):
        return
    seen = [f"{doc.rel}: {_test_name(doc)}, not accepted" if is_applicants(doc, ctx.case)
            else f"{doc.rel}: {doc.value('candidate_name')}'s result, not the applicant's"
            for doc in ctx.of_kind("language_test")]
    found = f" Found: {'; '.join(seen)}." if seen else ""
    yield ctx.finding(f"No accepted language test result ({clb.accepted_names()}) for the principal "
                      f"applicant.{found}")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
