"""Intake: walk the case folder, sniff each file's type by content, hash it.

Configuration files, hidden files and prcheck's own reports are not documents. Symbolic
links are followed only when they stay inside the case folder (and never in a loop). A
sub-folder that cannot be listed is an entry too, so that its files are not lost without a word.
"""
from __future__ import annotations

import hashlib
import os
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

CONFIG_FILES = frozenset({"case.toml", "prcheck.toml", "pyproject.toml", "prcheck-suppressions.toml"})
REPORT_PREFIX = "prcheck-report"  # the names prcheck suggests for reports it writes
PORTAL_EXTENSIONS = frozenset({".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png", ".doc", ".docx"})
# The parent process lists a ZIP package's members only up to this many: zipfile builds an
# object per member, and a hostile 90 MB package of a million members cost 0.5 GB and 15 s.
# A DOCX has a few dozen parts.
MAX_ZIP_ENTRIES = 10_000
# ZIP packages told apart by a member only their kind has (the first match wins).
PACKAGE_KINDS = (("word/document.xml", "docx", "Word document"), ("xl/workbook.xml", "other", "Excel workbook"),
                 ("ppt/presentation.xml", "other", "PowerPoint presentation"),
                 ("content.xml", "other", "OpenDocument file"))


@dataclass(frozen=True)
class FileEntry:
    path: Path
    rel: str
    size: int
    sha256: str
    format: str  # pdf | docx | doc | image | empty | other | unreadable
    detail: str = ""  # what the sniffer saw, for messages
    stamp: tuple[int, ...] | None = None  # identity and version of the bytes hashed (see changed_since)


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
            # Real folders before links to them, so a file inside is listed under its own path.
            entries = sorted(os.scandir(directory), key=lambda e: (e.is_symlink(), e.name))
        except OSError:
            if real != root:
                found.append(directory)  # take_in turns it into an unreadable entry
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
        return "other", "unrecognised binary file"


def _zip_kind(path: Path) -> tuple[str, str]:
    """A ZIP package is a DOCX only when it holds word/document.xml."""
    try:
        with open(path, "rb") as fh:
            directory = _central_directory(fh)
            if directory is not None and directory[0] > MAX_ZIP_ENTRIES:
                names = _names_in(fh, *directory[1:])
            else:
                with zipfile.ZipFile(fh) as zf:
                    names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "unreadable", "a damaged ZIP package"
    for member, fmt, detail in PACKAGE_KINDS:
        if member in names:
            return fmt, detail
    if "[Content_Types].xml" in names:
        return "unreadable", "an Office package with no document in it"
    return "other", "ZIP archive"


def _central_directory(fh) -> tuple[int, int, int] | None:
    """(members, size, offset) of a ZIP package's directory, from its end record; None without one."""
    end = fh.seek(0, os.SEEK_END)
    tail_size = min(end, 22 + 0xFFFF)  # the record is 22 bytes, then a comment of up to 64 KB
    fh.seek(end - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or tail_size - at < 22:
        return None
    members, size, offset = struct.unpack_from("<10xHLL", tail, at)
    if members == 0xFFFF or 0xFFFFFFFF in (size, offset):  # ZIP64: the real values are in another record
        # zipfile reads that record; a package of 65,535 members or more is searched whole.
        return None if members < MAX_ZIP_ENTRIES else (members, end, 0)
    return members, size, offset


def _names_in(fh, length: int, offset: int) -> set[str]:
    """Which PACKAGE_KINDS member names occur in ``length`` bytes at ``offset``, read 1 MB at a time."""
    wanted = [member.encode() for member, _, _ in PACKAGE_KINDS] + [b"[Content_Types].xml"]
    overlap = max(map(len, wanted))
    found: set[str] = set()
    fh.seek(offset)
    previous = b""
    while length > 0 and (chunk := fh.read(min(1 << 20, length))):
        length -= len(chunk)
        window = previous[-overlap:] + chunk  # a name may straddle two reads
        found.update(name.decode() for name in wanted if name in window)
        previous = chunk
    return found


def _stamp(st: os.stat_result) -> tuple[int, ...]:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _display(rel: str) -> str:
    """A relative path printable as UTF-8: bytes of a file name that are not UTF-8 (an old
    archive's Latin-1 names) are shown as \\xNN escapes; the path itself keeps them."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def take_in(path: Path, folder: Path) -> FileEntry:
    """Hash and sniff one file. Never raises: an unreadable file is a FileEntry too."""
    rel = _display(path.relative_to(folder).as_posix())
    digest = hashlib.sha256()
    head = b""
    size = 0
    if path.is_dir():  # a sub-folder walk could not list
        return FileEntry(path, rel, 0, digest.hexdigest(), "unreadable",
                         f"it is a folder prcheck cannot open{_listing_error(path)}, so none of its files were checked")
    try:
        with open(path, "rb") as fh:
            before = os.fstat(fh.fileno())
            # No further than the size at opening: a file that keeps growing (a download in
            # progress) would keep this loop going; it is reported as changed instead.
            while size < before.st_size and (chunk := fh.read(min(1 << 20, before.st_size - size))):
                if not head:
                    head = chunk[:4096]
                size += len(chunk)
                digest.update(chunk)
            stamp = _stamp(os.fstat(fh.fileno()))
    except FileNotFoundError:
        return FileEntry(path, rel, size, digest.hexdigest(), "unreadable",
                         "it disappeared before prcheck could read it")
    except OSError as exc:
        return FileEntry(path, rel, size, digest.hexdigest(), "unreadable",
                         f"cannot be opened ({exc.strerror or exc})")
    if stamp != _stamp(before):
        return FileEntry(path, rel, size, digest.hexdigest(), "unreadable",
                         "it changed while prcheck was reading it (still being copied or saved?)")
    fmt, detail = sniff(head)
    if fmt == "zip":
        fmt, detail = _zip_kind(path)
    return FileEntry(path, rel, size, digest.hexdigest(), fmt, detail, stamp)


def _listing_error(directory: Path) -> str:
    """' (Permission denied)': why the folder cannot be listed, as a parenthesis for a message."""
    try:
        with os.scandir(directory):
            return ""  # it can be now: it changed since walk tried
    except OSError as exc:
        return f" ({exc.strerror or exc})"


def changed_since(entry: FileEntry) -> str | None:
    """Why the file is no longer the one ``take_in`` hashed, or None when it still is.

    A reader opens the file again, later: what it read must be what the hash names, or the
    extraction cache would file one document's fields under another's bytes.
    """
    if entry.stamp is None:  # an entry made by hand, not by take_in: nothing to compare with
        return None
    try:
        st = os.stat(entry.path)
    except FileNotFoundError:
        return "disappeared while prcheck was reading the folder"
    except OSError as exc:
        return f"can no longer be opened ({exc.strerror or exc})"
    return "changed while prcheck was reading it" if _stamp(st) != entry.stamp else None
