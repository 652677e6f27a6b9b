"""The dashboard inside the workbook: the template's Summary and page sheets over the fixed
blocks of 'Dashboard data', and the refresh that fills them through both Excel doors.

The blocks' shape is checked against two unrelated inputs; every reference of the pages
(formulas, conditional formats, chart series, sparklines) is read back from the file and must
land in a block; a Lite refresh run through xlwings' JSON engine must write the blocks of the
headless computation of the same workbook, whose figures are also checked against the tidy
indicator data directly; LibreOffice recalculates the pages once the values are in."""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from dashboard.county import county_results
from dashboard.ooxml import Package, split_ref
from openpyxl.utils.cell import range_boundaries

from xl_dashboard import api
from xl_dashboard.api import DATA_SHEET, PAGE_SHEETS, SERIES_COLUMNS, geometry
from xl_dashboard.dashboard.layout import build_dashboard
from xl_dashboard.excel import macros
from xl_dashboard.excel.pages import SUMMARY_SHEET

from .jsonbook import payload_from_workbook, replay
from .test_lite import filled, headless, run, values  # noqa: F401  (filled is a fixture)
from .test_macros import actions, alerts, caller

PAGES = [SUMMARY_SHEET, *PAGE_SHEETS.values()]
MONTHS = 6
ERRORS = ("#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")
SHEET_REF = re.compile(r"'Dashboard data'!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)")


def block_cells() -> set[tuple[int, int]]:
    """(row, column), one-based, of every cell a refresh fills."""
    return {
        (s.row + 1 + i, s.column + 1 + j)
        for s in geometry().values()
        for i in range(s.height)
        for j in range(s.width)
    }


def as_cell(v: object) -> object:
    """A value as a sheet holds it: numbers as floats, empty text blank."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        return float(v)
    return None if v == "" else v


def written_blocks(payload: dict[str, Any]) -> dict[str, list[list[object]]]:
    """Each block as read back from the payload's 'Dashboard data' sheet."""
    rows = values(payload, DATA_SHEET)
    out = {}
    for name, s in geometry().items():
        out[name] = [
            [
                as_cell(rows[s.row + i][s.column + j])
                if s.row + i < len(rows) and s.column + j < len(rows[s.row + i])
                else None
                for j in range(s.width)
            ]
            for i in range(s.height)
        ]
    return out


def expected_blocks(results: api.Results) -> dict[str, list[list[object]]]:
    return {
        name: [[as_cell(v) for v in row] for row in block]
        for name, block in api.data_blocks(results).values.items()
    }


# ------------------------------------------------------------------------------------------
# (a) the shape


@pytest.fixture(scope="module")
def synthetic_results(synthetic: Any) -> api.Results:
    return api.compute(api.load_inputs(synthetic.inputs, synthetic.annex))


def test_the_blocks_have_one_shape_whatever_the_data(synthetic_results: api.Results) -> None:
    county = county_results()
    published = api.published(synthetic_results)
    shapes = []
    for results in (synthetic_results, county, published):
        blocks = api.data_blocks(results)
        assert blocks.geometry == geometry()
        shapes.append({k: (len(v), {len(r) for r in v}) for k, v in blocks.values.items()})
    assert shapes[0] == shapes[1] == shapes[2]
    for name, spot in geometry().items():
        assert shapes[0][name] == (spot.height, {spot.width}), name
    # the blocks do not overlap
    cells = [
        (s.row + i, s.column + j)
        for s in geometry().values()
        for i in range(s.height)
        for j in range(s.width)
    ]
    assert len(cells) == len(set(cells))
    # and they do hold different figures
    a, b = api.data_blocks(synthetic_results), api.data_blocks(county)
    assert a.values["series"] != b.values["series"]


def test_the_series_block_holds_the_indicator_data_of_six_months(
    synthetic_results: api.Results,
) -> None:
    """Checked against the tidy table directly, not through the dashboard's look-ups."""
    blocks = api.data_blocks(synthetic_results)
    month = synthetic_results.settings.reporting_month
    periods = [str(month - k) for k in range(MONTHS - 1, -1, -1)]
    assert blocks.values["months"] == [[pd.Period(p).strftime("%b-%y") for p in periods]]
    data = synthetic_results.data.set_index(["indicator_id", "breakdown", "period"])
    checked = 0
    for row in blocks.values["series"]:
        ind, breakdown = row[0], row[1] or ""
        for m, period in enumerate(periods, start=1):
            for field in ("value", "numerator", "denominator"):
                got = row[SERIES_COLUMNS.index(f"{field}_{m}")]
                if (ind, breakdown, period) in data.index:
                    want = data.loc[(ind, breakdown, period), field]
                    if pd.isna(want):
                        assert got is None, (ind, breakdown, period, field)
                    else:
                        assert got == pytest.approx(float(want)), (ind, breakdown, period, field)
                        checked += 1
                else:
                    assert got is None
    assert checked > 500


