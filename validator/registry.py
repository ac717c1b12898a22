"""Checks as objects, registered through the ``prcheck.checks`` entry-point group.

A check is a plain function with its metadata (after ruff and pylint): ``@check(...)`` turns
the function into a :class:`Check`. Document checks take ``(doc, ctx)`` and run on documents
of the kinds they name; case checks (``kinds=None``) take ``(ctx)`` and run once. Built-in
checks in ``checks/`` are registered in ``pyproject.toml`` exactly as a third-party package
would register its own, so a plugin never needs to touch prcheck.
"""
from __future__ import annotations

import inspect
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from .model import Document, Field, Finding, Severity

if TYPE_CHECKING:
    from .case import Case
    from .config import Policy

ENTRY_POINT_GROUP = "prcheck.checks"
EVERY_KIND = frozenset({"*"})  # document checks that look at every file, readable or not


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: Severity
    source: str
    func: Callable[..., Iterable[Finding]]
    kinds: frozenset[str] | None = None  # None: a case-level check
    fix: str | None = None  # default hint of its findings
    needs: tuple[str, ...] = ()  # declared facts without which the check cannot run (CAS001)
    origin: str = ""  # the entry point that registered it

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    def applies_to(self, doc: Document) -> bool:
        return self.kinds is not None and (self.kinds == EVERY_KIND or doc.kind in self.kinds)


def check(*, code: str, name: str, severity: Severity, source: str,
          kinds: Iterable[str] | str | None = None, fix: str | None = None,
          needs: Iterable[str] = ()) -> Callable[[Callable[..., Iterable[Finding]]], Check]:
    """Declare a check. ``kinds="*"`` runs it on every document, readable or not.

    ``needs`` names case-file facts as the file writes them (``"[[work]]"``, ``"applicant.name"``,
    ``"case file"``); when one is missing the check is skipped and CAS001 says which to declare.
    """
    kind_set = None if kinds is None else (EVERY_KIND if kinds == "*" else frozenset(kinds))

    def wrap(func: Callable[..., Iterable[Finding]]) -> Check:
        return Check(code=code, name=name, severity=severity, source=source, func=func,
                     kinds=kind_set, fix=fix, needs=tuple(needs))
    return wrap


@dataclass
class Context:
    """What a check may see. Checks never open files, read the clock or print."""

    documents: tuple[Document, ...]
    case: Case | None
    policy: Policy
    as_of: date
    check: Check | None = None
    severity: Severity = Severity.ERROR
    unmet: dict[str, list[str]] = field(default_factory=dict)  # missing fact -> codes skipped

    def finding(self, message: str, doc: Document | None = None, *, source: Field | None = None,
                page: int | None = None, evidence: str | None = None, hint: str | None = None,
                severity: Severity | None = None) -> Finding:
        """A finding of the running check; ``source`` supplies page and evidence."""
        assert self.check is not None
        if source is not None:
            page = source.page if page is None else page
            evidence = source.evidence if evidence is None else evidence
        return Finding(code=self.check.code, name=self.check.name,
                       severity=severity or self.severity, message=message,
                       file=doc.rel if doc is not None else None, page=page,
                       evidence=evidence, hint=hint if hint is not None else self.check.fix)

    @property
    def readable_documents(self) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if d.readable)

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind and d.readable]


class RegistryError(Exception):
    """A plugin could not be loaded or declares a code twice."""


def checks_in(obj: Any, origin: str = "") -> Iterator[Check]:
    """The checks a loaded entry point offers: a module's Check attributes, one Check, or a list."""
    if isinstance(obj, Check):
        items: Iterable[Any] = [obj]
    elif isinstance(obj, types.ModuleType):
        items = vars(obj).values()
    elif isinstance(obj, Iterable):
        items = obj
    else:
        items = []
    for item in items:
        if isinstance(item, Check):
            yield Check(**{**item.__dict__, "origin": origin})


def load_checks() -> tuple[list[Check], list[str]]:
    """Every registered check, sorted by code, and the problems met while loading plugins.

    A broken plugin is reported, never fatal: the built-in checks still run.
    """
    found: dict[str, Check] = {}
    problems: list[str] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            loaded = ep.load()
        except Exception as exc:  # a third-party plugin can fail in any way
            problems.append(f"plugin '{ep.name}' ({ep.value}) could not be loaded: {exc}")
            continue
        for chk in checks_in(loaded, origin=ep.name):
            if chk.code in found and found[chk.code].func is not chk.func:
                problems.append(f"plugin '{ep.name}' redefines {chk.code}; "
                                f"kept the one from '{found[chk.code].origin}'")
                continue
            found[chk.code] = chk
    return sorted(found.values(), key=lambda c: c.code), problems


def matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in prefixes)


def select_checks(checks: Iterable[Check], select: Iterable[str] = (),
                  ignore: Iterable[str] = ()) -> list[Check]:
    """Keep checks whose code starts with a selected prefix (all when none) and no ignored one."""
    select, ignore = tuple(select), tuple(ignore)
    return [c for c in checks
            if (not select or matches(c.code, select)) and not matches(c.code, ignore)]
