"""Contacts, referrals and assessments (Annex A Lists 1, 3 and 4)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..calendar import wd
from .base import PART_COLUMNS, Context, counts_by_month, in_months, tally, usable
from .groups import SOURCE_GROUP_OF, SOURCE_GROUPS


def _contacts_in_months(ctx: Context) -> pd.DataFrame:
    """Contacts dated in the computed months, with their source group and period."""
    contacts = in_months(usable(ctx, 1, ("contact_date",)), "contact_date", ctx.periods)
    return contacts.assign(group=source_groups(contacts["source"]))


def source_groups(codes: pd.Series) -> np.ndarray:
    """CIN census source code → the dashboard's group; missing or unknown codes → Other."""
    distinct = codes.dropna().unique()
    lookup = {c: SOURCE_GROUP_OF.get(str(c).upper(), "Other") for c in distinct}
    groups = codes.map(lookup).astype(object)
    return groups.where(groups.notna(), "Other").to_numpy()


def _warn_unknown_sources(ctx: Context, contacts: pd.DataFrame) -> None:
    """A missing or unknown source code goes to Other, with a warning (contract)."""
    known = {c for c in contacts["source"].dropna().unique() if str(c).upper() in SOURCE_GROUP_OF}
    unknown = ~contacts["source"].isin(known)
    if unknown.any():
        shown = contacts.loc[unknown, "source"].fillna("(blank)")
        ctx.issues.add(
            "unknown-source",
            "warning",
            ctx.annex.sheet(1),
            [
                f"Contact source '{s}' is not a CIN census source code: counted as Other."
                for s in shown
            ],
            rows=contacts.loc[unknown, "row"].to_numpy(),
            column="Contact Source",
        )


def _by_group(contacts: pd.DataFrame, periods: list[str], flag: pd.Series | None) -> pd.DataFrame:
    """Headline plus one row per source group per period (zero counts included)."""
    period = pd.Series(pd.Index(periods).get_indexer(contacts["period"]))
    flags = None if flag is None else np.asarray(flag, dtype=bool)
    parts = [counts_by_month(contacts["period"], periods, flags)]
    group = pd.Categorical(contacts["group"], categories=list(SOURCE_GROUPS)).codes
    for code, name in enumerate(SOURCE_GROUPS):
        mask = group == code
        sub_flag = None if flags is None else flags[mask]
        sub = pd.Series(np.asarray(periods, dtype=object)[period[mask]])
        parts.append(counts_by_month(sub, periods, sub_flag).assign(breakdown=name))
    return pd.concat(parts, ignore_index=True)[PART_COLUMNS]


def contacts(ctx: Context) -> pd.DataFrame:
    rows = _contacts_in_months(ctx)
    _warn_unknown_sources(ctx, rows)
    return _by_group(rows, ctx.periods, None)


def contact_conversion(ctx: Context) -> pd.DataFrame:
    # Contact → referral: the same child referred on or after the contact date, within
    # [contact_to_referral] working days (no national definition; the window is a setting).
    rows = _contacts_in_months(ctx)
    no_child = rows["child_id"].isna().to_numpy()
    ctx.left_out(1, rows.loc[no_child, "row"], "No Child Unique ID")
    rows = rows[~no_child].reset_index(drop=True)
    referrals = usable(ctx, 3, ("referral_date", "child_id"))
    pairs = (
        rows[["child_id", "contact_date"]]
        .reset_index()
        .merge(referrals[["child_id", "referral_date"]], on="child_id")
    )
    pairs = pairs[pairs["referral_date"] >= pairs["contact_date"]]
    within = (
        wd(pairs["contact_date"], pairs["referral_date"])
        <= ctx.settings.timescales.contact_to_referral
    )
    converted = np.zeros(len(rows), dtype=bool)
    converted[pairs.loc[within, "index"].to_numpy()] = True
    return _by_group(rows, ctx.periods, pd.Series(converted))


def _referrals_in_months(ctx: Context) -> pd.DataFrame:
    return in_months(usable(ctx, 3, ("referral_date",)), "referral_date", ctx.periods)


def referrals(ctx: Context) -> pd.DataFrame:
    return tally(ctx, _referrals_in_months(ctx))


def re_referrals(ctx: Context) -> pd.DataFrame:
    # DfE: a re-referral is a referral within 12 months of a previous referral. Evidence (contract,
    # with its worked example): another listed referral of the child in [d - 12 months, d), or
    # Ofsted's per-child "Number of Referrals in Last 12 Months" (counted before the child's
    # latest referral L) exceeding the child's listed referrals in [L - 12 months, L): then one
    # fell before the list, within 12 months of every listed referral of that child.
    rows = _referrals_in_months(ctx)
    no_child = rows["child_id"].isna().to_numpy()
    ctx.left_out(3, rows.loc[no_child, "row"], "No Child Unique ID")
    rows = rows[~no_child].reset_index(drop=True)
    listed = ctx.list(3)
    listed = listed.loc[
        listed["referral_date"].notna() & listed["child_id"].notna(),
        ["child", "referral_date", "referrals_12m"],
    ]
    is_re = _referred_in_year_before(rows, listed) | rows["child"].map(
        _field_says_earlier(listed)
    ).fillna(False).to_numpy(dtype=bool)
    return tally(ctx, rows, is_re)


def _referred_in_year_before(rows: pd.DataFrame, listed: pd.DataFrame) -> np.ndarray:
    """True where the list shows another referral of the child in [d - 12 months, d)."""
    pairs = (
        rows[["child", "referral_date"]]
        .reset_index()
        .merge(listed[["child", "referral_date"]], on="child", suffixes=("", "_other"))
    )
    other, d = pairs["referral_date_other"], pairs["referral_date"]
    earlier = (other < d) & (other >= d - pd.DateOffset(months=12))
    found = np.zeros(len(rows), dtype=bool)
    found[pairs.loc[earlier, "index"].to_numpy()] = True
    return found


def _field_says_earlier(listed: pd.DataFrame) -> pd.Series:
    """Per child code: True when the field on the child's latest rows (the largest whole number
    >= 0 there) exceeds the child's listed referrals in the 12 months before that latest one."""
    latest = listed.groupby("child")["referral_date"].transform("max")
    field = listed["referrals_12m"].where(listed["referrals_12m"] >= 0)
    n = field[listed["referral_date"] == latest].groupby(listed["child"]).max()
    in_year = (listed["referral_date"] < latest) & (
        listed["referral_date"] >= latest - pd.DateOffset(months=12)
    )
    shown = in_year.groupby(listed["child"]).sum()
    return (n > shown.reindex(n.index)).astype(bool)


def _assessments_in_months(ctx: Context) -> pd.DataFrame:
    """Assessments authorised in the computed months, with their period."""
    return in_months(ctx.list(4), "authorised", ctx.periods)


def assessments_completed(ctx: Context) -> pd.DataFrame:
    return tally(ctx, _assessments_in_months(ctx))


def assessments_in_timescale(ctx: Context) -> pd.DataFrame:
    rows = _assessments_in_months(ctx)
    no_start = rows["start"].isna().to_numpy()
    ctx.left_out(
        4,
        rows.loc[no_start, "row"],
        "No Continuous Assessment Start Date",
    )
    rows = rows[~no_start]
    within = wd(rows["start"], rows["authorised"]) <= ctx.settings.timescales.assessment
    return tally(ctx, rows, within)
