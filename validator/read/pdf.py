"""PDF text per page through pypdfium2 (about 50x faster than pdfplumber for plain text).

A page's text layer is used when it reads as text. A page without one (a scan), with next to
none (a scan stamped "Scanned by ..."), or whose text layer is garbage (a font whose character
map is broken: private-use or control characters, symbol soup, letters that form no words) is
rendered and read by OCR instead, when OCR is on. Pages with a good text layer are never
rendered, so text PDFs stay fast.

Without OCR, a garbage text layer counts as no text (the runner reports FIL003); a suspect or
sparse one is kept, since letters that form no words in English or French may be words of a
language the word test does not know.
"""
from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..model import Page
from . import ocr
from .errors import EncryptedError, LimitError, ReadError
from .text import normalise

# Rendering: a page larger than this many pixels at the OCR resolution is rendered coarser
# (a poster-sized page would otherwise need gigabytes); A3 at 300 dpi is 17 million.
MAX_RENDER_PIXELS = 40_000_000
# Fewer letters than this is "next to no text" (langid needs as many to name a language).
SPARSE_LETTERS = 40
# Garbage: share of characters no font maps to text, or of punctuation and symbols.
MAX_UNMAPPED_SHARE = 0.2
MAX_SYMBOL_SHARE = 0.4
# Suspect: share of Latin-script words that look like words (a vowel, no run of five
# consonants). Real English and French pages score 0.92 and more; a shifted character map 0.4-0.6.
MIN_WORDLIKE_SHARE = 0.75
MIN_JUDGED_WORDS = 20  # fewer Latin-script words than this (a form, a table) are not judged
# OCR replaces a sparse text layer only when it reads this many times more words.
OCR_ADVANTAGE = 1.5

_UNMAPPED_CATEGORIES = frozenset({"Co", "Cn", "Cs", "Cc"})  # private use, unassigned, surrogate, control
_VOWELS = "aeiouyàâäáãåéèêëíìîïóòôöõúùûüÿœæ"
_VOWEL_SET = frozenset(_VOWELS)
_LATIN_WORD = re.compile(r"(?<![^\W\d_])[a-zA-Z\u00c0-\u024f]{2,}(?![^\W\d_])")
_CONSONANT_RUN = re.compile(f"[^{_VOWELS}]{{5,}}")
_REPEATS = re.compile(r"(\S)\1{2,}")


class TextLayer(enum.Enum):
    USABLE = "usable"
    SPARSE = "sparse"  # empty or next to empty: a scan, or a scan with a stamp
    SUSPECT = "suspect"  # letters that mostly form no words: a shifted map, or an unusual language
    GARBAGE = "garbage"  # unmapped characters or symbol soup: never text anyone wrote


def read_pdf(path: Path, max_pages: int = 500, languages: str | None = None, dpi: int = 300) -> tuple[Page, ...]:
    """Each page's text; ``languages`` None means no OCR (OCR off or unavailable)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedError("the PDF is password-protected") from None
        raise ReadError(f"the PDF cannot be parsed ({_reason(exc)})") from None
    try:
        count = len(pdf)
        if count == 0:
            raise ReadError("the PDF has no pages")
        if count > max_pages:
            raise LimitError(f"the PDF has {count} pages (limit {max_pages}, policy.max_pages)")
        pages = []
        for index in range(count):
            page = pdf[index]
            try:
                pages.append(_read_page(page, index + 1, languages, dpi))
            finally:
                page.close()
        return tuple(pages)
    except pdfium.PdfiumError as exc:
        raise ReadError(f"a page cannot be read ({_reason(exc)})") from None
    finally:
        pdf.close()


def _read_page(page, number: int, languages: str | None, dpi: int) -> Page:
    textpage = page.get_textpage()
    try:
        text = normalise(textpage.get_text_range())
    finally:
        textpage.close()
    layer = judge_text_layer(text)
    if layer is TextLayer.USABLE:
        return Page(number, text)
    if languages is not None:
        render_dpi = _render_dpi(page, dpi)
        scanned = ocr.ocr_image(_render(page, render_dpi), languages, dpi=render_dpi)
        if _prefer_ocr(layer, text, scanned):
            return Page(number, scanned, ocr=True)
    # Garbage is worse than nothing: it would be classified and "extracted" as if it were text.
    return Page(number, "" if layer is TextLayer.GARBAGE else text)


def _prefer_ocr(layer: TextLayer, text: str, scanned: str) -> bool:
    """Whether the OCR reading of a page should replace its doubtful text layer."""
    if not scanned:
        return False
    if layer is TextLayer.GARBAGE:
        return True
    if layer is TextLayer.SUSPECT:  # confirmed when the page, seen, reads as words
        return judge_text_layer(scanned) is TextLayer.USABLE
    return _wordlike_count(scanned) >= OCR_ADVANTAGE * _wordlike_count(text)


def judge_text_layer(text: str) -> TextLayer:
    """Whether a page's extracted text can be trusted, from the text alone."""
    # Runs of one character are dot leaders and blanks to fill in ("Name: ______"), not soup.
    # Each distinct character is looked at once, with how often it occurs.
    counts = Counter(_REPEATS.sub(r"\1", text))
    chars = unmapped = symbols = letters = 0
    for c, n in counts.items():
        if c.isspace():
            continue
        category = unicodedata.category(c)
        chars += n
        if category in _UNMAPPED_CATEGORIES or c == "\ufffd":
            unmapped += n
        if category[0] in "PS":  # all punctuation and symbol categories
            symbols += n
        if c.isalpha():
            letters += n
    if chars:
        if unmapped > MAX_UNMAPPED_SHARE * chars:
            return TextLayer.GARBAGE
        if chars >= SPARSE_LETTERS and symbols > MAX_SYMBOL_SHARE * chars:
            return TextLayer.GARBAGE
    if letters < SPARSE_LETTERS:
        return TextLayer.SPARSE
    words = _LATIN_WORD.findall(text)
    if len(words) >= MIN_JUDGED_WORDS and _count_wordlike(words) < MIN_WORDLIKE_SHARE * len(words):
        return TextLayer.SUSPECT
    return TextLayer.USABLE


def _wordlike_count(text: str) -> int:
    """Latin-script words with a vowel and no run of five consonants: what a reader sees as words."""
    return _count_wordlike(_LATIN_WORD.findall(text))


def _count_wordlike(words: list[str]) -> int:
    """How many of ``words`` are wordlike; a word that recurs is judged once."""
    return sum(n for word, n in Counter(words).items() if _is_wordlike(word.lower()))


def _is_wordlike(word: str) -> bool:
    return not _VOWEL_SET.isdisjoint(word) and not _CONSONANT_RUN.search(word)


def _render_dpi(page, dpi: int) -> float:
    """``dpi``, or less for a page so large that it would exceed MAX_RENDER_PIXELS."""
    width, height = page.get_size()  # points: 1/72 inch
    return min(dpi, 72 * math.sqrt(MAX_RENDER_PIXELS / max(1.0, width * height)))


def _render(page, dpi: float):
    """The page as a greyscale PIL image; pdfium's bitmap is closed once copied out."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        return bitmap.to_pil().copy()  # to_pil() shares the bitmap's buffer
    finally:
        bitmap.close()


def _reason(exc: Exception) -> str:
    text = str(exc).rstrip(".")
    if "(" in text and text.endswith(")"):  # "Failed to load document (PDFium: Data format error)."
        text = text[text.rfind("(") + 1:-1]
    return text.removeprefix("PDFium: ").rstrip(".") or type(exc).__name__
