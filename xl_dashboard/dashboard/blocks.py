"""Block specs and their builders: a page is a sequence of small declarative blocks.

A spec says what a block shows (which indicators, its titles, three or six months); its builder
(one per kind, `build_block`) turns it into model parts with the figures of the reporting month.
Titles are templates over the settings: `{la}` and the timescales' names (`{icpc}` ...).

Charts are linked to table rows by key afterwards (`layout.link_rows`): a series plotting the
same figure as a row of a table in its block plots that row."""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..commentary import DRAFT_LABEL
from ..indicators.catalogue import STANDARD_COMPARATORS, get
from ..indicators.teams import TEAM_PREFIX
from ..spc import TOO_FEW
from . import rules
from .lookup import Lookup, date_range_label, month_label
from .model import (
    WITHHELD,
    Block,
    Chart,
    Commentary,
    Derive,
    Key,
    Note,
    Row,
    Series,
    Table,
    TargetLink,
    TeamRow,
    TeamTable,
    Value,
    number,
)
from .theme import sequential

SHORT_WINDOW = 3  # blocks the reference shows for three months


def comparator_field(name: str) -> str:
    """The `field` of a row or series showing a comparator's figure (England, ...)."""
    return f"comparator:{name}"


@dataclass(frozen=True)
class Measure:
    """An indicator (and breakdown) a block shows; `name` names it in source notes and legends,
    `label` (default: the name) where a table row or a series shows it."""

    indicator_id: str
    name: str
    breakdown: str = ""
    label: str = ""

    @property
    def key(self) -> Key:
        return Key(self.indicator_id, self.breakdown)

    @property
    def shown_as(self) -> str:
        return self.label or self.name


# --- the specs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """A reference chart of one or more indicators over the window; several indicators get
    their comparators in a table under it."""

    title: str
    measures: tuple[Measure, ...]
    short: bool = False
    targets: bool = True


@dataclass(frozen=True)
class Comparison:
    """The authority's figure month by month against its comparators, as a table and a chart;
    `counts` adds a table of the counts behind it."""

    title: str
    indicator_id: str
    row_label: str  # the authority's row, e.g. "{la} (Current)"
    chart_title: str
    corner: str = ""
    table_id: str = ""  # default: the indicator's id
    target: bool = False
    short: bool = True
    name: str = ""  # in source notes (default: the title)
    counts: tuple[Measure, ...] = ()


@dataclass(frozen=True)
class RatioGroup:
    """No. (denominator), No. with (numerator), [No. without], % of one figure."""

    measure: Measure  # its name names the % series (blank: the % row's label)
    labels: tuple[str, str, str]  # denominator, numerator, percent rows
    without: str = ""


@dataclass(frozen=True)
class Ratio:
    """Tables of counts and their % (a live formula), and the % lines beside them."""

    title: str
    groups: tuple[RatioGroup, ...]
    chart_title: str
    short: bool = False
    note: str = ""


@dataclass(frozen=True)
class CountAndPercent:
    """Counts as columns with a % on the right-hand axis (and its target); with a `table_id`,
    the two rows as a table under a heading, else the chart's title heads the block."""

    title: str
    count: Measure
    percent: Measure
    table_id: str = ""


@dataclass(frozen=True)
class ByCategory:
    """One cluster of columns per category (a breakdown), one column per month; with `table`,
    the categories and their total as rows above the chart."""

    title: str
    indicator_id: str
    categories: tuple[tuple[str, str], ...]  # (label, breakdown)
    chart_title: str
    note: str = ""
    table: bool = False


@dataclass(frozen=True)
class Outcomes:
    """Totals over the short window by outcome, as bars."""

    indicator_id: str
    outcomes: tuple[str, ...]
    title: str  # with {months}: the months covered


@dataclass(frozen=True)
class ByTeam:
    """The reporting month's figure of each team (Annex A's Allocated Team), worst first, for
    each of `indicators` (shown by team in the catalogue)."""

    indicators: tuple[Measure, ...]


@dataclass(frozen=True)
class CommentaryBlock:
    section: int
    notes: tuple[str, ...] = ()


