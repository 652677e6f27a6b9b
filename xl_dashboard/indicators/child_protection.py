"""Child protection (Annex A Lists 5 and 7)."""

from __future__ import annotations

import pandas as pd

from ..calendar import wd
from .allocation import qualified
from .base import Context, in_months, open_at, snapshot, tally, usable


def cp_open(ctx: Context) -> pd.DataFrame:
    return snapshot(ctx, 7, lambda ep, m1: (open_at(ep, m1), None))


def cp_allocated_qualified(ctx: Context) -> pd.DataFrame:
    return snapshot(ctx, 7, lambda ep, m1: (open_at(ep, m1), qualified(ctx, 7, ep)))


def cp_visits_in_timescale(ctx: Context) -> pd.DataFrame:
    # R = the last statutory visit when present and on or before M1, else the plan start.
    def measure(ep: pd.DataFrame, m1: pd.Timestamp) -> tuple:
        cohort = open_at(ep, m1)
        late = (ep["last_visit"] > m1).to_numpy() & cohort
        if late.any():
            ctx.issues.add(
                "visit-after-month-end",
                "warning",
                ctx.annex.sheet(7),
                f"Date of the Last Statutory Visit is after {m1.strftime('%d/%m/%Y')}: treated "
                "as missing (the plan start date is used).",
                rows=ep.loc[late, "row"].to_numpy(),
                column="Date of the Last Statutory Visit",
            )
        visit = ep["last_visit"].where(ep["last_visit"] <= m1)
        since = visit.fillna(ep["start"])
        return cohort, wd(since, m1) <= ctx.settings.timescales.cp_visit

    return snapshot(ctx, 7, measure)


def cp_seen_alone(ctx: Context) -> pd.DataFrame:
    # A blank answer counts as not seen alone (in the denominator only).
    return snapshot(
        ctx,
        7,
        lambda ep, m1: (open_at(ep, m1), (ep["seen_alone"] == True).to_numpy()),  # noqa: E712
    )


def cp_duration_2y_plus(ctx: Context) -> pd.DataFrame:
    return snapshot(
        ctx,
        7,
        lambda ep, m1: (open_at(ep, m1), (ep["start"] <= m1 - pd.DateOffset(years=2)).to_numpy()),
    )


def cp_duration_18m_2y(ctx: Context) -> pd.DataFrame:
    def measure(ep: pd.DataFrame, m1: pd.Timestamp) -> tuple:
        start = ep["start"]
        band = (start > m1 - pd.DateOffset(years=2)) & (start <= m1 - pd.DateOffset(months=18))
        return open_at(ep, m1), band.to_numpy()

    return snapshot(ctx, 7, measure)


def cp_second_subsequent(ctx: Context) -> pd.DataFrame:
    plans = in_months(usable(ctx, 7, ("start",)), "start", ctx.periods)
    previous = plans["previous_plans"]
    valid = (previous >= 0).to_numpy()  # whole numbers by then: invalid ones are blank
    ctx.left_out(
        7,
        plans.loc[~valid, "row"],
        "Number of Previous Child Protection Plans is not a whole number of 0 or more",
    )
    plans = plans[valid]
    return tally(ctx, plans, plans["previous_plans"] >= 1)


def icpc_in_timescale(ctx: Context) -> pd.DataFrame:
    held = in_months(ctx.list(5), "icpc_date", ctx.periods)
    no_strategy = held["strategy_date"].isna().to_numpy()
    ctx.left_out(
        5,
        held.loc[no_strategy, "row"],
        "No Strategy discussion initiating Section 47 Enquiry Start Date",
    )
    before = (held["icpc_date"] < held["strategy_date"]).to_numpy()
    ctx.left_out(
        5,
        held.loc[before, "row"],
        "Date of Initial Child Protection Conference is before the Strategy discussion "
        "initiating Section 47 Enquiry Start Date",
    )
    held = held[~no_strategy & ~before]
    within = wd(held["strategy_date"], held["icpc_date"]) <= ctx.settings.timescales.icpc
    return tally(ctx, held, within)
