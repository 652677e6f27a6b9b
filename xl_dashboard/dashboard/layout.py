"""The four pages of the reference (shared/spec/layout.md) and the summary, as model data.

Each page lists its blocks in the reference's order. Tables show months as columns with the
counts and percentages the reference printed; every reference chart is here, and every table
with a trend gets a chart of the same rows beside it."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..indicators.catalogue import (
    CATALOGUE,
    CIN_PLAN_TEAMS,
    EH_OUTCOMES,
    SECTIONS,
    SOURCE_GROUPS,
    STANDARD_COMPARATORS,
    get,
)
from ..indicators.engine import Results
from ..settings import Settings
from . import rules
from .figures import Figures, date_range_label, month_label
from .model import (
    WITHHELD,
    Block,
    Chart,
    Commentary,
    Dashboard,
    Derive,
    Key,
    Note,
    Page,
    Row,
    RowLink,
    Series,
    Summary,
    SummaryRow,
    Table,
    TargetLink,
    Value,
    number,
)
from .theme import sequential

SHORT_WINDOW = 3  # blocks the reference shows for three months
SUMMARY_SHEET = "Summary"
PAGE_SHEETS = {
    1: "Contacts & Assessments",
    2: "Early Help & CIN",
    3: "Child Protection",
    4: "Looked-After Children",
}
# Indicators the summary shows by breakdown (they have no headline figure).
SUMMARY_BREAKDOWNS = {"cin_with_plan": CIN_PLAN_TEAMS}
INDIVIDUALS_NOTE = "* Individuals are comprised of: Stranger/Family/Carer/Neighbour/Self"
WITHHELD_NOTE = "Some figures are withheld (c): small numbers"
ALL_SOURCES = "All sources"


def heading(figures: Figures) -> str:
    return (
        f"{figures.settings.la_name} Children's Services Social Care Performance Overview "
        f"Dashboard – {figures.month:%B %Y} Data"
    )


def build_dashboard(results: Results) -> Dashboard:
    """The whole dashboard for the results' reporting month."""
    fig = Figures(results)
    pages = tuple(
        Page(PAGE_SHEETS[n], n, SECTIONS[n], heading(fig), tuple(map(withheld_noted, blocks(fig))))
        for n, blocks in PAGES.items()
    )
    return Dashboard(
        la_name=fig.settings.la_name,
        month_label=f"{fig.month:%B %Y}",
        summary=build_summary(fig),
        pages=pages,
        marking=fig.settings.protective_marking,
        published=fig.settings.publish,
    )


def legend(fig: Figures) -> str:
    """What `c` means, for the Summary of a published pack ('' otherwise)."""
    if not fig.settings.publish:
        return ""
    return (
        "c = withheld to protect confidentiality "
        f"(a count of 1 to {fig.settings.largest_small}, or a figure resting on one)"
    )


def withheld_noted(block: Block) -> Block:
    """The block with WITHHELD_NOTE under each chart that leaves withheld points out, or under
    its last table showing `c` when no chart says so."""
    parts = list(block.parts)
    at = [i + 1 for i, p in enumerate(parts) if isinstance(p, Chart) and p.withheld]
    if not at:
        at = [i + 1 for i, p in enumerate(parts) if isinstance(p, Table) and p.withheld][-1:]
    for i in reversed(at):
        parts.insert(i, Note(WITHHELD_NOTE))
    return replace(block, parts=tuple(parts)) if at else block


# --- building blocks -------------------------------------------------------------------------


def _months(fig: Figures, short: bool) -> list[pd.Period]:
    return fig.window(SHORT_WINDOW if short else fig.settings.dashboard_months)


def _target_series(fig: Figures, key: Key, n: int, name: str = "Target", secondary: bool = False):
    """A flat target line, when the indicator has a target."""
    target, _ = fig.target(key.indicator_id)
    if target is None:
        return []
    return [
        Series(
            name,
            (target,) * n,
            role="target",
            unit=get(key.indicator_id).unit,
            secondary=secondary,
            link=TargetLink(key),
        )
    ]


def _comparator_series(
    fig: Figures, indicator_id: str, n: int, prefix: str = "", colour: str | None = None
) -> list[Series]:
    unit = get(indicator_id).unit
    return [
        Series(f"{prefix}{label}", (value,) * n, role="comparator", unit=unit, colour=colour)
        for label, value in fig.comparators(indicator_id)
    ]


