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
from .charts import CHART_DATA, ChartData, Placed
from .data_sheets import (
    DATA_QUALITY,
    DEFINITIONS,
    INDICATOR_DATA,
    INPUT_ROWS,
    SETTINGS_USED,
    write_data_quality,
    write_definitions,
    write_indicator_data,
    write_settings_used,
)
from .layout import build_dashboard
from .model import Dashboard
from .pages import PageWriter
from .styles import Styles, print_ready
from .summary_sheet import COLUMNS, write_summary

# Fixed document properties so the same inputs give a byte-identical workbook.
FIXED_CREATED = dt.datetime(2000, 1, 1)
DATA_SHEETS = (DEFINITIONS, INDICATOR_DATA, DATA_QUALITY, INPUT_ROWS, SETTINGS_USED, CHART_DATA)


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
        render(book, dashboard, results)
        book.close()
    return target


def render(
    book: xlsxwriter.Workbook, dashboard: Dashboard, results: Results
) -> dict[tuple[str, int], Placed]:
    """Every sheet of the dashboard workbook, in order; returns where each table row went."""
    sheets = {name: book.add_worksheet(name) for name in (*dashboard.printed_sheets, *DATA_SHEETS)}
    styles = Styles(book)
    chart_data = ChartData(sheets[CHART_DATA], styles)
    summary = sheets[dashboard.summary.sheet]
    last_row = write_summary(book, summary, styles, dashboard.summary, chart_data)
    print_ready(summary, dashboard, last_row, len(COLUMNS) - 1)
    summary.activate()
    placed: dict[tuple[str, int], Placed] = {}
    for page in dashboard.pages:
        ws = sheets[page.sheet]
        last_row, last_col = PageWriter(book, ws, styles, chart_data, placed).write(page)
        print_ready(ws, dashboard, last_row, last_col)
    write_definitions(book, sheets[DEFINITIONS], results)
    write_indicator_data(book, sheets[INDICATOR_DATA], results)
    write_data_quality(book, sheets[DATA_QUALITY], sheets[INPUT_ROWS], results)
    write_settings_used(book, sheets[SETTINGS_USED], results)
    return placed


def printed_sheets(workbook: str | os.PathLike[str]) -> list[str]:
    """The printed sheets of a built dashboard: those before the data sheets."""
    names = _sheet_names(Path(workbook))
    return names[: names.index(DEFINITIONS)] if DEFINITIONS in names else names


def _sheet_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode("utf-8")
    return [html.unescape(n) for n in re.findall(r'<sheet name="([^"]*)"', xml)]
