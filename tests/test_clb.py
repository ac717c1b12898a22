"""validator/clb.py against RULES.md §3, transcribed here by hand (never read back from clb.toml,
so a slip in the data file makes these tests fail): every band of every table at its lowest score
and one step below it, the TEF cut-over, the program minimums, TEER and validity."""
import dataclasses
import datetime as dt

import pytest

from validator import clb

ABILITIES = ("listening", "reading", "writing", "speaking")
ANY_DATE = dt.date(2025, 1, 15)  # a test date every current table covers

# RULES.md §3: the lowest score of each band, (listening, reading, writing, speaking).
IELTS_GT = {
    10: (8.5, 8.0, 7.5, 7.5), 9: (8.0, 7.0, 7.0, 7.0), 8: (7.5, 6.5, 6.5, 6.5), 7: (6.0, 6.0, 6.0, 6.0),
    6: (5.5, 5.0, 5.5, 5.5), 5: (5.0, 4.0, 5.0, 5.0), 4: (4.5, 3.5, 4.0, 4.0),
}
PTE_CORE = {
    10: (89, 88, 90, 89), 9: (82, 78, 88, 84), 8: (71, 69, 79, 76), 7: (60, 60, 69, 68),
    6: (50, 51, 60, 59), 5: (39, 42, 51, 51), 4: (28, 33, 41, 42), 3: (18, 24, 32, 34),
}
TEF_NEW = {
    10: (546, 546, 558, 556), 9: (503, 503, 512, 518), 8: (462, 462, 472, 494), 7: (434, 434, 428, 456),
    6: (393, 393, 379, 422), 5: (352, 352, 330, 387), 4: (306, 306, 268, 328),
}
TEF_OLD = {
    10: (316, 263, 393, 393), 9: (298, 248, 371, 371), 8: (280, 233, 349, 349), 7: (249, 207, 310, 310),
    6: (217, 181, 271, 271), 5: (181, 151, 226, 226), 4: (145, 121, 181, 181),
}
TCF = {
    10: (549, 549, 16, 16), 9: (523, 524, 14, 14), 8: (503, 499, 12, 12), 7: (458, 453, 10, 10),
    6: (398, 406, 7, 7), 5: (369, 375, 6, 6), 4: (331, 342, 4, 4),
}
# RULES.md: CELPIP level = CLB for 4-9; 10-12 -> CLB 10.
CELPIP = {level: (level,) * 4 for level in range(4, 11)}

TEF_OLD_DATE, TEF_NEW_DATE = dt.date(2023, 12, 10), dt.date(2023, 12, 11)
TABLES = [  # (test, test date, table, score step, scale maximum per ability)
    ("IELTS General Training", ANY_DATE, IELTS_GT, 0.5, (9.0,) * 4),
    ("CELPIP-General", ANY_DATE, CELPIP, 1, (12,) * 4),
    ("PTE Core", ANY_DATE, PTE_CORE, 1, (90,) * 4),
    ("TEF Canada", TEF_NEW_DATE, TEF_NEW, 1, (699,) * 4),
    ("TEF Canada", TEF_OLD_DATE, TEF_OLD, 1, (360, 300, 450, 450)),
    ("TCF Canada", ANY_DATE, TCF, 1, (699, 699, 20, 20)),
]
BOUNDARIES = [
    pytest.param(test, when, ability, scores[i], level, step, id=f"{test}-{when}-{ability}-CLB{level}")
    for test, when, table, step, _ in TABLES
    for level, scores in table.items()
    for i, ability in enumerate(ABILITIES)
]


@pytest.mark.parametrize("test, when, ability, lowest, level, step", BOUNDARIES)
def test_lowest_score_of_each_band_and_the_score_below(test, when, ability, lowest, level, step):
    assert clb.to_clb(test, ability, lowest, when) == level
    # One step below falls into the next band down; under the table's lowest band that is
    # "one level below it" (documented in clb.toml): either way, level - 1.
    assert clb.to_clb(test, ability, lowest - step, when) == level - 1


@pytest.mark.parametrize("test, when, table, step, maxima", TABLES, ids=lambda v: str(v)[:24])
def test_top_of_the_scale_and_beyond(test, when, table, step, maxima):
    for ability, maximum in zip(ABILITIES, maxima):
        assert clb.to_clb(test, ability, maximum, when) == 10
        assert clb.to_clb(test, ability, maximum + step, when) is None  # not a score on this scale
        assert clb.to_clb(test, ability, 0, when) == min(table) - 1


def test_celpip_levels_above_ten_are_clb_ten():
    assert [clb.to_clb("CELPIP-General", "speaking", level, ANY_DATE) for level in (9, 10, 11, 12)] == [9, 10, 10, 10]


def test_tef_cutover_is_11_december_2023():
    assert clb.rules().tef_cutover == dt.date(2023, 12, 11)


