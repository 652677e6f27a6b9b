"""The xlwings Lite door, run as Lite runs it: each `@script` called through xlwings' own
`custom_scripts_call` with a JSON book (the remote engine Lite uses) made from the template filled
with synthetic data (an Office.js payload), and the actions it returns replayed as Excel would.
The figures it writes are compared with the headless computation of the same workbook saved as a
file and read back (python-calamine, not the live book)."""

from __future__ import annotations

import asyncio
import builtins
import copy
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import python_calamine as calamine
import xlwings as xw
import xlwings.server as xs

from xl_dashboard import api
from xl_dashboard.api import DATA_SHEET
from xl_dashboard.excel import lite
from xl_dashboard.inputs import annex_a
from xl_dashboard.inputs.input_workbook import SHEETS
from xl_dashboard.validation import describe

from .conftest import ROOT, Synthetic
from .jsonbook import paste, payload_from_workbook, replay, sheet_index, write_workbook

LISTS = [f"List {n}" for n in range(1, 9)]
INPUT_SHEETS = [*SHEETS, *LISTS]
# What the scripts may ask of Excel: values, clearing, tables, adding and showing sheets: calls
# the Lite book API has (no workbook opened or saved, no file, no macro).
LITE_ACTIONS = {
    "setValues",
    "rangeClearContents",
    "sheetClearContents",
    "addSheet",
    "activateSheet",
    "addTable",
    "resizeTable",
}
CONTRACT = ["indicator_id", "breakdown", "period", "numerator", "denominator", "value"]
CONTRACT += ["unit", "source"]


@pytest.fixture(scope="module")
def filled(template: Path, synthetic: Synthetic) -> dict[str, Any]:
    """The template as Lite's Office.js client sends it, with the synthetic input sheets and
    Annex A lists pasted in."""
    payload = payload_from_workbook(template, name="inputs.xlsx")
    payload["client"] = "Office.js"
    inputs = calamine.CalamineWorkbook.from_path(str(synthetic.inputs))
    for name in SHEETS:
        paste(payload, name, inputs.get_sheet_by_name(name).to_python())
    annex = calamine.CalamineWorkbook.from_path(str(synthetic.annex))
    for name in LISTS:
        paste(payload, name, annex.get_sheet_by_name(name).to_python())
    return payload


