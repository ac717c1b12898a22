"""Audit history: each audit of a case folder in SQLite, and what changed since the last one.

The database holds personal data (file names, messages quoting documents), so the files it
creates are mode 0600 and its default home is the user's data directory, never the case
folder. The clock is not read here: the command line passes the time of the audit in.

A finding's identity is its code, file and message: a finding whose severity changed (a
configuration change) is neither new nor resolved. Only open findings are recorded, so a
finding that gets suppressed counts as resolved, and as new again when its suppression expires.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .model import Finding, Report, Severity

DB_NAME = "history.sqlite3"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    folder TEXT NOT NULL,          -- the case folder's resolved path
    as_of TEXT NOT NULL,           -- YYYY-MM-DD
    recorded_at TEXT NOT NULL      -- ISO 8601 with offset
);
CREATE INDEX IF NOT EXISTS audit_by_folder ON audit (folder, id);
CREATE TABLE IF NOT EXISTS finding (
    audit_id INTEGER NOT NULL REFERENCES audit (id),
    code TEXT NOT NULL,
    file TEXT,                     -- NULL: about the case as a whole
    message TEXT NOT NULL,
    severity TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS finding_by_audit ON finding (audit_id);
"""


class HistoryError(Exception):
    """The history database cannot be read or written."""


@dataclass(frozen=True)
class Recorded:
    """A finding as the history keeps it."""

    code: str
    file: str | None
    message: str
    severity: Severity

    @property
    def identity(self) -> tuple[str, str | None, str]:
        return (self.code, self.file, self.message)

    @classmethod
    def of(cls, finding: Finding) -> Recorded:
        return cls(finding.code, finding.file, finding.message, finding.severity)

    def to_json(self) -> dict:
        return {"code": self.code, "file": self.file, "message": self.message,
                "severity": self.severity.value}


@dataclass(frozen=True)
class PastAudit:
    recorded_at: dt.datetime
    as_of: dt.date
    findings: tuple[Recorded, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def to_json(self) -> dict:
        return {"recorded_at": self.recorded_at.isoformat(), "as_of": self.as_of.isoformat(),
                "errors": self.count(Severity.ERROR), "warnings": self.count(Severity.WARNING),
                "info": self.count(Severity.INFO)}


@dataclass(frozen=True)
class Changes:
    """What changed since the previous audit of the same folder (none: the first audit)."""

    previous: PastAudit | None
    new: tuple[Recorded, ...] = ()
    resolved: tuple[Recorded, ...] = ()

    def to_json(self) -> dict:
        return {"previous_audit": self.previous.to_json() if self.previous else None,
                "new": [f.to_json() for f in self.new],
                "resolved": [f.to_json() for f in self.resolved]}


def default_path() -> Path:
    import platformdirs
    return Path(platformdirs.user_data_dir("prcheck")) / DB_NAME


def compare(previous: PastAudit | None, current: Iterable[Recorded]) -> Changes:
    current = tuple(current)
    if previous is None:
        return Changes(None)
    before = {f.identity for f in previous.findings}
    now = {f.identity for f in current}
    return Changes(previous,
                   new=tuple(f for f in current if f.identity not in before),
                   resolved=tuple(f for f in previous.findings if f.identity not in now))


def record(db: Path, folder: Path, report: Report, recorded_at: dt.datetime) -> Changes:
    """Store this audit of ``folder`` (a resolved path) and compare it with the previous one."""
    current = tuple(Recorded.of(f) for f in report.findings)
    try:
        with _connect(db, create=True) as conn:
            # IMMEDIATE: two audits of the same folder at once each compare with a complete one.
            conn.execute("BEGIN IMMEDIATE")
            last = conn.execute("SELECT id, recorded_at, as_of FROM audit WHERE folder = ? "
                                "ORDER BY id DESC LIMIT 1", (str(folder),)).fetchone()
            previous = _past_audit(conn, last) if last else None
            audit_id = conn.execute("INSERT INTO audit (folder, as_of, recorded_at) VALUES (?, ?, ?)",
                                    (str(folder), report.as_of.isoformat(),
                                     recorded_at.isoformat())).lastrowid
            conn.executemany("INSERT INTO finding (audit_id, code, file, message, severity) "
                             "VALUES (?, ?, ?, ?, ?)",
                             [(audit_id, f.code, f.file, f.message, f.severity.value) for f in current])
            conn.execute("COMMIT")
    except (sqlite3.Error, OSError, ValueError) as exc:  # ValueError: a row that is not ours
        raise HistoryError(f"{db}: {exc}") from None
    return compare(previous, current)


def past_audits(db: Path, folder: Path) -> list[tuple[PastAudit, Changes]]:
    """Every recorded audit of ``folder``, oldest first, each with its changes from the one before."""
    if not db.is_file():
        return []
    try:
        with _connect(db, create=False) as conn:
            rows = conn.execute("SELECT id, recorded_at, as_of FROM audit WHERE folder = ? ORDER BY id",
                                (str(folder),)).fetchall()
            audits = [_past_audit(conn, row) for row in rows]
    except (sqlite3.Error, OSError, ValueError) as exc:  # ValueError: a row that is not ours
        raise HistoryError(f"{db}: {exc}") from None
    return [(audit, compare(audits[i - 1] if i else None, audit.findings)) for i, audit in enumerate(audits)]


@contextmanager
def _connect(db: Path, *, create: bool) -> Iterator[sqlite3.Connection]:
    """A connection that is closed on exit (sqlite3's own context manager only commits)."""
    if create:
        _create_private(db)
        conn = sqlite3.connect(db, timeout=10, isolation_level=None)
    else:  # listing must not create a database (or its folder) as a side effect
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        if create:
            conn.executescript(SCHEMA)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        yield conn
    finally:
        conn.close()


def _create_private(db: Path) -> None:
    """Create the database file (and its folder) readable by the user alone.

    sqlite would create it with the umask's permissions; creating it first with 0600 fixes
    that, and sqlite gives its journal files the database file's permissions.
    """
    db.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(db, os.O_CREAT | os.O_RDWR, 0o600))


def _past_audit(conn: sqlite3.Connection, row: tuple) -> PastAudit:
    audit_id, recorded_at, as_of = row
    findings = conn.execute("SELECT code, file, message, severity FROM finding WHERE audit_id = ? "
                            "ORDER BY rowid", (audit_id,)).fetchall()
    return PastAudit(dt.datetime.fromisoformat(recorded_at), dt.date.fromisoformat(as_of),
                     tuple(Recorded(c, f, m, Severity(s)) for c, f, m, s in findings))
