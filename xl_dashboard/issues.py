"""The data-quality issue record (ground floor): each problem with its sheet, row and rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

ISSUE_COLUMNS = ["severity", "rule", "sheet", "row", "column", "message"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class RowAccount:
    """What happened to every row of one input sheet: used, or left out and why."""

    sheet: str
    rows_read: int = 0
    blank: int = 0
    duplicates: int = 0
    used: int = 0

    def as_row(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "rows read": self.rows_read,
            "blank rows ignored": self.blank,
            "exact duplicates counted once": self.duplicates,
            "rows used": self.used,
        }


@dataclass
class Issues:
    """Collects issues in bulk (one call per rule and column, many rows at once)."""

    _parts: list[pd.DataFrame] = field(default_factory=list)
    accounts: dict[str, RowAccount] = field(default_factory=dict)

    def add(
        self,
        rule: str,
        severity: str,
        sheet: str,
        message: str | Iterable[str],
        rows: Iterable[int] | int | None = None,
        column: str = "",
    ) -> None:
        """Record one issue, or the same rule for many rows (message may be one per row)."""
        if rows is None:
            row_arr = np.array([pd.NA], dtype=object)
        else:
            row_arr = np.atleast_1d(np.asarray(rows, dtype=object))
        if len(row_arr) == 0:
            return
        messages = [message] * len(row_arr) if isinstance(message, str) else list(message)
        self._parts.append(
            pd.DataFrame(
                {
                    "severity": severity,
                    "rule": rule,
                    "sheet": sheet,
                    "row": row_arr,
                    "column": column,
                    "message": messages,
                }
            )
        )

    def extend(self, other: Issues) -> None:
        self._parts.extend(other._parts)
        self.accounts.update(other.accounts)

    def frame(self) -> pd.DataFrame:
        """All issues, errors first, then by sheet and row."""
        if not self._parts:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in ISSUE_COLUMNS})
        df = pd.concat(self._parts, ignore_index=True)
        df["row"] = pd.to_numeric(df["row"], errors="coerce").astype("Int64")
        order = df["severity"].map(SEVERITY_ORDER).fillna(9)
        df = df.assign(_o=order).sort_values(
            ["_o", "sheet", "row", "column", "rule"], kind="stable", na_position="first"
        )
        return df.drop(columns="_o").reset_index(drop=True)

    def count(self, severity: str) -> int:
        return int(sum((p["severity"] == severity).sum() for p in self._parts))

    def accounting(self) -> pd.DataFrame:
        """One row per input sheet: rows read, blank, duplicates, used."""
        rows = [a.as_row() for a in self.accounts.values()]
        return pd.DataFrame(rows, columns=list(RowAccount("").as_row()))
