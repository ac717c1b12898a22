"""Checklist items for the family and funds: a birth certificate per declared child, a
marriage certificate when married, proof of settlement funds when the program requires it."""
from __future__ import annotations

from collections.abc import Iterator

from ..funds import exemption, funds_required
from ..model import ChecklistItem
from ..people import birth_records, declared_people, original_of, same_child, translations_of
from ..registry import Context


def _with_translations(ctx: Context, originals) -> tuple[str, ...]:
    files = []
    for doc in originals:
        files += [doc.rel] + [t.rel for t in translations_of(doc, ctx.documents)]
    return tuple(dict.fromkeys(files))


def items(ctx: Context) -> Iterator[ChecklistItem]:
    if ctx.case is None:
        return
    records = birth_records(ctx.documents)
    for person in declared_people(ctx.case):
        if person.role != "child":
            continue
        files = _with_translations(ctx, [r.document for r in records if same_child(r, person)])
        yield ChecklistItem(f"Birth certificate: {person.name or 'declared child'}",
                            "present" if files else "missing", files)
    if ctx.case.applicant.marital_status == "married":
        certificates = [d for d in ctx.of_kind("marriage_certificate") if original_of(d, ctx.documents) is None]
        files = _with_translations(ctx, certificates)
        yield ChecklistItem("Marriage certificate", "present" if files else "missing", files)
    required = funds_required(ctx.case)
    if required is None:
        return
    letters = [d for d in ctx.of_kind("proof_of_funds") if original_of(d, ctx.documents) is None]
    files = _with_translations(ctx, letters)
    if required:
        yield ChecklistItem("Proof of settlement funds", "present" if files else "missing", files)
    elif exemption(ctx.case):
        yield ChecklistItem("Proof of settlement funds", "not-applicable", files)
