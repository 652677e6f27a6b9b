"""Drafted commentary (xl_dashboard.commentary) on hand-made results: each kind of sentence, the
priority and cap, typed commentary winning, determinism, and a published pack that never quotes
a withheld figure. Every expected sentence is written by hand from the figures; the SPC means
and limits quoted are worked out in the comments (mean, mean moving range mMR, mean ± 2.66 mMR)."""

from __future__ import annotations

import dataclasses

import pytest
from test_signals import monthly_results

from xl_dashboard.api import published, spc_of
from xl_dashboard.commentary import DRAFT_LABEL, MAX_SENTENCES, draft, figure_text, short_name
from xl_dashboard.indicators.catalogue import BY_ID
from xl_dashboard.indicators.results import Results
from xl_dashboard.settings import Settings

NOTHING = (
    "No figure on this page shows special-cause variation, a change of RAG status, a "
    "comparator crossed or a large change in volume in December."
)


def drafted(results: Results) -> dict[int, tuple[str, ...]]:
    return draft(results, spc_of(results))


# Page 1, December 2023: six indicators with something to say, one more than a page takes.
PAGE_1 = {
    # mean 258 / 12 = 21.5; moving ranges ten 1s and 13: mMR 23 / 11 = 2.0909;
    # upper limit 21.5 + 5.5618 = 27.06: 33% is outside, and lower is better: a concern.
    "re_referrals": [20.0, 21.0] * 5 + [20.0, 33.0],
    "assessments_in_timescale": [86.0, 82.0],  # green to amber against 85 (tolerance 5)
    "contact_conversion": [30.0, 35.0],  # crosses England's 32.5
    "referrals": [1000.0, 1250.0],  # +25%
    "assessments_completed": [400.0, 280.0],  # -30%
    "contacts": [2000.0, 2240.0],  # +12%: sixth, left out
}


def page_1() -> Results:
    return monthly_results(
        PAGE_1,
        targets=[("assessments_in_timescale", 85.0, 5.0)],
        benchmarks=[("contact_conversion", "England", 32.5)],
    )


def test_one_page_pinned() -> None:
    assert drafted(page_1())[1] == (
        "Re-referrals rose to 33.0% in December, from 20.0% in November, above its upper "
        "process limit of 27.1% (special cause: concerning).",
        "Assessments completed in timescale fell to 82.0% in December, from 86.0% in November, "
        "turning amber against its 85.0% target (green in November).",
        "Conversion of contacts to referrals rose to 35.0% in December, from 30.0% in "
        "November, now above England's 32.5%.",
        "Assessments completed fell 30% to 280 in December, from 400 in November.",
        "Referrals rose 25% to 1,250 in December, from 1,000 in November.",
    )
    assert MAX_SENTENCES == 5


def test_pages_with_nothing_new_say_so_and_pages_without_figures_say_nothing() -> None:
    r = monthly_results(
        {"cp_open": [400.0, 410.0], "lac_pep": [80.0, 81.0]},
        targets=[("lac_pep", 75.0, 5.0)],  # green both months
    )
    assert drafted(r) == {1: (), 2: (), 3: (NOTHING,), 4: (NOTHING,)}


def test_a_point_just_beyond_a_limit_that_prints_alike() -> None:
    # mean (6 x 20 + 5 x 21 + 24.21) / 12 = 20.7675, mMR (10 + 4.21) / 11 = 1.2918: upper
    # 24.2037, so 24.21 is outside, and both print as 24.2%.
    r = monthly_results({"re_referrals": [20.0, 21.0] * 5 + [20.0, 24.21]})
    assert drafted(r)[1] == (
        "Re-referrals rose to 24.2% in December, from 20.0% in November, just above its upper "
        "process limit of 24.2% (special cause: concerning).",
    )