def test_tef_table_switches_on_the_cutover_date():
    # 350 is NCLC 10 on the old listening scale (/360) but NCLC 4 on the new one (306-351).
    assert clb.to_clb("TEF Canada", "listening", 350, TEF_OLD_DATE) == 10
    assert clb.to_clb("TEF Canada", "listening", 350, TEF_NEW_DATE) == 4
    # A new-scale score on a date the old table covers is off its scale: no level, no guess.
    assert clb.to_clb("TEF Canada", "listening", 500, TEF_OLD_DATE) is None
    assert clb.to_clb("TEF Canada", "listening", 500, TEF_NEW_DATE) == 8  # 462-502


def test_tef_without_a_test_date_is_not_converted_but_single_table_tests_are():
    assert clb.to_clb("TEF Canada", "reading", 300, None) is None
    assert clb.to_clb("IELTS General Training", "reading", 6.0, None) == 7


def test_pte_core_before_its_designation_has_no_table():
    assert clb.to_clb("PTE Core", "listening", 60, dt.date(2024, 1, 29)) is None
    assert clb.to_clb("PTE Core", "listening", 60, dt.date(2024, 1, 30)) == 7


@pytest.mark.parametrize("test", ["IELTS Academic", "CELPIP-General LS", "PTE Academic", "other"])
def test_tests_ircc_does_not_accept_have_no_conversion(test):
    assert clb.to_clb(test, "listening", 8.0, ANY_DATE) is None
    assert not clb.is_accepted(test)


def test_accepted_tests():
    assert clb.accepted_tests() == ("IELTS General Training", "CELPIP-General", "PTE Core",
                                    "TEF Canada", "TCF Canada")
    assert clb.accepted_names().endswith("TEF Canada or TCF Canada")


def test_unknown_ability_is_a_programming_error():
    with pytest.raises(ValueError):
        clb.to_clb("IELTS General Training", "grammar", 6.0, ANY_DATE)


def test_level_names():
    assert clb.level_name("IELTS General Training", 7) == "CLB 7"
    assert clb.level_name("IELTS General Training", 3) == "below CLB 4"
    assert clb.level_name("PTE Core", 2, ANY_DATE) == "below CLB 3"
    assert clb.level_name("TCF Canada", 5) == "NCLC 5"
    assert clb.level_name("TEF Canada", 6, TEF_NEW_DATE) == "NCLC 6"


@pytest.mark.parametrize("noc, teer", [("21231", 1), ("00012", 0), ("32020", 2), ("63200", 3),
                                       ("75101", 5), ("2123", None), ("2123X", None), (None, None)])
def test_teer_is_the_second_digit_of_the_noc(noc, teer):
    assert clb.teer(noc) == teer


def test_fixed_program_minimums():
    assert clb.minimums("FSW")[0] == dict.fromkeys(ABILITIES, 7)
    assert clb.minimums("FST")[0] == {"listening": 5, "reading": 4, "writing": 4, "speaking": 5}
    assert "FST requires" in clb.minimums("FST")[1]
    with pytest.raises(ValueError):
        clb.minimums("PNP")


@pytest.mark.parametrize("teers, level", [([0], 7), ([1], 7), ([2], 5), ([3], 5), ([1, 3], 5), ([0, 1], 7)])
def test_cec_takes_the_most_lenient_minimum_of_the_declared_jobs(teers, level):
    minimum, why = clb.minimums("CEC", teers)
    assert minimum == dict.fromkeys(ABILITIES, level)
    assert f"CLB {level}" in why and "most lenient" in why


@pytest.mark.parametrize("teers, reason", [([], "no declared job has a NOC in TEER 0-3"),
                                           ([4, 5], "TEER 4-5, which does not qualify for CEC")])
def test_cec_without_a_qualifying_noc_assumes_clb_7_and_says_why(teers, reason):
    minimum, why = clb.minimums("CEC", teers)
    assert minimum == dict.fromkeys(ABILITIES, 7)
    assert why.startswith("CLB 7 in each ability assumed") and reason in why
    assert "CLB 7 for TEER 0-1 jobs and CLB 5 for TEER 2-3 jobs" in why


def test_cec_minimum_per_teer():
    assert [clb.cec_minimum(t) for t in (0, 1, 2, 3, 4, 5, None)] == [7, 7, 5, 5, None, None, None]


@pytest.mark.parametrize("tested, until", [
    (dt.date(2024, 5, 18), dt.date(2026, 5, 18)),
    (dt.date(2024, 2, 29), dt.date(2026, 2, 28)),  # calendar years: 29 Feb -> 28 Feb
    (dt.date(2023, 12, 31), dt.date(2025, 12, 31)),
])
def test_results_are_valid_for_two_calendar_years(tested, until):
    assert clb.valid_until(tested) == until


def test_inconsistent_rules_are_refused():
    good = clb.rules()
    ielts = clb.tables_for("IELTS General Training")[0]
    swapped = dataclasses.replace(ielts, bands=(ielts.bands[1], ielts.bands[0], *ielts.bands[2:]))
    with pytest.raises(clb.RulesError):
        clb._check(dataclasses.replace(good, tables=tuple(swapped if t is ielts else t for t in good.tables)))
    with pytest.raises(clb.RulesError):
        clb._check(dataclasses.replace(good, tef_cutover=dt.date(2023, 12, 10)))
