"""OCR: orientation and skew, garbage text layers, FIL003 wording and severity, limits, caching.

Tests that run tesseract are skipped, with the reason, when it is not installed; the ones that
simulate its absence or only judge text run everywhere.
"""
import datetime as dt
import struct
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from validator import intake, runner
from validator.cache import DocumentCache
from validator.config import Config
from validator.read import ReadOptions, ocr, read_pages
from validator.read.errors import LimitError
from validator.read.pdf import TextLayer, judge_text_layer
from validator.registry import Context, load_checks
from validator.runner import read_all, read_document, run_checks

ROOT = Path(__file__).resolve().parents[1]
SCANS = ROOT / "fixtures" / "scans"
LETTERS = ROOT / "fixtures" / "letters"
sys.path.insert(0, str(ROOT / "fixtures"))  # for the fixtures' broken-font PDF maker
from gen.scans import garbled_pdf, shifted_by_three

needs_tesseract = pytest.mark.skipif(
    ocr.installed_languages("eng+fra") != "eng+fra",
    reason=f"tesseract with English and French data is not installed ({ocr.INSTALL_HINT})")
FIL003 = next(c for c in load_checks()[0] if c.code == "FIL003")


def read(path: Path, **options):
    return read_document(intake.take_in(path, path.parent), ReadOptions(**options))


def fil003(doc):
    """The FIL003 findings the check reports for one document (severity decided by the check)."""
    ctx = Context(documents=(doc,), case=None, policy=Config().policy, as_of=dt.date(2025, 8, 1))
    findings, notices = run_checks([FIL003], ctx, Config())
    assert notices == []
    return findings


