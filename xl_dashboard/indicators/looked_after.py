"""Children looked after (Annex A List 8)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .allocation import qualified
from .base import Context, open_at, snapshot


def _looked_after_at(ep: pd.DataFrame, m1: pd.Timestamp):
    """Open at M1, excluding legal status V3/V4 (short breaks), as the DfE counts do. Without
    a legal status column (reported when the list is read) nobody can be excluded."""
    if "legal_status" not in ep:
        return open_at(ep, m1)
    status = ep["legal_status"]
    short = {c for c in status.dropna().unique() if str(c).upper()[:2] in ("V3", "V4")}
    return open_at(ep, m1) & ~status.isin(short).to_numpy()


def _within_months(dates: pd.Series, m1: pd.Timestamp, months: int | pd.Series):
    """Dated in (M1 - months, M1]; a blank date counts as not done."""
    since = m1 - pd.DateOffset(months=months) if isinstance(months, int) else months
    return ((dates > since) & (dates <= m1)).to_numpy()


def _health_due_since(ep: pd.DataFrame, m1: pd.Timestamp, ctx: Context) -> pd.Series:
    """The day after which a health assessment is up to date at M1: [6] months back for a child
    under 5 at M1 (Date of Birth + 5 years > M1), [12] months from 5, and for a blank date of
    birth (statutory guidance; indicators.md)."""
    t = ctx.settings.timescales
    under_5 = (ep["dob"] + pd.DateOffset(years=5) > m1) if "dob" in ep else False
    young = m1 - pd.DateOffset(months=t.health_under_5)
    old = m1 - pd.DateOffset(months=t.health_5_and_over)
    return pd.Series(np.where(under_5, young, old), index=ep.index, dtype="datetime64[ns]")


def _year_cohort(ep: pd.DataFrame, m1: pd.Timestamp):
    """Looked after at M1 and since at least 12 months before (started on or before M1 - 12m)."""
    return _looked_after_at(ep, m1) & (ep["start"] <= m1 - pd.DateOffset(months=12)).to_numpy()


def lac_open(ctx: Context) -> pd.DataFrame:
    return snapshot(ctx, 8, lambda ep, m1: (_looked_after_at(ep, m1), None))


def lac_allocated_qualified(ctx: Context) -> pd.DataFrame:
    return snapshot(
        ctx,
        8,
        lambda ep, m1: (_looked_after_at(ep, m1), qualified(ctx, 8, ep)),
    )


def lac_health_assessment(ctx: Context) -> pd.DataFrame:
    return snapshot(
        ctx,
        8,
        lambda ep, m1: _health_measure(ctx, ep, m1),
    )


def _health_measure(ctx: Context, ep: pd.DataFrame, m1: pd.Timestamp) -> tuple:
    cohort = _year_cohort(ep, m1)
    no_dob = cohort & (ep["dob"].isna().to_numpy() if "dob" in ep else True)
    if no_dob.any():
        ctx.issues.add(
            "health-rule-without-dob",
            "info",
            ctx.annex.sheet(8),
            "No valid Date of Birth: the health assessment is judged by the 12-month rule "
            "(under-5s need one every 6 months).",
            rows=ep.loc[no_dob, "row"].to_numpy(),
            column="Date of Birth",
        )
    return cohort, _within_months(ep["health_assessment"], m1, _health_due_since(ep, m1, ctx))


def lac_dental_check(ctx: Context) -> pd.DataFrame:
    return snapshot(
        ctx,
        8,
        lambda ep, m1: (_year_cohort(ep, m1), _within_months(ep["dental_check"], m1, 12)),
    )
