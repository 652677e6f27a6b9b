"""Reading the Annex A lists: headers matched, values normalised, every row accounted for."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..issues import Issues
from ..readahead import LIST_ORDER
from .annex_a_spec import DATED_EVENTS, LISTS, sheet_name
from .tables import read_table
from .workbook import SheetSource, WorkbookFile, find_sheet

THREADS = sys.platform != "emscripten"  # Pyodide (xlwings Lite) cannot start a thread
ListJob = tuple[SheetSource, str, int]
ListRead = tuple[pd.DataFrame, set[str], Issues]


@dataclass
class AnnexA:
    """The used columns of Lists 1–8, one DataFrame per list (column `row` = sheet row)."""

    lists: dict[int, pd.DataFrame] = field(default_factory=dict)
    sheets: dict[int, str] = field(default_factory=dict)
    missing: dict[int, set[str]] = field(default_factory=dict)
    # Lists given with their header but no rows: "given, empty", not missing. Their indicators
    # come from Monthly figures, as for a list not given.
    empty: set[int] = field(default_factory=set)

    def has(self, list_no: int, *keys: str) -> bool:
        """True when the list was given and holds every named column."""
        return list_no in self.lists and not (set(keys) & self.missing.get(list_no, set()))

    def __bool__(self) -> bool:
        return bool(self.lists)

    def sheet(self, list_no: int) -> str:
        """The list's sheet as the workbook names it (`List_2`), for every issue about it."""
        return self.sheets.get(list_no, sheet_name(list_no))

    def event_dates(self, today: dt.date, lists: Iterable[int] = DATED_EVENTS) -> pd.Series:
        """The plausible event dates (see `plausible`) of the named lists (DATED_EVENTS)."""
        parts = [
            self.lists[n][key].dropna()
            for n in lists
            if n in self.lists
            for key in DATED_EVENTS[n]
            if self.has(n, key)
        ]
        dates = pd.concat(parts, ignore_index=True) if parts else pd.Series(dtype="datetime64[ns]")
        return dates[plausible(dates, today)]

    def extract_date(self, today: dt.date) -> pd.Timestamp | None:
        """The extract's last date: the latest plausible event date in Lists 1–8."""
        dates = self.event_dates(today)
        return None if dates.empty else dates.max()


EARLIEST_EVENT = pd.Timestamp("1990-01-01")


def plausible(dates: pd.Series, today: dt.date) -> np.ndarray:
    """Dates from 1990 to the day of the build. A date outside is an error of the row
    (validation reports it) and never decides the extract's last date, month or coverage."""
    return ((dates >= EARLIEST_EVENT) & (dates <= pd.Timestamp(today))).to_numpy()


def read_annex_a(
    source: SheetSource, issues: Issues, lists: tuple[int, ...] = tuple(LISTS)
) -> AnnexA:
    """Read Lists 1–8 from a source; lists that are absent are simply not there."""
    names = {n: find_sheet(source, sheet_name(n)) for n in lists}
    present = {n: name for n, name in names.items() if name is not None}
    annex = AnnexA(sheets=present)
    if not present:
        return annex

    # The biggest lists go first; results are merged in list order so output is deterministic.
    order = sorted(present, key=TYPICAL_SIZE_ORDER.index)
    jobs = [(source, present[n], n) for n in order]
    done = dict(zip(order, _read_lists(source, jobs), strict=True))
    for list_no in sorted(done):
        frame, missing, found = done[list_no]
        issues.extend(found)
        if frame.empty:
            annex.empty.add(list_no)
            issues.add(
                "empty-list",
                "info",
                present[list_no],
                f"{present[list_no]} has no rows: its indicators come from Monthly "
                "figures, if any.",
            )
            continue
        annex.lists[list_no], annex.missing[list_no] = frame, missing
    return annex


def _read_list(job: ListJob) -> ListRead:
    """Parse and normalise one list."""
    source, name, list_no = job
    found = Issues()
    raw = source.read(name)
    frame, missing = read_table(
        raw, LISTS[list_no], found, drop_duplicates=True, missing_note=MISSING_NOTE
    )
    if "child_id" in frame:
        # Integer child codes (-1 = no id) make distinct-children counts cheap.
        frame["child"] = pd.factorize(frame["child_id"], use_na_sentinel=True)[0]
    return frame, missing, found


def _read_lists(source: SheetSource, jobs: list[ListJob]) -> list[ListRead]:
    """Read the lists on both cores. From a workbook file, calamine parses the next sheets in a
    background thread (it releases the GIL) while this thread normalises the sheets parsed
    before: no worker processes, nothing copied between processes, the same on every system.
    `xl-dashboard build` starts that thread before its heavy imports (see `readahead`). Other
    sources (a live Excel book, CSV files) are read in two threads, or one after another where
    no thread can start (Pyodide, in xlwings Lite)."""
    if isinstance(source, WorkbookFile):
        with source.reading_ahead([name for _, name, _ in jobs]):
            return [_read_list(job) for job in jobs]
    if not THREADS:
        return [_read_list(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(_read_list, jobs))


MISSING_NOTE = ": the indicators that need it come from Monthly figures instead."
TYPICAL_SIZE_ORDER = LIST_ORDER  # biggest first (see readahead)
