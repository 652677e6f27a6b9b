"""The front door: contacts (List 1), early help (List 2), referrals (List 3), assessments
(List 4) and section 47 enquiries (List 5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .codes import (
    CONTACT_AGES,
    CONVERSION,
    EH_ORG_P,
    EH_ORGS,
    INDIVIDUAL,
    NO,
    SCHOOL,
    SOURCE_MIX,
    UNKNOWN,
    YES,
)
from .dates import DAY, NAT, days, uniform_dates, ymd
from .draws import choice, pick, yes_no
from .referral_history import Timeline, before_stream

if TYPE_CHECKING:
    from .authority import Authority

# Children in contact with the front door: contacts a year per child on average, and the gamma
# shape of how unevenly the contacts fall on families (with about 29% of contacts converting,
# about 22% of referrals are re-referrals, as in England).
CONTACTS_PER_CHILD_YEAR = 0.55
FAMILY_SHAPE = 1.5
UNBORN_SHARE = 0.1  # of children born after their first contact: unborn babies then


def contacts(la: Authority) -> None:
    """List 1: contacts by source and day, with the seasonal dip in school contacts."""
    rng = la.rng(1)
    base = la.sc.contacts_per_month * SOURCE_MIX
    sources, dates = [], []
    month = la.s0.astype("M8[M]")
    while month <= la.w1.astype("M8[M]"):
        first = max(month.astype("M8[D]"), la.s0)
        last = min((month + 1).astype("M8[D]") - DAY, la.w1)
        month_days = np.arange(first, last + DAY)
        full = ((month + 1).astype("M8[D]") - month.astype("M8[D]")).astype("int64")
        mon = int(month.astype("int64") % 12) + 1
        season = np.ones(len(base))
        if mon == 8:  # school holidays: almost no school contacts
            season[SCHOOL] = 0.03
            season[INDIVIDUAL] = 0.85
        elif mon in (4, 12):
            season[SCHOOL] = 0.8
        lam = base * season * rng.normal(1.0, 0.03) * len(month_days) / full
        counts = rng.poisson(lam)
        weight = np.where(la.cal.is_working(month_days), 1.0, 0.2)
        sources.append(np.repeat(np.arange(len(base)), counts))
        dates.append(rng.choice(month_days, counts.sum(), p=weight / weight.sum()))
        month += 1
    source = np.concatenate(sources)
    date = np.concatenate(dates)
    n = len(date)
    # Families differ in how often they are referred: each child's share of the contacts is a
    # gamma draw, so some children come back again and again (re-referrals, indicators.md).
    stream_years = ((la.w1 - la.s0).astype("int64") + 1) / 365.25
    size = int(n / stream_years / CONTACTS_PER_CHILD_YEAR) + 1
    weight = rng.gamma(FAMILY_SHAPE, 1 / FAMILY_SHAPE, size)
    slot = rng.choice(size, n, p=weight / weight.sum())
    # One contact per child, day and source (repeats would be exact duplicate rows).
    key = np.stack([slot, date.astype("int64"), source])
    _, first = np.unique(key, axis=1, return_index=True)
    first = first[np.lexsort((slot[first], date[first]))]
    used, slot = np.unique(slot[first], return_inverse=True)
    dob = born_by(rng, la.kids.dobs(CONTACT_AGES, len(used), unborn=0.015), slot, date[first])
    ids = la.kids.add(dob)
    la.contacts = {"child": ids[slot], "date": date[first], "source": source[first]}
    la.contact_rate = np.zeros(la.kids.n)  # contacts a day, by child
    la.contact_rate[ids] = weight[used] * len(first) / weight.sum() / (stream_years * 365.25)


def born_by(
    rng: np.random.Generator, dob: np.ndarray, slot: np.ndarray, date: np.ndarray
) -> np.ndarray:
    """Dates of birth on or before each child's first contact (`slot` = the child of each
    contact dated `date`), but for a few unborn babies, born within 9 months of it."""
    first = pd.Series(date).groupby(slot).min().to_numpy(dtype="M8[D]")
    late = np.flatnonzero(dob > first)
    unborn = (dob[late] - first[late] <= 270 * DAY) & (rng.random(len(late)) < UNBORN_SHARE)
    move = late[~unborn]
    dob = dob.copy()
    dob[move] = first[move] - days(rng.integers(0, 365, len(move)))
    return dob


def referrals(la: Authority) -> None:
    """List 3: about 29% of contacts become a referral 0-7 working days later."""
    rng = la.rng(2)
    c = la.contacts
    n = len(c["date"])
    converts = rng.random(n) < CONVERSION[c["source"]]
    delay = np.where(rng.random(n) < 0.35, 0, np.minimum(rng.geometric(0.4, n), 7))
    date = la.cal.add(c["date"], delay)
    keep = converts & (date <= la.w1)
    child, date, source = c["child"][keep], date[keep], c["source"][keep]
    # One referral per child and day.
    _, first = np.unique(np.stack([child, date.astype("int64")]), axis=1, return_index=True)
    first = np.sort(first)
    child, date, source = child[first], date[first], source[first]
    m = len(child)
    source = np.where(rng.random(m) < 0.02, choice(rng, SOURCE_MIX, m), source)
    r = rng.random(m)
    nfa = np.where(r < 0.07, YES, np.where(r < 0.995, NO, UNKNOWN))
    # The children's referrals in the year before the stream, at each child's rate in it.
    referred = np.unique(child)
    per_day = la.contact_rate[referred] * m / len(c["date"])
    la.referral_history = before_stream(rng, referred, per_day, la.h0, la.s0)
    la.referrals = {
        "child": child,
        "date": date,
        "source": source,
        "nfa": nfa,
        "last_12m": _last_12_months(la, rng, child, date),
    }


def _last_12_months(
    la: Authority, rng: np.random.Generator, child: np.ndarray, date: np.ndarray
) -> np.ndarray:
    """Number of Referrals in Last 12 Months on each referral in the window, as Ofsted defines
    it (per child: annex_a.md 1.4), blank (NaN) before the window. As in real extracts a few
    children's counts are one out, a few rows are blank, and a couple of children's rows are
    counted per row (the referrals in the 12 months before that row), as some systems do."""
    h = la.referral_history
    timeline = Timeline(np.concatenate([h["child"], child]), np.concatenate([h["date"], date]))
    listed = (date >= la.w0) & (date <= la.w1)
    count = timeline.per_child(child, date, listed)
    children, rows = np.unique(child[listed], return_counts=True)
    several = children[rows > 1]
    per_row = np.isin(child, several[pick(rng, len(several), 0.005, 2)]) & listed
    count[per_row] = timeline.year_before(child[per_row], date[per_row])
    odd = np.isin(child, children[pick(rng, len(children), 0.01, 2)]) & listed
    count[odd] = np.maximum(count[odd] + np.where(child[odd] % 2, 1, -1), 0)
    count[np.flatnonzero(listed)[pick(rng, int(listed.sum()), 0.02, 2)]] = np.nan
    return count


def assessments(la: Authority) -> None:
    """List 4: assessments of most referrals not closed NFA, 5-70 working days long."""
    rng = la.rng(3)
    r = la.referrals
    take = (r["nfa"] != YES) & (rng.random(len(r["date"])) < 0.92)
    ref = np.flatnonzero(take)
    n = len(ref)
    lag = np.where(rng.random(n) < 0.6, 0, np.where(rng.random(n) < 0.6, 1, rng.integers(2, 6, n)))
    start = la.cal.add(r["date"][ref], lag)
    duration = np.where(
        rng.random(n) < 0.84,
        np.round(rng.triangular(5, 36, 45, n)),
        rng.integers(46, 71, n),
    ).astype(int)
    auth = la.cal.add(start, duration)
    auth = np.where(auth > la.w1, NAT, auth)
    s = rng.random(n)
    seen = np.where(s < 0.94, YES, np.where(s < 0.97, NO, np.where(s < 0.985, UNKNOWN, -1)))
    support = yes_no(rng, 0.45, n)
    support = np.where(np.isnat(auth), -1, support)
    la.assess = {
        "child": r["child"][ref],
        "referral": r["date"][ref],
        "start": start,
        "auth": auth,
        "seen": seen,
        "support": support,
    }


def s47(la: Authority) -> None:
    """List 5: strategy discussions, half followed by an ICPC 3-25 working days later."""
    rng = la.rng(4)
    r = la.referrals
    take = np.flatnonzero((r["nfa"] != YES) & (rng.random(len(r["date"])) < 0.16))
    n = len(take)
    child = r["child"][take]
    lag = np.where(rng.random(n) < 0.4, 0, rng.integers(1, 11, n))
    strat = la.cal.add(r["date"][take], lag)
    held = rng.random(n) < 0.5
    wd = np.where(rng.random(n) < 0.75, rng.integers(3, 16, n), rng.integers(16, 26, n))
    icpc = np.where(held, la.cal.add(strat, wd), NAT)
    pending = held & (icpc > la.w1)
    icpc = np.where(pending, NAT, icpc)
    # Data error seen in real extracts: a conference dated before its strategy discussion.
    done = np.flatnonzero(~np.isnat(icpc) & (strat >= la.w0) & (strat <= la.w1))
    bad = done[pick(rng, len(done), 0.01, 2)]
    icpc[bad] = strat[bad] - days(rng.integers(1, 11, len(bad)))
    recent = strat > la.cal.back(np.array([la.w1]), 15)[0]
    unnecessary = np.where(held, NO, np.where(rng.random(n) < 0.9, YES, -1))
    unnecessary = np.where(pending | (~held & recent), -1, unnecessary)
    plan = np.where(np.isnat(icpc), -1, yes_no(rng, 0.88, n))
    history = choice(rng, np.array([0.8, 0.14, 0.05, 0.01]), n)
    earlier = pd.Series(child).groupby(child).cumcount().to_numpy()
    s47_count = history + earlier
    icpc_count = rng.binomial(s47_count, 0.5)
    la.s47 = {
        "child": child,
        "strat": strat,
        "unnecessary": unnecessary,
        "icpc": icpc,
        "plan": plan,
        "s47_count": s47_count.astype(float),
        "icpc_count": icpc_count.astype(float),
    }


def early_help(la: Authority) -> None:
    """List 2: early help assessments started in the window and current ones."""
    rng = la.rng(11)
    months = la.win.months
    n_new = int(rng.poisson(la.sc.eh_per_month * months))
    n_cur = int(n_new * 0.35)
    start = np.concatenate(
        [
            la.dates_in_window(rng, n_new),
            uniform_dates(rng, np.repeat(la.w0 - 270 * DAY, n_cur), np.repeat(la.w0 - DAY, n_cur)),
        ]
    )
    n = len(start)
    # Fewer early help assessments begin in August (schools are closed).
    august = ymd(start)[1] == 8
    weekend = ~la.cal.is_working(start)
    drop = (august & (rng.random(n) < 0.4)) | (weekend & (rng.random(n) < 0.85))
    start = start[~drop]
    n = len(start)
    done = rng.random(n) < 0.75
    completed = np.where(done, start + days(rng.integers(10, 50, n)), NAT)
    completed = np.where(completed > la.w1, NAT, completed)
    # A quarter are children known from contacts (born by then), the rest new to the lists.
    child = la.contacts["child"][rng.integers(0, len(la.contacts["child"]), n)]
    fresh = (rng.random(n) >= 0.25) | (la.kids.dob_of(child) > start)
    dob = la.kids.dobs(CONTACT_AGES, n)
    dob = np.where(dob > start, start - days(rng.integers(0, 365, n)), dob)[fresh]
    child[fresh] = la.kids.add(dob)
    order = np.array(EH_ORGS, dtype=object)[choice(rng, EH_ORG_P, n)]
    la.eh = {"child": child, "start": start, "completed": completed, "org": order}
