"""Reporters: each a module with ``render(report) -> str``; they never decide what is wrong."""
from __future__ import annotations

import importlib

from ..model import Report

FORMATS = ("text", "json", "markdown", "html", "csv", "sarif", "junit")
EXTENSIONS = {"text": "txt", "json": "json", "markdown": "md", "html": "html", "csv": "csv",
              "sarif": "sarif", "junit": "xml"}


def render(report: Report, fmt: str, *, color: bool | None = None) -> str:
    """The report in one format; ``color`` only matters to text (None: decide from the terminal)."""
    module = importlib.import_module(f"{__name__}.{fmt}")
    return module.render(report, color=color) if fmt == "text" else module.render(report)
