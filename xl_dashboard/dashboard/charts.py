"""Native Excel charts: every series plots cells of the `Chart data` sheet.

A chart-data cell that shows a figure already on a page is a formula linking to that page cell
(so editing the page moves the chart), a target line links to the target's named cell on the
Summary, and anything else is the number itself. A withheld figure (a published pack) is a blank
cell, so the chart leaves a gap (Excel plots text such as `c` as zero); the row then says which
cells it left blank. One helper per chart kind is not needed: the series' `kind` (line, column,
bar) and `secondary` flag decide the xlsxwriter chart parts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from . import theme
from .cells import write_figure
from .model import WITHHELD, Chart, Key, RowLink, Series, TargetLink, Value, number
from .styles import Styles

CHART_DATA = "Chart data"
FIRST_VALUE_COL = 2
FIRST_DATA_ROW = 2  # the Summary's trend rows, then each chart's rows (arrange.py)
NO_DATA = "No data for this period"
WITHHELD_BOX = "Figures withheld (c)"


def target_name(key: Key) -> str:
    return _name("Target", key)


def tolerance_name(key: Key) -> str:
    return _name("Tolerance", key)


def _name(prefix: str, key: Key) -> str:
    text = f"{prefix}_{key.indicator_id}"
    if key.breakdown:
        text += "_" + "".join(c if c.isalnum() else "_" for c in key.breakdown)
    return text


@dataclass(frozen=True)
class Placed:
    """Where a table row was written: its sheet, row and the first value column."""

    sheet: str
    row: int
    col: int
    spans: bool  # one value for all columns (a comparator)

    def cell(self, j: int) -> str:
        col = self.col if self.spans else self.col + j
        return f"{quote_sheetname(self.sheet)}!{xl_rowcol_to_cell(self.row, col, True, True)}"


@dataclass(frozen=True)
class SeriesCells:
    name: list  # [sheet, row, col]
    values: list  # [sheet, row, first col, row, last col]


class ChartData:
    """The `Chart data` sheet: each chart's block at the rows the layout gave it; `links` says
    where each table row a chart links to went."""

    def __init__(self, ws: Worksheet, styles: Styles, links: Mapping[RowLink, Placed]) -> None:
        self.ws = ws
        self.styles = styles
        self.links = links
        ws.write_string(0, 0, "Chart data", styles(bold=True, font_size=theme.SUBHEADING_SIZE))
        ws.write_string(
            1,
            0,
            "The cells each chart and sparkline plots. A cell showing a figure from a page "
            "links to it; target lines link to the targets on the Summary sheet.",
            styles(italic=True, font_color=theme.MUTED),
        )
        ws.set_column(0, 0, 48)
        ws.set_column(1, 1, 22)
        ws.set_column(FIRST_VALUE_COL, FIRST_VALUE_COL + 12, 9)

    def block(
        self,
        head: int,
        title: str,
        where: str,
        categories: tuple[str, ...],
        series: tuple[Series, ...],
    ) -> tuple[list, list[SeriesCells]]:
        """Write one chart's data from row `head`; return its category cells and each series'
        cells."""
        ws, st = self.ws, self.styles
        ws.write_string(head, 0, title, st(bold=True, font_color=theme.NAVY))
        ws.write_string(head, 1, where, st(italic=True, font_color=theme.MUTED))
        for j, c in enumerate(categories):
            ws.write_string(head, FIRST_VALUE_COL + j, c, st(bold=True, align="right"))
        last_col = FIRST_VALUE_COL + max(len(categories), 1) - 1
        cats = [CHART_DATA, head, FIRST_VALUE_COL, head, last_col]
        out = []
        for i, s in enumerate(series, start=1):
            r = head + i
            ws.write_string(r, 0, s.name, st())
            ws.write_string(r, 1, s.role, st(font_color=theme.MUTED))
            fmt = st.number(s.unit)
            for j, v in enumerate(s.values):
                self._cell(r, FIRST_VALUE_COL + j, v, s, j, fmt)
            self._withheld(r, last_col + 1, categories, s.values)
            out.append(
                SeriesCells([CHART_DATA, r, 0], [CHART_DATA, r, FIRST_VALUE_COL, r, last_col])
            )
        return cats, out

    def _cell(self, r, c, value: Value, s: Series, j, fmt) -> None:
        ws = self.ws
        figure = number(value)
        if figure is None:
            write_figure(ws, r, c, value, fmt, plotted=True)
        elif isinstance(s.link, RowLink) and s.link in self.links:
            ref = self.links[s.link].cell(j)
            ws.write_formula(r, c, f"={ref}", fmt, figure)
        elif isinstance(s.link, TargetLink):
            name = target_name(s.link.key)
            ws.write_formula(r, c, f"=IF(ISNUMBER({name}),{name},NA())", fmt, figure)
        else:
            write_figure(ws, r, c, figure, fmt, plotted=True)

    def _withheld(self, r: int, c: int, labels: tuple[str, ...], values: tuple) -> None:
        """After a row's cells: which of them are withheld (`c`) and left blank."""
        withheld = [label for label, v in zip(labels, values, strict=False) if v is WITHHELD]
        if withheld:
            text = f"c (withheld, not plotted): {', '.join(withheld)}"
            self.ws.write_string(r, c, text, self.styles(italic=True, font_color=theme.MUTED))

    def trends(self, labels: tuple[str, ...], rows: list[tuple[str, str, tuple]]) -> list[str]:
        """The summary's sparkline data, one row per summary row; returns each row's range."""
        ws, st = self.ws, self.styles
        head = FIRST_DATA_ROW
        ws.write_string(
            head, 0, "Summary trends (sparklines)", st(bold=True, font_color=theme.NAVY)
        )
        for j, c in enumerate(labels):
            ws.write_string(head, FIRST_VALUE_COL + j, c, st(bold=True, align="right"))
        ranges = []
        for i, (title, unit, values) in enumerate(rows, start=1):
            r = head + i
            ws.write_string(r, 0, title, st())
            fmt = st.number(unit)
            for j, v in enumerate(values):
                write_figure(ws, r, FIRST_VALUE_COL + j, v, fmt, plotted=True)
            self._withheld(r, FIRST_VALUE_COL + len(labels), labels, values)
            first = xl_rowcol_to_cell(r, FIRST_VALUE_COL, True, True)
            last = xl_rowcol_to_cell(r, FIRST_VALUE_COL + len(labels) - 1, True, True)
            ranges.append(f"{quote_sheetname(CHART_DATA)}!{first}:{last}")
        return ranges


