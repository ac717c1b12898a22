"""Language test rules: accepted tests, validity, scores -> CLB/NCLC, and program minimums.

The numbers live in ``rules/clb.toml`` (with their sources and the test dates they apply to), so
a change by IRCC is a data change with a test. This module only knows how to read them: pick the
table in force on the test date, find the band a score falls in, and combine the program minimums
with the TEER of the jobs claimed. The data is checked for consistency when first loaded.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import itertools
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

ABILITIES = ("listening", "reading", "writing", "speaking")


@dataclass(frozen=True)
class Table:
    test: str
    benchmark: str  # CLB or NCLC
    source: str
    effective: dt.date
    until: dt.date | None
    max: dict[str, float]
    bands: tuple[tuple[int, dict[str, float]], ...]  # (level, lowest score per ability), best first

    @property
    def lowest_level(self) -> int:
        return self.bands[-1][0]

    def applies_on(self, test_date: dt.date) -> bool:
        return self.effective <= test_date and (self.until is None or test_date <= self.until)

    def level(self, ability: str, score: float) -> int | None:
        if not 0 <= score <= self.max[ability]:
            return None
        for level, lowest in self.bands:
            if score >= lowest[ability]:
                return level
        return self.lowest_level - 1  # below the table: "below CLB <lowest>" (see clb.toml)


@dataclass(frozen=True)
class Rules:
    accepted_tests: tuple[str, ...]
    validity_years: int
    tef_cutover: dt.date
    tables: tuple[Table, ...]
    minimums: dict[str, dict]


class RulesError(Exception):
    """clb.toml contradicts itself (a data-entry slip): fail loudly rather than convert wrongly."""


@functools.cache
def rules() -> Rules:
    data = tomllib.loads(resources.files("validator").joinpath("rules/clb.toml").read_text("utf-8"))
    tables = tuple(
        Table(test=t["test"], benchmark=t.get("benchmark", "CLB"), source=t["source"],
              effective=t["effective"], until=t.get("until"), max=t["max"],
              bands=tuple((b["clb"], {a: b[a] for a in ABILITIES}) for b in t["bands"]))
        for t in data["tables"])
    loaded = Rules(tuple(data["accepted_tests"]), data["validity_years"], data["tef_cutover"], tables,
                   data["minimums"])
    _check(loaded)
    return loaded


def _check(r: Rules) -> None:
    for table in r.tables:
        levels = [level for level, _ in table.bands]
        if levels != sorted(levels, reverse=True) or len(set(levels)) != len(levels):
            raise RulesError(f"{table.test}: bands must run from the best level down")
        for ability in ABILITIES:
            lows = [lowest[ability] for _, lowest in table.bands]
            if lows != sorted(lows, reverse=True) or lows[0] > table.max[ability]:
                raise RulesError(f"{table.test} {ability}: lowest scores must fall band by band")
    for test in r.accepted_tests:
        periods = sorted((t.effective, t.until or dt.date.max) for t in tables_for(test, r))
        if not periods:
            raise RulesError(f"accepted test {test} has no conversion table")
        for (_, end), (start, _) in itertools.pairwise(periods):
            if start != end + dt.timedelta(days=1):
                raise RulesError(f"{test}: tables must follow each other day by day ({end} -> {start})")
    tef = sorted(tables_for("TEF Canada", r), key=lambda t: t.effective)
    if [t.effective for t in tef[1:]] != [r.tef_cutover]:
        raise RulesError("tef_cutover must be the day the 0-699 TEF Canada table takes effect")


def tables_for(test: str, loaded: Rules | None = None) -> list[Table]:
    return [t for t in (loaded or rules()).tables if t.test == test]


def accepted_tests() -> tuple[str, ...]:
    return rules().accepted_tests


def is_accepted(test: str | None) -> bool:
    return test in rules().accepted_tests


def accepted_names() -> str:
    """'IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada'."""
    *first, last = rules().accepted_tests
    return f"{', '.join(first)} or {last}"


def valid_until(test_date: dt.date) -> dt.date:
    """The last day a result is valid: the test date plus 2 calendar years (29 Feb -> 28 Feb)."""
    year = test_date.year + rules().validity_years
    return test_date.replace(year=year, day=min(test_date.day, calendar.monthrange(year, test_date.month)[1]))


def table_for(test: str, test_date: dt.date | None) -> Table | None:
    """The table that converts ``test``'s results of ``test_date``.

    Without a date only a test with a single table can be converted: TEF Canada's two scales
    overlap (a new-scale 350 is below NCLC 4, an old-scale 350 is NCLC 10), so guessing would
    turn a missing date into a wrong level.
    """
    candidates = tables_for(test)
    if test_date is None:
        return candidates[0] if len(candidates) == 1 else None
    return next((t for t in candidates if t.applies_on(test_date)), None)


def to_clb(test: str, ability: str, score: float, test_date: dt.date | None) -> int | None:
    """The CLB (NCLC) level of one ability's score, or None when it cannot be converted.

    None means: a test IRCC does not accept (no table), a test date no table covers (a PTE Core
    result before PTE Core was designated), or a score outside the test's scale. A score below
    the lowest band gets one level below it (CLB 3 for IELTS), meaning "below CLB 4".
    """
    if ability not in ABILITIES:
        raise ValueError(f"unknown ability {ability!r}; expected one of {', '.join(ABILITIES)}")
    table = table_for(test, test_date)
    return None if table is None else table.level(ability, score)


def level_name(test: str, level: int, test_date: dt.date | None = None) -> str:
    """'CLB 7', 'NCLC 5', or 'below CLB 4' for a level under the test's table."""
    table = table_for(test, test_date)
    if table is None:
        return f"CLB {level}"
    if level < table.lowest_level:
        return f"below {table.benchmark} {table.lowest_level}"
    return f"{table.benchmark} {level}"


