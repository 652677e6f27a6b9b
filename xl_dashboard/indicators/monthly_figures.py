"""The Monthly figures merged into the results, with their checks: a value against its own
numerator/denominator, the figures against Annex A, unknown ids and duplicate rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..issues import Issues
from ..settings import Settings
from .catalogue import BY_ID, Indicator
from .results import KEY, RESULT_COLUMNS, fill_from
from .units import scaled_value

FIGURE_TOLERANCE = 0.05  # display units: a supplied value further than this from n/d is an error


def merge_figures(
    data: pd.DataFrame, figures: pd.DataFrame, settings: Settings, issues: Issues
) -> pd.DataFrame:
    """Monthly figures fill what Annex A does not give; where both exist the computed value is
    shown and a difference is noted."""
    if figures.empty:
        return data
    figs = figures.assign(breakdown=figures["breakdown"].fillna("").astype(str))
    known = figs["indicator_id"].isin(list(BY_ID))
    if (~known).any():
        issues.add(
            "unknown-indicator",
            "warning",
            "Monthly figures",
            [
                f"'{i}' is not an indicator id of the catalogue: this row is not used."
                for i in figs.loc[~known, "indicator_id"]
            ],
            rows=figs.loc[~known, "row"].to_numpy(),
            column="indicator_id",
        )
    rows = []
    for ind_id, part in figs[known].groupby("indicator_id", sort=False):
        ind = BY_ID[str(ind_id)]
        rows.append(_figure_values(part, ind, issues))
    if not rows:
        return data
    supplied = pd.concat(rows, ignore_index=True)
    supplied = supplied[supplied["value"].notna() | supplied["numerator"].notna()]
    _note_differences(supplied, data, issues, settings.sources_differ_pct)
    dup = supplied.duplicated(KEY, keep="last")
    if dup.any():
        issues.add(
            "duplicate-figure",
            "warning",
            "Monthly figures",
            "Another row gives the same indicator, breakdown and month: the later row is used.",
            rows=supplied.loc[dup, "row"].to_numpy(),
        )
    return fill_from(data, supplied[~dup])


def _figure_values(part: pd.DataFrame, ind: Indicator, issues: Issues) -> pd.DataFrame:
    """Value from numerator/denominator where given; check a value given alongside them."""
    given = part["value"]
    derived = scaled_value(part["numerator"], part["denominator"], ind.unit)
    bad = given.notna() & derived.notna() & ((given - derived).abs() > FIGURE_TOLERANCE)
    if bad.any():
        issues.add(
            "figure-mismatch",
            "error",
            "Monthly figures",
            [
                f"{ind.id} {p}: value {v:g} does not match numerator/denominator "
                f"({d:.2f}); the value is used."
                for p, v, d in zip(part.loc[bad, "period"], given[bad], derived[bad], strict=True)
            ],
            rows=part.loc[bad, "row"].to_numpy(),
            column="value",
        )
    value = given.where(given.notna(), derived)
    return part.assign(value=value, unit=ind.unit, source="figures", indicator_id=ind.id)[
        [*RESULT_COLUMNS, "row"]
    ]


def _note_differences(
    supplied: pd.DataFrame, data: pd.DataFrame, issues: Issues, pct: float
) -> None:
    """Where Monthly figures and Annex A both give a month, Annex A is shown; a difference is
    noted, and one of more than [5]% is a warning: a chart switching source there would step."""
    both = supplied.merge(data[[*KEY, "value"]], on=KEY, suffixes=("", "_computed"))
    gap = (both["value"] - both["value_computed"]).abs()
    both = both.assign(pct=100 * gap / both["value_computed"].abs())
    for severity, rows in (
        ("warning", both[both["pct"].fillna(np.inf) > pct]),
        ("info", both[(gap > FIGURE_TOLERANCE) & ~(both["pct"].fillna(np.inf) > pct)]),
    ):
        if len(rows):
            issues.add(
                "sources-differ" if severity == "warning" else "figure-differs",
                severity,
                "Monthly figures",
                [
                    " ".join(f"{r.indicator_id} {r.breakdown} {r.period}:".split())
                    + f" Monthly figures say {r.value:.1f}, Annex A gives {r.value_computed:.1f}"
                    + (f" ({r.pct:.0f}% apart)" if np.isfinite(r.pct) else "")
                    + "; Annex A is shown."
                    for r in rows.itertuples()
                ],
                rows=rows["row"].to_numpy(),
                column="value",
            )
