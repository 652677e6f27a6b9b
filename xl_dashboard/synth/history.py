"""A synthetic stored history: the months before a demo's data, as earlier builds would have
kept them (`--history`), so the demo's charts have two years of points for process limits.

Each series (indicator and breakdown) is walked back month by month from its first month: a
denominator (or a count) by small relative steps, a proportion by small steps of its log-odds,
each pulled back towards the first month's level (a service varies around its level rather
than drifting away), so the earlier months look like the same service a little earlier, with
no step where they meet."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..indicators.teams import TEAM_PREFIX
from .draws import seeded

SPAN = 24  # months of figures a series has, with the history, up to the reporting month
COUNT_STEP = 0.03  # relative month-to-month change of a count or denominator (sd)
SHARE_STEP = 0.08  # month-to-month change of a proportion's log-odds (sd)
RATE_STEP = 0.01  # relative month-to-month change of a rate per 10,000 (sd)
PULL = 0.7  # how much of a month's distance from the level the month before it keeps
COLUMNS = ["indicator_id", "breakdown", "period", "numerator", "denominator", "value", "unit"]


def earlier_months(data: pd.DataFrame, reporting_month: str, seed: int = 2024) -> pd.DataFrame:
    """Rows (indicator_id, breakdown, period, numerator, denominator, value, unit, source) for
    the months from SPAN months before `reporting_month` up to each series' first month, from
    the source of that first month (as the builds of those months would have stored them)."""
    rng = seeded(seed, 900)
    first_month = pd.Period(reporting_month, freq="M") - (SPAN - 1)
    rows: list[tuple] = []
    data = data.assign(breakdown=data["breakdown"].fillna("").astype(str))
    for (indicator, breakdown), series in data.groupby(["indicator_id", "breakdown"], sort=True):
        series = series.sort_values("period")
        start = pd.Period(str(series["period"].iloc[0]), freq="M")
        k = (start - first_month).n
        if k <= 0 or breakdown.startswith(TEAM_PREFIX):
            continue
        anchor = series.iloc[0]
        periods = [str(first_month + i) for i in range(k)]
        walked = _walk_back(rng, indicator, breakdown, anchor, periods)
        rows += [(*row, anchor["source"]) for row in walked]
    return pd.DataFrame(rows, columns=[*COLUMNS, "source"])


def _walk_back(
    rng: np.random.Generator, indicator: str, breakdown: str, anchor: pd.Series, periods: list
) -> list[tuple]:
    """`len(periods)` months before the anchor row, oldest first."""
    k = len(periods)
    unit = anchor["unit"]
    num, den, value = (pd.to_numeric(anchor[c], errors="coerce") for c in COLUMNS[3:6])
    if pd.notna(num) and pd.notna(den) and den > 0:
        dens = np.maximum(np.round(den * np.exp(_back(rng, k, COUNT_STEP))), 1)
        share = _shares(min(max(num / den, 0.001), 0.999), _back(rng, k, SHARE_STEP))
        nums = np.round(dens * share)
        values = nums / dens * {"%": 100, "per 10k": 10000}.get(unit, 1)
        return [
            (indicator, breakdown, p, float(n), float(d), float(v), unit)
            for p, n, d, v in zip(periods, nums, dens, values, strict=True)
        ]
    if pd.isna(value):
        return []
    if unit == "count":
        values = np.round(value * np.exp(_back(rng, k, COUNT_STEP)))
    elif unit == "%":
        values = 100 * _shares(min(max(value / 100, 0.001), 0.999), _back(rng, k, SHARE_STEP))
    else:
        values = value * np.exp(_back(rng, k, RATE_STEP))
    return [
        (indicator, breakdown, p, None, None, float(v), unit)
        for p, v in zip(periods, values, strict=True)
    ]


def _back(rng: np.random.Generator, k: int, sd: float) -> np.ndarray:
    """Offsets for the `k` months before a month, oldest first: each month's offset is PULL
    times the next month's plus a step of `sd`, starting from 0 at the month itself."""
    out = np.empty(k)
    offset = 0.0
    for i, step in enumerate(rng.normal(0, sd, k)):
        offset = PULL * offset + step
        out[k - 1 - i] = offset
    return out


def _shares(share: float, offsets: np.ndarray) -> np.ndarray:
    """Proportions whose log-odds are the share's plus the offsets."""
    logit = np.log(share / (1 - share)) + offsets
    return 1 / (1 + np.exp(-logit))
