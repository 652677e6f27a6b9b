"""Reading the Annex A lists: headers matched, values normalised, every row accounted for."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..quality import Issues
from .annex_a_spec import LISTS, sheet_name
from .tables import read_table
from .workbook import SheetSource, find_sheet


@dataclass
class AnnexA:
    """The used columns of Lists 1–8, one DataFrame per list (column `row` = sheet row)."""

    lists: dict[int, pd.DataFrame] = field(default_factory=dict)
    sheets: dict[int, str] = field(default_factory=dict)
    missing: dict[int, set[str]] = field(default_factory=dict)

    def has(self, list_no: int, *keys: str) -> bool:
        """True when the list was given and holds every named column."""
        return list_no in self.lists and not (set(keys) & self.missing.get(list_no, set()))

    def __bool__(self) -> bool:
        return bool(self.lists)


def read_annex_a(
    source: SheetSource, issues: Issues, lists: tuple[int, ...] = tuple(LISTS)
) -> AnnexA:
    """Read Lists 1–8 from a source; lists that are absent are simply not there."""
    names = {n: find_sheet(source, sheet_name(n)) for n in lists}
    present = {n: name for n, name in names.items() if name is not None}
    annex = AnnexA(sheets=present)
    if not present:
        return annex
    raws = {n: source.read(name) for n, name in present.items()}
    note = ": the indicators that need it come from Monthly figures instead."
    for list_no, raw in raws.items():
        frame, missing = read_table(
            raw, LISTS[list_no], issues, drop_duplicates=True, missing_note=note
        )
        annex.lists[list_no] = frame
        annex.missing[list_no] = missing
    return annex
