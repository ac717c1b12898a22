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
from .report import FORMATS as REPORT_FORMATS  # a light import: the reporters load on use

FORMATS = ("text", "json")  # of `extract`
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
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True)
@click.option("--output", type=click.Path(path_type=Path), help="Write the report to this file instead of stdout.")
@click.option("--history", "history_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Record the audit in this history database [default: one in the user data directory].")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Configuration file (default: the nearest prcheck.toml or [tool.prcheck]).")
@click.option("--select", multiple=True, callback=_codes, help="Only these codes or prefixes (e.g. EMP,FIL001).")
@click.option("--ignore", multiple=True, callback=_codes, help="Skip these codes or prefixes.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding is at or above this severity [default: error].")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Documents read in parallel [default: CPUs].")
@click.option("--no-cache", is_flag=True, help="Read every document afresh and write nothing but the report "
                                                "(no history either, unless --history names a database).")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scans and image-only pages (they get FIL003 warnings).")
@click.option("--quiet", is_flag=True, help="No warnings on stderr, only the report.")
def audit(folder: Path, case_path: Path | None, as_of: dt.date | None, fmt: str, output: Path | None,
          history_path: Path | None, config_path: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
          fail_on: str | None, jobs: int | None, no_cache: bool, no_ocr: bool, quiet: bool) -> None:
    """Audit one case folder and print the report."""
    from .runner import audit as run_audit, exit_code

    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    case = _load_case(folder, case_path, quiet)
    config = _load_config(folder, config_path, quiet).with_cli(select=select, ignore=ignore, fail_on=fail_on)
    as_of = as_of or (case.as_of if case and case.as_of else dt.date.today())
    from .cache import default_path
    from .history import default_path as default_history_path
    from .suppressions import SuppressionError
    try:
        result = run_audit(folder, case, config, as_of, exclude=[output] if output else [], jobs=jobs,
                           cache_path=None if no_cache else default_path(), ocr=not no_ocr)
    except SuppressionError as exc:
        raise UsageError(str(exc)) from None
    if not quiet:
        for notice in result.notices:
            click.echo(f"prcheck: warning: {notice}", err=True)
    report = result.report
    # --no-cache promises to write nothing but the report; an explicit --history still records.
    history_db = history_path or (None if no_cache else default_history_path())
    if history_db is not None:
        report = _record_history(history_db, folder, report, quiet)
    _emit(_render(report, fmt, output), output)
    sys.exit(exit_code(report, config.fail_on))


def _record_history(db: Path, folder: Path, report, quiet: bool):
    """The report with what changed since the last audit; a history failure only costs that."""
    from dataclasses import replace

    from .history import HistoryError, record

    # The only clock reading of an audit: when it was recorded.
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return replace(report, history=record(db, folder.resolve(), report, now))
    except HistoryError as exc:
        if not quiet:
            click.echo(f"prcheck: warning: the audit was not recorded in the history: {exc}", err=True)
        return report


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
    from .report import render

    return render(report, fmt, color=False if output or os.environ.get("NO_COLOR") else None)


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


@cli.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
def init_command(folder: Path) -> None:
    """Write FOLDER/case.toml pre-filled from the documents (never overwrites one)."""
    from .init import render_case_file

    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder")
    target = folder / "case.toml"
    if target.exists():
        raise UsageError(f"{target}: already exists; prcheck init never overwrites a case file")
    text = render_case_file(folder)
    try:
        with open(target, "x", encoding="utf-8") as fh:  # "x": never replace a file created meanwhile
            fh.write(text)
    except OSError as exc:
        raise UsageError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    click.echo(f"wrote {target}: check every value marked '# from <file>' and fill in the placeholders")


@cli.command()
@click.argument("root", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="json", show_default=True,
              help="Format of each case's report.")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("prcheck-reports"),
              show_default=True, help="Where the reports go (never inside a case folder).")
@click.option("--as-of", callback=_date, help="Judge validity at this date; default: each case's as_of, else today.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Configuration for every case (default: each case's nearest prcheck.toml).")
@click.option("--select", multiple=True, callback=_codes, help="Only these codes or prefixes.")
@click.option("--ignore", multiple=True, callback=_codes, help="Skip these codes or prefixes.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="As for audit [default: error].")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Documents read in parallel [default: CPUs].")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (with --executor dask), e.g. tcp://10.0.0.5:8786.")
@click.option("--no-cache", is_flag=True, help="Read every document afresh and write no cache.")
def batch(root: Path, fmt: str, output_dir: Path, as_of: dt.date | None, config_path: Path | None,
          select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, jobs: int | None,
          executor: str, scheduler: str | None, no_cache: bool) -> None:
    """Audit every case folder under ROOT: a summary row per case and one report file per case."""
    from .batch import CaseOutcome, discover, prepare, run_dask, run_local, write_reports
    from .cache import default_path
    from .registry import load_checks

    if not root.is_dir():
        raise UsageError(f"{root}: no such folder")
    if executor == "dask" and not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS")
    if config_path is not None and not config_path.is_file():
        raise UsageError(f"{config_path}: no such configuration file")
    if output_dir.resolve().is_relative_to(root.resolve()):
        raise UsageError(f"{output_dir}: the reports must not be written inside the case tree")
    prepared = [prepare(root, folder, config_path, as_of,
                        lambda c: c.with_cli(select=select, ignore=ignore, fail_on=fail_on))
                for folder in discover(root)]
    specs = [p for p in prepared if not isinstance(p, CaseOutcome)]
    cache_path = None if no_cache else default_path()
    checks, problems = load_checks()
    for problem in problems:
        click.echo(f"prcheck: warning: {problem}", err=True)
    with _progress(len(specs) if executor == "dask" else None, specs) as advance:
        if executor == "dask":
            outcomes = run_dask(specs, (fmt,), checks, scheduler, cache_path, advance)
        else:
            outcomes = run_local(specs, (fmt,), checks, jobs, cache_path, advance)
    by_name = {o.name: o for o in outcomes} | {p.name: p for p in prepared if isinstance(p, CaseOutcome)}
    rows = [by_name[p.name] for p in prepared]
    for outcome in rows:
        write_reports(outcome, output_dir)
        for notice in outcome.notices:
            click.echo(f"prcheck: warning: {outcome.name}: {notice}", err=True)
    _summary_table(rows, output_dir)
    sys.exit(max((o.exit_code for o in rows), default=0))


