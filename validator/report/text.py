"""The text report: findings grouped by file, severity colours, a checklist and a summary.

Colour follows rich's rules: off when NO_COLOR is set or the output is not a terminal.
"""
from __future__ import annotations

import io

from ..model import Report, Severity
from .common import CASE_LABEL, VERDICTS, accepted_by, by_file, changes_heading, clip, summary, worst

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
VERDICT_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "green"}
STATUS = {"present": "[green]✓[/]", "missing": "[red]✗[/]", "not-applicable": "[dim]–[/]"}


def render(report: Report, *, color: bool | None = None, width: int | None = None) -> str:
    from rich.console import Console
    from rich.markup import escape

    buffer = io.StringIO()
    # Long lines are not wrapped: a report piped to a file or email stays greppable.
    console = Console(file=buffer, force_terminal=color, no_color=color is False,
                      width=width or 200, highlight=False, soft_wrap=True)

    console.print(f"[bold]prcheck audit[/] of {escape(report.folder)} as of {report.as_of}"
                  + (f" ({report.program})" if report.program else ""))
    for file, findings in by_file(report.findings):
        console.print()
        console.print(f"[bold underline]{escape(file) if file else CASE_LABEL}[/]")
        for f in findings:
            where = f" p.{f.page}" if f.page else ""
            console.print(f"  [{STYLES[f.severity]}]{f.severity.value:<7}[/] [bold]{f.code}[/] "
                          f"{escape(f.message)}[dim]{where}[/]")
            if f.evidence:
                console.print(f"          [dim]“{escape(clip(f.evidence))}”[/]")
            if f.hint:
                console.print(f"          [green]fix:[/] {escape(f.hint)}")
    if report.suppressed:
        console.print()
        console.print("[bold underline]Suppressed[/] [dim](accepted in prcheck-suppressions.toml; not counted)[/]")
        for s in report.suppressed:
            where = f" p.{s.finding.page}" if s.finding.page else ""
            console.print(f"  [dim]{s.finding.severity.value:<7}[/] [bold]{s.finding.code}[/] "
                          f"{escape(s.finding.file or CASE_LABEL)}: {escape(s.finding.message)}[dim]{where}[/]")
            console.print(f"          [green]accepted:[/] {escape(accepted_by(s.by))}")
    if report.suppression_notes:
        console.print()
        console.print("[bold underline]Suppression notes[/]")
        for note in report.suppression_notes:
            console.print(f"  [yellow]![/] {escape(note.message)}")
    if report.checklist:
        console.print()
        console.print("[bold underline]Checklist[/]")
        for item in report.checklist:
            files = f" [dim]({escape(', '.join(item.files))})[/]" if item.files else ""
            console.print(f"  {STATUS[item.status]} {escape(item.item)}{files}")
    if report.history is not None:
        console.print()
        console.print("[bold underline]Changes[/]")
        console.print(f"  {escape(changes_heading(report.history))}")
        for label, style, changed in (("new", "red", report.history.new),
                                      ("resolved", "green", report.history.resolved)):
            for f in changed:
                where = f" {escape(f.file)}" if f.file else ""
                console.print(f"  [{style}]{label:<8}[/] [bold]{f.code}[/]{where}: {escape(f.message)}")
    console.print()
    level = worst(report)
    console.print(f"{summary(report)} — [{VERDICT_STYLES[level]}]{VERDICTS[level]}[/]")
    return buffer.getvalue()