def _measure_series(
    fig: Figures,
    key: Key,
    periods: list[pd.Period],
    name: str,
    kind: str = "line",
    secondary: bool = False,
) -> Series:
    unit = get(key.indicator_id).unit
    return Series(name, fig.values(key, periods), kind, unit=unit, secondary=secondary)


def _trend_chart(
    fig: Figures,
    title: str,
    periods: list[pd.Period],
    measures: list[tuple[Key, str]],
    targets: bool = True,
) -> Chart:
    """Lines (columns for counts) of one or more indicators over the window. One indicator gets
    its comparator lines; up to two get their target lines (more would bury the trend)."""
    n = len(periods)
    unit = get(measures[0][0].indicator_id).unit
    kind = "column" if unit == "count" else "line"
    series: list[Series] = []
    extras: list[Series] = []
    several = len(measures) > 1
    for key, name in measures:
        series.append(_measure_series(fig, key, periods, name, kind))
        if not several:
            extras += _comparator_series(fig, key.indicator_id, n)
        if targets and len(measures) <= 2:
            extras += _target_series(fig, key, n, f"{name}: target" if several else "Target")
    return Chart(title, fig.labels(periods), tuple(series + extras), y_unit=unit)


def _comparator_table(fig: Figures, table_id: str, measures: list[tuple[Key, str]]) -> list[Table]:
    """England / statistical neighbours / region for several indicators, when any are given."""
    rows = tuple(
        Row(name, fig.standard_comparators(key.indicator_id), get(key.indicator_id).unit)
        for key, name in measures
    )
    if all(v is None for r in rows for v in r.values):
        return []
    names = tuple(fig.comparator_name(c) for c in STANDARD_COMPARATORS)
    return [Table(table_id, "Comparators", names, rows)]


def _linked(chart: Chart, table: Table, rows: dict[str, int]) -> Chart:
    """The chart with each series named in `rows` plotting that row of the table."""
    series = tuple(
        replace(s, link=RowLink(table.id, rows[s.name])) if s.name in rows else s
        for s in chart.series
    )
    return replace(chart, series=series)


def _ratio_rows(
    fig: Figures,
    key: Key,
    periods: list[pd.Period],
    labels: tuple[str, str, str],
    without: str = "",
    offset: int = 0,
) -> list[Row]:
    """No. (denominator), No. with (numerator), [No. without], % — the % a live formula."""
    den_label, num_label, pct_label = labels
    dens = fig.values(key, periods, "denominator")
    nums = fig.values(key, periods, "numerator")
    pcts = fig.values(key, periods)
    rows = [
        Row(den_label, dens, "count", key=key, field="denominator"),
        Row(num_label, nums, "count", key=key, field="numerator"),
    ]
    if without:
        diff = Derive("difference", offset, offset + 1)
        rows.append(
            Row(
                without,
                tuple(diff.apply(d, m) for d, m in zip(dens, nums, strict=True)),
                "count",
                derive=diff,
            )
        )
    ind = get(key.indicator_id)
    rows.append(
        Row(
            pct_label,
            pcts,
            "%",
            "percent",
            key=key,
            polarity=ind.polarity,
            derive=Derive("percent", offset + 1, offset),
        )
    )
    return rows


def _rate_table(fig: Figures, table_id: str, indicator_id: str, periods, corner: str) -> Table:
    la = fig.settings.la_name
    key = Key(indicator_id)
    rows = [Row(f"{la} (Current)", fig.values(key, periods), "per 10k", key=key)]
    rows += [
        Row(label, (value,), "per 10k", "comparator")
        for label, value in fig.comparators(indicator_id)
    ]
    return Table(table_id, corner, fig.labels(periods), tuple(rows))


def _rate_block(fig: Figures, title: str, table_id: str, indicator_id: str, short: bool) -> Block:
    periods = _months(fig, short)
    table = _rate_table(fig, table_id, indicator_id, periods, "")
    n = len(periods)
    series = [Series(table.rows[0].label, table.rows[0].values, unit="per 10k")]
    series += [
        Series(r.label, r.values * n, role="comparator", unit="per 10k") for r in table.rows[1:]
    ]
    chart = Chart(
        "Rate per 10,000 against comparators", table.columns, tuple(series), y_unit="per 10k"
    )
    links = {r.label: i for i, r in enumerate(table.rows)}
    chart = _linked(chart, table, links)
    return _sourced(fig, Block(title, (table, chart)), [(Key(indicator_id), title)], periods)


