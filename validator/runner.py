"""The audit: intake -> reading -> classification -> extraction -> checks -> report.

Nothing flows backwards: checks see finished Documents, the Case and the Policy, never files.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from . import intake
from .case import Case
from .checklist import build_checklist
from .config import Config, Policy
from .kinds import extract_fields
from .kinds.classify import classify
from .langid import detect_language
from .model import Document, Finding, Page, Problem, Report, Severity
from .cache import DocumentCache
from .isolation import Limits, read_isolated
from .read import ReadError, ReadOptions, ocr_unavailable, read_pages
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
    problems = _text_layer_problems(pages, entry.format, options)
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


def _text_layer_problems(pages: tuple[Page, ...], fmt: str, options: ReadOptions) -> tuple[Problem, ...]:
    """One FIL003 for the document: which pages came from OCR (info), which have no text and why.

    checks/files.py reports it as info when any page came from OCR (``Document.ocr``), so the
    message leads with the OCR pages then; a warning names only pages left without text.
    """
    from_ocr = [p.number for p in pages if p.ocr]
    blank = [p.number for p in pages if not p.text.strip()]
    if not from_ocr and not blank:
        return ()
    sentences = []
    if from_ocr:
        what = "this image" if fmt == "image" and len(pages) == 1 else _pages_phrase(from_ocr)
        sentences.append(f"Text of {what} came from OCR; check names and numbers by eye.")
    if blank:
        if fmt == "image" and len(pages) == 1:
            where, unchecked = "The image has no text layer", "its contents were"
        elif fmt == "docx":
            where, unchecked = "The Word document holds no text (a pasted scan?)", "its contents were"
        elif len(blank) == len(pages):
            where, unchecked = "No page has a usable text layer (a scan?)", "its contents were"
        else:
            where = f"{_pages_phrase(blank).capitalize()} {'have' if len(blank) > 1 else 'has'} no usable text layer"
            unchecked = "they were" if len(blank) > 1 else "it was"
        if fmt == "docx":
            why = "prcheck does not OCR pictures inside Word documents"
        else:
            why = ocr_unavailable(options) or f"OCR found nothing legible on {'them' if len(blank) > 1 else 'it'}"
        sentences.append(f"{where}, so {unchecked} not checked: {why}.")
    involved = sorted(set(from_ocr) | set(blank))
    return (Problem("FIL003", " ".join(sentences),
                    page=involved[0] if len(involved) == 1 and fmt != "image" else None),)


def _pages_phrase(numbers: list[int]) -> str:
    """'page 2', 'pages 1–3, 5': consecutive pages as an en-dash range."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    spans = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    return f"page{'s' if len(numbers) > 1 else ''} {', '.join(spans)}"


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
             cache: DocumentCache | None = None, options: ReadOptions = ReadOptions(),
             progress: Callable[[], None] | None = None) -> tuple[Document, ...]:
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
            continue
        if progress:
            progress()
    read = functools.partial(read_document, options=options)
    for i, doc in zip(to_read, read_isolated([entries[i] for i in to_read], read, jobs, limits, progress)):
        if (why := intake.changed_since(entries[i])) is not None:
            # What the worker read is not what the hash names: report it, and never cache it.
            docs[i] = Document(path=doc.path, rel=doc.rel, sha256=doc.sha256, size=doc.size, format=doc.format,
                               problems=(Problem("FIL001", f"The file {why}; audit the folder again."),))
            continue
        docs[i] = doc
        if cache is not None and not any(p.code == "FIL009" for p in doc.problems):
            cache.put(doc)  # a limit hit depends on this machine's speed: try again next time
    return tuple(docs)  # type: ignore[arg-type]


def folder_entries(folder: Path, exclude: Iterable[Path] = ()) -> list[intake.FileEntry]:
    """The case folder's files, hashed and sniffed, in path order."""
    paths = intake.walk(folder, frozenset(p.resolve() for p in exclude))
    return [intake.take_in(p, folder) for p in paths]


def read_entries(entries: list[intake.FileEntry], policy: Policy, *, jobs: int | None = None,
                 cache_path: Path | None = None, ocr: bool = True,
                 progress: Callable[[], None] | None = None) -> tuple[Document, ...]:
    """Read files under the policy's limits; ``cache_path`` None reads afresh and writes no cache.

    ``ocr`` False leaves scans and image-only pages without text (each such document gets FIL003).
    """
    options = ReadOptions(max_pages=policy.max_pages, ocr=ocr)
    cache = DocumentCache(cache_path, options.cache_key()) if cache_path is not None else None
    try:
        return read_all(entries, jobs=jobs, cache=cache, options=options, progress=progress,
                        limits=Limits(policy.document_timeout_s, policy.document_memory_mb,
                                      policy.ocr_page_timeout_s))
    finally:
        if cache is not None:
            cache.close()


def audit(folder: Path, case: Case | None, config: Config, as_of: dt.date, *,
          exclude: Iterable[Path] = (), checks: list[Check] | None = None,
          jobs: int | None = None, cache_path: Path | None = None, ocr: bool = True,
          documents: tuple[Document, ...] | None = None) -> AuditResult:
    """Audit one folder. ``cache_path`` None reads every document afresh and writes no cache.

    ``documents`` already read (by a batch that reads many folders at once) are used as they are.

    Raises SuppressionError for an invalid prcheck-suppressions.toml (before reading anything).
    """
    from .suppressions import apply_suppressions, load_suppressions

    suppressions, suppression_warnings = load_suppressions(folder)
    notices: list[str] = list(suppression_warnings)
    if checks is None:
        checks, problems = load_checks()
        notices += problems
    selected = select_checks(checks, config.select, config.ignore)
    if documents is None:
        documents = read_entries(folder_entries(folder, exclude), config.policy, jobs=jobs, cache_path=cache_path,
                                 ocr=ocr)
    notices += [f"{d.rel}: {e}" for d in documents for e in d.errors]
    ctx = Context(documents=documents, case=case, policy=config.policy, as_of=as_of)
    findings, check_notices = run_checks(selected, ctx, config)
    notices += check_notices
    outcome = apply_suppressions(sorted(set(findings), key=Finding.sort_key), suppressions, as_of)
    report = Report(folder=str(folder), case_file=_case_file(case, folder), as_of=as_of,
                    program=case.program if case else None, documents=documents,
                    findings=outcome.findings, checklist=build_checklist(ctx), case=case,
                    suppressed=outcome.suppressed, suppression_notes=outcome.notes)
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
