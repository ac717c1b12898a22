"""Language test reports: which test, when, whose, the four scores and their CLB levels.

Rules, not statistics. The test comes from its name as printed ("Module: General Training",
"CELPIP-General LS", "PTE Core"); the other fields from their labels ("Test Date", "TRF Number",
"Numéro de candidat"). Layouts are read as pypdfium2 and the DOCX reader render them:

* label/value lines, with or without a colon or a ``|`` cell separator; side-by-side blocks come
  one block at a time, but blocks drawn row by row merge into one line ("Family Name SHARMA Test
  Date 14/MAR/2024"), so a value ends where the next known label starts;
* a label alone on its line with the value on the next (boxes, label cells above value cells);
* score tables: a header row of abilities (extra columns such as Overall or CEFR allowed, in any
  order: PTE prints Listening, Reading, Speaking, Writing) followed by a row of values; one row per
  ability ("Listening: 7.5", "Compréhension de l'oral 480 / 699 B2"); pairs on one line
  ("Listening 7.5 Reading 6.5 ..."). A header cell may wrap onto the next line ("Compréhension de"
  / "l'oral"), and a table given one column after the other has all its labels, one per line, then
  all its values. Values are matched to columns by position only when their counts agree: a blank
  cell leaves no way to tell whose value is whose, and a wrong score is worse than a missing one.
* CELPIP's levels without a number: M (minimal proficiency, below level 4) gives no score and the
  level below the CLB table ("below CLB 4"); NA (not enough information to assess) gives neither.

The first score found for an ability wins (a later breakdown or retake table does not override
the main table). CLB levels come from validator/clb.py, for the tests IRCC accepts only.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from .. import clb
from ..model import Field, Page
from ..parse import dates as dates_mod
from .text import DocText, Line

UNSURE = 0.5  # confidence of a value the report does not state outright
OTHER = "other"

# --- which test ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """One test family and how its versions are named."""

    mention: re.Pattern  # the family's name anywhere in the text
    labelled: tuple[tuple[re.Pattern, str], ...]  # "Module: Academic": settles the version
    versions: tuple[tuple[re.Pattern, str], ...]  # plain mentions of a version
    default: str  # the version when none is named (confidence UNSURE unless it is OTHER)
    date_order: str | None = None  # numeric date order of this family's reports


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)


_PTE = r"\b(?:PTE|Pearson\s+Test\s+of\s+English)\s+"
FAMILIES = (
    Family(_rx(r"\bIELTS\b|international english language testing system"),
           labelled=((_rx(r"\bmodule\s*[:|]?\s*general\s+training\b"), "IELTS General Training"),
                     (_rx(r"\bmodule\s*[:|]?\s*academic\b"), "IELTS Academic")),
           versions=((_rx(r"\bgeneral\s+training\b"), "IELTS General Training"),
                     (_rx(r"\bacademic\b"), "IELTS Academic"),
                     (_rx(r"\bIELTS\s+life\s+skills\b"), OTHER)),
           default="IELTS General Training", date_order="DMY"),
    Family(_rx(r"\bCELPIP\b"), labelled=(),
           versions=((_rx(r"\bCELPIP[\s-]*General[\s-]*LS\b"), "CELPIP-General LS"),
                     (_rx(r"\bCELPIP[\s-]*General\b(?![\s-]*LS\b)"), "CELPIP-General")),
           default="CELPIP-General"),
    Family(_rx(r"\bPTE\b|pearson\s+test\s+of\s+english"), labelled=(),
           versions=((_rx(_PTE + r"Core\b"), "PTE Core"),
                     (_rx(_PTE + r"Academic\b"), "PTE Academic"),
                     (_rx(_PTE + r"(?:General|Essential|Home)\b"), OTHER)),
           default="PTE Core"),
    Family(_rx(r"\bTEF\b|test\s+d['’]\s*[ée]valuation\s+de\s+fran[çc]ais"), labelled=(),
           versions=((_rx(r"\bTEF\s*Canada\b|test\s+d['’]\s*[ée]valuation\s+de\s+fran[çc]ais\s+pour\s+le\s+Canada"),
                      "TEF Canada"),
                     (_rx(r"\bTEF\s*A?Q\b|\bTEFAQ\b|\bTEF\s+(?:naturalisation|[ée]tudes|IRN)\b"), OTHER)),
           default="TEF Canada", date_order="DMY"),
    Family(_rx(r"\bTCF\b|test\s+de\s+connaissance\s+du\s+fran[çc]ais"), labelled=(),
           versions=((_rx(r"\bTCF\s*Canada\b|test\s+de\s+connaissance\s+du\s+fran[çc]ais\s+pour\s+le\s+Canada"),
                      "TCF Canada"),
                     (_rx(r"\bTCF\s*(?:Qu[ée]bec|TP|tout\s+public|ANF|IRN|SO|DAP)\b"), OTHER)),
           default="TCF Canada", date_order="DMY"),
    # Tests IRCC does not accept for Express Entry: recognised so the report can name them.
    Family(_rx(r"\bTOEFL(?:\s+(?:iBT|ITP|PBT|Essentials))?\b"), (), (), OTHER, date_order="MDY"),
    Family(_rx(r"\bDuolingo\s+English\s+Test\b"), (), (), OTHER),
    Family(_rx(r"\b(?:Cambridge\s+English|CAEL|TOEIC|LanguageCert|Michigan\s+English|"
               r"Oxford\s+Test\s+of\s+English|DELF|DALF)\b"), (), (), OTHER),
)


# Words that may sit beside a version name on a heading line ("CELPIP-General LS Test").
TITLE_FILLER = _rx(r"^(?:\W|\b(?:test|module|official|score|report|form|results?|r[ée]sultats?|attestation|de|du)\b)*$")


def _is_heading(doc: DocText, family: Family, mention: re.Match) -> bool:
    """A version name standing alone on its line, bar the family name and filler words."""
    line = doc.line_at(mention.start())
    rest = doc.text[line.start:mention.start()] + " " + doc.text[mention.end():line.end]
    return TITLE_FILLER.match(family.mention.sub(" ", rest)) is not None


def _identify(doc: DocText) -> tuple[Family | None, dict[str, Field]]:
    """The family whose name comes first, and the fields ``test`` (+ ``test_name`` for others).

    The version is settled by a label ("Module: Academic"), else by a heading naming it (the
    TRF prints "GENERAL TRAINING" alone on a line, above boilerplate that names both modules),
    else by the only version the text names. Two versions named and nothing to choose: the first,
    with low confidence; none named: the accepted version, with low confidence.
    """
    first = [(m, f) for f in FAMILIES if (m := f.mention.search(doc.text))]
    if not first:
        return None, {"test": Field(OTHER, confidence=UNSURE)}
    mention, family = min(first, key=lambda pair: pair[0].start())
    if family.default == OTHER and not family.versions:
        return family, _other(doc, mention)
    for pattern, test in family.labelled:
        if m := pattern.search(doc.text):
            return family, {"test": doc.field(test, m.start(), m.end())}
    named = sorted(((m, test) for pattern, test in family.versions for m in pattern.finditer(doc.text)),
                   key=lambda pair: pair[0].start())
    headings = [(m, test) for m, test in named if _is_heading(doc, family, m)]
    for candidates in (headings, named):
        if not candidates:
            continue
        m, test = candidates[0]
        if test == OTHER:
            return family, _other(doc, m)
        confidence = 1.0 if len({t for _, t in candidates}) == 1 else UNSURE
        return family, {"test": doc.field(test, m.start(), m.end(), confidence=confidence)}
    return family, {"test": doc.field(family.default, mention.start(), mention.end(), confidence=UNSURE)}


def _other(doc: DocText, mention: re.Match) -> dict[str, Field]:
    name = " ".join(mention.group(0).split())
    return {"test": doc.field(OTHER, mention.start(), mention.end()),
            "test_name": doc.field(name, mention.start(), mention.end())}


# --- labels ----------------------------------------------------------------------------------

_APOS = r"['’]\s*"
# Report labels whose values prcheck reads, plus the others a value must not run into.
NAME_LABEL = _rx(r"\b(?:candidate(?:['’]s)?\s+name|name\s+of\s+(?:the\s+)?candidate|test[\s-]+taker(?:['’]s)?\s+name|"
                 r"nom\s+(?:du|de\s+la)\s+candidat(?:e)?|nom\s+et\s+pr[ée]noms?|nom\s+complet)\b"
                 # Generic words only as a line's label: "Test Taker Score Report" is a title.
                 # A bare French "Nom" is the family name (FAMILY_NAME_LABEL).
                 r"|^[ \t]*(?:name|test[\s-]+taker|candidate)\b(?=[ \t]*[:|]|[ \t]+[^\W\d_]|[ \t]*$)")
FAMILY_NAME_LABEL = _rx(r"\b(?:family\s+name|surname|last\s+name|nom\s+de\s+famille)\b|^[ \t]*nom\b(?=[ \t]*[:|]|[ \t]*$)")
GIVEN_NAME_LABEL = _rx(r"\b(?:first\s+names?(?:\s*\(s\))?|given\s+names?(?:\s*\(s\))?|pr[ée]noms?(?:\s*\(s\))?)")
DATE_LABEL = _rx(r"\b(?:date\s+of\s+(?:the\s+)?(?:test|exam(?:ination)?)|test\s+date|test\s+taken(?:\s+on)?|"
                 r"exam(?:ination)?\s+date|session\s+date|date\s+du\s+test|date\s+de\s+(?:la\s+)?(?:passation|session)|"
                 r"date\s+de\s+l" + _APOS + r"(?:examen|[ée]preuve)|date\s+d" + _APOS + r"examen|session\s+du|"
                 r"pass[ée]\s+le)\b")
# A bare "Date" (the IELTS TRF's centre row) counts only when a date follows it on the line.
BARE_DATE_LABEL = _rx(r"\bdate\b(?!\s+(?:of|de|d['’]|du)\b)")
# Words that make a date some other date: "Date of Birth", "Issue Date", "date de naissance".
OTHER_DATE_WORDS = r"birth|issue[d]?|print(?:ed)?|expiry|expiration|report|valid|naissance|[ée]mission|d[ée]livr[ée]e?|impression"
OTHER_DATE_BEFORE = re.compile(r"(?i)\b(?:" + OTHER_DATE_WORDS + r")\W*$")
OTHER_DATE_LINE = re.compile(r"(?i)\b(?:" + OTHER_DATE_WORDS + r")")
# Most specific first: IRCC asks for the TRF number of an IELTS result.
REGISTRATION_LABELS = (
    _rx(r"\b(?:test\s+report\s+form|TRF)\s*(?:number|no\.?|#)"),
    _rx(r"\bregistration\s*(?:number|no\.?|id|code|#)"),
    _rx(r"\b(?:candidate|test[\s-]+taker)\s*(?:number|no\.?|#)"),
    _rx(r"\b(?:num[ée]ro|n[°o]\.?)\s*(?:de\s+candidat(?:e)?|d" + _APOS + r"inscription)\b|\bidentifiant(?:\s+candidat)?\b"
        r"|\bcode\s+candidat\b"),
    _rx(r"\b(?:candidate|test[\s-]+taker|CELPIP|certificate)\s*id\b"),
)
OTHER_LABELS = _rx(r"\b(?:date\s+of\s+birth|date\s+de\s+naissance|sex|gender|sexe|nationality|nationalit[ée]|"
                   r"country(?:\s+or\s+region)?(?:\s+of\s+(?:origin|nationality))?|pays|first\s+language|"
                   r"langue\s+maternelle|(?:test\s+)?cent(?:re|er)(?:\s+(?:number|name))?|centre\s+d" + _APOS
                   + r"examen|module|email|e-mail|courriel|address|adresse|ville|city)\b")
ANY_LABEL = (NAME_LABEL, FAMILY_NAME_LABEL, GIVEN_NAME_LABEL, DATE_LABEL, *REGISTRATION_LABELS, OTHER_LABELS)
SEPARATOR = " \t:|-–"
# What follows a generic label in a heading rather than a name ("Candidate Details").
NOT_A_NAME = _rx(r"^(?:details|information|info|photo(?:graph)?|signature|score|report|results?|id|number)\b")
_WORDS = r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*"
NAME_VALUE = re.compile(_WORDS + r"\.?")
FAMILY_FIRST = re.compile(rf"(?P<family>{_WORDS}),\s*(?P<given>{_WORDS}\.?)")  # "CHEN, Wei"
REGISTRATION_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 /.-]{2,40}")


@dataclass(frozen=True)
class Value:
    text: str
    start: int
    end: int


def _value_after(doc: DocText, label: re.Match) -> Value | None:
    """The text a label introduces: the rest of its line up to the next label, or the next line."""
    line = doc.line_at(label.start())
    stop = line.end
    for other in ANY_LABEL:
        m = other.search(doc.text, label.end(), line.end)
        if m and m.start() < stop:
            stop = m.start()
    start = label.end()
    while start < stop and doc.text[start] in SEPARATOR:
        start += 1
    end = stop
    while end > start and doc.text[end - 1] in SEPARATOR:
        end -= 1
    if start < end:
        return Value(doc.text[start:end], start, end)
    if stop == line.end and line.number + 1 < len(doc.lines):
        nxt = doc.lines[line.number + 1]
        if nxt.text.strip() and not any(p.match(nxt.text.strip()) for p in ANY_LABEL):
            lead = len(nxt.text) - len(nxt.text.lstrip())
            return Value(nxt.text.strip(), nxt.start + lead, nxt.start + lead + len(nxt.text.strip()))
    return None


def _name_after(doc: DocText, pattern: re.Pattern) -> Value | None:
    for label in pattern.finditer(doc.text):
        value = _value_after(doc, label)
        if (value and (NAME_VALUE.fullmatch(value.text) or FAMILY_FIRST.fullmatch(value.text))
                and len(value.text) <= 60 and not NOT_A_NAME.match(value.text)):
            return value
    return None


def _person(text: str) -> str:
    """A name as people write it: given name first ("CHEN, Wei"), and "Sharma" for "SHARMA"."""
    text = " ".join(text.split())
    if m := FAMILY_FIRST.fullmatch(text):
        return f"{_person(m['given'])} {_person(m['family'])}"
    return text.title() if text.isupper() else text


def _candidate_name(doc: DocText) -> Field | None:
    full = _name_after(doc, NAME_LABEL)
    if full:
        return doc.field(_person(full.text), full.start, full.end)
    family, given = _name_after(doc, FAMILY_NAME_LABEL), _name_after(doc, GIVEN_NAME_LABEL)
    if family and given:
        start, end = min(family.start, given.start), max(family.end, given.end)
        return doc.field(f"{_person(given.text)} {_person(family.text)}", start, end)
    only = family or given
    return doc.field(_person(only.text), only.start, only.end, confidence=UNSURE) if only else None


def _registration_number(doc: DocText) -> Field | None:
    for pattern in REGISTRATION_LABELS:
        for label in pattern.finditer(doc.text):
            value = _value_after(doc, label)
            if value and REGISTRATION_VALUE.fullmatch(value.text) and any(c.isdigit() for c in value.text):
                return doc.field(value.text, value.start, value.end)
    return None


def _test_date(doc: DocText, order: str | None) -> Field | None:
    def date_in(value: Value | None, confidence: float = 1.0) -> Field | None:
        if value is None:
            return None
        found = dates_mod.find_dates(value.text, order)
        if not found:
            return None
        d = found[0]
        confidence *= UNSURE if d.ambiguous else 1.0
        return doc.field(d.value, value.start + d.start, value.start + d.end,
                         confidence=confidence, precision=d.precision)

    for label in DATE_LABEL.finditer(doc.text):
        if found := date_in(_value_after(doc, label)):
            return found
    for label in BARE_DATE_LABEL.finditer(doc.text):
        line = doc.line_at(label.start())
        if OTHER_DATE_BEFORE.search(doc.text[line.start:label.start()]):
            continue
        value = _value_after(doc, label)
        if value and value.start < line.end and (found := date_in(value)):
            return found
    # No label: the first date on a line that is not about birth, issue or expiry, unsure.
    for line in doc.lines:
        if OTHER_DATE_LINE.search(line.text):
            continue
        if found := date_in(Value(line.text, line.start, line.end), UNSURE):
            return found
    return None


# --- scores ----------------------------------------------------------------------------------

ABILITY_PATTERNS = {
    "listening": r"listening(?:\s+comprehension)?|oral\s+comprehension|compr[ée]hension\s+(?:de\s+l" + _APOS + r")?orale?"
                 r"|(?-i:\bCO\b)",
    "reading": r"reading(?:\s+comprehension)?|written\s+comprehension|compr[ée]hension\s+(?:de\s+l" + _APOS
               + r")?[ée]crite?|(?-i:\bCE\b)",
    "writing": r"writing|written\s+expression|expression\s+[ée]crite|(?-i:\bEE\b)",
    "speaking": r"speaking|oral\s+expression|expression\s+orale|(?-i:\bEO\b)",
}
ABILITY = _rx(r"\b(?:" + "|".join(f"(?P<{a}>{p})" for a, p in ABILITY_PATTERNS.items()) + r")")
# Other column headings a score table may have; they take a cell in the value row.
EXTRA_COLUMN = _rx(r"\b(?:overall(?:\s+band)?(?:\s+score)?|total(?:\s+score)?|score\s+global|note\s+globale|moyenne|"
                   r"(?:cefr|cecrl|clb|nclc)(?:\s+level)?|niveau(?:\s+(?:cecrl|cefr))?|level)\b")
# Words that may head a score table's first column or the value row ("Score 7.5 6.5 ...").
ROW_TITLE = _rx(r"^(?:skills?|scores?|bands?|results?|résultats?|[ée]preuves?|compétences?|test|"
                r"components?|sections?|communicative\s+skills)$")
# CELPIP prints M ("minimal proficiency") for a level below its scale's lowest, and NA ("not enough
# information to assess") for no level at all, each alone in its cell.
SCORE = (r"(?:(?P<score>\d{1,3}(?:[.,]\d)?)(?:[ \t]*/[ \t]*\d{1,3})?(?![\d/]|[.,]\d)"
         r"|(?P<level>M|N/?A|n/a)(?=[ \t]*(?:\||\n|$)))")
SCORE_AFTER_LABEL = re.compile(r"[ \t]*[:|]?[ \t]*" + SCORE)
SCORE_ON_OWN_LINE = re.compile(r"[ \t]*:?[ \t]*\n[ \t]*" + SCORE + r"[ \t]*(?:[ABC][12])?[ \t]*(?=\n|$)")
MAX_HEADER_CONTINUATION = 3  # lines between a header and its values (wrapped cells not named)
MAX_HEADER_LINES = 12  # a header's lines: every cell wrapped, or one cell per line
SCORE_CELL = re.compile(r"\d{1,3}(?:[.,]\d)?(?:/\d{1,3})?|(?-i:M)")
NO_SCORE = re.compile(r"[-–—]|n/?a", re.IGNORECASE)  # a cell that says the ability has no score
VALUE_CELL = re.compile(rf"{SCORE_CELL.pattern}|{NO_SCORE.pattern}|[ABC][12]", re.IGNORECASE)


@dataclass(frozen=True)
class Score:
    ability: str
    value: float | int | None  # None: no number printed (CELPIP's M or NA, a dash)
    start: int
    end: int
    below_scale: bool = False  # printed as a level under the scale's lowest (CELPIP's M)


def _number(text: str) -> float | int:
    """7.5 (an IELTS band) or 9 (a CELPIP level, a PTE score): as printed."""
    return float(text.replace(",", ".")) if re.search(r"[.,]", text) else int(text)


def _cell_score(ability: str, cell: str, start: int, end: int) -> Score | None:
    """What a cell says of an ability's score: a number, CELPIP's M, none printed (NA, a dash), or
    nothing (a CEFR level in a column the header does not name)."""
    if cell == "M":
        return Score(ability, None, start, end, below_scale=True)
    if NO_SCORE.fullmatch(cell):
        return Score(ability, None, start, end)
    if re.match(r"\d", cell):
        return Score(ability, _number(cell.split("/")[0]), start, end)
    return None


def _paired_scores(doc: DocText) -> list[Score]:
    """Scores written right after their ability's label, or on the line below a lone label."""
    found = []
    for m in ABILITY.finditer(doc.text):
        after = SCORE_AFTER_LABEL.match(doc.text, m.end())
        if after is None:
            line = doc.line_at(m.start())
            alone = doc.text[line.start:m.start()].strip() == ""
            after = SCORE_ON_OWN_LINE.match(doc.text, m.end()) if alone else None
            if after and _lone_score_follows(doc, after.end()):
                after = None
        if after:
            found.append(_cell_score(m.lastgroup, after["score"] or after["level"], m.start(), after.end()))
    return found


