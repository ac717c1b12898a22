"""Case folders as file systems make them: links out and in loops, unreadable entries, files that
vanish or change during the audit, names that are not UTF-8 or very long, nothing, and thousands."""
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from fixtures.gen.hostile import one_page_pdf, pdf_stream
from validator import intake, runner
from validator.cache import DocumentCache
from validator.config import Config
from validator.runner import audit

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT / "fixtures" / "letters"
LETTER = LETTERS / "cascade-biotech.pdf"
OTHER_LETTER = LETTERS / "maple-ridge-health.pdf"
AS_OF = dt.date(2025, 8, 1)


def _modes_are_enforced() -> bool:
    """False for root with its usual capabilities (CI): it reads a mode-000 file anyway."""
    with tempfile.NamedTemporaryFile() as probe:
        os.chmod(probe.name, 0)
        try:
            open(probe.name, "rb").close()
            return False
        except PermissionError:
            return True


needs_permissions = pytest.mark.skipif(not _modes_are_enforced(), reason="this user reads files whatever their mode")


def audit_folder(folder: Path, **options):
    return audit(folder, None, Config(), AS_OF, jobs=2, **options).report


def findings_on(report, file: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in report.findings if f.file == file]


def prcheck_json(folder: Path, *args: str, timeout: float = 120) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "validator", "audit", str(folder), "--format", "json",
                           "--no-cache", "--as-of", AS_OF.isoformat(), *args],
                          capture_output=True, timeout=timeout, env={**os.environ, "NO_COLOR": "1"})
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    return proc.returncode, json.loads(proc.stdout)  # json.loads rejects bytes that are not UTF-8


# --- links -----------------------------------------------------------------------------------

def test_links_out_of_the_folder_and_link_loops_are_never_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(OTHER_LETTER, outside / "secret.pdf")
    case = tmp_path / "case"
    (case / "work").mkdir(parents=True)
    shutil.copy(LETTER, case / "work" / "letter.pdf")
    os.symlink(outside, case / "out-dir")
    os.symlink(outside / "secret.pdf", case / "out-file.pdf")
    os.symlink(case, case / "work" / "back-to-case")  # a loop through the case folder itself
    os.symlink("self.pdf", case / "self.pdf")  # a link to itself: ELOOP when followed
    os.symlink("b-link", case / "a-link")  # two links naming each other
    os.symlink("a-link", case / "b-link")
    os.symlink(case / "nowhere.pdf", case / "dangling.pdf")

    code, report = prcheck_json(case, timeout=60)
    assert [d["file"] for d in report["documents"]] == ["work/letter.pdf"]
    assert "secret" not in json.dumps(report) and code == 0


def test_a_linked_sub_folder_is_read_once_under_its_own_path(tmp_path):
    (tmp_path / "work").mkdir()
    shutil.copy(LETTER, tmp_path / "work" / "letter.pdf")
    os.symlink(tmp_path / "work", tmp_path / "a-shortcut")  # sorts before "work"
    assert [d.rel for d in audit_folder(tmp_path).documents] == ["work/letter.pdf"]


# --- unreadable entries ----------------------------------------------------------------------

@needs_permissions
def test_an_unreadable_file_is_fil001(tmp_path):
    shutil.copy(LETTER, tmp_path / "letter.pdf")
    (tmp_path / "locked.pdf").write_bytes(OTHER_LETTER.read_bytes())
    (tmp_path / "locked.pdf").chmod(0)
    report = audit_folder(tmp_path)
    assert findings_on(report, "locked.pdf") == [
        ("FIL001", "The file cannot be read: cannot be opened (Permission denied).")]
    assert findings_on(report, "letter.pdf") == []


def test_a_file_that_cannot_be_opened_is_fil001(tmp_path, monkeypatch):
    """As root (CI), modes do not stop reads: the refusal is simulated where intake opens files."""
    shutil.copy(LETTER, tmp_path / "letter.pdf")
    shutil.copy(OTHER_LETTER, tmp_path / "locked.pdf")

    def refusing_open(path, *args, **kwargs):
        if Path(path).name == "locked.pdf":
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(intake, "open", refusing_open, raising=False)  # intake's name for the builtin
    report = audit_folder(tmp_path)
    assert findings_on(report, "locked.pdf") == [
        ("FIL001", "The file cannot be read: cannot be opened (Permission denied).")]
    assert [d.kind for d in report.documents] == ["employment_letter", "unknown"]


