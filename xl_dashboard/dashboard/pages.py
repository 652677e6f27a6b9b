"""A dashboard page on a worksheet: the reference's blocks as panels on a three-column grid.

Panels are read left to right, top to bottom, in the reference's order. Each panel stacks its
heading, tables, notes, charts and commentary; all rows share one height, so panels side by
side line up and each part takes a whole number of rows."""

from __future__ import annotations

import math

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from . import rules, theme
from .cells import write_figure
from .charts import (
    NO_DATA,
    WITHHELD_BOX,
    ChartData,
    Placed,
    build_chart,
    no_data_box,
    target_name,
    tolerance_name,
)
from .model import Block, Chart, Commentary, Note, Page, Row, Table
from .styles import Styles

PANELS_PER_ROW = 3
VALUE_COLS = 6
PANEL_SPAN = VALUE_COLS + 2  # label, six values, a gap
LABEL_WIDTH = 31
VALUE_WIDTH = 7.4
GAP_WIDTH = 2.5
ROW_PT = 13.5
CHART_ROWS = 14
GRID_TOP = 3
CHAR_PX = 5.4  # average width of a 9pt character, for wrapping estimates (prose)
LABEL_CHAR_PX = 4.9  # the same for short labels (more narrow letters, no long words)


def col_px(width: float) -> int:
    """Excel's column width in characters → pixels (default font)."""
    return int(width * 7 + 0.5) + 5


PANEL_PX = col_px(LABEL_WIDTH) + VALUE_COLS * col_px(VALUE_WIDTH)
ROW_PX = round(ROW_PT * 4 / 3)


def text_rows(text: str, width_px: float, size: float = theme.SIZE) -> int:
    """Rows a wrapped text needs at `size` points in a box `width_px` wide."""
    per_line = max(1, int(width_px / (CHAR_PX * size / theme.SIZE)))
    lines = sum(max(1, math.ceil(len(p) / per_line)) for p in text.split("\n"))
    return max(1, math.ceil(lines * size * 1.3 / ROW_PT))


