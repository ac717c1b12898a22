"""Accepted findings: ``prcheck-suppressions.toml`` in the case folder.

A firm that has reviewed a finding and decided to submit anyway writes it down once::

    [[suppress]]
    file = "work/acme-*.pdf"     # optional fnmatch glob on the relative path; omitted: any file
                                 # and the case-level findings (`*` also matches `/`)
    code = "EMP006"              # a code or a prefix ("EMP")
    reason = "Employer has no phone line; email confirmed with the officer's checklist."
    expires = 2025-09-30         # optional: from the day after, the finding is reported again
    reviewer = "J. Tremblay"     # optional

A suppressed finding leaves ``findings`` (so the summary and the exit code ignore it) but is
listed with its reason in every report that has sections; it is never silently dropped. A
suppression that has expired, or that matched nothing, is reported as a note, never as a
finding: the check codes are a contract (SPEC §4) and suppressions are not checks.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from .case import CaseError, _Reader  # the case file's validator: same `file:line: key` messages
from .config import CODE_PREFIX
from .model import Finding

FILE_NAME = "prcheck-suppressions.toml"


class SuppressionError(Exception):
    """An invalid suppressions file: exit 2 with this one-line message."""


@dataclass(frozen=True)
class Suppression:
    code: str  # a code or a prefix
    reason: str
    file: str | None = None  # glob on the relative path; None: any file and the case itself
    expires: dt.date | None = None
    reviewer: str | None = None
    line: int | None = None  # of its [[suppress]] header, for messages

    def matches(self, finding: Finding) -> bool:
        if not finding.code.startswith(self.code):
            return False
        if self.file is None:
            return True
        # Case-sensitive on every platform so a suppressions file means the same everywhere.
        return finding.file is not None and fnmatchcase(finding.file, self.file)

    def expired(self, as_of: dt.date) -> bool:
        return self.expires is not None and self.expires < as_of

    @property
    def scope(self) -> str:
        """``EMP006 in work/*.pdf`` / ``EMP006 (any file)``, for messages."""
        return f"{self.code} in {self.file}" if self.file is not None else f"{self.code} (any file)"

    @property
    def where(self) -> str:
        return f"{FILE_NAME}:{self.line}" if self.line else FILE_NAME


@dataclass(frozen=True)
class Suppressed:
    """A finding accepted by a suppression."""

    finding: Finding
    by: Suppression

    def to_json(self) -> dict:
        return {**self.finding.to_json(), "reason": self.by.reason, "reviewer": self.by.reviewer,
                "expires": self.by.expires.isoformat() if self.by.expires else None}


@dataclass(frozen=True)
class SuppressionNote:
    """A suppression that did not do its job: ``expired`` or ``unused``."""

    status: str
    suppression: Suppression
    message: str

    def to_json(self) -> dict:
        s = self.suppression
        return {"status": self.status, "line": s.line, "code": s.code, "file": s.file,
                "reason": s.reason, "expires": s.expires.isoformat() if s.expires else None,
                "message": self.message}


@dataclass(frozen=True)
class Outcome:
    findings: tuple[Finding, ...]  # still open
    suppressed: tuple[Suppressed, ...]
    notes: tuple[SuppressionNote, ...]


def load_suppressions(folder: Path) -> tuple[tuple[Suppression, ...], tuple[str, ...]]:
    """The folder's suppressions (none without a file) and warnings about unknown keys.

    Raises :class:`SuppressionError` naming the file, the line and the key.
    """
    path = folder / FILE_NAME
    if not path.is_file():
        return (), ()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise SuppressionError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise SuppressionError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SuppressionError(f"{path}: invalid TOML: {exc}") from None
    reader = _Reader(path, text)
    try:
        rules = tuple(_parse(reader, data))
    except CaseError as exc:  # the reader names the file alone; say which folder it is in
        raise SuppressionError(f"{folder}/{exc}") from None
    return rules, tuple(f"{folder}/{w}" for w in reader.warnings)


def _parse(reader: _Reader, data: dict) -> Iterator[Suppression]:
    for key in data:
        if key != "suppress":
            reader.warnings.append(f"{FILE_NAME}: unknown table '{key}' ignored")
    for i, entry in enumerate(reader.array(data, "suppress")):
        e = reader.table(entry, "suppress", i, {
            "code": ("text", True), "reason": ("text", True), "file": ("text", False),
            "expires": ("date", False), "reviewer": ("text", False)})
        code = e["code"].upper()
        if not CODE_PREFIX.match(code):
            raise reader.error("suppress", i, "code", f"'{e['code']}' is not a check code or prefix "
                                                      "(e.g. EMP003 or FIL)")
        yield Suppression(code=code, reason=e["reason"], file=e["file"], expires=e["expires"],
                          reviewer=e["reviewer"], line=reader.line_of("suppress", i, None))


def apply_suppressions(findings: Iterable[Finding], rules: Iterable[Suppression],
                       as_of: dt.date) -> Outcome:
    """Move the findings that an unexpired suppression matches out of the open findings.

    The first matching suppression (in file order) is the one credited.
    """
    rules = tuple(rules)
    active = [r for r in rules if not r.expired(as_of)]
    kept: list[Finding] = []
    suppressed: list[Suppressed] = []
    for finding in findings:
        by = next((r for r in active if r.matches(finding)), None)
        if by is None:
            kept.append(finding)
        else:
            suppressed.append(Suppressed(finding, by))
    used = {s.by for s in suppressed}
    notes = []
    for rule in rules:
        if rule.expired(as_of):
            again = sum(1 for f in kept if rule.matches(f))
            outcome = ("it matches no finding now, so it can be removed" if not again else
                       f"{again} finding{' it covered is' if again == 1 else 's it covered are'} reported again")
            notes.append(SuppressionNote("expired", rule, (
                f"{rule.where}: the suppression of {rule.scope} expired on {rule.expires} "
                f"(as of {as_of}); {outcome}.")))
        elif rule not in used:
            notes.append(SuppressionNote("unused", rule, (
                f"{rule.where}: the suppression of {rule.scope} matched no finding; "
                "remove it if the problem was fixed.")))
    return Outcome(tuple(kept), tuple(suppressed), tuple(notes))
