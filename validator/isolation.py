"""Read every document in a worker process with a wall-clock timeout and a memory cap.

Case folders come from clients by email: a PDF can be built to take hours or gigabytes. The
parent process never parses document bytes; workers do, under ``RLIMIT_AS``, and a worker
that overruns is killed and replaced. Its document gets FIL009 and the audit goes on.
Results come back in input order, so the report is the same whatever ``jobs`` is.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait

from .intake import FileEntry
from .model import Document, Problem

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 60.0
    memory_mb: int = 1536
    ocr_page_s: float = 30.0  # added to timeout_s for each page the document needs OCR for


_OCR_PAGE = "ocr-page"  # what a worker sends as it starts OCR of a page


Reader = Callable[[FileEntry], Document]


def _serve(conn: Connection, read: Reader, memory_mb: int) -> None:
    """A worker: cap its own memory, then read entries until the parent closes the pipe."""
    import faulthandler
    import resource

    # One thread per library: each thread's stack and malloc arena count against RLIMIT_AS, and
    # tesseract runs ten times slower with OpenMP threads on a small machine (DEPENDENCIES.md).
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OMP_THREAD_LIMIT", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    limit = memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # A reader that dies (pdfium aborts when an allocation fails) must not leave a core dump:
    # it would hold the document's personal data, written to the user's current directory.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Nor a Python stack on stderr (pytest, PYTHONFAULTHANDLER and -X faulthandler turn the
    # handler on): that death is an expected outcome, reported as FIL009.
    faulthandler.disable()
    from .read import ocr

    ocr.on_page = lambda: conn.send(_OCR_PAGE)
    while True:
        try:
            entry = conn.recv()
        except (EOFError, OSError):
            return
        try:
            doc = read(entry)
        except MemoryError:
            doc = _too_complex(entry, f"reading it needed more than {memory_mb} MB of memory")
        except Exception as exc:  # a reader bug on a damaged file: costs that file, and says so
            doc = _reader_failed(entry, exc)
        conn.send(doc)


def _too_complex(entry: FileEntry, why: str) -> Document:
    return Document(path=entry.path, rel=entry.rel, sha256=entry.sha256, size=entry.size, format=entry.format,
                    problems=(Problem("FIL009", f"prcheck stopped reading this file: {why}."),))


def _reader_failed(entry: FileEntry, exc: Exception) -> Document:
    """FIL001 for the file; ``errors`` shows the failure as prcheck's own (on stderr, never cached)."""
    return Document(path=entry.path, rel=entry.rel, sha256=entry.sha256, size=entry.size, format=entry.format,
                    problems=(Problem("FIL001", "The file cannot be read: prcheck's reader failed on it."),),
                    errors=(f"reading failed: {type(exc).__name__}: {exc}",))


def _read_here(read: Reader, entry: FileEntry, progress: Callable[[], None] | None) -> Document:
    doc = read(entry)
    if progress:
        progress()
    return doc


@dataclass
class _Worker:
    process: mp.Process
    conn: Connection
    task: int | None = None  # index of the entry being read
    started: float = 0.0
    ocr_pages: int = 0  # pages of the task's document OCR'd so far

    def deadline(self, limits: Limits) -> float:
        return self.started + limits.timeout_s + self.ocr_pages * limits.ocr_page_s


class WorkerPool:
    """A few long-lived worker processes; one document at a time each."""

    def __init__(self, read: Reader, jobs: int, limits: Limits):
        self.read, self.jobs, self.limits = read, max(1, jobs), limits
        # fork: workers start in milliseconds and inherit the imported extractors. Forking a
        # process that runs other threads (a file watcher, a Dask worker) can copy a held
        # lock into the child, so then a clean fork server starts the workers instead.
        self.context = mp.get_context("fork" if threading.active_count() == 1 else "forkserver")
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.read, self.limits.memory_mb), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        self.workers.remove(worker)

    def map(self, entries: list[FileEntry], progress: Callable[[], None] | None = None) -> list[Document]:
        results: list[Document | None] = [None] * len(entries)
        pending = list(range(len(entries)))[::-1]
        try:
            for _ in range(min(self.jobs, len(entries))):
                self._spawn()
            while pending or any(w.task is not None for w in self.workers):
                for worker in list(self.workers):
                    if worker.task is None and pending:
                        worker.task, worker.started, worker.ocr_pages = pending.pop(), time.monotonic(), 0
                        worker.conn.send(entries[worker.task])
                busy = [w for w in self.workers if w.task is not None]
                deadline = min(w.deadline(self.limits) for w in busy)
                ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic()))
                for worker in busy:
                    if worker.conn in ready:
                        if not self._collect(worker, entries, results):
                            continue
                    elif time.monotonic() >= worker.deadline(self.limits):
                        results[worker.task] = _too_complex(entries[worker.task], self._overrun(worker))
                        self._replace(worker)
                    else:
                        continue
                    if progress:
                        progress()
        finally:
            for worker in list(self.workers):
                self._retire(worker)
        return results  # type: ignore[return-value]

    def _collect(self, worker: _Worker, entries: list[FileEntry], results: list) -> bool:
        """Take what the worker sent; True when its document is done."""
        index = worker.task
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):  # the worker died: killed by the kernel, or the reader crashed
            results[index] = _too_complex(entries[index], "the reader ran out of memory or crashed on it")
            self._replace(worker)
            return True
        if message == _OCR_PAGE:
            worker.ocr_pages += 1
            return False
        results[index] = message
        worker.task = None
        return True

    def _overrun(self, worker: _Worker) -> str:
        allowed = f"reading it took longer than {self.limits.timeout_s:g} s"
        if pages := worker.ocr_pages:
            allowed += f" plus {self.limits.ocr_page_s:g} s a page for its {pages} page{'s' * (pages > 1)} read by OCR"
        return allowed

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        self._spawn()


def read_isolated(entries: list[FileEntry], read: Reader, jobs: int | None, limits: Limits,
                  progress: Callable[[], None] | None = None) -> list[Document]:
    """Read entries in worker processes; ``progress`` is called once per finished document."""
    if not entries:
        return []
    if mp.current_process().daemon:
        # A daemonic process (e.g. a Dask worker) may not start children: read here, unguarded.
        return [_read_here(read, e, progress) for e in entries]
    jobs = jobs or os.cpu_count() or 1
    docs = WorkerPool(read, min(jobs, len(entries)), limits).map(entries, progress)
    # Workers see the paths they were given; keep the parent's view of them.
    return [replace(doc, path=entry.path, rel=entry.rel) for doc, entry in zip(docs, entries)]
