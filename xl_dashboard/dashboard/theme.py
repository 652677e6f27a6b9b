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
# Comparator lines (England, statistical neighbours, region, ...): told apart by dash and
# weight as well as shade, so they read in greyscale; all lighter than the authority's line.
COMPARATOR_LINES = (
    {"color": "#404040", "width": 1.5, "dash_type": "long_dash"},
    {"color": "#7F7F7F", "width": 1.5, "dash_type": "round_dot"},
    {"color": "#7F7F7F", "width": 1.0, "dash_type": "dash_dot"},
    {"color": "#A6A6A6", "width": 1.0, "dash_type": "dash"},
)
TARGET = "#C00000"  # a thin solid line: dark red, dark grey in greyscale

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


# Making Data Count's icons as cell text: a letter and a word (they read in greyscale), on
# its colours: blue improvement, orange concern, purple neither (volumes), grey common cause.
ICON_LOOKS = {
    "improvement": {"bg_color": "#DDEBF7", "font_color": "#1F4E79", "bold": True},
    "concern": {"bg_color": "#FCE4D6", "font_color": "#C65911", "bold": True},
    "neither": {"bg_color": "#E4DFEC", "font_color": "#5B2C6F", "bold": True},
    "common": {"bg_color": "#F2F2F2", "font_color": "#595959"},
}
ASSURANCE_ICONS = {
    "consistently_met": ("P  met", "improvement"),
    "consistently_missed": ("F  missed", "concern"),
    "hit_and_miss": ("?  hit & miss", "common"),
}
SPC_LEGEND = (
    "Variation (statistical process control over up to 24 months): H or L a special cause, "
    "higher or lower than the process (blue improving, orange concerning, purple for volumes); "
    "~ common cause; – too few months. Assurance against the target: P consistently met, "
    "F consistently missed, ? hit and miss (the target lies within the process limits)."
)


def variation_icon(variation: str, polarity: str) -> tuple[str, str]:
    """The cell text and look of a variation icon; ('', '') when there is none."""
    if variation == "common_cause":
        return "~  common", "common"
    if variation in ("special_cause_high", "special_cause_low"):
        high = variation.endswith("high")
        return ("H  ▲ high" if high else "L  ▼ low"), "neither"
    if variation in ("special_cause_improving", "special_cause_concerning"):
        improving = variation.endswith("improving")
        high = improving == (polarity == "up")
        letter = "H  ▲" if high else "L  ▼"
        return f"{letter} {'better' if improving else 'worse'}", (
            "improvement" if improving else "concern"
        )
    return "", ""


# SPC on the trend charts: the process' mean and limits as thin grey lines (lighter than any
# comparator), special-cause months as large markers (a ring around the authority's own point,
# drawn over them), told apart by shape as well as colour.
SPC_LINES = {
    "mean": {"color": "#7F7F7F", "width": 1.0},
    "limit": {"color": "#BFBFBF", "width": 1.0, "dash_type": "square_dot"},
}
SIGNAL_MARKERS = {
    "improvement": {
        "type": "diamond",
        "size": 12,
        "fill": {"color": "#00B0F0"},
        "border": {"color": "#1F4E79"},
    },
    "concern": {
        "type": "square",
        "size": 10,
        "fill": {"color": "#FFB600"},
        "border": {"color": "#C65911"},
    },
    "neither": {
        "type": "triangle",
        "size": 11,
        "fill": {"color": "#7030A0"},
        "border": {"color": "#490092"},
    },
}
