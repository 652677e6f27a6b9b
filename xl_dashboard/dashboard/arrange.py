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
from .model import Block, Chart, Commentary, Dashboard, Note, Page, Part, RowLink, Table

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
    def __init__(self, page: Page, data_row: int) -> None:
        self.page = page
        self.data_row = data_row
        self.slots: list[Slot] = []
        self.heights: dict[int, float] = {0: 24, 1: 20}

    def layout(self) -> PageLayout:
        top = GRID_TOP
        blocks = list(self.page.blocks)
        while blocks:
            row = blocks[:PANELS_PER_ROW]
            blocks = blocks[PANELS_PER_ROW:]
            # Commentary takes the rest of its grid row (the whole row when it starts one).
            if any(isinstance(p, Commentary) for p in row[-1].parts) and not blocks:
                spans = [1] * (len(row) - 1) + [PANELS_PER_ROW - len(row) + 1]
            else:
                spans = [1] * len(row)
            heights, col = [], 0
            for block, span in zip(row[:-1], spans[:-1], strict=True):
                heights.append(self._panel(block, top, col * PANEL_SPAN, span))
                col += span
            tallest = max(heights, default=0)
            heights.append(self._panel(row[-1], top, col * PANEL_SPAN, spans[-1], tallest))
            top += max(heights) + 1
        return PageLayout(self.page, tuple(self.slots), tuple(self.heights.items()), top - 1)

    def _taller(self, r: int, points: float) -> None:
        self.heights[r] = max(self.heights.get(r, ROW_PT), points)

    def _panel(self, block: Block, top: int, c0: int, span: int, min_rows: int = 0) -> int:
        """Place a block from row `top`, column `c0`; return the rows it takes."""
        c1 = c0 + span * PANEL_SPAN - 2
        width = (span - 1) * (PANEL_PX + col_px(GAP_WIDTH)) + PANEL_PX
        r = top

        def put(part: Part | Heading, rows: int) -> None:
            nonlocal r
            data_row = -1
            if isinstance(part, Chart):
                data_row, self.data_row = self.data_row, self.data_row + len(part.series) + 2
            self.slots.append(Slot(part, r, c0, c1, width, rows, data_row))
            r += rows

        if block.heading:
            put(Heading(block.title), text_rows(block.title, width, 10))
        for i, part in enumerate(block.parts):
            if isinstance(part, Table):
                put(part, self._table_rows(part, r))
            elif isinstance(part, Note):
                put(part, text_rows(part.text, width, 8))
            elif isinstance(part, Chart):
                put(part, CHART_ROWS)
            elif isinstance(part, Commentary):
                rest = sum(
                    text_rows(p.text, width) for p in block.parts[i + 1 :] if isinstance(p, Note)
                )
                put(part, max(text_rows(part.text, width - 16), min_rows - (r - top) - rest, 3))
            if i + 1 < len(block.parts) and isinstance(block.parts[i + 1], Chart):
                r += 1
        return r - top

    def _table_rows(self, table: Table, r: int) -> int:
        """The rows a table takes; the header and wrapped labels make their rows taller."""
        lines = max((text_rows(label, HEADER_PX) for label in table.columns), default=1)
        if lines > 1:
            self._taller(r, lines * ROW_PT)
        for i, row in enumerate(table.rows, start=r + 1):
            if label_wraps(row.label):
                self._taller(i, text_rows(row.label, LABEL_PX) * ROW_PT)
        return 1 + len(table.rows)
