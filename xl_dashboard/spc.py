"""Statistical process control (XmR charts) as NHS England's "Making Data Count" does it.

The rules, their precedence and the icons follow NHSRplotthedots (nhs-r-community/NHSRplotthedots,
MIT): `R/ptd_spc_standard.R` (mean, limits, "close to limits"), `R/ptd_calculate_point_type.R`
(the four special-cause rules and their precedence), `R/ptd_calculate_assurance_type.R` (the
assurance icon) and `R/geom_ptd_icon.R` (the variation icon comes from the last point).

Each rule is a small function over a short array (one value per month, at most 24), named after
the rule; `special_cause` combines them in NHSRplotthedots' order of precedence:

    outside  >  trend  >  two_of_three  >  shift  >  common cause ("")

A point meeting several rules carries the first. `spc` runs one indicator, `spc_table` every
headline indicator of a tidy results table. Rendering lives elsewhere.

Where this differs from NHSRplotthedots, on purpose: fewer than `min_points` months give no limits
and no signals (it draws trial limits with a warning); outlying moving ranges are screened only
when asked (`screen_outliers`, its default); a month with no figure starts the series afresh
(it expects no gaps; this is its "rebase")."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

LIMIT_FACTOR = 2.66  # 3 sigma from the mean moving range (3 / d2, d2 = 1.128 for ranges of 2)
NEAR_FACTOR = 2 * LIMIT_FACTOR / 3  # 2 sigma: "close to the limits" starts here
SCREEN_FACTOR = 3.267  # D4 for ranges of 2: moving ranges this far above the mean are screened

POLARITIES = ("up", "down", "none")
SIGNALS = ("outside", "trend", "two_of_three", "shift")  # in order of precedence
TOO_FEW = "too few months for process limits"
BEFORE_GAP = "before a month with no figure"
# Values a unit cannot go beyond, so limits beyond them are drawn at them.
UNIT_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "%": (0.0, 100.0),
    "count": (0.0, None),
    "per 10k": (0.0, None),
}
SPC_COLUMNS = [
    "indicator_id",
    "period",
    "value",
    "mean",
    "lower",
    "upper",
    "signal",
    "polarity_colour",
    "variation",
    "assurance",
    "reason",
    "breakdown",  # '' for the headline; an indicator given only by breakdown is charted by each
]


@dataclass(frozen=True)
class Limits:
    """Centre line and process limits of one run of points (unclamped, as the rules use them)."""

    mean: float
    mean_moving_range: float

    @property
    def lower(self) -> float:
        return self.mean - LIMIT_FACTOR * self.mean_moving_range

    @property
    def upper(self) -> float:
        return self.mean + LIMIT_FACTOR * self.mean_moving_range

    @property
    def near_lower(self) -> float:
        """2 sigma below the mean: two-thirds of the way to the lower limit."""
        return self.mean - NEAR_FACTOR * self.mean_moving_range

    @property
    def near_upper(self) -> float:
        return self.mean + NEAR_FACTOR * self.mean_moving_range


@dataclass(frozen=True)
class SpcSpec:
    """What `spc_table` needs to know of an indicator beyond its figures."""

    polarity: str  # up | down | none
    target: float | None = None


# --- limits -------------------------------------------------------------------------------------


def process_limits(x: np.ndarray, *, screen_outliers: bool = False) -> Limits:
    """Mean and mean moving range of `x` (no gaps). With `screen_outliers`, moving ranges of at
    least 3.267 × their mean are left out and the mean recomputed, as NHSRplotthedots' default."""
    moving_range = np.abs(np.diff(x))
    mean_mr = float(moving_range.mean())
    if screen_outliers:
        mean_mr = float(moving_range[moving_range < SCREEN_FACTOR * mean_mr].mean())
    return Limits(mean=float(x.mean()), mean_moving_range=mean_mr)


def clamp_to_unit(value: float, unit: str) -> float:
    """A limit drawn within what the unit allows (0-100 for %, at least 0 for counts and rates)."""
    low, high = UNIT_BOUNDS.get(unit, (None, None))
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value


# --- the rules ----------------------------------------------------------------------------------


