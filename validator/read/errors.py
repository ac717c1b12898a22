"""Typed reading errors: each maps to the FIL code the file gets (after pdfplumber's typed errors)."""
from __future__ import annotations


class ReadError(Exception):
    """The file cannot be opened or parsed: corrupt, truncated or empty."""

    code = "FIL001"


class EncryptedError(ReadError):
    """The PDF needs a password to open."""

    code = "FIL002"


class UnsupportedError(ReadError):
    """A format prcheck cannot read."""

    code = "FIL004"


class LimitError(ReadError):
    """Reading the file would exceed a limit (pages, decompressed size, time, memory)."""

    code = "FIL009"
