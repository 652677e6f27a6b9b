"""Custom-function calls as Office.js makes them (the xlwings add-in and xlwings Lite alike):
every argument a 2-D array, dates as Excel serial numbers."""

from __future__ import annotations

import asyncio
import datetime as dt
from types import ModuleType
from typing import Any

import xlwings as xw
import xlwings.server as xs


def officejs_call(module: ModuleType, name: str, *args: object) -> Any:
    """`name` of `module` called through xlwings' own `custom_functions_call`."""
    data = {
        "client": "Office.js",
        "version": xw.__version__,
        "runtime": "1.4",
        "func_name": name,
        "args": [a if isinstance(a, list) else [[a]] for a in args],
    }
    return asyncio.run(xs.custom_functions_call(data, module))


def serial(day: dt.date) -> int:
    """Excel's serial number of a date (what Office.js passes for a date cell)."""
    return (day - dt.date(1899, 12, 30)).days
