"""The Excel functions through xlwings' own metadata and converters (`xlwings.server`, as
xlwings Server and Lite call them): every function listed, called with single values, ranges,
dates (serial numbers as Office.js sends them, and text), blanks and bad values."""

from __future__ import annotations

import datetime as dt
import inspect
import math
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import python_calamine as calamine
import xlwings as xw
import xlwings.server as xs
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_dashboard import calendar
from xl_dashboard.api import (
    BY_ID,
    INVALID,
    clean_text,
    parse_code,
    parse_date,
    parse_number,
    rag,
    source_groups,
)
from xl_dashboard.cli import main
from xl_dashboard.excel import udfs
from xl_dashboard.indicators.catalogue import CATALOGUE

from .conftest import Synthetic
from .jsonbook import paste, payload_from_workbook, replay, write_workbook
from .officejs import officejs_call, serial

FUNCTIONS = {
    "XLD_WORKDAYS",
    "XLD_ADD_WORKDAYS",
    "XLD_RATE_PER_10K",
    "XLD_RAG",
    "XLD_SOURCE_GROUP",
    "XLD_INDICATOR",
    "XLD_CATALOGUE",
}
VALUE = {"type": "Error", "errorType": "Value"}
NA = {"type": "Error", "errorType": "NotAvailable"}
DIV0 = {"type": "Error", "errorType": "Div0"}


def call(name: str, *args: object) -> list[list[Any]]:
    """A custom-function call as the xlwings add-in makes it."""
    return officejs_call(udfs, name, *args)


def test_every_function_is_listed_with_its_help() -> None:
    meta = {f["name"]: f for f in xs.custom_functions_meta(udfs)["functions"]}

    assert set(meta) == FUNCTIONS
    for name, entry in meta.items():
        doc = inspect.getdoc(getattr(udfs, name))
        assert entry["description"] == doc and "\n" not in doc and len(doc) <= 100
        assert entry["result"]["dimensionality"] == "matrix"
        for parameter in entry["parameters"]:
            assert parameter["dimensionality"] == "matrix" and parameter["description"]
    optional = {p["name"] for p in meta["XLD_INDICATOR"]["parameters"] if p.get("optional")}
    assert optional == {"breakdown", "data"}


def test_workdays_leave_out_england_and_wales_bank_holidays() -> None:
    easter = [[serial(dt.date(2024, 3, 28))], [serial(dt.date(2024, 12, 24))]]
    after = [[serial(dt.date(2024, 4, 2))], [serial(dt.date(2024, 12, 27))]]
    # Good Friday and Easter Monday; Christmas Day and Boxing Day.
    assert call("XLD_WORKDAYS", easter, after) == [[1.0], [1.0]]
    assert call("XLD_WORKDAYS", "28/03/2024", "2024-04-02") == [[1.0]]
    assert call("XLD_WORKDAYS", serial(dt.date(2024, 5, 6)), serial(dt.date(2024, 5, 6))) == [[0]]
    # One start against a row of ends spills a row.
    ends = [[serial(dt.date(2024, 1, d)) for d in (2, 3, 8)]]
    assert call("XLD_WORKDAYS", serial(dt.date(2024, 1, 1)), ends) == [[0.0, 1.0, 4.0]]


def test_add_workdays_gives_dates() -> None:
    start = serial(dt.date(2024, 12, 24))
    assert call("XLD_ADD_WORKDAYS", start, 1) == [[serial(dt.date(2024, 12, 27))]]
    assert call("XLD_ADD_WORKDAYS", start, [[0], [-1], [5]]) == [
        [serial(dt.date(2024, 12, 24))],
        [serial(dt.date(2024, 12, 23))],
        [serial(dt.date(2025, 1, 3))],  # New Year's Day is skipped too
    ]


