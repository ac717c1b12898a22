"""The audit history: recording, new and resolved findings, the history command, privacy."""
from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.cli import cli
from validator.history import HistoryError, Recorded, past_audits, record
from validator.model import ERROR, INFO, WARNING, Finding, Report

T0 = dt.datetime(2025, 7, 28, 15, 4, tzinfo=dt.UTC)


def report(*findings: Finding, as_of=dt.date(2025, 8, 1)) -> Report:
    return Report(folder="case", case_file=None, as_of=as_of, program=None, documents=(), findings=findings)


HOURS = Finding("EMP003", "missing-hours", ERROR, "No hours.", "work/a.pdf")
CONTACT = Finding("EMP006", "missing-employer-contact", WARNING, "No phone.", "work/a.pdf")
FACTS = Finding("CAS001", "fact-not-declared", INFO, "No case file.")


def test_first_audit_has_nothing_to_compare_with(tmp_path):
    changes = record(tmp_path / "h.sqlite3", Path("/cases/a"), report(HOURS), T0)
    assert changes.previous is None and changes.new == () and changes.resolved == ()
    assert changes.to_json() == {"previous_audit": None, "new": [], "resolved": []}


def test_a_fixed_finding_is_resolved_and_a_new_one_is_new(tmp_path):
    db = tmp_path / "h.sqlite3"
    record(db, Path("/cases/a"), report(HOURS, FACTS), T0)
    changes = record(db, Path("/cases/a"), report(CONTACT, FACTS), T0 + dt.timedelta(days=1))
    assert changes.previous.recorded_at == T0 and changes.previous.count(ERROR) == 1
    assert changes.new == (Recorded.of(CONTACT),)
    assert changes.resolved == (Recorded.of(HOURS),)
    assert changes.to_json()["resolved"] == [{"code": "EMP003", "file": "work/a.pdf", "message": "No hours.",
                                              "severity": "error"}]


def test_identity_is_code_file_and_message_not_severity(tmp_path):
    db = tmp_path / "h.sqlite3"
    record(db, Path("/cases/a"), report(CONTACT), T0)
    as_error = Finding(CONTACT.code, CONTACT.name, ERROR, CONTACT.message, CONTACT.file)
    changes = record(db, Path("/cases/a"), report(as_error), T0)
    assert changes.new == () and changes.resolved == ()


def test_folders_have_separate_histories_and_the_listing_compares_neighbours(tmp_path):
    db = tmp_path / "h.sqlite3"
    record(db, Path("/cases/a"), report(HOURS), T0)
    record(db, Path("/cases/b"), report(), T0)
    record(db, Path("/cases/a"), report(CONTACT), T0 + dt.timedelta(hours=1))
    record(db, Path("/cases/a"), report(CONTACT), T0 + dt.timedelta(hours=2))
    audits = past_audits(db, Path("/cases/a"))
    assert [(len(c.new), len(c.resolved)) for _, c in audits[1:]] == [(1, 1), (0, 0)]
    assert audits[0][1].previous is None
    assert [a.recorded_at.hour for a, _ in audits] == [15, 16, 17]
    assert past_audits(db, Path("/cases/none")) == []


def test_the_database_is_private_and_listing_never_creates_one(tmp_path):
    db = tmp_path / "data" / "prcheck" / "h.sqlite3"
    assert past_audits(db, Path("/cases/a")) == [] and not db.parent.exists()
    record(db, Path("/cases/a"), report(HOURS), T0)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in db.parent.iterdir()) == ["h.sqlite3"]  # no journal left behind


def test_a_corrupt_database_is_a_history_error(tmp_path):
    db = tmp_path / "h.sqlite3"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(HistoryError, match="h.sqlite3"):
        record(db, Path("/cases/a"), report(), T0)
    with pytest.raises(HistoryError):
        past_audits(db, Path("/cases/a"))


# --- through the command line ----------------------------------------------------------------

@pytest.fixture
def env(tmp_path, monkeypatch):
    """Point the user data and cache directories into the test's folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def folder(env):
    case = env / "case"
    case.mkdir()
    (case / "notes.txt").write_text("notes")
    (case / "draft.txt").write_text("draft")
    return case


def audit(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["audit", str(folder), "--as-of", "2025-08-01", "--select", "FIL",
                                    "--format", "json", *args])


def test_two_audits_with_one_finding_fixed(folder, env):
    db = env / "audits.sqlite3"
    first = json.loads(audit(folder, "--history", str(db)).stdout)
    assert first["history"] == {"previous_audit": None, "new": [], "resolved": []}
    (folder / "draft.txt").unlink()  # the paralegal fixes one finding
    second = json.loads(audit(folder, "--history", str(db)).stdout)
    assert second["history"]["previous_audit"]["warnings"] == 2
    assert second["history"]["new"] == []
    assert [f["file"] for f in second["history"]["resolved"]] == ["draft.txt"]
    for fmt in ("text", "markdown", "html"):
        out = audit(folder, "--history", str(db), "--format", fmt).stdout
        assert "0 new, 0 resolved" in out, fmt

    listing = CliRunner().invoke(cli, ["history", str(folder), "--history", str(db)])
    assert listing.exit_code == 0, listing.output
    lines = listing.stdout.splitlines()
    assert lines[0] == f"5 audits of {folder.resolve()} (history: {db})"
    assert lines[2].split() == ["recorded", "as", "of", "errors", "warnings", "info", "new", "resolved"]
    rows = [line.split()[4:] for line in lines[3:] if not line.startswith("    ")]
    assert rows[:2] == [["0", "2", "0", "–", "–"], ["0", "1", "0", "0", "1"]]
    assert "    - FIL004 draft.txt: " in listing.stdout


def test_default_database_is_in_the_user_data_directory(folder, env):
    audit(folder)
    db = env / "data" / "prcheck" / "history.sqlite3"
    assert db.is_file() and stat.S_IMODE(db.stat().st_mode) == 0o600
    listing = CliRunner().invoke(cli, ["history", str(folder)])
    assert listing.stdout.startswith(f"1 audit of {folder.resolve()}")


def test_no_cache_records_no_history_unless_asked(folder, env):
    result = json.loads(audit(folder, "--no-cache").stdout)
    assert "history" not in result and not (env / "data").exists()
    explicit = env / "explicit.sqlite3"
    assert "history" in json.loads(audit(folder, "--no-cache", "--history", str(explicit)).stdout)
    assert explicit.is_file()


def test_a_broken_history_costs_only_the_history(folder, env):
    db = env / "broken.sqlite3"
    db.write_bytes(b"not a database" * 100)
    result = audit(folder, "--history", str(db))
    assert result.exit_code == 0
    assert "history" not in json.loads(result.stdout)
    assert "prcheck: warning: the audit was not recorded in the history:" in result.stderr
    listing = CliRunner().invoke(cli, ["history", str(folder), "--history", str(db)])
    assert listing.exit_code == 2 and listing.stderr.startswith("prcheck: ")


def test_history_of_a_folder_never_audited(env):
    result = CliRunner().invoke(cli, ["history", str(env / "nowhere")])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"No recorded audits of {(env / 'nowhere').resolve()}")
