"""The built workbook opened as Excel would: sheets, native charts and the cells they plot,
conditional formats wired to the target cells, live formulas, print set-up, determinism."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from conftest import annex_a_sheets, write_workbook
from openpyxl.utils.cell import coordinate_from_string, range_boundaries

from xl_dashboard.api import compute, load_inputs
from xl_dashboard.dashboard import theme
from xl_dashboard.dashboard.build import printed_sheets, write_dashboard
from xl_dashboard.dashboard.charts import NO_DATA, target_name, tolerance_name
from xl_dashboard.dashboard.model import Key
from xl_dashboard.indicators.catalogue import CATALOGUE

from .conftest import Built
from .ooxml import NS, TARGET_NAME, Package, cells_of, split_ref
from .test_layout import REFERENCE_CHARTS

pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension")

SHEETS = [
    "Summary",
    "Contacts & Assessments",
    "Early Help & CIN",
    "Child Protection",
    "Looked-After Children",
    "Definitions",
    "Indicator data",
    "Data quality",
    "Input rows",
    "SPC",
    "Commentary",
    "Settings used",
    "Chart data",
]


def _range_values(book, ref: str) -> list:
    sheet, cells = split_ref(ref)
    min_col, min_row, max_col, max_row = range_boundaries(cells)
    ws = book[sheet]
    return [
        ws.cell(r, c).value
        for r in range(min_row, max_row + 1)
        for c in range(min_col, max_col + 1)
    ]


def _same(a, b) -> bool:
    if a is None or b is None or a == "":
        return (a in (None, "")) and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def test_sheets_in_order(county: Built) -> None:
    pkg = county.package()
    assert list(pkg.sheets) == SHEETS
    assert printed_sheets(county.path) == SHEETS[:5]


@pytest.mark.parametrize("which", ["norfolk", "county"])
def test_every_reference_chart_is_a_native_chart(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    pkg = built.package()
    for page in built.dashboard.pages:
        charts = pkg.charts(page.sheet)
        titles = [c.title for c in charts]
        assert titles == [c.title for b in page.blocks for c in b.charts]
        reference = [t.replace("June – 31st August 2014", "") for t in REFERENCE_CHARTS[page.name]]
        for title in reference:
            assert any(t.startswith(title) for t in titles), (page.sheet, title)
        for chart in charts:
            assert chart.series, chart.title
            assert chart.axis_titles, chart.title  # value and category axes are named


def _series_by_name(book, part) -> dict:
    """A chart part's series by the name they show (their name cell's text)."""
    return {_range_values(book, ser.name)[0]: ser for ser in part.series}


def test_chart_series_point_at_cells_holding_their_figures(county: Built) -> None:
    pkg = county.package()
    book = county.values()
    for page in county.dashboard.pages:
        model_charts = [c for b in page.blocks for c in b.charts]
        for part, model in zip(pkg.charts(page.sheet), model_charts, strict=True):
            assert len(part.series) == len(model.series), model.title
            written = _series_by_name(book, part)
            assert set(written) == {s.name for s in model.series}, model.title
            for expected in model.series:
                ser = written[expected.name]
                assert split_ref(ser.values)[0] == "Chart data"
                got = _range_values(book, ser.values)
                assert all(_same(g, e) for g, e in zip(got, expected.values, strict=True)), (
                    model.title,
                    expected.name,
                    got,
                )
                assert _range_values(book, ser.categories) == list(model.categories)
            # The authority's own series are drawn last: on top of comparators and targets.
            roles = {s.name: s.role for s in model.series}
            order = [roles[_range_values(book, ser.name)[0]] for ser in part.series]
            lines = [r for r, ser in zip(order, part.series, strict=True) if ser.kind == "line"]
            assert not lines or lines[-1] == "main" or "main" not in lines, model.title
            if model.y_unit == "%":
                assert re.fullmatch(r'0(\.0+)?"%"', part.value_formats[0]), part.value_formats


def test_linked_chart_cells_refer_to_the_page_tables(county: Built) -> None:
    import openpyxl

    book = openpyxl.load_workbook(county.path)  # formulas, not values
    pkg = county.package()
    page = county.dashboard.pages[1]
    plan_chart = pkg.charts(page.sheet)[
        [c.title for b in page.blocks for c in b.charts].index("% with an up-to-date CIN plan")
    ]
    written = _series_by_name(county.values(), plan_chart)
    sheet, cells = split_ref(written["CIN teams"].values)
    first = book[sheet][cells.split(":")[0]].value
    placed = county.placed[("cin_with_plan", 3)]
    assert first == f"={placed.cell(0)}"
    target_cells = split_ref(written["CIN teams: target"].values)[1]
    assert book["Chart data"][target_cells.split(":")[0]].value == (
        "=IF(ISNUMBER(Target_cin_with_plan_CIN_teams),Target_cin_with_plan_CIN_teams,NA())"
    )


def test_empty_charts_say_no_data(norfolk: Built) -> None:
    pkg = norfolk.package()
    page = norfolk.dashboard.pages[2]
    empty = [c for b in page.blocks for c in b.charts if not c.has_data]
    assert empty
    assert pkg.textboxes(page.sheet).count(NO_DATA) == len(empty)


def _target_names(pkg) -> dict[str, str]:
    return {n: ref for n, (_, ref) in pkg.names.items() if n.startswith(("Target_", "Tolerance_"))}


def test_targets_are_named_summary_cells(county: Built) -> None:
    pkg = county.package()
    names = _target_names(pkg)
    book = county.values()
    for row in county.dashboard.summary.rows:
        if row.polarity == "none":
            assert target_name(row.key) not in names
            continue
        sheet, cell = split_ref(names[target_name(row.key)])
        assert sheet == "Summary"
        assert book["Summary"][cell].value == row.target
        sheet, cell = split_ref(names[tolerance_name(row.key)])
        assert book["Summary"][cell].value == row.tolerance


def _summary_rag_tests(r: int, polarity: str) -> tuple[str, str, str]:
    """The green, amber and red tests of summary row `r`, written out by hand: the value in
    B, the target in H and the amber tolerance in I; on target is green, within the
    tolerance amber; red needs only a value and a target."""
    guard = f"ISNUMBER($B{r}),ISNUMBER($H${r})"
    if polarity == "up":
        return (
            f"{guard},$B{r}>=$H${r}",
            f"{guard},$B{r}>=$H${r}-N($I${r})",
            guard,
        )
    assert polarity == "down"
    return (
        f"{guard},$B{r}<=$H${r}",
        f"{guard},$B{r}<=$H${r}+N($I${r})",
        guard,
    )


def test_every_rag_cell_has_rules_referring_to_its_target(county: Built) -> None:
    pkg = county.package()
    fills = pkg.dxf_fills()
    expected_fills = {"FF" + theme.RAG[x][0].lstrip("#").upper() for x in "GAR"}
    for page in county.dashboard.pages:
        rules_by_cell: dict[str, list] = {}
        for rule in pkg.rules(page.sheet):
            for cell in cells_of(rule.sqref):
                rules_by_cell.setdefault(cell, []).append(rule)
        for (table_id, i), placed in county.placed.items():
            if placed.sheet != page.sheet:
                continue
            table = next(t for b in page.blocks for t in b.tables if t.id == table_id)
            row = table.rows[i]
            if row.polarity not in ("up", "down"):
                continue
            for j in range(len(row.values)):
                coord = placed.cell(j).split("!")[1].replace("$", "")
                found = rules_by_cell.get(coord, [])
                assert len(found) == 3, (page.sheet, table_id, coord)
                assert all(r.type == "expression" for r in found)
                names = {TARGET_NAME.search(r.formulas[0]).group(1) for r in found}
                assert names == {target_name(row.key)}
                assert {fills[r.dxf] for r in found} == expected_fills
    # The summary: RAG letter and this month's value, against the row's own target cells.
    by_cell: dict[str, list] = {}
    for rule in pkg.rules("Summary"):
        by_cell.setdefault(rule.sqref, []).append(rule.formulas[0])
    import openpyxl

    ws = openpyxl.load_workbook(county.path)["Summary"]
    titles = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for row in county.dashboard.summary.rows:
        if row.polarity == "none":
            continue
        r = next(n for t, n in titles.items() if isinstance(t, str) and t.startswith(row.title))
        green, amber, red = _summary_rag_tests(r, row.polarity)
        expected = [f"AND({green})", f"AND({amber})", f"AND({red})"]
        assert by_cell[f"E{r}"] == expected and by_cell[f"B{r}"] == expected, row.title


def test_summary_rag_and_direction_are_formulas(county: Built) -> None:
    import openpyxl

    formulas = openpyxl.load_workbook(county.path)["Summary"]
    cached = county.values()["Summary"]
    rows = county.dashboard.summary.rows
    found = 0
    for r in range(1, formulas.max_row + 1):
        title = formulas.cell(r, 1).value
        match = [x for x in rows if isinstance(title, str) and title.startswith(x.title)]
        if not match:
            continue
        row = max(match, key=lambda x: len(x.title))
        direction = formulas.cell(r, 4).value
        assert isinstance(direction, str) and direction.startswith("=IF("), title
        assert cached.cell(r, 4).value in (row.direction, None if not row.direction else "")
        if row.polarity != "none":
            rag = formulas.cell(r, 5).value
            green, amber, red = _summary_rag_tests(r, row.polarity)
            assert rag == (f'=IF(NOT(AND({red})),"",IF(AND({green}),"G",IF(AND({amber}),"A","R")))')
            assert (cached.cell(r, 5).value or "") == row.rag
            found += 1
    assert found >= 15


def test_percentages_beside_their_counts_are_live_formulas(norfolk: Built) -> None:
    import openpyxl

    formulas = openpyxl.load_workbook(norfolk.path)
    cached = norfolk.values()
    for table_id, pct_row in (
        ("cin_with_plan", 3),
        ("cin_with_plan", 7),
        ("s47_assessments_in_timescale", 2),
    ):
        placed = norfolk.placed[(table_id, pct_row)]
        ws, wsv = formulas[placed.sheet], cached[placed.sheet]
        cell = placed.cell(0).split("!")[1].replace("$", "")
        col, row = coordinate_from_string(cell)
        formula = ws[cell].value
        assert formula.startswith("=IF(N(") and "100*" in formula, formula
        assert wsv[cell].value == pytest.approx(
            next(
                t
                for p in norfolk.dashboard.pages
                for b in p.blocks
                for t in b.tables
                if t.id == table_id
            )
            .rows[pct_row]
            .values[0]
        )
    # "without a plan" = children in need - with a plan
    placed = norfolk.placed[("cin_with_plan", 2)]
    cell = placed.cell(0).split("!")[1].replace("$", "")
    assert formulas[placed.sheet][cell].value.count("-") == 1
    assert cached[placed.sheet][cell].value == 364


FORMULA_LIKE = ("=SUM(1,2)", '=HYPERLINK("x")', "=SUM(3,4)", "=1+2")


def _formula_like_inputs(folder: Path) -> Path:
    """An input workbook whose text looks like formulas: a commentary paragraph, a Monthly
    figures breakdown, an unknown indicator id and a note."""
    contacts = [
        {"Child Unique ID": f"C{day}", "Date of Contact": dt.datetime(2024, 8, day)}
        for day in (1, 15, 31)
    ]
    figures = ["indicator_id", "breakdown", "period", "numerator", "denominator", "value", "note"]
    sheets = annex_a_sheets({1: contacts}) | {
        "Monthly figures": [
            figures,
            ["contacts", '=HYPERLINK("x")', "2024-07", 4, None, None, ""],
            ["=SUM(3,4)", "", "2024-07", None, None, 1, "=1+2"],
        ],
        "Commentary": [["section", "month", "text"], ["1", "2024-08", "=SUM(1,2)"]],
    }
    return write_workbook(folder / "inputs.xlsx", sheets)


def _cells(pkg, sheet: str, strings: list[str]) -> tuple[list[str], list[str]]:
    """(every formula, every string value) of one sheet, read from its XML."""
    xml = pkg.sheet(sheet)
    formulas = [f.text or "" for f in xml.iter(f"{{{NS['m']}}}f")]
    texts = []
    for c in xml.iter(f"{{{NS['m']}}}c"):
        v, inline = c.find("m:v", NS), c.find("m:is/m:t", NS)
        if c.get("t") == "s" and v is not None:
            texts.append(strings[int(v.text)])
        elif inline is not None:
            texts.append(inline.text or "")
        elif c.get("t") == "str" and v is not None:
            texts.append("formula result: " + (v.text or ""))
    return formulas, texts


def test_text_from_inputs_is_never_a_formula(tmp_path: Path) -> None:
    path = write_dashboard(
        compute(load_inputs(_formula_like_inputs(tmp_path), population=1000)),
        tmp_path / "dashboard.xlsx",
    )
    pkg = Package(path)
    shared = ET.fromstring(pkg.zip.read("xl/sharedStrings.xml"))
    strings = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in shared]
    found: set[str] = set()
    for sheet in pkg.sheets:
        formulas, texts = _cells(pkg, sheet, strings)
        for text in FORMULA_LIKE:
            inner = text[1:]
            assert not any(inner in f for f in formulas), (sheet, text)
        found |= {f"{sheet}: {t}" for t in texts if t in FORMULA_LIKE}
    # Whole cells of text: the commentary on its page, the breakdown on Indicator data (the
    # unknown id is quoted inside a Data quality message, the note is not shown).
    assert found == {
        "Contacts & Assessments: =SUM(1,2)",
        "Commentary: =SUM(1,2)",
        'Indicator data: =HYPERLINK("x")',
    }
    values = openpyxl.load_workbook(path)
    page = values["Contacts & Assessments"]
    commentary = [c for row in page.iter_rows() for c in row if c.value == "=SUM(1,2)"]
    assert [c.data_type for c in commentary] == ["s"]


@pytest.mark.parametrize("sheet", SHEETS[:5])
def test_pages_are_print_ready(county: Built, sheet: str) -> None:
    setup = county.package().page_setup(sheet)
    assert setup["orientation"] == "landscape"
    assert setup["paperSize"] == str(theme.PAPER_A4)
    assert setup["fitToPage"] == "1"
    assert setup.get("fitToWidth", "1") == "1" and setup.get("fitToHeight", "1") == "1"
    assert setup["showGridLines"] == "0"
    assert setup["pane"] == "frozen"
    assert "Synthshire" in setup["header"] and "September 2024" in setup["header"]
    marking = f'&C&"Calibri,Bold"&9{county.results.settings.protective_marking}&R'
    assert marking in setup["header"] and marking in setup["footer"]
    assert "&P" in setup["footer"]


def _print_area(built: Built, index: int) -> bool:
    from xml.etree import ElementTree as ET

    xml = built.package().zip.read("xl/workbook.xml")
    root = ET.fromstring(xml)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    return any(
        d.get("name") == "_xlnm.Print_Area" and d.get("localSheetId") == str(index)
        for d in root.iterfind("m:definedNames/m:definedName", ns)
    )


def test_every_printed_sheet_has_a_print_area(county: Built) -> None:
    for index in range(5):
        assert _print_area(county, index), SHEETS[index]


def test_definitions_sheet(county: Built) -> None:
    ws = county.values()["Definitions"]
    header = [c.value for c in ws[1]]
    for column in (
        "title",
        "definition",
        "numerator",
        "denominator",
        "timescale setting",
        "polarity",
        "source",
    ):
        assert column in header
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    s47 = dict(zip(header, rows["s47_assessments_in_timescale"], strict=True))
    assert s47["timescale setting"] == "S47 timescale working days: 35"
    assert s47["polarity"] == "Higher is better"
    assert set(rows) == {ind.id for ind in CATALOGUE}
    health = dict(zip(header, rows["lac_health_assessment"], strict=True))
    assert health["timescale setting"] == (
        "Health assessment months under 5: 6; Health assessment months 5 and over: 12"
    )


def test_indicator_data_sheet_is_the_results_table(county: Built) -> None:
    ws = county.values()["Indicator data"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(county.results.data.columns)
    assert len(rows) - 1 == len(county.results.data)


def test_same_inputs_give_a_byte_identical_workbook(county: Built, tmp_path) -> None:
    again = write_dashboard(county.results, tmp_path / "again.xlsx")
    assert again.read_bytes() == county.path.read_bytes()


def test_named_targets_cover_every_rag_key(county: Built) -> None:
    names = _target_names(county.package())
    for page in county.dashboard.pages:
        for block in page.blocks:
            for table in block.tables:
                for row in table.rows:
                    if row.polarity in ("up", "down"):
                        assert target_name(row.key) in names
    assert target_name(Key("cin_with_plan", "CWD teams")) == "Target_cin_with_plan_CWD_teams"


def test_summary_trends_plot_the_six_month_trend(county: Built) -> None:
    """Each Summary row's trend is a small line chart in its own cell of the trend column,
    plotting the row's months."""
    pkg = county.package()
    book = county.values()
    rows = county.dashboard.summary.rows
    charts = pkg.charts("Summary")
    assert len(charts) == len(rows)
    for chart, row in zip(charts, rows, strict=True):
        (series,) = chart.series
        got = _range_values(book, series.values)
        assert all(_same(g, e) for g, e in zip(got, row.trend, strict=True)), row.title
    anchors = pkg.chart_anchors("Summary")
    titles = {r[0].row: r[0].value for r in book["Summary"].iter_rows(max_col=1)}
    for (col, r), row in zip(anchors, rows, strict=True):
        assert col == 12 and titles[r + 1].startswith(row.title), (col, r, row.title)