def letter_scan_top() -> Image.Image:
    """The top half of the scanned Acme letter: letterhead, date and job details (OCRs fast)."""
    with Image.open(SCANS / "acme-robotics-2019.jpg") as image:
        return image.crop((0, 0, image.width, image.height // 2))


# --- orientation and skew -------------------------------------------------------------------

@needs_tesseract
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_pages_turned_any_way_are_read_upright(turn):
    text = ocr.ocr_image(letter_scan_top().rotate(turn, expand=True), "eng+fra", dpi=200)
    assert "Acme Robotics Inc." in text
    assert "Software Engineer" in text


@pytest.mark.parametrize("degrees", [-3.0, -1.5, 1.0, 2.5])
def test_skew_is_measured_to_a_fraction_of_a_degree(degrees):
    tilted = letter_scan_top().rotate(degrees, expand=True, fillcolor=222)
    # The scan itself leans 1.5 degrees (fixtures/scans/expected.json): straightening undoes both.
    assert ocr.skew_angle(tilted) == pytest.approx(-degrees - 1.5, abs=0.3)


def test_a_blank_page_reads_as_nothing_without_running_tesseract(monkeypatch):
    monkeypatch.setattr(ocr, "_tesseract", lambda *args: pytest.fail("tesseract ran on a blank page"))
    assert ocr.ocr_image(Image.new("L", (1700, 2200), 250), "eng", dpi=200) == ""


# --- garbage text layers ----------------------------------------------------------------------

ENGLISH = ("This letter confirms that Ms. Priya Sharma has been employed by Acme Robotics Inc. as a "
           "Software Engineer since March 4, 2019. She works 40 hours per week and her salary is "
           "CAD 92,500 per year. Her duties include designing software and reviewing code.")
FRENCH = ("Je soussigné, Pierre Dufresne, atteste que Mme Manon Petit a été employée au sein du cabinet "
          "en qualité d'assistante juridique du 4 janvier 2016 au 30 septembre 2020, à raison de "
          "35 heures par semaine. Ses fonctions comprenaient la rédaction des actes courants.")
SPANISH = ("El suscrito oficial del Registro Civil certifica que en el libro de nacimientos consta la "
           "inscripción de María Fernanda López García, nacida el doce de mayo de dos mil dieciocho "
           "en la ciudad de Guadalajara, hija de Juan López y de Ana García.")
HINDI = "यह प्रमाणित किया जाता है कि श्री राहुल वर्मा ने हमारी कंपनी में सॉफ्टवेयर इंजीनियर के रूप में काम किया है और उनका आचरण अच्छा रहा है।"


def shifted(text: str) -> str:
    return "".join(chr(shifted_by_three(ord(c))) for c in text)


FORM = ("Name: ____________________  Date of birth: ..........  Signature: ________ "
        "Passport number: ______________  Place of issue: ______________")


@pytest.mark.parametrize("text", [ENGLISH, FRENCH, SPANISH, HINDI, FORM])
def test_real_text_layers_are_used(text):
    assert judge_text_layer(text) is TextLayer.USABLE


@pytest.mark.parametrize("garbage", [
    "".join(chr(0xE000 + ord(c)) if c != " " else c for c in ENGLISH),  # private-use code points
    "".join("\ufffd" if c.isalpha() else c for c in ENGLISH),  # replacement characters
    "".join(chr(ord(c) % 32) if c.isalpha() else c for c in ENGLISH),  # control characters
    "".join(chr(0x21 + ord(c) % 15) if c.isalpha() else c for c in ENGLISH),  # glyph numbers as codes: symbols
])
def test_unmapped_characters_and_symbol_soup_are_garbage(garbage):
    assert judge_text_layer(garbage) is TextLayer.GARBAGE


def test_letters_that_form_no_words_are_suspect():
    assert judge_text_layer(shifted(ENGLISH)) is TextLayer.SUSPECT
    assert judge_text_layer(shifted(FRENCH)) is TextLayer.SUSPECT


@pytest.mark.parametrize("text", ["", "Page 2 of 2", "Scanned with CamScanner"])
def test_next_to_no_text_is_sparse(text):
    assert judge_text_layer(text) is TextLayer.SPARSE


@needs_tesseract
def test_a_garbled_text_layer_is_replaced_by_ocr():
    (page,) = read_pages(SCANS / "pacific-harbor-garbled.pdf", "pdf")
    assert page.ocr and "This is to certify that Mr. Mark Villanueva" in page.text


def test_garbage_without_ocr_is_no_text_and_a_warning(tmp_path):
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(garbled_pdf((LETTERS / "acme-robotics-2019.pdf").read_bytes(), remap=lambda code: 0xE000 + code))
    doc = read(pdf, ocr=False)
    assert doc.text == "" and doc.kind == "unknown"
    (finding,) = fil003(doc)
    assert finding.severity.value == "warning" and finding.page == 1
    assert finding.message == ("No page has a usable text layer (a scan?), so its contents were not checked: "
                               "OCR was turned off (--no-ocr).")


def test_a_good_text_layer_is_never_rendered(monkeypatch):
    monkeypatch.setattr(ocr, "ocr_image", lambda *args, **kwargs: pytest.fail("OCR ran on a text page"))
    doc = read(LETTERS / "acme-robotics-2019.pdf")
    assert doc.kind == "employment_letter" and not doc.ocr and doc.problems == ()


# --- FIL003: info when OCR read the text, warning (with the reason) when it could not --------

@needs_tesseract
def test_an_ocr_read_image_is_info():
    doc = read(SCANS / "acme-robotics-2019.jpg")
    assert doc.ocr and doc.kind == "employment_letter"
    (finding,) = fil003(doc)
    assert finding.severity.value == "info" and finding.page is None
    assert finding.message == "Text of this image came from OCR; check names and numbers by eye."


@needs_tesseract
def test_a_mixed_pdf_names_the_ocr_page():
    doc = read(SCANS / "hydro-provence-mixed.pdf")
    assert [p.ocr for p in doc.pages] == [False, True]
    (finding,) = fil003(doc)
    assert finding.severity.value == "info" and finding.page == 2
    assert finding.message == "Text of page 2 came from OCR; check names and numbers by eye."


def test_no_ocr_is_a_warning_that_says_so():
    doc = read(SCANS / "acme-robotics-2019.jpg", ocr=False)
    assert not doc.ocr and doc.pages[0].text == ""
    (finding,) = fil003(doc)
    assert finding.severity.value == "warning"
    assert finding.message == ("The image has no text layer, so its contents were not checked: "
                               "OCR was turned off (--no-ocr).")


def test_a_missing_engine_is_a_warning_that_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(ocr, "engine", lambda: None)
    doc = read(SCANS / "lone-star-freight-scan.pdf")
    (finding,) = fil003(doc)
    assert finding.severity.value == "warning"
    assert "OCR is not available (tesseract is not installed; install it with: apt-get install tesseract-ocr" \
        in finding.message
    assert ReadOptions().cache_key() == "pages=500;ocr=unavailable"


@needs_tesseract
def test_an_image_with_nothing_legible_is_a_warning():
    doc = read(ROOT / "fixtures" / "bad" / "photo.png")
    (finding,) = fil003(doc)
    assert finding.severity.value == "warning"
    assert finding.message.endswith("so its contents were not checked: OCR found nothing legible on it.")


def test_the_cli_passes_no_ocr_on(tmp_path):
    from click.testing import CliRunner

    from validator.cli import cli

    (tmp_path / "scan.jpg").write_bytes((SCANS / "acme-robotics-2019.jpg").read_bytes())
    result = CliRunner().invoke(cli, ["audit", str(tmp_path), "--no-ocr", "--no-cache", "--format", "json",
                                      "--fail-on", "never", "--select", "FIL003"])
    assert result.exit_code == 0, result.output
    assert '"severity": "warning"' in result.output and "--no-ocr" in result.output


# --- multi-page TIFF ----------------------------------------------------------------------------

@needs_tesseract
def test_a_multi_page_tiff_keeps_its_page_numbers():
    doc = read(SCANS / "sahyadri-softech-2pages.tif")
    assert [(p.number, p.ocr) for p in doc.pages] == [(1, True), (2, True)]
    assert doc.fields["signatory_name"].page == 2 and doc.fields["employer"].page == 1
    (finding,) = fil003(doc)
    assert finding.message == "Text of pages 1–2 came from OCR; check names and numbers by eye."


def test_a_multi_page_tiff_without_ocr_still_counts_its_pages():
    doc = read(SCANS / "sahyadri-softech-2pages.tif", ocr=False)
    assert [(p.number, p.text) for p in doc.pages] == [(1, ""), (2, "")]


# --- decompression bombs: a typed LimitError (FIL009), never a crash ---------------------------

def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels and holds one empty row: a bomb's header."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("ocr_on", [True, False])
def test_a_decompression_bomb_is_fil009(tmp_path, ocr_on):
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_header_only(200_000, 200_000))  # 40 billion pixels in 70 bytes
    doc = read(bomb, ocr=ocr_on)
    assert [p.code for p in doc.problems] == ["FIL009"]
    assert "too large to decode safely" in doc.problems[0].message


def test_an_image_over_the_pixel_limit_but_under_twice_it_is_refused_too(tmp_path, monkeypatch):
    # Between MAX_IMAGE_PIXELS and twice it Pillow only warns; prcheck refuses all the same.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 3_000_000)
    with pytest.raises(LimitError):
        read_pages(SCANS / "acme-robotics-2019.jpg", "image", ReadOptions(ocr=False))  # 3.9 megapixels


def test_a_later_tiff_frame_over_the_limit_is_refused(tmp_path, monkeypatch):
    frames = [Image.new("1", (100, 100), 1), Image.new("1", (3000, 3000), 1)]
    path = tmp_path / "frames.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)  # the first frame passes Pillow's check
    with pytest.raises(LimitError, match="3000x3000"):
        read_pages(path, "image", ReadOptions(ocr=False))


def test_a_damaged_image_is_fil001(tmp_path):
    data = (SCANS / "acme-robotics-2019.jpg").read_bytes()
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(data[:2000])
    assert [p.code for p in read(broken).problems] == ["FIL001"]


# --- the cache key names the engine and its settings; OCR output is cached ----------------------

@needs_tesseract
def test_the_cache_key_names_engine_version_languages_and_resolution():
    key = ReadOptions().cache_key()
    assert key == f"pages=500;ocr=tesseract-{ocr.engine().version}/eng+fra+osd/300dpi"
    assert ReadOptions(ocr=False).cache_key() == "pages=500;ocr=off"
    assert len({key, ReadOptions(ocr_languages="eng").cache_key(), ReadOptions(ocr_dpi=200).cache_key()}) == 3


@needs_tesseract
def test_ocr_output_is_cached_by_content(tmp_path, monkeypatch):
    entry = intake.take_in(SCANS / "france-b3-scan.jpg", SCANS)
    options = ReadOptions()
    cache = DocumentCache(tmp_path / "cache.sqlite3", options.cache_key())
    (first,) = read_all([entry], jobs=1, cache=cache, options=options)
    assert first.ocr and first.kind == "police_certificate"

    def read_isolated(entries, *args, **kwargs):
        assert entries == [], "the scan was read (and OCR'd) again"
        return []

    monkeypatch.setattr(runner, "read_isolated", read_isolated)
    (again,) = read_all([entry], jobs=1, cache=cache, options=options)
    cache.close()
    assert again.pages == first.pages and again.fields == first.fields
