"""ECA: Educational Credential Assessment reports, alone and against the declared education.

The designated organisations, their designation dates and the validity period are data
(``validator/rules/eca.toml``), read through :func:`validator.kinds.eca.rules`.
"""
from __future__ import annotations

from collections.abc import Iterator

from validator.kinds.eca import latest_issue_date, rules, valid_until
from validator.model import ERROR, Document, Field, Finding
from validator.registry import Context, check

from .sources import ECA_SUBMIT_REPORT, MI_AMENDING_EXPRESS_ENTRY_2017

ECA = {"eca_report"}
NEW_ECA = ("Order a new ECA from a designated organisation (WES, ICAS, CES, IQAS, ICES; MCC for physicians, "
           "PEBC for pharmacists) and update the Express Entry profile with its reference number and result.")


def _designated_list() -> str:
    return ", ".join(o.code for o in rules().organizations)


def _report(doc: Document) -> str:
    """'The WES report (reference 4567890)'; a body IRCC did not designate is not named here."""
    org = rules().organization(doc.value("organization"))
    reference = doc.value("reference_number")
    return (f"The {org.code} report" if org else "The ECA report") + (f" (reference {reference})" if reference else "")


def _guessed(f: Field) -> str:
    return " The issue date's day/month order is a guess: check it." if f.confidence < 1 else ""


@check(code="ECA001", name="eca-expired", severity=ERROR, kinds=ECA, source=MI_AMENDING_EXPRESS_ENTRY_2017,
       fix=NEW_ECA)
def eca_expired(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The ECA report was issued more than 5 years before the as-of date.

    An ECA is valid for 5 years from its issue date: it must still be valid when IRCC
    receives the application, and a profile becomes ineligible once its ECA is 5 years old.
    Years are calendar years: a report issued on 15 March 2020 is valid up to and including
    15 March 2025. A month-only issue date ("March 2020") is read as the month's last day.
    """
    issued = latest_issue_date(doc.fields.get("issue_date"))
    if issued is None:
        return
    until = valid_until(issued)
    if ctx.as_of > until:
        source = doc.fields["issue_date"]
        yield ctx.finding(f"{_report(doc)} was issued on {source.value.isoformat()}, more than "
                          f"{rules().validity_years} years before {ctx.as_of.isoformat()}: it was valid until "
                          f"{until.isoformat()}.{_guessed(source)}", doc, source=source)


@check(code="ECA002", name="eca-not-designated", severity=ERROR, kinds=ECA, source=ECA_SUBMIT_REPORT,
       fix=NEW_ECA)
def eca_not_designated(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The ECA report does not come from a designated organisation, or does not count.

    IRCC accepts ECA reports only from the organisations it designated (WES, ICAS, CES,
    IQAS, ICES; the Medical Council of Canada for physicians and the Pharmacy Examining Board
    of Canada for pharmacists), issued on or after the date each was designated, and only
    ECAs for immigration purposes: a general-purpose evaluation from the same organisation
    does not count. The finding says which of these the report fails.
    """
    org_field = doc.fields.get("organization")
    org = rules().organization(org_field.value) if org_field else None
    if org_field is None or org_field.value is None:
        yield ctx.finding("prcheck could not tell which organisation issued this ECA report; check that it is "
                          f"one IRCC designated ({_designated_list()}).", doc)
    elif org is None:
        yield ctx.finding(f"{_report(doc)} was issued by {org_field.value}, which IRCC has not designated to "
                          f"assess credentials for Express Entry (designated: {_designated_list()}).",
                          doc, source=org_field)
    issued_field = doc.fields.get("issue_date")
    issued = latest_issue_date(issued_field)
    if org is not None and issued is not None and issued < org.designated:
        yield ctx.finding(f"{_report(doc)} was issued on {issued_field.value.isoformat()}, before {org.code} was "
                          f"designated on {org.designated.isoformat()}; IRCC accepts only reports issued on or "
                          f"after the designation date.{_guessed(issued_field)}", doc, source=issued_field)
    purpose = doc.fields.get("purpose")
    if purpose is not None and purpose.value == "general":
        if purpose.evidence:
            message = f"{_report(doc)} is a general-purpose evaluation, not an ECA for immigration purposes."
        else:
            message = (f"{_report(doc)} does not say it was issued for immigration purposes (IRCC / Express "
                       "Entry); a general-purpose evaluation does not count.")
        yield ctx.finding(message, doc, source=purpose,
                          hint=f"Ask {org.code if org else 'the organisation'} for an ECA for immigration "
                               "purposes (IRCC), not a general evaluation.")


@check(code="ECA003", name="missing-eca", severity=ERROR, source=ECA_SUBMIT_REPORT,
       needs=("applicant.foreign_education",),
       fix="Add the ECA report (the copy the organisation sent you) to the folder; its result and "
           "reference number must match the Express Entry profile.")
def missing_eca(ctx: Context) -> Iterator[Finding]:
    """Education completed outside Canada is declared, but the folder holds no ECA report.

    A principal applicant under the Federal Skilled Worker program needs an ECA for foreign
    education, and anyone claiming points for it does too; the applicant uploads a copy of the
    report with the application. An expired or non-designated report is ECA001/ECA002, not this.
    """
    assert ctx.case is not None  # needs= guarantees a case file
    if not ctx.case.applicant.foreign_education or ctx.of_kind("eca_report"):
        return
    why = ("an FSW principal applicant with foreign education must have one"
           if ctx.case.program == "FSW" else "it is needed to claim points for foreign education")
    yield ctx.finding("The case declares education completed outside Canada (applicant.foreign_education = "
                      f"true) but the folder holds no Educational Credential Assessment report; {why}.")