def test_run_under_way_and_comparator_crossed() -> None:
    # mean 251.8 / 12 = 20.98; mMR (8 x 1 + 2 + 0.3 + 1.2) / 11 = 1.0455: upper 23.76, 2 sigma
    # 22.84: 23.5 is inside the limits and alone beyond 2 sigma: common cause. The last three
    # months are above the mean; November's 22.3 was below England's 22.4 and above the
    # statistical neighbours' 20.8, December's 23.5 is above both: England is crossed.
    r = monthly_results(
        {"re_referrals": [20.0, 21.0] * 4 + [20.0, 22.0, 22.3, 23.5]},
        benchmarks=[
            ("re_referrals", "England", 22.4),
            ("re_referrals", "Statistical neighbours", 20.8),
        ],
    )
    assert drafted(r)[1] == (
        "Re-referrals rose to 23.5% in December, from 22.3% in November, now above England's "
        "22.4%, the third month in a row above the mean of 21.0%.",
    )


def test_shift_and_trend() -> None:
    # Re-referrals: mean 341 / 12 = 28.42, mMR (4 x 20 + 15 + 6 x 2) / 11 = 9.73, limits
    # 2.5 to 54.3: the last seven months below the mean are a shift; lower is better.
    # Assessments in timescale: mean 888 / 12 = 74.0, mMR (4 x 10 + 7) / 11 = 4.27, limits
    # 62.6 to 85.4; 70 to 77 rise seven times in a row (a trend of 8 points), and 75, 76, 77
    # are above the mean (74 sits on it).
    r = monthly_results(
        {
            "re_referrals": [40.0, 20.0, 40.0, 20.0, 40.0] + [25.0, 27.0] * 3 + [25.0],
            "assessments_in_timescale": [70.0, 80.0, 70.0, 80.0, 70.0]
            + [71.0 + k for k in range(7)],
        }
    )
    assert drafted(r)[1] == (
        "Re-referrals fell to 25.0% in December, from 27.0% in November, the seventh month in "
        "a row below the mean of 28.4% (special cause: improving).",
        "Assessments completed in timescale rose to 77.0% in December, from 76.0% in November, "
        "the seventh rise in a row (special cause: improving), the third month in a row above "
        "the mean of 74.0%.",
    )


def test_two_of_three_in_a_volume() -> None:
    # 24 months: mean 277 / 24 = 11.54, mMR (20 x 2 + 6 + 1 + 1) / 23 = 2.087; 2 sigma
    # 15.24, upper limit 17.09: 16 and 16 of the last three (16, 15, 16) are beyond 2 sigma.
    r = monthly_results({"contacts": [10.0, 12.0] * 10 + [10.0, 16.0, 15.0, 16.0]})
    assert drafted(r)[1] == (
        "Initial contacts rose 7% to 16 in December, from 15 in November, near its upper "
        "process limit in two of the last three months (special cause), the third month in a "
        "row above the mean of 12.",
    )


def test_rag_improvement_before_comparators_crossed_and_rates_per_10000() -> None:
    r = monthly_results(
        {
            # 756 and 630 of 180,000: 42.0 and 35.0 per 10,000
            "cp_rate": [(756.0, 180_000.0), (630.0, 180_000.0)],
            "cp_visits_in_timescale": [80.0, 92.0],  # red to green against 90 (tolerance 5)
        },
        targets=[("cp_visits_in_timescale", 90.0, 5.0)],
        benchmarks=[("cp_rate", "England", 41.6), ("cp_rate", "Statistical neighbours", 38.0)],
    )
    assert drafted(r)[3] == (
        "Social worker visits to children on a CP plan in timescale rose to 92.0% in December, "
        "from 80.0% in November, turning green against its 90.0% target (red in November).",
        "The rate of children on a CP plan fell to 35.0 per 10,000 in December, from 42.0 in "
        "November, now below England's 41.6 and statistical neighbours' 38.0.",
    )


def test_a_rate_does_not_repeat_its_counts_special_cause() -> None:
    # Children on a CP plan: mean (6 x 100 + 5 x 102 + 150) / 12 = 105, mMR (10 x 2 + 50) / 11
    # = 6.36, upper limit 121.9: 150 is outside. Their rate per 10,000 of 180,000 is the same
    # series scaled, outside too: its sentence would only repeat the count's.
    counts = [100.0, 102.0] * 5 + [100.0, 150.0]
    r = monthly_results(
        {"cp_open": counts, "cp_rate": [(c, 180_000.0) for c in counts]},
    )
    assert spc_of(r).groupby("indicator_id")["signal"].last().to_dict() == {
        "cp_open": "outside",
        "cp_rate": "outside",
    }
    assert drafted(r)[3] == (
        "Children on a child protection plan rose 50% to 150 in December, from 100 in "
        "November, above its upper process limit of 122 (special cause).",
    )


