"""Reading sheets from a workbook file (python-calamine) or a folder of CSV files.

Every source yields `RawSheet`s: headers, a 2-D object array of cells, and the sheet row number
of each data row, so every issue can name the row a user sees in Excel."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd
import python_calamine as calamine

from .. import readahead
from ..errors import InputError
from .normalise import BLANK_TOKENS, norm_header

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}


@dataclass
class RawSheet:
    """One sheet as read: header texts, cells (object array) and Excel row numbers."""

    name: str
    headers: list[str]
    cells: np.ndarray  # shape (rows, len(headers)), dtype object
    rows: np.ndarray  # sheet row number (1-based) of each data row
    _factorized: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_rows(cls, name: str, rows: Sequence[Sequence[object]], first_row: int = 1) -> RawSheet:
        """Build from a list of rows as a spreadsheet holds them (the header is the first row
        with anything in it; `first_row` is the sheet row number of rows[0])."""
        header_at = next((i for i, r in enumerate(rows) if any(_filled(v) for v in r)), None)
        if header_at is None:
            return cls(name, [], np.empty((0, 0), dtype=object), np.empty(0, dtype=np.int64))
        body = rows[header_at + 1 :]
        widths = set(map(len, rows[header_at:]))
        width = max(widths)
        if body and len(widths) == 1:  # rectangular, as calamine gives a sheet
            cells = np.array(body, dtype=object)
        else:
            cells = np.empty((len(body), width), dtype=object)
            _fill_ragged(cells, body, width)
        headers = _headers(rows[header_at], width)
        numbers = np.arange(len(body), dtype=np.int64) + first_row + header_at + 1
        return cls(name, headers, cells, numbers)

    def with_header_at(self, index: int) -> RawSheet:
        """The same sheet read with data row `index` as its header row (for sheets with title
        rows above the headers)."""
        headers = _headers(self.cells[index], self.cells.shape[1])
        return RawSheet(self.name, headers, self.cells[index + 1 :], self.rows[index + 1 :])

    def factorized(self, col: int) -> tuple[np.ndarray, np.ndarray]:
        """(codes, uniques) of one column, computed once."""
        if col not in self._factorized:
            self._factorized[col] = pd.factorize(self.cells[:, col], use_na_sentinel=True)
        return self._factorized[col]

    def blank_rows(self) -> np.ndarray:
        """True for rows in which every cell means blank (empty, spaces, #N/A, N/A, -)."""
        if self.cells.size == 0:
            return np.ones(len(self.cells), dtype=bool)
        blank = np.column_stack([self._blank_cells(col) for col in range(self.cells.shape[1])])
        rows = blank.all(axis=1)
        # Cells that only look filled (a token padded with spaces) are checked one by one, in
        # the few rows where nothing else is filled.
        maybe = ~rows & (blank.sum(axis=1) >= self.cells.shape[1] - 2)
        for i in np.flatnonzero(maybe):
            rows[i] = not any(_filled(v) for v in self.cells[i])
        return rows

    def _blank_cells(self, col: int) -> np.ndarray:
        """True for the column's cells that are missing or exactly a blank token. Decided once
        per distinct value (the column is factorized anyway, to find duplicate rows)."""
        codes, uniques = self.factorized(col)
        blank = pd.Series(uniques, dtype=object, copy=False).isin(BLANK_CELLS).to_numpy()
        return codes < 0 if not blank.any() else (codes < 0) | blank[np.maximum(codes, 0)]

    def column_index(self) -> dict[str, int]:
        """Normalised header → first column index holding it."""
        out: dict[str, int] = {}
        for i, h in enumerate(self.headers):
            out.setdefault(norm_header(h), i)
        return out


BLANK_CELLS = sorted(
    BLANK_TOKENS
    | {t.upper() for t in BLANK_TOKENS}
    | {" ", "\xa0", "N/a", "NaN", "NaT", "None", "Null"}
)


def _filled(v: object) -> bool:
    if v is None:
        return False
    if isinstance(v, float):
        return not np.isnan(v)
    if isinstance(v, str):
        return v.replace("\xa0", " ").strip().lower() not in BLANK_TOKENS
    return True


def _header_text(v: object) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    return str(v).replace("\xa0", " ").strip()


def _headers(row: Sequence[object], width: int) -> list[str]:
    """Header texts, one per column (blank where a column has no header)."""
    headers = [_header_text(v) for v in row]
    return headers + [""] * (width - len(headers))


def _fill_ragged(cells: np.ndarray, body: Sequence[Sequence[object]], width: int) -> None:
    cells[:, :] = ""
    for i, r in enumerate(body):
        r = list(r)[:width]
        cells[i, : len(r)] = r


class SheetSource(Protocol):
    """Where sheets come from: a workbook file, a CSV folder, or (in Excel) a live book."""

    label: str

    def sheet_names(self) -> list[str]: ...

    def read(self, name: str) -> RawSheet: ...


class WorkbookFile:
    """An .xlsx/.xlsm/.xlsb/.ods file, read with python-calamine (formulas as cached values)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.label = self.path.name
        if not self.path.exists():
            raise InputError(f"There is no file '{self.path}'.")
        if self.path.is_dir():
            raise InputError(f"'{self.path}' is a folder, not a workbook.")
        self._names = list(self._open().sheet_names)

    def _open(self) -> calamine.CalamineWorkbook:
        try:
            return calamine.CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:  # calamine raises several types for unreadable files
            raise InputError(
                f"'{self.path.name}' is not a workbook that can be read "
                f"(.xlsx, .xlsm, .xlsb or .ods): {exc}"
            ) from None

    def sheet_names(self) -> list[str]:
        return list(self._names)

    @contextmanager
    def reading_ahead(self, names: Sequence[str]) -> Iterator[None]:
        """Within this block, these sheets are parsed in this order in a background thread
        (see `readahead`: calamine parses with the GIL released), so `read` finds each one
        parsed, or waits for it, while this thread normalises the ones before."""
        ahead = readahead.start(self.path, names)
        try:
            yield
        finally:
            ahead.close()

    def read(self, name: str) -> RawSheet:
        """Parse one sheet, or take it parsed ahead. Each call opens its own reader (opening is
        cheap), so sheets can be parsed in parallel threads."""
        try:
            ahead = readahead.find(self.path)
            sheet = ahead.take(name) if ahead is not None else None
            if sheet is None:
                sheet = self._open().get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputError(f"Sheet '{name}' of '{self.label}' could not be read: {exc}") from None
        return RawSheet.from_rows(name, rows)


class CsvFolder:
    """A folder of CSV files named after the sheets (`List 1.csv` …), as case systems export."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.label = self.path.name
        if not self.path.is_dir():
            raise InputError(f"There is no folder '{self.path}'.")
        self._files = {p.stem.strip(): p for p in sorted(self.path.glob("*.csv"))}
        if not self._files:
            raise InputError(f"The folder '{self.path}' holds no .csv files.")

    def sheet_names(self) -> list[str]:
        return list(self._files)

    def read(self, name: str) -> RawSheet:
        path = self._files[name]
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                with path.open(newline="", encoding=encoding) as fh:
                    rows = list(csv.reader(fh))
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InputError(f"'{path.name}' is not a text CSV file.")
        return RawSheet.from_rows(name, rows)


def open_source(path: str | os.PathLike[str]) -> SheetSource:
    """A workbook file or a CSV folder, by what the path is."""
    p = Path(path)
    if p.is_dir():
        return CsvFolder(p)
    if not p.exists():
        raise InputError(f"There is no file or folder '{p}'.")
    if p.suffix.lower() == ".csv":
        return CsvFolder(p.parent)
    return WorkbookFile(p)


def find_sheet(source: SheetSource, wanted: str) -> str | None:
    """The source's sheet whose name matches `wanted` ignoring case, spaces and punctuation."""
    key = norm_header(wanted)
    return next((n for n in source.sheet_names() if norm_header(n) == key), None)
