"""The input workbook (docs/input-workbook.md): Settings, Population, Monthly figures,
Benchmarks, Targets, Commentary and Workers, all synthetic."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd

from ..indicators.catalogue import SECTIONS, STANDARD_COMPARATORS
from ..settings import SETTING_LABEL, Timescales
from .annex_a import authority_of
from .county_report import CountyReport, county_report
from .dates import created, date_parts, window
from .draws import seeded
from .messiness import PLACEHOLDERS
from .monthly_figures import Row, monthly_figures
from .scales import SCALES
from .workers import worker_names, worker_register
from .writer import new_workbook, write_table

_PAGES = tuple(SECTIONS.values())
# Column titles and widths of each sheet.
_LAYOUT: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "Settings": (("Setting", "Value"), (34, 60)),
    "Population": (("Year", "Population aged 0-17"), (8, 22)),
    "Monthly figures": (
        ("indicator_id", "breakdown", "period", "numerator", "denominator", "value", "note"),
        (30, 26, 10, 12, 12, 10, 36),
    ),
    "Benchmarks": (("indicator_id", "comparator", "period_label", "value"), (30, 26, 14, 10)),
    "Targets": (("indicator_id", "target", "amber tolerance"), (30, 10, 16)),
    "Commentary": (("section", "month", "text"), (34, 10, 100)),
    "Workers": (("Allocated Worker", "Qualified social worker"), (28, 24)),
}
# Indicators with a good direction (indicators.md): target and amber tolerance in display units.
_TARGETS: dict[str, tuple[float, float]] = {
    "re_referrals": (20.0, 3.0),
    "assessments_in_timescale": (85.0, 5.0),
    "cin_with_plan": (85.0, 5.0),
    "cin_allocated_qualified": (95.0, 3.0),
    "cwd_reviewed_6_weeks": (80.0, 5.0),
    "cp_allocated_qualified": (99.0, 1.0),
    "cp_visits_in_timescale": (90.0, 5.0),
    "cp_seen_alone": (75.0, 5.0),
    "cp_duration_2y_plus": (3.0, 1.0),
    "cp_duration_18m_2y": (5.0, 2.0),
    "cp_second_subsequent": (20.0, 3.0),
    "icpc_in_timescale": (85.0, 5.0),
    "s47_assessments_in_timescale": (85.0, 5.0),
    "lac_allocated_qualified": (98.0, 2.0),
    "lac_health_assessment": (90.0, 5.0),
    "lac_dental_check": (85.0, 5.0),
    "lac_immunisations": (90.0, 5.0),
    "lac_development_checks": (90.0, 5.0),
    "lac_care_plan": (95.0, 3.0),
    "lac_pathway_plan": (90.0, 5.0),
    "lac_pep": (90.0, 5.0),
}
# (England, statistical neighbours, region): England values are close to recent DfE figures;
# the statistical-neighbour and region values are invented.
_BENCHMARKS: dict[str, tuple[float, float, float]] = {
    "re_referrals": (22.4, 20.8, 19.9),
    "assessments_in_timescale": (82.9, 85.1, 84.0),
    "cin_rate": (332.9, 301.7, 262.4),
    "cp_rate": (41.8, 36.9, 29.1),
    "cp_second_subsequent": (23.8, 22.1, 21.7),
    "cp_duration_2y_plus": (2.3, 2.4, 2.5),
    "icpc_in_timescale": (78.4, 80.2, 79.0),
    "lac_rate": (70.0, 62.0, 52.0),
    "lac_health_assessment": (90.0, 91.0, 89.0),
    "lac_immunisations": (83.0, 86.0, 85.0),
    "lac_dental_check": (80.0, 83.0, 81.0),
    "lac_development_checks": (88.0, 90.0, 93.0),
}

_NEIGHBOURS = (
    "Northshire, Eastshire, Westshire, Southshire, Midshire, Highshire, Lowshire, Fenshire, "
    "Moorshire and Daleshire (all synthetic)"
)


def _financial_year(end: np.datetime64) -> str:
    """The last complete financial year before the end month, e.g. 2023/24."""
    year, mon, _ = date_parts(end)
    last = year if mon >= 4 else year - 1
    return f"{last - 1}/{str(last)[2:]}"


def _read_annex_a(annex_a_path: str | Path) -> tuple[list[str], int]:
    """Allocated Worker names found in an Annex A workbook (blanks and placeholders ignored),
    and its number of List 1 rows."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(annex_a_path))
    found: dict[str, None] = {}
    contacts = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        if not rows:
            continue
        if name == "List 1":
            contacts = len(rows) - 1
        heads = [re.sub(r"[^a-z]", "", str(h).lower()) for h in rows[0]]
        if "allocatedworker" not in heads:
            continue
        j = heads.index("allocatedworker")
        for row in rows[1:]:
            value = str(row[j]).strip() if j < len(row) and row[j] is not None else ""
            if value and value not in PLACEHOLDERS:
                found[value] = None
    return list(found), contacts


