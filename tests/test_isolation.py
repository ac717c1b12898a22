"""Worker processes: timeouts and memory caps become FIL009, order is kept, the parent survives."""
import os
import re
import time
from pathlib import Path

from validator.intake import FileEntry
from validator.isolation import Limits, read_isolated
from validator.model import Document


def entry(name: str) -> FileEntry:
    return FileEntry(Path("/case") / name, name, 10, "0" * 64, "pdf")


def misbehaving_reader(e: FileEntry) -> Document:
    if e.rel == "slow.pdf":
        time.sleep(30)
    elif e.rel == "hungry.pdf":
        hoard = bytearray(2_000 * 1024 * 1024)  # over the cap
        hoard[0] = 1
    elif e.rel == "crash.pdf":
        os._exit(11)  # a C library dying under us
    return Document(path=e.path, rel=e.rel, sha256=e.sha256, size=e.size, format=e.format, kind="passport")


def ocr_reader(e: FileEntry) -> Document:
    """Each page takes 0.4 s of 'OCR': a document of N pages takes 0.4 N seconds."""
    from validator.read import ocr

    for _ in range(int(e.rel.split("-")[0])):
        if ocr.on_page:
            ocr.on_page()
        time.sleep(0.4)
    return Document(path=e.path, rel=e.rel, sha256=e.sha256, size=e.size, format=e.format, kind="passport")


def test_each_page_read_by_ocr_adds_to_the_time_a_document_may_take():
    # 1 s for the document and 1 s a page: 5 pages of 0.4 s each fit, where 1 s alone would not.
    limits = Limits(timeout_s=1, ocr_page_s=1)
    docs = read_isolated([entry("5-pages.pdf"), entry("0-pages.pdf")], ocr_reader, jobs=2, limits=limits)
    assert [d.problems for d in docs] == [(), ()]
    docs = read_isolated([entry("5-pages.pdf")], ocr_reader, jobs=1, limits=Limits(timeout_s=1, ocr_page_s=0))
    assert [p.code for p in docs[0].problems] == ["FIL009"]
    assert re.search(r"longer than 1 s plus 0 s a page for its \d pages? read by OCR", docs[0].problems[0].message)


def test_bad_documents_cost_themselves_only_and_order_is_kept():
    names = ["a.pdf", "slow.pdf", "b.pdf", "hungry.pdf", "crash.pdf", "c.pdf"]
    started = time.monotonic()
    docs = read_isolated([entry(n) for n in names], misbehaving_reader, jobs=2, limits=Limits(timeout_s=1.5, memory_mb=512))
    assert time.monotonic() - started < 10
    assert [d.rel for d in docs] == names
    codes = {d.rel: [p.code for p in d.problems] for d in docs}
    assert codes == {"a.pdf": [], "b.pdf": [], "c.pdf": [], "slow.pdf": ["FIL009"],
                     "hungry.pdf": ["FIL009"], "crash.pdf": ["FIL009"]}
    assert "longer than 1.5 s" in docs[1].problems[0].message
    assert "512 MB" in docs[3].problems[0].message
    assert all(d.kind == "passport" for d in docs if not d.problems)


def test_one_job_gives_the_same_result_as_many():
    names = [f"{i}.pdf" for i in range(7)]
    one = read_isolated([entry(n) for n in names], misbehaving_reader, jobs=1, limits=Limits())
    many = read_isolated([entry(n) for n in names], misbehaving_reader, jobs=3, limits=Limits())
    assert one == many
