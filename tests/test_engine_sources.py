"""The engine's choices, each against a hand-worked answer: the default reporting month, the
population of each calendar year, and which source a month's figure comes from (Annex A, then
the Monthly figures, then the stored history)."""

from pathlib import Path

import pandas as pd
from conftest import annex_a_sheets, d, figure, write_workbook

from xl_dashboard.api import compute
from xl_dashboard.indicators.engine import RESULT_COLUMNS
from xl_dashboard.inputs import load_inputs

ID = "Child Unique ID"
FIGURES_HEADER = ["indicator_id", "breakdown", "period", "numerator", "denominator", "value"]


def contact(child: str, day: str) -> dict[str, object]:
    return {ID: child, "Date of Contact": d(day), "Contact Source": "6"}


def test_a_month_end_extract_reports_its_own_month(run) -> None:
    # The extract's last date is 31 August: August is complete, so it is the reporting month.
    r = run({1: [contact("C1", "2024-06-01"), contact("C2", "2024-08-31")]}, month=None)
    assert str(r.settings.reporting_month) == "2024-08"
    assert [str(m) for m in r.covered] == ["2024-06", "2024-07", "2024-08"]
    assert figure(r, "contacts", "2024-08")[2] == 1.0
    # One day short of the month's end: August is partial, July is reported.
    r = run({1: [contact("C1", "2024-06-01"), contact("C2", "2024-08-30")]}, month=None)
    assert str(r.settings.reporting_month) == "2024-07"


def test_rates_use_the_population_of_each_calendar_year(tmp_path: Path) -> None:
    # Two children on a plan through December 2023 and January 2024; the population doubles
    # in 2024, so the rate per 10,000 halves: 2 / 10,000 * 10,000 = 2.0, then 2 / 20,000 = 1.0.
    plans = [
        {ID: "P1", "Child Protection Plan Start Date": d("2023-11-10")},
        {ID: "P2", "Child Protection Plan Start Date": d("2023-11-20")},
    ]
    contacts = [contact("C1", "2023-12-01"), contact("C2", "2024-01-31")]
    sheets = annex_a_sheets({1: contacts, 7: plans}) | {
        "Population": [["Year", "Population aged 0-17"], [2023, 10000], [2024, 20000]],
    }
    path = write_workbook(tmp_path / "inputs.xlsx", sheets)
    r = compute(load_inputs(path, reporting_month=pd.Period("2024-01", freq="M")))
    assert [str(m) for m in r.covered] == ["2023-12", "2024-01"]
    assert figure(r, "cp_open", "2023-12")[2] == 2.0
    assert figure(r, "cp_open", "2024-01")[2] == 2.0
    assert figure(r, "cp_rate", "2023-12") == (2.0, 10000.0, 2.0)
    assert figure(r, "cp_rate", "2024-01") == (2.0, 20000.0, 1.0)


def _history(rows: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [("contacts", "", p, v, None, v, "count", "annex_a") for p, v in rows],
        columns=RESULT_COLUMNS,
    )


def test_annex_a_then_monthly_figures_then_history(tmp_path: Path) -> None:
    # August: three contacts in Annex A, 5 in the Monthly figures, 98 in the history.
    # July: 10 in the figures, 99 in the history. June: only the history's 7.
    contacts = [contact(f"C{i}", "2024-08-01") for i in range(3)]
    sheets = annex_a_sheets({1: contacts}) | {
        "Monthly figures": [
            FIGURES_HEADER,
            ["contacts", "", "2024-07", 10, None, None],
            ["contacts", "", "2024-08", 5, None, None],
        ],
    }
    path = write_workbook(tmp_path / "inputs.xlsx", sheets)
    inputs = load_inputs(path, reporting_month=pd.Period("2024-08", freq="M"), population=1000)
    history = _history([("2024-06", 7.0), ("2024-07", 99.0), ("2024-08", 98.0)])
    r = compute(inputs, history)
    assert figure(r, "contacts", "2024-08") == (3.0, None, 3.0)
    assert figure(r, "contacts", "2024-07") == (10.0, None, 10.0)
    assert figure(r, "contacts", "2024-06") == (7.0, None, 7.0)
    data = r.data
    headline = data[(data["indicator_id"] == "contacts") & (data["breakdown"] == "")]
    sources = headline.set_index("period")["source"]
    # June's stored row keeps the source it was first computed from.
    assert sources.to_dict() == {"2024-06": "annex_a", "2024-07": "figures", "2024-08": "annex_a"}
