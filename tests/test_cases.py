"""Every fixture case folder, audited end to end, reports what its expected.json says it must."""
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from validator.case import load_case
from validator.config import Config
from validator.report.json import report_dict
from validator.runner import audit

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "cases"
SCHEMA = json.loads((ROOT / "validator" / "report" / "report.schema.json").read_text())
EXPECTATIONS = {folder: spec for path in sorted(CASES.glob("*expected.json"))
                for folder, spec in json.loads(path.read_text(encoding="utf-8")).items()
                if spec.get("exit_code") != 2}


def reported(folder: str) -> set[str]:
    path = CASES / folder
    case = load_case(path / "case.toml") if (path / "case.toml").exists() else None
    as_of = case.as_of if case and case.as_of else dt.date(2025, 8, 1)
    report = audit(path, case, Config(), as_of, jobs=1).report
    jsonschema.validate(report_dict(report), SCHEMA)  # every fixture case's report fits the shipped schema
    return {f.code for f in report.findings} | {f"{f.code}:{f.file}" for f in report.findings}


@pytest.mark.parametrize("folder", sorted(EXPECTATIONS))
def test_case_folder(folder):
    spec = EXPECTATIONS[folder]
    codes = reported(folder)
    missing = [c for c in spec["must"] if c not in codes]
    unexpected = [c for c in spec["must_not"] if c in codes]
    assert not missing, f"not reported: {missing}"
    assert not unexpected, f"reported although it must not be: {unexpected}"
