"""`prcheck init`: the drafted case.toml loads, validates and holds what the documents show."""
import datetime as dt
import shutil
from pathlib import Path

from validator.case import load_case
from validator.init import render_case_file, render_case_toml
from validator.intake import take_in
from validator.model import Document, Field, Page
from validator.runner import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def loaded(tmp_path: Path, text: str):
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    return load_case(path)


def test_a_family_folder_with_letters(tmp_path):
    folder = tmp_path / "sharma"
    shutil.copytree(FIXTURES / "cases" / "family-complete", folder, ignore=shutil.ignore_patterns("case.toml"))
    (folder / "work").mkdir()
    for name in ("acme-robotics-2019.pdf", "polaris-fintech.docx"):
        shutil.copy(FIXTURES / "letters" / name, folder / "work" / name)

    text = render_case_file(folder)
    case = loaded(tmp_path, text)

    assert case.warnings == ()
    assert (case.applicant.name, case.applicant.date_of_birth) == ("Priya Anika Sharma", dt.date(1990, 4, 12))
    assert case.applicant.marital_status == "married"
    assert [(m.relation, m.name, m.date_of_birth) for m in case.family] == [
        ("spouse", "Rohan Sharma", dt.date(1988, 9, 23)),
        ("child", "Diya Sharma", dt.date(2018, 5, 5)),
        ("child", "Aarav Sharma", dt.date(2021, 3, 14)),
    ]
    assert [(w.employer, w.title, w.start, w.end, w.hours_per_week) for w in case.work] == [
        ("Acme Robotics Inc.", "Software Engineer", dt.date(2019, 3, 4), None, 40.0),
        ("Polaris Fintech Corp.", "Financial Analyst", dt.date(2018, 5, 7), dt.date(2020, 12, 31), 40.0),
        ("Polaris Fintech Corp.", "Senior Financial Analyst", dt.date(2021, 1, 1), None, 40.0),
    ]
    assert case.program is None and case.as_of is None  # placeholders, not guesses
    assert 'name = "Priya Anika Sharma"  # from passport-in-sharma-priya.pdf' in text
    assert "date_of_birth = 1988-09-23  # from passport-in-sharma-rohan.pdf" in text
    assert 'employer = "Acme Robotics Inc."  # from work/acme-robotics-2019.pdf' in text
    assert "# program = " in text and "# accompanying = true" in text


def test_the_applicant_is_the_passport_holder_the_other_documents_name(tmp_path):
    # Both spouses' passports; the bank letter is Priya's, so she is the applicant.
    folder = tmp_path / "case"
    folder.mkdir()
    for name in ("passport-in-sharma-rohan.pdf", "passport-in-sharma-priya.pdf", "funds-td-cad.pdf"):
        shutil.copy(FIXTURES / "family" / name, folder / name)
    assert loaded(tmp_path, render_case_file(folder)).applicant.name == "Priya Anika Sharma"


def read(folder: Path, name: str):
    return read_document(take_in(folder / name, folder))


def test_a_translated_childs_name_comes_from_the_translation(tmp_path):
    family = FIXTURES / "family"
    documents = [read(family, "birth-volkov-ru.pdf"), read(family, "birth-volkov-ru-translation.pdf"),
                 doc("passport.pdf", "passport", holder_name="Alexander Volkov", date_of_birth=dt.date(1987, 7, 30))]
    text = render_case_toml(documents, "volkov")
    case = loaded(tmp_path, text)
    assert [(m.relation, m.name, m.date_of_birth) for m in case.family] == [
        ("child", "Dmitri Aleksandrovich Volkov", dt.date(2020, 10, 1))]
    assert ('name = "Dmitri Aleksandrovich Volkov"  # from birth-volkov-ru.pdf; read from its translation '
            'birth-volkov-ru-translation.pdf') in text
    assert "date_of_birth = 2020-10-01  # from birth-volkov-ru.pdf; day and month order guessed" in text


def doc(rel, kind, **fields):
    return Document(path=Path("/case") / rel, rel=rel, sha256=rel, size=1, format="pdf", pages=(Page(1, "x"),),
                    kind=kind, fields={k: Field(v, page=1) for k, v in fields.items()})


def test_police_certificates_and_tests_become_commented_hints(tmp_path):
    documents = [
        doc("police/fbi.pdf", "police_certificate", country="United States", region=None,
            subject_name="Priya Sharma", subject_date_of_birth=dt.date(1990, 4, 12)),
        doc("police/ca-doj.pdf", "police_certificate", country="United States", region="California"),
        doc("language/ielts.pdf", "language_test", test="IELTS General Training", test_date=dt.date(2024, 3, 15),
            candidate_name="Priya Sharma"),
        doc("education/wes.pdf", "eca_report", holder_name="Priya Sharma"),
    ]
    text = render_case_toml(documents, "case")
    case = loaded(tmp_path, text)
    assert case.residence == () and case.applicant.name == "Priya Sharma"
    assert case.applicant.date_of_birth == dt.date(1990, 4, 12) and case.applicant.foreign_education is True
    assert ('# [[residence]]\n# a police certificate for United States is in police/fbi.pdf\n'
            '# country = "United States"\n# region = "State"') in text
    assert '# region = "California"' in text
    uncommented = text.replace("# [[residence]]", "[[residence]]").replace("# country", "country") \
        .replace("# region", "region").replace("# from = YYYY-MM-DD", "from = 2016-09-01")
    assert len(loaded(tmp_path, uncommented).residence) == 2  # once filled in, the entries load
    assert "# Language test: IELTS General Training taken on 2024-03-15 (from language/ielts.pdf)" in text


def test_an_empty_folder_gives_a_file_of_placeholders(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    case = loaded(tmp_path, render_case_file(folder))
    assert case.applicant.name is None and case.family == () and case.work == ()


def test_awkward_file_names_stay_inside_comments(tmp_path):
    documents = [doc('bank "x"\n[case].pdf', "proof_of_funds", holder_name='Ana "Quinn" Silva\\')]
    case = loaded(tmp_path, render_case_toml(documents, "odd\nname"))
    assert case.applicant.name == 'Ana "Quinn" Silva\\'