def _by_category_chart(
    fig: Figures,
    title: str,
    indicator_id: str,
    categories: list[tuple[str, str]],
    periods: list[pd.Period],
) -> Chart:
    """Clustered columns: one cluster per category (breakdown), one column per month."""
    unit = get(indicator_id).unit
    shades = sequential(len(periods))
    series = tuple(
        Series(
            month_label(p),
            tuple(fig.get(Key(indicator_id, b), p) for _, b in categories),
            "column",
            unit=unit,
            colour=shades[i],
        )
        for i, p in enumerate(periods)
    )
    return Chart(
        title, tuple(label for label, _ in categories), series, x_title="Source", y_unit=unit
    )


def _names(names: list[str]) -> str:
    """`A`, `A and b`, `A, b and c` (later names lower-cased unless they start an acronym)."""
    names = [
        n if i == 0 or not n[1:2].islower() else n[0].lower() + n[1:] for i, n in enumerate(names)
    ]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def source_note(fig: Figures, measures: list[tuple[Key, str]], periods: list[pd.Period]) -> str:
    """The note of a block whose months mix sources (Annex A, monthly figures, history): the
    months of each source; the figures named when they do not all switch alike. '' when every
    figure shown comes from one source."""
    notes = {name: fig.source_note(key, periods) for key, name in measures}
    shown = [name for key, name in measures if any(v is not None for v in fig.values(key, periods))]
    texts = list(dict.fromkeys(t for t in notes.values() if t))
    if not texts:
        return ""
    if len(texts) == 1 and all(notes[name] for name in shown):
        return f"{texts[0]}."
    return "\n".join(f"{_names([n for n in notes if notes[n] == t])}: {t}." for t in texts)


def _sourced(
    fig: Figures, block: Block, measures: list[tuple[Key, str]], periods: list[pd.Period]
) -> Block:
    """The block with its source note (source_note) under its last table, else at its end."""
    text = source_note(fig, measures, periods)
    if not text:
        return block
    parts = list(block.parts)
    tables = [i for i, part in enumerate(parts) if isinstance(part, Table)]
    at = tables[-1] + 1 if tables else len(parts)
    while at < len(parts) and isinstance(parts[at], Note):
        at += 1
    return replace(block, parts=(*parts[:at], Note(text), *parts[at:]))


def _commentary_block(fig: Figures, section: int, notes: tuple[str, ...] = ()) -> Block:
    parts: tuple = (Commentary(fig.commentary(section)), *(Note(t) for t in notes if t))
    return Block("Commentary", parts)


# --- page 1: Contacts and Initial Assessments ------------------------------------------------


def _contacts_block(fig: Figures) -> Block:
    periods = _months(fig, short=True)
    rows = [
        Row(
            f"{g}*" if g == "Individual" else g,
            fig.values(Key("contacts", g), periods),
            "count",
            key=Key("contacts", g),
        )
        for g in SOURCE_GROUPS
    ]
    rows.append(
        Row("Total", fig.values(Key("contacts"), periods), "count", "total", key=Key("contacts"))
    )
    table = Table("contacts", "", fig.labels(periods), tuple(rows))
    chart = _by_category_chart(
        fig, "Contacts by source", "contacts", [(g, g) for g in SOURCE_GROUPS], periods
    )
    block = Block("Initial Contacts by Source", (table, Note(INDIVIDUALS_NOTE), chart))
    measures = [(Key("contacts", g), g) for g in SOURCE_GROUPS] + [(Key("contacts"), "Total")]
    return _sourced(fig, block, measures, periods)


def _conversion_block(fig: Figures) -> Block:
    title = "Conversion of Contacts to Referrals by Source"
    categories = [(g, g) for g in SOURCE_GROUPS] + [(ALL_SOURCES, "")]
    periods = _months(fig, short=True)
    chart = _by_category_chart(fig, title, "contact_conversion", categories, periods)
    block = Block(title, (chart, Note(INDIVIDUALS_NOTE)), heading=False)
    measures = [(Key("contact_conversion", b), label) for label, b in categories]
    return _sourced(fig, block, measures, periods)


