"""XmR charts (xl_dashboard.spc) on hand-worked series.

Every expected number is worked out by hand in the comments beside it: mean = sum / n, mean
moving range (mMR) = sum of |x(i) - x(i-1)| / (n - 1), limits = mean ± 2.66 mMR, 2 sigma
("near") = mean ± 2/3 × 2.66 mMR. The cross-check at the end uses figures printed in
NHSRplotthedots' own test snapshots."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from xl_dashboard.spc import (
    BEFORE_GAP,
    SPC_COLUMNS,
    TOO_FEW,
    Limits,
    SpcSpec,
    shift,
    spc,
    spc_table,
    trend,
    two_of_three,
)


def months(n: int, start: str = "2023-01") -> list[str]:
    return [str(p) for p in pd.period_range(start, periods=n, freq="M")]


def series(values: list[float], start: str = "2023-01") -> pd.Series:
    return pd.Series(values, index=months(len(values), start), dtype=float)


def run(
    values: list[float] | pd.Series,
    polarity: str = "up",
    unit: str = "count",
    target: float | None = None,
    **kw: object,
) -> pd.DataFrame:
    s = values if isinstance(values, pd.Series) else series(values)
    return spc(s, indicator_id="x", unit=unit, polarity=polarity, target=target, **kw)


def signals(frame: pd.DataFrame) -> list[str]:
    return list(frame["signal"])


# Common cause, 12 points.
# sum = 8+10+9+11+10+12+11+10+9+11+10+9 = 120, mean = 10
# moving ranges 2,1,2,1,2,1,1,1,2,1,1 = 15, mMR = 15/11; 2.66 × 15/11 = 39.9/11 = 3.627273
# limits 6.372727 .. 13.627273; near (2/3 × 3.627273 = 2.418182) 7.581818 .. 12.418182:
# nothing beyond; sides -,0,-,+,0,+,+,0,-,+,0,- (no run); steps +,-,+,-,+,-,-,-,+,-,- (no trend)
COMMON = [8, 10, 9, 11, 10, 12, 11, 10, 9, 11, 10, 9]
COMMON_LOWER, COMMON_UPPER = 10 - 39.9 / 11, 10 + 39.9 / 11


# --- mean and limits ----------------------------------------------------------------------------


def test_mean_and_limits_of_a_small_series() -> None:
    out = run(COMMON)
    assert list(out.columns) == SPC_COLUMNS
    assert list(out["period"]) == months(12)
    assert out["mean"].tolist() == pytest.approx([10.0] * 12)
    assert out["lower"].tolist() == pytest.approx([6.372727] * 12, abs=1e-6)
    assert out["upper"].tolist() == pytest.approx([13.627273] * 12, abs=1e-6)
    assert signals(out) == [""] * 12
    assert list(out["polarity_colour"]) == [""] * 12
    assert list(out["reason"]) == [""] * 12
    assert list(out["variation"]) == [""] * 11 + ["common_cause"]
    assert list(out["assurance"]) == [""] * 12  # no target


def test_percentages_are_clamped_to_0_and_100_and_counts_at_0() -> None:
    # 1,3 × 6: mean 2, every moving range 2, 2.66 × 2 = 5.32: limits -3.32 .. 7.32
    low = [1, 3] * 6
    pct = run(low, unit="%")
    assert pct["lower"].tolist() == [0.0] * 12
    assert pct["upper"].tolist() == pytest.approx([7.32] * 12)
    count = run(low, unit="count")
    assert count["lower"].tolist() == [0.0] * 12
    assert run(low, unit="per 10k")["lower"].tolist() == [0.0] * 12
    assert run(low, unit="")["lower"].tolist() == pytest.approx([-3.32] * 12)  # no bound known
    # 97,99 × 6: mean 98, limits 92.68 .. 103.32: a percentage stops at 100
    high = run([97, 99] * 6, unit="%")
    assert high["upper"].tolist() == [100.0] * 12
    assert high["lower"].tolist() == pytest.approx([92.68] * 12)
    # a count has no ceiling
    assert run([97, 99] * 6, unit="count")["upper"].tolist() == pytest.approx([103.32] * 12)


def test_fewer_than_12_points_give_no_limits() -> None:
    out = run(COMMON[:11], target=6)
    assert len(out) == 11
    assert out[["mean", "lower", "upper"]].isna().all().all()
    assert signals(out) == [""] * 11
    assert list(out["reason"]) == [TOO_FEW] * 11
    assert list(out["variation"]) == [""] * 11  # no icons without limits
    assert list(out["assurance"]) == [""] * 11
    # 12 is enough
    assert run(COMMON)["reason"].tolist() == [""] * 12


def test_min_points_is_a_parameter() -> None:
    # 1,3 × 5: mean 2, mMR 2: limits -3.32 .. 7.32 once 10 points are enough
    out = run([1, 3] * 5, unit="", min_points=10)
    assert out["lower"].tolist() == pytest.approx([-3.32] * 10)


def test_only_the_last_24_months_are_used() -> None:
    # two wild months, then COMMON twice: the window is the last 24
    # sum 240, mean 10; moving ranges 15 + |8 - 9| + 15 = 31, 2.66 × 31/23 = 82.46/23 = 3.585217
    out = run([1000, 1000] + COMMON + COMMON)
    assert len(out) == 24
    assert out["period"].iloc[0] == "2023-03"
    assert out["mean"].iloc[0] == pytest.approx(10.0)
    assert out["upper"].iloc[0] == pytest.approx(13.585217, abs=1e-6)
    assert out["lower"].iloc[0] == pytest.approx(6.414783, abs=1e-6)


def test_months_after_the_reporting_month_are_left_out() -> None:
    out = run(series(COMMON + [500, 500]), reporting_month="2023-12")
    assert list(out["period"]) == months(12)
    assert out["mean"].iloc[0] == pytest.approx(10.0)


# --- gaps ---------------------------------------------------------------------------------------


def test_a_gap_with_12_months_after_it_uses_those_months_alone() -> None:
    # 2023-01, 2023-02, no figure for 2023-03, then COMMON from 2023-04 to 2024-03
    values = series([100, 100, np.nan] + COMMON)
    for gappy in (values, values.dropna()):  # NaN, or the month simply absent
        out = run(gappy, target=6)
        assert list(out["period"]) == ["2023-01", "2023-02"] + months(12, "2023-04")
        assert out["mean"].iloc[:2].isna().all()
        assert list(out["reason"]) == [BEFORE_GAP] * 2 + [""] * 12
        # the limits are COMMON's alone: the 100s before the gap play no part
        assert out["mean"].iloc[2:].tolist() == pytest.approx([10.0] * 12)
        assert out["upper"].iloc[2:].tolist() == pytest.approx([COMMON_UPPER] * 12)
        assert out["variation"].iloc[-1] == "common_cause"
        assert out["assurance"].iloc[-1] == "consistently_met"  # 6 < 6.3727


def test_a_gap_with_fewer_than_12_months_after_it_gives_no_limits() -> None:
    # 15 months with 2023-05 missing: 10 months after the gap
    values = series([10.0] * 15)
    values.iloc[4] = np.nan
    out = run(values)
    assert len(out) == 14
    assert out[["mean", "lower", "upper"]].isna().all().all()
    assert list(out["reason"]) == [TOO_FEW] * 14


def test_no_figure_for_the_reporting_month_gives_no_limits() -> None:
    out = run(series(COMMON), reporting_month="2024-01")
    assert list(out["reason"]) == [TOO_FEW] * 12


# --- the rules, each alone, and a near miss -----------------------------------------------------

# Outside. 8,12 alternating for 11 points (sum 108), then p.
# p = 36: sum 144, mean 12; moving ranges 10 × 4 + 28 = 68, 2.66 × 68/11 = 16.443636:
# limits -4.443636 .. 28.443636; 36 is above. 12 is on the mean (side 0), so no run of 7;
# near 12 ± 10.962424: 8 is not beyond it.
OUTSIDE_HIGH = [8, 12] * 5 + [8, 36]


def test_outside_alone() -> None:
    out = run(OUTSIDE_HIGH)
    assert out["upper"].iloc[0] == pytest.approx(12 + 2.66 * 68 / 11)
    assert signals(out) == [""] * 11 + ["outside"]


def test_outside_near_miss() -> None:
    # p = 24: sum 132, mean 11; moving ranges 40 + 16 = 56, 2.66 × 56/11 = 13.541818:
    # upper 24.541818 and 24 is just inside; near upper 20.03: only 24 beyond 2 sigma (one point)
    out = run([8, 12] * 5 + [8, 24])
    assert out["upper"].iloc[0] == pytest.approx(24.541818, abs=1e-6)
    assert signals(out) == [""] * 12


# Shift. 10,8,10,8,10,8,6 (sides 0,-,0,-,0,-,-) then seven points above the mean.
# sum 60 + 80 = 140, mean 10; moving ranges 2,2,2,2,2,2,5,1,1,1,1,1,1 = 23,
# 2.66 × 23/13 = 4.706154: limits 5.293846 .. 14.706154; near 6.862564 .. 13.137436:
# only 6 is beyond 2 sigma (one point); steps never rise or fall 6 times running.
SHIFT = [10, 8, 10, 8, 10, 8, 6, 11, 12, 11, 12, 11, 12, 11]


def test_shift_alone_flags_every_point_of_the_run() -> None:
    out = run(SHIFT)
    assert out["upper"].iloc[0] == pytest.approx(14.706154, abs=1e-6)
    assert signals(out) == [""] * 7 + ["shift"] * 7
    assert list(out["polarity_colour"]) == [""] * 7 + ["improvement"] * 7


def test_shift_near_miss_six_points() -> None:
    # 10,8,10,8,10,8,7,10 (sides 0,-,0,-,0,-,-,0) then six above: 12,11,12,11,12,11
    # sum 61 + 10 + 69 = 140, mean 10; moving ranges 2,2,2,2,2,1,3,2,1,1,1,1,1 = 21,
    # 2.66 × 21/13 = 4.296923: near 7.135385 .. 12.864615: only 7 beyond (one point)
    out = run([10, 8, 10, 8, 10, 8, 7, 10, 12, 11, 12, 11, 12, 11])
    assert signals(out) == [""] * 14


def test_shift_run_length_is_a_parameter() -> None:
    out = run([10, 8, 10, 8, 10, 8, 7, 10, 12, 11, 12, 11, 12, 11], run_length=6)
    assert signals(out) == [""] * 8 + ["shift"] * 6


# Trend. 10,9,11,10,9,11,10 then 7 rising from 7 to 13.
# sum 70 + 70 = 140, mean 10; moving ranges 1,2,1,1,2,1,3,1,1,1,1,1,1 = 17,
# 2.66 × 17/13 = 3.478462: limits 6.521538 .. 13.478462 (7 and 13 inside);
# near 7.681026 .. 12.318974: 7 (position 8) and 13 (position 14) beyond, six apart.
# Sides 0,-,+,0,-,+,0,-,-,-,0,+,+,+: no run of 7.
TREND = [10, 9, 11, 10, 9, 11, 10, 7, 8, 9, 10, 11, 12, 13]


def test_trend_alone_flags_all_seven_points() -> None:
    out = run(TREND)
    assert out["upper"].iloc[0] == pytest.approx(13.478462, abs=1e-6)
    assert signals(out) == [""] * 7 + ["trend"] * 7
    # coloured by its direction, including the points below the mean (NHSRplotthedots #171)
    assert list(out["polarity_colour"]) == [""] * 7 + ["improvement"] * 7
    assert out["variation"].iloc[-1] == "special_cause_improving"


def test_falling_trend_mirror() -> None:
    # 20 - TREND: same moving ranges, mean 10, same limits; a falling trend
    out = run([20 - v for v in TREND])
    assert signals(out) == [""] * 7 + ["trend"] * 7
    assert list(out["polarity_colour"]) == [""] * 7 + ["concern"] * 7
    assert out["variation"].iloc[-1] == "special_cause_concerning"


def test_trend_near_miss_an_equal_value_breaks_it() -> None:
    # 7,8,9,10,10,12,13 has an equal step; sum 71 + 69 = 140, mean 10;
    # moving ranges 1,2,1,1,2,0,4,1,1,1,0,2,1 = 17: the same limits as TREND
    out = run([10, 9, 11, 10, 9, 11, 11, 7, 8, 9, 10, 10, 12, 13])
    assert signals(out) == [""] * 14


# Two of three. 9,9,10,9,10,9,10,9,10,9,7 then 14,11,14.
# sum 140, mean 10; moving ranges 0,1,1,1,1,1,1,1,1,2,7,3,3 = 23, 2.66 × 23/13 = 4.706154:
# limits 5.293846 .. 14.706154; near 6.862564 .. 13.137436. 14 is beyond 2 sigma and inside
# the limits; 14, 11, 14 are all above the mean. 7 is not beyond 2 sigma.
TWO_OF_THREE = [9, 9, 10, 9, 10, 9, 10, 9, 10, 9, 7, 14, 11, 14]


def test_two_of_three_alone_flags_only_the_points_beyond_2_sigma() -> None:
    out = run(TWO_OF_THREE)
    assert signals(out) == [""] * 11 + ["two_of_three", "", "two_of_three"]
    assert out["variation"].iloc[-1] == "special_cause_improving"


def test_two_of_three_near_miss_not_within_three_points() -> None:
    # 9,9,10,9,9,9,10,8,10,7 then 14,11,11,14: sum 140, mean 10;
    # moving ranges 0,1,1,0,0,1,2,2,3,7,3,0,3 = 23: the same limits; the two 14s are 3 apart.
    # Sides -,-,0,-,-,-,0,-,0,-,+,+,+,+: no run of 7.
    out = run([9, 9, 10, 9, 9, 9, 10, 8, 10, 7, 14, 11, 11, 14])
    assert signals(out) == [""] * 14


def test_two_of_three_near_miss_opposite_sides_of_the_mean() -> None:
    # NHSRplotthedots' test-ptd_spc_standard.R ("only reports special cause for 2of3 points
    # close to limits when they are on the same side of the mean"): 1,-1 × 8, then the last two
    # are 5.5 and -5.5. Mean 0; moving ranges 13 × 2 + 6.5 + 11 = 43.5, mMR 2.9; with screening
    # (their default) 11 >= 3.267 × 2.9 = 9.4743 is left out: mMR 32.5/14 = 2.321429,
    # limits ± 6.175, near ± 4.116667: both beyond 2 sigma, on opposite sides.
    values = [1, -1] * 7 + [5.5, -5.5]
    out = run(values, unit="", screen_outliers=True)
    assert out["upper"].iloc[0] == pytest.approx(2.66 * 32.5 / 14)
    assert signals(out)[-2:] == ["", ""]
    assert list(out["variation"])[-1] == "common_cause"


# --- precedence ---------------------------------------------------------------------------------


def test_outside_beats_trend_beats_two_of_three() -> None:
    # 10,9 × 4 then 5,6,7,8,9,10,17 (rising, positions 9-15).
    # sum 76 + 62 = 138, mean 9.2; moving ranges 7 × 1 + 4 + 5 × 1 + 7 = 23,
    # 2.66 × 23/14 = 4.37: limits 4.83 .. 13.57 (17 outside); near 6.286667 .. 12.113333:
    # 5 and 6 are beyond 2 sigma, below the mean with 7 (two of three) but part of the trend.
    out = run([10, 9] * 4 + [5, 6, 7, 8, 9, 10, 17])
    assert out["upper"].iloc[0] == pytest.approx(13.57)
    assert signals(out) == [""] * 8 + ["trend"] * 6 + ["outside"]
    assert list(out["polarity_colour"]) == [""] * 8 + ["improvement"] * 7


def test_trend_beats_shift() -> None:
    # 11..17 rising, then 10,3 × 4 and 6. sum 98 + 58 = 156, mean 9.75;
    # moving ranges 6 × 1 + 7 + 7 × 7 + 3 = 65, 2.66 × 65/15 = 11.526667: limits
    # -1.776667 .. 21.276667; near 2.065556 .. 17.434444 (nothing beyond). Positions 1-8 are
    # above the mean (a run of 8): 1-7 are also the trend, so only position 8 says shift.
    out = run([11, 12, 13, 14, 15, 16, 17, 10, 3, 10, 3, 10, 3, 10, 3, 6], unit="")
    assert signals(out) == ["trend"] * 7 + ["shift"] + [""] * 8
    assert list(out["variation"])[-1] == "common_cause"


def test_two_of_three_beats_shift() -> None:
    # 10,7,10,7,9,7,7 then 11,11,14,14,11,11,11 (positions 8-14 above the mean).
    # sum 57 + 83 = 140, mean 10; moving ranges 3,3,3,2,2,0,4,0,3,0,3,0,0 = 23: limits
    # 5.293846 .. 14.706154, near 6.862564 .. 13.137436 as TWO_OF_THREE: the 14s are both.
    out = run([10, 7, 10, 7, 9, 7, 7, 11, 11, 14, 14, 11, 11, 11])
    assert signals(out) == [""] * 7 + ["shift", "shift"] + ["two_of_three"] * 2 + ["shift"] * 3


# --- the rule functions, on NHSRplotthedots' own cases (test-ptd_calculate_point_type.R) -------


def test_shift_function() -> None:
    assert shift(np.array([1] * 6)).tolist() == [False] * 6
    assert shift(np.array([1] * 6 + [-1])).tolist() == [False] * 7
    assert shift(np.array([1] * 8 + [-1])).tolist() == [True] * 8 + [False]
    assert shift(np.array([-1] * 8 + [1])).tolist() == [True] * 8 + [False]
    assert shift(np.array([0] * 9)).tolist() == [False] * 9  # on the mean is no side
    assert shift(np.array([], dtype=int)).tolist() == []


def test_trend_function() -> None:
    assert trend(np.arange(1, 7)).tolist() == [0] * 6
    assert trend(np.array([1, 2, 3, 3, 4, 5, 6])).tolist() == [0] * 7  # c(1:3, 3:6)
    assert trend(np.arange(1, 8)).tolist() == [1] * 7
    assert trend(np.array([2, 1, 2, 3, 4, 5, 6, 7, 3])).tolist() == [0] + [1] * 7 + [0]
    assert trend(np.arange(7, 0, -1)).tolist() == [-1] * 7
    assert trend(np.array([2, 7, 6, 5, 4, 3, 2, 1, 3])).tolist() == [0] + [-1] * 7 + [0]
    # a peak shared by a rise and a fall goes with the fall that follows it
    peak = np.array([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1])
    assert trend(peak).tolist() == [1] * 6 + [-1] * 7


def test_two_of_three_function() -> None:
    # mean 0, mMR 1: limits ± 2.66, 2 sigma ± 1.773333; 2 is between, 0.5 is not, 3 is outside
    limits = Limits(mean=0.0, mean_moving_range=1.0)

    def flags(x: list[float]) -> list[bool]:
        a = np.array(x)
        return two_of_three(a, np.sign(a).astype(int), limits).tolist()

    assert flags([2, 0.5, 2]) == [True, False, True]
    assert flags([0.5, 2, 2]) == [False, True, True]
    assert flags([0.5, 0.5, 2, 0.5, 2, 0.5, 0.5]) == [False, False, True, False, True] + [False] * 2
    assert flags([2, 0.5, 0.5, 2]) == [False] * 4
    assert flags([2, 0.5, 0.5, 2, 2]) == [False] * 3 + [True, True]
    assert flags([2, -0.5, 2]) == [False] * 3  # opposite sides (NHSRplotthedots #143)
    # a point outside the limits is not "close to" them (ptd_spc_standard.R close_to_limits)
    assert flags([3, 0.5, 2]) == [False] * 3
    assert flags([2]) == [False]


# --- polarity and icons -------------------------------------------------------------------------

# OUTSIDE_LOW = 40 - OUTSIDE_HIGH: 32,28 × 5, 32, 4. Mean 28, the same moving ranges:
# limits 28 ± 16.443636 = 11.556364 .. 44.443636; 4 is below; 28 is on the mean, 32 not beyond
# 2 sigma (28 ± 10.962424).
OUTSIDE_LOW = [40 - v for v in OUTSIDE_HIGH]


@pytest.mark.parametrize(
    ("values", "polarity", "colour", "icon"),
    [
        (OUTSIDE_HIGH, "up", "improvement", "special_cause_improving"),
        (OUTSIDE_HIGH, "down", "concern", "special_cause_concerning"),
        (OUTSIDE_HIGH, "none", "neither", "special_cause_high"),
        (OUTSIDE_LOW, "up", "concern", "special_cause_concerning"),
        (OUTSIDE_LOW, "down", "improvement", "special_cause_improving"),
        (OUTSIDE_LOW, "none", "neither", "special_cause_low"),
        (COMMON, "up", "", "common_cause"),
        (COMMON, "none", "", "common_cause"),
    ],
)
def test_polarity_colour_and_variation_icon(
    values: list[float], polarity: str, colour: str, icon: str
) -> None:
    out = run(values, polarity=polarity)
    assert out["polarity_colour"].iloc[-1] == colour
    assert list(out["polarity_colour"])[:-1] == [""] * (len(values) - 1)
    assert list(out["variation"]) == [""] * (len(values) - 1) + [icon]


def test_variation_icon_comes_from_the_last_point_only() -> None:
    # SHIFT with a last point back on the mean: sum 150, n 15, mean 10; moving ranges
    # 23 + |10 - 11| = 24, 2.66 × 24/14 = 4.56: near 6.96 .. 13.04 (6 alone beyond).
    out = run(SHIFT + [10])
    assert signals(out) == [""] * 7 + ["shift"] * 7 + [""]
    assert out["variation"].iloc[-1] == "common_cause"


def test_unknown_polarity_is_refused() -> None:
    with pytest.raises(ValueError, match="polarity"):
        run(COMMON, polarity="sideways")


# --- assurance ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "target", "icon"),
    [
        ("up", 6, "consistently_met"),  # 6 < lower 6.3727: every point is above it
        ("up", 14, "consistently_missed"),  # 14 > upper 13.6273: none reaches it
        ("up", 10, "hit_and_miss"),  # between: COMMON crosses 10 (8 .. 12)
        ("down", 14, "consistently_met"),
        ("down", 6, "consistently_missed"),
        ("down", 11, "hit_and_miss"),
        ("none", 6, ""),  # volumes have no assurance
        ("up", None, ""),
        ("up", float("nan"), ""),
    ],
)
def test_assurance_icon(polarity: str, target: float | None, icon: str) -> None:
    out = run(COMMON, polarity=polarity, target=target)
    assert list(out["assurance"]) == [""] * 11 + [icon]


def test_assurance_as_nhsrplotthedots_test() -> None:
    # test-ptd_calculate_assurance_type.R, target 4: (lpl 1, upl 3) fail when increasing, pass
    # when decreasing; (5, 7) the reverse; (1, 5) inconsistent. Here 1,3 × 6 on an unbounded
    # unit: mean 2, limits -3.32 .. 7.32, so targets 8 / -4 / 4 play those parts.
    low = [1, 3] * 6
    assert run(low, unit="", target=8)["assurance"].iloc[-1] == "consistently_missed"
    assert run(low, unit="", target=8, polarity="down")["assurance"].iloc[-1] == (
        "consistently_met"
    )
    assert run(low, unit="", target=-4)["assurance"].iloc[-1] == "consistently_met"
    assert run(low, unit="", target=-4, polarity="down")["assurance"].iloc[-1] == (
        "consistently_missed"
    )
    assert run(low, unit="", target=4)["assurance"].iloc[-1] == "hit_and_miss"


# --- a results table ----------------------------------------------------------------------------


def tidy(indicator_id: str, values: list[float], unit: str, breakdown: str = "") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "breakdown": breakdown,
            "period": months(len(values)),
            "value": values,
            "unit": unit,
        }
    )


def test_spc_table_over_headline_rows() -> None:
    results = pd.concat(
        [
            tidy("a", COMMON, "count"),
            tidy("a", [1000.0] * 12, "count", breakdown="Police"),  # not headline: ignored
            tidy("b", OUTSIDE_HIGH, "%"),
            tidy("c", COMMON[:11], "count"),  # no figure for 2023-12, the latest month
            tidy("d", COMMON, "count"),  # not asked for
        ],
        ignore_index=True,
    )
    specs = {
        "a": SpcSpec("up", target=6),
        "b": SpcSpec("down"),
        "c": SpcSpec("none"),
        "missing": SpcSpec("up"),
    }
    out = spc_table(results, specs)
    assert list(out.columns) == SPC_COLUMNS
    assert out.groupby("indicator_id", sort=False).size().to_dict() == {"a": 12, "b": 12, "c": 11}
    a = out[out["indicator_id"] == "a"]
    assert a["mean"].tolist() == pytest.approx([10.0] * 12)
    assert a["assurance"].iloc[-1] == "consistently_met"
    b = out[out["indicator_id"] == "b"]
    assert b["upper"].iloc[0] == pytest.approx(12 + 2.66 * 68 / 11)  # 28.44, under 100
    assert b["lower"].iloc[0] == 0.0  # -4.44 clamped
    assert b["signal"].iloc[-1] == "outside"
    assert b["variation"].iloc[-1] == "special_cause_concerning"
    c = out[out["indicator_id"] == "c"]
    assert set(c["reason"]) == {TOO_FEW}


def test_spc_table_of_nothing_has_the_columns() -> None:
    out = spc_table(tidy("a", COMMON, "count"), {})
    assert list(out.columns) == SPC_COLUMNS
    assert out.empty


# --- cross-check against NHSRplotthedots --------------------------------------------------------

# R's set.seed(123); rnorm(20): the data of NHSRplotthedots' tests/testthat/test-ptd_spc_standard.R
# ("it returns expected values"); its first four values are printed in the snapshot.
RNORM_123 = [
    -0.56047565,
    -0.23017749,
    1.55870831,
    0.07050839,
    0.12928774,
    1.71506499,
    0.46091621,
    -1.26506123,
    -0.68685285,
    -0.44566197,
    1.22408180,
    0.35981383,
    0.40077145,
    0.11068272,
    -0.55584113,
    1.78691314,
    0.49785048,
    -1.96661716,
    0.70135590,
    -0.47279141,
]


def test_cross_check_with_nhsrplotthedots_snapshot() -> None:
    # tests/testthat/_snaps/ptd_spc_standard.md, r1: mean_col 0.1416238, lpl -3.01138,
    # upl 3.294627; relative_to_mean starts -1,-1,1,-1,-1,1,1,-1,-1,-1,1,1,1,-1,-1;
    # _snaps/ptd_spc.md: 20 points, all common cause.
    out = run(RNORM_123, unit="", polarity="up")
    assert out["mean"].iloc[0] == pytest.approx(0.1416238, abs=1e-7)
    assert out["lower"].iloc[0] == pytest.approx(-3.01138, abs=1e-5)
    assert out["upper"].iloc[0] == pytest.approx(3.294627, abs=1e-6)
    above = (out["value"] > out["mean"]).tolist()[:15]
    assert above == [s > 0 for s in [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]]
    assert signals(out) == [""] * 20
    # r2 and r3: y[15] <- 10, limits with and without screening outliers
    outlier = list(RNORM_123)
    outlier[14] = 10
    screened = run(outlier, unit="", screen_outliers=True)
    assert screened["mean"].iloc[0] == pytest.approx(0.6694159, abs=1e-7)
    assert screened["lower"].iloc[0] == pytest.approx(-2.383666, abs=1e-6)
    assert screened["upper"].iloc[0] == pytest.approx(3.722497, abs=1e-6)
    unscreened = run(outlier, unit="")
    assert unscreened["lower"].iloc[0] == pytest.approx(-4.596625, abs=1e-6)
    assert unscreened["upper"].iloc[0] == pytest.approx(5.935457, abs=1e-6)
