"""The buttons' macros run unchanged against xlwings' JSON book engine (`xw.Book(json=...)` and
`set_mock_caller`), on payloads made from the template filled with synthetic data: the dashboard
they write, the actions they return, and the sheets they leave alone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import python_calamine as calamine
import xlwings as xw
from oracle.messy import write_messy_annex_a

from xl_dashboard.cli import main
from xl_dashboard.excel import macros
from xl_dashboard.inputs.input_workbook import SHEETS

from .conftest import Synthetic
from .jsonbook import paste, payload_from_workbook, replay, sheet_index, write_workbook

INPUT_SHEETS = [*SHEETS, *(f"List {n}" for n in range(1, 9))]
CHANGES = {"setValues", "sheetClearContents", "rangeClearContents", "rangeClear", "sheetClear"}


def caller(payload: dict[str, Any]) -> xw.Book:
    """The JSON book as `xw.Book.caller()` will find it."""
    book = xw.Book(json=payload)
    book.set_mock_caller()
    return book


def actions(book: xw.Book) -> list[dict[str, Any]]:
    return book.json()["actions"]


def alerts(book: xw.Book) -> list[str]:
    return [a["args"][0] for a in actions(book) if a["func"] == "alert"]


def read_sheet(path: Path, name: str) -> list[list[object]]:
    return calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def sheet_names(path: Path) -> list[str]:
    return calamine.CalamineWorkbook.from_path(str(path)).sheet_names


@pytest.fixture
def filled(template: Path, synthetic: Synthetic) -> dict[str, Any]:
    """The template with the synthetic input sheets pasted in and the synthetic Annex A
    loaded with the Load Annex A macro (its actions replayed as Excel would)."""
    annex, inputs = synthetic.annex, synthetic.inputs
    payload = payload_from_workbook(template, name="inputs.xlsm")
    source = calamine.CalamineWorkbook.from_path(str(inputs))
    for name in SHEETS:
        paste(payload, name, source.get_sheet_by_name(name).to_python())
    book = caller(payload)
    loaded = macros.load_annex_a(path=annex)
    assert loaded is not None and loaded["List 1"] > 0
    return replay(payload, actions(book))


def test_load_annex_a_asks_for_the_file_and_reports_rows(
    template: Path, synthetic: Synthetic, monkeypatch: pytest.MonkeyPatch
) -> None:
    annex = synthetic.annex
    asked = []
    monkeypatch.setattr(macros, "choose_file", lambda book: asked.append(book.name) or annex)
    payload = payload_from_workbook(template, name="inputs.xlsm")
    book = caller(payload)

    loaded = macros.load_annex_a()

    assert asked == ["inputs.xlsm"]
    expected = {f"List {n}": synthetic.rows[f"List {n}"] for n in range(1, 9)}
    assert loaded == expected
    (message,) = alerts(book)
    assert "List 1: " + f"{expected['List 1']:,} rows" in message
    # Only the List sheets change, each cleared, written and its table resized to fit.
    touched = {a["sheet_position"] for a in actions(book) if a["func"] in CHANGES}
    assert touched == {sheet_index(payload, f"List {n}") for n in range(1, 9)}
    resized = [a["args"][1] for a in actions(book) if a["func"] == "resizeTable"]
    assert len(resized) == 8
    list1 = replay(payload, actions(book))["sheets"][sheet_index(payload, "List 1")]["values"]
    source = read_sheet(annex, "List 1")
    assert list1[0] == [h.replace("\xa0", " ").strip() for h in source[0]]  # headers trimmed
    assert len(list1) == len(source)


def test_load_annex_a_cancelled_changes_nothing(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(macros, "choose_file", lambda book: None)
    book = caller(payload_from_workbook(template))
    assert macros.load_annex_a() is None
    assert actions(book) == []


def test_refresh_writes_the_same_dashboard_as_the_command_line(
    filled: dict[str, Any], tmp_path: Path
) -> None:
    book = caller(filled)

    built = macros.refresh()

    # No folder for the book on this computer: the user's own folder, under a unique name.
    assert built is not None and built.name.startswith("inputs dashboard 2024-09 ")
    assert built.parent.name == "dashboards"
    saved = write_workbook(filled, tmp_path / "inputs.xlsx")
    assert main(["build", str(saved), "-o", str(tmp_path / "cli.xlsx"), "-q"]) == 0
    assert built.read_bytes() == (tmp_path / "cli.xlsx").read_bytes()
    assert "Synthshire" in read_sheet(built, "Settings used")[1][1]
    # No desktop Excel to open it in: the message says where it is; no sheet is touched.
    assert [a["func"] for a in actions(book)] == ["alert"]
    assert str(built) in alerts(book)[0]


def test_an_annex_a_file_never_seen_gives_the_command_lines_figures(
    template: Path, tmp_path: Path
) -> None:
    """Filled through Load Annex A with an independent generator's messy workbook, the refresh
    macro produces the command line's figures for that file."""
    messy = tmp_path / "messy annex a.xlsx"
    write_messy_annex_a(messy, end="2024-09", seed=1)
    payload = payload_from_workbook(template, name="inputs.xlsm")
    paste(payload, "Population", [["Year", "Population aged 0-17"], [2024, 52_000]])
    caller(payload)
    macros.load_annex_a(path=messy)
    book = caller(replay(payload, actions(xw.Book.caller())))

    built = macros.refresh(book)

    cli = tmp_path / "cli.xlsx"
    code = main(["build", "--annex-a", str(messy), "--population", "52000", "-o", str(cli), "-q"])
    assert code == 0
    assert built is not None, alerts(book)
    ours, theirs = read_sheet(built, "Indicator data"), read_sheet(cli, "Indicator data")
    assert len(ours) > 100
    assert ours == theirs


