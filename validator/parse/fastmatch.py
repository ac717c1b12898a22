"""Making case-insensitive word searches fast without changing what they match.

Python's regex engine has no fast scan for a pattern that opens with a case-insensitive
alternation of words: it tries every word at every position. Two remedies:

* :func:`word_alternation` factors the words on shared prefixes, so that each letter is read once;
* :func:`lowered` gives the text to test cheaply, with ``in``, for words a pattern cannot match
  without, before running the pattern at all.
"""
from __future__ import annotations

import re

# Characters re.IGNORECASE matches to a letter although str.lower() does not give that letter:
# 'İ' lowers to two characters ('i' and a combining dot), 'ı' matches 'i', 'ſ' matches 's', and
# the Cyrillic variants U+1C80-1C88 match their plain letters (tests/test_parse_fastmatch.py).
_LOWER_MISMATCH = re.compile("[\u0130\u0131\u017f\u1c80-\u1c88]")


def lowered(text: str) -> str | None:
    """``text.lower()``, same length, in which a word a case-insensitive pattern matches in
    ``text`` occurs lower-cased (at the same offset); None for the rare text where that fails."""
    return None if _LOWER_MISMATCH.search(text) else text.lower()


def word_alternation(words) -> str:
    """A non-capturing regex matching exactly one of ``words``, factored on shared prefixes.

    'jan|janv|janvier|january' becomes 'jan(?:uary|v(?:ier)?)?'. The words are tried in another
    order than a plain alternation's, so use it where the word must end at a word boundary
    ('\\b'): then only one of them can match at a place.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branches(node: dict) -> list[str]:
        return [re.escape(char) + rest(child) for char, child in sorted(node.items()) if char]

    def rest(node: dict) -> str:
        following = branches(node)
        if not following:
            return ""
        if len(following) == 1 and "" not in node:
            return following[0]
        group = "(?:" + "|".join(following) + ")"
        return group + "?" if "" in node else group

    return "(?:" + "|".join(branches(tree)) + ")"
