"""The in-workbook dashboard's data: the values of the sheet 'Dashboard data', in fixed blocks.

The template (`xl-dashboard template`) carries a Summary and the four pages whose formulas,
conditional formats and charts point at fixed cells of that sheet; a refresh (the Lite door or
the desktop "Refresh here" button) writes `data_blocks(results)` into it, one range per block.
So the SHAPE of every block depends only on the catalogue, the page specs and the six months
the blocks hold (`BLOCK_MONTHS`), never on the data: `geometry()` is that shape, the one
definition both the template writer and the refresh use.

The figures are the headless build's: the Summary model (`summary.build_summary`), the team
tables and commentary blocks of the pages (`blocks.build_block`) and the layout's look-ups
(`lookup.Lookup`), read in display units (percent 0-100, rate per 10,000, count). A withheld
figure of a published pack is the text `c`; a missing one is a blank cell (None).

Blocks (names as `geometry()` keys them):
- `header`: one column of `HEADER_FIELDS` (the authority, the month, the comparators' names ...).
- `months`: the six month labels, oldest first, in one row: the heading of the month columns of
  `series` and the category labels of every chart.
- `series`: one row per `series_keys()` figure (every Summary row, and every fixed breakdown a
  page shows) with `SERIES_COLUMNS`.
- `teams:<indicator_id>`: per indicator computed by team, a title row and `TEAM_ROWS` rows of
  team, numerator, denominator, percent and a `†` for a small team, worst first; more teams than
  fit → the last row says how many more.
- `commentary`: one cell per page: the typed commentary, else the draft under DRAFT_LABEL."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import pandas as pd

from ..commentary import DRAFT_LABEL
from ..disclosure import suppress
from ..indicators.catalogue import CATALOGUE, SECTIONS, get
from ..indicators.engine import Results
from ..settings import Settings
from .blocks import ByTeam as ByTeamSpec
from .blocks import CommentaryBlock, Measure, build_block, team_table
from .blocks import text as settings_text
from .lookup import SOURCE_NAMES, Lookup, month_label
from .model import WITHHELD, Commentary, Key, SummaryRow, Value
from .page_specs import PAGE_SHEETS, PAGES
from .summary import build_summary, summary_keys

__all__ = [
    "BLOCK_MONTHS",
    "DATA_SHEET",
    "HEADER_FIELDS",
    "PAGE_SHEETS",
    "SERIES_COLUMNS",
    "TEAM_COLUMNS",
    "TEAM_ROWS",
    "DataBlocks",
    "Spot",
    "data_blocks",
    "empty_blocks",
    "geometry",
    "series_keys",
    "summary_rows",
    "team_indicators",
]

DATA_SHEET = "Dashboard data"
BLOCK_MONTHS = 6  # the months every block holds, whatever the Settings' dashboard months
TEAM_ROWS = 15  # team rows per team block (a title row above them)
SHOWN = "c"  # a withheld figure, as the pack prints it

HEADER_FIELDS = (
    "Local authority",
    "Reporting month",
    "Heading",
    "This month",
    "Last month",
    "England",
    "Statistical neighbours",
    "Region",
    "Protective marking",
    "Withheld figures",
    "Refreshed",
)
MONTH_FIELDS = ("value", "numerator", "denominator", "mean", "lower", "upper", "target_line")
COMPARATOR_COLUMNS = ("england", "neighbours", "region")
SERIES_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "breakdown",
    "title",
    "section",
    "unit",
    "polarity",
    *(f"{f}_{m}" for f in MONTH_FIELDS for m in range(1, BLOCK_MONTHS + 1)),
    "target",
    "tolerance",
    *COMPARATOR_COLUMNS,
    "variation",
    "assurance",
    "source",
)
TEAM_COLUMNS = ("team", "numerator", "denominator", "percent", "small")

# Sheet layout, zero-based: the notes on top, then the blocks from these rows down.
HEADER_TOP = 5
SERIES_GAP = 2  # blank rows between blocks (the row just above a block holds its labels)

Cell = Value | str


@dataclass(frozen=True)
class Spot:
    """Where a block sits on the data sheet: its top-left cell (zero-based) and its size."""

    row: int
    column: int
    height: int
    width: int

    def cell(self, i: int = 0, j: int = 0) -> str:
        """The absolute A1 reference of the block's cell (i, j), sheet-qualified."""
        return f"'{DATA_SHEET}'!{_a1(self.row + i, self.column + j)}"

    def span(self, i: int, j: int, height: int, width: int) -> str:
        """The absolute A1 reference of a range inside the block, sheet-qualified."""
        first = _a1(self.row + i, self.column + j)
        last = _a1(self.row + i + height - 1, self.column + j + width - 1)
        return f"'{DATA_SHEET}'!{first}:{last}"

    @property
    def ref(self) -> str:
        return self.span(0, 0, self.height, self.width)