def test_blank_and_bad_inputs_give_blanks_and_error_values() -> None:
    starts = [[serial(dt.date(2024, 1, 1))], [None], ["soon"], ["31/02/2024"], [True]]
    assert call("XLD_WORKDAYS", starts, serial(dt.date(2024, 1, 8))) == [
        [4.0],
        [""],
        [VALUE],
        [VALUE],
        [VALUE],
    ]
    assert call("XLD_ADD_WORKDAYS", serial(dt.date(2024, 1, 1)), 1.5) == [[VALUE]]
    assert call("XLD_ADD_WORKDAYS", None, 3) == [[""]]
    # Ranges whose shapes do not fit together.
    assert call("XLD_WORKDAYS", [[1], [2]], [[1], [2], [3]]) == [[VALUE]]


def test_rate_per_10k() -> None:
    assert call("XLD_RATE_PER_10K", 509, 165_800) == [[pytest.approx(30.7, abs=0.01)]]
    counts = [[50], ["1,000"], [None], ["many"], [7]]
    assert call("XLD_RATE_PER_10K", counts, [[100_000], [100_000], [100_000], [1], [0]]) == [
        [5.0],
        [100.0],
        [""],
        [VALUE],
        [DIV0],
    ]


def test_rag_follows_the_dashboards_rule() -> None:
    values = [[80], [70], [64], [None], ["n/a"]]
    assert call("XLD_RAG", values, 75, 10, "up") == [["G"], ["A"], ["R"], [""], [""]]
    # Lower is better: by word, or by the indicator's polarity in the catalogue.
    assert call("XLD_RAG", [[18], [22], [30]], 20, 5, "down") == [["G"], ["A"], ["R"]]
    assert call("XLD_RAG", 22, 20, None, "re_referrals") == [["R"]]  # blank tolerance = 0
    assert call("XLD_RAG", 22, None, 5, "up") == [[""]]
    assert call("XLD_RAG", 22, 20, 5, "contacts") == [[""]]  # no good direction
    assert call("XLD_RAG", 22, 20, 5, "sideways") == [[VALUE]]


def test_source_group_reads_annex_a_codes() -> None:
    codes = [["q) 6: Police"], [6], ["3a"], ["p1) 5D: LA services - Early help"], ["99"], [None]]
    assert call("XLD_SOURCE_GROUP", codes) == [
        ["Police"],
        ["Police"],
        ["Health"],
        ["LA Services - Internal"],
        ["Other"],  # unknown codes count as Other, as on the dashboard
        [""],
    ]


def test_catalogue_spills_every_indicator() -> None:
    table = call("XLD_CATALOGUE")
    assert table[0][:3] == ["indicator_id", "title", "section"]
    assert [row[0] for row in table[1:]] == [i.id for i in CATALOGUE]


@pytest.fixture(scope="module")
def filled_book(
    template: Path, synthetic: Synthetic, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], Path]:
    """The template filled with synthetic data (as a payload), and the command line's
    dashboard built from the same workbook saved."""
    from xl_dashboard.excel import macros

    payload = payload_from_workbook(template, name="inputs.xlsm")
    source = calamine.CalamineWorkbook.from_path(str(synthetic.inputs))
    for name in ("Settings", "Population", "Monthly figures"):
        paste(payload, name, source.get_sheet_by_name(name).to_python())
    book = xw.Book(json=payload)
    macros.load_annex_a(book, path=synthetic.annex)
    filled = replay(payload, book.json()["actions"])
    folder = tmp_path_factory.mktemp("udf_book")
    dashboard = folder / "dashboard.xlsx"
    saved = write_workbook(filled, folder / "inputs.xlsx")
    assert main(["build", str(saved), "-o", str(dashboard), "-q"]) == 0
    return filled, dashboard


def _cli_figures(dashboard: Path) -> dict[tuple[str, str, str], float]:
    rows = calamine.CalamineWorkbook.from_path(str(dashboard)).get_sheet_by_name("Indicator data")
    data = rows.to_python()
    return {(r[0], r[1], r[2]): r[5] for r in data[1:] if r[5] != ""}


