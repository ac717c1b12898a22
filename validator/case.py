"""The case file (``case.toml``): what the applicant declared in the Express Entry profile.

Every table is optional. A wrong value is a :class:`CaseError` whose message names the file,
the line and the key (``case.toml:12: work[2].from: ...``); an unknown key is a warning.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROGRAMS = ("FSW", "CEC", "FST")
MARITAL_STATUSES = ("single", "married", "common-law", "separated", "divorced", "widowed", "annulled")
RELATIONS = ("spouse", "common-law-partner", "child")


class CaseError(Exception):
    """An invalid case file: exit 2 with this one-line message."""


@dataclass(frozen=True)
class Applicant:
    name: str | None = None
    date_of_birth: dt.date | None = None
    marital_status: str | None = None
    foreign_education: bool | None = None
    settlement_funds_exempt: bool = False
    other_names: tuple[str, ...] = ()  # names used before: a maiden name, an earlier spelling


@dataclass(frozen=True)
class Residence:
    country: str
    region: str | None
    start: dt.date
    end: dt.date | None  # None: lives there now


@dataclass(frozen=True)
class Work:
    employer: str
    title: str | None
    noc: str | None
    start: dt.date | None
    end: dt.date | None  # None: current job
    hours_per_week: float | None
    index: int = 0  # 1-based position in the file, for messages


@dataclass(frozen=True)
class FamilyMember:
    relation: str
    name: str | None
    date_of_birth: dt.date | None
    accompanying: bool | None
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    path: Path | None = None
    program: str | None = None
    as_of: dt.date | None = None
    ita_date: dt.date | None = None
    profile_date: dt.date | None = None
    applicant: Applicant = Applicant()
    residence: tuple[Residence, ...] = ()
    work: tuple[Work, ...] = ()
    family: tuple[FamilyMember, ...] = ()
    warnings: tuple[str, ...] = ()
    declared: frozenset[str] = frozenset()  # the tables present in the file

    def has(self, table: str) -> bool:
        return table in self.declared


class _Reader:
    """Validates one TOML document, turning key paths into ``file:line: key`` messages."""

    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, text.splitlines()
        self.warnings: list[str] = []

    def line_of(self, table: str, index: int | None, key: str | None) -> int | None:
        """Best-effort line number of ``[table]`` / the index-th ``[[table]]`` and its key."""
        header = re.compile(r"^\s*\[\[\s*%s\s*\]\]" % re.escape(table) if index is not None
                            else r"^\s*\[\s*%s\s*\]" % re.escape(table))
        seen, start = -1, None
        for no, line in enumerate(self.lines, 1):
            if header.match(line):
                seen += 1
                if index is None or seen == index:
                    start = no
                    break
        if start is None:
            return None
        if key is None:
            return start
        key_re = re.compile(r"^\s*[\"']?%s[\"']?\s*=" % re.escape(key))
        for no in range(start + 1, len(self.lines) + 1):
            line = self.lines[no - 1]
            if re.match(r"^\s*\[", line):
                break
            if key_re.match(line):
                return no
        return start

    def error(self, table: str, index: int | None, key: str | None, problem: str) -> CaseError:
        where = table if index is None else f"{table}[{index + 1}]"
        if key:
            where += f".{key}"
        line = self.line_of(table, index, key)
        loc = f"{self.path.name}:{line}" if line else self.path.name
        return CaseError(f"{loc}: {where}: {problem}")

    def table(self, data: dict, table: str, index: int | None, spec: dict[str, tuple]) -> dict:
        """Check each key of one table against ``spec = {key: (kind, required)}``."""
        out: dict[str, Any] = {}
        for key in data:
            if key not in spec:
                where = table if index is None else f"{table}[{index + 1}]"
                line = self.line_of(table, index, key)
                self.warnings.append(f"{self.path.name}:{line or '?'}: unknown key '{where}.{key}' ignored")
        for key, (kind, required) in spec.items():
            if key not in data:
                if required:
                    raise self.error(table, index, None, f"missing required key '{key}'")
                out[key] = None
                continue
            out[key] = self.convert(data[key], kind, table, index, key)
        return out

    def convert(self, value: Any, kind: Any, table: str, index: int | None, key: str) -> Any:
        fail = lambda problem: self.error(table, index, key, problem)  # noqa: E731
        if kind == "date":
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value.strip())
                except ValueError:
                    raise fail(f"'{value}' is not a date (write YYYY-MM-DD)") from None
            raise fail(f"expected a date (YYYY-MM-DD), got {value!r}")
        if kind == "bool":
            if not isinstance(value, bool):
                raise fail(f"expected true or false, got {value!r}")
            return value
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise fail(f"expected a number, got {value!r}")
            if not 0 <= value <= 168:
                raise fail(f"{value} is not a number of hours in a week")
            return float(value)
        if kind == "noc":
            value = str(value).strip()
            if not re.fullmatch(r"\d{5}", value):
                raise fail(f"'{value}' is not a 5-digit NOC 2021 code")
            return value
        if kind == "names":
            if not isinstance(value, list):
                raise fail(f"expected a list of names, e.g. [\"Priya Verma\"], got {value!r}")
            return tuple(self.convert(v, "text", table, index, key) for v in value)
        if isinstance(kind, tuple):  # a choice
            if value not in kind:
                raise fail(f"'{value}' is not one of {', '.join(kind)}")
            return value
        if not isinstance(value, str) or not value.strip():
            raise fail(f"expected non-empty text, got {value!r}")
        return value.strip()

    def array(self, data: dict, table: str) -> list[dict]:
        value = data.get(table, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(table, None, None, f"write each entry as a [[{table}]] table")
        return value

    def period(self, table: str, index: int, start: dt.date | None, end: dt.date | None) -> None:
        if start and end and end < start:
            raise self.error(table, index, "to", f"'to' ({end}) is before 'from' ({start})")


def load_case(path: Path) -> Case:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CaseError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise CaseError(f"{path.name}: is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CaseError(f"{path.name}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per nesting level
        raise CaseError(f"{path.name}: invalid TOML: nested too deeply") from None
    r = _Reader(path, text)
    for key in data:
        if key not in ("case", "applicant", "residence", "work", "family"):
            r.warnings.append(f"{path.name}: unknown table '{key}' ignored")
    for key in ("case", "applicant"):
        if key in data and not isinstance(data[key], dict):
            raise r.error(key, None, None, f"write it as a [{key}] table")

    c = r.table(data.get("case", {}), "case", None, {
        "program": (PROGRAMS, False), "as_of": ("date", False),
        "ita_date": ("date", False), "profile_date": ("date", False)})
    a = r.table(data.get("applicant", {}), "applicant", None, {
        "name": ("text", False), "date_of_birth": ("date", False),
        "marital_status": (MARITAL_STATUSES, False), "foreign_education": ("bool", False),
        "settlement_funds_exempt": ("bool", False), "other_names": ("names", False)})

    residence = []
    for i, entry in enumerate(r.array(data, "residence")):
        e = r.table(entry, "residence", i, {"country": ("text", True), "region": ("text", False),
                                            "from": ("date", True), "to": ("date", False)})
        r.period("residence", i, e["from"], e["to"])
        if _is_us(e["country"]) and not e["region"]:
            raise r.error("residence", i, None, "missing 'region' (the state is required for the United States)")
        residence.append(Residence(e["country"], e["region"], e["from"], e["to"]))

    work = []
    for i, entry in enumerate(r.array(data, "work")):
        e = r.table(entry, "work", i, {"employer": ("text", True), "title": ("text", False),
                                       "noc": ("noc", False), "from": ("date", False), "to": ("date", False),
                                       "hours_per_week": ("number", False)})
        r.period("work", i, e["from"], e["to"])
        work.append(Work(e["employer"], e["title"], e["noc"], e["from"], e["to"], e["hours_per_week"], i + 1))

    family = []
    for i, entry in enumerate(r.array(data, "family")):
        e = r.table(entry, "family", i, {"relation": (RELATIONS, True), "name": ("text", False),
                                         "date_of_birth": ("date", False), "accompanying": ("bool", False),
                                         "other_names": ("names", False)})
        family.append(FamilyMember(e["relation"], e["name"], e["date_of_birth"], e["accompanying"],
                                   e["other_names"] or ()))

    return Case(path=path, program=c["program"], as_of=c["as_of"], ita_date=c["ita_date"],
                profile_date=c["profile_date"],
                applicant=Applicant(a["name"], a["date_of_birth"], a["marital_status"],
                                    a["foreign_education"], bool(a["settlement_funds_exempt"]), a["other_names"] or ()),
                residence=tuple(residence), work=tuple(work), family=tuple(family),
                warnings=tuple(r.warnings), declared=frozenset(data))


def _is_us(country: str) -> bool:
    return country.strip().lower().replace(".", "") in {"united states", "united states of america", "usa", "us"}