# --- the chart itself ------------------------------------------------------------------------


def _font(size: float = 8, **kw: object) -> dict:
    return {"name": theme.FONT, "size": size, "color": theme.INK, **kw}


def nice_step(span: float) -> float:
    """A round gridline step giving about five gridlines over `span` (1, 2, 2.5 or 5 × 10^k)."""
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


# The least span a fitted line axis shows, so month-to-month noise is not blown up into cliffs.
MIN_SPAN = {"%": 10.0, "per 10k": 10.0, "count": 10.0}


def fitted_range(unit: str, values: list[float], from_zero: bool) -> tuple[float, float, float]:
    """(min, max, step) of a value axis showing `values`: from zero for columns and bars (their
    length is the figure); fitted to the values with a margin for lines, so a drop from 97.6% to
    90.8% is seen, but never narrower than MIN_SPAN; percentages within 0-100, and nothing
    below zero when no value is."""
    low, high = min(values, default=0.0), max(values, default=0.0)
    if from_zero:
        low = min(low, 0.0)
    margin = (high - low) * (0.1 if from_zero else 0.15)
    top, bottom = high + margin, low if from_zero else low - margin
    short = MIN_SPAN.get(unit, 0.0) - (top - bottom)
    if short > 0:
        top, bottom = top + short / 2, bottom - (0 if from_zero else short / 2)
    if unit == "%" and top > 100:
        top, bottom = 100.0, bottom - (top - 100)
    if low >= 0 and bottom < 0:
        top, bottom = top - bottom, 0.0
    if unit == "%":
        top = min(top, 100.0)
    step = nice_step(top - bottom)
    return math.floor(bottom / step) * step, math.ceil(top / step) * step, step


