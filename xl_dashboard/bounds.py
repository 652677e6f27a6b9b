"""Sane limits on a workbook, checked from its sizes and declared dimensions before any sheet is
inflated, and a sparse reader for sheets whose used range is blown up by a stray cell.

Real workbooks often carry a stray space or format far out (XFD1048576): a dense reader would
allocate the whole rectangle (549 GB for that cell). A zip bomb (gigabytes of whitespace in a few
megabytes) would be inflated whole. Both are caught here from the archive's directory and the
first bytes of each sheet, which costs milliseconds, not a parse."""

from __future__ import annotations

import functools
import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import InputError

MAX_PART_BYTES = 1 << 30  # 1 GB uncompressed per sheet (a large authority's List 1: ~30 MB)
MAX_CELLS = 5_000_000  # per list
MAX_CELL_CHARS = 32_767  # what an Excel cell can hold
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_SHEET_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_FIRST = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


@dataclass(frozen=True)
class Layout:
    """What the archive says of each sheet before it is read: its XML part and declared size."""

    parts: dict[str, str]  # sheet name -> part name in the archive
    cells: dict[str, int]  # sheet name -> declared rows x columns (0 when not declared)

    def dense(self, sheet: str) -> bool:
        """Whether the sheet can be read whole (its declared rectangle is within the limit)."""
        return self.cells.get(sheet, 0) <= MAX_CELLS


def check_archive(path: Path) -> Layout | None:
    """Refuse a workbook whose parts would inflate beyond the limits; for .xlsx/.xlsm, each
    sheet's part and declared dimension. None for files that are not zip archives (.xls).
    Read once per file version (the read-ahead and the reader both ask)."""
    st = path.stat()
    return _check_archive(path.resolve(), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=8)
def _check_archive(path: Path, _mtime_ns: int, _size: int) -> Layout | None:
    if not zipfile.is_zipfile(path):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_PART_BYTES:
                    raise InputError(
                        f"'{path.name}' is refused: its part '{info.filename}' would unpack to "
                        f"{info.file_size / (1 << 30):.1f} GB, over the 1 GB a sheet may hold "
                        "(a large authority's List 1 is about 30 MB). Is it really an Annex A "
                        "extract?"
                    )
            return _layout(archive)
    except zipfile.BadZipFile as exc:
        raise InputError(f"'{path.name}' is not a workbook that can be read: {exc}") from None


def _layout(archive: zipfile.ZipFile) -> Layout:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return Layout({}, {})
    book = archive.read("xl/workbook.xml")
    rels_xml = archive.read("xl/_rels/workbook.xml.rels")
    rels = dict(_SHEET_REL.findall(rels_xml)) | {i: t for t, i in _REL_FIRST.findall(rels_xml)}
    parts, cells = {}, {}
    for raw_name, rel_id in _SHEET.findall(book):
        target = rels.get(rel_id)
        if target is None:
            continue
        part = _part_name(target.decode())
        if part not in names:
            continue
        name = _unescape(raw_name.decode("utf-8", "replace"))
        parts[name] = part
        with archive.open(part) as fh:
            head = fh.read(4096)
        cells[name] = _declared_cells(head)
    return Layout(parts, cells)


def _part_name(target: str) -> str:
    path = (
        PurePosixPath(target.lstrip("/"))
        if target.startswith("/")
        else "xl" / PurePosixPath(target)
    )
    parts: list[str] = []
    for piece in PurePosixPath(path).parts:
        if piece == "..":
            parts = parts[:-1]
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _declared_cells(head: bytes) -> int:
    m = _DIMENSION.search(head)
    if m is None or m[3] is None:
        return 0
    rows = int(m[4]) - int(m[2]) + 1
    cols = column_number(m[3].decode()) - column_number(m[1].decode()) + 1
    return max(rows, 0) * max(cols, 0)


def column_number(letters: str) -> int:
    """`A` -> 1, `XFD` -> 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


@dataclass
class SparseSheet:
    """A sheet read row by row, keeping only its table: the header row (the first with anything
    in it) and the rows under it, as wide as the header; cells beyond are counted and named."""

    rows: list[list[object]]
    first_row: int  # sheet row number of rows[0]
    stray: int  # filled cells outside the table
    first_stray: str  # e.g. "XFD1048576"


def read_sparse(path: Path, sheet: str) -> SparseSheet:
    """Stream one .xlsx sheet with openpyxl (read-only, dimensions ignored), so memory follows
    the filled cells, not the declared rectangle: blank rows are held as a count until a filled
    row follows them."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = book[sheet]
        ws.reset_dimensions()
        rows: list[list[object]] = []
        first_row, width, blank_run = 0, 0, 0
        stray, first_stray = 0, ""
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if width == 0:
                filled = [i for i, v in enumerate(row) if _filled(v)]
                if not filled:
                    continue
                first_row, width = r, filled[-1] + 1
            beyond = [i for i, v in enumerate(row[width:], start=width) if _filled(v)]
            if beyond:
                stray += len(beyond)
                first_stray = first_stray or f"{column_letters(beyond[0] + 1)}{r}"
            kept = list(row[:width])
            if not any(_filled(v) for v in kept):
                blank_run += 1
                continue
            rows.extend([None] * width for _ in range(blank_run))
            blank_run = 0
            rows.append(kept + [None] * (width - len(kept)))
            if len(rows) * width > MAX_CELLS:
                raise InputError(
                    f"Sheet '{sheet}' of '{path.name}' holds more than {MAX_CELLS:,} cells: it is "
                    "refused (an Annex A list of a large authority holds about 1.5 million)."
                )
        return SparseSheet(rows, first_row or 1, stray, first_stray)
    finally:
        book.close()


def _filled(v: object) -> bool:
    if v is None:
        return False
    if isinstance(v, str):
        return bool(v.strip())
    return not (isinstance(v, float) and math.isnan(v))
