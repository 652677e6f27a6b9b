"""Writing the dashboard workbook: deterministic, safely, from Results.

Sheet order: Summary, the four pages, then Definitions, Indicator data, Data quality, Input rows,
Settings used and Chart data. The first five are the printed dashboard."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import zipfile
from pathlib import Path

import xlsxwriter

from ..indicators.engine import Results
from ..outputs import replacing
from .arrange import arrange, linked_rows, placed
from .charts import CHART_DATA, ChartData, Placed
from .data_sheets import DEFINITIONS
from .layout import build_dashboard
from .model import Dashboard
from .pages import PageWriter
from .sheets import Sheet
from .styles import Styles, print_ready
from .summary_sheet import COLUMNS, write_summary
from .table_writer import write_table

# Fixed document properties so the same inputs give a byte-identical workbook.
FIXED_CREATED = dt.datetime(2000, 1, 1)


def write_dashboard(results: Results, path: str | os.PathLike[str]) -> Path:
    """Write the dashboard workbook to `path` (replaced only once it is complete)."""
    if results.settings.publish and "suppressed" not in results.data:
        # A pack saying "Published: small numbers suppressed" must never show them.
        raise ValueError("a published pack needs results passed through disclosure.suppress")
    target = Path(path)
    dashboard = build_dashboard(results)
    with replacing(target) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp), {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
        )
        book.set_properties(
            {
                "title": f"{dashboard.la_name} children's social care performance dashboard, "
                f"{dashboard.month_label}",
                "author": "xl_dashboard",
                "created": FIXED_CREATED,
            }
        )
        render(book, dashboard)
        book.close()
    return target


def render(book: xlsxwriter.Workbook, dashboard: Dashboard) -> dict[tuple[str, int], Placed]:
    """Every sheet of the dashboard workbook, in order; returns where each table row went.

    Reads only the model: the layout pass decides every position first, so the sheets could be
    written in any order."""
    data_sheets = (*(t.sheet for t in dashboard.data), CHART_DATA)
    names = (*dashboard.printed_sheets, *data_sheets)
    sheets = {name: book.add_worksheet(name, worksheet_class=Sheet) for name in names}
    styles = Styles(book)
    layouts = arrange(dashboard)
    chart_data = ChartData(sheets[CHART_DATA], styles, linked_rows(layouts))
    summary = sheets[dashboard.summary.sheet]
    last_row = write_summary(book, summary, styles, dashboard.summary, chart_data)
    print_ready(summary, dashboard, last_row, len(COLUMNS) - 1)
    summary.activate()
    for layout in layouts:
        ws = sheets[layout.page.sheet]
        PageWriter(book, ws, styles, chart_data).write(layout)
        print_ready(ws, dashboard, layout.last_row, layout.last_col)
    for table in dashboard.data:
        write_table(book, sheets[table.sheet], table)
    return placed(layouts)


def printed_sheets(workbook: str | os.PathLike[str]) -> list[str]:
    """The printed sheets of a built dashboard: those before the data sheets."""
    names = _sheet_names(Path(workbook))
    return names[: names.index(DEFINITIONS)] if DEFINITIONS in names else names


def _sheet_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode("utf-8")
    return [html.unescape(n) for n in re.findall(r'<sheet name="([^"]*)"', xml)]
