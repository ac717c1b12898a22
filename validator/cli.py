"""The ``prcheck`` command line. Turns every expected failure into a one-line message and exit 2.

Heavy libraries (spaCy, dateparser, pdfplumber) are imported by the code that needs them,
so ``prcheck --help`` and ``prcheck rules`` start fast.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from . import __version__

FORMATS = ("text", "json")
FAIL_ON = ("error", "warning", "info", "never")


class UsageError(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"prcheck: {self.format_message()}", err=True)


def _codes(ctx, param, value: tuple[str, ...]) -> tuple[str, ...]:
    from .config import ConfigError, split_codes
    try:
        return tuple(c for v in value for c in split_codes(v, f"--{param.name}"))
    except ConfigError as exc:
        raise click.BadParameter(str(exc).split(": ", 1)[-1]) from None


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (write YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="prcheck")
def cli() -> None:
    """Audit the documents of a Canadian Express Entry application before submission."""


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--case", "case_path", type=click.Path(path_type=Path),
              help="Case file (default: FOLDER/case.toml when present).")
@click.option("--as-of", callback=_date, help="Judge validity at this date (YYYY-MM-DD); default: case.as_of, else today.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="Write the report to this file instead of stdout.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Configuration file (default: the nearest prcheck.toml or [tool.prcheck]).")
@click.option("--select", multiple=True, callback=_codes, help="Only these codes or prefixes (e.g. EMP,FIL001).")
@click.option("--ignore", multiple=True, callback=_codes, help="Skip these codes or prefixes.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this severity [default: error].")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Documents read in parallel [default: CPUs].")
@click.option("--no-cache", is_flag=True, help="Read every document afresh and write nothing but the report.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scans (prcheck has no OCR yet: scans get FIL003).")
@click.option("--quiet", is_flag=True, help="No warnings on stderr, only the report.")
def audit(folder: Path, case_path: Path | None, as_of: dt.date | None, fmt: str, output: Path | None,
          config_path: Path | None, select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
          jobs: int | None, no_cache: bool, no_ocr: bool, quiet: bool) -> None:
    """Audit one case folder and print the report."""
    from .runner import audit as run_audit, exit_code

    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    case = _load_case(folder, case_path, quiet)
    config = _load_config(folder, config_path, quiet).with_cli(select=select, ignore=ignore, fail_on=fail_on)
    as_of = as_of or (case.as_of if case and case.as_of else dt.date.today())
    from .cache import default_path
    result = run_audit(folder, case, config, as_of, exclude=[output] if output else [], jobs=jobs,
                       cache_path=None if no_cache else default_path())
    if not quiet:
        for notice in result.notices:
            click.echo(f"prcheck: warning: {notice}", err=True)
    _emit(_render(result.report, fmt, output), output)
    sys.exit(exit_code(result.report, config.fail_on))


def _load_case(folder: Path, case_path: Path | None, quiet: bool):
    from .case import CaseError, load_case

    path = case_path or (folder / "case.toml")
    if case_path is None and not path.is_file():
        return None
    if not path.is_file():
        raise UsageError(f"{path}: no such case file")
    try:
        case = load_case(path)
    except CaseError as exc:
        raise UsageError(str(exc) if case_path is None else f"{path.parent}/{exc}") from None
    if not quiet:
        for warning in case.warnings:
            click.echo(f"prcheck: warning: {warning}", err=True)
    return case


def _load_config(folder: Path, config_path: Path | None, quiet: bool):
    from .config import ConfigError, find_config, load_config

    if config_path is not None and not config_path.is_file():
        raise UsageError(f"{config_path}: no such configuration file")
    try:
        config = load_config(config_path or find_config(folder.resolve()))
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    if not quiet:
        for warning in config.warnings:
            click.echo(f"prcheck: warning: {warning}", err=True)
    return config


def _render(report, fmt: str, output: Path | None) -> str:
    if fmt == "json":
        from .report.json import render
        return render(report)
    from .report.text import render
    color = False if output or os.environ.get("NO_COLOR") else None
    return render(report, color=color)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the report ({exc.strerror or exc})") from None


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def extract(file: Path, fmt: str) -> None:
    """Show a document's kind and every extracted field with page and evidence."""
    from . import intake
    from .report.json import document_json
    from .runner import read_document

    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    doc = read_document(intake.take_in(file.resolve(), file.resolve().parent))
    data = document_json(doc)
    data["problems"] = [{"code": p.code, "message": p.message} for p in doc.problems]
    if fmt == "json":
        import json
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"{doc.rel}: {doc.kind} ({len(doc.pages)} page{'s' if len(doc.pages) != 1 else ''}, "
               f"language {doc.language or 'unknown'})")
    for p in data["problems"]:
        click.echo(f"  {p['code']}: {p['message']}")
    for name, f in data["fields"].items():
        where = f" [p.{f['page']}]" if f.get("page") else ""
        click.echo(f"  {name}: {_show(f['value'])}{where}")
        if f.get("evidence"):
            click.echo(f"      “{' '.join(f['evidence'].split())[:150]}”")


def _show(value) -> str:
    import json
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "\n" + "\n".join("      - " + ", ".join(f"{k}={_show(v['value'])}" for k, v in p.items()) for p in value)
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


@cli.group()
def cache() -> None:
    """The extraction cache (documents already read, by content hash)."""


@cache.command("info")
def cache_info() -> None:
    """Where the cache is and how much it holds."""
    from .cache import default_path, info

    data = info(default_path())
    click.echo(f"{data['path']}: {data['documents']} documents, {data['bytes'] / 1_000_000:.1f} MB")


@cache.command("clear")
def cache_clear() -> None:
    """Delete the cache."""
    from .cache import clear, default_path

    path = default_path()
    click.echo(f"{path}: {'deleted' if clear(path) else 'no cache to delete'}")


@cli.command()
def rules() -> None:
    """List every check: code, name, default severity and what it finds."""
    from .registry import load_checks

    checks, problems = load_checks()
    for chk in checks:
        click.echo(f"{chk.code}  {chk.name:<30} {chk.severity.value:<8} {chk.summary}")
    for problem in problems:
        click.echo(f"prcheck: warning: {problem}", err=True)


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain one check: what it finds, why it matters, how to fix it, and IRCC's source."""
    from .registry import load_checks

    checks, _ = load_checks()
    found = {c.code: c for c in checks}.get(code.upper())
    if found is None:
        raise UsageError(f"unknown check code '{code}' (see `prcheck rules`)")
    applies = ("every file" if found.kinds and "*" in found.kinds
               else ", ".join(sorted(found.kinds)) if found.kinds else "the case as a whole")
    click.echo(f"{found.code} {found.name} ({found.severity.value})\n")
    click.echo(found.doc + "\n")
    if found.fix:
        click.echo(f"How to fix: {found.fix}")
    click.echo(f"Applies to: {applies}")
    if found.needs:
        click.echo(f"Needs from case.toml: {', '.join(found.needs)}")
    click.echo(f"Source: {found.source}")


def main() -> None:
    try:
        cli.main(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("prcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # never show a paralegal a traceback; PRCHECK_DEBUG=1 does
        if os.environ.get("PRCHECK_DEBUG"):
            raise
        click.echo(f"prcheck: internal error: {type(exc).__name__}: {exc} "
                   "(please report it; PRCHECK_DEBUG=1 shows details)", err=True)
        sys.exit(2)
