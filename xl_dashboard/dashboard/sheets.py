"""The dashboard's worksheets: xlsxwriter's, with formulas prepared without its rewriting pass
where nothing needs rewriting.

xlsxwriter prefixes newer Excel functions (`_xlfn.XLOOKUP(`) by running some 30 regular
expressions over every formula, and over 200 over every conditional-format formula: a third of
a build's writing time on a large pack. The pack's formulas use only functions Excel has always
had, so a formula whose every function is one of those is prepared as xlsxwriter prepares it
(braces and the leading `=` removed) without the pass; any other goes through xlsxwriter's own
(tests/dashboard/test_sheets.py checks both give the same)."""

from __future__ import annotations

import re

from xlsxwriter.worksheet import Worksheet

# Functions no Excel version prefixes: xlsxwriter leaves them as they are.
CLASSIC = frozenset({"IF", "AND", "OR", "NOT", "ISNUMBER", "ISBLANK", "N", "NA", "ABS", "SUM"})
_FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")


class Sheet(Worksheet):
    def _prepare_formula(self, formula, expand_future_functions=False):  # type: ignore[override]
        if not set(_FUNCTION.findall(formula)) <= CLASSIC:
            return super()._prepare_formula(formula, expand_future_functions)
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula
