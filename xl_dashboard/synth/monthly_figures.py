"""The input workbook's Monthly figures: indicators Annex A cannot give, and months before it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .county_report import CountyReport

# Figures-only indicators: (denominator per 171,830 children, lowest and highest proportion).
_FIGURES: dict[str, tuple[float, float, float]] = {
    "cwd_reviewed_6_weeks": (300, 0.6, 0.8),
    "s47_assessments_in_timescale": (180, 0.72, 0.93),
    "lac_immunisations": (700, 0.85, 0.95),
    "lac_development_checks": (90, 0.85, 0.98),
    "lac_care_plan": (1000, 0.9, 0.98),
    "lac_pathway_plan": (400, 0.8, 0.95),
    "lac_pep": (600, 0.8, 0.95),
}
_PERCENT_ONLY = ("lac_pep", "cwd_reviewed_6_weeks")  # published as a percentage only
# Latest-value indicators are computed for the reporting month only; earlier months come from
# figures (indicators.md, "Which months are computed").
_LATEST_VALUE: dict[str, tuple[float, float, float]] = {
    "cp_visits_in_timescale": (500, 0.85, 0.97),
    "lac_health_assessment": (700, 0.85, 0.95),
    "lac_dental_check": (700, 0.75, 0.9),
    "cin_allocated_qualified": (2600, 0.9, 0.97),
    "cp_allocated_qualified": (500, 0.97, 1.0),
    "lac_allocated_qualified": (1000, 0.93, 0.99),
}
_EH_OUTCOME_SHARES = {
    "Needs met": 0.55,
    "Stepped up to social care": 0.12,
    "Family disengaged": 0.18,
    "Moved out of area": 0.05,
    "Other": 0.10,
}

_REPORT = "from the monthly performance report"
Row = tuple[Any, ...]  # indicator_id, breakdown, period, numerator, denominator, value, note


def _share(rng: np.random.Generator, lo: float, hi: float, k: int) -> np.ndarray:
    """A proportion wandering between `lo` and `hi` over `k` months."""
    mid = rng.uniform(lo, hi)
    return np.clip(mid + np.cumsum(rng.normal(0, (hi - lo) / 10, k)), lo, hi)


def _counts(
    rng: np.random.Generator, size: float, f: float, lo: float, hi: float, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Numerators and denominators for `k` months: about `size * f` cases, `lo`-`hi` of them
    counted."""
    den = np.round(size * f * rng.normal(1, 0.03, k))
    num = np.round(den * _share(rng, lo, hi, k))
    return num, den


def _count_rows(
    indicator: str,
    breakdown: str | None,
    periods: Sequence[str],
    num: np.ndarray,
    den: np.ndarray,
    note: str | None = None,
) -> list[Row]:
    """Numerator and denominator rows, one per period."""
    return [
        (indicator, breakdown, m, float(a), float(b), None, note)
        for m, a, b in zip(periods, num, den, strict=True)
    ]


def _value_rows(
    indicator: str, breakdown: str | None, periods: Sequence[str], values: np.ndarray
) -> list[Row]:
    """Value-only rows, one per period."""
    return [
        (indicator, breakdown, m, None, None, float(v), None)
        for m, v in zip(periods, values, strict=True)
    ]


