"""Residence history -> stays -> the police certificates they call for (SPEC §5 "Stays", "Police level").

IRCC wants a police certificate from every country other than Canada where the applicant lived
6 months or more in a row since age 18 (RULES.md §2). From the declared ``[[residence]]``
entries this module builds *stays*: each entry is clipped to the time after the 18th birthday
and up to ``as_of``, then consecutive or overlapping entries in the same country merge. In the
United States the FBI certificate covers the whole country and a state certificate one state,
so US entries make one merged whole-US stay and one stay per state.

Pure functions over dataclasses, shared by ``checks/police.py`` and ``validator/checklist/police.py``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .case import Case, Residence
from .config import Policy
from .model import Document, Field

CANADA = "Canada"
UNITED_STATES = "United States"
ADULT_AGE_MONTHS = 18 * 12
STAY_MONTHS = 6  # "6 months or more in a row"
NATIONAL, REGIONAL = "national", "regional"

# Canonical country name -> other spellings people write in case files and documents.
# Compared after _key(): lower case, no accents, no dots, single spaces.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "United States": ("united states of america", "usa", "us", "america", "etats unis",
                      "etats unis d amerique"),
    "United Kingdom": ("uk", "great britain", "britain", "england", "scotland", "wales",
                       "northern ireland", "royaume uni", "united kingdom of great britain and northern ireland"),
    "India": ("inde", "bharat", "republic of india"),
    "Canada": (),
    "France": ("republique francaise",),
    "Philippines": ("the philippines", "republic of the philippines"),
    "Australia": ("australie", "commonwealth of australia"),
    "Germany": ("allemagne", "deutschland"),
    "United Arab Emirates": ("uae", "emirats arabes unis", "dubai", "abu dhabi"),
    "Pakistan": (),
    "Nigeria": (),
    "Mexico": ("mexique", "estados unidos mexicanos"),
    "Ireland": ("irlande", "republic of ireland", "eire"),
    "Singapore": ("singapour",),
    "New Zealand": ("nouvelle zelande", "aotearoa"),
    "South Africa": ("afrique du sud", "rsa"),
    "Belgium": ("belgique", "belgie"),
    "Switzerland": ("suisse", "schweiz", "svizzera"),
    "Morocco": ("maroc", "kingdom of morocco"),
    "China": ("chine", "prc", "people s republic of china"),
    "Brazil": ("bresil", "brasil"),
}

US_STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico",
}


def _key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = plain.lower().replace(".", "").replace("-", " ").replace("'", " ").replace("’", " ")
    return " ".join(plain.split())


_COUNTRY_BY_KEY = {_key(alias): canonical for canonical, aliases in COUNTRY_ALIASES.items()
                   for alias in (canonical, *aliases)}
_STATE_BY_KEY = {**{_key(code): name for code, name in US_STATES.items()},
                 **{_key(name): name for name in US_STATES.values()},
                 **{_key(name + " state"): name for name in US_STATES.values()}}


def canonical_country(name: str) -> str:
    """'USA', 'U.S.', 'États-Unis' -> 'United States'; an unknown name is kept, trimmed."""
    return _COUNTRY_BY_KEY.get(_key(name), " ".join(name.split()))


def canonical_region(country: str, region: str | None) -> str | None:
    """A US state's full name from its name or postal code ('CA' -> 'California')."""
    if region is None or not region.strip():
        return None
    if country == UNITED_STATES:
        return _STATE_BY_KEY.get(_key(region), " ".join(region.split()))
    return " ".join(region.split())


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months: 31 August + 6 months is the last day of February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- stays --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stay:
    """A period in one country (and, for a US state stay, one state), clipped and merged."""

    country: str
    region: str | None  # a US state for a state stay; None for a whole-country stay
    start: dt.date
    end: dt.date  # inclusive; as_of for the stay going on now
    current: bool  # holds the residence entry with no `to`

    @property
    def lasts_six_months(self) -> bool:
        """`from + 6 months <= to`, with `to` inclusive: 15 Jan to 15 Jul is exactly six months."""
        return add_months(self.start, STAY_MONTHS) <= self.end

    @property
    def period(self) -> str:
        return f"{self.start} to {'now' if self.current else self.end}"


def adult_from(date_of_birth: dt.date | None) -> dt.date | None:
    """The 18th birthday (29 February births turn 18 on 28 February)."""
    return add_months(date_of_birth, ADULT_AGE_MONTHS) if date_of_birth else None


