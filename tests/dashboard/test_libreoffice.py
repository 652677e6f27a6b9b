"""The dashboard as a user's software shows it: LibreOffice recalculates every formula and prints
the pages; the figures, RAG letters and rendered pages are checked against the results."""

from __future__ import annotations

import dataclasses
import math
import subprocess
from pathlib import Path

import openpyxl
import pytest

from xl_dashboard.cli import main
from xl_dashboard.dashboard import rules, theme
from xl_dashboard.dashboard.build import write_dashboard
from xl_dashboard.dashboard.pdf import convert, export_pages
from xl_dashboard.indicators.engine import Results

from .conftest import NORFOLK, Built, needs_lo
from .county import county_results

pytestmark = [needs_lo, pytest.mark.filterwarnings("ignore:Sparkline Group extension")]
ERRORS = ("#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")
PRINTED = 5


@pytest.fixture(scope="module")
def norfolk_printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """`xl-dashboard build --pdf --png` on the Norfolk example: (xlsx, pdf, png folder)."""
    out = tmp_path_factory.mktemp("norfolk_print")
    xlsx, pdf, png = out / "dashboard.xlsx", out / "dashboard.pdf", out / "pages"
    code = main(
        ["build", str(NORFOLK), "-o", str(xlsx), "--pdf", str(pdf), "--png", str(png), "-q"]
    )
    assert code == 0
    return xlsx, pdf, png


