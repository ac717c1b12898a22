"""Hostile input (fixtures/hostile/, made by fixtures/gen/hostile.py): each file ends as its FIL
finding within the limits, alone and among good documents, and the whole audit of such a folder
stays under 2 minutes and 1 GB of memory across all of prcheck's processes."""
import datetime as dt
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import PeakMemory
from fixtures.gen import hostile
from fixtures.gen.bad import letter_bytes
from validator import intake
from validator.config import Config, Policy
from validator.intake import FileEntry
from validator.isolation import Limits, read_isolated
from validator.model import Document
from validator.runner import audit

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "fixtures" / "hostile"
LETTERS = ROOT / "fixtures" / "letters"
EXPECTED = json.loads((HOSTILE / "expected.json").read_text())
# The Flate bomb's worker must be stopped well inside the 1 GB budget of the whole audit (the
# default cap, 1.5 GB, is for one document on a real machine); 30 s is ample for every file here.
POLICY = Policy(document_memory_mb=512, document_timeout_s=30)
GB = 1 << 30


def audit_folder(folder: Path, **options):
    return audit(folder, None, Config(policy=POLICY), dt.date(2025, 8, 1), jobs=2, **options).report


def codes_by_file(report) -> dict[str, list[str]]:
    """Every finding's code per file (findings about the case as a whole left out)."""
    out: dict[str, list[str]] = {d.rel: [] for d in report.documents}
    for finding in report.findings:
        if finding.file is not None:
            out[finding.file].append(finding.code)
    return {file: sorted(codes) for file, codes in out.items()}


