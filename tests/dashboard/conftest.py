"""Built dashboards shared by the dashboard tests: the Norfolk example and a synthetic county,
each built once, and (where LibreOffice is installed) recalculated and printed once."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from xl_dashboard.api import compute, load_inputs
from xl_dashboard.dashboard.build import render, write_dashboard
from xl_dashboard.dashboard.charts import Placed
from xl_dashboard.dashboard.layout import build_dashboard
from xl_dashboard.dashboard.model import Dashboard
from xl_dashboard.dashboard.pdf import convert
from xl_dashboard.indicators.engine import Results

from .county import county_results
from .ooxml import Package

ROOT = Path(__file__).resolve().parents[2]
NORFOLK = ROOT / "workbook_templates" / "examples" / "norfolk_2014_08.xlsx"
HAS_LO = shutil.which("soffice") is not None
needs_lo = pytest.mark.skipif(not HAS_LO, reason="LibreOffice (soffice) is not installed")


@dataclass
class Built:
    """A built dashboard: its results, model, file and where each table row went."""

    results: Results
    dashboard: Dashboard
    path: Path
    placed: dict[tuple[str, int], Placed]

    def package(self) -> Package:
        return Package(self.path)

    def values(self, recalculated: Path | None = None) -> openpyxl.Workbook:
        """Cell values: the cached ones xlsxwriter wrote, or LibreOffice's recalculated ones."""
        return openpyxl.load_workbook(recalculated or self.path, data_only=True)


def _build(results: Results, folder: Path, name: str) -> Built:
    path = write_dashboard(results, folder / f"{name}.xlsx")
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    dashboard = build_dashboard(results)
    placed = render(book, dashboard)
    return Built(results, dashboard, path, placed)


@pytest.fixture(scope="session")
def norfolk(tmp_path_factory: pytest.TempPathFactory) -> Built:
    results = compute(load_inputs(NORFOLK))
    return _build(results, tmp_path_factory.mktemp("norfolk"), "norfolk")


@pytest.fixture(scope="session")
def county(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(county_results(), tmp_path_factory.mktemp("county"), "county")


@pytest.fixture(scope="session")
def norfolk_recalculated(norfolk: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not HAS_LO:
        pytest.skip("LibreOffice (soffice) is not installed")
    return convert(norfolk.path, "xlsx", tmp_path_factory.mktemp("norfolk_lo"))


@pytest.fixture(scope="session")
def county_recalculated(county: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not HAS_LO:
        pytest.skip("LibreOffice (soffice) is not installed")
    return convert(county.path, "xlsx", tmp_path_factory.mktemp("county_lo"))
