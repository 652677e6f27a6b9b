"""The data sheets of the output: Definitions, Indicator data, Data quality, Input rows,
Settings used. Each writer fills a worksheet the workbook builder has already added in order."""

from __future__ import annotations

import dataclasses

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..disclosure import NUMBERS
from ..indicators.catalogue import CATALOGUE, POLARITY_TEXT, SECTIONS, UNIT_LABELS
from ..indicators.engine import RESULT_COLUMNS, Results
from ..settings import SETTING_LABEL
from ..validation.run import rule_summary
from .cells import write_figure
from .figures import withheld_rows
from .model import WITHHELD

DEFINITIONS = "Definitions"
INDICATOR_DATA = "Indicator data"
DATA_QUALITY = "Data quality"
INPUT_ROWS = "Input rows"
SETTINGS_USED = "Settings used"


def write_table(
    book: xlsxwriter.Workbook,
    ws: Worksheet,
    frame: pd.DataFrame,
    first_row: int = 0,
    widths: dict[str, float] | None = None,
    name: str | None = None,
    wrap: bool = False,
) -> None:
    """A frame as an Excel table (filter buttons, banded rows); text always written as text."""
    columns = list(frame.columns)
    n = len(frame)
    cell_format = book.add_format({"text_wrap": True, "valign": "top"}) if wrap else None
    withheld_format = None  # `c` right-aligned like the numbers, made only when needed
    for j, col in enumerate(columns):
        values = frame[col].tolist()
        if withheld_format is None and any(v is WITHHELD for v in values):
            withheld_format = book.add_format({"align": "right"})
        for i, v in enumerate(values, start=first_row + 1):
            _write_cell(ws, i, j, v, withheld_format if v is WITHHELD else cell_format)
        width = (widths or {}).get(col, max(10, min(60, len(str(col)) + 4)))
        ws.set_column(j, j, width, cell_format)
    ws.add_table(
        first_row,
        0,
        first_row + max(n, 1),
        max(len(columns) - 1, 0),
        {
            "columns": [{"header": str(c)} for c in columns],
            "style": "Table Style Light 1",
            "name": name,
            "autofilter": True,
        },
    )
    ws.freeze_panes(first_row + 1, 0)


def _write_cell(ws: Worksheet, row: int, col: int, value: object, fmt=None) -> None:
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif value is None or value is pd.NA or value is WITHHELD or isinstance(value, int | float):
        write_figure(ws, row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


SOURCE_TEXT = {
    "annex_a": "Annex A lists",
    "figures": "Monthly figures sheet",
    "either": "Annex A lists where they hold the fields, else the Monthly figures sheet",
}


def definitions(results: Results) -> pd.DataFrame:
    """One row per catalogue indicator: what it counts and how it is judged."""
    rows = []
    for ind in CATALOGUE:
        setting = "; ".join(
            f"{SETTING_LABEL[name]}: {getattr(results.settings.timescales, name)}"
            for name in ind.settings
        )
        rows.append(
            {
                "indicator_id": ind.id,
                "title": ind.title_for(results.settings),
                "section": SECTIONS[ind.section],
                "definition": ind.definition,
                "numerator": ind.numerator,
                "denominator": ind.denominator,
                "timescale setting": setting,
                "unit": UNIT_LABELS.get(ind.unit, ind.unit),
                "polarity": POLARITY_TEXT[ind.polarity],
                "source": SOURCE_TEXT.get(ind.source, ind.source),
                "breakdowns": ", ".join(ind.breakdowns),
            }
        )
    return pd.DataFrame(rows)


def write_definitions(book: xlsxwriter.Workbook, ws: Worksheet, results: Results) -> None:
    frame = definitions(results)
    write_table(
        book,
        ws,
        frame,
        widths={
            "indicator_id": 26,
            "title": 40,
            "section": 26,
            "definition": 70,
            "numerator": 34,
            "denominator": 30,
            "timescale setting": 30,
            "unit": 12,
            "polarity": 24,
            "source": 28,
            "breakdowns": 30,
        },
        name="Definitions",
        wrap=True,
    )


def indicator_data(results: Results) -> pd.DataFrame:
    """The results table as the pack shows it: the figures of a withheld row are `c`."""
    frame = results.data[RESULT_COLUMNS]
    withheld = withheld_rows(results.data)
    if not any(withheld):
        return frame
    frame = frame.astype({n: object for n in NUMBERS})
    frame.loc[withheld, list(NUMBERS)] = WITHHELD
    return frame


def write_indicator_data(book: xlsxwriter.Workbook, ws: Worksheet, results: Results) -> None:
    write_table(
        book,
        ws,
        indicator_data(results),
        widths={"indicator_id": 28, "breakdown": 24, "period": 10},
        name="IndicatorData",
    )


def write_data_quality(
    book: xlsxwriter.Workbook, ws: Worksheet, rows: Worksheet, results: Results
) -> None:
    """The pack's data quality: issues counted by rule, sheet and severity, described in plain
    English. Figures only: the rows, cell text and names go to the OFFICIAL-SENSITIVE quality
    report (`--quality-report`), never into the pack that senior managers share."""
    frame = rule_summary(results.issues.frame(), by_sheet=True)
    write_table(
        book,
        ws,
        frame,
        widths={"description": 90, "rule": 24, "sheet": 16, "severity": 10, "count": 10},
        name="DataQuality",
    )
    write_table(book, rows, results.issues.accounting(), widths={"sheet": 18}, name="InputRows")


def settings_rows(results: Results) -> pd.DataFrame:
    """The settings the build used, as (setting, value) rows."""
    s = results.settings
    rows: list[tuple[str, object]] = [
        ("Local authority", s.la_name),
        ("Reporting month", str(s.reporting_month)),
        ("Region", s.region_name),
        ("Statistical neighbours", s.statistical_neighbours),
        ("Annex A start", s.annex_a_start.isoformat() if s.annex_a_start else ""),
        ("Months computed from Annex A", ", ".join(str(m) for m in results.covered)),
        ("Population (override)", s.population if s.population is not None else ""),
        ("Dashboard months", s.dashboard_months),
        ("Sources differ warning %", s.sources_differ_pct),
    ]
    rows += [
        (f"Timescale: {f.name}", getattr(s.timescales, f.name))
        for f in dataclasses.fields(s.timescales)
    ]
    if s.publish:
        rows += [
            ("Protective marking", s.protective_marking),
            (
                "Published",
                f"Yes: counts of 1 to {s.largest_small}, and figures resting on one, shown as c",
            ),
        ]
    return pd.DataFrame(rows, columns=["setting", "value"])


def write_settings_used(book: xlsxwriter.Workbook, ws: Worksheet, results: Results) -> None:
    write_table(
        book, ws, settings_rows(results), widths={"setting": 34, "value": 60}, name="SettingsUsed"
    )
