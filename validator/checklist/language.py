"""Checklist item for language tests, and which results are the principal applicant's.

The helpers are shared with checks/language.py (LNG004, LNG005) so that the checklist and the
checks agree on what "the applicant's accepted, unexpired result" is.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from .. import clb
from ..case import Case
from ..model import ChecklistItem, Document
from ..registry import Context


def item_label() -> str:
    return f"Language test (accepted: {clb.accepted_names()})"


def _name_words(name: str) -> set[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return set(re.findall(r"[^\W\d_]+", plain.casefold()))


def same_person(one: str, other: str) -> bool:
    """Tolerant of order, case, accents and middle names: every word of the shorter name is in
    the longer one. "Arjun Sharma" is not "Priya Sharma"; "SHARMA Priya K." is."""
    a, b = sorted((_name_words(one), _name_words(other)), key=len)
    return bool(a) and a <= b


def is_applicants(doc: Document, case: Case | None) -> bool:
    """A result is the principal applicant's unless it names someone else (a spouse's test)."""
    candidate = doc.value("candidate_name")
    applicant = case.applicant.name if case else None
    return not (candidate and applicant) or same_person(candidate, applicant)


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
