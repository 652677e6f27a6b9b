"""CSV outputs that Excel opens as data, never as formulas (OWASP's CSV-injection rule)."""

from __future__ import annotations

import os

import pandas as pd

# A field starting with one of these is run as a formula by Excel (and LibreOffice) on opening.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text field that starts like a formula prefixed by an apostrophe;
    numbers stay numbers (a negative number is a number, not text starting with '-')."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        text = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS)).astype(
            bool
        )
        if text.any():
            out[col] = values.where(~text, "'" + values[text].astype(str))
    return out


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write `frame` as UTF-8 CSV, its text made inert. Lines end in CRLF as RFC 4180 says, so a
    field holding a carriage return or line feed is quoted and stays one field."""
    inert(frame).to_csv(path, index=False, lineterminator="\r\n")
