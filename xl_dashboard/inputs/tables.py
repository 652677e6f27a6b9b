"""One mechanism for every input table: match headers, drop blank rows, normalise columns."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..issues import Issues, RowAccount
from .annex_a_spec import Column
from .normalise import KIND_WORDS, norm_header, normalise
from .workbook import RawSheet


def match_columns(raw: RawSheet, columns: tuple[Column, ...]) -> dict[str, int]:
    """Column key → index in the sheet, for the columns that can be found.

    A trailing `(Y/N)` on either side is ignored (`... Six Months (Y/N)` = `... Six Months`).
    Columns no header or alias names exactly are then looked for by their pattern, among the
    headers not taken yet."""
    index = raw.column_index()
    bare = {k[:-2]: i for k, i in index.items() if k.endswith("yn")}
    found: dict[str, int] = {}
    for col in columns:
        for name in (col.header, *col.aliases):
            key = norm_header(name)
            hit = index.get(key, bare.get(key))
            if hit is None and key.endswith("yn"):
                hit = index.get(key[:-2])
            if hit is not None:
                found[col.key] = hit
                break
    taken = set(found.values())
    for col in columns:
        if col.key in found or not col.pattern:
            continue
        rule = re.compile(col.pattern)
        hit = next((i for k, i in index.items() if i not in taken and rule.search(k)), None)
        if hit is not None:
            found[col.key] = hit
            taken.add(hit)
    return found


HEADER_SEARCH_ROWS = 10


def _find_header_row(raw: RawSheet, columns: tuple[Column, ...]) -> tuple[RawSheet, dict[str, int]]:
    """The first non-blank row is the header, unless a row a little further down (below a
    title or a note) matches clearly more of the expected columns."""
    found = match_columns(raw, columns)
    if len(found) >= min(2, len(columns)):
        return raw, found
    best, best_found = raw, found
    for i in range(min(HEADER_SEARCH_ROWS, len(raw.cells))):
        candidate = raw.with_header_at(i)
        hits = match_columns(candidate, columns)
        if len(hits) > len(best_found):
            best, best_found = candidate, hits
    return best, best_found


def read_table(
    raw: RawSheet,
    columns: tuple[Column, ...],
    issues: Issues,
    *,
    drop_duplicates: bool = False,
    missing_note: str = "",
) -> tuple[pd.DataFrame, set[str]]:
    """The sheet's matched columns as a DataFrame (plus `row`), and the keys not found.

    Blank rows are ignored; with `drop_duplicates`, exact duplicate rows (every column of the
    sheet equal) count once. Unreadable values become blank and are reported with their row."""
    sheet = raw.name
    raw, found = _find_header_row(raw, columns)
    missing = {c.key for c in columns} - set(found)
    for col in columns:
        if col.key in missing and not col.optional:
            issues.add(
                "missing-column",
                "warning",
                sheet,
                f"{sheet} has no column like '{col.header}'{missing_note}",
                column=col.header,
            )
    n_rows, n_cols = raw.cells.shape
    account = RowAccount(sheet, rows_read=n_rows)
    issues.accounts[sheet] = account
    for rule, note in raw.notes:
        issues.add(rule, "warning", sheet, note)
    if n_rows == 0 or n_cols == 0:
        empty = {c.key: pd.Series(dtype=object) for c in columns if c.key in found}
        return pd.DataFrame(empty).assign(row=pd.Series(dtype=np.int64)), missing

    read = sorted(set(found.values()))
    blank = raw.blank_rows(read)
    dup = np.zeros(n_rows, dtype=bool)
    if drop_duplicates:
        dup = raw.duplicate_rows(~blank, read)
        if dup.any():
            issues.add(
                "duplicate-row",
                "warning",
                sheet,
                "Exact duplicate of an earlier row (every column equal): counted once.",
                rows=raw.rows[dup],
            )
    keep = ~blank & ~dup
    account.blank, account.duplicates = int(blank.sum()), int(dup.sum())
    account.used = int(keep.sum())

    rows = raw.rows[keep]
    data: dict[str, object] = {}
    for col in columns:
        if col.key not in found:
            continue
        idx = found[col.key]
        col_codes, uniques = raw.factorized(idx)
        values, invalid = normalise(col_codes[keep], uniques, col.kind)
        data[col.key] = values
        if invalid.any():
            shown = [_show(v) for v in raw.cells[keep, idx][invalid]]
            issues.add(
                f"invalid-{col.kind}",
                "error",
                sheet,
                [f"'{v}' is not {KIND_WORDS[col.kind]}: treated as blank." for v in shown],
                rows=rows[invalid],
                column=raw.headers[idx],
            )
    data["row"] = rows
    return pd.DataFrame(data), missing


def _show(value: object) -> str:
    text = str(value).replace("\xa0", " ").strip()
    return text if len(text) <= 40 else text[:37] + "..."