def teer(noc: str | None) -> int | None:
    """The TEER category of a NOC 2021 code: its second digit (21231 -> TEER 1)."""
    if noc is None or len(noc) != 5 or not noc.isdigit():
        return None
    return int(noc[1])


def minimums(program: str, teers: Iterable[int] = ()) -> tuple[dict[str, int], str]:
    """The minimum CLB per ability for ``program``, and a sentence saying why.

    ``teers`` are the TEER categories of the jobs claimed (only CEC uses them). CEC gets the most
    lenient minimum any of those jobs qualifies for (CLB 5 when one is TEER 2-3); with no job in
    a qualifying TEER it assumes the strictest, CLB 7, and the explanation says so.
    """
    rule = rules().minimums.get(program)
    if rule is None:
        raise ValueError(f"unknown program {program!r}")
    if "minimum" in rule:
        return dict(rule["minimum"]), f"{program} requires {rule['rule']}"
    by_teer = _cec_by_teer()
    teers = set(teers)
    qualifying = sorted(teers & set(by_teer))
    if not qualifying:
        level = rule["assumed"]
        why = (f"no declared job has a NOC in TEER {_span(by_teer)}" if not teers else
               f"the declared NOCs are TEER {_span(teers)}, which does not qualify for CEC")
        explanation = (f"CLB {level} in each ability assumed: {why}, and CEC requires {_rule_text(by_teer)}, "
                       "so prcheck applies the stricter")
        return dict.fromkeys(ABILITIES, level), explanation
    best = min(qualifying, key=by_teer.get)
    level = by_teer[best]
    explanation = (f"CEC requires CLB {level} in each ability for a TEER {best} job, the most lenient minimum "
                   f"among the declared jobs (TEER {_span(qualifying)})")
    return dict.fromkeys(ABILITIES, level), explanation


def cec_minimum(teer: int | None) -> int | None:
    """The CEC minimum for a job of this TEER, or None when such a job does not qualify for CEC."""
    return _cec_by_teer().get(teer)


def _cec_by_teer() -> dict[int, int]:
    return {int(k): v for k, v in rules().minimums["CEC"]["by_teer"].items()}


def _rule_text(by_teer: dict[int, int]) -> str:
    """'CLB 7 for TEER 0-1 jobs and CLB 5 for TEER 2-3 jobs'."""
    levels = sorted(set(by_teer.values()), reverse=True)
    return " and ".join(f"CLB {level} for TEER {_span([t for t, v in by_teer.items() if v == level])} jobs"
                        for level in levels)


def _span(teers: Iterable[int]) -> str:
    """'0-1' for a run of TEERs, '1, 3' otherwise."""
    ordered = sorted(set(teers))
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}-{ordered[-1]}"
    return ", ".join(map(str, ordered))
