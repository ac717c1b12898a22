"""FIL008: the SPEC §2 pairing rule, bilingual documents, and the translation-* case folders."""
import datetime as dt
import json
from pathlib import Path

import pytest

from validator.case import load_case
from validator.config import Config
from validator.model import Document, Field, Page, Problem
from validator.registry import Context, load_checks
from validator.runner import audit, run_checks

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
EXPECTED = {folder: spec for folder, spec in json.loads((CASES / "eca-expected.json").read_text("utf-8")).items()
            if folder.startswith("translation-")}
FIL008 = next(c for c in load_checks()[0] if c.code == "FIL008")

SPANISH = ("En la ciudad de Guadalajara, Jalisco, el suscrito Oficial del Registro Civil certifica que los datos "
           "asentados en la presente son copia fiel del acta original que obra en los archivos de esta oficina.")
ENGLISH = ("In the city of Guadalajara, Jalisco, the undersigned Civil Registry Officer certifies that the data "
           "recorded herein are a true copy of the original record kept in the archives of this office.")


def document(rel, language="es", kind="unknown", text=SPANISH, translated_file=None, problems=()) -> Document:
    fields = {"translated_file": Field(translated_file)} if kind == "translation" else {}
    return Document(path=Path(rel), rel=rel, sha256="0" * 64, size=1, format="pdf", kind=kind,
                    pages=(Page(1, text),), language=language, fields=fields, problems=problems)


def translation(rel, text=ENGLISH, translated_file=None, language="en") -> Document:
    return document(rel, language, "translation", text, translated_file)


def flagged(*documents) -> list[str]:
    ctx = Context(documents=documents, case=None, policy=Config().policy, as_of=dt.date(2025, 8, 1))
    found, notices = run_checks([FIL008], ctx, Config())
    assert notices == []
    return sorted(f.file for f in found)


def test_fires_without_a_translation():
    ctx = Context(documents=(document("civil/acta.pdf"),), case=None, policy=Config().policy,
                  as_of=dt.date(2025, 8, 1))
    (f,) = run_checks([FIL008], ctx, Config())[0]
    assert f.file == "civil/acta.pdf" and "es" in f.message and "translation" in f.hint


@pytest.mark.parametrize("name", ["acta-translation.pdf", "acta.en.pdf", "ACTA-Traduction.docx", "acta (1).pdf"])
def test_translation_named_after_the_stem(name):
    assert flagged(document("civil/acta.pdf"), translation(f"civil/{name}")) == []


def test_translation_naming_the_original_in_its_text():
    text = ENGLISH + "\nTranslation of the attached document ACTA.PDF from Spanish."
    assert flagged(document("civil/acta.pdf"), translation("civil/certified.pdf", text)) == []


def test_translation_naming_the_original_in_its_field():
    assert flagged(document("civil/acta.pdf"), translation("civil/certified.pdf", translated_file="acta.pdf")) == []


def test_translation_naming_another_file_does_not_count():
    text = ENGLISH + "\nTranslation of my-acta.pdf and acta.pdf.bak"
    assert flagged(document("civil/acta.pdf"), translation("civil/certified.pdf", text)) == ["civil/acta.pdf"]


def test_translation_in_another_folder_does_not_count():
    assert flagged(document("civil/acta.pdf"), translation("translations/acta-translation.pdf")) == ["civil/acta.pdf"]
    assert flagged(document("acta.pdf"), translation("civil/acta-translation.pdf")) == ["acta.pdf"]


def test_an_english_document_that_is_not_a_translation_does_not_count():
    english = document("civil/acta-english.pdf", "en", "birth_certificate", ENGLISH)
    assert flagged(document("civil/acta.pdf"), english) == ["civil/acta.pdf"]


def test_one_translation_serves_each_original_it_names():
    text = ENGLISH + "\nOriginals: acta.pdf, antecedentes.pdf"
    originals = [document("civil/acta.pdf"), document("civil/antecedentes.pdf"), document("civil/otro.pdf")]
    assert flagged(*originals, translation("civil/certified.pdf", text)) == ["civil/otro.pdf"]


@pytest.mark.parametrize("doc", [
    document("letter.pdf", "en", text=ENGLISH),
    document("lettre.pdf", "fr", text="Nous certifions que les renseignements suivants sont exacts."),
    document("stamp.pdf", None, text="Sello"),
    translation("acta-es.pdf", SPANISH + "\n" + ENGLISH, language="es"),  # a translation is never asked for one
    document("broken.pdf", problems=(Problem("FIL001", "The file cannot be read."),)),
])
def test_never_flagged(doc):
    assert flagged(doc) == []


def test_a_bilingual_document_needs_no_translation():
    text = "ACTA DE NACIMIENTO / BIRTH CERTIFICATE\n" + SPANISH + "\n" + ENGLISH
    assert flagged(document("civil/acta.pdf", text=text)) == []


def test_english_headings_do_not_make_a_document_bilingual():
    text = "BIRTH CERTIFICATE\n" + SPANISH + "\n" + SPANISH.replace("Guadalajara", "Zapopan")
    assert flagged(document("civil/acta.pdf", text=text)) == ["civil/acta.pdf"]


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_case_folder(folder):
    path = CASES / folder
    case = load_case(path / "case.toml")
    found = audit(path, case, Config(), case.as_of, jobs=1).report.findings
    codes = {f.code for f in found} | {f"{f.code}:{f.file}" for f in found}
    spec = EXPECTED[folder]
    assert set(spec["must"]) <= codes
    assert not set(spec["must_not"]) & codes
