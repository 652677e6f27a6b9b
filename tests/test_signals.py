"""SPC over a build's results (indicators.signals.spc_of): specs from the catalogue and the
Targets sheet, the build's settings, headline rows only, and a published pack's withheld months
as gaps. Expected means and limits are worked by hand in the comments."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import write_workbook

from xl_dashboard.api import published, spc_of
from xl_dashboard.indicators.catalogue import BY_ID
from xl_dashboard.indicators.results import RESULT_COLUMNS, Results
from xl_dashboard.indicators.signals import by_breakdown, shown_data, spc_specs
from xl_dashboard.inputs import load_inputs
from xl_dashboard.issues import Issues
from xl_dashboard.settings import Settings
from xl_dashboard.spc import SPC_COLUMNS, TOO_FEW, SpcSpec

Figure = float | tuple[float, float] | None  # a value, or (numerator, denominator); None: none


def monthly_results(
    series: Mapping[str, Sequence[Figure]],
    *,
    end: str = "2023-12",
    targets: Sequence[tuple[str, float, float | None]] = (),
    benchmarks: Sequence[tuple[str, str, float]] = (),
    commentary: Sequence[tuple[object, str | None, str]] = (),
    breakdowns: Mapping[tuple[str, str], Sequence[Figure]] | None = None,
    **settings: object,
) -> Results:
    """Hand-made results: each indicator's headline figures for the months ending at `end`
    (oldest first). A percentage given as a value has denominator 100; a count is its own
    numerator. Catalogue units; synthetic figures only."""
    month = pd.Period(end, freq="M")
    rows = []
    items = [((i, ""), v) for i, v in series.items()] + list((breakdowns or {}).items())
    for (indicator_id, breakdown), figures in items:
        unit = BY_ID[indicator_id].unit
        for back, figure in enumerate(reversed(figures)):
            if figure is None:
                continue
            if isinstance(figure, tuple):
                num, den = figure
            elif unit == "count":
                num, den = figure, np.nan
            else:
                num, den = figure, 100.0
            value = num if unit == "count" else (100.0 if unit == "%" else 10000.0) * num / den
            rows.append(
                (indicator_id, breakdown, str(month - back), num, den, value, unit, "annex_a")
            )
    return Results(
        data=pd.DataFrame(rows, columns=RESULT_COLUMNS),
        settings=Settings(la_name="Synthshire", reporting_month=month).replace(**settings),
        covered=[],
        issues=Issues(),
        benchmarks=pd.DataFrame(
            [(i, c, "2022/23", v) for i, c, v in benchmarks],
            columns=["indicator_id", "comparator", "period_label", "value"],
        ),
        targets=pd.DataFrame(targets, columns=["indicator_id", "target", "tolerance"]),
        commentary=pd.DataFrame(commentary, columns=["section", "month", "text"]),
    )


def with_settings(results: Results, **changes: object) -> Results:
    return dataclasses.replace(results, settings=results.settings.replace(**changes))


# Twelve months of a count: mean 10, moving ranges 2 (mean 2), limits 10 ± 5.32, common cause.
STEADY = [9.0, 11.0] * 6


def test_specs_take_polarity_from_the_catalogue_and_target_from_the_targets_sheet() -> None:
    r = monthly_results(
        {"lac_pep": STEADY, "re_referrals": STEADY, "contacts": STEADY},
        breakdowns={("eh_outcomes", "Needs met"): STEADY},  # no headline: by breakdown
        targets=[("re_referrals", 25.0, 2.0), ("lac_pep", 80.0, None), ("lac_pep", 90.0, 5.0)],
    )
    assert spc_specs(r) == {  # catalogue order; the last Targets row of an indicator wins
        "contacts": SpcSpec("none", None),
        "re_referrals": SpcSpec("down", 25.0),
        "eh_outcomes": SpcSpec("none", None),
        "lac_pep": SpcSpec("up", 90.0),
    }
    assert by_breakdown(r) == ["eh_outcomes"]
    out = spc_of(r)
    needs_met = out[out["indicator_id"] == "eh_outcomes"]
    assert set(needs_met["breakdown"]) == {"Needs met"} and len(needs_met) == 12
    assert set(out.loc[out["indicator_id"] != "eh_outcomes", "breakdown"]) == {""}


def test_spc_of_uses_the_builds_month_and_settings() -> None:
    # 30 months to June 2024; the reporting month is April: May and June are left out.
    april = pd.Period("2024-04", freq="M")
    r = monthly_results({"contacts": [9.0, 11.0] * 15}, end="2024-06", reporting_month=april)
    out = spc_of(r)
    assert list(out.columns) == SPC_COLUMNS
    assert len(out) == 24 and out["period"].iloc[-1] == "2024-04"
    assert out["period"].iloc[0] == "2022-05"  # 24 months back
    assert out["mean"].iloc[-1] == pytest.approx(10.0)  # twelve 9s and twelve 11s
    assert out["upper"].iloc[-1] == pytest.approx(10 + 2.66 * 2)

    shorter = spc_of(with_settings(r, spc_max_points=18))
    assert len(shorter) == 18 and shorter["period"].iloc[0] == "2022-11"


def test_too_few_months_then_enough() -> None:
    eleven = monthly_results({"contacts": STEADY[:11]})
    assert set(spc_of(eleven)["reason"]) == {TOO_FEW}
    assert spc_of(eleven)["mean"].isna().all()
    twelve = monthly_results({"contacts": STEADY})
    assert spc_of(twelve)["mean"].tolist() == pytest.approx([10.0] * 12)
    fewer_asked = monthly_results({"contacts": STEADY[:11]}, spc_min_points=11)
    assert spc_of(fewer_asked)["mean"].notna().all()


def test_run_length_setting() -> None:
    # 6 months at 9.5 after 6 alternating 9/13: mean (27 + 39 + 57) / 12 = 10.25, so the last
    # six are a run of six below it: a shift when the run length is 6, not when it is 7.
    series = [9.0, 13.0] * 3 + [9.5] * 6
    assert spc_of(monthly_results({"contacts": series}))["signal"].iloc[-1] == ""
    six = spc_of(monthly_results({"contacts": series}, spc_run_length=6))
    assert six["signal"].tolist()[-6:] == ["shift"] * 6
    assert six["variation"].iloc[-1] == "special_cause_low"  # a volume: low, not good or bad


def test_breakdowns_are_not_charted() -> None:
    r = monthly_results(
        {"assessments_in_timescale": STEADY},
        breakdowns={("assessments_in_timescale", "Team: North"): [50.0] * 12},
    )
    out = spc_of(r)
    assert out["value"].tolist() == STEADY


def test_polarity_and_target_reach_the_icons() -> None:
    # % higher is better, mean 10, limits 4.68 to 15.32: a target of 20 is beyond the upper
    # limit, so it is consistently missed; the last point, 16, is outside: an improvement.
    series = [9.0, 11.0] * 5 + [9.0, 16.0]  # mean 10.4167, mean MR 27/11 = 2.4545: upper 16.95
    r = monthly_results({"lac_pep": series}, targets=[("lac_pep", 20.0, None)])
    last = spc_of(r).iloc[-1]
    assert (last["signal"], last["assurance"]) == ("", "consistently_missed")  # 16 < 16.95
    r = monthly_results({"lac_pep": [*series[:-1], 17.5]}, targets=[("lac_pep", 20.0, None)])
    # mean 126.5 / 12 = 10.5417, mean MR (10 x 2 + 8.5) / 11 = 2.5909: upper 17.4335
    last = spc_of(r).iloc[-1]
    assert (last["signal"], last["polarity_colour"]) == ("outside", "improvement")
    assert last["variation"] == "special_cause_improving"
    assert last["upper"] == pytest.approx(10.5417 + 2.66 * 2.5909, abs=1e-3)


# --- a published pack ----------------------------------------------------------------------------


def withheld_in_the_middle() -> Results:
    # Re-referrals over 14 months, percentages of 100 referrals, except month 2 (Dec 2022):
    # 3 of 15, a count of 1-5, withheld when published. Months Nov 2022 to Dec 2023.
    series: list[Figure] = [20.0, (3.0, 15.0)] + [18.0, 22.0] * 6
    return monthly_results({"re_referrals": series})


def test_a_withheld_month_breaks_the_series_and_never_enters_the_limits() -> None:
    raw = withheld_in_the_middle()
    pack = published(raw)
    out = spc_of(pack)
    # The 12 months after the withheld one, alone: mean 20, moving range 4, limits 20 ± 10.64.
    assert "2022-12" not in set(out["period"])
    assert out["period"].iloc[0] == "2022-11" and out["reason"].iloc[0] != ""
    assert out["mean"].iloc[1:].tolist() == pytest.approx([20.0] * 12)
    assert out["upper"].iloc[-1] == pytest.approx(20 + 2.66 * 4)
    # Unpublished, the 20% of month 2 is a point: 14 points, mean (20 + 20 + 240) / 14 = 20.
    # with moving ranges 0, 2, then 4s: the limits differ, so they would tell it apart.
    unpublished = spc_of(raw)
    assert len(unpublished) == 14
    assert unpublished["upper"].iloc[-1] != pytest.approx(out["upper"].iloc[-1])


def test_a_publish_build_whose_figures_were_not_suppressed_is_suppressed_first() -> None:
    raw = withheld_in_the_middle()
    asked = with_settings(raw, publish=True)
    assert "2022-12" not in set(spc_of(asked)["period"])
    assert shown_data(asked).loc[lambda d: d["period"] == "2022-12", "value"].isna().all()
    assert spc_of(asked).equals(spc_of(published(raw)))


# --- the Settings sheet ---------------------------------------------------------------------------


def test_spc_settings_are_read_from_the_settings_sheet(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "inputs.xlsx",
        {
            "Settings": [
                ["Setting", "Value"],
                ["Reporting month", "2024-08"],
                ["SPC months", 18],
                ["SPC minimum months", "10"],
                ["SPC run length", "six"],  # invalid: the default is kept, and reported
            ],
            "Monthly figures": [
                ["indicator_id", "breakdown", "period", "numerator", "denominator", "value"],
                ["lac_pep", "", "2024-08", None, None, 80],
            ],
        },
    )
    inputs = load_inputs(path)
    s = inputs.settings
    assert (s.spc_max_points, s.spc_min_points, s.spc_run_length) == (18, 10, 7)
    bad = inputs.issues.frame().set_index("rule").loc["invalid-setting"]
    assert bad["row"] == 5 and "SPC run length" in bad["message"]
