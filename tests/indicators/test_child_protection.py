"""Child protection: snapshots at M1 = Saturday 31 August 2024, S47 and ICPC timescales."""

from conftest import d, figure, issues_of

ID = "Child Unique ID"
START, END = "Child Protection Plan Start Date", "Child Protection Plan End Date"
VISIT, ALONE = "Date of the Last Statutory Visit", "Was the Child Seen Alone?"
PREV = "Number of Previous Child Protection Plans"


def plan(child, start, end=None, visit=None, alone=None, prev=0, worker=None) -> dict:
    return {
        ID: child,
        START: start,
        END: end,
        VISIT: visit,
        ALONE: alone,
        PREV: prev,
        "Allocated Worker": worker,
    }


PLANS = [
    plan("P1", d("2022-08-31"), visit=d("2024-08-05"), alone="a) Yes", worker="Ann"),  # 2y+; 19 WD
    plan("P2", d("2022-09-01"), visit=d("2024-08-02"), alone="b) No", worker="Bo"),  # 18m-2y; 20 WD
    plan("P3", d("2024-08-10"), visit=d("2024-09-03"), prev=2, worker="Ann"),  # visit after M1
    plan("P4", d("2024-08-15"), prev=0, alone="Y"),  # no visit: start 11 WD before
    plan("P5", d("2024-01-10"), visit=d("2024-07-01"), prev="x", worker="Cy"),  # 43 WD: late
    plan("P6", d("2024-08-20"), visit=d("2024-08-30"), prev="x"),  # invalid previous plans
    plan("P7", d("2024-08-21"), visit=d("2024-08-30"), prev=-1),  # negative previous plans
    plan("P8", d("2024-01-01"), end=d("2024-08-31"), prev=0),  # ended on M1: not open
    plan("P9", d("2023-03-01"), visit=d("2024-08-30"), alone="yes", prev=1),  # two rows,
    plan("P9", d("2024-07-01"), visit=d("2024-08-30"), alone="yes", prev=1),  # one child
    plan("P10", None, visit=d("2024-08-30")),  # no start date: left out, reported
]


def test_cp_snapshot_indicators(run) -> None:
    r = run({7: PLANS}, start="2024-07-01", workers={"Ann": "Yes", "Bo": "No"})
    open_children = 8  # P1-P7 and P9
    assert figure(r, "cp_open", "2024-08")[2] == open_children
    assert figure(r, "cp_open", "2024-07")[2] == 5  # P1, P2, P5, P8 and P9
    assert figure(r, "cp_rate", "2024-08") == (8.0, 10000.0, 8.0)
    assert figure(r, "cp_visits_in_timescale", "2024-08")[:2] == (7.0, 8.0)
    assert figure(r, "cp_seen_alone", "2024-08")[:2] == (3.0, 8.0)
    assert figure(r, "cp_duration_2y_plus", "2024-08")[:2] == (1.0, 8.0)
    assert figure(r, "cp_duration_18m_2y", "2024-08")[:2] == (1.0, 8.0)
    assert figure(r, "cp_allocated_qualified", "2024-08")[:2] == (2.0, 8.0)
    assert len(issues_of(r, "visit-after-month-end")) == 1
    assert issues_of(r, "unknown-worker")["message"].str.contains("'Cy'").any()
    assert 12 in issues_of(r, "left-out")["row"].tolist()


def test_cp_second_subsequent(run) -> None:
    r = run({7: PLANS}, start="2024-07-01")
    # August starts: P3 (2), P4 (0), P6 (x: left out), P7 (-1: left out).
    assert figure(r, "cp_second_subsequent", "2024-08") == (1.0, 2.0, 50.0)
    # July starts: P9's second row (1).
    assert figure(r, "cp_second_subsequent", "2024-07") == (1.0, 1.0, 100.0)


def test_latest_value_indicators_only_for_the_reporting_month(run) -> None:
    r = run({7: PLANS}, start="2024-07-01")
    rows = r.data[r.data["indicator_id"] == "cp_visits_in_timescale"]
    assert rows.loc[rows["breakdown"] == "", "period"].tolist() == ["2024-08"]
    assert rows["breakdown"].tolist() == ["", "Team: Not recorded"]  # no team column filled
    assert set(rows["period"]) == {"2024-08"}


def test_icpc_within_15_working_days(run) -> None:
    strat = "Strategy discussion initiating Section 47 Enquiry Start Date"
    icpc = "Date of Initial Child Protection Conference"
    rows = [
        {ID: "S1", strat: d("2024-08-02"), icpc: d("2024-08-23")},  # 15 WD
        {ID: "S2", strat: d("2024-08-02"), icpc: d("2024-08-27")},  # 16 WD (bank holiday)
        {ID: "S3", strat: d("2024-08-06"), icpc: d("2024-08-27")},  # 14 WD
        {ID: "S4", strat: d("2024-08-20"), icpc: d("2024-08-19")},  # ICPC before strategy
        {ID: "S5", strat: d("2024-08-20"), icpc: None},  # no ICPC (yet)
        {ID: "S6", strat: d("2024-08-20"), icpc: d("2024-08-20")},  # same day
    ]
    r = run({5: rows}, start="2024-08-01")
    assert figure(r, "icpc_in_timescale", "2024-08") == (3.0, 4.0, 75.0)
    left = issues_of(r, "left-out")
    assert left["row"].tolist() == [5] and "before" in left["message"].iloc[0]
