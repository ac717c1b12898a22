"""Benchmark: `python tests/bench.py [--documents 200] [--cases 50]` (needs the test extras).

Builds a folder of distinct text documents (PDF and DOCX, 1-4 pages) and measures, in one run:
prcheck's audit wall time cold (empty cache) and warm (cache filled), a baseline that only
extracts the raw text of the same files with pypdfium2 and python-docx in one process, their
ratio, documents per second, peak memory of the audit (all its processes), `prcheck --help`
start-up time, and `prcheck batch` over many case folders with --jobs 1 and 2.
Every timing is a whole command, as a user runs it (interpreter start-up included).
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PRCHECK = [sys.executable, "-m", "validator"]
BASELINE = """
import sys, pathlib, pypdfium2, docx
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if path.suffix == ".pdf":
        pdf = pypdfium2.PdfDocument(str(path))
        for page in pdf:
            textpage = page.get_textpage(); textpage.get_text_range(); textpage.close(); page.close()
        pdf.close()
    elif path.suffix == ".docx":
        d = docx.Document(str(path))
        for section in d.sections:
            [p.text for p in section.header.paragraphs]; [p.text for p in section.footer.paragraphs]
        for block in d.iter_inner_content():
            getattr(block, "text", None) or [c.text for r in getattr(block, "rows", []) for c in r.cells]
"""

FIRST = ["Priya", "Daniel", "Amara", "Luis", "Mei", "Olivia", "Arjun", "Fatima", "Noah", "Chloé"]
LAST = ["Sharma", "Kowalski", "Okafor", "Garcia", "Chen", "Martin", "Iyer", "Haddad", "Tremblay", "Roy"]
TITLES = ["Software Engineer", "Data Analyst", "Registered Nurse", "Accountant", "Civil Engineer", "Chef"]
DUTIES = ["Design and review technical work for the team", "Prepare weekly reports for management",
          "Train new staff on procedures and tools", "Coordinate schedules with other departments",
          "Maintain records in the company's systems", "Answer client questions by phone and email",
          "Plan budgets and monitor spending", "Inspect work for quality and safety"]


def letter_lines(i: int, rng: random.Random, pages: int) -> list[list[str]]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    title = rng.choice(TITLES)
    start = f"{rng.choice(['January', 'March', 'June', 'September'])} {rng.randint(1, 28)}, {rng.randint(2012, 2022)}"
    first = [f"Company {i} Inc.", f"{100 + i} King Street West, Toronto, ON M5H 1A1",
             f"Tel: 416-555-{i % 10000:04d} | Email: hr{i}@company{i}.example", "", "June 2, 2025", "",
             "To whom it may concern,", "",
             f"This letter confirms that {name} has been employed by Company {i} Inc. as {title} "
             f"from {start} to present.", f"{name.split()[0]} works {rng.choice([35, 37.5, 40])} hours per week "
             f"and earns CAD {rng.randint(50, 120)},{rng.randint(100, 999)} per year.", "", "Main duties:"]
    first += [f"- {d}" for d in rng.sample(DUTIES, 4)]
    body = [first]
    for p in range(1, pages):
        body.append([f"Annex {p}: project history of {name}"] +
                    [f"{rng.choice(DUTIES)} ({2015 + k})." for k in range(30)])
    body[-1] += ["", "Sincerely,", "", f"{rng.choice(FIRST)} {rng.choice(LAST)}", "Human Resources Manager"]
    return body


def build_folder(folder: Path, count: int, seed: int = 7) -> None:
    from docx import Document
    from fpdf import FPDF

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        pages = letter_lines(i, rng, pages=1 + i % 4)
        if i % 2 == 0:
            pdf = FPDF()
            pdf.set_font("Helvetica", size=10)
            for page in pages:
                pdf.add_page()
                for line in page:
                    pdf.multi_cell(0, 5, line.replace("é", "e"), new_x="LMARGIN", new_y="NEXT")
            pdf.output(str(folder / f"letter-{i:03d}.pdf"))
        else:
            doc = Document()
            for n, page in enumerate(pages):
                if n:
                    doc.add_page_break()
                for line in page:
                    doc.add_paragraph(line)
            doc.save(str(folder / f"letter-{i:03d}.docx"))


class PeakMemory:
    """Samples the resident memory of a process and all its descendants (Linux /proc)."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        pids = [pid]
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    for child in fh.read().split():
                        pids += self._tree(int(child))
        except OSError:
            pass
        return pids

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree(self.pid)))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd: list[str], env: dict, memory: bool = False) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    sampler = PeakMemory(proc.pid) if memory else None
    proc.wait()
    elapsed = time.perf_counter() - started
    return elapsed, sampler.stop() if sampler else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--cases", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache"), "XDG_DATA_HOME": str(tmp / "data"), "NO_COLOR": "1"}
        folder = tmp / "case"
        build_folder(folder, args.documents)
        baseline, _ = timed([sys.executable, "-c", BASELINE, str(folder)], env)
        audit = [*PRCHECK, "audit", str(folder), "--format", "json"]
        cold, peak = timed(audit, env, memory=True)
        warm, _ = timed(audit, env)
        helps = [timed([*PRCHECK, "--help"], env)[0] for _ in range(5)]
        root = tmp / "firm"
        for c in range(args.cases):
            build_folder(root / f"case-{c:02d}", 6, seed=100 + c)
        batch = {}
        for jobs in (1, 2):
            batch[jobs], _ = timed([*PRCHECK, "batch", str(root), "--no-cache", "--jobs", str(jobs),
                                    "--output-dir", str(tmp / f"reports-{jobs}")], env)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{platform.platform()}")
    print(f"documents: {args.documents} (PDF and DOCX, 1-4 pages)")
    print(f"baseline raw text extraction (pypdfium2 + python-docx, one process): {baseline:.2f} s")
    print(f"audit cold: {cold:.2f} s  ({cold / baseline:.2f} x baseline, {args.documents / cold:.0f} documents/s)")
    print(f"audit warm: {warm:.2f} s  ({warm / cold:.2f} x cold)")
    print(f"peak memory of the cold audit (all processes): {peak / 1e6:.0f} MB")
    print(f"prcheck --help: {statistics.median(helps):.3f} s (median of 5)")
    print(f"batch of {args.cases} case folders: --jobs 1 {batch[1]:.2f} s, --jobs 2 {batch[2]:.2f} s "
          f"(speed-up {batch[1] / batch[2]:.2f} x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
