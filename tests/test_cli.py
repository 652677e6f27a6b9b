"""The headless door: exit codes and one-sentence messages, never a traceback."""

import errno
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import annex_a_sheets, d, write_workbook

from xl_dashboard import api
from xl_dashboard.cli import main


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main([*args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    return code, out.out, out.err


@pytest.fixture
def clean_annex(tmp_path: Path) -> Path:
    contacts = [
        {
            "Child Unique ID": f"C{i}",
            "Date of Contact": d(f"2024-08-0{i % 9 + 1}"),
            "Contact Source": "6",
        }
        for i in range(20)
    ]
    return write_workbook(tmp_path / "clean.xlsx", annex_a_sheets({1: contacts}))


def test_missing_file(capsys, tmp_path: Path) -> None:
    code, _, err = run_cli(
        capsys, "build", "--annex-a", str(tmp_path / "nope.xlsx"), "-o", str(tmp_path / "o.xlsx")
    )
    assert code == 2 and "There is no file or folder" in err


def test_not_a_workbook(capsys, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello")
    code, _, err = run_cli(capsys, "check", "--annex-a", str(fake))
    assert code == 2 and "is not a workbook" in err


def test_no_usable_list(capsys, tmp_path: Path) -> None:
    other = write_workbook(tmp_path / "other.xlsx", {"Sheet1": [["a"], [1]]})
    code, _, err = run_cli(capsys, "check", str(other))
    assert code == 2 and "holds no Annex A list" in err


def test_a_month_after_the_data_is_refused(capsys, clean_annex: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    code, _, err = run_cli(
        capsys, "build", "--annex-a", str(clean_annex), "--month", "2025-09", "-o", str(out)
    )
    assert code == 2 and "last date is 09/08/2024" in err and "September 2025" in err
    assert not out.exists()


def test_no_input_at_all(capsys, tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "build", "-o", str(tmp_path / "o.xlsx"))
    assert code == 2 and "Give an input workbook" in err


def test_bad_month(capsys, clean_annex: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(
        capsys,
        "build",
        "--annex-a",
        str(clean_annex),
        "--month",
        "August",
        "-o",
        str(tmp_path / "o.xlsx"),
    )
    assert code == 2 and "YYYY-MM" in err


def test_check_exit_codes(capsys, clean_annex: Path, tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "check", "--annex-a", str(clean_annex), "--quiet")
    assert code == 0 and "Errors: 0" in out
    messy = write_workbook(
        tmp_path / "messy.xlsx",
        annex_a_sheets(
            {
                1: [
                    {
                        "Child Unique ID": "C1",
                        "Date of Contact": "31/02/2024",
                        "Contact Source": "6",
                    },
                    {
                        "Child Unique ID": "C2",
                        "Date of Contact": d("2024-08-30"),
                        "Contact Source": "6",
                    },
                ]
            }
        ),
    )
    code, out, _ = run_cli(capsys, "check", "--annex-a", str(messy), "--quiet")
    assert code == 1 and "Errors: 1" in out and "31/02/2024" in out


def test_build_writes_workbook_and_csv(capsys, clean_annex: Path, tmp_path: Path) -> None:
    out_xlsx, out_csv = tmp_path / "dash.xlsx", tmp_path / "data.csv"
    code, _, err = run_cli(
        capsys,
        "build",
        "--annex-a",
        str(clean_annex),
        "--month",
        "2024-08",
        "--population",
        "1000",
        "-o",
        str(out_xlsx),
        "--data-csv",
        str(out_csv),
    )
    assert code == 0, err
    data = pd.read_csv(out_csv, keep_default_na=False)
    assert list(data.columns) == [
        "indicator_id",
        "breakdown",
        "period",
        "numerator",
        "denominator",
        "value",
        "unit",
        "source",
    ]
    headline = data[(data.indicator_id == "contacts") & (data.breakdown == "")]
    assert headline[["period", "value"]].values.tolist() == [["2024-08", 20.0]]
    sheets = openpyxl.load_workbook(out_xlsx, read_only=True).sheetnames
    assert {"Indicator data", "Data quality"} <= set(sheets)


def test_a_failed_build_leaves_the_old_output(
    capsys, clean_annex: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard is written, then the CSV writer dies half-way with a full disk: neither
    old output is touched and no temporary file is left behind."""
    out = tmp_path / "out"
    out.mkdir()
    out_xlsx, out_csv = out / "dash.xlsx", out / "data.csv"
    out_xlsx.write_bytes(b"previous dashboard")
    out_csv.write_bytes(b"previous,data")
    written: list[Path] = []

    def disk_fills(results: object, path: Path) -> Path:
        written.append(Path(path))
        Path(path).write_bytes(b"indicator_id,brea")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(api, "write_data_csv", disk_fills)
    code, _, err = run_cli(
        capsys,
        "build",
        "--annex-a",
        str(clean_annex),
        "--month",
        "2024-08",
        "-o",
        str(out_xlsx),
        "--data-csv",
        str(out_csv),
        "-q",
    )
    assert written and written[0].parent == out  # the failure came after writing began
    assert code == 1 and "disk is full" in err
    assert out_xlsx.read_bytes() == b"previous dashboard"
    assert out_csv.read_bytes() == b"previous,data"
    assert sorted(p.name for p in out.iterdir()) == ["dash.xlsx", "data.csv"]


def test_csv_folder_input(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "List 1.csv").write_text(
        "Child Unique ID,Date of Contact,Contact Source\nC1,01/08/2024,q) 6: Police\n"
        "C2,2024-08-31,3A\nC3,01/09/2024,6\n",
        encoding="utf-8",
    )
    data = august_contacts(capsys, folder, tmp_path)
    assert data["value"].tolist() == [2.0]


def test_title_rows_above_the_headers(capsys, tmp_path: Path) -> None:
    sheets = annex_a_sheets(
        {1: [{"Child Unique ID": "C1", "Date of Contact": d("2024-08-01"), "Contact Source": "6"}]}
    )
    sheets["List 1"] = [["Annex A List 1: Contacts"], ["Extracted 01/09/2024"], *sheets["List 1"]]
    book = write_workbook(tmp_path / "titled.xlsx", sheets)
    assert august_contacts(capsys, book, tmp_path)["value"].tolist() == [1.0]


def august_contacts(capsys, annex: Path, tmp_path: Path) -> pd.DataFrame:
    """Build August from an Annex A source; the headline contacts row of the CSV."""
    out_csv = tmp_path / "d.csv"
    code, _, err = run_cli(
        capsys,
        "build",
        "--annex-a",
        str(annex),
        "--month",
        "2024-08",
        "-o",
        str(tmp_path / "o.xlsx"),
        "--data-csv",
        str(out_csv),
        "-q",
    )
    assert code == 0, err
    data = pd.read_csv(out_csv, keep_default_na=False)
    return data[
        (data.indicator_id == "contacts") & (data.breakdown == "") & (data.period == "2024-08")
    ]


def test_output_problems_are_one_sentence(capsys, clean_annex: Path, tmp_path: Path) -> None:
    for target, words in (
        (tmp_path, "is a folder"),
        (tmp_path / "no" / "o.xlsx", "does not exist"),
    ):
        code, _, err = run_cli(capsys, "build", "--annex-a", str(clean_annex), "-o", str(target))
        assert code != 0 and words in err
