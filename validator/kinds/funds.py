"""Proof-of-funds letters: institution, letter date, account holder, current and average balance.

IRCC asks each bank for a letter with the applicant's name, the account numbers, the
*current* balance and the *average balance over the past 6 months* [RULES.md §6]. Banks give
them as a table (one row per account, a column per balance, often a total row), as labelled
lines ("Current balance as on 15/07/2025: INR 18,50,000.00") or in a sentence. The two
balances must never be confused: FND001 compares the current one. Amounts on lines about debts
("credit card balance", "outstanding loan") are not balances of the applicant's funds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Field, Money, Page
from ..parse.dates import find_dates
from ..parse.money import MoneyMatch, find_money
from ..parse.names import clean_name, display_name
from .birth import date_order
from .employment import DOLLAR_COUNTRIES
from .forms import Form, Label
from .text import DocText, Line

INSTITUTION = re.compile(
    r"(?i)\b(bank|banque|banco|credit union|caisse|desjardins|trust|building society|"
    r"financial group|savings and loan)\b")
CURRENT = re.compile(r"(?i)\b(current|available|closing|present|ledger|actuel|disponible)\b")
AVERAGE = re.compile(r"(?i)\b(average|avg|moyen(?:ne)?)\b")
BALANCE = re.compile(r"(?i)\b(balances?|solde)\b")
TOTAL = re.compile(r"(?i)\b(total|totaux|combined|aggregate)\b")
DEBT = re.compile(r"(?i)\b(debts?|loans?|credit cards?|overdraft|liabilit\w+|outstanding|mortgage|owing|dettes?|"
                  r"prêts?|carte de crédit|hypothèque)\b")
ACCOUNT_WORDS = re.compile(r"(?i)\b(account|a/c|acct|compte)\b")
# An account named by its type in a sentence ("her savings account has a balance of ..."): two
# balances after two different types are two accounts, as two account numbers would be.
ACCOUNT_TYPE = re.compile(r"(?i)\b(chequing|checking|savings?|fixed[ -]deposit|term[ -]deposit|time[ -]deposit"
                          r"|money[ -]market|TFSA|RRSP|GIC|investment|(?:compte[ -])?(?:chèques|épargne))\b")
# Masked (XXXXXX4821) or grouped (05012-5102837) or long runs of digits; never part of a longer
# token, though a sentence's comma or full stop may follow.
ACCOUNT_NUMBER = re.compile(r"(?<![\w$.,/:-])(?:[Xx*]{2,}[-\s]?\d{2,}|\d{2,}(?:-\d{2,}){1,4}|\d{6,})"
                            r"(?![\w/-]|[.,]\d)")
NUMBER_LABEL_AT_END = re.compile(r"(?i)\b(no\.?|number|n[o°º]\.?|#)\s*:?\s*$")
PHONE_WORDS = re.compile(r"(?i)\b(tel|telephone|téléphone|phone|fax|ifsc|swift|micr|transit)\b")

FORM = Form([
    Label(r"date(?: of issue)?|dated|issued on|fait le", "date"),
    Label(r"(?:name of (?:the )?)?account holders?(?:'? names?)?|(?:name of (?:the )?)?(?:customer|client)(?: name)?|"
          r"account name|titulaires?(?: du compte)?|nom du client", "holder"),
], sections={}, default_person="letter")

_NAME = r"(?:[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:[A-ZÀ-Ý][\w'’.-]*|de|da|del|dela|van|von|bin|binti|le|la|du|des))*)"
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|M|Mme|Mlle|Monsieur|Madame)\.?\s+)?"
HOLDER_PHRASES = [
    re.compile(rf"(?i:\b(?:certif(?:y|ies)|confirms?|attests?|certifions|confirmons|attestons)\s+(?:that|que|qu')\s*)"
               rf"{_HONORIFIC}"
               rf"(?P<a>{_NAME})(?:\s+(?i:and|&|et)\s+{_HONORIFIC}(?P<b>{_NAME}))?"),
    re.compile(rf"(?i:\b(?:in the (?:joint )?names? of|au nom de)\s+){_HONORIFIC}(?P<a>{_NAME})"
               rf"(?:\s+(?i:and|&|et)\s+{_HONORIFIC}(?P<b>{_NAME}))?"),
]


@dataclass(frozen=True)
class Amount:
    money: MoneyMatch
    kind: str  # current | average
    total: bool  # a stated total of several accounts
    account: str | None  # the account (number, or table row) the amount belongs to


def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    fields: dict[str, Field] = {}
    institution = _institution(doc)
    if institution:
        fields["institution"] = institution
    values = FORM.values(doc)
    letter_date = _letter_date(doc, values)
    if letter_date:
        fields["letter_date"] = letter_date
    holders = _holders(doc, values)
    if holders:
        fields["holder_name"] = holders[0]
        fields["holder_names"] = Field([h.value for h in holders], page=holders[0].page, evidence=holders[0].evidence)
    amounts, table_rows = _amounts(doc)
    for kind, name in (("current", "balance"), ("average", "average_balance")):
        balance = _balance(doc, [a for a in amounts if a.kind == kind])
        if balance:
            fields[name] = balance
    numbers = _account_numbers(doc, table_rows)
    if numbers:
        first, at = numbers[0]
        fields["account_numbers"] = Field([n for n, _ in numbers], page=doc.page_of(at),
                                          evidence=doc.evidence(at, at + len(first)))
    return fields


def _institution(doc: DocText) -> Field | None:
    for line in [ln for ln in doc.lines if ln.text.strip()][:8]:
        text = line.text.strip()
        if INSTITUTION.search(text) and len(text) <= 80 and not re.search(r"\d|@", text):
            return doc.field(text, line.start, line.end)
    return None


def _letter_date(doc: DocText, values) -> Field | None:
    order = date_order(doc.text)
    for v in values:
        if v.role == "date":
            found = find_dates(v.text, order)
            if found:
                return doc.field(found[0].value, v.start + found[0].start, v.start + found[0].end,
                                 confidence=0.5 if found[0].ambiguous else 1.0)
    head_end = doc.lines[min(len(doc.lines), 8) - 1].end if doc.lines else 0
    for found in find_dates(doc.text[:head_end], order):
        return doc.field(found.value, found.start, found.end, confidence=0.5 if found.ambiguous else 1.0)
    return None


def _holders(doc: DocText, values) -> list[Field]:
    found: list[Field] = []
    for v in values:
        if v.role == "holder":
            for part in re.split(r"\s+(?:and|&|et)\s+|\s*;\s*", v.text):
                name = clean_name(part)
                if name:
                    at = v.start + v.text.find(part)
                    found.append(doc.field(display_name(name), at, at + len(part)))
            if found:
                return found
    for pattern in HOLDER_PHRASES:
        m = pattern.search(doc.text)
        if m:
            for group in ("a", "b"):
                name = clean_name(m.group(group)) if m.group(group) else None
                if name:
                    found.append(doc.field(display_name(name), m.start(group), m.end(group)))
            if found:
                return found
    return found


def _dollar(text: str) -> str | None:
    """What a bare '$' means here: the currency of the first country the letter names."""
    return next((currency for currency, pattern in DOLLAR_COUNTRIES if pattern.search(text)), None)


def _amounts(doc: DocText) -> tuple[list[Amount], list[Line]]:
    """Balances found in a table (by column) and on labelled lines, and the table's rows."""
    money = find_money(doc.text, dollar=_dollar(doc.text))
    amounts, rows = _table_amounts(doc, money)
    in_table = {a.money.start for a in amounts}
    previous_end = 0
    for m in money:
        context_start, previous_end = previous_end, m.end
        if m.start in in_table:
            continue
        line = doc.line_at(m.start)
        if DEBT.search(line.text):
            continue
        # The label before the amount, on its line or the line above, not reaching back past
        # the previous amount ("current balance $X. The average balance ... is $Y").
        above = doc.lines[line.number - 1].start if line.number else line.start
        context = doc.text[max(context_start, above):m.start]
        if not BALANCE.search(context):
            continue
        keywords = [(k.start(), "current") for k in CURRENT.finditer(context)]
        keywords += [(k.start(), "average") for k in AVERAGE.finditer(context)]
        kind = max(keywords)[1] if keywords else "current"
        total = bool(TOTAL.search(doc.text[max(context_start, line.start):m.start]))
        account = _last_account(doc.text, above, m.start, money) or _account_type(context)
        amounts.append(Amount(m, kind, total, account))
    amounts.sort(key=lambda a: a.money.start)
    return amounts, rows


