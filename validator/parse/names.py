"""People's names as documents write them, and whether two of them name the same person.

"SHARMA, Priya", "SHARMA<<PRIYA<ANIKA", "Ms. Priya A. Sharma" and "Priya Anika Sharma" are one
person; "Priya Sharma" and "Pooja Sharma" are two. The comparison works on words ("tokens"):

- every name is folded the same way: NFKD without accents, case-folded, MRZ fillers and
  punctuation dropped, honorifics and generational suffixes removed, "Family, Given" reordered;
- two words are the same when their *spelling skeletons* are equal (transliteration habits:
  x/ks, ph/f, w/v, c/k, aspirated consonants, ou/oo/u, ee/i, y/i, doubled letters, German
  ue/oe/ae, -er/-r...) or when both belong to one group of known variants (Mohammed/Muhammad);
- an initial matches a word it abbreviates; adjacent words may join ("Jean Luc" ~ "Jeanluc");
- words left over on *one* side only (a middle name, an initial) are tolerated, words left
  over on *both* sides are a different name.

Every verdict carries a reason a paralegal can read in the report. Names in a non-Latin script
are not judged (SPEC §5): there is no reliable transliteration without a translation.

Plain rules rather than spaCy: the decision must be explainable word by word, and no
statistical model may be required (DEPENDENCIES.md §3).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["NameMatch", "clean_name", "compare_names", "display_name", "is_latin", "looks_like_name",
           "name_tokens", "same_person"]

# Letters NFKD does not decompose into a base letter plus a mark.
_SPECIAL_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                                  "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "œ": "oe", "Œ": "OE", "ı": "i",
                                  "ð": "d", "Ð": "D"})
_APOSTROPHES = "'’‘`´ʼ"
HONORIFICS = frozenset(
    "mr mrs ms miss mx mister dr prof sir dame madam madame monsieur mme mlle shri sri smt "
    "kumari kum señor senor señora senora srta sra".split())
SUFFIXES = frozenset("jr jnr junior sr snr senior ii iii iv".split())

# Spelling rules applied in order to a folded word. They are transliteration habits, chosen so
# that the two spellings of one name meet; both sides get them, so they never make a name
# unequal to itself. Each rule is here because of the variants in the comment.
_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement) for pattern, replacement in (
        (r"x", "ks"),                 # Alexander / Aleksandr
        (r"ph", "f"),                 # Philip / Filip
        (r"w", "v"),                  # Wladimir / Vladimir, Nowak / Novak
        (r"q", "k"),                  # Qasim / Kasim
        (r"ck", "k"),
        (r"c(?![hei])", "k"),         # Catherine / Katherine, Nicolai / Nikolai (ch, ce, ci kept)
        (r"([bdgkt])h", r"\1"),       # Siddharth / Sidharth, Thomas / Tomas, Bhatt / Batt
        (r"ou|oo", "u"),              # Youssef / Yusef, Pooja / Puja, Iouri / Yuri
        (r"ee", "i"),                 # Sangeeta / Sangita
        (r"y", "i"),                  # Sergey / Sergei, Dmitry / Dmitri, Tatyana / Tatiana
        (r"(?<=[a-z])ue", "u"),       # Mueller / Müller (ICAO writes ü as UE)
        (r"(?<=[a-z])oe", "o"),       # Bjoern / Björn
        (r"(?<=[a-z])ae", "a"),       # Maekinen / Mäkinen
        (r"(.)\1+", r"\1"),           # Mohammed / Mohamed, Anna / Ana, Dmitriy / Dmitri
        (r"^ie", "e"),                # Yevgeny / Evgeni, Yelena / Elena (after y -> i)
        (r"([^aeiou])(?:er|re)$", r"\1r"),  # Alexander / Aleksandr / Alexandre, Peter / Petr
    ))

# Names whose spellings differ by vowels, which the rules above cannot safely merge.
_VARIANT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad", "muhamad", "mohammod", "mohd", "md"),
    ("yusuf", "yousef", "youssef", "yusef", "yousuf", "jusuf", "yousif"),
    ("ahmed", "ahmad"),
    ("hussein", "hussain", "husain", "hosein", "hossein", "husein"),
    ("abdul", "abdel", "abd"),
    ("omar", "umar"),
    ("osman", "usman", "othman", "uthman"),
    ("ibrahim", "ebrahim"),
    ("mikhail", "michail", "mihail"),
    ("chaudhary", "choudhary", "chaudhry", "chowdhury", "chaudhari", "choudhury", "chaudhuri"),
)


def _fold(text: str) -> str:
    """Case-folded, accents and special letters (ß, ø, ł...) folded to their base letters."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _skeleton(word: str) -> str:
    for pattern, replacement in _SKELETON_RULES:
        word = pattern.sub(replacement, word)
    return word


