"""The formulas' door: Excel functions over the core (xlwings UDFs).

One module for classic xlwings on Windows (the template's `xlwings.conf` sheet names it under
`UDF Modules`; *Import Functions* registers it) and for xlwings Server / Lite custom functions.
Every argument arrives as a 2-D array (a range or one value) and the arguments are broadcast
against each other, so each function takes ranges and spills its answer. Dates may be date
values (classic) or serial numbers (Office.js) or dd/mm/yyyy / yyyy-mm-dd text.

A blank input gives a blank. An input that cannot be understood gives `#VALUE!`, a figure that
does not exist `#N/A`, a zero population `#DIV/0!`: real error values in xlwings Server and Lite;
on Windows desktop the same words as text, because classic xlwings cannot return error values
(xlwings issue #776). Never a Python error text."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import xlwings as xw

from ..api import (
    BY_ID,
    CATALOGUE,
    INVALID,
    SECTIONS,
    clean_text,
    compute_source,
    norm_header,
    parse_code,
    parse_date,
    parse_month_text,
    parse_number,
    rag,
    source_groups,
)
from ..calendar import add_wd, parse_month, wd
from ..settings import Settings
from .book import XlwingsBook

VALUE, NA, DIV0 = "#VALUE!", "#N/A", "#DIV/0!"
BOOK_CACHE_SECONDS = 10.0  # one recalculation of many XLD_INDICATOR cells reads the book once
_BOOK_VALUES: dict[str, tuple[float, dict[tuple[str, str, str], float]]] = {}


class _Bad(ValueError):
    """An input that is there but cannot be understood (→ #VALUE!)."""


# ------------------------------------------------------------------------------------------
# Working days, rates, RAG, source groups


@xw.func
@xw.arg("start", ndim=2, doc="First day (a date, or a range of dates).")
@xw.arg("end", ndim=2, doc="Last day (a date, or a range of dates).")
def XLD_WORKDAYS(start: Any, end: Any) -> Any:
    """Working days from start to end, weekends and bank holidays left out (same day = 0)."""
    # The dashboard's timescale rule (calendar.wd): Monday to Tuesday is 1, England and Wales.

    def days(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.asarray(wd(_as_days(a), _as_days(b)), dtype=float).reshape(a.shape)

    return _apply(days, (start, _date), (end, _date))


@xw.func
@xw.arg("start", ndim=2, doc="The day to count from (a date, or a range of dates).")
@xw.arg("days", ndim=2, doc="Working days to add (whole number; negative counts back).")
def XLD_ADD_WORKDAYS(start: Any, days: Any) -> Any:
    """The date a number of working days after start (weekends and bank holidays skipped)."""
    # calendar.add_wd: a start on a weekend or bank holiday moves to the next working day first.

    def add(a: np.ndarray, n: np.ndarray) -> np.ndarray:
        out = add_wd(_as_days(a), n.astype(float)).reshape(a.shape)
        return np.array([_datetime(d) for d in out.ravel()], dtype=object).reshape(a.shape)

    return _apply(add, (start, _date), (days, _whole))


@xw.func
@xw.arg("count", ndim=2, doc="The count (children, contacts, ...).")
@xw.arg("population", ndim=2, doc="The population aged 0-17.")
def XLD_RATE_PER_10K(count: Any, population: Any) -> Any:
    """A count per 10,000 children: 10000 x count / population, as the dashboard's rates."""

    def rate(c: np.ndarray, p: np.ndarray) -> np.ndarray:
        c, p = c.astype(float), p.astype(float)
        out = np.empty(c.shape, dtype=object)
        zero = p == 0
        out[zero] = DIV0
        out[~zero] = 10000 * c[~zero] / p[~zero]
        return out

    return _apply(rate, (count, _number), (population, _number))


@xw.func
@xw.arg("value", ndim=2, doc="The figure.")
@xw.arg("target", ndim=2, doc="Its target.")
@xw.arg("tolerance", ndim=2, doc="How far from the target is still amber (blank = 0).")
@xw.arg("polarity", ndim=2, doc='"up" (higher is better), "down", or an indicator_id.')
def XLD_RAG(value: Any, target: Any, tolerance: Any, polarity: Any) -> Any:
    """RAG status as on the dashboard: G, A or R (blank without a value or a target)."""
    # dashboard.rules.rag: G meets the target, A is within the tolerance; polarity none: blank.

    def letters(v: np.ndarray, t: np.ndarray, tol: np.ndarray, pol: np.ndarray) -> np.ndarray:
        out = np.empty(v.shape, dtype=object)
        for i in np.ndindex(v.shape):
            out[i] = rag(float(v[i]), float(t[i]), _or_none(tol[i]), str(pol[i])) or None
        return out

    return _apply(
        letters,
        (value, _number),
        (target, _number),
        (tolerance, _number),
        (polarity, _polarity),
        optional=(2,),
    )


@xw.func
@xw.arg("code", ndim=2, doc='A contact or referral source: "6", "q) 6: Police", ...')
def XLD_SOURCE_GROUP(code: Any) -> Any:
    """The dashboard's source group (Police, Health, ...) of a contact or referral source."""
    # front_door.source_groups: an unknown code counts as Other, as on the dashboard.

    def groups(codes: np.ndarray) -> np.ndarray:
        return source_groups(pd.Series(codes.ravel(), dtype=object)).reshape(codes.shape)

    return _apply(groups, (code, _code))


# ------------------------------------------------------------------------------------------
# The catalogue and the figures


@xw.func
def XLD_CATALOGUE() -> Any:
    """The dashboard's indicators: id, title, section, unit, polarity, source, definition."""
    header = ["indicator_id", "title", "section", "unit", "polarity", "source", "definition"]
    defaults = Settings()  # the contract's timescales (titles may name them)
    return [header] + [
        [i.id, i.title_for(defaults), SECTIONS[i.section], i.unit, i.polarity, i.source]
        + [i.definition]
        for i in CATALOGUE
    ]


@xw.func
@xw.arg("indicator_id", ndim=2, doc='The indicator, e.g. "referrals" (see XLD_CATALOGUE).')
@xw.arg("month", ndim=2, doc='The month: "2024-09" or any date in it.')
@xw.arg("breakdown", ndim=2, doc='A breakdown such as "Police" (blank = the headline).')
@xw.arg("data", ndim=2, doc="Optional: an Indicator data table to read instead of this workbook.")
def XLD_INDICATOR(indicator_id: Any, month: Any, breakdown: Any = None, data: Any = None) -> Any:
    """The dashboard's figure for an indicator and month, from this workbook's data (or #N/A)."""
    # Computed from the calling workbook's sheets exactly as Refresh dashboard does, or looked up
    # in a given Indicator data table (xlwings Server and Lite functions cannot read the book).
    try:
        values = _lookup_table(data) if data is not None else _book_values()
    except Exception:  # no readable workbook or table: the figure is not available here
        return NA

    def figures(ids: np.ndarray, months: np.ndarray, parts: np.ndarray) -> np.ndarray:
        out = np.empty(ids.shape, dtype=object)
        for i in np.ndindex(ids.shape):
            v = values.get((ids[i], parts[i] or "", months[i]))
            out[i] = NA if v is None or pd.isna(v) else float(v)
        return out

    return _apply(
        figures,
        (indicator_id, _indicator),
        (month, _month),
        (breakdown, _text),
        optional=(2,),
    )


def _book_values() -> dict[tuple[str, str, str], float]:
    """The calling workbook's figures, computed from its sheets (kept for a few seconds, so a
    recalculation computes once however many cells ask)."""
    book = xw.Book.caller()
    now = time.monotonic()
    hit = _BOOK_VALUES.get(book.fullname)
    if hit is None or now - hit[0] > BOOK_CACHE_SECONDS:
        results = compute_source(XlwingsBook(book))
        hit = _BOOK_VALUES[book.fullname] = (now, _values(results.data))
    return hit[1]


def _lookup_table(data: Any) -> dict[tuple[str, str, str], float]:
    """An Indicator data table given as a range (header row first)."""
    rows = _grid(data)
    index = {norm_header(h): j for j, h in enumerate(rows[0]) if h is not None}
    if not {"indicatorid", "period", "value"} <= set(index):
        raise _Bad("not an Indicator data table")
    body = rows[1:]
    breakdowns = body[:, index["breakdown"]] if "breakdown" in index else [None] * len(body)
    numbers = [parse_number(v) for v in body[:, index["value"]]]
    frame = pd.DataFrame(
        {
            "indicator_id": [clean_text(v) for v in body[:, index["indicatorid"]]],
            "breakdown": [clean_text(v) or "" for v in breakdowns],
            "period": [parse_month_text(v) for v in body[:, index["period"]]],
            "value": [None if v is INVALID else v for v in numbers],
        }
    )
    return _values(frame)


def _values(data: pd.DataFrame) -> dict[tuple[str, str, str], float]:
    keys = zip(data["indicator_id"], data["breakdown"].fillna(""), data["period"], strict=True)
    return dict(zip(keys, data["value"], strict=True))


# ------------------------------------------------------------------------------------------
# Arguments: parse each cell, broadcast, compute, and give blanks and error values back


def _apply(
    compute_cells: Callable[..., np.ndarray],
    *args: tuple[Any, Callable[[Any], Any]],
    optional: tuple[int, ...] = (),
) -> Any:
    """Parse every argument cell by cell, broadcast them, compute where all are usable.

    A blank cell gives a blank answer (unless its argument is optional: then it stays None
    for the computation); a cell that cannot be parsed gives #VALUE!."""
    try:
        grids = np.broadcast_arrays(*(_grid(value) for value, _ in args))
    except ValueError:  # ranges of shapes that do not match
        return VALUE
    shape = grids[0].shape
    parsed, blank, bad = [], np.zeros(shape, bool), np.zeros(shape, bool)
    for k, (grid, (_, parse)) in enumerate(zip(grids, args, strict=True)):
        values = np.empty(shape, dtype=object)
        for i in np.ndindex(shape):
            try:
                values[i] = parse(grid[i])
            except _Bad:
                bad[i] = True
        if k not in optional:
            blank |= _nones(values)
        parsed.append(values)
    out = np.full(shape, None, dtype=object)
    ok = ~(blank | bad)
    if ok.any():
        try:
            answers = compute_cells(*(_fill(p, ok) for p in parsed))
            out[ok] = np.asarray(answers, dtype=object)[ok]
        except Exception:  # a value the core cannot use: an error value, never a traceback
            out[ok] = VALUE
    out[bad] = VALUE
    return _result(out)


def _fill(values: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """Cells left out of the computation get a harmless stand-in of the same kind."""
    filler = next((v for v in values[ok].ravel() if v is not None), None)
    out = values.copy()
    out[~ok & _nones(values)] = filler
    return out


def _nones(values: np.ndarray) -> np.ndarray:
    return np.frompyfunc(lambda v: v is None, 1, 1)(values).astype(bool)


def _grid(value: Any) -> np.ndarray:
    """An argument as a 2-D object array (xlwings gives lists of rows with ndim=2)."""
    if not isinstance(value, list):
        value = [[value]]
    elif value and not isinstance(value[0], list):
        value = [value]
    grid = np.empty((len(value), max((len(r) for r in value), default=0)), dtype=object)
    for i, row in enumerate(value):
        grid[i, : len(row)] = row
    return grid


def _result(out: np.ndarray) -> Any:
    """One cell as a value, a range as rows to spill; NaN as blank."""
    cells = [[_clean(v) for v in row] for row in out.tolist()]
    return cells[0][0] if out.shape == (1, 1) else cells


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


# Cell parsers: None for blank, the value, or _Bad.


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and clean_text(value) is None)


def _date(value: Any) -> pd.Timestamp | None:
    if _blank(value):
        return None
    day = parse_date(value)
    if day is INVALID:
        raise _Bad(value)
    return day


def _number(value: Any) -> float | None:
    if _blank(value):
        return None
    number = parse_number(value)
    if number is INVALID:
        raise _Bad(value)
    return number


def _whole(value: Any) -> float | None:
    number = _number(value)
    if number is not None and not float(number).is_integer():
        raise _Bad(value)
    return number


def _code(value: Any) -> str | None:
    return None if _blank(value) else parse_code(value)


def _text(value: Any) -> str | None:
    return None if _blank(value) else clean_text(value)


POLARITY_WORDS = {"up": "up", "higherisbetter": "up", "down": "down", "lowerisbetter": "down"}


def _polarity(value: Any) -> str | None:
    if _blank(value):
        return None
    key = norm_header(value)
    if key in POLARITY_WORDS:
        return POLARITY_WORDS[key]
    if key == "none":
        return "none"
    indicator = BY_ID.get(str(value).strip())
    if indicator is None:
        raise _Bad(value)
    return indicator.polarity


def _indicator(value: Any) -> str | None:
    if _blank(value):
        return None
    text = str(value).strip()
    if text not in BY_ID:
        raise _Bad(value)
    return text


def _month(value: Any) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = _date(value)
    try:
        return str(parse_month(value))
    except Exception:
        text = parse_month_text(value)
        if text is None or text is INVALID:
            raise _Bad(value) from None
        return str(text)


def _or_none(value: Any) -> float | None:
    return None if value is None else float(value)


def _as_days(values: np.ndarray) -> np.ndarray:
    return np.array([np.datetime64(v, "D") for v in values.ravel()]).reshape(values.shape)


def _datetime(day: np.datetime64) -> Any:
    return None if np.isnat(day) else pd.Timestamp(day).to_pydatetime()
