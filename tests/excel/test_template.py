"""The template's structure, opened the ways a user's software opens it: the committed file is
what the builder makes, its buttons call Subs of its VBA project whose RunPython targets exist,
the module text reads back as its source, and LibreOffice loads it with the buttons bound."""

from __future__ import annotations

import html
import importlib
import re
import shutil
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xl_dashboard.api import DATA_SHEET, PAGE_SHEETS
from xl_dashboard.cli import main
from xl_dashboard.excel import template as tpl
from xl_dashboard.excel.codes import CODE_LISTS
from xl_dashboard.inputs.annex_a_spec import LISTS
from xl_dashboard.inputs.input_workbook import SHEETS
from xl_dashboard.inputs.normalise import norm_header

from .conftest import COMMITTED_TEMPLATE

EXPECTED_SHEETS = [
    "Instructions",
    "Dashboard",
    *PAGE_SHEETS.values(),
    *SHEETS,
    *(f"List {n}" for n in range(1, 9)),
    DATA_SHEET,
    "Codes",
    "xlwings.conf",
]


def modules(path: Path) -> dict[str, str]:
    """VBA module name → source text, as olevba reads them."""
    with warnings.catch_warnings():  # oletools' own use of a deprecated pyparsing API
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path), relaxed=False)
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def button_macros(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        vml = "".join(
            z.read(n).decode() for n in z.namelist() if n.startswith("xl/drawings/vmlDrawing")
        )
    return re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)


def test_the_committed_template_is_what_the_builder_makes(template: Path, tmp_path: Path) -> None:
    assert main(["template", "-o", str(tmp_path / "again.xlsm"), "-q"]) == 0
    assert (tmp_path / "again.xlsm").read_bytes() == template.read_bytes()  # deterministic
    assert COMMITTED_TEMPLATE.exists(), "run: xl-dashboard template"
    assert COMMITTED_TEMPLATE.read_bytes() == template.read_bytes(), (
        "workbook_templates/xl_dashboard.xlsm is out of date: run `xl-dashboard template`"
    )


def test_every_button_calls_a_sub_whose_python_exists(template: Path) -> None:
    code = modules(template)
    ours = code["DashboardMacros"]
    subs = re.findall(r"^Sub (\w+)\(\)", ours, flags=re.M)
    buttons = button_macros(template)

    assert buttons == list(tpl.BUTTONS) and sorted(buttons) == sorted(subs)
    targets = tpl.macro_subs()
    assert sorted(targets) == sorted(subs)
    for sub, python in targets.items():
        # Each Sub's body is one RunPython call: `import <module> as m; m.<function>()`.
        m = re.fullmatch(r"import ([\w.]+) as m; m\.(\w+)\(\)", python)
        assert m, f"{sub}: {python}"
        module = importlib.import_module(m[1])
        assert callable(getattr(module, m[2])), f"{sub} calls {python}, which does not exist"


def test_the_vba_project_holds_our_module_and_the_pinned_xlwings(template: Path) -> None:
    code = modules(template)

    assert code["DashboardMacros"] == tpl.vba_source()
    assert code["DashboardMacros"].replace("\r\n", "\n") == tpl.VBA_SOURCE.read_text()
    xlwings_version = re.search(r'XLWINGS_VERSION As String = "([\d.]+)"', code["xlwings"])
    assert xlwings_version and xlwings_version[1] == tpl._required_xlwings()
    assert "Function RunPython(" in code["xlwings"] and "ImportPythonUDFs" in code["xlwings"]
    assert "Dictionary" in code  # xlwings' Mac dictionary class (MIT)
    documents = {f"Sheet{i}" for i in range(1, len(EXPECTED_SHEETS) + 1)} | {"ThisWorkbook"}
    assert documents <= set(code)
    with zipfile.ZipFile(template) as z:
        types = z.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types