def axis_format(unit: str, step: float) -> str:
    """The axis' number format: whole numbers, or the decimals a fractional step needs."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    if not decimals:
        return theme.AXIS_FORMATS[unit]
    return theme.AXIS_FORMATS[unit].replace("0", "0." + "0" * decimals, 1)


def _axis(unit: str, values: list[float], from_zero: bool) -> dict:
    low, high, step = fitted_range(unit, values, from_zero)
    return {
        "name": theme.AXIS_TITLES[unit],
        "name_font": _font(8, bold=False),
        "num_font": _font(8),
        "num_format": axis_format(unit, step),
        "min": low,
        "max": high,
        "major_unit": step,
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9", "width": 0.5}},
        "line": {"none": True},
    }


def _label_positions(s: Series, target: float | None) -> list[dict | None] | None:
    """Each point's label above it, or below it where the point is under the target line, so a
    label never sits on the target."""
    if target is None or s.kind != "line":
        return None
    return [
        {"position": "below"} if (v := number(x)) is not None and v < target else None
        for x in s.values
    ]


def _series_options(
    s: Series, cells: SeriesCells, cats: list, i: int, labelled: bool, target: float | None
) -> dict:
    opts: dict = {"name": cells.name, "categories": cats, "values": cells.values}
    if s.secondary:
        opts["y2_axis"] = True
    if s.role == "target":
        opts["line"] = {"color": theme.TARGET, "width": 1.25}
        opts["marker"] = {"type": "none"}
        return opts
    if s.role in ("mean", "limit"):
        opts["line"] = theme.SPC_LINES[s.role]
        opts["marker"] = {"type": "none"}
        return opts
    if s.role == "signal":
        opts["line"] = {"none": True}
        opts["marker"] = theme.SIGNAL_MARKERS[s.colour or "neither"]
        return opts
    if s.role == "comparator":
        style = theme.COMPARATOR_LINES[i % len(theme.COMPARATOR_LINES)]
        opts["line"] = {**style, **({"color": s.colour} if s.colour else {})}
        opts["marker"] = {"type": "none"}
        return opts
    colour = s.colour or theme.SERIES[i % len(theme.SERIES)]
    if s.kind == "line":
        opts["line"] = {"color": colour, "width": 2.5}
        opts["marker"] = {
            "type": "circle",
            "size": 5,
            "fill": {"color": colour},
            "border": {"color": colour},
        }
    else:
        opts["fill"] = {"color": colour}
        opts["border"] = {"none": True}
        opts["gap"] = 60
    if labelled:
        opts["data_labels"] = {
            "value": True,
            "num_format": theme.NUMBER_FORMATS[s.unit],
            "font": _font(7.5),
            "position": "above" if s.kind == "line" else "outside_end",
        }
        custom = _label_positions(s, target)
        if custom and any(custom):
            opts["data_labels"]["custom"] = custom
    return opts


def build_chart(
    book: xlsxwriter.Workbook,
    chart: Chart,
    cats: list,
    cells: list[SeriesCells],
    width: int,
    height: int,
):
    """The xlsxwriter chart for the model chart (a combination when kinds are mixed). The
    authority's own series are added last, so they are drawn on top of comparators and targets."""
    mains = [s for s in chart.series if s.role == "main"]
    base_kind = mains[0].kind if mains else "line"
    options: dict = {"type": base_kind}
    if chart.stacked and base_kind in ("column", "bar"):
        options["subtype"] = "stacked"
    base = book.add_chart(options)
    other = None
    # Data labels only where no table beside the chart already prints the figures.
    labelled = len(mains) == 1 and not isinstance(mains[0].link, RowLink)
    targets = [number(s.values[0]) for s in chart.series if s.role == "target" and s.values]
    target = targets[0] if len(targets) == 1 else None
    drawn = sorted(zip(chart.series, cells, strict=True), key=lambda sc: sc[0].role == "main")
    counters: dict[str, int] = {}
    in_base: list[Series] = []  # the legend lists the base chart's series, then the other's
    in_other: list[Series] = []
    for s, c in drawn:
        kind = "line" if s.role != "main" else s.kind
        i = counters.get(s.role, 0)
        counters[s.role] = i + 1
        into, listed = base, in_base
        if kind != base_kind:
            if other is None:
                other = book.add_chart({"type": kind})
            into, listed = other, in_other
        listed.append(s)
        into.add_series(_series_options(s, c, cats, i, labelled and s.role == "main", target))
    if other is not None:
        base.combine(other)
    base.set_title({"name": chart.title, "name_font": _font(10, bold=True, color=theme.NAVY)})

    def axis(secondary: bool) -> dict:
        shown = [s for s in chart.series if s.secondary == secondary]
        plotted = (number(v) for s in shown for v in s.values)
        from_zero = any(s.kind in ("column", "bar") and s.role == "main" for s in shown)
        unit = chart.y2_unit if secondary and chart.y2_unit else chart.y_unit
        return _axis(unit, [v for v in plotted if v is not None], from_zero)

    value_axis = axis(False)
    category_axis = {"name": chart.x_title, "name_font": _font(8), "num_font": _font(8)}
    if base_kind == "bar":
        base.set_x_axis(value_axis)
        base.set_y_axis({**category_axis, "reverse": True})
    else:
        base.set_x_axis(category_axis)
        base.set_y_axis(value_axis)
    if chart.y2_unit:
        (other or base).set_y2_axis({**axis(True), "major_gridlines": {"visible": False}})
    if len(chart.series) == 1:
        base.set_legend({"none": True})
    else:
        # One legend entry for both process limits: the lower one is left out of the legend.
        hidden = [i for i, s in enumerate(in_base + in_other) if s.name.endswith("(lower)")]
        legend: dict = {"position": "bottom", "font": _font(8)}
        if hidden:
            legend["delete_series"] = hidden
        base.set_legend(legend)
    base.set_chartarea(
        {"border": {"color": theme.RULE, "width": 0.75}, "fill": {"color": "#FFFFFF"}}
    )
    base.set_plotarea({"border": {"none": True}})
    base.set_size({"width": width, "height": height})
    return base


def no_data_box(
    ws: Worksheet, row: int, col: int, width: int, height: int, text: str = NO_DATA
) -> None:
    """ "No data for this period" (or why there is none) over the middle of an empty chart."""
    box_w, box_h = 200, 28
    ws.insert_textbox(
        row,
        col,
        text,
        {
            "width": box_w,
            "height": box_h,
            "x_offset": (width - box_w) // 2,
            "y_offset": (height - box_h) // 2,
            "font": {"name": theme.FONT, "size": 11, "color": theme.MUTED, "bold": True},
            "align": {"horizontal": "center", "vertical": "middle"},
            "fill": {"color": "#FFFFFF"},
            "line": {"color": theme.RULE},
            "object_position": 1,
        },
    )
