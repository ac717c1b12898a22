"""LNG001-LNG005 and the language checklist item: each code firing and not firing at its
boundaries, on Documents built in memory, then the fixtures/cases/lang-* folders end to end."""
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from checks import language as lng
from validator.case import Applicant, Case, FamilyMember, Work, load_case
from validator.checklist import language as checklist
from validator.config import Config, Policy
from validator.model import Document, Field, Page
from validator.registry import Context
from validator.runner import audit, run_checks

D = dt.date.fromisoformat
AS_OF = D("2025-08-01")
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
EXPECTED = json.loads((CASES / "lang-expected.json").read_text(encoding="utf-8"))
CHECKS = [lng.language_test_expired, lng.language_test_expiring, lng.language_test_not_accepted,
          lng.below_minimum_clb, lng.missing_language_test]


def result(test="IELTS General Training", tested="2025-01-20", name="Priya Sharma", scores=None, clb=None,
           rel="ielts.pdf", test_confidence=1.0, date_confidence=1.0) -> Document:
    fields = {"test": Field(test, 1, test, test_confidence),
              "test_date": Field(D(tested), 1, f"Test Date {tested}", date_confidence, "day"),
              "candidate_name": Field(name, 1, name)}
    if scores:
        fields["scores"] = Field(dict(scores), 1, "Listening Reading Writing Speaking")
    if clb:
        fields["clb"] = Field(dict(clb), 1, "Listening Reading Writing Speaking", min(test_confidence, date_confidence))
    return Document(path=Path("/case") / rel, rel=rel, sha256="0" * 64, size=1, format="pdf",
                    kind="language_test", fields=fields, pages=(Page(1, f"{test} {tested}"),))


def ielts(listening, reading, writing, speaking, levels, **kw) -> Document:
    scores = dict(zip(("listening", "reading", "writing", "speaking"), (listening, reading, writing, speaking)))
    return result(scores=scores, clb=dict(zip(scores, levels)), **kw)


def case(program="FSW", work=(), family=(), name="Priya Sharma") -> Case:
    return Case(path=Path("/case/case.toml"), program=program, as_of=AS_OF, applicant=Applicant(name=name),
                work=tuple(work), family=tuple(family), declared=frozenset({"case", "applicant"}))


def job(noc, index=1, employer="Maple Leaf Bistro Inc.") -> Work:
    return Work(employer, "Cook", noc, D("2022-05-02"), None, 40.0, index)


def findings(docs, the_case, as_of=AS_OF, checks=CHECKS, policy=None):
    policy = policy or Policy()
    ctx = Context(documents=tuple(docs), case=the_case, policy=policy, as_of=as_of)
    found, notices = run_checks(checks, ctx, Config(policy=policy))
    assert notices == []
    return found, ctx


def codes(docs, the_case=None, **kw) -> list[str]:
    return sorted(f.code for f in findings(docs, the_case, **kw)[0])


def messages(code, docs, the_case=None, **kw) -> list[str]:
    return [f.message for f in findings(docs, the_case, **kw)[0] if f.code == code]


# --- LNG001 / LNG002: the two years ------------------------------------------------------------

@pytest.mark.parametrize("tested, as_of, expired", [
    ("2023-08-01", "2025-08-01", False),  # exactly two years: still valid ("more than 2 years" expires)
    ("2023-08-01", "2025-08-02", True),
    ("2024-02-29", "2026-02-28", False),  # 29 Feb + 2 years = 28 Feb
    ("2024-02-29", "2026-03-01", True),
])
def test_lng001_fires_the_day_after_two_calendar_years(tested, as_of, expired):
    found = codes([result(tested=tested)], as_of=D(as_of))
    assert ("LNG001" in found) is expired


def test_lng001_message_names_the_test_and_dates():
    [message] = messages("LNG001", [result(tested="2023-05-10")])
    assert message.startswith("IELTS General Training taken on 2023-05-10 was valid until 2025-05-10")
    assert "2025-08-01" in message


def test_lng001_does_not_judge_tests_ircc_refuses_anyway():
    assert "LNG001" not in codes([result(test="IELTS Academic", tested="2020-01-01")])


