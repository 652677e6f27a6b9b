"""The engine: every catalogue indicator computed from Annex A for the planned months, rates
from their counts, then the Monthly figures and the stored history merged in.

Re-exports the results contract (`results`) and `resolve_settings` (`plan`) for its callers."""

from __future__ import annotations

import pandas as pd

from ..inputs import InputSet
from ..issues import Issues
from ..settings import Settings
from .base import PART_COLUMNS, Context
from .catalogue import CATALOGUE, Indicator
from .monthly_figures import merge_figures
from .ordering import ordered
from .plan import covered_months, population_for, resolve_settings
from .results import KEY, RESULT_COLUMNS, Results, empty_results, fill_from
from .teams import is_team
from .units import scaled_value

__all__ = ["KEY", "RESULT_COLUMNS", "Results", "compute", "resolve_settings"]


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
    covered = covered_months(inputs.annex, settings, issues)
    computed = _compute_annex_a(inputs, settings, covered, issues) if covered else []
    data = (
        pd.concat(computed, ignore_index=True).reindex(columns=RESULT_COLUMNS)
        if computed
        else empty_results()
    )
    data = _add_rates(data, inputs, settings, issues)
    data = merge_figures(data, inputs.figures, settings, issues)
    if history is not None and len(history):
        data = fill_from(data, history)
    t = inputs.tables
    return Results(
        ordered(data),
        settings,
        covered,
        issues,
        benchmarks=t.benchmarks,
        targets=t.targets,
        commentary=t.commentary,
    )


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
        ctx.by_team = ind.by_team
        part = ind.compute(ctx)[PART_COLUMNS]
        parts.append(_with_values(part, ind, "annex_a"))
    ctx.report_left_out()
    return parts


def _with_values(part: pd.DataFrame, ind: Indicator, source: str) -> pd.DataFrame:
    num = part["numerator"].astype(float)
    den = part["denominator"].astype(float)
    return part.assign(
        indicator_id=ind.id,
        numerator=num,
        denominator=den,
        value=scaled_value(num, den, ind.unit),
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
        counts = counts[~is_team(counts["breakdown"])]  # a rate is of the whole population
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
