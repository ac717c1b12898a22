"""The SARIF 2.1.0 report, for code-scanning dashboards and review tools.

One run; ``tool.driver.rules`` holds the checks whose codes appear, with the IRCC page each
one is based on as ``helpUri``. Documents have pages, not lines, so a result's location is the
file alone (``physicalLocation`` only when there is a file: a case-level finding has none) and
the page, evidence and hint go into the result's ``properties``. Suppressed findings are
results with a SARIF ``suppressions`` entry, as the format intends.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Report, Severity
from ..registry import Check, load_checks

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
ROOT = "CASEROOT"  # the uriBaseId the relative file names resolve against


def render(report: Report, checks: Iterable[Check] | None = None) -> str:
    """``checks`` supplies the rules' metadata; by default the registered checks."""
    if checks is None:
        checks, _ = load_checks()  # a broken plugin only costs its rules' descriptions
    known = {c.code: c for c in checks}
    findings = [(f, None) for f in report.findings] + [(s.finding, s.by) for s in report.suppressed]
    codes = sorted({f.code for f, _ in findings})
    index = {code: i for i, code in enumerate(codes)}
    names = {f.code: f.name for f, _ in findings}
    results = []
    for finding, suppression in findings:
        result = _result(finding, index[finding.code])
        if suppression is not None:
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": suppression.reason}]
        results.append(result)
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "prcheck", "version": __version__,
                                "rules": [_rule(code, names[code], known.get(code)) for code in codes]}},
            "originalUriBaseIds": {ROOT: {"description": {"text": f"The case folder {report.folder}"}}},
            "properties": {"as_of": report.as_of.isoformat(), "program": report.program},
            "results": results,
        }],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _rule(code: str, name: str, check: Check | None) -> dict:
    rule: dict = {"id": code, "name": name, "shortDescription": {"text": check.summary if check else name}}
    if check is not None:
        rule["helpUri"] = check.source
        rule["defaultConfiguration"] = {"level": LEVELS[check.severity]}
        if check.fix:
            rule["help"] = {"text": check.fix}
    return rule


def _result(f: Finding, rule_index: int) -> dict:
    result: dict = {"ruleId": f.code, "ruleIndex": rule_index, "level": LEVELS[f.severity],
                    "message": {"text": f.message}}
    if f.file is not None:
        # A URI reference: spaces and '#' in file names must be percent-encoded.
        result["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": quote(f.file, safe="/"), "uriBaseId": ROOT}}}]
    properties = {"page": f.page, "evidence": f.evidence, "hint": f.hint}
    result["properties"] = {k: v for k, v in properties.items() if v is not None}
    return result
