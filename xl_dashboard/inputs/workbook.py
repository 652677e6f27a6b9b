"""Reading sheets from a workbook file (python-calamine) or a folder of CSV files.

Every source yields `RawSheet`s: headers, a 2-D object array of cells, and the sheet row number
of each data row, so every issue can name the row a user sees in Excel."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import pandas as pd

from .. import readahead
from ..bounds import MAX_CELL_CHARS, MAX_PART_BYTES, check_archive, read_sparse
from ..errors import InputError
from .normalise import BLANK_TOKENS, norm_header

if TYPE_CHECKING:  # imported when a file is opened: xlwings Lite reads the live book instead
    import python_calamine as calamine


@dataclass
class RawSheet:
    """One sheet as read: header texts, cells (object array) and Excel row numbers."""

    name: str
    headers: list[str]
    cells: np.ndarray  # shape (rows, len(headers)), dtype object
    rows: np.ndarray  # sheet row number (1-based) of each data row
    # What the reader noticed about the sheet as a whole (stray far cells, an encoding guessed):
    # (rule, message) pairs, reported with the sheet's other issues.
    notes: list[tuple[str, str]] = field(default_factory=list)
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
        return RawSheet(
            self.name, headers, self.cells[index + 1 :], self.rows[index + 1 :], self.notes
        )

    def factorized(self, col: int) -> tuple[np.ndarray, np.ndarray]:
        """(codes, uniques) of one column, computed once."""
        if col not in self._factorized:
            self._factorized[col] = pd.factorize(self.cells[:, col], use_na_sentinel=True)
        return self._factorized[col]

    def blank_rows(self, first: Sequence[int] = ()) -> np.ndarray:
        """True for rows in which every cell means blank (empty, spaces, #N/A, N/A, -).

        The columns `first` (those read anyway, already factorized) decide most rows: a row
        with three filled cells there is not blank. Only the others (nearly empty there) are
        checked cell by cell across the whole row, so unread columns are never factorized."""
        n_cols = self.cells.shape[1]
        if self.cells.size == 0:
            return np.ones(len(self.cells), dtype=bool)
        cols = list(first) or list(range(n_cols))
        blank = np.column_stack([self._blank_cells(col) for col in cols])
        maybe = blank.sum(axis=1) >= len(cols) - 2
        rows = np.zeros(len(self.cells), dtype=bool)
        for i in np.flatnonzero(maybe):
            rows[i] = not any(_filled(v) for v in self.cells[i])
        return rows

    def duplicate_rows(self, keep: np.ndarray, first: Sequence[int] = ()) -> np.ndarray:
        """True for the rows among `keep` that repeat an earlier kept row in every column. Rows
        that differ in the columns `first` cannot be duplicates; only the others are compared
        in full (their unread columns factorized on those rows alone)."""
        n_rows, n_cols = self.cells.shape
        dup = np.zeros(n_rows, dtype=bool)
        rows = np.flatnonzero(keep)
        if len(rows) < 2:
            return dup
        cols = list(first) or list(range(n_cols))
        codes = np.column_stack([self.factorized(c)[0][rows] for c in cols])
        same = pd.DataFrame(codes).duplicated(keep=False).to_numpy()
        if not same.any():
            return dup
        cand = rows[same]
        rest = [c for c in range(n_cols) if c not in set(cols)]
        full = np.column_stack([codes[same], *(pd.factorize(self.cells[cand, c])[0] for c in rest)])
        dup[cand] = pd.DataFrame(full).duplicated(keep="first").to_numpy()
        return dup

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
        self.layout = check_archive(self.path)  # before calamine inflates anything
        self._names = list(self._open().sheet_names)

    def _open(self) -> calamine.CalamineWorkbook:
        import python_calamine as calamine

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
        dense = [n for n in names if self.layout is None or self.layout.dense(n)]
        ahead = readahead.start(self.path, dense)
        try:
            yield
        finally:
            ahead.close()

    def read(self, name: str) -> RawSheet:
        """Parse one sheet, or take it parsed ahead. Each call opens its own reader (opening is
        cheap), so sheets can be parsed in parallel threads. A sheet whose declared range a
        stray far cell has blown up is streamed instead, keeping only its table."""
        if self.layout is not None and not self.layout.dense(name):
            return self._read_sparse(name)
        try:
            ahead = readahead.find(self.path)
            sheet = ahead.take(name) if ahead is not None else None
            if sheet is None:
                sheet = self._open().get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputError(f"Sheet '{name}' of '{self.label}' could not be read: {exc}") from None
        return RawSheet.from_rows(name, rows)

    def _read_sparse(self, name: str) -> RawSheet:
        sparse = read_sparse(self.path, name)
        raw = RawSheet.from_rows(name, sparse.rows, first_row=sparse.first_row)
        found = (
            f" ({sparse.stray:,} filled, the first at {sparse.first_stray})" if sparse.stray else ""
        )
        raw.notes.append(
            (
                "stray-cells",
                f"The sheet's used range reaches far beyond its table (a stray value or format "
                f"far out{found}): only the table under the header row is read.",
            )
        )
        return raw


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
        if path.stat().st_size > MAX_PART_BYTES:
            raise InputError(f"'{path.name}' is over 1 GB: it is refused.")
        text, encoding, guessed = decode_text(path.read_bytes())
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            rows = list(reader)
        except csv.Error as exc:
            raise InputError(
                f"'{path.name}' line {reader.line_num} cannot be read as CSV ({exc}); a cell "
                f"may hold at most {MAX_CELL_CHARS:,} characters, as in Excel."
            ) from None
        raw = RawSheet.from_rows(name, rows)
        if guessed:
            raw.notes.append(
                ("csv-encoding", f"'{path.name}' is not UTF-8: read as {encoding} (Windows).")
            )
        return raw


BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),  # UTF-16 LE, as some Windows tools export
    (b"\xfe\xff", "utf-16"),
)


def decode_text(data: bytes) -> tuple[str, str, bool]:
    """Text of a CSV file: by its byte-order mark (UTF-8, UTF-16 LE/BE), else UTF-8, else
    Windows-1252. Returns (text, encoding, whether the encoding was guessed)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, False
            except UnicodeDecodeError:
                raise InputError(f"The file starts like {encoding} text but is not.") from None
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252", True


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
