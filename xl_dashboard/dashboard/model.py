"""The render-agnostic dashboard: pages of blocks (tables, charts, commentary, notes).

`layout.build_dashboard` fills it from the block specs and the results; `build.render` draws it
and reads nothing else.
Values are in display units (percent 0-100, rate per 10,000, count); None means no figure and
WITHHELD a figure suppressed for publication (printed `c`, never plotted)."""

from __future__ import annotations

import dataclasses
import enum
import math
from dataclasses import dataclass

import pandas as pd


class Withheld(enum.Enum):
    """A figure withheld to protect confidentiality (disclosure.suppress): there is one, but
    the pack must not show it."""

    WITHHELD = "c"


WITHHELD = Withheld.WITHHELD
Value = float | Withheld | None


def number(value: Value) -> float | None:
    """The figure as a number for arithmetic and comparison; None when absent or withheld."""
    return None if value is None or value is WITHHELD else value


@dataclass(frozen=True)
class Key:
    """Which figure a row or a series shows: an indicator and a breakdown ('' = headline)."""

    indicator_id: str
    breakdown: str = ""


@dataclass(frozen=True)
class Derive:
    """A row computed from two other rows of the same table: `percent` = 100·a/b,
    `difference` = a - b. Written as a live formula wherever the figures agree."""

    op: str  # percent | difference
    a: int  # row indices in the table
    b: int

    def apply(self, a: Value, b: Value) -> Value:
        if a is WITHHELD or b is WITHHELD:
            return WITHHELD  # a figure worked out from a withheld one is withheld too
        if a is None or b is None:
            return None
        if self.op == "difference":
            return a - b
        return None if b == 0 else 100 * a / b

    def agrees(self, a: Value, b: Value, shown: Value) -> bool:
        """True when the formula over a and b gives the figure shown."""
        derived, figure = number(self.apply(a, b)), number(shown)
        return derived is not None and figure is not None and math.isclose(derived, figure)


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Value, ...]  # one per column; a comparator row has one value for all
    unit: str  # count | % | per 10k
    style: str = "body"  # body | total | percent | comparator
    key: Key | None = None  # the figure shown (for RAG and for linking a chart series)
    polarity: str = "none"  # RAG applies when up/down
    derive: Derive | None = None
    field: str = "value"  # which figure of the key: value | numerator | denominator

    @property
    def spans(self) -> bool:
        return self.style == "comparator"


@dataclass(frozen=True)
class Table:
    id: str  # unique in the dashboard
    corner: str  # top-left header text
    columns: tuple[str, ...]  # period labels, e.g. "Jun-14"
    rows: tuple[Row, ...]

    @property
    def withheld(self) -> bool:
        return any(v is WITHHELD for r in self.rows for v in r.values)

    def index(self, key: Key, field: str = "value") -> int:
        """The position of the row showing `field` of `key`."""
        for i, row in enumerate(self.rows):
            if row.key == key and row.field == field:
                return i
        raise KeyError((self.id, key, field))


@dataclass(frozen=True)
class TeamRow:
    team: str
    numerator: Value
    denominator: Value
    percent: Value
    rag: str  # G | A | R | ''
    small: bool  # fewer cases than a percentage can be read from


@dataclass(frozen=True)
class TeamTable:
    """One indicator's figure for each team in the reporting month, worst first."""

    id: str
    title: str  # the indicator, as its column heading
    key: Key  # the headline figure (its target colours the RAG)
    polarity: str
    rows: tuple[TeamRow, ...]

    @property
    def withheld(self) -> bool:
        return any(r.percent is WITHHELD for r in self.rows)


@dataclass(frozen=True)
class RowLink:
    """A chart series that plots a table row already on the page: the row of the table showing
    the same figure (key and field)."""

    table_id: str
    key: Key
    field: str = "value"


