"""OCR of page images with tesseract, in English and French, offline.

tesseract is the Debian program (``tesseract-ocr`` with the ``eng``, ``fra`` and ``osd`` data
packages), run as a subprocess: pytesseract would only wrap the same command line with
temporary files, and calling it directly lets us pass the image on stdin and set its
environment. ``OMP_THREAD_LIMIT=1`` is always set: with OpenMP threads a page takes ten times
longer on a small machine (DEPENDENCIES.md §5).

One page goes through:

1. greyscale at about 300 dpi (a phone photo first turned upright by its EXIF tag);
2. on a small black-and-white thumbnail: a blank-page test, and a sideways test (text lines
   running up the page gather the ink into columns) that asks tesseract's orientation
   detection (``--psm 0``) which way to turn the page;
3. a deskew (the small angle that lines the text up best with the rows);
4. recognition (``--psm 3``; TSV output, so every word comes with a confidence and a box);
5. only when the words are unsure, as they are on an upside-down page: orientation detection
   and recognition again after turning, keeping the more confident reading. Upright pages,
   the common case, cost one tesseract run.

The words are then cleaned of what tesseract reads in specks, signatures and stamps, and
bullets (which its models have no glyph for) are written "•" again, as the extractors expect.
Pillow's decompression-bomb guard stays on: callers turn its errors into a LimitError.
"""
from __future__ import annotations

import csv
import functools
import io
import itertools
import os
import re
import shutil
import statistics
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import LimitError, ReadError
from .text import normalise

if TYPE_CHECKING:
    from PIL.Image import Image

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-osd"
# Text is recognised best at about 300 dpi; images far below or above are rescaled to it.
TARGET_DPI = 300
MIN_DPI, MAX_DPI = 250, 450
# An image without a usable resolution tag is taken to be a page with this long side (inches).
ASSUMED_PAGE_INCHES = 11.0
# Tesseract's own limit per page; the worker process has a per-document timeout besides.
PAGE_TIMEOUT_S = 120
# Mean word confidence (0-100) below which a reading is unsure enough to check the orientation.
# Upright, even a noisy 150-dpi scan or a phone photo reads at 90-95; upside down or on its side, 40-50.
SURE_CONFIDENCE = 65.0
# Orientation detection below this confidence is a guess: the page is left as it is.
MIN_ORIENTATION_CONFIDENCE = 2.0
# A page is legible when OCR finds at least this many words it is fairly sure of.
MIN_LEGIBLE_WORDS = 3
LEGIBLE_CONFIDENCE = 60.0
# Words of one or two characters, and marks with no letter or digit, read below this confidence
# are specks and ruled lines; lines read below the second on average are signatures and stamps.
NOISE_CONFIDENCE = 40.0
MIN_LINE_CONFIDENCE = 50.0
# A bullet is this share of its line's word height. A mark smaller than the lower share both
# ways is a speck of dirt (a dash is as thin, but long).
MIN_BULLET_HEIGHT, MAX_BULLET_HEIGHT = 0.25, 0.8
# Under this share of dark pixels the page is blank (or holds a stray mark): nothing to read.
MIN_INK = 0.002
# Deskew: the skew angles tried (degrees), coarse then fine, and the smallest worth correcting.
MAX_SKEW, COARSE_STEP, FINE_STEP, MIN_SKEW = 5.0, 0.5, 0.1, 0.2
THUMBNAIL_WIDTH = 800
# A page is on its side when its ink gathers this much more sharply into columns than rows
# (an upright letter: 25 times more into rows).
SIDEWAYS_RATIO = 3.0

# Letters tesseract reads a bullet as (besides one or two marks that are no letter or digit).
_BULLET_MISREADS = frozenset({"e", "ee", "eo", "oe", "e¢", "o", "¥"})
_ALNUM = re.compile(r"[^\W_]")
# A table's vertical rules, read as "|" against the words in its cells ("|8.5", "|Reading").
_TABLE_RULES = re.compile(r"^\|+(?=[^\W_])|(?<=[^\W_])\|+$")
_SPACED_AT = re.compile(r"(?<=[\w.+-])\s*@\s*(?=[\w-]+(?:\.[\w-]+)+)")


@dataclass(frozen=True)
class Engine:
    path: str
    version: str  # "5.3.0"
    languages: frozenset[str]  # installed language data, including "osd"


@functools.cache
def engine() -> Engine | None:
    """The installed tesseract, or None. Asked once per process (workers inherit the answer)."""
    path = shutil.which("tesseract")
    if path is None:
        return None
    try:
        # tesseract 4 and 5 print the version on stdout, 3.x on stderr.
        version = _run([path, "--version"]).split()
        listed = _run([path, "--list-langs"]).splitlines()
    except (OSError, subprocess.SubprocessError):
        return None
    if len(version) < 2:
        return None
    # The first line is 'List of available languages in "...":'.
    return Engine(path, version[1], frozenset(line.strip() for line in listed[1:] if line.strip()))


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=True)
    return done.stdout or done.stderr


