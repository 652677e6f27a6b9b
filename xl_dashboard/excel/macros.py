"""The buttons' door: what the template's VBA Subs run through xlwings' `RunPython`.

Each macro reads the calling workbook (`xw.Book.caller()`), calls the core exactly as the
command line does, and answers in Excel's idiom: a workbook opened beside this one, a sheet
written, a message box. A failure reaches the user as one short message naming the problem
(never a Python traceback dialog), and refresh and check never write to an input sheet.

Each macro also takes the Book as an argument, so it runs unchanged from Python, in tests
against xlwings' JSON engine, and behind xlwings Server."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import xlwings as xw

from ..api import (
    DATA_SHEET,
    RawSheet,
    Results,
    annex_a_lists,
    compute_source,
    export_pages,
    printed_sheets,
    write_dashboard,
)
from ..errors import XlDashboardError
from ..issues import ISSUE_COLUMNS
from .book import (
    XlwingsBook,
    as_sheet_rows,
    blank_if_na,
    failure_text,
    issue_counts,
    output_sheet,
    rows_of,
    stopped_message,
)
from .pages import SUMMARY_SHEET
from .refresh import refresh_pages, require_dashboard

TITLE = "xl_dashboard"
QUALITY_SHEET = "Data quality"
DATE_FORMAT = "dd/mm/yyyy"
MAX_MESSAGE = 900  # characters: Excel's MsgBox shows at most 1,024
ANNEX_A_FILES = "*.xlsx;*.xlsm;*.xlsb;*.xls;*.ods;*.csv"
FILE_FILTER = f"Annex A workbook or CSV file ({ANNEX_A_FILES}),{ANNEX_A_FILES}"
ERROR_LOG = "xl_dashboard-error"

T = TypeVar("T")


class _StatusBar:
    """Excel's status bar while a macro runs (xlwings Server has none: then nothing shows)."""

    def __init__(self, book: xw.Book) -> None:
        self.app = book.app
        self.shown = False

    def __call__(self, text: str) -> None:
        with contextlib.suppress(Exception):
            self.app.status_bar = f"{TITLE}: {text}"
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            with contextlib.suppress(Exception):
                self.app.status_bar = False  # hands the status bar back to Excel


def _macro(action: str) -> Callable[[Callable[..., T]], Callable[..., T | None]]:
    """A button's entry point: the calling book, a status bar, every failure as a message."""

    def decorate(work: Callable[..., T]) -> Callable[..., T | None]:
        @functools.wraps(work)
        def run(book: xw.Book | None = None, *args: Any, **kwargs: Any) -> T | None:
            book = book if book is not None else xw.Book.caller()
            status = _StatusBar(book)
            try:
                return work(book, status, *args, **kwargs)
            except XlDashboardError as exc:
                _alert(book, stopped_message(action, exc), critical=True)
            except Exception as exc:  # a bug: one sentence for the user, details in a file
                log = _log_traceback()
                _alert(book, stopped_message(action, exc, f"with the file {log}"), critical=True)
            finally:
                status.clear()
            return None

        return run

    return decorate


# ------------------------------------------------------------------------------------------
# The buttons


@_macro("Refresh dashboard")
def refresh(book: xw.Book, status: _StatusBar) -> Path:
    """Build the dashboard from this workbook's sheets and put it in front of the user: the
    dashboard workbook, written beside this one, opened in Excel."""
    target, results = _build(book, status)
    if _is_desktop(book):
        status(f"opening {target.name}")
        _open(book, target)
        if results.issues.count("error"):
            _alert(book, _built_message(results, target))
    else:
        _alert(book, _built_message(results, target))
    return target


@_macro("Refresh here")
def refresh_here(book: xw.Book, status: _StatusBar) -> Results:
    """Refresh the dashboard inside this workbook (the Summary and the four page sheets, through
    the blocks of 'Dashboard data'); nothing else of the workbook changes."""
    require_dashboard(book)  # before the work: an old workbook has no pages to refresh
    status("reading the input sheets")
    results = _results(book)
    status(f"writing the '{DATA_SHEET}' sheet")
    refresh_pages(book, results)
    with contextlib.suppress(Exception):
        book.sheets[SUMMARY_SHEET].activate()
    s = results.settings
    text = f"The dashboard in this workbook now shows {s.la_name}, {s.reporting_month}."
    errors, warnings = results.issues.count("error"), results.issues.count("warning")
    if errors or warnings:
        text += (
            f"\nThe data has {errors:,} errors and {warnings:,} warnings: click Check data to "
            "list them."
        )
    _alert(book, text + "\nSave the workbook to keep the refreshed pages.")
    return results


