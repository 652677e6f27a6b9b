"""Referrals over time: each child's referrals before the event stream, and what the contract's
re-referral rule and Ofsted's per-child count read from a child's referrals (indicators.md,
"re_referrals"; annex_a.md 1.4)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dates import add_months, uniform_dates

_SPAN = 10**6  # more days than any date's day number: a child's dates sort within its block


class Timeline:
    """Every referral of every child (before and during the stream), to look back from a date."""

    def __init__(self, child: np.ndarray, date: np.ndarray) -> None:
        self._keys = np.sort(_key(child, date))

    def count(self, child: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """The referrals of each child dated in [lo, hi)."""
        return np.searchsorted(self._keys, _key(child, hi)) - np.searchsorted(
            self._keys, _key(child, lo)
        )

    def year_before(self, child: np.ndarray, date: np.ndarray) -> np.ndarray:
        """The referrals of each child in the 12 months before `date`: [date - 12 months, date)."""
        return self.count(child, add_months(date, -12), date)

    def re_referral(self, child: np.ndarray, date: np.ndarray) -> np.ndarray:
        """Mask of referrals whose child had another referral in the 12 months before them."""
        return self.year_before(child, date) > 0

    def per_child(self, child: np.ndarray, date: np.ndarray, listed: np.ndarray) -> np.ndarray:
        """Ofsted's Number of Referrals in Last 12 Months on each `listed` row: the child's
        referrals in [L - 12 months, L), L being the child's latest listed referral, the same
        on each of the child's listed rows (NaN on the rows not listed)."""
        out = np.full(len(child), np.nan)
        if not listed.any():
            return out
        latest = pd.Series(date[listed]).groupby(child[listed]).transform("max").to_numpy()
        out[listed] = self.year_before(child[listed], latest)
        return out


def _key(child: np.ndarray, date: np.ndarray) -> np.ndarray:
    return np.asarray(child, dtype=np.int64) * _SPAN + np.asarray(date, dtype="M8[D]").astype(
        np.int64
    )


def before_stream(
    rng: np.random.Generator,
    child: np.ndarray,
    per_day: np.ndarray,
    first: np.datetime64,
    last: np.datetime64,
) -> dict[str, np.ndarray]:
    """Referrals of the children `child` (each once) dated in [first, last): as many as each
    child's referral rate `per_day` in the stream gives over that span (a Poisson number),
    on uniformly drawn days, so that months late in the stream and early in it see the same
    share of re-referrals."""
    n = rng.poisson(per_day * (last - first).astype(np.int64))
    who = np.repeat(child, n)
    k = len(who)
    date = uniform_dates(rng, np.repeat(first, k), np.repeat(last - np.timedelta64(1, "D"), k))
    order = np.lexsort((date, who))
    return {"child": who[order], "date": date[order]}