def side_of_mean(x: np.ndarray, mean: float) -> np.ndarray:
    """+1 above the mean, -1 below, 0 on it (a point on the mean breaks a run)."""
    return np.sign(x - mean).astype(int)


def _every_point_of(windows: np.ndarray, size: int) -> np.ndarray:
    """Flag every point of each qualifying window; window k covers points k .. k+size-1."""
    return np.convolve(windows.astype(int), np.ones(size, dtype=int)) > 0


def outside(x: np.ndarray, limits: Limits) -> np.ndarray:
    """Points strictly beyond a process limit."""
    return (x > limits.upper) | (x < limits.lower)


def shift(side: np.ndarray, run_length: int = 7) -> np.ndarray:
    """Every point of a run of `run_length` or more points on the same side of the mean."""
    if len(side) < run_length:
        return np.zeros(len(side), dtype=bool)
    w = sliding_window_view(side, run_length)
    one_side = (w == w[:, :1]).all(axis=1) & (w[:, 0] != 0)
    return _every_point_of(one_side, run_length)


def trend(x: np.ndarray, run_length: int = 7) -> np.ndarray:
    """+1 / -1 for every point of a run of `run_length` points each strictly above (below) the one
    before, else 0; an equal value breaks the run. A peak or trough shared by a rise and a fall
    takes the run that follows it, as NHSRplotthedots does (its step-to-the-next-point rule would
    also turn the top of a rise followed by a separate run down to "falling"; not copied)."""
    n = len(x)
    if n < run_length:
        return np.zeros(n, dtype=int)
    step = np.sign(np.diff(x)).astype(int)
    w = sliding_window_view(step, run_length - 1)
    rising = _every_point_of((w > 0).all(axis=1), run_length)
    falling = _every_point_of((w < 0).all(axis=1), run_length)
    next_step = np.append(step, 0)
    return np.where(rising & falling, next_step, rising.astype(int) - falling.astype(int))


def two_of_three(x: np.ndarray, side: np.ndarray, limits: Limits) -> np.ndarray:
    """Points beyond 2 sigma (but inside the limits) when at least two of three consecutive points
    are, all three on the same side of the mean. Only the points beyond 2 sigma are flagged."""
    close = ~outside(x, limits) & ((x > limits.near_upper) | (x < limits.near_lower))
    if len(x) < 3:
        return np.zeros(len(x), dtype=bool)
    near = sliding_window_view(close, 3).sum(axis=1) >= 2
    same_side = np.abs(sliding_window_view(side, 3).sum(axis=1)) == 3
    return _every_point_of(near & same_side, 3) & close


def special_cause(
    x: np.ndarray, limits: Limits, run_length: int = 7
) -> tuple[np.ndarray, np.ndarray]:
    """Each point's rule name (`SIGNALS`, "" for common cause) and its direction: +1 high or
    rising, -1 low or falling. A trend's direction is its slope, the others' their side of the
    mean; a point meeting several rules takes the first in `SIGNALS` (NHSRplotthedots' order)."""
    side = side_of_mean(x, limits.mean)
    rising_or_falling = trend(x, run_length)
    flags = [
        outside(x, limits),
        rising_or_falling != 0,
        two_of_three(x, side, limits),
        shift(side, run_length),
    ]
    directions = [side, rising_or_falling, side, side]
    signal = np.select(flags, list(SIGNALS), default="")
    direction = np.select(flags, directions, default=0)
    return signal, direction


# --- polarity and icons -------------------------------------------------------------------------


def _check_polarity(polarity: str) -> None:
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}, not {polarity!r}")


def polarity_colour(direction: np.ndarray, polarity: str) -> np.ndarray:
    """'improvement' or 'concern' for a special-cause point by its direction and the polarity,
    'neither' for polarity none, '' for common cause."""
    _check_polarity(polarity)
    if polarity == "none":
        return np.where(direction != 0, "neither", "")
    better = direction * (1 if polarity == "up" else -1)
    return np.select([better > 0, better < 0], ["improvement", "concern"], default="")