def _re_referrals_block(fig: Figures) -> Block:
    periods = _months(fig, short=True)
    key = Key("re_referrals")
    la = fig.settings.la_name
    rows = [Row(la, fig.values(key, periods), "%", "percent", key=key, polarity="down")]
    rows += [
        Row(label, (value,), "%", "comparator")
        for label, value in fig.comparators(key.indicator_id)
    ]
    table = Table("re_referrals", "Re-Referrals", fig.labels(periods), tuple(rows))
    n = len(periods)
    series = [Series(la, rows[0].values)]
    series += [Series(r.label, r.values * n, role="comparator") for r in rows[1:]]
    series += _target_series(fig, key, n)
    chart = Chart("% re-referrals against comparators", table.columns, tuple(series))
    chart = _linked(chart, table, {r.label: i for i, r in enumerate(rows)})
    block = Block("Percentage of Re-Referrals", (table, chart))
    return _sourced(fig, block, [(key, "Re-referrals")], periods)


def _assessments_block(fig: Figures) -> Block:
    periods = _months(fig, short=False)
    days = fig.settings.timescales.assessment
    pct_name = f"% within {days} working days"
    series = [
        _measure_series(
            fig, Key("assessments_completed"), periods, "Assessments completed", "column"
        ),
        _measure_series(fig, Key("assessments_in_timescale"), periods, pct_name, secondary=True),
        *_target_series(fig, Key("assessments_in_timescale"), len(periods), secondary=True),
    ]
    title = "Initial Assessments Completed in Timescales"
    chart = Chart(title, fig.labels(periods), tuple(series), y_unit="count", y2_unit="%")
    measures = [
        (Key("assessments_completed"), "Assessments completed"),
        (Key("assessments_in_timescale"), pct_name),
    ]
    return _sourced(fig, Block(title, (chart,), heading=False), measures, periods)


def page_contacts(fig: Figures) -> tuple[Block, ...]:
    la, neighbours = fig.settings.la_name, fig.settings.statistical_neighbours
    sn_note = f"* {la}'s Statistical Neighbours are: {neighbours}" if neighbours else ""
    return (
        _contacts_block(fig),
        _conversion_block(fig),
        _re_referrals_block(fig),
        _assessments_block(fig),
        _commentary_block(fig, 1, (sn_note,)),
    )


# --- page 2: Early Help and Children in Need -------------------------------------------------


def _chart_block(
    fig: Figures,
    title: str,
    measures: list[tuple[Key, str]],
    short: bool = False,
    targets: bool = True,
) -> Block:
    """A reference chart; several indicators get their comparators in a table under it."""
    periods = _months(fig, short)
    chart = _trend_chart(fig, title, periods, measures, targets)
    table_id = f"comparators_{measures[0][0].indicator_id}"
    extra = _comparator_table(fig, table_id, measures) if len(measures) > 1 else []
    return _sourced(fig, Block(title, (chart, *extra), heading=False), measures, periods)


def _eh_outcomes_block(fig: Figures) -> Block:
    periods = _months(fig, short=True)
    title = f"Outcomes of Family Support Plans closed {date_range_label(periods[0], periods[-1])}"
    totals: list[Value] = []
    for outcome in EH_OUTCOMES:
        months = fig.values(Key("eh_outcomes", outcome), periods)
        got = [v for v in map(number, months) if v is not None]
        # A total missing a withheld month would be wrong, and could give the month away.
        withheld = any(v is WITHHELD for v in months)
        totals.append(WITHHELD if withheld else sum(got) if got else None)
    series = (Series("Plans closed", tuple(totals), "bar", unit="count"),)
    chart = Chart(title, EH_OUTCOMES, series, x_title="Outcome", y_unit="count")
    measures = [(Key("eh_outcomes", outcome), outcome) for outcome in EH_OUTCOMES]
    return _sourced(fig, Block(title, (chart,), heading=False), measures, periods)


