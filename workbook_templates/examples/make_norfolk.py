"""Write the Norfolk example input workbook (the reference dashboard, August 2014).

Every figure that `shared/reference/norfolk_dashboard_2014_08.txt` (Norfolk County Council's
Children's Services Social Care Performance Overview Dashboard, August 2014 data) prints is
entered here: as counts (numerator/denominator) where the reference prints counts, and as values
where it prints only a percentage or a rate. There are no Annex A lists and no Workers sheet, so
every figure on the dashboard built from this workbook comes from the Monthly figures sheet.

The population (165,800 aged 0-17 in 2014) is consistent with the published CP rates
(509 / 165,800 * 10,000 = 30.7), but the published rates (`cin_rate`, `cp_rate`) are entered as
values taken from the reference, not recomputed from the population.

The output is deterministic: two runs write byte-identical files.

Run: `python workbook_templates/examples/make_norfolk.py [output.xlsx]`
(default: `norfolk_2014_08.xlsx` beside this script).
"""

from __future__ import annotations

import sys
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

DEFAULT_PATH = Path(__file__).with_name("norfolk_2014_08.xlsx")

REPORTING_MONTH = "2014-08"
SIX_MONTHS = ["2014-03", "2014-04", "2014-05", "2014-06", "2014-07", "2014-08"]
THREE_MONTHS = SIX_MONTHS[3:]

STATISTICAL_NEIGHBOURS = (
    "Cornwall, Cumbria, Derbyshire, Devon, Dorset, Herefordshire, Lincolnshire, Somerset, "
    "Shropshire and Suffolk"
)

SETTINGS: list[tuple[str, str | int]] = [
    ("Local authority", "Norfolk"),
    ("Reporting month", REPORTING_MONTH),
    ("Region", "East of England"),
    ("Statistical neighbours", STATISTICAL_NEIGHBOURS),
    ("S47 timescale working days", 35),
    ("CIN plan review working days", 30),
    ("CP visit timescale working days", 20),
    ("ICPC timescale working days", 15),
]

POPULATION: list[tuple[int, int]] = [(2014, 165_800)]

# "Initial Contacts by Source", Jun-14 / Jul-14 / Aug-14, in the reference's order.
CONTACTS_BY_SOURCE: dict[str, tuple[int, int, int]] = {
    "Police": (952, 877, 841),
    "Health": (404, 519, 431),
    "Education/School": (552, 547, 9),
    "Other legal agency": (81, 69, 68),
    "Individual": (597, 639, 472),
    "LA Services - External": (76, 115, 106),
    "LA Services - Internal": (74, 97, 53),
    "Housing": (119, 107, 109),
    "Other": (257, 237, 220),
    "Anonymous": (51, 101, 70),
}
CONTACTS_TOTAL: tuple[int, int, int] = (3163, 3308, 2379)

# Published percentages and rates (Jun-14 / Jul-14 / Aug-14).
RE_REFERRALS: tuple[float, float, float] = (27.2, 21.3, 23.9)
CIN_RATE: tuple[float, float, float] = (304.4, 308.1, 296.11)
CP_RATE: tuple[float, float, float] = (32.0, 29.1, 30.7)

# (numerator, denominator, printed percentage) per month, Mar-14 .. Aug-14.
CIN_WITH_PLAN_CIN_TEAMS: list[tuple[int, int, float]] = [
    (990, 1354, 73.1),
    (1046, 1395, 75.0),
    (1067, 1353, 78.9),
    (1140, 1352, 84.3),
    (1171, 1340, 87.4),
    (1122, 1364, 82.3),
]
CIN_WITH_PLAN_CWD_TEAMS: list[tuple[int, int, float]] = [
    (123, 346, 35.5),
    (109, 399, 27.3),
    (84, 398, 21.1),
    (159, 340, 46.8),
    (149, 336, 44.3),
    (135, 335, 40.3),
]
CIN_ALLOCATED_QUALIFIED: list[tuple[int, int, float]] = [
    (2463, 2745, 89.7),
    (2477, 2584, 95.9),
    (2465, 2534, 97.3),
    (2517, 2593, 97.1),
    (2486, 2610, 95.2),
    (2424, 2570, 94.3),
]
# Jun-14 .. Aug-14.
CP_ALLOCATED_QUALIFIED: list[tuple[int, int, float]] = [
    (530, 531, 99.8),
    (480, 482, 99.6),
    (500, 509, 98.2),
]
S47_IN_TIMESCALE: list[tuple[int, int, float]] = [
    (174, 188, 92.6),
    (174, 202, 86.1),
    (102, 142, 71.8),
]
# "No. Children on CP Plan", Jun-14 .. Aug-14.
CP_OPEN: tuple[int, int, int] = (531, 482, 509)
# "Looked-After Children allocated to a Qualified Social Worker" table, row "Number", Mar..Aug.
LAC_OPEN: tuple[int, ...] = (1146, 1135, 1123, 1120, 1110, 1090)

