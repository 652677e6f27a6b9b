"""The results type and its column contract: one tidy row per indicator, breakdown and month."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..issues import Issues
from ..settings import Settings
from .catalogue import BY_ID

KEY = ["indicator_id", "breakdown", "period"]
RESULT_COLUMNS = [
    "indicator_id",
    "breakdown",
    "period",
    "numerator",
    "denominator",
    "value",
    "unit",
    "source",
]


@dataclass
class Results:
    """The tidy indicator table plus the settings it was computed with."""

    data: pd.DataFrame  # RESULT_COLUMNS
    settings: Settings  # reporting_month and annex_a_start resolved
    covered: list[pd.Period]  # months computed from Annex A
    issues: Issues
    benchmarks: pd.DataFrame = field(default_factory=pd.DataFrame)  # indicator_id, comparator, ...
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)  # indicator_id, target, tolerance
    commentary: pd.DataFrame = field(default_factory=pd.DataFrame)  # section, month, text

    def series(self, indicator_id: str, breakdown: str = "") -> pd.DataFrame:
        """One indicator's rows for one breakdown, indexed by period."""
        d = self.data
        rows = d[(d["indicator_id"] == indicator_id) & (d["breakdown"] == breakdown)]
        return rows.set_index("period")

    def value(self, indicator_id: str, period: str, breakdown: str = "") -> float | None:
        rows = self.series(indicator_id, breakdown)
        if period not in rows.index:
            return None
        v = rows.at[period, "value"]
        return None if pd.isna(v) else float(v)


def empty_results() -> pd.DataFrame:
    """A results table with the contract's columns and no rows."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in RESULT_COLUMNS})


def fill_from(data: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """Rows of `other` for indicator, breakdown and month that `data` does not have."""
    known = other[other["indicator_id"].isin(list(BY_ID))]
    new = known.merge(data[KEY], on=KEY, how="left", indicator=True)
    added = new[new["_merge"] == "left_only"][RESULT_COLUMNS]
    # Only non-empty frames are joined (pandas 2 warns about dtypes from empty ones).
    parts = [frame for frame in (data, added) if len(frame)]
    if not parts:
        return data
    return (
        pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    )
