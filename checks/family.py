"""FAM: family members the documents show against those declared in [[family]]."""
from __future__ import annotations

from collections.abc import Iterator

from validator.model import ERROR, WARNING, Document, Finding
from validator.parse.names import compare_names, is_latin
from validator.people import (
    DEPENDANT_AGE,
    ChildRecord,
    Person,
    age_on,
    birth_records,
    declared_child,
    declared_parents,
    declared_people,
    fields_of,
    original_of,
    partners,
    same_child,
    whose,
)
from validator.registry import Context, check

from .sources import EXPRESS_ENTRY_DOCUMENTS, IRPR_EXCLUDED_RELATIONSHIPS

PARTNERED = ("married", "common-law")


def _child_label(record: ChildRecord) -> str:
    if record.name is None:
        return "A child whose name could not be read"
    if not is_latin(record.name.value):
        return f"A child named '{record.name.value}' (not compared: no translation in the folder)"
    return record.name.value


def _is_declared_adult(record: ChildRecord, people: list[Person]) -> bool:
    """The applicant's or the partner's own birth certificate (they are the 'child' on it)."""
    adults = [p for p in people if p.role != "child"]
    return any(same_child(record, p) for p in adults)


def _evidence(record: ChildRecord) -> dict:
    """Page and evidence of the child's name when read from the original itself; from a
    translation, the evidence says so (its page numbers are not the original's)."""
    field = record.name or record.date_of_birth
    if field is None:
        return {}
    if record.name_source is None or record.name_source is record.document:
        return {"source": field}
    return {"evidence": f"{record.name_source.rel}: {field.evidence}"}


@check(code="FAM001", name="undeclared-dependent", severity=ERROR, source=IRPR_EXCLUDED_RELATIONSHIPS,
       needs=("applicant.name",),
       fix="Declare the child in the Express Entry profile and in case.toml's [[family]] (accompanying or not).")
def undeclared_dependent(ctx: Context) -> Iterator[Finding]:
    """A child shown by the documents is not declared in [[family]].

    A birth certificate that names the applicant (or the declared spouse or common-law
    partner) as a parent shows a child; when that child is under 22 on the as-of date, they are
    a dependent child (IRPR s. 2) and must be declared and examined even if they will not come
    to Canada. An undeclared family member can never be sponsored later (IRPR s. 117(9)(d)) and
    the omission may be found to be misrepresentation. Children 22 or older are not dependants by
    age and are left alone. The finding names the original certificate, not its translation;
    a name in another script is read from the translation beside it.
    """
    people = declared_people(ctx.case)
    reported: list[ChildRecord] = []
    for record in birth_records(ctx.documents):
        parents = declared_parents(record.parents, ctx.case)
        if not parents or _is_declared_adult(record, people) or declared_child(record, ctx.case):
            continue
        born = record.date_of_birth
        if born is not None and age_on(born.value, ctx.as_of) >= DEPENDANT_AGE:
            continue
        if any(_same_record(record, r) for r in reported):
            continue
        reported.append(record)
        if born is None:
            age = "date of birth not read, so taken to be under 22"
        else:
            guessed = "; the date's day and month order is a guess" if born.confidence < 1 else ""
            age = f"born {born.value}, aged {age_on(born.value, ctx.as_of)} on {ctx.as_of}{guessed}"
        named = " and ".join(_parent_label(p, record) for p in parents)
        yield ctx.finding(f"{_child_label(record)} ({age}) is shown on this birth certificate with {named} "
                          f"as {'parents' if len(parents) > 1 else 'parent'}, but is not declared in [[family]].",
                          record.document, **_evidence(record))


def _parent_label(parent: Person, record: ChildRecord) -> str:
    """Who the parent is, and the name the certificate gives when it is an earlier one."""
    label = f"{parent.label} ({parent.name})" if parent.role == "applicant" else parent.label
    shown = next(n for n in record.parents if parent.known_as(n))
    if compare_names(shown, parent.name).same is not True:
        label += f" under the earlier name '{shown}'"
    return label


def _same_record(a: ChildRecord, b: ChildRecord) -> bool:
    """Two certificates of one child (a short and a long form)."""
    same_name = compare_names(a.name.value if a.name else None, b.name.value if b.name else None).same
    same_birth = (a.date_of_birth is not None and b.date_of_birth is not None
                  and a.date_of_birth.value == b.date_of_birth.value)
    return bool(same_name) and (same_birth or a.date_of_birth is None or b.date_of_birth is None)


