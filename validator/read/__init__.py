"""Readers: one per format, each turning a file into pages of text or a typed ReadError."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Page
from .errors import EncryptedError, LimitError, ReadError, UnsupportedError

__all__ = ["ReadOptions", "read_pages", "ReadError", "EncryptedError", "UnsupportedError", "LimitError"]


@dataclass(frozen=True)
class ReadOptions:
    max_pages: int = 500

    def cache_key(self) -> str:
        """The settings that change what a reader produces for the same bytes."""
        return f"pages={self.max_pages}"


def read_pages(path: Path, fmt: str, options: ReadOptions = ReadOptions()) -> tuple[Page, ...]:
    """The text of each page; images have no text without OCR (empty pages)."""
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(path, max_pages=options.max_pages)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(path)
    if fmt == "image":
        return (Page(1, ""),)
    raise UnsupportedError(f"prcheck cannot read this format ({fmt})")
