import datetime as dt

import numpy as np
import pandas as pd
import pytest

from xl_dashboard.inputs.normalise import (
    INVALID,
    normalise,
    parse_code,
    parse_date,
    parse_int,
    parse_month_text,
    parse_yesno,
)


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("q) 6: Police", "6"),
        ("6", "6"),
        (6.0, "6"),
        ("p1) 5D: LA early help", "5D"),
        ("b) Female", "Female"),
        ("\xa0Female ", "Female"),
        ("#N/A", None),
        ("N/A", None),
        ("-", None),
        ("   ", None),
        ("", None),
        (None, None),
    ],
)
def test_codes(cell: object, code: str | None) -> None:
    assert parse_code(cell) == code


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (dt.datetime(2024, 7, 3, 14, 5), "2024-07-03"),
        (dt.date(2024, 7, 3), "2024-07-03"),
        (45476.0, "2024-07-03"),
        ("45476", "2024-07-03"),
        ("03/07/2024", "2024-07-03"),
        ("3/7/2024", "2024-07-03"),
        (" 03/07/2024\xa0", "2024-07-03"),
        ("03/07/2024 00:00:00", "2024-07-03"),
        # ISO text, as SQL reports write it into .xlsx files (contract: any source)
        ("2024-07-03", "2024-07-03"),
        ("2024-07-03 00:00:00", "2024-07-03"),
        ("2024-07-03T09:15:00", "2024-07-03"),
        ("2024-07-03 09:15", "2024-07-03"),
        ("03/07/2024 09:15", "2024-07-03"),
    ],
)
def test_dates(cell: object, day: str) -> None:
    assert parse_date(cell) == pd.Timestamp(day)


@pytest.mark.parametrize(
    "cell",
    ["31/02/2024", "unknown", "2024/13/01", True, -5.0, "2024-02-30", "03.07.2024", "2024-07-03x"]
    + ["\u00b3", "4409\u00b3", "2024-07-0\u00b3"]  # superscript digits are not digits
    + ["0001-01-01", "9999-12-31", dt.datetime(1, 1, 1), dt.date(9999, 1, 1)],  # out of range
)
def test_invalid_dates(cell: object) -> None:
    assert parse_date(cell) is INVALID


@pytest.mark.parametrize("cell", ["#N/A", "", "-", None])
def test_blank_dates(cell: object) -> None:
    assert parse_date(cell) is None


@pytest.mark.parametrize(
    ("cell", "answer"),
    [
        ("a) Yes", True),
        ("Y", True),
        ("yes", True),
        ("TRUE", True),
        (True, True),
        ("b) No", False),
        ("n", False),
        ("False", False),
        ("", None),
        ("#N/A", None),
    ],
)
def test_yes_no(cell: object, answer: bool | None) -> None:
    assert parse_yesno(cell) is answer


def test_yes_no_invalid() -> None:
    assert parse_yesno("c) Unknown") is INVALID
    assert parse_yesno("maybe") is INVALID


def test_ints_and_months() -> None:
    assert parse_int("3") == 3 and parse_int(2.0) == 2 and parse_int("1.0") == 1
    assert parse_int("x") is INVALID and parse_int(1.5) is INVALID and parse_int("") is None
    assert parse_month_text("Aug-14") == "2014-08"
    assert parse_month_text(dt.date(2014, 8, 1)) == "2014-08"
    assert parse_month_text("2014-08") == "2014-08"


def test_normalise_maps_distinct_values_back_to_rows() -> None:
    cells = np.array(["03/07/2024", 45476.0, "", "bad", "03/07/2024"], dtype=object)
    codes, uniques = pd.factorize(cells)
    values, invalid = normalise(codes, uniques, "date")
    assert list(pd.DatetimeIndex(values).strftime("%Y-%m-%d").fillna("")) == [
        "2024-07-03",
        "2024-07-03",
        "",
        "",
        "2024-07-03",
    ]
    assert invalid.tolist() == [False, False, False, True, False]


def test_the_columns_read_are_ofsteds_headers() -> None:
    from xl_dashboard.inputs.annex_a_spec import ANNEX_A_HEADERS, LISTS

    for n, columns in LISTS.items():
        assert {c.header for c in columns} <= set(ANNEX_A_HEADERS[f"List {n}"])


def test_each_pattern_finds_its_own_header_and_no_other() -> None:
    import re

    from xl_dashboard.inputs.annex_a_spec import ANNEX_A_HEADERS, LISTS
    from xl_dashboard.inputs.normalise import norm_header

    for n, columns in LISTS.items():
        headers = [norm_header(h) for h in ANNEX_A_HEADERS[f"List {n}"]]
        for col in columns:
            hits = [h for h in headers if re.search(col.pattern, h)]
            assert hits == [norm_header(col.header)], (n, col.key, hits)


def test_headers_of_other_extracts_are_found() -> None:
    from xl_dashboard.inputs.annex_a_spec import LISTS
    from xl_dashboard.inputs.tables import match_columns
    from xl_dashboard.inputs.workbook import RawSheet

    drifted = {
        1: ["CHILD ID NUMBER", "Contact Date/Time", "Source of the contact"],
        7: [
            "Child Identifier",
            "CP Plan Start",
            "CP Plan End",
            "Last statutory visit (date)",
            "Seen alone at last visit?",
            "No. of previous child protection plans",
            "Allocated worker name",
        ],
        8: [
            "Child ID",
            "DOB",
            "Date child started to be looked after",
            "Date child ceased to be LAC",
            "Current Legal Status",
            "Latest Health Assessment",
            "Last dental check date",
            "Reason Ceased to be Looked After",
            "Start date of current legal status",
            "Social Worker",
        ],
    }
    for n, headers in drifted.items():
        found = match_columns(RawSheet.from_rows("x", [headers]), LISTS[n])
        assert {c.key for c in LISTS[n] if not c.optional} <= set(found), (n, found)
        assert len(set(found.values())) == len(found)
