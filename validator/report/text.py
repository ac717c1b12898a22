"""The text report: findings grouped by file, severity colours, a checklist and a summary.

Colour follows rich's rules: off when NO_COLOR is set or the output is not a terminal.
"""
from __future__ import annotations

import io
from collections import defaultdict

from ..model import Finding, Report, Severity

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
STATUS = {"present": "[green]✓[/]", "missing": "[red]✗[/]", "not-applicable": "[dim]–[/]"}


def render(report: Report, *, color: bool | None = None, width: int | None = None) -> str:
    from rich.console import Console
    from rich.markup import escape

    buffer = io.StringIO()
    # Long lines are not wrapped: a report piped to a file or email stays greppable.
    console = Console(file=buffer, force_terminal=color, no_color=color is False,
                      width=width or 200, highlight=False, soft_wrap=True)
    by_file: dict[str | None, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_file[f.file].append(f)

    console.print(f"[bold]prcheck audit[/] of {escape(report.folder)} as of {report.as_of}"
                  + (f" ({report.program})" if report.program else ""))
    for file in sorted(by_file, key=lambda f: (f is not None, f or "")):
        console.print()
        console.print(f"[bold underline]{escape(file) if file else 'Case'}[/]")
        for f in by_file[file]:
            where = f" p.{f.page}" if f.page else ""
            console.print(f"  [{STYLES[f.severity]}]{f.severity.value:<7}[/] [bold]{f.code}[/] "
                          f"{escape(f.message)}[dim]{where}[/]")
            if f.evidence:
                console.print(f"          [dim]“{escape(_clip(f.evidence))}”[/]")
            if f.hint:
                console.print(f"          [green]fix:[/] {escape(f.hint)}")
    if report.checklist:
        console.print()
        console.print("[bold underline]Checklist[/]")
        for item in report.checklist:
            files = f" [dim]({escape(', '.join(item.files))})[/]" if item.files else ""
            console.print(f"  {STATUS[item.status]} {escape(item.item)}{files}")
    console.print()
    errors, warnings, info = (report.count(s) for s in Severity)
    verdict = "[bold red]NOT READY[/]" if errors else ("[yellow]REVIEW[/]" if warnings else "[green]READY[/]")
    console.print(f"{_count(len(report.documents), 'document')}: {_count(errors, 'error')}, "
                  f"{_count(warnings, 'warning')}, {info} info — {verdict}")
    return buffer.getvalue()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