def test_lng001_says_when_the_date_is_unsure():
    [message] = messages("LNG001", [result(tested="2023-04-03", date_confidence=0.5)])
    assert "low confidence" in message


@pytest.mark.parametrize("days_left, warned", [(61, False), (60, True), (1, True), (0, True), (-1, False)])
def test_lng002_warning_window_boundaries(days_left, warned):
    tested = D("2023-09-15")  # valid until 2025-09-15
    as_of = D("2025-09-15") - dt.timedelta(days=days_left)
    found = codes([result(tested=tested.isoformat())], as_of=as_of)
    assert ("LNG002" in found) is warned
    assert ("LNG001" in found) is (days_left < 0)


def test_lng002_window_follows_the_policy():
    doc = result(tested="2023-09-15")  # 45 days left on 2025-08-01
    assert "LNG002" not in codes([doc], policy=Policy(language_expiry_warning_days=30))
    [message] = messages("LNG002", [doc])
    assert "valid until 2025-09-15, 45 days after the as-of date 2025-08-01 (warning window: 60 days)" in message


# --- LNG003: the test itself ---------------------------------------------------------------------

@pytest.mark.parametrize("test, instead", [("IELTS Academic", "IELTS General Training"),
                                           ("CELPIP-General LS", "CELPIP-General"), ("PTE Academic", "PTE Core")])
def test_lng003_fires_for_the_wrong_version_and_names_the_right_one(test, instead):
    [finding] = [f for f in findings([result(test=test)], None)[0] if f.code == "LNG003"]
    assert test in finding.message and f"Take {instead} instead" in finding.hint
    assert finding.file == "ielts.pdf" and finding.page == 1


def test_lng003_names_an_other_test():
    doc = result(test="other")
    doc.fields["test_name"] = Field("TOEFL iBT", 1, "TOEFL iBT")
    assert messages("LNG003", [doc]) == ["TOEFL iBT (test date 2025-01-20) is not a test IRCC accepts for Express Entry."]


@pytest.mark.parametrize("test", ["IELTS General Training", "CELPIP-General", "PTE Core", "TEF Canada", "TCF Canada"])
def test_lng003_is_silent_for_accepted_tests(test):
    assert "LNG003" not in codes([result(test=test)])


def test_lng003_says_when_the_version_could_not_be_read():
    [message] = messages("LNG003", [result(test_confidence=0.5)])
    assert "does not show which version" in message and "IELTS General Training" in message


# --- LNG004: the program minimum -------------------------------------------------------------------

BELOW_FSW = {"listening": 5.5, "reading": 6.5, "writing": 5.0, "speaking": 6.0, "levels": (6, 8, 5, 7)}
AT_FSW = {"listening": 6.0, "reading": 6.0, "writing": 6.0, "speaking": 6.0, "levels": (7, 7, 7, 7)}


def test_lng004_fsw_below_names_test_date_abilities_scores_levels_and_minimum():
    [finding] = [f for f in findings([ielts(**BELOW_FSW)], case("FSW"))[0] if f.code == "LNG004"]
    assert finding.message == (
        "IELTS General Training (test date 2025-01-20): listening 5.5 (CLB 6, minimum CLB 7) and writing 5.0 "
        "(CLB 5, minimum CLB 7) are below the FSW minimum. FSW requires CLB 7 in each ability.")
    assert finding.file == "ielts.pdf" and finding.evidence


def test_lng004_fsw_at_the_minimum_passes():
    assert "LNG004" not in codes([ielts(**AT_FSW)], case("FSW"))


def test_lng004_a_second_language_below_the_minimum_is_no_defect():
    french = result(test="TCF Canada", rel="tcf.pdf", scores={"listening": 400}, clb={
        "listening": 6, "reading": 5, "writing": 5, "speaking": 5})
    assert "LNG004" not in codes([ielts(**AT_FSW), french], case("FSW"))


def test_lng004_ignores_a_spouses_result_and_expired_results():
    spouse = ielts(**BELOW_FSW, name="Arjun Sharma", rel="spouse.pdf")
    old = ielts(**BELOW_FSW, tested="2022-01-10", rel="old.pdf")
    the_case = case("FSW", family=[FamilyMember("spouse", "Arjun Sharma", None, True)])
    assert "LNG004" not in codes([ielts(**AT_FSW), spouse, old], the_case)
    assert "LNG004" not in codes([old], the_case)  # LNG001's concern


