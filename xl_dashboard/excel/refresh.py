"""Refresh in place: the dashboard inside the workbook filled from `Results`, through either
Excel door (Lite's `refresh_book`, the desktop button "Refresh here").

Only values are written, one range per block of the sheet 'Dashboard data' (`api.geometry()`):
the Summary and the page sheets of the template read those cells through their formulas, charts
and conditional formats, so nothing else needs to change, and Lite's book API (values only) is
enough."""

from __future__ import annotations

import xlwings as xw

from ..api import DATA_SHEET, DataBlocks, Results, data_blocks, geometry
from ..errors import XlDashboardError
from .book import as_sheet_rows


class NoDashboardSheet(XlDashboardError):
    """The workbook has no 'Dashboard data' sheet (made before the template held the pages)."""


def has_dashboard(book: xw.Book) -> bool:
    return DATA_SHEET in [s.name for s in book.sheets]


def require_dashboard(book: xw.Book) -> None:
    """Stop, in one sentence, when the workbook holds no dashboard pages."""
    if not has_dashboard(book):
        raise NoDashboardSheet(
            f"This workbook has no sheet '{DATA_SHEET}', so it holds no dashboard pages to "
            "refresh: make a new workbook with `xl-dashboard template` and copy your sheets "
            "into it, or use Refresh dashboard (the dashboard as its own workbook)."
        )


def write_blocks(book: xw.Book, blocks: DataBlocks) -> int:
    """Every block's values written into 'Dashboard data', one range write each. Returns the
    cells written."""
    require_dashboard(book)
    sheet = book.sheets[DATA_SHEET]
    written = 0
    for name, spot in blocks.geometry.items():
        rows = blocks.values[name]
        first = (spot.row + 1, spot.column + 1)
        last = (spot.row + spot.height, spot.column + spot.width)
        sheet.range(first, last).value = as_sheet_rows(rows)
        written += spot.height * spot.width
    return written


def refresh_pages(book: xw.Book, results: Results) -> int:
    """The workbook's dashboard pages refreshed from the results (a published pack's figures
    when the Settings say publish). Returns the cells written."""
    return write_blocks(book, data_blocks(results))


def clear_pages(book: xw.Book) -> bool:
    """Every block emptied (the pages' formulas and charts stay); False when the workbook has
    no dashboard pages."""
    if not has_dashboard(book):
        return False
    sheet = book.sheets[DATA_SHEET]
    for spot in geometry().values():
        first = (spot.row + 1, spot.column + 1)
        sheet.range(first, (spot.row + spot.height, spot.column + spot.width)).clear_contents()
    return True
