"""No input produces a traceback: random cells under Annex A headers, odd workbooks."""

import datetime as dt
from pathlib import Path

from conftest import write_workbook
from hypothesis import example, given
from hypothesis import strategies as st

from xl_dashboard.cli import EXIT_BUG, main
from xl_dashboard.inputs.annex_a_spec import ANNEX_A_HEADERS

# Digits and spaces that are not ASCII: `str.isdigit()` says yes to '³', `float()` says no.
UNICODE_DIGITS = "\u00b2\u00b3\u00b9\u0660\u0967\uff11\u2460"
UNICODE_SPACES = "\u00a0\u2007\u202f\u3000\u200b\t"
cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10, max_value=80000),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
    st.floats(allow_nan=False, allow_infinity=False),  # huge and tiny (a cell holds no NaN)
    st.datetimes(min_value=dt.datetime(1995, 1, 1), max_value=dt.datetime(2030, 12, 31)),
    st.datetimes(),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat(sep=st_sep(d))),
    st.text(alphabet="0123456789/-: T" + UNICODE_DIGITS + UNICODE_SPACES, max_size=20),
    st.sampled_from(
        [
            "#N/A",
            "N/A",
            "-",
            " ",
            "a) Yes",
            "b) No",
            "q) 6: Police",
            "V3",
            "C2",
            "b) Child Protection plan",
            "31/02/2024",
            "01/08/2024",
            "2024-08-01",
            "\xa0C1\xa0",
            "C1",
            "C2",
            "=1+1",
            "x) : :",
            ")",
            "Worker 1",
        ]
    ),
    st.text(max_size=12),
)


def st_sep(day: dt.datetime) -> str:
    return "T" if day.microsecond % 2 else " "


@st.composite
def annex_a(draw: st.DrawFn) -> dict[str, list[list[object]]]:
    sheets = {}
    for n in draw(st.sets(st.integers(1, 8), min_size=1, max_size=8)):
        name = f"List {n}"
        headers = ANNEX_A_HEADERS[name]
        width = len(headers)
        rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=12))
        sheets[name] = [headers, *rows]
    return sheets


@given(sheets=annex_a(), month=st.sampled_from([None, "2024-08"]))
@example(  # found by this test on CI (a superscript digit in a date and a number cell)
    sheets={"List 1": [ANNEX_A_HEADERS["List 1"], ["C1", "\u00b3", "6", "4\u00b3"]]}, month=None
)
def test_random_cells_never_crash(tmp_path: Path, capsys, sheets, month) -> None:
    book = write_workbook(tmp_path / "random.xlsx", sheets)
    args = [
        "build",
        "--annex-a",
        str(book),
        "-o",
        str(tmp_path / "out.xlsx"),
        "-q",
        "--population",
        "1000",
    ]
    if month:
        args += ["--month", month]
    code = main(args)
    err = capsys.readouterr().err
    assert code != EXIT_BUG, err
    assert "Traceback" not in err


def test_odd_files_are_refused_in_one_sentence(tmp_path: Path, capsys) -> None:
    empty = write_workbook(tmp_path / "empty.xlsx", {"List 1": []})
    headers_only = write_workbook(
        tmp_path / "headers.xlsx", {"List 1": [ANNEX_A_HEADERS["List 1"]]}
    )
    binary = tmp_path / "binary.xlsx"
    binary.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (empty, headers_only, binary):
        code = main(["check", "--annex-a", str(path), "-q"])
        err = capsys.readouterr().err
        assert code == 2, (path.name, err)
        assert err.startswith("Error: ") and "Traceback" not in err