def _a1(row: int, column: int) -> str:
    name = ""
    col = column + 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return f"${name}${row + 1}"


@functools.cache
def series_keys() -> tuple[Key, ...]:
    """Every figure of the `series` block, in catalogue order: the Summary's rows, then each
    fixed breakdown a page shows (contact sources, Early Help outcomes) after its headline."""
    shown = [key for _, key, _ in summary_keys(Settings())]
    out: list[Key] = []
    for ind in CATALOGUE:
        keys = [k for k in shown if k.indicator_id == ind.id]
        keys += [Key(ind.id, b) for b in ind.breakdowns if Key(ind.id, b) not in keys]
        out.extend(keys)
    return tuple(out)


def summary_rows() -> tuple[int, ...]:
    """The rows of the `series` block the Summary shows, in its order."""
    keys = series_keys()
    return tuple(keys.index(key) for _, key, _ in summary_keys(Settings()))


def team_indicators() -> tuple[str, ...]:
    """The indicators computed by team (the catalogue's `by_team`), each with a team block."""
    return tuple(ind.id for ind in CATALOGUE if ind.by_team)


def geometry() -> dict[str, Spot]:
    """Block name → where it sits: the same for every workbook (it reads the catalogue only)."""
    spots = {"header": Spot(HEADER_TOP, 1, len(HEADER_FIELDS), 1)}
    top = HEADER_TOP + len(HEADER_FIELDS) + SERIES_GAP + 1
    month_column = SERIES_COLUMNS.index("value_1")
    spots["months"] = Spot(top - 1, month_column, 1, BLOCK_MONTHS)
    keys = series_keys()
    spots["series"] = Spot(top, 0, len(keys), len(SERIES_COLUMNS))
    top += len(keys) + SERIES_GAP + 1
    for indicator_id in team_indicators():
        spots[f"teams:{indicator_id}"] = Spot(top, 0, 1 + TEAM_ROWS, len(TEAM_COLUMNS))
        top += 1 + TEAM_ROWS + SERIES_GAP + 1
    spots["commentary"] = Spot(top, 1, len(SECTIONS), 1)
    return spots


def series_row(key: Key) -> int:
    """The row of a figure inside the `series` block."""
    return series_keys().index(key)


@dataclass(frozen=True)
class DataBlocks:
    """Each block's values, rows of cells, in the shape `geometry()` gives it."""

    values: dict[str, list[list[Cell]]]

    @property
    def geometry(self) -> dict[str, Spot]:
        return geometry()


def empty_blocks() -> DataBlocks:
    """Every block blank (what a cleared workbook and the template hold)."""
    return DataBlocks(
        {name: [[None] * s.width for _ in range(s.height)] for name, s in geometry().items()}
    )


def _shown(value: Value) -> Cell:
    return SHOWN if value is WITHHELD else value


def data_blocks(results: Results) -> DataBlocks:
    """The blocks of the results' reporting month, with the headless dashboard's figures (a
    published pack's withheld figures as `c`)."""
    if results.settings.publish and "suppressed" not in results.data:
        data = suppress(results.data, results.settings.largest_small)
        results = dataclasses.replace(results, data=data)
    fig = Lookup(results)
    summary = build_summary(fig)
    periods = fig.window(BLOCK_MONTHS)
    values: dict[str, list[list[Cell]]] = {
        "header": [[v] for v in _header(fig, summary.comparator_names)],
        "months": [list(fig.labels(periods))],
        "series": _series(fig, {r.key: r for r in summary.rows}, periods),
    }
    names = _team_names()
    for indicator_id in team_indicators():
        values[f"teams:{indicator_id}"] = _teams(fig, Measure(indicator_id, names[indicator_id]))
    values["commentary"] = [[_commentary(fig, n)] for n in SECTIONS]
    return DataBlocks(values)


