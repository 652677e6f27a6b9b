"""Team breakdowns: an indicator's reporting-month figure per Allocated Team (Annex A Lists 3-8).

Each case counts in the team of its row, in the headline's counting unit, so the teams'
numerators and denominators add up to the headline's:
- an indicator counting rows (assessments, ICPCs) counts each row in its own row's team;
- an indicator counting distinct children (open at the month end) counts each child once, in
  the team of the child's row in the count with the latest start date (the lowest on the sheet
  among equal starts), with the child's headline result (in the numerator when any of its rows
  in the count is)."""

from __future__ import annotations

import numpy as np
import pandas as pd

TEAM_PREFIX = "Team: "
NOT_RECORDED = "Not recorded"  # the team of a row whose Allocated Team is blank
TEAM_COLUMNS = ["period", "breakdown", "numerator", "denominator"]


def is_team(breakdown: pd.Series) -> pd.Series:
    """True for the breakdown rows that are teams (`Team: ...`)."""
    return breakdown.fillna("").astype(str).str.startswith(TEAM_PREFIX)


def team_labels(teams: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(label code per case, labels): `Team: ` + the Allocated Team as written, trimmed; a blank
    team is `Team: Not recorded`. Labelled once per distinct team, not per row."""
    codes, uniques = pd.factorize(pd.Series(teams, dtype=object), use_na_sentinel=True)
    names = [str(u).replace("\xa0", " ").strip() for u in uniques] + [""]  # [-1]: blank
    labels = np.array([TEAM_PREFIX + (n or NOT_RECORDED) for n in names], dtype=object)
    label_codes, distinct = pd.factorize(labels, sort=True)  # two spellings, one label
    return label_codes[codes], np.asarray(distinct, dtype=object)


def team_counts(period: str, teams: np.ndarray, numerator: np.ndarray | None) -> pd.DataFrame:
    """One row per team among the cases: denominator = its cases, numerator = those flagged
    (a count indicator, `numerator` None: numerator = its cases, no denominator)."""
    codes, labels = team_labels(teams)
    cases = np.bincount(codes, minlength=len(labels)).astype(float)
    if numerator is None:
        num, den = cases, np.full(len(labels), np.nan)
    else:
        flags = np.asarray(numerator, dtype=float)
        num, den = np.bincount(codes, weights=flags, minlength=len(labels)), cases
    seen = cases > 0  # labels are made for every spelling, and for blank: keep teams with cases
    return pd.DataFrame(
        {
            "period": period,
            "breakdown": labels[seen],
            "numerator": num[seen],
            "denominator": den[seen],
        },
        columns=TEAM_COLUMNS,
    )


def children_by_team(
    episodes: pd.DataFrame, cohort: np.ndarray, numerator: np.ndarray | None, period: str
) -> pd.DataFrame:
    """Distinct children of the cohort per team: each child once, in the team of its cohort row
    with the latest start (then the lowest on the sheet), with its headline result."""
    rows = np.flatnonzero(cohort)
    child = episodes["child"].to_numpy()[rows]
    order = np.lexsort(
        (episodes["row"].to_numpy()[rows], episodes["start"].to_numpy()[rows], child)
    )
    by_child = child[order]
    last_of_child = np.ones(len(rows), dtype=bool)
    last_of_child[:-1] = by_child[1:] != by_child[:-1]
    deciding = rows[order[last_of_child]]  # one row per child
    teams = episodes["team"].to_numpy()[deciding]
    if numerator is None:
        return team_counts(period, teams, None)
    counted = np.zeros(int(child.max()) + 1 if len(child) else 0, dtype=bool)
    counted[child[np.asarray(numerator, dtype=bool)[rows]]] = True
    return team_counts(period, teams, counted[episodes["child"].to_numpy()[deciding]])
