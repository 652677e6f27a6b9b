"""The stored history gives latest-value indicators a trend across monthly builds."""

from pathlib import Path

import pandas as pd
from conftest import annex_a_sheets, d, write_workbook

from xl_dashboard.cli import main

ID = "Child Unique ID"


def plans() -> list[dict]:
    return [
        {
            ID: "P1",
            "Child Protection Plan Start Date": d("2024-01-10"),
            "Date of the Last Statutory Visit": d("2024-07-30"),
            "Was the Child Seen Alone?": "Yes",
        },
        {
            ID: "P2",
            "Child Protection Plan Start Date": d("2024-02-01"),
            "Date of the Last Statutory Visit": d("2024-06-01"),
            "Was the Child Seen Alone?": "No",
        },
    ]


def build(tmp_path: Path, annex: Path, month: str, history: Path) -> pd.DataFrame:
    out = tmp_path / f"data-{month}.csv"
    code = main(
        [
            "build",
            "--annex-a",
            str(annex),
            "--month",
            month,
            "--population",
            "1000",
            "-o",
            str(tmp_path / f"dash-{month}.xlsx"),
            "--data-csv",
            str(out),
            "--history",
            str(history),
            "-q",
        ]
    )
    assert code == 0
    return pd.read_csv(out, keep_default_na=False, na_values=[""])


def test_two_monthly_builds_make_a_trend(tmp_path: Path) -> None:
    history = tmp_path / "history.csv"
    july = write_workbook(tmp_path / "july.xlsx", annex_a_sheets({7: plans()}))
    build(tmp_path, july, "2024-07", history)
    assert history.exists()
    # August's extract: P2 has been visited since; the July figure must survive from history.
    august_plans = plans()
    august_plans[1]["Date of the Last Statutory Visit"] = d("2024-08-20")
    august = write_workbook(tmp_path / "august.xlsx", annex_a_sheets({7: august_plans}))
    data = build(tmp_path, august, "2024-08", history)
    visits = data[(data.indicator_id == "cp_visits_in_timescale") & data.breakdown.isna()]
    visits = visits.set_index("period")
    # Latest-value figures are computed for the reporting month only: July can only be history.
    assert visits.loc["2024-07", "numerator"] == 1 and visits.loc["2024-08", "numerator"] == 1
    assert set(visits["source"]) == {"annex_a"}
    stored = pd.read_csv(history, keep_default_na=False)
    assert {"2024-07", "2024-08"} <= set(
        stored[stored.indicator_id == "cp_visits_in_timescale"].period
    )


def test_a_history_that_is_not_one_is_refused(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "history.csv"
    bad.write_text("a,b\n1,2\n")
    annex = write_workbook(tmp_path / "a.xlsx", annex_a_sheets({7: plans()}))
    code = main(
        [
            "build",
            "--annex-a",
            str(annex),
            "--month",
            "2024-07",
            "-o",
            str(tmp_path / "o.xlsx"),
            "--history",
            str(bad),
            "-q",
        ]
    )
    assert code == 2 and "not a history written by xl-dashboard" in capsys.readouterr().err