_VARIANT_OF = {_skeleton(v): i for i, group in enumerate(_VARIANT_GROUPS) for v in group}


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is a Latin letter (accented or not)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


@dataclass(frozen=True)
class _Word:
    text: str  # as written, for reasons
    folded: str
    key: str  # spelling skeleton

    @property
    def initial(self) -> bool:
        return len(self.folded) == 1


def _reorder(name: str) -> str:
    """Given names first: 'SHARMA<<PRIYA<ANIKA' and 'Sharma, Priya Anika' -> 'PRIYA ANIKA SHARMA'."""
    name = name.strip()
    if "<" in name:
        surname, _, given = name.strip("<").partition("<<")
        return f"{given.replace('<', ' ')} {surname.replace('<', ' ')}".strip()
    family, comma, given = name.partition(",")
    if comma and given.strip() and "," not in given:
        return f"{given.strip()} {family.strip()}"
    return name


def _words(name: str) -> list[_Word]:
    words = []
    for raw in re.split(r"[\s\-‐‑–./]+", _reorder(name)):
        raw = raw.strip("".join(_APOSTROPHES) + ",;:()[]\"")
        text = "".join(c for c in raw if c not in _APOSTROPHES)  # O'Brien -> OBrien, as ICAO writes it
        folded = re.sub(r"[^a-z]", "", _fold(text))
        if folded:
            words.append(_Word(text, folded, _skeleton(folded)))
    kept = [w for w in words if w.folded not in HONORIFICS and w.folded not in SUFFIXES]
    return kept or words


def name_tokens(name: str) -> list[str]:
    """The folded words a comparison works on (honorifics dropped, given names first)."""
    return [w.folded for w in _words(name)]


def _same_word(a: _Word, b: _Word) -> bool:
    if a.key == b.key:
        return True
    group = _VARIANT_OF.get(a.key)
    return group is not None and group == _VARIANT_OF.get(b.key)


def _join_runs(words: list[_Word], other: list[_Word]) -> list[_Word]:
    """Join adjacent words that the other name writes as one ('Jean Luc' ~ 'Jeanluc', 'Dela Cruz')."""
    keys = {w.key for w in other}
    out: list[_Word] = []
    i = 0
    while i < len(words):
        for size in (3, 2):
            run = words[i:i + size]
            if len(run) == size and not any(w.initial for w in run):
                folded = "".join(w.folded for w in run)
                joined = _Word(" ".join(w.text for w in run), folded, _skeleton(folded))
                if joined.key in keys and all(w.key not in keys for w in run):
                    out.append(joined)
                    i += size
                    break
        else:
            out.append(words[i])
            i += 1
    return out


@dataclass(frozen=True)
class NameMatch:
    """The verdict on two names. ``same`` is None when they cannot be compared."""

    same: bool | None
    reason: str
    spelled_differently: bool = False  # the same name, a word spelt another way (Mohammed ~ Muhammad)

    @property
    def comparable(self) -> bool:
        return self.same is not None


def _quote(words: list[_Word]) -> str:
    return ", ".join(f"'{w.text}'" for w in words)


def compare_names(a: str | None, b: str | None) -> NameMatch:
    """Whether ``a`` and ``b`` name the same person, and why (see the module docstring)."""
    for name in (a, b):
        if not name or not name.strip():
            return NameMatch(None, "not comparable: a name is missing")
        if not is_latin(name):
            return NameMatch(None, f"not comparable: '{name.strip()}' is not in the Latin alphabet")
    left, right = _words(a), _words(b)
    if not left or not right:
        return NameMatch(None, "not comparable: no letters in a name")
    left, right = _join_runs(left, right), _join_runs(right, left)

    pairs: list[tuple[int, int]] = []
    used_left: set[int] = set()
    used_right: set[int] = set()

    def pair_up(accept) -> None:
        for i, x in enumerate(left):
            if i in used_left:
                continue
            for j, y in enumerate(right):
                if j not in used_right and accept(x, y):
                    pairs.append((i, j))
                    used_left.add(i)
                    used_right.add(j)
                    break

    pair_up(lambda x, y: not x.initial and not y.initial and x.key == y.key)
    pair_up(lambda x, y: not x.initial and not y.initial and _same_word(x, y))
    pair_up(lambda x, y: (x.initial or y.initial) and x.folded[0] == y.folded[0])

    extra_left = [w for i, w in enumerate(left) if i not in used_left]
    extra_right = [w for j, w in enumerate(right) if j not in used_right]
    differs = f"differs: '{a.strip()}' vs '{b.strip()}'"
    if extra_left and extra_right:
        return NameMatch(False, f"{differs} ({_quote(extra_left)} / {_quote(extra_right)})")
    full_pairs = [(i, j) for i, j in pairs if not (left[i].initial or right[j].initial)]
    if not full_pairs or (len(pairs) < 2 and max(len(left), len(right)) > 1):
        common = _quote([left[i] for i, _ in pairs]) or "nothing"
        return NameMatch(False, f"{differs} (only {common} in common)")

    notes = []
    variant = False
    pairs.sort()
    if [j for _, j in pairs] != sorted(j for _, j in pairs):
        notes.append("same names in another order")
    for i, j in pairs:
        x, y = left[i], right[j]
        if x.initial != y.initial:
            initial, word = (x, y) if x.initial else (y, x)
            notes.append(f"initial '{initial.text}.' for '{word.text}'")
        elif x.folded != y.folded and x.folded.replace(" ", "") != y.folded.replace(" ", ""):
            notes.append(f"spelling variant '{x.text}' ~ '{y.text}'")
            variant = True
        elif " " in x.text or " " in y.text:
            notes.append(f"'{x.text}' ~ '{y.text}' written as one word")
    extra, longer = (extra_left, left) if extra_left else (extra_right, right)
    if extra:
        inner = all(0 < longer.index(w) < len(longer) - 1 for w in extra)
        label = ("middle name" if inner else "name") + ("s" if len(extra) > 1 else "")
        notes.append(f"{label} {_quote(extra)} missing on one")
    return NameMatch(True, "; ".join(notes) if notes else "same name", spelled_differently=variant)


