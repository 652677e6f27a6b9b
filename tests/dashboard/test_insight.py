"""Issue 10 on the pages: team tables, SPC on the Summary, the charts and its own sheet, fitted
axes and pages without empty thirds. Expectations are worked by hand from planted figures."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from xl_dashboard.dashboard.arrange import GRID_TOP, PAGE_ROWS, PANEL_SPAN, arrange
from xl_dashboard.dashboard.build import render, write_dashboard
from xl_dashboard.dashboard.charts import fitted_range
from xl_dashboard.dashboard.layout import build_dashboard
from xl_dashboard.dashboard.model import TeamTable
from xl_dashboard.indicators.engine import RESULT_COLUMNS

from .county import county_results
from .ooxml import Package

pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension")

# Assessments by team in September (target 85%, amber tolerance 5): worked by hand,
# worst first: B 1/3 = 33.3% R (small), A 40/50 = 80.0% A, C 45/50 = 90.0% G.
TEAMS = [("Team: A", 40.0, 50.0), ("Team: B", 1.0, 3.0), ("Team: C", 45.0, 50.0)]


def _with_teams_and_a_spike():
    results = county_results()
    data = results.data
    rows = [
        ("assessments_in_timescale", team, "2024-09", num, den, 100 * num / den, "%", "annex_a")
        for team, num, den in TEAMS
    ]
    data = pd.concat([data, pd.DataFrame(rows, columns=RESULT_COLUMNS)], ignore_index=True)
    # Re-referrals (lower is better) at 20%, 21%, 20% ... (six 20s, five 21s), then 60% in
    # September: mean 285 / 12 = 23.75, mean moving range (10 × 1 + 40) / 11 = 4.545, upper
    # limit 23.75 + 2.66 × 4.545 = 35.84.
    series = (data["indicator_id"] == "re_referrals") & (data["breakdown"] == "")
    for k, period in enumerate(sorted(data.loc[series, "period"])):
        value = 60.0 if period == "2024-09" else 20.0 + k % 2
        at = series & (data["period"] == period)
        data.loc[at, ["numerator", "denominator", "value"]] = [value * 10, 1000.0, value]
    return dataclasses.replace(results, data=data)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    results = _with_teams_and_a_spike()
    path = write_dashboard(results, tmp_path_factory.mktemp("insight") / "insight.xlsx")
    return results, build_dashboard(results), path


def test_team_table_is_worst_first_with_small_teams_marked(built) -> None:
    _, dashboard, path = built
    tables = [p for b in dashboard.pages[0].blocks for p in b.parts if isinstance(p, TeamTable)]
    (table,) = tables
    assert [r.team for r in table.rows] == ["B", "A", "C"]
    assert [r.rag for r in table.rows] == ["R", "A", "G"]
    assert [r.small for r in table.rows] == [True, False, False]
    assert (
        sum(r.numerator for r in table.rows) == 86 and sum(r.denominator for r in table.rows) == 103
    )
    # On the sheet: the % a live formula over the counts, the RAG a live formula on the target.
    ws = openpyxl.load_workbook(path)["Contacts & Assessments"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    b = cells["B †"]
    pct = ws.cell(b.row, b.column + 3).value
    rag = ws.cell(b.row, b.column + 4).value
    assert pct.startswith("=IF(N(") and "100*" in pct
    assert rag.startswith("=IF(") and "Target_assessments_in_timescale" in rag


def test_team_rows_sum_to_the_headline_on_the_demo(tmp_path) -> None:
    """The engine's team rows (issue 10) shown per team add up to the headline (numerator and
    denominator), on the synthetic county's own extract."""
    from xl_dashboard.api import compute, load_inputs, synthesise

    annex, inputs = tmp_path / "a.xlsx", tmp_path / "i.xlsx"
    synthesise(annex, inputs, scale="small")
    results = compute(load_inputs(inputs, annex))
    dashboard = build_dashboard(results)
    tables = [
        p
        for page in dashboard.pages
        for b in page.blocks
        for p in b.parts
        if isinstance(p, TeamTable)
    ]
    assert {t.key.indicator_id for t in tables} >= {
        "assessments_in_timescale",
        "cp_visits_in_timescale",
    }
    d = results.data
    for t in tables:
        head = d[
            (d["indicator_id"] == t.key.indicator_id)
            & (d["breakdown"] == "")
            & (d["period"] == str(results.settings.reporting_month))
        ].iloc[0]
        assert sum(r.numerator for r in t.rows) == head["numerator"], t.title
        assert sum(r.denominator for r in t.rows) == head["denominator"], t.title