def test_indicator_gives_the_figures_of_the_calling_workbook(
    filled_book: tuple[dict[str, Any], Path],
) -> None:
    payload, dashboard = filled_book
    figures = _cli_figures(dashboard)
    xw.Book(json=payload).set_mock_caller()

    assert call("XLD_INDICATOR", "referrals", "2024-09") == [[figures["referrals", "", "2024-09"]]]
    # Months as a row of dates (serial numbers), a breakdown, and figures that do not exist.
    months = [[serial(dt.date(2024, m, 15)) for m in (7, 8, 9)]]
    assert call("XLD_INDICATOR", "contacts", months, "Police") == [
        [figures["contacts", "Police", f"2024-0{m}"] for m in (7, 8, 9)]
    ]
    assert call("XLD_INDICATOR", "referrals", "2019-01") == [[NA]]
    assert call("XLD_INDICATOR", "no_such_indicator", "2024-09") == [[VALUE]]
    assert call("XLD_INDICATOR", "referrals", "next spring") == [[VALUE]]
    assert call("XLD_INDICATOR", None, "2024-09") == [[""]]


def test_indicator_reads_a_given_indicator_data_table(
    filled_book: tuple[dict[str, Any], Path],
) -> None:
    """Where a function cannot read the workbook (Excel on the web), it reads a table."""
    _, dashboard = filled_book
    figures = _cli_figures(dashboard)
    table = calamine.CalamineWorkbook.from_path(str(dashboard)).get_sheet_by_name("Indicator data")
    data = [[None if v == "" else v for v in row] for row in table.to_python()]

    assert call("XLD_INDICATOR", "referrals", "2024-09", None, data) == [
        [figures["referrals", "", "2024-09"]]
    ]
    # No calling workbook and no table: the figure is not available here.
    assert call("XLD_INDICATOR", "referrals", "2024-09") == [[NA]]
    assert call("XLD_INDICATOR", "referrals", "2024-09", None, [["not", "a table"]]) == [[NA]]


def test_classic_desktop_values_work_too() -> None:
    """On Windows the functions get dates as datetimes and single cells as [[value]]."""
    start, end = [[dt.datetime(2024, 3, 28)]], [[dt.datetime(2024, 4, 2)]]
    assert udfs.XLD_WORKDAYS(start, end) == 1.0
    assert udfs.XLD_ADD_WORKDAYS([[dt.datetime(2024, 12, 24)]], [[1.0]]) == dt.datetime(
        2024, 12, 27
    )
    assert udfs.XLD_RATE_PER_10K([[None]], [[1000.0]]) is None


def test_the_doors_import_without_server_mode_or_licence() -> None:
    """Classic xlwings (Windows and Mac desktop) needs neither: the decorators are xlwings'
    own there, plain functions on Linux."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    code = (
        "import datetime as dt, xlwings as xw\n"
        "from xl_dashboard.excel import macros, udfs\n"
        "assert not xw.on_server and not xw.__pro__\n"
        "assert udfs.XLD_WORKDAYS([[dt.datetime(2024,1,1)]], [[dt.datetime(2024,1,8)]]) == 4\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# ------------------------------------------------------------------------------------------
# Whole ranges give what each cell gives alone: a per-cell reference (the rules as they were
# applied one cell at a time before the functions were vectorised), and hand-worked cases.


class Bad(Exception):
    """The reference's unreadable input (#VALUE!)."""


def ref_date(v: object) -> dt.date | None:
    if v is None or (isinstance(v, str) and clean_text(v) is None):
        return None
    day = parse_date(v)
    if day is INVALID:
        raise Bad
    return None if day is None else day.date()


def ref_number(v: object) -> float | None:
    if v is None or (isinstance(v, str) and clean_text(v) is None):
        return None
    n = parse_number(v)
    if n is INVALID:
        raise Bad
    return n


def reference(
    compute: Callable[..., object], parsers: list[Callable[[object], object]], *grids: object
) -> object:
    """Broadcast, then each cell alone: blank → None, unreadable → #VALUE!, else compute."""
    arrays = [np.array(g if isinstance(g, list) else [[g]], dtype=object) for g in grids]
    try:
        arrays = np.broadcast_arrays(*arrays)
    except ValueError:
        return "#VALUE!"
    out = []
    for i in range(arrays[0].shape[0]):
        row = []
        for j in range(arrays[0].shape[1]):
            try:
                parsed = [p(a[i, j]) for p, a in zip(parsers, arrays, strict=True)]
            except Bad:
                row.append("#VALUE!")
                continue
            row.append(None if None in parsed else compute(*parsed))
        out.append(row)
    return out[0][0] if len(out) == 1 and len(out[0]) == 1 else out


