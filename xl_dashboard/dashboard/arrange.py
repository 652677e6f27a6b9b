"""The layout pass: where every part of every page goes, decided before anything is written.

A page's blocks are panels on a three-column grid, read left to right, top to bottom, in the
reference's order. Each panel stacks its heading, tables, notes, charts and commentary; all rows
share one height, so panels side by side line up and each part takes a whole number of rows.
The pass also gives each chart its rows on the `Chart data` sheet and says where every table
row went (`Placed`), so the writers share no state and may write in any order."""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import theme
from .charts import FIRST_DATA_ROW, Placed
from .model import (
    Block,
    Chart,
    Commentary,
    Dashboard,
    Note,
    Page,
    Part,
    RowLink,
    Table,
    TeamTable,
)

PANELS_PER_ROW = 3
VALUE_COLS = 6
PANEL_SPAN = VALUE_COLS + 2  # label, six values, a gap
LABEL_WIDTH = 31
VALUE_WIDTH = 7.4
GAP_WIDTH = 2.5
ROW_PT = 13.5
CHART_ROWS = 14
GRID_TOP = 3
LAST_COL = PANELS_PER_ROW * PANEL_SPAN - 2
CHAR_PX = 5.4  # average width of a 9pt character, for wrapping estimates (prose)
LABEL_CHAR_PX = 4.9  # the same for short labels (more narrow letters, no long words)


def col_px(width: float) -> int:
    """Excel's column width in characters → pixels (default font)."""
    return int(width * 7 + 0.5) + 5


PANEL_PX = col_px(LABEL_WIDTH) + VALUE_COLS * col_px(VALUE_WIDTH)
ROW_PX = round(ROW_PT * 4 / 3)
FULL_PX = PANELS_PER_ROW * PANEL_PX + (PANELS_PER_ROW - 1) * col_px(GAP_WIDTH)
# The page fills A4 landscape inside the margins: as tall as its width allows (in rows of
# ROW_PT under the two heading rows and a spacer), so that printing it one page wide leaves
# no empty band at the foot.
PAPER_IN = (11.69, 8.27)
PRINT_RATIO = (PAPER_IN[0] - theme.MARGINS["left"] - theme.MARGINS["right"]) / (
    PAPER_IN[1] - theme.MARGINS["top"] - theme.MARGINS["bottom"]
)
# LibreOffice draws the columns about 7.5% wider than Excel's nominal pixels (measured on the
# rendered pages), so the page is scaled down that much more and has that many more rows.
WIDER_COLUMNS = 1.075
PAGE_ROWS = int((FULL_PX * 0.75 * WIDER_COLUMNS / PRINT_RATIO - 24 - 20 - ROW_PT) / ROW_PT)
MAX_GROWTH = CHART_ROWS  # a chart grows to twice its height at most
LABEL_PX = col_px(LABEL_WIDTH) - 6
HEADER_PX = col_px(VALUE_WIDTH) - 4


def text_rows(text: str, width_px: float, size: float = theme.SIZE) -> int:
    """Rows a wrapped text needs at `size` points in a box `width_px` wide."""
    per_line = max(1, int(width_px / (CHAR_PX * size / theme.SIZE)))
    lines = sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n"))
    return max(1, math.ceil(lines * size * 1.3 / ROW_PT))


def label_wraps(label: str) -> bool:
    return len(label) * LABEL_CHAR_PX > LABEL_PX


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Slot:
    """A part and the cells it takes: rows `row` to `row + rows - 1`, columns `c0` to `c1`."""

    part: Part | Heading
    row: int
    c0: int
    c1: int
    width: int  # pixels
    rows: int
    data_row: int = -1  # a chart's first row on the Chart data sheet


@dataclass(frozen=True)
class PageLayout:
    page: Page
    slots: tuple[Slot, ...]
    heights: tuple[tuple[int, float], ...]  # (row, points) for rows taller than the default
    last_row: int
    last_col: int = LAST_COL


def arrange(dashboard: Dashboard) -> tuple[PageLayout, ...]:
    """Every page's layout; charts take Chart data rows after the Summary's trend rows."""
    data_row = FIRST_DATA_ROW + len(dashboard.summary.rows) + 2
    layouts = []
    for page in dashboard.pages:
        layout = _Page(page, data_row).layout()
        layouts.append(layout)
        charts = [s.part for s in layout.slots if isinstance(s.part, Chart)]
        data_row += sum(len(c.series) + 2 for c in charts)
    return tuple(layouts)


def placed(layouts: tuple[PageLayout, ...]) -> dict[tuple[str, int], Placed]:
    """Where each table row went: (table id, row index) → its sheet, row and first value column."""
    return {
        (table.id, i): Placed(layout.page.sheet, slot.row + 1 + i, slot.c0 + 1, row.spans)
        for layout in layouts
        for slot, table in _tables(layout)
        for i, row in enumerate(table.rows)
    }


def linked_rows(layouts: tuple[PageLayout, ...]) -> dict[RowLink, Placed]:
    """Where the row each chart link names went."""
    rows = placed(layouts)
    return {
        RowLink(table.id, row.key, row.field): rows[(table.id, i)]
        for layout in layouts
        for _, table in _tables(layout)
        for i, row in enumerate(table.rows)
        if row.key is not None
    }


def _tables(layout: PageLayout) -> list[tuple[Slot, Table]]:
    return [(s, s.part) for s in layout.slots if isinstance(s.part, Table)]


