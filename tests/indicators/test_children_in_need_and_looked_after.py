"""Children in need (List 6) and looked after (List 8) at M1 = 31 August 2024."""

from conftest import d, figure, issues_of

ID, W = "Child Unique ID", "Allocated Worker"


def cin(child, start, end=None, status="c) Child in need plan", worker=None) -> dict:
    return {
        ID: child,
        "CIN Start Date": start,
        "CIN Closure Date": end,
        "Case Status": status,
        W: worker,
    }


def test_children_in_need_and_allocation(run) -> None:
    rows = [
        cin("N1", d("2023-01-01"), worker="Sam Smith"),
        cin("N2", d("2024-02-01"), status="b) Child Protection plan", worker="Sam Smith"),
        cin("N3", d("2024-02-01"), status="Looked after child", worker="Sam Smith"),
        cin("N4", d("2024-02-01"), status=None, worker="Unknown Person"),
        cin("N5", d("2024-08-31"), worker=None),  # starts on M1: open
        cin("N6", d("2024-02-01"), end=d("2024-08-20"), worker="Sam Smith"),  # closed
        cin("N7", d("2024-02-01"), worker=" sam  SMITH "),  # same worker, other spelling
        cin("N7", d("2024-03-01"), worker=" sam  SMITH "),  # a second episode: one child
        cin("N8", d("2024-09-01")),  # starts after M1
    ]
    r = run(
        {6: rows},
        start="2024-08-01",
        population=20000,
        workers={"Sam Smith": "a) Yes", "Pat Jones": "No"},
    )
    assert figure(r, "cin_open", "2024-08")[2] == 6
    assert figure(r, "cin_rate", "2024-08") == (6.0, 20000.0, 3.0)
    assert figure(r, "cin_allocated_qualified", "2024-08") == (2.0, 4.0, 50.0)
    unknown = issues_of(r, "unknown-worker")
    assert unknown["message"].str.contains("Unknown Person").tolist() == [True]


def test_allocation_needs_the_workers_sheet(run) -> None:
    r = run({6: [cin("N1", d("2023-01-01"), worker="Sam")]}, month="2023-01", start="2023-01-01")
    assert "cin_allocated_qualified" not in set(r.data["indicator_id"])
    assert "cin_open" in set(r.data["indicator_id"])


def test_cin_episodes_closed_count_rows_by_closure_month(run) -> None:
    rows = [
        cin("N1", d("2024-01-01"), end=d("2024-07-01")),  # first day of July
        cin("N1", d("2024-02-01"), end=d("2024-07-31")),  # same child, a second episode
        cin("N2", d("2024-01-01"), end=d("2024-08-31")),  # last day of August
        cin(None, d("2024-01-01"), end=d("2024-08-15")),  # no child id: an episode all the same
        cin("N3", d("2024-01-01"), end=d("2024-09-01")),  # after the reporting month
        cin("N4", d("2024-01-01")),  # open
    ]
    r = run({6: rows}, start="2024-07-01")
    assert figure(r, "cin_closed", "2024-07") == (2.0, None, 2.0)
    assert figure(r, "cin_closed", "2024-08") == (2.0, None, 2.0)


LA_START, LA_END = "Date Started to be Looked After", "Date Ceased to be Looked After"
LEGAL, HEALTH, DENTAL = (
    "Child's Legal Status",
    "Date of Last Health Assessment",
    "Date of Last Dental Check",
)


def lac(child, start, end=None, legal="C2", health=None, dental=None) -> dict:
    return {ID: child, LA_START: start, LA_END: end, LEGAL: legal, HEALTH: health, DENTAL: dental}


def test_looked_after(run) -> None:
    rows = [
        lac("L1", d("2020-01-01"), health=d("2024-01-10")),
        lac("L2", d("2023-08-31"), health=d("2023-08-31"), dental=d("2023-09-01")),
        lac("L3", d("2023-09-01"), health=d("2024-05-01"), dental=d("2024-05-01")),  # < 12 months
        lac("L4", d("2020-01-01"), legal="V3"),  # short breaks: not counted
        lac("L4b", d("2020-01-01"), legal="h) V4: Short breaks"),
        lac("L5", d("2022-01-01"), end=d("2023-01-01"), health=d("2024-08-31")),  # two episodes
        lac("L5", d("2023-06-01"), health=d("2024-08-31")),
        lac("L6", d("2020-01-01"), end=d("2024-08-15"), health=d("2024-08-01")),  # ceased
    ]
    r = run({8: rows}, start="2024-07-01", population=10000)
    assert figure(r, "lac_open", "2024-08")[2] == 4
    assert figure(r, "lac_open", "2024-07")[2] == 5  # L6 still looked after in July
    assert figure(r, "lac_rate", "2024-08")[2] == 4.0
    assert figure(r, "lac_health_assessment", "2024-08")[:2] == (2.0, 3.0)
    assert figure(r, "lac_dental_check", "2024-08")[:2] == (1.0, 3.0)
    assert not issues_of(r, "left-out").size


def test_health_assessments_every_6_months_under_5_and_12_from_5(run) -> None:
    # M1 = 31/08/2024. Under 5 at M1 (DOB + 5 years > M1): assessed in (29/02/2024, M1];
    # 5 or over, or no date of birth: in (31/08/2023, M1] (statutory guidance; contract).
    dob = "Date of Birth"
    rows = [
        {**lac("H1", d("2020-01-01"), health=d("2024-01-10")), dob: d("2020-06-01")},  # 4: late
        {**lac("H2", d("2020-01-01"), health=d("2024-01-10")), dob: d("2018-06-01")},  # 6: ok
        {**lac("H3", d("2020-01-01"), health=d("2024-01-10")), dob: None},  # 12 months: ok
        {**lac("H4", d("2020-01-01"), health=d("2024-03-01")), dob: d("2020-06-01")},  # 4: ok
        {**lac("H5", d("2020-01-01"), health=d("2024-01-10")), dob: d("2019-08-31")},  # 5 on M1
        {**lac("H6", d("2020-01-01"), health=d("2024-02-29")), dob: d("2020-06-01")},  # 6m to day
    ]
    extract_date = {1: [{ID: "X", "Date of Contact": d("2024-08-31"), "Contact Source": "6"}]}
    r = run({8: rows, **extract_date}, start="2024-07-01")
    assert figure(r, "lac_health_assessment", "2024-08")[:2] == (4.0, 6.0)
    assert figure(r, "lac_dental_check", "2024-08")[:2] == (0.0, 6.0)
    assert issues_of(r, "health-rule-without-dob")["row"].tolist() == [4]
    longer = run(
        {8: rows, **extract_date}, start="2024-07-01", health_under_5=8
    )  # a setting: H1 and H6 count
    assert figure(longer, "lac_health_assessment", "2024-08")[:2] == (6.0, 6.0)
