"""Tests of the oracle itself, on tiny hand-built workbooks with answers worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path
from typing import Any

import holidays
import numpy as np
import openpyxl
import pandas as pd
import pytest

from .messy import MESSY_WORKERS, write_messy_annex_a, write_messy_csv_folder
from .reference import (
    GROUPS,
    Sheet,
    default_annex_a_start,
    default_month,
    extract_last_date,
    load_lists,
    norm_header,
    parse_code,
    parse_date,
    parse_whole_number,
    parse_yes_no,
    reference_indicators,
    wd,
)

D = dt.date


def book(tmp_path: Path, sheets: dict[str, list[list[Any]]], name: str = "a.xlsx") -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def get(frame: pd.DataFrame, indicator: str, period: str, breakdown: str = "") -> pd.Series:
    rows = frame[
        (frame.indicator_id == indicator)
        & (frame.period == period)
        & (frame.breakdown == breakdown)
    ]
    assert len(rows) == 1, (indicator, period, breakdown, rows)
    return rows.iloc[0]


def check(
    frame: pd.DataFrame, indicator: str, period: str, num: float, den: float | None, br: str = ""
) -> None:
    row = get(frame, indicator, period, br)
    assert row.numerator == num, (indicator, period, br, row)
    if den is None:  # a count
        assert math.isnan(row.denominator) and row.value == num
    else:
        assert row.denominator == den, (indicator, period, br, row)
        if den == 0:
            assert math.isnan(row.value)
        else:
            assert row.value == pytest.approx(100 * num / den)


# --- working days and parsers -------------------------------------------------------------------


def test_wd_by_hand() -> None:
    assert wd(D(2024, 9, 2), D(2024, 9, 2)) == 0  # same day
    assert wd(D(2024, 9, 2), D(2024, 9, 3)) == 1  # Monday -> Tuesday
    assert wd(D(2024, 9, 6), D(2024, 9, 9)) == 1  # Friday -> Monday
    # Thu 28 Mar 2024 -> Tue 2 Apr: Good Friday and Easter Monday are holidays.
    assert wd(D(2024, 3, 28), D(2024, 4, 2)) == 1
    # Fri 23 Aug -> Wed 28 Aug 2024: the August bank holiday (26th) is skipped.
    assert wd(D(2024, 8, 23), D(2024, 8, 28)) == 2
    # Tue 24 Dec -> Mon 30 Dec 2024: Christmas Day and Boxing Day skipped.
    assert wd(D(2024, 12, 24), D(2024, 12, 30)) == 2
    # 45 working days from Thu 28 Mar 2024 across Easter, May Day and the spring holiday.
    assert wd(D(2024, 3, 28), D(2024, 6, 5)) == 45
    assert wd(D(2024, 3, 28), D(2024, 6, 6)) == 46
    assert wd(D(2024, 4, 2), D(2024, 3, 28)) == -1  # reversed: numpy counts 28 Mar < d <= 2 Apr


def test_wd_matches_numpy_busday_count() -> None:
    rng = random.Random(7)
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(2021, 2028))
    hol = np.array(sorted(bank), dtype="datetime64[D]")
    for _ in range(300):
        a = D(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
        b = a + dt.timedelta(days=rng.randint(-40, 120))
        assert wd(a, b) == int(np.busday_count(a, b, holidays=hol)), (a, b)


def test_parse_date() -> None:
    assert parse_date(dt.datetime(2024, 4, 1, 13, 5)) == D(2024, 4, 1)
    assert parse_date(45292) == D(2024, 1, 1)  # Excel serial
    assert parse_date(45292.75) == D(2024, 1, 1)
    assert parse_date("01/04/2024") == D(2024, 4, 1)
    assert parse_date("\u00a01/4/2024 ") == D(2024, 4, 1)
    for bad in ("31/02/2024", "#N/A", "N/A", "-", " ", "", None, "soon", True):
        assert parse_date(bad) is None, bad


def test_parse_iso_and_time_parts() -> None:
    may_3 = D(2024, 5, 3)
    for text in (
        "2024-05-03",
        "2024-05-03 00:00:00",
        "2024-05-03T09:15:00",
        "2024-05-03 09:15",
        "2024-05-03 23:59:59",
        "\u00a02024-05-03 ",
        "03/05/2024 14:30",
        "03/05/2024 14:30:05",
        "3/5/2024 00:00:00",
        "03/05/2024T14:30:05",  # the contract allows either time form after either date form
    ):
        assert parse_date(text) == may_3, text
    assert parse_date(dt.datetime(2024, 5, 3, 23, 59)) == may_3
    for bad in (
        "2024-02-30",
        "2024-13-01",
        "2024-5-3",  # ISO wants two-digit month and day
        "2024-05-03T09:15",  # ISO T form needs seconds
        "2024-05-03 9:15",
        "2024-05-03 24:00",
        "2024-05-03 09:60",
        "2024-05-03 09:15:00.000",
        "2024-05-03Z",
        "2024/05/03",
        "03-05-2024",
        "03/05/2024 14",
        "03.05.2024",
    ):
        assert parse_date(bad) is None, bad


def test_parse_code_yes_no_numbers_headers() -> None:
    assert parse_code("q) 6: Police") == "6"
    assert parse_code("6") == "6"
    assert parse_code(6) == "6"
    assert parse_code(6.0) == "6"
    assert parse_code("p1) 5D: LA early help") == "5D"
    assert parse_code("b) Female") == "Female"
    assert parse_code("3A\u00a0") == "3A"
    assert parse_code("#N/A") is None
    for yes in ("a) Yes", "Y", "yes", "TRUE", True, "\u00a0Yes"):
        assert parse_yes_no(yes) is True, yes
    for no in ("b) No", "N", "no", "False", False):
        assert parse_yes_no(no) is False, no
    for blank in ("c) Unknown", "maybe", None, "#N/A", 1):
        assert parse_yes_no(blank) is None, blank
    assert parse_whole_number("x") is None
    assert parse_whole_number(-1) == -1
    assert parse_whole_number("2") == 2
    assert parse_whole_number(2.0) == 2
    assert parse_whole_number(1.5) is None
    assert parse_whole_number(None) is None
    assert norm_header("Date of Referral") == norm_header("Date of referral")
    assert norm_header("\u00a0CHILD'S legal  status ") == norm_header("Child's Legal Status")
    assert norm_header("Was the Child Seen Alone? (Y/N)") == norm_header(
        "Was the Child Seen Alone?"
    )
    sheet = Sheet(["Child Unique ID", "Age"], [])
    assert sheet.column("Age of Child (Years)") == 1


# --- Lists 1 and 3 --------------------------------------------------------------------------------

L1 = ["Child unique id", "Date of contact", "CONTACT SOURCE"]
L3 = ["Child Unique ID", "Date of Referral", "Number of referrals in last 12 months"]


def test_contacts_and_conversion_across_august_bank_holiday(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        {
            "List 1": [
                L1,
                ["A", dt.datetime(2024, 8, 20), "q) 6: Police"],
                ["B", "20/08/2024", 6],
                [None, None, None],  # blank row
                ["C", 45525, "g) 3A: GP"],  # serial 45525 = 21 Aug 2024
                ["A", dt.datetime(2024, 8, 20), "q) 6: Police"],  # exact duplicate
                ["Z", "31/07/2024", "9"],  # earliest date: coverage starts 1 Aug
            ],
            "List 3": [
                L3,
                # Tue 20 -> Wed 28 Aug is 5 working days (26th is a bank holiday): converted.
                ["A", "28/08/2024", 0],
                # Tue 20 -> Thu 29 Aug is 6 working days: not converted.
                ["B", dt.datetime(2024, 8, 29), None],
            ],
        },
    )
    frame = reference_indicators(path, "2024-08", 100000)
    assert set(frame.period) == {"2024-08"}
    check(frame, "contacts", "2024-08", 3, None)
    check(frame, "contacts", "2024-08", 2, None, "Police")
    check(frame, "contacts", "2024-08", 1, None, "Health")
    check(frame, "contacts", "2024-08", 0, None, "Anonymous")
    assert list(frame[frame.indicator_id == "contacts"].breakdown) == ["", *GROUPS]
    check(frame, "contact_conversion", "2024-08", 1, 3)
    check(frame, "contact_conversion", "2024-08", 1, 2, "Police")
    check(frame, "contact_conversion", "2024-08", 0, 1, "Health")
    check(frame, "contact_conversion", "2024-08", 0, 0, "Housing")
    check(frame, "referrals", "2024-08", 2, None)
    check(frame, "re_referrals", "2024-08", 0, 2)


def test_re_referral_evidence(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        {
            "List 3": [
                L3,
                ["X", "15/01/2024", 0],
                ["X", "10/06/2024", None],  # earlier X referral in the last 12 months: yes
                ["Y", "12/06/2024", "#N/A"],  # only a same-day referral: not strictly earlier
                ["Y", dt.datetime(2024, 6, 12), " "],
                ["Z", "13/06/2024", "1"],  # the count shows one before the list: yes
                ["W", "01/03/2024", 0],
                ["W", "30/06/2024", 0],  # count 0, but the list shows 1 Mar: yes
            ]
        },
    )
    frame = reference_indicators(path, "2024-06", 100000, annex_a_start="2024-06-01")
    assert set(frame.period) == {"2024-06"}
    check(frame, "referrals", "2024-06", 5, None)
    check(frame, "re_referrals", "2024-06", 3, 5)


@pytest.mark.parametrize(
    ("counts", "child_6", "child_7"),
    [
        ("per child (Ofsted)", (2, 2), (1, 1)),
        ("per row", (1, 2), (0, 1)),  # referrals before that row's own date
    ],
)
def test_re_referrals_worked_example(
    tmp_path: Path, counts: str, child_6: tuple[int, int], child_7: tuple[int, int]
) -> None:
    six = [["6", "12/04/2024", child_6[0]], ["6", "25/04/2024", child_6[1]]]
    seven = [["7", "08/04/2024", child_7[0]], ["7", "18/04/2024", child_7[1]]]
    for name, rows, re_referred in (
        ("both.xlsx", six + seven, 3),
        ("six.xlsx", six, 2),  # both April referrals of child 6
        ("seven.xlsx", seven, 1),  # 18 Apr only
    ):
        path = book(tmp_path, {"List 3": [L3, *rows]}, name)
        frame = reference_indicators(path, "2024-04", 1000, annex_a_start="2024-04-01")
        check(frame, "re_referrals", "2024-04", re_referred, len(rows))


def test_re_referral_field_edge_cases(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        {
            "List 3": [
                L3,
                [None, "10/06/2024", 3],  # no child: a referral, left out of re_referrals
                ["B", "05/06/2024", 5],  # the count on an earlier row only: no field evidence
                ["B", "20/06/2024", None],  # 5 Jun is listed: yes (5 Jun itself: no)
                ["C", "07/06/2024", -1],  # two rows on L: the largest valid count (1) counts
                ["C", "07/06/2024", "1"],  # 1 > 0 listed before L: both rows are re-referrals
                ["D", "08/06/2024", 1.5],  # not a whole number: no field evidence
                ["E", "01/05/2023", 0],  # listed, but before [L - 12 months, L)
                ["E", "09/06/2024", 1],  # 1 > 0 listed in [9 Jun 2023, 9 Jun 2024): yes
                ["F", "11/06/2024", "2.0"],  # 2 > 0: yes
                ["G", "2024-06-12T10:00:00", 1],  # ISO text with a time: 1 > 0: yes
                ["G", "01/07/2023", 0],  # within 12 months of 12 Jun: listed, so 1 > 1 fails
            ]
        },
    )
    frame = reference_indicators(path, "2024-06", 1000, annex_a_start="2024-06-01")
    check(frame, "referrals", "2024-06", 9, None)
    check(frame, "re_referrals", "2024-06", 6, 8)  # B 20 Jun, C x2, E, F, G (by the list)


def test_default_annex_a_start(tmp_path: Path) -> None:
    rows = [L1, ["A", "15/03/2024", "6"], ["B", "02/05/2024", "6"], ["C", "20/06/2024", "6"]]
    path = book(tmp_path, {"List 1": rows})
    frame = reference_indicators(path, "2024-06", 1000)
    assert sorted(set(frame.period)) == ["2024-04", "2024-05", "2024-06"]
    check(frame, "contacts", "2024-04", 0, None)
    path = book(
        tmp_path, {"List 1": [L1, ["A", "01/03/2024", "6"], ["B", "2024-04-03", "6"]]}, "b.xlsx"
    )
    frame = reference_indicators(path, "2024-04", 1000)
    assert sorted(set(frame.period)) == ["2024-03", "2024-04"]
    check(frame, "contacts", "2024-03", 1, None, "Police")


L2 = ["Child Unique ID", "Assessment start date"]
L4 = ["Child Unique ID", "Continuous Assessment Start Date"]
L4[1:] += ["Continuous Assessment Date of Authorisation"]
L5 = ["Child Unique ID", "Strategy discussion initiating Section 47 Enquiry Start Date"]
L5[1:] += ["Date of Initial Child Protection Conference"]


def first_period(path: Path, month: str) -> str:
    return str(min(reference_indicators(path, month, 1000).period))


def test_coverage_start_follows_list_1_then_list_3_then_lists_2_4_5(tmp_path: Path) -> None:
    earlier = {
        "List 2": [L2, ["E", "01/01/2024"]],
        "List 4": [L4, ["F", "10/12/2023", "2024-03-01"]],
        "List 5": [L5, ["G", "2023-11-05 00:00:00", None]],
    }
    contacts = [["A", "15/03/2024", "6"], ["B", "2024-06-20T09:00:00", "6"]]
    referrals = [["R", "02/02/2024", 0], ["S", "30/05/2024", 0]]
    # List 1 decides, even though Lists 2, 4 and 5 (and 3) start earlier.
    path = book(tmp_path, {"List 1": [L1, *contacts], "List 3": [L3, *referrals], **earlier})
    assert first_period(path, "2024-06") == "2024-04"
    # Without List 1 dates (none valid or plausible): List 3's earliest referral.
    bad_contacts = [["A", "unknown", "6"], ["B", "03/06/1985", "6"], ["C", "2031-03-14", "6"]]
    sheets = {"List 1": [L1, *bad_contacts], "List 3": [L3, *referrals], **earlier}
    assert first_period(book(tmp_path, sheets, "b.xlsx"), "2024-05") == "2024-03"
    # Without those either: the earliest of Lists 2, 4 and 5 (5 Nov 2023 -> 1 Dec 2023).
    assert first_period(book(tmp_path, earlier, "c.xlsx"), "2024-03") == "2023-12"
    # A first of the month stays.
    path = book(
        tmp_path, {"List 2": [L2, ["E", "2024-01-01 00:00:00"], ["F", "09/02/2024"]]}, "d.xlsx"
    )
    assert first_period(path, "2024-02") == "2024-01"


def test_future_and_pre_1990_dates_decide_nothing(tmp_path: Path) -> None:
    rows = [
        ["A", "15/03/2024", "6"],
        ["B", "10/06/2024", "6"],
        ["C", "2031-03-14", "6"],  # after the day of the build
        ["D", "03/06/1985", "6"],  # before 1990
        ["E", dt.datetime(1989, 12, 31), "6"],
    ]
    path = book(tmp_path, {"List 1": [L1, *rows]})
    sheets = load_lists(path)
    assert extract_last_date(sheets) == D(2024, 6, 10)
    assert default_annex_a_start(sheets) == D(2024, 4, 1)
    assert default_month(sheets) == "2024-05"  # 10 Jun is not June's last day
    frame = reference_indicators(path, None, 1000)
    assert sorted(set(frame.period)) == ["2024-04", "2024-05"]
    # The month of the last date is still computed (partly covered) ...
    frame = reference_indicators(path, "2024-06", 1000)
    check(frame, "contacts", "2024-06", 1, None)
    assert frame[frame.indicator_id == "contacts"].value.sum() == 2  # 2031 and 1985: nowhere
    # ... a month after it is refused, naming the extract's last date.
    with pytest.raises(ValueError, match="2024-06-10"):
        reference_indicators(path, "2024-07", 1000)
    # A month before the coverage start gives no Annex A figures.
    assert reference_indicators(path, "2024-03", 1000).empty
    # The last date comes from every list's event dates, and a month's last day completes it.
    visit = [L7, ["P", "01/05/2024", None, "30/06/2024", "Y", 0, "Ann"]]
    path = book(tmp_path, {"List 1": [L1, *rows], "List 7": visit}, "b.xlsx")
    assert default_month(load_lists(path)) == "2024-06"
    assert set(reference_indicators(path, None, 1000).period) == {"2024-04", "2024-05", "2024-06"}


# --- Lists 4 and 5 --------------------------------------------------------------------------------


def test_assessments_across_easter(tmp_path: Path) -> None:
    headers = ["Child Unique ID", "continuous assessment start date", "Continuous Assessment Date"]
    headers[2] += " of Authorisation"
    path = book(
        tmp_path,
        {
            "List 4": [
                headers,
                ["A", "28/03/2024", "05/06/2024"],  # 45 working days: in
                ["B", "28/03/2024", "06/06/2024"],  # 46 working days: out
                ["C", "#N/A", "10/06/2024"],  # completed, but no start: not in the timescale %
                ["D", "01/06/2024", None],  # still open
            ]
        },
    )
    frame = reference_indicators(path, "2024-06", 1000, annex_a_start="2024-06-01")
    check(frame, "assessments_completed", "2024-06", 3, None)
    check(frame, "assessments_in_timescale", "2024-06", 1, 2)


def test_icpc_before_strategy_excluded(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        {
            "List 5": [
                [
                    "Child Unique ID",
                    "Strategy discussion initiating Section 47 Enquiry Start Date",
                    "Date of Initial Child Protection Conference",
                ],
                ["A", "01/05/2024", "22/05/2024"],  # 14 working days (6 May holiday): in
                ["B", "01/05/2024", "24/05/2024"],  # 16 working days: out
                ["C", "15/05/2024", "10/05/2024"],  # ICPC before strategy: excluded
                ["D", None, "20/05/2024"],  # no strategy date: excluded
                ["E", "29/05/2024", None],  # no ICPC
            ]
        },
    )
    frame = reference_indicators(path, "2024-05", 1000, annex_a_start="2024-05-01")
    check(frame, "icpc_in_timescale", "2024-05", 1, 2)


# --- Lists 6, 7, 8 --------------------------------------------------------------------------------

L7 = [
    "Child Unique ID",
    "Child Protection Plan Start Date",
    "Child Protection Plan End Date",
    "Date of the Last Statutory Visit",
    "Was the Child Seen Alone? (Y/N)",
    "Number of Previous Child Protection Plans",
    "Allocated Worker",
]


def test_child_protection(tmp_path: Path) -> None:
    # M1 = 30 Sep 2024; M1 - 2 years = 30 Sep 2022; M1 - 18 months = 30 Mar 2023.
    path = book(
        tmp_path,
        {
            "List 7": [
                L7,
                ["P1", "30/09/2022", None, "02/09/2024", "a) Yes", 0, "Ann"],  # 2y+, visit wd 20
                ["P2", "01/10/2022", "", "30/08/2024", "N", None, "Bob"],  # 18m-2y, visit wd 21
                ["P3", "30/03/2023", "-", "03/10/2024", None, "x", " Ann "],  # visit after M1
                ["P4", "31/03/2023", None, None, "Y", 3, "Zed"],  # neither duration band
                ["P5", "16/09/2024", None, None, "no", 2, None],  # wd(16 Sep, 30 Sep) = 10
                ["P6", "20/09/2024", None, None, None, -1, None],  # wd 6; -1 not a valid count
                ["P7", "10/09/2024", None, None, "c) Unknown", "0", None],  # wd 14
                ["P8", "01/01/2023", "30/09/2024", None, "Y", 1, "Ann"],  # ended on M1
                ["C9", "01/01/2022", None, "01/01/2024", "b) No", 0, "Bob"],
                ["C9", "25/09/2024", None, None, "TRUE", 1, "Bob"],  # second plan, wd 3
            ]
        },
    )
    frame = reference_indicators(
        path, "2024-09", 10000, workers={"Ann": True, "Bob": False}, annex_a_start="2024-08-01"
    )
    check(frame, "cp_open", "2024-09", 8, None)
    check(frame, "cp_open", "2024-08", 6, None)  # P1, P2, P3, P4, P8, C9 (first plan)
    assert get(frame, "cp_rate", "2024-09").value == pytest.approx(8.0)
    check(frame, "cp_visits_in_timescale", "2024-09", 5, 8)  # P1, P5, P6, P7, C9
    check(frame, "cp_seen_alone", "2024-09", 3, 8)  # P1, P4, C9
    check(frame, "cp_duration_2y_plus", "2024-09", 2, 8)  # P1, C9
    check(frame, "cp_duration_18m_2y", "2024-09", 2, 8)  # P2, P3
    check(frame, "cp_second_subsequent", "2024-09", 2, 3)  # P5, P7, C9(2nd); P6 excluded
    check(frame, "cp_allocated_qualified", "2024-09", 2, 8)  # P1, P3
    assert "cp_visits_in_timescale" not in set(frame[frame.period == "2024-08"].indicator_id)


L8 = [
    "Child Unique ID",
    "Date Started to be Looked After",
    "Date Ceased to be Looked After",
    "Childs legal status",
    "Date of Last Health Assessment",
    "Date of last dental check",
    "Allocated Worker",
]


def test_looked_after(tmp_path: Path) -> None:
    # M1 = 30 Sep 2024; M1 - 12 months = 30 Sep 2023.
    path = book(
        tmp_path,
        {
            "List 8": [
                L8,
                ["L1", "01/01/2020", None, "C2", "01/10/2023", "29/09/2024", "Ann"],
                ["L2", "30/09/2023", None, "a) C2: Full care order", "30/09/2024", None, "Bob"],
                ["L3", "01/10/2023", None, "C1", "01/01/2024", "01/01/2024", "Ann"],  # too recent
                ["L4", "01/01/2020", None, "V3", "01/01/2024", "01/01/2024", "Ann"],  # short break
                ["L5", "01/01/2019", "01/01/2023", "C2", None, None, "Ann"],  # ceased earlier
                ["L5", "01/02/2024", None, "C1", None, None, "Ann"],  # back in care
                ["L6", "01/01/2021", None, "e) V4: Short break", None, None, None],
                ["L6", "01/01/2021", None, "C2", "05/10/2024", "#N/A", None],  # after M1
                ["L7", "01/01/2020", "30/09/2024", "C2", "01/01/2024", "01/01/2024", "Ann"],
            ]
        },
    )
    frame = reference_indicators(
        path, "2024-09", 20000, workers={"Ann": True}, annex_a_start="2024-08-01"
    )
    check(frame, "lac_open", "2024-09", 5, None)  # L1, L2, L3, L5, L6
    check(frame, "lac_open", "2024-08", 6, None)  # and L7
    assert get(frame, "lac_rate", "2024-09").value == pytest.approx(2.5)
    check(frame, "lac_health_assessment", "2024-09", 2, 3)  # cohort L1, L2, L6
    check(frame, "lac_dental_check", "2024-09", 1, 3)
    check(frame, "lac_allocated_qualified", "2024-09", 3, 5)  # L1, L3, L5


def test_health_assessment_six_months_under_five(tmp_path: Path) -> None:
    # M1 = 30 Sep 2024: under 5 -> (30 Mar 2024, 30 Sep 2024]; 5 and over -> (30 Sep 2023, ...].
    headers = [*L8, "Date of Birth"]
    start = "01/01/2022"

    def row(child: str, health: str, born: Any) -> list[Any]:
        return [child, start, None, "C2", health, "01/09/2024", "Ann", born]

    eight_months = "30/01/2024"
    path = book(
        tmp_path,
        {
            "List 8": [
                headers,
                row("AGED4", eight_months, "01/01/2020"),  # under 5: not up to date
                row("AGED6", eight_months, "01/01/2018"),  # 5 and over: up to date
                row("NODOB", eight_months, None),  # blank DOB: the 12-month rule
                row("BADDOB", eight_months, "TBC"),  # invalid DOB: the 12-month rule
                row("ISODOB", eight_months, "2020-01-01 00:00:00"),  # under 5: not
                row("U5IN", "31/03/2024", "01/01/2020"),  # just inside 6 months
                row("U5OUT", "30/03/2024", "01/01/2020"),  # exactly 6 months: out
                row("FIVE", eight_months, "30/09/2019"),  # DOB + 5 years = M1: not under 5
                row("FOUR", eight_months, "01/10/2019"),  # DOB + 5 years > M1: under 5
                row("OLD", "30/09/2023", "01/01/2018"),  # exactly 12 months: out
                row("NONE", None, "01/01/2020"),  # blank assessment: not done
            ]
        },
    )
    frame = reference_indicators(path, "2024-09", 1000, annex_a_start="2024-09-01")
    check(frame, "lac_health_assessment", "2024-09", 5, 11)  # AGED6 NODOB BADDOB U5IN FIVE
    check(frame, "lac_dental_check", "2024-09", 11, 11)


def test_children_in_need(tmp_path: Path) -> None:
    headers = ["Child Unique ID", "CIN Start Date", "CIN Closure Date", "Case status", "Worker"]
    headers[4] = "Allocated  Worker"
    path = book(
        tmp_path,
        {
            "List 6": [
                headers,
                ["N1", "01/01/2024", None, "c) Child in need plan", "Ann"],
                ["N2", "30/09/2024", None, "b) Child Protection plan", "Ann"],  # starts on M1
                ["N3", "01/01/2024", "30/09/2024", "c) Child in need plan", "Ann"],  # closed M1
                ["N4", "01/01/2024", "01/10/2024", "a) Looked after child", "Ann"],
                ["N5", "01/01/2023", "01/02/2023", "e) Closed episode", "Ann"],
                ["N5", "01/05/2024", "#N/A", "Child in need plan", "Bob"],
                [None, "01/05/2024", None, "Child in need plan", "Ann"],  # no ID: not a child
                ["N6", None, None, "Child in need plan", "Ann"],  # no start date
                ["N7", "01/01/2024", "2024-09-15T10:00:00", "e) Closed episode", "Ann"],
                [None, "01/01/2024", "2024-09-02", "e) Closed episode", "Ann"],  # an episode
                ["N8", "01/01/2024", "31/08/2024", "e) Closed episode", "Ann"],
            ]
        },
    )
    frame = reference_indicators(
        path, "2024-09", 10000, workers={"Ann": True, "Bob": False}, annex_a_start="2024-09-01"
    )
    check(frame, "cin_open", "2024-09", 4, None)  # N1, N2, N4, N5
    assert get(frame, "cin_rate", "2024-09").value == pytest.approx(4.0)
    check(frame, "cin_allocated_qualified", "2024-09", 1, 2)  # cohort N1, N5; N1 qualified
    check(frame, "cin_closed", "2024-09", 3, None)  # N3 (30 Sep), N7, the row without an ID


def test_missing_lists_give_no_rows(tmp_path: Path) -> None:
    path = book(tmp_path, {"List 1": [L1, ["A", "01/03/2024", "6"]]})
    frame = reference_indicators(path, "2024-03", 1000)
    assert set(frame.indicator_id) == {"contacts"}


def test_csv_folder(tmp_path: Path) -> None:
    folder = tmp_path / "extract"
    folder.mkdir()
    (folder / "List 1.csv").write_text(
        "Child Unique ID,Date of Contact,Contact Source\n"
        "A,2024-05-03,q) 6: Police\n"
        "B,2024-05-03T09:15:00,6\n"
        "C,03/05/2024 14:30,3A\n"
        "A,2024-05-03,q) 6: Police\n"  # exact duplicate
        ",,\n"  # blank row
        "D,2024-02-30,6\n"  # invalid date
        "E,45413,9\n",  # serial number text (1 May 2024)
        encoding="utf-8-sig",
    )
    (folder / "list 3.csv").write_text(
        "Child Unique ID,Date of referral,Number of Referrals in Last 12 Months\n"
        "A,2024-05-10 00:00:00,1\n",
        encoding="utf-8",
    )
    frame = reference_indicators(folder, "2024-05", 1000)
    check(frame, "contacts", "2024-05", 4, None)
    check(frame, "contacts", "2024-05", 2, None, "Police")
    check(frame, "contact_conversion", "2024-05", 1, 4)
    check(frame, "re_referrals", "2024-05", 1, 1)


# --- the messy workbook ---------------------------------------------------------------------------


def cell_values(path: Path) -> list[list[Any]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    values = [list(row) for ws in workbook for row in ws.iter_rows(values_only=True)]
    workbook.close()
    return values


def test_messy_workbook_is_deterministic_and_readable(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"
    write_messy_annex_a(a, seed=3)
    write_messy_annex_a(b, seed=3)
    write_messy_annex_a(c, seed=4)
    assert cell_values(a) == cell_values(b)
    assert cell_values(a) != cell_values(c)
    workbook = openpyxl.load_workbook(a)
    assert workbook.sheetnames == [f"List {n}" for n in range(1, 12)]
    for n in range(1, 9):
        assert 150 <= workbook[f"List {n}"].max_row <= 400

    frame = reference_indicators(a, "2024-09", 150000, workers=MESSY_WORKERS)
    months = ["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"]
    indicators = ("contacts", "referrals", "cp_open", "lac_open", "icpc_in_timescale")
    for indicator in (*indicators, "cin_closed", "re_referrals"):
        assert sorted(frame[frame.indicator_id == indicator].period.unique()) == months
    latest = ["cp_visits_in_timescale", "lac_dental_check", "cin_allocated_qualified"]
    for indicator in latest:
        rows = frame[frame.indicator_id == indicator]
        assert list(rows[rows.breakdown == ""].period) == ["2024-09"]
        assert set(rows.period) == {"2024-09"}  # team rows too: the reporting month only
        assert rows.breakdown.str.startswith("Team: ").sum() >= 2
    assert len(frame[frame.indicator_id == "contact_conversion"]) == 6 * 11
    assert frame[frame.breakdown == ""].value.notna().all()


def test_messy_workbook_around_christmas(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    write_messy_annex_a(path, end="2025-01", seed=1)
    frame = reference_indicators(path, "2025-01", 150000)
    assert sorted(frame.period.unique())[0] == "2024-08"
    assert get(frame, "contacts", "2024-12").value > 0


def test_messy_referral_count_variants_and_csv_agree(tmp_path: Path) -> None:
    per_child, per_row = tmp_path / "child.xlsx", tmp_path / "row.xlsx"
    write_messy_annex_a(per_child, seed=5)
    write_messy_annex_a(per_row, seed=5, referral_counts="per_row")
    folder = write_messy_csv_folder(tmp_path / "csv", seed=5, referral_counts="per_row")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"List {n}.csv" for n in range(1, 12))
    a, b = cell_values(per_child), cell_values(per_row)
    assert len(a) == len(b) and a != b  # only some referral counts differ
    assert sum(x != y for x, y in zip(a, b, strict=True)) >= 3
    frames = [reference_indicators(p, "2024-09", 1000) for p in (per_child, per_row, folder)]
    for frame in frames[1:]:
        pd.testing.assert_frame_equal(frame, frames[0])
    referrals = frames[0][frames[0].indicator_id == "re_referrals"]
    assert (referrals.numerator > 0).all() and (referrals.numerator < referrals.denominator).all()


def test_messy_implausible_and_early_dates(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_messy_annex_a(path, end="2024-09", seed=2)
    sheets = load_lists(path)
    assert default_annex_a_start(sheets) == D(2024, 4, 1)  # List 1, not Lists 2, 4, 5
    assert default_month(sheets) == "2024-09"  # not 2031
    last = extract_last_date(sheets)
    assert last is not None and D(2024, 10, 1) <= last <= D(2024, 10, 10)
    frame = reference_indicators(path, "2024-09", 1000)
    assert get(frame, "lac_health_assessment", "2024-09").denominator > 0
    assert (frame[frame.indicator_id == "cin_closed"].value > 0).all()


# --- team breakdowns ------------------------------------------------------------------------------


def test_team_rows_by_hand(tmp_path: Path) -> None:
    """Assessments: each row in its own team. CP visits: each child once, in the team of its
    latest-starting open plan (the lower row on equal starts), with the child's result."""
    cp = ["Child Unique ID", "Child Protection Plan Start Date", "Child Protection Plan End Date"]
    path = book(
        tmp_path,
        {
            "List 4": [
                ["Child Unique ID", "Continuous Assessment Start Date"]
                + ["Continuous Assessment Date of Authorisation", "Allocated Team"],
                ["A", "01/08/2024", "20/08/2024", "Team A"],  # 13 WD: in
                ["B", "01/05/2024", "15/08/2024", "\u00a0Team A  "],  # late; spaces trimmed
                ["C", "05/08/2024", "06/08/2024", "#N/A"],  # in; blank team
                ["A", "12/08/2024", "14/08/2024", "Team B"],  # A again, another team: in
                ["E", "01/07/2024", "10/07/2024", "Team C"],  # July: no team row
            ],
            "List 7": [
                [
                    *cp,
                    "Date of the Last Statutory Visit",
                    "Allocated Team",
                    "Was the Child Seen Alone?",
                ],
                ["P", "01/03/2024", None, "20/08/2024", "North"],  # 8 WD to 31 Aug: in
                ["P", "01/06/2024", None, None, "South"],  # P's later plan: P counts in South
                ["Q", "01/07/2024", None, "01/07/2024", " North"],  # 44 WD: out
                ["R", "10/08/2024", None, None, None],  # 14 WD from the start: in; no team
                ["S", "01/01/2024", "15/08/2024", None, "North"],  # closed before 31 Aug
                ["T", "01/05/2024", None, "28/08/2024", "East"],  # same start as the next:
                ["T", "01/05/2024", None, None, "West"],  # the lower row (West) decides
            ],
        },
    )
    frame = reference_indicators(path, "2024-08", 1000, annex_a_start="2024-07-01")
    check(frame, "assessments_in_timescale", "2024-08", 3, 4)
    check(frame, "assessments_in_timescale", "2024-08", 1, 2, "Team: Team A")
    check(frame, "assessments_in_timescale", "2024-08", 1, 1, "Team: Team B")
    check(frame, "assessments_in_timescale", "2024-08", 1, 1, "Team: Not recorded")
    check(frame, "cp_visits_in_timescale", "2024-08", 3, 4)
    check(frame, "cp_visits_in_timescale", "2024-08", 0, 1, "Team: North")
    check(frame, "cp_visits_in_timescale", "2024-08", 1, 1, "Team: South")
    check(frame, "cp_visits_in_timescale", "2024-08", 1, 1, "Team: West")
    check(frame, "cp_visits_in_timescale", "2024-08", 1, 1, "Team: Not recorded")
    teams = frame[frame.breakdown.str.startswith("Team: ")]
    assert set(teams.period) == {"2024-08"}
    assert len(teams) == 7  # no Team C (July), no East (T counts in West)
    assert not frame[frame.indicator_id == "cp_open"].breakdown.str.startswith("Team").any()