@pytest.fixture(scope="module")
def county_pdf(county: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = tmp_path_factory.mktemp("county_print") / "county.pdf"
    export_pages(county.path, pdf)
    return pdf


def _figure(results, key, period: str, field: str):
    d = results.data
    rows = d[
        (d["indicator_id"] == key.indicator_id)
        & (d["breakdown"] == key.breakdown)
        & (d["period"] == period)
    ]
    if rows.empty or math.isnan(rows[field].iloc[0]):
        return None
    return float(rows[field].iloc[0])


def _periods(table) -> list[str]:
    import datetime as dt

    return [dt.datetime.strptime(c, "%b-%y").strftime("%Y-%m") for c in table.columns]


def _check_page_figures(built: Built, recalculated: Path) -> int:
    """Every keyed table cell, recalculated, equals the results' figure; returns cells checked."""
    book = openpyxl.load_workbook(recalculated, data_only=True)
    checked = 0
    for page in built.dashboard.pages:
        for block in page.blocks:
            for table in block.tables:
                if table.corner == "Comparators":
                    continue
                periods = _periods(table)
                for i, row in enumerate(table.rows):
                    if row.key is None or row.spans:
                        continue
                    placed = built.placed[(table.id, i)]
                    for j, period in enumerate(periods):
                        cell = placed.cell(j).split("!")[1].replace("$", "")
                        got = book[page.sheet][cell].value
                        want = _figure(built.results, row.key, period, row.field)
                        if want is None:
                            assert got in (None, ""), (page.sheet, row.label, period, got)
                        else:
                            assert got == pytest.approx(want), (page.sheet, row.label, period)
                        checked += 1
    return checked


def _errors(recalculated: Path) -> list[str]:
    book = openpyxl.load_workbook(recalculated, data_only=True)
    return [
        f"{ws.title}!{c.coordinate}={c.value}"
        for ws in book
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(ERRORS)
    ]


@pytest.mark.parametrize("which", ["norfolk", "county"])
def test_recalculated_figures_equal_the_results(which: str, request) -> None:
    built: Built = request.getfixturevalue(which)
    recalculated: Path = request.getfixturevalue(f"{which}_recalculated")
    assert _check_page_figures(built, recalculated) > 30
    assert not _errors(recalculated)


def test_recalculated_chart_data_and_summary(county: Built, county_recalculated: Path) -> None:
    book = openpyxl.load_workbook(county_recalculated, data_only=True)
    fresh = openpyxl.load_workbook(county.path, data_only=True)
    for ws in ("Chart data", "Summary", *(p.sheet for p in county.dashboard.pages)):
        for row in fresh[ws].iter_rows():
            for c in row:
                got = book[ws][c.coordinate].value
                if isinstance(c.value, float | int) and not isinstance(c.value, bool):
                    assert got == pytest.approx(c.value), (ws, c.coordinate)
                elif c.value not in (None, ""):
                    assert got == c.value, (ws, c.coordinate)
    summary = book["Summary"]
    letters = {}
    for r in range(1, summary.max_row + 1):
        letters[summary.cell(r, 1).value] = summary.cell(r, 5).value
    for row in county.dashboard.summary.rows:
        if row.polarity == "none":
            continue
        title = next(t for t in letters if isinstance(t, str) and t.startswith(row.title))
        expected = rules.rag(row.this, row.target, row.tolerance, row.polarity)
        assert (letters[title] or "") == expected, row.title


def test_norfolk_pages_hold_the_reference_figures(norfolk: Built, norfolk_recalculated: Path):
    """The Norfolk example, recalculated: the reference's printed figures on their pages."""
    book = openpyxl.load_workbook(norfolk_recalculated, data_only=True)

    def shown(sheet: str) -> set[str]:
        out = set()
        for row in book[sheet].iter_rows():
            for c in row:
                if isinstance(c.value, float | int):
                    out |= {f"{c.value:.1f}", f"{c.value:.0f}"}
        return out

    page1, page2, page3, page4 = (shown(p.sheet) for p in norfolk.dashboard.pages)
    assert {"952", "877", "841", "3163", "3308", "2379", "9", "547"} <= page1
    assert {"27.2", "21.3", "23.9", "24.9", "20.8", "23.4"} <= page1
    assert {"1354", "990", "364", "73.1", "82.3", "35.5", "40.3", "223", "200"} <= page2
    assert {"2745", "2463", "89.7", "94.3", "304.4", "308.1", "296.1", "332.2", "304.0"} <= page2
    assert {"531", "530", "99.8", "99.6", "98.2", "32.0", "29.1", "30.7", "33.1", "37.9"} <= page3
    assert {"188", "174", "102", "92.6", "86.1", "71.8"} <= page3
    assert {"1146", "1135", "1123", "1120", "1110", "1090"} <= page4


def test_the_pdf_has_one_a4_landscape_page_per_sheet(norfolk_printed, county_pdf: Path) -> None:
    for pdf in (norfolk_printed[1], county_pdf):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert f"Pages:          {PRINTED}" in info.replace("Pages:           ", "Pages:          ")
        assert "841.89 x 595.3" in info  # A4 landscape, in points


def _page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_printed_norfolk_pages_show_the_reference(norfolk_printed, norfolk: Built) -> None:
    _, pdf, _ = norfolk_printed
    heading = norfolk.dashboard.pages[0].heading
    summary = _page_text(pdf, 1)
    assert "Summary: every headline indicator" in summary and "OFFICIAL" in summary
    expected = {
        2: ["3,163", "27.2% R", "21.3% G", "23.9% A", "24.9%", "No data for this period"],
        3: ["1,354", "73.1% R", "82.3% A", "40.3% R", "296.1", "332.2"],
        4: ["531", "99.8% A", "98.2% A", "92.6% G", "71.8% R", "33.1", "37.9"],
        5: ["1,146", "1,090", "No data for this period"],
    }
    for n, page in enumerate(norfolk.dashboard.pages, start=2):
        text = " ".join(_page_text(pdf, n).split())
        assert " ".join(heading.split()) in text
        for block in page.blocks:
            assert " ".join(block.title.split()) in text, (page.sheet, block.title)
        for figure in expected[n]:
            assert figure in text, (page.sheet, figure)
        for paragraph in norfolk.results.commentary["text"][
            norfolk.results.commentary["section"] == str(page.section)
        ]:
            assert " ".join(paragraph.split()[:6]) in text


def _pixels(pdf: Path, page: int, folder: Path) -> list[tuple[int, int, int]]:
    """Page `page` rendered at 40 dpi, as RGB pixels (binary PPM, no imaging library)."""
    prefix = folder / f"p{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    data = (folder / f"p{page}.ppm").read_bytes()
    parts = data.split(maxsplit=4)  # P6, width, height, maxval, pixels
    raw = parts[4]
    return [tuple(raw[i : i + 3]) for i in range(0, len(raw) - 2, 3)]


def _near(pixels, colour: str, tolerance: int = 16) -> int:
    target = tuple(int(colour.lstrip("#")[k : k + 2], 16) for k in (0, 2, 4))
    return sum(all(abs(a - b) <= tolerance for a, b in zip(p, target, strict=True)) for p in pixels)


def test_every_page_is_drawn(
    norfolk_printed, county: Built, county_pdf: Path, tmp_path: Path
) -> None:
    _, pdf, png = norfolk_printed
    images = sorted(png.glob("*.png"))
    assert [p.name for p in images] == [
        "1-summary.png",
        "2-contacts-assessments.png",
        "3-early-help-cin.png",
        "4-child-protection.png",
        "5-looked-after-children.png",
    ]
    assert all(
        p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 20_000 for p in images
    )
    for source in (pdf, county_pdf):
        for page in range(1, PRINTED + 1):
            pixels = _pixels(source, page, tmp_path)
            ink = sum(1 for p in pixels if sum(p) < 600)
            assert ink > 0.01 * len(pixels), (source.name, page)
            if page > 1:  # the charts' main series colour is drawn on every section page
                assert _near(pixels, theme.SERIES[0]) > 20, (source.name, page)
    summary = _pixels(county_pdf, 1, tmp_path)
    shown = {r.rag for r in county.dashboard.summary.rows if r.rag}
    assert len(shown) >= 2
    for letter in shown:
        assert _near(summary, theme.RAG[letter][0]) > 20, letter


def test_editing_a_target_changes_the_rag(norfolk: Built, tmp_path: Path) -> None:
    """A manager raises the re-referral target: LibreOffice recalculates the letter to G."""
    book = openpyxl.load_workbook(norfolk.path)
    ws = book["Summary"]
    row = next(
        r
        for r in range(1, ws.max_row + 1)
        if str(ws.cell(r, 1).value).startswith("Percentage of re-referrals")
    )
    assert ws.cell(row, 5).value.startswith("=IF(")
    ws.cell(row, 8).value = 30  # target: 23.9% is now well within it
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    recalculated = convert(edited, "xlsx", tmp_path / "lo")
    values = openpyxl.load_workbook(recalculated, data_only=True)["Summary"]
    assert values.cell(row, 5).value == "G"
    assert values.cell(row, 4).value == "▲ worse"


def test_missing_libreoffice_is_a_clear_message(monkeypatch, tmp_path: Path, capsys) -> None:
    import shutil

    monkeypatch.delenv("XL_DASHBOARD_SOFFICE", raising=False)
    real_which = shutil.which
    monkeypatch.setattr(
        shutil,
        "which",
        lambda name, *a, **k: (
            None if name in ("soffice", "libreoffice") else real_which(name, *a, **k)
        ),
    )
    code = main(
        ["build", str(NORFOLK), "-o", str(tmp_path / "d.xlsx"), "--pdf", str(tmp_path / "d.pdf")]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "LibreOffice is not installed" in err and "apt-get install" in err
    assert not (tmp_path / "d.pdf").exists()


def test_synthetic_county_from_annex_a(tmp_path: Path) -> None:
    """The demo's synthetic county, through the engine: opens without error, figures agree."""
    synth = pytest.importorskip("xl_dashboard.synth")
    from xl_dashboard.api import compute, load_inputs

    from .conftest import _build

    annex, inputs = tmp_path / "annex_a.xlsx", tmp_path / "inputs.xlsx"
    synth.synthesise_annex_a(annex)
    synth.synthesise_input_workbook(inputs, annex_a_path=annex)
    built = _build(compute(load_inputs(inputs, annex)), tmp_path, "synthetic")
    recalculated = convert(built.path, "xlsx", tmp_path / "lo")
    assert _check_page_figures(built, recalculated) > 100
    assert not _errors(recalculated)


def _on_target(results: Results) -> Results:
    """The county with September's figures exactly on target: assessments in timescale
    85 of 100 = 85% (target 85, higher is better); re-referrals 22 of 100 = 22% (target 22,
    lower is better). A figure exactly on its target is green either way."""
    data = results.data.copy()
    for indicator_id, numerator in (("assessments_in_timescale", 85.0), ("re_referrals", 22.0)):
        row = (
            (data["indicator_id"] == indicator_id)
            & (data["breakdown"] == "")
            & (data["period"] == "2024-09")
        )
        assert row.sum() == 1
        data.loc[row, ["numerator", "denominator", "value"]] = [numerator, 100.0, numerator]
    return dataclasses.replace(results, data=data)


def test_a_figure_exactly_on_target_is_green(tmp_path: Path) -> None:
    path = write_dashboard(_on_target(county_results()), tmp_path / "on_target.xlsx")
    recalculated = convert(path, "xlsx", tmp_path / "lo")
    summary = openpyxl.load_workbook(recalculated, data_only=True)["Summary"]
    by_title = {summary.cell(r, 1).value: r for r in range(1, summary.max_row + 1)}
    for title, value, target in (
        ("Assessments completed in timescale", 85, 85),
        ("Percentage of re-referrals", 22, 22),
    ):
        r = next(n for t, n in by_title.items() if isinstance(t, str) and t.startswith(title))
        assert (summary.cell(r, 2).value, summary.cell(r, 8).value) == (value, target), title
        assert summary.cell(r, 5).value == "G", title


def _empty_share(pixels, width: int, height: int, cols: int = 3, rows: int = 10) -> float:
    """The share of a printed page's area (inside the margins and the heading) where nothing
    is drawn: the page cut into `cols` × `rows` cells, a cell empty when under 0.5% of its
    pixels are anything but white."""
    left, right = round(0.4 * width / 11.69), width - round(0.4 * width / 11.69)
    top, bottom = round(1.1 * height / 8.27), height - round(0.6 * height / 8.27)
    empty = 0
    for i in range(rows):
        for j in range(cols):
            y0, y1 = top + (bottom - top) * i // rows, top + (bottom - top) * (i + 1) // rows
            x0, x1 = left + (right - left) * j // cols, left + (right - left) * (j + 1) // cols
            cell = [pixels[y * width + x] for y in range(y0, y1) for x in range(x0, x1)]
            drawn = sum(1 for p in cell if min(p) < 235)
            empty += drawn < 0.005 * len(cell)
    return empty / (cols * rows)


def test_no_printed_page_is_more_than_a_fifth_empty(
    norfolk_printed, county_pdf: Path, tmp_path: Path
) -> None:
    """Issue 10: the reference packs four to six blocks a page without gaps; so must we."""
    _, norfolk_pdf, _ = norfolk_printed
    for source in (norfolk_pdf, county_pdf):
        for page in range(2, PRINTED + 1):
            pixels = _pixels(source, page, tmp_path)
            width = round(11.69 * 40)
            share = _empty_share(pixels, width, len(pixels) // width)
            assert share <= 0.2, (source.name, page, share)


def test_the_empty_share_sees_an_empty_page(tmp_path: Path) -> None:
    blank = [(255, 255, 255)] * (468 * 331)
    assert _empty_share(blank, 468, 331) == 1.0
    half = [(0, 0, 0) if x < 234 else (255, 255, 255) for _ in range(331) for x in range(468)]
    assert 0.3 <= _empty_share(half, 468, 331) <= 0.4  # the right column and a third
