"""Parsing a workbook's sheets ahead, in one background thread, while Python does other work.

python-calamine parses a sheet (unzips it and reads its XML into cells) in Rust with the GIL
released, so a thread parsing the next sheet runs truly in parallel with the main thread: with
the command's own imports (pandas alone takes about 0.4 s) and with the normalisation of the
sheets parsed before. `xl-dashboard build` and `check` start it first thing, before importing
pandas, for the Annex A lists; `WorkbookFile.read` then takes the parsed sheets from it. On two
cores this hides the parsing (as long as python-calamine's bare parse of the workbook) behind work
the build has to do anyway, without worker processes or copying cells between them.

One thread, not more: the main thread keeps the other core busy (a second parse thread measured
no faster). The thread is not a daemon and is always closed (`close`), so that no thread is
left inside calamine when the interpreter exits. This module imports only the standard library
(python_calamine when it starts reading), so the command line can start it before the heavy
imports.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .bounds import check_archive

if TYPE_CHECKING:  # imported when a file is read: xlwings Lite reads the live book, not files
    import python_calamine as calamine

# Annex A lists, biggest first as extracts usually are (List 1, contacts, is the largest), so
# the first sheet the build normalises is ready soonest and the small ones come last.
LIST_ORDER = (1, 6, 4, 3, 8, 2, 7, 5)

_open: dict[Path, ReadAhead] = {}


class ReadAhead:
    """The sheets of one workbook file, parsed in order in one background thread."""

    def __init__(self, path: Path, names: Sequence[str]) -> None:
        self.path = path
        self._queue = list(names)  # still to parse, in order
        self._busy: str | None = None  # being parsed now
        self._parsed: dict[str, calamine.CalamineSheet | BaseException] = {}
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._start_thread()

    def _start_thread(self) -> None:
        """A thread to parse the queue, unless one is at it (called holding `_changed`, or
        before the reader is shared)."""
        if self._thread is None and self._queue:
            self._thread = threading.Thread(target=self._run, name="xl_dashboard read-ahead")
            self._thread.start()

    def _run(self) -> None:
        import python_calamine as calamine

        book: calamine.CalamineWorkbook | None = None
        while True:
            with self._changed:
                if not self._queue:
                    self._thread = None
                    return
                name = self._busy = self._queue.pop(0)
            try:
                if book is None:
                    book = calamine.CalamineWorkbook.from_path(str(self.path))
                result: calamine.CalamineSheet | BaseException = book.get_sheet_by_name(name)
            except BaseException as exc:  # even a calamine panic: raised where it is taken
                result = exc
            with self._changed:
                self._parsed[name] = result
                self._busy = None
                self._changed.notify_all()

    def want(self, names: Sequence[str]) -> None:
        """Parse these sheets, in this order; sheets asked for before and not started yet are
        dropped (the caller knows best which sheets it reads)."""
        with self._changed:
            started = {*self._parsed, self._busy}
            self._queue = [n for n in names if n not in started]
            self._start_thread()

    def take(self, name: str) -> calamine.CalamineSheet | None:
        """The sheet parsed here (waiting for it if need be), or None if it is not read ahead.
        A sheet is handed out once; an error parsing it is raised here."""
        with self._changed:
            if name not in self._parsed and name != self._busy and name not in self._queue:
                return None
            self._changed.wait_for(lambda: name in self._parsed)
            result = self._parsed.pop(name)
        if isinstance(result, BaseException):
            raise result
        return result

    def close(self) -> None:
        """Parse nothing more and wait for the sheet being parsed (calamine cannot be stopped in
        the middle of a sheet): no thread is left running inside calamine."""
        with self._changed:
            self._queue.clear()
            thread = self._thread
        if thread is not None:
            thread.join()
        if _open.get(self.path) is self:
            del _open[self.path]


def _key(path: str | os.PathLike[str]) -> Path:
    return Path(path).resolve()


def start(path: str | os.PathLike[str], names: Sequence[str]) -> ReadAhead:
    """Parse these sheets of the workbook in the background from now on; if they are already
    being read ahead (the command line started it), the same reader, now for these sheets."""
    key = _key(path)
    ahead = _open.get(key)
    if ahead is None:
        ahead = _open[key] = ReadAhead(key, names)
    else:
        ahead.want(names)
    return ahead


def find(path: str | os.PathLike[str]) -> ReadAhead | None:
    """The reader parsing this workbook's sheets ahead, if any."""
    return _open.get(_key(path)) if _open else None


def start_lists(path: str | os.PathLike[str] | None) -> ReadAhead | None:
    """Start parsing the Annex A lists (sheets named like 'List 1' … 'List 8') of a workbook
    file, biggest first. None when there is nothing to read ahead (no path, a CSV folder, a file
    calamine cannot open): the reading proper reports any problem, in its own words."""
    if path is None or not os.path.isfile(path) or Path(path).suffix.lower() == ".csv":
        return None
    try:
        import python_calamine as calamine

        layout = check_archive(Path(path))  # a zip bomb is refused before anything inflates
        sheets = calamine.CalamineWorkbook.from_path(os.fspath(path)).sheet_names
    except Exception:
        return None
    if layout is not None:  # a sheet blown up by a stray far cell is read sparsely, later
        sheets = [n for n in sheets if layout.dense(n)]
    by_key: dict[str, str] = {}
    for name in sheets:
        by_key.setdefault(_sheet_key(name), name)
    names = [by_key[f"list{n}"] for n in LIST_ORDER if f"list{n}" in by_key]
    return start(path, names) if names else None


def _sheet_key(name: str) -> str:
    """As `inputs.normalise.norm_header` (kept here so this module needs no pandas):
    'List 1', 'LIST_1' and 'list1' are the same sheet."""
    return re.sub(r"[^0-9a-z]", "", name.replace("\xa0", " ").lower())