def variation_icon(direction: int, polarity: str) -> str:
    """Making Data Count's variation icon for the last point's special-cause direction."""
    _check_polarity(polarity)
    if direction == 0:
        return "common_cause"
    if polarity == "none":
        return "special_cause_high" if direction > 0 else "special_cause_low"
    improving = (direction > 0) == (polarity == "up")
    return "special_cause_improving" if improving else "special_cause_concerning"


def assurance_icon(limits: Limits | None, target: float | None, polarity: str) -> str:
    """Whether the process will meet the target: '' without limits, target or polarity.

    As NHSRplotthedots: a target beyond the upper limit is always missed when higher is better
    (met when lower is), one beyond the lower limit always met (missed); on or between the limits
    it is hit and miss. Limits unclamped; clamping cannot change this for a target the unit
    allows, as the comparisons are strict."""
    _check_polarity(polarity)
    if limits is None or target is None or pd.isna(target) or polarity == "none":
        return ""
    higher_is_better = polarity == "up"
    if target > limits.upper:
        return "consistently_missed" if higher_is_better else "consistently_met"
    if target < limits.lower:
        return "consistently_met" if higher_is_better else "consistently_missed"
    return "hit_and_miss"


# --- one indicator ------------------------------------------------------------------------------


def _month_number(period: object) -> int:
    """Months since year 0 of a 'YYYY-MM' period (text or a monthly pd.Period)."""
    text = str(period)
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def _window(
    values: pd.Series, reporting_month: object, max_points: int
) -> tuple[np.ndarray, np.ndarray]:
    """Month numbers and figures (NaN: no figure) of the `max_points` calendar months ending at
    the reporting month (default: the last period)."""
    months = np.fromiter((_month_number(p) for p in values.index), np.int64, len(values))
    if len(np.unique(months)) < len(months):
        raise ValueError("values has a period more than once")
    figures = pd.to_numeric(np.asarray(values, dtype=object), errors="coerce").astype(float)
    end = _month_number(reporting_month) if reporting_month else int(months.max())
    window = np.full(max_points, np.nan)
    at = months - (end - max_points + 1)
    inside = (at >= 0) & (at < max_points)
    window[at[inside]] = figures[inside]
    return np.arange(end - max_points + 1, end + 1), window


def monthly_window(values: pd.Series, reporting_month: str | None, max_points: int) -> pd.Series:
    """The `max_points` calendar months ending at the reporting month (default: the last period),
    as floats indexed by 'YYYY-MM'; a month with no figure is NaN."""
    months, window = _window(values, reporting_month, max_points)
    return pd.Series(window, index=[_month_label(m) for m in months])


def _month_label(month: int) -> str:
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def current_run(window: pd.Series) -> pd.Series:
    """The months after the last month with no figure: the points the limits come from."""
    return window.iloc[_run_start(window.to_numpy(dtype=float)) :]


def _run_start(window: np.ndarray) -> int:
    missing = np.isnan(window)
    return len(window) - int(np.argmax(missing[::-1])) if missing.any() else 0


def _chart(
    indicator_id: str,
    months: np.ndarray,
    window: np.ndarray,
    *,
    unit: str,
    polarity: str,
    target: float | None,
    min_points: int,
    run_length: int,
    screen_outliers: bool,
    breakdown: str = "",
) -> dict[str, np.ndarray]:
    """One series' `SPC_COLUMNS` as arrays, one element per month with a figure."""
    shown = ~np.isnan(window)
    n = int(shown.sum())
    blank = np.full(n, np.nan)
    chart: dict[str, np.ndarray] = {
        "indicator_id": np.full(n, indicator_id, dtype=object),
        "period": np.array([_month_label(m) for m in months[shown]], dtype=object),
        "value": window[shown],
        "mean": blank,
        "lower": blank.copy(),
        "upper": blank.copy(),
        **{c: np.full(n, "", dtype=object) for c in SPC_COLUMNS[6:]},
    }
    chart["breakdown"][:] = breakdown
    run = window[_run_start(window) :]
    if n == 0:
        return chart
    if len(run) < max(min_points, 2):
        chart["reason"][:] = TOO_FEW
        return chart
    limits = process_limits(run, screen_outliers=screen_outliers)
    signal, direction = special_cause(run, limits, run_length)
    rows = slice(n - len(run), n)  # the run is the tail of the months shown
    chart["reason"][: n - len(run)] = BEFORE_GAP
    chart["mean"][rows] = limits.mean
    chart["lower"][rows] = clamp_to_unit(limits.lower, unit)
    chart["upper"][rows] = clamp_to_unit(limits.upper, unit)
    chart["signal"][rows] = signal
    chart["polarity_colour"][rows] = polarity_colour(direction, polarity)
    chart["variation"][-1] = variation_icon(int(direction[-1]), polarity)
    chart["assurance"][-1] = assurance_icon(limits, target, polarity)
    return chart


