"""The dashboard model: the reference's pages, blocks and figures, and the RAG/direction rules."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from xl_dashboard.dashboard import rules
from xl_dashboard.dashboard.layout import build_dashboard
from xl_dashboard.dashboard.model import Commentary, Key, Table

from .conftest import Built

HEADING = (
    "Norfolk Children's Services Social Care Performance Overview Dashboard – August 2014 Data"
)

# Every heading of the reference, page by page, in its order (shared/spec/layout.md).
REFERENCE_BLOCKS = {
    "Contacts and Initial Assessments": [
        "Initial Contacts by Source",
        "Conversion of Contacts to Referrals by Source",
        "Percentage of Re-Referrals",
        "Initial Assessments Completed in Timescales",
        "Commentary",
    ],
    "Early Help and Children in Need": [
        "Family Support Plans Initiated",
        "Outcomes of Family Support Plans closed 1st June – 31st August 2014",
        "Section 17 Children in Need in CIN & CWD Teams with an up-to-date* CIN Plan",
        "Children in Need Allocated to a Qualified Social Worker",
        "CIN Allocated to CWD Teams Reviewed within 6 Weeks",
        "Rate of Children in Need per 10,000 Under-18 Population",
        "Commentary",
    ],
    "Child Protection": [
        "Children in Child Protection Teams Allocated to a Qualified Social Worker",
        "Social Worker visits to Children on a Child Protection Plan in Timescales",
        "Rate of Children on a CP Plan per 10,000 Under-18 Population",
        "Section 47 Core Assessments Completed in Timescales",
        "% Children on a CP Plan for 2+ Years",
        "% Children on a CP Plan for 18 months – 2 Years",
        "% Children Starting CP Plan for 2nd/Subsequent Time",
        "ICPCs within 15 Working Days of Strategy Discussion",
        "Commentary",
    ],
    "Looked-After Children": [
        "Looked-After Children allocated to a Qualified Social Worker",
        "Health of Looked-After Children",
        "Number of Looked-After Children",
        "Care Plans, Pathway Plans & Personal Education Plans",
        "Rate of LAC per 10,000 Under-18 Population",
        "Commentary",
    ],
}
# The reference's charts (pictures lost in its text export): 16, each a chart title.
REFERENCE_CHARTS = {
    "Contacts and Initial Assessments": [
        "Conversion of Contacts to Referrals by Source",
        "Initial Assessments Completed in Timescales",
    ],
    "Early Help and Children in Need": [
        "Family Support Plans Initiated",
        "Outcomes of Family Support Plans closed 1st June – 31st August 2014",
        "CIN Allocated to CWD Teams Reviewed within 6 Weeks",
    ],
    "Child Protection": [
        "Social Worker visits to Children on a Child Protection Plan in Timescales",
        "Section 47 Core Assessments Completed in Timescales",
        "% Children on a CP Plan for 2+ Years",
        "% Children on a CP Plan for 18 months – 2 Years",
        "% Children Starting CP Plan for 2nd/Subsequent Time",
        "ICPCs within 15 Working Days of Strategy Discussion",
    ],
    "Looked-After Children": [
        "Looked-After Children allocated to a Qualified Social Worker",
        "Health of Looked-After Children",
        "Number of Looked-After Children",
        "Care Plans, Pathway Plans & Personal Education Plans",
        "Rate of LAC per 10,000 Under-18 Population",
    ],
}


def _table(built: Built, table_id: str) -> Table:
    for page in built.dashboard.pages:
        for block in page.blocks:
            for t in block.tables:
                if t.id == table_id:
                    return t
    raise KeyError(table_id)


def _rows(table: Table) -> dict[str, tuple]:
    return {r.label: r.values for r in table.rows}


def test_pages_hold_the_reference_blocks_in_order(norfolk: Built) -> None:
    pages = norfolk.dashboard.pages
    assert [p.name for p in pages] == list(REFERENCE_BLOCKS)
    for page in pages:
        assert page.heading == HEADING
        assert [b.title for b in page.blocks] == REFERENCE_BLOCKS[page.name]
        titles = [c.title for b in page.blocks for c in b.charts]
        reference = REFERENCE_CHARTS[page.name]
        assert [t for t in titles if t in reference] == reference, page.name
    assert sum(len(v) for v in REFERENCE_CHARTS.values()) == 16


def test_every_table_with_a_trend_has_a_chart(norfolk: Built) -> None:
    for page in norfolk.dashboard.pages:
        for block in page.blocks:
            trend_tables = [t for t in block.tables if t.corner != "Comparators"]
            if trend_tables:
                assert block.charts, block.title


def test_norfolk_tables_hold_the_reference_figures(norfolk: Built) -> None:
    contacts = _rows(_table(norfolk, "contacts"))
    assert contacts["Police"] == (952, 877, 841)
    assert contacts["Individual*"] == (597, 639, 472)
    assert contacts["Total"] == (3163, 3308, 2379)
    assert _table(norfolk, "contacts").columns == ("Jun-14", "Jul-14", "Aug-14")
    plan = _table(norfolk, "cin_with_plan")
    assert plan.columns == ("Mar-14", "Apr-14", "May-14", "Jun-14", "Jul-14", "Aug-14")
    labels = [r.label for r in plan.rows]
    assert labels[:4] == [
        "No. s17 Children in Need",
        "No. s17 with CIN Plan",
        "No. s17 without a CIN Plan",
        "% with a CIN Plan",
    ]
    assert plan.rows[0].values[0] == 1354 and plan.rows[1].values[0] == 990
    assert plan.rows[2].values == (364, 349, 286, 212, 169, 242)
    assert [round(v, 1) for v in plan.rows[3].values] == [73.1, 75.0, 78.9, 84.3, 87.4, 82.3]
    assert [round(v, 1) for v in plan.rows[7].values] == [35.5, 27.3, 21.1, 46.8, 44.3, 40.3]
    cp = _table(norfolk, "cp_allocated_qualified")
    assert [r.values for r in cp.rows[:2]] == [(531, 482, 509), (530, 480, 500)]
    assert [round(v, 1) for v in cp.rows[2].values] == [99.8, 99.6, 98.2]
    s47 = _table(norfolk, "s47_assessments_in_timescale")
    assert s47.rows[1].label == "No. Completed within 35 Working Days"
    assert [round(v, 1) for v in s47.rows[2].values] == [92.6, 86.1, 71.8]
    rates = _rows(_table(norfolk, "cp_rate"))
    assert rates["Norfolk (Current)"] == (32.0, 29.1, 30.7)
    assert rates["Norfolk 12/13"] == (33.1,) and rates["England 2012/13"] == (37.9,)
    rereferrals = _rows(_table(norfolk, "re_referrals"))
    assert rereferrals["Norfolk"] == (27.2, 21.3, 23.9)
    assert rereferrals["East of England 2012/13"] == (23.4,)
    assert _rows(_table(norfolk, "cin_rate"))["Statistical neighbours 2012/13"] == (304.0,)
    assert _rows(_table(norfolk, "lac_allocated"))["Number"] == (1146, 1135, 1123, 1120, 1110, 1090)


def test_percentages_are_derived_from_the_rows_beside_them(norfolk: Built) -> None:
    plan = _table(norfolk, "cin_with_plan")
    pct = plan.rows[3]
    assert pct.derive is not None and (pct.derive.a, pct.derive.b) == (1, 0)
    for j, v in enumerate(pct.values):
        assert pct.derive.agrees(plan.rows[1].values[j], plan.rows[0].values[j], v)
    assert plan.rows[7].derive is not None and (plan.rows[7].derive.a, plan.rows[7].derive.b) == (
        5,
        4,
    )


def test_charts_without_figures_say_so(norfolk: Built) -> None:
    charts = {c.title: c for p in norfolk.dashboard.pages for b in p.blocks for c in b.charts}
    assert not charts["Family Support Plans Initiated"].has_data
    assert not charts["ICPCs within 15 Working Days of Strategy Discussion"].has_data
    assert charts["Number of Looked-After Children"].has_data
    assert charts["Section 47 Core Assessments Completed in Timescales"].has_data


def test_windows_follow_the_setting(county: Built) -> None:
    results = county.results
    six = build_dashboard(results)
    eight = build_dashboard(
        dataclasses.replace(results, settings=results.settings.replace(dashboard_months=8))
    )
    for dash, n in ((six, 6), (eight, 8)):
        by_title = {c.title: c for p in dash.pages for b in p.blocks for c in b.charts}
        assert len(by_title["Family Support Plans Initiated"].categories) == n
        conversion = by_title["Conversion of Contacts to Referrals by Source"]
        assert len(conversion.series) == 3  # one per month of the 3-month window
        assert len(dash.summary.trend_labels) == n


def test_commentary_is_the_sections_paragraphs_for_the_month(county: Built) -> None:
    texts = {}
    for page in county.dashboard.pages:
        (comment,) = [p for b in page.blocks for p in b.parts if isinstance(p, Commentary)]
        texts[page.section] = comment.paragraphs
    assert texts[1] == (
        "Contacts follow the usual pattern for the time of year.",
        "=SUM(1,2) is text here, never a formula.",
    )
    assert texts[2] == ("Early help is steady.",)  # given by page name
    assert texts[4] == ("Looked-after numbers are stable.",)  # no month given
    # Page 3 has only last month's: it gets a draft from the figures, headed as one.
    (block,) = [b for b in county.dashboard.pages[2].blocks if b.title.startswith("Draft")]
    (draft,) = [p for p in block.parts if isinstance(p, Commentary)]
    assert draft.drafted and draft.paragraphs == texts[3] and texts[3]
    assert block.title == "Draft commentary (generated): edit before publishing"
    typed = [p for pg in county.dashboard.pages[:2] for b in pg.blocks for p in b.parts]
    assert not any(p.drafted for p in typed if isinstance(p, Commentary))


def test_summary_has_every_headline_indicator(county: Built) -> None:
    summary = county.dashboard.summary
    keys = [r.key for r in summary.rows]
    from xl_dashboard.indicators.catalogue import CATALOGUE

    for ind in CATALOGUE:
        assert any(k.indicator_id == ind.id for k in keys), ind.id
    assert Key("cin_with_plan", "CWD teams") in keys
    data = county.results.data
    for row in summary.rows:
        latest = data[
            (data["indicator_id"] == row.key.indicator_id)
            & (data["breakdown"] == row.key.breakdown)
            & (data["period"] == "2024-09")
        ]
        if latest.empty:  # eh_outcomes: figures by outcome only
            assert row.this is None
        else:
            assert row.this == pytest.approx(float(latest["value"].iloc[0]))
    assert summary.comparator_names == ("England", "Statistical neighbours", "East of England")


# September's headline figures set by hand against the county's targets, with the letter each
# must get: (indicator, value, target, amber tolerance, polarity, letter).
WORKED_RAG = [
    ("assessments_in_timescale", 85.0, 85.0, 5.0, "up", "G"),  # on target
    ("s47_assessments_in_timescale", 70.0, 80.0, 10.0, "up", "A"),  # on the amber edge
    ("cp_visits_in_timescale", 84.5, 90.0, 5.0, "up", "R"),  # 0.5 below the amber edge
    ("cin_allocated_qualified", 94.9, 95.0, None, "up", "R"),  # no tolerance: no amber
    ("re_referrals", 22.0, 22.0, 2.0, "down", "G"),
    ("cp_second_subsequent", 23.0, 20.0, 3.0, "down", "A"),
    ("cp_allocated_qualified", 95.9, 98.0, 2.0, "up", "R"),
    ("contacts", 2000.0, None, None, "none", ""),  # no polarity: no letter
]


def test_summary_rag_letters_worked_by_hand(county: Built) -> None:
    data = county.results.data.copy()
    for indicator_id, value, *_ in WORKED_RAG:
        row = (
            (data["indicator_id"] == indicator_id)
            & (data["breakdown"] == "")
            & (data["period"] == "2024-09")
        )
        assert row.sum() == 1, indicator_id
        data.loc[row, "value"] = value
    summary = build_dashboard(dataclasses.replace(county.results, data=data)).summary
    by_key = {r.key: r for r in summary.rows}
    for indicator_id, value, target, tolerance, polarity, letter in WORKED_RAG:
        row = by_key[Key(indicator_id, "")]
        assert (row.this, row.target, row.tolerance) == (value, target, tolerance), indicator_id
        assert (row.polarity, row.rag) == (polarity, letter), indicator_id


@pytest.mark.parametrize(
    ("value", "target", "tolerance", "polarity", "expected"),
    [
        (90, 90, 5, "up", "G"),
        (86, 90, 5, "up", "A"),
        (85, 90, 5, "up", "A"),
        (84.9, 90, 5, "up", "R"),
        (20, 22, 2, "down", "G"),
        (23.9, 22, 2, "down", "A"),
        (24.1, 22, 2, "down", "R"),
        (80, 90, None, "up", "R"),
        (90, None, 5, "up", ""),
        (None, 90, 5, "up", ""),
        (5, 1, 1, "none", ""),
    ],
)
def test_rag_rule(value, target, tolerance, polarity, expected) -> None:
    assert rules.rag(value, target, tolerance, polarity) == expected


def test_direction_rule() -> None:
    assert rules.direction(5, 4, "up") == "▲ better"
    assert rules.direction(5, 4, "down") == "▲ worse"
    assert rules.direction(3, 4, "down") == "▼ better"
    assert rules.direction(3, 4, "none") == "▼ down"
    assert rules.direction(4, 4, "up") == "► same"
    assert rules.direction(None, 4, "up") == ""


def test_county_charts_plot_every_indicator_month(county: Built) -> None:
    """Series values are the results' values for their months."""
    data = county.results.data.set_index(["indicator_id", "breakdown", "period"])["value"]
    chart = next(
        c
        for p in county.dashboard.pages
        for b in p.blocks
        for c in b.charts
        if c.title == "% Children Starting CP Plan for 2nd/Subsequent Time"
    )
    months = [str(pd.Period("2024-09", freq="M") - k) for k in range(5, -1, -1)]
    expected = tuple(data[("cp_second_subsequent", "", m)] for m in months)
    assert chart.series[0].values == pytest.approx(expected)
    roles = [s.role for s in chart.series]
    assert roles[:2] == ["main", "target"]
    assert set(roles[2:]) <= {"mean", "limit", "signal"}  # the process, when it has limits
    assert chart.series[1].values == (20.0,) * 6  # the county's target, drawn each month
    assert chart.series[1].unit == "%"
