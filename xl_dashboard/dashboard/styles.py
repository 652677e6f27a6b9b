"""Cell formats from the theme, created once per workbook and shared (xlsxwriter formats)."""

from __future__ import annotations

import xlsxwriter
from xlsxwriter.format import Format

from . import theme
from .model import Dashboard


class Styles:
    """`styles(bold=True, ...)` gives the one Format with the house font and those properties."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self._cache: dict[tuple, Format] = {}

    def __call__(self, **props: object) -> Format:
        merged = {
            "font_name": theme.FONT,
            "font_size": theme.SIZE,
            "font_color": theme.INK,
            "valign": "vcenter",
            **props,
        }
        key = tuple(sorted(merged.items()))
        if key not in self._cache:
            self._cache[key] = self.book.add_format(merged)
        return self._cache[key]

    def number(self, unit: str, **props: object) -> Format:
        return self(**{"num_format": theme.NUMBER_FORMATS[unit], "align": "right", **props})

    def rag(self, letter: str, unit: str | None = None) -> Format:
        """A conditional format: the RAG fill, and the letter beside a number."""
        fill, ink = theme.RAG[letter]
        props: dict[str, object] = {"bg_color": fill, "font_color": ink, "bold": True}
        if unit is not None:
            props["num_format"] = theme.rag_number_format(unit, letter)
        key = ("rag", letter, unit)
        if key not in self._cache:
            self._cache[key] = self.book.add_format(props)
        return self._cache[key]

    def travel(self, which: str) -> Format:
        """A conditional format for an improving or worsening direction of travel."""
        key = ("travel", which)
        if key not in self._cache:
            colour = theme.BETTER if which == "better" else theme.WORSE
            self._cache[key] = self.book.add_format({"font_color": colour, "bold": True})
        return self._cache[key]


PUBLISHED = "Published: small numbers suppressed"


def header_footer(
    la_name: str, month_label: str, marking: str, published: bool = False
) -> tuple[str, str]:
    """Page header and footer: authority and month, the protective marking (from the Settings
    sheet) centred in both, page number; a published pack says its small numbers are withheld."""
    la, mark = _text(la_name), _text(marking)
    font = f'&"{theme.FONT},Regular"&8'
    bold = f'&"{theme.FONT},Bold"&9'
    header = f"&L{font}{la} – {month_label} data&C{bold}{mark}&R{font}&A"
    footer = f"&L{font}Children's social care performance dashboard"
    if published:
        footer += f". {PUBLISHED}"
    footer += f"&C{bold}{mark}&R{font}Page &P"
    return header, footer


def _text(text: str) -> str:
    """Text as a header or footer shows it: `&` starts a code there, `&&` is an ampersand."""
    return text.replace("&", "&&")


def print_ready(ws, dashboard: Dashboard, last_row: int, last_col: int) -> None:
    """A4 landscape, one sheet of paper, print area, header/footer, no gridlines."""
    ws.set_landscape()
    ws.set_paper(theme.PAPER_A4)
    ws.fit_to_pages(1, 1)
    ws.center_horizontally()
    ws.set_margins(**theme.MARGINS)
    header, footer = header_footer(
        dashboard.la_name, dashboard.month_label, dashboard.marking, dashboard.published
    )
    ws.set_header(header, {"margin": theme.HEADER_MARGIN})
    ws.set_footer(footer, {"margin": theme.HEADER_MARGIN})
    ws.print_area(0, 0, last_row, last_col)
    ws.hide_gridlines(2)