def _lone_score_follows(doc: DocText, end: int) -> bool:
    """Another lone score on the next line: the values form a column listed after all the labels,
    so the first of them is the first label's, not the one just above it."""
    line = doc.line_at(end)
    if line.number + 1 >= len(doc.lines):
        return False
    cells = _value_cells(doc.lines[line.number + 1].text)
    return cells is not None and len(cells) == 1 and SCORE_CELL.fullmatch(cells[0]) is not None


@dataclass(frozen=True)
class Header:
    """A score table's header: its columns' abilities (None for extra columns), lines first to last."""
    columns: tuple[str | None, ...]
    first: int
    last: int


def _table_scores(doc: DocText) -> list[Score]:
    """Scores under a header of ability names, matched column by column.

    The values are a row with one cell per column, or a column of lone values listed after all
    the labels (a table whose columns the text layer gives one after the other). When the counts
    differ a cell is blank and nothing tells whose value is whose, so the table gives nothing.
    """
    found = []
    for header in _headers(doc):
        values = _values(doc, header.last)
        if values is None or len(values[1]) != len(header.columns):
            continue
        last, cells = values
        start = doc.lines[header.first].start
        for ability, cell in zip(header.columns, cells):
            if ability and (score := _cell_score(ability, cell, start, last.end)):
                found.append(score)
    return found


