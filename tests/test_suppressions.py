"""prcheck-suppressions.toml: accepted findings, expired and unused suppressions, bad files."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.cli import cli
from validator.model import ERROR, INFO, WARNING, Finding
from validator.suppressions import FILE_NAME, Suppression, SuppressionError, apply_suppressions, load_suppressions

AS_OF = dt.date(2025, 8, 1)


def write(folder: Path, text: str) -> None:
    (folder / FILE_NAME).write_text(text, encoding="utf-8")


def f(code: str, file: str | None, severity=WARNING) -> Finding:
    return Finding(code=code, name="x", severity=severity, message=f"{code} on {file}", file=file)


# --- the file --------------------------------------------------------------------------------

def test_no_file_means_no_suppressions(tmp_path):
    assert load_suppressions(tmp_path) == ((), ())


def test_a_valid_file(tmp_path):
    write(tmp_path, """
# accepted after review
[[suppress]]
file = "work/*.pdf"
code = "emp006"
reason = "The employer has no phone line."
expires = 2025-09-30
reviewer = "J. Tremblay"

[[suppress]]
code = "CAS"
reason = "No case file for this pre-screen."
""")
    rules, warnings = load_suppressions(tmp_path)
    assert warnings == ()
    assert rules == (
        Suppression(code="EMP006", reason="The employer has no phone line.", file="work/*.pdf",
                    expires=dt.date(2025, 9, 30), reviewer="J. Tremblay", line=3),
        Suppression(code="CAS", reason="No case file for this pre-screen.", line=10),
    )


def test_a_missing_reason_names_the_file_the_line_and_the_key(tmp_path):
    write(tmp_path, '[[suppress]]\ncode = "EMP006"\nreason = "ok"\n\n[[suppress]]\ncode = "EMP003"\n')
    with pytest.raises(SuppressionError) as err:
        load_suppressions(tmp_path)
    assert str(err.value) == f"{tmp_path}/{FILE_NAME}:5: suppress[2]: missing required key 'reason'"


@pytest.mark.parametrize("entry, message", [
    ('code = "EMP006"\nreason = ""', ":3: suppress[1].reason: expected non-empty text, got ''"),
    ('code = "EMP006"\nreason = "r"\nexpires = "soon"',
     ":4: suppress[1].expires: 'soon' is not a date (write YYYY-MM-DD)"),
    ('code = "hours"\nreason = "r"', ":2: suppress[1].code: 'hours' is not a check code or prefix"),
    ('reason = "r"', ":1: suppress[1]: missing required key 'code'"),
])
def test_invalid_entries(tmp_path, entry, message):
    write(tmp_path, f"[[suppress]]\n{entry}\n")
    with pytest.raises(SuppressionError) as err:
        load_suppressions(tmp_path)
    assert str(err.value).startswith(f"{tmp_path}/{FILE_NAME}{message}")


def test_invalid_toml_and_wrong_shape(tmp_path):
    write(tmp_path, "[[suppress]\n")
    with pytest.raises(SuppressionError, match="invalid TOML"):
        load_suppressions(tmp_path)
    write(tmp_path, 'suppress = "EMP006"\n')
    with pytest.raises(SuppressionError, match=r"suppress: write each entry as a \[\[suppress\]\] table"):
        load_suppressions(tmp_path)


def test_unknown_keys_and_tables_are_warnings(tmp_path):
    write(tmp_path, '[[suppress]]\ncode = "EMP006"\nreason = "r"\ncolour = "red"\n\n[other]\nx = 1\n')
    rules, warnings = load_suppressions(tmp_path)
    assert len(rules) == 1
    assert warnings == (f"{tmp_path}/{FILE_NAME}: unknown table 'other' ignored",
                        f"{tmp_path}/{FILE_NAME}:4: unknown key 'suppress[1].colour' ignored")


# --- matching --------------------------------------------------------------------------------

def test_matching_by_code_prefix_and_file_glob():
    rule = Suppression(code="EMP", reason="r", file="work/*.pdf")
    assert rule.matches(f("EMP006", "work/acme.pdf"))
    assert rule.matches(f("EMP006", "work/old/acme.pdf"))  # fnmatch's * crosses folders
    assert not rule.matches(f("EMP006", "work/acme.docx"))
    assert not rule.matches(f("EMP006", "Work/acme.pdf"))  # case-sensitive everywhere
    assert not rule.matches(f("FIL004", "work/acme.pdf"))
    assert not rule.matches(f("EMP006", None))  # a file glob never matches the case itself
    anywhere = Suppression(code="CAS001", reason="r")
    assert anywhere.matches(f("CAS001", None)) and anywhere.matches(f("CAS001", "a.pdf"))


def test_apply_moves_matched_findings_and_reports_expired_and_unused_suppressions():
    findings = [f("CAS001", None, INFO), f("EMP006", "work/a.pdf"), f("FIL004", "notes.txt"),
                f("EMP003", "work/a.pdf", ERROR)]
    accepted = Suppression(code="EMP006", reason="ok", file="work/*", line=1)
    also = Suppression(code="EMP", reason="second", line=5)  # matches EMP006 too, but comes later
    expired = Suppression(code="FIL004", reason="old", expires=dt.date(2025, 7, 31), line=9)
    unused = Suppression(code="POL", reason="never", line=13)
    still_valid = Suppression(code="CAS001", reason="today", expires=AS_OF, line=17)
    outcome = apply_suppressions(findings, [accepted, also, expired, unused, still_valid], AS_OF)

    assert [x.code for x in outcome.findings] == ["FIL004"]  # what the summary and exit code count
    assert [(s.finding.code, s.by.reason) for s in outcome.suppressed] == [
        ("CAS001", "today"), ("EMP006", "ok"), ("EMP003", "second")]
    assert [(n.status, n.suppression.line) for n in outcome.notes] == [("expired", 9), ("unused", 13)]
    assert outcome.notes[0].message == (f"{FILE_NAME}:9: the suppression of FIL004 (any file) expired on "
                                        "2025-07-31 (as of 2025-08-01); 1 finding it covered is reported again.")
    assert outcome.notes[1].message == (f"{FILE_NAME}:13: the suppression of POL (any file) matched no finding; "
                                        "remove it if the problem was fixed.")


def test_an_expired_suppression_that_matches_nothing_says_it_can_go():
    [note] = apply_suppressions([], [Suppression(code="X", reason="r", expires=dt.date(2020, 1, 1))], AS_OF).notes
    assert note.message.endswith("it matches no finding now, so it can be removed.")


# --- through the command line ----------------------------------------------------------------

@pytest.fixture
def folder(tmp_path):
    """Two files the portal does not take: one FIL004 warning each (no extractor involved)."""
    case = tmp_path / "case"
    (case / "work").mkdir(parents=True)
    (case / "notes.txt").write_text("notes")
    (case / "work" / "draft.txt").write_text("draft")
    return case


def audit(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["audit", str(folder), "--as-of", "2025-08-01", "--no-cache",
                                    "--select", "FIL", *args])


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cli_exit_code_counts_the_remaining_findings_only(folder):
    assert audit(folder, "--fail-on", "warning").exit_code == 1
    write(folder, '[[suppress]]\ncode = "FIL004"\nreason = "Internal drafts, not submitted."\n')
    before = fingerprint(folder)
    result = audit(folder, "--fail-on", "warning", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["findings"] == [] and data["summary"]["warnings"] == 0
    assert sorted(s["file"] for s in data["suppressed"]) == ["notes.txt", "work/draft.txt"]
    assert fingerprint(folder) == before  # suppressions never change the case folder


def test_cli_reports_expired_and_unused_suppressions_in_every_format_with_sections(folder):
    write(folder, '[[suppress]]\nfile = "work/*"\ncode = "FIL004"\nreason = "Draft."\nreviewer = "J. T."\n\n'
                  '[[suppress]]\nfile = "notes.txt"\ncode = "FIL004"\nreason = "Old."\nexpires = 2025-06-30\n\n'
                  '[[suppress]]\ncode = "POL002"\nreason = "Short stay."\n')
    data = json.loads(audit(folder, "--format", "json").stdout)
    assert [f["file"] for f in data["findings"]] == ["notes.txt"]  # the expired one no longer hides it
    assert [s["file"] for s in data["suppressed"]] == ["work/draft.txt"]
    assert [(n["status"], n["line"]) for n in data["suppression_notes"]] == [("expired", 7), ("unused", 13)]
    assert {f["code"] for f in data["findings"]} <= {"FIL004"}  # notes are not findings with new codes
    for fmt in ("text", "markdown", "html"):
        out = audit(folder, "--format", fmt).stdout
        assert "Draft." in out and "expired on 2025-06-30" in out and "matched no finding" in out, fmt


def test_cli_missing_reason_is_a_usage_error(folder):
    write(folder, '[[suppress]]\ncode = "FIL004"\n')
    result = audit(folder)
    assert result.exit_code == 2
    assert result.stderr == f"prcheck: {folder}/{FILE_NAME}:1: suppress[1]: missing required key 'reason'\n"
