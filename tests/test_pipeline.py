"""The pipeline's stages: validation apart from computing, a pure engine, sheets named as the
workbook names them."""

import datetime as dt
from pathlib import Path

import pandas as pd
from conftest import annex_a_sheets, d, write_workbook

from xl_dashboard.api import compute
from xl_dashboard.inputs import load_inputs


def test_computing_twice_gives_the_same_and_changes_nothing(tmp_path: Path) -> None:
    rows = [
        {"Child Unique ID": "C1", "Date of referral": d("2024-08-05")},
        {"Child Unique ID": None, "Date of referral": "not a date"},
    ]
    path = write_workbook(tmp_path / "a.xlsx", annex_a_sheets({3: rows}))
    inputs = load_inputs(None, path, reporting_month=pd.Period("2024-08", freq="M"))
    before = len(inputs.issues.frame())
    first, second = compute(inputs), compute(inputs)
    pd.testing.assert_frame_equal(first.data, second.data)
    pd.testing.assert_frame_equal(first.issues.frame(), second.issues.frame())
    assert len(inputs.issues.frame()) == before  # the input's issues are not added to
    assert len(first.issues.frame()) > before  # validation and computing found more


def test_every_issue_names_the_sheet_as_the_workbook_does(tmp_path: Path) -> None:
    sheets = annex_a_sheets(
        {
            3: [
                {"Child Unique ID": "C1", "Date of referral": d("2024-08-05")},
                {"Child Unique ID": None, "Date of referral": d("2024-08-06")},  # 8500, left out
                {"Child Unique ID": "C3", "Date of referral": "31/02/2024"},  # invalid date
            ]
        }
    )
    path = write_workbook(tmp_path / "a.xlsx", {"List_3": sheets["List 3"]})
    month, start = pd.Period("2024-08", freq="M"), dt.date(2024, 8, 1)
    r = compute(load_inputs(None, path, reporting_month=month, annex_a_start=start))
    issues = r.issues.frame()
    about_rows = issues[issues["row"].notna()]
    assert set(about_rows["rule"]) >= {"8500", "invalid-date", "left-out"}
    assert set(about_rows["sheet"]) == {"List_3"}