def _cin_plan_block(fig: Figures) -> Block:
    periods = _months(fig, short=False)
    cin, cwd = (Key("cin_with_plan", team) for team in CIN_PLAN_TEAMS)
    rows = _ratio_rows(
        fig,
        cin,
        periods,
        ("No. s17 Children in Need", "No. s17 with CIN Plan", "% with a CIN Plan"),
        without="No. s17 without a CIN Plan",
    )
    rows += _ratio_rows(
        fig,
        cwd,
        periods,
        ("No. CWD Children in Need", "No. CWD with CIN Plan", "% with a CIN Plan"),
        without="No. CWD without a CIN Plan",
        offset=len(rows),
    )
    table = Table("cin_with_plan", "", fig.labels(periods), tuple(rows))
    days = fig.settings.timescales.cin_plan_review
    note = Note(
        "* To count as having a CIN Plan, any existing plan must have been started or reviewed "
        f"within the last {days} working days"
    )
    chart = _trend_chart(
        fig, "% with an up-to-date CIN plan", periods, [(cin, "CIN teams"), (cwd, "CWD teams")]
    )
    chart = _linked(chart, table, {"CIN teams": 3, "CWD teams": 7})
    block = Block(
        "Section 17 Children in Need in CIN & CWD Teams with an up-to-date* CIN Plan",
        (table, note, chart),
    )
    return _sourced(fig, block, [(cin, "CIN teams"), (cwd, "CWD teams")], periods)


def _ratio_block(
    fig: Figures,
    title: str,
    key: Key,
    labels: tuple[str, str, str],
    short: bool,
    chart_title: str,
) -> Block:
    """A No. / No. with / % table and the % line beside it."""
    periods = _months(fig, short)
    table = Table(
        key.indicator_id, "", fig.labels(periods), tuple(_ratio_rows(fig, key, periods, labels))
    )
    chart = _trend_chart(fig, chart_title, periods, [(key, labels[2])])
    block = Block(title, (table, _linked(chart, table, {labels[2]: 2})))
    return _sourced(fig, block, [(key, labels[2])], periods)


CIN_COUNTS = (
    ("cin_open", "Children in need at the month end"),
    ("cin_closed", "CIN episodes closed in the month"),
)


def _cin_block(fig: Figures) -> Block:
    """The CIN rate against comparators, then the count it is a rate of and the episodes
    closed, month by month."""
    block = _rate_block(
        fig,
        "Rate of Children in Need per 10,000 Under-18 Population",
        "cin_rate",
        "cin_rate",
        short=True,
    )
    periods = _months(fig, short=False)
    rows = tuple(
        Row(label, fig.values(Key(i), periods), "count", key=Key(i)) for i, label in CIN_COUNTS
    )
    table = Table("cin_counts", "Number", fig.labels(periods), rows)
    measures = [(Key(i), label) for i, label in CIN_COUNTS]
    return _sourced(fig, replace(block, parts=(*block.parts, table)), measures, periods)


def page_early_help(fig: Figures) -> tuple[Block, ...]:
    return (
        _chart_block(
            fig, "Family Support Plans Initiated", [(Key("eh_assessments_started"), "Plans")]
        ),
        _eh_outcomes_block(fig),
        _cin_plan_block(fig),
        _ratio_block(
            fig,
            "Children in Need Allocated to a Qualified Social Worker",
            Key("cin_allocated_qualified"),
            (
                "No. Children in Need (not CP or CLA)",
                "No. Allocated to Qualified Worker",
                "% Allocated to Qualified Worker",
            ),
            short=False,
            chart_title="% allocated to a qualified worker",
        ),
        _chart_block(
            fig,
            "CIN Allocated to CWD Teams Reviewed within 6 Weeks",
            [(Key("cwd_reviewed_6_weeks"), "% reviewed within 6 weeks")],
        ),
        _cin_block(fig),
        _commentary_block(fig, 2),
    )


# --- page 3: Child Protection ----------------------------------------------------------------


