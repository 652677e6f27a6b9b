"""Team breakdowns: the reporting month per Allocated Team, each case in the team of its row,
adding up to the headline (hand-worked cases; the oracle agreement covers the messy ones)."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import annex_a_sheets, d, figure, write_workbook

from xl_dashboard.cli import main
from xl_dashboard.indicators.catalogue import BY_ID, CATALOGUE

ID, TEAM = "Child Unique ID", "Allocated Team"
START, AUTHORISED = (
    "Continuous Assessment Start Date",
    "Continuous Assessment Date of Authorisation",
)
CP_START, CP_END = "Child Protection Plan Start Date", "Child Protection Plan End Date"
VISIT = "Date of the Last Statutory Visit"


def team_rows(results, indicator_id: str) -> dict[tuple[str, str], tuple]:
    """(breakdown, period) → (numerator, denominator, value) of the indicator's team rows."""
    data = results.data
    rows = data[(data["indicator_id"] == indicator_id) & data["breakdown"].str.startswith("Team")]
    return {
        (r.breakdown, r.period): (r.numerator, r.denominator, r.value) for r in rows.itertuples()
    }


def assessment(child: str, team: object, start: str, authorised: str) -> dict:
    return {ID: child, TEAM: team, START: d(start), AUTHORISED: d(authorised)}


ASSESSMENTS = [
    assessment("C1", "Team A", "2024-08-01", "2024-08-20"),  # 13 WD: in time
    assessment("C2", "  Team A  ", "2024-05-01", "2024-08-15"),  # spaces around; late
    assessment("C3", None, "2024-08-05", "2024-08-06"),  # blank team; 1 WD
    assessment("C4", "#N/A", "2024-06-03", "2024-08-30"),  # blank team; 63 WD: late
    assessment("C1", "Team B", "2024-08-12", "2024-08-14"),  # C1 again, another team; 2 WD
    assessment("C5", "Team C", "2024-07-01", "2024-07-10"),  # July: not the reporting month
]


def test_each_assessment_counts_in_its_own_rows_team(run) -> None:
    r = run({4: ASSESSMENTS}, start="2024-07-01")
    assert figure(r, "assessments_in_timescale", "2024-08")[:2] == (3.0, 5.0)
    assert team_rows(r, "assessments_in_timescale") == {
        ("Team: Not recorded", "2024-08"): (1.0, 2.0, 50.0),
        ("Team: Team A", "2024-08"): (1.0, 2.0, 50.0),
        ("Team: Team B", "2024-08"): (1.0, 1.0, 100.0),
    }
    assert team_rows(r, "assessments_completed") == {}  # not declared by team


def plan(child: str, team: object, start: str, end: str | None = None, visit=None) -> dict:
    return {
        ID: child,
        TEAM: team,
        CP_START: d(start),
        CP_END: d(end) if end else None,
        VISIT: d(visit) if visit else None,
    }


PLANS = [
    plan("C1", "North", "2024-03-01", visit="2024-08-20"),  # 8 WD to M1: in time
    plan("C1", "South", "2024-06-01"),  # C1's later plan: C1 counts in South, visited in time
    plan("C2", " North ", "2024-07-01", visit="2024-07-01"),  # 44 WD: late
    plan("C3", None, "2024-08-10"),  # no visit: 14 WD from the start; blank team
    plan("C4", "North", "2024-01-01", end="2024-08-15"),  # closed before M1
    plan("C5", "East", "2024-05-01", visit="2024-08-28"),  # two plans starting the same day:
    plan("C5", "West", "2024-05-01"),  # the lower row decides the team (West)
]


def test_each_child_counts_once_in_the_team_of_its_latest_plan(run) -> None:
    r = run({7: PLANS}, start="2024-07-01")
    assert figure(r, "cp_visits_in_timescale", "2024-08")[:2] == (3.0, 4.0)
    assert team_rows(r, "cp_visits_in_timescale") == {
        ("Team: North", "2024-08"): (0.0, 1.0, 0.0),
        ("Team: Not recorded", "2024-08"): (1.0, 1.0, 100.0),
        ("Team: South", "2024-08"): (1.0, 1.0, 100.0),
        ("Team: West", "2024-08"): (1.0, 1.0, 100.0),
    }
    assert team_rows(r, "cp_open") == {}


def test_allocation_by_team(run) -> None:
    rows = [
        {**plan("C1", "North", "2024-03-01"), "Allocated Worker": "Ann"},
        {**plan("C2", "North", "2024-04-01"), "Allocated Worker": "Bo"},
        {**plan("C3", "South", "2024-08-05"), "Allocated Worker": None},
    ]
    r = run({7: rows}, start="2024-07-01", workers={"Ann": "Yes", "Bo": "No"})
    assert team_rows(r, "cp_allocated_qualified") == {
        ("Team: North", "2024-08"): (1.0, 2.0, 50.0),
        ("Team: South", "2024-08"): (0.0, 1.0, 0.0),
    }


