"""The engine against an independent, naive implementation of the contract (tests/oracle),
on Annex A workbooks that neither side's generator made for the other."""

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pytest
from conftest import write_workbook
from oracle.messy import MESSY_WORKERS, write_messy_annex_a, write_messy_csv_folder
from oracle.reference import extract_last_date, load_lists, reference_indicators

from xl_dashboard.cli import main

KEY = ["indicator_id", "breakdown", "period"]


def build_args(
    tmp_path: Path, annex: Path, month: str, population: float, workers: dict[str, bool] | None
) -> list[str]:
    args = [
        "build",
        "--annex-a",
        str(annex),
        "--month",
        month,
        "--population",
        str(population),
        "-o",
        str(tmp_path / "out.xlsx"),
        "--data-csv",
        str(tmp_path / "out.csv"),
        "-q",
    ]
    if workers is not None:
        inputs = write_workbook(
            tmp_path / "inputs.xlsx",
            {
                "Workers": [["Allocated Worker", "Qualified social worker"]]
                + [[w, "Yes" if q else "No"] for w, q in workers.items()]
            },
        )
        args.insert(1, str(inputs))
    return args


def build_csv(
    tmp_path: Path, annex: Path, month: str, population: float, workers: dict[str, bool] | None
) -> pd.DataFrame:
    assert main(build_args(tmp_path, annex, month, population, workers)) == 0
    data = pd.read_csv(tmp_path / "out.csv", keep_default_na=False, na_values=[""])
    data["breakdown"] = data["breakdown"].fillna("")
    return data


def assert_agree(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    theirs = theirs.assign(breakdown=theirs["breakdown"].fillna(""))
    merged = theirs.merge(ours, on=KEY, how="left", suffixes=("_ref", ""), indicator=True)
    missing = merged[merged["_merge"] == "left_only"]
    assert missing.empty, f"rows the oracle has and we do not:\n{missing[KEY]}"
    for col in ("numerator", "denominator", "value"):
        a, b = merged[f"{col}_ref"].to_numpy(float), merged[col].to_numpy(float)
        same = np.isclose(a, b, rtol=1e-9, atol=1e-9) | (np.isnan(a) & np.isnan(b))
        assert same.all(), f"{col} differs:\n{merged.loc[~same, [*KEY, f'{col}_ref', col]]}"
    computed = ours[ours["source"] == "annex_a"]
    extra = computed.merge(theirs[KEY], on=KEY, how="left", indicator=True)
    assert (extra["_merge"] == "both").all(), (
        f"rows only we have:\n{extra.loc[extra['_merge'] != 'both', KEY]}"
    )


@pytest.mark.parametrize(("end", "seed"), [("2024-09", 1), ("2025-01", 7), ("2024-05", 3)])
def test_messy_workbooks_agree(tmp_path: Path, end: str, seed: int) -> None:
    annex = tmp_path / "messy.xlsx"
    write_messy_annex_a(annex, end=end, seed=seed)
    theirs = reference_indicators(annex, end, 171830, workers=MESSY_WORKERS)
    ours = build_csv(tmp_path, annex, end, 171830, MESSY_WORKERS)
    assert_agree(ours, theirs)


def test_messy_workbook_with_an_earlier_reporting_month(tmp_path: Path) -> None:
    annex = tmp_path / "messy.xlsx"
    write_messy_annex_a(annex, end="2024-09", seed=2)
    theirs = reference_indicators(annex, "2024-07", 50000, workers=None)
    assert_agree(build_csv(tmp_path, annex, "2024-07", 50000, None), theirs)


@pytest.mark.parametrize(
    ("end", "seed", "counts"), [("2024-09", 4, "per_child"), ("2025-01", 8, "per_row")]
)
def test_messy_csv_folders_agree(
    tmp_path: Path, end: str, seed: int, counts: Literal["per_child", "per_row"]
) -> None:
    """The same messy data as a folder of `List n.csv` files, every date ISO text."""
    folder = write_messy_csv_folder(
        tmp_path / "annex_a", end=end, seed=seed, referral_counts=counts
    )
    theirs = reference_indicators(folder, end, 171830, workers=MESSY_WORKERS)
    assert_agree(build_csv(tmp_path, folder, end, 171830, MESSY_WORKERS), theirs)


@pytest.mark.parametrize("seed", [6, 9])
def test_messy_per_row_referral_counts_agree(tmp_path: Path, seed: int) -> None:
    """`Number of Referrals in Last 12 Months` filled per row (referrals before that row's
    date) instead of Ofsted's per-child value: the contract gives the same figures."""
    annex = tmp_path / "messy.xlsx"
    write_messy_annex_a(annex, end="2024-09", seed=seed, referral_counts="per_row")
    theirs = reference_indicators(annex, "2024-09", 171830, workers=MESSY_WORKERS)
    assert_agree(build_csv(tmp_path, annex, "2024-09", 171830, MESSY_WORKERS), theirs)


def test_messy_partly_covered_month_agrees(tmp_path: Path) -> None:
    """The month of the extract's last date is computed although only partly covered."""
    annex = tmp_path / "messy.xlsx"
    write_messy_annex_a(annex, end="2024-09", seed=3)
    theirs = reference_indicators(annex, "2024-10", 171830, workers=MESSY_WORKERS)
    assert_agree(build_csv(tmp_path, annex, "2024-10", 171830, MESSY_WORKERS), theirs)


def test_month_after_the_data_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annex = tmp_path / "messy.xlsx"
    write_messy_annex_a(annex, end="2024-09", seed=3)
    last = extract_last_date(load_lists(annex))
    assert last is not None
    with pytest.raises(ValueError, match=last.isoformat()):
        reference_indicators(annex, "2024-11", 171830)
    assert main(build_args(tmp_path, annex, "2024-11", 171830, None)) == 2
    err = capsys.readouterr().err
    spellings = [last.isoformat(), last.strftime("%d/%m/%Y"), f"{last.day} {last:%B %Y}"]
    assert any(text in err for text in spellings), err


def test_synthetic_county_agrees(tmp_path: Path) -> None:
    from xl_dashboard.synth import synthesise_annex_a, synthesise_input_workbook

    annex, inputs = tmp_path / "synth.xlsx", tmp_path / "inputs.xlsx"
    synthesise_annex_a(annex, end="2024-09", months=6, scale="small", seed=5)
    synthesise_input_workbook(inputs, end="2024-09", months=6, seed=5, annex_a_path=annex)
    workers = pd.read_excel(inputs, sheet_name="Workers", engine="calamine")
    mapping = {
        str(w).strip(): str(q).strip().lower().startswith("y")
        for w, q in zip(workers.iloc[:, 0], workers.iloc[:, 1], strict=True)
    }
    theirs = reference_indicators(annex, "2024-09", 171830, workers=mapping)
    assert_agree(build_csv(tmp_path, annex, "2024-09", 171830, mapping), theirs)
