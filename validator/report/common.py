"""What the reporters share: grouping by file, the verdict, counts and wording.

Reporters only format: everything here restates the Report, it never judges a document.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from ..model import Report, Severity

if TYPE_CHECKING:
    from ..history import Changes
    from ..suppressions import Suppression

CASE_LABEL = "Case"  # the heading of the findings about the case as a whole (file: null)
STATUS_SYMBOLS = {"present": "✓", "missing": "✗", "not-applicable": "–"}
VERDICTS = {Severity.ERROR: "NOT READY", Severity.WARNING: "REVIEW", Severity.INFO: "READY"}

T = TypeVar("T")  # a Finding, or anything that names a file (a suppressed finding)


def by_file(items: Iterable[T], file: Callable[[T], str | None] = lambda item: item.file,
            ) -> list[tuple[str | None, list[T]]]:
    """Items grouped by ``file(item)``: the case-level ones (None) first, then files in path order.

    Within a group the input order is kept (the runner sorts findings by code and page).
    """
    groups: dict[str | None, list[T]] = {}
    for item in items:
        groups.setdefault(file(item), []).append(item)
    return sorted(groups.items(), key=lambda kv: (kv[0] is not None, kv[0] or ""))


def worst(report: Report) -> Severity:
    """The severity the verdict follows (INFO also when there are no findings at all)."""
    return max((f.severity for f in report.findings), key=lambda s: s.rank, default=Severity.INFO)


def verdict(report: Report) -> str:
    return VERDICTS[worst(report)]


def plural(n: int, noun: str) -> str:
    return noun if n == 1 else noun + "s"


def counted(n: int, noun: str) -> str:
    return f"{n} {plural(n, noun)}"


def summary(report: Report) -> str:
    """``9 documents: 3 errors, 1 warning, 2 info`` (no verdict: each format styles it)."""
    errors, warnings, info = (report.count(s) for s in Severity)
    return (f"{counted(len(report.documents), 'document')}: {counted(errors, 'error')}, "
            f"{counted(warnings, 'warning')}, {info} info")


def clip(text: str, limit: int = 160) -> str:
    """One line of at most ``limit`` characters: evidence quotes stay readable in every format."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def page_label(page: int | None) -> str:
    return f"p.{page}" if page else ""


def timestamp(moment: dt.datetime) -> str:
    """A recorded time in UTC to the minute, as every report shows it."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def changes_heading(changes: Changes) -> str:
    """The one-line summary of a history comparison."""
    if changes.previous is None:
        return "First recorded audit of this folder: nothing to compare with yet."
    prev = changes.previous
    return (f"Since the previous audit (recorded {timestamp(prev.recorded_at)}, as of {prev.as_of}): "
            f"{len(changes.new)} new, {len(changes.resolved)} resolved.")


def accepted_by(rule: Suppression) -> str:
    """``reason (reviewer, until 2025-09-30)``: why a finding is suppressed."""
    extra = [part for part in (rule.reviewer, f"until {rule.expires}" if rule.expires else None) if part]
    return rule.reason + (f" ({', '.join(extra)})" if extra else "")