class ColumnNames:
    """Every column name in the text, found in the whole text so that a heading cell wrapped onto
    the next line ("Compréhension de" / "l'oral") is one name."""

    def __init__(self, text: str):
        self.spans = sorted([(m.start(), m.end(), m.lastgroup) for m in ABILITY.finditer(text)]
                            + [(m.start(), m.end(), None) for m in EXTRA_COLUMN.finditer(text)])
        self.starts = [start for start, _, _ in self.spans]
        self.ability_ends = {end for _, end, ability in self.spans if ability}

    def within(self, start: int, end: int) -> list[tuple[int, int, str | None]]:
        """The names wholly inside text[start:end]: (start, end, ability or None for an extra column)."""
        spans = self.spans[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]
        return [span for span in spans if span[1] <= end]


def _headers(doc: DocText) -> list[Header]:
    """Score table headers: runs of lines holding nothing but column names and a row title, one
    cell per line or several. Each header is the longest such run from its first line, and the
    next one is looked for after it.
    """
    names = ColumnNames(doc.text)
    headers = []
    number = 0
    while number < len(doc.lines):
        header = _header_from(doc, number, names)
        if header:
            headers.append(header)
        number = header.last + 1 if header else number + 1
    return headers


def _header_from(doc: DocText, first: int, names: ColumnNames) -> Header | None:
    """The header whose first line is ``first``, if there is one."""
    line = doc.lines[first]
    opening = line.text.replace("|", " ").split()[:1]
    at = line.start + len(line.text) - len(line.text.lstrip(" \t|"))
    if not opening or not (ROW_TITLE.match(opening[0]) or ABILITY.match(doc.text, at)
                           or EXTRA_COLUMN.match(doc.text, at)):
        return None  # cheap test first: a header starts with a column name or a row title
    previous = doc.lines[first - 1] if first else None
    if previous and previous.start + len(previous.text.rstrip(" \t|")) in names.ability_ends:
        return None  # the rest of a header whose start shares a line with other text: unreadable
    best = None
    for last in range(first, min(first + MAX_HEADER_LINES, len(doc.lines))):
        if not doc.lines[last].text.strip() or re.search(r"\d", doc.lines[last].text):
            break
        columns = _header_columns(doc, line.start, doc.lines[last].end, names)
        if columns is not None:
            best = Header(columns, first, last)
    if best is None or sum(1 for c in best.columns if c) < 2:
        return None
    return best