def test_sheets_tables_formats_and_drop_downs(template: Path) -> None:
    book = openpyxl.load_workbook(template, keep_vba=True)

    assert book.sheetnames == EXPECTED_SHEETS
    assert book["Codes"].sheet_state == "hidden"
    assert [c.value for c in book["xlwings.conf"][1]] == ["UDF Modules", "xl_dashboard.excel.udfs"]
    names = set(book.defined_names)
    for name in [*SHEETS, *(f"List {n}" for n in LISTS)]:
        ws = book[name]
        (table,) = ws.tables.values()
        headers = [c.value for c in ws[1]]
        assert table.ref.startswith("A1:")
        if name in SHEETS:
            assert headers[: len(SHEETS[name])] == [c.header for c in SHEETS[name]]
        else:  # every Annex A column the indicators read is there, by its Ofsted header
            keys = {norm_header(h) for h in headers}
            assert {norm_header(c.header) for c in LISTS[int(name[5:])]} <= keys
        for j, header in enumerate(headers, start=1):
            if "date" in header.lower():
                letter = openpyxl.utils.get_column_letter(j)
                assert ws.column_dimensions[letter].width >= 12
        for validation in ws.data_validations.dataValidation:
            assert validation.type == "list" and validation.formula1.lstrip("=") in names
    drop_downs = {
        ("List 1", "Contact Source"): "Codes_Sources",
        ("List 6", "Case Status"): "Codes_CaseStatus",
        ("List 7", "Was the Child Seen Alone?"): "Codes_YesNo",
        ("List 8", "Child's Legal Status"): "Codes_LegalStatus",
        ("Monthly figures", "indicator_id"): "Codes_Indicators",
        ("Workers", "Qualified social worker"): "Codes_Qualified",
    }
    for (sheet, header), source in drop_downs.items():
        ws = book[sheet]
        letter = openpyxl.utils.get_column_letter([c.value for c in ws[1]].index(header) + 1)
        found = [v.formula1 for v in ws.data_validations.dataValidation if letter in str(v.sqref)]
        assert found == [source], (sheet, header)
    codes = book["Codes"]
    column = [c.value for c in codes[1]].index("Sources") + 1
    listed = [codes.cell(row=i, column=column).value for i in range(2, 24)]
    assert listed == list(CODE_LISTS["Sources"])


def test_date_columns_are_formatted_as_dates(template: Path) -> None:
    with zipfile.ZipFile(template) as z:
        styles = z.read("xl/styles.xml").decode()
        sheet = z.read(f"xl/worksheets/sheet{EXPECTED_SHEETS.index('List 1') + 1}.xml").decode()
    date_format = re.search(r'numFmtId="(\d+)" formatCode="dd/mm/yyyy"', styles)
    assert date_format
    xfs = re.findall(r"<xf [^>]*>", styles.split("<cellXfs")[1])
    date_styles = {str(i) for i, xf in enumerate(xfs) if f'numFmtId="{date_format[1]}"' in xf}
    # List 1: Date of Birth (D) and Date of Contact (F) carry the date style.
    cols = dict(re.findall(r'<col min="(\d+)" max="\d+"[^>]*style="(\d+)"', sheet))
    assert cols.get("4") in date_styles and cols.get("6") in date_styles


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_it_with_the_buttons_bound(template: Path, tmp_path: Path) -> None:
    from xl_dashboard.dashboard.pdf import convert

    ods = convert(template, "ods", tmp_path)

    with zipfile.ZipFile(ods) as z:
        content = z.read("content.xml").decode()
        basic = z.read("Basic/VBAProject/DashboardMacros.xml").decode()
    names = re.findall(r'<table:table table:name="([^"]+)"', content)
    assert [html.unescape(n) for n in names] == EXPECTED_SHEETS
    bound = re.findall(r"vnd\.sun\.star\.script:VBAProject\.DashboardMacros\.(\w+)\?", content)
    assert bound == list(tpl.BUTTONS)
    for sub in tpl.BUTTONS:
        assert f"Sub {sub}()" in basic