def _marriage_certificates(ctx: Context) -> list[Document]:
    return [d for d in ctx.of_kind("marriage_certificate") if original_of(d, ctx.documents) is None]


def _names_applicant(doc: Document, ctx: Context) -> bool | None:
    """Whether a marriage certificate names the applicant; None when its names cannot be judged."""
    names = fields_of(doc, ctx.documents).get("spouse_names")
    if names is None or not names.value:
        return None
    applicant = declared_people(ctx.case)[0]
    verdicts = [applicant.compared_with(n) for n in names.value]
    if any(v.same for v in verdicts):
        return True
    return False if all(v.comparable for v in verdicts) else None


def _describe(doc: Document, ctx: Context) -> str:
    fields = fields_of(doc, ctx.documents)
    names = fields.get("spouse_names")
    married = fields.get("marriage_date")
    text = "A marriage certificate"
    if names is not None and names.value:
        text += " between " + " and ".join(names.value)
    if married is not None:
        text += f" (married {married.value})"
    return text


@check(code="FAM002", name="marital-status-inconsistent", severity=ERROR, source=EXPRESS_ENTRY_DOCUMENTS,
       needs=("applicant.marital_status",),
       fix="Correct the marital status in the profile and case.toml, or declare the spouse or common-law partner "
           "in [[family]] (accompanying or not).")
def marital_status_inconsistent(ctx: Context) -> Iterator[Finding]:
    """The declared marital status contradicts the documents or the declared family.

    Declared single while a marriage certificate names the applicant, a passport names a
    spouse, or [[family]] declares a spouse; or declared married or common-law with no spouse or
    partner in [[family]]. A spouse must be declared and examined even when not accompanying,
    and a wrong marital status changes the CRS grid the profile was ranked on.
    """
    status = ctx.case.applicant.marital_status
    if status in PARTNERED:
        if not partners(ctx.case):
            shown = "; ".join(f"{_describe(d, ctx)} is in {d.rel}" for d in _marriage_certificates(ctx))
            yield ctx.finding(f"The applicant is declared {status}, but [[family]] declares no spouse or common-law "
                              f"partner." + (f" {shown}." if shown else ""))
        return
    if status != "single":
        return
    for doc in _marriage_certificates(ctx):
        if _names_applicant(doc, ctx) is False:
            continue  # someone else's marriage (a parent's, say)
        yield ctx.finding(f"{_describe(doc, ctx)} is on file, but the applicant is declared single.", doc,
                          source=doc.fields.get("spouse_names"))
    for doc in ctx.of_kind("passport"):
        spouse = doc.fields.get("spouse_name")
        owner = whose(doc, ctx.documents, ctx.case)
        if spouse is not None and owner is not None and owner.person.role == "applicant":
            yield ctx.finding(f"The applicant's passport names a spouse ({spouse.value}), but the applicant is "
                              f"declared single.", doc, source=spouse)
    for partner in partners(ctx.case):
        yield ctx.finding(f"[[family]] declares a {partner.role.replace('-', ' ')}"
                          + (f" ({partner.name})" if partner.name else "") + ", but the applicant is declared single.")


# Needs only the case file: no [[family]] table means no declared child, not a missing fact.
@check(code="FAM003", name="dependent-undocumented", severity=WARNING, source=EXPRESS_ENTRY_DOCUMENTS,
       needs=("case file",),
       fix="Add the child's birth certificate (with a certified translation if it is not in English or French).")
def dependent_undocumented(ctx: Context) -> Iterator[Finding]:
    """A declared child has no birth certificate in the folder.

    IRCC asks for each dependent child's birth certificate naming the parents, to prove the
    relationship; a child is matched to a certificate by name (tolerant, see `prcheck explain
    IDN001`) or, when the names cannot be compared, by date of birth.
    """
    records = birth_records(ctx.documents)
    for person in declared_people(ctx.case):
        if person.role != "child" or any(same_child(r, person) for r in records):
            continue
        born = f" (born {person.date_of_birth})" if person.date_of_birth else ""
        yield ctx.finding(f"No birth certificate was found for the declared child {person.name or '(no name)'}{born}.")
