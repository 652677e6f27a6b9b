"""The stored history: every figure a build showed, kept month by month in one CSV file.

Latest-value indicators (visits, seen alone, health and dental checks, allocation) can only be
computed for the reporting month of each extract; keeping what each monthly build showed gives
them a trend without typing figures in. Priority when a month has several figures: computed
from Annex A now, then Monthly figures, then the history."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .errors import InputError
from .indicators.engine import KEY, RESULT_COLUMNS, Results
from .safe_write import replacing


def read_history(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The stored figures (empty when the file does not exist yet)."""
    file = Path(path)
    if not file.exists():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in RESULT_COLUMNS})
    try:
        frame = pd.read_csv(
            file, dtype={"breakdown": str, "period": str}, keep_default_na=False, na_values=[""]
        )
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"The history file '{file.name}' could not be read: {exc}") from None
    missing = set(RESULT_COLUMNS) - set(frame.columns)
    if missing:
        raise InputError(
            f"The history file '{file.name}' has no column {sorted(missing)[0]!r}: it is not a "
            "history written by xl-dashboard."
        )
    frame["breakdown"] = frame["breakdown"].fillna("")
    return frame[RESULT_COLUMNS]


def write_history(path: str | os.PathLike[str], history: pd.DataFrame, results: Results) -> Path:
    """Store what this build shows; figures of other months (and ones it does not show) stay."""
    shown = results.data[RESULT_COLUMNS]
    kept = history.merge(shown[KEY], on=KEY, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"][RESULT_COLUMNS]
    merged = pd.concat([kept, shown], ignore_index=True).sort_values(KEY, kind="stable")
    with replacing(path) as tmp:
        merged.to_csv(tmp, index=False, lineterminator="\n")
    return Path(path)
