"""Whose document is it? The people declared in case.toml, and the people documents name.

Shared by the family and identity checks, the family checklist and ``prcheck init``:

- :func:`subject` reads the person a document is about from the field its kind uses (a
  passport's holder, a birth certificate's child, a letter's employee...);
- a document in a non-Latin script is read through its translation when one sits beside it
  (SPEC §5): the translation's text is run through the *original's* extractor, so "Father:
  Volkov Aleksandr Sergeevich" in an English translation stands in for the Cyrillic original;
- :func:`whose` decides which declared person a document belongs to: the one whose name it
  shows, else the one whose birth date it shows, else — for a birth certificate naming the
  applicant or the declared partner as a parent — an undeclared child (FAM001's business), else
  the applicant, so that a misspelt name is reported rather than ignored.

Pure functions of documents and the case: no I/O, no clock.
"""
from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .case import Case
from .kinds import extract_fields
from .model import Document, Field, Page
from .parse.names import NameMatch, compare_names, is_latin

# kind -> (field naming the document's subject, field with the subject's birth date)
SUBJECT_FIELDS: dict[str, tuple[str, str | None]] = {
    "passport": ("holder_name", "date_of_birth"),
    "birth_certificate": ("child_name", "date_of_birth"),
    "police_certificate": ("subject_name", "subject_date_of_birth"),
    "employment_letter": ("employee_name", None),
    "language_test": ("candidate_name", None),
    "eca_report": ("holder_name", None),
    "proof_of_funds": ("holder_name", None),
}
# Joint accounts name several holders; any of them may be the declared person.
ALL_NAMES_FIELDS = {"proof_of_funds": "holder_names"}
PARTNER_RELATIONS = ("spouse", "common-law-partner")
DEPENDANT_AGE = 22
_TRANSLATION_NAME = re.compile(r"(?i)translat|traduc")


@dataclass(frozen=True)
class Person:
    role: str  # applicant | spouse | common-law-partner | child
    name: str | None
    date_of_birth: dt.date | None
    other_names: tuple[str, ...] = ()  # declared earlier names: a maiden name, another spelling

    def compared_with(self, name: str | None) -> NameMatch:
        """``name`` against the declared name and each declared earlier name: the first that matches
        as written (spelling aside from case and accents), else the first that matches at all, else
        the declared name's verdict."""
        verdicts = [compare_names(name, self.name)]
        for other in self.other_names:
            earlier = compare_names(name, other)
            verdicts.append(replace(earlier, reason=f"an earlier name declared in case.toml, '{other}' "
                                                    f"({earlier.reason})"))
        return (next((v for v in verdicts if v.same and not v.spelled_differently), None)
                or next((v for v in verdicts if v.same), verdicts[0]))

    def known_as(self, name: str | None) -> bool:
        return self.compared_with(name).same is True

    @property
    def label(self) -> str:
        if self.role == "applicant":
            return "the applicant"
        return f"the declared {self.role.replace('-', ' ')}" + (f" {self.name}" if self.name else "")


def declared_people(case: Case | None) -> list[Person]:
    """The applicant first, then every [[family]] entry in file order."""
    if case is None:
        return []
    people = [Person("applicant", case.applicant.name, case.applicant.date_of_birth, case.applicant.other_names)]
    people += [Person(m.relation, m.name, m.date_of_birth, m.other_names) for m in case.family]
    return people


def partners(case: Case | None) -> list[Person]:
    return [p for p in declared_people(case) if p.role in PARTNER_RELATIONS]


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


# --- translations -------------------------------------------------------------------------

def _folder(doc: Document) -> str:
    return posixpath.dirname(doc.rel)


def _name(doc: Document) -> str:
    return posixpath.basename(doc.rel)


def is_translation_of(candidate: Document, original: Document) -> bool:
    """SPEC §2's pairing (same folder; the name starts with the original's stem, or the text
    names the original's file), for a document that presents itself as a translation."""
    if candidate is original or _folder(candidate) != _folder(original) or not candidate.readable:
        return False
    if candidate.kind != "translation" and not _TRANSLATION_NAME.search(_name(candidate)):
        return False
    stem = posixpath.splitext(_name(original))[0].lower()
    named = (candidate.value("translated_file") or "").lower() == _name(original).lower()
    return (named or _name(candidate).lower().startswith(stem)
            or re.search(rf"(?<![\w.-]){re.escape(_name(original))}(?![\w-])", candidate.text, re.IGNORECASE) is not None)


def translations_of(original: Document, documents: Iterable[Document]) -> list[Document]:
    return [d for d in documents if is_translation_of(d, original)]


def original_of(doc: Document, documents: Iterable[Document]) -> Document | None:
    """The document ``doc`` translates, when it is a translation of another file."""
    return next((d for d in documents if is_translation_of(doc, d)), None)


@functools.lru_cache(maxsize=64)
def _extract_as(kind: str, pages: tuple[Page, ...]) -> dict[str, Field]:
    return extract_fields(kind, pages)


def _is_latin_value(value: object) -> bool:
    if isinstance(value, str):
        return is_latin(value)
    if isinstance(value, (list, tuple)):
        return all(_is_latin_value(v) for v in value)
    return True


