"""Dates as numpy datetime64[D]: the extract window, working days and calendar arithmetic."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..calendar import busday_calendar

DAY = np.timedelta64(1, "D")
EPOCH = np.datetime64("1899-12-30", "D")  # Excel's day 0
NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True)
class Window:
    """Whole calendar months covered by the extract: first day `w0` to last day `w1`."""

    w0: np.datetime64
    w1: np.datetime64
    months: int


def window(end: str, months: int) -> Window:
    """The `months` whole months ending with month `end` (YYYY-MM)."""
    if not re.fullmatch(r"\d{4}-\d{2}", end or ""):
        raise ValueError(f"end must be a month written YYYY-MM, not {end!r}")
    if months < 1:
        raise ValueError("months must be at least 1")
    last = np.datetime64(end, "M")
    return Window((last - (months - 1)).astype("M8[D]"), (last + 1).astype("M8[D]") - DAY, months)


class Calendar:
    """Working days: Monday to Friday except England and Wales bank holidays."""

    def __init__(self, first_year: int, last_year: int) -> None:
        self.busdaycal = busday_calendar(first_year, last_year)

    def add(self, dates: np.ndarray, n: np.ndarray | int) -> np.ndarray:
        """The date `n` working days after `dates` (a non-working start rolls forward first)."""
        return np.busday_offset(dates, n, roll="forward", busdaycal=self.busdaycal)

    def back(self, dates: np.ndarray, n: np.ndarray | int) -> np.ndarray:
        """The date `n` working days before `dates` (a non-working start rolls back first)."""
        return np.busday_offset(dates, -np.asarray(n), roll="backward", busdaycal=self.busdaycal)

    def is_working(self, dates: np.ndarray) -> np.ndarray:
        """Mask of working days."""
        return np.is_busday(dates, busdaycal=self.busdaycal)


def days(n: np.ndarray | int) -> np.ndarray:
    """A whole number of days as timedelta64[D]."""
    return np.asarray(n).astype("int64") * DAY


def ymd(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of datetime64[D] values (meaningless where NaT)."""
    months = d.astype("M8[M]")
    year = months.astype("int64") // 12 + 1970
    month = months.astype("int64") % 12 + 1
    day = (d - months.astype("M8[D]")).astype("int64") + 1
    return year, month, day


def date_parts(d: np.datetime64) -> tuple[int, int, int]:
    """Year, month and day of one date (a month counts as its first day)."""
    year, month, day = ymd(np.array([d], dtype="M8[D]"))
    return int(year[0]), int(month[0]), int(day[0])


def add_months(d: np.ndarray, k: np.ndarray | int) -> np.ndarray:
    """Calendar months later, keeping the day of month where it exists (31 Jan + 1 = 28/29 Feb)."""
    d = np.asarray(d, dtype="M8[D]")
    target = d.astype("M8[M]") + np.asarray(k)
    last_day = ((target + 1).astype("M8[D]") - target.astype("M8[D]")).astype("int64")
    _, _, day = ymd(d)
    out = target.astype("M8[D]") + days(np.minimum(day, last_day) - 1)
    return np.where(np.isnat(d), NAT, out)


def age(dob: np.ndarray, at: np.datetime64) -> np.ndarray:
    """Whole years of age at `at` (NaN where the date of birth is blank or later)."""
    y, m, d = ymd(dob)
    ay, am, ad = date_parts(at)
    years = ay - y - ((am < m) | ((am == m) & (ad < d)))
    return np.where(np.isnat(dob) | (years < 0), np.nan, years.astype(float))


def uniform_dates(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A date drawn uniformly between `lo` and `hi` inclusive (`lo` where hi < lo)."""
    span = np.maximum((hi - lo).astype("int64"), 0)
    return lo + days(np.floor(rng.random(len(span)) * (span + 1)))


def _fold(
    better: Callable[[np.ndarray, np.ndarray], np.ndarray], arrays: Sequence[np.ndarray]
) -> np.ndarray:
    """Element-wise the date that is `better` than the others, blanks ignored."""
    out = arrays[0]
    for a in arrays[1:]:
        out = np.where(np.isnat(out) | better(a, out), a, out)
    return out


def maxdate(*arrays: np.ndarray) -> np.ndarray:
    """Element-wise latest date, blanks ignored."""
    return _fold(np.greater, arrays)


def mindate(*arrays: np.ndarray) -> np.ndarray:
    """Element-wise earliest date, blanks ignored."""
    return _fold(np.less, arrays)


def serial(d: np.datetime64 | np.ndarray) -> Any:
    """Excel serial day number of a date."""
    return (np.asarray(d, dtype="M8[D]") - EPOCH).astype("int64")


def text_date(day_number: int) -> str:
    """An Excel serial day number written dd/mm/yyyy."""
    year, month, day = date_parts(EPOCH + day_number * DAY)
    return f"{day:02d}/{month:02d}/{year}"


def iso_date(day_number: int, time: str = "") -> str:
    """An Excel serial day number written yyyy-mm-dd, as SQL reports write dates, followed by
    `time` (such as ` 00:00:00` or `T09:30:00`)."""
    year, month, day = date_parts(EPOCH + day_number * DAY)
    return f"{year}-{month:02d}-{day:02d}{time}"


def created(win: Window) -> dt.datetime:
    """A fixed document date: the morning after the window ends."""
    return dt.datetime(*date_parts(win.w1 + DAY), 8, 0, 0)
