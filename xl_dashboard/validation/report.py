"""The data-quality report on the terminal: a summary first, then the issues."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..indicators.engine import Results
from .run import rule_summary


def print_report(results: Results, limit: int = 40, console: Console | None = None) -> None:
    console = console or Console(soft_wrap=False)
    issues = results.issues.frame()
    counts = issues["severity"].value_counts()
    s = results.settings
    console.print(
        f"[bold]{s.la_name}[/bold] - reporting month {s.reporting_month}; "
        f"Annex A months: {', '.join(str(m) for m in results.covered) or 'none'}"
    )
    console.print(
        f"Errors: {counts.get('error', 0)}  Warnings: {counts.get('warning', 0)}  "
        f"Notes: {counts.get('info', 0)}"
    )
    acc = results.issues.accounting()
    if len(acc):
        table = Table(title="Input rows", title_justify="left")
        for col in acc.columns:
            table.add_column(col, justify="left" if col == "sheet" else "right")
        for row in acc.itertuples(index=False):
            table.add_row(*[str(v) for v in row])
        console.print(table)
    if len(issues):
        table = Table(title="Issues by rule", title_justify="left")
        for col in ("rule", "severity", "description", "count"):
            table.add_column(col, justify="right" if col == "count" else "left", overflow="fold")
        for r in rule_summary(issues).itertuples(index=False):
            table.add_row(r.rule, r.severity, r.description, str(r.count))
        console.print(table)
        shown = issues if limit == 0 else issues.head(limit)
        table = Table(title=f"Issues ({len(shown)} of {len(issues)})", title_justify="left")
        for col in ("severity", "rule", "sheet", "row", "column", "message"):
            table.add_column(col, overflow="fold")
        for r in shown.itertuples(index=False):
            table.add_row(
                r.severity,
                r.rule,
                r.sheet,
                "" if r.row is None or str(r.row) == "<NA>" else str(r.row),
                r.column,
                r.message,
            )
        console.print(table)
