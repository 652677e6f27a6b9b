"""The dashboard's worksheets prepare formulas exactly as xlsxwriter's do, only faster."""

from __future__ import annotations

import io

import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from xl_dashboard.dashboard import rules
from xl_dashboard.dashboard.sheets import Sheet

FORMULAS = [
    *rules.rag_criteria("$B5", "Target_x", "Tolerance_x", "up").values(),
    *rules.rag_criteria("$B5", "Target_x", "Tolerance_x", "down").values(),
    rules.rag_formula("$B5", "$H$5", "$I$5", "up"),
    rules.direction_formula("$B5", "$C5", "down"),
    '=IF(N(C7)=0,"",100*B7/C7)',
    "=IF(ISNUMBER(Target_cin),Target_cin,NA())",
    "{=SUM(A1:A3)}",
    # Newer functions: these take xlsxwriter's own path, and get its prefixes.
    "=XLOOKUP(A1,B:B,C:C)",
    "=IF(A1,FILTER(B:B,C:C),0)",
    "=STDEV.S(A1:A9)",
    "=CONCAT(A1,B1)",
    "=if(a1,1,2)",
]


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("future", [False, True])
def test_formulas_are_prepared_as_xlsxwriter_prepares_them(formula: str, future: bool) -> None:
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    ours = book.add_worksheet("a", worksheet_class=Sheet)
    theirs = book.add_worksheet("b", worksheet_class=Worksheet)
    assert ours._prepare_formula(formula, future) == theirs._prepare_formula(formula, future)


def test_newer_functions_still_get_their_prefix() -> None:
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    sheet = book.add_worksheet("a", worksheet_class=Sheet)
    assert sheet._prepare_formula("=XLOOKUP(A1,B:B,C:C)") == "_xlfn.XLOOKUP(A1,B:B,C:C)"
    assert sheet._prepare_formula("=STDEV.S(A1:A9)", True) == "_xlfn.STDEV.S(A1:A9)"
