"""Reading the Annex A lists: headers matched, values normalised, every row accounted for."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
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

    def read_list(list_no: int) -> tuple[pd.DataFrame, set[str], Issues]:
        found = Issues()
        raw = source.read(present[list_no])
        frame, missing = read_table(
            raw, LISTS[list_no], found, drop_duplicates=True, missing_note=MISSING_NOTE
        )
        if "child_id" in frame:
            # Integer child codes (-1 = no id) make distinct-children counts cheap.
            frame["child"] = pd.factorize(frame["child_id"], use_na_sentinel=True)[0]
        return frame, missing, found

    # Two threads: one list parses (in Rust, without the GIL) while another is normalised.
    # The biggest lists go first; issues are merged in list order so output stays deterministic.
    order = sorted(present, key=lambda n: TYPICAL_SIZE_ORDER.index(n))
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = dict(zip(order, pool.map(read_list, order), strict=True))
    for list_no in sorted(done):
        frame, missing, found = done[list_no]
        annex.lists[list_no], annex.missing[list_no] = frame, missing
        issues.extend(found)
    return annex


MISSING_NOTE = ": the indicators that need it come from Monthly figures instead."
TYPICAL_SIZE_ORDER = (1, 6, 4, 3, 8, 2, 7, 5)
