"""Audit every case folder under a root: one report per case and a summary row each.

Locally, the documents of all cases are read by one pool of worker processes, so ``--jobs``
pays off even when each case holds a handful of files. With ``executor="dask"`` each case is
audited on an existing Dask cluster (the ``prcheck[distributed]`` extra); both executors run
the same ``judge_case`` on the same inputs, so their reports are identical.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .case import Case, CaseError, load_case
from .config import Config, ConfigError, Policy, find_config, load_config
from .model import Document, Severity
from .registry import Check
from .report import EXTENSIONS, render
from .runner import audit, exit_code, folder_entries, read_entries


@dataclass(frozen=True)
class CaseSpec:
    """One case folder, ready to audit: its declared facts and its configuration."""

    name: str  # path under the root, '/' separators
    folder: Path
    case: Case | None
    config: Config
    as_of: dt.date


@dataclass(frozen=True)
class CaseOutcome:
    name: str
    documents: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0
    exit_code: int = 0
    reports: tuple[tuple[str, str], ...] = ()  # (format, rendered report)
    problem: str | None = None  # why the case could not be audited (an invalid case file)
    notices: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        if self.problem:
            return "NOT AUDITED"
        return "NOT READY" if self.errors else ("REVIEW" if self.warnings else "READY")


def discover(root: Path) -> list[Path]:
    """Case folders: every folder holding a case.toml, and each direct sub-folder holding none."""
    with_case_file = sorted({p.parent for p in root.rglob("case.toml") if not _hidden(p, root)})
    folders = set(with_case_file)
    for child in root.iterdir():
        if child.is_dir() and not child.name.startswith(".") \
                and not any(f == child or f.is_relative_to(child) for f in with_case_file):
            folders.add(child)
    if not folders and (root / "case.toml").is_file():
        folders.add(root)
    return sorted(folders, key=lambda p: p.relative_to(root).as_posix())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def prepare(root: Path, folder: Path, config_path: Path | None, as_of: dt.date | None,
            cli: Callable[[Config], Config]) -> CaseSpec | CaseOutcome:
    """Load one case's facts and configuration; an invalid file becomes an outcome, not a crash."""
    name = folder.relative_to(root).as_posix() if folder != root else folder.name
    try:
        case = load_case(folder / "case.toml") if (folder / "case.toml").is_file() else None
        config = cli(load_config(config_path or find_config(folder.resolve())))
    except (CaseError, ConfigError) as exc:
        return CaseOutcome(name, exit_code=2, problem=str(exc))
    when = as_of or (case.as_of if case and case.as_of else dt.date.today())
    return CaseSpec(name, folder, case, config, when)


def judge_case(spec: CaseSpec, formats: tuple[str, ...], checks: list[Check],
               documents: tuple[Document, ...] | None = None, cache_path: Path | None = None) -> CaseOutcome:
    """Audit one prepared case (reading it here unless its documents are given)."""
    from .suppressions import SuppressionError

    try:
        result = audit(spec.folder, spec.case, spec.config, spec.as_of, documents=documents,
                       cache_path=cache_path, jobs=1, checks=checks)
    except SuppressionError as exc:
        return CaseOutcome(spec.name, exit_code=2, problem=str(exc))
    report = result.report
    return CaseOutcome(spec.name, len(report.documents), report.count(Severity.ERROR),
                       report.count(Severity.WARNING), report.count(Severity.INFO),
                       exit_code(report, spec.config.fail_on),
                       tuple((fmt, render(report, fmt, color=False)) for fmt in formats), notices=result.notices)


def run_local(specs: list[CaseSpec], formats: tuple[str, ...], checks: list[Check], jobs: int | None,
              cache_path: Path | None,
              progress: Callable[[], None] | None = None) -> list[CaseOutcome]:
    entries = {spec.name: folder_entries(spec.folder) for spec in specs}
    # The cases are read by one pool, so that --jobs pays off even when each holds a few files;
    # cases whose policies set other reading limits get a pool of their own.
    by_limits: dict[tuple, list[CaseSpec]] = {}
    for spec in specs:
        by_limits.setdefault(_reading_limits(spec.config.policy), []).append(spec)
    documents: dict[str, tuple[Document, ...]] = {}
    for group in by_limits.values():
        read = iter(read_entries([e for spec in group for e in entries[spec.name]], group[0].config.policy,
                                 jobs=jobs, cache_path=cache_path, progress=progress))
        for spec in group:
            documents[spec.name] = tuple(next(read) for _ in entries[spec.name])
    return [judge_case(spec, formats, checks, documents[spec.name]) for spec in specs]


def _reading_limits(policy: Policy) -> tuple:
    return policy.max_pages, policy.document_timeout_s, policy.ocr_page_timeout_s, policy.document_memory_mb


def run_dask(specs: list[CaseSpec], formats: tuple[str, ...], checks: list[Check], scheduler: str,
             cache_path: Path | None,
             progress: Callable[[], None] | None = None) -> list[CaseOutcome]:
    from dask.distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = [client.submit(judge_case, spec, formats, checks, None, cache_path, pure=False) for spec in specs]
        for _ in as_completed(futures):
            if progress:
                progress()
        return client.gather(futures)


def write_reports(outcome: CaseOutcome, output_dir: Path) -> list[Path]:
    """The case's report files, named after its folder under the root ('a/b' -> 'a__b.json')."""
    output_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt, text in outcome.reports:
        path = output_dir / f"{outcome.name.replace('/', '__')}.{EXTENSIONS[fmt]}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
