"""CAS: what the case file must declare for the other checks to run."""
from __future__ import annotations

from collections.abc import Iterator

from validator.model import INFO, Finding
from validator.registry import Context, check

from .sources import COMPLETENESS_CHECK


@check(code="CAS001", name="fact-not-declared", severity=INFO, source=COMPLETENESS_CHECK,
       fix="Add the missing facts to case.toml (see `prcheck init`).")
def fact_not_declared(ctx: Context) -> Iterator[Finding]:
    """A check could not run because case.toml lacks a fact it needs.

    Document-level checks run without a case file; the checks that compare documents with
    what the applicant declared need the declaration. The finding names the missing facts and
    the checks that were skipped.
    """
    if not ctx.unmet:
        return
    if ctx.case is None:
        codes = sorted({c for codes in ctx.unmet.values() for c in codes})
        yield ctx.finding(f"No case file, so the checks that compare documents with the declared "
                          f"facts did not run: {', '.join(codes)}.")
        return
    parts = [f"{fact} (needed by {', '.join(sorted(set(codes)))})" for fact, codes in sorted(ctx.unmet.items())]
    yield ctx.finding("Not declared in case.toml: " + "; ".join(parts) + ".")
