"""Hostile and careless files, generated small on disk: a stray cell far out, a zip bomb, CSV
files in other encodings or with giant fields. Each is read as if the problem were not there,
or refused in one sentence; never a crash, never gigabytes of memory."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from conftest import annex_a_sheets, cli_process, d, write_workbook

from xl_dashboard.cli import main

CONTACTS = [
    {
        "Child Unique ID": f"C{i}",
        "Date of Contact": d(f"2024-08-{i % 28 + 1:02d}"),
        "Contact Source": "6",
    }
    for i in range(40)
]


# Peak memory of the command's own process: VmHWM (the high-water mark of this process's
# memory since its exec; ru_maxrss would include what pytest held when it forked).
PEAK = """
import re, sys
from pathlib import Path
from xl_dashboard.cli import main
code = main(sys.argv[1:])
hwm = re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]
sys.stderr.write(f"\\npeak-kb {hwm}\\n")
sys.exit(code)
"""


def run_cli_process(*args: str) -> tuple[int, str, float]:
    """The command in a process of its own; returns exit code, stderr and the peak memory
    (MB) of that process."""
    proc = subprocess.run(
        [sys.executable, "-c", PEAK, *args], capture_output=True, text=True, timeout=300
    )
    err, _, peak = proc.stderr.rpartition("\npeak-kb ")
    return proc.returncode, err, int(peak) / 1024


def with_stray_cell(path: Path, row: int, col: int, value: object) -> Path:
    sheets = annex_a_sheets({1: CONTACTS})
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for i, r in enumerate(rows):
            ws.write_row(i, 0, [v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v for v in r])
        ws.write(row, col, value)
    book.close()
    return path


def figures(tmp_path: Path, annex: Path, name: str) -> pd.DataFrame:
    out = tmp_path / f"out-{name}.csv"
    code = main(
        [
            "build",
            "--annex-a",
            str(annex),
            "-o",
            str(tmp_path / f"out-{name}.xlsx"),
            "--data-csv",
            str(out),
            "--month",
            "2024-08",
            "-q",
        ]
    )
    assert code == 0
    return pd.read_csv(out)


@pytest.mark.parametrize(
    ("row", "col", "value"),
    [
        (1_048_575, 16_383, "x"),
        (1_048_575, 16_383, " "),
        (19_999, 16_383, "x"),
        (299_999, 701, "stray"),
    ],
    ids=["XFD1048576", "XFD1048576-space", "XFD20000", "ZZ300000"],
)
def test_a_stray_cell_far_out_changes_nothing(tmp_path: Path, row, col, value) -> None:
    clean = write_workbook(
        tmp_path / "clean.xlsx",
        {
            name: [
                [v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v for v in r] for r in rows
            ]
            for name, rows in annex_a_sheets({1: CONTACTS}).items()
        },
    )
    stray = with_stray_cell(tmp_path / "stray.xlsx", row, col, value)
    assert stray.stat().st_size < 20_000
    pd.testing.assert_frame_equal(figures(tmp_path, stray, "stray"), figures(tmp_path, clean, "c"))
    code, err, peak = run_cli_process(
        "check", "--annex-a", str(stray), "--month", "2024-08", "--limit", "0"
    )
    assert code in (0, 1) and "Traceback" not in err
    assert peak < 600, f"peak memory {peak:.0f} MB"


def test_check_reports_the_stray_cell(tmp_path: Path, capsys) -> None:
    stray = with_stray_cell(tmp_path / "stray.xlsx", 1_048_575, 16_383, "x")
    main(["check", "--annex-a", str(stray), "--month", "2024-08", "--limit", "0", "-q"])
    out = capsys.readouterr().out
    assert "stray-cells" in out and "XFD1048576" in out


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """1.1 GB of whitespace in List 1's sheet, 1.1 MB on disk."""
    folder = tmp_path_factory.mktemp("bomb")
    seed = write_workbook(folder / "seed.xlsx", annex_a_sheets({1: CONTACTS[:2]}))
    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(seed) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(item, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with zout.open(item.filename, "w", force_zip64=True) as fh:
                fh.write(head + b"<sheetData>")
                chunk = b" " * (1 << 24)
                for _ in range(72):
                    fh.write(chunk)
                fh.write(tail)
    return bomb


def test_a_zip_bomb_is_refused_before_it_is_inflated(zip_bomb: Path) -> None:
    assert zip_bomb.stat().st_size < 3_000_000
    code, err, peak = run_cli_process("check", "--annex-a", str(zip_bomb))
    assert code == 2 and "would unpack to 1.1 GB, over the 1 GB" in err and "Traceback" not in err
    assert peak < 300, f"peak memory {peak:.0f} MB"


def csv_folder(tmp_path: Path, text: str, encoding: str) -> Path:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "List 1.csv").write_bytes(text.encode(encoding))
    return folder


