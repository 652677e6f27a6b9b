"""The XLD_* functions as xlwings Lite custom functions: registered with their help, called
through xlwings' own `custom_functions_call` with arguments as Office.js sends them (serial
numbers, "" for empty cells, error objects), and importable without processes or threads."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import subprocess
import sys
from typing import Any

import xlwings.server as xs
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_dashboard.excel import lite_functions, udfs

from .officejs import officejs_call, serial

NAMES = {
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
ERROR_CELL = {"type": "Error", "errorType": "Div0", "basicValue": "#DIV/0!"}


def call(name: str, *args: object) -> Any:
    """A custom-function call as xlwings Lite makes it."""
    return officejs_call(lite_functions, name, *args)


def shown(day: dt.date) -> dict[str, object]:
    return {"type": "FormattedNumber", "basicValue": serial(day), "numberFormat": "dd/mm/yyyy"}


def test_every_function_is_listed_with_its_help() -> None:
    meta = {f["name"]: f for f in xs.custom_functions_meta(lite_functions)["functions"]}

    assert set(meta) == NAMES == {f.__name__ for f in lite_functions.LITE_FUNCTIONS}
    for name, entry in meta.items():
        doc = inspect.getdoc(getattr(lite_functions, name))
        assert entry["description"] == doc and doc and "\n" not in doc and len(doc) <= 100
        assert entry["result"]["dimensionality"] == "matrix"
        for parameter in entry["parameters"]:
            assert parameter["dimensionality"] == "matrix" and parameter["description"]
    # The same arguments as on the desktop; the table is required where the book is not read.
    for name in NAMES:
        wanted = list(inspect.signature(getattr(udfs, name)).parameters)
        assert [p["name"] for p in meta[name]["parameters"]] == wanted
    assert not any(p.get("optional") for p in meta["XLD_INDICATOR"]["parameters"])
    assert "Indicator data table" in meta["XLD_INDICATOR"]["parameters"][3]["description"]


def test_workdays_and_dates_as_office_js_sends_them() -> None:
    easter = [[serial(dt.date(2024, 3, 28))], [serial(dt.date(2024, 12, 24))], [""], ["soon"]]
    after = [[serial(dt.date(2024, 4, 2))], [serial(dt.date(2024, 12, 27))], [45300], [45300]]
    assert call("XLD_WORKDAYS", easter, after) == [[1.0], [1.0], [""], [VALUE]]
    assert call("XLD_WORKDAYS", "28/03/2024", "2024-04-02") == [[1.0]]
    # An error cell counts as blank, as xlwings' own converter reads it; a row spills a row.
    assert call("XLD_WORKDAYS", ERROR_CELL, 45300) == [[""]]
    assert call("XLD_WORKDAYS", 45292, [[45293, 45299]]) == [[0.0, 4.0]]
    # Shapes that do not fit together.
    assert call("XLD_WORKDAYS", [[1], [2]], [[1], [2], [3]]) == [[VALUE]]


def test_add_workdays_gives_dates_shown_as_dates() -> None:
    start = serial(dt.date(2024, 12, 24))
    assert call("XLD_ADD_WORKDAYS", start, [[1], [0], [5], [1.5], [""]]) == [
        [shown(dt.date(2024, 12, 27))],
        [shown(dt.date(2024, 12, 24))],
        [shown(dt.date(2025, 1, 3))],
        [VALUE],
        [""],
    ]


def test_rates_rag_and_source_groups() -> None:
    assert call(
        "XLD_RATE_PER_10K", [[50], ["1,000"], [""], ["many"], [7]], [[1e5]] * 4 + [[0]]
    ) == [
        [5.0],
        [100.0],
        [""],
        [VALUE],
        [DIV0],
    ]
    assert call("XLD_RAG", [[80], [70], [64], [""]], 75, 10, "up") == [["G"], ["A"], ["R"], [""]]
    assert call("XLD_RAG", 22, 20, "", "re_referrals") == [["R"]]  # blank tolerance = 0
    assert call("XLD_RAG", 22, 20, 5, "sideways") == [[VALUE]]
    codes = [["q) 6: Police"], [6], ["3a"], ["99"], [""]]
    assert call("XLD_SOURCE_GROUP", codes) == [["Police"], ["Police"], ["Health"], ["Other"], [""]]


def test_catalogue_spills_text_only() -> None:
    table = call("XLD_CATALOGUE")
    assert table[0][0] == "indicator_id" and len(table) == len(udfs.catalogue())
    assert all(isinstance(v, str) for row in table for v in row)


TABLE = [
    ["indicator_id", "breakdown", "period", "numerator", "denominator", "value"],
    ["referrals", "", "2024-08", 40, "", 40],
    ["referrals", "", "2024-09", 45, "", 45],
    ["contacts", "Police", "2024-09", 120, "", 120],
    ["contacts", "Police", "Aug-24", 110, "", "1,100"],
    ["re_referrals", "", "2024-09", 3, 20, ""],
]


def test_indicator_reads_the_table_it_is_given() -> None:
    months = [[serial(dt.date(2024, 8, 31)), "2024-09"]]
    assert call("XLD_INDICATOR", "referrals", months, "", TABLE) == [[40.0, 45.0]]
    assert call("XLD_INDICATOR", "contacts", [["2024-08"], ["2024-09"]], "Police", TABLE) == [
        [1100.0],
        [120.0],
    ]
    # No figure, an unknown indicator, a month that is not one, and a blank indicator.
    assert call("XLD_INDICATOR", "re_referrals", "2024-09", "", TABLE) == [[NA]]
    assert call("XLD_INDICATOR", "nope", "2024-09", "", TABLE) == [[VALUE]]
    assert call("XLD_INDICATOR", "referrals", "next spring", "", TABLE) == [[VALUE]]
    assert call("XLD_INDICATOR", "", "2024-09", "", TABLE) == [[""]]
    # No table, or not an Indicator data table: not available here.
    assert call("XLD_INDICATOR", "referrals", "2024-09", "", "") == [[NA]]
    assert call("XLD_INDICATOR", "referrals", "2024-09", "", [["a", "b"], [1, 2]]) == [[NA]]


def office(desktop: Any) -> Any:
    """A desktop answer as Lite gives it (the two doors' only difference)."""
    if not isinstance(desktop, list):
        desktop = [[desktop]]
    errors = {"#VALUE!": VALUE, "#N/A": NA, "#DIV/0!": DIV0}

    def cell(v: object) -> object:
        if v is None:
            return ""
        if isinstance(v, dt.datetime):
            return shown(v.date())
        return errors.get(v, v) if isinstance(v, str) else v

    return [[cell(v) for v in row] for row in desktop]


CELLS = st.one_of(
    st.integers(-5, 75000),
    st.floats(0, 75000, allow_nan=False),
    st.sampled_from(["", "01/02/2024", "2024-02-30", "x", "1,000", ERROR_CELL, True]),
)
GRIDS = st.one_of(CELLS, st.lists(CELLS.map(lambda c: [c]), min_size=1, max_size=5))


def desktop_form(value: object) -> object:
    """What xlwings' own converter would give the desktop function for an Office.js value."""
    if isinstance(value, list):
        return [desktop_form(v) for v in value]
    if value == "" or isinstance(value, dict):
        return None
    return value


@settings(max_examples=150, deadline=None)
@given(GRIDS, GRIDS)
def test_lite_answers_are_the_desktop_answers(a: object, b: object) -> None:
    da, db = desktop_form(a), desktop_form(b)
    assert call("XLD_WORKDAYS", a, b) == office(udfs.XLD_WORKDAYS(da, db))
    assert call("XLD_RATE_PER_10K", a, b) == office(udfs.XLD_RATE_PER_10K(da, db))
    assert call("XLD_RAG", a, b, "", "up") == office(udfs.XLD_RAG(da, db, None, "up"))


def test_imports_without_processes_threads_or_the_desktop_door() -> None:
    """What Pyodide lacks: the module's import starts no thread and loads no process module,
    nor the desktop door (book access, macros). pandas itself imports subprocess and
    threading (pandas._config.localization), xlwings imports tempfile and asyncio: there
    in Pyodide's standard library too, and not used by these functions."""
    code = (
        "import sys, threading\n"
        "from xl_dashboard.excel import lite_functions as lf\n"
        "lf.XLD_WORKDAYS([[45292], [45293]], 45299)\n"
        "lf.XLD_INDICATOR('referrals', '2024-09', None, [['indicator_id','period','value']])\n"
        "assert threading.active_count() == 1, threading.enumerate()\n"
        "banned = {'multiprocessing', 'concurrent.futures.process', 'xl_dashboard.excel.book',\n"
        "          'xl_dashboard.excel.macros', 'xl_dashboard.dashboard.pdf', 'holidays'}\n"
        "print(sorted(banned & set(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    env |= {"XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
