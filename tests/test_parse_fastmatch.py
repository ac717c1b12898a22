import re
from re import _constants as sre
from re import _parser as sre_parse

from validator.kinds import classify
from validator.parse import fastmatch, hours
from validator.parse.fastmatch import lowered, word_alternation

WORDS = ["jan", "janv", "janvier", "january", "mar", "mars", "march", "mai", "may", "août", "aout"]


def test_word_alternation_matches_exactly_the_words():
    whole = re.compile(rf"\b{word_alternation(WORDS)}\b", re.IGNORECASE)
    for word in WORDS:
        assert whole.fullmatch(word) and whole.fullmatch(word.upper())
    for other in ["ja", "janu", "janvie", "marc", "m", "aoû", ""]:
        assert not whole.fullmatch(other)
    assert whole.findall("Mars, mar. and MARCH; not marché") == ["Mars", "mar", "MARCH"]


def test_lowered_is_none_only_where_lowering_disagrees_with_ignorecase():
    assert lowered("Name: JOHN SMITH, Ünal") == "name: john smith, ünal"
    assert lowered("İSTANBUL") is None
    assert lowered("reſponsibilities") is None


def _prefilter_letters() -> set[str]:
    words = {w for cues in classify._COMPILED.values() for _, _, openings in cues for w in openings}
    words |= {w for _, ws in hours._PATTERNS for w in ws}
    return set("".join(words))


def test_lowered_text_holds_every_word_a_case_insensitive_pattern_matches():
    """Over all of Unicode: a character that lowered() accepts lowers to one character, and one
    that re.IGNORECASE matches to a prefilter word's letter lowers to that letter."""
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    accepted = [c for c in everything if not fastmatch._LOWER_MISMATCH.match(c)]
    assert all(len(c.lower()) == 1 for c in accepted)
    accepted = "".join(accepted)
    for letter in _prefilter_letters():
        for m in re.finditer(re.escape(letter), accepted, re.IGNORECASE):
            assert m.group().lower() == letter, (m.group(), letter)


def test_classify_cues_open_with_their_openings():
    cues = {p.pattern: openings for cues in classify._COMPILED.values() for p, _, openings in cues}
    assert cues[r"\bcertificat de travail\b"] == ("certificat de travail",)
    assert cues[r"\b(duties|responsibilities)\b"] == ("duties", "responsibilities")
    assert cues[r"\bhuman resources|ressources humaines\b"] == ("human resources", "ressources humaines")
    assert cues[r"\b(certified|true and (accurate|correct)|complete and accurate) translation\b"] == (
        "certified", "complete and accurate", "true and accurate", "true and correct")
    assert cues[r"^P[<A-Z][A-Z<]{3}[A-Z<]{5,}"] == ("p",)


def _holds_one_of(items, words, run: str = "") -> bool:
    """Whether every match of a parsed pattern holds one of ``words`` (lower-case), judged on its
    syntax: a run of literals holding a word, or a group, branch or repeat (at least once) whose
    every way of matching does, ``run`` being the literals right before it. Sound, not complete."""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av).lower()
            if any(word in run for word in words):
                return True
            continue
        if op is sre.AT:
            continue
        if op is sre.SUBPATTERN and _holds_one_of(av[3], words, run):
            return True
        if op is sre.BRANCH and all(_holds_one_of(branch, words, run) for branch in av[1]):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and _holds_one_of(av[2], words, run):
            return True
        run = ""
    return False


def test_hours_prefilter_words_are_in_every_match():
    for pattern, words in hours._PATTERNS:
        assert _holds_one_of(sre_parse.parse(pattern.pattern, pattern.flags), words), pattern.pattern
    assert not _holds_one_of(sre_parse.parse(r"\d+ hours (?:daily|per day)", re.IGNORECASE), ("day",))
