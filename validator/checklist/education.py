"""Checklist item for education: an ECA when the case declares education completed abroad."""
from __future__ import annotations

from collections.abc import Iterator

from ..kinds.eca import latest_issue_date, rules, valid_until
from ..model import ChecklistItem, Document
from ..registry import Context

ITEM = "Educational credential assessment (ECA)"


def counts(doc: Document, ctx: Context) -> bool:
    """A designated organisation's immigration ECA, issued after its designation, not expired."""
    org = rules().organization(doc.value("organization"))
    issued = latest_issue_date(doc.fields.get("issue_date"))
    return (org is not None and issued is not None and org.designated <= issued
            and ctx.as_of <= valid_until(issued) and doc.value("purpose") == "immigration")


def items(ctx: Context) -> Iterator[ChecklistItem]:
    foreign_education = ctx.case.applicant.foreign_education if ctx.case else None
    files = tuple(doc.rel for doc in ctx.of_kind("eca_report") if counts(doc, ctx))
    if foreign_education is False:
        yield ChecklistItem(ITEM, "not-applicable")
    elif foreign_education:
        yield ChecklistItem(ITEM, "present" if files else "missing", files)
    elif files:  # not declared: list a valid ECA the folder holds, claim nothing about need
        yield ChecklistItem(ITEM, "present", files)
