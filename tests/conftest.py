"""Shared fixtures: tiny hand-made Annex A workbooks with known answers (synthetic only)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, settings

from xl_dashboard.api import compute
from xl_dashboard.indicators.engine import Results
from xl_dashboard.inputs import load_inputs
from xl_dashboard.inputs.annex_a_spec import LISTS

# Property tests: reproducible in CI ("ci": derandomized, no example database); a wider random
# fuzz before a release: `pytest tests/test_robustness.py --hypothesis-profile=fuzz`.
settings.register_profile(
    "ci",
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("ci")


HEADERS = {n: [c.header for c in cols] for n, cols in LISTS.items()}

Rows = Sequence[Mapping[str, object]]


def cli_process(*args: str) -> subprocess.Popen[str]:
    """The command line in a process of its own, as a user or a scheduler runs it."""
    return subprocess.Popen(
        [sys.executable, "-m", "xl_dashboard", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def d(text: str) -> dt.datetime:
    """A date from `YYYY-MM-DD`."""
    return dt.datetime.strptime(text, "%Y-%m-%d")


def write_workbook(path: Path, sheets: Mapping[str, Sequence[Sequence[object]]]) -> Path:
    """Sheets given as rows (first row = headers); datetimes written as real dates."""
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_numbers": False}
    )
    date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if isinstance(v, dt.datetime | dt.date):
                    ws.write_datetime(i, j, v, date_fmt)
                elif v is None:
                    continue
                else:
                    ws.write(i, j, v)
    book.close()
    return path


def annex_a_sheets(lists: Mapping[int, Rows]) -> dict[str, list[list[object]]]:
    """`{1: [{"Child Unique ID": "C1", "Date of Contact": ...}]}` → sheet rows with full headers."""
    sheets = {}
    for n, rows in lists.items():
        headers = list(HEADERS[n])
        for r in rows:
            headers += [k for k in r if k not in headers]
        sheets[f"List {n}"] = [headers] + [[r.get(h) for h in headers] for r in rows]
    return sheets


@pytest.fixture
def annex_a(tmp_path: Path) -> Callable[..., Path]:
    """Write an Annex A workbook from dict rows; returns its path."""
    counter = iter(range(1000))

    def make(
        lists: Mapping[int, Rows], extra: Mapping[str, Sequence[Sequence[object]]] | None = None
    ) -> Path:
        sheets = annex_a_sheets(lists) | dict(extra or {})
        return write_workbook(tmp_path / f"annex_a_{next(counter)}.xlsx", sheets)

    return make


@pytest.fixture
def run(annex_a: Callable[..., Path]) -> Callable[..., Results]:
    """Compute from dict rows: `run({1: rows}, month="2024-08", workers=...)`."""

    def compute_from(
        lists: Mapping[int, Rows],
        month: str | None = "2024-08",
        start: str | None = None,
        population: float | None = 10000,
        workers: Mapping[str, str] | None = None,
        **settings: object,
    ) -> Results:
        extra = {}
        if workers is not None:
            extra["Workers"] = [["Allocated Worker", "Qualified social worker"]] + [
                [w, q] for w, q in workers.items()
            ]
        path = annex_a(lists, extra)
        inputs = load_inputs(
            path if workers is not None else None,
            annex_a=path,
            reporting_month=pd.Period(month, freq="M") if month else None,
            annex_a_start=d(start).date() if start else None,
            population=population,
            **settings,
        )
        return compute(inputs)

    return compute_from


def figure(results: Results, indicator_id: str, period: str, breakdown: str = "") -> tuple:
    """(numerator, denominator, value) of one row, NaN as None."""
    rows = results.data[
        (results.data["indicator_id"] == indicator_id)
        & (results.data["period"] == period)
        & (results.data["breakdown"] == breakdown)
    ]
    assert len(rows) == 1, f"{indicator_id} {breakdown} {period}: {len(rows)} rows"
    r = rows.iloc[0]
    return tuple(None if pd.isna(v) else float(v) for v in (r.numerator, r.denominator, r.value))


def issues_of(results: Results, rule: str) -> pd.DataFrame:
    frame = results.issues.frame()
    return frame[frame["rule"] == rule]
