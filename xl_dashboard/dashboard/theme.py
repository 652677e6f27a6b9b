"""The house style: one font, a small colour-blind-safe palette, number formats, print set-up.

Series colours are the Okabe-Ito blue/orange pair and their neighbours, which stay apart for
the common colour-vision deficiencies. RAG fills differ in lightness too (dark red, light amber,
mid green) and always carry their letter, so they survive greyscale print."""

from __future__ import annotations

FONT = "Calibri"  # LibreOffice renders it with Carlito, which has Calibri's metrics
SIZE = 9
HEADING_SIZE = 14
SUBHEADING_SIZE = 11

INK = "#1F1F1F"
MUTED = "#595959"
RULE = "#BFBFBF"
NAVY = "#1F3864"  # headings
BAND = "#DCE6F1"  # table header fill

# Series colours, in order: blue, orange, sky blue, bluish green, vermillion, reddish purple.
SERIES = ("#0072B2", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7")
# Months of a by-category chart, oldest to latest: light to dark blue (reads in greyscale).
SEQUENTIAL = ("#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08306B")
COMPARATOR_GREYS = ("#404040", "#7F7F7F", "#A6A6A6", "#595959")
TARGET = "#000000"

# RAG: fill, font colour. Letter shown with the colour (R/A/G).
RAG = {
    "G": ("#3A8E4C", "#FFFFFF"),
    "A": ("#F6C343", "#000000"),
    "R": ("#A50026", "#FFFFFF"),
}
BETTER = "#0072B2"  # direction of travel: improving (blue)
WORSE = "#D55E00"  # worsening (vermillion)

NUMBER_FORMATS = {"count": "#,##0", "%": '0.0"%"', "per 10k": "0.0"}
AXIS_FORMATS = {"count": "#,##0", "%": '0"%"', "per 10k": "0"}
AXIS_TITLES = {"count": "Number", "%": "Per cent", "per 10k": "Rate per 10,000 aged 0-17"}

PAPER_A4 = 9
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6}
HEADER_MARGIN = 0.25


def rag_number_format(unit: str, letter: str) -> str:
    """The value's own format with the RAG letter after it (e.g. `82.3% A`)."""
    return f'{NUMBER_FORMATS[unit]}" {letter}"'


def sequential(n: int) -> tuple[str, ...]:
    """`n` shades of blue from light to dark, spread over the sequential palette."""
    last = len(SEQUENTIAL) - 1
    if n <= 1:
        return (SEQUENTIAL[last],)
    return tuple(SEQUENTIAL[round(1 + k * (last - 1) / (n - 1))] for k in range(n))
