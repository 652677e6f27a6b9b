"""The same Annex A lists give the same figures from .xlsx, .ods (LibreOffice) and CSV files."""

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import annex_a_sheets, d, write_workbook

from xl_dashboard.api import compute, load_inputs
from xl_dashboard.dashboard.pdf import convert

ROWS = {
    1: [
        {
            "Child Unique ID": f"C{i}",
            "Date of Contact": d(f"2024-08-{i + 1:02d}"),
            "Contact Source": ["q) 6: Police", "3A", "a) 1A: Family"][i % 3],
        }
        for i in range(9)
    ],
    3: [
        {
            "Child Unique ID": "C1",
            "Date of referral": d("2024-08-05"),
            "Number of Referrals in Last 12 Months": 1,
        }
    ],
}


def figures(path: Path) -> pd.DataFrame:
    results = compute(load_inputs(None, path, reporting_month=pd.Period("2024-08", freq="M")))
    return results.data[["indicator_id", "breakdown", "period", "numerator", "value"]]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_ods_gives_the_same_figures_as_xlsx(tmp_path: Path) -> None:
    xlsx = write_workbook(tmp_path / "annex.xlsx", annex_a_sheets(ROWS))
    out = tmp_path / "ods"
    out.mkdir()
    ods = convert(xlsx, "ods", out)
    expected = figures(xlsx)
    assert expected.loc[expected.indicator_id == "contacts", "value"].iloc[0] == 9
    pd.testing.assert_frame_equal(figures(ods), expected)


def test_csv_folder_gives_the_same_figures_as_xlsx(tmp_path: Path) -> None:
    xlsx = write_workbook(tmp_path / "annex.xlsx", annex_a_sheets(ROWS))
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, rows in annex_a_sheets(ROWS).items():
        frame = pd.DataFrame(rows[1:], columns=rows[0])
        for col in frame:
            if frame[col].map(lambda v: hasattr(v, "strftime")).any():
                frame[col] = frame[col].map(lambda v: v.strftime("%d/%m/%Y") if v else "")
        frame.to_csv(folder / f"{name}.csv", index=False)
    pd.testing.assert_frame_equal(figures(folder), figures(xlsx))
