"""The Summary sheet: every headline indicator in one table, with live RAG and direction.

The Target and Tolerance cells of each row are named (`Target_<id>`, `Tolerance_<id>`); the RAG
letter, its colour and the colours on the pages all refer to them, so editing a target here
re-colours the whole workbook."""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from ..indicators.catalogue import POLARITY_TEXT
from . import rules, theme
from .cells import write_figure
from .charts import ChartData, target_name, tolerance_name
from .model import Summary, SummaryRow, number
from .styles import Styles

COLUMNS = (  # header, width
    ("Indicator", 64),  # the longest title, with "(higher is better)", fits
    ("This month", 12),
    ("Last month", 12),
    ("Direction", 11),
    ("RAG", 6),
    ("Variation", 12),
    ("Assurance", 12),
    ("Target", 9),
    ("Amber tolerance", 10),
    ("England", 10),
    ("Statistical neighbours", 12),
    ("Region", 12),
    ("Last 6 months", 16),
)
THIS, LAST, DIRECTION, RAG, VARIATION, ASSURANCE = 1, 2, 3, 4, 5, 6
TARGET, TOLERANCE, COMPARATORS, TREND = 7, 8, 9, 12
TREND_PX = 16 * 7 + 5  # the trend column's width in pixels (16 characters)
HEADER_ROW = 4
ROW_PT = 15
ROW_PX = 20


def write_summary(
    book: xlsxwriter.Workbook,
    ws: Worksheet,
    st: Styles,
    summary: Summary,
    chart_data: ChartData,
) -> int:
    """Write the summary; return its last row."""
    last_col = len(COLUMNS) - 1
    for c, (_, width) in enumerate(COLUMNS):
        ws.set_column(c, c, width)
    ws.set_default_row(ROW_PT)
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        summary.heading,
        st(bold=True, font_size=theme.HEADING_SIZE, font_color=theme.NAVY),
    )
    ws.set_row(0, 24)
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "Summary: every headline indicator",
        st(bold=True, font_size=theme.SUBHEADING_SIZE, bottom=2, bottom_color=theme.NAVY),
    )
    ws.set_row(1, 20)
    ws.merge_range(
        2,
        0,
        2,
        last_col,
        "RAG against target: G on or better than target, A within the amber tolerance, "
        "R outside it (blank: no target). Direction: since last month; better/worse where a "
        "direction is good, up/down for volumes. Edit a Target or Amber tolerance cell to "
        "re-colour this sheet and the pages.\n" + theme.SPC_LEGEND,
        st(italic=True, font_size=8, font_color=theme.MUTED, text_wrap=True, valign="top"),
    )
    ws.set_row(2, 36)
    if summary.legend:  # row 3 is otherwise an empty spacer above the header
        ws.merge_range(3, 0, 3, last_col, summary.legend, st(bold=True, font_size=8, valign="top"))
    headers = [h for h, _ in COLUMNS]
    headers[THIS] = f"This month\n{summary.this_label}"
    headers[LAST] = f"Last month\n{summary.last_label}"
    for k, name in enumerate(summary.comparator_names):
        headers[COMPARATORS + k] = name
    headers[TREND] = f"Last {len(summary.trend_labels)} months"
    head = st(
        bold=True,
        bg_color=theme.BAND,
        bottom=1,
        bottom_color=theme.NAVY,
        text_wrap=True,
        align="center",
    )
    for c, text in enumerate(headers):
        ws.write_string(
            HEADER_ROW,
            c,
            text,
            head if c else st(bold=True, bg_color=theme.BAND, bottom=1, bottom_color=theme.NAVY),
        )
    ws.set_row(HEADER_ROW, 27)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    trend_ranges = chart_data.trends(
        summary.trend_labels, [(r.title, r.unit, r.trend) for r in summary.rows]
    )
    r = HEADER_ROW + 1
    k = 0
    for section, rows in summary.sections:
        ws.merge_range(
            r,
            0,
            r,
            last_col,
            section,
            st(
                bold=True,
                font_color=theme.NAVY,
                bottom=1,
                bottom_color=theme.RULE,
                bg_color="#F2F2F2",
            ),
        )
        r += 1
        for row in rows:
            _write_row(book, ws, st, row, r, trend_ranges[k])
            r += 1
            k += 1
    return r - 1