BENCHMARKS: list[tuple[str, str, str, float]] = [
    ("re_referrals", "England", "2012/13", 24.9),
    ("re_referrals", "Statistical neighbours", "2012/13", 20.8),
    ("re_referrals", "Region", "2012/13", 23.4),
    ("cin_rate", "England", "2012/13", 332.2),
    ("cin_rate", "Statistical neighbours", "2012/13", 304.0),
    ("cp_rate", "Norfolk 12/13", "2012/13", 33.1),
    ("cp_rate", "England", "2012/13", 37.9),
    ("cp_rate", "Statistical neighbours", "2012/13", 35),
]

# Not in the reference: plausible targets and amber tolerances (percentage points).
TARGETS: list[tuple[str, float, float]] = [
    ("re_referrals", 22, 2),
    ("cin_with_plan", 85, 5),
    ("cin_allocated_qualified", 95, 3),
    ("cp_allocated_qualified", 100, 2),
    ("s47_assessments_in_timescale", 85, 5),
    ("cp_visits_in_timescale", 90, 5),
    ("icpc_in_timescale", 85, 5),
]

COMMENTARY: dict[int, list[str]] = {
    1: [
        "The seasonal drop in both contacts and referrals is substantially accounted for by "
        "school holidays (547 school contacts in July to 9 in August) and contacts from "
        "individuals. Contact to Referral has dropped to 17%. The re-referral rate is sitting "
        "below the England average but above Statistical Neighbours*.",
        "Both the numbers and timeliness of completed Initial Assessments have dropped and needs "
        "to turn around. August data is traditionally impacted by annual leave. If we accept "
        "this there is an expectation of improvement next month",
    ],
    2: [
        "There has been a significant improvement in outcomes of Family Support Plans with an "
        "increase in needs met and a reduction in step-up to social care. The reduction in plans "
        "started in August reflects the proportion of referrals from schools.",
        "Further work is taking place to understand the reasons for the increase in S17 without "
        "an up to date plan which is only partly explained by an overall increase in the numbers "
        "of S17 cases.",
        "The number and proportion of CWD without an up to date plan has risen and further "
        "analysis will be undertaken to understand why this has happened.",
    ],
    3: [
        "Child Protection visits by social workers: we have moved from 30 to 20 working-day "
        "visiting schedule. Performance is sticking at around 80% and we need to drive this "
        "upwards. The number seen alone is stubbornly low and we need to promote the value of "
        "direct work with children and their families.",
        "Children subject of Child Protection Plans: We continue to have lower numbers of "
        "children subject to CP Plans compared with the England and Statistical Neighbour "
        "averages, however this is likely to rise as the number of LAC and the use of "
        "accommodation diminishes.",
        "The number and percentage of Core Assessments completed in timescale needs to improve "
        "next month",
    ],
    4: [
        "The percentage of Looked-After Children not allocated to a qualified social worker "
        "needs scrutiny as it seems to have dropped.",
        "Health of LAC: Development Checks continue to improve and are well ahead of "
        "comparators. Immunisations have flat lined as have Health assessment and are below "
        "comparators. Although performance around Dental checks has improved it remains below "
        "the England average.",
        "Care planning: the data shows improvement but qualitative audit has exposed by contrast "
        "some very poor practice.",
        "Rate of LAC: the population rise of the last few years seems to have steadied and is "
        "gradually falling. We need to focus attention with renewed vigour and drive down "
        "numbers towards comparators at greater pace.",
    ],
}

FIGURE_COLUMNS = [
    "indicator_id",
    "breakdown",
    "period",
    "numerator",
    "denominator",
    "value",
    "note",
]

# One Monthly figures row: indicator_id, breakdown, period, numerator, denominator, value, note.
FigureRow = tuple[str, str, str, float | None, float | None, float | None, str]


def _fraction_rows(
    indicator_id: str, breakdown: str, months: list[str], rows: list[tuple[int, int, float]]
) -> list[FigureRow]:
    """Percentages the reference prints with their counts: numerator/denominator, value blank."""
    out: list[FigureRow] = []
    for period, (num, den, printed) in zip(months, rows, strict=True):
        assert round(100 * num / den, 1) == printed, (indicator_id, breakdown, period)
        note = f"Reference prints {printed:.1f}%"
        out.append((indicator_id, breakdown, period, num, den, None, note))
    return out


def _count_rows(
    indicator_id: str, breakdown: str, months: list[str], counts: tuple[int, ...]
) -> list[FigureRow]:
    """Counts: the count as both numerator and value, no denominator."""
    return [
        (indicator_id, breakdown, period, count, None, count, "")
        for period, count in zip(months, counts, strict=True)
    ]