def test_check_writes_the_data_quality_sheet_only(filled: dict[str, Any]) -> None:
    book = caller(filled)

    counts = macros.check()

    assert counts is not None and counts["error"] + counts["warning"] > 0
    changed = [a for a in actions(book) if a["func"] in CHANGES | {"addSheet"}]
    added = [a for a in changed if a["func"] == "addSheet"]
    assert [a["args"][1] for a in added] == ["Data quality"]
    position = added[0]["args"][0]
    assert position == sheet_index(filled, "List 8") + 1  # after the last List sheet
    assert {a["sheet_position"] for a in changed if a["func"] != "addSheet"} == {position}
    assert [a["func"] for a in changed].count("setValues") == 1
    written = replay(filled, actions(book))["sheets"][position]["values"]
    assert written[0][0].startswith("Data quality: Synthshire, reporting month 2024-09")
    header = written.index(["severity", "rule", "sheet", "row", "column", "message"])
    issues = written[header + 1 :]
    assert len(issues) == sum(counts.values())
    assert {row[0] for row in issues} <= {"error", "warning", "info"}
    (message,) = alerts(book)
    assert f"{counts['error']:,} errors" in message and "'Data quality' sheet" in message


def test_check_again_replaces_the_sheet(filled: dict[str, Any]) -> None:
    book = caller(filled)
    macros.check()
    again = caller(replay(filled, actions(book)))
    macros.check()
    position = sheet_index(again.api, "Data quality")
    kinds = [(a["func"], a["sheet_position"]) for a in actions(again) if a["func"] != "alert"]
    assert kinds == [("sheetClearContents", position), ("setValues", position)]


def test_a_problem_is_a_short_message_and_changes_nothing(template: Path) -> None:
    book = caller(payload_from_workbook(template, name="empty.xlsm"))

    assert macros.refresh() is None
    assert macros.check() is None

    assert [a["func"] for a in actions(book)] == ["alert", "alert"]
    for message in alerts(book):  # the empty template: its lists have no rows
        assert "the lists have headers but no rows" in message and "nothing to build" in message
        assert "Traceback" not in message
    assert all(a["args"][3] == "critical" for a in actions(book))


def test_an_unexpected_failure_is_reported_without_a_traceback(
    filled: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(macros, "write_dashboard", broken)
    book = caller(filled)

    assert macros.refresh() is None

    (message,) = alerts(book)
    assert "did not expect (RuntimeError: disk on fire)" in message
    assert "Traceback" not in message and 'File "' not in message
    (log,) = (tmp_path / "home" / "logs").glob(f"{macros.ERROR_LOG}-*.log")
    assert str(log) in message and "Traceback" in log.read_text()
    assert log.read_text().splitlines()[-1] == "RuntimeError (message withheld: it may hold data)"
    assert oct(log.parent.stat().st_mode & 0o777) == "0o700"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_export_pdf_prints_the_dashboard_pages(filled: dict[str, Any]) -> None:
    book = caller(filled)

    pdf = macros.export_pdf()

    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    dashboard = pdf.with_suffix(".xlsx")
    from xl_dashboard.dashboard.build import printed_sheets

    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert f"Pages:           {len(printed_sheets(dashboard))}" in info
    assert str(pdf) in alerts(book)[0]


def test_the_book_is_read_as_the_command_line_reads_the_saved_file(
    filled: dict[str, Any], tmp_path: Path
) -> None:
    """XlwingsBook gives the core the same sheets as python-calamine gives it from the file."""
    from xl_dashboard.excel.book import XlwingsBook
    from xl_dashboard.inputs.workbook import WorkbookFile

    live = XlwingsBook(caller(filled))
    saved = WorkbookFile(write_workbook(filled, tmp_path / "saved.xlsx"))
    assert live.sheet_names() == saved.sheet_names()
    for name in INPUT_SHEETS:
        ours, theirs = live.read(name), saved.read(name)
        assert ours.headers == theirs.headers
        assert (ours.rows == theirs.rows).all()
        # The JSON engine reads the text '#N/A' as an error cell, that is as blank; both mean
        # blank to the core.
        assert _blanked(ours.cells) == _blanked(theirs.cells)


def _blanked(cells: np.ndarray) -> list[list[object]]:
    return [[None if v in ("", "#N/A") else v for v in row] for row in cells.tolist()]
