"""Fuzz the PDF and DOCX readers with damaged copies of the letter fixtures.

    python tests/fuzz_readers.py --mutants 5000 --seed 7 [--jobs 2] [--ocr] [--keep DIR]

Each mutant is a letter from fixtures/letters/ with seeded damage: bytes flipped, the file cut
short, a chunk duplicated or deleted, or, for a DOCX, the same done to the XML inside the
package (so that the damage reaches python-docx and lxml rather than stopping at the zip
checksum). Every mutant is read by ``validator.runner.read_document`` in the isolated worker
pool, as an audit reads documents, and must come back as a Document: a kind (with its fields)
or a FIL code. A Python exception escaping the reader, an extractor failure
(``Document.errors``) or a worker that crashed is a bug: it is printed with the mutation that
made it, and ``--keep DIR`` saves the failing mutants. The same seed gives the same mutants.

OCR is off unless ``--ocr``: the readers are the target, and tesseract would spend seconds on
each mutated page. tests/test_fuzz.py runs 100 mutants of this on every test run.
"""
from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from validator import intake  # noqa: E402
from validator.isolation import Limits, read_isolated  # noqa: E402
from validator.model import Document  # noqa: E402
from validator.read import ReadOptions  # noqa: E402
from validator.runner import read_document  # noqa: E402

LETTERS = ROOT / "fixtures" / "letters"
SOURCES = sorted(LETTERS.glob("*.pdf")) + sorted(LETTERS.glob("*.docx"))
LIMITS = Limits(timeout_s=20, memory_mb=768)
ESCAPED = "escaped the reader: "
CRASHED = "crashed"  # as in the FIL009 message of a worker that died


@dataclass(frozen=True)
class Mutant:
    name: str
    source: str
    mutation: str
    data: bytes


def _damage(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One kind of damage, chosen by ``rng``, and what it was."""
    if not data:
        return data, "empty"
    kind = rng.choice(("flip", "truncate", "duplicate", "delete"))
    if kind == "flip":
        out = bytearray(data)
        spots = sorted(rng.sample(range(len(data)), min(len(data), rng.randint(1, 20))))
        for at in spots:
            out[at] ^= 1 << rng.randrange(8)
        return bytes(out), f"flip bits at {spots[:5]}{'...' if len(spots) > 5 else ''}"
    if kind == "truncate":
        at = rng.randrange(len(data))
        return data[:at], f"truncate at {at} of {len(data)}"
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 4096))
    if kind == "duplicate":
        into = rng.randrange(len(data))
        return data[:into] + data[start:end] + data[into:], f"duplicate {start}:{end} at {into}"
    return data[:start] + data[end:], f"delete {start}:{end}"


def _damage_inside(docx: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Damage one XML part of a DOCX and package it again (valid zip, damaged document)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        parts = [n for n in src.namelist() if n.endswith((".xml", ".rels"))]
        target = "word/document.xml" if rng.random() < 0.7 else rng.choice(parts)
        for name in src.namelist():
            data = src.read(name)
            if name == target:
                data, what = _damage(data, rng)
            dst.writestr(name, data)
    return out.getvalue(), f"{target}: {what}"


def mutants(count: int, seed: int) -> Iterator[Mutant]:
    rng = random.Random(seed)
    for n in range(count):
        source = rng.choice(SOURCES)
        data = source.read_bytes()
        if source.suffix == ".docx" and rng.random() < 0.5:
            data, mutation = _damage_inside(data, rng)
        else:
            data, mutation = _damage(data, rng)
        yield Mutant(f"mutant-{n:05d}{source.suffix}", source.name, mutation, data)


def guarded_read(entry: intake.FileEntry, options: ReadOptions) -> Document:
    """read_document, with an exception that escapes it turned into a visible failure (a worker
    would otherwise die of it and its document come back as an unexplained FIL009)."""
    try:
        return read_document(entry, options)
    except Exception as exc:  # any escape is what the fuzzing looks for
        doc = Document(path=entry.path, rel=entry.rel, sha256=entry.sha256, size=entry.size, format=entry.format)
        return replace(doc, errors=(f"{ESCAPED}{type(exc).__name__}: {exc}",))


def outcome(doc: Document) -> str:
    """A FIL code, 'FIL006' for text of no known kind, or the kind read."""
    codes = sorted({p.code for p in doc.problems} - {"FIL003"})  # FIL003 comes with text or a code
    if codes:
        return "+".join(codes)
    if doc.kind == "unknown":
        return "FIL006" if doc.text.strip() else "FIL003"
    return doc.kind


def failure(doc: Document) -> str | None:
    """Why this reading is a bug, or None."""
    if not isinstance(doc, Document):
        return f"not a Document: {doc!r}"
    if doc.errors:
        return "; ".join(doc.errors)
    crashed = [p.message for p in doc.problems if p.code == "FIL009" and CRASHED in p.message]
    return crashed[0] if crashed else None


def fuzz(count: int, seed: int, folder: Path, *, jobs: int = 2, ocr: bool = False,
         limits: Limits = LIMITS) -> list[tuple[Mutant, Document]]:
    """Write ``count`` mutants into ``folder`` and read them all in the worker pool."""
    made = list(mutants(count, seed))
    for mutant in made:
        (folder / mutant.name).write_bytes(mutant.data)
    entries = [intake.take_in(folder / m.name, folder) for m in made]
    docs = read_isolated(entries, partial(guarded_read, options=ReadOptions(ocr=ocr)), jobs, limits)
    return list(zip(made, docs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--ocr", action="store_true", help="OCR pages left without text (slow)")
    parser.add_argument("--keep", type=Path, help="save failing mutants in this folder")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        results = fuzz(args.mutants, args.seed, Path(tmp), jobs=args.jobs, ocr=args.ocr)
    elapsed = time.monotonic() - started
    print(f"{len(results)} mutants (seed {args.seed}) in {elapsed:.0f} s")
    for label, n in Counter(outcome(doc) for _, doc in results).most_common():
        print(f"  {n:6}  {label}")
    failures = [(m, why) for m, doc in results if (why := failure(doc))]
    for mutant, why in failures:
        print(f"FAIL {mutant.name} ({mutant.source}, {mutant.mutation}): {why}")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / mutant.name).write_bytes(mutant.data)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
