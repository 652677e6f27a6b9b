"""The engine: coverage and reporting month, every catalogue indicator, figures merged in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..calendar import month_end, months_between, parse_month
from ..errors import InputError
from ..inputs import InputSet
from ..inputs.annex_a import AnnexA
from ..issues import Issues
from ..settings import Settings
from .base import PART_COLUMNS, Context
from .catalogue import BY_ID, CATALOGUE, Indicator

KEY = ["indicator_id", "breakdown", "period"]
RESULT_COLUMNS = [
    "indicator_id",
    "breakdown",
    "period",
    "numerator",
    "denominator",
    "value",
    "unit",
    "source",
]
FIGURE_TOLERANCE = 0.05  # display units: a supplied value further than this from n/d is an error


@dataclass
class Results:
    """The tidy indicator table plus the settings it was computed with."""

    data: pd.DataFrame  # RESULT_COLUMNS
    settings: Settings  # reporting_month and annex_a_start resolved
    covered: list[pd.Period]  # months computed from Annex A
    issues: Issues
    benchmarks: pd.DataFrame = field(default_factory=pd.DataFrame)  # indicator_id, comparator, ...
    targets: pd.DataFrame = field(default_factory=pd.DataFrame)  # indicator_id, target, tolerance
    commentary: pd.DataFrame = field(default_factory=pd.DataFrame)  # section, month, text

    def series(self, indicator_id: str, breakdown: str = "") -> pd.DataFrame:
        """One indicator's rows for one breakdown, indexed by period."""
        d = self.data
        rows = d[(d["indicator_id"] == indicator_id) & (d["breakdown"] == breakdown)]
        return rows.set_index("period")

    def value(self, indicator_id: str, period: str, breakdown: str = "") -> float | None:
        rows = self.series(indicator_id, breakdown)
        if period not in rows.index:
            return None
        v = rows.at[period, "value"]
        return None if pd.isna(v) else float(v)


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
            f"The reporting month {month:%B %Y} is after the data: the Annex A extract's last "
            f"date is {last:%d/%m/%Y}. Give a month up to {last:%B %Y}."
        )
    return settings.replace(annex_a_start=start, reporting_month=month)


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


def compute(
    inputs: InputSet,
    history: pd.DataFrame | None = None,
    *,
    settings: Settings | None = None,
    checked: Issues | None = None,
) -> Results:
    """Every indicator of the catalogue for every month it can be had for: computed from
    Annex A, else from the Monthly figures, else from the stored history (see history.py).

    `settings` resolved once by the pipeline (else here); `checked` are the validation stage's
    issues, reported with the rest. The input is never changed: its issues are copied."""
    settings = settings or resolve_settings(inputs)
    issues = Issues()
    issues.extend(inputs.issues)
    if checked is not None:
        issues.extend(checked)
    month = settings.reporting_month
    covered: list[pd.Period] = []
    if inputs.annex:
        covered = months_between(first_covered_month(settings.annex_a_start, month), month)
        if not covered:
            issues.add(
                "no-coverage",
                "warning",
                "",
                f"The Annex A lists start after the reporting month {month}: nothing is "
                "computed from them.",
            )
        _warn_partly_covered(inputs.annex, month, settings.build_date, issues)
    computed = _compute_annex_a(inputs, settings, covered, issues) if covered else []
    data = pd.concat([*computed, _empty()], ignore_index=True) if computed else _empty()
    data = _add_rates(data, inputs, settings, issues)
    data = _merge_figures(data, inputs.figures, settings, issues)
    if history is not None and len(history):
        data = _fill_from(data, history)
    t = inputs.tables
    return Results(
        _ordered(data),
        settings,
        covered,
        issues,
        benchmarks=t.benchmarks,
        targets=t.targets,
        commentary=t.commentary,
    )


