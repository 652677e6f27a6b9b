"""Safe with children's data and files, through the command line: an output never replaces an
input, a build writes all its outputs or none, the stored history survives concurrent builds
and bad lines, CSV outputs are inert, the pack holds figures only."""

import os
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import annex_a_sheets, cli_process, d, write_workbook

from xl_dashboard import outputs
from xl_dashboard.cli import main

FIGURES_HEADER = ["indicator_id", "breakdown", "period", "numerator", "denominator", "value"]


def contacts(month: str = "2024-08", sources: tuple[str, ...] = ("6",)) -> list[dict]:
    return [
        {
            "Child Unique ID": f"C{i}",
            "Date of Contact": d(f"{month}-{i % 28 + 1:02d}"),
            "Contact Source": sources[i % len(sources)],
        }
        for i in range(30)
    ]


@pytest.fixture
def annex(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "aa.xlsx", annex_a_sheets({1: contacts()}))


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    return write_workbook(
        tmp_path / "inputs.xlsx",
        {"Monthly figures": [FIGURES_HEADER, ["lac_pep", "", "2024-08", None, None, 80]]},
    )


def run(capsys, *args: str) -> tuple[int, str]:
    month = ["--month", "2024-08"] if args[0] == "build" and "--month" not in args else []
    code = main([*args, *month, "-q"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


@pytest.mark.parametrize(
    "option",
    [
        "-o inputs.xlsx",
        "-o aa.xlsx",
        "-o ./sub/../aa.xlsx",
        "-o ABS",
        "-o link.xlsx",
        "-o hard.xlsx",
        "--data-csv inputs.xlsx",
        "--pdf aa.xlsx",
        "--quality-report aa.xlsx",
    ],
)
def test_an_output_onto_an_input_is_refused_and_changes_nothing(
    capsys, tmp_path: Path, annex: Path, inputs: Path, monkeypatch, option: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.xlsx").symlink_to(annex)
    os.link(annex, tmp_path / "hard.xlsx")
    before = {p: p.read_bytes() for p in (annex, inputs)}
    flag, target = option.split()
    target = str(annex.resolve()) if target == "ABS" else target
    args = ["build", "inputs.xlsx", "--annex-a", "aa.xlsx", flag, target]
    if flag != "-o":
        args += ["-o", "out.xlsx"]
    code, err = run(capsys, *args)
    assert code == 2 and err.startswith("Error: ") and err.count("\n") == 1
    assert {p: p.read_bytes() for p in before} == before
    assert not (tmp_path / "out.xlsx").exists()


def test_refused_outputs(capsys, tmp_path: Path, annex: Path) -> None:
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"old")
    locked.chmod(0o444)
    fifo = tmp_path / "fifo.xlsx"
    os.mkfifo(fifo)
    for target, words in (
        (locked, "read-only"),
        (fifo, "not a regular file"),
        (tmp_path / "x.xlsm", "must end in .xlsx"),
        (tmp_path / "x.csv", "must end in .xlsx"),
    ):
        code, err = run(capsys, "build", "--annex-a", str(annex), "-o", str(target))
        assert code == 2 and words in err, err
    assert locked.read_bytes() == b"old" and oct(locked.stat().st_mode & 0o777) == "0o444"
    code, err = run(
        capsys,
        "build",
        "--annex-a",
        str(annex),
        "-o",
        str(tmp_path / "o.xlsx"),
        "--history",
        str(locked.with_suffix(".csv")),
    )
    assert code == 0  # a history that does not exist yet is made


def test_synth_and_demo_refuse_bad_targets_in_one_sentence(capsys, tmp_path: Path) -> None:
    code, err = run(capsys, "synth", "-o", str(tmp_path / "missing" / "x.xlsx"))
    assert code == 2 and "does not exist" in err
    file = tmp_path / "file"
    file.write_text("x")
    code, err = run(capsys, "demo", "-o", str(file))
    assert code == 2 and "is a file" in err


def test_a_failed_history_write_replaces_no_output(capsys, tmp_path, annex, monkeypatch):
    out, csv, history = tmp_path / "o.xlsx", tmp_path / "o.csv", tmp_path / "h.csv"
    for p in (out, csv):
        p.write_bytes(b"last month's")
    real = os.replace

    def replace(src, dst):
        if Path(dst) == history:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", replace)
    code, err = run(
        capsys,
        "build",
        "--annex-a",
        str(annex),
        "-o",
        str(out),
        "--data-csv",
        str(csv),
        "--history",
        str(history),
    )
    assert code == 1 and "disk is full" in err and "nothing was replaced" in err
    assert out.read_bytes() == b"last month's" and csv.read_bytes() == b"last month's"
    assert not history.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aa.xlsx", "o.csv", "o.xlsx"]


def build_process(annex: Path, out: Path, history: Path, month: str) -> subprocess.Popen[str]:
    args = ["--annex-a", str(annex), "-o", str(out), "--history", str(history), "--month", month]
    return cli_process("build", *args, "-q")


def test_two_builds_sharing_a_history_both_keep_their_months(tmp_path: Path) -> None:
    july = write_workbook(tmp_path / "july.xlsx", annex_a_sheets({1: contacts("2024-07")}))
    august = write_workbook(tmp_path / "august.xlsx", annex_a_sheets({1: contacts("2024-08")}))
    for attempt in range(3):
        history = tmp_path / f"history{attempt}.csv"
        a = build_process(july, tmp_path / f"a{attempt}.xlsx", history, "2024-07")
        b = build_process(august, tmp_path / f"b{attempt}.xlsx", history, "2024-08")
        assert a.wait(120) == 0 and b.wait(120) == 0, (a.stderr.read(), b.stderr.read())
        stored = pd.read_csv(history)
        months = set(stored.loc[stored.indicator_id == "contacts", "period"])
        assert months == {"2024-07", "2024-08"}, attempt


def test_bad_history_lines_are_reported_and_never_shown(capsys, tmp_path, annex) -> None:
    history = tmp_path / "history.csv"
    head = "indicator_id,breakdown,period,numerator,denominator,value,unit,source"
    lines = [
        head,
        "lac_pep,,2024-03,80,100,80.0,%,figures",  # line 2: good
        "lac_pep,,2024-04,abc,100,80.0,%,figures",  # 3: not a number
        "lac_pep,,2024-05,-59.7,100,-59.7,%,figures",  # 4: negative
        "lac_pep,,2024-06,120,100,120.0,%,figures",  # 5: numerator > denominator
        "lac_pep,,2024-02,1,2,50.0,%,figures",  # 6: duplicate of 7
        "lac_pep,,2024-02,1,2,50.0,%,figures",  # 7
        "not_an_indicator,,2024-02,1,,1,count,figures",  # 8: unknown indicator
        "lac_pep,,March,1,2,50.0,%,figures",  # 9: not a period
        "lac_pep,,2024-01,8",  # 10: cut mid-line
    ]
    history.write_text("\n".join(lines) + "\n")
    data_csv = tmp_path / "o.csv"
    code, _ = run(
        capsys,
        "build",
        "--annex-a",
        str(annex),
        "-o",
        str(tmp_path / "o.xlsx"),
        "--data-csv",
        str(data_csv),
        "--history",
        str(history),
        "--quality-report",
        str(tmp_path / "q.xlsx"),
    )
    assert code == 0
    shown = pd.read_csv(data_csv)
    pep = shown[shown.indicator_id == "lac_pep"].set_index("period")["value"]
    assert pep.to_dict() == {"2024-03": 80.0}
    report = openpyxl.load_workbook(tmp_path / "q.xlsx")["Issues"]
    bad = sorted(
        r[4] for r in report.iter_rows(min_row=5, values_only=True) if r[1] == "history-row"
    )
    assert bad == [3, 4, 5, 6, 7, 8, 9, 10]
    kept = pd.read_csv(history)  # rewritten with the good lines and this build's figures
    assert "not_an_indicator" not in set(kept.indicator_id)


def test_an_empty_history_file_is_an_empty_history(capsys, tmp_path, annex) -> None:
    history = tmp_path / "history.csv"
    history.write_bytes(b"")
    code, _ = run(
        capsys,
        "build",
        "--annex-a",
        str(annex),
        "-o",
        str(tmp_path / "o.xlsx"),
        "--history",
        str(history),
    )
    assert code == 0 and "contacts" in history.read_text()


def test_csv_outputs_are_inert(capsys, tmp_path: Path, annex: Path) -> None:
    hostile = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-1+1", "\t=1+1"]
    inputs = write_workbook(
        tmp_path / "inputs.xlsx",
        {
            "Monthly figures": [FIGURES_HEADER]
            + [["eh_outcomes", h, "2024-08", 3, None, None] for h in hostile]
        },
    )
    data_csv, history = tmp_path / "o.csv", tmp_path / "h.csv"
    code, _ = run(
        capsys,
        "build",
        str(inputs),
        "--annex-a",
        str(annex),
        "-o",
        str(tmp_path / "o.xlsx"),
        "--data-csv",
        str(data_csv),
        "--history",
        str(history),
    )
    assert code == 0
    for path in (data_csv, history):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines()[1:]:
            fields = line.split(",")
            assert not fields[1].startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, line)
        assert "'=HYPERLINK" in text and "'@SUM(1)" in text and "'-1+1" in text
    again = pd.read_csv(history)  # read back: the stored breakdowns are the input's text
    assert '=HYPERLINK("http://x","y")' in set(again.breakdown.str.removeprefix("'"))


def test_the_pack_holds_figures_only(capsys, tmp_path: Path) -> None:
    plans = [
        {
            "Child Unique ID": "P1",
            "Child Protection Plan Start Date": d("2024-03-01"),
            "Allocated Worker": "Yasmin Brooks",
        },
    ]
    rows = contacts(sources=("6", "Mrs Smith, mother of SY0000003"))
    annex = write_workbook(tmp_path / "aa.xlsx", annex_a_sheets({1: rows, 7: plans}))
    inputs = write_workbook(
        tmp_path / "inputs.xlsx",
        {"Workers": [["Allocated Worker", "Qualified social worker"], ["Sam Jones", "Yes"]]},
    )
    out, report = tmp_path / "o.xlsx", tmp_path / "q.xlsx"
    code, _ = run(
        capsys,
        "build",
        str(inputs),
        "--annex-a",
        str(annex),
        "-o",
        str(out),
        "--quality-report",
        str(report),
    )
    assert code == 0
    with zipfile.ZipFile(out) as pack:
        text = " ".join(pack.read(n).decode("utf-8", "replace") for n in pack.namelist())
    for secret in ("Mrs Smith", "SY0000003", "Yasmin", "Brooks"):
        assert secret not in text
    summary = openpyxl.load_workbook(out)["Data quality"]
    rules = {r[0] for r in summary.iter_rows(min_row=2, values_only=True)}
    assert {"unknown-source", "unknown-worker"} <= rules
    with zipfile.ZipFile(report) as detail:
        detailed = " ".join(detail.read(n).decode("utf-8", "replace") for n in detail.namelist())
    assert "Mrs Smith" in detailed and "Yasmin Brooks" in detailed
    assert "OFFICIAL-SENSITIVE" in detailed


def test_publish_withholds_small_numbers_everywhere(capsys, tmp_path: Path) -> None:
    rows = contacts(sources=("6", "6", "6", "6", "6", "6", "6", "6", "6", "2A"))  # 3 schools
    annex = write_workbook(tmp_path / "aa.xlsx", annex_a_sheets({1: rows}))
    out, data_csv = tmp_path / "o.xlsx", tmp_path / "o.csv"
    code, _ = run(
        capsys,
        "build",
        "--annex-a",
        str(annex),
        "-o",
        str(out),
        "--data-csv",
        str(data_csv),
        "--publish",
        "--month",
        "2024-08",
    )
    assert code == 0
    data = pd.read_csv(data_csv, dtype=str, keep_default_na=False)
    school = data[(data.indicator_id == "contacts") & (data.breakdown == "Education/School")]
    assert school[["numerator", "value"]].values.tolist() == [["c", "c"]]
    police = data[(data.indicator_id == "contacts") & (data.breakdown == "Police")]
    assert police["value"].tolist() == ["c"]  # secondary: else 30 - 27 gives the schools away
    with zipfile.ZipFile(out) as pack:
        sheet = pack.read("xl/worksheets/sheet1.xml").decode()
    assert "Published: small numbers suppressed" in sheet
