"""Early help (Annex A List 2)."""

from __future__ import annotations

import pandas as pd

from .base import Context, in_months, tally, usable


def eh_assessments_started(ctx: Context) -> pd.DataFrame:
    return tally(ctx, in_months(usable(ctx, 2, ("eh_start",)), "eh_start", ctx.periods))
