"""The command line end to end, as a paralegal or a firm's script runs it."""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "cases"
SCHEMA = json.loads((ROOT / "validator" / "report" / "report.schema.json").read_text())


def prcheck(*args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "validator", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    assert "Traceback" not in proc.stderr + proc.stdout
    return proc


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        st = p.lstat()
        h.update(f"{p.relative_to(folder)}:{st.st_mode}:{st.st_mtime_ns}".encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def audit_json(folder, *args):
    proc = prcheck("audit", folder, "--format", "json", "--no-cache", *args)
    report = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    return proc.returncode, report


def test_help_and_version():
    assert prcheck("--help").returncode == 0
    assert "prcheck" in prcheck("--version").stdout


@pytest.mark.parametrize("args", [["--help"], ["rules"], ["audit", "--help"]])
def test_start_up_imports_no_heavy_library(args):
    """Heavy readers and parsers load when a document needs them, not for help or the rule list."""
    script = ("import sys; from validator.cli import cli\n"
              f"try: cli.main({args!r})\n"
              "except SystemExit: pass\n"
              "print('imported:', *sorted(m for m in ('spacy', 'dateparser', 'pdfplumber', 'pypdfium2', 'lxml',"
              " 'PIL', 'numpy') if m in sys.modules), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "imported:"


def test_sample_case_report_validates_and_exits_1_on_errors():
    before = tree_digest(CASES / "sample")
    code, report = audit_json(CASES / "sample")
    assert code == 1 and report["summary"]["errors"] > 0
    assert report["case"]["case_file"] == "case.toml" and report["case"]["program"] == "FSW"
    assert {d["kind"] for d in report["documents"]} >= {"employment_letter", "police_certificate", "language_test"}
    assert tree_digest(CASES / "sample") == before


def test_broken_folder_reports_bad_files_and_still_audits_the_good_ones():
    code, report = audit_json(CASES / "broken")
    by_file = {(f["code"], f["file"]) for f in report["findings"]}
    assert {("FIL001", "work/corrupt.pdf"), ("FIL002", "work/encrypted.pdf"), ("FIL001", "work/empty.pdf")} <= by_file
    good = [d for d in report["documents"] if d["kind"] == "employment_letter"]
    assert len(good) == 2 and all(d["fields"]["job_title"]["value"] for d in good)
    assert code == 1


def test_select_and_ignore_by_prefix():
    _, report = audit_json(CASES / "broken", "--select", "FIL")
    assert report["findings"] and all(f["code"].startswith("FIL") for f in report["findings"])
    _, report = audit_json(CASES / "broken", "--ignore", "FIL,CAS")
    assert not any(f["code"].startswith(("FIL", "CAS")) for f in report["findings"])


def test_fail_on_sets_the_exit_code():
    assert prcheck("audit", CASES / "broken", "--fail-on", "never", "--no-cache").returncode == 0
    assert prcheck("audit", CASES / "clean", "--fail-on", "error", "--no-cache").returncode == 0
    code, report = audit_json(CASES / "clean", "--fail-on", "info")
    assert code == (1 if report["findings"] else 0)


def test_configuration_file_changes_selection_severity_and_policy(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    for pdf in (CASES / "broken" / "work").glob("*.pdf"):
        (case / pdf.name).write_bytes(pdf.read_bytes())
    (tmp_path / "prcheck.toml").write_text('ignore = ["CAS"]\nseverity = {FIL002 = "warning"}\n'
                                           '[policy]\nportal_max_file_mb = 0.001\n')
    _, report = audit_json(case)
    codes = {f["code"]: f["severity"] for f in report["findings"]}
    assert "CAS001" not in codes and codes["FIL002"] == "warning" and codes["FIL005"] == "warning"


def test_bad_case_file_is_a_one_line_exit_2(tmp_path):
    (tmp_path / "case.toml").write_text('# an invalid program on purpose\n[case]\nprogram = "XYZ"\nas_of = 2025-08-01\n')
    proc = prcheck("audit", tmp_path)
    assert proc.returncode == 2
    message = proc.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "case.toml:" in message and "case.program" in message and "XYZ" in message


@pytest.mark.parametrize("args, fragment", [
    (("audit", "/no/such/folder"), "no such folder"),
    (("audit", ".", "--as-of", "2025-13-01"), "not a date"),
    (("audit", ".", "--select", "not a code"), "not a check code"),
    (("explain", "XYZ999"), "unknown check code"),
    (("extract", "/no/such/file.pdf"), "no such file"),
])
def test_usage_errors_exit_2_without_traceback(args, fragment):
    proc = prcheck(*args)
    assert proc.returncode == 2 and fragment in proc.stderr


def test_output_file_and_text_report(tmp_path):
    out = tmp_path / "report.txt"
    proc = prcheck("audit", CASES / "sample", "--output", out, "--no-cache")
    assert proc.stdout == "" and proc.returncode == 1
    text = out.read_text()
    assert "work/sierra-embedded.docx" in text and "EMP003" in text and "\x1b[" not in text
    assert text.rstrip().splitlines()[-1].startswith("9 documents:")


def test_no_case_file_reports_cas001(tmp_path):
    (tmp_path / "letter.pdf").write_bytes((ROOT / "fixtures" / "letters" / "acme-robotics-2019.pdf").read_bytes())
    code, report = audit_json(tmp_path)
    assert report["case"]["case_file"] is None and report["case"]["program"] is None
    assert [f["code"] for f in report["findings"]] == ["CAS001"] and code == 0


def test_extract_shows_fields_with_page_and_evidence():
    proc = prcheck("extract", ROOT / "fixtures" / "letters" / "acme-robotics-2019.pdf", "--format", "json")
    data = json.loads(proc.stdout)
    assert data["kind"] == "employment_letter"
    assert data["fields"]["job_title"] == {"value": "Software Engineer", "page": 1,
                                           "evidence": "Position Software Engineer"}
    text = prcheck("extract", ROOT / "fixtures" / "letters" / "acme-robotics-2019.pdf").stdout
    assert "employment_letter" in text and "hours_per_week: 40.0 [p.1]" in text


def test_rules_and_explain():
    rules = prcheck("rules").stdout
    assert all(code in rules for code in ["FIL001", "FIL009", "CAS001", "EMP001", "EMP011"])
    explained = prcheck("explain", "emp009").stdout
    assert "insufficient-experience" in explained and "Source: https://www.canada.ca/" in explained


def test_cache_commands_and_warm_audit(tmp_path):
    env_home = tmp_path / "home"
    env = {**os.environ, "XDG_CACHE_HOME": str(env_home)}
    run = lambda *a: subprocess.run([sys.executable, "-m", "validator", *map(str, a)], capture_output=True,  # noqa: E731
                                    text=True, env=env, timeout=120)
    cold = run("audit", CASES / "clean", "--format", "json")
    info = run("cache", "info").stdout
    assert "documents.sqlite3" in info and " 0 documents" not in info
    warm = run("audit", CASES / "clean", "--format", "json")
    without_history = lambda out: {k: v for k, v in json.loads(out).items() if k != "history"}  # noqa: E731
    assert without_history(warm.stdout) == without_history(cold.stdout)
    assert (env_home / "prcheck" / "documents.sqlite3").stat().st_mode & 0o777 == 0o600
    assert "deleted" in run("cache", "clear").stdout


def test_parallel_reading_gives_the_serial_report():
    """Documents come back from the worker processes in any order; the report is the same."""
    serial = audit_json(ROOT / "fixtures" / "letters", "--jobs", "1")
    parallel = audit_json(ROOT / "fixtures" / "letters", "--jobs", "3")
    assert serial == parallel and len(serial[1]["documents"]) > 30


def test_no_cache_writes_nothing(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    subprocess.run([sys.executable, "-m", "validator", "audit", str(CASES / "clean"), "--no-cache"],
                   capture_output=True, env=env, timeout=120)
    assert not (tmp_path / "cache").exists() and not (tmp_path / "data").exists()
