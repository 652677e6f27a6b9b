"""The XLD_* functions as xlwings Lite custom functions (Python in Excel, no Python installed).

The same names, arguments and rules as the desktop functions (`udfs`, whose range-at-once
rules these call), with what Lite changes:
- a custom function never gets the workbook, so `XLD_INDICATOR` takes the Indicator data table
  (header row first: indicator_id, breakdown, period, ..., value) as its fourth argument;
- arguments come in as Office.js sends them (`raw`: serial numbers for dates, "" or null for an
  empty cell, error cells as error objects, which count as blank) and answers go back in the
  same form (error values, "" for a blank, dates as serial numbers shown dd/mm/yyyy), so no
  cell goes through xlwings' per-cell converters: a column of 100,000 cells is worked as a
  whole (`benchmarks/udf_speed.py`).

Nothing here starts a process or a thread or writes a file (Pyodide has none of them). The Lite
`main.py` imports `LITE_FUNCTIONS` (or `from xl_dashboard.excel.lite_functions import *`):
Lite registers the functions that `main.py` holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from xlwings import arg, func, ret

from . import udfs
from .udfs import DIV0, NA, VALUE, Answer

__all__ = [
    "LITE_FUNCTIONS",
    "XLD_ADD_WORKDAYS",
    "XLD_CATALOGUE",
    "XLD_INDICATOR",
    "XLD_RAG",
    "XLD_RATE_PER_10K",
    "XLD_SOURCE_GROUP",
    "XLD_WORKDAYS",
]

DATE_FORMAT = "dd/mm/yyyy"
_ERRORS = {
    VALUE: {"type": "Error", "errorType": "Value"},
    NA: {"type": "Error", "errorType": "NotAvailable"},
    DIV0: {"type": "Error", "errorType": "Div0"},
}
# XLD_INDICATOR's table: Lite cannot read the workbook, so the table is an argument.
_INDICATOR_DOC = (
    "The dashboard's figure for an indicator and month, looked up in an Indicator data table."
)
_INDICATOR_HELP = {
    **udfs.HELP["XLD_INDICATOR"],
    "breakdown": 'A breakdown such as "Police" (leave it empty for the headline).',
    "data": "The Indicator data table (header row first), e.g. the data sheet's table.",
}


def _lite(
    doc: str | None = None, help: dict[str, str] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Registers a Lite custom function under the desktop function's name, help and docstring
    (or those given): raw arguments and a raw answer."""

    def register(f: Callable[..., Any]) -> Callable[..., Any]:
        f.__doc__ = doc or getattr(udfs, f.__name__).__doc__
        f = udfs.gc_paused(f)  # Office.js values in and out are 100,000s of small objects too
        for name, text in (help or udfs.HELP[f.__name__]).items():
            f = arg(name, "raw", doc=text)(f)
        return func(ret("raw")(f))

    return register


@_lite()
def XLD_WORKDAYS(start: Any, end: Any) -> Any:
    return lite_result(udfs.workdays(office(start), office(end)))


@_lite()
def XLD_ADD_WORKDAYS(start: Any, days: Any) -> Any:
    return lite_result(udfs.add_workdays(office(start), office(days)))


@_lite()
def XLD_RATE_PER_10K(count: Any, population: Any) -> Any:
    return lite_result(udfs.rate_per_10k(office(count), office(population)))


@_lite()
def XLD_RAG(value: Any, target: Any, tolerance: Any, polarity: Any) -> Any:
    return lite_result(
        udfs.rag_status(office(value), office(target), office(tolerance), office(polarity))
    )


@_lite()
def XLD_SOURCE_GROUP(code: Any) -> Any:
    return lite_result(udfs.source_group(office(code)))


@_lite()
def XLD_CATALOGUE() -> Any:
    return [["" if v is None else v for v in row] for row in udfs.catalogue()]


@_lite(_INDICATOR_DOC, _INDICATOR_HELP)
def XLD_INDICATOR(indicator_id: Any, month: Any, breakdown: Any, data: Any) -> Any:
    try:
        values = udfs.lookup_table(office(data))
    except Exception:  # no table, or not an Indicator data table: the figure is not here
        return [[_ERRORS[NA]]]
    return lite_result(
        udfs.indicator(values, office(indicator_id), office(month), office(breakdown))
    )


LITE_FUNCTIONS: tuple[Callable[..., Any], ...] = (
    XLD_WORKDAYS,
    XLD_ADD_WORKDAYS,
    XLD_RATE_PER_10K,
    XLD_RAG,
    XLD_SOURCE_GROUP,
    XLD_CATALOGUE,
    XLD_INDICATOR,
)


# ------------------------------------------------------------------------------------------
# Office.js values in and out


def office(value: Any) -> np.ndarray:
    """An argument as Office.js sends it, as a 2-D array of the values xlwings' own converter
    would give: "" and null (None, or Pyodide's JsNull) blank, an error cell blank, another
    entity its basic value."""
    grid = udfs.as_grid(value)
    flat = grid.ravel()
    kinds = udfs.Kinds(flat)
    odd = np.flatnonzero(~kinds.of(float, int, str, bool, type(None)))
    for i in odd:  # rare: entities, errors, JsNull
        cell = flat[i]
        if isinstance(cell, dict):
            flat[i] = None if cell.get("type") == "Error" else cell.get("basicValue")
        elif type(cell).__name__ == "JsNull":
            flat[i] = None
    text = np.flatnonzero(kinds.of(str))
    flat[text[flat[text] == ""]] = None
    return grid


def lite_result(answer: Answer | str) -> list[list[Any]]:
    """An answer as Office.js takes it: always rows; "" for a blank, error objects for errors,
    dates as serial numbers formatted as dates."""
    if isinstance(answer, str):
        return [[_ERRORS[answer]]]
    return udfs.rows(udfs.cells(answer, "", _ERRORS, _formatted_dates))


def _formatted_dates(days: np.ndarray) -> np.ndarray:
    """Each date as a formatted serial number (one object per distinct date)."""
    distinct, where = np.unique(days, return_inverse=True)
    serials = (distinct - np.datetime64("1899-12-30", "D")).astype(np.int64).tolist()
    shown = np.array(
        [{"type": "FormattedNumber", "basicValue": s, "numberFormat": DATE_FORMAT} for s in serials]
        + [None],
        dtype=object,
    )[:-1]
    return shown[where.ravel()]
