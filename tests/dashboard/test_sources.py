"""Tables and charts whose months mix sources (Annex A, Monthly figures, history) say which
months come from where, in a note under them; blocks of one source say nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from xl_dashboard.dashboard.blocks import source_note
from xl_dashboard.dashboard.build import write_dashboard
from xl_dashboard.dashboard.layout import build_dashboard
from xl_dashboard.dashboard.lookup import Lookup
from xl_dashboard.dashboard.model import Key, Note
from xl_dashboard.indicators.engine import RESULT_COLUMNS, Results
from xl_dashboard.issues import Issues
from xl_dashboard.settings import Settings

from .county import county_results

SEP = pd.Period("2024-09", freq="M")


def results_of(rows: list[tuple[str, str, str, float, str]], month: str = "2024-09") -> Results:
    """Results from (indicator_id, breakdown, period, value, source) rows."""
    data = pd.DataFrame(
        [(i, b, p, v, None, v, "%", s) for i, b, p, v, s in rows], columns=RESULT_COLUMNS
    )
    settings = Settings(la_name="Testshire", reporting_month=pd.Period(month, freq="M"))
    return Results(data=data, settings=settings, covered=[], issues=Issues())


def months(first: str, last: str) -> list[pd.Period]:
    return list(pd.period_range(first, last, freq="M"))


def series(indicator: str, sources: str, first: str = "2024-04", breakdown: str = "") -> list:
    """One row per letter of `sources` from month `first` on: F figures, A Annex A, H history,
    '.' no row."""
    names = {"F": "figures", "A": "annex_a", "H": "history"}
    start = pd.Period(first, freq="M")
    return [
        (indicator, breakdown, str(start + k), 50.0 + k, names[c])
        for k, c in enumerate(sources)
        if c != "."
    ]


@pytest.mark.parametrize(
    ("sources", "first", "expected"),
    [
        ("FFFFFA", "2024-04", "Apr–Aug 2024 from monthly figures; Sep 2024 from Annex A"),
        ("AAAAAA", "2024-04", ""),
        ("FFFFFF", "2024-04", ""),
        ("FFFFAA", "2023-11", "Nov 2023–Feb 2024 from monthly figures; Mar–Apr 2024 from Annex A"),
        ("HFFAAA", "2024-04", "Apr 2024 from history; May–Jun 2024 from monthly figures; "
         "Jul–Sep 2024 from Annex A"),
        ("FF.FAA", "2024-04", "Apr–May 2024 from monthly figures; Jul 2024 from monthly figures; "
         "Aug–Sep 2024 from Annex A"),
        ("..FAAA", "2024-04", "Jun 2024 from monthly figures; Jul–Sep 2024 from Annex A"),
    ],
)  # fmt: skip
def test_source_note_names_the_months_of_each_source(
    sources: str, first: str, expected: str
) -> None:
    fig = Lookup(results_of(series("lac_dental_check", sources, first)))
    shown = months(first, str(pd.Period(first, freq="M") + len(sources) - 1))
    assert fig.source_note(Key("lac_dental_check"), shown) == expected


def test_source_note_reads_only_the_months_shown_and_the_breakdown_asked() -> None:
    rows = series("contacts", "FFFAAA", breakdown="Police") + series("contacts", "AAAAAA")
    fig = Lookup(results_of(rows))
    assert fig.source_note(Key("contacts", "Police"), months("2024-07", "2024-09")) == ""
    assert fig.source_note(Key("contacts", "Police"), months("2024-06", "2024-07")) == (
        "Jun 2024 from monthly figures; Jul 2024 from Annex A"
    )
    assert fig.source_note(Key("contacts"), months("2024-04", "2024-09")) == ""


def test_a_block_note_names_the_figures_only_when_they_switch_differently() -> None:
    rows = (
        series("lac_health_assessment", "FFFFFA")
        + series("lac_dental_check", "FFFFFA")
        + series("lac_immunisations", "FFFFFF")
        + series("lac_pep", "AAAAAA")
    )
    fig = Lookup(results_of(rows))
    shown = months("2024-04", "2024-09")
    health, dental = Key("lac_health_assessment"), Key("lac_dental_check")
    both = [(health, "Health assessments"), (dental, "Dental checks")]
    assert source_note(fig, both, shown) == (
        "Apr–Aug 2024 from monthly figures; Sep 2024 from Annex A."
    )
    four = [*both, (Key("lac_immunisations"), "Immunisations"), (Key("lac_pep"), "PEPs")]
    assert source_note(fig, four, shown) == (
        "Health assessments and dental checks: Apr–Aug 2024 from monthly figures; "
        "Sep 2024 from Annex A."
    )
    assert source_note(fig, four[2:], shown) == ""
    # A figure with no month in the window does not stop the note applying to all shown.
    assert source_note(fig, [*both, (Key("cp_open"), "Plans")], shown) == (
        "Apr–Aug 2024 from monthly figures; Sep 2024 from Annex A."
    )


def county_with_figures(months_from_figures: dict[str, str]) -> Results:
    """The hand-built county with the named indicators' months up to the given one taken from
    Monthly figures (every other figure stays Annex A)."""
    results = county_results()
    data = results.data.copy()
    for indicator, last in months_from_figures.items():
        rows = (data["indicator_id"] == indicator) & (data["period"] <= last)
        data.loc[rows, "source"] = "figures"
    results.data = data
    return results


def notes_of(results: Results) -> dict[str, list[str]]:
    """Source notes per block title (blocks with none left out)."""
    return {
        block.title: [p.text for p in block.parts if isinstance(p, Note) and " from " in p.text]
        for page in build_dashboard(results).pages
        for block in page.blocks
        if any(isinstance(p, Note) and " from " in p.text for p in block.parts)
    }


def test_only_blocks_that_mix_sources_get_a_note() -> None:
    assert notes_of(county_results()) == {}
    notes = notes_of(
        county_with_figures({"cin_allocated_qualified": "2024-08", "lac_dental_check": "2024-06"})
    )
    assert notes == {
        "Children in Need Allocated to a Qualified Social Worker": [
            "Apr–Aug 2024 from monthly figures; Sep 2024 from Annex A."
        ],
        "Health of Looked-After Children": [
            "Dental checks: Apr–Jun 2024 from monthly figures; Jul–Sep 2024 from Annex A."
        ],
    }


def test_the_note_is_printed_under_its_table(tmp_path: Path) -> None:
    results = county_with_figures({"cin_allocated_qualified": "2024-08"})
    path = write_dashboard(results, tmp_path / "sources.xlsx")
    ws = openpyxl.load_workbook(path)["Early Help & CIN"]
    cells = {
        (c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None
    }
    [(r, c)] = [k for k, v in cells.items() if v == "% Allocated to Qualified Worker"]
    note = ws.cell(r + 1, c)
    assert note.value == "Apr–Aug 2024 from monthly figures; Sep 2024 from Annex A."
    assert note.font.italic
    assert any(f"{note.coordinate}:" in str(m) for m in ws.merged_cells.ranges)
    # The table above it is the block's: its months and the Annex A month on the right.
    assert [ws.cell(r - 3, c + k).value for k in range(1, 7)] == [
        "Apr-24",
        "May-24",
        "Jun-24",
        "Jul-24",
        "Aug-24",
        "Sep-24",
    ]
    noted = [v for v in cells.values() if isinstance(v, str) and " from Annex A" in v]
    assert noted == [note.value]