@cli.command("watch")
@click.argument("inbox", type=click.Path(path_type=Path))
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="OUTBOX: where each case's HTML and JSON reports are written.")
@click.option("--quiet-seconds", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              help="Audit a folder once nothing in it has changed for this long.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Configuration for every case (default: each case's nearest prcheck.toml).")
@click.option("--no-cache", is_flag=True, help="Read every document afresh and write no cache.")
def watch_command(inbox: Path, output_dir: Path, quiet_seconds: float, config_path: Path | None,
                  no_cache: bool) -> None:
    """Audit each case folder dropped into INBOX once it is quiet; reports go to OUTBOX."""
    import signal
    import threading

    from .batch import CaseOutcome, judge_case, prepare, write_reports
    from .cache import default_path
    from .registry import load_checks
    from .watch import watch

    if not inbox.is_dir():
        raise UsageError(f"{inbox}: no such folder")
    if output_dir.resolve().is_relative_to(inbox.resolve()):
        raise UsageError(f"{output_dir}: the reports must not be written inside the inbox")
    checks, problems = load_checks()
    for problem in problems:
        click.echo(f"prcheck: warning: {problem}", err=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())

    def audit_folder(folder: Path) -> None:
        spec = prepare(inbox, folder, config_path, None, lambda c: c)
        o = spec if isinstance(spec, CaseOutcome) else judge_case(
            spec, ("html", "json"), checks, cache_path=None if no_cache else default_path())
        if o.problem:
            click.echo(f"{o.name}: not audited: {o.problem}")
            return
        written = write_reports(o, output_dir)
        click.echo(f"{o.name}: {o.errors} errors, {o.warnings} warnings — {o.verdict} → {written[0]}")

    click.echo(f"watching {inbox} (reports in {output_dir}; Ctrl-C to stop)")
    try:
        watch(inbox, audit_folder, quiet_s=quiet_seconds, stop=stop)
    except KeyboardInterrupt:
        pass


def _progress(total: int | None, specs):
    """A progress bar on stderr, only for a terminal; yields a function to call per item done."""
    import contextlib

    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    if not console.is_terminal:
        return contextlib.nullcontext(None)
    if total is None:  # locally, progress counts documents
        from .runner import folder_entries
        total = sum(len(folder_entries(s.folder)) for s in specs)

    @contextlib.contextmanager
    def bar():
        # auto_refresh off: no refresh thread may run while worker processes are forked.
        with Progress(console=console, auto_refresh=False, transient=True) as progress:
            task = progress.add_task("auditing", total=total)

            def advance():
                progress.advance(task)
                progress.refresh()
            yield advance
    return bar()


def _summary_table(rows, output_dir: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"prcheck batch — reports in {output_dir}", title_justify="left")
    for column, justify in (("case", "left"), ("documents", "right"), ("errors", "right"),
                            ("warnings", "right"), ("verdict", "left")):
        table.add_column(column, justify=justify)
    for o in rows:
        verdict = f"{o.verdict}: {o.problem}" if o.problem else o.verdict
        table.add_row(o.name, str(o.documents), str(o.errors), str(o.warnings), verdict)
    Console(no_color=bool(os.environ.get("NO_COLOR")) or None, soft_wrap=True, width=200).print(table)


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


@cli.command("history")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--history", "history_path", type=click.Path(path_type=Path, dir_okay=False),
              help="History database [default: the one `prcheck audit` records in].")
def history_command(folder: Path, history_path: Path | None) -> None:
    """List the past audits of a case folder and what changed between them."""
    from .history import HistoryError, default_path, past_audits
    from .model import Severity
    from .report.common import counted, timestamp

    db = history_path or default_path()
    folder = folder.resolve()  # the folder may be gone: its history is still worth reading
    try:
        audits = past_audits(db, folder)
    except HistoryError as exc:
        raise UsageError(str(exc)) from None
    if not audits:
        click.echo(f"No recorded audits of {folder} in {db}.")
        return
    click.echo(f"{counted(len(audits), 'audit')} of {folder} (history: {db})\n")
    click.echo(f"{'recorded':<20}  {'as of':<10}  {'errors':>6}  {'warnings':>8}  {'info':>4}  "
               f"{'new':>4}  {'resolved':>8}")
    for past, changes in audits:
        first = changes.previous is None  # nothing to compare the first audit with
        new, resolved = ("–", "–") if first else (len(changes.new), len(changes.resolved))
        click.echo(f"{timestamp(past.recorded_at):<20}  {past.as_of.isoformat():<10}  "
                   f"{past.count(Severity.ERROR):>6}  {past.count(Severity.WARNING):>8}  "
                   f"{past.count(Severity.INFO):>4}  {new:>4}  {resolved:>8}")
        for sign, changed in (("+", changes.new), ("-", changes.resolved)):
            for f in changed:
                click.echo(f"    {sign} {f.code} {f.file or 'case'}: {f.message}")


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
