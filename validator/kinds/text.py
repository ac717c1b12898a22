"""A document's text as one string that remembers its pages, for fields with provenance."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Field, Page

EVIDENCE_LIMIT = 240


@dataclass(frozen=True)
class Line:
    text: str
    start: int  # offset in DocText.text
    number: int  # 0-based line index

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class DocText:
    """The pages joined by newlines; offsets map back to page numbers and evidence lines."""

    def __init__(self, pages: tuple[Page, ...]):
        self.text = "\n".join(p.text for p in pages)
        self._page_starts: list[int] = []
        self._page_numbers = [p.number for p in pages]
        offset = 0
        for p in pages:
            self._page_starts.append(offset)
            offset += len(p.text) + 1
        self.lines: list[Line] = []
        offset = 0
        for i, line in enumerate(self.text.split("\n")):
            self.lines.append(Line(line, offset, i))
            offset += len(line) + 1
        self._line_starts = [ln.start for ln in self.lines]
        self.prose = self._unwrap()

    def _unwrap(self) -> str:
        """The text with soft line wraps turned into spaces (same length, same offsets).

        A PDF breaks a sentence wherever the line is full: a long line that does not end a
        sentence continues on the next one ("in the position of Research / Associate").
        """
        longest = max((len(ln.text) for ln in self.lines), default=0)
        chars = list(self.text)
        for line, following in zip(self.lines, self.lines[1:]):
            stripped = line.text.rstrip()
            if (stripped and following.text.strip() and len(stripped) >= 0.7 * longest
                    and not stripped.endswith((".", ":", ";", "!", "?"))
                    and not following.text.lstrip().startswith(("•", "-", "*", "·"))):
                chars[line.end] = " "
        return "".join(chars)

    def page_of(self, offset: int) -> int | None:
        if not self._page_starts:
            return None
        return self._page_numbers[bisect.bisect_right(self._page_starts, offset) - 1]

    def line_at(self, offset: int) -> Line:
        return self.lines[max(0, bisect.bisect_right(self._line_starts, offset) - 1)]

    def evidence(self, start: int, end: int) -> str:
        """The whole lines a span touches, clipped around the span when long."""
        first, last = self.line_at(start), self.line_at(max(start, end - 1))
        text = self.text[first.start:last.end]
        text = " ".join(text.split())
        if len(text) <= EVIDENCE_LIMIT:
            return text
        inner = " ".join(self.text[start:end].split())
        if len(inner) >= EVIDENCE_LIMIT:
            return inner[:EVIDENCE_LIMIT - 1] + "…"
        pad = (EVIDENCE_LIMIT - len(inner)) // 2
        local = " ".join(self.text[max(0, start - pad * 2):end + pad * 2].split())
        at = local.find(inner)
        lo = max(0, at - pad)
        return ("…" if lo else "") + local[lo:lo + EVIDENCE_LIMIT - 2] + "…"

    def field(self, value: Any, start: int, end: int, **extra: Any) -> Field:
        return Field(value, page=self.page_of(start), evidence=self.evidence(start, end), **extra)

    def finditer(self, pattern: re.Pattern, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
        return pattern.finditer(self.text, start, len(self.text) if end is None else end)