def installed_languages(requested: str) -> str | None:
    """The requested languages ("eng+fra") whose data is installed, or None when none is."""
    found = engine()
    if found is None:
        return None
    usable = [lang for lang in requested.split("+") if lang in found.languages]
    return "+".join(usable) or None


def unavailable_reason(requested: str) -> str | None:
    """Why OCR cannot run here, for a FIL003 message; None when it can."""
    if engine() is None:
        return f"tesseract is not installed; install it with: {INSTALL_HINT}"
    if installed_languages(requested) is None:
        return f"tesseract has no {requested} language data; install it with: {INSTALL_HINT}"
    return None


def engine_key(requested: str, dpi: int) -> str:
    """What decides the OCR output besides the image: part of the extraction cache key."""
    found, langs = engine(), installed_languages(requested)
    if found is None or langs is None:
        return "unavailable"
    return f"tesseract-{found.version}/{langs}{'+osd' if 'osd' in found.languages else ''}/{dpi}dpi"


# Called as each page's OCR starts. The worker process reading a document sets it
# (validator/isolation.py): every OCR'd page extends the time the document may take.
on_page: Callable[[], None] | None = None


@dataclass(frozen=True)
class _Reading:
    text: str
    confidence: float  # mean over words holding a letter or digit; 0 without any
    sure_words: int  # words with a letter or digit read at LEGIBLE_CONFIDENCE or more


def ocr_image(image: Image, languages: str, dpi: float | None = None) -> str:
    """The legible text on one page image; "" when there is none.

    ``languages`` come from installed_languages() (so tesseract is there). ``dpi`` is the
    image's resolution when the caller knows it (a rendered PDF page); otherwise the file's
    own tag, or a guess from the image's size, stands in.
    """
    if on_page is not None:
        on_page()
    page, dpi = _prepared(image, dpi)
    thumbnail = _ink_thumbnail(page)
    if _ink_share(thumbnail) < MIN_INK:
        return ""
    turned = _sideways(thumbnail)
    if turned:
        page = _turned(page, _orientation(page, dpi))
    reading = _recognise(_deskewed(page), languages, dpi)
    if reading.confidence < SURE_CONFIDENCE and not turned:
        turn = _orientation(page, dpi)  # upside down, or not a page of text at all
        if turn:
            retry = _recognise(_deskewed(_turned(page, turn)), languages, dpi)
            if retry.confidence > reading.confidence:
                reading = retry
    return reading.text if reading.sure_words >= MIN_LEGIBLE_WORDS else ""