def _write_row(
    book: xlsxwriter.Workbook, ws: Worksheet, st: Styles, row: SummaryRow, r: int, trend: str
) -> None:
    line = {"bottom": 1, "bottom_color": "#E0E0E0"}
    title = row.title
    if row.polarity != "none":
        title = f"{title} ({POLARITY_TEXT[row.polarity].lower()})"
    ws.write_string(r, 0, title, st(**line))
    number = st.number(row.unit, **line)
    for c, v in ((THIS, row.this), (LAST, row.last)):
        write_figure(ws, r, c, v, number)
    this, last = (xl_rowcol_to_cell(r, c, col_abs=True) for c in (THIS, LAST))
    ws.write_formula(
        r,
        DIRECTION,
        rules.direction_formula(this, last, row.polarity),
        st(align="center", **line),
        row.direction,
    )
    for which, formula in rules.direction_criteria(this, last, row.polarity).items():
        ws.conditional_format(
            r,
            DIRECTION,
            r,
            DIRECTION,
            {"type": "formula", "criteria": formula, "format": st.travel(which)},
        )
    if row.polarity in ("up", "down"):
        target, tolerance = (xl_rowcol_to_cell(r, c, True, True) for c in (TARGET, TOLERANCE))
        editable = st.number(row.unit, bg_color="#FFF8E1", **line)
        write_figure(ws, r, TARGET, row.target, editable)
        write_figure(ws, r, TOLERANCE, row.tolerance, editable)
        book.define_name(target_name(row.key), f"={_sheet_ref(ws)}!{target}")
        book.define_name(tolerance_name(row.key), f"={_sheet_ref(ws)}!{tolerance}")
        ws.write_formula(
            r,
            RAG,
            rules.rag_formula(this, target, tolerance, row.polarity),
            st(align="center", bold=True, **line),
            row.rag,
        )
        criteria = rules.rag_criteria(this, target, tolerance, row.polarity)
        for letter, formula in criteria.items():
            for c, unit in ((RAG, None), (THIS, row.unit)):
                ws.conditional_format(
                    r,
                    c,
                    r,
                    c,
                    {
                        "type": "formula",
                        "criteria": formula,
                        "format": st.rag(letter, unit),
                        "stop_if_true": True,
                    },
                )
    else:
        muted = st(align="center", font_color=theme.MUTED, **line)
        for c in (RAG, TARGET, TOLERANCE):
            ws.write_string(r, c, "–", muted)
    for c, (text, look) in (
        (VARIATION, theme.variation_icon(row.variation, row.polarity)),
        (ASSURANCE, theme.ASSURANCE_ICONS.get(row.assurance, ("", ""))),
    ):
        if text:
            ws.write_string(r, c, text, st(align="center", **line, **theme.ICON_LOOKS[look]))
        else:
            ws.write_string(r, c, "–", st(align="center", font_color=theme.MUTED, **line))
    for k, v in enumerate(row.comparators):
        write_figure(ws, r, COMPARATORS + k, v, number)
    ws.write_blank(r, TREND, None, st(**line))
    ws.insert_chart(r, TREND, trend_chart(book, trend, row.trend), {"object_position": 1})


def trend_chart(book: xlsxwriter.Workbook, cells: str, values: tuple) -> object:
    """A small line chart of the row's last months inside its cell (a sparkline that prints
    alike in Excel and LibreOffice): no axes, no legend, the latest month marked."""
    chart = book.add_chart({"type": "line"})
    shown = [v for v in map(number, values) if v is not None]
    points = [None] * (len(values) - 1) + [
        {"fill": {"color": theme.SERIES[1]}, "border": {"color": theme.SERIES[1]}}
    ]
    chart.add_series(
        {
            "values": f"={cells}",
            "line": {"color": theme.SERIES[0], "width": 1.25},
            "marker": {
                "type": "circle",
                "size": 3,
                "fill": {"color": theme.SERIES[0]},
                "border": {"color": theme.SERIES[0]},
            },
            "points": points,
        }
    )
    low, high = (min(shown), max(shown)) if shown else (0.0, 1.0)
    pad = (high - low) * 0.1 or max(abs(high) * 0.05, 0.5)
    chart.set_y_axis(
        {
            "visible": False,
            "min": low - pad,
            "max": high + pad,
            "major_gridlines": {"visible": False},
        }
    )
    chart.set_x_axis({"visible": False})
    chart.set_legend({"none": True})
    chart.set_chartarea({"border": {"none": True}, "fill": {"none": True}})
    chart.set_plotarea(
        {"layout": {"x": 0.04, "y": 0.08, "width": 0.92, "height": 0.84}, "fill": {"none": True}}
    )
    chart.set_size({"width": TREND_PX, "height": ROW_PX})
    return chart


def _sheet_ref(ws: Worksheet) -> str:
    return quote_sheetname(ws.get_name())