def test_a_published_pack_shows_withheld_figures_as_c(synthetic_results: api.Results) -> None:
    published = api.published(synthetic_results)
    hidden = published.data[published.data["suppressed"].fillna(False).astype(bool)]
    month = str(published.settings.reporting_month)
    row_of = {(r[0], r[1] or ""): r for r in api.data_blocks(published).values["series"]}
    shown = hidden[
        hidden["period"].astype(str).eq(month)
        & hidden.apply(lambda r: (r.indicator_id, r.breakdown) in row_of, axis=1)
    ]
    assert len(shown) > 0
    for r in shown.itertuples():
        assert row_of[(r.indicator_id, r.breakdown)][SERIES_COLUMNS.index("value_6")] == "c"
    # publishing because the Settings say so suppresses too
    settings = synthetic_results.settings.replace(publish=True)
    asked = dataclasses.replace(synthetic_results, settings=settings)
    assert api.data_blocks(asked).values["series"] == api.data_blocks(published).values["series"]


def test_more_teams_than_rows_end_with_how_many_more(synthetic_results: api.Results) -> None:
    month = str(synthetic_results.settings.reporting_month)
    teams = [
        ("icpc_in_timescale", f"Team: T{n:02d}", month, 10.0, 20.0 + n, 1000 / (20 + n), "%", "x")
        for n in range(20)
    ]  # 20 teams, higher is better: the worst is T19 (10/39), the best T00 (10/20)
    data = synthetic_results.data
    data = pd.concat(
        [
            data[~data["breakdown"].str.startswith("Team:")],
            pd.DataFrame(teams, columns=data.columns),
        ]
    )
    results = dataclasses.replace(synthetic_results, data=data.reset_index(drop=True))
    block = api.data_blocks(results).values["teams:icpc_in_timescale"]
    assert len(block) == 1 + api.TEAM_ROWS
    assert [r[0] for r in block[1:-1]] == [f"T{n:02d}" for n in range(19, 5, -1)]
    assert block[1][1:4] == [10.0, 39.0, pytest.approx(1000 / 39)]
    assert block[-1][0] == "… and 6 more teams"
    empty = api.data_blocks(results).values["teams:lac_allocated_qualified"]
    assert all(v is None for row in empty[1:] for v in row)


# ------------------------------------------------------------------------------------------
# (b) every reference of the pages lands in a block


def _refs(text: str) -> list[str]:
    return SHEET_REF.findall(text or "")


def _cells(ref: str) -> set[tuple[int, int]]:
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    return {(r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)}


def test_every_page_reference_points_into_a_filled_block(template: Path) -> None:
    filled_cells = block_cells()
    book = openpyxl.load_workbook(template)
    package = Package(template)
    counts = {"formula": 0, "rule": 0, "series": 0, "sparkline": 0}
    for name in PAGES:
        found: list[tuple[str, str]] = []
        for row in book[name].iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    found += [("formula", r) for r in _refs(cell.value)]
        for rule in package.rules(name):
            found += [("rule", r) for f in rule.formulas for r in _refs(f)]
        for chart in package.charts(name):
            for s in chart.series:
                for ref in (s.values, s.categories):
                    sheet, cells = split_ref(ref)
                    assert sheet == DATA_SHEET, (name, chart.title, ref)
                    found.append(("series", cells))
        with zipfile.ZipFile(template) as z:
            xml = z.read(package.sheets[name]).decode()
        for ref in re.findall(r"<xm:f>([^<]+)</xm:f>", xml):
            sheet, cells = split_ref(ref)
            assert sheet == DATA_SHEET, (name, ref)
            found.append(("sparkline", cells))
        for kind, ref in found:
            counts[kind] += 1
            assert _cells(ref) <= filled_cells, (name, kind, ref)
    assert counts["series"] >= 2 * len(api.CATALOGUE)
    assert counts["sparkline"] == len(api.summary_rows())
    assert counts["rule"] > 100 and counts["formula"] > 1000
    # one chart per indicator, on its own page
    for section, sheet in PAGE_SHEETS.items():
        shown = [i for i in api.CATALOGUE if i.section == section]
        assert len(package.charts(sheet)) == len(shown)


def test_the_pages_print_on_a4_landscape(template: Path) -> None:
    package = Package(template)
    for name in PAGES:
        setup = package.page_setup(name)
        assert setup.get("orientation") == "landscape" and setup.get("paperSize") == "9"


# ------------------------------------------------------------------------------------------
# (c) refresh through the JSON engine, (e) clear


