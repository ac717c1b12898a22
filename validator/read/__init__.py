"""Readers: one per format, each turning a file into pages of text or a typed ReadError."""
from __future__ import annotations

from pathlib import Path

from ..model import Page
from .errors import EncryptedError, LimitError, ReadError, UnsupportedError

__all__ = ["read_pages", "ReadError", "EncryptedError", "UnsupportedError", "LimitError"]


def read_pages(path: Path, fmt: str) -> tuple[Page, ...]:
    """The text of each page; images have no text without OCR (empty pages)."""
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(path)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(path)
    if fmt == "image":
        return (Page(1, ""),)
    raise UnsupportedError(f"prcheck cannot read this format ({fmt})")