def page_child_protection(fig: Figures) -> tuple[Block, ...]:
    s47_days = fig.settings.timescales.s47
    s47_title = "Section 47 Core Assessments Completed in Timescales"
    return (
        _ratio_block(
            fig,
            "Children in Child Protection Teams Allocated to a Qualified Social Worker",
            Key("cp_allocated_qualified"),
            (
                "No. Children on CP Plan",
                "No. Allocated to Qualified Social Worker",
                "% Allocated to Qualified Social Worker",
            ),
            short=True,
            chart_title="% allocated to a qualified social worker",
        ),
        _chart_block(
            fig,
            "Social Worker visits to Children on a Child Protection Plan in Timescales",
            [
                (
                    Key("cp_visits_in_timescale"),
                    f"% visited within {fig.settings.timescales.cp_visit} working days",
                ),
                (Key("cp_seen_alone"), "% seen alone"),
            ],
        ),
        _rate_block(
            fig,
            "Rate of Children on a CP Plan per 10,000 Under-18 Population",
            "cp_rate",
            "cp_rate",
            short=True,
        ),
        _ratio_block(
            fig,
            s47_title,
            Key("s47_assessments_in_timescale"),
            (
                "No. Section 47 Core Assessments Completed",
                f"No. Completed within {s47_days} Working Days",
                f"% Completed within {s47_days} Working Days",
            ),
            short=True,
            chart_title=s47_title,
        ),
        _chart_block(
            fig,
            "% Children on a CP Plan for 2+ Years",
            [(Key("cp_duration_2y_plus"), "% 2+ years")],
        ),
        _chart_block(
            fig,
            "% Children on a CP Plan for 18 months – 2 Years",
            [(Key("cp_duration_18m_2y"), "% 18 months – 2 years")],
        ),
        _chart_block(
            fig,
            "% Children Starting CP Plan for 2nd/Subsequent Time",
            [(Key("cp_second_subsequent"), "% 2nd/subsequent plan")],
        ),
        _chart_block(
            fig,
            f"ICPCs within {fig.settings.timescales.icpc} Working Days of Strategy Discussion",
            [(Key("icpc_in_timescale"), "% ICPCs in timescale")],
        ),
        _commentary_block(fig, 3),
    )


# --- page 4: Looked-After Children -----------------------------------------------------------


def _lac_allocated_block(fig: Figures) -> Block:
    periods = _months(fig, short=False)
    number, pct = Key("lac_open"), Key("lac_allocated_qualified")
    pct_label = "% Allocated to Qualified Social Worker"
    rows = (
        Row("Number", fig.values(number, periods), "count", key=number),
        Row(pct_label, fig.values(pct, periods), "%", "percent", key=pct, polarity="up"),
    )
    table = Table("lac_allocated", "", fig.labels(periods), rows)
    title = "Looked-After Children allocated to a Qualified Social Worker"
    series = [
        Series("Number", rows[0].values, "column", unit="count"),
        Series(pct_label, rows[1].values, "line", unit="%", secondary=True),
        *_target_series(fig, pct, len(periods), secondary=True),
    ]
    chart = Chart(title, table.columns, tuple(series), y_unit="count", y2_unit="%")
    block = Block(title, (table, _linked(chart, table, {"Number": 0, pct_label: 1})))
    measures = [(number, "Looked-after children"), (pct, pct_label)]
    return _sourced(fig, block, measures, periods)


def _lac_health_block(fig: Figures) -> Block:
    return _chart_block(
        fig,
        "Health of Looked-After Children",
        [
            (Key("lac_health_assessment"), "Health assessments"),
            (Key("lac_immunisations"), "Immunisations"),
            (Key("lac_dental_check"), "Dental checks"),
            (Key("lac_development_checks"), "Development checks"),
        ],
    )


def page_looked_after(fig: Figures) -> tuple[Block, ...]:
    return (
        _lac_allocated_block(fig),
        _lac_health_block(fig),
        _chart_block(
            fig,
            "Number of Looked-After Children",
            [(Key("lac_open"), "Looked-after children")],
        ),
        _chart_block(
            fig,
            "Care Plans, Pathway Plans & Personal Education Plans",
            [
                (Key("lac_care_plan"), "Care plans"),
                (Key("lac_pathway_plan"), "Pathway plans"),
                (Key("lac_pep"), "Personal education plans"),
            ],
        ),
        _chart_block(
            fig,
            "Rate of LAC per 10,000 Under-18 Population",
            [(Key("lac_rate"), f"{fig.settings.la_name}")],
        ),
        _commentary_block(fig, 4),
    )


PAGES = {
    1: page_contacts,
    2: page_early_help,
    3: page_child_protection,
    4: page_looked_after,
}


# --- the summary -----------------------------------------------------------------------------


def summary_keys(settings: Settings) -> list[tuple[int, Key, str]]:
    """(section, key, title) for every summary row, in catalogue order."""
    out = []
    for ind in CATALOGUE:
        shown = ind.title_for(settings)
        for b in SUMMARY_BREAKDOWNS.get(ind.id, ("",)):
            title = f"{shown} – {b}" if b else shown
            out.append((ind.section, Key(ind.id, b), title))
    return out


def build_summary(fig: Figures) -> Summary:
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