def test_lite_refresh_writes_the_headless_blocks(
    filled: dict[str, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    actions_, after = run("refresh", filled)

    expected = headless(filled, tmp_path)
    assert written_blocks(after) == expected_blocks(expected)
    # one range write per block on the data sheet, values only
    position = [s["name"] for s in after["sheets"]].index(DATA_SHEET)
    writes = [a for a in actions_ if a.get("sheet_position") == position]
    assert {a["func"] for a in writes} == {"setValues"}
    assert len(writes) == len(geometry())
    # the pages' data agrees with the indicator data of the same workbook, month by month
    series = written_blocks(after)["series"]
    data = expected.data.set_index(["indicator_id", "breakdown", "period"])
    month = expected.settings.reporting_month
    for row in series[:10]:
        for m in range(1, MONTHS + 1):
            period = str(month - (MONTHS - m))
            key = (row[0], row[1] or "", period)
            got = row[SERIES_COLUMNS.index(f"value_{m}")]
            assert got == (pytest.approx(data.loc[key, "value"]) if key in data.index else None)


def test_lite_clear_empties_the_blocks_only(filled: dict[str, Any]) -> None:  # noqa: F811
    _, refreshed = run("refresh", filled)
    assert any(v is not None for row in written_blocks(refreshed)["series"] for v in row)

    _, cleared = run("clear", refreshed)

    for name, block in written_blocks(cleared).items():
        assert all(v is None for row in block for v in row), name
    data = values(cleared, DATA_SHEET)
    template = values(filled, DATA_SHEET)
    inside = block_cells()
    for i, row in enumerate(template):  # the labels and notes around the blocks stay
        for j, v in enumerate(row):
            if (i + 1, j + 1) not in inside:
                assert data[i][j] == v
    for name in PAGES:
        assert values(cleared, name) == values(filled, name)


def test_the_refresh_here_button_writes_the_same_blocks(
    filled: dict[str, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    payload = copy.deepcopy(filled)
    payload["client"] = "VBA"
    book = caller(payload)

    results = macros.refresh_here()

    assert results is not None
    after = replay(payload, actions(book))
    assert written_blocks(after) == expected_blocks(headless(filled, tmp_path))
    changed = {
        [s["name"] for s in payload["sheets"]][a["sheet_position"]]
        for a in actions(book)
        if a["func"] in {"setValues", "rangeClearContents", "sheetClearContents"}
    }
    assert changed == {DATA_SHEET}
    (message,) = alerts(book)
    assert message.startswith("The dashboard in this workbook now shows Synthshire, 2024-09.")


def test_refresh_here_in_a_workbook_without_pages_is_one_sentence(template: Path) -> None:
    payload = payload_from_workbook(template, name="old.xlsm")
    payload["sheets"] = [s for s in payload["sheets"] if s["name"] != DATA_SHEET]
    book = caller(payload)

    assert macros.refresh_here() is None

    (message,) = alerts(book)
    assert message.startswith("Refresh here stopped. This workbook has no sheet 'Dashboard data'")
    assert "Traceback" not in message
    assert [a["func"] for a in actions(book)] == ["alert"]


# ------------------------------------------------------------------------------------------
# (d) LibreOffice recalculates the pages


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_the_refreshed_pages(
    template: Path,
    synthetic_results: api.Results,
    tmp_path: Path,
) -> None:
    from xl_dashboard.dashboard.pdf import convert

    blocks = api.data_blocks(synthetic_results)
    book = openpyxl.load_workbook(template, keep_vba=True)
    sheet = book[DATA_SHEET]
    for name, spot in geometry().items():
        for i, row in enumerate(blocks.values[name]):
            for j, v in enumerate(row):
                sheet.cell(spot.row + 1 + i, spot.column + 1 + j, v)
    filled_path = tmp_path / "refreshed.xlsx"
    book.save(filled_path)  # (openpyxl keeps formulas and rules; it drops the charts)
    out = tmp_path / "lo"
    out.mkdir()
    recalculated = openpyxl.load_workbook(convert(filled_path, "xlsx", out), data_only=True)

    for ws in recalculated.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith(ERRORS)), (
                    ws.title,
                    cell.coordinate,
                    cell.value,
                )
    # the Summary shows the headless Summary's figures, RAG and direction
    summary = build_dashboard(synthetic_results).summary
    ws = recalculated[SUMMARY_SHEET]
    by_title = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    checked = 0
    for row in summary.rows:
        r = by_title[row.title]
        this, last = ws.cell(r, 2).value, ws.cell(r, 3).value
        assert (this if this != "" else None) == (
            pytest.approx(row.this) if row.this is not None else None
        ), row.title
        assert (last if last != "" else None) == (
            pytest.approx(row.last) if row.last is not None else None
        )
        assert (ws.cell(r, 4).value or "") == row.direction, row.title
        if row.polarity != "none":
            assert (ws.cell(r, 6).value or "") == row.rag, row.title
        checked += 1
    assert checked == len(api.summary_rows())
    assert ws.cell(1, 1).value == summary.heading
    # a page's live percentage equals the indicator's figure
    page = recalculated[PAGE_SHEETS[1]]
    data = synthetic_results.data.set_index(["indicator_id", "breakdown", "period"])
    wanted = data.loc[
        ("assessments_in_timescale", "", str(synthetic_results.settings.reporting_month)), "value"
    ]
    assert any(
        isinstance(page.cell(r, 7).value, float)
        and page.cell(r, 7).value == pytest.approx(wanted)
        and str(page.cell(r, 1).value).startswith("Value")
        for r in range(1, page.max_row + 1)
    )