Spec = (
    Trend | Comparison | Ratio | CountAndPercent | ByCategory | Outcomes | ByTeam | CommentaryBlock
)


def text(fig: Lookup, template: str) -> str:
    """A title or label template filled from the settings; '' when it names a setting that is
    empty (a note about statistical neighbours when none are given)."""
    if "{" not in template:
        return template
    s = fig.settings
    fields = {
        "la": s.la_name,
        "neighbours": s.statistical_neighbours,
        **dataclasses.asdict(s.timescales),
    }
    used = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    if any(fields[name] in ("", None) for name in used):
        return ""
    return template.format(**fields)


# --- shared parts ----------------------------------------------------------------------------


def months(fig: Lookup, short: bool) -> list[pd.Period]:
    return fig.window(SHORT_WINDOW if short else fig.settings.dashboard_months)


def target_series(
    fig: Lookup, key: Key, n: int, name: str = "Target", secondary: bool = False
) -> list[Series]:
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


SIGNAL_NAMES = {
    "concern": "Special cause: concern",
    "improvement": "Special cause: improvement",
    "neither": "Special cause",
}


def spc_series(fig: Lookup, key: Key, periods: list[pd.Period]) -> list[Series]:
    """The indicator's process (SPC) over the months shown: its mean and process limits as
    lines, and its special-cause months as marked points; none without process limits."""
    unit = get(key.indicator_id).unit
    points = [fig.spc_point(key, p) for p in periods]
    if not any(p is not None and p.mean is not None for p in points):
        return []

    def line(name: str, role: str, field: str) -> Series:
        values = tuple(getattr(p, field) if p is not None else None for p in points)
        return Series(name, values, role=role, unit=unit)

    out = [
        line("Mean", "mean", "mean"),
        line("Process limits", "limit", "upper"),
        line("Process limits (lower)", "limit", "lower"),
    ]
    shown = fig.values(key, periods)
    for colour, name in SIGNAL_NAMES.items():
        marked = tuple(
            v if p is not None and p.signal and p.colour == colour else None
            for p, v in zip(points, shown, strict=True)
        )
        if any(number(v) is not None for v in marked):
            out.append(Series(name, marked, role="signal", unit=unit, colour=colour))
    return out


def spc_axis_title(fig: Lookup, key: Key) -> str:
    """The month axis' title, saying so when the indicator has too few months for limits."""
    reason = fig.icons(key)[2]
    return f"Month ({reason})" if reason == TOO_FEW else "Month"


def comparator_series(fig: Lookup, indicator_id: str, n: int) -> list[Series]:
    unit = get(indicator_id).unit
    key = Key(indicator_id)
    return [
        Series(
            label,
            (value,) * n,
            role="comparator",
            unit=unit,
            key=key,
            field=comparator_field(label),
        )
        for label, value in fig.comparators(indicator_id)
    ]


def measure_series(
    fig: Lookup, m: Measure, periods: list[pd.Period], kind: str = "line", secondary: bool = False
) -> Series:
    unit = get(m.indicator_id).unit
    values = fig.values(m.key, periods)
    return Series(m.shown_as, values, kind, unit=unit, secondary=secondary, key=m.key)


def trend_chart(
    fig: Lookup, title: str, periods: list[pd.Period], measures: tuple[Measure, ...], targets: bool
) -> Chart:
    """Lines (columns for counts) of one or more indicators over the window. One indicator gets
    its comparator lines; up to two get their target lines (more would bury the trend)."""
    n = len(periods)
    unit = get(measures[0].indicator_id).unit
    kind = "column" if unit == "count" else "line"
    series: list[Series] = []
    extras: list[Series] = []
    several = len(measures) > 1
    for m in measures:
        series.append(measure_series(fig, m, periods, kind))
        if not several:
            extras += comparator_series(fig, m.indicator_id, n)
        if targets and len(measures) <= 2:
            name = f"{m.shown_as}: target" if several else "Target"
            extras += target_series(fig, m.key, n, name)
    x_title = "Month"
    if not several:
        extras += spc_series(fig, measures[0].key, periods)
        x_title = spc_axis_title(fig, measures[0].key)
    return Chart(title, fig.labels(periods), tuple(series + extras), x_title, y_unit=unit)


