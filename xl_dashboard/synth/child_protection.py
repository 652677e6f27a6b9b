"""Child protection plans (List 7): from initial conferences and the caseload before them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .codes import ABUSE_P, CP_AGES, NO, YES
from .dates import DAY, NAT, add_months, days, maxdate, mindate
from .draws import choice, pick, yes_no

if TYPE_CHECKING:
    from .authority import Authority


def _plan_length(rng: np.random.Generator, n: int) -> np.ndarray:
    """Plan lengths: a gamma spread with a mean of about 290 days."""
    return days(np.round(rng.gamma(1.6, 5.5 * 30.44, n)) + 20)


def cp_plans(la: Authority) -> None:
    """List 7: plans from ICPCs plus the caseload that began before the stream."""
    rng = la.rng(5)
    s = la.s47
    new = np.flatnonzero(s["plan"] == YES)
    child = s["child"][new]
    start = s["icpc"][new]
    end = start + _plan_length(rng, len(new))
    # Plans that began before the stream, at the same rate: the caseload at the window start.
    stream_days = (la.w1 - la.s0).astype("int64") + 1
    legacy_from = la.w1 - 6 * 365 * DAY
    span = (la.s0 - legacy_from).astype("int64")
    n_old = int(rng.poisson(len(new) / stream_days * span))
    old_start = legacy_from + days(rng.integers(0, span, n_old))
    old_end = old_start + _plan_length(rng, n_old)
    alive = old_end >= la.w0
    old_start, old_end = old_start[alive], old_end[alive]
    # At least a few long plans (2 years+, 18 months to 2 years) still open at the end.
    extra = []
    for lo, hi in ((30, 40), (19, 23)):
        have = np.sum((old_end > la.w1) & (old_start <= add_months(la.w1, -lo + 0)))
        need = max(0, 3 - int(have))
        if need:
            months = rng.integers(lo, hi + 1, need)
            extra.append(add_months(np.repeat(la.w1, need), -months))
    if extra:
        more = np.concatenate(extra)
        old_start = np.concatenate([old_start, more])
        old_end = np.concatenate([old_end, np.repeat(la.w1 + 400 * DAY, len(more))])
    dob = la.kids.dobs(CP_AGES, len(old_start))
    dob = mindate(dob, old_start - DAY)  # children born after their plan began: unborn plans
    old_child = la.kids.add(dob, disabled=0.05)
    child = np.concatenate([child, old_child])
    start = np.concatenate([start, old_start])
    end = np.concatenate([end, old_end])
    end, keep = la.episodes_in_window(child, start, end)
    child, start, end = child[keep], start[keep], end[keep]
    # A child whose conference led to a plan was assessed as needing support.
    a = la.assess
    a["support"][np.isin(a["child"], child) & ~np.isnat(a["auth"])] = YES
    n = len(child)
    previous = choice(rng, np.array([0.78, 0.15, 0.05, 0.02]), n).astype(float)
    previous[pick(rng, n, 0.015, 2)] = np.nan
    initial = choice(rng, ABUSE_P, n)
    latest = np.where(rng.random(n) < 0.9, initial, choice(rng, ABUSE_P, n))
    epo = yes_no(rng, 0.04, n)
    la.cp = {
        "child": child,
        "start": start,
        "end": end,
        "initial": initial,
        "latest": latest,
        "epo": epo,
        "previous": previous,
    }


def finish_cp(la: Authority) -> None:
    """Visits, reviews and seen-alone, once plan end dates are final."""
    rng = la.rng(6)
    p = la.cp
    n = len(p["child"])
    ref = np.where(np.isnat(p["end"]), la.w1, p["end"])
    r = rng.random(n)
    wd = np.where(
        r < 0.75,
        rng.integers(0, 11, n),
        np.where(r < 0.93, rng.integers(11, 21, n), rng.integers(21, 41, n)),
    )
    visit = maxdate(la.cal.back(ref, wd), p["start"])
    # Data error: a visit dated after the end of the reporting month.
    open_rows = np.flatnonzero(np.isnat(p["end"]))
    late = open_rows[pick(rng, len(open_rows), 0.01, 2)]
    visit[late] = la.w1 + days(rng.integers(1, 21, len(late)))
    others = np.setdiff1d(np.arange(n), late)
    visit[others[pick(rng, len(others), 0.02, 2)]] = NAT
    age = la.age_at(p["child"], ref)
    a = rng.random(n)
    alone = np.where(a < 0.72, YES, np.where(a < 0.93, NO, -1))
    alone = np.where(age < 3, np.where(a < 0.6, NO, -1), alone)
    held_months = (ref.astype("M8[M]") - p["start"].astype("M8[M]")).astype("int64")
    k = np.maximum((held_months - 3) // 6, 0)
    review = add_months(p["start"], 3 + 6 * k) + days(rng.integers(-5, 6, n))
    review = np.where((held_months < 3) | (review > ref), NAT, review)
    p.update(visit=visit, alone=alone, review=review)
