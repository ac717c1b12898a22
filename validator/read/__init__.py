"""Readers: one per format, each turning a file into pages of text or a typed ReadError."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Page
from .errors import EncryptedError, LimitError, ReadError, UnsupportedError

__all__ = ["EncryptedError", "LimitError", "ReadError", "ReadOptions", "UnsupportedError", "ocr_unavailable",
           "read_pages"]


@dataclass(frozen=True)
class ReadOptions:
    max_pages: int = 500
    ocr: bool = True  # read scans and image-only pages with OCR (when tesseract is installed)
    ocr_languages: str = "eng+fra"  # tesseract's language codes
    ocr_dpi: int = 300  # resolution PDF pages are rendered at for OCR

    def cache_key(self) -> str:
        """The settings that change what a reader produces for the same bytes.

        With OCR on, that includes the tesseract version and language data found on this
        machine: installing or upgrading tesseract must not serve readings made without it.
        """
        if not self.ocr:
            return f"pages={self.max_pages};ocr=off"
        from . import ocr
        return f"pages={self.max_pages};ocr={ocr.engine_key(self.ocr_languages, self.ocr_dpi)}"


def ocr_unavailable(options: ReadOptions) -> str | None:
    """Why the readers could not OCR image-only pages with these options; None when they could."""
    if not options.ocr:
        return "OCR was turned off (--no-ocr)"
    from . import ocr
    reason = ocr.unavailable_reason(options.ocr_languages)
    return f"OCR is not available ({reason})" if reason else None


def read_pages(path: Path, fmt: str, options: ReadOptions = ReadOptions()) -> tuple[Page, ...]:
    """The text of each page; pages read by OCR have ``ocr=True``; pages left without text are ""."""
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(path, max_pages=options.max_pages, languages=_ocr_languages(options), dpi=options.ocr_dpi)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(path)
    if fmt == "image":
        from .image import read_image
        return read_image(path, max_pages=options.max_pages, languages=_ocr_languages(options))
    raise UnsupportedError(f"prcheck cannot read this format ({fmt})")


def _ocr_languages(options: ReadOptions) -> str | None:
    """The tesseract languages to OCR with, or None when there will be no OCR."""
    if not options.ocr:
        return None
    from . import ocr
    return ocr.installed_languages(options.ocr_languages)