@dataclass(frozen=True)
class TargetLink:
    """A chart series that draws the (editable) target of a figure as a flat line."""

    key: Key


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Value, ...]  # one per category
    kind: str = "line"  # line | column | bar
    role: str = "main"  # main | comparator | target | mean | limit | signal
    unit: str = "%"
    secondary: bool = False  # plotted on the right-hand axis
    link: RowLink | TargetLink | None = None
    colour: str | None = None  # None: the renderer picks by role and order
    key: Key | None = None  # the figure plotted, when it is one (links it to a table row)
    field: str = "value"


@dataclass(frozen=True)
class Chart:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_title: str = "Month"
    y_unit: str = "%"
    y2_unit: str | None = None
    stacked: bool = False

    @property
    def has_data(self) -> bool:
        """True when the chart has a point to plot (withheld figures are not plotted)."""
        return any(number(v) is not None for s in self.mains for v in s.values)

    @property
    def withheld(self) -> bool:
        return any(v is WITHHELD for s in self.mains for v in s.values)

    @property
    def mains(self) -> tuple[Series, ...]:
        return tuple(s for s in self.series if s.role == "main")


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Commentary:
    paragraphs: tuple[str, ...]
    drafted: bool = False  # written from the figures (commentary.draft), not typed

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs) if self.paragraphs else "No commentary this month."


Part = Table | TeamTable | Chart | Note | Commentary


@dataclass(frozen=True)
class Block:
    """One heading of the reference and what sits under it, top to bottom."""

    title: str
    parts: tuple[Part, ...]
    heading: bool = True  # False when the chart's own title is the heading

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(p for p in self.parts if isinstance(p, Chart))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(p for p in self.parts if isinstance(p, Table))

    @property
    def team_tables(self) -> tuple[TeamTable, ...]:
        return tuple(p for p in self.parts if isinstance(p, TeamTable))


@dataclass(frozen=True)
class Page:
    sheet: str  # worksheet name (31 characters at most)
    section: int
    name: str  # the reference's section heading
    heading: str  # "<LA> Children's Services ... Dashboard – <Month YYYY> Data"
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SummaryRow:
    key: Key
    title: str
    unit: str
    polarity: str
    this: Value
    last: Value
    target: Value
    tolerance: Value
    comparators: tuple[Value, ...]  # England, statistical neighbours, region
    trend: tuple[Value, ...]  # the dashboard window, oldest first
    rag: str  # G | A | R | ''
    direction: str
    variation: str = ""  # Making Data Count's icon of the last month (spc.variation_icon)
    assurance: str = ""  # ... and against the target (spc.assurance_icon)


@dataclass(frozen=True)
class Summary:
    sheet: str
    heading: str
    this_label: str  # e.g. "Aug-14"
    last_label: str
    trend_labels: tuple[str, ...]
    comparator_names: tuple[str, ...]
    sections: tuple[tuple[str, tuple[SummaryRow, ...]], ...]
    legend: str = ""  # what `c` means, in a published pack

    @property
    def rows(self) -> tuple[SummaryRow, ...]:
        return tuple(r for _, rows in self.sections for r in rows)


@dataclass(frozen=True)
class DataTable:
    """A data sheet: one frame written as an Excel table (filter buttons, banded rows)."""

    sheet: str
    name: str  # the Excel table's name
    frame: pd.DataFrame
    widths: dict[str, float] = dataclasses.field(default_factory=dict)
    wrap: bool = False


@dataclass(frozen=True)
class Dashboard:
    la_name: str
    month_label: str  # "August 2014"
    summary: Summary
    pages: tuple[Page, ...]
    data: tuple[DataTable, ...] = ()  # the data sheets after the printed ones, in order
    marking: str = "OFFICIAL"  # the protective marking printed on every page
    published: bool = False  # small numbers suppressed (publication mode)

    @property
    def printed_sheets(self) -> tuple[str, ...]:
        """The sheets that make the printed dashboard, in order."""
        return (self.summary.sheet, *(p.sheet for p in self.pages))