def sourced_fields(doc: Document, documents: Iterable[Document]) -> dict[str, tuple[Field, Document]]:
    """The document's fields, each with the document it was read from: a field the original
    lacks or states in a non-Latin script is taken from its translation, read as the original's
    kind. Evidence and page of such a field belong to the translation, not to ``doc``."""
    fields = {name: (f, doc) for name, f in doc.fields.items()}
    needs = {name for name, f in doc.fields.items() if not _is_latin_value(f.value)}
    for translation in translations_of(doc, documents):
        for name, f in _extract_as(doc.kind, translation.pages).items():
            if (name not in fields or name in needs) and f.value is not None and _is_latin_value(f.value):
                fields[name] = (f, translation)
                needs.discard(name)
    return fields


def fields_of(doc: Document, documents: Iterable[Document]) -> dict[str, Field]:
    return {name: f for name, (f, _) in sourced_fields(doc, documents).items()}


# --- subjects -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Subject:
    """Who a document is about, as it names them (Latin script where a translation gives it)."""

    name: Field | None
    names: tuple[str, ...]  # every name that may be the subject (joint account holders)
    date_of_birth: Field | None
    source: Document | None  # where ``name`` was read: the document itself or its translation


def subject(doc: Document, documents: Iterable[Document]) -> Subject:
    name_field, birth_field = SUBJECT_FIELDS.get(doc.kind, (None, None))
    if name_field is None:
        return Subject(None, (), None, None)
    fields = sourced_fields(doc, documents)
    name, source = fields.get(name_field, (None, None))
    names = [name.value] if name is not None and name.value else []
    every, _ = fields.get(ALL_NAMES_FIELDS.get(doc.kind, ""), (None, None))
    if every is not None and every.value:
        names += [n for n in every.value if n not in names]
    born, _ = fields.get(birth_field, (None, None)) if birth_field else (None, None)
    return Subject(name if names else None, tuple(names), born, source)


def declared_parents(names: Iterable[str], case: Case | None) -> list[Person]:
    """The applicant and declared partners among the parents a birth certificate names."""
    names = list(names)
    candidates = [p for p in declared_people(case) if p.role == "applicant" or p.role in PARTNER_RELATIONS]
    return [p for p in candidates if any(p.known_as(n) for n in names)]


@dataclass(frozen=True)
class Owner:
    """The declared person a document belongs to, and how that was decided."""

    person: Person
    by: str  # name | date of birth | default


def whose(doc: Document, documents: Iterable[Document], case: Case | None) -> Owner | None:
    """The declared person ``doc`` is about (see the module docstring), or None when it is an
    undeclared child's birth certificate or names no one."""
    documents = tuple(documents)
    people = [p for p in declared_people(case) if p.name or p.date_of_birth]
    about = subject(doc, documents)
    if not people or (not about.names and about.date_of_birth is None):
        return None
    named = [p for p in people if any(p.known_as(n) for n in about.names)]
    if named:
        # Several tolerant matches ("Rohan Sharma" and his son "Rohan Kumar Sharma"): the one
        # born that day, else the one whose name is written the same way, else the first.
        def rank(person: Person) -> tuple[bool, bool]:
            born = about.date_of_birth is not None and person.date_of_birth == about.date_of_birth.value
            exact = any(compare_names(n, person.name).reason == "same name" for n in about.names)
            return born, exact
        return Owner(max(named, key=rank), "name")
    if about.date_of_birth is not None:
        for person in people:
            if person.date_of_birth is not None and person.date_of_birth == about.date_of_birth.value:
                return Owner(person, "date of birth")
    parents = fields_of(doc, documents).get("parent_names")
    if doc.kind == "birth_certificate" and parents is not None and declared_parents(parents.value or (), case):
        return None
    return Owner(people[0], "default") if people[0].role == "applicant" else None


# --- children shown by birth certificates ---------------------------------------------------

@dataclass(frozen=True)
class ChildRecord:
    """A child a birth certificate shows; ``document`` is the original, never its translation."""

    document: Document
    name: Field | None
    date_of_birth: Field | None
    parents: tuple[str, ...]
    name_source: Document | None  # the original, or the translation the name was read from


def birth_records(documents: Iterable[Document]) -> list[ChildRecord]:
    documents = tuple(documents)
    records = []
    for doc in documents:
        if doc.kind != "birth_certificate" or not doc.readable or original_of(doc, documents) is not None:
            continue
        fields = sourced_fields(doc, documents)
        name, source = fields.get("child_name", (None, None))
        born, _ = fields.get("date_of_birth", (None, None))
        parents, _ = fields.get("parent_names", (None, None))
        records.append(ChildRecord(doc, name, born, tuple(parents.value) if parents and parents.value else (),
                                   source))
    return records


def same_child(record: ChildRecord, member: Person) -> bool:
    """A certificate's child is a declared child when the names match (the declared name or an
    earlier one); when they cannot be compared (missing, non-Latin), when the birth dates are equal."""
    verdict = member.compared_with(record.name.value if record.name else None)
    if verdict.comparable:
        return bool(verdict.same)
    return (record.date_of_birth is not None and member.date_of_birth is not None
            and record.date_of_birth.value == member.date_of_birth)


def declared_child(record: ChildRecord, case: Case | None) -> Person | None:
    return next((p for p in declared_people(case) if p.role == "child" and same_child(record, p)), None)
