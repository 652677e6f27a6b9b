"""What a figure's cell shows, decided once for every sheet: the number; `c` where the figure
is withheld for publication (GSS practice, as the DfE prints it); blank where there is none."""

from __future__ import annotations

import math

import pandas as pd
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ..disclosure import SUPPRESSED
from .model import WITHHELD, Value


def shown(value: Value, plotted: bool = False) -> float | str | None:
    """The cell's content for a figure: the number, `c` (withheld) or None (blank; also for
    NaN). A cell a chart plots is blank for a withheld figure: charts plot text as zero."""
    if value is WITHHELD:
        return None if plotted else SUPPRESSED
    if value is None or value is pd.NA or math.isnan(value):
        return None
    return value


def write_figure(
    ws: Worksheet, r: int, c: int, value: Value, fmt: Format | None, plotted: bool = False
) -> None:
    """Write a figure's cell. `fmt` is the number's format; it is right-aligned, so a `c` lines
    up with the numbers (a number format leaves text as it is)."""
    content = shown(value, plotted)
    if content is None and value is WITHHELD:
        return  # no cell at all: xlsxwriter caches a formatted blank in the chart as 0
    if content is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(content, str):
        ws.write_string(r, c, content, fmt)
    else:
        ws.write_number(r, c, content, fmt)