def _warn_partly_covered(annex: AnnexA, month: pd.Period, today: dt.date, issues: Issues) -> None:
    """The month of the extract's last date is computed, but says it is only partly covered."""
    last = annex.extract_date(today)
    if last is not None and pd.Period(last, freq="M") == month and last != month_end(month):
        issues.add(
            "partly-covered",
            "warning",
            "Settings",
            f"The Annex A extract ends on {last:%d/%m/%Y}: {month:%B %Y} is only partly covered, "
            "so its counts are not yet complete.",
            column="Reporting month",
        )


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in RESULT_COLUMNS})


def _compute_annex_a(
    inputs: InputSet, settings: Settings, covered: list[pd.Period], issues: Issues
) -> list[pd.DataFrame]:
    workers = inputs.workers
    parts = []
    ctx = Context(inputs.annex, settings, covered, workers, issues)
    for ind in CATALOGUE:
        if ind.compute is None or not ind.computable(inputs.annex, workers):
            continue
        ctx.months = [settings.reporting_month] if ind.latest_only else covered
        ctx.indicator_id = ind.id
        part = ind.compute(ctx)[PART_COLUMNS]
        parts.append(_with_values(part, ind, "annex_a"))
    ctx.report_left_out()
    return parts


def _with_values(part: pd.DataFrame, ind: Indicator, source: str) -> pd.DataFrame:
    num = part["numerator"].astype(float)
    den = part["denominator"].astype(float)
    if ind.unit == "%":
        value = 100 * num / den.where(den != 0)
    elif ind.unit == "per 10k":
        value = 10000 * num / den.where(den != 0)
    else:
        value = num
    return part.assign(
        indicator_id=ind.id,
        numerator=num,
        denominator=den,
        value=value,
        unit=ind.unit,
        source=source,
    )[RESULT_COLUMNS]


def _add_rates(
    data: pd.DataFrame, inputs: InputSet, settings: Settings, issues: Issues
) -> pd.DataFrame:
    """Per-10,000 rates from the counts they are rates of, with the month's population."""
    parts = [data]
    for ind in CATALOGUE:
        if not ind.rate_of:
            continue
        counts = data[(data["indicator_id"] == ind.rate_of) & (data["source"] == "annex_a")]
        if counts.empty:
            continue
        pops = [population_for(inputs, settings, pd.Period(p, freq="M")) for p in counts["period"]]
        if any(p is None for p in pops):
            issues.add(
                "no-population",
                "warning",
                "Population",
                f"No 0-17 population is given for {ind.title_for(settings).lower()}: give it "
                "on the Population sheet, in Settings or with --population.",
            )
            continue
        part = counts[["period", "breakdown", "numerator"]].assign(denominator=pops)
        parts.append(_with_values(part, ind, "annex_a"))
    return pd.concat(parts, ignore_index=True)


