"""Children looked after (List 8): in care at the window start, entrants, leavers and
returners, with their reviews, health checks and placements."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .authority import first_per_child
from .codes import (
    CEASED_18_P,
    CEASED_CHILD_P,
    LA_CODES_OUT,
    LAC_AGES,
    LEGAL_P,
    PLACEMENT_P,
    PLACEMENT_TYPES,
    PROVIDERS,
    SHORT_BREAKS,
    UASC_ETHNIC_P,
    V4,
    YES,
)
from .dates import DAY, NAT, add_months, days, maxdate, mindate, uniform_dates
from .draws import choice, pick, yes_no

if TYPE_CHECKING:
    from .authority import Authority


def looked_after(la: Authority) -> None:
    """List 8: children in care at the window start, leavers, entrants and returners."""
    rng = la.rng(7)
    w0, w1, months = la.w0, la.w1, la.win.months
    # Children in care at the window start.
    n_old = la.sc.lac_open
    years = choice(rng, LAC_AGES / LAC_AGES.sum(), n_old) + rng.random(n_old)
    years = np.maximum(years, 0.3)
    dob = w0 - days(years * 365.25)
    age_days = (w0 - dob).astype("int64")
    in_care = np.minimum(30 + rng.exponential(900, n_old), age_days * rng.uniform(0.5, 1, n_old))
    start = w0 - days(np.maximum(in_care, 1))
    legal = choice(rng, LEGAL_P, n_old)
    if np.isin(legal, SHORT_BREAKS).sum() < 2:  # always a few short-break children
        legal[rng.choice(n_old, 2, replace=False)] = V4
    short = np.isin(legal, SHORT_BREAKS)  # short breaks: disabled children
    old_child = la.kids.add(dob, disabled=np.where(short, 1.0, 0.1))
    turns_18 = add_months(dob, 12 * 18)
    ceased = np.where(turns_18 <= w1, turns_18, NAT)
    leaves = np.isnat(ceased) & (rng.random(n_old) < 1 - np.exp(-0.023 * months))
    ceased = np.where(leaves, la.dates_in_window(rng, n_old), ceased)
    reason = np.where(
        np.isnat(ceased),
        -1,
        np.where(
            turns_18 == ceased,
            choice(rng, CEASED_18_P, n_old),
            choice(rng, CEASED_CHILD_P, n_old),
        ),
    )
    # Children coming into care during the window: from CP plans, from CIN work, or new.
    n_new = int(rng.poisson(la.sc.lac_open * 0.025 * months))
    cp = la.cp
    born = ~np.isnat(la.kids.dob_of(cp["child"]))
    cp_ok = np.flatnonzero(
        born & (cp["start"] < w1 - 30 * DAY) & (np.isnat(cp["end"]) | (cp["end"] > w0 + 20 * DAY))
    )
    cp_ok = first_per_child(cp["child"], cp_ok)
    from_cp = rng.choice(cp_ok, min(len(cp_ok), int(n_new * 0.35)), replace=False)
    a = la.assess
    born = ~np.isnat(la.kids.dob_of(a["child"]))
    cin_ok = np.flatnonzero(born & ((a["support"] == YES) | np.isnat(a["auth"])))
    cin_ok = cin_ok[~np.isin(a["child"][cin_ok], np.concatenate([old_child, cp["child"]]))]
    cin_ok = first_per_child(a["child"], cin_ok)
    from_cin = rng.choice(cin_ok, min(len(cin_ok), int(n_new * 0.4)), replace=False)
    # Into care after the plan or referral, and not before birth (some plans are pre-birth).
    lo_cp = maxdate(
        cp["start"][from_cp] + 10 * DAY,
        np.repeat(w0, len(from_cp)),
        la.kids.dob_of(cp["child"][from_cp]),
    )
    hi_cp = mindate(
        np.where(np.isnat(cp["end"][from_cp]), w1, cp["end"][from_cp]),
        np.repeat(w1, len(from_cp)),
    )
    start_cp = uniform_dates(rng, lo_cp, hi_cp)
    cp["end"][from_cp] = start_cp  # the plan ends when the child comes into care
    lo_cin = maxdate(
        a["referral"][from_cin] + 5 * DAY,
        np.repeat(w0, len(from_cin)),
        la.kids.dob_of(a["child"][from_cin]),
    )
    start_cin = uniform_dates(rng, lo_cin, np.repeat(w1, len(from_cin)))
    n_fresh = max(n_new - len(from_cp) - len(from_cin), 2)
    start_fresh = la.dates_in_window(rng, n_fresh)
    kind = choice(rng, np.array([0.4, 0.3, 0.3]), n_fresh)  # UASC teenager, baby, other
    fresh_dob = np.where(
        kind == 0,
        start_fresh - days(rng.uniform(15, 17.9, n_fresh) * 365.25),
        np.where(
            kind == 1,
            start_fresh - days(rng.integers(0, 90, n_fresh)),
            start_fresh - days(rng.uniform(2, 15, n_fresh) * 365.25),
        ),
    )
    uasc_ids = la.kids.add(fresh_dob[kind == 0], disabled=0.02, ethnicity=UASC_ETHNIC_P)
    other_ids = la.kids.add(fresh_dob[kind != 0], disabled=0.06)
    fresh_child = np.empty(n_fresh, dtype=int)
    fresh_child[kind == 0] = uasc_ids
    fresh_child[kind != 0] = other_ids
    new_child = np.concatenate([cp["child"][from_cp], a["child"][from_cin], fresh_child])
    new_start = np.concatenate([start_cp, start_cin, start_fresh])
    n_in = len(new_child)
    new_legal = choice(rng, np.array([0.45, 0.05, 0, 0.45, 0, 0, 0.02, 0.02, 0.01, 0, 0]), n_in)
    goes_home = rng.random(n_in) < 0.1
    new_end = new_start + days(rng.integers(3, 61, n_in))
    new_end = np.where(goes_home & (new_end <= w1), new_end, NAT)
    new_reason = np.where(np.isnat(new_end), -1, np.where(rng.random(n_in) < 0.8, 0, 9))
    uasc = np.concatenate(
        [
            (years > 14) & (rng.random(n_old) < 0.08),
            np.zeros(len(from_cp) + len(from_cin), dtype=bool),
            kind == 0,
        ]
    )
    child = np.concatenate([old_child, new_child])
    start = np.concatenate([start, new_start])
    end = np.concatenate([ceased, new_end])
    legal = np.concatenate([legal, new_legal])
    reason = np.concatenate([reason, new_reason])
    second = np.zeros(len(child), dtype=bool)
    # A few children leave and come back within the window: two rows, the second flagged.
    back = np.flatnonzero(~np.isnat(end) & (end <= w1 - 10 * DAY) & np.isin(reason, [0, 1, 9]))
    again = np.sort(rng.choice(back, min(len(back), max(2, len(back) // 4)), replace=False))
    again_start = uniform_dates(
        rng, end[again] + 3 * DAY, mindate(end[again] + 60 * DAY, np.repeat(w1, len(again)))
    )
    child = np.concatenate([child, child[again]])
    start = np.concatenate([start, again_start])
    end = np.concatenate([end, np.repeat(NAT, len(again))])
    legal = np.concatenate([legal, np.where(rng.random(len(again)) < 0.7, 3, 0)])
    reason = np.concatenate([reason, np.repeat(-1, len(again))])
    uasc = np.concatenate([uasc, uasc[again]])
    second = np.concatenate([second, np.ones(len(again), dtype=bool)])
    second |= rng.random(len(second)) < 0.02
    la.lac = {
        "child": child,
        "start": start,
        "end": end,
        "legal": legal,
        "reason": reason,
        "uasc": uasc,
        "second": second,
    }
    _care_details(la)


def _care_details(la: Authority) -> None:
    """List 8 details: reviews, visits, health, placements, missing episodes."""
    rng = la.rng(8)
    lac = la.lac
    n = len(lac["child"])
    start, end = lac["start"], lac["end"]
    ref = np.where(np.isnat(end), la.w1, end)
    age = la.age_at(lac["child"], ref)
    stay = (ref - start).astype("int64")
    short = np.isin(lac["legal"], SHORT_BREAKS)
    need = choice(rng, np.array([0.4, 64, 4, 3, 7, 12, 1, 0.1, 7, 0.5]) / 99.0, n)
    need = np.where(short, 2, np.where(lac["uasc"], 8, need))
    slow = np.isin(lac["legal"], [1, 2])  # full care order or placement order comes later
    legal_start = np.where(slow, mindate(start + days(rng.integers(60, 400, n)), ref), start)
    settled = stay > 28
    review = np.where(settled, ref - days(rng.integers(0, 170, n)), NAT)
    review = maxdate(review, start + 20 * DAY)
    review = np.where(settled, review, NAT)
    sw_visit = maxdate(ref - days(rng.integers(0, 50, n)), start)
    iro = np.where(settled, maxdate(ref - days(rng.integers(0, 180, n)), start), NAT)
    # Health assessments are due every 6 months under 5, every 12 months from 5.
    health = np.where(
        age < 5,
        _last_check(rng, ref, ((0.8, 0, 183), (0.12, 183, 365), (0.04, 370, 640))),
        _last_check(rng, ref, ((0.88, 0, 365), (0.07, 370, 640))),
    )
    # A check drawn before the child came into care: the initial one, 1-4 weeks after it.
    health = np.where(health < start, start + days(rng.integers(7, 29, n)), health)
    health = np.where(health > ref, NAT, health)
    # Data error seen in real extracts: a health assessment dated before the care began.
    typo = np.flatnonzero(~np.isnat(health))
    typo = typo[pick(rng, len(typo), 0.002, 2)]
    health[typo] = start[typo] - days(rng.integers(1, 60, len(typo)))
    dental = _last_check(rng, ref, ((0.8, 0, 365), (0.11, 370, 700)))
    dental = np.where((age < 1) | (dental < start), NAT, dental)
    placements = choice(rng, np.array([0.68, 0.2, 0.08, 0.03, 0.01]), n) + 1
    placements = np.where(stay < 60, 1, placements)
    placed = np.where(
        placements == 1,
        maxdate(start, ref - 365 * DAY - days(rng.integers(0, 900, n))),
        uniform_dates(rng, maxdate(start, ref - 365 * DAY), ref),
    )
    ptype = choice(rng, PLACEMENT_P, n)
    ptype = np.where((age >= 16) & (ptype >= 9) & (ptype <= 11), 3, ptype)  # no adoption 16+
    code = np.array(PLACEMENT_TYPES)[ptype]
    provider = np.where(
        code == "P1",
        0,
        np.where(
            np.isin(code, ["U1", "U2", "U3"]),
            1,
            choice(rng, np.array([0, 0.55, 0.03, 0.02, 0.35, 0.05]), n),
        ),
    )
    inside = rng.random(n) < 0.72
    la_code = np.where(inside, "999", np.array(LA_CODES_OUT)[rng.integers(0, len(LA_CODES_OUT), n)])
    letters = np.array(list("ABDEFGHJLNPQRSTUWXYZ"))
    postcode = [
        f"{'ZZ' if i else 'ZY'}{a} {b}{c}{e}"
        for i, a, b, c, e in zip(
            inside.tolist(),
            rng.integers(1, 30, n).tolist(),
            rng.integers(1, 10, n).tolist(),
            letters[rng.integers(0, len(letters), n)].tolist(),
            letters[rng.integers(0, len(letters), n)].tolist(),
            strict=True,
        )
    ]
    urn_needed = np.isin(code, ["K1", "K2", "R1", "S1"]) | (provider == 4)
    urn = np.where(urn_needed, [f"SC{v:06d}" for v in rng.integers(0, 10**6, n).tolist()], None)
    m = rng.random(n)
    teen = age >= 12
    missing = np.where(teen & (m < 0.2), rng.integers(1, 4, n), 0)
    missing = np.where(teen & (m < 0.06), rng.integers(4, 21, n), missing)
    absent = np.where(rng.random(n) < 0.08, rng.integers(1, 6, n), 0)
    offered = np.where(missing > 0, yes_no(rng, 0.88, n), -1)
    accepted = np.where(offered == YES, yes_no(rng, 0.55, n), -1)
    plan = np.where(
        age < 5,
        choice(rng, np.array([0.25, 0.4, 0.2, 0, 0, 0.1, 0.05]), n),
        np.where(
            age >= 15,
            choice(rng, np.array([0.1, 0, 0.05, 0.3, 0.1, 0.4, 0.05]), n),
            choice(rng, np.array([0.15, 0.02, 0.12, 0, 0.1, 0.55, 0.06]), n),
        ),
    )
    plan = np.where(lac["legal"] == 2, 1, plan)
    lac.update(
        need=need,
        legal_start=legal_start,
        review=review,
        sw_visit=sw_visit,
        plan=plan,
        iro=iro,
        health=health,
        dental=dental,
        placements=placements.astype(float),
        placed=placed,
        ptype=code.astype(object),
        provider=np.array(PROVIDERS, dtype=object)[provider],
        postcode=np.array(postcode, dtype=object),
        urn=urn.astype(object),
        location=np.where(inside, "In", "Out").astype(object),
        la=la_code.astype(object),
        missing=missing.astype(float),
        absent=absent.astype(float),
        offered=offered,
        accepted=accepted,
    )


def _last_check(
    rng: np.random.Generator, ref: np.ndarray, bands: tuple[tuple[float, int, int], ...]
) -> np.ndarray:
    """Date of the latest health or dental check before `ref`: for each band (share, lo, hi)
    that share of the children had it `lo` to `hi - 1` days before; the rest, none."""
    n = len(ref)
    r = rng.random(n)
    out = np.full(n, NAT)
    edge = 0.0
    for share, lo, hi in bands:
        out = np.where((r >= edge) & (r < edge + share), ref - days(rng.integers(lo, hi, n)), out)
        edge += share
    return out
