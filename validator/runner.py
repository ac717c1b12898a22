"""The audit: intake -> reading -> classification -> extraction -> checks -> report.

Nothing flows backwards: checks see finished Documents, the Case and the Policy, never files.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from . import intake
from .case import Case
from .checklist import build_checklist
from .config import Config
from .kinds import extract_fields
from .kinds.classify import classify
from .langid import detect_language
from .model import Document, Finding, Page, Problem, Report, Severity
from .cache import DocumentCache
from .isolation import Limits, read_isolated
from .read import ReadError, ReadOptions, read_pages
from .registry import Check, Context, load_checks, select_checks


MAX_FILE_BYTES = 200_000_000  # fifty times the portal's limit: no real document is this big


@dataclass(frozen=True)
class AuditResult:
    report: Report
    notices: tuple[str, ...]  # problems of the tool itself (a broken plugin): shown on stderr


def read_document(entry: intake.FileEntry, options: ReadOptions = ReadOptions()) -> Document:
    """Read, classify and extract one file. Never raises for a bad file."""
    doc = Document(path=entry.path, rel=entry.rel, sha256=entry.sha256, size=entry.size,
                   format=entry.format)
    problem = _preflight_problem(entry)
    if problem is not None:
        return replace(doc, problems=(problem,))
    try:
        pages = read_pages(entry.path, entry.format, options)
    except ReadError as exc:
        return replace(doc, problems=(Problem(exc.code, _sentence(exc)),))
    problems = _text_layer_problems(pages, entry.format)
    text = "\n".join(p.text for p in pages)
    if not text.strip():
        return replace(doc, pages=pages, problems=problems)
    kind = classify(text, entry.path.name).kind
    doc = replace(doc, pages=pages, problems=problems, kind=kind, language=detect_language(text))
    try:
        return replace(doc, fields=extract_fields(kind, pages))
    except Exception as exc:  # an extractor bug must cost this file's fields, not the audit
        return replace(doc, errors=(f"extracting {kind} fields failed: {type(exc).__name__}: {exc}",))


def _preflight_problem(entry: intake.FileEntry) -> Problem | None:
    """What can be said of a file before parsing it (and then nothing more)."""
    if entry.size > MAX_FILE_BYTES:
        return Problem("FIL009", f"The file is {entry.size // 1_000_000} MB; prcheck does not read files over "
                                 f"{MAX_FILE_BYTES // 1_000_000} MB.")
    if entry.format == "empty":
        return Problem("FIL001", "The file is empty (0 bytes).")
    if entry.format == "unreadable":
        return Problem("FIL001", f"The file cannot be read: {entry.detail}.")
    if entry.format == "doc":
        return Problem("FIL004", "Word 97-2003 (.doc) files cannot be read by prcheck, "
                                 "so none of its contents were checked.")
    if entry.format == "other":
        return Problem("FIL004", f"This file is {_article(entry.detail)}, which the IRCC portal "
                                 "does not accept and prcheck cannot read.")
    return None


def _text_layer_problems(pages: tuple[Page, ...], fmt: str) -> tuple[Problem, ...]:
    blank = [p.number for p in pages if not p.text.strip()]
    if not blank:
        return ()
    if fmt == "image":
        where = "The image has no text layer"
    elif len(blank) == len(pages):
        where = "No page has a text layer (a scan?)"
    else:
        where = f"Page{'s' if len(blank) > 1 else ''} {', '.join(map(str, blank))} {'have' if len(blank) > 1 else 'has'} no text layer"
    return (Problem("FIL003", f"{where} and no OCR text could be obtained, so its contents were not checked.",
                    page=blank[0] if len(blank) == 1 and fmt != "image" else None),)


def _sentence(exc: Exception) -> str:
    text = str(exc).strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def _article(detail: str) -> str:
    return ("an " if detail[:1].lower() in "aeiou" else "a ") + detail


def missing_facts(case: Case | None, needs: Iterable[str]) -> list[str]:
    """The declared facts a check needs that the case file does not give.

    Facts are named as the case file writes them: ``case file``, ``[[work]]``,
    ``case.program``, ``applicant.date_of_birth``.
    """
    return [fact for fact in needs if not _declared(case, fact)]


def _declared(case: Case | None, fact: str) -> bool:
    if case is None:
        return False
    if fact == "case file":
        return True
    if fact.startswith("[["):
        return bool(getattr(case, fact.strip("[]")))
    table, key = fact.split(".", 1)
    holder = case if table == "case" else getattr(case, table)
    return getattr(holder, key) is not None


def run_checks(checks: Iterable[Check], ctx: Context, config: Config) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    notices: list[str] = []
    checks = list(checks)
    for chk in checks:
        unmet = missing_facts(ctx.case, chk.needs)
        for fact in unmet:
            ctx.unmet.setdefault(fact, []).append(chk.code)
    for chk in checks:
        if missing_facts(ctx.case, chk.needs):
            continue
        ctx.check, ctx.severity = chk, config.severity.get(chk.code, chk.severity)
        targets: list[tuple] = [(d, ctx) for d in ctx.documents if chk.applies_to(d)] \
            if chk.kinds is not None else [(ctx,)]
        for args in targets:
            try:
                findings.extend(chk.func(*args))
            except Exception as exc:  # a buggy (third-party) check must not stop the audit
                where = f" on {args[0].rel}" if chk.kinds is not None else ""
                notices.append(f"check {chk.code} failed{where}: {type(exc).__name__}: {exc}")
    return findings, notices


def read_all(entries: list[intake.FileEntry], *, jobs: int | None = None, limits: Limits = Limits(),
             cache: DocumentCache | None = None, options: ReadOptions = ReadOptions()) -> tuple[Document, ...]:
    """Every file as a Document, in input order: from the cache, or read in worker processes."""
    docs: list[Document | None] = [None] * len(entries)
    to_read: list[int] = []
    for i, entry in enumerate(entries):
        problem = _preflight_problem(entry)
        if problem is not None:  # nothing to parse: no worker needed
            docs[i] = Document(path=entry.path, rel=entry.rel, sha256=entry.sha256, size=entry.size,
                               format=entry.format, problems=(problem,))
        elif cache is not None and (hit := cache.get(entry.sha256, entry.path, entry.rel)) is not None:
            docs[i] = hit
        else:
            to_read.append(i)
    read = functools.partial(read_document, options=options)
    for i, doc in zip(to_read, read_isolated([entries[i] for i in to_read], read, jobs, limits)):
        docs[i] = doc
        if cache is not None and not any(p.code == "FIL009" for p in doc.problems):
            cache.put(doc)  # a limit hit depends on this machine's speed: try again next time
    return tuple(docs)  # type: ignore[arg-type]


def audit(folder: Path, case: Case | None, config: Config, as_of: dt.date, *,
          exclude: Iterable[Path] = (), checks: list[Check] | None = None,
          jobs: int | None = None, cache_path: Path | None = None) -> AuditResult:
    """Audit one folder. ``cache_path`` None reads every document afresh and writes no cache."""
    notices: list[str] = []
    if checks is None:
        checks, problems = load_checks()
        notices += problems
    selected = select_checks(checks, config.select, config.ignore)
    paths = intake.walk(folder, frozenset(p.resolve() for p in exclude))
    policy = config.policy
    options = ReadOptions(max_pages=policy.max_pages)
    cache = DocumentCache(cache_path, options.cache_key()) if cache_path is not None else None
    try:
        documents = read_all([intake.take_in(p, folder) for p in paths], jobs=jobs, cache=cache,
                             limits=Limits(policy.document_timeout_s, policy.document_memory_mb), options=options)
    finally:
        if cache is not None:
            cache.close()
    notices += [f"{d.rel}: {e}" for d in documents for e in d.errors]
    ctx = Context(documents=documents, case=case, policy=config.policy, as_of=as_of)
    findings, check_notices = run_checks(selected, ctx, config)
    notices += check_notices
    findings = sorted(set(findings), key=Finding.sort_key)
    report = Report(folder=str(folder), case_file=_case_file(case, folder), as_of=as_of,
                    program=case.program if case else None, documents=documents,
                    findings=tuple(findings), checklist=build_checklist(ctx))
    return AuditResult(report, tuple(notices))


def _case_file(case: Case | None, folder: Path) -> str | None:
    if case is None or case.path is None:
        return None
    try:
        return case.path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(case.path)


def exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in report.findings) else 0
