"""The dashboard inside the template: the sheet 'Dashboard data' (fixed blocks, empty until a
refresh fills them), the Summary sheet 'Dashboard' and one sheet per page.

Every figure on the Summary and the pages is a formula over a block cell, every chart series a
block range, every RAG rule a comparison with the block's target and tolerance cells: a refresh
writes values into the blocks (`refresh.write_blocks`) and Excel (or LibreOffice) shows the
rest. The blocks' places come from `api.geometry()`, the one definition the refresh uses too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..api import (
    BY_ID,
    CATALOGUE,
    DATA_SHEET,
    HEADER_FIELDS,
    PAGE_SHEETS,
    SECTIONS,
    SERIES_COLUMNS,
    TEAM_COLUMNS,
    TEAM_ROWS,
    DataBlocks,
    Spot,
    direction_formula,
    geometry,
    rag_criteria,
    rag_formula,
    series_keys,
    summary_rows,
    team_indicators,
)

SUMMARY_SHEET = "Dashboard"
NAVY, BAND, MUTED, TARGET, RULE = "#1F3864", "#DCE6F1", "#595959", "#C00000", "#BFBFBF"
RAG_FILLS = {"G": "#C6EFCE", "A": "#FFEB9C", "R": "#FFC7CE"}
RAG_FONTS = {"G": "#006100", "A": "#9C5700", "R": "#9C0006"}
SERIES_COLOURS = ("#1F3864", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
SPC_COLOUR = "#7F7F7F"
NUMBER_FORMATS = {"count": "#,##0", "%": "0.0", "per 10k": "0.0"}
FACTORS = {"%": 100, "per 10k": 10_000}  # value = factor × numerator / denominator
CHART_ROWS = 13  # rows a page chart spans
CHART_COLUMN = 11  # the column a page chart starts in
DATA_NOTES = (
    "Filled by Refresh (xlwings Lite) or Refresh here (the desktop button): do not type here, "
    "the next refresh replaces every value.",
    "The Summary ('Dashboard') and the four page sheets read these cells; Clear results empties "
    "them and leaves the pages' formulas and charts in place.",
    "Figures in display units: percentages 0-100, rates per 10,000 children aged 0-17. "
    "c = withheld (a published pack); a blank = no figure.",
)
PLACEHOLDER = "Click Refresh to fill the dashboard from this workbook's sheets."


def col(name: str) -> int:
    """The column (inside the `series` block) of a named series column."""
    return SERIES_COLUMNS.index(name)


def shown(ref: str) -> str:
    """A block cell as a page shows it: blank stays blank (not the 0 Excel gives)."""
    return f'IF({ref}="","",{ref})'


@dataclass
class _Formats:
    book: xlsxwriter.Workbook

    def __post_init__(self) -> None:
        add = self.book.add_format
        self.title = add({"bold": True, "font_size": 14, "font_color": NAVY})
        self.heading = add({"bold": True, "font_size": 12, "font_color": NAVY})
        self.note = add({"italic": True, "font_color": MUTED, "text_wrap": True})
        self.header = add({"bold": True, "bg_color": BAND, "border": 1, "border_color": RULE})
        self.header_wrap = add(
            {"bold": True, "bg_color": BAND, "border": 1, "border_color": RULE, "text_wrap": True}
        )
        self.label = add({"border": 1, "border_color": RULE, "text_wrap": True})
        self.plain = add({"border": 1, "border_color": RULE})
        self.text = add({"border": 1, "border_color": RULE, "align": "center"})
        self.comment = add({"text_wrap": True, "valign": "top", "border": 1, "border_color": RULE})
        self.numbers = {
            unit: add({"num_format": f, "border": 1, "border_color": RULE, "align": "right"})
            for unit, f in NUMBER_FORMATS.items()
        }
        self.rag = {
            letter: add({"bg_color": fill, "font_color": RAG_FONTS[letter]})
            for letter, fill in RAG_FILLS.items()
        }


def write_pages(book: xlsxwriter.Workbook, add: Callable[[str], Worksheet]) -> None:
    """The Summary and the four pages (added now, so they follow Instructions); the data sheet
    is added by `write_data_sheet`, after the input sheets."""
    fmt = _Formats(book)
    spots = geometry()
    _summary(add(SUMMARY_SHEET), fmt, spots)
    for section in SECTIONS:
        _page(book, add(PAGE_SHEETS[section]), fmt, spots, section)


def write_data_sheet(
    book: xlsxwriter.Workbook, ws: Worksheet, blocks: DataBlocks | None = None
) -> None:
    """'Dashboard data': its notes, each block's labels, and the blocks (empty in the template;
    filled with `blocks` for a preview)."""
    fmt = _Formats(book)
    spots = geometry()
    ws.write(0, 0, DATA_SHEET, fmt.title)
    for i, text in enumerate(DATA_NOTES, start=1):
        ws.write(i, 0, text, fmt.note)
    header = spots["header"]
    ws.write(header.row - 1, 0, "header", fmt.header)
    for i, name in enumerate(HEADER_FIELDS):
        ws.write(header.row + i, 0, name)
    series, months = spots["series"], spots["months"]
    for j, name in enumerate(SERIES_COLUMNS):
        if not months.column <= j < months.column + months.width:
            ws.write(series.row - 1, series.column + j, name, fmt.header)
    ws.write(months.row - 2, months.column, "months (value_1 … value_6: oldest first)", fmt.note)
    for indicator_id in team_indicators():
        spot = spots[f"teams:{indicator_id}"]
        ws.write(spot.row - 1, 0, f"teams:{indicator_id}", fmt.header)
        for j, name in enumerate(TEAM_COLUMNS[1:], start=1):
            ws.write(spot.row - 1, j, name, fmt.header)
    commentary = spots["commentary"]
    ws.write(commentary.row - 1, 0, "commentary", fmt.header)
    for i, section in enumerate(SECTIONS):
        ws.write(commentary.row + i, 0, PAGE_SHEETS[section])
    if blocks is not None:
        for name, spot in spots.items():
            for i, row in enumerate(blocks.values[name]):
                for j, v in enumerate(row):
                    if v is not None:
                        ws.write(spot.row + i, spot.column + j, v)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 2, 24)
    ws.freeze_panes(series.row, 3)


# ------------------------------------------------------------------------------------------
# The Summary


SUMMARY_HEADERS = ("Indicator", "this", "last", "Direction", "Target", "RAG")


def _summary(ws: Worksheet, fmt: _Formats, spots: dict[str, Spot]) -> None:
    header, series = spots["header"], spots["series"]
    hf = {name: header.cell(i) for i, name in enumerate(HEADER_FIELDS)}
    ws.set_row(0, 22)
    ws.write_formula(0, 0, f'=IF({hf["Heading"]}="","{PLACEHOLDER}",{hf["Heading"]})', fmt.title)
    ws.write_formula(1, 0, "=" + shown(hf["Refreshed"]), fmt.note)
    ws.write_formula(2, 0, "=" + shown(hf["Withheld figures"]), fmt.note)
    top = 4
    ws.write(top, 0, "Indicator", fmt.header)
    ws.write_formula(
        top, 1, f'=IF({hf["This month"]}="","This month",{hf["This month"]})', fmt.header
    )
    ws.write_formula(
        top, 2, f'=IF({hf["Last month"]}="","Last month",{hf["Last month"]})', fmt.header
    )
    for j, name in enumerate(("Direction", "Target", "RAG"), start=3):
        ws.write(top, j, name, fmt.header)
    for j, name in enumerate(("England", "Statistical neighbours", "Region"), start=6):
        ws.write_formula(top, j, f'=IF({hf[name]}="","{name}",{hf[name]})', fmt.header_wrap)
    for j, name in enumerate(("Variation", "Assurance", "Trend"), start=9):
        ws.write(top, j, name, fmt.header)
    keys = series_keys()
    row = top + 1
    for section, name in SECTIONS.items():
        ws.write(row, 0, name, fmt.heading)
        row += 1
        for i in summary_rows():
            ind = BY_ID[keys[i].indicator_id]
            if ind.section != section:
                continue
            _summary_row(ws, fmt, series, row, i, ind.unit, ind.polarity, ind.title)
            row += 1
    ws.set_column(0, 0, 66)
    ws.set_column(1, 2, 10)
    ws.set_column(3, 3, 11)
    ws.set_column(4, 5, 8)
    ws.set_column(6, 8, 12)
    ws.set_column(9, 10, 24)
    ws.set_column(11, 11, 16)
    ws.freeze_panes(top + 1, 1)
    _print_ready(ws, row, 11)


def _summary_row(
    ws: Worksheet,
    fmt: _Formats,
    series: Spot,
    row: int,
    i: int,
    unit: str,
    polarity: str,
    title: str,
) -> None:
    def cell(name: str) -> str:
        return series.cell(i, col(name))

    number = fmt.numbers[unit]
    ws.write_formula(row, 0, f'=IF({cell("title")}="","{title}",{cell("title")})', fmt.plain)
    ws.write_formula(row, 1, "=" + shown(cell("value_6")), number)
    ws.write_formula(row, 2, "=" + shown(cell("value_5")), number)
    this, last = _a1(row, 1), _a1(row, 2)
    ws.write_formula(row, 3, direction_formula(this, last, polarity), fmt.text)
    ws.write_formula(row, 4, "=" + shown(cell("target")), number)
    if polarity != "none":
        ws.write_formula(
            row, 5, rag_formula(this, _a1(row, 4), cell("tolerance"), polarity), fmt.text
        )
        _rag_rules(ws, fmt, row, 5, row, 5, _a1(row, 5, relative=True), literal=True)
        _rag_rules(
            ws,
            fmt,
            row,
            1,
            row,
            1,
            this,
            target=_a1(row, 4),
            tolerance=cell("tolerance"),
            polarity=polarity,
        )
    for j, name in enumerate(("england", "neighbours", "region"), start=6):
        ws.write_formula(row, j, "=" + shown(cell(name)), number)
    for j, name in ((9, "variation"), (10, "assurance")):  # icon names, read as words
        ws.write_formula(row, j, f'=SUBSTITUTE({shown(cell(name))},"_"," ")', fmt.plain)
    ws.add_sparkline(
        row,
        11,
        {"range": series.span(i, col("value_1"), 1, 6).replace("$", ""), "markers": True},
    )


def _a1(row: int, column: int, relative: bool = False) -> str:
    ref = xlsxwriter.utility.xl_rowcol_to_cell(row, column, row_abs=True, col_abs=True)
    return ref.replace("$", "") if relative else ref


def _rag_rules(
    ws: Worksheet,
    fmt: _Formats,
    first_row: int,
    first_col: int,
    last_row: int,
    last_col: int,
    value: str,
    *,
    literal: bool = False,
    target: str = "",
    tolerance: str = "",
    polarity: str = "",
) -> None:
    """RAG fills over a range: by the letter in the cell (`literal`), or by comparing the first
    cell (`value`, relative) with the target and tolerance cells."""
    if literal:
        criteria = {letter: f'={value}="{letter}"' for letter in RAG_FILLS}
    else:
        criteria = rag_criteria(value, target, tolerance, polarity)
    for letter, formula in criteria.items():
        ws.conditional_format(
            first_row,
            first_col,
            last_row,
            last_col,
            {"type": "formula", "criteria": formula, "format": fmt.rag[letter]},
        )


# ------------------------------------------------------------------------------------------
# The pages


def _page(
    book: xlsxwriter.Workbook, ws: Worksheet, fmt: _Formats, spots: dict[str, Spot], section: int
) -> None:
    header, series, months = spots["header"], spots["series"], spots["months"]
    ws.write_formula(0, 0, f'=IF({header.cell(2)}="","{PLACEHOLDER}",{header.cell(2)})', fmt.title)
    ws.write(1, 0, SECTIONS[section], fmt.heading)
    ws.write_formula(
        2, 0, "=" + shown(header.cell(HEADER_FIELDS.index("Withheld figures"))), fmt.note
    )
    keys = series_keys()
    row = 4
    for ind in CATALOGUE:
        if ind.section != section:
            continue
        rows = [i for i, k in enumerate(keys) if k.indicator_id == ind.id]
        row = _indicator(book, ws, fmt, series, months, header, row, ind, rows)
    for indicator_id in team_indicators():
        if BY_ID[indicator_id].section == section:
            headline = keys.index(next(k for k in keys if k.indicator_id == indicator_id))
            row = _teams(ws, fmt, spots[f"teams:{indicator_id}"], series, headline, row)
    ws.write(row, 0, "Commentary", fmt.heading)
    commentary = spots["commentary"].cell(list(SECTIONS).index(section))
    ws.merge_range(row + 1, 0, row + 12, CHART_COLUMN - 1, "", fmt.comment)
    ws.write_formula(row + 1, 0, "=" + shown(commentary), fmt.comment)
    row += 13
    ws.set_column(0, 0, 40)
    ws.set_column(1, 9, 9)
    ws.set_column(CHART_COLUMN, CHART_COLUMN + 8, 9)
    _print_ready(ws, row, CHART_COLUMN + 8)


def _indicator(
    book: xlsxwriter.Workbook,
    ws: Worksheet,
    fmt: _Formats,
    series: Spot,
    months: Spot,
    header: Spot,
    top: int,
    ind: Any,
    rows: list[int],
) -> int:
    """One indicator: its title, a six-month table, a chart beside it. Returns the next row."""
    number = fmt.numbers[ind.unit]
    polarity = ind.polarity
    first = rows[0]

    def cell(i: int, name: str) -> str:
        return series.cell(i, col(name))

    ws.write_formula(
        top, 0, f'=IF({cell(first, "title")}="","{ind.title}",{cell(first, "title")})', fmt.heading
    )
    head = top + 1
    ws.write(head, 0, "", fmt.header)
    for m in range(6):
        ws.write_formula(head, 1 + m, "=" + shown(months.cell(0, m)), fmt.header)
    ws.write(head, 7, "Target", fmt.header)
    for j, name in enumerate(("England", "Statistical neighbours", "Region"), start=8):
        ref = header.cell(HEADER_FIELDS.index(name))
        ws.write_formula(head, j, f'=IF({ref}="","{name}",{ref})', fmt.header_wrap)
    r = head + 1
    live = len(rows) == 1 and ind.unit in FACTORS and bool(ind.numerator and ind.denominator)
    if live:
        for name, label in (("numerator", ind.numerator), ("denominator", ind.denominator)):
            ws.write(r, 0, label, fmt.label)
            for m in range(6):
                ws.write_formula(
                    r, 1 + m, "=" + shown(cell(first, f"{name}_{m + 1}")), fmt.numbers["count"]
                )
            r += 1
    for i in rows:
        key_label = series_keys()[i].breakdown or (
            "All" if len(rows) > 1 else f"Value ({ind.unit})"
        )
        ws.write(r, 0, key_label, fmt.label)
        for m in range(6):
            value = cell(i, f"value_{m + 1}")
            if live:
                n, d = _a1(r - 2, 1 + m), _a1(r - 1, 1 + m)
                factor = FACTORS[ind.unit]
                formula = (
                    f'=IF(AND(ISNUMBER({n}),ISNUMBER({d})),IF({d}=0,"",{factor}*{n}/{d}),'
                    f"{shown(value)})"
                )
            else:
                formula = "=" + shown(value)
            ws.write_formula(r, 1 + m, formula, number)
        ws.write_formula(r, 7, "=" + shown(cell(i, "target")), number)
        for j, name in enumerate(("england", "neighbours", "region"), start=8):
            ws.write_formula(r, j, "=" + shown(cell(i, name)), number)
        if polarity != "none":
            _rag_rules(
                ws,
                fmt,
                r,
                1,
                r,
                6,
                _a1(r, 1, relative=True),
                target=cell(i, "target"),
                tolerance=cell(i, "tolerance"),
                polarity=polarity,
            )
        r += 1
    _chart(book, ws, series, months, top, ind, rows)
    return max(r, top + CHART_ROWS) + 2


def _chart(
    book: xlsxwriter.Workbook,
    ws: Worksheet,
    series: Spot,
    months: Spot,
    top: int,
    ind: Any,
    rows: list[int],
) -> None:
    """A native chart of the indicator's rows of the block: columns for counts, else lines;
    the headline's target and SPC mean and limits as lines."""
    unit = ind.unit
    chart = book.add_chart({"type": "column" if unit == "count" else "line"})
    keys = series_keys()
    categories = months.ref

    def values(i: int, name: str) -> str:
        return series.span(i, col(f"{name}_1"), 1, 6)

    for n, i in enumerate(rows):
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        options: dict[str, object] = {
            "name": keys[i].breakdown or ("All" if len(rows) > 1 else "Value"),
            "categories": categories,
            "values": values(i, "value"),
        }
        if unit == "count":
            options["fill"] = {"color": colour}
        else:
            options["line"] = {"color": colour, "width": 2}
            options["marker"] = {"type": "circle", "size": 5, "fill": {"color": colour}}
        chart.add_series(options)
    lines = chart if unit != "count" else book.add_chart({"type": "line"})
    first = rows[0]
    extra = []
    if ind.polarity != "none":
        extra.append(("Target", "target_line", {"color": TARGET, "width": 1.25}))
    if not keys[first].breakdown:
        extra += [
            ("Mean", "mean", {"color": SPC_COLOUR, "width": 1}),
            ("Lower limit", "lower", {"color": SPC_COLOUR, "width": 0.75, "dash_type": "dash"}),
            ("Upper limit", "upper", {"color": SPC_COLOUR, "width": 0.75, "dash_type": "dash"}),
        ]
    for name, field, line in extra:
        lines.add_series(
            {
                "name": name,
                "categories": categories,
                "values": values(first, field),
                "line": line,
                "marker": {"type": "none"},
            }
        )
    if lines is not chart and extra:
        chart.combine(lines)
    chart.set_title({"none": True})
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    chart.set_y_axis(
        {
            "num_format": NUMBER_FORMATS[unit],
            "major_gridlines": {"visible": True, "line": {"color": "#E0E0E0"}},
        }
    )
    chart.set_size({"width": 560, "height": CHART_ROWS * 20 - 6})
    chart.show_blanks_as("gap")
    ws.insert_chart(top, CHART_COLUMN, chart, {"x_offset": 4, "y_offset": 2})


