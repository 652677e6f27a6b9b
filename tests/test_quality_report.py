"""The pack's data quality is figures only; row-level detail goes to a separate workbook marked
OFFICIAL-SENSITIVE, split across sheets rather than cut."""

from pathlib import Path

import openpyxl

from xl_dashboard.issues import Issues
from xl_dashboard.validation.quality_report import MARKING, write_quality_report
from xl_dashboard.validation.run import rule_summary


def issues() -> Issues:
    found = Issues()
    found.add(
        "unknown-worker",
        "warning",
        "List 7",
        "Allocated Worker 'Yasmin Brooks' is not on the Workers sheet: counted as not qualified.",
        rows=[5],
        column="Allocated Worker",
    )
    found.add(
        "unknown-source",
        "warning",
        "List 1",
        ["Contact source 'Mrs Smith, mother of SY0000003' is not a CIN census source code."] * 3,
        rows=[2, 3, 9],
        column="Contact Source",
    )
    found.add("8500", "error", "List_2", "No Child Unique ID.", rows=[4])
    return found


def test_the_summary_has_counts_and_descriptions_but_no_row_text() -> None:
    summary = rule_summary(issues().frame(), by_sheet=True)
    assert summary[["rule", "sheet", "severity", "count"]].values.tolist() == [
        ["8500", "List_2", "error", 1],
        ["unknown-source", "List 1", "warning", 3],
        ["unknown-worker", "List 7", "warning", 1],
    ]
    text = " ".join(summary.astype(str).values.ravel())
    assert "Mrs Smith" not in text and "Yasmin" not in text and "SY0000003" not in text
    assert "not on the Workers sheet" in text  # the rule's plain description


def test_the_report_is_marked_and_split_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "quality.xlsx"
    write_quality_report(issues(), path, "Synthshire, August 2024", rows_per_sheet=3)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Issues 1", "Issues 2"]
    first, second = book["Issues 1"], book["Issues 2"]
    assert first["A1"].value == f"{MARKING}: Synthshire, August 2024"
    assert "case-level detail" in first["A2"].value
    assert MARKING in first.oddHeader.center.text
    rows = [
        [c.value for c in r]
        for ws in (first, second)
        for r in ws.iter_rows(min_row=5, max_col=7)
        if r[0].value
    ]
    assert len(rows) == 5  # every issue, across both sheets
    assert rows[0][:2] == ["error", "8500"]
    assert any("Mrs Smith" in r[6] for r in rows)
    assert list(first.tables) == ["Issues1"] and list(second.tables) == ["Issues2"]
