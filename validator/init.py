"""``prcheck init FOLDER``: a commented case.toml pre-filled from what the documents show.

Everything guessed is followed by ``# from <file>`` so the paralegal can check it against the
profile; what the documents cannot tell (the program, dates of residence, whether a child comes
to Canada) is left as a commented placeholder. The result always loads with
:func:`validator.case.load_case`: a table whose required keys are unknown (a [[residence]]
without dates) is written entirely commented out.

Who is the applicant? The passport holder named on the most of the applicant's other documents
(employment letters, test reports, ECA, bank letters, police certificates); the spouse is the
other person on a marriage certificate naming the applicant; children are the children of
birth certificates naming the applicant or that spouse as a parent.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .case import Applicant, Case, FamilyMember
from .config import Policy
from .model import Document, Field
from .parse.names import display_name, is_latin, same_person
from .people import Person, birth_records, declared_parents, fields_of, original_of, same_child, subject
from .runner import folder_entries, read_entries

APPLICANT_KINDS = ("employment_letter", "language_test", "eca_report", "proof_of_funds", "police_certificate")
PLACEHOLDER_DATE = "YYYY-MM-DD"
US_NAMES = re.compile(r"(?i)^\s*(united states( of america)?|usa?|u\.s\.a?\.?)\s*$")
# [[work]] key, the letter's field, the placeholder when the letter does not say
WORK_KEYS = (("title", "job_title", '"Job title"'), ("from", "start_date", PLACEHOLDER_DATE),
             ("to", "end_date", PLACEHOLDER_DATE), ("hours_per_week", "hours_per_week", "40"))


def render_case_file(folder: Path) -> str:
    """The case.toml text for ``folder``, read through the audit's own pipeline."""
    documents = read_entries(folder_entries(folder), Policy())
    return render_case_toml(documents, folder.name)


# --- values and comments ------------------------------------------------------------------

def _comment_safe(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text)


@dataclass
class _Table:
    header: str  # "[applicant]", "[[family]]"
    lines: list[str] = field(default_factory=list)
    commented: bool = False  # the whole table is a placeholder

    def value(self, key: str, value: object, source: Document | None = None, note: str = "") -> None:
        comment = f"from {source.rel}" if source is not None else ""
        comment = "; ".join(c for c in (comment, note) if c)
        self.lines.append(f"{key} = {_toml(value)}" + (f"  # {_comment_safe(comment)}" if comment else ""))

    def placeholder(self, key: str, example: str, note: str = "") -> None:
        self.lines.append(f"# {key} = {example}" + (f"  # {_comment_safe(note)}" if note else ""))

    def comment(self, text: str) -> None:
        self.lines.append(f"# {_comment_safe(text)}")

    def render(self) -> str:
        body = [self.header, *self.lines]
        if self.commented:
            body = [line if line.startswith("#") else f"# {line}" for line in body]
        return "\n".join(body)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # JSON string escapes are valid TOML


def _date_note(f: Field) -> str:
    notes = []
    if f.precision == "month":
        notes.append("the document gives the month only")
    if f.confidence < 1:
        notes.append("day and month order guessed")
    return ", ".join(notes)


# --- people -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Found:
    name: str
    source: Document
    born: Field | None = None
    born_source: Document | None = None
    note: str = ""  # how the name was read, when not plainly from ``source``


def _originals(documents: Iterable[Document], kind: str) -> list[Document]:
    documents = tuple(documents)
    return [d for d in documents if d.kind == kind and d.readable and original_of(d, documents) is None]


def _applicant(documents: tuple[Document, ...]) -> _Found | None:
    """The passport holder most of the applicant's other documents name; else the name those
    documents agree on most (the first of equals, in path order)."""
    named = [(d, subject(d, documents).names) for d in documents if d.kind in APPLICANT_KINDS and d.readable]

    def support(found: _Found) -> int:
        return sum(any(same_person(found.name, n) for n in names) for _, names in named)
    passports = []
    for doc in _originals(documents, "passport"):
        about = subject(doc, documents)
        if about.name is not None:
            passports.append(_Found(about.name.value, doc, about.date_of_birth, doc))
    candidates = passports or [_Found(names[0], doc) for doc, names in named if names]
    return max(candidates, key=support, default=None)