def _teams(ws: Worksheet, fmt: _Formats, spot: Spot, series: Spot, headline: int, top: int) -> int:
    """An indicator's team table: a title, a header and the block's fixed rows. Returns the
    next row."""
    ws.write_formula(top, 0, f'=IF({spot.cell(0, 0)}="","By team",{spot.cell(0, 0)})', fmt.heading)
    for j, name in enumerate(("Team", "Numerator", "Denominator", "%", "")):
        ws.write(top + 1, j, name, fmt.header)
    for i in range(1, TEAM_ROWS + 1):
        r = top + 1 + i
        ws.write_formula(r, 0, "=" + shown(spot.cell(i, 0)), fmt.label)
        for j in (1, 2):
            ws.write_formula(r, j, "=" + shown(spot.cell(i, j)), fmt.numbers["count"])
        ws.write_formula(r, 3, "=" + shown(spot.cell(i, 3)), fmt.numbers["%"])
        ws.write_formula(r, 4, "=" + shown(spot.cell(i, 4)), fmt.text)
    ind_polarity = series_polarity(headline)
    if ind_polarity != "none":
        _rag_rules(
            ws,
            fmt,
            top + 2,
            3,
            top + 1 + TEAM_ROWS,
            3,
            _a1(top + 2, 3, relative=True),
            target=series.cell(headline, col("target")),
            tolerance=series.cell(headline, col("tolerance")),
            polarity=ind_polarity,
        )
    return top + TEAM_ROWS + 4


def series_polarity(i: int) -> str:
    return BY_ID[series_keys()[i].indicator_id].polarity


def _print_ready(ws: Worksheet, last_row: int, last_col: int) -> None:
    """A4 landscape, one page wide, no gridlines, the sheet's name and page in the footer."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer("&L&A&RPage &P of &N")
    ws.print_area(0, 0, last_row, last_col)
    ws.hide_gridlines(2)
