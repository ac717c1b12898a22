"""Label/value reading for certificate-style documents (birth, marriage, bank letters).

Civil-status forms state facts as labelled values, in a few layouts:

- ``Label: value`` on one line, several per line ("Sex: F  Date of birth: 05/05/2018");
- bilingual labels ("Surname of child / Nom de famille de l'enfant: SHARMA");
- the value on the line below its label;
- numbered boxes ("2. Name and surname: ...") and bracketed parts ("(First) JOSE (Middle) REYES");
- generic labels under a section heading ("FATHER" then "Name and surname: ...").

Each :class:`Label` says which person a value is about (or ``None``: the current section) and
which part of the record it is (a full name, a surname, a date...). The extractors then decide
what the values mean; this module only finds them, with their offsets for evidence.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import DocText


@dataclass(frozen=True)
class Label:
    pattern: str  # regex for the label's words, matched case-insensitively
    role: str  # what the value is: name | surname | given | middle | date | other ...
    person: str | None = None  # whose value it is; None: the section the label sits in
    bare: bool = False  # may stand mid-line without a colon, e.g. "(Middle)"
    start_only: bool = False  # only at the start of a line: a word that is a label only there ("Husband")


@dataclass(frozen=True)
class Value:
    role: str
    person: str
    text: str
    start: int  # offsets of the value in DocText.text
    end: int


_NUMBERING = r"(?:\(?\d{1,2}[.)]\s*(?:\([a-z]\)\s*)?)?"
# A bilingual label's second language up to its colon: "Surname / Nom de famille:".
_TAIL = r"(?:\s*/\s*[^:/\n]{1,60}?(?=\s*:))?"
# Words without digits up to a colon, right after a label: the label's own continuation.
_LABEL_REST = re.compile(r"^[^:\d\n]{1,60}:\s*")


class Form:
    """Compiled labels and section headings for one kind of document."""

    def __init__(self, labels: Sequence[Label], sections: dict[str, str], default_person: str):
        self.labels = list(labels)
        self.default_person = default_person
        alternatives = "|".join(f"(?P<l{i}>{label.pattern})" for i, label in enumerate(self.labels))
        self._label_re = re.compile(
            rf"(?P<lead>^\s*{_NUMBERING}|(?<=\s))(?:{alternatives})(?:\(s\))?(?!\w){_TAIL}(?P<colon>\s*[:：])?",
            re.IGNORECASE)
        self._sections = [(re.compile(rf"^\s*{_NUMBERING}(?:{pattern})\s*:?\s*$", re.IGNORECASE), person)
                          for pattern, person in sections.items()]

    def labels_in(self, line: str) -> list[tuple[re.Match[str], Label]]:
        """The labels on one line. Mid-line, a label needs a colon unless it is ``bare``, and a
        ``start_only`` one never counts (the "Husband:" in "Father's name of Husband:")."""
        found = []
        for m in self._label_re.finditer(line):
            label = self.labels[_alternative(m)]
            at_start = m.start() == 0
            if (m.group("colon") or label.bare or at_start) and (at_start or not label.start_only):
                found.append((m, label))
        return found

    def section_of(self, line: str) -> str | None:
        """The person a heading line introduces ("FATHER", "Particulars of mother"), else None."""
        for pattern, person in self._sections:
            if pattern.match(line):
                return person
        return None

    def values(self, doc: DocText) -> list[Value]:
        """Every labelled value in reading order, attributed to its person."""
        out: list[Value] = []
        section = self.default_person
        lines = doc.lines
        for index, line in enumerate(lines):
            heading = self.section_of(line.text)
            if heading is not None:
                section = heading
                continue
            hits = self.labels_in(line.text)
            for n, (m, label) in enumerate(hits):
                end = hits[n + 1][0].start() if n + 1 < len(hits) else len(line.text)
                raw = line.text[m.end():end]
                # The rest of a label the patterns did not know ("... of child / Prénom(s) de l'enfant:").
                rest = _LABEL_REST.match(raw)
                skip = rest.end() if rest else len(raw) - len(raw.lstrip(" :"))
                start = line.start + m.end() + skip
                text = raw[skip:].strip(" :\t")
                if not text and n + 1 == len(hits):
                    text, start = _value_below(lines, index, self)
                if text:
                    out.append(Value(label.role, label.person or section, text, start, start + len(text)))
        return out


def _alternative(m: re.Match[str]) -> int:
    """The index of the label alternative that matched (``lastgroup`` may name the colon)."""
    for name, value in m.groupdict().items():
        if name.startswith("l") and name[1:].isdigit() and value is not None:
            return int(name[1:])
    raise ValueError("no label matched")


def _value_below(lines, index: int, form: Form) -> tuple[str, int]:
    """The next line, when it is a bare value (no label, no heading) for a label above it."""
    if index + 1 >= len(lines):
        return "", 0
    below = lines[index + 1]
    if not below.text.strip() or form.labels_in(below.text) or form.section_of(below.text) is not None:
        return "", 0
    return below.text.strip(), below.start + (len(below.text) - len(below.text.lstrip()))
