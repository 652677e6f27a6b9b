"""xlwings' JSON book in tests: a workbook file as the payload a client sends, and the actions a
macro returns replayed onto a payload the way Excel would apply them (for the actions our macros
use). Dates travel as ISO strings, as the VBA and Office.js clients send them."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine as calamine
import xlsxwriter
import xlwings as xw

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
CLIENT_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$")
IGNORED = {"alert", "setNumberFormat", "resizeTable", "activateSheet"}  # no effect on values


def client_value(value: object) -> object:
    """A cell as the client sends it: dates as ISO strings with a Z, blanks as None."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    if value == "":
        return None
    return value


def payload_from_workbook(path: Path, name: str | None = None) -> dict[str, Any]:
    """The payload a VBA client would send for the workbook: every sheet's values and tables."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    tables = _tables(path)
    sheets = []
    for sheet_name in book.sheet_names:
        rows = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False) or [[None]]
        sheets.append(
            {
                "name": sheet_name,
                "values": [[client_value(v) for v in row] for row in rows],
                "pictures": [],
                "tables": tables.get(sheet_name, []),
                "charts": [],
                "shapes": [],
                "notes": [],
            }
        )
    return {
        "client": "VBA",
        "version": xw.__version__,
        "book": {"name": name or path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def _tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for ws in openpyxl.load_workbook(path).worksheets:
        for table in ws.tables.values():
            first, last = table.ref.split(":")
            header_end = re.sub(r"\d+$", re.sub(r"^[A-Z]+", "", first), last)
            found.setdefault(ws.title, []).append(
                {
                    "name": table.name,
                    "range_address": table.ref,
                    "header_row_range_address": f"{first}:{header_end}",
                    "data_body_range_address": None,
                    "total_row_range_address": None,
                    "show_headers": True,
                    "show_totals": False,
                    "table_style": "",
                    "show_autofilter": True,
                }
            )
    return found


def sheet_index(payload: dict[str, Any], name: str) -> int:
    return [s["name"] for s in payload["sheets"]].index(name)


def paste(payload: dict[str, Any], sheet: str, rows: Sequence[Sequence[object]]) -> None:
    """Rows pasted at A1 of a sheet (what is outside the pasted block stays)."""
    values = payload["sheets"][sheet_index(payload, sheet)]["values"]
    _write(values, 0, 0, [[client_value(v) for v in row] for row in rows])


def replay(payload: dict[str, Any], actions: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The payload after Excel has applied the actions (values only)."""
    out = copy.deepcopy(payload)
    for action in actions:
        func, args = action["func"], action["args"]
        if func == "addSheet":
            out["sheets"].insert(args[0], _empty_sheet(args[1]))
        elif func == "sheetClearContents":
            out["sheets"][action["sheet_position"]]["values"] = [[None]]
        elif func == "rangeClearContents":
            values = out["sheets"][action["sheet_position"]]["values"]
            top, left = action["start_row"], action["start_column"]
            blank = [[None] * action["column_count"] for _ in range(action["row_count"])]
            _write(values, top, left, blank)
        elif func == "addTable":
            address, _, _, name = args
            out["sheets"][action["sheet_position"]]["tables"].append(
                {"name": name, "range_address": address.replace("$", "")}
            )
        elif func == "setValues":
            values = out["sheets"][action["sheet_position"]]["values"]
            typed = [[_typed(v) for v in row] for row in action["values"]]
            _write(values, action["start_row"], action["start_column"], typed)
        elif func not in IGNORED:
            raise AssertionError(f"the test cannot replay the action {func!r}")
    return out


def _typed(value: object) -> object:
    """A written cell as Excel stores it: ISO date text becomes a date, a leading apostrophe
    keeps text as text, "" is blank."""
    if isinstance(value, str):
        if ISO_DAY.match(value):
            return f"{value}T00:00:00.000Z"
        if ISO_TIME.match(value):
            return value.replace(" ", "T") + ".000Z"
        if value.startswith("'"):
            return value[1:]
        if value == "":
            return None
    return value


def _write(values: list[list[object]], top: int, left: int, block: list[list[object]]) -> None:
    width = max([len(r) for r in values] + [left + max((len(r) for r in block), default=0)])
    while len(values) < top + len(block):
        values.append([])
    for row in values:
        row.extend([None] * (width - len(row)))
    for i, row in enumerate(block):
        values[top + i][left : left + len(row)] = row


def _empty_sheet(name: str) -> dict[str, Any]:
    return {"name": name, "values": [[None]], "pictures": [], "tables": [], "charts": []}


def write_workbook(payload: dict[str, Any], path: Path) -> Path:
    """The payload saved as a workbook, as Excel would save it (dates as dates)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for sheet in payload["sheets"]:
        ws = book.add_worksheet(sheet["name"])
        for i, row in enumerate(sheet["values"]):
            for j, v in enumerate(row):
                if isinstance(v, str) and CLIENT_DATE.match(v):
                    ws.write_datetime(i, j, dt.datetime.fromisoformat(v[:-1]), date_format)
                elif isinstance(v, str):
                    ws.write_string(i, j, v)
                elif v is not None:
                    ws.write(i, j, v)
    book.close()
    return path
