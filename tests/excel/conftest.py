"""The Excel doors' tests run xlwings the way xlwings Server does: `XLWINGS_ON_SERVER=true`
(the real custom-function decorators and converters) and a licence key for xlwings' JSON book
engine (`noncommercial`, as xlwings-server's own tests use; a commercial project sets a paid key
in CI). Both must be set before xlwings is first imported in this process. The rest of the suite
never imports xlwings, so it is unaffected."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

if "xlwings" in sys.modules and sys.modules["xlwings"].on_server is False:
    raise RuntimeError(
        "xlwings was imported before tests/excel could switch on its server mode: run "
        "tests/excel in a process of its own (pytest tests/excel)."
    )
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ["XLWINGS_ON_SERVER"] = "true"

import xlwings as xw  # noqa: E402

from xl_dashboard.excel import udfs  # noqa: E402
from xl_dashboard.excel.template import build_template  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
COMMITTED_TEMPLATE = ROOT / "workbook_templates" / "xl_dashboard.xlsm"


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template, freshly built (the committed copy is compared with it separately)."""
    return build_template(tmp_path_factory.mktemp("template") / "xl_dashboard.xlsm")


@dataclass(frozen=True)
class Synthetic:
    annex: Path  # Annex A workbook
    inputs: Path  # input workbook
    rows: dict[str, int]  # rows written per list, blank rows not counted


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Synthetic:
    """A small synthetic Annex A workbook and its input workbook (never real data)."""
    from xl_dashboard.synth import synthesise_annex_a, synthesise_input_workbook

    folder = tmp_path_factory.mktemp("synthetic")
    annex, inputs = folder / "annex_a.xlsx", folder / "inputs.xlsx"
    rows = synthesise_annex_a(annex, end="2024-09", months=6, scale="small", seed=0)
    synthesise_input_workbook(inputs, end="2024-09", annex_a_path=annex)
    return Synthetic(annex, inputs, rows)


@pytest.fixture(autouse=True)
def no_mock_caller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test sets its own caller; outputs go to its own temporary folder."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    monkeypatch.setenv("XL_DASHBOARD_HOME", str(tmp_path / "home"))
    udfs._BOOK_VALUES.clear()
    yield
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller
    udfs._BOOK_VALUES.clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """openpyxl warns that it drops the Summary's sparklines when it reads the template: the
    tests that read it with openpyxl look at other things (the sparklines are read from the
    XML in test_workbook_pages)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(
                pytest.mark.filterwarnings("ignore:Sparkline Group extension:UserWarning")
            )
