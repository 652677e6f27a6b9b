"""The input workbook's sheets besides the lists (docs/input-workbook.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..calendar import parse_month
from ..issues import Issues
from ..settings import WHOLE_NUMBER_FIELDS, Settings, setting_field
from .annex_a_spec import Column
from .normalise import INVALID, clean_text, parse_date, parse_int, parse_number
from .tables import read_table
from .workbook import SheetSource, find_sheet

TEXT, NUMBER, MONTH = "text", "number", "month"

SHEETS: dict[str, tuple[Column, ...]] = {
    # Settings is read row by row (see _read_settings): each value has its setting's own type.
    "Settings": (Column("setting", "Setting", TEXT), Column("value", "Value", TEXT)),
    "Population": (
        Column("year", "Year", "int"),
        Column("population", "Population aged 0-17", NUMBER, ("Population", "Population 0-17")),
    ),
    "Monthly figures": (
        Column("indicator_id", "indicator_id", TEXT, ("Indicator",)),
        Column("breakdown", "breakdown", TEXT),
        Column("period", "period", MONTH, ("Month",)),
        Column("numerator", "numerator", NUMBER),
        Column("denominator", "denominator", NUMBER),
        Column("value", "value", NUMBER),
        Column("note", "note", TEXT),
    ),
    "Benchmarks": (
        Column("indicator_id", "indicator_id", TEXT, ("Indicator",)),
        Column("comparator", "comparator", TEXT),
        Column("period_label", "period_label", TEXT, ("Period",)),
        Column("value", "value", NUMBER),
    ),
    "Targets": (
        Column("indicator_id", "indicator_id", TEXT, ("Indicator",)),
        Column("target", "target", NUMBER),
        Column("tolerance", "amber tolerance", NUMBER, ("tolerance", "amber_tolerance")),
    ),
    "Commentary": (
        Column("section", "section", TEXT),
        Column("month", "month", MONTH, ("period",)),
        Column("text", "text", TEXT, ("commentary",)),
    ),
    "Workers": (
        Column("worker", "Allocated Worker", TEXT, ("Worker",)),
        Column("qualified", "Qualified social worker", "yesno", ("Qualified",)),
    ),
}

# Which columns a row needs before it can be used at all.
REQUIRED = {
    "Population": ("year", "population"),
    "Monthly figures": ("indicator_id", "period"),
    "Benchmarks": ("indicator_id", "comparator", "value"),
    "Targets": ("indicator_id", "target"),
    "Commentary": ("section", "text"),
    "Workers": ("worker",),
}


@dataclass
class InputTables:
    """The input workbook's tables (empty frames where a sheet is not given)."""

    settings: Settings = field(default_factory=Settings)
    population: pd.DataFrame = field(default_factory=pd.DataFrame)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    benchmarks: pd.DataFrame = field(default_factory=pd.DataFrame)
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)
    commentary: pd.DataFrame = field(default_factory=pd.DataFrame)
    workers: pd.DataFrame = field(default_factory=pd.DataFrame)


def _empty(sheet: str) -> pd.DataFrame:
    return pd.DataFrame({c.key: pd.Series(dtype=object) for c in SHEETS[sheet]}).assign(
        row=pd.Series(dtype=np.int64)
    )


def read_input_tables(source: SheetSource | None, issues: Issues) -> InputTables:
    """Read every input sheet the source has; absent sheets give empty tables."""
    tables = InputTables()
    if source is None:
        for sheet, attr in _ATTRS.items():
            setattr(tables, attr, _empty(sheet))
        return tables
    for sheet, attr in _ATTRS.items():
        name = find_sheet(source, sheet)
        if name is None:
            setattr(tables, attr, _empty(sheet))
            continue
        raw = source.read(name)
        raw.name = sheet
        frame, _ = read_table(raw, SHEETS[sheet], issues)
        for key in SHEETS[sheet]:
            if key.key not in frame:
                frame[key.key] = None
        frame = _drop_incomplete(frame, sheet, issues)
        setattr(tables, attr, frame)
    settings_name = find_sheet(source, "Settings")
    if settings_name is not None:
        raw = source.read(settings_name)
        raw.name = "Settings"
        tables.settings = _read_settings(raw, issues)
    return tables


_ATTRS = {
    "Population": "population",
    "Monthly figures": "figures",
    "Benchmarks": "benchmarks",
    "Targets": "targets",
    "Commentary": "commentary",
    "Workers": "workers",
}


def _drop_incomplete(frame: pd.DataFrame, sheet: str, issues: Issues) -> pd.DataFrame:
    """Rows missing a column they cannot do without are reported and not used."""
    ok = np.ones(len(frame), dtype=bool)
    for key in REQUIRED.get(sheet, ()):
        blank = frame[key].isna().to_numpy() & ok
        if blank.any():
            header = next(c.header for c in SHEETS[sheet] if c.key == key)
            issues.add(
                "incomplete-row",
                "error",
                sheet,
                f"No {header}: this row is not used.",
                rows=frame.loc[blank, "row"].to_numpy(),
                column=header,
            )
        ok &= ~blank
    if not ok.all():
        issues.accounts[sheet].used -= int((~ok).sum())
    return frame[ok].reset_index(drop=True)


def _read_settings(raw, issues: Issues) -> Settings:
    """Settings rows (`Setting`, `Value`) → Settings; a bad value is reported and ignored."""
    index = raw.column_index()
    label_col, value_col = index.get("setting", 0), index.get("value", 1)
    changes: dict[str, object] = {}
    for cells, row in zip(raw.cells, raw.rows, strict=True):
        label = clean_text(cells[label_col]) if label_col < len(cells) else None
        if label is None:
            continue
        value = cells[value_col] if value_col < len(cells) else None
        field_name = setting_field(label)
        if field_name is None:
            issues.add(
                "unknown-setting",
                "warning",
                "Settings",
                f"'{label}' is not a setting this tool knows: ignored.",
                rows=row,
                column="Setting",
            )
            continue
        if clean_text(value) is None:
            continue
        parsed = _setting_value(field_name, value)
        if parsed is INVALID:
            issues.add(
                "invalid-setting",
                "error",
                "Settings",
                f"'{clean_text(value)}' is not a valid value for '{label}': the default is used.",
                rows=row,
                column="Value",
            )
            continue
        changes[field_name] = parsed
    return Settings().replace(**changes)


def _setting_value(field_name: str, value: object) -> object:
    if field_name == "reporting_month":
        try:
            return parse_month(value if not isinstance(value, float) else parse_date(value))
        except Exception:
            return INVALID
    if field_name == "annex_a_start":
        day = parse_date(value)
        return INVALID if day is INVALID else day.date()
    if field_name in ("population", "sources_differ_pct"):
        number = parse_number(value)
        return INVALID if number is INVALID or number <= 0 else number
    if field_name in WHOLE_NUMBER_FIELDS:
        number = parse_int(value)
        return INVALID if number is INVALID or number < 1 else number
    return clean_text(value)
