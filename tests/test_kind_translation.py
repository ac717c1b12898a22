"""Translations and originals of fixtures/translations: kind, language and translation fields
against expected.json, plus the wordings the fixtures do not show."""
import json
from pathlib import Path

import pytest

from validator import intake
from validator.kinds import translation
from validator.model import Page
from validator.runner import read_document

TRANSLATIONS = Path(__file__).resolve().parents[1] / "fixtures" / "translations"
EXPECTED = json.loads((TRANSLATIONS / "expected.json").read_text(encoding="utf-8"))
FIELDS = ["translated_file", "translator_name", "has_affidavit", "source_language"]


@pytest.fixture(scope="module")
def documents():
    return {name: read_document(intake.take_in(TRANSLATIONS / name, TRANSLATIONS)) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kind_and_language(documents, name):
    doc, truth = documents[name], EXPECTED[name]
    assert doc.errors == () and doc.readable
    assert (doc.kind == "translation") == truth["translation"]
    assert doc.language in truth["languages"]


TRANSLATED = sorted(name for name, truth in EXPECTED.items() if truth["translation"])


@pytest.mark.parametrize("name", TRANSLATED)
@pytest.mark.parametrize("field", FIELDS)
def test_translation_field(documents, name, field):
    f = documents[name].fields[field]
    expected = EXPECTED[name]["fields"][field]
    assert f.value == expected
    # A stated fact points at its text; "not stated" (no file named, no affidavit) has none.
    assert (f.evidence is not None) == (expected not in (None, False))


def values(text: str) -> dict:
    return {k: f.value for k, f in translation.extract((Page(1, text),)).items()}


@pytest.mark.parametrize("text, name", [
    ("I, Ana Beltrán, certified translator, certify that the above is a true translation.", "Ana Beltrán"),
    ("I Thomas Becker hereby certify that I am fluent in German and English.", "Thomas Becker"),
    ("I, the undersigned, Maria Rossi, certify that this translation is accurate.", "Maria Rossi"),
    ("Je soussigné, Jean-Pierre Roy, traducteur agréé, certifie que...", "Jean-Pierre Roy"),
    ("Translator: Wei Zhang\nMember no. 1234", "Wei Zhang"),
    ("Translated by Maria Rossi, certified translator.", "Maria Rossi"),
])
def test_translator_name(text, name):
    assert values(text)["translator_name"] == name


@pytest.mark.parametrize("text, file", [
    ('Translation of the document "Geburtsurkunde Müller.pdf" from German into English.', "Geburtsurkunde Müller.pdf"),
    ("Attached: passport_scan.JPG (original).", "passport_scan.JPG"),
    ("Traduction du document « acte-naissance.docx ».", "acte-naissance.docx"),
    ("A true translation of the attached birth certificate.", None),
])
def test_translated_file(text, file):
    assert values(text)["translated_file"] == file


@pytest.mark.parametrize("text, sworn", [
    ("SWORN BEFORE ME at the City of Toronto on June 12, 2025. A Commissioner for Taking Oaths", True),
    ("Declared before me at Vancouver, British Columbia, this 3rd day of May 2025.", True),
    ("Déclaré solennellement devant moi à Montréal, commissaire à l'assermentation.", True),
    ("I certify that I am competent to translate from Spanish into English.", False),
    # A notary named in the translated content is not the translator's oath.
    ("Deed executed before Notary Public Juan Pérez. I certify this translation is accurate.", False),
])
def test_affidavit(text, sworn):
    assert values(text)["has_affidavit"] is sworn


@pytest.mark.parametrize("text, language", [
    ("competent to translate from Spanish into English", "es"),
    ("translated from the Punjabi language into the English language", "pa"),
    ("une traduction fidèle de l'arabe vers le français", "ar"),
    ("translated from Sinhala into English", "si"),
    ("translated from Klingon into English", "klingon"),
])
def test_source_language(text, language):
    assert values(text)["source_language"] == language


def test_source_language_unstated():
    assert "source_language" not in values("I, Ana Beltrán, certify that this translation is accurate.")
