"""The xlwings Lite door: scripts that run inside Excel with no Python installed on the computer
(xlwings Lite runs Python in the add-in, with Pyodide). The pane's `main.py`
(`workbook_templates/lite/main.py`) imports these scripts, and sheet buttons can run them.

- `refresh`: reads the input sheets and the Annex A lists of this workbook, computes every
  indicator exactly as `xl-dashboard build` does, and writes the tidy indicator data (sheet
  and table 'Indicator data'), the figures-only 'Data quality' summary and the blocks of
  'Dashboard data' that the template's Summary and pages read (refresh.py) into the workbook.
- `check`: the 'Data quality' summary only.
- `clear`: empties what refresh wrote; the input sheets are never touched.

Lite can change the open workbook only (values, formulas, number formats, tables, names, adding
sheets): it cannot open, save or build another workbook, start a process or a thread, or write a
file the user can reach. So everything here is written into this workbook through its book API,
and every message goes into the workbook too: the first cell of 'Data quality' and, when the
workbook defines it, the cell named `XLD_Status`. A problem with the data ends as one sentence
there, never a traceback.

The steps are plain functions of a book (`refresh_book`, `check_book`, `clear_book`), so they
also run from desktop xlwings and, in tests, against xlwings' JSON book engine; the `@script`
functions are the thin layer Lite calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import xlwings as xw
from xlwings import script

from ..api import DATA_SHEET, RESULT_COLUMNS, Results, compute_source, quality_summary
from ..errors import XlDashboardError
from .book import (
    XlwingsBook,
    add_sheet,
    as_sheet_rows,
    blank_if_na,
    failure_text,
    issue_counts,
    output_sheet,
    stopped_message,
)
from .lite_buttons import LITE_BUTTONS
from .refresh import clear_pages, has_dashboard, refresh_pages

INDICATOR_SHEET = "Indicator data"
INDICATOR_TABLE = "IndicatorData"
QUALITY_SHEET = "Data quality"
STATUS_NAME = "XLD_Status"  # an optional one-cell name, e.g. beside the template's buttons
TABLE_STYLE = "TableStyleLight1"
PAGES_DONE = " and the dashboard pages ('Dashboard' and the four page sheets)"
ISSUES_TITLE = "Issues by rule"
ROWS_TITLE = "Input rows"

T = TypeVar("T")


# ------------------------------------------------------------------------------------------
# The steps


def refresh_book(book: xw.Book) -> Results:
    """Compute from this workbook's sheets and write the results into it."""
    results = compute_source(XlwingsBook(book))
    rows = write_indicator_data(book, results)
    write_quality_summary(book, results)
    pages = has_dashboard(book)
    if pages:  # the dashboard inside the workbook, from the same results
        refresh_pages(book, results)
    s = results.settings
    set_status(
        book,
        f"Refreshed for {s.la_name}, {s.reporting_month}: {rows:,} rows on "
        f"'{INDICATOR_SHEET}'{PAGES_DONE if pages else ''}. Data quality: "
        f"{issue_counts(results)}",
    )
    return results


def check_book(book: xw.Book) -> Results:
    """Check this workbook's sheets: the 'Data quality' summary, nothing else."""
    results = compute_source(XlwingsBook(book))
    write_quality_summary(book, results)
    s = results.settings
    set_status(book, f"Checked {s.la_name}, {s.reporting_month}: {issue_counts(results)}")
    book.sheets[QUALITY_SHEET].activate()
    return results


def clear_book(book: xw.Book) -> list[str]:
    """Empty what refresh wrote: the rows of 'Indicator data' (its header row and table stay,
    so formulas that point at the table keep working), the 'Data quality' sheet and the blocks
    of 'Dashboard data' (the pages' formulas and charts stay). Returns the sheets it
    emptied."""
    cleared = []
    names = [s.name for s in book.sheets]
    if INDICATOR_SHEET in names:
        sheet = book.sheets[INDICATOR_SHEET]
        _clear_below(sheet, 1)
        _fit_table(sheet, 1, len(RESULT_COLUMNS))
        cleared.append(INDICATOR_SHEET)
    if QUALITY_SHEET in names:
        book.sheets[QUALITY_SHEET].clear_contents()
        cleared.append(QUALITY_SHEET)
    if clear_pages(book):
        cleared.append(DATA_SHEET)
    _set_named_status(book, "Cleared: " + (", ".join(f"'{n}'" for n in cleared) or "nothing"))
    return cleared


# ------------------------------------------------------------------------------------------
# What refresh writes


def indicator_rows(results: Results) -> list[list[object]]:
    """The tidy indicator table (the contract's columns) as rows, header first; a missing
    figure is a blank cell."""
    frame = results.data[RESULT_COLUMNS].astype(object)
    rows = [[blank_if_na(v) for v in row] for row in frame.values.tolist()]
    return [list(RESULT_COLUMNS), *rows]


