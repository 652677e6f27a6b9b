"""A data sheet's table written as an Excel table: filter buttons, banded rows, text always
written as text, a withheld figure as `c`."""

from __future__ import annotations

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .cells import write_figure
from .model import WITHHELD, DataTable


def write_table(book: xlsxwriter.Workbook, ws: Worksheet, table: DataTable) -> None:
    """The table on its own sheet, from the first row."""
    frame = table.frame
    columns = list(frame.columns)
    n = len(frame)
    cell_format = book.add_format({"text_wrap": True, "valign": "top"}) if table.wrap else None
    withheld_format = None  # `c` right-aligned like the numbers, made only when needed
    for j, col in enumerate(columns):
        values = frame[col].tolist()
        if withheld_format is None and any(v is WITHHELD for v in values):
            withheld_format = book.add_format({"align": "right"})
        for i, v in enumerate(values, start=1):
            _write_cell(ws, i, j, v, withheld_format if v is WITHHELD else cell_format)
        width = table.widths.get(col, max(10, min(60, len(str(col)) + 4)))
        ws.set_column(j, j, width, cell_format)
    ws.add_table(
        0,
        0,
        max(n, 1),
        max(len(columns) - 1, 0),
        {
            "columns": [{"header": str(c)} for c in columns],
            "style": "Table Style Light 1",
            "name": table.name,
            "autofilter": True,
        },
    )
    ws.freeze_panes(1, 0)


def _write_cell(ws: Worksheet, row: int, col: int, value: object, fmt=None) -> None:
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif value is None or value is pd.NA or value is WITHHELD or isinstance(value, int | float):
        write_figure(ws, row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)