@_macro("Check data")
def check(book: xw.Book, status: _StatusBar) -> dict[str, int]:
    """Write the data-quality report into the 'Data quality' sheet and summarise it."""
    status("reading the input sheets")
    results = _results(book)
    status(f"writing the '{QUALITY_SHEET}' sheet")
    sheet = output_sheet(book, QUALITY_SHEET)
    sheet["A1"].value = quality_rows(results)
    _alert(book, quality_message(results))
    return {s: results.issues.count(s) for s in ("error", "warning", "info")}


@_macro("Load Annex A file")
def load_annex_a(
    book: xw.Book, status: _StatusBar, path: str | os.PathLike[str] | None = None
) -> dict[str, int] | None:
    """Ask for an Annex A file and copy its Lists 1-8 into this workbook's List sheets,
    replacing what they held; report the rows loaded per list."""
    chosen = Path(path) if path is not None else choose_file(book)
    if chosen is None:
        return None  # the user cancelled
    status(f"reading {chosen.name}")
    loaded: dict[str, int] = {}
    lines = []
    for name, read in annex_a_lists(chosen):
        if read is None:
            lines.append(f"{name}: not in the file, left as it was")
            continue
        status(f"copying {name}")
        raw = read()
        _replace_sheet(book, name, raw)
        loaded[name] = int((~raw.blank_rows()).sum())
        lines.append(f"{name}: {loaded[name]:,} rows")
    if not loaded:
        raise XlDashboardError(
            f"'{chosen.name}' has no sheet named 'List 1' … 'List 8': nothing was loaded."
        )
    _alert(
        book,
        f"Loaded from {chosen.name}:\n" + "\n".join(lines) + "\nClick Refresh dashboard next.",
    )
    return loaded


@_macro("Export PDF")
def export_pdf(book: xw.Book, status: _StatusBar) -> Path:
    """Build the dashboard and print its pages (the summary and the four pages) to a PDF
    beside it: with Excel's own PDF export, or LibreOffice where there is no desktop Excel."""
    target, results = _build(book, status)
    pdf = target.with_suffix(".pdf")
    status(f"writing {pdf.name}")
    if _is_desktop(book):
        dashboard = _open(book, target)
        dashboard.to_pdf(pdf, include=printed_sheets(target), show=True)
    else:
        export_pages(target, pdf)
        _alert(book, f"The dashboard pages are in {pdf}.")
    return pdf


# ------------------------------------------------------------------------------------------
# The steps, in the core's terms


def _results(book: xw.Book) -> Results:
    """The workbook's sheets read and computed exactly as `xl-dashboard build` does."""
    return compute_source(XlwingsBook(book))


def _build(book: xw.Book, status: _StatusBar) -> tuple[Path, Results]:
    status("reading the input sheets")
    results = _results(book)
    target = dashboard_path(book, results)
    status(f"writing {target.name}")
    if _is_desktop(book):
        _close_if_open(book, target)
    write_dashboard(results, target)
    return target, results


def dashboard_path(book: xw.Book, results: Results) -> Path:
    """`<workbook> dashboard YYYY-MM.xlsx` in the workbook's folder; in a temporary folder when
    the workbook has none on this computer (never saved, in the cloud, on xlwings Server)."""
    full = Path(book.fullname)
    name = f"{full.stem} dashboard {results.settings.reporting_month}"
    if full.is_absolute() and full.parent.is_dir():
        return full.parent / f"{name}.xlsx"
    # Not in a shared temp folder under a fixed name: users of one server would collide.
    return user_folder("dashboards") / f"{name} {_stamp()}.xlsx"


def user_folder(*parts: str) -> Path:
    """This user's own folder for xl_dashboard's files (private, mode 0700): under
    %LOCALAPPDATA% on Windows, ~/.local/state elsewhere; XL_DASHBOARD_HOME overrides."""
    home = os.environ.get("XL_DASHBOARD_HOME")
    local = os.environ.get("LOCALAPPDATA")
    root = Path(home) if home else (Path(local) if local else Path.home() / ".local" / "state")
    folder = root.joinpath(*parts) if home else root.joinpath(TITLE, *parts)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _stamp() -> str:
    """A unique part of a file name: the time and this process."""
    return f"{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"


def _is_desktop(book: xw.Book) -> bool:
    return book.app.engine.type == "desktop"


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _close_if_open(book: xw.Book, target: Path) -> None:
    """An earlier dashboard of the same month still open in Excel is closed, so it can be
    replaced (it is an output: rebuilt, never edited)."""
    for other in list(book.app.books):
        if _same_file(other.fullname, target):
            other.close()


def _open(book: xw.Book, target: Path) -> xw.Book:
    for other in book.app.books:
        if _same_file(other.fullname, target):
            other.activate(steal_focus=True)
            return other
    opened = book.app.books.open(str(target))
    opened.activate(steal_focus=True)
    return opened