def same_person(a: str | None, b: str | None) -> bool:
    """True only when both names are comparable and match."""
    return compare_names(a, b).same is True


# --- names found in documents -------------------------------------------------------------

# Where a name stops in a phrase. The words that are also names ("Son", "Fils") stop it only in
# lower case; the others in any case, since forms print whole lines in capitals.
_NAME_STOP = re.compile(
    r"\s(?:(?i:born|n[ée]e?|aged?|de\s+sexe|s/o|d/o|w/o|residing|resident|domicili[ée]e?)"
    r"|son|daughter|fils|fille|sex|sexe|of\s+(?:age|sex))\b|[(\[;|\d]")
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?$")
# Lower-case words a name may contain; every other word of a name is capitalised, which is
# what tells "Priya Sharma" from the words of a sentence.
_PARTICLES = frozenset("de da das do dos del dela della di du des la le van von der den ten ter bin binti bint "
                       "al el ibn y e".split())
_NOT_NAMES = frozenset({"na", "none", "nil", "unknown", "not applicable", "not stated", "null", "nan"})


def looks_like_name(text: str) -> bool:
    """One to seven capitalised words of letters (initials and particles allowed), not a placeholder.

    Scripts without letter case (Devanagari, Chinese) pass the capital test as they are.
    """
    words = text.split()
    if not 1 <= len(words) <= 7 or _fold(text).strip(". ") in _NOT_NAMES:
        return False
    return (all(_NAME_WORD.match(w) and (not w[0].islower() or w in _PARTICLES) for w in words)
            and any(len(w.strip(".")) > 1 for w in words))


def clean_name(raw: str) -> str | None:
    """The name at the start of a form value or phrase, or None when it is not a name.

    Stops where the name ends ("Priya Sharma, born ...", "Rohan Sharma (father)"), keeps the
    "SURNAME, Given" form when that is what the value is.
    """
    text = _NAME_STOP.split(raw, maxsplit=1)[0]
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" ,.:-–/")
    family, comma, given = text.partition(",")
    surname_first = (looks_like_name(family) and looks_like_name(given) and "," not in given
                     and (len(family.split()) == 1 or family.isupper()))
    if comma and not surname_first:
        text = family.strip()
    return text if looks_like_name(text.replace(",", " ")) else None


def display_name(name: str) -> str:
    """A name for reports and case files: given names first, ALL-CAPS words in title case.

    'SHARMA<<PRIYA<ANIKA' -> 'Priya Anika Sharma'; 'MARTIN, Jean-Luc' -> 'Jean-Luc Martin';
    'Lucas MARTIN' -> 'Lucas Martin'. Mixed-case words ('McDonald') are kept as written.
    """
    words = _reorder(name).split()
    words = [w for w in words if _fold(w).strip(".") not in HONORIFICS] or words
    return " ".join(_title(w) if w.isupper() and sum(c.isalpha() for c in w) > 1 else w for w in words)


def _title(word: str) -> str:
    """'JEAN-LUC' -> 'Jean-Luc', "O'BRIEN" -> "O'Brien" (str.title would also split on accents)."""
    return re.sub(r"(^\W*|[-'’])(\w)", lambda m: m.group(1) + m.group(2).upper(), word.lower())
