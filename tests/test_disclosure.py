"""Publication mode: counts 1-5 and figures resting on them are withheld, with secondary
suppression so that no withheld figure can be worked out from a total."""

import numpy as np
import pandas as pd

from xl_dashboard.disclosure import suppress

COLUMNS = ["indicator_id", "breakdown", "period", "numerator", "denominator", "value", "unit"]


def table(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS).assign(source="annex_a")


def withheld(out: pd.DataFrame) -> list[tuple[str, str]]:
    hidden = out[out["suppressed"]]
    return list(zip(hidden["indicator_id"], hidden["breakdown"], strict=True))


def test_small_counts_and_figures_resting_on_them_are_withheld() -> None:
    out = suppress(
        table(
            [
                ("cp_open", "", "2024-08", 3, np.nan, 3, "count"),  # small count
                ("lac_open", "", "2024-08", 0, np.nan, 0, "count"),  # a true zero is shown
                ("cin_open", "", "2024-08", 6, np.nan, 6, "count"),  # 6 is shown
                ("cp_rate", "", "2024-08", 3, 171830, 0.17, "per 10k"),  # rests on 3
                ("icpc_in_timescale", "", "2024-08", 40, 45, 88.9, "%"),
                ("cp_seen_alone", "", "2024-08", 2, 80, 2.5, "%"),  # numerator 2
                ("re_referrals", "", "2024-08", 0, 5, 0.0, "%"),  # denominator 5
                ("lac_pep", "", "2024-08", np.nan, np.nan, 91.0, "%"),  # a value alone: shown
            ]
        )
    )
    assert withheld(out) == [
        ("cp_open", ""),
        ("cp_rate", ""),
        ("cp_seen_alone", ""),
        ("re_referrals", ""),
    ]
    assert out.loc[out["suppressed"], ["numerator", "denominator", "value"]].isna().all().all()
    assert out.loc[out["indicator_id"] == "cin_open", "value"].item() == 6


def test_one_withheld_breakdown_row_takes_the_next_smallest_with_it() -> None:
    out = suppress(
        table(
            [
                ("contacts", "", "2024-08", 120, np.nan, 120, "count"),
                ("contacts", "Police", "2024-08", 80, np.nan, 80, "count"),
                ("contacts", "Health", "2024-08", 25, np.nan, 25, "count"),
                ("contacts", "Housing", "2024-08", 12, np.nan, 12, "count"),
                ("contacts", "Anonymous", "2024-08", 3, np.nan, 3, "count"),  # 120-80-25-12
                ("contacts", "Other", "2024-08", 0, np.nan, 0, "count"),
                ("contacts", "", "2024-07", 100, np.nan, 100, "count"),  # two small: enough
                ("contacts", "Police", "2024-07", 93, np.nan, 93, "count"),
                ("contacts", "Health", "2024-07", 4, np.nan, 4, "count"),
                ("contacts", "Anonymous", "2024-07", 3, np.nan, 3, "count"),
            ]
        )
    )
    hidden = out[out["suppressed"]]
    assert list(zip(hidden["breakdown"], hidden["period"], strict=True)) == [
        ("Housing", "2024-08"),  # secondary: the smallest other non-zero row
        ("Anonymous", "2024-08"),
        ("Health", "2024-07"),
        ("Anonymous", "2024-07"),
    ]


def test_team_rows_are_a_breakdown_family_of_their_own() -> None:
    """One small team and one small source group in the same month: each family loses its
    next smallest row too (counted together, two withheld rows would have looked enough)."""
    out = suppress(
        table(
            [
                ("assessments_in_timescale", "", "2024-08", 40, 50, 80.0, "%"),
                ("assessments_in_timescale", "Team: A", "2024-08", 30, 35, 85.7, "%"),
                ("assessments_in_timescale", "Team: B", "2024-08", 8, 10, 80.0, "%"),
                ("assessments_in_timescale", "Team: Not recorded", "2024-08", 2, 5, 40.0, "%"),
                ("assessments_in_timescale", "Group 1", "2024-08", 30, 32, 93.8, "%"),
                ("assessments_in_timescale", "Group 2", "2024-08", 7, 13, 53.8, "%"),
                ("assessments_in_timescale", "Group 3", "2024-08", 3, 5, 60.0, "%"),
            ]
        )
    )
    assert withheld(out) == [
        ("assessments_in_timescale", "Team: B"),
        ("assessments_in_timescale", "Team: Not recorded"),
        ("assessments_in_timescale", "Group 2"),
        ("assessments_in_timescale", "Group 3"),
    ]