def _prepared(image: Image, dpi: float | None) -> tuple[Image, float]:
    """Greyscale, upright by EXIF, at about TARGET_DPI; and the resolution it is now at."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent pixels over white, as a viewer shows them (else they turn black).
        background = PILImage.new("RGBA", image.size, "white")
        image = PILImage.alpha_composite(background, image.convert("RGBA"))
    image = image.convert("L")
    dpi = dpi or _tagged_dpi(image) or max(image.size) / ASSUMED_PAGE_INCHES
    if not MIN_DPI <= dpi <= MAX_DPI:
        factor = TARGET_DPI / dpi
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        # A huge page (a poster) is read as it is rather than enlarged past the pixel limit.
        limit = PILImage.MAX_IMAGE_PIXELS
        if limit is None or size[0] * size[1] <= limit:
            image = image.resize(size, PILImage.Resampling.LANCZOS)
            dpi = TARGET_DPI
    return image, dpi


def _tagged_dpi(image: Image) -> float | None:
    """The resolution the file states, when it is plausible for a scan (72 is a default, not a scan)."""
    tagged = image.info.get("dpi")
    try:
        value = float(tagged[0]) if tagged else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    return value if 100 <= value <= 1200 else None


def _ink_thumbnail(page: Image) -> Image:
    """A small copy with ink white (255) on black: rotating it pads with 'no ink'."""
    from PIL import Image as PILImage

    height = max(1, round(page.height * THUMBNAIL_WIDTH / page.width))
    small = page.resize((THUMBNAIL_WIDTH, height), PILImage.Resampling.BOX) if page.width > THUMBNAIL_WIDTH else page
    threshold = _otsu(small.histogram())
    return small.point(lambda v: 255 if v < threshold else 0)


def _otsu(histogram: list[int]) -> int:
    """The grey level that best splits ink from paper (Otsu's method); grey backgrounds included."""
    total = sum(histogram)
    weighted_total = sum(level * count for level, count in enumerate(histogram))
    below = weighted_below = 0
    best, best_level = -1.0, 128
    for level, count in enumerate(histogram):
        below += count
        weighted_below += level * count
        above = total - below
        if below == 0 or above == 0:
            continue
        gap = weighted_below / below - (weighted_total - weighted_below) / above
        spread = below * above * gap * gap
        if spread > best:
            best, best_level = spread, level + 1
    return best_level


def _ink_share(thumbnail: Image) -> float:
    histogram = thumbnail.histogram()
    return histogram[255] / max(1, sum(histogram))


def _sharpness(thumbnail: Image) -> float:
    """How sharply the ink is gathered into rows: high when text lines run straight across.

    Summing the ink along each row gives tall peaks with empty gaps between them when the text
    lines are horizontal, and a smeared profile when they are tilted or vertical.
    """
    from PIL import Image as PILImage

    rows = thumbnail.resize((1, thumbnail.height), PILImage.Resampling.BOX).tobytes()  # row means
    return sum((b - a) ** 2 for a, b in itertools.pairwise(rows)) / max(1, len(rows))


def _sideways(thumbnail: Image) -> bool:
    """Text lines run up and down the page: their ink gathers into columns, not rows.

    Each way is given its best small tilt first: a scan tilted by a degree or two smears the
    profile of long lines either way.
    """
    from PIL import Image as PILImage

    upright = _alignment(thumbnail, refine=False)[1]
    return _alignment(thumbnail.transpose(PILImage.Transpose.ROTATE_90), refine=False)[1] > SIDEWAYS_RATIO * upright


def _turned(page: Image, degrees: int) -> Image:
    """The page turned clockwise by 0, 90, 180 or 270 degrees (exactly: pixels are moved, not resampled)."""
    from PIL import Image as PILImage

    clockwise = {90: PILImage.Transpose.ROTATE_270, 180: PILImage.Transpose.ROTATE_180,
                 270: PILImage.Transpose.ROTATE_90}
    return page.transpose(clockwise[degrees]) if degrees in clockwise else page


def _deskewed(page: Image) -> Image:
    """The page turned by the small angle that makes its text lines horizontal."""
    angle = skew_angle(page)
    if abs(angle) < MIN_SKEW:
        return page
    from PIL import Image as PILImage
    return page.rotate(angle, resample=PILImage.Resampling.BICUBIC, expand=True, fillcolor=255)


def skew_angle(page: Image) -> float:
    """The rotation (degrees, counter-clockwise) that lines the page's text up with its rows."""
    return _alignment(_ink_thumbnail(page))[0]


def _alignment(thumbnail: Image, refine: bool = True) -> tuple[float, float]:
    """The small rotation that gives the sharpest row profile, and that sharpness.

    ``refine`` False stops at the coarse step, enough to compare two orientations.
    """
    def sharpness(angle: float) -> float:
        return _sharpness(thumbnail.rotate(angle, fillcolor=0) if angle else thumbnail)

    steps = round(MAX_SKEW / COARSE_STEP)
    best = max((i * COARSE_STEP for i in range(-steps, steps + 1)), key=sharpness)
    if refine:
        best = max((best + i * FINE_STEP for i in range(-4, 5)), key=sharpness)
    return best, sharpness(best)


@dataclass(frozen=True)
class _Word:
    text: str
    confidence: float
    left: int
    top: int
    right: int
    bottom: int


def _recognise(page: Image, langs: str, dpi: float) -> _Reading:
    """The page's text, cleaned of what is not text, and how sure tesseract was of it."""
    tsv = _tesseract(page, ["-l", langs, "--psm", "3", "--dpi", str(round(dpi)), "tsv"])
    grouped: dict[tuple[str, str, str], list[_Word]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top = int(row["left"]), int(row["top"])
        word = _Word(text, float(row["conf"]), left, top, left + int(row["width"]), top + int(row["height"]))
        grouped.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(word)
    # How sure tesseract is of the page is judged on every word it read, before cleaning.
    confidences = [w.confidence for line in grouped.values() for w in line if _ALNUM.search(w.text)]
    kept = [cleaned for line in _attach_lone_bullets(list(grouped.values())) if (cleaned := _cleaned(line))]
    return _Reading(text=normalise("\n".join(_joined(line) for line in kept)),
                    confidence=sum(confidences) / len(confidences) if confidences else 0.0,
                    sure_words=sum(1 for line in kept for w in line
                                   if w.confidence >= LEGIBLE_CONFIDENCE and _ALNUM.search(w.text)))


def _is_bullet(word: _Word, line_height: float) -> bool:
    """How tesseract reads a list bullet: it has no bullet glyph, so "•" becomes "e", "«", "¢"...

    A bullet is about half as tall as the words it stands before; a dot of dirt is much smaller
    and a stroke of a signature larger.
    """
    shaped = word.text in _BULLET_MISREADS or (len(word.text) <= 2 and not _ALNUM.search(word.text))
    return shaped and MIN_BULLET_HEIGHT * line_height <= word.bottom - word.top <= MAX_BULLET_HEIGHT * line_height


def _line_height(line: list[_Word]) -> float:
    """The median height of the line's words (of those holding a letter or digit, if any)."""
    words = [w for w in line if _ALNUM.search(w.text)] or line
    return statistics.median(w.bottom - w.top for w in words)


def _attach_lone_bullets(lines: list[list[_Word]]) -> list[list[_Word]]:
    """The lines, with each bullet that tesseract read as a line of its own put back in front of its item.

    tesseract often makes a column block of a list's bullets, apart from the items: each bullet
    belongs to the nearest line on its right at its height.
    """
    def lone_mark(line: list[_Word]) -> bool:
        return len(line) == 1 and (not _ALNUM.search(line[0].text) or line[0].text in _BULLET_MISREADS)

    marks = [line[0] for line in lines if lone_mark(line)]
    others = [line for line in lines if not lone_mark(line)]
    for mark in marks:
        middle = (mark.top + mark.bottom) / 2
        beside = [line for line in others
                  if line[0].left > mark.left and min(w.top for w in line) <= middle <= max(w.bottom for w in line)]
        if beside:
            line = min(beside, key=lambda candidate: candidate[0].left)
            height = _line_height(line)
            if _is_bullet(mark, height) and not _is_bullet(line[0], height):
                line.insert(0, mark)
    return others


def _cleaned(line: list[_Word]) -> list[_Word]:
    """The line without specks and stray marks, its bullet written "•"; [] when it is no text."""
    height = _line_height(line)
    bullet = len(line) > 1 and _is_bullet(line[0], height) and line[1].text[:1].isupper()
    body = line[1:] if bullet else line
    # A line tesseract is unsure of as a whole is a signature, a stamp or a logo read as letters.
    if sum(w.confidence for w in body) / len(body) < MIN_LINE_CONFIDENCE:
        return []
    words = [_Word(_TABLE_RULES.sub("", w.text), w.confidence, w.left, w.top, w.right, w.bottom)
             for w in body if not _speck(w, height)]
    # Marks before the first word and after the last are dirt or strokes: punctuation is part of a word.
    while words and not _ALNUM.search(words[0].text):
        words = words[1:]
    while words and not _ALNUM.search(words[-1].text):
        words = words[:-1]
    if not words:
        return []
    return [_Word("•", 100.0, line[0].left, line[0].top, line[0].right, line[0].bottom), *words] if bullet else words


def _speck(word: _Word, line_height: float) -> bool:
    """A mark read as a word: a dot of dirt, a ruled line, a stroke of a signature."""
    if _ALNUM.search(word.text):
        return word.confidence < NOISE_CONFIDENCE and len(word.text) <= 2
    size = max(word.right - word.left, word.bottom - word.top)
    return word.confidence < NOISE_CONFIDENCE or size < MIN_BULLET_HEIGHT * line_height


def _joined(line: list[_Word]) -> str:
    # OCR sees a gap on either side of the "@" of an e-mail address.
    return _SPACED_AT.sub("@", " ".join(w.text for w in line))


def _orientation(page: Image, dpi: float) -> int:
    """How many degrees (clockwise) to turn the page to make it upright: 0, 90, 180 or 270."""
    found = engine()
    if found is None or "osd" not in found.languages:
        return 0
    try:
        report = _tesseract(page, ["--psm", "0", "--dpi", str(round(dpi))])
    except ReadError:
        return 0  # "Too few characters": nothing to orient by
    turn = re.search(r"^Rotate: (\d+)", report, re.MULTILINE)
    sure = re.search(r"^Orientation confidence: ([\d.]+)", report, re.MULTILINE)
    if turn is None or sure is None or float(sure.group(1)) < MIN_ORIENTATION_CONFIDENCE:
        return 0
    return int(turn.group(1)) % 360


def _tesseract(page: Image, arguments: list[str]) -> str:
    found = engine()
    assert found is not None
    image = io.BytesIO()
    page.save(image, "BMP")  # uncompressed: the fastest to write and for tesseract to read
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run([found.path, "stdin", "stdout", *arguments], input=image.getvalue(),
                              capture_output=True, env=env, timeout=PAGE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise LimitError(f"OCR of one page took longer than {PAGE_TIMEOUT_S} s") from None
    except OSError as exc:  # removed or broken since engine() found it
        raise ReadError(f"tesseract could not be run ({exc})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"tesseract failed ({message[-1] if message else f'exit {done.returncode}'})")
    return done.stdout.decode("utf-8", "replace")
