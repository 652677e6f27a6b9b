"""The row-level data-quality report: every issue with its sheet, row, column and the cell's
text. It holds case-level detail (children's ids, workers' names), so it is a separate workbook
marked OFFICIAL-SENSITIVE, never part of the pack that is shared."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import xlsxwriter

from ..issues import ISSUE_COLUMNS, Issues
from .run import describe

MARKING = "OFFICIAL-SENSITIVE"
EXCEL_ROWS = 1_048_576
HEADER_ROWS = 4  # marking, note, blank, table header
FIXED_CREATED = dt.datetime(2000, 1, 1)  # byte-identical for the same inputs
COLUMNS = ["severity", "rule", "description", "sheet", "row", "column", "message"]
WIDTHS = {"severity": 10, "rule": 22, "description": 50, "sheet": 14, "row": 8, "column": 34}


def write_quality_report(
    issues: Issues, path: str | os.PathLike[str], title: str, rows_per_sheet: int | None = None
) -> None:
    """Every issue as an Excel table, split across sheets (`Issues 1`, `Issues 2`, ...) where
    it passes Excel's row limit: never cut."""
    frame = issues.frame()[ISSUE_COLUMNS]
    frame = frame.assign(description=frame["rule"].map(describe))[COLUMNS]
    per_sheet = rows_per_sheet or EXCEL_ROWS - HEADER_ROWS
    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": False},
    )
    book.set_properties({"title": f"{MARKING}: {title}", "created": FIXED_CREATED})
    marking = book.add_format({"bold": True, "font_color": "#C00000", "font_size": 14})
    chunks = [frame.iloc[i : i + per_sheet] for i in range(0, max(len(frame), 1), per_sheet)]
    for n, chunk in enumerate(chunks, start=1):
        ws = book.add_worksheet(f"Issues {n}" if len(chunks) > 1 else "Issues")
        ws.set_header(f'&C&"-,Bold"{MARKING}')
        ws.set_footer(f"&C{MARKING}: holds case-level detail")
        ws.write_string(0, 0, f"{MARKING}: {title}", marking)
        ws.write_string(
            1,
            0,
            "This workbook holds case-level detail (row numbers, children's ids, workers' names, "
            "cell text). Keep it within the service; never attach it to a published pack.",
        )
        _write_table(ws, chunk, first_row=HEADER_ROWS - 1, name=f"Issues{n}")
    book.close()


def _write_table(ws, chunk: pd.DataFrame, first_row: int, name: str) -> None:
    data = [
        [
            "" if pd.isna(v) else (int(v) if c == "row" else str(v))
            for c, v in zip(COLUMNS, r, strict=True)
        ]
        for r in chunk.itertuples(index=False)
    ]
    last = first_row + max(len(data), 1)
    ws.add_table(
        first_row,
        0,
        last,
        len(COLUMNS) - 1,
        {
            "name": name,
            "columns": [{"header": c} for c in COLUMNS],
            "data": data or None,
            "style": "Table Style Light 9",
        },
    )
    for i, c in enumerate(COLUMNS):
        ws.set_column(i, i, WIDTHS.get(c, 90))