LIST_1 = "Child Unique ID,Date of Contact,Contact Source\r\nC1,2024-08-01,6\r\nC2,02/08/2024,6\r\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-8", "cp1252"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    text = LIST_1 if encoding != "utf-16-be" else "\ufeff" + LIST_1
    data = figures(tmp_path, csv_folder(tmp_path, text, encoding), "enc")
    contacts = data[(data.indicator_id == "contacts") & data.breakdown.isna()]
    assert contacts["value"].tolist() == [2.0]


def test_a_windows_1252_csv_is_read_with_a_warning(tmp_path: Path, capsys) -> None:
    folder = csv_folder(tmp_path, LIST_1.replace("C2", "Zo\u00eb"), "cp1252")
    main(["check", "--annex-a", str(folder), "--month", "2024-08", "--limit", "0", "-q"])
    assert "csv-encoding" in capsys.readouterr().out


def test_a_giant_csv_field_is_one_sentence(tmp_path: Path, capsys) -> None:
    folder = csv_folder(tmp_path, LIST_1 + "C3," + "x" * 200_000 + ",6\r\n", "utf-8")
    code = main(["check", "--annex-a", str(folder), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and "line 4" in err and "32,767 characters" in err


def test_no_worker_process_is_left_by_a_killed_build(tmp_path: Path) -> None:
    """The lists are parsed in a thread of the build's own process: a build has no child
    process, so killing it leaves nothing running that holds the caller's pipes."""
    import time

    from xl_dashboard.synth import synthesise_annex_a

    annex = tmp_path / "annex.xlsx"
    synthesise_annex_a(annex, scale="small")
    proc = cli_process("build", "--annex-a", str(annex), "-o", str(tmp_path / "o.xlsx"), "-q")
    kids: set[int] = set()
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline and proc.poll() is None:
        kids |= {
            int(p.name)
            for p in Path("/proc").iterdir()
            if p.name.isdigit() and _ppid(p) == proc.pid
        }
        time.sleep(0.05)
    proc.kill()
    proc.communicate(timeout=30)  # returns at once: nobody else holds the pipes
    assert kids == set()


def _wait_until_caught(pid: int, sig: int, timeout: float = 30.0) -> None:
    """Wait until process `pid` has a handler for `sig` (its SigCgt mask in /proc)."""
    import time

    status = Path(f"/proc/{pid}/status")
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            caught = next(
                line for line in status.read_text().splitlines() if line.startswith("SigCgt:")
            )
        except (OSError, StopIteration):
            return  # gone already, or no /proc: the test's own checks decide
        if int(caught.split()[1], 16) >> (sig - 1) & 1:
            return
        time.sleep(0.01)


def _ppid(proc_dir: Path) -> int:
    try:
        stat = (proc_dir / "stat").read_text()
    except OSError:
        return -1
    return int(stat.rsplit(")", 1)[1].split()[1])


@pytest.mark.skipif(os.name != "posix", reason="signals")
@pytest.mark.parametrize(("sig", "code"), [(2, 130), (15, 143)])
def test_interrupted_builds_exit_quietly_and_leave_no_temp_files(tmp_path: Path, sig, code):
    from xl_dashboard.synth import synthesise_annex_a

    annex = tmp_path / "annex.xlsx"
    synthesise_annex_a(annex, scale="small")
    import signal
    import time

    # Each delay counts from when our entry point runs (it catches SIGTERM): before that the
    # interpreter itself is starting (on a loaded machine that takes longer than the delays).
    for delay in (0.0, 0.3, 1.4):
        out, csv = str(tmp_path / "o.xlsx"), str(tmp_path / "o.csv")
        proc = cli_process("build", "--annex-a", str(annex), "-o", out, "--data-csv", csv)
        _wait_until_caught(proc.pid, signal.SIGTERM)  # set by our entry point, after start-up
        time.sleep(delay)
        proc.send_signal(signal.Signals(sig))
        _, err = proc.communicate(timeout=60)
        if proc.returncode == 0:  # finished before the signal: nothing to check this time
            continue
        assert proc.returncode == code, err
        assert "Traceback" not in err
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".xl-dashboard-")]