def test_lng004_names_below_the_table():
    doc = ielts(4.0, 6.0, 6.0, 6.0, (3, 7, 7, 7))
    [message] = messages("LNG004", [doc], case("FSW"))
    assert "listening 4.0 (below CLB 4, minimum CLB 7)" in message


def test_lng004_an_ability_without_a_level_is_not_shown_to_meet_the_minimum():
    """CELPIP 'NA' (or a blank cell): no level for writing; 'M' in reading: a level, no number."""
    doc = result(test="CELPIP-General", rel="celpip.pdf",
                 scores={"listening": 9, "reading": None, "writing": None, "speaking": 9},
                 clb={"listening": 9, "reading": 3, "writing": None, "speaking": 9})
    [message] = messages("LNG004", [doc], case("FSW"))
    assert ("reading without a numeric score (below CLB 4, minimum CLB 7) is below the FSW minimum. "
            "No level was read for writing: the report shows none (NA, a blank cell) or prcheck could not "
            "read it, so the minimum is not shown to be met.") in message
    only_unread = result(test="CELPIP-General", rel="celpip.pdf", scores={"listening": 9},
                         clb={"listening": 9, "reading": 9, "writing": None, "speaking": 9})
    [message] = messages("LNG004", [only_unread], case("FSW"))
    assert message.startswith("CELPIP-General (test date 2025-01-20): No level was read for writing")


def test_lng004_cec_with_a_teer_3_job_needs_clb_5():
    doc = ielts(5.0, 4.0, 5.0, 5.0, (5, 5, 5, 5))
    assert "LNG004" not in codes([doc], case("CEC", work=[job("63200")]))
    assert "LNG004" in codes([doc], case("CEC", work=[job("21231")]))


def test_lng004_cec_takes_the_most_lenient_job_and_says_which():
    doc = ielts(5.0, 4.0, 4.5, 5.0, (5, 5, 4, 5))
    [message] = messages("LNG004", [doc], case("CEC", work=[job("21231", 1, "Northern Code Ltd."), job("63200", 2)]))
    assert ("CEC requires CLB 5 in each ability for a TEER 3 job, the most lenient minimum among the declared "
            "jobs (TEER 1, 3): work entry 2 (Maple Leaf Bistro Inc., NOC 63200)") in message


def test_lng004_cec_without_a_noc_assumes_clb_7_and_says_why():
    doc = ielts(5.5, 6.0, 6.0, 6.0, (6, 7, 7, 7))
    [message] = messages("LNG004", [doc], case("CEC", work=[job(None)]))
    assert "CLB 7 in each ability assumed: no declared job has a NOC in TEER 0-3" in message


@pytest.mark.parametrize("levels, fires", [((5, 4, 4, 5), False), ((5, 3, 4, 5), True), ((4, 4, 4, 5), True)])
def test_lng004_fst_speaking_listening_5_reading_writing_4(levels, fires):
    doc = ielts(5.0, 3.5, 4.0, 5.0, levels)
    assert ("LNG004" in codes([doc], case("FST"))) is fires


def test_lng004_needs_a_program_and_cas001_says_so():
    from checks.case import fact_not_declared
    found, ctx = findings([ielts(**BELOW_FSW)], case(program=None), checks=[*CHECKS, fact_not_declared])
    assert "LNG004" not in {f.code for f in found}
    assert ctx.unmet == {"case.program": ["LNG004"]}
    assert any(f.code == "CAS001" and "case.program (needed by LNG004)" in f.message for f in found)


def test_lng004_uses_nclc_for_french_tests():
    doc = result(test="TCF Canada", scores={"listening": 523, "reading": 498, "writing": 12, "speaking": 6},
                 clb={"listening": 9, "reading": 7, "writing": 8, "speaking": 5})
    [message] = messages("LNG004", [doc], case("FSW"))
    assert "speaking 6 (NCLC 5, minimum NCLC 7) is below the FSW minimum" in message