def _alert(book: xw.Book, text: str, critical: bool = False) -> None:
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    book.app.alert(text, title=TITLE, mode="critical" if critical else "info")


def _log_traceback() -> Path:
    """Where the failure happened, in a file of the user's own that they can send: the code's
    frames and the exception's type, never its message (it may quote a cell, a child's id)."""
    log = user_folder("logs") / f"{ERROR_LOG}-{_stamp()}.log"
    with contextlib.suppress(OSError):
        log.write_text(f"{dt.datetime.now().strftime('%Y-%m-%d %H:%M:%S')}\n{failure_text()}")
    return log


def _built_message(results: Results, target: Path) -> str:
    s = results.settings
    errors, warnings = results.issues.count("error"), results.issues.count("warning")
    text = f"The dashboard for {s.la_name}, {s.reporting_month} is in {target}."
    if errors or warnings:
        text += (
            f"\nThe data has {errors:,} errors and {warnings:,} warnings: click Check data to "
            "list them, or see the dashboard's 'Data quality' sheet."
        )
    return text


# ------------------------------------------------------------------------------------------
# Check data


def quality_rows(results: Results) -> list[list[object]]:
    """The 'Data quality' sheet: a heading, the row accounting per input sheet, every issue."""
    s = results.settings
    issues = results.issues.frame()[ISSUE_COLUMNS]
    accounts = results.issues.accounting()
    rows: list[list[object]] = [
        [f"Data quality: {s.la_name}, reporting month {s.reporting_month}"],
        [issue_counts(results)],
        [],
        ["Input rows"],
        list(accounts.columns),
        *accounts.astype(object).values.tolist(),
        [],
        ["Issues"],
        list(ISSUE_COLUMNS),
        *([blank_if_na(v) for v in row] for row in issues.astype(object).values.tolist()),
    ]
    width = max(len(r) for r in rows)
    return as_sheet_rows([r + [None] * (width - len(r)) for r in rows])


def quality_message(results: Results, shown: int = 3) -> str:
    """A few lines for the message box: the counts and the first errors."""
    s = results.settings
    text = f"Data quality for {s.la_name}, {s.reporting_month}: {issue_counts(results)}"
    issues = results.issues.frame()
    errors = issues[issues["severity"] == "error"].head(shown)
    for r in errors.itertuples(index=False):
        where = ", ".join(
            part
            for part in (
                r.sheet,
                "" if r.row is pd.NA or r.row is None else f"row {r.row}",
                r.column,
            )
            if part
        )
        text += f"\n• {where}: {r.message}" if where else f"\n• {r.message}"
    return text + f"\nEvery issue is listed on the '{QUALITY_SHEET}' sheet."


# ------------------------------------------------------------------------------------------
# Load Annex A file


def choose_file(book: xw.Book) -> Path | None:
    """Ask for the Annex A file: Excel's Open dialog on Windows, the Finder's on a Mac.
    None when the user cancels."""
    prompt = "Choose the Annex A file (sheets List 1 … List 8)"
    if _is_desktop(book) and sys.platform.startswith("win"):
        chosen = book.app.api.GetOpenFilename(FILE_FILTER, 1, prompt)
        return Path(chosen) if isinstance(chosen, str) and chosen else None
    if _is_desktop(book) and sys.platform == "darwin":
        script = f'POSIX path of (choose file with prompt "{prompt}")'
        done = subprocess.run(["osascript", "-e", script], capture_output=True, text=True)
        chosen = done.stdout.strip()
        return Path(chosen) if done.returncode == 0 and chosen else None
    raise XlDashboardError(
        "Choosing a file needs Excel on Windows or a Mac. Paste the lists into the sheets "
        "'List 1' … 'List 8' instead."
    )


def _replace_sheet(book: xw.Book, name: str, raw: RawSheet) -> None:
    """The sheet's contents replaced by the list (values as read, dates as dates); its table,
    if it has one, resized to fit; number formats set per column (dates or General)."""
    if name in [s.name for s in book.sheets]:
        sheet = book.sheets[name]
        sheet.clear_contents()
    else:
        sheet = book.sheets.add(name, after=book.sheets[-1])
    if not raw.headers:
        return
    rows = as_sheet_rows(rows_of(raw))
    height, width = max(len(rows), 2), len(rows[0])
    sheet["A1"].value = rows
    for table in sheet.tables:
        table.resize(sheet.range((1, 1), (height, width)))
    for col in range(width):
        dates = any(isinstance(v, dt.date) for v in raw.cells[:, col])
        sheet.range((2, col + 1), (height, col + 1)).number_format = (
            DATE_FORMAT if dates else "General"
        )