def build_stays(residence: Iterable[Residence], date_of_birth: dt.date | None,
                as_of: dt.date) -> list[Stay]:
    """Whole-country stays for every country, plus one stay per state in the United States.

    Each entry is clipped to [18th birthday, as_of] (not clipped at the start when the birth
    date is unknown) and dropped when nothing is left; entries of one place that overlap or
    follow each other without a gap of a day merge into one stay.
    """
    earliest = adult_from(date_of_birth)
    pieces: dict[tuple[str, str | None], list[Stay]] = {}
    for entry in residence:
        country = canonical_country(entry.country)
        start = max(entry.start, earliest) if earliest else entry.start
        end = min(entry.end or as_of, as_of)
        if start > end:
            continue
        piece = Stay(country, None, start, end, entry.end is None)
        pieces.setdefault((country, None), []).append(piece)
        region = canonical_region(country, entry.region)
        if country == UNITED_STATES and region:
            pieces.setdefault((country, region), []).append(
                Stay(country, region, start, end, piece.current))
    return [stay for place in sorted(pieces, key=lambda p: (p[0], p[1] or ""))
            for stay in _merge(pieces[place])]


def _merge(pieces: list[Stay]) -> list[Stay]:
    merged: list[Stay] = []
    for piece in sorted(pieces, key=lambda s: (s.start, s.end)):
        last = merged[-1] if merged else None
        if last and piece.start <= last.end + dt.timedelta(days=1):
            merged[-1] = Stay(last.country, last.region, last.start, max(last.end, piece.end),
                              last.current or piece.current)
        else:
            merged.append(piece)
    return merged


def needs_certificate(stay: Stay, as_of: dt.date, lookback_years: int) -> bool:
    """Outside Canada, 6+ months in a row, ending after as_of - lookback_years."""
    return (stay.country != CANADA and stay.lasts_six_months
            and stay.end > add_months(as_of, -12 * lookback_years))


# --- requirements -------------------------------------------------------------------------

@dataclass(frozen=True)
class Requirement:
    """One police certificate the history calls for: a country's, or a US state's."""

    country: str
    region: str | None  # a US state: a state-level certificate
    stays: tuple[Stay, ...]  # the stays that need it, oldest first

    @property
    def last(self) -> Stay:
        return self.stays[-1]

    @property
    def label(self) -> str:
        """The checklist's name for it (SPEC §3 example: 'Police certificate: United States (FBI)')."""
        if self.region:
            return f"{self.country} — {self.region} (state)"
        return f"{self.country} (FBI)" if self.country == UNITED_STATES else self.country

    @property
    def periods(self) -> str:
        return ", ".join(s.period for s in self.stays)


def requirements(residence: Iterable[Residence], date_of_birth: dt.date | None, as_of: dt.date,
                 lookback_years: int) -> list[Requirement]:
    """Every certificate needed: countries first, each followed by its US states."""
    grouped: dict[tuple[str, str | None], list[Stay]] = {}
    for stay in build_stays(residence, date_of_birth, as_of):
        if needs_certificate(stay, as_of, lookback_years):
            grouped.setdefault((stay.country, stay.region), []).append(stay)
    return [Requirement(country, region, tuple(stays)) for (country, region), stays in grouped.items()]


def police_requirements(case: Case, policy: Policy, as_of: dt.date) -> list[Requirement]:
    """The certificates a case needs under the house policy: no state ones when it turns them off."""
    needed = requirements(case.residence, case.applicant.date_of_birth, as_of, policy.police_lookback_years)
    if policy.us_state_certificates == "off":
        return [r for r in needed if r.region is None]
    return needed


# --- certificates -------------------------------------------------------------------------

@dataclass(frozen=True)
class Certificate:
    """A police certificate document, reduced to what matching it to a stay needs."""

    doc: Document
    country: str
    region: str | None
    national: bool

    @property
    def issued(self) -> Field | None:
        f = self.doc.fields.get("issue_date")
        return f if f is not None and f.value is not None else None


def certificates(documents: Iterable[Document]) -> list[Certificate]:
    """The readable police certificates whose issuing country could be read."""
    found = []
    for doc in documents:
        if doc.kind != "police_certificate" or not doc.readable or not doc.value("country"):
            continue
        country = canonical_country(doc.value("country"))
        found.append(Certificate(doc, country, canonical_region(country, doc.value("region")),
                                 doc.value("level") != REGIONAL))
    return found


def of_country(certs: Iterable[Certificate], country: str) -> list[Certificate]:
    return [c for c in certs if c.country == country]


def answering(requirement: Requirement, certs: Iterable[Certificate]) -> list[Certificate]:
    """The certificates that answer a requirement.

    A state requirement takes that state's certificates. A country requirement takes the
    country's national certificates; outside the United States, where IRCC names the FBI
    certificate specifically, a regional one (an emirate's, a district's) stands in when
    the country issued no national one.
    """
    same = of_country(certs, requirement.country)
    if requirement.region:
        return [c for c in same if not c.national and c.region == requirement.region]
    national = [c for c in same if c.national]
    if national or requirement.country == UNITED_STATES:
        return national
    return same


def newest(certs: Iterable[Certificate]) -> Certificate | None:
    """The most recently issued certificate (the one that best covers a stay)."""
    dated = [c for c in certs if c.issued is not None]
    return max(dated, key=lambda c: c.issued.value, default=None)
