"""Field-by-field extraction of every fixture letter against fixtures/letters/expected.json."""
import json
from pathlib import Path

import pytest

from validator import intake
from validator.report.json import field_json
from validator.runner import read_document

LETTERS = Path(__file__).resolve().parents[1] / "fixtures" / "letters"
EXPECTED = json.loads((LETTERS / "expected.json").read_text(encoding="utf-8"))
SCALARS = ["employer", "job_title", "start_date", "end_date", "current", "hours_per_week", "salary",
           "signatory_name", "signatory_title", "employer_address", "employer_phone", "employer_email",
           "letter_date", "employee_name"]
POSITION_FIELDS = ["job_title", "start_date", "end_date", "current", "hours_per_week", "salary"]


def normal(value):
    """Compare text as a reader would: case, spacing, curly quotes and a final full stop aside."""
    if isinstance(value, str):
        return " ".join(value.replace("’", "'").split()).strip(" .").lower()
    return value


def as_expected(f: dict | None):
    """A field's JSON value, with month-precision dates written as the truth writes them (YYYY-MM)."""
    if f is None:
        return None
    if f.get("precision") == "month" and isinstance(f["value"], str):
        return f["value"][:7]
    return f["value"]


@pytest.fixture(scope="module")
def extracted():
    out = {}
    for name in EXPECTED:
        doc = read_document(intake.take_in(LETTERS / name, LETTERS))
        assert doc.errors == ()
        out[name] = doc
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_letter_fields(extracted, name):
    doc = extracted[name]
    assert doc.kind == "employment_letter"
    truth = EXPECTED[name]["fields"]
    got = {k: field_json(f) for k, f in doc.fields.items()}
    for key in SCALARS:
        assert normal(as_expected(got.get(key))) == normal(truth.get(key)), key
    assert [normal(d) for d in (as_expected(got.get("duties")) or [])] == [normal(d) for d in truth.get("duties") or []]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_letter_positions(extracted, name):
    truth = EXPECTED[name]["fields"]["positions"]
    positions = extracted[name].positions
    assert len(positions) == len(truth)
    for want, have in zip(truth, positions):
        have = {k: field_json(f) for k, f in have.items()}
        for key in POSITION_FIELDS:
            if key in want and want[key] is not None:
                assert normal(as_expected(have.get(key))) == normal(want[key]), key
        assert [normal(d) for d in as_expected(have.get("duties")) or []] == [normal(d) for d in want.get("duties") or []]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_field_carries_provenance(extracted, name):
    for key, f in extracted[name].fields.items():
        if f.value not in (None, False) and key != "positions":
            assert f.page == 1 and f.evidence, key


@pytest.mark.parametrize(("city_line", "address"), [
    ("Edmonton, AB T5J OK4", "10180 101 Street NW, Edmonton, AB T5J 0K4"),  # a fax's (or typist's) O for a zero
    ("Ottawa, ON K1A OB1", "10180 101 Street NW, Ottawa, ON K1A 0B1"),
])
def test_a_canadian_postcode_with_the_letter_o_for_a_zero_ends_the_address(city_line, address):
    from validator.kinds.contacts import _zeros_for_o, find_address

    assert find_address(f"Granite Peak Ltd.\n10180 101 Street NW\n{city_line}\nTel: 780-555-0100")[0] == address
    assert _zeros_for_o("MOVOLO and TOJ OOK stay words") == "MOVOLO and TOJ OOK stay words"  # not two digits
