"""The everyday mess of real extracts, added to tidy columns at low rates (annex_a.md 1.3)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .dates import DAY, EPOCH, date_parts, iso_date, text_date
from .draws import pick

if TYPE_CHECKING:
    from .sheets import Col

NBSP = "\xa0"
PLACEHOLDERS = ("#N/A", "N/A", "-")

# Header spellings seen in real extracts, used when messy=True (annex_a.md 1.3).
HEADER_DRIFT: dict[str, dict[str, str]] = {
    "List 1": {"Date of Contact": "Date of Contact" + NBSP},
    "List 3": {"Date of referral": "Date of Referral"},
    "List 4": {"Age of Child (Years)": "Age"},
    "List 6": {"Child Unique ID": "CHILD UNIQUE ID"},
    "List 7": {"Child Protection Plan Start Date": NBSP + "Child Protection Plan Start Date"},
}


class Serial:
    """A date written as a bare Excel serial number (General number format)."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value


class Formula:
    """A formula with its cached value; `is_date` gives it the date format."""

    __slots__ = ("formula", "value", "is_date")

    def __init__(self, formula: str, value: Any, is_date: bool = False) -> None:
        self.formula, self.value, self.is_date = formula, value, is_date


def mess(rng: np.random.Generator, col: Col, cells: np.ndarray) -> None:
    """Give a column the low-rate irregularities of real extracts, in place (each cell at most
    one kind)."""
    filled = np.array([x is not None for x in cells], dtype=bool)
    free = np.ones(len(cells), dtype=bool)

    def take(rate: float, minimum: int, *, blank_too: bool = False) -> list[int]:
        pool = np.flatnonzero(free if blank_too else free & filled)
        chosen = pool[pick(rng, len(pool), rate, minimum)]
        free[chosen] = False
        return chosen.tolist()

    def one_of(options: Sequence[str]) -> str:
        return options[int(rng.integers(len(options)))]

    def sprinkle(rate: float, minimum: int, options: Sequence[str]) -> None:
        """Replace some cells, blank ones too, with one of `options` each."""
        for i in take(rate, minimum, blank_too=True):
            cells[i] = one_of(options)

    if col.kind == "code":
        assert col.codes is not None
        plain = col.codes.plain
        if col.formula:
            for i in take(0.001, 2):
                code = plain[int(col.values[i])][0]
                cells[i] = Formula(f'="{code}"', code)
        if col.error_formula:
            for i in take(0.0005, 1, blank_too=True):
                cells[i] = Formula("=NA()", "#N/A")
        if col.unknown:
            sprinkle(0.004, 2, col.unknown)
        for i in take(0.02, 3):
            cells[i] = one_of(plain[int(col.values[i])])
        for j, i in enumerate(take(0.005, 2)):
            cells[i] = NBSP + cells[i] if j % 2 else cells[i] + NBSP
    elif col.kind == "date":
        if col.formula:
            for i in take(0.001, 2):
                year, month, day = date_parts(EPOCH + cells[i] * DAY)
                cells[i] = Formula(f"=DATE({year},{month},{day})", cells[i], True)
        if col.bad_dates and filled.any():
            year = date_parts(col.values[~np.isnat(col.values)].max())[0]
            sprinkle(0.002, 2, (f"31/02/{year}", f"30/02/{year}", "unknown", "TBC", "00/00/0000"))
        for i in take(0.02, 3):
            cells[i] = Serial(cells[i])
        for i in take(0.02, 3):
            cells[i] = text_date(cells[i])
        for i in take(0.02, 3):  # written by a SQL report: ISO text, some with a time
            cells[i] = iso_date(cells[i], _time_of_day(rng))
    elif col.kind == "int":
        if col.formula:
            for i in take(0.001, 1):
                cells[i] = Formula(f"={cells[i]}+0", cells[i])
        if col.invalid:
            sprinkle(0.003, 2, col.invalid)
        for i in take(0.01, 2):
            cells[i] = str(cells[i])
    elif col.kind == "text":
        for i in take(0.003, 1):
            cells[i] = cells[i] + NBSP
    if not col.key and col.kind != "id":
        sprinkle(0.004, 1, PLACEHOLDERS)


def _time_of_day(rng: np.random.Generator) -> str:
    """The time part SQL reports add to ISO dates: none, midnight, or a time of day."""
    h, m, s = (int(x) for x in rng.integers((8, 0, 0), (18, 60, 60)))
    times = ("", " 00:00:00", "T00:00:00", f" {h:02d}:{m:02d}", f"T{h:02d}:{m:02d}:{s:02d}")
    return times[int(rng.integers(len(times)))]


def row_order(rng: np.random.Generator, n: int, messy: bool) -> np.ndarray:
    """Source row for each sheet row: duplicates sit next to their original; -1 is a blank row."""
    order = np.arange(n)
    if not messy or n < 10:
        return order
    dup = pick(rng, n, 0.006, 3)
    order = np.sort(np.concatenate([order, dup]), kind="stable")
    k = max(1, int(rng.binomial(n, 0.0015)))
    at = np.sort(rng.integers(1, len(order) - 1, k))
    return np.insert(order, at, -1)