def _born(name: str, documents: tuple[Document, ...]) -> tuple[Field | None, Document | None]:
    """A birth date for ``name`` from a passport or police certificate about them."""
    for kind in ("passport", "police_certificate"):
        for doc in _originals(documents, kind):
            about = subject(doc, documents)
            if about.date_of_birth is not None and any(same_person(name, n) for n in about.names):
                return about.date_of_birth, doc
    return None, None


def _spouse(applicant: _Found | None, documents: tuple[Document, ...]) -> _Found | None:
    if applicant is None:
        return None
    for doc in _originals(documents, "marriage_certificate"):
        names = fields_of(doc, documents).get("spouse_names")
        if names is None or not names.value or not any(same_person(n, applicant.name) for n in names.value):
            continue
        other = [n for n in names.value if not same_person(n, applicant.name)]
        if other:
            born, source = _born(other[0], documents)
            return _Found(other[0], doc, born, source)
    return None


def _children(applicant: _Found | None, spouse: _Found | None, documents: tuple[Document, ...]) -> list[_Found]:
    if applicant is None:
        return []
    family = (FamilyMember("spouse", spouse.name, None, None),) if spouse else ()
    parents_case = Case(applicant=Applicant(name=applicant.name), family=family)
    found: list[_Found] = []
    seen = []
    for record in birth_records(documents):
        if record.name is None or not declared_parents(record.parents, parents_case):
            continue
        if any(same_person(record.name.value, adult.name) for adult in (applicant, spouse) if adult):
            continue  # the applicant's or the spouse's own certificate
        if any(same_child(record, p) for p in seen):
            continue
        seen.append(Person("child", record.name.value, record.date_of_birth.value if record.date_of_birth else None))
        translated = record.name_source is not None and record.name_source is not record.document
        note = f"read from its translation {record.name_source.rel}" if translated else ""
        found.append(_Found(record.name.value, record.document, record.date_of_birth, record.document, note))
    return found


# --- the file -----------------------------------------------------------------------------

def render_case_toml(documents: Iterable[Document], title: str) -> str:
    documents = tuple(documents)
    applicant = _applicant(documents)
    spouse = _spouse(applicant, documents)
    children = _children(applicant, spouse, documents)
    tables = [_case_table(documents), _applicant_table(applicant, spouse, documents)]
    tables += _residence_tables(documents)
    tables += _work_tables(documents)
    tables += _family_tables(spouse, children)
    head = [f"# case.toml for {_comment_safe(title)}, drafted by `prcheck init` from the documents in the folder.",
            "# Every value followed by \"# from <file>\" was read from that file: check it against the",
            "# Express Entry profile. Lines starting with \"# key =\" are placeholders: fill them in and",
            "# remove the \"#\". See SPEC.md section 2 for every key."]
    return "\n".join(head) + "\n\n" + "\n\n".join(t.render() for t in tables) + "\n"


def _case_table(documents: tuple[Document, ...]) -> _Table:
    table = _Table("[case]")
    table.placeholder("program", '"FSW"', "FSW | CEC | FST")
    table.placeholder("as_of", PLACEHOLDER_DATE, "the planned submission date")
    table.placeholder("ita_date", PLACEHOLDER_DATE, "when the Invitation to Apply was received")
    for doc in _originals(documents, "language_test"):
        test, taken = doc.value("test"), doc.value("test_date")
        if taken is not None:
            table.comment(f"Language test: {test or 'a test'} taken on {taken} (from {doc.rel}); "
                          f"results are valid for 2 years.")
    return table