def ref_workdays(a: dt.date, b: dt.date) -> float:
    return float(np.busday_count(a, b, holidays=calendar.bank_holidays(1899, 2100)))


def ref_whole(v: object) -> float | None:
    n = ref_number(v)
    if n is not None and not float(n).is_integer():
        raise Bad
    return n


def ref_add_workdays(a: dt.date, n: float) -> object:
    day = np.busday_offset(a, int(n), roll="forward", holidays=calendar.bank_holidays(1899, 2103))
    return dt.datetime.combine(day.item(), dt.time())


def ref_rate(c: float, p: float) -> object:
    if p == 0:
        return "#DIV/0!"
    r = 10000 * c / p
    return None if math.isnan(r) else r


DAY = st.dates(dt.date(1899, 1, 1), dt.date(2099, 12, 31))
DATE_CELLS = st.one_of(
    st.integers(-5, 75000),  # serial numbers (Office.js), some out of range
    st.floats(-5, 75000, allow_nan=False),  # with a time of day
    st.just(float("nan")),
    DAY.map(lambda d: dt.datetime.combine(d, dt.time(13, 5))),
    DAY,
    DAY.map(lambda d: d.strftime("%d/%m/%Y")),
    DAY.map(lambda d: d.isoformat()),
    st.sampled_from(["", "  ", "n/a", "-", "31/02/2024", "soon", "45000", "2024-13-01", None]),
    st.booleans(),
)
NUMBER_CELLS = st.one_of(
    st.integers(-50, 50),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([0, 0.0, 1.5, "1,354", "73.1%", "", None, "many", "-nan", "inf", True]),
)


