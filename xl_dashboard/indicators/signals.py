"""SPC over a build's results: every catalogue indicator's headline monthly series as an XmR
chart (spc.py), with its polarity from the catalogue, its target from the Targets sheet and the
reporting month and SPC settings of the build.

The points are `results.data`, where the engine has already merged the months of Annex A, the
Monthly figures and the stored history (engine.compute, history.py), so a stored history of
[12] months gives limits even to an indicator Annex A gives for its reporting month only.

**A published pack (`api.published`) never lets SPC reveal a withheld figure.** A withheld
month (`c`) is a month with no figure: it breaks the series there, exactly as a month never
given, and the limits come from the shown months after it. The other way, limits worked out
from the unsuppressed figures with only the `c` points hidden, would leak: the mean of n points
times n, minus the n - 1 shown ones, is the hidden one; a moving range next to it bounds it; a
limit or "outside" flag on its neighbours says which side of the mean it lies. Computed from the
shown figures alone, every number and signal of the SPC table is a function of figures the pack
prints anyway, and a gap says no more than the `c` beside it."""

from __future__ import annotations

import math

import pandas as pd

from ..disclosure import suppress
from ..spc import SpcSpec, spc_table
from .catalogue import CATALOGUE
from .results import Results

__all__ = ["by_breakdown", "number_or_none", "shown_data", "spc_of", "spc_specs", "targets_of"]


def shown_data(results: Results) -> pd.DataFrame:
    """The results' tidy table as its pack shows it: in a published pack every withheld row
    (`suppressed`) has no figures. A `publish` build whose data was never suppressed is
    suppressed here, so no caller can put a withheld figure into a chart or a sentence."""
    data = results.data
    if results.settings.publish and "suppressed" not in data:
        data = suppress(data, results.settings.largest_small)
    if "suppressed" in data:
        hidden = data["suppressed"].fillna(False).astype(bool)
        data = data.assign(value=data["value"].where(~hidden))
    return data


def targets_of(results: Results) -> dict[str, tuple[float | None, float | None]]:
    """(target, amber tolerance) by indicator id from the Targets sheet; the last row of an
    indicator wins, as on the Summary."""
    t = results.targets
    if t is None or t.empty or "indicator_id" not in t or "target" not in t:
        return {}
    tolerance = t["tolerance"] if "tolerance" in t else pd.Series([None] * len(t), index=t.index)
    return {
        str(i): (number_or_none(target), number_or_none(tol))
        for i, target, tol in zip(t["indicator_id"], t["target"], tolerance, strict=True)
    }


def spc_specs(results: Results) -> dict[str, SpcSpec]:
    """Polarity (catalogue) and target (Targets sheet) of every indicator with a headline
    series, in catalogue order. Every catalogue indicator is monthly (its periods are months);
    one with no headline rows (a figure given only by breakdown, such as outcomes of family
    support plans) is charted by breakdown (`by_breakdown`)."""
    present = set(results.data["indicator_id"].astype(str))
    targets = targets_of(results)
    return {
        ind.id: SpcSpec(ind.polarity, targets.get(ind.id, (None, None))[0])
        for ind in CATALOGUE
        if ind.id in present
    }


def by_breakdown(results: Results) -> list[str]:
    """The indicators given only by breakdown (no headline rows): charted by each breakdown,
    such as up-to-date CIN plans in CIN teams and in CWD teams."""
    data = results.data
    headline = data["breakdown"].fillna("").astype(str) == ""
    with_headline = set(data.loc[headline, "indicator_id"].astype(str))
    return [i for i in dict.fromkeys(data["indicator_id"].astype(str)) if i not in with_headline]


def spc_of(results: Results) -> pd.DataFrame:
    """One row per shown month of every headline series (spc.SPC_COLUMNS): the last
    `spc_max_points` months up to the reporting month, limits from `spc_min_points` months
    without a gap, runs and trends of `spc_run_length`. Breakdown rows (source groups, teams)
    are not charted, except those of an indicator given only by breakdown."""
    s = results.settings
    return spc_table(
        shown_data(results),
        spc_specs(results),
        reporting_month=str(s.reporting_month) if s.reporting_month is not None else None,
        max_points=s.spc_max_points,
        min_points=s.spc_min_points,
        run_length=s.spc_run_length,
        by_breakdown=by_breakdown(results),
    )


def number_or_none(x: object) -> float | None:
    """A cell's number, or None for a blank, text or NaN."""
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f
