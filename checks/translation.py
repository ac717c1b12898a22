"""FIL008: documents in neither English nor French need a translation beside them.

Pairing (SPEC §2): a translation serves an original when both sit in the same folder and the
translation's file name starts with the original's file stem (``birth-cert.pdf`` ->
``birth-cert-translation.pdf``) or its text names the original's file name.

Bilingual documents (SPEC §5) need no translation. A document counts as bilingual when at
least :data:`BILINGUAL_SHARE` of its letters are in segments (lines, halves of "Nombre / Name",
runs of one script) that read as English or French rather than as the document's language;
see :func:`validator.langid.language_shares`. Names and dates count for whichever language
they sit in, so a parallel bilingual text scores about 0.4-0.5, a foreign document with
English headings far less. The judgement runs the bundled language model on the document's
text (data, not I/O against the case), only for documents not in English or French.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from validator.langid import language_shares
from validator.model import ERROR, Document, Finding
from validator.registry import Context, check

from .sources import UPLOAD_DOCUMENTS

OFFICIAL_LANGUAGES = ("en", "fr")
BILINGUAL_SHARE = 1 / 3


def _folder(doc: Document) -> str:
    return posixpath.dirname(doc.rel)


def _name(doc: Document) -> str:
    return posixpath.basename(doc.rel)


def _names_file(translation: Document, file_name: str) -> bool:
    """The translation's text names ``file_name`` (as a whole name, in any case; a full stop may
    end the sentence, but "acta.pdf.bak" and "my-acta.pdf" are other files)."""
    if (translation.value("translated_file") or "").lower() == file_name.lower():
        return True
    whole_name = rf"(?<![\w.\-]){re.escape(file_name)}(?![\w\-]|\.\w)"
    return re.search(whole_name, translation.text, re.I) is not None


def translations_of(original: Document, ctx: Context) -> list[Document]:
    """The translations in the original's folder that are named after it or name it."""
    stem = posixpath.splitext(_name(original))[0].lower()
    return [t for t in ctx.of_kind("translation")
            if t is not original and _folder(t) == _folder(original)
            and (_name(t).lower().startswith(stem) or _names_file(t, _name(original)))]


def is_bilingual(doc: Document) -> bool:
    shares = language_shares(doc.text, (doc.language, *OFFICIAL_LANGUAGES))
    return sum(shares.get(lang, 0.0) for lang in OFFICIAL_LANGUAGES) >= BILINGUAL_SHARE


@check(code="FIL008", name="translation-missing", severity=ERROR, kinds="*", source=UPLOAD_DOCUMENTS,
       fix="Add a certified English or French translation in the same folder, named after the original "
           "(e.g. NAME-translation.pdf) or naming the original's file in its text; upload both.")
def translation_missing(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A document in neither English nor French has no translation in its folder.

    IRCC needs an English or French translation of every such document, certified by a
    translator (or with the translator's affidavit), uploaded together with the original.
    prcheck pairs a translation with its original when both sit in the same folder and the
    translation's file name starts with the original's (birth-cert.pdf ->
    birth-cert-translation.pdf) or its text names the original's file. A bilingual document
    (at least a third of its text in English or French) needs none; a translation itself is
    never asked for one. Documents too short to tell their language are not judged.
    """
    if (not doc.readable or doc.kind == "translation" or doc.language is None
            or doc.language in OFFICIAL_LANGUAGES):
        return
    if translations_of(doc, ctx) or is_bilingual(doc):
        return
    yield ctx.finding(f"This document is in a language other than English or French (detected: "
                      f"{doc.language}) and no translation of it is in its folder.", doc)
