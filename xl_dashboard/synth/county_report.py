"""The synthetic county's own monthly performance report: figures counted from the very lists
its Annex A extract is cut from (before the messiness is added), with the Annex A definitions of
shared/spec/indicators.md, so the demo's Monthly figures agree with its Annex A months."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..calendar import wd
from ..settings import Timescales
from .authority import Authority
from .codes import SHORT_BREAKS
from .dates import DAY, add_months
from .referral_history import Timeline
from .sheets import sheets

Pair = tuple[float, float]  # numerator, denominator
Columns = dict[str, np.ndarray]  # one list's values by Annex A header
CASE_STATUS_CP, CASE_STATUS_LOOKED_AFTER = 1, 0  # List 6 Case Status codes


@dataclass(frozen=True)
class CountyReport:
    """What the county's case system reports; periods are `YYYY-MM`."""

    window: tuple[str, ...]  # the months the Annex A lists cover, oldest first
    open_children: dict[str, dict[str, float]]  # cin_open, cp_open, lac_open: children at M1
    re_referrals: dict[str, Pair]  # (re-referrals, referrals) in each whole month of the stream
    latest: dict[str, Pair]  # latest-value indicators at the end of the last month

    @property
    def end(self) -> str:
        return self.window[-1]


@dataclass(frozen=True)
class _Episodes:
    start: np.ndarray
    end: np.ndarray

    def open_at(self, m1: np.datetime64) -> np.ndarray:
        """Open at M1: start <= M1 and (end blank or end > M1)."""
        return (self.start <= m1) & (np.isnat(self.end) | (self.end > m1))


def county_report(
    la: Authority, qualified: dict[str, bool], timescales: Timescales | None = None
) -> CountyReport:
    """The report of the county `la` (annex_a.build_authority); `qualified` says which
    Allocated Workers are qualified social workers, as the Workers sheet will."""
    t = timescales or Timescales()
    lists = {name: {c.header: c.values for c in cols} for name, cols in sheets(la).items()}
    cin, cp, lac = lists["List 6"], lists["List 7"], lists["List 8"]
    cin_ep = _Episodes(cin["CIN Start Date"], cin["CIN Closure Date"])
    cp_ep = _Episodes(cp["Child Protection Plan Start Date"], cp["Child Protection Plan End Date"])
    lac_ep = _Episodes(
        lac["Date Started to be Looked After"], lac["Date Ceased to be Looked After"]
    )
    in_care = ~np.isin(lac["Child's Legal Status"], SHORT_BREAKS)  # short breaks do not count
    months = np.arange(la.w0.astype("M8[M]"), la.w1.astype("M8[M]") + 1)
    window = tuple(str(m) for m in months)
    ends = [(m + 1).astype("M8[D]") - DAY for m in months]
    counts = {
        "cin_open": [_children(cin, cin_ep.open_at(m1)) for m1 in ends],
        "cp_open": [_children(cp, cp_ep.open_at(m1)) for m1 in ends],
        "lac_open": [_children(lac, lac_ep.open_at(m1) & in_care) for m1 in ends],
    }
    return CountyReport(
        window=window,
        open_children={k: dict(zip(window, v, strict=True)) for k, v in counts.items()},
        re_referrals=_re_referrals(la),
        latest=_latest(la.w1, cin, cp, lac, (cin_ep, cp_ep, lac_ep), in_care, qualified, t),
    )


def _latest(
    m1: np.datetime64,
    cin: Columns,
    cp: Columns,
    lac: Columns,
    episodes: tuple[_Episodes, _Episodes, _Episodes],
    in_care: np.ndarray,
    qualified: dict[str, bool],
    t: Timescales,
) -> dict[str, Pair]:
    """The latest-value indicators at M1, the end of the extract."""
    cin_ep, cp_ep, lac_ep = episodes
    status = cin["Case Status"]
    in_need = cin_ep.open_at(m1) & ~np.isin(status, (CASE_STATUS_CP, CASE_STATUS_LOOKED_AFTER))
    on_plan = cp_ep.open_at(m1)
    looked_after = lac_ep.open_at(m1) & in_care
    a_year = looked_after & (lac_ep.start <= _before(m1, 12))
    visit = cp["Date of the Last Statutory Visit"]
    since_visit = np.where(visit <= m1, visit, cp_ep.start)  # a later visit: the plan start
    visited = wd(since_visit, np.full(len(visit), m1)) <= t.cp_visit
    under_5 = add_months(lac["Date of Birth"], 60) > m1
    health_due = np.where(under_5, _before(m1, t.health_under_5), _before(m1, t.health_5_and_over))
    healthy = _in(lac["Date of Last Health Assessment"], health_due, m1)
    dental = _in(lac["Date of Last Dental Check"], _before(m1, 12), m1)
    return {
        "cin_allocated_qualified": _share(cin, in_need, _qualified(cin, qualified)),
        "cp_allocated_qualified": _share(cp, on_plan, _qualified(cp, qualified)),
        "lac_allocated_qualified": _share(lac, looked_after, _qualified(lac, qualified)),
        "cp_visits_in_timescale": _share(cp, on_plan, visited),
        "lac_health_assessment": _share(lac, a_year, healthy),
        "lac_dental_check": _share(lac, a_year, dental),
    }


def _re_referrals(la: Authority) -> dict[str, Pair]:
    """Re-referrals and referrals per month, for the months the county's referral stream covers
    whole (it begins before the extract): a referral is a re-referral when the child had another
    referral in the 12 months before it (indicators.md), counted from all the county's records,
    the referrals from before the stream included."""
    r, h = la.referrals, la.referral_history
    timeline = Timeline(
        np.concatenate([h["child"], r["child"]]), np.concatenate([h["date"], r["date"]])
    )
    month = r["date"].astype("M8[M]")
    whole = month >= (la.s0 - DAY).astype("M8[M]") + 1
    re = timeline.re_referral(r["child"][whole], r["date"][whole])
    frame = pd.DataFrame({"month": month[whole], "re": re})
    by_month = frame.groupby("month")["re"].agg(["sum", "size"])
    return {
        str(np.datetime64(m, "M")): (float(n), float(d))
        for m, n, d in zip(by_month.index, by_month["sum"], by_month["size"], strict=True)
    }


def _children(rows: Columns, mask: np.ndarray) -> float:
    """Distinct children among the rows selected."""
    return float(len(np.unique(rows["Child Unique ID"][mask])))


def _share(rows: Columns, cohort: np.ndarray, counted: np.ndarray) -> Pair:
    return _children(rows, cohort & counted), _children(rows, cohort)


def _qualified(rows: Columns, qualified: dict[str, bool]) -> np.ndarray:
    """True where the row's Allocated Worker is qualified (a blank worker is unallocated)."""
    return pd.Series(rows["Allocated Worker"]).map(qualified).eq(True).to_numpy()


def _before(m1: np.datetime64, months: int) -> np.datetime64:
    return add_months(np.array([m1], dtype="M8[D]"), -months)[0]


def _in(dates: np.ndarray, after: np.ndarray | np.datetime64, m1: np.datetime64) -> np.ndarray:
    """Dated in (after, M1]; a blank date is not."""
    return (dates > after) & (dates <= m1)
