"""The passport machine-readable zone (ICAO Doc 9303 Part 4, TD3) and its check digits."""
import datetime as dt

import pytest

from validator.parse.mrz import birth_date, check_digit, find_td3, parse_td3

# The specimen passport of ICAO Doc 9303 Part 4 (Utopia, Anna Maria Eriksson).
SPECIMEN = ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10")
# An Indian passport with no optional data (the optional-data check digit is '<' or 0).
INDIAN = ("P<INDSHARMA<<PRIYA<<<<<<<<<<<<<<<<<<<<<<<<<<",
          "Z4821937<3IND9004126F3201130<<<<<<<<<<<<<<00")


@pytest.mark.parametrize(("data", "digit"), [
    ("520727", 3),            # ICAO's worked example: 27 July 1952
    ("L898902C3", 6),
    ("740812", 2),
    ("120415", 9),
    ("ZE184226B<<<<<", 1),
    ("<<<<<<<<<<<<<<", 0),
    ("Z4821937<", 3),
])
def test_check_digit(data, digit):
    assert check_digit(data) == digit


def test_specimen_parses_with_every_check_passing():
    mrz = parse_td3(*SPECIMEN)
    assert mrz.valid and all(mrz.checks.values())
    assert (mrz.document_type, mrz.issuing_state, mrz.nationality) == ("P", "UTO", "UTO")
    assert (mrz.surname, mrz.given_names, mrz.name) == ("ERIKSSON", "ANNA MARIA", "ANNA MARIA ERIKSSON")
    assert mrz.number == "L898902C3" and mrz.sex == "F" and mrz.optional_data == "ZE184226B"
    assert mrz.birth_date == dt.date(1974, 8, 12) and mrz.expiry_date == dt.date(2012, 4, 15)


def test_filler_optional_data_with_a_zero_check_digit():
    mrz = parse_td3(*INDIAN)
    assert mrz.valid and mrz.number == "Z4821937" and mrz.optional_data == ""
    assert mrz.birth_date == dt.date(1990, 4, 12) and mrz.expiry_date == dt.date(2032, 1, 13)


@pytest.mark.parametrize(("position", "replacement", "failed"), [
    (9, "7", {"passport_number", "composite"}),      # the number's check digit
    (0, "M", {"passport_number", "composite"}),      # a misread character of the number
    (19, "5", {"date_of_birth", "composite"}),
    (17, "3", {"date_of_birth", "composite"}),       # 740832: also an impossible day
    (27, "1", {"expiry_date", "composite"}),
    (42, "4", {"optional_data", "composite"}),
    (43, "7", {"composite"}),
])
def test_corrupted_check_digits_are_caught_field_by_field(position, replacement, failed):
    line2 = SPECIMEN[1][:position] + replacement + SPECIMEN[1][position + 1:]
    mrz = parse_td3(SPECIMEN[0], line2)
    assert not mrz.valid
    assert {name for name, ok in mrz.checks.items() if not ok} == failed


def test_a_check_digit_must_be_a_digit():
    line2 = SPECIMEN[1][:9] + "<" + SPECIMEN[1][10:]
    assert parse_td3(SPECIMEN[0], line2).checks["passport_number"] is False


@pytest.mark.parametrize("lines", [
    ("P<UTOERIKSSON<<ANNA", SPECIMEN[1]),               # too short
    ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", SPECIMEN[1]),  # an ID card line, not a passport
    (SPECIMEN[0], SPECIMEN[1].lower()),
])
def test_not_a_td3_zone(lines):
    with pytest.raises(ValueError):
        parse_td3(*lines)


def test_find_the_zone_in_page_text_even_with_ocr_spaces():
    text = "REPUBLIC OF UTOPIA\nPassport No. L898902C3\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" \
           "L898902C36UTO 7408122F1204159 ZE184226B<<<<<10\nend"
    line1, line2, start, end = find_td3(text)
    assert (line1, line2) == SPECIMEN
    assert text[start:end].startswith("P<UTO") and text[start:end].endswith("<<10")
    assert find_td3("no zone here\nP<UTO\n") is None


@pytest.mark.parametrize(("yy", "expiry", "year"), [
    (15, dt.date(2030, 1, 1), 2015),   # a child's passport
    (80, dt.date(2030, 1, 1), 1980),
    (29, dt.date(2030, 1, 1), 2029),
    (31, dt.date(2030, 1, 1), 1931),   # born after the expiry in the 2000s reading: 1900s
    (5, None, 2005),
])
def test_two_digit_birth_years_resolve_against_the_expiry(yy, expiry, year):
    assert birth_date(yy, 6, 1, expiry).year == year