def run(script: str, payload: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The script run by name as Lite runs it; its actions, and the payload after Excel applied
    them. (The engine changes the payload it is given, so it gets a copy.)"""
    book = xw.Book(json=copy.deepcopy(payload))
    returned = asyncio.run(xs.custom_scripts_call(lite, script, typehint_to_value={xw.Book: book}))
    assert returned is book
    actions = book.json()["actions"]
    json.dumps(actions)  # what goes back to Excel must be plain JSON
    return actions, replay(payload, actions)


def values(payload: dict[str, Any], sheet: str) -> list[list[object]]:
    return payload["sheets"][sheet_index(payload, sheet)]["values"]


def status(payload: dict[str, Any]) -> str:
    return values(payload, lite.QUALITY_SHEET)[0][0]


def touched(actions: list[dict[str, Any]], payload: dict[str, Any]) -> set[str]:
    """The sheets the actions change, by name (positions as they were when each ran)."""
    names = [s["name"] for s in payload["sheets"]]
    changed = set()
    for a in actions:
        if a["func"] == "addSheet":
            names.insert(a["args"][0], a["args"][1])
            changed.add(a["args"][1])
        elif a["func"] not in {"activateSheet"}:
            changed.add(names[a["sheet_position"]])
    return changed


def headless(payload: dict[str, Any], tmp_path: Path) -> api.Results:
    """The same workbook saved as a file and computed the way `xl-dashboard build` reads it."""
    saved = write_workbook(payload, tmp_path / "saved.xlsx")
    return api.compute(api.load_inputs(saved))


def as_rows(results: api.Results) -> list[list[object]]:
    """The indicator data as Excel holds it: text, numbers as floats, a missing figure and
    empty text (the total's breakdown) blank."""
    out = []
    for row in results.data[CONTRACT].astype(object).values.tolist():
        cells: list[object] = []
        for v in row:
            if isinstance(v, str):
                cells.append(v or None)
            elif v is None or v != v:
                cells.append(None)
            else:
                cells.append(float(v))
        out.append(cells)
    return out


def written_rows(payload: dict[str, Any]) -> list[list[object]]:
    """The Indicator data sheet as cells, trailing blank rows dropped, numbers as floats."""
    rows = values(payload, lite.INDICATOR_SHEET)
    while rows and all(v is None for v in rows[-1]):
        rows = rows[:-1]
    return [
        [float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in r]
        for r in rows
    ]


# ------------------------------------------------------------------------------------------
# Refresh


def test_the_scripts_are_listed_for_the_pane() -> None:
    meta = {m["function_name"]: m for m in xs.custom_scripts_meta(lite)}
    assert set(meta) == {"refresh", "check", "clear"}
    assert meta["refresh"]["name"] == "Refresh dashboard"
    assert not any(m["lazy"] for m in meta.values())  # the book's values come preloaded


def test_the_scripts_have_sheet_buttons_in_the_template(template: Path) -> None:
    """Each Lite script names a button `[shape]Instructions!cell`; the template holds a shape of
    that name on Instructions whose hyperlink selects that cell (how Lite binds a button)."""
    import re
    import zipfile

    meta = {m["function_name"]: m for m in xs.custom_scripts_meta(lite)}
    with zipfile.ZipFile(template) as z:
        drawings = {n: z.read(n).decode() for n in z.namelist() if n.startswith("xl/drawings/")}
    for name in ("refresh", "check", "clear"):
        shape, cell = re.fullmatch(
            r"\[(\w+)\]Instructions!([A-Z]+\d+)", meta[name]["button"]
        ).groups()
        (drawing,) = [n for n, xml in drawings.items() if f'name="{shape}"' in xml]
        xml = drawings[drawing]
        after = xml[xml.index(f'name="{shape}"') :]
        rid = re.search(r'hlinkClick[^>]*r:id="(rId\d+)"', after)[1]
        rels = drawings[drawing.replace("drawings/", "drawings/_rels/") + ".rels"]
        assert re.search(rf'Id="{rid}"[^>]*Target="#\'Instructions\'!{cell}"', rels), name


def test_refresh_writes_the_headless_indicator_data(filled: dict[str, Any], tmp_path: Path) -> None:
    actions, after = run("refresh", filled)

    expected = headless(filled, tmp_path)
    written = written_rows(after)
    assert written[0] == CONTRACT
    assert len(written) - 1 == len(expected.data) > 300
    assert written[1:] == as_rows(expected)
    # a table over exactly those rows, named for formulas to point at
    (table,) = [a for a in actions if a["func"] == "addTable"]
    assert table["args"] == [f"$A$1:$H${len(written)}", True, "TableStyleLight1", "IndicatorData"]
    s = expected.settings
    assert status(after) == (
        f"Refreshed for {s.la_name}, {s.reporting_month}: {len(expected.data):,} rows on "
        f"'Indicator data' and the dashboard pages ('Dashboard' and the four page sheets). "
        f"Data quality: {expected.issues.count('error'):,} errors, "
        f"{expected.issues.count('warning'):,} warnings, {expected.issues.count('info'):,} notes."
    )
    # nothing but the three sheets it owns, the two it adds after the lists
    assert touched(actions, filled) == {lite.INDICATOR_SHEET, lite.QUALITY_SHEET, DATA_SHEET}
    names = [s["name"] for s in after["sheets"]]
    assert names[names.index("List 8") + 1 : names.index("List 8") + 3] == [
        lite.QUALITY_SHEET,
        lite.INDICATOR_SHEET,
    ]
    for name in INPUT_SHEETS:
        assert values(after, name) == values(filled, name)


def test_a_second_refresh_refills_the_table_in_place(
    filled: dict[str, Any], tmp_path: Path
) -> None:
    _, once = run("refresh", filled)
    # an earlier reporting month: fewer rows than the table holds
    month = values(once, "Settings")
    row = next(i for i, r in enumerate(month) if r and r[0] == "Reporting month")
    earlier = copy.deepcopy(once)
    values(earlier, "Settings")[row][1] = "2024-07"

    actions, twice = run("refresh", earlier)

    funcs = [a["func"] for a in actions]
    assert "addSheet" not in funcs and "addTable" not in funcs
    expected = headless(earlier, tmp_path)
    assert written_rows(twice) == [CONTRACT, *as_rows(expected)]
    assert len(expected.data) < len(written_rows(once)) - 1  # the old tail was cleared
    (resize,) = [a for a in actions if a["func"] == "resizeTable"]
    assert resize["args"] == [0, f"$A$1:$H${len(expected.data) + 1}"]
    assert status(twice).startswith("Refreshed for Synthshire, 2024-07")


def test_the_data_quality_sheet_holds_figures_only(filled: dict[str, Any], tmp_path: Path) -> None:
    _, after = run("refresh", filled)

    expected = headless(filled, tmp_path)
    issues = expected.issues.frame()
    sheet = values(after, lite.QUALITY_SHEET)
    cells = [v for row in sheet[1:] for v in row if v is not None]
    texts = {v for v in cells if isinstance(v, str)}
    numbers = [v for v in cells if not isinstance(v, str)]
    # every text is a title, a header, a rule, a sheet's name, a severity or a rule's summary
    allowed = {"Issues by rule", "Input rows", "rule", "sheet", "severity", "description"}
    allowed |= {"count", *expected.issues.accounting().columns}
    allowed |= set(issues["rule"]) | set(issues["sheet"]) | set(issues["severity"])
    allowed |= {describe(r) for r in issues["rule"]} | set(INPUT_SHEETS)
    assert texts <= allowed
    # no issue's own message (they quote cells), no child's id from any list
    ids = {str(r[0]) for n in LISTS for r in values(filled, n)[1:] if r and r[0] is not None}
    assert len(ids) > 100
    assert not texts & (ids | set(issues["message"]))
    # the counts add up to every issue; the accounting to every row read
    header = sheet.index(["rule", "sheet", "severity", "description", "count"])
    end = sheet.index([None] * 5, header)
    assert sum(r[4] for r in sheet[header + 1 : end]) == len(issues) > 0
    assert all(isinstance(v, int | float) for v in numbers)


def test_check_writes_only_the_data_quality_sheet(filled: dict[str, Any]) -> None:
    actions, after = run("check", filled)

    assert touched(actions, filled) == {lite.QUALITY_SHEET}
    assert lite.INDICATOR_SHEET not in [s["name"] for s in after["sheets"]]
    assert status(after).startswith("Checked Synthshire, 2024-09: ")
    assert values(after, lite.QUALITY_SHEET)[2][0] == "Issues by rule"
    assert [a for a in actions if a["func"] == "activateSheet"]


def test_clear_empties_what_refresh_wrote_and_nothing_else(filled: dict[str, Any]) -> None:
    _, refreshed = run("refresh", filled)

    actions, cleared = run("clear", refreshed)

    assert touched(actions, refreshed) == {lite.INDICATOR_SHEET, lite.QUALITY_SHEET, DATA_SHEET}
    assert not {"addSheet", "addTable"} & {a["func"] for a in actions}
    assert written_rows(cleared) == [CONTRACT]  # the header stays, so the table stays
    (resize,) = [a for a in actions if a["func"] == "resizeTable"]
    assert resize["args"] == [0, "$A$1:$H$2"]
    assert all(v is None for row in values(cleared, lite.QUALITY_SHEET) for v in row)
    for name in [s["name"] for s in filled["sheets"]]:
        assert values(cleared, name) == values(filled, name)


def test_clear_on_a_workbook_never_refreshed_changes_nothing(filled: dict[str, Any]) -> None:
    actions, after = run("clear", filled)
    # only the dashboard's blocks are emptied again (they are empty already)
    assert {a["func"] for a in actions} == {"rangeClearContents"}
    assert touched(actions, filled) == {DATA_SHEET}
    for name in [s["name"] for s in filled["sheets"]]:
        assert values(after, name) == values(filled, name)


def test_the_status_also_goes_to_the_cell_named_xld_status(filled: dict[str, Any]) -> None:
    named = copy.deepcopy(filled)
    named["names"] = [
        {
            "name": "XLD_Status",
            "sheet_index": 0,
            "address": "$D$3",
            "book_scope": True,
            "scope_sheet_name": None,
            "scope_sheet_index": None,
        }
    ]
    actions, after = run("check", named)

    assert values(after, "Instructions")[2][3] == status(after)
    assert status(after).startswith("Checked ")
    assert touched(actions, named) == {lite.QUALITY_SHEET, "Instructions"}


# ------------------------------------------------------------------------------------------
# Problems


def test_an_empty_workbook_is_one_message_in_the_book(template: Path) -> None:
    payload = payload_from_workbook(template, name="empty.xlsx")

    for script in ("refresh", "check"):
        actions, after = run(script, payload)
        message = status(after)
        assert "the lists have headers but no rows" in message, message
        assert "nothing to build" in message and "Traceback" not in message
        assert touched(actions, payload) == {lite.QUALITY_SHEET}


def test_a_reporting_month_after_the_data_is_one_message(filled: dict[str, Any]) -> None:
    late = copy.deepcopy(filled)
    for row in values(late, "Settings"):
        if row and row[0] == "Reporting month":
            row[1] = "2025-06"

    actions, after = run("refresh", late)

    message = status(after)
    assert message.startswith("Refresh dashboard stopped. The reporting month June 2025 is after")
    assert "\n" not in message and "Traceback" not in message
    assert touched(actions, late) == {lite.QUALITY_SHEET}  # no indicator data written


def test_a_bug_is_one_sentence_and_its_frames_go_to_the_output_pane(
    filled: dict[str, Any], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr(lite, "write_indicator_data", broken)

    _, after = run("refresh", filled)

    message = status(after)
    assert "did not expect (RuntimeError: something broke)" in message
    assert "Output pane" in message and "Traceback" not in message
    printed = capsys.readouterr().out
    assert "Traceback (most recent call last)" in printed and "write_indicator_data" in printed
    assert "RuntimeError (message withheld" in printed


# ------------------------------------------------------------------------------------------
# What Lite can run


def test_every_action_is_one_the_lite_book_api_has(filled: dict[str, Any], template: Path) -> None:
    _, refreshed = run("refresh", filled)
    runs = [
        run("refresh", filled)[0],
        run("refresh", refreshed)[0],
        run("check", refreshed)[0],
        run("clear", refreshed)[0],
        run("refresh", payload_from_workbook(template))[0],
    ]
    used = {a["func"] for actions in runs for a in actions}
    assert used <= LITE_ACTIONS, used - LITE_ACTIONS


@pytest.fixture
def pyodide_like(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """What Pyodide cannot do, made to fail loudly: start a thread or a process, make a
    temporary file, write a file, or read a workbook file with python-calamine."""
    attempts: list[str] = []

    def refuse(what: str):  # noqa: ANN202
        def refused(*_: object, **__: object) -> None:
            attempts.append(what)
            raise RuntimeError(f"Pyodide cannot {what}")

        return refused

    real_open = builtins.open

    def read_only_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+"):
            refuse(f"write {file}")()
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(annex_a, "THREADS", False)  # as on sys.platform == "emscripten"
    monkeypatch.setattr(threading.Thread, "start", refuse("start a thread"))
    monkeypatch.setattr(subprocess, "Popen", refuse("start a process"))
    monkeypatch.setattr(os, "fork", refuse("fork"), raising=False)
    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryDirectory"):
        monkeypatch.setattr(tempfile, name, refuse(f"make a temporary file ({name})"))
    monkeypatch.setattr(builtins, "open", read_only_open)
    monkeypatch.setattr(calamine.CalamineWorkbook, "from_path", refuse("read with calamine"))
    monkeypatch.setattr(calamine, "load_workbook", refuse("read with calamine"))
    yield attempts


def test_the_scripts_need_no_thread_process_or_file(
    filled: dict[str, Any], pyodide_like: list[str]
) -> None:
    _, refreshed = run("refresh", filled)
    run("check", refreshed)
    _, cleared = run("clear", refreshed)

    assert pyodide_like == []
    assert status(refreshed).startswith("Refreshed for Synthshire")
    assert written_rows(cleared) == [CONTRACT]


def test_the_import_closure_has_nothing_pyodide_lacks() -> None:
    """Importing what the pane's main.py imports, in a fresh interpreter, loads none of the
    modules that start processes, write files or need packages Lite does not install."""
    code = (
        "import sys, json, xl_dashboard.excel.lite, xl_dashboard.excel.lite_functions; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    env = {**os.environ, "XLWINGS_ON_SERVER": "true"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    ours = {m for m in loaded if m.startswith("xl_dashboard.")}
    # the pieces that spawn LibreOffice, lock files, write workbooks, or call desktop Excel
    assert not ours & {
        "xl_dashboard.dashboard.pdf",
        "xl_dashboard.dashboard.build",
        "xl_dashboard.history",
        "xl_dashboard.excel.macros",
        "xl_dashboard.excel.template",
        "xl_dashboard.synth",
        "xl_dashboard.cli",
    }
    assert not loaded & {
        "multiprocessing",
        "filelock",
        "openpyxl",
        "pyopenvba",
        "rich",
        "click",
        "python_calamine",  # reads files; Lite reads the live book (and may not have it)
    }


# ------------------------------------------------------------------------------------------
# The pane's files


LITE_DIR = ROOT / "workbook_templates" / "lite"


def test_the_panes_main_py_shows_the_scripts_and_every_lite_function() -> None:
    from xl_dashboard.excel.lite_functions import LITE_FUNCTIONS

    spec = importlib.util.spec_from_file_location("lite_main", LITE_DIR / "main.py")
    assert spec is not None and spec.loader is not None
    main = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(main)
    scripts = {m["function_name"]: m["name"] for m in xs.custom_scripts_meta(main)}
    assert scripts == {
        "refresh": "Refresh dashboard",
        "check": "Check data",
        "clear": "Clear results",
    }
    functions = {f["name"] for f in xs.custom_functions_meta(main)["functions"]}
    assert functions == {f.__name__.upper() for f in LITE_FUNCTIONS}
    assert {"XLD_WORKDAYS", "XLD_INDICATOR"} <= functions


def test_requirements_pin_what_the_package_pins() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = (LITE_DIR / "requirements.txt").read_text(encoding="utf-8").splitlines()
    wanted = [line for line in lines if line and not line.startswith("#")]
    xlwings_pin = next(d for d in project["dependencies"] if d.startswith("xlwings"))
    assert xlwings_pin == "xlwings==" + xw.__version__
    assert wanted[:2] == [xlwings_pin, f"xl_dashboard=={project['version']}"]
    # Pyodide's own builds are never pinned (their versions come with Pyodide)
    assert all("=" not in line and "<" not in line for line in wanted[2:])