def grids(cells: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """One value, a column, a row or a block (shapes chosen to broadcast, or not)."""
    return st.one_of(
        cells,
        st.integers(1, 4).flatmap(
            lambda n: st.lists(cells.map(lambda c: [c]), min_size=n, max_size=n)
        ),
        st.lists(cells, min_size=1, max_size=4).map(lambda r: [r]),
        st.lists(st.lists(cells, min_size=3, max_size=3), min_size=2, max_size=2),
    )


def same(got: object, want: object) -> bool:
    if isinstance(got, list) and isinstance(want, list):
        return len(got) == len(want) and all(same(g, w) for g, w in zip(got, want, strict=True))
    if isinstance(want, float) and isinstance(got, float):
        return got == pytest.approx(want, rel=1e-12, abs=1e-12)
    return type(got) is type(want) and got == want


@settings(max_examples=300, deadline=None)
@given(grids(DATE_CELLS), grids(DATE_CELLS))
def test_workdays_equal_each_cell_alone(start: object, end: object) -> None:
    want = reference(ref_workdays, [ref_date, ref_date], start, end)
    assert same(udfs.XLD_WORKDAYS(start, end), want)


# Forward only: counting back over New Year misses bank holidays in calendar.add_wd (below).
DAYS_CELLS = st.one_of(
    st.integers(0, 400),
    NUMBER_CELLS.filter(lambda v: not isinstance(v, int | float) or 0 <= v < 1000),
)


@settings(max_examples=300, deadline=None)
@given(grids(DATE_CELLS), grids(DAYS_CELLS))
def test_add_workdays_equal_each_cell_alone(start: object, days: object) -> None:
    want = reference(ref_add_workdays, [ref_date, ref_whole], start, days)
    assert same(udfs.XLD_ADD_WORKDAYS(start, days), want)


@settings(max_examples=300, deadline=None)
@given(grids(NUMBER_CELLS), grids(NUMBER_CELLS))
def test_rate_equals_each_cell_alone(count: object, population: object) -> None:
    want = reference(ref_rate, [ref_number, ref_number], count, population)
    assert same(udfs.XLD_RATE_PER_10K(count, population), want)


POLARITY = st.sampled_from(["up", "down", "Higher is better", "none", "re_referrals", "contacts"])


@settings(max_examples=300, deadline=None)
@given(grids(NUMBER_CELLS), grids(NUMBER_CELLS), grids(NUMBER_CELLS), grids(POLARITY))
def test_rag_equals_each_cell_alone(
    value: object, target: object, tolerance: object, polarity: object
) -> None:
    def ref_tolerance(v: object) -> object:
        n = ref_number(v)
        return float("nan") if n is None else n  # optional: blank is 0, not a blank answer

    def letter(v: float, t: float, tol: float, pol: str) -> str | None:
        words = {"up": "up", "down": "down", "Higher is better": "up", "none": "none"}
        direction = words.get(pol) or BY_ID[pol].polarity
        return rag(v, t, tol, direction) or None

    want = reference(
        letter, [ref_number, ref_number, ref_tolerance, str], value, target, tolerance, polarity
    )
    assert same(udfs.XLD_RAG(value, target, tolerance, polarity), want)


def test_hand_worked_ranges() -> None:
    # Fri 22 March 2024 to Tue 2 April: Good Friday (29th) and Easter Monday (1st) left out.
    assert udfs.XLD_WORKDAYS("22/03/2024", "2024-04-02") == 5.0  # 22, 25, 26, 27, 28 March
    # Reversed dates count back (negative), as calendar.wd does.
    assert udfs.XLD_WORKDAYS("2024-04-02", "22/03/2024") == -5.0
    # Weekend start: Saturday to Monday is 0 working days, Saturday to Tuesday 1.
    assert udfs.XLD_WORKDAYS(
        [[dt.datetime(2024, 1, 6, 9, 30)]], [["08/01/2024"], ["09/01/2024"]]
    ) == [[0.0], [1.0]]
    # A column of starts against a row of ends: every pair (3 x 2).
    starts = [[45292], [45293], [None]]  # Mon 1 Jan 2024 (a bank holiday), Tue 2 Jan, blank
    ends = [[45299, "15/01/2024"]]  # Mon 8 Jan, Mon 15 Jan
    assert udfs.XLD_WORKDAYS(starts, ends) == [[4.0, 9.0], [4.0, 9.0], [None, None]]
    # Serial numbers out of Excel's range and impossible dates are unreadable.
    assert udfs.XLD_WORKDAYS([[0], [73051], ["29/02/2023"], [45292.75]], 45299) == [
        ["#VALUE!"],
        ["#VALUE!"],
        ["#VALUE!"],
        [4.0],
    ]
    # Adding from a Saturday moves to Monday first; Christmas 2024 and New Year 2025 skipped.
    assert udfs.XLD_ADD_WORKDAYS([["06/01/2024"], ["2024-12-24"]], [[0], [5]]) == [
        [dt.datetime(2024, 1, 8)],
        [dt.datetime(2025, 1, 3)],  # 27, 30, 31 Dec, 2, 3 Jan
    ]


def test_add_workdays_back_over_new_year() -> None:
    # Wed 3 Jan 2024 back 5: Tue 2, Fri 29, Thu 28, Wed 27 Dec, then (25, 26 Dec are bank
    # holidays) Fri 22 Dec 2023. (It once missed Christmas: the holidays ran forward only.)
    assert udfs.XLD_ADD_WORKDAYS("2024-01-03", -5) == dt.datetime(2023, 12, 22)
    # A cell's answer does not depend on the other cells of its range.
    assert udfs.XLD_ADD_WORKDAYS([["2024-01-03"], ["2030-06-03"]], [[-5], [1]])[0] == [
        dt.datetime(2023, 12, 22)
    ]


CODE_CELLS = st.one_of(
    st.sampled_from(["q) 6: Police", "3a", "1", 7.0, 6, "99", "", None, "  5D ", "p1) 5D: LA"]),
    st.text(max_size=4),
)


@settings(max_examples=200, deadline=None)
@given(grids(CODE_CELLS))
def test_source_group_equals_each_cell_alone(code: object) -> None:
    def group(c: object) -> object:
        return source_groups(pd.Series([c], dtype=object))[0]

    def ref_code(v: object) -> object:
        return (
            None if v is None or (isinstance(v, str) and clean_text(v) is None) else parse_code(v)
        )

    assert same(udfs.XLD_SOURCE_GROUP(code), reference(group, [ref_code], code))
