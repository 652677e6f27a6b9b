"""Children in need episodes (List 6): opened by referrals, long-running cases, and the
episodes around child protection plans and care."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .codes import CONTACT_AGES, NEED_P, YES
from .dates import DAY, NAT, days, maxdate, mindate
from .draws import choice

if TYPE_CHECKING:
    from .authority import Authority


def cin(la: Authority) -> None:
    """List 6: episodes from assessments, long-running cases, and around plans and care."""
    rng = la.rng(9)
    w0, w1 = la.w0, la.w1
    a = la.assess
    n = len(a["child"])
    # Episodes opened by a referral that led to an assessment.
    close_nfa = a["auth"]
    cin_plan_end = a["auth"] + days(np.round(rng.gamma(2.0, 90, n)) + 30)
    end = np.where(a["support"] == YES, cin_plan_end, close_nfa)
    reason = np.where(
        a["support"] == YES,
        choice(rng, np.array([0.005, 0.002, 0.03, 0.03, 0.04, 0.01, 0.883, 0, 0]), n),
        np.where(rng.random(n) < 0.7, 7, 8),
    )
    parts = [(a["child"], a["referral"], end, reason, np.full(n, -1))]
    # Long-running children in need cases opened years ago.
    k = la.sc.cin_legacy
    dob = la.kids.dobs(CONTACT_AGES, k)
    start = mindate(la.s0 - days(rng.exponential(500, k)), la.s0 - DAY)
    dob = np.where(dob > start, start - days(rng.integers(0, 365, k)), dob)  # born by then
    disabled = rng.random(k) < 0.2
    old = la.kids.add(dob, disabled=np.where(disabled, 1.0, 0.04))
    end = w0 + days(rng.exponential(420, k))
    reason = choice(rng, np.array([0.002, 0.002, 0.04, 0.03, 0.05, 0.05, 0.826, 0, 0]), k)
    parts.append((old, start, end, reason, np.where(disabled, 2, -1)))
    la.cwd_children = old[disabled]
    # Every child on a CP plan or looked after has an open CIN episode around it (children
    # referred during the stream already have theirs, from the referral).
    for child, s, e, gap in (
        (la.cp["child"], la.cp["start"], la.cp["end"], 200),
        (la.lac["child"], la.lac["start"], la.lac["end"], 300),
    ):
        older = ~np.isin(child, a["child"])
        child, s, e = child[older], s[older], e[older]
        m = len(child)
        # Opened up to `gap` days before, but not before the child was born.
        s2 = mindate(maxdate(s - days(rng.integers(0, gap, m)), la.kids.dob_of(child)), s)
        e2 = np.where(np.isnat(e), NAT, e + days(rng.integers(0, 120, m)))
        parts.append(
            (
                child,
                s2,
                e2,
                choice(rng, np.array([0, 0, 0.05, 0.05, 0.05, 0, 0.85, 0, 0]), m),
                np.full(m, -1),
            )
        )
    child, start, end, reason, need_hint = (np.concatenate(f) for f in zip(*parts, strict=True))
    # An episode never closes while the child is on a plan or in care.
    busy = _busy_until(la, child)
    end = np.where(_busy_open(la, child), NAT, end)
    end = np.where(~np.isnat(busy) & (start <= busy) & (end < busy), busy, end)
    end, keep = la.episodes_in_window(child, start, end)
    child, start, end = child[keep], start[keep], end[keep]
    reason, need_hint = reason[keep], need_hint[keep]
    m = len(child)
    reason = np.where(np.isnat(end), -1, reason)
    need = np.where(need_hint >= 0, need_hint, choice(rng, NEED_P, m))
    seen = np.where(
        np.isnat(end),
        maxdate(la.cal.back(np.repeat(w1, m), rng.integers(0, 40, m)), start),
        maxdate(end - days(rng.integers(0, 30, m)), start),
    )
    seen[rng.random(m) < 0.03] = NAT
    status = np.full(m, 2)
    open_lac = la.open_at_end(la.lac)
    open_cp = la.open_at_end(la.cp)
    open_assess = a["child"][np.isnat(a["auth"])]
    status = np.where(np.isin(child, open_assess), 3, status)
    status = np.where(np.isin(child, open_cp), 1, status)
    status = np.where(np.isin(child, open_lac), 0, status)
    status = np.where(np.isnat(end), status, 4)
    la.cin = {
        "child": child,
        "start": start,
        "need": need,
        "seen": seen,
        "end": end,
        "reason": reason,
        "status": status,
    }


def _busy_open(la: Authority, child: np.ndarray) -> np.ndarray:
    """Mask of children on a CP plan or in care at the window end."""
    return np.isin(child, la.open_at_end(la.cp)) | np.isin(child, la.open_at_end(la.lac))


def _busy_until(la: Authority, child: np.ndarray) -> np.ndarray:
    """Latest CP plan or care end date per child (NaT when none ended)."""
    frame = pd.DataFrame(
        {
            "child": np.concatenate([la.cp["child"], la.lac["child"]]),
            "end": np.concatenate([la.cp["end"], la.lac["end"]]),
        }
    )
    last = frame.dropna().groupby("child")["end"].max()
    return pd.Series(child).map(last).to_numpy(dtype="M8[D]")
