"""A published pack (small numbers suppressed): the synthetic county with a few counts of 1 to 5
planted by hand, suppressed as `--publish` does, built and read back cell by cell. Withheld
figures show `c` wherever the pack prints a figure, charts leave them out and say so, and the
printed pages carry the protective marking and say the pack is published."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils.cell import coordinate_from_string

from xl_dashboard.dashboard.build import write_dashboard
from xl_dashboard.dashboard.charts import WITHHELD_BOX
from xl_dashboard.dashboard.layout import WITHHELD_NOTE
from xl_dashboard.dashboard.model import Chart, Note
from xl_dashboard.dashboard.pdf import convert
from xl_dashboard.dashboard.styles import PUBLISHED, header_footer
from xl_dashboard.disclosure import NUMBERS, suppress
from xl_dashboard.indicators.engine import Results

from .conftest import HAS_LO, Built, _build
from .county import POPULATION, county_results
from .ooxml import NS, Package, cells_of, split_ref

pytestmark = pytest.mark.filterwarnings("ignore:Sparkline Group extension")

MARKING = "OFFICIAL – FOR PUBLICATION"
LEGEND = "c = withheld to protect confidentiality (a count of 1 to 5, or a figure resting on one)"
# (indicator, breakdown, period): (numerator, denominator); value worked out by unit.
PLANTED = {
    ("contacts", "Anonymous", "2024-09"): (1, math.nan),  # a breakdown: secondary suppression
    ("re_referrals", "", "2024-09"): (3, 47),  # this month on the Summary; RAG'd table
    ("cin_with_plan", "CWD teams", "2024-07"): (2, 41),  # No. / No. with / without / %
    ("cp_visits_in_timescale", "", "2024-06"): (4, 203),  # a line chart with no table
    ("lac_open", "", "2024-09"): (5, math.nan),  # a count in a table and on the Summary
    ("cin_rate", "", "2024-09"): (3, POPULATION),  # a rate resting on 3 children
    ("eh_outcomes", "Other", "2024-08"): (2, math.nan),  # inside a three-month total
    ("eh_assessments_started", "", "2024-09"): (0, math.nan),  # a true zero: shown
}
SCALE = {"%": 100, "per 10k": 10_000}
ZERO = ("eh_assessments_started", "", "2024-09")


def _planted() -> Results:
    results = county_results()
    data = results.data.copy()
    for (indicator, breakdown, period), (num, den) in PLANTED.items():
        at = (
            (data["indicator_id"] == indicator)
            & (data["breakdown"] == breakdown)
            & (data["period"] == period)
        )
        assert at.sum() == 1, (indicator, breakdown, period)
        unit = data.loc[at, "unit"].iloc[0]
        value = num if unit == "count" else SCALE[unit] * num / den
        data.loc[at, ["numerator", "denominator", "value"]] = [num, den, value]
    return dataclasses.replace(results, data=data)


def _published(results: Results, data: pd.DataFrame | None = None) -> Results:
    """The results as `--publish` hands them to the renderer (`data`: already suppressed)."""
    settings = dataclasses.replace(results.settings, publish=True, protective_marking=MARKING)
    if data is None:
        data = suppress(results.data, settings.largest_small)
    return dataclasses.replace(results, settings=settings, data=data)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The planted county, not published: the small numbers are all there."""
    return _build(_planted(), tmp_path_factory.mktemp("plain"), "plain")


