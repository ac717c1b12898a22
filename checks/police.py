"""POL: police certificates against the declared residence history (SPEC §4; §5 "Stays", "Police level").

validator.residence turns ``[[residence]]`` into the certificates the case needs (one per
country, plus one per US state unless the house policy turns state certificates off) and
matches certificate documents to them; the checks below only judge the result.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from validator.model import ERROR, WARNING, Field, Finding
from validator.registry import Context, check
from validator.residence import (
    UNITED_STATES,
    Certificate,
    Requirement,
    add_months,
    answering,
    certificates,
    newest,
    of_country,
    police_requirements,
)

from .sources import COMPLETENESS_CHECK, POLICE_CERTIFICATE_UNITED_STATES, POLICE_CERTIFICATES

RESIDENCE = ("[[residence]]",)
FRESH_MONTHS = 6  # a current-country certificate is at most 6 months old at submission
NAMED_WITH_THE = frozenset({"United States", "United Kingdom", "United Arab Emirates", "Philippines", "Netherlands"})


def _requirements(ctx: Context) -> list[Requirement]:
    return police_requirements(ctx.case, ctx.policy, ctx.as_of)


def _age_note(ctx: Context) -> str:
    if ctx.case.applicant.date_of_birth is None:
        return (" applicant.date_of_birth is not declared, so time before age 18 was counted too;"
                " declare it to leave that time out.")
    return ""


def _where(requirement: Requirement) -> str:
    """'India', 'the United States', 'California (United States)'."""
    if requirement.region:
        return f"{requirement.region} ({requirement.country})"
    return f"the {requirement.country}" if requirement.country in NAMED_WITH_THE else requirement.country


def _latest_day(issued: Field) -> dt.date:
    """The latest day a date may mean: a month-only date ('September 2023') may be its last day."""
    day = issued.value
    if issued.precision == "month":
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


def _date_doubt(issued: Field) -> str:
    """A guessed day/month order or an unlabelled date: say so rather than assert a defect."""
    return " (the date was read with low confidence: check it on the certificate)" if issued.confidence < 1 else ""


@check(code="POL001", name="missing-police-certificate", severity=ERROR, source=POLICE_CERTIFICATES,
       needs=RESIDENCE,
       fix="Get a police certificate from that country (for the United States, the FBI Identity History "
           "Summary). If it cannot arrive in time, upload a letter of explanation with proof of the request.")
def missing_police_certificate(ctx: Context) -> Iterator[Finding]:
    """A country lived in for 6+ months in a row since age 18 has no police certificate at all.

    IRCC needs a police certificate from every country other than Canada where the applicant
    lived 6 months or more in a row since turning 18, within the last 10 years
    (policy.police_lookback_years). Stays are the declared [[residence]] entries clipped to the
    18th birthday and the as-of date, with back-to-back entries in one country merged. One
    finding per country; any certificate from the country (national or regional) prevents it.
    """
    certs = certificates(ctx.documents)
    years = ctx.policy.police_lookback_years
    for requirement in _requirements(ctx):
        if requirement.region is None and not of_country(certs, requirement.country):
            yield ctx.finding(
                f"No police certificate from {_where(requirement)}, where the applicant lived "
                f"{requirement.periods} (6 months or more in a row since age 18, within the last "
                f"{years} years).{_age_note(ctx)}")


@check(code="POL002", name="missing-regional-certificate", severity=WARNING,
       source=POLICE_CERTIFICATE_UNITED_STATES, needs=RESIDENCE,
       fix="Get a state police certificate from that state's repository (e.g. the California DOJ "
           "Record Review), or set policy.us_state_certificates = \"off\" if the firm does not ask for them.")
def missing_regional_certificate(ctx: Context) -> Iterator[Finding]:
    """A US state lived in for 6+ months in a row has no state-level certificate.

    IRCC requires the FBI certificate and may ask for state ones. The house policy decides:
    policy.us_state_certificates = "required" makes this an error, "recommended" (the default)
    a warning, "off" silences it. One finding per state, whether or not POL001 fired.
    """
    setting = ctx.policy.us_state_certificates
    severity = ERROR if setting == "required" else None  # None: the configured severity
    certs = certificates(ctx.documents)
    for requirement in _requirements(ctx):
        if requirement.region and not answering(requirement, certs):
            yield ctx.finding(
                f"No state police certificate from {_where(requirement)}, where the applicant lived "
                f"{requirement.periods} (state certificates are {setting} by the house policy).{_age_note(ctx)}",
                severity=severity)


@check(code="POL003", name="missing-national-certificate", severity=ERROR,
       source=POLICE_CERTIFICATE_UNITED_STATES, needs=RESIDENCE,
       fix="Get the FBI Identity History Summary (fingerprint-based, online or through an FBI-approved "
           "channeler); state certificates do not replace it.")
def missing_national_certificate(ctx: Context) -> Iterator[Finding]:
    """US residence is covered by state certificates only, with no FBI certificate.

    For the United States IRCC asks for the FBI Identity History Summary, which covers the whole
    country; a state certificate covers one state's records and cannot replace it.
    """
    certs = certificates(ctx.documents)
    state_files = [c.doc.rel for c in of_country(certs, UNITED_STATES) if not c.national]
    for requirement in _requirements(ctx):
        if requirement.country == UNITED_STATES and requirement.region is None and state_files \
                and not answering(requirement, certs):
            yield ctx.finding(
                f"The United States stay ({requirement.periods}) is covered only by state certificates "
                f"({', '.join(state_files)}), with no FBI Identity History Summary.")


def _judged(ctx: Context) -> Iterator[tuple[Requirement, Certificate, Field]]:
    """Each needed certificate with the newest document answering it and its issue date."""
    certs = certificates(ctx.documents)
    for requirement in _requirements(ctx):
        cert = newest(answering(requirement, certs))
        if cert is not None:
            yield requirement, cert, cert.issued


@check(code="POL004", name="certificate-predates-stay", severity=ERROR, source=COMPLETENESS_CHECK,
       needs=RESIDENCE,
       fix="Get a new police certificate issued after the applicant left that country.")
def certificate_predates_stay(ctx: Context) -> Iterator[Finding]:
    """A certificate from a former country was issued before the applicant's last day there.

    For a country the applicant no longer lives in, IRCC wants a certificate issued after the
    last stay of 6+ months ended, so that it covers the whole stay (an expired one is fine).
    The newest certificate is judged against the last such stay; a US state certificate against
    the stay in that state. The current country is judged by POL005 alone.
    """
    for requirement, cert, issued in _judged(ctx):
        stay = requirement.last
        if not stay.current and _latest_day(issued) < stay.end:
            yield ctx.finding(
                f"The police certificate for {_where(requirement)} was issued on {issued.value}"
                f"{_date_doubt(issued)}, before the applicant's stay there ended ({stay.period}), "
                f"so it does not cover the whole stay.", cert.doc, source=issued)


@check(code="POL005", name="certificate-stale", severity=ERROR, source=COMPLETENESS_CHECK, needs=RESIDENCE,
       fix="Get a new police certificate from the country of residence, issued within 6 months of submission.")
def certificate_stale(ctx: Context) -> Iterator[Finding]:
    """The certificate for the current country of residence is more than 6 months old.

    For the country where the applicant lives now (outside Canada), IRCC wants a certificate
    issued no more than 6 calendar months before the application is submitted (the as-of date).
    """
    oldest_fresh = add_months(ctx.as_of, -FRESH_MONTHS)
    for requirement, cert, issued in _judged(ctx):
        if requirement.last.current and _latest_day(issued) < oldest_fresh:
            yield ctx.finding(
                f"The police certificate for {_where(requirement)}, where the applicant lives now, was "
                f"issued on {issued.value}{_date_doubt(issued)}, more than 6 months before {ctx.as_of} "
                f"(it must be issued on or after {oldest_fresh}).", cert.doc, source=issued)
