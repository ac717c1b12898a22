"""Configuration: which checks run, at what severity, and the policy knobs.

Found as ``prcheck.toml`` or ``[tool.prcheck]`` in ``pyproject.toml``, in the case folder or
any parent (the nearest wins, ``prcheck.toml`` before ``pyproject.toml`` in one folder), so a
firm sets its house policy once at the top of its case tree. ``--config PATH`` overrides.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .model import Severity

FAIL_ON = ("error", "warning", "info", "never")
CODE_PREFIX = re.compile(r"^[A-Z]{1,3}\d{0,3}$")


class ConfigError(Exception):
    """An invalid configuration file; the message names the file and key."""


@dataclass(frozen=True)
class Policy:
    us_state_certificates: str = "recommended"  # required | recommended | off
    police_lookback_years: int = 10
    portal_max_file_mb: float = 4.0
    language_expiry_warning_days: int = 60
    document_timeout_s: float = 60.0  # wall-clock time to read one document
    ocr_page_timeout_s: float = 30.0  # more time for each of its pages that needs OCR (2-5 s is usual)
    document_memory_mb: int = 640  # address space of one reading process (OCR of a page peaks near 300 MB)
    max_pages: int = 500  # an application document is never this long; 3,000 pages is hostile


POLICY_CHOICES = {"us_state_certificates": ("required", "recommended", "off")}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    severity: dict[str, Severity] = field(default_factory=dict)
    policy: Policy = Policy()
    path: Path | None = None
    warnings: tuple[str, ...] = ()

    def with_cli(self, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 fail_on: str | None = None) -> Config:
        """Command-line options: --select replaces the file's selection, --ignore adds to it."""
        return replace(self, select=select or self.select, ignore=self.ignore + ignore,
                       fail_on=fail_on or self.fail_on)


def find_config(folder: Path) -> Path | None:
    for directory in [folder, *folder.parents]:
        own = directory / "prcheck.toml"
        if own.is_file():
            return own
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _prcheck_table(pyproject) is not None:
            return pyproject
    return None


def _prcheck_table(pyproject: Path) -> dict | None:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # someone else's broken pyproject is not our configuration
    table = data.get("tool", {}).get("prcheck")
    return table if isinstance(table, dict) else None


def split_codes(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        items = [v.strip() for v in value.split(",")]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = [v.strip() for v in value]
    else:
        raise ConfigError(f"{where}: expected a list of check codes or prefixes")
    items = [i.upper() for i in items if i]
    bad = [i for i in items if not CODE_PREFIX.match(i)]
    if bad:
        raise ConfigError(f"{where}: '{bad[0]}' is not a check code or prefix (e.g. EMP003 or FIL)")
    return tuple(items)


def load_config(path: Path | None) -> Config:
    """Read and validate a configuration file; no file gives the defaults."""
    if path is None:
        return Config()
    try:
        if path.name == "pyproject.toml":
            table = _prcheck_table(path) or {}
        else:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return _parse_table(table, path)


def _parse_table(table: dict, path: Path) -> Config:
    warnings: list[str] = []
    known = {"select", "ignore", "fail-on", "severity", "policy"}
    for key in table:
        if key not in known:
            warnings.append(f"{path}: unknown key '{key}' ignored")
    select = split_codes(table["select"], f"{path}: select") if "select" in table else ()
    ignore = split_codes(table["ignore"], f"{path}: ignore") if "ignore" in table else ()
    fail_on = table.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{path}: fail-on: '{fail_on}' is not one of {', '.join(FAIL_ON)}")
    severity: dict[str, Severity] = {}
    overrides = table.get("severity", {})
    if not isinstance(overrides, dict):
        raise ConfigError(f"{path}: severity: expected a table such as {{EMP006 = \"error\"}}")
    for code, level in overrides.items():
        if not re.fullmatch(r"[A-Z]{3}\d{3}", str(code)):
            raise ConfigError(f"{path}: severity.{code}: not a check code")
        try:
            severity[code] = Severity(level)
        except ValueError:
            raise ConfigError(f"{path}: severity.{code}: '{level}' is not error, warning or info") from None
    policy = _parse_policy(table.get("policy", {}), path, warnings)
    return Config(select=select, ignore=ignore, fail_on=fail_on, severity=severity,
                  policy=policy, path=path, warnings=tuple(warnings))


def _parse_policy(table: Any, path: Path, warnings: list[str]) -> Policy:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: policy: expected a table")
    defaults = Policy()
    values: dict[str, Any] = {}
    by_name = {f.name: f for f in fields(Policy)}
    for key, value in table.items():
        if key not in by_name:
            warnings.append(f"{path}: unknown key 'policy.{key}' ignored")
            continue
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(f"{path}: policy.{key}: expected {expected.__name__}, got {value!r}")
        if key in POLICY_CHOICES and value not in POLICY_CHOICES[key]:
            raise ConfigError(f"{path}: policy.{key}: '{value}' is not one of "
                              f"{', '.join(POLICY_CHOICES[key])}")
        if isinstance(value, (int, float)) and value < 0:
            raise ConfigError(f"{path}: policy.{key}: must not be negative")
        values[key] = value
    return replace(defaults, **values)
