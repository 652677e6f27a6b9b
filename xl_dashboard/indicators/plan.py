"""The build plan: the reporting month and coverage start resolved from the data, the months
computed from Annex A, and the population a rate is per 10,000 of."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..calendar import month_end, months_between, parse_month
from ..errors import InputError
from ..inputs import InputSet
from ..inputs.annex_a import AnnexA
from ..issues import Issues
from ..settings import Settings

# Where the coverage starts, in order: List 1 holds every contact of the extract window, List 3
# every referral; Lists 2, 4 and 5 also hold work begun before it (indicators.md, "Coverage").
COVERAGE_LISTS: tuple[tuple[int, ...], ...] = ((1,), (3,), (2, 4, 5))


def default_annex_a_start(annex: AnnexA, today: dt.date) -> dt.date | None:
    """The earliest plausible Date of Contact (else referral, else event in Lists 2, 4, 5),
    moved to the next first-of-month unless it is one already."""
    for lists in COVERAGE_LISTS:
        dates = annex.event_dates(today, lists)
        if not dates.empty:
            return next_first_of_month(dates.min()).date()
    return None


def next_first_of_month(day: pd.Timestamp) -> pd.Timestamp:
    return day if day.day == 1 else (day + pd.offsets.MonthBegin(1)).normalize()


def default_reporting_month(
    annex: AnnexA, figures: pd.DataFrame, today: dt.date
) -> pd.Period | None:
    """The latest complete month: the extract's last date's month if that date is the month's
    last day, else the month before. With no lists, the latest month in the Monthly figures."""
    last = annex.extract_date(today)
    if last is not None:
        month = pd.Period(last, freq="M")
        return month if last == month_end(month) else month - 1
    if not figures.empty and figures["period"].notna().any():
        return parse_month(figures["period"].dropna().max())
    return None


def first_covered_month(start: dt.date | None, month: pd.Period) -> pd.Period:
    """The first whole month covered (the start is a 1st once resolved). With no event dates
    at all (only Lists 6-8), the reporting month alone."""
    return month if start is None else pd.Period(start, freq="M")


def resolve_settings(inputs: InputSet) -> Settings:
    """The settings with the reporting month and coverage start worked out from the data; a
    reporting month after the data is refused (indicators.md, "Which months are computed")."""
    settings = inputs.settings
    today = settings.build_date
    start = settings.annex_a_start
    start = (
        default_annex_a_start(inputs.annex, today)
        if start is None
        else next_first_of_month(pd.Timestamp(start)).date()
    )
    month = settings.reporting_month or default_reporting_month(inputs.annex, inputs.figures, today)
    if month is None:
        raise InputError(
            "No reporting month could be found: give one in Settings or with --month YYYY-MM."
        )
    last = inputs.annex.extract_date(today)
    if last is not None and month > pd.Period(last, freq="M"):
        raise InputError(
            f"The reporting month {month.strftime('%B %Y')} is after the data: the Annex A "
            f"extract's last date is {last.strftime('%d/%m/%Y')}. Give a month up to "
            f"{last.strftime('%B %Y')}."
        )
    return settings.replace(annex_a_start=start, reporting_month=month)


def covered_months(annex: AnnexA, settings: Settings, issues: Issues) -> list[pd.Period]:
    """The months computed from Annex A: from the coverage start to the reporting month. Warns
    when that is none, and when the reporting month is only partly covered."""
    if not annex:
        return []
    month = settings.reporting_month
    covered = months_between(first_covered_month(settings.annex_a_start, month), month)
    if not covered:
        issues.add(
            "no-coverage",
            "warning",
            "",
            f"The Annex A lists start after the reporting month {month}: nothing is "
            "computed from them.",
        )
    _warn_partly_covered(annex, month, settings.build_date, issues)
    return covered


def _warn_partly_covered(annex: AnnexA, month: pd.Period, today: dt.date, issues: Issues) -> None:
    """The month of the extract's last date is computed, but says it is only partly covered."""
    last = annex.extract_date(today)
    if last is not None and pd.Period(last, freq="M") == month and last != month_end(month):
        issues.add(
            "partly-covered",
            "warning",
            "Settings",
            f"The Annex A extract ends on {last.strftime('%d/%m/%Y')}: "
            f"{month.strftime('%B %Y')} is only partly covered, so its counts are not yet "
            "complete.",
            column="Reporting month",
        )


def population_for(inputs: InputSet, settings: Settings, period: pd.Period) -> float | None:
    """The 0–17 population for the calendar year of the month (Settings or Population sheet)."""
    if settings.population is not None:
        return float(settings.population)
    pop = inputs.tables.population
    if pop.empty:
        return None
    years = pop.dropna(subset=["year", "population"])
    exact = years[years["year"] == period.year]
    if len(exact):
        return float(exact["population"].iloc[-1])
    earlier = years[years["year"] < period.year].sort_values("year")
    return float(earlier["population"].iloc[-1]) if len(earlier) else None