def _table(charts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    """The charts' rows as one frame: numbers as floats, the rest as text."""
    columns = {
        c: np.concatenate([chart[c] for chart in charts]) if charts else np.array([], dtype=object)
        for c in SPC_COLUMNS
    }
    frame = pd.DataFrame(columns)
    numbers = ["value", "mean", "lower", "upper"]
    return frame.astype({c: float if c in numbers else "str" for c in SPC_COLUMNS})


def spc(
    values: pd.Series,
    *,
    indicator_id: str,
    unit: str,
    polarity: str,
    target: float | None = None,
    reporting_month: str | None = None,
    max_points: int = 24,
    min_points: int = 12,
    run_length: int = 7,
    screen_outliers: bool = False,
) -> pd.DataFrame:
    """One indicator's XmR chart, one row per month with a figure (`SPC_COLUMNS`).

    `values` is indexed by period 'YYYY-MM'. The points are the last `max_points` months up to
    `reporting_month`; a month with no figure breaks the series, and the limits come from the
    months after the last break when there are `min_points` of them (else none, and `reason`
    says why). `variation` and `assurance` are on the last row only."""
    _check_polarity(polarity)
    if values.empty:
        return _table([])
    months, window = _window(values, reporting_month, max_points)
    return _table(
        [
            _chart(
                indicator_id,
                months,
                window,
                unit=unit,
                polarity=polarity,
                target=target,
                min_points=min_points,
                run_length=run_length,
                screen_outliers=screen_outliers,
            )
        ]
    )


# --- a results table ----------------------------------------------------------------------------


def spc_table(
    results: pd.DataFrame,
    specs: Mapping[str, SpcSpec],
    *,
    reporting_month: str | None = None,
    max_points: int = 24,
    min_points: int = 12,
    run_length: int = 7,
    screen_outliers: bool = False,
    by_breakdown: Collection[str] = (),
) -> pd.DataFrame:
    """`spc` for the headline rows (breakdown "") of each indicator in `specs`, and for each
    breakdown of the indicators in `by_breakdown` (those given only by breakdown), concatenated.

    `results` is the tidy table (indicator_id, breakdown, period, value, unit). The reporting
    month defaults to the table's latest period, the same for every indicator, so an indicator
    without a figure for it gets no limits. Indicators not in `specs`, or without headline rows,
    are left out."""
    breakdowns = results["breakdown"].fillna("").astype(str)
    charted = results.assign(breakdown=breakdowns)[
        (breakdowns == "") | results["indicator_id"].isin(list(by_breakdown))
    ]
    if reporting_month is None and not charted.empty:
        reporting_month = max(str(p) for p in charted["period"])
    order = {indicator_id: k for k, indicator_id in enumerate(specs)}
    charts = []
    for (indicator_id, breakdown), rows in charted.groupby(
        ["indicator_id", "breakdown"], sort=False
    ):
        spec = specs.get(str(indicator_id))
        if spec is None:
            continue
        _check_polarity(spec.polarity)
        months, window = _window(rows.set_index("period")["value"], reporting_month, max_points)
        chart = _chart(
            str(indicator_id),
            months,
            window,
            unit=str(rows["unit"].iloc[0]),
            polarity=spec.polarity,
            target=spec.target,
            min_points=min_points,
            run_length=run_length,
            screen_outliers=screen_outliers,
            breakdown=str(breakdown),
        )
        charts.append(((order[str(indicator_id)], str(breakdown)), chart))
    return _table([chart for _, chart in sorted(charts, key=lambda c: c[0])])
