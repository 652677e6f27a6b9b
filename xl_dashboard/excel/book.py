"""A live xlwings Book as a `SheetSource`, so the Excel doors read sheets with exactly the same
code as the command line (`load_from_sources`)."""

from __future__ import annotations

import datetime as dt
import re
import sys
import traceback
from collections.abc import Sequence

import pandas as pd
import xlwings as xw

from ..api import RawSheet, Results
from ..errors import InputError, XlDashboardError


class XlwingsBook:
    """The sheets of an open workbook, read through xlwings (Excel on Windows or macOS, or the
    JSON payload of xlwings Server): each sheet's used range in one read."""

    def __init__(self, book: xw.Book) -> None:
        self.book = book
        self.label = book.name

    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.book.sheets]

    def read(self, name: str) -> RawSheet:
        try:
            used = self.book.sheets[name].used_range
            # xlwings' remote engine (xlwings Server, Lite's JSON) turns any text that looks like
            # an ISO date-time into a datetime, cutting its last character as if it were a "Z":
            # text such as '2024-05-03T09:15:00' in a list then fails. Read its raw values and
            # convert only what the client sent as dates.
            remote = self.book.app.engine.name == "remote"
            rows = used.raw_value if remote else used.options(ndim=2).value
        except Exception as exc:  # COM and the remote engine raise many types
            raise InputError(f"Sheet '{name}' of '{self.label}' could not be read: {exc}") from None
        return RawSheet.from_rows(name, _rows(rows), first_row=used.row)


def _rows(values: object) -> list[list[object]]:
    """xlwings' answer as a list of rows, whatever its shape (None, a scalar, one row)."""
    if values is None:
        return [[None]]
    if not isinstance(values, list | tuple):
        values = [[values]]
    elif values and not isinstance(values[0], list | tuple):
        values = [values]
    return [[_cell(v) for v in row] for row in values]


CLIENT_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def _cell(value: object) -> object:
    """Dates at midnight as dates (what python-calamine gives for a date cell); a date the
    remote client sent (ISO with a Z) as a date; empty text as blank."""
    if isinstance(value, str) and CLIENT_DATE.match(value):
        value = dt.datetime.fromisoformat(value[:19])
    elif value == "":
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date()
    return value


def rows_of(sheet: RawSheet) -> list[list[object]]:
    """A RawSheet back as rows: its header row, then its cells."""
    return [list(sheet.headers), *sheet.cells.tolist()]


def as_sheet_rows(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """Rows ready to write through xlwings: dates as datetimes; text kept as text (a leading
    apostrophe), so Excel never turns it into a formula, a number ('00123') or a date read in
    its own locale ('04/05/2024', '2024-05-03'); times and durations as text."""
    return [[_for_excel(v) for v in row] for row in rows]


def _for_excel(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.time | dt.timedelta):
        value = str(value)
    if isinstance(value, str) and value:
        return "'" + value
    return value


def blank_if_na(value: object) -> object:
    """A missing value (None, pandas' NA, NaN) as a blank cell; anything else as it is."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


def output_sheet(book: xw.Book, name: str) -> xw.Sheet:
    """The named sheet emptied, or added after the last List sheet (or at the end)."""
    if name in [s.name for s in book.sheets]:
        sheet = book.sheets[name]
        sheet.clear_contents()
        return sheet
    return add_sheet(book, name)


def add_sheet(book: xw.Book, name: str) -> xw.Sheet:
    """A new sheet after the last List sheet (or at the end)."""
    names = [s.name for s in book.sheets]
    lists = [n for n in names if re.fullmatch(r"list\s*\d+", n.strip().lower())]
    return book.sheets.add(name, after=book.sheets[lists[-1] if lists else -1])


def issue_counts(results: Results) -> str:
    """'3 errors, 5 warnings, 2 notes.'"""
    e, w, n = (results.issues.count(s) for s in ("error", "warning", "info"))
    return f"{e:,} errors, {w:,} warnings, {n:,} notes."


def stopped_message(action: str, exc: BaseException, report: str = "") -> str:
    """One sentence for the user when a button's work fails: the problem as the core words it,
    or, for a bug, its type and where to find the details (`report`, e.g. 'with the file …')."""
    if isinstance(exc, XlDashboardError):
        return f"{action} stopped. {exc}"
    return (
        f"{action} stopped because of something xl_dashboard did not expect "
        f"({type(exc).__name__}: {exc}). Please report it{', ' + report if report else ''}."
    )


def failure_text() -> str:
    """The exception being handled, for a bug report: the code's frames and its type, never its
    message (it may quote a cell, a child's id)."""
    exc = sys.exc_info()[1]
    frames = traceback.format_tb(exc.__traceback__) if exc is not None else []
    return (
        "Traceback (most recent call last):\n"
        + "".join(frames)
        + f"{type(exc).__name__ if exc else 'Error'} (message withheld: it may hold data)\n"
    )
