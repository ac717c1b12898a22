"""Checklist items for employment: one reference letter per declared [[work]] entry."""
from __future__ import annotations

from collections.abc import Iterator

from ..model import ChecklistItem
from ..parse.orgs import same_employer, same_title
from ..registry import Context


def letters_for_work(ctx: Context, employer: str, title: str | None) -> list[str]:
    """Files of the employment letters that evidence one ``[[work]]`` entry."""
    files = []
    for doc in ctx.of_kind("employment_letter"):
        if not same_employer(doc.value("employer"), employer):
            continue
        titles = [p["job_title"].value for p in doc.positions if p.get("job_title")]
        titles = titles or [doc.value("job_title")]
        if title is None or any(same_title(t, title) for t in titles):
            files.append(doc.rel)
    return files


def items(ctx: Context) -> Iterator[ChecklistItem]:
    if ctx.case is None:
        return
    for work in ctx.case.work:
        files = letters_for_work(ctx, work.employer, work.title)
        label = f"Employment letter: {work.employer}" + (f" ({work.title})" if work.title else "")
        yield ChecklistItem(label, "present" if files else "missing", tuple(files))
