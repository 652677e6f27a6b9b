"""Validation rules (after the DfE CIN census checks) report rows; they never drop them."""

import datetime as dt

import pandas as pd
from conftest import d, figure, issues_of, write_workbook
from rich.console import Console

from xl_dashboard.api import compute
from xl_dashboard.inputs import load_inputs
from xl_dashboard.validation.report import print_report

ID = "Child Unique ID"


def test_end_before_start_and_several_open_plans(run) -> None:
    plans = [
        {
            ID: "P1",
            "Child Protection Plan Start Date": d("2024-05-01"),
            "Child Protection Plan End Date": d("2024-04-01"),
        },  # ended before it started
        {ID: "P2", "Child Protection Plan Start Date": d("2024-01-01")},
        {ID: "P2", "Child Protection Plan Start Date": d("2024-03-01")},  # two open plans
        {ID: None, "Child Protection Plan Start Date": d("2024-03-01")},  # no child id
    ]
    r = run({7: plans}, month="2024-05", start="2024-05-01")
    assert issues_of(r, "8925")["row"].tolist() == [2]
    assert issues_of(r, "8935")["row"].tolist() == [3, 4]
    missing = issues_of(r, "8500")
    assert missing["row"].tolist() == [5] and set(missing["severity"]) == {"error"}
    assert figure(r, "cp_open", "2024-05")[2] == 1  # P2 once; P1 not open; no id left out


def test_contacts_with_no_source_at_all_are_other(run) -> None:
    contacts = [{ID: "C1", "Date of Contact": d("2024-08-01"), "Contact Source": None}]
    r = run({1: contacts}, start="2024-08-01")
    assert figure(r, "contacts", "2024-08", "Other")[2] == 1


def test_validation_reads_its_columns_from_the_workbook_and_names_its_sheet(tmp_path) -> None:
    # A List 8 sheet named 'List_8' with Date of Birth, Age and three coded columns, and none
    # of the other columns (some read by the indicators, some only by validation).
    # The extract's last date is the latest start, 01/02/2024: ages are taken on that day.
    rows = [
        [ID, "Date of Birth", "Age of Child (Years)", "Date Started to be Looked After",
         "Child's Category of Need", "Placement Type", "Child's Legal Status"],
        ["C1", d("2015-05-01"), 9, d("2023-01-01"), "N1", "U4", "C2: Full care order"],
        ["C2", d("2024-03-01"), 0, d("2024-02-01"), "N9: Cases other than children in need",
         "Q1", "C2"],
        ["C3", d("2019-01-01"), 14, d("2023-01-01"), "N2", "K2", "V2"],
    ]  # fmt: skip
    path = write_workbook(tmp_path / "annex.xlsx", {"List_8": rows})
    inputs = load_inputs(
        annex_a=path,
        reporting_month=pd.Period("2024-02", freq="M"),
        build_date=dt.date(2024, 9, 15),
    )
    r = compute(inputs)
    found = r.issues.frame()
    mine = found[found["rule"].isin(["302", "145", "146", "AA07"])]
    assert mine[["rule", "sheet", "row", "column"]].values.tolist() == [
        ["302", "List_8", 3, "Date Started to be Looked After"],
        ["145", "List_8", 3, "Child's Category of Need"],
        ["146", "List_8", 3, "Placement Type"],
        ["AA07", "List_8", 4, "Age of Child (Years)"],  # born 2019: 5, not 14, on 01/02/2024
    ]
    # Columns only validation reads are not warned about, but noted once.
    missing = found.loc[found["rule"] == "missing-column", "column"]
    assert "Reason Ceased to be Looked After" not in set(missing)
    assert "Date of Last Health Assessment" in set(missing)  # the indicators read it
    noted = found[found["rule"] == "AA00"]
    assert noted[["severity", "sheet"]].values.tolist() == [["info", "List_8"]]
    assert "'Reason Ceased to be Looked After'" in noted["message"].iloc[0]


def test_check_report_counts_by_rule_before_the_rows(run) -> None:
    plans = [
        {
            ID: "P1",
            "Child Protection Plan Start Date": d("2024-05-01"),
            "Child Protection Plan End Date": d("2024-04-01"),
        },
        {ID: None, "Child Protection Plan Start Date": d("2024-03-01")},
        {ID: None, "Child Protection Plan Start Date": d("2024-03-02")},
    ]
    console = Console(record=True, width=250)
    print_report(run({7: plans}, month="2024-05", start="2024-05-01"), console=console)
    text = console.export_text()
    by_rule, rows = text.index("Issues by rule"), text.index("Issues (")
    assert by_rule < rows
    summary = [" ".join(line.split("│")[1:-1]).split() for line in text[by_rule:rows].splitlines()]
    assert ["8500", "error", "Child", "Unique", "ID", "is", "missing:", "the", "row", "cannot",
            "be", "linked", "to", "a", "child.", "2"] in summary  # fmt: skip
    assert ["8925", "error", "Child", "protection", "plan", "ended", "before", "it", "started.",
            "1"] in summary  # fmt: skip
    assert "CP plan ended 01/04/2024, before it started (01/05/2024)." in text[rows:]
