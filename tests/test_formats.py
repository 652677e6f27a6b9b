"""The same Annex A lists give the same figures from .xlsx, .xls, .ods (LibreOffice) and CSV files,
with dates as date cells or as text (dd/mm/yyyy or ISO, with or without a time)."""

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


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_xls_97_2003_gives_the_same_figures_as_xlsx(tmp_path: Path) -> None:
    xlsx = write_workbook(tmp_path / "annex.xlsx", annex_a_sheets(ROWS))
    out = tmp_path / "xls"
    out.mkdir()
    xls = convert(xlsx, "xls:MS Excel 97", out)
    assert xls.suffix == ".xls" and xls.read_bytes()[:4] == bytes.fromhex("d0cf11e0")  # OLE2
    pd.testing.assert_frame_equal(figures(xls), figures(xlsx))


ISO_TEXTS = ("{:%Y-%m-%d}", "{:%Y-%m-%d} 00:00:00", "{:%Y-%m-%d}T09:15:00", "{:%d/%m/%Y} 10:30")


def _dates_as_text(rows: dict) -> dict:
    """The same rows with every date written as text, in turn in each format SQL reports use."""
    return {
        n: [
            {k: ISO_TEXTS[i % 4].format(v) if hasattr(v, "strftime") else v for k, v in r.items()}
            for i, r in enumerate(list_rows)
        ]
        for n, list_rows in rows.items()
    }


def test_iso_text_dates_count_in_xlsx_and_csv(tmp_path: Path) -> None:
    expected = figures(write_workbook(tmp_path / "annex.xlsx", annex_a_sheets(ROWS)))
    as_text = annex_a_sheets(_dates_as_text(ROWS))
    assert as_text["List 1"][1][1] == "2024-08-01"  # text, not a date cell
    text_xlsx = write_workbook(tmp_path / "text.xlsx", as_text)
    pd.testing.assert_frame_equal(figures(text_xlsx), expected)
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, rows in as_text.items():
        pd.DataFrame(rows[1:], columns=rows[0]).to_csv(folder / f"{name}.csv", index=False)
    pd.testing.assert_frame_equal(figures(folder), expected)


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
