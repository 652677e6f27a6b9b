"""Output targets: never an input, never each other, written all together or not at all."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from xl_dashboard import outputs
from xl_dashboard.errors import OutputError, TargetError
from xl_dashboard.outputs import Target, check_targets, replacing, staged


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "inputs.xlsx").write_bytes(b"the input workbook")
    return tmp_path / "inputs.xlsx"


def xlsx(path: Path) -> Target:
    return Target(path, "xlsx", "-o")


@pytest.mark.parametrize("how", ["same", "dot", "absolute", "symlink", "hardlink"])
def test_an_output_that_is_an_input_is_refused(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.chdir(tmp_path)
    target = {
        "same": Path("inputs.xlsx"),
        "dot": Path("./sub/../inputs.xlsx"),
        "absolute": inputs.resolve(),
        "symlink": tmp_path / "link.xlsx",
        "hardlink": tmp_path / "hard.xlsx",
    }[how]
    (tmp_path / "sub").mkdir()
    if how == "symlink":
        target.symlink_to(inputs)
    if how == "hardlink":
        os.link(inputs, target)
    with pytest.raises(TargetError, match="never replaces an input"):
        check_targets([xlsx(target)], [Path("inputs.xlsx")])
    assert inputs.read_bytes() == b"the input workbook"


def test_two_outputs_naming_one_file_are_refused(tmp_path: Path) -> None:
    a = tmp_path / "out.csv"
    with pytest.raises(TargetError, match="--history and --data-csv name the same file"):
        check_targets([Target(a, "csv", "--data-csv"), Target(a, "csv", "--history")], [])


@pytest.mark.parametrize(
    ("name", "kind"), [("x.xlsm", "xlsx"), ("x.csv", "xlsx"), ("x.xlsx", "csv")]
)
def test_an_output_must_end_as_its_format_does(tmp_path: Path, name: str, kind: str) -> None:
    with pytest.raises(TargetError, match="must end in"):
        check_targets([Target(tmp_path / name, kind, "-o")], [])


def test_read_only_and_special_files_are_not_replaced(tmp_path: Path) -> None:
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"old")
    locked.chmod(0o444)
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(TargetError, match="read-only"):  # even for root
        check_targets([xlsx(locked)], [])
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    with pytest.raises(TargetError, match="not a regular file"):
        check_targets([xlsx(fifo)], [])
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(TargetError, match="is a folder"):
        check_targets([xlsx(tmp_path / "folder.xlsx")], [])
    with pytest.raises(TargetError, match="does not exist"):
        check_targets([xlsx(tmp_path / "missing" / "x.xlsx")], [])


def test_all_outputs_or_none(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.csv"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    targets = [xlsx(a), Target(b, "csv", "--data-csv")]
    with pytest.raises(RuntimeError), staged(targets) as stage:
        stage.temp(a).write_bytes(b"new a")
        raise RuntimeError("the second writer fails")
    assert (a.read_bytes(), b.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.csv"]  # no temp left

    with staged(targets) as stage:
        tmp = stage.temp(a)
        assert stat.S_IMODE(tmp.stat().st_mode) == 0o600  # private while being written
        tmp.write_bytes(b"new a")
        stage.temp(b).write_bytes(b"new b")
    assert (a.read_bytes(), b.read_bytes()) == (b"new a", b"new b")
    assert stat.S_IMODE(a.stat().st_mode) & 0o044  # then normal rights
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.csv"]


def test_a_failed_move_puts_back_the_outputs_already_moved(tmp_path: Path, monkeypatch) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.csv"
    a.write_bytes(b"old a")
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == b:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(outputs.os, "replace", replace)
    with (
        pytest.raises(OutputError, match="disk is full"),
        staged([xlsx(a), Target(b, "csv", "--data-csv")]) as stage,
    ):
        stage.temp(a).write_bytes(b"new a")
        stage.temp(b).write_bytes(b"new b")
    monkeypatch.setattr(outputs.os, "replace", real_replace)
    assert a.read_bytes() == b"old a" and not b.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_stale_temp_files_of_killed_builds_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    stale = tmp_path / f"{outputs.TEMP_PREFIX}{dead.stdout.strip()}-abcd1234-dashboard.xlsx"
    live = tmp_path / f"{outputs.TEMP_PREFIX}{os.getppid()}-abcd1234-dashboard.xlsx"
    stale.write_bytes(b"half")
    live.write_bytes(b"another build's")
    with staged([xlsx(tmp_path / "dashboard.xlsx")]) as stage:
        stage.temp(tmp_path / "dashboard.xlsx").write_bytes(b"done")
    assert not stale.exists() and live.exists()


def test_a_writer_failing_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    """`replacing` writes beside the target: a writer that dies after half its bytes leaves
    the old file byte for byte, and no temporary file behind."""
    target = tmp_path / "dashboard.xlsx"
    target.write_bytes(b"last month's dashboard")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        assert tmp != target and tmp.parent == target.parent
        with tmp.open("wb") as f:
            f.write(b"PK\x03\x04 half of")
            f.flush()
            raise RuntimeError("the writer fails half-way")
    assert target.read_bytes() == b"last month's dashboard"
    assert [p.name for p in tmp_path.iterdir()] == ["dashboard.xlsx"]

    with replacing(target) as tmp:
        tmp.write_bytes(b"this month's dashboard")
        assert target.read_bytes() == b"last month's dashboard"  # not replaced until done
    assert target.read_bytes() == b"this month's dashboard"
    assert [p.name for p in tmp_path.iterdir()] == ["dashboard.xlsx"]