def test_no_team_column_gives_no_team_rows_and_no_warning(tmp_path: Path) -> None:
    from xl_dashboard.api import compute
    from xl_dashboard.inputs import load_inputs

    headers = [ID, START, AUTHORISED]
    sheet = [headers] + [[a[h] for h in headers] for a in ASSESSMENTS]
    path = write_workbook(tmp_path / "annex.xlsx", {"List 4": sheet})
    month = pd.Period("2024-08", freq="M")
    r = compute(load_inputs(None, path, reporting_month=month, annex_a_start=d("2024-07-01")))
    assert figure(r, "assessments_in_timescale", "2024-08")[:2] == (3.0, 5.0)
    assert team_rows(r, "assessments_in_timescale") == {}
    assert not r.issues.frame()["message"].str.contains("Allocated Team").any()


def test_computing_twice_gives_the_same_and_leaves_the_input_alone(annex_a) -> None:
    from xl_dashboard.api import compute
    from xl_dashboard.inputs import load_inputs

    path = annex_a({4: ASSESSMENTS, 7: PLANS})
    inputs = load_inputs(None, path, reporting_month=pd.Period("2024-08", freq="M"))
    before = {n: frame.copy() for n, frame in inputs.annex.lists.items()}
    first, second = compute(inputs).data, compute(inputs).data
    pd.testing.assert_frame_equal(first, second)
    for n, frame in before.items():
        pd.testing.assert_frame_equal(inputs.annex.lists[n], frame)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic county built with a history: (indicator CSV, stored history)."""
    from xl_dashboard.synth import synthesise_annex_a, synthesise_input_workbook

    tmp = tmp_path_factory.mktemp("county")
    annex, inputs = tmp / "annex.xlsx", tmp / "inputs.xlsx"
    synthesise_annex_a(annex, end="2024-09", months=6, scale="small", seed=11)
    synthesise_input_workbook(inputs, end="2024-09", months=6, seed=11, annex_a_path=annex)
    args = ["build", str(inputs), "--annex-a", str(annex), "--month", "2024-09", "-q"]
    args += ["-o", str(tmp / "out.xlsx"), "--data-csv", str(tmp / "data.csv")]
    assert main([*args, "--history", str(tmp / "history.csv")]) == 0
    read = {"keep_default_na": False, "na_values": [""], "dtype": {"breakdown": str}}
    data = pd.read_csv(tmp / "data.csv", **read).fillna({"breakdown": ""})
    history = pd.read_csv(tmp / "history.csv", **read).fillna({"breakdown": ""})
    return data, history


def test_team_rows_add_up_to_the_headline_on_a_synthetic_county(county) -> None:
    data, _ = county
    computed = data[data["source"] == "annex_a"]
    teams = computed[computed["breakdown"].str.startswith("Team: ")]
    assert set(teams["period"]) == {"2024-09"}
    assert set(teams["indicator_id"]) == {ind.id for ind in CATALOGUE if ind.by_team}
    headline = computed[computed["breakdown"] == ""].set_index(["indicator_id", "period"])
    sums = teams.groupby(["indicator_id", "period"])[["numerator", "denominator"]].sum()
    for (indicator_id, period), row in sums.iterrows():
        assert row["numerator"] == headline.at[(indicator_id, period), "numerator"], indicator_id
        assert row["denominator"] == headline.at[(indicator_id, period), "denominator"]
    assert (teams.groupby("indicator_id").size() >= 2).all()  # really split between teams
    assert all(BY_ID[i].unit == "%" for i in teams["indicator_id"])


def test_team_rows_are_not_stored_in_the_history(county) -> None:
    data, history = county
    assert data["breakdown"].str.startswith("Team: ").any()
    assert not history["breakdown"].str.startswith("Team: ").any()
    assert len(history[history["breakdown"] == ""]) == len(
        data[(data["breakdown"] == "") & data["value"].notna()]
    )


def test_published_pack_withholds_a_small_team(tmp_path: Path) -> None:
    """Team C has 2 assessments (small): withheld, and the next smallest team (B, 6) with it,
    so C cannot be worked out as the headline minus the others."""
    rows = [assessment(f"A{i}", "Team A", "2024-08-01", "2024-08-20") for i in range(20)]
    rows += [assessment(f"B{i}", "Team B", "2024-08-05", "2024-08-06") for i in range(6)]
    rows += [assessment(f"C{i}", "Team C", "2024-05-01", "2024-08-15") for i in range(2)]
    annex = write_workbook(tmp_path / "annex.xlsx", annex_a_sheets({4: rows}))
    out = tmp_path / "data.csv"
    args = ["build", "--annex-a", str(annex), "--month", "2024-08", "--publish", "-q"]
    assert main([*args, "-o", str(tmp_path / "out.xlsx"), "--data-csv", str(out)]) == 0
    data = pd.read_csv(out, dtype=str, keep_default_na=False)
    teams = data[
        (data["indicator_id"] == "assessments_in_timescale") & (data["period"] == "2024-08")
    ].set_index("breakdown")
    assert teams.loc["", ["numerator", "denominator"]].astype(float).tolist() == [26, 28]
    assert teams.loc["Team: Team A", ["numerator", "denominator"]].astype(float).tolist() == [
        20,
        20,
    ]
    for withheld in ("Team: Team B", "Team: Team C"):
        assert teams.loc[withheld, ["numerator", "denominator", "value"]].tolist() == ["c"] * 3
