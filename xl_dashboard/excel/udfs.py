"""The formulas' door: Excel functions over the core (xlwings UDFs).

One module for classic xlwings on Windows (the template's `xlwings.conf` sheet names it under
`UDF Modules`; *Import Functions* registers it) and for xlwings Server custom functions; the
same functions for xlwings Lite are in `lite_functions`, over the same cell rules below.
Every argument arrives as a 2-D array (a range or one value) and the arguments are broadcast
against each other, so each function takes ranges and spills its answer. Dates may be date
values (classic) or serial numbers (Office.js) or dd/mm/yyyy / yyyy-mm-dd text.

A blank input gives a blank. An input that cannot be understood gives `#VALUE!`, a figure that
does not exist `#N/A`, a zero population `#DIV/0!`: real error values in xlwings Server and Lite;
on Windows desktop the same words as text, because classic xlwings cannot return error values
(xlwings issue #776). Never a Python error text.

Whole ranges are worked at once (a column of 100,000 dates is one numpy call, not 100,000
Python calls): numbers and dates are converted by numpy, and text and anything unusual is
parsed once per distinct value with the same per-cell parsers as a build uses, so a range gives
exactly what each of its cells would give alone (tests/excel/test_udfs.py holds a per-cell
reference). `benchmarks/udf_speed.py` times them."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
    source_groups,
)
from ..calendar import add_wd, parse_month, wd
from ..settings import Settings

VALUE, NA, DIV0 = "#VALUE!", "#N/A", "#DIV/0!"
BOOK_CACHE_SECONDS = 10.0  # one recalculation of many XLD_INDICATOR cells reads the book once
_BOOK_VALUES: dict[str, tuple[float, dict[tuple[str, str, str], float]]] = {}

# Each function's arguments and their help in Excel (shared with lite_functions).
HELP: dict[str, dict[str, str]] = {
    "XLD_WORKDAYS": {
        "start": "First day (a date, or a range of dates).",
        "end": "Last day (a date, or a range of dates).",
    },
    "XLD_ADD_WORKDAYS": {
        "start": "The day to count from (a date, or a range of dates).",
        "days": "Working days to add (whole number; negative counts back).",
    },
    "XLD_RATE_PER_10K": {
        "count": "The count (children, contacts, ...).",
        "population": "The population aged 0-17.",
    },
    "XLD_RAG": {
        "value": "The figure.",
        "target": "Its target.",
        "tolerance": "How far from the target is still amber (blank = 0).",
        "polarity": '"up" (higher is better), "down", or an indicator_id.',
    },
    "XLD_SOURCE_GROUP": {"code": 'A contact or referral source: "6", "q) 6: Police", ...'},
    "XLD_CATALOGUE": {},
    "XLD_INDICATOR": {
        "indicator_id": 'The indicator, e.g. "referrals" (see XLD_CATALOGUE).',
        "month": 'The month: "2024-09" or any date in it.',
        "breakdown": 'A breakdown such as "Police" (blank = the headline).',
        "data": "Optional: an Indicator data table to read instead of this workbook.",
    },
}


def _function(f: Callable[..., Any]) -> Callable[..., Any]:
    """Registers an XLD_* function with xlwings: every argument a 2-D range, with its help."""
    for name, doc in HELP[f.__name__].items():
        f = xw.arg(name, ndim=2, doc=doc)(f)
    return xw.func(f)


class _Bad(ValueError):
    """An input that is there but cannot be understood (→ #VALUE!)."""


# ------------------------------------------------------------------------------------------
# The functions (classic xlwings and xlwings Server)


@_function
def XLD_WORKDAYS(start: Any, end: Any) -> Any:
    """Working days from start to end, weekends and bank holidays left out (same day = 0)."""
    return desktop_result(workdays(start, end))


@_function
def XLD_ADD_WORKDAYS(start: Any, days: Any) -> Any:
    """The date a number of working days after start (weekends and bank holidays skipped)."""
    return desktop_result(add_workdays(start, days))


@_function
def XLD_RATE_PER_10K(count: Any, population: Any) -> Any:
    """A count per 10,000 children: 10000 x count / population, as the dashboard's rates."""
    return desktop_result(rate_per_10k(count, population))


@_function
def XLD_RAG(value: Any, target: Any, tolerance: Any, polarity: Any) -> Any:
    """RAG status as on the dashboard: G, A or R (blank without a value or a target)."""
    return desktop_result(rag_status(value, target, tolerance, polarity))


@_function
def XLD_SOURCE_GROUP(code: Any) -> Any:
    """The dashboard's source group (Police, Health, ...) of a contact or referral source."""
    return desktop_result(source_group(code))


@_function
def XLD_CATALOGUE() -> Any:
    """The dashboard's indicators: id, title, section, unit, polarity, source, definition."""
    return catalogue()


@_function
def XLD_INDICATOR(indicator_id: Any, month: Any, breakdown: Any = None, data: Any = None) -> Any:
    """The dashboard's figure for an indicator and month, from this workbook's data (or #N/A)."""
    # Computed from the calling workbook's sheets exactly as Refresh dashboard does, or looked up
    # in a given Indicator data table (xlwings Server and Lite functions cannot read the book).
    try:
        values = lookup_table(data) if data is not None else _book_values()
    except Exception:  # no readable workbook or table: the figure is not available here
        return NA
    return desktop_result(indicator(values, indicator_id, month, breakdown))


def _book_values() -> dict[tuple[str, str, str], float]:
    """The calling workbook's figures, computed from its sheets (kept for a few seconds, so a
    recalculation computes once however many cells ask)."""
    from .book import XlwingsBook

    book = xw.Book.caller()
    now = time.monotonic()
    hit = _BOOK_VALUES.get(book.fullname)
    if hit is None or now - hit[0] > BOOK_CACHE_SECONDS:
        results = compute_source(XlwingsBook(book))
        hit = _BOOK_VALUES[book.fullname] = (now, _values(results.data))
    return hit[1]


# ------------------------------------------------------------------------------------------
# The rules, over whole ranges (shared by both doors)


@dataclass(frozen=True)
class Answer:
    """A function's answer over the broadcast shape: `values` (float64, datetime64[D] or
    object) where `error` is None and the cell is not blank; `error` holds an error's text."""

    values: np.ndarray
    blank: np.ndarray
    error: np.ndarray


def gc_paused(f: Callable[..., Any]) -> Callable[..., Any]:
    """The function run with the cyclic collector paused: a range of 100,000 cells makes
    hundreds of thousands of small objects, and each collection would walk the caller's whole
    heap (Excel's Python process, or Lite's) for nothing: none of them forms a cycle."""

    @functools.wraps(f)
    def paused(*args: Any, **kwargs: Any) -> Any:
        with _no_gc():
            return f(*args, **kwargs)

    return paused


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: building 100,000 small lists (a range's rows)
    makes it run over and over, though nothing here makes a cycle."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@gc_paused
def workdays(start: Any, end: Any) -> Answer | str:
    # The dashboard's timescale rule (calendar.wd): Monday to Tuesday is 1, England and Wales.
    return _evaluate(lambda a, b: np.asarray(wd(a, b), dtype=float), _dates(start), _dates(end))


@gc_paused
def add_workdays(start: Any, days: Any) -> Answer | str:
    # calendar.add_wd: a start on a weekend or bank holiday moves to the next working day first.
    return _evaluate(add_wd, _dates(start), _numbers(days, whole=True))


@gc_paused
def rate_per_10k(count: Any, population: Any) -> Answer | str:
    def rate(c: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        zero = p == 0
        with np.errstate(all="ignore"):
            out = np.where(zero, np.nan, 10000 * c / np.where(zero, 1.0, p))
        return out, np.where(zero, DIV0, None)

    return _evaluate(rate, _numbers(count), _numbers(population))


@gc_paused
def rag_status(value: Any, target: Any, tolerance: Any, polarity: Any) -> Answer | str:
    # dashboard.rules.rag over arrays: G meets the target, A is within the tolerance (blank or
    # not a number: 0), R otherwise; no value, no target or no good direction: blank.
    def letters(v: np.ndarray, t: np.ndarray, tol: np.ndarray, pol: np.ndarray) -> np.ndarray:
        sign = np.where(pol == "up", 1.0, -1.0)
        with np.errstate(invalid="ignore"):  # inf - inf: NaN, as in Python (R)
            gap = sign * (v - t)
        within = np.where(np.isnan(tol), 0.0, tol)
        out = np.full(gap.shape, "R", dtype=object)
        out[gap >= -within] = "A"
        out[gap >= 0] = "G"
        out[~((pol == "up") | (pol == "down")) | np.isnan(v) | np.isnan(t)] = None
        return out

    return _evaluate(
        letters,
        _numbers(value),
        _numbers(target),
        _numbers(tolerance),
        _each_distinct(as_grid(polarity), _polarity),
        optional=(2,),
    )


@gc_paused
def source_group(code: Any) -> Answer | str:
    # front_door.source_groups: an unknown code counts as Other, as on the dashboard.
    def groups(codes: np.ndarray) -> np.ndarray:
        return source_groups(pd.Series(codes, dtype=object))

    return _evaluate(groups, _each_distinct(as_grid(code), _code))


def catalogue() -> list[list[Any]]:
    header = ["indicator_id", "title", "section", "unit", "polarity", "source", "definition"]
    defaults = Settings()  # the contract's timescales (titles may name them)
    return [header] + [
        [i.id, i.title_for(defaults), SECTIONS[i.section], i.unit, i.polarity, i.source]
        + [i.definition]
        for i in CATALOGUE
    ]


@gc_paused
def indicator(
    values: dict[tuple[str, str, str], float], indicator_id: Any, month: Any, breakdown: Any
) -> Answer | str:
    """The figures of `values` (indicator_id, breakdown, month) → value, looked up once per
    distinct combination of the arguments."""

    def figures(ids: np.ndarray, months: np.ndarray, parts: np.ndarray) -> tuple[Any, Any]:
        parts = np.where(parts == None, "", parts)  # noqa: E711 (elementwise); the headline
        key = np.zeros(len(ids), dtype=np.int64)
        for column in (ids, months, parts):
            codes, uniques = pd.factorize(column)
            key = key * len(uniques) + codes
        distinct, first, where = np.unique(key, return_index=True, return_inverse=True)
        found = np.full(len(distinct), np.nan)
        for j, i in enumerate(first):
            v = values.get((ids[i], parts[i], months[i]))
            found[j] = np.nan if v is None or pd.isna(v) else float(v)
        out = found[where.ravel()]
        return out, np.where(np.isnan(out), NA, None)

    return _evaluate(
        figures,
        _each_distinct(as_grid(indicator_id), _indicator),
        _months(month),
        _each_distinct(as_grid(breakdown), _text),
        optional=(2,),
    )


def lookup_table(data: Any) -> dict[tuple[str, str, str], float]:
    """An Indicator data table given as a range (header row first)."""
    rows = as_grid(data)
    index = {norm_header(h): j for j, h in enumerate(rows[0]) if h is not None}
    if not {"indicatorid", "period", "value"} <= set(index):
        raise _Bad("not an Indicator data table")
    body = rows[1:]
    breakdowns = (
        body[:, index["breakdown"]] if "breakdown" in index else np.full(len(body), None, object)
    )
    numbers = _cell_map(body[:, index["value"]], parse_number)
    frame = pd.DataFrame(
        {
            "indicator_id": _cell_map(body[:, index["indicatorid"]], clean_text),
            "breakdown": [v or "" for v in _cell_map(breakdowns, clean_text)],
            "period": _cell_map(body[:, index["period"]], parse_month_text),
            "value": [None if v is INVALID else v for v in numbers],
        }
    )
    return _values(frame)


def _values(data: pd.DataFrame) -> dict[tuple[str, str, str], float]:
    keys = zip(data["indicator_id"], data["breakdown"].fillna(""), data["period"], strict=True)
    return dict(zip(keys, data["value"], strict=True))


# ------------------------------------------------------------------------------------------
# Arguments: parse whole ranges, broadcast, compute where every argument is usable


@dataclass(frozen=True)
class Parsed:
    """One argument parsed: values (NaN / NaT / None where blank or bad), blank and bad."""

    values: np.ndarray
    blank: np.ndarray
    bad: np.ndarray


def _evaluate(
    compute: Callable[..., Any], *args: Parsed, optional: tuple[int, ...] = ()
) -> Answer | str:
    """Broadcast the parsed arguments and compute the cells where all are usable.

    A blank cell gives a blank answer (unless its argument is optional: then it stays blank
    for the computation); a cell that cannot be parsed gives #VALUE!, and so does every usable
    cell if the core cannot compute them. `compute` takes 1-D arrays of the usable cells and
    gives their values, or (values, error texts or None)."""
    try:
        shape = np.broadcast_shapes(*(a.values.shape for a in args))
    except ValueError:  # ranges of shapes that do not match
        return VALUE
    blank, bad = np.zeros(shape, bool), np.zeros(shape, bool)
    for k, a in enumerate(args):
        bad |= a.bad
        if k not in optional:
            blank |= a.blank
    ok = ~(blank | bad)
    error = np.full(shape, None, dtype=object)
    values: np.ndarray = np.full(shape, None, dtype=object)
    if ok.any():
        try:
            answer = compute(*(np.broadcast_to(a.values, shape)[ok] for a in args))
            found, errors = answer if isinstance(answer, tuple) else (answer, None)
            found = np.asarray(found)
            kind = found.dtype.kind
            empty = {"f": np.nan, "M": np.datetime64("NaT")}.get(kind)
            values = np.full(shape, empty, dtype=found.dtype if kind in "fM" else object)
            values[ok] = found
            if errors is not None:
                error[ok] = errors
        except Exception:  # a value the core cannot use: an error value, never a traceback
            error[ok] = VALUE
    error[bad] = VALUE
    return Answer(values, blank & ~bad, error)


def desktop_result(answer: Answer | str) -> Any:
    """An answer as xlwings writes it: one cell as a value, a range as rows to spill; blank
    (and NaN) as None, dates as datetimes, errors as their text (#VALUE!, ...)."""
    if isinstance(answer, str):
        return answer
    out = cells(answer, None, {e: e for e in ERRORS}, _datetimes)
    return out[0, 0] if out.shape == (1, 1) else rows(out)


ERRORS = (VALUE, NA, DIV0)


def cells(
    answer: Answer,
    blank: Any,
    errors: dict[str, Any],
    dates: Callable[[np.ndarray], np.ndarray],
) -> np.ndarray:
    """The answer's cells as a door writes them: `blank` where there is no value (NaN
    included), each error as `errors` gives it, dates through `dates` (datetime64[D] in)."""
    values = answer.values
    out = np.full(values.shape, blank, dtype=object)
    if values.dtype.kind == "f":
        there = ~np.isnan(values)
        out[there] = values[there]
    elif values.dtype.kind == "M":
        there = ~np.isnat(values)
        out[there] = dates(values[there])
    else:
        flat, found = out.ravel(), values.ravel()
        there = found != None  # noqa: E711 (elementwise)
        floats = Kinds(found).of(float)
        there[floats] &= ~np.isnan(found[floats].astype(float))
        flat[there] = found[there]
    failed = np.flatnonzero(answer.error.ravel() != None)  # noqa: E711 (elementwise)
    if len(failed):
        flat, texts = out.ravel(), answer.error.ravel()[failed]
        for text in ERRORS:
            flat[failed[texts == text]] = errors[text]
    out[answer.blank] = blank
    return out


def _datetimes(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[us]").astype(object)


def rows(out: np.ndarray) -> list[list[Any]]:
    with _no_gc():  # a spill of 100,000 rows: the cyclic collector would cost ten times more
        return out.tolist()


def as_grid(value: Any) -> np.ndarray:
    """An argument as a 2-D object array (xlwings gives lists of rows with ndim=2)."""
    if isinstance(value, np.ndarray) and value.ndim == 2:
        return value.astype(object, copy=False)
    if not isinstance(value, list):
        value = [[value]]
    elif not value:
        return np.empty((0, 0), dtype=object)
    elif not isinstance(value[0], list):
        value = [value]
    try:
        widths = set(map(len, value))
    except TypeError:  # a row that is one value
        widths = set()
    if len(widths) == 1:  # a rectangle: one pass in C
        width = widths.pop()
        cells = itertools.chain.from_iterable(value)
        grid = np.fromiter(cells, dtype=object, count=len(value) * width)
        return grid.reshape(len(value), width)
    value = [r if isinstance(r, list) else [r] for r in value]
    grid = np.empty((len(value), max((len(r) for r in value), default=0)), dtype=object)
    for i, row in enumerate(value):
        grid[i, : len(row)] = row
    return grid


class Kinds:
    """Each cell's exact type (bool is not int, a datetime subclass is not datetime), as codes
    into the few distinct types: one pass over the cells, then integer masks."""

    def __init__(self, values: np.ndarray, codes: np.ndarray | None = None, types: Any = None):
        if codes is None:
            flat = values.ravel()
            each = np.frompyfunc(type, 1, 1)(flat) if len(flat) else np.empty(0, object)
            if len(each) and (each == each[0]).all():  # a column of one kind, as most are
                codes, types = np.zeros(len(each), np.int64), [each[0]]
            else:
                codes, types = pd.factorize(each)
        self.codes: np.ndarray = codes
        self.types: list[type] = list(types)

    def of(self, *types: type) -> np.ndarray:
        """Cells whose type is one of `types`."""
        wanted = [i for i, kind in enumerate(self.types) if kind in types]
        if len(wanted) == len(self.types):
            return np.ones(len(self.codes), bool)
        if len(wanted) == 1:
            return self.codes == wanted[0]
        return np.isin(self.codes, wanted)

    def __getitem__(self, where: np.ndarray) -> Kinds:
        return Kinds(np.empty(0), self.codes[where], self.types)


_EPOCH = np.datetime64("1899-12-30", "D")  # Excel's day 0 (1900 system)
_FIRST_DAY, _LAST_DAY = np.datetime64("1800-01-01", "D"), np.datetime64("2200-12-31", "D")


def _day(day: pd.Timestamp) -> np.datetime64:
    return day.to_datetime64().astype("datetime64[D]")


def _dates(value: Any) -> Parsed:
    """`parse_date` over a range, as datetime64[D]: serial numbers and date values by numpy,
    the rest (text, ...) once per distinct value."""
    grid = as_grid(value)
    flat = grid.ravel()
    kinds = Kinds(flat)
    days = np.full(flat.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    bad = np.zeros(flat.shape, bool)
    done = _serials(flat, kinds, days, bad)
    when = kinds.of(dt.datetime, dt.date, pd.Timestamp)
    if when.any():
        try:
            index = pd.DatetimeIndex(flat[when])
            if index.tz is None:
                found = index.to_numpy().astype("datetime64[D]")
                out = (found < _FIRST_DAY) | (found > _LAST_DAY)
                days[when] = np.where(out, np.datetime64("NaT"), found)
                bad[when] = out
                done |= when
        except Exception:  # out of pandas' range, or with time zones: cell by cell below
            pass
    rest = _each_distinct(flat[~done], _date, "datetime64[D]", _day, kinds[~done])
    days[~done] = rest.values
    bad[~done] = rest.bad
    blank = np.isnat(days) & ~bad
    return Parsed(days.reshape(grid.shape), blank.reshape(grid.shape), bad.reshape(grid.shape))


def _serials(flat: np.ndarray, kinds: Kinds, days: np.ndarray, bad: np.ndarray) -> np.ndarray:
    """Serial numbers (Office.js' dates) as days; returns which cells were numbers (NaN left
    out: it goes cell by cell)."""
    number = kinds.of(float, int)
    if number.any():
        n = np.full(flat.shape, np.nan)
        n[number] = flat[number].astype(float)
        number &= ~np.isnan(n)
        valid = number & (n >= 1) & (n < 73051)  # 1900-01-01 .. 2099-12-31 (parse_date)
        days[valid] = _EPOCH + n[valid].astype(np.int64)
        bad[number & ~valid] = True
    return number


def _numbers(value: Any, whole: bool = False) -> Parsed:
    """`parse_number` over a range, as float64: numbers by numpy, the rest (text such as
    "1,354" or "73.1%") once per distinct value. `whole`: a fraction is bad."""
    grid = as_grid(value)
    flat = grid.ravel()
    kinds = Kinds(flat)
    numbers = np.full(flat.shape, np.nan)
    done = kinds.of(float, int)
    numbers[done] = flat[done].astype(float)
    done &= ~np.isnan(numbers)
    rest = _each_distinct(flat[~done], _number, float, float, kinds[~done])
    numbers[~done] = rest.values
    bad = np.zeros(flat.shape, bool)
    bad[~done] = rest.bad
    blank = np.isnan(numbers) & ~bad
    blank[~done] = rest.blank
    if whole:
        with np.errstate(invalid="ignore"):
            fraction = ~blank & ~bad & (np.mod(numbers, 1) != 0)
        bad |= fraction
        numbers[fraction] = np.nan
    return Parsed(numbers.reshape(grid.shape), blank.reshape(grid.shape), bad.reshape(grid.shape))


def _months(value: Any) -> Parsed:
    """A month ("YYYY-MM") per cell: serial numbers by numpy, the rest once per distinct."""
    grid = as_grid(value)
    flat = grid.ravel()
    days = np.full(flat.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    bad = np.zeros(flat.shape, bool)
    kinds = Kinds(flat)
    done = _serials(flat, kinds, days, bad)
    months = np.full(flat.shape, None, dtype=object)
    good = done & ~bad
    months[good] = np.datetime_as_string(days[good].astype("datetime64[M]"))
    rest = _each_distinct(flat[~done], _month, kinds=kinds[~done])
    months[~done] = rest.values
    bad[~done] = rest.bad
    blank = np.zeros(flat.shape, bool)
    blank[~done] = rest.blank
    return Parsed(months.reshape(grid.shape), blank.reshape(grid.shape), bad.reshape(grid.shape))


def _each_distinct(
    values: np.ndarray,
    parse: Callable[[Any], Any],
    dtype: Any = object,
    convert: Callable[[Any], Any] | None = None,
    kinds: Kinds | None = None,
) -> Parsed:
    """A cell parser (None for blank, the value, or _Bad) applied once per distinct value of
    each type (1, 1.0 and True are told apart), its answers (through `convert`, into an array
    of `dtype`) spread back over the cells."""
    shape, flat = values.shape, values.ravel()
    empty = np.array(None, dtype=object).astype(dtype) if dtype is not object else None
    out = np.full(flat.shape, empty, dtype=dtype)
    blank, bad = np.zeros(flat.shape, bool), np.zeros(flat.shape, bool)
    kinds = kinds or Kinds(flat)
    for code in range(len(kinds.types)):
        where = np.flatnonzero(kinds.codes == code)
        if not len(where):
            continue
        group = flat[where]
        try:
            codes, uniques = pd.factorize(group)  # None and NaN: -1
        except TypeError:  # unhashable values: one by one
            codes, uniques = np.arange(len(group)), group
        codes = np.where(codes < 0, len(uniques), codes)
        firsts = np.full(len(uniques) + 1, -1, dtype=np.int64)
        firsts[codes[::-1]] = np.arange(len(group))[::-1]  # each distinct value's first cell
        parsed = np.full(len(firsts), empty, dtype=dtype)
        is_blank, is_bad = np.zeros(len(firsts), bool), np.zeros(len(firsts), bool)
        for j in np.flatnonzero(firsts >= 0):
            try:
                answer = parse(group[firsts[j]])
            except _Bad:
                is_bad[j] = True
                continue
            if answer is None:
                is_blank[j] = True
            else:
                parsed[j] = answer if convert is None else convert(answer)
        out[where], blank[where], bad[where] = parsed[codes], is_blank[codes], is_bad[codes]
    return Parsed(out.reshape(shape), blank.reshape(shape), bad.reshape(shape))


def _cell_map(values: np.ndarray, parse: Callable[[Any], Any]) -> list[Any]:
    """A parser that never raises (clean_text, parse_number, ...) over a column, once per
    distinct value."""
    return list(_each_distinct(np.asarray(values, dtype=object), parse).values)


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