def test_a_spike_is_special_cause_on_the_summary_chart_and_spc_sheet(built) -> None:
    _, dashboard, path = built
    (row,) = [r for r in dashboard.summary.rows if r.key.indicator_id == "re_referrals"]
    assert row.variation == "special_cause_concerning"  # 60% is above the limits; lower is better
    book = openpyxl.load_workbook(path)
    summary = book["Summary"]
    titles = {summary.cell(r, 1).value: r for r in range(1, summary.max_row + 1)}
    r = next(n for t, n in titles.items() if str(t).startswith("Percentage of re-referrals"))
    assert summary.cell(r, 6).value == "H  ▲ worse"
    # The SPC sheet: one row per point; September's signal is `outside`.
    spc = book["SPC"]
    header = [c.value for c in spc[1]]
    assert header[:7] == ["indicator_id", "period", "value", "mean", "lower", "upper", "signal"]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in spc.iter_rows(2)]
    (sept,) = [x for x in rows if x["indicator_id"] == "re_referrals" and x["period"] == "2024-09"]
    assert sept["signal"] == "outside" and sept["value"] == 60
    assert sept["mean"] == pytest.approx(23.75) and sept["upper"] == pytest.approx(35.84, abs=0.01)
    assert sept["variation"] == "special_cause_concerning"
    # The chart marks the month and draws the limits.
    chart = next(
        c for b in dashboard.pages[0].blocks for c in b.charts if c.title.startswith("% re-ref")
    )
    roles = {s.name: s.role for s in chart.series}
    assert roles["Mean"] == "mean" and roles["Process limits"] == "limit"
    marked = next(s for s in chart.series if s.name == "Special cause: concern")
    assert marked.values[-1] == 60 and all(v is None for v in marked.values[:-1])


def test_line_axes_are_fitted_and_columns_start_at_zero() -> None:
    # 90.8 to 97.6: a margin of 15% of the range each side, on a round step.
    assert fitted_range("%", [97.6, 90.8, 95.0], from_zero=False) == (88, 100, 2)
    assert fitted_range("count", [600, 900], from_zero=True)[0] == 0
    # A flat series still gets a 10-point axis, not a cliff out of noise.
    low, high, _ = fitted_range("%", [99.2, 100.0], from_zero=False)
    assert high == 100 and high - low >= 10


def test_pages_fill_the_paper(built) -> None:
    """Each page's three columns and the commentary cover at least four-fifths of the grid,
    and the grid is no taller than the paper allows (nothing shrinks the page further)."""
    _, dashboard, _ = built
    for layout in arrange(dashboard):
        last = layout.last_row
        assert last - GRID_TOP + 1 <= PAGE_ROWS * 1.1, layout.page.sheet
        covered = 0
        for col in range(3):
            c0 = col * PANEL_SPAN
            rows = {
                r for s in layout.slots if s.c0 <= c0 <= s.c1 for r in range(s.row, s.row + s.rows)
            }
            covered += len(rows)
        assert covered >= 0.8 * 3 * (last - GRID_TOP + 1), layout.page.sheet


def test_every_chart_has_data_and_the_render_needs_no_results(built) -> None:
    _, dashboard, _ = built
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    placed = render(book, dashboard)  # the model alone
    assert placed
    for page in dashboard.pages:
        for block in page.blocks:
            for chart in block.charts:
                assert chart.has_data, (page.sheet, chart.title)


def test_summary_trend_charts_sit_in_their_own_cells(built) -> None:
    _, dashboard, path = built
    anchors = Package(path).chart_anchors("Summary")
    assert len(anchors) == len(dashboard.summary.rows)
    assert {col for col, _ in anchors} == {12}
    assert len({row for _, row in anchors}) == len(anchors)


def test_nothing_is_cut_at_the_print_area(built) -> None:
    """Every part of every page lies inside the page's print area, as written in the file."""
    _, dashboard, path = built
    book = openpyxl.load_workbook(path)
    for layout in arrange(dashboard):
        area = book[layout.page.sheet].print_area
        assert area.endswith(f"$A$1:${chr(ord('A') + layout.last_col)}${layout.last_row + 1}")
        for slot in layout.slots:
            assert slot.row + slot.rows - 1 <= layout.last_row, (layout.page.sheet, slot.part)
            assert slot.c1 <= layout.last_col, (layout.page.sheet, slot.part)


def test_a_published_team_table_withholds_small_teams_and_says_so() -> None:
    """Team B (1 of 3) is withheld, and with it the next smallest team (secondary
    suppression within the breakdown), and the block says figures are withheld."""
    from xl_dashboard.api import published
    from xl_dashboard.dashboard.layout import WITHHELD_NOTE
    from xl_dashboard.dashboard.model import WITHHELD, Note

    dashboard = build_dashboard(published(_with_teams_and_a_spike()))
    (block,) = [b for b in dashboard.pages[0].blocks if b.team_tables]
    (table,) = block.team_tables
    withheld = {r.team for r in table.rows if r.percent is WITHHELD}
    assert "B" in withheld and len(withheld) == 2
    assert all(r.rag == "" for r in table.rows if r.team in withheld)
    assert Note(WITHHELD_NOTE) in block.parts
