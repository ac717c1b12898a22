"""The JSON report, schema ``prcheck.report/1`` (SPEC §3; the schema ships beside this file)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .. import __version__
from ..model import Document, Field, Money, Report, Severity

SCHEMA_ID = "prcheck.report/1"


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Money):
        return value.to_json()
    if isinstance(value, Field):
        return field_json(value)
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    return value


def field_json(f: Field) -> dict:
    out = {"value": _value(f.value), "page": f.page, "evidence": f.evidence}
    if f.confidence < 1:
        out["confidence"] = round(f.confidence, 2)
    if f.precision:
        out["precision"] = f.precision
    return out


def document_json(doc: Document) -> dict:
    return {
        "file": doc.rel, "kind": doc.kind, "pages": len(doc.pages) if doc.pages else None,
        "language": doc.language, "ocr": doc.ocr, "sha256": doc.sha256,
        "fields": {name: field_json(f) for name, f in doc.fields.items()},
    }


def report_dict(report: Report) -> dict:
    out = {
        "schema": SCHEMA_ID,
        "tool": {"name": "prcheck", "version": __version__},
        "case": {"folder": report.folder, "case_file": report.case_file,
                 "as_of": report.as_of.isoformat(), "program": report.program},
        "documents": [document_json(d) for d in report.documents],
        "findings": [f.to_json() for f in report.findings],
        "checklist": [{"item": c.item, "status": c.status, "files": list(c.files)} for c in report.checklist],
        "summary": {"documents": len(report.documents), "errors": report.count(Severity.ERROR),
                    "warnings": report.count(Severity.WARNING), "info": report.count(Severity.INFO)},
    }
    # Optional top-level keys (the schema allows extra ones): present only when there is something
    # to say, so a report without history or suppressions is unchanged.
    if report.suppressed:
        out["suppressed"] = [s.to_json() for s in report.suppressed]
    if report.suppression_notes:
        out["suppression_notes"] = [n.to_json() for n in report.suppression_notes]
    if report.history is not None:
        out["history"] = report.history.to_json()
    return out


def render(report: Report) -> str:
    """The report, indented by two spaces, in UTF-8 text (not \\u escapes).

    orjson writes the same text as ``json.dumps(indent=2, ensure_ascii=False)`` about twenty times
    faster (a few MB for a large case); the standard library takes what orjson refuses (an
    integer over 64 bits, a lone surrogate).
    """
    import orjson

    data = report_dict(report)
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()
    except orjson.JSONEncodeError:
        return standard_render(data)


def standard_render(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
