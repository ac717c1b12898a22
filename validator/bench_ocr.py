"""How long OCR takes per page on this machine: ``python -m validator.bench_ocr [FILE|FOLDER ...]``.

Reads each scan (default: fixtures/scans/ under the current directory) in this process, as a
worker would, and reports wall-clock and CPU seconds (tesseract's included) per OCR'd page.
Each file is read ``--rounds`` times and the median kept, since other work on the machine
shows up in wall-clock time.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

from .intake import take_in
from .read import ReadOptions, ocr, read_pages

SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def scan_files(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SCAN_SUFFIXES) if path.is_dir() else [path]
        files += [p for p in found if "sources" not in p.parts]  # the text originals of fixtures/scans
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m validator.bench_ocr", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("fixtures/scans")])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if (reason := ocr.unavailable_reason(ReadOptions().ocr_languages)) is not None:
        print(f"OCR is not available: {reason}", file=sys.stderr)
        return 2
    print(f"tesseract {ocr.engine().version}, languages {ocr.installed_languages(ReadOptions().ocr_languages)}")
    per_page_wall, per_page_cpu = [], []
    for path in scan_files(args.paths):
        fmt = take_in(path, path.parent).format
        walls, cpus, pages = [], [], 0
        for _ in range(args.rounds):
            started_wall, started_cpu = time.perf_counter(), cpu_seconds()
            pages = sum(p.ocr for p in read_pages(path, fmt, ReadOptions()))
            walls.append(time.perf_counter() - started_wall)
            cpus.append(cpu_seconds() - started_cpu)
        if not pages:
            print(f"{path.name}: no page needed OCR")
            continue
        wall, cpu = statistics.median(walls) / pages, statistics.median(cpus) / pages
        per_page_wall.append(wall)
        per_page_cpu.append(cpu)
        print(f"{path.name}: {pages} page{'s' if pages > 1 else ''}, {wall:.2f} s/page wall, {cpu:.2f} s/page CPU")
    if per_page_wall:
        print(f"median over {len(per_page_wall)} files: {statistics.median(per_page_wall):.2f} s/page wall, "
              f"{statistics.median(per_page_cpu):.2f} s/page CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
