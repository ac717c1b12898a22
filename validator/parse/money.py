"""Find money amounts (salaries, wages) in English and French document text.

Only an amount with a currency marker counts as money: documents are full of
bare numbers (hours, years, reference numbers) and guessing would drown the
real salary in noise.  The caller decides what a bare '$' means, because
'$' is CAD in a Canadian letter and USD in an American one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["MoneyMatch", "find_money"]

# Horizontal whitespace, including the (narrow) no-break spaces French
# typography puts between an amount and its currency.
_HS = r"[ \t\u00a0\u202f]*"

# Marker text (lowercased, spaces and dots removed) -> ISO 4217 code.  The
# "$" sentinel means "whatever the caller says a bare dollar is".
_DOLLAR = "$"
_CURRENCY_BY_MARKER: dict[str, str] = {
    "$": _DOLLAR,
    "c$": "CAD", "ca$": "CAD", "can$": "CAD", "cdn$": "CAD", "$cad": "CAD", "$ca": "CAD", "$can": "CAD",
    "us$": "USD", "$us": "USD", "$usd": "USD",
    "a$": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD",
    "€": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "poundssterling": "GBP",
    "₹": "INR", "rs": "INR", "rupee": "INR", "rupees": "INR", "indianrupee": "INR",
    "indianrupees": "INR", "roupies": "INR",
    "₱": "PHP", "php": "PHP", "philippinepesos": "PHP",
    "yuan": "CNY", "rmb": "CNY",
    "₦": "NGN",
}
# Codes written out in upper case; lower-case 'php' or 'cad' is usually a word.
_ISO_CODES = tuple(
    "CAD USD EUR GBP INR AUD PHP CNY NZD HKD SGD JPY CHF MXN BRL NGN PKR BDT LKR NPR "
    "AED SAR QAR KWD KRW ZAR KES GHS EGP MAD DZD TND TRY IRR VND THB MYR IDR COP PEN "
    "CLP ARS RUB UAH".split()
)

_CODE = r"(?<![A-Za-z])(?:{})(?![A-Za-z])".format("|".join(_ISO_CODES))
_DOLLAR_QUALIFIED = r"\$[ \t]?(?:CAD|CAN|CA|USD|US)(?![A-Za-z])"
_PREFIX = (
    r"(?:"
    + _DOLLAR_QUALIFIED
    + r"|" + _CODE + r"(?:[ \t]?\$)?"
    + r"|(?<![A-Za-z])(?:CA|CAN|CDN|Cdn|US|U\.S\.|AU|NZ|HK|[CAS])[ \t]?\$"
    + r"|(?<![A-Za-z])(?:Rs\.?|RS\.?|Php|RMB)(?![A-Za-z])"
    + r"|[$€£₹₱₦]"
    + r")"
)
_SUFFIX = (
    r"(?:"
    + _DOLLAR_QUALIFIED
    + r"|" + _CODE
    + r"|(?i:(?:(?:canadian|us|u\.s\.|american|australian)\s+)?dollars?"
    + r"(?:\s+(?:canadiens?|américains|us))?(?![a-z])"
    + r"|euros?(?![a-z])|(?:indian\s+)?rupees?(?![a-z])|roupies(?![a-z])"
    + r"|philippine\s+pesos(?![a-z])|pounds\s+sterling(?![a-z])|yuan(?![a-z]))"
    + r"|[€£₹₱₦]"
    # A trailing '$' must not be the prefix of the next amount ('$40 $50').
    + r"|\$(?![ \t]*\d)"
    + r")"
)
_AMOUNT = (
    r"(?:"
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"            # Indian lakh grouping: 18,00,000
    r"|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"                 # 92,500.00
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?"  # 52 000 / 3 250,50
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?"                 # 52.000,00
    r"|\d+(?:[.,]\d{1,2})?"                              # 38.50 / 38,50
    r")(?!\d)(?![.,]\d)"
)
_MULTIPLIERS = {
    "k": 1_000, "thousand": 1_000, "lakh": 100_000, "lac": 100_000,
    "million": 1_000_000, "crore": 10_000_000,
}
_MULTIPLIER = rf"(?:[kK]|{_HS}(?i:thousand|lakhs?|lacs?|millions?|crores?))(?![A-Za-z])"

_MONEY_RE = re.compile(
    # Every match starts with a currency sign, a capital (a code, 'Rs', 'US$') or a digit: the
    # lookahead only saves trying the whole pattern at the other positions.
    r"(?=[$€£₹₱₦A-Z\d])"
    rf"(?:(?P<pre>{_PREFIX}){_HS})?"
    r"(?<!\d)(?<!\d[.,])"
    rf"(?P<amount>{_AMOUNT})(?P<mult>{_MULTIPLIER})?"
    rf"(?:{_HS}(?P<post>{_SUFFIX}))?"
)

_APOS = "['’]"
_PERIOD = (
    r"(?P<biweek>bi-?weekly|every\s+(?:two|2)\s+weeks|(?:per|a|every)\s+fortnight|fortnightly"
    r"|toutes\s+les\s+deux\s+semaines|aux\s+deux\s+semaines)"
    r"|(?P<hour>(?:(?:per|an?|each|every)\s+|/\s*)(?:hour|hr)s?\b|/\s*h\b|hourly"
    rf"|par\s+heure|/\s*heure|(?:de\s+)?l{_APOS}heure)"
    r"|(?P<day>(?:(?:per|a|each|every)\s+|/\s*)day\b|daily|par\s+jour|/\s*jour)"
    r"|(?P<week>(?:(?:per|a|each|every)\s+|/\s*)(?:week|wk)s?\b|weekly"
    r"|par\s+semaine|/\s*sem(?:aine)?\b|hebdomadaires?)"
    r"|(?P<month>(?:(?:per|a|each|every)\s+|/\s*)(?:month|mth|mo)s?\b|monthly"
    r"|par\s+mois|/\s*mois|mensuel(?:le)?s?\b)"
    r"|(?P<year>per\s+annum|(?:(?:per|a|each|every)\s+|/\s*)(?:year|yr|annum)s?\b|annually|yearly"
    rf"|p\.\s?a\.|par\s+an(?:née)?\b|/\s*an\b|l{_APOS}an\b|annuel(?:le)?s?\b)"
)
# The period may follow after a pay qualifier or a written-out amount:
# '$4,000 gross per month', '$92,500.00 (ninety-two thousand ... dollars) per year'.
_PERIOD_AFTER_RE = re.compile(
    rf"{_HS}(?:\([^()]{{0,100}}\){_HS})?"
    rf"(?:\(?(?:gross|net|brute?s?|nets?|before\s+(?:taxes|tax|deductions)"
    rf"|avant\s+(?:impôts|déductions))\)?{_HS},?{_HS})?"
    rf"(?:{_PERIOD})(?!\w)",
    re.IGNORECASE,
)
# A period adjective shortly before the amount: 'annual salary of', 'salaire annuel de'.
_PERIOD_WORD_RE = re.compile(
    r"\b(?:(?P<biweek>bi-?weekly)|(?P<hour>hourly|horaire)|(?P<day>daily|quotidien(?:ne)?)"
    r"|(?P<week>weekly|hebdomadaire)|(?P<month>monthly|mensuel(?:le)?)"
    r"|(?P<year>annual|yearly|annuel(?:le)?|per\s+annum))\b",
    re.IGNORECASE,
)
# What may sit between that adjective and the amount: words, not numbers,
# not the end of a sentence.
_PERIOD_GAP_RE = re.compile(r"[^\d.;!?$€£₹₱₦]{0,40}")
_PERIOD_WINDOW = 80


@dataclass(frozen=True)
class MoneyMatch:
    """An amount with its currency marker.

    The span covers the currency marker(s) and the amount, not the period
    phrase, which may sit before or after it.
    """

    amount: float
    currency: str | None
    period: str | None  # hour | day | week | biweek | month | year
    start: int
    end: int
    text: str


def _amount_value(digits: str, multiplier: str | None) -> float:
    """Read an amount whose grouping the regex has already validated.

    A final separator followed by one or two digits is the decimal mark;
    every other separator is grouping.
    """
    compact = re.sub(r"[ \u00a0\u202f]", "", digits)
    decimal = re.search(r"[.,](\d{1,2})$", compact)
    whole = compact[: decimal.start()] if decimal else compact
    value = Decimal(re.sub(r"[.,]", "", whole))
    if decimal:
        value += Decimal("0." + decimal.group(1))
    if multiplier:
        word = multiplier.strip().lower().rstrip("s")
        value *= _MULTIPLIERS[word]
    return float(value)


def _currency(marker: str | None) -> str | None:
    """ISO code (or the bare-dollar sentinel) for a matched marker."""
    if marker is None:
        return None
    key = re.sub(r"[\s.]", "", marker).lower()
    code = key.rstrip("$").upper()
    if code in _ISO_CODES:  # 'CAD', 'CAD $', 'USD$'
        return code
    if "dollar" in key:
        return _dollar_word_currency(key)
    return _CURRENCY_BY_MARKER[key]


def _dollar_word_currency(key: str) -> str:
    """'canadian dollars', 'dollars canadiens', 'US dollars', 'dollars'..."""
    if "canad" in key:
        return "CAD"
    if "austral" in key:
        return "AUD"
    if key.startswith("us") or key.endswith("us") or "americ" in key or "améric" in key:
        return "USD"
    return _DOLLAR


def _resolve_currency(pre: str | None, post: str | None, dollar: str | None) -> str | None:
    """A specific marker beats a bare '$' ('$92,500 CAD' is CAD)."""
    codes = [c for c in (_currency(pre), _currency(post)) if c is not None]
    specific = [c for c in codes if c != _DOLLAR]
    if specific:
        return specific[0]
    return dollar


def _period_before(text: str, start: int) -> str | None:
    """The period adjective closest before ``start``, if only words separate them."""
    words = list(_PERIOD_WORD_RE.finditer(text, max(0, start - _PERIOD_WINDOW), start))
    if words and _PERIOD_GAP_RE.fullmatch(text, words[-1].end(), start):
        return words[-1].lastgroup
    return None


def find_money(text: str, dollar: str | None = None) -> list[MoneyMatch]:
    """Every amount with a currency marker in ``text``, in text order.

    ``dollar`` is the ISO code to give a bare '$' or 'dollars'; with None such
    amounts get currency None.  ``period`` comes from a phrase right after the
    amount ('per hour', 'par an') or, failing that, an adjective shortly
    before it ('annual salary of').
    """
    found: list[MoneyMatch] = []
    for m in _MONEY_RE.finditer(text):
        pre, post = m["pre"], m["post"]
        if pre is None and post is None:
            continue
        after = _PERIOD_AFTER_RE.match(text, m.end())
        period = after.lastgroup if after else _period_before(text, m.start())
        found.append(
            MoneyMatch(
                amount=_amount_value(m["amount"], m["mult"]),
                currency=_resolve_currency(pre, post, dollar),
                period=period,
                start=m.start(),
                end=m.end(),
                text=m.group(),
            )
        )
    return found