class PageWriter:
    def __init__(
        self,
        book: xlsxwriter.Workbook,
        ws: Worksheet,
        styles: Styles,
        chart_data: ChartData,
        placed: dict[tuple[str, int], Placed],
    ) -> None:
        self.book, self.ws, self.st = book, ws, styles
        self.chart_data = chart_data
        self.placed = placed
        self.heights: dict[int, float] = {}
        self.sheet = ws.get_name()

    # --- the page ----------------------------------------------------------------------------

    def write(self, page: Page) -> tuple[int, int]:
        """Write the page; return its last row and column (the print area)."""
        ws, st = self.ws, self.st
        last_col = PANELS_PER_ROW * PANEL_SPAN - 2
        ws.set_default_row(ROW_PT)
        for p in range(PANELS_PER_ROW):
            base = p * PANEL_SPAN
            ws.set_column(base, base, LABEL_WIDTH)
            ws.set_column(base + 1, base + VALUE_COLS, VALUE_WIDTH)
            ws.set_column(base + VALUE_COLS + 1, base + VALUE_COLS + 1, GAP_WIDTH)
        ws.merge_range(
            0,
            0,
            0,
            last_col,
            page.heading,
            st(bold=True, font_size=theme.HEADING_SIZE, font_color=theme.NAVY),
        )
        ws.merge_range(
            1,
            0,
            1,
            last_col,
            f"{page.name}:",
            st(
                bold=True,
                font_size=theme.SUBHEADING_SIZE,
                font_color=theme.INK,
                bottom=2,
                bottom_color=theme.NAVY,
            ),
        )
        self.heights[0], self.heights[1] = 24, 20
        ws.freeze_panes(2, 0)
        top = GRID_TOP
        blocks = list(page.blocks)
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
        for r, h in self.heights.items():
            ws.set_row(r, h)
        return top - 1, last_col

    # --- one panel ---------------------------------------------------------------------------

    def _panel(self, block: Block, top: int, c0: int, span: int, min_rows: int = 0) -> int:
        """Write a block from row `top`, column `c0`; return the rows it takes."""
        c1 = c0 + span * PANEL_SPAN - 2
        width = (span - 1) * (PANEL_PX + col_px(GAP_WIDTH)) + PANEL_PX
        r = top
        if block.heading:
            r += self._heading(block.title, r, c0, c1, width)
        for i, part in enumerate(block.parts):
            if isinstance(part, Table):
                r += self._table(part, r, c0)
            elif isinstance(part, Note):
                r += self._note(part.text, r, c0, c1, width)
            elif isinstance(part, Chart):
                r += self._chart(part, r, c0, width)
            elif isinstance(part, Commentary):
                rest = sum(
                    text_rows(p.text, width) for p in block.parts[i + 1 :] if isinstance(p, Note)
                )
                r += self._commentary(part, r, c0, c1, width, min_rows - (r - top) - rest)
            if i + 1 < len(block.parts) and isinstance(block.parts[i + 1], Chart):
                r += 1
        return r - top

    def _heading(self, title: str, r: int, c0: int, c1: int, width: int) -> int:
        fmt = self.st(
            bold=True,
            font_size=10,
            font_color=theme.NAVY,
            text_wrap=True,
            bottom=1,
            bottom_color=theme.NAVY,
            valign="bottom",
        )
        rows = text_rows(title, width, 10)
        if rows == 1:
            self.ws.merge_range(r, c0, r, c1, title, fmt)
        else:
            self.ws.merge_range(r, c0, r + rows - 1, c1, title, fmt)
        return rows

    def _note(self, text: str, r: int, c0: int, c1: int, width: int) -> int:
        rows = text_rows(text, width, 8)
        fmt = self.st(
            italic=True, font_size=8, font_color=theme.MUTED, text_wrap=True, valign="top"
        )
        self.ws.merge_range(r, c0, r + rows - 1, c1, text, fmt)
        return rows

    def _commentary(
        self, c: Commentary, r: int, c0: int, c1: int, width: int, min_rows: int
    ) -> int:
        rows = max(text_rows(c.text, width - 16), min_rows, 3)
        fmt = self.st(
            text_wrap=True,
            valign="top",
            border=1,
            border_color=theme.RULE,
            bg_color="#F7F7F7",
            indent=1,
        )
        self.ws.merge_range(r, c0, r + rows - 1, c1, c.text, fmt)
        return rows

    def _chart(self, chart: Chart, r: int, c0: int, width: int) -> int:
        height = CHART_ROWS * ROW_PX
        cats, cells = self.chart_data.block(
            chart.title, self.sheet, chart.categories, chart.series, self.placed
        )
        xl_chart = build_chart(self.book, chart, cats, cells, width, height)
        self.ws.insert_chart(r, c0, xl_chart, {"object_position": 1})
        if not chart.has_data:
            text = WITHHELD_BOX if chart.withheld else NO_DATA
            no_data_box(self.ws, r, c0, width, height, text)
        return CHART_ROWS

    # --- tables ------------------------------------------------------------------------------

    def _table(self, table: Table, r: int, c0: int) -> int:
        ws, st = self.ws, self.st
        n = len(table.columns)
        head = {"bold": True, "bg_color": theme.BAND, "bottom": 1, "bottom_color": theme.NAVY}
        ws.write_string(r, c0, table.corner, st(**head))
        value_px = col_px(VALUE_WIDTH) - 4
        lines = max((text_rows(label, value_px) for label in table.columns), default=1)
        if lines > 1:
            self.heights[r] = max(self.heights.get(r, ROW_PT), lines * ROW_PT)
        for j, label in enumerate(table.columns):
            ws.write_string(r, c0 + 1 + j, label, st(align="right", text_wrap=lines > 1, **head))
        first = r + 1
        for i, row in enumerate(table.rows):
            self._row(table, row, i, first, c0, n)
        return 1 + len(table.rows)

    def _row(self, table: Table, row: Row, i: int, first: int, c0: int, n: int) -> None:
        ws, st = self.ws, self.st
        r = first + i
        line = {"bottom": 1, "bottom_color": "#E0E0E0"}
        if row.style == "total":
            line = {"top": 1, "top_color": theme.INK, "bottom": 1, "bottom_color": theme.INK}
        emphasis = {"bold": True} if row.style in ("total", "percent") else {}
        if row.style == "comparator":
            emphasis = {"italic": True, "font_color": theme.MUTED}
        label_px = col_px(LABEL_WIDTH) - 6
        if len(row.label) * LABEL_CHAR_PX > label_px:
            self.heights[r] = max(
                self.heights.get(r, ROW_PT), text_rows(row.label, label_px) * ROW_PT
            )
            ws.write_string(r, c0, row.label, st(text_wrap=True, **line, **emphasis))
        else:
            ws.write_string(r, c0, row.label, st(**line, **emphasis))
        fmt = st.number(row.unit, **line, **emphasis)
        self.placed[(table.id, i)] = Placed(self.sheet, r, c0 + 1, row.spans)
        if row.spans:
            value = row.values[0] if row.values else None
            centred = st.number(row.unit, align="center", **line, **emphasis)
            if n > 1:
                ws.merge_range(r, c0 + 1, r, c0 + n, "", centred)
            write_figure(ws, r, c0 + 1, value, centred)
            return
        for j, value in enumerate(row.values):
            c = c0 + 1 + j
            d = row.derive
            if d is not None and d.agrees(
                table.rows[d.a].values[j], table.rows[d.b].values[j], value
            ):
                a = xl_rowcol_to_cell(first + d.a, c)
                b = xl_rowcol_to_cell(first + d.b, c)
                formula = f'=IF(N({b})=0,"",100*{a}/{b})' if d.op == "percent" else f"={a}-{b}"
                ws.write_formula(r, c, formula, fmt, value)
            else:
                write_figure(ws, r, c, value, fmt)
        if row.key is not None and row.polarity in ("up", "down"):
            self._rag(row, r, c0 + 1, c0 + n)

    def _rag(self, row: Row, r: int, c_first: int, c_last: int) -> None:
        """RAG conditional formats on the row's value cells, against its named target cells."""
        assert row.key is not None
        criteria = rules.rag_criteria(
            xl_rowcol_to_cell(r, c_first),
            target_name(row.key),
            tolerance_name(row.key),
            row.polarity,
        )
        for letter, formula in criteria.items():
            self.ws.conditional_format(
                r,
                c_first,
                r,
                c_last,
                {
                    "type": "formula",
                    "criteria": formula,
                    "format": self.st.rag(letter, row.unit),
                    "stop_if_true": True,
                },
            )