def write_indicator_data(book: xw.Book, results: Results) -> int:
    """'Indicator data' as an Excel table, added after the List sheets the first time and
    refilled in place after that. Returns the rows written (header not counted)."""
    rows = indicator_rows(results)
    height, width = len(rows), len(RESULT_COLUMNS)
    names = [s.name for s in book.sheets]
    if INDICATOR_SHEET in names:
        sheet = book.sheets[INDICATOR_SHEET]
        sheet["A1"].value = as_sheet_rows(rows)
        _clear_below(sheet, height)
        _fit_table(sheet, height, width)
    else:
        sheet = add_sheet(book, INDICATOR_SHEET)
        sheet["A1"].value = as_sheet_rows(rows)
        _add_table(book, sheet, height, width)
    return height - 1


def quality_summary_rows(results: Results) -> list[list[object]]:
    """The 'Data quality' sheet below its status line: the issues counted by rule, sheet and
    severity with each rule described, then the row accounting per input sheet. Figures only:
    no row numbers, cell text or names (those go to `--quality-report`)."""
    summary = quality_summary(results)
    accounts = results.issues.accounting()
    rows: list[list[object]] = [
        [],
        [ISSUES_TITLE],
        list(summary.columns),
        *_frame_rows(summary),
        [],
        [ROWS_TITLE],
        list(accounts.columns),
        *_frame_rows(accounts),
    ]
    width = max(len(r) for r in rows)
    return as_sheet_rows([r + [None] * (width - len(r)) for r in rows])


def write_quality_summary(book: xw.Book, results: Results) -> None:
    """The 'Data quality' sheet emptied (or added) and filled; its first cell is left for the
    status line."""
    sheet = output_sheet(book, QUALITY_SHEET)
    sheet["A2"].value = quality_summary_rows(results)


def set_status(book: xw.Book, text: str) -> None:
    """The message of the last action: the first cell of 'Data quality' (added when missing),
    the cell named XLD_Status when the workbook has one, and Lite's Output pane."""
    if QUALITY_SHEET not in [s.name for s in book.sheets]:
        output_sheet(book, QUALITY_SHEET)
    book.sheets[QUALITY_SHEET]["A1"].value = as_sheet_rows([[text]])
    _set_named_status(book, text)


def _set_named_status(book: xw.Book, text: str) -> None:
    print(text)
    for name in book.names:
        if name.name.lower() == STATUS_NAME.lower():
            try:
                cell = name.refers_to_range
            except ValueError:
                return  # the name points at no single range: the message is elsewhere too
            cell.sheet.range((cell.row, cell.column)).value = as_sheet_rows([[text]])
            return


def _frame_rows(frame: pd.DataFrame) -> list[list[object]]:
    return [[blank_if_na(v) for v in row] for row in frame.astype(object).values.tolist()]


def _clear_below(sheet: xw.Sheet, height: int) -> None:
    """The cells under the first `height` rows of the sheet's used range emptied."""
    used = sheet.used_range
    last_row = used.row + used.rows.count - 1
    last_column = used.column + used.columns.count - 1
    if last_row > height:
        sheet.range((height + 1, 1), (last_row, last_column)).clear_contents()


def _fit_table(sheet: xw.Sheet, height: int, width: int) -> None:
    """The sheet's first table resized to the block written (a table keeps a body row)."""
    if sheet.tables.count:
        sheet.tables[0].resize(sheet.range((1, 1), (max(height, 2), width)))


def _add_table(book: xw.Book, sheet: xw.Sheet, height: int, width: int) -> None:
    """The block as an Excel table, named IndicatorData unless another table has the name."""
    taken = {t.name.lower() for s in book.sheets for t in s.tables}
    sheet.tables.add(
        source=sheet.range((1, 1), (max(height, 2), width)),
        name=None if INDICATOR_TABLE.lower() in taken else INDICATOR_TABLE,
        has_headers=True,
        table_style_name=TABLE_STYLE,
    )


# ------------------------------------------------------------------------------------------
# The scripts Lite runs


def run_step(title: str, step: Callable[[xw.Book], T], book: xw.Book) -> T | None:
    """A step as a Lite script runs it: a failure becomes the status message, the problem in
    one sentence (for a bug, its frames go to the Output pane, never into the workbook)."""
    try:
        return step(book)
    except Exception as exc:  # a user never sees a traceback
        if not isinstance(exc, XlDashboardError):
            print(failure_text())
        set_status(book, stopped_message(title, exc, "with the text in the Output pane"))
        book.sheets[QUALITY_SHEET].activate()
        return None


@script(name="Refresh dashboard", button=LITE_BUTTONS["refresh"].reference)
def refresh(book: xw.Book) -> None:
    """Read the lists and input sheets of this workbook, compute every indicator and write the
    'Indicator data' and 'Data quality' sheets and the dashboard pages' data."""
    run_step("Refresh dashboard", refresh_book, book)


@script(name="Check data", button=LITE_BUTTONS["check"].reference)
def check(book: xw.Book) -> None:
    """Check the lists and input sheets and write the 'Data quality' summary (counts only)."""
    run_step("Check data", check_book, book)


@script(name="Clear results", button=LITE_BUTTONS["clear"].reference)
def clear(book: xw.Book) -> None:
    """Empty what Refresh dashboard wrote; the input sheets are left as they are."""
    run_step("Clear results", clear_book, book)