def comparator_table(fig: Lookup, table_id: str, measures: tuple[Measure, ...]) -> list[Table]:
    """England / statistical neighbours / region for several indicators, when any are given."""
    rows = tuple(
        Row(m.shown_as, fig.standard_comparators(m.indicator_id), get(m.indicator_id).unit)
        for m in measures
    )
    if all(v is None for r in rows for v in r.values):
        return []
    names = tuple(fig.comparator_name(c) for c in STANDARD_COMPARATORS)
    return [Table(table_id, "Comparators", names, rows)]


def ratio_rows(fig: Lookup, group: RatioGroup, periods: list[pd.Period], offset: int) -> list[Row]:
    """No. (denominator), No. with (numerator), [No. without], % — the % a live formula."""
    key = group.measure.key
    den_label, num_label, pct_label = group.labels
    dens = fig.values(key, periods, "denominator")
    nums = fig.values(key, periods, "numerator")
    rows = [
        Row(den_label, dens, "count", key=key, field="denominator"),
        Row(num_label, nums, "count", key=key, field="numerator"),
    ]
    if group.without:
        diff = Derive("difference", offset, offset + 1)
        values = tuple(diff.apply(d, m) for d, m in zip(dens, nums, strict=True))
        rows.append(Row(group.without, values, "count", derive=diff))
    ind = get(key.indicator_id)
    rows.append(
        Row(
            pct_label,
            fig.values(key, periods),
            "%",
            "percent",
            key=key,
            polarity=ind.polarity,
            derive=Derive("percent", offset + 1, offset),
        )
    )
    return rows


