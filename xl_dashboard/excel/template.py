"""The input-workbook template, `workbook_templates/xl_dashboard.xlsm` (`xl-dashboard template`).

Sheets: Instructions (with the buttons), the dashboard inside the workbook (the Summary
'Dashboard' and the four pages, fed by the sheet 'Dashboard data': pages.py), the input sheets
of docs/input-workbook.md and List 1 … List 8, each an Excel table with date formats and
drop-down lists, a hidden Codes sheet feeding the drop-downs, and `xlwings.conf` naming the UDF
module.

The VBA project is built from source text at build time (shared/research/vba.md, recipe C):
xlsxwriter writes the workbook and the buttons, then pyOpenVBA adds xlwings' standalone VBA
module (taken from the installed xlwings, which must be the version the package pins), its
Dictionary class, and our `DashboardMacros` module (`vba/DashboardMacros.bas`). The same
inputs give a byte-identical file."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from ..api import ANNEX_A_HEADERS, DATA_SHEET, LISTS, sheet_name
from ..api import INPUT_SHEETS as SHEETS
from ..errors import XlDashboardError
from ..outputs import replacing
from ..settings import SETTINGS_SHEET
from .codes import CODE_LISTS, code_list_for
from .lite_buttons import LITE_BUTTONS
from .pages import write_data_sheet, write_pages

HERE = Path(__file__).parent
VBA_SOURCE = HERE / "vba" / "DashboardMacros.bas"
INSTRUCTIONS = HERE / "instructions.txt"
DEFAULT_OUTPUT = Path("workbook_templates") / "xl_dashboard.xlsm"
FIXED_CREATED = dt.datetime(2000, 1, 1)
CONF_SHEET = "xlwings.conf"
CODES_SHEET = "Codes"
UDF_MODULE = "xl_dashboard.excel.udfs"
# The sheet's settings beat an `xlwings.conf` file beside the workbook, so every key such a file
# could use to run other code is set here: a package or conf file planted beside a workbook on a
# shared drive must never run when a button is clicked. No interpreter path is named: blank
# Interpreter_Win/Mac fall back to "Interpreter", xlwings' own default (`python` on the PATH).
XLWINGS_CONF: tuple[tuple[str, str], ...] = (
    ("UDF Modules", UDF_MODULE),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "False"),
    ("PYTHONPATH", ""),
    ("Interpreter_Win", ""),
    ("Interpreter_Mac", ""),
    ("Interpreter", "python"),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("Use UDF Server", "False"),
)
DATE_FORMAT = "dd/mm/yyyy"
LAST_ROW = 1_048_575  # xlsxwriter's index of Excel's last row
VBA_WRITE_FORM = b"\xcc\x61\xff\xff\x00\x03\x00"  # _VBA_PROJECT: version 0xFFFF, no p-code

# Button captions and what each does, by the Sub it calls (the Subs are in DashboardMacros.bas).
BUTTONS: dict[str, tuple[str, str]] = {
    "RefreshDashboard": (
        "Refresh dashboard",
        "Builds the dashboard from the sheets of this workbook and opens it: a new workbook "
        "named '<this workbook> dashboard YYYY-MM.xlsx', saved in this workbook's folder. "
        "Nothing in this workbook is changed.",
    ),
    "RefreshHere": (
        "Refresh here",
        "Refreshes the dashboard inside this workbook: the sheet 'Dashboard' and the four page "
        "sheets, through the figures it writes into the sheet 'Dashboard data'. Your input "
        "sheets are not changed. Save this workbook to keep the refreshed pages.",
    ),
    "CheckData": (
        "Check data",
        "Checks every sheet and lists each problem (sheet, row, column, what is wrong) on the "
        "sheet 'Data quality', with a count of the rows read and used. Nothing else is changed.",
    ),
    "LoadAnnexA": (
        "Load Annex A file…",
        "Asks for your Annex A workbook and copies its List 1 … List 8 into the sheets of the "
        "same names here, replacing what they held. Tells you how many rows each list has.",
    ),
    "ExportPdf": (
        "Export PDF",
        "Builds the dashboard and saves its printed pages (the summary and the four pages) as "
        "a PDF beside it.",
    ),
}

SETTINGS_ROWS: tuple[tuple[str, str], ...] = tuple(
    (label, help_) for _, label, help_ in SETTINGS_SHEET
)

# Drop-down lists of the input sheets' coded columns (sheet, header) → code list.
INPUT_CODES = {
    ("Monthly figures", "indicator_id"): "Indicators",
    ("Benchmarks", "indicator_id"): "Indicators",
    ("Benchmarks", "comparator"): "Comparators",
    ("Targets", "indicator_id"): "Indicators",
    ("Commentary", "section"): "Pages",
    ("Workers", "Qualified social worker"): "Qualified",
    ("Settings", "Setting"): "Settings",
}
SETTINGS_WIDTHS = (34, 24, 72)
TEXT_COLUMNS = {("Monthly figures", "period"), ("Commentary", "month")}  # YYYY-MM stays text


class TemplateError(XlDashboardError):
    """The template cannot be built here (the wrong xlwings version is installed)."""


def build_template(path: str | os.PathLike[str] = DEFAULT_OUTPUT) -> Path:
    """Write the template to `path` (replaced only once complete) and return the path."""
    xlwings_dir = _pinned_xlwings()
    target = Path(path)
    with replacing(target) as tmp:
        _write_workbook(tmp)
        _rewrite_part(tmp, _drawing_of(tmp, "Instructions"), _named_lite_buttons)
        _rewrite_part(tmp, "[Content_Types].xml", _macro_enabled)
        _add_vba_project(tmp, xlwings_dir)
        _rewrite_part(tmp, "xl/vbaProject.bin", _write_form)
    return target


def vba_source() -> str:
    """Our VBA module as it goes into the workbook (CRLF line ends, as the VBA editor keeps)."""
    return "\r\n".join(VBA_SOURCE.read_text(encoding="utf-8").splitlines()) + "\r\n"


def macro_subs() -> dict[str, str]:
    """Sub name → the Python its RunPython call runs, read from the VBA source."""
    found = re.findall(
        r'^Sub (\w+)\(\)\s*\n\s*RunPython "([^"]+)"\s*\nEnd Sub', vba_source(), flags=re.M
    )
    return dict(found)


# ------------------------------------------------------------------------------------------
# The workbook


def _write_workbook(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties(
        {
            "title": "xl_dashboard input workbook",
            "subject": "Children's social care performance dashboard: inputs",
            "author": "xl_dashboard",
            "comments": "Generated by xl-dashboard template. Macros: xlwings standalone VBA "
            f"module {_required_xlwings()}.",
            "created": FIXED_CREATED,
        }
    )
    book.set_vba_name("ThisWorkbook")
    fmt = _Formats(book)
    sheets: list[Worksheet] = []

    def add(name: str) -> Worksheet:
        ws = book.add_worksheet(name)
        ws.set_vba_name(f"Sheet{len(sheets) + 1}")
        sheets.append(ws)
        return ws

    _instructions(add("Instructions"), fmt)
    write_pages(book, add)
    for name, columns in SHEETS.items():
        headers = [c.header for c in columns]
        if name == "Settings":
            _input_table(add(name), name, [*headers, "What it is"], fmt, rows=SETTINGS_ROWS)
        else:
            _input_table(add(name), name, headers, fmt)
    for list_no in LISTS:
        name = sheet_name(list_no)
        _input_table(add(name), name, ANNEX_A_HEADERS[name], fmt)
    write_data_sheet(book, add(DATA_SHEET))
    _codes(add(CODES_SHEET), book, fmt)
    conf = add(CONF_SHEET)
    for row, (key, value) in enumerate(XLWINGS_CONF):
        conf.write_row(row, 0, [key, value])
    conf.set_column(0, 0, 30)
    conf.set_column(1, 1, 30)
    sheets[0].activate()
    book.close()


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.title = book.add_format({"bold": True, "font_size": 16, "font_color": "#1F3864"})
        self.heading = book.add_format({"bold": True, "font_size": 12, "font_color": "#1F3864"})
        self.text = book.add_format({"text_wrap": True, "valign": "top"})
        self.label = book.add_format({"bold": True, "valign": "top", "text_wrap": True})
        self.header = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.as_text = book.add_format({"num_format": "@"})


def _instructions(ws: Worksheet, fmt: _Formats) -> None:
    """Plain-English instructions; the buttons beside what each one does."""
    ws.hide_gridlines(2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 2)
    ws.set_column(1, 1, 26)
    ws.set_column(2, 2, 100)
    ws.write(0, 1, "Children's social care performance dashboard", fmt.title)
    ws.write(
        1,
        1,
        "Put this month's data into the sheets of this workbook, then click Refresh dashboard.",
    )
    row = 3
    for sub, (caption, what) in BUTTONS.items():
        ws.set_row(row, max(40, _height(what)))
        ws.insert_button(
            row,
            1,
            {"macro": sub, "caption": caption, "width": 170, "height": 34, "x_offset": 2},
        )
        ws.write(row, 2, what, fmt.text)
        row += 1
    row += 1
    ws.write(row, 1, "Without Python installed: the xlwings Lite add-in", fmt.heading)
    row += 1
    for button in LITE_BUTTONS.values():
        ws.set_row(row, max(40, _height(button.what)))
        ws.insert_textbox(
            row,
            1,
            button.caption,
            {
                "width": 170,
                "height": 34,
                "x_offset": 2,
                "url": button.url,
                "tip": f"Runs '{button.caption}' through the xlwings Lite add-in",
                "fill": {"color": "#1F4E79"},
                "line": {"none": True},
                "font": {"color": "white", "bold": True, "size": 10},
                "align": {"vertical": "middle", "horizontal": "center"},
            },
        )
        ws.write(row, 2, button.what, fmt.text)
        row += 1
    for line in INSTRUCTIONS.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            row += 1
            ws.write(row, 1, line[2:], fmt.heading)
        elif line.strip():
            label, text = "", line
            if ": " in line and len(line.split(": ", 1)[0]) <= 30:
                label, text = line.split(": ", 1)
                text = text[:1].upper() + text[1:]
                ws.write(row, 1, label, fmt.label)
            ws.write(row, 2, text, fmt.text)
            ws.set_row(row, _height(text))
        row += 1


def _height(text: str, chars_per_line: int = 105) -> float:
    """Row height for wrapped text (Excel does not fit rows to wrapped text on opening)."""
    return 15.0 * (1 + len(text) // chars_per_line) + 3


def _input_table(
    ws: Worksheet,
    name: str,
    headers: list[str],
    fmt: _Formats,
    rows: tuple[tuple[str, str], ...] = (),
) -> None:
    """One input sheet: an Excel table (header row 1), column formats and drop-down lists."""
    for j, header in enumerate(headers):
        width = min(max(len(header) * 0.9, 12), 34)
        if "date" in header.lower():
            ws.set_column(j, j, max(width, 12), fmt.date)
        elif (name, header) in TEXT_COLUMNS:
            ws.set_column(j, j, width, fmt.as_text)
        else:
            ws.set_column(j, j, SETTINGS_WIDTHS[j] if name == "Settings" else width)
        codes = INPUT_CODES.get((name, header)) or (
            code_list_for(header) if name.startswith("List") else None
        )
        if codes:
            ws.data_validation(1, j, LAST_ROW, j, _drop_down(codes))
    for i, values in enumerate(rows, start=1):
        ws.write_string(i, 0, values[0])
        ws.write_string(i, 2, values[1])
    ws.add_table(
        0,
        0,
        max(len(rows), 1),
        len(headers) - 1,
        {
            "name": re.sub(r"\W", "", name.title()),
            "columns": [{"header": h, "header_format": fmt.header} for h in headers],
            "style": "Table Style Medium 2",
        },
    )
    longest = max(len(h) for h in headers)
    ws.set_row(0, 15 * min(1 + longest // 34, 4))
    ws.freeze_panes(1, 0)


def _drop_down(codes: str) -> dict[str, object]:
    return {
        "validate": "list",
        "source": f"={_range_name(codes)}",
        "error_type": "information",
        "error_title": "Not in the list",
        "error_message": "This is not one of the usual values. It is kept, and Check data "
        "reports it if it cannot be read.",
    }


def _range_name(codes: str) -> str:
    return f"Codes_{codes}"


def _codes(ws: Worksheet, book: xlsxwriter.Workbook, fmt: _Formats) -> None:
    """The drop-down lists, one column each, named `Codes_<list>`; the sheet is hidden."""
    lists = {**CODE_LISTS, "Settings": tuple(label for label, _ in SETTINGS_ROWS)}
    for j, (name, values) in enumerate(lists.items()):
        ws.write_string(0, j, name, fmt.header)
        for i, value in enumerate(values, start=1):
            ws.write_string(i, j, value)
        col = xlsxwriter.utility.xl_col_to_name(j)
        book.define_name(_range_name(name), f"={CODES_SHEET}!${col}$2:${col}${len(values) + 1}")
        ws.set_column(j, j, 24)
    ws.hide()


# ------------------------------------------------------------------------------------------
# The VBA project


def _required_xlwings() -> str:
    """The xlwings version the package pins (`xlwings==X` in its requirements)."""
    for requirement in importlib.metadata.requires("xl_dashboard") or []:
        if m := re.match(r"xlwings\s*==\s*([\w.]+)", requirement):
            return m[1]
    raise TemplateError("The package does not pin an xlwings version (xlwings==X).")


def _pinned_xlwings() -> Path:
    """The installed xlwings' folder, checked to be the pinned version: its VBA module calls
    a DLL named after its own version, so the macros need the same xlwings in Python."""
    import xlwings

    required = _required_xlwings()
    if xlwings.__version__ != required:
        raise TemplateError(
            f"The template must be built with xlwings {required} (the version xl_dashboard "
            f"requires), but xlwings {xlwings.__version__} is installed."
        )
    return Path(xlwings.__file__).parent


def _add_vba_project(path: Path, xlwings_dir: Path) -> None:
    try:
        from pyopenvba import ExcelFile, VBAModuleKind
    except ImportError:
        raise TemplateError(
            "Building the template needs pyOpenVBA: pip install pyopenvba==6.5.0"
        ) from None

    def text(file: Path) -> str:
        return file.read_text(encoding="cp1252", errors="strict").replace("\r\n", "\n")

    with ExcelFile(str(path)) as excel:
        project = excel.add_vba_project()  # ThisWorkbook and Sheet1..N from the codeNames
        project.add_module("xlwings", _crlf(text(xlwings_dir / "xlwings.bas")))
        project.add_module(
            "Dictionary",
            _crlf(text(xlwings_dir / "addin" / "Dictionary.cls")),
            kind=VBAModuleKind.other,
        )
        project.add_module("DashboardMacros", vba_source())
        excel.save()


def _crlf(text: str) -> str:
    return "\r\n".join(text.split("\n"))


def _macro_enabled(content_types: bytes) -> bytes:
    """xlsxwriter marks the workbook macro-free when it has no VBA of its own yet."""
    return content_types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )


def _write_form(vba_project: bytes) -> bytes:
    """The project's `_VBA_PROJECT` stream in [MS-OVBA]'s write form, so Excel compiles the
    modules from their source (as xlwings' own standalone quickstart file does)."""
    from pyopenvba.cfb import CFB

    cfb = CFB.from_bytes(vba_project)
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", VBA_WRITE_FORM)
    return cfb.to_bytes()


def _drawing_of(path: Path, sheet: str) -> str:
    """The drawing part of a sheet of the package (its shapes and charts)."""
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode("utf-8")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        rid = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+" r:id="(rId\d+)"', book)
        assert rid is not None, sheet
        target = re.search(rf'Id="{rid[1]}" Type="[^"]*" Target="([^"]+)"', rels)
        assert target is not None, sheet
        part = "xl/" + target[1]
        sheet_rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        drawing = re.search(
            r'Target="\.\./(drawings/drawing\d+\.xml)"', z.read(sheet_rels).decode()
        )
        assert drawing is not None, sheet
        return "xl/" + drawing[1]


def _named_lite_buttons(drawing: bytes) -> bytes:
    """The Lite buttons' shapes given their names (xlsxwriter calls every textbox 'TextBox n',
    in the order drawn); xlwings Lite finds a button by its shape's name."""
    text = drawing.decode("utf-8")
    for n, button in enumerate(LITE_BUTTONS.values(), start=1):
        old = f'name="TextBox {n}"'
        assert text.count(old) == 1, old
        text = text.replace(old, f'name="{button.shape}"')
    return text.encode("utf-8")


def _rewrite_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    """Replace one part of the zip package, keeping every entry's order and timestamp."""
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename == part else data)
    os.replace(tmp, path)
