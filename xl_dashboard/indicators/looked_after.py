"""Children looked after (Annex A List 8)."""

from __future__ import annotations

import pandas as pd

from .allocation import qualified
from .base import Context, computes, open_at, snapshot

EPISODE = ("start", "end", "child_id")


def _looked_after_at(ep: pd.DataFrame, m1: pd.Timestamp):
    """Open at M1, excluding legal status V3/V4 (short breaks), as the DfE counts do. Without
    a legal status column (reported when the list is read) nobody can be excluded."""
    if "legal_status" not in ep:
        return open_at(ep, m1)
    status = ep["legal_status"]
    short = {c for c in status.dropna().unique() if str(c).upper()[:2] in ("V3", "V4")}
    return open_at(ep, m1) & ~status.isin(short).to_numpy()


def _last_12_months(dates: pd.Series, m1: pd.Timestamp):
    """Dated in (M1 - 12 months, M1]; a blank date counts as not done."""
    return ((dates > m1 - pd.DateOffset(months=12)) & (dates <= m1)).to_numpy()


def _year_cohort(ep: pd.DataFrame, m1: pd.Timestamp):
    """Looked after at M1 and since at least 12 months before (started on or before M1 - 12m)."""
    return _looked_after_at(ep, m1) & (ep["start"] <= m1 - pd.DateOffset(months=12)).to_numpy()


@computes("lac_open", needs={8: EPISODE})
def lac_open(ctx: Context) -> pd.DataFrame:
    return snapshot(ctx, "lac_open", 8, lambda ep, m1: (_looked_after_at(ep, m1), None))


@computes("lac_allocated_qualified", needs={8: (*EPISODE, "worker")}, workers=True)
def lac_allocated_qualified(ctx: Context) -> pd.DataFrame:
    return snapshot(
        ctx,
        "lac_allocated_qualified",
        8,
        lambda ep, m1: (_looked_after_at(ep, m1), qualified(ctx, 8, ep)),
    )


@computes("lac_health_assessment", needs={8: (*EPISODE, "health_assessment")})
def lac_health_assessment(ctx: Context) -> pd.DataFrame:
    return snapshot(
        ctx,
        "lac_health_assessment",
        8,
        lambda ep, m1: (_year_cohort(ep, m1), _last_12_months(ep["health_assessment"], m1)),
    )


@computes("lac_dental_check", needs={8: (*EPISODE, "dental_check")})
def lac_dental_check(ctx: Context) -> pd.DataFrame:
    return snapshot(
        ctx,
        "lac_dental_check",
        8,
        lambda ep, m1: (_year_cohort(ep, m1), _last_12_months(ep["dental_check"], m1)),
    )
