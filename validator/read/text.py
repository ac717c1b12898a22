"""Text normalisation shared by every reader."""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def normalise(text: str) -> str:
    """NFC, unified line ends, single spaces, no soft hyphens or ligature glyphs split apart."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00ad", "").replace("\ufffe", "").replace("\x02", "-")
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip("\n")
