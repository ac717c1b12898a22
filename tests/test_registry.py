import re
import types
from pathlib import Path

from validator.model import ERROR, WARNING
from validator.registry import Check, check, checks_in, load_checks, select_checks

SPEC = Path(__file__).resolve().parents[2] / "shared" / "SPEC.md"


@check(code="XYZ001", name="example", severity=WARNING, source="https://example.org", kinds={"passport"})
def example(doc, ctx):
    """One line summary.

    Longer explanation."""
    yield from ()


def test_decorator_builds_a_check_with_its_metadata():
    assert isinstance(example, Check)
    assert example.summary == "One line summary." and "Longer explanation." in example.doc
    assert example.kinds == frozenset({"passport"}) and example.needs == ()


def test_a_plugin_module_offers_its_checks():
    module = types.ModuleType("plugin")
    module.example = example
    module.other = 3
    assert [c.code for c in checks_in(module, "plugin")] == ["XYZ001"]
    assert next(checks_in(module, "plugin")).origin == "plugin"


def test_built_in_checks_load_through_entry_points_with_complete_metadata():
    checks, problems = load_checks()
    assert problems == []
    codes = {c.code for c in checks}
    assert {"FIL001", "FIL007", "CAS001", "EMP001", "EMP011"} <= codes
    catalogue = dict(re.findall(r"^\| ([A-Z]{3}\d{3}) \| ([a-z0-9-]+) \|", SPEC.read_text(), re.M)) \
        if SPEC.exists() else {}
    for c in checks:
        assert c.doc and c.source.startswith("https://") and c.fix, c.code
        if catalogue:
            assert catalogue.get(c.code) == c.name, f"{c.code} is named {c.name} in code"


def test_selection_by_prefix():
    a = Check("EMP001", "a", ERROR, "s", lambda d, c: ())
    b = Check("EMP008", "b", ERROR, "s", lambda d, c: ())
    f = Check("FIL001", "f", ERROR, "s", lambda d, c: ())
    assert select_checks([a, b, f], select=["EMP"], ignore=["EMP008"]) == [a]
    assert select_checks([a, b, f], ignore=["FIL"]) == [a, b]
