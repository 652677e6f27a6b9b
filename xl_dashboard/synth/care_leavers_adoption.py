"""Care leavers (List 9), children with adoption decisions (List 10) and adopters (List 11)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .authority import first_per_child
from .codes import (
    ACCOMMODATION,
    ACCOMMODATION_P,
    ACTIVITY,
    ACTIVITY_P,
    ETHNIC_P,
    NO,
    SHORT_BREAKS,
    YES,
)
from .dates import DAY, NAT, days, maxdate, mindate, uniform_dates
from .draws import choice, yes_no
from .workers import advisors

if TYPE_CHECKING:
    from .authority import Authority


def care_leavers(la: Authority) -> None:
    """List 9: eligible children in care aged 16+, those who left at 18, and others."""
    rng = la.rng(10)
    lac = la.lac
    age = la.age_at(lac["child"], la.w1)
    eligible = np.isnat(lac["end"]) & (age >= 16) & ~np.isin(lac["legal"], SHORT_BREAKS)
    ended = ~np.isnat(lac["end"])
    left = ended & (la.age_at(lac["child"], np.where(ended, lac["end"], la.w1)) > 17.98)
    ids_el = np.unique(lac["child"][eligible])
    ids_left = np.unique(lac["child"][left])
    k = la.sc.care_leavers
    cat = choice(rng, np.array([0.05, 0.88, 0.07]), k)  # relevant, former relevant, qualifying
    years = np.where(cat == 0, rng.uniform(16.2, 17.9, k), rng.uniform(18, 21.9, k))
    dob = la.w1 - days(years * 365.25)
    uasc = rng.random(k) < 0.08
    new = la.kids.add(dob, disabled=0.08)
    child = np.concatenate([ids_el, ids_left, new])
    category = np.concatenate(
        [np.full(len(ids_el), 3), np.full(len(ids_left), 1), np.array([0, 1, 2])[cat]]
    )
    n = len(child)
    was_uasc = pd.Series(lac["uasc"]).groupby(lac["child"]).max()
    uasc = np.concatenate([pd.Series(child[: n - k]).map(was_uasc).to_numpy(dtype=bool), uasc])
    t = rng.random(n)
    touch = np.where(
        t < 0.9, 0, np.where(t < 0.94, 1, np.where(t < 0.97, 3, np.where(t < 0.995, 4, 2)))
    )
    touch = np.where(category == 3, 0, touch)
    contact = np.where(touch == 0, la.w1 - days(rng.integers(0, 90, n)), NAT)
    accommodation = np.array(ACCOMMODATION, dtype=object)[choice(rng, ACCOMMODATION_P, n)]
    s = rng.random(n)
    suitable = np.where(s < 0.88, 0, np.where(s < 0.96, 1, -1))
    activity = np.array(ACTIVITY, dtype=object)[choice(rng, ACTIVITY_P, n)]
    pathway = la.w1 - days(rng.integers(0, 200, n))
    pathway[rng.random(n) < 0.05] = NAT
    pa_names = advisors(la.seed)
    pa = np.array(pa_names, dtype=object)[rng.integers(0, max(2, la.sc.workers // 8), n)]
    la.leavers = {
        "child": child,
        "category": category,
        "touch": touch,
        "accommodation": accommodation,
        "suitable": suitable,
        "activity": activity,
        "uasc": np.where(uasc, YES, NO),
        "pa": pa,
        "pathway": pathway,
        "contact": contact,
    }


def adopters(la: Authority) -> None:
    """List 11: adopter families moving through the stages, some leaving."""
    rng = la.rng(12)
    f = la.sc.adopter_families
    enquiry = uniform_dates(rng, np.repeat(la.w1 - 730 * DAY, f), np.repeat(la.w1, f))
    steps = [
        (7, 45),  # stage 1 started
        (40, 75),  # stage 1 ended
        (0, 30),  # stage 2 started
        (100, 135),  # stage 2 ended
        (5, 40),  # approved
        (30, 270),  # matched
        (10, 40),  # placed
        (150, 330),  # adoption order
    ]
    dates = [enquiry]
    for lo, hi in steps:
        dates.append(dates[-1] + days(rng.integers(lo, hi + 1, f)))
    stage = np.stack(dates, axis=1)
    leaves = rng.random(f) < 0.3
    last_step = rng.integers(0, 6, f)
    limit = np.where(leaves, last_step, 99)
    steps_idx = np.arange(stage.shape[1])[None, :]
    stage = np.where(steps_idx > limit[:, None], NAT, stage)
    leaving = np.where(leaves, stage[np.arange(f), last_step] + days(rng.integers(10, 90, f)), NAT)
    stage = np.where(stage > la.w1, NAT, stage)
    leaving = np.where(leaving > la.w1, NAT, leaving)
    latest = maxdate(*[stage[:, i] for i in range(stage.shape[1])], leaving)
    active = (latest > la.w1 - 365 * DAY) | (~leaves & np.isnat(stage[:, 8]))
    fam = np.flatnonzero(active)
    family_ids = np.array([f"FA{1000 + i}" for i in range(f)], dtype=object)
    couple = rng.random(f) < 0.65
    rows = np.concatenate([fam, fam[couple[fam]]])
    rows = np.sort(rows, kind="stable")
    n = len(rows)
    gender = np.where(rng.random(n) < 0.55, 1, 0)
    stage_rows = stage[rows]
    submitted = stage_rows[:, 3] + days(rng.integers(0, 15, n))
    submitted = np.where(np.isnat(stage_rows[:, 3]) | (submitted > la.w1), NAT, submitted)
    placed = ~np.isnat(stage_rows[:, 7])
    children = np.where(placed, choice(rng, np.array([0.8, 0.18, 0.02]), n) + 1, np.nan)
    r = rng.random(n)
    reason = np.where(
        np.isnat(leaving[rows]), None, np.where(r < 0.6, "1", np.where(r < 0.85, "2", "3"))
    )
    la.adopters = {
        "id": np.array([f"AD{20000 + i}" for i in range(n)], dtype=object),
        "family": family_ids[rows],
        "gender": gender,
        "ethnicity": choice(rng, ETHNIC_P, n),
        "disability": yes_no(rng, 0.04, n),
        "ffa": yes_no(rng, 0.12, n),
        "stage": stage_rows,
        "submitted": submitted,
        "children": children.astype(float),
        "leaving": leaving[rows],
        "reason": reason.astype(object),
    }
    la.matched_families = np.unique(family_ids[fam][~np.isnat(stage[fam, 6])])


def adoption(la: Authority) -> None:
    """List 10: children with adoption decisions, adopted or reversed in 12 months."""
    rng = la.rng(13)
    w1 = la.w1
    lac = la.lac
    age = la.age_at(lac["child"], w1)
    linked = np.flatnonzero(
        np.isnat(lac["end"]) & (age < 9) & ((lac["legal"] == 2) | (lac["plan"] == 1))
    )
    linked = first_per_child(lac["child"], linked)[: int(la.sc.adoption * 0.6)]
    k = max(la.sc.adoption - len(linked), 2)
    n = len(linked) + k
    is_new = np.arange(n) >= len(linked)
    reversed_ = is_new & (rng.random(n) < 0.2)

    def gap(lo: int, hi: int) -> np.ndarray:
        return days(rng.integers(lo, hi + 1, n))

    # Still in care (List 8): a decision within about 18 months, adoption not yet granted.
    entered = np.concatenate([lac["start"][linked], np.repeat(w1, k)])
    decision = mindate(maxdate(entered + gap(30, 120), w1 - gap(30, 540)), w1 - 5 * DAY)
    order = decision + gap(20, 150)
    match = order + gap(30, 250)
    placed = match + gap(7, 35)
    adopted = np.repeat(NAT, n)
    # Adopted in the last 12 months: the steps worked back from the adoption order.
    won = is_new & ~reversed_
    adopted[won] = (w1 - gap(0, 364))[won]
    placed[won] = (adopted - gap(70, 300))[won]
    match[won] = (placed - gap(7, 35))[won]
    order[won] = (match - gap(30, 250))[won]
    decision[won] = (order - gap(20, 150))[won]
    # Decision reversed in the last 12 months.
    no_longer = np.where(reversed_, w1 - gap(0, 364), NAT)
    decision[reversed_] = (no_longer - gap(60, 500))[reversed_]
    order[reversed_] = np.where(rng.random(n) < 0.5, decision + gap(20, 150), NAT)[reversed_]
    match[reversed_] = NAT
    placed[reversed_] = NAT
    entered[is_new] = (decision - gap(60, 300))[is_new]
    for arr in (order, match, placed):
        arr[reversed_ & (arr >= no_longer)] = NAT
        arr[arr > w1] = NAT
    dob = entered - days(rng.integers(0, 3 * 365, n))
    child = np.concatenate([lac["child"][linked], la.kids.add(dob[is_new], disabled=0.04)])
    rd = np.where(reversed_, rng.integers(0, 4, n), -1)
    ffa = np.where(rng.random(n) < 0.08, entered + days(rng.integers(0, 30, n)), NAT)
    fams = la.matched_families
    family = np.full(n, None, dtype=object)
    has = np.flatnonzero(~np.isnat(match))
    if len(fams):
        family[has] = fams[rng.integers(0, len(fams), len(has))]
    la.adoption = {
        "child": child,
        "family": family,
        "entered": entered,
        "decision": decision,
        "order": order,
        "match": match,
        "placed": placed,
        "adopted": adopted,
        "no_longer": no_longer,
        "rd": rd,
        "ffa": ffa,
    }
