"""One extractor per document kind: pages of text in, fields with provenance out."""
from __future__ import annotations

from collections.abc import Callable

from ..model import Field, Page

Extractor = Callable[[tuple[Page, ...]], dict[str, Field]]


def _extractors() -> dict[str, Extractor]:
    from . import employment
    return {"employment_letter": employment.extract}


def extract_fields(kind: str, pages: tuple[Page, ...]) -> dict[str, Field]:
    extractor = _extractors().get(kind)
    return extractor(pages) if extractor else {}
