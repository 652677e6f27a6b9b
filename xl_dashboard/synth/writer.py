"""Workbook output through xlsxwriter: the Annex A lists and the input workbook's tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import xlsxwriter

from .dates import EPOCH, serial
from .messiness import HEADER_DRIFT, Formula, Serial, mess, row_order

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from .sheets import Col


def new_workbook(
    path: str | Path, *, title: str, comments: str, created: dt.datetime, constant_memory: bool
) -> xlsxwriter.Workbook:
    """A workbook that keeps strings as written, with fixed document properties (so the same
    arguments always give the same bytes)."""
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": constant_memory,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    wb.set_properties(
        {"title": title, "author": "xl_dashboard.synth", "comments": comments, "created": created}
    )
    return wb


def _header_row(
    ws: Worksheet,
    titles: Sequence[str],
    widths: Sequence[float],
    header_fmt: Any,
    column_fmts: Sequence[Any] | None = None,
) -> None:
    """Column widths (and formats), bold titles in row 1 and frozen panes below them."""
    for j, (title, width) in enumerate(zip(titles, widths, strict=True)):
        ws.set_column(j, j, width, None if column_fmts is None else column_fmts[j])
        ws.write_string(0, j, title, header_fmt)
    ws.freeze_panes(1, 0)


def clean_cells(col: Col) -> np.ndarray:
    """The tidy cell values of a column as an object array (None for blank)."""
    v = col.values
    if col.kind == "code":
        assert col.codes is not None
        table = np.array([*col.codes.canonical, None], dtype=object)
        return table[np.where(v >= 0, v, len(col.codes))]
    if col.kind == "date":
        out = serial(np.where(np.isnat(v), EPOCH, v)).astype(object)
        out[np.isnat(v)] = None
        return out
    if col.kind == "int":
        out = np.where(np.isnan(v), 0, v).astype(np.int64).astype(object)
        out[np.isnan(v)] = None
        return out
    out = np.asarray(v, dtype=object).copy()
    return out


def write_sheet(
    wb: xlsxwriter.Workbook,
    name: str,
    cols: list[Col],
    rng: np.random.Generator,
    messy: bool,
    fmt: dict[str, Any],
) -> int:
    """Write one list; return the number of non-blank data rows."""
    ws = wb.add_worksheet(name)
    serial_fmt, date_fmt = fmt["serial"], fmt["date"]

    def write_serial(sheet: Any, row: int, col: int, token: Serial, *_: Any) -> int:
        return sheet.write_number(row, col, token.value, serial_fmt)

    def write_formula(sheet: Any, row: int, col: int, token: Formula, *_: Any) -> int:
        return sheet.write_formula(
            row, col, token.formula, date_fmt if token.is_date else None, token.value
        )

    ws.add_write_handler(Serial, write_serial)
    ws.add_write_handler(Formula, write_formula)
    drift = HEADER_DRIFT.get(name, {}) if messy else {}
    _header_row(
        ws,
        [drift.get(col.header, col.header) for col in cols],
        [min(max(len(col.header) * 0.9, 10), 28) for col in cols],
        fmt["header"],
        [date_fmt if col.kind == "date" else None for col in cols],
    )
    cells = [clean_cells(col) for col in cols]
    if messy:
        for col, column in zip(cols, cells, strict=True):
            mess(rng, col, column)
    n = len(cols[0].values)
    rows = list(zip(*[column.tolist() for column in cells], strict=True)) if n else []
    order = row_order(rng, n, messy)
    written = 0
    for r, i in enumerate(order.tolist(), start=1):
        if i >= 0:
            ws.write_row(r, 0, rows[i])
            written += 1
    return written


def write_table(
    wb: xlsxwriter.Workbook,
    name: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: dict[str, Any],
    widths: Sequence[float],
) -> None:
    """One input workbook sheet: a header row, then dates, text (long text wrapped) and numbers."""
    ws = wb.add_worksheet(name)
    _header_row(ws, header, widths, fmt["header"])
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(i, j, value, fmt["date"])
            elif isinstance(value, str):
                ws.write_string(i, j, value, fmt["wrap"] if len(value) > 60 else None)
            elif value is not None:
                ws.write_number(i, j, value)
