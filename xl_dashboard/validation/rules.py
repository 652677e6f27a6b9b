"""Validation rules over the Annex A lists, as data, after the DfE returns' checks (§7.2).

Ids: the DfE CIN census rule number where one exists (`8500`, `8925`; a trailing `Q` marks a
DfE query), else the SSDA903 (children looked after) rule number (`144`, `302`, `356`), else one
of ours: `AA01`, `AA02`, ... (AA = Annex A), never reused; `AA00` notes a check that could not
run. An id may have several entries (one per list or column): they share source, severity and
description. `description` is for a summary table shown to managers (no row data);
`message` is per row, and may quote the row's values (`{dob}` = that row's Date of Birth) or
the context (`{today}`, `{extract}`, `{month_end}`).

Rules report; they never change or drop a row (the indicators decide what they can use)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..indicators.base import open_at
from ..inputs.annex_a import EARLIEST_EVENT
from ..inputs.annex_a_spec import DATE_OF_BIRTH, EVENT_DATES, LISTS, header
from . import codes

CIN, LAC, OURS = "CIN census", "SSDA903", "Annex A (ours)"

# A referral, assessment or plan may concern an unborn child: a Date of Birth up to this many
# months after the row's start date is a warning (check it); further after, an error. (CIN
# census rule 8606 allows a referral up to 40 weeks before the birth.)
UNBORN_MONTHS = 9
# Annex A's Age of Child (Years) may differ from the Date of Birth's age at the extract date by
# this many years before it is reported (ages taken on another day differ by one).
AGE_TOLERANCE_YEARS = 1
# CIN census rule 8775Q: a child over 25 is a query.
MAX_AGE = 25

# The date that starts each list's row: the event (Lists 1-5) or the episode (Lists 6-8).
START: dict[int, str] = {**EVENT_DATES, 6: "start", 7: "start", 8: "start"}
LIST_NOS = tuple(range(1, 9))


@dataclass(frozen=True)
class Context:
    """What a rule may compare rows with, besides the rows."""

    month_end: pd.Timestamp  # M1: the reporting month's last day
    extract: pd.Timestamp  # the extract's last date (else M1, or today if earlier)
    today: pd.Timestamp  # the day of the build


Test = Callable[[pd.DataFrame, Context], np.ndarray]


@dataclass(frozen=True)
class Rule:
    id: str
    source: str  # CIN census | SSDA903 | Annex A (ours)
    lists: tuple[int, ...]
    severity: str  # error | warning | info
    description: str  # for managers: what is checked, no row data
    message: str  # per row; `{key}` = the row's value of that column, or a Context field
    column: str  # key of the column the issue names
    needs: tuple[str, ...]  # the columns the test reads (the rule runs only when all are there)
    test: Test  # True on the rows that break the rule


# --- tests (vectorised: whole columns, group-bys, never a loop over rows) -------------------


def _blank(key: str) -> Test:
    return lambda f, _c: f[key].isna().to_numpy()


def _before(later: str, earlier: str) -> Test:
    return lambda f, _c: (f[later] < f[earlier]).to_numpy()


def _on_or_before(later: str, earlier: str) -> Test:
    return lambda f, _c: (f[later] <= f[earlier]).to_numpy()


def _after_today(key: str) -> Test:
    return lambda f, c: (f[key] > c.today).to_numpy()


def _before_1990(key: str) -> Test:
    return lambda f, _c: (f[key] < EARLIEST_EVENT).to_numpy()


def _born_within(start: str, months: int) -> Test:
    """Born after the start date, but at most `months` after it (an unborn child, perhaps)."""
    return lambda f, _c: (
        (f["dob"] > f[start]) & (f["dob"] <= f[start] + pd.DateOffset(months=months))
    ).to_numpy()


def _born_beyond(start: str, months: int) -> Test:
    return lambda f, _c: (f["dob"] > f[start] + pd.DateOffset(months=months)).to_numpy()


def _not_in(key: str, allowed: frozenset[str]) -> Test:
    """A code given but not in the list (compared per distinct value, in upper case)."""

    def test(f: pd.DataFrame, _c: Context) -> np.ndarray:
        values = f[key].dropna().unique()
        unknown = [v for v in values if str(v).strip().upper() not in allowed]
        return f[key].isin(unknown).to_numpy()

    return test


def completed_years(dob: pd.Series, at: pd.Timestamp) -> pd.Series:
    """Age in whole years on the day `at` (NaN where the date of birth is blank)."""
    before_birthday = (dob.dt.month > at.month) | (
        (dob.dt.month == at.month) & (dob.dt.day > at.day)
    )
    return at.year - dob.dt.year - before_birthday.astype(int)


def _age_contradicts(f: pd.DataFrame, c: Context) -> np.ndarray:
    gap = (f["age"] - completed_years(f["dob"], c.extract)).abs()
    return (gap > AGE_TOLERANCE_YEARS).to_numpy()


def _over_age_by_birth(f: pd.DataFrame, c: Context) -> np.ndarray:
    """Born more than MAX_AGE years before the extract date (as CIN rule 8775Q)."""
    return (f["dob"] < c.extract - pd.DateOffset(years=MAX_AGE)).to_numpy()


def _over_age_by_age(f: pd.DataFrame, _c: Context) -> np.ndarray:
    """Age above MAX_AGE on a row without a Date of Birth (or a list without the column)."""
    no_dob = f["dob"].isna() if "dob" in f else pd.Series(True, index=f.index)
    return ((f["age"] > MAX_AGE) & no_dob).to_numpy()


def _several_open(f: pd.DataFrame, c: Context) -> np.ndarray:
    """Rows of children with more than one episode open at the reporting month end."""
    ids = f["child_id"].where(open_at(f, c.month_end))
    counts = ids.map(ids.value_counts())
    return (counts > 1).to_numpy()


def _differs_within_child(key: str) -> Test:
    """Rows of a child whose rows give different non-blank values of a per-child field."""

    def test(f: pd.DataFrame, _c: Context) -> np.ndarray:
        given = f["child_id"].notna() & f[key].notna()
        pairs = f.loc[given, ["child_id", key]].drop_duplicates()
        values = pairs["child_id"].value_counts()
        return (given & f["child_id"].isin(values.index[values > 1])).to_numpy()

    return test


# --- the table -------------------------------------------------------------------------------


def _event_date_columns() -> dict[str, tuple[int, ...]]:
    """Every date column of Lists 1-8 that dates an event (all but Date of Birth), with the
    lists that have it."""
    found: dict[str, list[int]] = {}
    for n in LIST_NOS:
        for col in LISTS[n]:
            if col.kind == "date" and col.key != DATE_OF_BIRTH.key:
                found.setdefault(col.key, []).append(n)
    return {key: tuple(lists) for key, lists in found.items()}


def _end_before_start(
    rule_id: str, source: str, n: int, later: str, earlier: str, description: str, message: str
) -> Rule:
    return Rule(
        rule_id, source, (n,), "error", description, message, later, (earlier, later),
        _before(later, earlier),
    )  # fmt: skip


# Visits, reviews and checks of an episode, which cannot come before the episode started.
_EPISODE_DATES = (
    (7, "last_visit"),
    (8, "health_assessment"),
    (8, "dental_check"),
    (8, "review"),
    (8, "sw_visit"),
    (8, "iro_visit"),
)

RULES: tuple[Rule, ...] = (
    Rule(
        "8500",
        CIN,
        LIST_NOS,
        "error",
        "Child Unique ID is missing: the row cannot be linked to a child.",
        "No Child Unique ID: the row cannot be linked to a child.",
        "child_id",
        ("child_id",),
        _blank("child_id"),
    ),
    # Dates that cannot be right.
    *(
        Rule(
            "AA01",
            OURS,
            lists,
            "error",
            "An event date after the day the dashboard was built (a date in the future).",
            f"Dated {{{key}}}, after today ({{today}}).",
            key,
            (key,),
            _after_today(key),
        )
        for key, lists in _event_date_columns().items()
    ),
    *(
        Rule(
            "AA02",
            OURS,
            lists,
            "error",
            "An event date before 1990.",
            f"Dated {{{key}}}, before 1990.",
            key,
            (key,),
            _before_1990(key),
        )
        for key, lists in _event_date_columns().items()
    ),
    # Ends before starts.
    _end_before_start(
        "AA05",
        OURS,
        2,
        "eh_end",
        "eh_start",
        "Early help assessment completed before it started.",
        "Completed {eh_end}, before the assessment started ({eh_start}).",
    ),
    _end_before_start(
        "8608",
        CIN,
        4,
        "authorised",
        "start",
        "Assessment authorised before it started.",
        "Authorised {authorised}, before the assessment started ({start}).",
    ),
    _end_before_start(
        "8615",
        CIN,
        5,
        "icpc_date",
        "strategy_date",
        "Initial child protection conference dated before its strategy discussion.",
        "ICPC dated {icpc_date}, before its strategy discussion ({strategy_date}).",
    ),
    _end_before_start(
        "8630",
        CIN,
        6,
        "end",
        "start",
        "Child in need episode closed before it started.",
        "CIN episode closed {end}, before it started ({start}).",
    ),
    _end_before_start(
        "8925",
        CIN,
        7,
        "end",
        "start",
        "Child protection plan ended before it started.",
        "CP plan ended {end}, before it started ({start}).",
    ),
    _end_before_start(
        "356",
        LAC,
        8,
        "end",
        "start",
        "Ceased to be looked after before starting to be looked after.",
        "Ceased to be looked after {end}, before starting ({start}).",
    ),
    # Visits, reviews and checks before the episode started.
    *(
        Rule(
            "AA06",
            OURS,
            (n,),
            "error",
            "A visit, review, or health or dental check dated before the episode started.",
            f"Dated {{{key}}}, before the {header(n, 'start')} ({{start}}).",
            key,
            ("start", key),
            _before(key, "start"),
        )
        for n, key in _EPISODE_DATES
    ),
    Rule(
        "8841",
        CIN,
        (7,),
        "error",
        "Child protection review conference dated on or before the plan started.",
        "Review conference dated {review}, not after the plan started ({start}).",
        "review",
        ("start", "review"),
        _on_or_before("review", "start"),
    ),
    # Date of Birth against the row's start.
    *(
        Rule(
            "AA03",
            OURS,
            (n,),
            "warning",
            f"Date of Birth after the row's start date, by up to {UNBORN_MONTHS} months: "
            "right only for a child unborn then.",
            f"Born {{dob}}, after the {header(n, START[n])} ({{{START[n]}}}): right only if "
            "the child was unborn then.",
            "dob",
            ("dob", START[n]),
            _born_within(START[n], UNBORN_MONTHS),
        )
        for n in range(1, 8)
    ),
    *(
        Rule(
            "AA04",
            OURS,
            (n,),
            "error",
            f"Date of Birth more than {UNBORN_MONTHS} months after the row's start date "
            "(for a child protection plan: a plan starting more than "
            f"{UNBORN_MONTHS} months before the birth).",
            f"Born {{dob}}, more than {UNBORN_MONTHS} months after the {header(n, START[n])} "
            f"({{{START[n]}}}).",
            "dob",
            ("dob", START[n]),
            _born_beyond(START[n], UNBORN_MONTHS),
        )
        for n in range(1, 8)
    ),
    Rule(
        "302",
        LAC,
        (8,),
        "error",
        "Started to be looked after before the child was born.",
        "Started to be looked after {start}, before the Date of Birth ({dob}).",
        "start",
        ("dob", "start"),
        _before("start", "dob"),
    ),
    # Age.
    Rule(
        "AA07",
        OURS,
        LIST_NOS,
        "warning",
        f"Age of Child (Years) differs by more than {AGE_TOLERANCE_YEARS} year from the age the "
        "Date of Birth gives at the extract date.",
        "Age {age}, but the Date of Birth ({dob}) gives another age at the extract date "
        "({extract}).",
        "age",
        ("age", "dob"),
        _age_contradicts,
    ),
    Rule(
        "8775Q",
        CIN,
        LIST_NOS,
        "warning",
        f"Child over {MAX_AGE} at the extract date (by Date of Birth, or by Age where there is no "
        "Date of Birth).",
        f"Born {{dob}}: over {MAX_AGE} at the extract date ({{extract}}).",
        "dob",
        ("dob",),
        _over_age_by_birth,
    ),
    Rule(
        "8775Q",
        CIN,
        LIST_NOS,
        "warning",
        f"Child over {MAX_AGE} at the extract date (by Date of Birth, or by Age where there is no "
        "Date of Birth).",
        f"Age {{age}}: over {MAX_AGE}.",
        "age",
        ("age",),
        _over_age_by_age,
    ),
    # Codes outside the code lists.
    Rule(
        "8650",
        CIN,
        (6,),
        "warning",
        "Primary Need Code is not one of the CIN census codes N0-N9.",
        "'{primary_need}' is not a Primary Need Code (N0-N9).",
        "primary_need",
        ("primary_need",),
        _not_in("primary_need", codes.PRIMARY_NEED),
    ),
    Rule(
        "145",
        LAC,
        (8,),
        "warning",
        "Category of need is not one of the codes N1-N8 used for children looked after.",
        "'{category_of_need}' is not a category of need code for a child looked after (N1-N8).",
        "category_of_need",
        ("category_of_need",),
        _not_in("category_of_need", codes.CATEGORY_OF_NEED),
    ),
    Rule(
        "144",
        LAC,
        (8,),
        "warning",
        "Legal status is not one of Ofsted's codes (C1, C2, D1, E1, V2-V4, L1-L3, J1-J3).",
        "'{legal_status}' is not a legal status code.",
        "legal_status",
        ("legal_status",),
        _not_in("legal_status", codes.LEGAL_STATUS),
    ),
    Rule(
        "146",
        LAC,
        (8,),
        "warning",
        "Placement type is not an SSDA903 placement code.",
        "'{placement_type}' is not a placement type code.",
        "placement_type",
        ("placement_type",),
        _not_in("placement_type", codes.PLACEMENT_TYPE),
    ),
    Rule(
        "149",
        LAC,
        (8,),
        "warning",
        "Reason ceased to be looked after is not an SSDA903 reason code.",
        "'{reason_ceased}' is not a reason ceased code.",
        "reason_ceased",
        ("reason_ceased",),
        _not_in("reason_ceased", codes.REASON_CEASED),
    ),
    # Per-child fields and multiples.
    Rule(
        "AA08",
        OURS,
        (3,),
        "warning",
        "Number of Referrals in Last 12 Months differs between the rows of one child (Ofsted "
        "defines it per child: the referrals in the 12 months before the child's latest "
        "referral).",
        "{referrals_12m} here, but another row of this child gives another number: it should be "
        "the same on each of the child's rows.",
        "referrals_12m",
        ("child_id", "referrals_12m"),
        _differs_within_child("referrals_12m"),
    ),
    Rule(
        "8815",
        CIN,
        (6,),
        "warning",
        "Child with more than one CIN episode open at the reporting month end.",
        "The child has more than one CIN episode open at the reporting month end (counted once).",
        "start",
        ("child_id", "start", "end"),
        _several_open,
    ),
    Rule(
        "8935",
        CIN,
        (7,),
        "warning",
        "Child with more than one child protection plan open at the reporting month end.",
        "The child has more than one CP plan open at the reporting month end (counted once).",
        "start",
        ("child_id", "start", "end"),
        _several_open,
    ),
)

# `AA00` is not a test of rows: `validate` adds it, once per list, when optional columns that
# some rules need are missing there.
NOT_RUN = Rule(
    "AA00",
    OURS,
    LIST_NOS,
    "info",
    "Some checks could not run on a list: a column they need is not on it.",
    "",
    "",
    (),
    lambda f, _c: np.zeros(len(f), dtype=bool),
)


def _by_id() -> dict[str, Rule]:
    """The first entry of each id; every entry of an id must agree on its summary fields."""
    first: dict[str, Rule] = {}
    for rule in (*RULES, NOT_RUN):
        seen = first.setdefault(rule.id, rule)
        same = (seen.source, seen.severity, seen.description)
        if same != (rule.source, rule.severity, rule.description):
            raise ValueError(f"Rule {rule.id}: entries disagree on source, severity or description")
    return first


RULE_BY_ID = _by_id()
