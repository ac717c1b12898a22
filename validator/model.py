"""The values that flow through an audit: pages, fields, documents and findings.

Everything here is a plain frozen dataclass so that checks (pure functions) cannot mutate
what the readers and extractors produced, and so that reports are reproducible.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: these modules build on this one
    from .case import Case
    from .history import Changes
    from .suppressions import Suppressed, SuppressionNote


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

KINDS = (
    "employment_letter", "police_certificate", "language_test", "eca_report",
    "birth_certificate", "marriage_certificate", "passport", "proof_of_funds",
    "translation", "unknown",
)


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str | None
    period: str | None  # hour | day | week | biweek | month | year | None

    def to_json(self) -> dict:
        return {"amount": self.amount, "currency": self.currency, "period": self.period}


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    text: str
    ocr: bool = False


@dataclass(frozen=True)
class Field:
    """One extracted fact and where it came from."""

    value: Any
    page: int | None = None
    evidence: str | None = None
    confidence: float = 1.0  # below 1.0: the extractor guessed (e.g. an ambiguous d/m order)
    precision: str | None = None  # for dates: "day" or "month" ("June 2021" is any day of June)


@dataclass(frozen=True)
class Problem:
    """A file-level defect found while taking in or reading a file (becomes a FIL finding)."""

    code: str
    message: str
    page: int | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class Document:
    path: Path  # absolute
    rel: str  # relative to the case folder, '/' separators
    sha256: str
    size: int
    format: str  # pdf | docx | image | doc | other
    pages: tuple[Page, ...] = ()
    kind: str = "unknown"
    language: str | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    errors: tuple[str, ...] = ()  # prcheck's own failures on this file (a bug), shown on stderr

    @property
    def readable(self) -> bool:
        """Text could be read: the document can serve as evidence for checks."""
        return bool(self.pages) and not any(p.code in UNREADABLE_CODES for p in self.problems)

    @property
    def ocr(self) -> bool:
        return any(p.ocr for p in self.pages)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    def value(self, name: str, default: Any = None) -> Any:
        f = self.fields.get(name)
        return default if f is None or f.value is None else f.value

    @property
    def positions(self) -> list[dict[str, Field]]:
        """An employment letter's positions, each a dict of fields (one for a single job)."""
        return list(self.value("positions", []))


# Problems after which a document holds no usable text.
UNREADABLE_CODES = frozenset({"FIL001", "FIL002", "FIL004", "FIL009"})


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    file: str | None = None
    page: int | None = None
    evidence: str | None = None
    hint: str | None = None

    def sort_key(self) -> tuple:
        return (self.file is not None, self.file or "", self.code, self.page or 0, self.message)

    def to_json(self) -> dict:
        return {
            "code": self.code, "name": self.name, "severity": self.severity.value,
            "message": self.message, "file": self.file, "page": self.page,
            "evidence": self.evidence, "hint": self.hint,
        }


@dataclass(frozen=True)
class ChecklistItem:
    item: str
    status: str  # present | missing | not-applicable
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    folder: str
    case_file: str | None
    as_of: date
    program: str | None
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]  # the open findings: what the summary and exit code count
    checklist: tuple[ChecklistItem, ...] = ()
    case: Case | None = None  # the declared facts, for the timeline; None without a case file
    suppressed: tuple[Suppressed, ...] = ()  # findings accepted in prcheck-suppressions.toml
    suppression_notes: tuple[SuppressionNote, ...] = ()  # expired or unused suppressions
    history: Changes | None = None  # what changed since the previous audit; None when not recorded

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)
