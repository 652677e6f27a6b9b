"""The data sheets of the output as model tables: Definitions, Indicator data, Data quality,
Input rows, Settings used (`data_tables`, in that order). table_writer.py writes them."""

from __future__ import annotations

import dataclasses

import pandas as pd

from ..disclosure import NUMBERS
from ..indicators.catalogue import CATALOGUE, POLARITY_TEXT, SECTIONS, UNIT_LABELS
from ..indicators.engine import RESULT_COLUMNS, Results
from ..settings import SETTING_LABEL
from ..validation.run import rule_summary
from .lookup import withheld_rows
from .model import WITHHELD, DataTable

DEFINITIONS = "Definitions"
INDICATOR_DATA = "Indicator data"
DATA_QUALITY = "Data quality"
INPUT_ROWS = "Input rows"
SETTINGS_USED = "Settings used"
SPC = "SPC"
COMMENTARY = "Commentary"


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


def definitions_table(results: Results) -> DataTable:
    return DataTable(
        DEFINITIONS,
        "Definitions",
        definitions(results),
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


def data_quality_tables(results: Results) -> tuple[DataTable, DataTable]:
    """The pack's data quality: issues counted by rule, sheet and severity, described in plain
    English, and the input rows accounted for. Figures only: the rows, cell text and names go to
    the OFFICIAL-SENSITIVE quality report (`--quality-report`), never into the pack that senior
    managers share."""
    return (
        DataTable(
            DATA_QUALITY,
            "DataQuality",
            rule_summary(results.issues.frame(), by_sheet=True),
            widths={"description": 90, "rule": 24, "sheet": 16, "severity": 10, "count": 10},
        ),
        DataTable(INPUT_ROWS, "InputRows", results.issues.accounting(), widths={"sheet": 18}),
    )


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
        ("SPC months", s.spc_max_points),
        ("SPC minimum months", s.spc_min_points),
        ("SPC run length", s.spc_run_length),
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


def spc_table(spc: pd.DataFrame) -> DataTable:
    """One row per point of every headline series' process chart (signals.spc_of): value,
    mean, limits, special-cause rule; the variation and assurance icons on the last point."""
    frame = spc.astype({c: object for c in ("mean", "lower", "upper")})
    for c in ("mean", "lower", "upper"):
        frame[c] = [None if pd.isna(v) else float(v) for v in spc[c]]
    return DataTable(SPC, "SPC", frame, widths={"indicator_id": 28, "reason": 34})


def commentary_table(commentary: pd.DataFrame) -> DataTable:
    """Each page's commentary as printed: typed, or drafted from the figures (labelled so)."""
    widths = {"page": 28, "kind": 44, "text": 110}
    return DataTable(COMMENTARY, "Commentary", commentary, widths=widths, wrap=True)


def data_tables(
    results: Results, spc: pd.DataFrame, commentary: pd.DataFrame
) -> tuple[DataTable, ...]:
    """Every data sheet of the pack, in order."""
    return (
        definitions_table(results),
        DataTable(
            INDICATOR_DATA,
            "IndicatorData",
            indicator_data(results),
            widths={"indicator_id": 28, "breakdown": 24, "period": 10},
        ),
        *data_quality_tables(results),
        spc_table(spc),
        commentary_table(commentary),
        DataTable(
            SETTINGS_USED,
            "SettingsUsed",
            settings_rows(results),
            widths={"setting": 34, "value": 60},
        ),
    )
