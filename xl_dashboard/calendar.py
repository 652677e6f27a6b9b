"""Months and working days (England & Wales bank holidays)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from . import bank_holidays as table
from .errors import SettingsError


@lru_cache(maxsize=16)
def bank_holidays(first_year: int = 2000, last_year: int = 2040) -> np.ndarray:
    """England & Wales bank holidays as datetime64[D]: from the table in `bank_holidays` (the
    `holidays` package's answer, checked by the tests) within its years, else from the package;
    `subdiv="ENG"` adds Easter Monday and the August bank holiday, which plain "GB" leaves out."""
    if first_year >= table.FIRST_YEAR and last_year <= table.LAST_YEAR:
        days = [
            f"{year}-{md}"
            for year in range(first_year, last_year + 1)
            for md in table.BANK_HOLIDAYS[year].split()
        ]
        return np.array(days, dtype="datetime64[D]")
    import holidays

    years = range(first_year, last_year + 1)
    found = holidays.country_holidays("GB", subdiv="ENG", years=years)
    return np.array(sorted(found), dtype="datetime64[D]")


@lru_cache(maxsize=16)
def busday_calendar(first_year: int, last_year: int) -> np.busdaycalendar:
    return np.busdaycalendar(holidays=bank_holidays(first_year, last_year))


def _calendar_for(*arrays: np.ndarray) -> np.busdaycalendar:
    """A business-day calendar holding the bank holidays of every year the dates touch."""
    lo = min(a.min() for a in arrays).astype("datetime64[Y]").astype(int) + 1970
    hi = max(a.max() for a in arrays).astype("datetime64[Y]").astype(int) + 1970
    return busday_calendar(int(lo), int(hi))


def _days(values: object) -> np.ndarray:
    """Any date-like scalar or array as datetime64[D] (NaT kept)."""
    if isinstance(values, pd.Series | pd.Index):
        values = values.to_numpy()
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        return arr.astype("datetime64[D]")
    return (
        pd.to_datetime(arr.ravel() if arr.ndim else [arr.item()])
        .to_numpy()
        .astype("datetime64[D]")
        .reshape(arr.shape)
    )


def wd(start: object, end: object) -> np.ndarray | float:
    """Working days from `start` (inclusive) to `end` (exclusive): same day 0, Mon→Tue 1.

    Vectorised over arrays; a missing date on either side gives NaN. Scalars give a scalar."""
    a, b = np.broadcast_arrays(_days(start), _days(end))
    out = np.full(a.shape, np.nan)
    ok = ~(np.isnat(a) | np.isnat(b))
    if ok.any():
        a, b = a[ok], b[ok]
        out[ok] = np.busday_count(a, b, busdaycal=_calendar_for(a, b))
    return out.item() if out.ndim == 0 else out


def add_wd(start: object, days: object) -> np.ndarray:
    """The date `days` working days after `start` (rolled forward first if not a working day)."""
    a, n = np.broadcast_arrays(_days(start), np.asarray(days, dtype="float64"))
    out = np.full(a.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    ok = ~np.isnat(a) & ~np.isnan(n)
    if ok.any():
        start = a[ok]
        # Bank holidays up to a year beyond the furthest possible answer, either way (counting
        # back over New Year needs the Christmas before it).
        reach = int(abs(n[ok]).max() * 1.5) + 366
        span = np.array([start.min() - reach, start.max() + reach], dtype="datetime64[D]")
        out[ok] = np.busday_offset(
            start, n[ok].astype(np.int64), roll="forward", busdaycal=_calendar_for(start, span)
        )
    return out


def parse_month(text: object) -> pd.Period:
    """A reporting month from `YYYY-MM` text, a date, or a Period."""
    if isinstance(text, pd.Period):
        return text.asfreq("M")
    if isinstance(text, dt.date | pd.Timestamp):
        return pd.Period(text, freq="M")
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*", str(text))
    if m is None or not 1 <= int(m[2]) <= 12:
        raise SettingsError(f"'{text}' is not a month: write it as YYYY-MM, for example 2024-08.")
    return pd.Period(year=int(m[1]), month=int(m[2]), freq="M")


def month_end(month: pd.Period) -> pd.Timestamp:
    """M1: the last day of the month (midnight)."""
    return month.end_time.normalize()


def months_between(first: pd.Period, last: pd.Period) -> list[pd.Period]:
    """Every month from `first` to `last` inclusive (empty when first > last)."""
    return list(pd.period_range(first, last, freq="M")) if first <= last else []
