"""The checklist: what this case needs on file, and which files satisfy each item.

One module per document family, each yielding ChecklistItems from the audit context.
"""
from __future__ import annotations

from ..model import ChecklistItem
from ..registry import Context
from . import education, employment, family, language, police

FAMILIES = (employment, police, language, education, family)


def build_checklist(ctx: Context) -> tuple[ChecklistItem, ...]:
    return tuple(item for family in FAMILIES for item in family.items(ctx))