def _report_of(
    annex_a_path: str | Path, end: str, qualified: dict[str, bool]
) -> CountyReport | None:
    """The monthly report of the synthetic county an Annex A workbook was cut from, when it is
    one of synthesise_annex_a's and ends with month `end`."""
    county = authority_of(annex_a_path)
    report = county_report(county, qualified) if county is not None else None
    return report if report is not None and report.end == end else None


def _benchmarks(
    rng: np.random.Generator, f: float, population: int, la_name: str, last: np.datetime64
) -> list[Row]:
    """England, statistical neighbour and region values, and the authority's own CP rate."""
    fy = _financial_year(last)
    benchmarks: list[Row] = []
    for indicator, values in _BENCHMARKS.items():
        for comparator, value in zip(STANDARD_COMPARATORS, values, strict=True):
            benchmarks.append((indicator, comparator, fy, value))
    own_cp_rate = round(480 * f * rng.uniform(0.95, 1.15) / population * 10000, 1)
    benchmarks.append(("cp_rate", f"{la_name} {fy}", fy, own_cp_rate))
    return benchmarks


def _workers(seed: int, names: list[str]) -> list[Row]:
    """Each worker name with Yes/No for qualified, in register order (others after, sorted)."""
    qualified = {name: q for name, _, q in worker_register(seed)}
    order = {name: i for i, name in enumerate(worker_names(seed))}
    names = sorted(names, key=lambda w: (order.get(w, len(order)), w))
    return [(w, "Yes" if qualified.get(w, True) else "No") for w in names]


def synthesise_input_workbook(
    path: str | Path,
    *,
    end: str = "2024-09",
    months: int = 6,
    la_name: str = "Synthshire",
    population: int = 171830,
    seed: int = 0,
    annex_a_path: str | Path | None = None,
) -> None:
    """Write the input workbook (docs/input-workbook.md): Settings, Population, Monthly figures,
    Benchmarks, Targets, Commentary and Workers, all synthetic.

    Workers lists every Allocated Worker in `annex_a_path` when given, else every name of
    worker_names(seed); qualified status comes from worker_register(seed), about 90% Yes.
    """
    win = window(end, months)
    rng = seeded(seed, 400)
    last = np.datetime64(end, "M")
    first_figures = last - (months - 1) - 6
    # Volumes follow the Annex A workbook when given (its contacts per month against a county's
    # 3,000), else the population against a county's 171,830 children.
    names = worker_names(seed)
    f = population / 171830
    report = None
    if annex_a_path is not None:
        names, contacts = _read_annex_a(annex_a_path)
        if contacts:
            f = contacts / months / (SCALES["county"].contacts_per_month * 0.98)
        report = _report_of(annex_a_path, end, {w: q == "Yes" for w, q in _workers(seed, names)})

    settings: list[Row] = [
        ("Local authority", la_name),
        ("Reporting month", end),
        ("Region", "East of England"),
        ("Statistical neighbours", _NEIGHBOURS),
        ("Annex A start", win.w0.item()),
        *((SETTING_LABEL[x.name], getattr(Timescales(), x.name)) for x in fields(Timescales)),
        (SETTING_LABEL["dashboard_months"], 6),
    ]
    first_year, last_year = date_parts(first_figures)[0], date_parts(win.w1)[0]
    population_rows = [
        (year, int(round(population * (1 - 0.004 * (last_year - year)))))
        for year in range(first_year - 1, last_year + 1)
    ]
    figures = monthly_figures(
        rng, f, np.arange(first_figures, last + 1), last - (months - 1), report
    )
    benchmarks = _benchmarks(rng, f, population, la_name, last)
    targets = [(k, t, tol) for k, (t, tol) in _TARGETS.items()]
    month_name = pd.Timestamp(str(last)).strftime("%B %Y")
    commentary = [
        (page, end, text)
        for page, texts in zip(_PAGES, _commentary(month_name), strict=True)
        for text in texts
    ]

    wb = new_workbook(
        path,
        title=f"{la_name} dashboard inputs (synthetic)",
        comments=f"seed={seed} end={end} months={months}",
        created=created(win),
        constant_memory=False,
    )
    fmt = {
        "header": wb.add_format({"bold": True}),
        "date": wb.add_format({"num_format": "dd/mm/yyyy", "align": "left"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
    }
    tables = {
        "Settings": settings,
        "Population": population_rows,
        "Monthly figures": figures,
        "Benchmarks": benchmarks,
        "Targets": targets,
        "Commentary": commentary,
        "Workers": _workers(seed, names),
    }
    for name, rows in tables.items():
        header, widths = _LAYOUT[name]
        write_table(wb, name, header, rows, fmt, widths)
    wb.close()


def _commentary(month: str) -> list[list[str]]:
    """Two synthetic paragraphs for the first page; the other pages are left for the drafted
    commentary (commentary.py), so the demo shows both."""
    return [
        [
            f"Contacts in {month} follow the usual pattern for the time of year: police remain "
            "the largest source and school contacts fall sharply during the summer holidays.",
            "Assessment timeliness is being reviewed with team managers; cases over 45 working "
            "days are discussed weekly. (Synthetic commentary for demonstration only.)",
        ],
        [],
        [],
        [],
    ]
