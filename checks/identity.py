"""IDN: names and birth dates on the documents against case.toml; passport validity."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from validator.model import ERROR, WARNING, Document, Finding
from validator.parse.names import is_latin
from validator.people import SUBJECT_FIELDS, Owner, original_of, subject, whose
from validator.registry import Context, check

from .sources import EXPRESS_ENTRY_DOCUMENTS

KIND_LABELS = {
    "passport": "passport", "birth_certificate": "birth certificate", "police_certificate": "police certificate",
    "employment_letter": "employment letter", "language_test": "language test report",
    "eca_report": "ECA report", "proof_of_funds": "proof-of-funds letter",
}
WITH_BIRTH_DATE = {kind for kind, (_, birth) in SUBJECT_FIELDS.items() if birth}
PASSPORT_WARNING_MONTHS = 6


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, the day clipped to the month's end (31 Aug + 6 months = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _whose_note(owner: Owner) -> str:
    if owner.by == "date of birth":
        return f" (the document's date of birth is that of {owner.person.label})"
    if owner.by == "default" and owner.person.role == "applicant":
        return " (it matches no declared family member, so it is taken as the applicant's)"
    return ""


@check(code="IDN001", name="name-mismatch", severity=WARNING, kinds=set(SUBJECT_FIELDS), source=EXPRESS_ENTRY_DOCUMENTS,
       needs=("applicant.name",),
       fix="Make the names agree: correct case.toml / the profile, or get the document corrected; if the "
           "difference is genuine (e.g. a name change), add an explanation letter with proof.")
def name_mismatch(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The person a document names differs from the one declared in case.toml.

    The applicant's documents are compared with applicant.name; a document about a declared
    family member (a child's birth certificate, a spouse's passport) with that member's name. A
    name declared in ``other_names`` (a maiden name on a birth certificate or a degree) matches too.
    The comparison tolerates case, accents, word order ("SHARMA, Priya"), machine-readable
    zones, a missing middle name or an initial, hyphens and honorifics; a name spelt another way
    (Mohammed/Muhammad, Aleksandr/Alexander, Katherine/Catherine) is the same person but still a
    difference to explain, and is reported as such. The finding says which names were compared
    and how they differ. Names in another script are compared only through a
    translation in the folder, and are not judged without one.
    """
    if original_of(doc, ctx.documents) is not None:
        return  # a translation: its original is the document judged
    about = subject(doc, ctx.documents)
    latin = [n for n in about.names if is_latin(n)]
    owner = whose(doc, ctx.documents, ctx.case)
    if not latin or owner is None or not owner.person.name:
        return
    verdicts = [owner.person.compared_with(n) for n in latin]
    if any(v.same and not v.spelled_differently for v in verdicts) or not verdicts[0].comparable:
        return
    # The same name spelt another way (Mohammed / Muhammad, Katherine / Catherine) is still a
    # difference IRCC asks to explain: the name must be as on the passport.
    verdict = next((v for v in verdicts if v.same), verdicts[0])
    read_here = about.source is doc
    via = "" if read_here else f" (read from its translation {about.source.rel})"
    yield ctx.finding(f"The name on this {KIND_LABELS[doc.kind]}, '{latin[0]}'{via}, is not the name of "
                      f"{owner.person.label} in case.toml, '{owner.person.name}'{_whose_note(owner)}: "
                      f"{verdict.reason}.", doc, source=about.name if read_here else None)


def _swapped(day: dt.date) -> dt.date | None:
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


@check(code="IDN002", name="birth-date-mismatch", severity=ERROR, kinds=WITH_BIRTH_DATE, source=EXPRESS_ENTRY_DOCUMENTS,
       needs=("applicant.date_of_birth",),
       fix="Correct the date of birth in case.toml / the profile, or have the document corrected.")
def birth_date_mismatch(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A date of birth on a document differs from the declared one.

    Birth dates must be equal (SPEC §5). The applicant's documents are compared with
    applicant.date_of_birth, a family member's with that member's declared date. A numeric date
    whose day and month order the document does not settle is not reported when either reading
    matches.
    """
    if original_of(doc, ctx.documents) is not None:
        return
    born = subject(doc, ctx.documents).date_of_birth
    owner = whose(doc, ctx.documents, ctx.case)
    if born is None or born.value is None or owner is None or owner.person.date_of_birth is None:
        return
    declared = owner.person.date_of_birth
    if born.value == declared or (born.confidence < 1 and _swapped(born.value) == declared):
        return
    if born.precision == "month" and (born.value.year, born.value.month) == (declared.year, declared.month):
        return  # a month-only date cannot contradict a day in that month
    guessed = " (its day and month order is a guess)" if born.confidence < 1 else ""
    yield ctx.finding(f"The date of birth on this {KIND_LABELS[doc.kind]}, {born.value}{guessed}, differs from "
                      f"{owner.person.label}'s declared date of birth, {declared}{_whose_note(owner)}.",
                      doc, source=born)


@check(code="IDN003", name="passport-expiring", severity=WARNING, kinds={"passport"}, source=EXPRESS_ENTRY_DOCUMENTS,
       fix="Renew the passport before submitting, or be ready to send the new one as soon as it is issued.")
def passport_expiring(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The passport has expired, or expires within 6 calendar months of the as-of date.

    The passport is the identity document of the application and the one a visa is placed in;
    one expiring during processing must be renewed and re-sent. "Within 6 months" counts
    calendar months and includes the day 6 months after the as-of date.
    """
    if original_of(doc, ctx.documents) is not None:
        return
    expiry = doc.fields.get("expiry_date")
    if expiry is None or expiry.value is None:
        return
    holder = f" ({doc.value('holder_name')})" if doc.value("holder_name") else ""
    note = " (read from the machine-readable zone despite a failed check digit)" if expiry.confidence < 1 else ""
    limit = add_months(ctx.as_of, PASSPORT_WARNING_MONTHS)
    if expiry.value < ctx.as_of:
        yield ctx.finding(f"The passport{holder} expired on {expiry.value}{note}, before the as-of date "
                          f"{ctx.as_of}.", doc, source=expiry)
    elif expiry.value <= limit:
        yield ctx.finding(f"The passport{holder} expires on {expiry.value}{note}, within 6 months of the as-of date "
                          f"{ctx.as_of} (by {limit}).", doc, source=expiry)
