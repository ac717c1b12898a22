import os

import pytest

from validator import intake


@pytest.mark.parametrize("head, fmt", [
    (b"", "empty"),
    (b"%PDF-1.7\n...", "pdf"),
    (b"\xef\xbb\xbf  %PDF-1.4", "pdf"),  # junk before the header is tolerated, as readers do
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "doc"),
    (b"\xff\xd8\xff\xe0JFIF", "image"),
    (b"\x89PNG\r\n\x1a\nrest", "image"),
    (b"II*\x00rest", "image"),
    (b"GIF89a", "other"),
    (b"plain words", "other"),
])
def test_sniff_by_content(head, fmt):
    assert intake.sniff(head)[0] == fmt


def test_zip_packages_are_told_apart(tmp_path):
    import zipfile
    for name, member, fmt in [("a.docx", "word/document.xml", "docx"), ("b.xlsx", "xl/workbook.xml", "other"),
                              ("c.zip", "notes.txt", "other")]:
        with zipfile.ZipFile(tmp_path / name, "w") as zf:
            zf.writestr(member, "<x/>")
        assert intake.take_in(tmp_path / name, tmp_path).format == fmt


def test_walk_skips_hidden_config_and_reports_and_sorts(tmp_path):
    for name in ["b.pdf", "a/c.pdf", ".hidden.pdf", ".git/x.pdf", "case.toml", "prcheck.toml",
                 "pyproject.toml", "prcheck-suppressions.toml", "prcheck-report.json", "A.pdf"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-")
    rels = [p.relative_to(tmp_path).as_posix() for p in intake.walk(tmp_path)]
    assert rels == ["A.pdf", "a/c.pdf", "b.pdf"]


def test_walk_does_not_follow_links_out_of_the_folder_or_loop(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-")
    case = tmp_path / "case"
    case.mkdir()
    (case / "in.pdf").write_bytes(b"%PDF-")
    os.symlink(outside, case / "link-out")
    os.symlink(outside / "secret.pdf", case / "secret-link.pdf")
    os.symlink(case, case / "loop")
    rels = [p.relative_to(case).as_posix() for p in intake.walk(case)]
    assert rels == ["in.pdf"]


def test_excluded_output_file_is_not_a_document(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-")
    (tmp_path / "report.json").write_text("{}")
    assert [p.name for p in intake.walk(tmp_path, frozenset({(tmp_path / "report.json").resolve()}))] == ["a.pdf"]


def test_take_in_hashes_and_never_raises_on_unreadable_files(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(b"%PDF-1.4 x")
    entry = intake.take_in(path, tmp_path)
    assert entry.rel == "locked.pdf" and len(entry.sha256) == 64 and entry.size == 10
    if os.geteuid() != 0:  # root reads everything
        path.chmod(0)
        assert intake.take_in(path, tmp_path).format == "unreadable"