def test_typed_commentary_wins() -> None:
    r = dataclasses.replace(
        page_1(),
        commentary=monthly_results(
            {},
            commentary=[
                ("1", "2023-12", "Contacts as expected."),
                ("Early Help and Children in Need", None, "No month: every month."),
                (3, "2023-11", "Last month's."),
                ("4", "2023-12", "   "),
            ],
        ).commentary,
    )
    drafts = drafted(r)
    assert set(drafts) == {3, 4}  # page 3's text is for November; page 4's is blank


def test_same_figures_same_text_in_any_row_order() -> None:
    r = page_1()
    shuffled = dataclasses.replace(r, data=r.data.sample(frac=1, random_state=3))
    assert drafted(r) == drafted(shuffled) == drafted(page_1())


# --- a published pack ----------------------------------------------------------------------------


def test_a_published_pack_never_quotes_a_withheld_figure() -> None:
    raw = monthly_results(
        {
            "referrals": [4.0, 40.0],  # November's 4 is withheld
            "re_referrals": [(30.0, 100.0), (3.0, 15.0)],  # December's 3 of 15 is withheld
        },
        targets=[("re_referrals", 25.0, 2.0)],
    )
    assert drafted(raw)[1] == (  # what the unpublished pack says, naming both
        "Re-referrals fell to 20.0% in December, from 30.0% in November, turning green against "
        "its 25.0% target (red in November).",
        "Referrals rose 900% to 40 in December, from 4 in November.",
    )
    # Published: December's 40 referrals are shown, but a rise, its size or November's figure
    # would tell the withheld 4; nothing can be said of re-referrals in December.
    assert drafted(published(raw))[1] == (
        NOTHING + " Figures withheld for confidentiality are left out.",
    )


def test_limits_from_a_withheld_month_are_never_quoted() -> None:
    # June's 2 of 10 (20%) is withheld. Unpublished, its 12 months give mean 257 / 12 = 21.42,
    # mMR 21 / 11 = 1.909 and an upper limit of 26.49 that December's 33% is beyond. Published,
    # June is a gap and the six months after it are too few for limits.
    raw = monthly_results(
        {
            "re_referrals": [
                20.0,
                21.0,
                20.0,
                21.0,
                20.0,
                (2.0, 10.0),
                20.0,
                21.0,
                20.0,
                21.0,
                20.0,
                33.0,
            ]
        },  # fmt: skip
        benchmarks=[("re_referrals", "England", 25.0)],
    )
    assert "process limit of 26.5%" in drafted(raw)[1][0]
    pack = published(raw)
    sentence = (
        "Re-referrals rose to 33.0% in December, from 20.0% in November, now above England's "
        "25.0%.",
    )
    assert draft(pack, spc_of(pack))[1] == sentence
    # An SPC table computed before suppression is not used for the figures it would reveal.
    assert draft(pack, spc_of(raw))[1] == sentence


# --- wording ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1234.4, "count", "1,234"),
        (2.5, "count", "3"),  # half away from zero, as Excel shows it
        (23.85, "%", "23.9%"),
        (0.25, "%", "0.3%"),
        (41.649, "per 10k", "41.6 per 10,000"),
        (1234.56, "per 10k", "1234.6 per 10,000"),  # the pack's rate format has no separator
    ],
)
def test_figures_as_the_pack_prints_them(value: float, unit: str, text: str) -> None:
    assert figure_text(value, unit) == text


def test_short_names() -> None:
    s = Settings()
    assert short_name(BY_ID["re_referrals"], s) == "Re-referrals"
    assert short_name(BY_ID["cp_duration_2y_plus"], s) == "Children on a CP plan for 2+ years"
    assert short_name(BY_ID["lac_rate"], s) == "The rate of LAC"
    assert short_name(BY_ID["lac_open"], s) == "The number of looked-after children"
    assert short_name(BY_ID["icpc_in_timescale"], s.replace(icpc=10)).startswith("ICPCs within 10")


def test_the_label() -> None:
    assert DRAFT_LABEL == "Draft commentary (generated): edit before publishing"
