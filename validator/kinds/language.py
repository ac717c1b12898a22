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
  ("Listening 7.5 Reading 6.5 ...").

The first score found for an ability wins (a later breakdown or retake table does not override
the main table). CLB levels come from validator/clb.py, for the tests IRCC accepts only.
"""
from __future__ import annotations

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
SCORE = r"(?P<score>\d{1,3}(?:[.,]\d)?)(?:[ \t]*/[ \t]*\d{1,3})?(?![\d/]|[.,]\d)"
SCORE_AFTER_LABEL = re.compile(r"[ \t]*[:|]?[ \t]*" + SCORE)
SCORE_ON_OWN_LINE = re.compile(r"[ \t]*:?[ \t]*\n[ \t]*" + SCORE + r"[ \t]*(?:[ABC][12])?[ \t]*(?=\n|$)")
MAX_HEADER_CONTINUATION = 3  # lines of wrapped header cells between a header and its values
VALUE_CELL = re.compile(r"\d{1,3}(?:[.,]\d)?(?:/\d{1,3})?|[ABC][12]|[-–—]|n/?a", re.IGNORECASE)


@dataclass(frozen=True)
class Score:
    ability: str
    value: float
    start: int
    end: int


def _number(text: str) -> float | int:
    """7.5 (an IELTS band) or 9 (a CELPIP level, a PTE score): as printed."""
    return float(text.replace(",", ".")) if re.search(r"[.,]", text) else int(text)


def _paired_scores(doc: DocText) -> list[Score]:
    """Scores written right after their ability's label, or on the line below a lone label."""
    found = []
    for m in ABILITY.finditer(doc.text):
        after = SCORE_AFTER_LABEL.match(doc.text, m.end())
        if after is None:
            line = doc.line_at(m.start())
            alone = doc.text[line.start:m.start()].strip() == ""
            after = SCORE_ON_OWN_LINE.match(doc.text, m.end()) if alone else None
        if after:
            found.append(Score(m.lastgroup, _number(after["score"]), m.start(), after.end()))
    return found


def _table_scores(doc: DocText) -> list[Score]:
    """Scores under a header row of ability names, matched column by column."""
    found = []
    for number, line in enumerate(doc.lines):
        columns = sorted([(m.start(), m.end(), m.lastgroup) for m in ABILITY.finditer(line.text)]
                         + [(m.start(), m.end(), None) for m in EXTRA_COLUMN.finditer(line.text)])
        abilities = [c for c in columns if c[2]]
        if len(abilities) < 2:
            continue
        leftover = line.text
        for start, end, _ in reversed(columns):
            leftover = leftover[:start] + " " + leftover[end:]
        leftover = leftover.replace("|", " ").strip()
        if leftover and not ROW_TITLE.match(leftover):
            continue  # prose that names abilities, or label/score pairs (handled above)
        row, cells = _value_row(doc, number)
        if row is None:
            continue
        if len(cells) == len(columns):
            pairs = [(c[2], cell) for c, cell in zip(columns, cells)]
        elif len(cells) >= len(abilities) and all(c[2] for c in columns[:len(abilities)]):
            # The abilities lead and the rest are extra columns, some wrapped onto later lines
            # ("Overall Band" / "Score" under the header): the first cells are the abilities'.
            pairs = [(c[2], cell) for c, cell in zip(abilities, cells)]
        else:
            continue
        for ability, cell in pairs:
            if ability and re.match(r"\d", cell):
                found.append(Score(ability, _number(cell.split("/")[0]), line.start, row.end))
    return found


def _value_row(doc: DocText, header: int) -> tuple[Line | None, list[str]]:
    """The value row under a header row, past lines that continue wrapped header cells."""
    for line in doc.lines[header + 1:header + 1 + MAX_HEADER_CONTINUATION + 1]:
        if not line.text.strip():
            continue
        cells = _value_cells(line.text)
        if cells is not None:
            return line, cells
        if re.search(r"\d", line.text):
            break  # some other row: this header has no value row of its own
    return None, []


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
            levels = {a: clb.to_clb(test.value, a, scores[a].value, when) if a in scores else None
                      for a in clb.ABILITIES}
            # The level is only as sure as the test's identity and (TEF's table) its date.
            confidence = min(test.confidence, test_date.confidence if test_date else 1.0)
            fields["clb"] = doc.field(levels, start, end, confidence=confidence)
    return fields