def _fill_from(data: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """Rows of `other` for indicator, breakdown and month that `data` does not have."""
    known = other[other["indicator_id"].isin(list(BY_ID))]
    new = known.merge(data[KEY], on=KEY, how="left", indicator=True)
    return pd.concat([data, new[new["_merge"] == "left_only"][RESULT_COLUMNS]], ignore_index=True)


def _note_differences(
    supplied: pd.DataFrame, data: pd.DataFrame, issues: Issues, pct: float
) -> None:
    """Where Monthly figures and Annex A both give a month, Annex A is shown; a difference is
    noted, and one of more than [5]% is a warning: a chart switching source there would step."""
    both = supplied.merge(data[[*KEY, "value"]], on=KEY, suffixes=("", "_computed"))
    gap = (both["value"] - both["value_computed"]).abs()
    both = both.assign(pct=100 * gap / both["value_computed"].abs())
    for severity, rows in (
        ("warning", both[both["pct"].fillna(np.inf) > pct]),
        ("info", both[(gap > FIGURE_TOLERANCE) & ~(both["pct"].fillna(np.inf) > pct)]),
    ):
        if len(rows):
            issues.add(
                "sources-differ" if severity == "warning" else "figure-differs",
                severity,
                "Monthly figures",
                [
                    " ".join(f"{r.indicator_id} {r.breakdown} {r.period}:".split())
                    + f" Monthly figures say {r.value:.1f}, Annex A gives {r.value_computed:.1f}"
                    + (f" ({r.pct:.0f}% apart)" if np.isfinite(r.pct) else "")
                    + "; Annex A is shown."
                    for r in rows.itertuples()
                ],
                rows=rows["row"].to_numpy(),
                column="value",
            )


def _merge_figures(
    data: pd.DataFrame, figures: pd.DataFrame, settings: Settings, issues: Issues
) -> pd.DataFrame:
    """Monthly figures fill what Annex A does not give; where both exist the computed value is
    shown and a difference is noted."""
    if figures.empty:
        return data
    figs = figures.assign(breakdown=figures["breakdown"].fillna("").astype(str))
    known = figs["indicator_id"].isin(list(BY_ID))
    if (~known).any():
        issues.add(
            "unknown-indicator",
            "warning",
            "Monthly figures",
            [
                f"'{i}' is not an indicator id of the catalogue: this row is not used."
                for i in figs.loc[~known, "indicator_id"]
            ],
            rows=figs.loc[~known, "row"].to_numpy(),
            column="indicator_id",
        )
    rows = []
    for ind_id, part in figs[known].groupby("indicator_id", sort=False):
        ind = BY_ID[str(ind_id)]
        rows.append(_figure_values(part, ind, issues))
    if not rows:
        return data
    supplied = pd.concat(rows, ignore_index=True)
    supplied = supplied[supplied["value"].notna() | supplied["numerator"].notna()]
    _note_differences(supplied, data, issues, settings.sources_differ_pct)
    dup = supplied.duplicated(KEY, keep="last")
    if dup.any():
        issues.add(
            "duplicate-figure",
            "warning",
            "Monthly figures",
            "Another row gives the same indicator, breakdown and month: the later row is used.",
            rows=supplied.loc[dup, "row"].to_numpy(),
        )
    return _fill_from(data, supplied[~dup])


def _figure_values(part: pd.DataFrame, ind: Indicator, issues: Issues) -> pd.DataFrame:
    """Value from numerator/denominator where given; check a value given alongside them."""
    num, den, given = part["numerator"], part["denominator"], part["value"]
    scale = {"%": 100.0, "per 10k": 10000.0}.get(ind.unit)
    derived = num if scale is None else scale * num / den.where(den != 0)
    bad = given.notna() & derived.notna() & ((given - derived).abs() > FIGURE_TOLERANCE)
    if bad.any():
        issues.add(
            "figure-mismatch",
            "error",
            "Monthly figures",
            [
                f"{ind.id} {p}: value {v:g} does not match numerator/denominator "
                f"({d:.2f}); the value is used."
                for p, v, d in zip(part.loc[bad, "period"], given[bad], derived[bad], strict=True)
            ],
            rows=part.loc[bad, "row"].to_numpy(),
            column="value",
        )
    value = given.where(given.notna(), derived)
    return part.assign(value=value, unit=ind.unit, source="figures", indicator_id=ind.id)[
        [*RESULT_COLUMNS, "row"]
    ]


def _ordered(data: pd.DataFrame) -> pd.DataFrame:
    """Catalogue order, then breakdown order (headline first), then period."""
    order = {ind.id: i for i, ind in enumerate(CATALOGUE)}
    bd_rank = {(ind.id, b): j + 1 for ind in CATALOGUE for j, b in enumerate(ind.breakdowns)}
    data = data.assign(
        _i=data["indicator_id"].map(order),
        _b=[
            0 if b == "" else bd_rank.get((i, b), 999)
            for i, b in zip(data["indicator_id"], data["breakdown"], strict=True)
        ],
    )
    data = data.sort_values(["_i", "_b", "breakdown", "period"], kind="stable")
    data = data.drop(columns=["_i", "_b"]).reset_index(drop=True)
    for col in ("numerator", "denominator", "value"):
        data[col] = pd.to_numeric(data[col], errors="coerce").astype(float)
    data["breakdown"] = data["breakdown"].fillna("").astype(str)
    data["period"] = data["period"].astype(str)
    return data
