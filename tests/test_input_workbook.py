"""The input workbook: settings, figures merged with Annex A, and the problems reported."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import annex_a_sheets, d, figure, issues_of, write_workbook

from xl_dashboard.api import compute
from xl_dashboard.errors import InputError
from xl_dashboard.inputs import load_inputs

FIGURES_HEADER = [
    "indicator_id",
    "breakdown",
    "period",
    "numerator",
    "denominator",
    "value",
    "note",
]


def workbook(tmp_path: Path, **sheets: list[list[object]]) -> Path:
    named = {name.replace("_", " "): rows for name, rows in sheets.items()}
    return write_workbook(tmp_path / "inputs.xlsx", named)


def test_settings_sheet(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        Settings=[
            ["Setting", "Value"],
            ["Local authority", "Synthshire"],
            ["Reporting month", "2024-08"],
            ["Region", "East of England"],
            ["ICPC timescale working days", 10],
            ["Assessment timescale working days", "forty"],  # invalid: default kept, reported
            ["Favourite colour", "blue"],  # unknown: reported
        ],
        Monthly_figures=[FIGURES_HEADER, ["lac_pep", "", "2024-08", None, None, 80, ""]],
    )
    inputs = load_inputs(path)
    s = inputs.settings
    assert (s.la_name, str(s.reporting_month), s.region_name) == (
        "Synthshire",
        "2024-08",
        "East of England",
    )
    assert s.timescales.icpc == 10 and s.timescales.assessment == 45
    rules = inputs.issues.frame().set_index("rule")
    assert rules.loc["invalid-setting", "row"] == 6
    assert rules.loc["unknown-setting", "row"] == 7


def test_command_line_overrides_settings(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        Settings=[["Setting", "Value"], ["Reporting month", "2024-08"]],
        Monthly_figures=[FIGURES_HEADER, ["lac_pep", "", "2024-07", None, None, 80, ""]],
    )
    inputs = load_inputs(path, reporting_month=pd.Period("2024-07", freq="M"))
    assert str(inputs.settings.reporting_month) == "2024-07"


def test_figures_fill_months_before_the_extract_and_annex_a_wins(tmp_path: Path) -> None:
    contacts = [
        {"Child Unique ID": f"C{i}", "Date of Contact": d("2024-08-01"), "Contact Source": "6"}
        for i in range(3)
    ]
    sheets = annex_a_sheets({1: contacts}) | {
        "Monthly figures": [
            FIGURES_HEADER,
            ["contacts", "", "2024-07", 10, None, None, ""],  # before the extract: used
            ["contacts", "", "2024-08", 5, None, None, ""],  # Annex A says 3: a warning
            ["re_referrals", "", "2024-08", 20, 80, 25, ""],  # consistent
            ["cin_with_plan", "CIN teams", "2024-08", 990, 1354, 80.0, ""],  # 73.1: error
            ["s47_assessments_in_timescale", "", "Aug-24", 174, 188, None, ""],  # value derived
            ["not_an_indicator", "", "2024-08", None, None, 1, ""],
            ["lac_pep", "", None, None, None, 1, ""],  # no period: not used
        ],
        "Population": [["Year", "Population aged 0-17"], [2024, 20000]],
    }
    path = write_workbook(tmp_path / "all_in_one.xlsx", sheets)
    r = compute(load_inputs(path, reporting_month=pd.Period("2024-08", freq="M")))
    assert figure(r, "contacts", "2024-07") == (10.0, None, 10.0)
    assert figure(r, "contacts", "2024-08") == (3.0, None, 3.0)
    assert figure(r, "re_referrals", "2024-08") == (20.0, 80.0, 25.0)
    assert figure(r, "cin_with_plan", "2024-08", "CIN teams")[2] == 80.0
    assert round(figure(r, "s47_assessments_in_timescale", "2024-08")[2], 1) == 92.6
    headline = r.data[r.data["breakdown"] == ""].set_index(["indicator_id", "period"])["source"]
    assert headline[("contacts", "2024-07")] == "figures"
    assert headline[("contacts", "2024-08")] == "annex_a"
    differ = issues_of(r, "sources-differ")  # over 5% apart: a warning (the chart would step)
    assert differ["message"].tolist() == [
        "contacts 2024-08: Monthly figures say 5.0, Annex A gives 3.0 (67% apart); "
        "Annex A is shown."
    ]
    assert differ["severity"].tolist() == ["warning"] and differ["row"].tolist() == [3]
    assert issues_of(r, "figure-mismatch")["row"].tolist() == [5]
    assert issues_of(r, "unknown-indicator")["row"].tolist() == [7]
    assert issues_of(r, "incomplete-row")["row"].tolist() == [8]
    assert "not_an_indicator" not in set(r.data["indicator_id"])
    accounts = r.issues.accounting().set_index("sheet")
    assert accounts.loc["Monthly figures", "rows used"] == 6


def test_early_help_started(run) -> None:
    rows = [
        {"Child Unique ID": f"E{i}", "Assessment start date": day}
        for i, day in enumerate([d("2024-07-31"), d("2024-08-01"), "15/08/2024", None])
    ]
    r = run({2: rows}, start="2024-07-01")
    assert figure(r, "eh_assessments_started", "2024-08")[2] == 2
    assert figure(r, "eh_assessments_started", "2024-07")[2] == 1
    assert issues_of(r, "left-out")["row"].tolist() == [5]


def test_default_months_from_the_data(run) -> None:
    rows = [
        {"Child Unique ID": "C1", "Date of Contact": d("2024-03-14"), "Contact Source": "6"},
        {"Child Unique ID": "C2", "Date of Contact": d("2024-08-30"), "Contact Source": "6"},
    ]
    r = run({1: rows}, month=None)
    # Coverage starts on the 1st after the earliest event; August is not complete (30th).
    assert str(r.settings.reporting_month) == "2024-07"
    assert [str(m) for m in r.covered] == ["2024-04", "2024-05", "2024-06", "2024-07"]


def test_coverage_starts_at_the_first_contact_not_older_work(run) -> None:
    # Lists 2, 4 and 5 hold work begun before the extract window: they do not start coverage
    # (indicators.md, "Coverage"); List 1's first contact does, moved to the next 1st.
    lists = {
        1: [
            {"Child Unique ID": "C1", "Date of Contact": d("2024-05-02"), "Contact Source": "6"},
            {"Child Unique ID": "C2", "Date of Contact": d("2024-08-31"), "Contact Source": "6"},
        ],
        2: [{"Child Unique ID": "E1", "Assessment start date": d("2024-01-01")}],  # old EH work
        3: [{"Child Unique ID": "C1", "Date of referral": d("2024-04-01")}],
    }
    r = run(lists, month=None)
    assert [str(m) for m in r.covered] == ["2024-06", "2024-07", "2024-08"]


def test_coverage_falls_back_to_referrals_then_other_lists(run) -> None:
    referrals = {3: [{"Child Unique ID": "C1", "Date of referral": d("2024-06-01")}]}
    eh = {2: [{"Child Unique ID": "E1", "Assessment start date": d("2024-06-15")}]}
    assert [str(m) for m in run({**referrals, **eh}, month="2024-06").covered] == ["2024-06"]
    assert [str(m) for m in run(eh, month="2024-06").covered] == []  # starts 2024-07


def test_a_month_after_the_data_is_refused(run) -> None:
    contacts = {
        1: [
            {"Child Unique ID": "C1", "Date of Contact": d("2024-05-01"), "Contact Source": "6"},
            {"Child Unique ID": "C2", "Date of Contact": d("2024-06-12"), "Contact Source": "6"},
        ]
    }
    with pytest.raises(InputError, match=r"last date is 12/06/2024"):
        run(contacts, month="2024-07")
    partly = run(contacts, month="2024-06")  # the extract's own month: computed, with a warning
    assert [str(m) for m in partly.covered] == ["2024-05", "2024-06"]
    assert figure(partly, "contacts", "2024-06")[2] == 1
    assert "only partly covered" in issues_of(partly, "partly-covered")["message"].iloc[0]


def test_dates_in_the_future_or_before_1990_decide_nothing(run) -> None:
    lists = {
        1: [
            {"Child Unique ID": "C1", "Date of Contact": d("2024-05-01"), "Contact Source": "6"},
            {"Child Unique ID": "C2", "Date of Contact": d("2024-07-31"), "Contact Source": "6"},
            {"Child Unique ID": "C3", "Date of Contact": d("2031-01-01"), "Contact Source": "6"},
            {"Child Unique ID": "C4", "Date of Contact": d("1985-03-01"), "Contact Source": "6"},
        ]
    }
    r = run(lists, month=None)
    assert str(r.settings.reporting_month) == "2024-07"
    assert [str(m) for m in r.covered] == ["2024-05", "2024-06", "2024-07"]