def by_category_chart(
    fig: Lookup,
    title: str,
    indicator_id: str,
    categories: tuple[tuple[str, str], ...],
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


# --- source notes ----------------------------------------------------------------------------


def _names(names: list[str]) -> str:
    """`A`, `A and b`, `A, b and c` (later names lower-cased unless they start an acronym)."""
    names = [
        n if i == 0 or not n[1:2].islower() else n[0].lower() + n[1:] for i, n in enumerate(names)
    ]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def source_note(fig: Lookup, measures: list[tuple[Key, str]], periods: list[pd.Period]) -> str:
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


def sourced(
    fig: Lookup, block: Block, measures: tuple[Measure, ...], periods: list[pd.Period]
) -> Block:
    """The block with its source note (source_note) under its last table, else at its end."""
    note = source_note(fig, [(m.key, m.name) for m in measures], periods)
    if not note:
        return block
    parts = list(block.parts)
    tables = [i for i, part in enumerate(parts) if isinstance(part, Table)]
    at = tables[-1] + 1 if tables else len(parts)
    while at < len(parts) and isinstance(parts[at], Note):
        at += 1
    return replace(block, parts=(*parts[:at], Note(note), *parts[at:]))


# --- one builder per kind --------------------------------------------------------------------


def _trend(fig: Lookup, spec: Trend) -> Block:
    periods = months(fig, spec.short)
    title = text(fig, spec.title)
    measures = tuple(replace(m, name=text(fig, m.name)) for m in spec.measures)
    chart = trend_chart(fig, title, periods, measures, spec.targets)
    table_id = f"comparators_{measures[0].indicator_id}"
    extra = comparator_table(fig, table_id, measures) if len(measures) > 1 else []
    return sourced(fig, Block(title, (chart, *extra), heading=False), measures, periods)


def _comparison(fig: Lookup, spec: Comparison) -> Block:
    periods = months(fig, spec.short)
    ind = get(spec.indicator_id)
    key = Key(spec.indicator_id)
    title = text(fig, spec.title)
    percent = ind.unit == "%"
    rows = [
        Row(
            text(fig, spec.row_label),
            fig.values(key, periods),
            ind.unit,
            "percent" if percent else "body",
            key=key,
            polarity=ind.polarity,
        )
    ]
    rows += [
        Row(label, (value,), ind.unit, "comparator", key=key, field=comparator_field(label))
        for label, value in fig.comparators(spec.indicator_id)
    ]
    table = Table(spec.table_id or spec.indicator_id, spec.corner, fig.labels(periods), tuple(rows))
    n = len(periods)
    series = [Series(rows[0].label, rows[0].values, unit=ind.unit, key=key)]
    series += comparator_series(fig, spec.indicator_id, n)
    if spec.target:
        series += target_series(fig, key, n)
    series += spc_series(fig, key, periods)
    x_title = spc_axis_title(fig, key)
    chart = Chart(spec.chart_title, table.columns, tuple(series), x_title, y_unit=ind.unit)
    measure = Measure(spec.indicator_id, spec.name or title)
    block = sourced(fig, Block(title, (table, chart)), (measure,), periods)
    if not spec.counts:
        return block
    periods = months(fig, short=False)
    counts = tuple(Row(m.name, fig.values(m.key, periods), "count", key=m.key) for m in spec.counts)
    table = Table(f"{table.id}_counts", "Number", fig.labels(periods), counts)
    return sourced(fig, replace(block, parts=(*block.parts, table)), spec.counts, periods)


def _ratio(fig: Lookup, spec: Ratio) -> Block:
    periods = months(fig, spec.short)
    groups = tuple(
        replace(g, labels=tuple(text(fig, label) for label in g.labels)) for g in spec.groups
    )
    rows: list[Row] = []
    for g in groups:
        rows += ratio_rows(fig, g, periods, len(rows))
    key = groups[0].measure.key
    table = Table(key.indicator_id, "", fig.labels(periods), tuple(rows))
    measures = tuple(replace(g.measure, name=g.measure.name or g.labels[2]) for g in groups)
    chart = trend_chart(fig, text(fig, spec.chart_title), periods, measures, targets=True)
    notes = (Note(text(fig, spec.note)),) if spec.note else ()
    block = Block(text(fig, spec.title), (table, *notes, chart))
    return sourced(fig, block, measures, periods)


def _count_and_percent(fig: Lookup, spec: CountAndPercent) -> Block:
    periods = months(fig, short=False)
    title = text(fig, spec.title)
    count = replace(spec.count, name=text(fig, spec.count.name))
    percent = replace(spec.percent, name=text(fig, spec.percent.name))
    series = (
        measure_series(fig, count, periods, "column"),
        measure_series(fig, percent, periods, secondary=True),
        *target_series(fig, percent.key, len(periods), secondary=True),
    )
    chart = Chart(title, fig.labels(periods), series, y_unit="count", y2_unit="%")
    if not spec.table_id:
        return sourced(fig, Block(title, (chart,), heading=False), (count, percent), periods)
    pct = get(percent.indicator_id)
    rows = (
        Row(count.shown_as, series[0].values, "count", key=count.key),
        Row(
            percent.shown_as,
            series[1].values,
            "%",
            "percent",
            key=percent.key,
            polarity=pct.polarity,
        ),
    )
    table = Table(spec.table_id, "", chart.categories, rows)
    return sourced(fig, Block(title, (table, chart)), (count, percent), periods)


def _by_category(fig: Lookup, spec: ByCategory) -> Block:
    periods = months(fig, short=True)
    chart = by_category_chart(fig, spec.chart_title, spec.indicator_id, spec.categories, periods)
    note = (Note(spec.note),) if spec.note else ()
    measures = tuple(Measure(spec.indicator_id, label, b) for label, b in spec.categories)
    if not spec.table:
        block = Block(spec.title, (chart, *note), heading=False)
        return sourced(fig, block, measures, periods)
    rows = [
        Row(
            f"{m.name}*" if m.name == "Individual" else m.name,
            fig.values(m.key, periods),
            "count",
            key=m.key,
        )
        for m in measures
    ]
    total = Measure(spec.indicator_id, "Total")
    rows.append(Row("Total", fig.values(total.key, periods), "count", "total", key=total.key))
    table = Table(spec.indicator_id, "", fig.labels(periods), tuple(rows))
    block = Block(spec.title, (table, *note, chart))
    return sourced(fig, block, (*measures, total), periods)


def _outcomes(fig: Lookup, spec: Outcomes) -> Block:
    periods = months(fig, short=True)
    title = spec.title.format(months=date_range_label(periods[0], periods[-1]))
    totals: list[Value] = []
    for outcome in spec.outcomes:
        figures = fig.values(Key(spec.indicator_id, outcome), periods)
        got = [v for v in map(number, figures) if v is not None]
        # A total missing a withheld month would be wrong, and could give the month away.
        withheld = any(v is WITHHELD for v in figures)
        totals.append(WITHHELD if withheld else sum(got) if got else None)
    series = (Series("Plans closed", tuple(totals), "bar", unit="count"),)
    chart = Chart(title, spec.outcomes, series, x_title="Outcome", y_unit="count")
    measures = tuple(Measure(spec.indicator_id, o, o) for o in spec.outcomes)
    return sourced(fig, Block(title, (chart,), heading=False), measures, periods)


SMALL_TEAM = 5  # a team with fewer cases than this is marked: one child moves its % a lot
SMALL_NOTE = "† fewer than 5 cases: one child moves the percentage a lot."


def team_table(fig: Lookup, m: Measure) -> TeamTable | None:
    """One indicator's teams in the reporting month, worst first (the lowest % first where
    higher is better); withheld teams (`c`) and teams with no figure last."""
    ind = get(m.indicator_id)
    target, tolerance = fig.target(m.indicator_id)
    rows = []
    for breakdown in fig.teams(m.indicator_id, fig.month):
        key = Key(m.indicator_id, breakdown)
        num, den, pct = (fig.get(key, fig.month, f) for f in ("numerator", "denominator", "value"))
        small = (d := number(den)) is not None and d < SMALL_TEAM
        rag = rules.rag(number(pct), target, tolerance, ind.polarity)
        rows.append(TeamRow(breakdown.removeprefix(TEAM_PREFIX), num, den, pct, rag, small))
    if not rows:
        return None
    sign = -1 if ind.polarity == "down" else 1

    def worst_first(row: TeamRow) -> tuple:
        figure = number(row.percent)
        return (figure is None, sign * figure if figure is not None else 0.0, row.team)

    title = text(fig, m.name)
    return TeamTable(
        f"teams_{m.indicator_id}", title, m.key, ind.polarity, tuple(sorted(rows, key=worst_first))
    )


def _by_team(fig: Lookup, spec: ByTeam) -> Block | None:
    """None when no indicator has team figures this month (no Allocated Team in the lists, or
    figures from the Monthly figures sheet only): the page then has no By team block."""
    tables = [t for m in spec.indicators if (t := team_table(fig, m)) is not None]
    if not tables:
        return None
    notes = [Note(SMALL_NOTE)] if any(r.small for t in tables for r in t.rows) else []
    return Block(f"By team, {fig.month.strftime('%B %Y')}", (*tables, *notes))


def _commentary(fig: Lookup, spec: CommentaryBlock) -> Block:
    """The page's commentary as typed for the month; else a draft from the figures, headed
    as one (typed commentary always wins)."""
    notes = (Note(t) for t in (text(fig, n) for n in spec.notes) if t)
    typed = fig.commentary(spec.section)
    drafted = fig.drafts.get(spec.section, ())
    if typed or not drafted:
        return Block("Commentary", (Commentary(typed), *notes))
    return Block(DRAFT_LABEL, (Commentary(drafted, drafted=True), *notes))


BUILDERS: dict[type, Callable[[Lookup, Any], Block | None]] = {  # one builder per kind
    Trend: _trend,
    Comparison: _comparison,
    Ratio: _ratio,
    CountAndPercent: _count_and_percent,
    ByCategory: _by_category,
    Outcomes: _outcomes,
    ByTeam: _by_team,
    CommentaryBlock: _commentary,
}


def build_block(fig: Lookup, spec: Spec) -> Block | None:
    """The block a spec shows; None for a block with nothing to show this month."""
    return BUILDERS[type(spec)](fig, spec)