def _header(fig: Lookup, comparators: tuple[str, ...]) -> list[Cell]:
    s = fig.settings
    withheld = (
        f"c = withheld to protect confidentiality (a count of 1 to {s.largest_small}, or a "
        "figure resting on one)"
        if s.publish
        else ""
    )
    title = (
        f"{s.la_name} Children's Services Social Care Performance Overview Dashboard – "
        f"{fig.month.strftime('%B %Y')} Data"
    )
    return [
        s.la_name,
        fig.month.strftime("%B %Y"),
        title,
        month_label(fig.month),
        month_label(fig.month - 1),
        *comparators,
        s.protective_marking,
        withheld,
        f"Figures for {fig.month.strftime('%B %Y')}, computed on "
        f"{s.build_date.strftime('%d/%m/%Y')} from this workbook's sheets",
    ]


def _series(
    fig: Lookup, summary: dict[Key, SummaryRow], periods: list[pd.Period]
) -> list[list[Cell]]:
    sources = _sources(fig.results.data, str(fig.month))
    rows: list[list[Cell]] = []
    for key in series_keys():
        ind = get(key.indicator_id)
        row = summary.get(key)
        title = ind.title_for(fig.settings) + (f" – {key.breakdown}" if key.breakdown else "")
        spc = [fig.spc_point(key, p) for p in periods]
        target, tolerance = (row.target, row.tolerance) if row is not None else (None, None)
        comparators = row.comparators if row is not None else (None,) * len(COMPARATOR_COLUMNS)
        months: list[Cell] = [
            *map(_shown, fig.values(key, periods)),
            *map(_shown, fig.values(key, periods, "numerator")),
            *map(_shown, fig.values(key, periods, "denominator")),
            *(p.mean if p else None for p in spc),
            *(p.lower if p else None for p in spc),
            *(p.upper if p else None for p in spc),
            *(_shown(target),) * BLOCK_MONTHS,
        ]
        rows.append(
            [
                key.indicator_id,
                key.breakdown or None,
                row.title if row is not None else title,
                ind.section,
                ind.unit,
                ind.polarity,
                *months,
                _shown(target),
                _shown(tolerance),
                *map(_shown, comparators),
                (row.variation if row is not None else "") or None,
                (row.assurance if row is not None else "") or None,
                sources.get((key.indicator_id, key.breakdown))
                or fig.source_note(key, periods)
                or None,
            ]
        )
    return rows


def _sources(data: pd.DataFrame, period: str) -> dict[tuple[str, str], str]:
    """Where each figure of the reporting month comes from, as the pages name the sources."""
    month = data[data["period"].astype(str) == period]
    return {
        (str(i), str(b)): SOURCE_NAMES.get(str(s), str(s))
        for i, b, s in zip(month["indicator_id"], month["breakdown"], month["source"], strict=True)
    }


def _team_names() -> dict[str, str]:
    """The heading each by-team indicator has in the pages' By team blocks (else its title)."""
    names = {ind.id: ind.title for ind in CATALOGUE if ind.by_team}
    for specs in PAGES.values():
        for spec in specs:
            if isinstance(spec, ByTeamSpec):
                names.update({m.indicator_id: m.name for m in spec.indicators})
    return names


def _teams(fig: Lookup, measure: Measure) -> list[list[Cell]]:
    table = team_table(fig, measure)
    blank: list[Cell] = [None] * len(TEAM_COLUMNS)
    if table is None:
        return [[settings_text(fig, measure.name), *blank[1:]]] + [
            list(blank) for _ in range(TEAM_ROWS)
        ]
    rows: list[list[Cell]] = [
        [
            r.team,
            _shown(r.numerator),
            _shown(r.denominator),
            _shown(r.percent),
            "†" if r.small else None,
        ]
        for r in table.rows
    ]
    if len(rows) > TEAM_ROWS:
        more = len(rows) - (TEAM_ROWS - 1)
        rows = [*rows[: TEAM_ROWS - 1], [f"… and {more} more teams", *blank[1:]]]
    rows += [list(blank) for _ in range(TEAM_ROWS - len(rows))]
    return [[table.title, *blank[1:]], *rows]


def _commentary(fig: Lookup, section: int) -> Cell:
    """The page's commentary as the headless page prints it: typed, else the draft headed by
    DRAFT_LABEL."""
    spec = next(s for s in PAGES[section] if isinstance(s, CommentaryBlock))
    block = build_block(fig, spec)
    found = [p for p in block.parts if isinstance(p, Commentary)] if block is not None else []
    if not found:
        return None
    c = found[0]
    return f"{DRAFT_LABEL}\n\n{c.text}" if c.drafted else c.text
