"""The extraction cache: a document read once is not read again while its bytes are unchanged.

Keyed by the file's SHA-256 and the reader/extractor version and settings, so a new prcheck
or other options never reuse stale results. One SQLite file in the user cache directory,
readable by the user alone (documents hold personal data).
"""
from __future__ import annotations

import os
import pickle
import sqlite3
from dataclasses import replace
from pathlib import Path

from . import __version__
from .model import Document

# Bump when readers or extractors change what they produce for the same bytes.
EXTRACTION_VERSION = f"{__version__}+9"


def default_path() -> Path:
    import platformdirs
    return Path(platformdirs.user_cache_dir("prcheck")) / "documents.sqlite3"


class DocumentCache:
    def __init__(self, path: Path, settings: str = ""):
        self.path, self.settings = path, settings
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)  # create private before SQLite opens it
            os.close(fd)
            self._db = sqlite3.connect(self.path)
            self._db.execute("CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, document BLOB)")
        return self._db

    def _key(self, sha256: str) -> str:
        return f"{sha256}:{EXTRACTION_VERSION}:{self.settings}"

    def get(self, sha256: str, path: Path, rel: str) -> Document | None:
        try:
            row = self._connect().execute("SELECT document FROM documents WHERE key = ?",
                                          (self._key(sha256),)).fetchone()
            doc = pickle.loads(row[0]) if row else None
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            return None  # a damaged or foreign cache is a miss, never an error
        return replace(doc, path=path, rel=rel) if isinstance(doc, Document) else None

    def put(self, doc: Document) -> None:
        if doc.errors:
            return  # an extractor failure is not a result worth keeping
        try:
            self._connect().execute("INSERT OR REPLACE INTO documents VALUES (?, ?)",
                                    (self._key(doc.sha256), pickle.dumps(doc)))
        except sqlite3.Error:
            pass  # a read-only or full disk costs speed, not the audit

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.commit()
            except sqlite3.Error:
                pass
            self._db.close()
            self._db = None


def info(path: Path) -> dict:
    if not path.exists():
        return {"path": str(path), "documents": 0, "bytes": 0}
    with sqlite3.connect(path) as db:
        try:
            count = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            count = 0
    return {"path": str(path), "documents": count, "bytes": path.stat().st_size}


def clear(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False
