"""The public pipeline: load → compute → build. Every door calls these."""

from __future__ import annotations

import os
from pathlib import Path

from .indicators.engine import RESULT_COLUMNS, Results, compute
from .inputs import InputSet, load_inputs
from .safe_write import replacing

__all__ = ["InputSet", "Results", "build", "compute", "load_inputs", "write_data_csv"]


def write_data_csv(results: Results, path: str | os.PathLike[str]) -> Path:
    """The tidy indicator table as CSV, exactly the contract's columns."""
    target = Path(path)
    with replacing(target) as tmp:
        results.data[RESULT_COLUMNS].to_csv(tmp, index=False, lineterminator="\n")
    return target


def build(
    input_workbook: str | os.PathLike[str] | None = None,
    output: str | os.PathLike[str] = "dashboard.xlsx",
    *,
    annex_a: str | os.PathLike[str] | None = None,
    data_csv: str | os.PathLike[str] | None = None,
    **overrides: object,
) -> Results:
    """Read the inputs, compute every indicator and write the dashboard workbook."""
    from .dashboard.build import write_dashboard  # here, so `check` does not import xlsxwriter

    inputs = load_inputs(input_workbook, annex_a, **overrides)
    results = compute(inputs)
    write_dashboard(results, output)
    if data_csv is not None:
        write_data_csv(results, data_csv)
    return results
