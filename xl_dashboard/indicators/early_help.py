"""Early help (Annex A List 2)."""

from __future__ import annotations

import pandas as pd

from .base import Context, counts_by_month, month_of, usable


def eh_assessments_started(ctx: Context) -> pd.DataFrame:
    started = usable(ctx, 2, ("eh_start",))
    period = month_of(started["eh_start"], ctx.periods)
    return counts_by_month(period.dropna(), ctx.periods)
