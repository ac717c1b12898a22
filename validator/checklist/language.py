"""Checklist item for language tests, and which results are the principal applicant's.

The helpers are shared with checks/language.py (LNG004, LNG005) so that the checklist and the
checks agree on what "the applicant's accepted, unexpired result" is.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .. import clb
from ..case import Case
from ..model import ChecklistItem, Document
from ..people import declared_people
from ..registry import Context


def item_label() -> str:
    return f"Language test (accepted: {clb.accepted_names()})"


def is_applicants(doc: Document, case: Case | None) -> bool:
    """A result is the principal applicant's unless it names someone else (a spouse's test);
    names that cannot be compared (another script) give the applicant the benefit of the doubt."""
    candidate = doc.value("candidate_name")
    applicant = declared_people(case)[0] if case else None
    return not (candidate and applicant and applicant.name) or applicant.compared_with(candidate).same is not False


def applicant_results(ctx: Context) -> list[Document]:
    return [d for d in ctx.of_kind("language_test") if is_applicants(d, ctx.case)]


def valid_on(doc: Document, day: dt.date) -> bool:
    """Not expired on ``day``; a result whose date could not be read is given the benefit of the doubt."""
    test_date = doc.value("test_date")
    return test_date is None or day <= clb.valid_until(test_date)


def items(ctx: Context) -> Iterator[ChecklistItem]:
    if ctx.case is None:
        return
    files = tuple(d.rel for d in applicant_results(ctx)
                  if clb.is_accepted(d.value("test")) and valid_on(d, ctx.as_of))
    yield ChecklistItem(item_label(), "present" if files else "missing", files)
