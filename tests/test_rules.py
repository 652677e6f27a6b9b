"""Validation rules (after the DfE CIN census checks) report rows; they never drop them."""

from conftest import d, figure, issues_of

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
    r = run({7: plans}, start="2024-08-01")
    assert issues_of(r, "cp-ended-before-start (8925)")["row"].tolist() == [2]
    assert issues_of(r, "several-open-cp (8935)")["row"].tolist() == [3, 4]
    missing = issues_of(r, "missing-child-id (8500)")
    assert missing["row"].tolist() == [5] and set(missing["severity"]) == {"error"}
    assert figure(r, "cp_open", "2024-08")[2] == 1  # P2 once; P1 not open; no id left out


def test_contacts_with_no_source_at_all_are_other(run) -> None:
    contacts = [{ID: "C1", "Date of Contact": d("2024-08-01"), "Contact Source": None}]
    r = run({1: contacts}, start="2024-08-01")
    assert figure(r, "contacts", "2024-08", "Other")[2] == 1