@pytest.fixture(scope="module")
def large_files(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    folder = tmp_path_factory.mktemp("large")
    return folder, hostile.write_large_files(folder)


def test_the_committed_corpus_is_what_the_generator_makes():
    made = hostile.small_files()
    assert EXPECTED == {name: codes for name, (_, codes) in made.items()}
    stale = [name for name, (data, _) in made.items() if (HOSTILE / name).read_bytes() != data]
    assert not stale, f"run fixtures/build.py: {stale}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_alone_gets_exactly_its_findings(name, tmp_path):
    shutil.copy(HOSTILE / name, tmp_path / name)
    started = time.monotonic()
    report = audit_folder(tmp_path)
    assert codes_by_file(report) == {name: EXPECTED[name]}
    assert time.monotonic() - started < POLICY.document_timeout_s


def test_each_large_file_alone_gets_exactly_its_findings(large_files, tmp_path):
    folder, expected = large_files
    for name, codes in expected.items():
        case = tmp_path / name.replace(".", "-")
        case.mkdir()
        os.link(folder / name, case / name)  # a hard link: the 210 MB sparse file stays sparse
        assert codes_by_file(audit_folder(case)) == {name: codes}


def test_readable_hostile_files_are_read_in_full(tmp_path):
    """Liars, an owner password, a rebuilt xref, unresolved entities: the letter's fields are all there."""
    readable = [name for name, codes in EXPECTED.items() if not codes]
    for name in readable:
        shutil.copy(HOSTILE / name, tmp_path / name)
    docs = audit_folder(tmp_path).documents
    assert [d.rel for d in docs] == sorted(readable)
    for doc in docs:
        assert doc.kind == "employment_letter", doc.rel
        assert {"employer", "job_title", "start_date", "hours_per_week", "salary"} <= set(doc.fields), doc.rel


def test_a_png_bomb_is_refused_at_open_even_without_ocr(tmp_path):
    """Pillow reads the size from the header and refuses 400 million pixels before decoding any:
    FIL009, not FIL003, whether or not OCR would have run."""
    shutil.copy(HOSTILE / "png-bomb.png", tmp_path)
    report = audit_folder(tmp_path, ocr=False)
    (finding,) = [f for f in report.findings if f.file == "png-bomb.png"]
    assert finding.code == "FIL009" and "400000000 pixels" in finding.message


@pytest.mark.parametrize(("member", "fmt"), [("word/document.xml", "docx"), ("notes/read-me.txt", "other")])
def test_a_package_of_many_members_is_told_apart_without_listing_it(tmp_path, member, fmt):
    """Over intake.MAX_ZIP_ENTRIES members the parent searches the zip's directory for the part
    names instead of building an object per member (a DOCX of that many parts is then FIL009)."""
    members = [(member, b"<x/>")] + [(f"filler/{n:05d}", b"") for n in range(intake.MAX_ZIP_ENTRIES + 1)]
    (tmp_path / "package.docx").write_bytes(hostile.stored_zip(members))
    assert intake.take_in(tmp_path / "package.docx", tmp_path).format == fmt


def test_external_entities_are_never_resolved(tmp_path):
    """No file read, no connection: a listening socket sees libxml2's own network code too,
    which a Python-level guard would not."""
    secret = tmp_path / "secret.txt"
    secret.write_text("PRCHECK-CANARY-7F3A")
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        case = tmp_path / "case"
        case.mkdir()
        (case / "letter.docx").write_bytes(hostile.xxe_docx(
            letter_bytes("polaris-fintech.docx"), secret.as_uri(), f"http://127.0.0.1:{server.getsockname()[1]}"))
        report = audit_folder(case)
        with pytest.raises(BlockingIOError):
            server.accept()
    (doc,) = report.documents
    assert doc.kind == "employment_letter" and not doc.problems
    assert "CANARY" not in doc.text and "CANARY" not in repr(report)


# Readers for the worker pool are module-level: when a thread is running (one another test left),
# the pool starts its workers from a fork server, and the reader travels to them by name.

def reports_core_limit(entry: FileEntry) -> Document:
    return Document(path=entry.path, rel=entry.rel, sha256=entry.sha256, size=entry.size, format=entry.format,
                    kind=str(resource.getrlimit(resource.RLIMIT_CORE)))


def fails_on_odd(entry: FileEntry) -> Document:
    if entry.rel == "odd.pdf":
        raise ValueError("unexpected structure")
    return Document(path=entry.path, rel=entry.rel, sha256=entry.sha256, size=entry.size, format=entry.format,
                    kind="passport")


def test_a_reader_that_dies_leaves_no_core_dump():
    """A worker killed by its memory cap would otherwise dump the document's decoded data to disk."""
    entry = FileEntry(Path("/case/a.pdf"), "a.pdf", 1, "0" * 64, "pdf")
    (doc,) = read_isolated([entry], reports_core_limit, jobs=1, limits=Limits())
    assert doc.kind == "(0, 0)"


def test_a_reader_that_raises_costs_that_file_only_and_says_so():
    """An exception no reader expected (found by fuzzing, say): FIL001 for the file, the error kept
    as prcheck's own (shown on stderr, never cached), the worker alive for the next file."""
    entries = [FileEntry(Path("/case") / name, name, 1, "0" * 64, "pdf") for name in ("odd.pdf", "fine.pdf")]
    odd, fine = read_isolated(entries, fails_on_odd, jobs=1, limits=Limits())
    assert [(p.code, p.message) for p in odd.problems] == [
        ("FIL001", "The file cannot be read: prcheck's reader failed on it.")]
    assert odd.errors == ("reading failed: ValueError: unexpected structure",)
    assert fine.kind == "passport" and not fine.problems


def test_a_hostile_folder_with_good_documents_within_two_minutes_and_1_gb(large_files, tmp_path):
    folder, large = large_files
    case = tmp_path / "case"
    shutil.copytree(HOSTILE, case, ignore=shutil.ignore_patterns("expected.json"))
    for name in large:
        os.link(folder / name, case / name)
    for name in hostile.GOOD_LETTERS:
        shutil.copy(LETTERS / name, case / name)
    config = tmp_path / "prcheck.toml"  # outside the case folder: nothing of ours in it
    config.write_text(f"[policy]\ndocument_memory_mb = {POLICY.document_memory_mb}\n"
                      f"document_timeout_s = {POLICY.document_timeout_s}\n")

    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "validator", "audit", str(case), "--format", "json", "--no-cache",
                             "--config", str(config), "--as-of", "2025-08-01", "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                            env={**os.environ, "NO_COLOR": "1"})
    memory = PeakMemory(proc.pid)
    stdout, stderr = proc.communicate(timeout=180)
    elapsed, peak = time.monotonic() - started, memory.stop()
    print(f"hostile folder: {elapsed:.1f} s, peak memory {peak / 2**20:.0f} MB")  # shown with pytest -s

    assert proc.returncode == 1 and "Traceback" not in stderr
    assert elapsed < 120 and peak < GB
    report = json.loads(stdout)
    expected = {**EXPECTED, **large, **{name: [] for name in hostile.GOOD_LETTERS}}
    assert report["summary"]["documents"] == len(expected)
    got = {name: [] for name in expected}
    for finding in report["findings"]:
        if finding["file"] is not None:
            got[finding["file"]].append(finding["code"])
    assert {name: sorted(codes) for name, codes in got.items()} == expected
    good = [d for d in report["documents"] if d["file"] in hostile.GOOD_LETTERS]
    for doc in good:
        assert doc["kind"] == "employment_letter", doc["file"]
        assert {"employer", "job_title", "start_date", "hours_per_week", "salary", "duties",
                "signatory_name"} <= set(doc["fields"]), doc["file"]
