"""The template's sheet buttons for xlwings Lite: one definition, used by the template (which
draws them) and by the Lite scripts (whose `@script(button=...)` binds them).

Office.js cannot run a script from a shape, so xlwings Lite binds a button through a named
shape whose hyperlink selects a cell: clicking the shape selects the cell, Lite sees the
selection, runs the script and moves the selection one cell down. The linked cells are far to
the right of the Instructions sheet, out of the way, one per button, none selected when the
workbook opens (A1 is)."""

from __future__ import annotations

from dataclasses import dataclass

SHEET = "Instructions"


@dataclass(frozen=True)
class LiteButton:
    shape: str  # the shape's name, as Excel's Name Box shows it
    caption: str
    what: str
    cell: str  # the cell its hyperlink selects (A1 style, on SHEET)

    @property
    def reference(self) -> str:
        """`@script(button=...)`: `[shape]Sheet!Cell`."""
        return f"[{self.shape}]{SHEET}!{self.cell}"

    @property
    def url(self) -> str:
        return f"internal:'{SHEET}'!{self.cell}"


LITE_BUTTONS: dict[str, LiteButton] = {
    "refresh": LiteButton(
        "xld_lite_refresh",
        "Refresh (xlwings Lite)",
        "With xlwings Lite open: computes from the sheets of this workbook and fills "
        "'Indicator data', 'Data quality' and the dashboard pages in this workbook.",
        "AZ2",
    ),
    "check": LiteButton(
        "xld_lite_check",
        "Check (xlwings Lite)",
        "With xlwings Lite open: checks the lists and input sheets and writes the counts of "
        "problems found to 'Data quality'.",
        "AZ4",
    ),
    "clear": LiteButton(
        "xld_lite_clear",
        "Clear (xlwings Lite)",
        "With xlwings Lite open: empties what Refresh wrote; your input sheets stay as they are.",
        "AZ6",
    ),
}
