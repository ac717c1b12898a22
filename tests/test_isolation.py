"""Worker processes: timeouts and memory caps become FIL009, order is kept, the parent survives."""
import os
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
