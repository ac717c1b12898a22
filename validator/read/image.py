"""Scans and photos (JPEG, PNG, TIFF): one page per image frame, read by OCR.

A multi-page TIFF (what scanners and fax servers write) gives one page per frame. Pillow's
decompression-bomb guard (``Image.MAX_IMAGE_PIXELS``) stays on, its warning included: an image
that large is hostile or absurd for a document, and becomes a LimitError (FIL009).
"""
from __future__ import annotations

import warnings
from pathlib import Path

from ..model import Page
from . import ocr
from .errors import LimitError, ReadError


def read_image(path: Path, max_pages: int, languages: str | None) -> tuple[Page, ...]:
    """The text of each frame; empty pages when ``languages`` is None (OCR off or unavailable)."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data" and the like: not the user's concern
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                frames = getattr(image, "n_frames", 1)
                if frames > max_pages:
                    raise LimitError(f"the image has {frames} pages (limit {max_pages}, policy.max_pages)")
                pages = []
                for index in range(frames):
                    image.seek(index)
                    _check_size(image)
                    image.load()  # decoded even without OCR: a damaged image is FIL001 either way
                    text = ocr.ocr_image(image, languages) if languages else ""
                    pages.append(Page(index + 1, text, ocr=bool(text)))
                return tuple(pages)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise LimitError(f"the image is too large to decode safely ({exc})") from None
        except UnidentifiedImageError:
            raise ReadError("the image cannot be decoded") from None
        # Truncated or damaged image data; TypeError is what the TIFF plugin raises on a frame
        # without dimensions (found by fuzzing).
        except (OSError, ValueError, SyntaxError, EOFError, TypeError) as exc:
            raise ReadError(f"the image cannot be decoded ({exc})") from None


def _check_size(frame) -> None:
    """Pillow checks the first frame when opening the file; later TIFF frames are checked here."""
    from PIL import Image

    if Image.MAX_IMAGE_PIXELS and frame.width * frame.height > Image.MAX_IMAGE_PIXELS:
        raise LimitError(f"a page of the image is {frame.width}x{frame.height} pixels "
                         f"(limit {Image.MAX_IMAGE_PIXELS:,})")
