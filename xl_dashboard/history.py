"""The stored history: every figure a build showed, kept month by month in one CSV file.

Latest-value indicators (visits, seen alone, health and dental checks, allocation) can only be
computed for the reporting month of each extract; keeping what each monthly build showed gives
them a trend without typing figures in. Priority when a month has several figures: computed
from Annex A now, then Monthly figures, then the history.

The file is shared by builds (a scheduled job and a person, say), so a build holds a lock on it
(`history.csv.lock`, with `filelock`, which also works on Windows shares) from reading it to
replacing it: two builds run one after the other and both keep their months. Every row is
checked on reading; a row that fails is reported with its line number and never shown."""

from __future__ import annotations

import contextlib
import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from .csv_files import write_csv
from .errors import InputError
from .indicators.catalogue import BY_ID
from .indicators.engine import KEY, RESULT_COLUMNS, Results
from .indicators.teams import is_team
from .issues import Issues

LOCK_WAIT_S = 120  # how long a build waits for another build to finish with the history
SOURCES = {"annex_a", "figures"}
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def empty_history() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in RESULT_COLUMNS})


@contextlib.contextmanager
def history_lock(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the history's lock: no other build reads or writes it meanwhile."""
    lock = FileLock(f"{path}.lock", timeout=LOCK_WAIT_S)
    try:
        with lock:
            yield
    except Timeout:
        raise InputError(
            f"Another build has been using the history '{Path(path).name}' for over "
            f"{LOCK_WAIT_S} seconds: try again when it has finished."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            Path(f"{path}.lock").unlink()


def read_history(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, Issues]:
    """The stored figures that pass every check, and an issue (with its line) for each row that
    does not. A missing or empty file is an empty history."""
    file = Path(path)
    issues = Issues()
    if not file.exists() or file.stat().st_size == 0:
        return empty_history(), issues
    try:
        with file.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            rows: list[list[str]] = []
            lines: list[int] = []
            cut: list[int] = []  # lines without the header's number of fields
            for row in reader:
                if not any(row):
                    continue
                if len(row) == len(header):
                    rows.append(row)
                    lines.append(reader.line_num)
                else:
                    cut.append(reader.line_num)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"The history file '{file.name}' could not be read: {exc}") from None
    except OSError as exc:
        raise InputError(
            f"The history file '{file.name}' could not be read: {exc.strerror}."
        ) from None
    missing = set(RESULT_COLUMNS) - set(header)
    if missing:
        raise InputError(
            f"The history file '{file.name}' has no column {sorted(missing)[0]!r}: it is not a "
            "history written by xl-dashboard."
        )
    if cut:
        issues.add(
            "history-row",
            "error",
            file.name,
            "The line does not have the history's columns (cut short?): it is left out.",
            rows=cut,
        )
    frame = pd.DataFrame(rows, columns=header, dtype=object)[RESULT_COLUMNS]
    frame = frame.replace("", None).assign(line=lines)
    return _checked(frame, file.name, issues), issues


def _checked(frame: pd.DataFrame, name: str, issues: Issues) -> pd.DataFrame:
    """Rows with a known indicator and period, numbers where numbers belong, 0 <= numerator <=
    denominator for percentages, a value that agrees with them, and no repeated key."""
    frame = frame.assign(breakdown=frame["breakdown"].fillna("").str.removeprefix("'"))
    numbers = {
        c: pd.to_numeric(frame[c], errors="coerce") for c in ("numerator", "denominator", "value")
    }
    unit = frame["indicator_id"].map({i: ind.unit for i, ind in BY_ID.items()})
    num, den, value = numbers["numerator"], numbers["denominator"], numbers["value"]
    percent = unit == "%"
    checks = [
        (unit.isna(), "not an indicator of the catalogue"),
        (~frame["period"].fillna("").str.match(_PERIOD), "the period is not a month YYYY-MM"),
        (~frame["source"].isin(SOURCES), "the source is neither annex_a nor figures"),
        (unit.notna() & (frame["unit"] != unit), "the unit is not the indicator's"),
        (
            pd.concat([frame[c].notna() & numbers[c].isna() for c in numbers], axis=1).any(axis=1),
            "a numerator, denominator or value is not a number",
        ),
        (value.isna(), "no value"),
        ((num < 0) | (den < 0) | (percent & (value < 0)), "a negative number"),
        (percent & (num > den), "the numerator is larger than the denominator"),
        (
            percent & ((value > 100) | (100 * num / den.where(den > 0) - value).abs().gt(0.05)),
            "the value does not agree with the numerator and denominator",
        ),
    ]
    bad = pd.Series(False, index=frame.index)
    for failed, why in checks:
        failed = failed.fillna(False).astype(bool) & ~bad
        if failed.any():
            issues.add(
                "history-row",
                "error",
                name,
                f"The stored figure is left out: {why}.",
                rows=frame.loc[failed, "line"].to_numpy(),
            )
        bad |= failed
    dup = ~bad & frame.duplicated(KEY, keep=False)
    if dup.any():
        issues.add(
            "history-row",
            "error",
            name,
            "Another line stores the same indicator, breakdown and month: both are left out.",
            rows=frame.loc[dup, "line"].to_numpy(),
        )
    good = frame[~bad & ~dup].drop(columns="line")
    for col in ("numerator", "denominator", "value"):
        good[col] = numbers[col][good.index].astype(float)
    return good.reset_index(drop=True)


def merged_history(history: pd.DataFrame, results: Results) -> pd.DataFrame:
    """What this build shows, with the stored figures of other months (and ones it does not
    show) kept. Team rows are not stored: they are the reporting month's view of its extract,
    and a stored team split could later sit beside a revised headline that it no longer sums
    to."""
    shown = results.data.loc[~is_team(results.data["breakdown"]), RESULT_COLUMNS]
    kept = history.merge(shown[KEY], on=KEY, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"][RESULT_COLUMNS]
    parts = [p for p in (kept, shown) if len(p)]
    merged = pd.concat(parts, ignore_index=True) if parts else empty_history()
    return merged.sort_values(KEY, kind="stable").reset_index(drop=True)


def write_history(path: str | os.PathLike[str], merged: pd.DataFrame) -> None:
    """Write the history file (at a temporary path: the build moves it into place)."""
    write_csv(merged[RESULT_COLUMNS], path)