def unlistable(monkeypatch, name: str) -> None:
    """Make os.scandir refuse folders called ``name``, as it does for a mode-000 folder."""
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(os.fsdecode(path)).name == name:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_sub_folder_is_reported_not_lost(tmp_path, monkeypatch):
    (tmp_path / "private").mkdir()
    shutil.copy(OTHER_LETTER, tmp_path / "private" / "letter.pdf")
    shutil.copy(LETTER, tmp_path / "letter.pdf")
    unlistable(monkeypatch, "private")
    report = audit_folder(tmp_path)
    assert findings_on(report, "private") == [
        ("FIL001", ("The file cannot be read: it is a folder prcheck cannot open (Permission denied), "
                    "so none of its files were checked."))]
    assert [d.rel for d in report.documents] == ["letter.pdf", "private"]


@needs_permissions
def test_a_mode_000_sub_folder_is_reported_not_lost(tmp_path):
    (tmp_path / "private").mkdir()
    shutil.copy(OTHER_LETTER, tmp_path / "private" / "letter.pdf")
    (tmp_path / "private").chmod(0)
    try:
        report = audit_folder(tmp_path)
    finally:
        (tmp_path / "private").chmod(0o755)  # so pytest can clean up
    assert [code for code, _ in findings_on(report, "private")] == ["FIL001"]


# --- files that vanish or change during the audit ---------------------------------------------

def test_a_file_that_vanishes_after_the_walk_is_fil001(tmp_path, monkeypatch):
    shutil.copy(LETTER, tmp_path / "letter.pdf")
    shutil.copy(OTHER_LETTER, tmp_path / "gone.pdf")
    real_walk = intake.walk

    def walk_then_delete(folder, exclude=frozenset()):
        paths = real_walk(folder, exclude)
        (tmp_path / "gone.pdf").unlink()
        return paths

    monkeypatch.setattr(intake, "walk", walk_then_delete)
    report = audit_folder(tmp_path)
    assert findings_on(report, "gone.pdf") == [
        ("FIL001", "The file cannot be read: it disappeared before prcheck could read it.")]
    assert findings_on(report, "letter.pdf") == []


def tamper_before_reading(monkeypatch, tamper) -> None:
    """Call ``tamper()`` after intake hashed the files and before the workers read them."""
    real_read_isolated = runner.read_isolated

    def read_isolated(*args, **kwargs):
        tamper()
        return real_read_isolated(*args, **kwargs)

    monkeypatch.setattr(runner, "read_isolated", read_isolated)


def test_a_file_deleted_before_its_reading_is_fil001(tmp_path, monkeypatch):
    shutil.copy(LETTER, tmp_path / "letter.pdf")
    shutil.copy(OTHER_LETTER, tmp_path / "gone.pdf")
    tamper_before_reading(monkeypatch, (tmp_path / "gone.pdf").unlink)
    report = audit_folder(tmp_path)
    assert findings_on(report, "gone.pdf") == [
        ("FIL001", "The file disappeared while prcheck was reading the folder; audit the folder again.")]
    assert findings_on(report, "letter.pdf") == []


def test_a_file_replaced_before_its_reading_is_fil001_and_not_cached(tmp_path, monkeypatch):
    case = tmp_path / "case"
    case.mkdir()
    shutil.copy(LETTER, case / "letter.pdf")
    cache_path = tmp_path / "cache.sqlite3"
    tamper_before_reading(monkeypatch, lambda: shutil.copy(OTHER_LETTER, case / "letter.pdf"))
    report = audit_folder(case, cache_path=cache_path)
    assert findings_on(report, "letter.pdf") == [
        ("FIL001", "The file changed while prcheck was reading it; audit the folder again.")]
    # The other letter's fields were read: they must not be cached under the first letter's hash.
    original = hashlib.sha256(LETTER.read_bytes()).hexdigest()
    cache = DocumentCache(cache_path)
    try:
        assert cache.get(original, case / "letter.pdf", "letter.pdf") is None
    finally:
        cache.close()


