"""Reading an .xlsx package the way Excel does, with the standard library: sheets, charts and
their series references, conditional formats, defined names, page set-up."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
}
R_ID = f"{{{NS['r']}}}id"


@dataclass
class ChartSeries:
    name: str  # reference formula of the name
    categories: str
    values: str
    kind: str = ""  # line, bar (columns and bars), ... : the chart element holding it


@dataclass
class ChartPart:
    title: str
    kinds: list[str]  # lineChart, barChart, ...
    series: list[ChartSeries] = field(default_factory=list)
    value_formats: list[str] = field(default_factory=list)
    axis_titles: list[str] = field(default_factory=list)


@dataclass
class Rule:
    sqref: str
    type: str
    formulas: list[str]
    dxf: int | None


class Package:
    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        wb = self._xml("xl/workbook.xml")
        rels = self._rels("xl/workbook.xml")
        self.sheets: dict[str, str] = {}
        for s in wb.find("m:sheets", NS):
            self.sheets[s.get("name")] = rels[s.get(R_ID)]
        self.names = {
            d.get("name"): (d.get("localSheetId"), d.text)
            for d in wb.iterfind("m:definedNames/m:definedName", NS)
        }

    def close(self) -> None:
        self.zip.close()

    def _xml(self, part: str) -> ET.Element:
        return ET.fromstring(self.zip.read(part))

    def _rels(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if rels_part not in self.zip.namelist():
            return {}
        out = {}
        for r in self._xml(rels_part).iterfind("rel:Relationship", NS):
            out[r.get("Id")] = posixpath.normpath(posixpath.join(folder, r.get("Target")))
        return out

    def sheet(self, name: str) -> ET.Element:
        return self._xml(self.sheets[name])

    def charts(self, name: str) -> list[ChartPart]:
        """The charts of a sheet, in drawing order."""
        part = self.sheets[name]
        sheet = self._xml(part)
        drawing = sheet.find("m:drawing", NS)
        if drawing is None:
            return []
        rels = self._rels(part)
        drawing_part = rels[drawing.get(R_ID)]
        drawing_rels = self._rels(drawing_part)
        out = []
        for frame in self._xml(drawing_part).iter(f"{{{NS['c']}}}chart"):
            out.append(self._chart(drawing_rels[frame.get(R_ID)]))
        return out

    def chart_anchors(self, name: str) -> list[tuple[int, int]]:
        """(column, row), zero-based, of the top-left cell of each chart of a sheet."""
        part = self.sheets[name]
        drawing = self._xml(part).find("m:drawing", NS)
        if drawing is None:
            return []
        drawing_part = self._rels(part)[drawing.get(R_ID)]
        xdr = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
        out = []
        for anchor in self._xml(drawing_part):
            if anchor.find(f".//{{{NS['c']}}}chart") is None:
                continue
            start = anchor.find(f"{xdr}from")
            out.append((int(start.find(f"{xdr}col").text), int(start.find(f"{xdr}row").text)))
        return out

    def _chart(self, part: str) -> ChartPart:
        root = self._xml(part)
        chart = root.find("c:chart", NS)
        title_el = chart.find("c:title", NS)
        title = (
            "".join(t.text or "" for t in title_el.iter(f"{{{NS['a']}}}t"))
            if title_el is not None
            else ""
        )
        plot = chart.find("c:plotArea", NS)
        kinds = [el.tag.split("}")[1] for el in plot if el.tag.endswith("Chart")]
        out = ChartPart(title, kinds)
        for el in plot:
            if not el.tag.endswith("Chart"):
                continue
            for ser in el.iterfind("c:ser", NS):
                out.series.append(
                    ChartSeries(
                        _ref(ser.find("c:tx", NS)),
                        _ref(ser.find("c:cat", NS)),
                        _ref(ser.find("c:val", NS)),
                        el.tag.split("}")[1].removesuffix("Chart"),
                    )
                )
        for ax in plot.findall("c:valAx", NS):
            fmt = ax.find("c:numFmt", NS)
            out.value_formats.append(fmt.get("formatCode") if fmt is not None else "")
            t = ax.find("c:title", NS)
            if t is not None:
                out.axis_titles.append("".join(x.text or "" for x in t.iter(f"{{{NS['a']}}}t")))
        for ax in plot.findall("c:catAx", NS):
            t = ax.find("c:title", NS)
            if t is not None:
                out.axis_titles.append("".join(x.text or "" for x in t.iter(f"{{{NS['a']}}}t")))
        return out

    def textboxes(self, name: str) -> list[str]:
        part = self.sheets[name]
        drawing = self._xml(part).find("m:drawing", NS)
        if drawing is None:
            return []
        drawing_part = self._rels(part)[drawing.get(R_ID)]
        out = []
        for sp in self._xml(drawing_part).iter(f"{{{NS['xdr']}}}sp"):
            out.append("".join(t.text or "" for t in sp.iter(f"{{{NS['a']}}}t")))
        return out

    def rules(self, name: str) -> list[Rule]:
        out = []
        for cf in self.sheet(name).iterfind("m:conditionalFormatting", NS):
            for rule in cf.iterfind("m:cfRule", NS):
                dxf = rule.get("dxfId")
                out.append(
                    Rule(
                        cf.get("sqref"),
                        rule.get("type"),
                        [f.text for f in rule.iterfind("m:formula", NS)],
                        int(dxf) if dxf is not None else None,
                    )
                )
        return out

    def dxf_fills(self) -> list[str | None]:
        styles = self._xml("xl/styles.xml")
        out = []
        for dxf in styles.iterfind("m:dxfs/m:dxf", NS):
            bg = dxf.find("m:fill/m:patternFill/m:bgColor", NS)
            out.append(bg.get("rgb") if bg is not None else None)
        return out

    def page_setup(self, name: str) -> dict[str, str]:
        sheet = self.sheet(name)
        setup = sheet.find("m:pageSetup", NS)
        fit = sheet.find("m:sheetPr/m:pageSetUpPr", NS)
        views = sheet.find("m:sheetViews/m:sheetView", NS)
        pane = views.find("m:pane", NS) if views is not None else None
        hf = sheet.find("m:headerFooter", NS)
        return {
            **{k: v for k, v in (setup.attrib if setup is not None else {}).items()},
            "fitToPage": fit.get("fitToPage") if fit is not None else None,
            "showGridLines": views.get("showGridLines") if views is not None else None,
            "pane": pane.get("state") if pane is not None else None,
            "header": hf.findtext("m:oddHeader", default="", namespaces=NS)
            if hf is not None
            else "",
            "footer": hf.findtext("m:oddFooter", default="", namespaces=NS)
            if hf is not None
            else "",
        }


def _ref(el: ET.Element | None) -> str:
    if el is None:
        return ""
    f = el.find(".//c:f", NS)
    if f is not None:
        return f.text or ""
    v = el.find(".//c:v", NS)
    return v.text if v is not None else ""


def split_ref(ref: str) -> tuple[str, str]:
    """`'Chart data'!$C$5:$H$5` → ("Chart data", "C5:H5")."""
    sheet, cells = ref.rsplit("!", 1)
    sheet = sheet.strip("'").replace("''", "'")
    return sheet, cells.replace("$", "")


def cells_of(sqref: str) -> list[str]:
    """Every cell of a range list such as `C7:H7 B3`."""
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import range_boundaries

    out = []
    for part in sqref.split():
        min_col, min_row, max_col, max_row = range_boundaries(part)
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                out.append(f"{get_column_letter(c)}{r}")
    return out


TARGET_NAME = re.compile(r"\b(Target_[A-Za-z0-9_]+)")
