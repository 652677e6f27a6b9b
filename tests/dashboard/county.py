"""A hand-built Results for a synthetic county: every catalogue indicator and breakdown over
twelve months, with benchmarks, targets and commentary (no engine, no real data)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from xl_dashboard.indicators.catalogue import CATALOGUE
from xl_dashboard.indicators.engine import RESULT_COLUMNS, Results
from xl_dashboard.issues import Issues
from xl_dashboard.settings import Settings

MONTH = pd.Period("2024-09", freq="M")
POPULATION = 180_000.0


def county_results(seed: int = 7, months: int = 12) -> Results:
    rng = np.random.default_rng(seed)
    periods = [str(MONTH - k) for k in range(months - 1, -1, -1)]
    rows = []
    for ind in CATALOGUE:
        breakdowns = ["", *ind.breakdowns] if ind.id != "cin_with_plan" else list(ind.breakdowns)
        if ind.id == "eh_outcomes":
            breakdowns = list(ind.breakdowns)
        for b in breakdowns:
            for p in periods:
                if ind.unit == "%":
                    den = float(rng.integers(80, 1500))
                    num = float(np.floor(den * rng.uniform(0.55, 0.99)))
                    value = 100 * num / den
                elif ind.unit == "per 10k":
                    num, den = float(rng.integers(300, 6000)), POPULATION
                    value = 10000 * num / den
                else:
                    num, den = float(rng.integers(20, 3000)), np.nan
                    value = num
                rows.append((ind.id, b, p, num, den, value, ind.unit, "annex_a"))
    data = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    benchmarks = pd.DataFrame(
        [
            ("re_referrals", "England", "2023/24", 22.4),
            ("re_referrals", "Statistical neighbours", "2023/24", 20.8),
            ("re_referrals", "Region", "2023/24", 19.9),
            ("cin_rate", "England", "2023/24", 332.9),
            ("cp_rate", "England", "2023/24", 41.6),
            ("cp_rate", "Statistical neighbours", "2023/24", 38.0),
            ("lac_rate", "England", "2023/24", 70.0),
            ("lac_health_assessment", "England", "2023/24", 89.0),
            ("lac_dental_check", "England", "2023/24", 76.0),
        ],
        columns=["indicator_id", "comparator", "period_label", "value"],
    )
    targets = pd.DataFrame(
        [
            ("re_referrals", 22.0, 2.0),
            ("assessments_in_timescale", 85.0, 5.0),
            ("cin_with_plan", 85.0, 5.0),
            ("cin_allocated_qualified", 95.0, None),
            ("cp_allocated_qualified", 98.0, 2.0),
            ("cp_visits_in_timescale", 90.0, 5.0),
            ("s47_assessments_in_timescale", 80.0, 10.0),
            ("lac_allocated_qualified", 90.0, 5.0),
            ("cp_second_subsequent", 20.0, 3.0),
        ],
        columns=["indicator_id", "target", "tolerance"],
    )
    commentary = pd.DataFrame(
        [
            ("1", "2024-09", "Contacts follow the usual pattern for the time of year."),
            ("1", "2024-09", "=SUM(1,2) is text here, never a formula."),
            ("Early Help and Children in Need", "2024-09", "Early help is steady."),
            ("3", "2024-08", "Last month's note: not shown."),
            ("4", None, "Looked-after numbers are stable."),
        ],
        columns=["section", "month", "text"],
    )
    settings = Settings(
        la_name="Synthshire",
        reporting_month=MONTH,
        region_name="East of England",
        statistical_neighbours="Northshire, Eastshire and Westmoor (all synthetic)",
    )
    return Results(
        data=data,
        settings=settings,
        covered=[],
        issues=Issues(),
        benchmarks=benchmarks,
        targets=targets,
        commentary=commentary,
    )
