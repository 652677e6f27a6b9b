"""Cell normalisation per the contract's "Annex A field normalisation".

Each normaliser parses the *distinct* values of a column once (`pandas.factorize`) and maps the
result back onto every row, so a 60,000-row list costs a few hundred Python calls, not 60,000."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

BLANK_TOKENS = frozenset({"", "#n/a", "n/a", "#na", "-", "null", "nan", "nat", "none"})
_PREFIX = re.compile(r"^[a-z][0-9]?\)\s*", re.IGNORECASE)
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})" + _TIME + "$", re.ASCII)
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$", re.ASCII)
_INT = re.compile(r"^[+-]?\d+(?:\.0+)?$", re.ASCII)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
YES = frozenset({"yes", "y", "true"})
NO = frozenset({"no", "n", "false"})
INVALID = object()  # a parser's answer for "present but not understood"


def norm_header(text: object) -> str:
    """Header key: lower case, letters and digits only (`Date of Referral` = `date of referral`)."""
    return re.sub(r"[^0-9a-z]", "", str(text).replace("\xa0", " ").lower())


def clean_text(value: Any) -> str | None:
    """A cell as trimmed text, or None when it means blank (#N/A, N/A, -, spaces)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value).replace("\xa0", " ").strip()
    return None if text.lower() in BLANK_TOKENS else text


def clean_texts(values: np.ndarray) -> np.ndarray:
    """`clean_text` over an array, with the strings done by numpy's C string functions
    (a list's child ids are tens of thousands of distinct values)."""
    out = np.empty(len(values), dtype=object)
    is_str = np.fromiter((type(v) is str for v in values), bool, len(values))
    if is_str.any():
        text = np.strings.strip(np.strings.replace(values[is_str].astype(np.str_), "\xa0", " "))
        blank = np.isin(np.strings.lower(text), list(BLANK_TOKENS))
        cleaned = text.astype(object)
        cleaned[blank] = None
        out[is_str] = cleaned
    others = np.flatnonzero(~is_str)
    for i in others:
        out[i] = clean_text(values[i])
    return out


def parse_code(value: Any) -> str | None:
    """`q) 6: Police` → `6`; `b) Female` → `Female`; `6` → `6`."""
    text = clean_text(value)
    if text is None:
        return None
    code = _PREFIX.sub("", text, count=1).split(":", 1)[0].strip()
    return code or None


def parse_yesno(value: Any) -> object:
    if isinstance(value, bool):
        return value
    code = parse_code(value)
    if code is None:
        return None
    low = code.lower()
    if low in YES:
        return True
    if low in NO:
        return False
    return INVALID


# Dates a pandas timestamp can hold (and far wider than any case record): others are invalid.
_FIRST_DAY, _LAST_DAY = dt.date(1800, 1, 1), dt.date(2200, 12, 31)


def _valid_date(y: int, m: int, d: int) -> object:
    try:
        return _day(dt.date(y, m, d))
    except ValueError:
        return INVALID


def _day(day: dt.date) -> object:
    return pd.Timestamp(day) if _FIRST_DAY <= day <= _LAST_DAY else INVALID


def _from_serial(n: float) -> object:
    if not 1 <= n < 73051:  # 1900-01-01 .. 2099-12-31
        return INVALID
    return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=int(n)))


def parse_date(value: Any) -> object:
    """Real dates, Excel serial numbers, and `dd/mm/yyyy` or ISO `yyyy-mm-dd` text, either with
    an optional time part (dropped), from any source; anything else INVALID (contract)."""
    if isinstance(value, dt.datetime):
        return _day(value.date())
    if isinstance(value, dt.date):
        return _day(value)
    if isinstance(value, bool):
        return INVALID
    if isinstance(value, int | float):
        return None if isinstance(value, float) and np.isnan(value) else _from_serial(value)
    text = clean_text(value)
    if text is None:
        return None
    if m := _DMY.match(text):
        return _valid_date(int(m[3]), int(m[2]), int(m[1]))
    if m := ISO_DATE.match(text):
        return _valid_date(int(m[1]), int(m[2]), int(m[3]))
    if text.isascii() and text.isdigit():
        return _from_serial(float(text))
    return INVALID


def parse_int(value: Any) -> object:
    """Whole numbers, including `3.0` and `"3"`; anything else INVALID."""
    if isinstance(value, bool):
        return INVALID
    if isinstance(value, int | float):
        if isinstance(value, float) and np.isnan(value):
            return None
        return int(value) if float(value).is_integer() else INVALID
    text = clean_text(value)
    if text is None:
        return None
    return int(float(text)) if _INT.match(text) else INVALID


