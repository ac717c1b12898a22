"""Intake: walk the case folder, sniff each file's type by content, hash it.

Configuration files, hidden files and prcheck's own reports are not documents. Symbolic
links are followed only when they stay inside the case folder (and never in a loop).
"""
from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILES = frozenset({"case.toml", "prcheck.toml", "pyproject.toml", "prcheck-suppressions.toml"})
REPORT_PREFIX = "prcheck-report"  # the names prcheck suggests for reports it writes
PORTAL_EXTENSIONS = frozenset({".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png", ".doc", ".docx"})


@dataclass(frozen=True)
class FileEntry:
    path: Path
    rel: str
    size: int
    sha256: str
    format: str  # pdf | docx | doc | image | empty | other | unreadable
    detail: str = ""  # what the sniffer saw, for messages


def is_document_name(name: str) -> bool:
    return not (name.startswith(".") or name in CONFIG_FILES or name.startswith(REPORT_PREFIX))


def walk(folder: Path, exclude: frozenset[Path] = frozenset()) -> list[Path]:
    """Every document file under folder, sorted by relative POSIX path (code-point order)."""
    root = folder.resolve()
    found: list[Path] = []
    visited: set[Path] = set()

    def visit(directory: Path) -> None:
        real = directory.resolve()
        if real in visited or not (real == root or real.is_relative_to(root)):
            return
        visited.add(real)
        try:
            entries = list(os.scandir(directory))
        except OSError:
            return
        for entry in entries:
            if not is_document_name(entry.name):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=True):
                    visit(path)
                elif entry.is_file(follow_symlinks=True):
                    target = path.resolve()
                    if target.is_relative_to(root) and target not in exclude:
                        found.append(path)
            except OSError:
                continue

    visit(folder)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def sniff(head: bytes) -> tuple[str, str]:
    """The format a file's first bytes show, and what they looked like."""
    if not head:
        return "empty", "zero bytes"
    if b"%PDF-" in head[:1024]:
        return "pdf", "PDF"
    if head.startswith(b"PK\x03\x04"):
        return "zip", "ZIP package"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc", "Word 97-2003 (.doc) or another OLE file"
    if head.startswith(b"\xff\xd8\xff"):
        return "image", "JPEG image"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image", "PNG image"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image", "TIFF image"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "other", "GIF image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "other", "WebP image"
    if head.startswith(b"{\\rtf"):
        return "other", "RTF document"
    if b"<html" in head[:512].lower() or b"<!doctype html" in head[:512].lower():
        return "other", "HTML page"
    try:
        head.decode("utf-8")
        return "other", "plain text file"
    except UnicodeDecodeError:
        return "other", "unrecognised binary data"


def _zip_kind(path: Path) -> tuple[str, str]:
    """A ZIP package is a DOCX only when it holds word/document.xml."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "unreadable", "a damaged ZIP package"
    if "word/document.xml" in names:
        return "docx", "Word document"
    if "xl/workbook.xml" in names:
        return "other", "Excel workbook"
    if "ppt/presentation.xml" in names:
        return "other", "PowerPoint presentation"
    if "content.xml" in names:
        return "other", "OpenDocument file"
    if "[Content_Types].xml" in names:
        return "unreadable", "an Office package with no document in it"
    return "other", "ZIP archive"


def take_in(path: Path, folder: Path) -> FileEntry:
    """Hash and sniff one file. Never raises: an unreadable file is a FileEntry too."""
    rel = path.relative_to(folder).as_posix()
    digest = hashlib.sha256()
    head = b""
    size = 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                if not head:
                    head = chunk[:4096]
                size += len(chunk)
                digest.update(chunk)
    except OSError as exc:
        return FileEntry(path, rel, size, digest.hexdigest(), "unreadable",
                         f"cannot be opened ({exc.strerror or exc})")
    fmt, detail = sniff(head)
    if fmt == "zip":
        fmt, detail = _zip_kind(path)
    return FileEntry(path, rel, size, digest.hexdigest(), fmt, detail)
