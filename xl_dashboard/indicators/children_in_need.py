"""Children in need (Annex A List 6)."""

from __future__ import annotations

import pandas as pd

from .allocation import qualified
from .base import Context, in_months, open_at, snapshot, tally

CP_OR_CLA = ("protection", "looked after")


def _cp_or_cla(status: pd.Series) -> pd.Series:
    """Case Status is a CP plan or looked after (`b) Child Protection plan`, `CLA`, ...)."""
    low = status.fillna("").str.lower()
    words = low.str.contains("|".join(CP_OR_CLA), regex=True)
    return words | low.isin({"cp", "cpp", "cla", "lac"})


def cin_open(ctx: Context) -> pd.DataFrame:
    return snapshot(ctx, 6, lambda ep, m1: (open_at(ep, m1), None))


def cin_closed(ctx: Context) -> pd.DataFrame:
    """List 6 episodes (rows) with CIN Closure Date in the month."""
    return tally(ctx, in_months(ctx.list(6), "end", ctx.periods))


def cin_allocated_qualified(ctx: Context) -> pd.DataFrame:
    # Children in need not on a CP plan and not looked after (Case Status holds the latest
    # status at the extract date, so this is the reporting month only).
    def measure(ep: pd.DataFrame, m1: pd.Timestamp) -> tuple:
        cohort = open_at(ep, m1) & ~_cp_or_cla(ep["case_status"]).to_numpy()
        return cohort, qualified(ctx, 6, ep)

    return snapshot(ctx, 6, measure)