@pytest.fixture(scope="module")
def published(plain: Built, tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(_published(plain.results), tmp_path_factory.mktemp("published"), "published")


def _withheld(built: Built) -> set[tuple[str, str, str]]:
    d = built.results.data
    hidden = d[d["suppressed"]]
    return set(zip(hidden["indicator_id"], hidden["breakdown"], hidden["period"], strict=True))


def _original(plain: Built, key: tuple[str, str, str]) -> pd.Series:
    d = plain.results.data
    rows = d[(d["indicator_id"] == key[0]) & (d["breakdown"] == key[1]) & (d["period"] == key[2])]
    return rows.iloc[0]


def _period(label: str) -> str:
    return dt.datetime.strptime(label, "%b-%y").strftime("%Y-%m")


def _small_numbers(path: Path) -> list[str]:
    """Cells holding a whole number from 1 to 5. The county's own figures are all larger, so
    outside the Summary's Target and Amber tolerance columns and the Settings used sheet each one
    is a planted small number showing through."""
    found = []
    for ws in openpyxl.load_workbook(path, data_only=True):
        if ws.title == "Settings used":
            continue
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if ws.title == "Summary" and cell.column in (8, 9):  # Target, Amber tolerance
                    continue
                if isinstance(v, int | float) and not isinstance(v, bool) and v in range(1, 6):
                    found.append(f"{ws.title}!{cell.coordinate}={v}")
    return found


def test_the_planted_numbers_are_withheld(published: Built) -> None:
    withheld = _withheld(published)
    planted = {k for k, (num, _) in PLANTED.items() if num > 0}
    assert planted <= withheld
    assert ZERO not in withheld
    # Secondary suppression: one more contact source that month, so Anonymous cannot be derived.
    assert len({k for k in withheld if k[0] == "contacts"}) == 2


def test_no_withheld_figure_is_in_any_cell_of_any_sheet(plain: Built, published: Built) -> None:
    assert _small_numbers(published.path) == []
    # The walk does see them when they are there: the unpublished pack prints every one.
    leaks = _small_numbers(plain.path)
    assert any(x.startswith("Summary!") for x in leaks)
    assert any(x.startswith("Indicator data!") for x in leaks)
    assert any(x.startswith("Contacts & Assessments!") for x in leaks)
    # Percentages and rates resting on a small number: not in any part of the package at all
    # (cells, cached formula results, chart caches).
    texts = []
    with zipfile.ZipFile(published.path) as z:
        texts = [z.read(name).decode("utf-8", "replace") for name in z.namelist()]
    for key in _withheld(published):
        original = _original(plain, key)
        if original["unit"] == "count" or not original["value"]:
            continue
        number = f"{float(original['value']):.16G}"
        assert not any(number in t for t in texts), (key, number)
    with zipfile.ZipFile(plain.path) as z:
        plain_sheets = " ".join(z.read(n).decode() for n in z.namelist() if "worksheets" in n)
    assert f"{100 * 3 / 47:.16G}" in plain_sheets  # the scan would find one


def test_page_tables_show_c_for_every_withheld_figure(published: Built) -> None:
    formulas = openpyxl.load_workbook(published.path)
    cached = published.values()
    withheld = _withheld(published)
    seen = 0
    for page in published.dashboard.pages:
        for block in page.blocks:
            for table in block.tables:
                if table.corner == "Comparators":
                    continue
                for i, row in enumerate(table.rows):
                    if row.spans:
                        continue
                    placed = published.placed[(table.id, i)]
                    key = row.key
                    if key is None and row.derive is not None:  # "without": No. minus No. with
                        key = table.rows[row.derive.a].key
                    for j, label in enumerate(table.columns):
                        cell = placed.cell(j).split("!")[1].replace("$", "")
                        got = cached[page.sheet][cell]
                        hidden = (
                            key is not None
                            and (
                                key.indicator_id,
                                key.breakdown,
                                _period(label),
                            )
                            in withheld
                        )
                        if hidden:
                            # `c`, right-aligned, and not a formula over blank cells.
                            assert got.value == "c", (page.sheet, table.id, row.label, label)
                            assert got.alignment.horizontal == "right"
                            assert formulas[page.sheet][cell].value == "c"
                            seen += 1
                        else:
                            assert got.value != "c", (page.sheet, table.id, row.label, label)
    # contacts (2 sources), re-referrals, CWD (No., with, without, %), LAC number, CIN rate
    assert seen == 2 + 1 + 4 + 1 + 1


def _summary_rows(built: Built) -> dict[str, int]:
    ws = built.values()["Summary"]
    return {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}


def test_summary_shows_c_and_a_true_zero(published: Built) -> None:
    ws = published.values()["Summary"]
    formulas = openpyxl.load_workbook(published.path)["Summary"]
    rows = _summary_rows(published)
    lac = rows["Number of looked-after children"]
    assert ws.cell(lac, 2).value == "c" and ws.cell(lac, 2).alignment.horizontal == "right"
    assert isinstance(ws.cell(lac, 3).value, int | float)  # last month is shown
    re_ref = next(r for t, r in rows.items() if str(t).startswith("Percentage of re-referrals"))
    assert ws.cell(re_ref, 2).value == "c"
    assert ws.cell(re_ref, 4).value in (None, "")  # no direction from a withheld figure
    assert ws.cell(re_ref, 5).value in (None, "")  # no RAG letter either
    assert formulas.cell(re_ref, 5).value.startswith("=IF(NOT(AND(ISNUMBER($B")
    zero = rows["Family support plans initiated"]
    assert ws.cell(zero, 2).value == 0
    legend = [c.value for row in ws.iter_rows(max_row=5) for c in row if c.value == LEGEND]
    assert legend == [LEGEND]


def test_rag_rules_never_colour_a_c(published: Built) -> None:
    """Every conditional format on a cell holding `c` tests ISNUMBER of that cell first."""
    pkg = published.package()
    book = published.values()
    checked = 0
    for sheet in published.dashboard.printed_sheets:
        for rule in pkg.rules(sheet):
            for cell in cells_of(rule.sqref):
                if book[sheet][cell].value != "c":
                    continue
                column, row = coordinate_from_string(cells_of(rule.sqref)[0])
                assert re.match(rf"AND\(ISNUMBER\(\$?{column}\$?{row}\)", rule.formulas[0])
                checked += 1
    assert checked >= 6  # re-referrals (table and Summary), the CWD % row


def test_indicator_data_shows_c(published: Built) -> None:
    ws = published.values()["Indicator data"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    assert "suppressed" not in header  # the contract's columns only
    withheld = _withheld(published)
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        key = (record["indicator_id"], record["breakdown"] or "", record["period"])
        figures = [record[c] for c in ("numerator", "denominator", "value")]
        if key in withheld:
            assert figures == ["c", "c", "c"], key
        else:
            assert "c" not in figures, key
    zero = next(r for r in rows if (r[0], r[1] or "", r[2]) == ZERO)
    assert zero[header.index("value")] == 0


def _chart_cache(path: Path, sheet: str) -> list[list[list[int]]]:
    """For each chart of the sheet, for each series, the point indices its value cache holds."""
    pkg = Package(path)
    out = []
    part = pkg.sheets[sheet]
    drawing = pkg.sheet(sheet).find("m:drawing", NS)
    drawing_part = pkg._rels(part)[drawing.get(f"{{{NS['r']}}}id")]
    rels = pkg._rels(drawing_part)
    for frame in pkg._xml(drawing_part).iter(f"{{{NS['c']}}}chart"):
        root = ET.fromstring(pkg.zip.read(rels[frame.get(f"{{{NS['r']}}}id")]))
        out.append(
            [
                [int(pt.get("idx")) for pt in ser.iterfind("c:val//c:numCache/c:pt", NS)]
                for ser in root.iter(f"{{{NS['c']}}}ser")
            ]
        )
    return out


def test_charts_leave_withheld_points_out_and_say_so(published: Built) -> None:
    pkg = published.package()
    book = published.values()
    gaps = 0
    for page in published.dashboard.pages:
        charts = [c for b in page.blocks for c in b.charts]
        caches = _chart_cache(published.path, page.sheet)
        for model, part, cache in zip(charts, pkg.charts(page.sheet), caches, strict=True):
            names = {s.name: s for s in model.series}
            written = [
                names[book[split_ref(ser.name)[0]][split_ref(ser.name)[1]].value]
                for ser in part.series
            ]
            for s, ser, points in zip(written, part.series, cache, strict=True):
                sheet, cells = split_ref(ser.values)
                cells = cells_of(cells)
                for j, v in enumerate(s.values):
                    if v is not None and not isinstance(v, float):  # WITHHELD
                        assert book[sheet][cells[j]].value is None, (model.title, s.name)
                        assert j not in points, (model.title, s.name)
                        gaps += 1
        # A note under every chart that leaves points out, and nowhere else.
        for block in page.blocks:
            for i, part in enumerate(block.parts):
                if isinstance(part, Chart):
                    noted = i + 1 < len(block.parts) and block.parts[i + 1] == Note(WITHHELD_NOTE)
                    assert noted == part.withheld, (page.sheet, part.title)
        notes = [
            c.value for row in book[page.sheet].iter_rows() for c in row if c.value == WITHHELD_NOTE
        ]
        assert len(notes) == sum(
            1 for b in page.blocks for p in b.parts if p == Note(WITHHELD_NOTE)
        )
    # contacts by source (2), re-referrals, CWD %, CP visits, LAC number (2 charts), CIN rate,
    # the "Other" outcome's three-month total
    assert gaps == 2 + 1 + 1 + 1 + 2 + 1 + 1
    cp = published.dashboard.pages[2]
    visits = next(c for b in cp.blocks for c in b.charts if c.title.startswith("Social Worker"))
    assert visits.has_data and visits.withheld


def test_chart_data_says_which_cells_are_withheld(published: Built) -> None:
    ws = published.values()["Chart data"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    marked = [t for t in texts if t.startswith("c (withheld, not plotted): ")]
    assert "c (withheld, not plotted): Jun-24" in marked  # CP visits
    assert "c (withheld, not plotted): Other" in marked  # the outcomes chart, by category


def test_an_all_withheld_chart_says_figures_withheld(plain: Built, tmp_path: Path) -> None:
    d = plain.results.data
    d = d.assign(suppressed=(d["indicator_id"] == "icpc_in_timescale"))
    d.loc[d["suppressed"], list(NUMBERS)] = math.nan
    built = _build(_published(plain.results, d), tmp_path, "all")
    page = built.dashboard.pages[2]
    chart = next(c for b in page.blocks for c in b.charts if c.title.startswith("ICPCs"))
    assert chart.withheld and not chart.has_data
    assert built.package().textboxes(page.sheet).count(WITHHELD_BOX) == 1


@pytest.mark.parametrize("sheet_index", range(5))
def test_printed_pages_carry_the_marking_and_say_published(
    published: Built, plain: Built, sheet_index: int
) -> None:
    sheet = published.dashboard.printed_sheets[sheet_index]
    setup = published.package().page_setup(sheet)
    centred = f'&C&"Calibri,Bold"&9{MARKING}&R'
    assert centred in setup["header"] and centred in setup["footer"]
    assert PUBLISHED in setup["footer"]
    unpublished = plain.package().page_setup(sheet)
    assert '&C&"Calibri,Bold"&9OFFICIAL&R' in unpublished["header"]
    assert PUBLISHED not in unpublished["footer"]


def test_header_footer_text() -> None:
    header, footer = header_footer("Bath & North East Somerset", "May 2024", "OFFICIAL-SENSITIVE")
    assert "Bath && North East Somerset" in header
    assert "OFFICIAL-SENSITIVE" in header and "OFFICIAL-SENSITIVE" in footer
    assert PUBLISHED not in footer
    _, published = header_footer("Synthshire", "May 2024", "A & B", published=True)
    assert "A && B" in published and PUBLISHED in published


def test_settings_used_say_published(published: Built, plain: Built) -> None:
    rows = dict(published.values()["Settings used"].iter_rows(min_row=2, values_only=True))
    assert rows["Protective marking"] == MARKING
    assert rows["Published"].startswith("Yes: counts of 1 to 5")
    assert "Published" not in dict(plain.values()["Settings used"].iter_rows(values_only=True))


def test_a_published_pack_must_be_suppressed(plain: Built, tmp_path: Path) -> None:
    """`publish` without suppressed results is a bug upstream: refused, nothing written."""
    unsuppressed = _published(plain.results, plain.results.data)
    with pytest.raises(ValueError, match="disclosure.suppress"):
        write_dashboard(unsuppressed, tmp_path / "unsafe.xlsx")
    assert not (tmp_path / "unsafe.xlsx").exists()


def test_nothing_withheld_is_the_unpublished_pack(plain: Built, tmp_path: Path) -> None:
    """A `suppressed` column that withholds nothing changes no byte of the pack."""
    results = plain.results
    flagged = dataclasses.replace(results, data=results.data.assign(suppressed=False))
    again = write_dashboard(flagged, tmp_path / "flagged.xlsx")
    assert again.read_bytes() == plain.path.read_bytes()


@pytest.mark.skipif(not HAS_LO, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_keeps_c_and_blanks_rag_and_direction(published: Built, tmp_path: Path):
    recalculated = convert(published.path, "xlsx", tmp_path)
    book = openpyxl.load_workbook(recalculated, data_only=True)
    errors = [
        f"{ws.title}!{c.coordinate}"
        for ws in book
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(("#", "Err:"))
    ]
    assert errors == []
    ws = book["Summary"]
    rows = _summary_rows(published)
    re_ref = next(r for t, r in rows.items() if str(t).startswith("Percentage of re-referrals"))
    assert ws.cell(re_ref, 2).value == "c"
    assert ws.cell(re_ref, 4).value in (None, "") and ws.cell(re_ref, 5).value in (None, "")
    assert _small_numbers(recalculated) == []
    placed = published.placed[("cin_with_plan", 7)]  # the CWD % row; Jul-24 is withheld
    cell = placed.cell(3).split("!")[1].replace("$", "")
    assert book[placed.sheet][cell].value == "c"