def parse_number(value: Any) -> object:
    """Any number, including text such as `1,354`, `73.1%` (→ 73.1) or `296.11`."""
    if isinstance(value, bool):
        return INVALID
    if isinstance(value, int | float):
        return None if isinstance(value, float) and np.isnan(value) else float(value)
    text = clean_text(value)
    if text is None:
        return None
    try:
        return float(text.replace(",", "").rstrip("%").strip())
    except ValueError:
        return INVALID


_MONTH_FORMATS = ("%Y-%m", "%b-%y", "%b %Y", "%B %Y", "%b-%Y", "%Y/%m", "%m/%Y")


def parse_month_text(value: Any) -> object:
    """A month as `YYYY-MM` text: from `2014-08`, `Aug-14`, `August 2014` or any date in it."""
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        day = parse_date(value)
        return INVALID if day is INVALID or day is None else day.strftime("%Y-%m")
    text = clean_text(value)
    if text is None:
        return None
    for fmt in _MONTH_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).strftime("%Y-%m")
        except ValueError:
            continue
    day = parse_date(text)
    return INVALID if day is INVALID or day is None else day.strftime("%Y-%m")


PARSERS: dict[str, Callable[[Any], object]] = {
    "text": clean_text,
    "code": parse_code,
    "yesno": parse_yesno,
    "date": parse_date,
    "int": parse_int,
    "number": parse_number,
    "month": parse_month_text,
}

KIND_WORDS = {
    "date": "a date (dd/mm/yyyy)",
    "yesno": "Yes or No",
    "int": "a whole number",
    "code": "a code",
    "text": "text",
    "number": "a number",
    "month": "a month (YYYY-MM)",
}


def normalise(codes: np.ndarray, uniques: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Parse a factorized column: returns (values per row, invalid-mask per row).

    Dates come back as datetime64[ns] (NaT for blank/invalid), ints as float64 (NaN), yes/no as
    an object array of True/False/None, text and codes as objects (None for blank)."""
    if kind == "date":
        table, bad_u = parse_dates(np.asarray(uniques, dtype=object))
        return _take(table, codes, np.datetime64("NaT", "ns")), _take(bad_u, codes, False)
    if kind == "text":
        parsed = list(clean_texts(np.asarray(uniques, dtype=object)))
    else:
        parser = PARSERS[kind]
        parsed = [parser(u) for u in uniques]
    bad_u = np.fromiter((p is INVALID for p in parsed), bool, len(parsed))
    parsed = [None if p is INVALID else p for p in parsed]
    if kind in ("int", "number"):
        table = np.array([np.nan if p is None else p for p in parsed], dtype="float64")
        fill: Any = np.nan
    else:
        table = np.array(parsed + [None], dtype=object)[:-1]
        fill = None
    values = _take(table, codes, fill)
    invalid = _take(bad_u, codes, False)
    return values, invalid


def parse_dates(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`parse_date` over an array (a column's distinct values), with the real dates (what a
    workbook mostly holds) converted by numpy in one go: (datetime64[ns] with NaT, invalid)."""
    days = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[D]")
    bad = np.zeros(len(values), dtype=bool)
    is_date = np.fromiter((isinstance(v, dt.date) for v in values), bool, len(values))
    if is_date.any():
        days[is_date] = np.array(
            [v.date() if isinstance(v, dt.datetime) else v for v in values[is_date]],
            dtype="datetime64[D]",
        )
        lo, hi = np.datetime64(_FIRST_DAY, "D"), np.datetime64(_LAST_DAY, "D")
        out = is_date & ((days < lo) | (days > hi))
        days[out], bad[out] = np.datetime64("NaT"), True
    for i in np.flatnonzero(~is_date):
        day = parse_date(values[i])
        if day is INVALID:
            bad[i] = True
        elif day is not None:
            days[i] = np.datetime64(day.date(), "D")
    return days.astype("datetime64[ns]"), bad


def _take(table: np.ndarray, codes: np.ndarray, fill: Any) -> np.ndarray:
    """table[codes], with code -1 (missing) giving `fill`."""
    if len(table) == 0:
        return np.full(len(codes), fill, dtype=table.dtype)
    out = table[np.where(codes < 0, 0, codes)]
    missing = codes < 0
    if missing.any():
        out = out.copy()
        out[missing] = fill
    return out
