"""One extractor per document kind: pages of text in, fields with provenance out.

Each kind's module has ``extract(pages) -> dict[str, Field]``; it is imported on first use so
that an audit of letters alone never loads the other extractors.
"""
from __future__ import annotations

import importlib

from ..model import Field, Page

MODULES = {
    "employment_letter": "employment",
    "police_certificate": "police",
    "language_test": "language",
    "eca_report": "eca",
    "translation": "translation",
    "birth_certificate": "birth",
    "marriage_certificate": "marriage",
    "passport": "passport",
    "proof_of_funds": "funds",
}


def extract_fields(kind: str, pages: tuple[Page, ...]) -> dict[str, Field]:
    module = MODULES.get(kind)
    if module is None:
        return {}
    return importlib.import_module(f"{__name__}.{module}").extract(pages)
