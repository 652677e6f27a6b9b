"""The Annex A declaration: `LISTS` and `ANNEX_A_HEADERS` derived from one list of columns keep
the values they had when each was typed out by hand (pinned in data/annex_a_columns.json,
dumped from the hand-typed module before the two were merged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xl_dashboard.inputs.annex_a_spec import (
    ANNEX_A_HEADERS,
    CHILD_ID,
    DISABILITY_HEADER,
    LISTS,
    AnnexAList,
    Column,
    header,
)

PINNED = json.loads(
    (Path(__file__).parent / "data" / "annex_a_columns.json").read_text(encoding="utf-8")
)


def test_read_columns_are_the_hand_typed_ones_in_the_same_order() -> None:
    pinned = {
        int(n): tuple(Column(**{**c, "aliases": tuple(c["aliases"])}) for c in cols)
        for n, cols in PINNED["LISTS"].items()
    }
    assert list(LISTS) == list(pinned)
    for n, columns in pinned.items():
        assert LISTS[n] == columns, f"List {n}"


def test_every_header_is_the_hand_typed_one_in_the_same_order() -> None:
    assert list(ANNEX_A_HEADERS) == list(PINNED["ANNEX_A_HEADERS"])
    for name, headers in PINNED["ANNEX_A_HEADERS"].items():
        assert ANNEX_A_HEADERS[name] == headers, name
    assert PINNED["DISABILITY_HEADER"] == DISABILITY_HEADER


def test_no_list_repeats_a_header() -> None:
    for name, headers in ANNEX_A_HEADERS.items():
        assert len(set(headers)) == len(headers), name


def test_header_of_a_read_column() -> None:
    assert header(8, "end") == "Date Ceased to be Looked After"
    assert header(6, "end") == "CIN Closure Date"
    assert header(3, "team") == "Allocated Team"


def test_read_order_must_name_exactly_the_read_columns() -> None:
    date = Column("date", "Date", "date")
    assert AnnexAList((CHILD_ID, "Gender", date), ("date", "child_id")).columns == (date, CHILD_ID)
    assert AnnexAList(("Gender",)).headers == ["Gender"]
    for wrong in [("child_id",), ("child_id", "date", "date"), ("child_id", "gender")]:
        with pytest.raises(ValueError, match="read_order"):
            AnnexAList((CHILD_ID, "Gender", date), wrong)
