"""Settlement funds: who must show them, for how many people, and how much.

The amounts live in ``rules/settlement_funds.toml`` with their effective dates; this module
reads them once and picks the table in force on a given day. Pure functions of the case.
"""
from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from .case import Case

PROGRAMS_REQUIRING_FUNDS = ("FSW", "FST")


@dataclass(frozen=True)
class FundsTable:
    effective: dt.date
    amounts: tuple[int, ...]  # required for a family of 1, 2, ... len(amounts)
    each_additional: int
    source: str

    def required(self, family_size: int) -> int:
        if family_size < 1:
            raise ValueError("a family counts at least the applicant")
        if family_size <= len(self.amounts):
            return self.amounts[family_size - 1]
        return self.amounts[-1] + (family_size - len(self.amounts)) * self.each_additional


@functools.cache
def tables() -> tuple[FundsTable, ...]:
    """Every table in the rules file, newest first."""
    data = tomllib.loads(resources.files("validator").joinpath("rules/settlement_funds.toml").read_text("utf-8"))
    found = [FundsTable(t["effective"], tuple(t["amounts"]), t["each_additional"], data["source"])
             for t in data["table"]]
    return tuple(sorted(found, key=lambda t: t.effective, reverse=True))


def table_on(day: dt.date) -> FundsTable:
    """The table in force on ``day``; before the oldest one known, the oldest (and callers say so)."""
    return next((t for t in tables() if t.effective <= day), tables()[-1])


def family_size(case: Case) -> int:
    """The applicant plus every [[family]] entry, accompanying or not (SPEC §2)."""
    return 1 + len(case.family)


def exemption(case: Case) -> str | None:
    """Why the case needs no settlement funds, or None when it does (or the program is unknown)."""
    if case.applicant.settlement_funds_exempt:
        return "the applicant is declared exempt (settlement_funds_exempt = true: work authorisation and a valid job offer)"
    if case.program == "CEC":
        return "the Canadian Experience Class does not require settlement funds"
    return None


def funds_required(case: Case | None) -> bool | None:
    """True for FSW and FST without an exemption; None when the program is not declared."""
    if case is None or (case.program is None and not case.applicant.settlement_funds_exempt):
        return None
    return exemption(case) is None and case.program in PROGRAMS_REQUIRING_FUNDS