def _table_amounts(doc: DocText, money: list[MoneyMatch]) -> tuple[list[Amount], list[Line]]:
    """Amounts under a header naming balance columns, which may wrap over up to three lines;
    rows may wrap too ("High-interest / savings / 0455-9988776 ... $24,000.00 $23,500.00")."""
    def has_money(line: Line) -> bool:
        return any(line.start <= m.start < line.end for m in money)

    lines, amounts, rows = doc.lines, [], []
    i = 0
    while i < len(lines):
        if not BALANCE.search(lines[i].text) or has_money(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i < 3 and not has_money(lines[j]):
            j += 1
        if j >= len(lines) or not has_money(lines[j]) or BALANCE.search(lines[j].text):
            i += 1
            continue
        header = " ".join(line.text for line in lines[i:j])
        columns = sorted([(m.start(), "current") for m in CURRENT.finditer(header)]
                         + [(m.start(), "average") for m in AVERAGE.finditer(header)]) or [(0, "current")]
        gap = 0
        while j < len(lines) and gap <= 2 and not BALANCE.search(lines[j].text):
            row = lines[j]
            cells = [m for m in money if row.start <= m.start < row.end]
            gap = 0 if cells else gap + 1
            if cells:
                rows.append(row)
                if not DEBT.search(row.text):
                    account = _last_account(doc.text, row.start, row.end, money) or f"row {j}"
                    total = bool(TOTAL.search(row.text))
                    amounts += [Amount(cell, kind, total, account) for (_, kind), cell in zip(columns, cells)]
            j += 1
        i = j
    return amounts, rows


def _balance(doc: DocText, amounts: list[Amount]) -> Field | None:
    """One kind of balance for the whole letter: a stated total, else the sum over the accounts
    (one amount each), else the first amount stated (sentences may repeat one figure)."""
    if not amounts:
        return None
    totals = [a for a in amounts if a.total]
    per_account: dict[str, Amount] = {}
    for a in amounts:
        if a.account and not a.total:
            per_account.setdefault(a.account, a)
    if totals:
        chosen = totals[:1]
    elif len(per_account) > 1 and len({a.money.currency for a in per_account.values()}) == 1:
        chosen = list(per_account.values())
    else:
        chosen = amounts[:1]
    money = Money(round(sum(a.money.amount for a in chosen), 2), chosen[0].money.currency, None)
    return doc.field(money, chosen[0].money.start, chosen[-1].money.end)


def _account_spans(text: str, start: int, end: int, money: list[MoneyMatch]) -> list[tuple[str, int]]:
    """Account numbers in text[start:end], not counting dates, amounts or phone numbers."""
    chunk = text[start:end]
    excluded = [(d.start, d.end) for d in find_dates(chunk)]
    excluded += [(m.start - start, m.end - start) for m in money if start <= m.start < end]
    found = []
    for m in ACCOUNT_NUMBER.finditer(chunk):
        before = chunk[max(0, m.start() - 25):m.start()]
        if not any(a <= m.start() < b for a, b in excluded) and not PHONE_WORDS.search(before):
            found.append((m.group(), start + m.start()))
    return found


def _last_account(text: str, start: int, end: int, money: list[MoneyMatch]) -> str | None:
    found = _account_spans(text, start, end, money)
    return found[-1][0] if found else None


def _account_type(context: str) -> str | None:
    """The last account type named before an amount, as the account's name ("savings account")."""
    types = ACCOUNT_TYPE.findall(context)
    return f"{types[-1].lower().replace('-', ' ')} account" if types else None


def _account_numbers(doc: DocText, table_rows: list[Line]) -> list[tuple[str, int]]:
    """Numbers on lines that speak of an account (or right after "account no." at a line's end),
    and in the balance table's rows."""
    money = find_money(doc.text)
    lines = {}
    for ln in doc.lines:
        if ACCOUNT_WORDS.search(ln.text):
            lines[ln.start] = ln
            if NUMBER_LABEL_AT_END.search(ln.text) and ln.number + 1 < len(doc.lines):
                below = doc.lines[ln.number + 1]
                lines[below.start] = below
    lines.update({row.start: row for row in table_rows})
    found: dict[str, int] = {}
    for start in sorted(lines):
        for number, at in _account_spans(doc.text, start, lines[start].end, money):
            found.setdefault(number, at)
    return list(found.items())
