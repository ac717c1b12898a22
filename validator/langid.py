"""The language a document is written in, with py3langid (offline, model bundled in the wheel).

Only English and French matter to IRCC (anything else needs a translation, FIL008), so what
must be robust is "en, fr or another language" on short official documents: forms full of
labels, names in capitals, dates and machine-readable zones. Three choices make it so:

* The model only chooses among the languages governments, universities and banks issue
  documents in (:data:`DOCUMENT_LANGUAGES`). Left with all of its labels, py3langid reads
  English forms as Nigerian Pidgin or Bikol, Chinese as Wu and Arabic as Moroccan Arabic;
  dropping regional varieties, creoles and classical languages folds them into the parent.
* Digits, e-mail addresses, web addresses and MRZ lines say nothing about the language and
  are removed; words in capitals (surnames, headings) are lower-cased so they read as words.
* An unsure answer is no answer: ``None`` unless the best language is likely enough, or at
  least English and French are clearly not in the running (Hindi vs Nepali vs Marathi on a
  short Devanagari text is unsure, but surely not English).

:func:`language_shares` splits a text into segments (lines, "label / label" halves, runs of
one script) to tell how much of a bilingual document is in English or French.

py3langid (and numpy) are imported on first use and the model loaded once per process
(about 0.6 s), so commands that read no document start fast. Most documents are plainly
English or French prose; their function words settle that without the model
(:func:`_plainly_english_or_french`), which keeps an audit of letters from paying for it.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# ISO 639-1 codes of the languages py3langid knows that official documents are issued in.
# Left out on purpose: creoles and regional varieties that mimic a larger language (pcm, bcl,
# ext, an, oc, wa, lb, jv, arz, ary, wuu, yue...), classical and constructed ones (la, sa,
# grc, eo, vo), and minority languages no civil registry, university or bank writes in alone.
DOCUMENT_LANGUAGES = tuple("""
    af am ar az be bg bn bs ca cs cy da de dz el en es et eu fa fi fr ga gl gu he hi hr ht hu
    hy id is it ja ka kk km kn ko ku ky lo lt lv mg mk ml mn mr ms mt my ne nl no pa pl ps pt
    ro ru si sk sl so sq sr sv sw ta te th tl tr ug uk ur uz vi xh zh zu
