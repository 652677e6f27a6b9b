"""The Summary as model data: every headline indicator (and the breakdowns that stand for a
headline) with this and last month, target, RAG, direction, comparators and the trend."""

from __future__ import annotations

from ..indicators.catalogue import CATALOGUE, CIN_PLAN_TEAMS, SECTIONS, STANDARD_COMPARATORS, get
from ..settings import Settings
from . import rules
from .lookup import Lookup, month_label
from .model import Key, Summary, SummaryRow, number

SUMMARY_SHEET = "Summary"
# Indicators the summary shows by breakdown (they have no headline figure).
SUMMARY_BREAKDOWNS = {"cin_with_plan": CIN_PLAN_TEAMS}


def heading(fig: Lookup) -> str:
    return (
        f"{fig.settings.la_name} Children's Services Social Care Performance Overview "
        f"Dashboard – {fig.month.strftime('%B %Y')} Data"
    )


def legend(fig: Lookup) -> str:
    """What `c` means, for the Summary of a published pack ('' otherwise)."""
    if not fig.settings.publish:
        return ""
    return (
        "c = withheld to protect confidentiality "
        f"(a count of 1 to {fig.settings.largest_small}, or a figure resting on one)"
    )


def summary_keys(settings: Settings) -> list[tuple[int, Key, str]]:
    """(section, key, title) for every summary row, in catalogue order."""
    out = []
    for ind in CATALOGUE:
        shown = ind.title_for(settings)
        for b in SUMMARY_BREAKDOWNS.get(ind.id, ("",)):
            title = f"{shown} – {b}" if b else shown
            out.append((ind.section, Key(ind.id, b), title))
    return out


def _icons(fig: Lookup, key: Key) -> dict[str, str]:
    """The variation and assurance icons of a row's series."""
    variation, assurance, _ = fig.icons(key)
    return {"variation": variation, "assurance": assurance}


def build_summary(fig: Lookup) -> Summary:
    periods = fig.window(fig.settings.dashboard_months)
    this_p, last_p = fig.month, fig.month - 1
    by_section: dict[int, list[SummaryRow]] = {n: [] for n in SECTIONS}
    for section, key, title in summary_keys(fig.settings):
        ind = get(key.indicator_id)
        this, last = fig.get(key, this_p), fig.get(key, last_p)
        target, tolerance = fig.target(key.indicator_id) if ind.polarity != "none" else (None, None)
        comparators = (
            fig.standard_comparators(key.indicator_id)
            if not key.breakdown
            else (None,) * len(STANDARD_COMPARATORS)
        )
        by_section[section].append(
            SummaryRow(
                key=key,
                title=title,
                unit=ind.unit,
                polarity=ind.polarity,
                this=this,
                last=last,
                target=target,
                tolerance=tolerance,
                comparators=comparators,
                trend=fig.values(key, periods),
                rag=rules.rag(number(this), target, tolerance, ind.polarity),
                direction=rules.direction(number(this), number(last), ind.polarity),
                **_icons(fig, key),
            )
        )
    return Summary(
        sheet=SUMMARY_SHEET,
        heading=heading(fig),
        this_label=month_label(this_p),
        last_label=month_label(last_p),
        trend_labels=fig.labels(periods),
        comparator_names=tuple(fig.comparator_name(c) for c in STANDARD_COMPARATORS),
        sections=tuple((SECTIONS[n], tuple(rows)) for n, rows in by_section.items()),
        legend=legend(fig),
    )
