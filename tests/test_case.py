import datetime as dt

import pytest

from validator.case import CaseError, load_case

GOOD = """
[case]
program = "FSW"
as_of = 2025-08-01
ita_date = 2025-07-10

[applicant]
name = "Priya Sharma"
date_of_birth = 1990-04-12
marital_status = "married"
foreign_education = true
other_names = ["Priya Verma", "Priya A. Verma"]

[[residence]]
country = "United States"
region = "California"
from = 2016-09-01
to = 2019-12-31

[[work]]
employer = "Acme Robotics Inc."
title = "Software Engineer"
noc = "21231"
from = 2020-02-01
hours_per_week = 40

[[family]]
relation = "child"
name = "Anika Sharma"
date_of_birth = 2018-05-05
accompanying = false
"""


def write(tmp_path, text):
    path = tmp_path / "case.toml"
    path.write_text(text)
    return path


def test_loads_every_table(tmp_path):
    case = load_case(write(tmp_path, GOOD))
    assert case.program == "FSW" and case.as_of == dt.date(2025, 8, 1)
    assert case.applicant.name == "Priya Sharma" and case.applicant.foreign_education is True
    assert case.residence[0].region == "California" and case.residence[0].end == dt.date(2019, 12, 31)
    assert case.work[0].end is None and case.work[0].hours_per_week == 40.0 and case.work[0].index == 1
    assert case.family[0].accompanying is False and case.family[0].other_names == ()
    assert case.applicant.other_names == ("Priya Verma", "Priya A. Verma")
    assert case.warnings == ()


@pytest.mark.parametrize("change, message", [
    (('program = "FSW"', 'program = "XYZ"'), "case.toml:3: case.program: 'XYZ' is not one of FSW, CEC, FST"),
    (("to = 2019-12-31", "to = 2015-12-31"), "residence[1].to: 'to' (2015-12-31) is before 'from'"),
    (('noc = "21231"', 'noc = "2123"'), "work[1].noc: '2123' is not a 5-digit NOC"),
    (("hours_per_week = 40", 'hours_per_week = "forty"'), "work[1].hours_per_week: expected a number"),
    (('date_of_birth = 1990-04-12', 'date_of_birth = "12/04/1990"'), "applicant.date_of_birth: '12/04/1990' is not a date"),
    (('relation = "child"', 'relation = "cousin"'), "family[1].relation: 'cousin' is not one of"),
    (('region = "California"\n', ''), "residence[1]: missing 'region'"),
    (("as_of = 2025-08-01", "as_of = 2025-13-45"), "case.toml: invalid TOML"),
    (('other_names = ["Priya Verma", "Priya A. Verma"]', 'other_names = "Priya Verma"'),
     "applicant.other_names: expected a list of names"),
    (('other_names = ["Priya Verma", "Priya A. Verma"]', 'other_names = ["Priya Verma", ""]'),
     "applicant.other_names: expected non-empty text"),
])
def test_bad_values_name_file_line_and_key(tmp_path, change, message):
    with pytest.raises(CaseError) as err:
        load_case(write(tmp_path, GOOD.replace(*change)))
    assert message in str(err.value)
    assert str(err.value).startswith("case.toml")


def test_line_number_points_at_the_key_of_the_right_entry(tmp_path):
    text = GOOD + '\n[[work]]\nemployer = "Beta"\nfrom = 2021-01-01\nto = 2020-01-01\n'
    with pytest.raises(CaseError) as err:
        load_case(write(tmp_path, text))
    line = text.splitlines().index("to = 2020-01-01") + 1
    assert str(err.value).startswith(f"case.toml:{line}: work[2].to:")


def test_unknown_keys_warn_instead_of_failing(tmp_path):
    case = load_case(write(tmp_path, GOOD.replace('program = "FSW"', 'program = "FSW"\ncolour = "blue"')
                           + "\n[extras]\nx = 1\n"))
    assert any("case.colour" in w for w in case.warnings)
    assert any("'extras'" in w for w in case.warnings)


def test_empty_case_file_is_valid(tmp_path):
    case = load_case(write(tmp_path, ""))
    assert case.program is None and case.work == ()
