"""A live xlwings Book as a `SheetSource`, so the Excel doors read sheets with exactly the same
code as the command line (`load_from_sources`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import xlwings as xw

from ..api import RawSheet
from ..errors import InputError


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
