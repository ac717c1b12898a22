"""FND: proof of settlement funds against the table for the declared family size."""
from __future__ import annotations

from collections.abc import Iterator

from validator.funds import PROGRAMS_REQUIRING_FUNDS, exemption, family_size, table_on
from validator.model import ERROR, INFO, Document, Finding, Money
from validator.people import original_of
from validator.registry import Context, check

from .sources import PROOF_OF_FUNDS

CAD = "CAD"


def _amount(money: Money) -> str:
    return f"{money.currency or '(no currency)'} {money.amount:,.2f}"


def _letters(ctx: Context) -> list[Document]:
    """Proof-of-funds documents, a translation counting with its original rather than twice."""
    return [d for d in ctx.of_kind("proof_of_funds") if original_of(d, ctx.documents) is None]


def _must_show_funds(ctx: Context) -> bool:
    return ctx.case.program in PROGRAMS_REQUIRING_FUNDS and exemption(ctx.case) is None


@check(code="FND001", name="insufficient-funds", severity=ERROR, source=PROOF_OF_FUNDS, needs=("case.program",),
       fix="Add proof of further funds (every account counts), or check the family size declared in [[family]].")
def insufficient_funds(ctx: Context) -> Iterator[Finding]:
    """The current balances in CAD add up to less than the settlement funds required.

    FSW and FST applicants must show the funds for their whole family: the applicant plus every
    [[family]] entry, accompanying or not. The current balances (not the 6-month averages) of all
    the proof-of-funds letters are summed; balances in another currency are not converted (see
    FND003). The amount required comes from the table in force on the as-of date
    (validator/rules/settlement_funds.toml). CEC applicants and those with a valid job offer and
    work authorisation are exempt.
    """
    if not _must_show_funds(ctx):
        return
    counted: list[tuple[Document, Money]] = []
    other: list[str] = []
    unread: list[str] = []
    for doc in _letters(ctx):
        balance = doc.value("balance")
        if balance is None:
            unread.append(doc.rel)
        elif balance.currency == CAD:
            counted.append((doc, balance))
        else:
            other.append(f"{_amount(balance)} in {doc.rel}")
    if not counted:
        return  # nothing in CAD to compare: FND002 or FND003 says why
    total = sum(m.amount for _, m in counted)
    size = family_size(ctx.case)
    table = table_on(ctx.as_of)
    required = table.required(size)
    if total >= required:
        return
    parts = ", ".join(f"{doc.rel}: {_amount(m)}" for doc, m in counted)
    notes = ""
    if other:
        notes += f" Not counted (another currency, see FND003): {'; '.join(other)}."
    if unread:
        notes += f" No current balance could be read from {', '.join(unread)}."
    when = f"table effective {table.effective}" if table.effective <= ctx.as_of else \
        f"oldest table known, effective {table.effective}"
    yield ctx.finding(f"The proof-of-funds letters show CAD {total:,.2f} in current balances ({parts}), below the "
                      f"CAD {required:,} required for a family of {size} ({when}).{notes}",
                      counted[0][0] if len(counted) == 1 else None)


@check(code="FND002", name="missing-proof-of-funds", severity=ERROR, source=PROOF_OF_FUNDS, needs=("case.program",),
       fix="Add a letter from each bank holding the funds: name, account numbers, opening dates, current and "
           "6-month average balances, debts; or declare the exemption (settlement_funds_exempt) if it applies.")
def missing_proof_of_funds(ctx: Context) -> Iterator[Finding]:
    """FSW or FST, not exempt, and no proof-of-funds document in the folder.

    Proof of settlement funds is part of a complete FSW or FST application unless the applicant
    is authorised to work in Canada and holds a valid job offer; without it the application can
    be rejected as incomplete.
    """
    if _must_show_funds(ctx) and not _letters(ctx):
        size = family_size(ctx.case)
        yield ctx.finding(f"No proof-of-funds letter was found; {ctx.case.program} applicants must show "
                          f"CAD {table_on(ctx.as_of).required(size):,} for a family of {size}.")


@check(code="FND003", name="funds-not-comparable", severity=INFO, kinds={"proof_of_funds"}, source=PROOF_OF_FUNDS,
       fix="Convert the balance at the bank's rate on the letter's date to check it against the requirement, "
           "or ask the bank to state the equivalent in Canadian dollars.")
def funds_not_comparable(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A balance in another currency than CAD: reported with its amount, not compared.

    Exchange rates change daily and prcheck never goes online, so a foreign balance is neither
    converted nor added to the Canadian-dollar total FND001 compares with the requirement.
    """
    if original_of(doc, ctx.documents) is not None:
        return
    balance = doc.fields.get("balance")
    if balance is None or balance.value is None or balance.value.currency == CAD:
        return
    currency = balance.value.currency
    what = f"in {currency}" if currency else "with no currency stated"
    yield ctx.finding(f"The current balance {what}, {_amount(balance.value)}, is not compared with the settlement "
                      f"funds required (they are in CAD).", doc, source=balance)