def monthly_figures(
    rng: np.random.Generator,
    f: float,
    all_months: np.ndarray,
    window_start: np.datetime64,
    report: CountyReport | None = None,
) -> list[Row]:
    """Rows for every month in `all_months` (the window and the six months before it), with
    volumes `f` times a county's; months before `window_start` also carry the history of
    indicators that Annex A gives for the window.

    With the `report` of the county the Annex A extract was cut from, the figures Annex A also
    gives are that county's (open cases in every month before the last; latest-value
    indicators and re-referrals continued backwards from its figures), so the months where the
    dashboard switches from figures to Annex A show no step."""
    figures: list[Row] = []
    n = len(all_months)
    labels = [str(m) for m in all_months]
    total = np.round(300 * f * rng.normal(1, 0.08, n))
    for outcome, part in _EH_OUTCOME_SHARES.items():
        counts = np.round(total * part * rng.normal(1, 0.1, n))
        figures += _value_rows("eh_outcomes", outcome, labels, counts)
    for team, size, lo, hi in (("CIN teams", 1360, 0.73, 0.88), ("CWD teams", 340, 0.3, 0.5)):
        figures += _count_rows("cin_with_plan", team, labels, *_counts(rng, size, f, lo, hi, n))
    for indicator, (size, lo, hi) in _FIGURES.items():
        num, den = _counts(rng, size, f, lo, hi, n)
        if indicator in _PERCENT_ONLY:
            figures += [
                (indicator, None, m, None, None, round(100 * a / b, 1), None)
                for m, a, b in zip(labels, num, den, strict=True)
            ]
        elif indicator == "s47_assessments_in_timescale":
            figures += [
                (indicator, None, m, float(a), float(b), round(100 * a / b, 1), None)
                for m, a, b in zip(labels, num, den, strict=True)
            ]
        else:
            figures += _count_rows(indicator, None, labels, num, den)
    history = [str(m) for m in all_months if m < window_start]
    if report is not None:
        return figures + _county_rows(rng, report, history, labels[:-1])
    before_end = labels[:-1]
    k = len(before_end)
    for indicator, (size, lo, hi) in _LATEST_VALUE.items():
        num, den = _counts(rng, size, f, lo, hi, k)
        figures += _count_rows(indicator, None, before_end, np.minimum(num, den), den, _REPORT)
    h = len(history)
    refs = np.round(870 * f * rng.normal(1, 0.06, h))
    rerefs = np.round(refs * _share(rng, 0.18, 0.26, h))
    figures += _count_rows("re_referrals", None, history, rerefs, refs)
    for indicator, size in (("cin_open", 4800), ("cp_open", 480), ("lac_open", 900)):
        level = np.round(size * f * (1 + np.cumsum(rng.normal(0, 0.01, h))))
        figures += _value_rows(indicator, None, history, level)
    return figures


def _county_rows(
    rng: np.random.Generator, report: CountyReport, history: list[str], before_end: list[str]
) -> list[Row]:
    """The county's own figures for the months before the reporting month: its open cases
    (months before the extract continued backwards), its re-referrals (likewise before its
    referral stream), and the latest-value indicators walked back from their last month."""
    rows: list[Row] = []
    for indicator, (num, den) in report.latest.items():
        lo, hi = _LATEST_VALUE[indicator][1:]
        share = num / den if den else (lo + hi) / 2
        k = len(before_end)
        dens = np.round(_back(rng, den, k, 0.01))
        walk = _back(rng, share, k, (hi - lo) / 10, log=False)
        nums = np.minimum(np.round(dens * np.clip(walk, min(lo, share), max(hi, share))), dens)
        rows += _count_rows(indicator, None, before_end, nums, dens, _REPORT)
    stream = report.re_referrals
    if stream:
        rerefs, refs = stream[min(stream)]
        earlier = [m for m in history if m < min(stream)]
        ref_walk = np.round(_back(rng, refs, len(earlier), 0.06))
        share_walk = np.clip(_back(rng, rerefs / refs, len(earlier), 0.02, log=False), 0, 1)
        rows += _count_rows(
            "re_referrals", None, earlier, np.round(ref_walk * share_walk), ref_walk
        )
        rows += [("re_referrals", None, m, *stream[m], None, None) for m in history if m in stream]
    for indicator, by_month in report.open_children.items():
        months = [m for m in before_end if m in by_month]
        earlier = [m for m in history if m < report.window[0]]
        level = np.round(_back(rng, by_month[report.window[0]], len(earlier), 0.008))
        rows += _value_rows(indicator, None, earlier, level)
        rows += [(indicator, None, m, None, None, by_month[m], None) for m in months]
    return rows


def _back(
    rng: np.random.Generator, anchor: float, k: int, sd: float, *, log: bool = True
) -> np.ndarray:
    """`k` months before a month at `anchor`, oldest first: a random walk backwards from it
    (steps of relative size `sd`, or of absolute size `sd` when not `log`)."""
    steps = np.cumsum(rng.normal(0, sd, k))[::-1]
    return anchor * np.exp(steps) if log else anchor + steps
