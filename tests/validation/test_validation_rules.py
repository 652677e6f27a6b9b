"""Each validation rule on tiny hand-made lists: a row that breaks it, rows that do not.

Expectations are worked by hand from the dates; none is computed with the code under test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd
import pytest

from xl_dashboard.inputs.annex_a import AnnexA
from xl_dashboard.inputs.annex_a_spec import LISTS
from xl_dashboard.validation import validate

TODAY = dt.date(2024, 9, 15)
M1 = pd.Timestamp("2024-08-31")


def annex_of(
    lists: Mapping[int, Sequence[Mapping[str, object]]], sheets: Mapping[int, str] | None = None
) -> AnnexA:
    """Typed lists as the reader gives them: dates datetime64, ints float, `row` from 2, and
    the declared columns not given listed as missing."""
    frames = {}
    for n, rows in lists.items():
        frame = pd.DataFrame(list(rows))
        for col in LISTS[n]:
            if col.key not in frame:
                continue
            if col.kind == "date":
                frame[col.key] = pd.to_datetime(frame[col.key])
            elif col.kind == "int":
                frame[col.key] = frame[col.key].astype(float)
        frame["row"] = range(2, 2 + len(frame))
        frames[n] = frame
    names = {n: (sheets or {}).get(n, f"List {n}") for n in lists}
    missing = {n: {c.key for c in LISTS[n]} - set(frames[n]) for n in lists}
    return AnnexA(lists=frames, sheets=names, missing=missing)


def flagged(annex: AnnexA, rule: str, today: dt.date = TODAY) -> list[int]:
    issues = validate(annex, month_end=M1, today=today).frame()
    return issues.loc[issues["rule"] == rule, "row"].tolist()


def issues_for(annex: AnnexA, rule: str) -> pd.DataFrame:
    issues = validate(annex, month_end=M1, today=TODAY).frame()
    return issues[issues["rule"] == rule].reset_index(drop=True)


# --- dates that cannot be right ---------------------------------------------------------------


def test_event_dates_after_the_build_day_are_errors() -> None:
    contacts = [
        {"child_id": "A", "contact_date": "2024-09-15"},  # today: fine
        {"child_id": "B", "contact_date": "2024-09-16"},  # tomorrow
        {"child_id": "C", "contact_date": "2042-09-01"},  # typed 2042 for 2024
    ]
    cla = [
        {"child_id": "D", "start": "2020-01-01", "health_assessment": "2025-01-01"},
        {"child_id": "E", "start": "2020-01-01", "health_assessment": "2024-01-01"},
    ]
    found = issues_for(annex_of({1: contacts, 8: cla}), "AA01")
    assert found[["sheet", "row", "column"]].values.tolist() == [
        ["List 1", 3, "Date of Contact"],
        ["List 1", 4, "Date of Contact"],
        ["List 8", 2, "Date of Last Health Assessment"],
    ]
    assert set(found["severity"]) == {"error"}
    assert found["message"][0] == "Dated 16/09/2024, after today (15/09/2024)."


def test_event_dates_before_1990_are_errors_but_dates_of_birth_are_not() -> None:
    plans = [
        {"child_id": "A", "start": "1989-12-31"},
        {"child_id": "B", "start": "1990-01-01"},
        {"child_id": "C", "start": "2024-01-01", "end": "1924-02-01"},
        {"child_id": "D", "start": "2024-01-01", "dob": "1985-01-01"},  # old, not an event
    ]
    found = issues_for(annex_of({7: plans}), "AA02")
    assert found[["row", "column"]].values.tolist() == [
        [2, "Child Protection Plan Start Date"],
        [4, "Child Protection Plan End Date"],
    ]
    assert set(found["severity"]) == {"error"}


# --- Date of Birth against the row's start ----------------------------------------------------


def test_born_after_the_referral_is_a_warning_and_long_after_an_error() -> None:
    referrals = [
        {"child_id": "A", "referral_date": "2024-01-10", "dob": "2023-05-05"},  # born before
        {"child_id": "B", "referral_date": "2024-01-10", "dob": "2024-01-10"},  # born that day
        {"child_id": "C", "referral_date": "2024-01-10", "dob": "2024-03-01"},  # unborn then
        {"child_id": "D", "referral_date": "2024-01-10", "dob": "2024-10-10"},  # 9 months on
        {"child_id": "E", "referral_date": "2024-01-10", "dob": "2024-10-11"},  # 9 months + 1 day
        {"child_id": "F", "referral_date": "2024-01-10"},  # no date of birth
    ]
    annex = annex_of({3: referrals})
    assert flagged(annex, "AA03") == [4, 5]
    assert flagged(annex, "AA04") == [6]
    warning, error = issues_for(annex, "AA03"), issues_for(annex, "AA04")
    assert set(warning["severity"]) == {"warning"} and set(error["severity"]) == {"error"}
    assert error["column"][0] == "Date of Birth"
    assert error["message"][0] == (
        "Born 11/10/2024, more than 9 months after the Date of referral (10/01/2024)."
    )


def test_cp_plan_more_than_nine_months_before_birth_is_an_error() -> None:
    plans = [
        {"child_id": "A", "start": "2024-01-15", "dob": "2024-06-01"},  # unborn child's plan
        {"child_id": "B", "start": "2024-01-15", "dob": "2024-12-01"},  # 10.5 months before
    ]
    annex = annex_of({7: plans})
    assert flagged(annex, "AA03") == [2]
    assert flagged(annex, "AA04") == [3]


def test_looked_after_before_birth_is_an_error() -> None:
    cla = [
        {"child_id": "A", "start": "2024-03-01", "dob": "2024-03-02"},
        {"child_id": "B", "start": "2024-03-02", "dob": "2024-03-02"},  # from birth: fine
        {"child_id": "C", "start": "2024-03-03", "dob": "2024-03-02"},
    ]
    annex = annex_of({8: cla})
    assert flagged(annex, "302") == [2]
    assert flagged(annex, "AA03") == [] and flagged(annex, "AA04") == []


# --- ends before starts; visits, reviews and checks before the episode ------------------------


@pytest.mark.parametrize(
    ("list_no", "rule", "start", "end"),
    [
        (2, "AA05", "eh_start", "eh_end"),
        (4, "8608", "start", "authorised"),
        (5, "8615", "strategy_date", "icpc_date"),
        (6, "8630", "start", "end"),
        (7, "8925", "start", "end"),
        (8, "356", "start", "end"),
    ],
)
def test_ends_before_starts_are_errors(list_no: int, rule: str, start: str, end: str) -> None:
    rows = [
        {"child_id": "A", start: "2024-05-02", end: "2024-05-01"},  # a day early
        {"child_id": "B", start: "2024-05-02", end: "2024-05-02"},  # same day: fine
        {"child_id": "C", start: "2024-05-02", end: None},  # still open
    ]
    found = issues_for(annex_of({list_no: rows}), rule)
    assert found["row"].tolist() == [2] and found["severity"].tolist() == ["error"]


@pytest.mark.parametrize(
    ("list_no", "key", "header"),
    [
        (7, "last_visit", "Date of the Last Statutory Visit"),
        (8, "health_assessment", "Date of Last Health Assessment"),
        (8, "dental_check", "Date of Last Dental Check"),
        (8, "review", "Date of Latest Statutory Review"),
        (8, "sw_visit", "Date of Last Social Work Visit"),
        (8, "iro_visit", "Date of Last IRO Visit / Contact to the Child"),
    ],
)
def test_visits_and_checks_before_the_episode_are_errors(list_no: int, key: str, header: str):
    rows = [
        {"child_id": "A", "start": "2024-02-01", key: "2024-01-31"},
        {"child_id": "B", "start": "2024-02-01", key: "2024-02-01"},  # on the first day: fine
        {"child_id": "C", "start": "2024-02-01", key: None},
    ]
    found = issues_for(annex_of({list_no: rows}), "AA06")
    assert found[["row", "column", "severity"]].values.tolist() == [[2, header, "error"]]


def test_cp_review_on_or_before_the_plan_start_is_an_error() -> None:
    plans = [
        {"child_id": "A", "start": "2024-02-01", "review": "2024-01-31"},
        {"child_id": "B", "start": "2024-02-01", "review": "2024-02-01"},  # the same day too
        {"child_id": "C", "start": "2024-02-01", "review": "2024-05-01"},
    ]
    found = issues_for(annex_of({7: plans}), "8841")
    assert found["row"].tolist() == [2, 3] and set(found["severity"]) == {"error"}


# --- age --------------------------------------------------------------------------------------

# The extract's last date is the latest event date of the lists: 31/08/2024 here.
LAST_CONTACT = {"child_id": "Z", "contact_date": "2024-08-31"}


def test_age_contradicting_the_date_of_birth_is_a_warning() -> None:
    # Born 01/09/2014: 9 on 31/08/2024 (the tenth birthday is the next day).
    contacts = [
        LAST_CONTACT,
        {"child_id": "A", "contact_date": "2024-08-01", "dob": "2014-09-01", "age": 9},
        {"child_id": "B", "contact_date": "2024-08-01", "dob": "2014-09-01", "age": 10},
        {"child_id": "C", "contact_date": "2024-08-01", "dob": "2014-09-01", "age": 11},
        {"child_id": "D", "contact_date": "2024-08-01", "dob": "2014-09-01", "age": 7},
        {"child_id": "E", "contact_date": "2024-08-01", "dob": None, "age": 7},
        # Born 31/08/2014: 10 on its birthday, 31/08/2024.
        {"child_id": "F", "contact_date": "2024-08-01", "dob": "2014-08-31", "age": 8},
        {"child_id": "G", "contact_date": "2024-08-01", "dob": "2014-08-31", "age": 11},
    ]
    found = issues_for(annex_of({1: contacts}), "AA07")
    assert found["row"].tolist() == [5, 6, 8] and set(found["severity"]) == {"warning"}
    assert found["column"][0] == "Age of Child (Years)"
    assert found["message"][0] == (
        "Age 11, but the Date of Birth (01/09/2014) gives another age at the extract date "
        "(31/08/2024)."
    )


def test_a_child_over_25_is_a_warning() -> None:
    # Extract date 31/08/2024: born before 31/08/1999 means over 25 then.
    contacts = [
        LAST_CONTACT,
        {"child_id": "A", "contact_date": "2024-08-01", "dob": "1999-08-30"},
        {"child_id": "B", "contact_date": "2024-08-01", "dob": "1999-08-31"},
        {"child_id": "C", "contact_date": "2024-08-01", "dob": None, "age": 26},
        {"child_id": "D", "contact_date": "2024-08-01", "dob": None, "age": 25},
        {"child_id": "E", "contact_date": "2024-08-01", "dob": "2014-01-01", "age": 30},
    ]
    found = issues_for(annex_of({1: contacts}), "8775Q")
    assert found[["row", "column"]].values.tolist() == [
        [3, "Date of Birth"],
        [5, "Age of Child (Years)"],
    ]
    assert set(found["severity"]) == {"warning"}


# --- codes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_no", "key", "rule", "good", "bad"),
    [
        (6, "primary_need", "8650", ["N0", "N9", "n1"], ["N10", "Neglect"]),
        (8, "category_of_need", "145", ["N1", "N8"], ["N0", "N9"]),
        (8, "legal_status", "144", ["C2", "V4", "j3"], ["C3", "S20"]),
        (8, "placement_type", "146", ["U4", "K2", "Z1", "Z14"], ["Q1", "U7"]),
        (8, "reason_ceased", "149", ["E4A", "E2", "E48", "E17"], ["E99", "X1"]),
    ],
)
def test_codes_outside_the_code_lists_are_warnings(list_no, key, rule, good, bad) -> None:
    rows = [{"child_id": f"C{i}", key: code} for i, code in enumerate([*good, None, *bad])]
    found = issues_for(annex_of({list_no: rows}), rule)
    first_bad = 2 + len(good) + 1
    assert found["row"].tolist() == list(range(first_bad, first_bad + len(bad)))
    assert set(found["severity"]) == {"warning"}
    assert found["message"][0].startswith(f"'{bad[0]}' is not")


# --- per-child fields and multiples -----------------------------------------------------------


def test_referrals_in_last_12_months_should_be_the_same_on_each_row_of_a_child() -> None:
    referrals = [
        {"child_id": "A", "referral_date": "2024-04-12", "referrals_12m": 2},
        {"child_id": "A", "referral_date": "2024-04-25", "referrals_12m": 2},
        {"child_id": "B", "referral_date": "2024-04-08", "referrals_12m": 0},  # per row
        {"child_id": "B", "referral_date": "2024-04-18", "referrals_12m": 1},
        {"child_id": "C", "referral_date": "2024-05-01", "referrals_12m": 3},
        {"child_id": "C", "referral_date": "2024-06-01", "referrals_12m": None},
        {"child_id": None, "referral_date": "2024-06-01", "referrals_12m": 4},
        {"child_id": None, "referral_date": "2024-06-02", "referrals_12m": 5},
    ]
    found = issues_for(annex_of({3: referrals}), "AA08")
    assert found["row"].tolist() == [4, 5] and set(found["severity"]) == {"warning"}


def test_missing_child_id_and_several_open_episodes() -> None:
    cin = [
        {"child_id": "A", "start": "2024-01-01", "end": None},
        {"child_id": "A", "start": "2024-03-01", "end": None},  # two open at 31/08
        {"child_id": "B", "start": "2024-01-01", "end": "2024-02-01"},
        {"child_id": "B", "start": "2024-03-01", "end": None},  # one closed, one open
        {"child_id": None, "start": "2024-03-01", "end": None},
    ]
    annex = annex_of({6: cin})
    assert flagged(annex, "8815") == [2, 3]
    assert flagged(annex, "8500") == [6]


# --- the stage --------------------------------------------------------------------------------


def test_issues_name_the_sheet_as_the_workbook_names_it() -> None:
    plans = [{"child_id": None, "start": "2024-05-01", "end": "2024-04-01"}]
    issues = validate(annex_of({7: plans}, {7: "List_7"}), month_end=M1, today=TODAY).frame()
    assert set(issues["rule"]) == {"8500", "8925", "AA00"}  # AA00: no Date of Birth, Age...
    assert set(issues["sheet"]) == {"List_7"}


def test_validate_returns_new_issues_and_leaves_the_lists_alone() -> None:
    annex = annex_of({7: [{"child_id": None, "start": "2024-05-01", "end": "2024-04-01"}]})
    before = annex.lists[7].copy()
    first = validate(annex, month_end=M1, today=TODAY)
    second = validate(annex, month_end=M1, today=TODAY)
    assert first is not second and len(first.frame()) == len(second.frame()) == 3
    pd.testing.assert_frame_equal(annex.lists[7], before)


def test_rules_whose_columns_are_missing_do_not_run_and_are_noted_once_per_list() -> None:
    # No Date of Birth and no Age on List 1: AA03, AA04, AA07 and 8775Q cannot run there.
    annex = annex_of({1: [{"child_id": "A", "contact_date": "2024-08-01"}]})
    issues = validate(annex, month_end=M1, today=TODAY).frame()
    assert issues[["severity", "rule", "sheet"]].values.tolist() == [["info", "AA00", "List 1"]]
    assert issues["message"][0] == (
        "List 1 has no column like 'Date of Birth' or 'Age of Child (Years)': checks AA03, "
        "AA04, AA07, 8775Q were not run on it."
    )