# --- LNG005: an accepted result for the principal applicant ------------------------------------------

def test_lng005_fires_with_no_result_at_all():
    [finding] = [f for f in findings([], case())[0] if f.code == "LNG005"]
    assert finding.file is None and "No accepted language test result" in finding.message


def test_lng005_and_lng003_for_ielts_academic_only():
    found = codes([result(test="IELTS Academic")], case())
    assert "LNG003" in found and "LNG005" in found
    [message] = messages("LNG005", [result(test="IELTS Academic")], case())
    assert "Found: ielts.pdf: IELTS Academic, not accepted." in message


def test_lng005_silent_with_an_accepted_result_even_expired():
    assert "LNG005" not in codes([result()], case())
    assert "LNG005" not in codes([result(tested="2020-01-01")], case())


def test_lng005_a_spouses_result_does_not_count():
    [message] = messages("LNG005", [result(name="Arjun Sharma")], case())
    assert "Arjun Sharma's result, not the applicant's" in message


def test_lng005_needs_a_case_file():
    assert codes([]) == []


@pytest.mark.parametrize("declared, printed, same", [
    ("Priya Sharma", "PRIYA SHARMA", True), ("Priya Sharma", "Sharma Priya Kumari", True),
    ("Lucía García", "Lucia Garcia", True), ("Priya Sharma", "Arjun Sharma", False)])
def test_whose_result_tolerates_order_case_accents_and_middle_names(declared, printed, same):
    from validator.case import Applicant, Case
    from validator.model import Document, Field
    result = Document(path=Path("t.pdf"), rel="t.pdf", sha256="0" * 64, size=1, format="pdf",
                      kind="language_test", fields={"candidate_name": Field(printed)})
    assert checklist.is_applicants(result, Case(applicant=Applicant(name=declared))) is same


# --- checklist ---------------------------------------------------------------------------------------

def checklist_items(docs, the_case):
    _, ctx = findings(docs, the_case, checks=[])
    return list(checklist.items(ctx))


def test_checklist_lists_accepted_unexpired_results_of_the_applicant():
    docs = [result(rel="ielts.pdf"), result(rel="old.pdf", tested="2022-01-01"),
            result(test="IELTS Academic", rel="academic.pdf"), result(name="Arjun Sharma", rel="spouse.pdf")]
    [item] = checklist_items(docs, case())
    assert item.item == ("Language test (accepted: IELTS General Training, CELPIP-General, PTE Core, "
                         "TEF Canada or TCF Canada)")
    assert (item.status, item.files) == ("present", ("ielts.pdf",))


def test_checklist_missing_when_only_expired():
    [item] = checklist_items([result(tested="2022-01-01")], case())
    assert (item.status, item.files) == ("missing", ())


def test_no_checklist_item_without_a_case_file():
    assert checklist_items([result()], None) == []


# --- the case folders end to end ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def audited():
    reports = {}
    for folder in EXPECTED:
        the_case = load_case(CASES / folder / "case.toml")
        reports[folder] = audit(CASES / folder, the_case, Config(), the_case.as_of, jobs=1).report
    return reports


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_case_folder(audited, folder):
    found = {f.code for f in audited[folder].findings}
    assert set(EXPECTED[folder]["must"]) <= found
    assert not set(EXPECTED[folder]["must_not"]) & found


def test_case_folder_messages(audited):
    def message(folder, code):
        return next(f.message for f in audited[folder].findings if f.code == code)
    assert "speaking 6 (NCLC 5, minimum NCLC 7)" in message("lang-cec-no-noc", "LNG004")
    assert "CLB 7 in each ability assumed" in message("lang-cec-no-noc", "LNG004")
    assert "valid until 2025-05-10" in message("lang-expired", "LNG001")
    assert "45 days after" in message("lang-expiring", "LNG002")
    assert re.search(r"case\.program \(needed by [^)]*LNG004", message("lang-no-program", "CAS001"))


def test_lang_case_folders_cover_every_code():
    required = {code for spec in EXPECTED.values() for code in spec["must"]}
    assert {"LNG001", "LNG002", "LNG003", "LNG004", "LNG005"} <= required
