"""Scans read by OCR give the fields and the findings of the documents they were made from.

fixtures/scans/ holds scans (JPEG, PNG, TIFF, image-only, mixed and garbled PDFs) made by
fixtures/gen/scans.py from letters, police certificates and language test reports; its
expected.json names each scan's original. Every field extracted from a scan is compared with
the same field extracted from the original's text, value and page.

Comparison is exact, with two documented allowances:

* Dashes: tesseract's English and French models read en and em dashes alike, so "–", "—" and
  "-" compare equal (they only ever separate words in these fields).
* Free text that no check reads for its value -- addresses, duty statements, signatory and
  authority titles -- matches when at least 90% similar (difflib): the checks only ask whether
  it is there (EMP005 also counts duties, so the number of duties must still be equal). A
  misread comma in an address is not a miss; a lost line is.

Names, dates, hours, money, scores, numbers and kinds must be equal. The few misses that remain
are listed in KNOWN_MISSES with what OCR did; the test fails on any other, and the match rate
over all fields is asserted and printed (``pytest -s tests/test_scans.py``).
"""
import datetime as dt
import difflib
import hashlib
import json
from pathlib import Path

import pytest

from validator import intake
from validator.config import Config
from validator.read import ocr
from validator.registry import Context, load_checks
from validator.report.json import _value
from validator.runner import read_document, run_checks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCANS = FIXTURES / "scans"
EXPECTED = json.loads((SCANS / "expected.json").read_text(encoding="utf-8"))
FREE_TEXT = {"employer_address", "duties", "signatory_title", "authority"}
SIMILAR_ENOUGH = 0.9
MIN_MATCH_RATE = 0.95
# scan -> {field: what OCR does to it}. A listed field may match (a better tesseract); no other may miss.
KNOWN_MISSES = {
    "sahyadri-softech-2pages.tif": {
        "employer_email": "the bilevel 200-dpi TIFF joins the 'f' and 't' of 'softech' into 'tt' (hr@sahyadrisottech...)",
    },
}
DOCUMENT_CHECKS = [c for c in load_checks()[0] if c.kinds is not None and not c.code.startswith("FIL")]

pytestmark = pytest.mark.skipif(ocr.installed_languages("eng+fra") != "eng+fra",
                                reason=f"tesseract with English and French data is not installed ({ocr.INSTALL_HINT})")


def read(path: Path):
    return read_document(intake.take_in(path, path.parent))


@pytest.fixture(scope="module")
def pairs():
    """scan name -> (document read from the scan, document read from its original)."""
    return {name: (read(SCANS / name), read(FIXTURES / entry["original"])) for name, entry in EXPECTED.items()}


def flat(fields: dict, prefix: str = "") -> dict:
    """Field name -> (JSON value, page); positions and score tables split into their own fields."""
    out = {}
    for name, f in fields.items():
        if name == "positions":
            for i, position in enumerate(f.value or []):
                out.update(flat(position, f"{prefix}positions[{i}]."))
            continue
        value = _value(f.value)
        if isinstance(value, dict) and "amount" not in value:  # scores / clb by ability; money is one value
            out.update({f"{prefix}{name}.{k}": (v, f.page) for k, v in value.items()})
        else:
            out[prefix + name] = (value, f.page)
    return out


def same(name: str, scanned, original) -> bool:
    if isinstance(original, list) and isinstance(scanned, list):
        return len(original) == len(scanned) and all(same(name, s, o) for s, o in zip(scanned, original))
    if isinstance(original, str) and isinstance(scanned, str):
        scanned, original = _plain(scanned), _plain(original)
        if name.rsplit(".", 1)[-1] in FREE_TEXT:
            return difflib.SequenceMatcher(None, scanned, original).ratio() >= SIMILAR_ENOUGH
    return scanned == original


def _plain(text: str) -> str:
    return " ".join(text.translate(str.maketrans("–—‐", "---")).split())


def misses(scan_doc, original_doc) -> list[str]:
    scanned, original = flat(scan_doc.fields), flat(original_doc.fields)
    return [name for name in sorted(set(scanned) | set(original))
            if not (name in scanned and name in original
                    and scanned[name][1] == original[name][1] and same(name, scanned[name][0], original[name][0]))]


def findings(doc) -> set[tuple[str, str]]:
    ctx = Context(documents=(doc,), case=None, policy=Config().policy, as_of=dt.date(2025, 8, 1))
    found, notices = run_checks(DOCUMENT_CHECKS, ctx, Config())
    assert notices == []
    return {(f.code, f.message) for f in found}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_original_is_the_one_scanned(name):
    original = (FIXTURES / EXPECTED[name]["original"]).read_bytes()
    assert hashlib.sha256(original).hexdigest() == EXPECTED[name]["original_sha256"], (
        f"{EXPECTED[name]['original']} changed since it was scanned: rebuild the scans "
        "(python -c 'import sys; sys.path.insert(0, \"fixtures\"); from pathlib import Path; "
        "from gen import scans; scans.build(Path(\"fixtures\").resolve())')")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_scan_reads_as_its_original(pairs, name):
    scan, original = pairs[name]
    assert (scan.kind, scan.language, len(scan.pages)) == (original.kind, original.language, len(original.pages))
    assert scan.ocr and not original.ocr
    assert [p.code for p in scan.problems] == ["FIL003"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_scan_gives_its_originals_fields(pairs, name):
    unexpected = [field for field in misses(*pairs[name]) if field not in KNOWN_MISSES.get(name, {})]
    scan, original = (flat(doc.fields) for doc in pairs[name])
    assert unexpected == [], "\n".join(f"{f}: scan {scan.get(f)!r} original {original.get(f)!r}" for f in unexpected)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_scan_raises_its_originals_findings(pairs, name):
    scan, original = pairs[name]
    assert findings(scan) == findings(original)


def test_the_field_match_rate(pairs):
    total = matched = 0
    lines = []
    for name, (scan, original) in sorted(pairs.items()):
        fields = set(flat(scan.fields)) | set(flat(original.fields))
        missed = misses(scan, original)
        total, matched = total + len(fields), matched + len(fields) - len(missed)
        lines.append(f"{name}: {len(fields) - len(missed)}/{len(fields)}" + (f" (missed: {', '.join(missed)})" if missed else ""))
    rate = matched / total
    print(f"\nfield match rate on scans: {matched}/{total} = {rate:.1%}\n" + "\n".join(lines))
    assert rate >= MIN_MATCH_RATE