class _Page:
    """One page's layout: the blocks in order, each into the shortest of the three columns
    (so no column waits for a taller neighbour), the charts of the shorter columns grown so the
    columns end together at the foot of the paper. The commentary fills the shortest column
    when it fits there, else it runs across the page below the columns, down to the foot."""

    def __init__(self, page: Page, data_row: int) -> None:
        self.page = page
        self.data_row = data_row
        self.slots: list[Slot] = []
        self.heights: dict[int, float] = {0: 24, 1: 20}

    def layout(self) -> PageLayout:
        blocks = list(self.page.blocks)
        closing = blocks.pop() if blocks and _is_commentary(blocks[-1]) else None
        columns: list[list[int]] = [[] for _ in range(PANELS_PER_ROW)]
        filled = [0] * PANELS_PER_ROW
        for i, block in enumerate(blocks):
            c = filled.index(min(filled))
            columns[c].append(i)
            filled[c] += _rows(block, PANEL_PX) + 1
        shortest = filled.index(min(filled))
        if closing and PAGE_ROWS - filled[shortest] >= max(_rows(closing, PANEL_PX), 12):
            # The commentary fits the shortest column: it fills that column to the foot.
            blocks.append(closing)
            columns[shortest].append(len(blocks) - 1)
            filled[shortest] += max(_rows(closing, PANEL_PX), 12) + 1
            closing = None
        closing_rows = _rows(closing, FULL_PX) + 1 if closing else 0
        bottom = max(max(filled), PAGE_ROWS - closing_rows)
        chart_rows = [CHART_ROWS] * len(blocks)
        tops = [0] * len(blocks)
        for c, members in enumerate(columns):
            charts = [i for i in members for _ in blocks[i].charts]
            extra = bottom - filled[c]
            for k, i in enumerate(charts):
                share = extra // len(charts) + (k < extra % len(charts))
                chart_rows[i] += min(share, MAX_GROWTH)
            top = GRID_TOP
            for i in members:
                tops[i] = top
                top += _rows(blocks[i], PANEL_PX, chart_rows[i]) + 1
        for i, block in enumerate(blocks):
            c = next(c for c, members in enumerate(columns) if i in members)
            fill = bottom - 1 - (tops[i] - GRID_TOP) if _is_commentary(block) else 0
            self._panel(block, tops[i], c * PANEL_SPAN, 1, chart_rows[i], min_rows=fill)
        last = GRID_TOP + bottom - 1
        if closing:
            start = GRID_TOP + bottom
            rows = max(GRID_TOP + PAGE_ROWS - start, _rows(closing, FULL_PX))
            last = start + self._panel(closing, start, 0, PANELS_PER_ROW, min_rows=rows) - 1
        return PageLayout(self.page, tuple(self.slots), tuple(self.heights.items()), last)

    def _taller(self, r: int, points: float) -> None:
        self.heights[r] = max(self.heights.get(r, ROW_PT), points)

    def _panel(
        self,
        block: Block,
        top: int,
        c0: int,
        span: int,
        chart_rows: int = CHART_ROWS,
        min_rows: int = 0,
    ) -> int:
        """Place a block from row `top`, column `c0`; return the rows it takes."""
        c1 = c0 + span * PANEL_SPAN - 2
        width = _width(span)
        r = top
        for part, rows, gap in _stack(block, width, chart_rows, min_rows):
            data_row = -1
            if isinstance(part, Chart):
                data_row, self.data_row = self.data_row, self.data_row + len(part.series) + 2
            elif isinstance(part, Table):
                self._table_heights(part, r)
            self.slots.append(Slot(part, r, c0, c1, width, rows, data_row))
            r += rows + gap
        return r - top

    def _table_heights(self, table: Table, r: int) -> None:
        """The header and wrapped labels make their rows taller."""
        lines = max((text_rows(label, HEADER_PX) for label in table.columns), default=1)
        if lines > 1:
            self._taller(r, lines * ROW_PT)
        for i, row in enumerate(table.rows, start=r + 1):
            if label_wraps(row.label):
                self._taller(i, text_rows(row.label, LABEL_PX) * ROW_PT)


def _is_commentary(block: Block) -> bool:
    return any(isinstance(p, Commentary) for p in block.parts)


def _width(span: int) -> int:
    return (span - 1) * (PANEL_PX + col_px(GAP_WIDTH)) + PANEL_PX


def _stack(
    block: Block, width: int, chart_rows: int = CHART_ROWS, min_rows: int = 0
) -> list[tuple[Part | Heading, int, int]]:
    """A block's parts top to bottom: (part, rows, blank rows after it). A chart has a blank row
    above it; a commentary takes at least `min_rows` with the notes under it."""
    out: list[tuple[Part | Heading, int, int]] = []
    if block.heading:
        out.append((Heading(block.title), text_rows(block.title, width, 10), 0))
    parts = block.parts
    for i, part in enumerate(parts):
        gap = int(i + 1 < len(parts) and isinstance(parts[i + 1], Chart))
        if isinstance(part, Table | TeamTable):
            out.append((part, 1 + len(part.rows), gap))
        elif isinstance(part, Note):
            out.append((part, text_rows(part.text, width, 8), gap))
        elif isinstance(part, Chart):
            out.append((part, chart_rows, gap))
        elif isinstance(part, Commentary):
            rest = sum(text_rows(p.text, width, 8) for p in parts[i + 1 :] if isinstance(p, Note))
            used = sum(rows + g for _, rows, g in out)
            rows = max(text_rows(part.text, width - 16), min_rows - used - rest, 3)
            out.append((part, rows, gap))
    return out


def _rows(block: Block, width: int, chart_rows: int = CHART_ROWS) -> int:
    return sum(rows + gap for _, rows, gap in _stack(block, width, chart_rows))