def _header_columns(doc: DocText, start: int, end: int, names: ColumnNames) -> tuple[str | None, ...] | None:
    """The columns named in text[start:end], or None if anything else but a row title is there."""
    inside = names.within(start, end)
    leftover, at = [], start
    for span_start, span_end, _ in inside:
        leftover.append(doc.text[at:span_start])
        at = span_end
    leftover.append(doc.text[at:end])
    words = " ".join(leftover).replace("|", " ").split()
    if words and not ROW_TITLE.match(" ".join(words)):
        return None  # prose that names abilities, or label/score pairs (handled above)
    return tuple(ability for _, _, ability in inside)


def _values(doc: DocText, header: int) -> tuple[Line, list[str]] | None:
    """The values under a header's last line and the line they end on: a row of cells, or a
    column of lone values when the text gives the table one column after the other."""
    row = _value_row(doc, header)
    return row if row is None or len(row[1]) > 1 else _value_column(doc, header)


def _value_row(doc: DocText, header: int) -> tuple[Line, list[str]] | None:
    """The value row under a header, past lines that continue wrapped header cells."""
    for line in doc.lines[header + 1:header + 1 + MAX_HEADER_CONTINUATION + 1]:
        if not line.text.strip():
            continue
        cells = _value_cells(line.text)
        if cells is not None:
            return line, cells
        if re.search(r"\d", line.text):
            break  # some other row: this header has no value row of its own
    return None


