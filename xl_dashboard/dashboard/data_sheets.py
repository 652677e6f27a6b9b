"""The data sheets of the output: Indicator data, Data quality, Input rows, Settings used."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..indicators.engine import RESULT_COLUMNS, Results
from ..quality import ISSUE_COLUMNS

INDICATOR_DATA = "Indicator data"
DATA_QUALITY = "Data quality"
INPUT_ROWS = "Input rows"
SETTINGS_USED = "Settings used"


def write_table(
    book: xlsxwriter.Workbook,
    ws: Worksheet,
    frame: pd.DataFrame,
    first_row: int = 0,
    widths: dict[str, float] | None = None,
    name: str | None = None,
) -> None:
    """A frame as an Excel table (filter buttons, banded rows); text always written as text."""
    columns = list(frame.columns)
    n = len(frame)
    for j, col in enumerate(columns):
        values = frame[col].tolist()
        for i, v in enumerate(values, start=first_row + 1):
            _write_cell(ws, i, j, v)
        ws.set_column(j, j, (widths or {}).get(col, max(10, min(60, len(str(col)) + 4))))
    ws.add_table(
        first_row,
        0,
        first_row + max(n, 1),
        max(len(columns) - 1, 0),
        {
            "columns": [{"header": str(c)} for c in columns],
            "style": "Table Style Light 1",
            "name": name,
            "autofilter": True,
        },
    )
    ws.freeze_panes(first_row + 1, 0)


def _write_cell(ws: Worksheet, row: int, col: int, value: object) -> None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        ws.write_blank(row, col, None)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value)
    else:
        ws.write_string(row, col, str(value))


def write_indicator_data(book: xlsxwriter.Workbook, results: Results) -> None:
    ws = book.add_worksheet(INDICATOR_DATA)
    write_table(
        book,
        ws,
        results.data[RESULT_COLUMNS],
        widths={"indicator_id": 28, "breakdown": 24, "period": 10},
        name="IndicatorData",
    )


def write_data_quality(book: xlsxwriter.Workbook, results: Results) -> None:
    ws = book.add_worksheet(DATA_QUALITY)
    frame = results.issues.frame()[ISSUE_COLUMNS]
    write_table(
        book,
        ws,
        frame,
        widths={"message": 90, "column": 36, "rule": 22, "sheet": 16},
        name="DataQuality",
    )
    rows = book.add_worksheet(INPUT_ROWS)
    write_table(book, rows, results.issues.accounting(), widths={"sheet": 18}, name="InputRows")


def settings_rows(results: Results) -> pd.DataFrame:
    """The settings the build used, as (setting, value) rows."""
    s = results.settings
    rows: list[tuple[str, object]] = [
        ("Local authority", s.la_name),
        ("Reporting month", str(s.reporting_month)),
        ("Region", s.region_name),
        ("Statistical neighbours", s.statistical_neighbours),
        ("Annex A start", s.annex_a_start.isoformat() if s.annex_a_start else ""),
        ("Months computed from Annex A", ", ".join(str(m) for m in results.covered)),
        ("Population (override)", s.population if s.population is not None else ""),
        ("Dashboard months", s.dashboard_months),
    ]
    rows += [
        (f"Timescale: {f.name}", getattr(s.timescales, f.name))
        for f in dataclasses.fields(s.timescales)
    ]
    return pd.DataFrame(rows, columns=["setting", "value"])


def write_settings_used(book: xlsxwriter.Workbook, results: Results) -> None:
    ws = book.add_worksheet(SETTINGS_USED)
    write_table(
        book, ws, settings_rows(results), widths={"setting": 34, "value": 60}, name="SettingsUsed"
    )
