"""The two Excel doors: buttons (`macros`, called by `RunPython`) and formulas (`udfs`), plus the
input-workbook template they live in (`template`). The only package that imports xlwings."""