def _value_column(doc: DocText, header: int) -> tuple[Line, list[str]] | None:
    """Lone values on the lines right under a header, one per column, up to the first other line."""
    cells, last = [], None
    for line in doc.lines[header + 1:]:
        found = _value_cells(line.text)
        if found is None or len(found) != 1:
            break
        cells.append(found[0])
        last = line
    return (last, cells) if last else None


def _value_cells(text: str) -> list[str] | None:
    """The cells of a value row ("7.5 6.5 6.0 7.0", "480 / 699 | B2 | ..."), or None if it is not one."""
    tokens = re.sub(r"\s*/\s*", "/", text.replace("|", " ")).split()
    while tokens and ROW_TITLE.match(tokens[0]):
        tokens.pop(0)
    if not tokens or not all(VALUE_CELL.fullmatch(t) for t in tokens):
        return None
    return tokens


def _scores(doc: DocText) -> dict[str, Score]:
    first: dict[str, Score] = {}
    for score in sorted(_table_scores(doc) + _paired_scores(doc), key=lambda s: s.start):
        first.setdefault(score.ability, score)
    return first


def _level(test: str, score: Score, test_date: dt.date | None) -> int | None:
    """The CLB of a score, None without one. A level below the scale converts as the scale's bottom,
    which clb.py reports as one level under its table: CELPIP's M is "below CLB 4"."""
    if score.below_scale:
        return clb.to_clb(test, score.ability, 0, test_date)
    return None if score.value is None else clb.to_clb(test, score.ability, score.value, test_date)


# --- the document ------------------------------------------------------------------------------

def extract(pages: tuple[Page, ...]) -> dict[str, Field]:
    doc = DocText(pages)
    family, fields = _identify(doc)
    test = fields["test"]

    family_order = family.date_order if family else None
    test_date = _test_date(doc, dates_mod.infer_order(doc.text) or family_order)
    if test_date:
        fields["test_date"] = test_date
    name = _candidate_name(doc)
    if name:
        fields["candidate_name"] = name
    registration = _registration_number(doc)
    if registration:
        fields["registration_number"] = registration

    scores = _scores(doc)
    if scores:
        start = min(s.start for s in scores.values())
        end = max(s.end for s in scores.values())
        fields["scores"] = doc.field({a: scores[a].value if a in scores else None for a in clb.ABILITIES},
                                     start, end)
        if clb.is_accepted(test.value):
            when = test_date.value if test_date else None
            levels = {a: _level(test.value, scores[a], when) if a in scores else None for a in clb.ABILITIES}
            # The level is only as sure as the test's identity and (TEF's table) its date.
            confidence = min(test.confidence, test_date.confidence if test_date else 1.0)
            fields["clb"] = doc.field(levels, start, end, confidence=confidence)
    return fields