""".split())

# Below this many letters there is too little text to say (a signature block, a stamp).
# East Asian characters count double: one carries about as much as a short word.
MIN_LETTERS = 40
# The best language must have at least this probability...
MIN_CONFIDENCE = 0.5
# ...unless English and French together stay under this one (sure it is "other").
MAX_OFFICIAL_DOUBT = 0.1
# A segment with fewer letters than this is neutral in language_shares (an initial, "No.").
MIN_SEGMENT_LETTERS = 3

_MRZ_LINE = re.compile(r"^[A-Z0-9<]{20,}$", re.M)
_NOISE = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|\d+")
_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
# The words _WORD finds that have no letter a-z: only these can be all capitals, and matching
# just them spares a call per word of prose.
_CAPITALS_CANDIDATE = re.compile(r"\b[^\W\d_a-z]{2,}\b")
# Where a bilingual document switches language: a new line, "Nom / Name", "Name | Nombre".
_SEGMENT_BREAK = re.compile(r"\n|\s+/\s+|\s*\|\s*")


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # py3langid 0.4 renamed the loader (the model file format changed with it).
    load = getattr(LanguageIdentifier, "from_model_file", None) or LanguageIdentifier.from_pickled_model
    identifier = load(MODEL_FILE, norm_probs=True)
    identifier.set_languages(DOCUMENT_LANGUAGES)
    return identifier


def _clean(text: str) -> str:
    text = _MRZ_LINE.sub(" ", text)
    text = _NOISE.sub(" ", text)
    # Surnames and headings in capitals read as words once lower-cased.
    return _CAPITALS_CANDIDATE.sub(_lower_capitals, text)


def _lower_capitals(match: re.Match) -> str:
    word = match.group()
    return word.lower() if word.isupper() else word


def _letter_weight(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text if unicodedata.category(c)[0] in "LM")


def _probabilities(text: str) -> dict[str, float]:
    return dict(_identifier().rank(text))


# Function words of one language and not of its neighbours (no "de", "la", "en", "que", "il",
# shared with Spanish, Italian or Portuguese; no "is", "was", "of", shared with Dutch or German).
_FUNCTION_WORDS = {
    "en": frozenset("the and to for that with by this from has have his her she it be are at our which "
                    "been their would will".split()),
    "fr": frozenset("le les des du et est une pour dans avec sur au aux nous vous elle été ont sont "
                    "cette qui".split()),
}
_PLAIN_MIN_WORDS = 40  # a form of labels and names is left to the model
_PLAIN_SHARE = 0.10  # of the words: prose in the language has more; other languages next to none
_STRAY_SHARE = 0.02  # of the words from the other language: more suggests a bilingual document


def _plainly_english_or_french(text: str) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < _PLAIN_MIN_WORDS:
        return None
    shares = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in _FUNCTION_WORDS.items()}
    for lang, other in (("en", "fr"), ("fr", "en")):
        if shares[lang] >= _PLAIN_SHARE and shares[other] <= _STRAY_SHARE:
            return lang
    return None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ("en", "fr", "es", "hi"...), or None.

    None when there is too little text to judge or the model is unsure in a way that could
    hide English or French.
    """
    cleaned = _clean(text)
    plain = _plainly_english_or_french(cleaned)
    if plain:
        return plain
    if _letter_weight(cleaned) < MIN_LETTERS:
        return None
    probabilities = _probabilities(cleaned)
    best = max(probabilities, key=probabilities.get)
    official = probabilities.get("en", 0.0) + probabilities.get("fr", 0.0)
    if probabilities[best] >= MIN_CONFIDENCE or (best not in ("en", "fr") and official < MAX_OFFICIAL_DOUBT):
        return best
    return None


def _script_runs(segment: str) -> list[str]:
    """Split where the script changes between Latin and any other ("Name: अनिका" -> 2 runs).

    Marks, digits and punctuation stay with the run they follow.
    """
    runs: list[str] = []
    current, latin = "", None
    for char in segment:
        if unicodedata.category(char)[0] == "L":
            is_latin = unicodedata.name(char, "").startswith("LATIN")
            if latin is not None and is_latin != latin:
                runs.append(current)
                current = ""
            latin = is_latin
        current += char
    runs.append(current)
    return runs


def _without_names(run: str) -> str:
    """The run without its capitalised words after the first: names and places ("In the city of
    Guadalajara, Mr. Carlos Hernández appeared") outweigh the few words that carry the language.
    Kept whole when too little would remain ("Name: Sofía García")."""
    words = run.split()
    kept = " ".join(words[:1] + [w for w in words[1:] if not w[:1].isupper()])
    return kept if _letter_weight(kept) >= MIN_SEGMENT_LETTERS * 3 else run


def language_shares(text: str, languages: Iterable[str]) -> dict[str, float]:
    """The share of the text's letters written in each of ``languages`` (shares sum to 1).

    Each segment (a line, one side of "Nom / Name", a run of one script) goes to whichever of
    ``languages`` the model finds likeliest, judged on its words other than names; choosing
    among two or three known candidates is reliable even on a few words. All of a segment's
    letters, names included, count for its language. Segments too short to judge count for
    none, nor does a language the model does not know. All zeros when nothing can be judged.
    """
    candidates = [lang for lang in dict.fromkeys(languages) if lang in DOCUMENT_LANGUAGES]
    letters = dict.fromkeys(candidates, 0)
    for segment in _SEGMENT_BREAK.split(_clean(text)):
        for run in _script_runs(segment):
            weight = _letter_weight(run)
            if weight < MIN_SEGMENT_LETTERS or not candidates:
                continue
            probabilities = _probabilities(_without_names(run))
            letters[max(candidates, key=probabilities.__getitem__)] += weight
    total = sum(letters.values())
    return {lang: (count / total if total else 0.0) for lang, count in letters.items()}
