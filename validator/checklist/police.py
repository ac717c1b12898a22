"""Checklist items for police certificates: one per certificate the residence history calls for."""
from __future__ import annotations

from collections.abc import Iterator

from ..model import ChecklistItem
from ..registry import Context
from ..residence import answering, certificates, police_requirements


def items(ctx: Context) -> Iterator[ChecklistItem]:
    """'Police certificate: India', '... United States (FBI)', '... United States — Texas (state)'.

    State items appear unless policy.us_state_certificates is "off". An item is present when a
    certificate answers it, however old: POL004/POL005 judge the dates.
    """
    if ctx.case is None:
        return
    certs = certificates(ctx.documents)
    for requirement in police_requirements(ctx.case, ctx.policy, ctx.as_of):
        files = tuple(c.doc.rel for c in answering(requirement, certs))
        yield ChecklistItem(f"Police certificate: {requirement.label}", "present" if files else "missing", files)