def _applicant_table(applicant: _Found | None, spouse: _Found | None, documents: tuple[Document, ...]) -> _Table:
    table = _Table("[applicant]")
    if applicant is None:
        table.placeholder("name", '"Given Names Surname"', "no passport or letter named the applicant")
    else:
        note = "" if is_latin(applicant.name) else "not in the Latin alphabet: write it as on the profile"
        table.value("name", display_name(applicant.name), applicant.source, note)
        born, source = (applicant.born, applicant.born_source) if applicant.born else _born(applicant.name, documents)
        if born is not None:
            table.value("date_of_birth", born.value, source, _date_note(born))
        else:
            table.placeholder("date_of_birth", PLACEHOLDER_DATE)
    if spouse is not None:
        table.value("marital_status", "married", spouse.source, "a marriage certificate names the applicant")
    else:
        table.placeholder("marital_status", '"single"', "single | married | common-law | separated | divorced | "
                                                         "widowed | annulled")
    ecas = _originals(documents, "eca_report")
    if ecas:
        table.value("foreign_education", True, ecas[0], "an ECA report is on file")
    else:
        table.placeholder("foreign_education", "false", "true when the education claimed was completed abroad")
    table.placeholder("settlement_funds_exempt", "false", "true for CEC, or work authorisation with a valid job offer")
    return table


def _residence_tables(documents: tuple[Document, ...]) -> list[_Table]:
    """One commented [[residence]] per police certificate's country: the dates are unknown, and
    [[residence]] requires `from`, so the whole entry stays a placeholder."""
    tables = []
    seen = set()
    for doc in _originals(documents, "police_certificate"):
        country, region = doc.value("country"), doc.value("region")
        if not country or (country, region) in seen:
            continue
        seen.add((country, region))
        table = _Table("[[residence]]", commented=True)
        table.comment(f"a police certificate for {country}{', ' + region if region else ''} is in {doc.rel}")
        table.value("country", country)
        if region:
            table.value("region", region)
        elif US_NAMES.match(country):
            table.lines.append('region = "State"  # required for the United States: the state lived in')
        table.lines.append(f"from = {PLACEHOLDER_DATE}")
        table.lines.append(f"to = {PLACEHOLDER_DATE}  # omit for the current country")
        tables.append(table)
    return tables


def _work_tables(documents: tuple[Document, ...]) -> list[_Table]:
    """One [[work]] per position stated in an employment letter (a promotion is two)."""
    tables = []
    for doc in _originals(documents, "employment_letter"):
        employer = doc.fields.get("employer")
        positions = doc.positions or [doc.fields]
        for position in positions:
            table = _Table("[[work]]", commented=employer is None or not employer.value)
            if employer is None or not employer.value:
                table.comment(f"the employer's name could not be read from {doc.rel}")
                table.lines.append('employer = "Employer name"')
            else:
                table.value("employer", employer.value, doc)
            for key, name, example in WORK_KEYS:
                f = position.get(name) or (doc.fields.get(name) if name == "hours_per_week" else None)
                if f is not None and f.value is not None:
                    table.value(key, f.value, doc, _date_note(f) if isinstance(f.value, dt.date) else "")
                elif key == "to" and _truthy(position.get("current") or doc.fields.get("current")):
                    table.comment(f"no `to`: the letter says the job is current ({doc.rel})")
                else:
                    table.placeholder(key, example)
            table.placeholder("noc", '"21231"', "the NOC 2021 code claimed")
            tables.append(table)
    return tables


def _truthy(f: Field | None) -> bool:
    return f is not None and bool(f.value)


def _family_tables(spouse: _Found | None, children: list[_Found]) -> list[_Table]:
    tables = []
    for relation, person in [("spouse", spouse)] + [("child", c) for c in children]:
        if person is None:
            continue
        table = _Table("[[family]]")
        table.value("relation", relation)
        script = "" if is_latin(person.name) else "not in the Latin alphabet: write it as on the profile"
        table.value("name", display_name(person.name), person.source, "; ".join(n for n in (person.note, script) if n))
        if person.born is not None:
            table.value("date_of_birth", person.born.value, person.born_source, _date_note(person.born))
        else:
            table.placeholder("date_of_birth", PLACEHOLDER_DATE)
        table.placeholder("accompanying", "true", "false when they will not come to Canada (declare them anyway)")
        tables.append(table)
    return tables