def _value_rows(
    indicator_id: str, months: list[str], values: tuple[float, ...], note: str
) -> list[FigureRow]:
    """Published percentages or rates with no counts behind them: value only."""
    return [
        (indicator_id, "", period, None, None, value, note)
        for period, value in zip(months, values, strict=True)
    ]


def monthly_figures() -> list[FigureRow]:
    """Every figure the reference prints, as Monthly figures rows."""
    for i in range(3):
        assert sum(v[i] for v in CONTACTS_BY_SOURCE.values()) == CONTACTS_TOTAL[i]

    rows: list[FigureRow] = []
    for source, counts in CONTACTS_BY_SOURCE.items():
        rows += _count_rows("contacts", source, THREE_MONTHS, counts)
    rows += _count_rows("contacts", "", THREE_MONTHS, CONTACTS_TOTAL)
    rows += _value_rows(
        "re_referrals", THREE_MONTHS, RE_REFERRALS, "Published percentage (no counts printed)"
    )
    rows += _fraction_rows("cin_with_plan", "CIN teams", SIX_MONTHS, CIN_WITH_PLAN_CIN_TEAMS)
    rows += _fraction_rows("cin_with_plan", "CWD teams", SIX_MONTHS, CIN_WITH_PLAN_CWD_TEAMS)
    rows += _fraction_rows("cin_allocated_qualified", "", SIX_MONTHS, CIN_ALLOCATED_QUALIFIED)
    rows += _value_rows(
        "cin_rate",
        THREE_MONTHS,
        CIN_RATE,
        "Published rate from the reference, not recomputed from the population",
    )
    rows += _fraction_rows("cp_allocated_qualified", "", THREE_MONTHS, CP_ALLOCATED_QUALIFIED)
    rows += _count_rows("cp_open", "", THREE_MONTHS, CP_OPEN)
    rows += _value_rows(
        "cp_rate",
        THREE_MONTHS,
        CP_RATE,
        "Published rate from the reference, not recomputed from the population",
    )
    rows += _fraction_rows("s47_assessments_in_timescale", "", THREE_MONTHS, S47_IN_TIMESCALE)
    rows += _count_rows("lac_open", "", SIX_MONTHS, LAC_OPEN)
    return rows


def _write_table(
    workbook: xlsxwriter.Workbook,
    name: str,
    header: list[str],
    rows: list[tuple[Any, ...]] | list[FigureRow],
) -> Worksheet:
    """One sheet: bold header in row 1, one record per row; blank cells for None/""."""
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, header, bold)
    for r, record in enumerate(rows, start=1):
        for c, cell in enumerate(record):
            if cell is None or cell == "":
                continue
            if isinstance(cell, str):
                sheet.write_string(r, c, cell)
            else:
                sheet.write_number(r, c, cell)
    sheet.freeze_panes(1, 0)
    return sheet


def write_norfolk_example(path: str | PathLike[str]) -> None:
    """Write the Norfolk August 2014 example input workbook to `path`."""
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties(
        {
            "title": "Norfolk example input workbook, August 2014",
            "subject": "Children's social care performance dashboard input",
            "author": "xl_dashboard",
            "comments": "Figures from Norfolk's published dashboard for August 2014 data.",
            "created": datetime(2014, 9, 1),
        }
    )

    settings = _write_table(workbook, "Settings", ["Setting", "Value"], SETTINGS)
    settings.set_column(0, 0, 32)
    settings.set_column(1, 1, 40)

    population = _write_table(workbook, "Population", ["Year", "Population aged 0-17"], POPULATION)
    population.set_column(0, 1, 22)

    figures = _write_table(workbook, "Monthly figures", FIGURE_COLUMNS, monthly_figures())
    figures.set_column(0, 0, 30)
    figures.set_column(1, 1, 24)
    figures.set_column(2, 5, 12)
    figures.set_column(6, 6, 70)
    figures.autofilter(0, 0, len(monthly_figures()), len(FIGURE_COLUMNS) - 1)

    benchmarks = _write_table(
        workbook,
        "Benchmarks",
        ["indicator_id", "comparator", "period_label", "value"],
        BENCHMARKS,
    )
    benchmarks.set_column(0, 1, 26)
    benchmarks.set_column(2, 3, 12)

    targets = _write_table(
        workbook, "Targets", ["indicator_id", "target", "amber tolerance"], TARGETS
    )
    targets.set_column(0, 0, 30)
    targets.set_column(1, 2, 16)

    commentary_rows = [
        (section, REPORTING_MONTH, text)
        for section, paragraphs in COMMENTARY.items()
        for text in paragraphs
    ]
    commentary = _write_table(workbook, "Commentary", ["section", "month", "text"], commentary_rows)
    commentary.set_column(0, 1, 10)
    commentary.set_column(2, 2, 120, workbook.add_format({"text_wrap": True}))

    workbook.close()


if __name__ == "__main__":
    write_norfolk_example(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PATH)
