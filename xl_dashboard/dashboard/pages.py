"""A dashboard page on a worksheet: each part written where the layout pass put it."""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from . import rules, theme
from .arrange import (
    GAP_WIDTH,
    HEADER_PX,
    LABEL_WIDTH,
    PANEL_SPAN,
    PANELS_PER_ROW,
    ROW_PT,
    ROW_PX,
    VALUE_COLS,
    VALUE_WIDTH,
    Heading,
    PageLayout,
    Slot,
    label_wraps,
    text_rows,
)
from .cells import write_figure
from .charts import (
    NO_DATA,
    WITHHELD_BOX,
    ChartData,
    build_chart,
    no_data_box,
    target_name,
    tolerance_name,
)
from .model import WITHHELD, Chart, Commentary, Derive, Note, Row, Table, TeamTable, number
from .styles import Styles

TEAM_COLUMNS = ("No.", "Of", "%", "RAG")


class PageWriter:
    """Writes one page where its layout (arrange.py) put each part."""

    def __init__(
        self, book: xlsxwriter.Workbook, ws: Worksheet, styles: Styles, chart_data: ChartData
    ) -> None:
        self.book, self.ws, self.st = book, ws, styles
        self.chart_data = chart_data
        self.sheet = ws.get_name()

    # --- the page ----------------------------------------------------------------------------

    def write(self, layout: PageLayout) -> None:
        ws, st, page = self.ws, self.st, layout.page
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
            layout.last_col,
            page.heading,
            st(bold=True, font_size=theme.HEADING_SIZE, font_color=theme.NAVY),
        )
        ws.merge_range(
            1,
            0,
            1,
            layout.last_col,
            f"{page.name}:",
            st(
                bold=True,
                font_size=theme.SUBHEADING_SIZE,
                font_color=theme.INK,
                bottom=2,
                bottom_color=theme.NAVY,
            ),
        )
        ws.freeze_panes(2, 0)
        for slot in layout.slots:
            self._slot(slot)
        for r, h in layout.heights:
            ws.set_row(r, h)

    def _slot(self, slot: Slot) -> None:
        part = slot.part
        if isinstance(part, Heading):
            self._heading(part.text, slot)
        elif isinstance(part, Table):
            self._table(part, slot.row, slot.c0)
        elif isinstance(part, TeamTable):
            self._team_table(part, slot.row, slot.c0)
        elif isinstance(part, Note):
            self._note(part.text, slot)
        elif isinstance(part, Chart):
            self._chart(part, slot)
        elif isinstance(part, Commentary):
            self._commentary(part, slot)

    def _heading(self, title: str, slot: Slot) -> None:
        fmt = self.st(
            bold=True,
            font_size=10,
            font_color=theme.NAVY,
            text_wrap=True,
            bottom=1,
            bottom_color=theme.NAVY,
            valign="bottom",
        )
        r, c0, c1 = slot.row, slot.c0, slot.c1
        if slot.rows == 1:
            self.ws.merge_range(r, c0, r, c1, title, fmt)
        else:
            self.ws.merge_range(r, c0, r + slot.rows - 1, c1, title, fmt)

    def _note(self, text: str, slot: Slot) -> None:
        fmt = self.st(
            italic=True, font_size=8, font_color=theme.MUTED, text_wrap=True, valign="top"
        )
        self.ws.merge_range(slot.row, slot.c0, slot.row + slot.rows - 1, slot.c1, text, fmt)

    def _commentary(self, c: Commentary, slot: Slot) -> None:
        fmt = self.st(
            text_wrap=True,
            valign="top",
            border=1,
            border_color=theme.RULE,
            bg_color="#F7F7F7",
            indent=1,
        )
        self.ws.merge_range(slot.row, slot.c0, slot.row + slot.rows - 1, slot.c1, c.text, fmt)

    def _chart(self, chart: Chart, slot: Slot) -> None:
        height = slot.rows * ROW_PX
        cats, cells = self.chart_data.block(
            slot.data_row, chart.title, self.sheet, chart.categories, chart.series
        )
        xl_chart = build_chart(self.book, chart, cats, cells, slot.width, height)
        self.ws.insert_chart(slot.row, slot.c0, xl_chart, {"object_position": 1})
        if not chart.has_data:
            text = WITHHELD_BOX if chart.withheld else NO_DATA
            no_data_box(self.ws, slot.row, slot.c0, slot.width, height, text)

    # --- tables ------------------------------------------------------------------------------

    def _table(self, table: Table, r: int, c0: int) -> None:
        ws, st = self.ws, self.st
        n = len(table.columns)
        head = {"bold": True, "bg_color": theme.BAND, "bottom": 1, "bottom_color": theme.NAVY}
        ws.write_string(r, c0, table.corner, st(**head))
        wrap = any(text_rows(label, HEADER_PX) > 1 for label in table.columns)
        for j, label in enumerate(table.columns):
            ws.write_string(r, c0 + 1 + j, label, st(align="right", text_wrap=wrap, **head))
        first = r + 1
        for i, row in enumerate(table.rows):
            self._row(table, row, i, first, c0, n)

    def _row(self, table: Table, row: Row, i: int, first: int, c0: int, n: int) -> None:
        ws, st = self.ws, self.st
        r = first + i
        line = {"bottom": 1, "bottom_color": "#E0E0E0"}
        if row.style == "total":
            line = {"top": 1, "top_color": theme.INK, "bottom": 1, "bottom_color": theme.INK}
        emphasis = {"bold": True} if row.style in ("total", "percent") else {}
        if row.style == "comparator":
            emphasis = {"italic": True, "font_color": theme.MUTED}
        if label_wraps(row.label):
            ws.write_string(r, c0, row.label, st(text_wrap=True, **line, **emphasis))
        else:
            ws.write_string(r, c0, row.label, st(**line, **emphasis))
        fmt = st.number(row.unit, **line, **emphasis)
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

    def _team_table(self, table: TeamTable, r: int, c0: int) -> None:
        """Team, No., Of, %, RAG: the % a live formula over the counts, the RAG a live formula
        against the indicator's target on the Summary, coloured like every RAG cell."""
        ws, st = self.ws, self.st
        head = {"bold": True, "bg_color": theme.BAND, "bottom": 1, "bottom_color": theme.NAVY}
        ws.write_string(r, c0, table.title, st(**head))
        for j, label in enumerate(TEAM_COLUMNS):
            ws.write_string(r, c0 + 1 + j, label, st(align="right", **head))
        line = {"bottom": 1, "bottom_color": "#E0E0E0"}
        count, pct = st.number("count", **line), st.number("%", bold=True, **line)
        target, tolerance = target_name(table.key), tolerance_name(table.key)
        for i, row in enumerate(table.rows, start=r + 1):
            label = f"{row.team} †" if row.small else row.team
            ws.write_string(i, c0, label, st(**line, **({"italic": True} if row.small else {})))
            num, den, value = (xl_rowcol_to_cell(i, c0 + k) for k in (1, 2, 3))
            write_figure(ws, i, c0 + 1, row.numerator, count)
            write_figure(ws, i, c0 + 2, row.denominator, count)
            derive = Derive("percent", 0, 1)
            if derive.agrees(row.numerator, row.denominator, row.percent):
                ws.write_formula(
                    i, c0 + 3, f'=IF(N({den})=0,"",100*{num}/{den})', pct, number(row.percent)
                )
            else:
                write_figure(ws, i, c0 + 3, row.percent, pct)
            if table.polarity not in ("up", "down") or row.percent is WITHHELD:
                ws.write_blank(i, c0 + 4, None, st(**line))
                continue
            ws.write_formula(
                i,
                c0 + 4,
                rules.rag_formula(value, target, tolerance, table.polarity),
                st(align="center", bold=True, **line),
                row.rag,
            )
            for letter, formula in rules.rag_criteria(
                value, target, tolerance, table.polarity
            ).items():
                for c, unit in ((c0 + 3, "%"), (c0 + 4, None)):
                    ws.conditional_format(
                        i,
                        c,
                        i,
                        c,
                        {
                            "type": "formula",
                            "criteria": formula,
                            "format": st.rag(letter, unit),
                            "stop_if_true": True,
                        },
                    )

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