def test_a_file_still_being_written_while_hashed_is_fil001(tmp_path, monkeypatch):
    growing = tmp_path / "download.pdf"
    growing.write_bytes(LETTER.read_bytes())
    real_sha256 = hashlib.sha256

    class AppendingDigest:
        """Hashes as sha256 does; meanwhile the download goes on (the file grows)."""

        def __init__(self):
            self.digest = real_sha256()

        def update(self, data):
            self.digest.update(data)
            with open(growing, "ab") as fh:
                fh.write(b"%% more bytes arriving\n")

        def hexdigest(self):
            return self.digest.hexdigest()

    monkeypatch.setattr(intake.hashlib, "sha256", AppendingDigest)
    entry = intake.take_in(growing, tmp_path)
    assert entry.format == "unreadable"
    assert entry.detail == "it changed while prcheck was reading it (still being copied or saved?)"


# --- names -----------------------------------------------------------------------------------

def test_file_names_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    try:
        os.mkdir(os.path.join(folder, b"pi\xe8ces"))  # Latin-1 "pièces", as old archives unpack
        shutil.copy(LETTER, os.path.join(folder, b"pi\xe8ces", b"caf\xe9-letter.pdf"))
    except OSError:
        pytest.skip("this file system accepts only UTF-8 names")
    shutil.copy(OTHER_LETTER, tmp_path / "ordinary.pdf")
    code, report = prcheck_json(tmp_path)
    assert code == 0
    by_file = {d["file"]: d for d in report["documents"]}
    assert set(by_file) == {"ordinary.pdf", "pi\\xe8ces/caf\\xe9-letter.pdf"}
    assert all(d["kind"] == "employment_letter" for d in by_file.values())
    out = tmp_path.parent / f"{tmp_path.name}-report.json"  # a report file, encoded by prcheck itself
    proc = subprocess.run([sys.executable, "-m", "validator", "audit", str(tmp_path), "--no-cache", "--format",
                           "json", "--output", str(out)], capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert json.loads(out.read_bytes())["documents"] == report["documents"]


@pytest.mark.parametrize("stem", ["a" * 246, "é" * 123], ids=["ascii", "two-byte"])
def test_names_of_250_bytes_and_deep_folders(tmp_path, stem):
    deep = tmp_path.joinpath(*[f"level-{n:02d}" for n in range(30)])
    deep.mkdir(parents=True)
    name = f"{stem}.pdf"
    assert len(os.fsencode(name)) == 250
    shutil.copy(LETTER, deep / name)
    (doc,) = audit_folder(tmp_path).documents
    assert doc.rel == (deep / name).relative_to(tmp_path).as_posix() and doc.kind == "employment_letter"


# --- nothing, and thousands ------------------------------------------------------------------

def test_an_empty_folder_is_a_report_of_no_documents(tmp_path):
    code, report = prcheck_json(tmp_path)
    assert code == 0
    assert report["documents"] == [] and report["summary"]["documents"] == 0
    assert all(f["file"] is None for f in report["findings"])


def test_a_folder_of_2000_small_files(tmp_path):
    """Half one-page PDFs (each read by a worker), half notes (refused before any worker)."""
    for n in range(1000):
        folder = tmp_path / f"batch-{n // 100:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"receipt-{n:04d}.pdf").write_bytes(one_page_pdf(contents=pdf_stream(
            b"BT /F1 12 Tf 72 720 Td (Receipt %d: the office received a payment for the translation of two "
            b"certificates.) Tj ET" % n)))  # enough words to be text: a sparser page would go to OCR
        (folder / f"note-{n:04d}.txt").write_text(f"Note {n}: call the client back.\n")
    started = time.monotonic()
    code, report = prcheck_json(tmp_path, "--jobs", "2", timeout=300)
    elapsed = time.monotonic() - started
    assert report["summary"]["documents"] == 2000 and code == 0
    codes = sorted({f["code"] for f in report["findings"] if f["file"]})
    assert codes == ["FIL004", "FIL006"]  # notes are not accepted; receipts are of no known kind
    assert elapsed < 60, f"{elapsed:.0f} s for 2,000 small files"
