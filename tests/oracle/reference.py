"""Naive reference implementation ("oracle") of the Annex A indicators.

Written only from /work/shared/spec/indicators.md and /work/shared/spec/annex_a.md, to
cross-check the main engine. It is deliberately slow and simple: openpyxl cell values, plain
Python loops, one small parser per kind of cell, working days counted one calendar day at a time.
Nothing here is shared with the main implementation.

The Annex A input is an .xlsx workbook (sheets `List 1` ...) or a folder of CSV files named
`List 1.csv` ... (every CSV cell is text).
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import holidays
import openpyxl
import pandas as pd
from dateutil.relativedelta import relativedelta

COLUMNS = ["indicator_id", "breakdown", "period", "numerator", "denominator", "value"]

# Contact source groups, in the order of the reference dashboard's table.
GROUPS = [
    "Individual",
    "Education/School",
    "Health",
    "Housing",
    "LA Services - Internal",
    "LA Services - External",
    "Police",
    "Other legal agency",
    "Other",
    "Anonymous",
]

SOURCE_GROUP = {
    "1A": "Individual",
    "1B": "Individual",
    "1C": "Individual",
    "1D": "Individual",
    "2A": "Education/School",
    "2B": "Education/School",
    "3A": "Health",
    "3B": "Health",
    "3C": "Health",
    "3D": "Health",
    "3E": "Health",
    "3F": "Health",
    "4": "Housing",
    "5A": "LA Services - Internal",
    "5B": "LA Services - Internal",
    "5D": "LA Services - Internal",
    "5C": "LA Services - External",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "10": "Other",
    "9": "Anonymous",
}

# Settings with their contract defaults.
CONTACT_TO_REFERRAL_WD = 5
ASSESSMENT_WD = 45
ICPC_WD = 15
CP_VISIT_WD = 20

# Header text exactly as in annex_a.md section 1.4.
CHILD_ID = "Child Unique ID"
DATE_OF_CONTACT = "Date of Contact"
CONTACT_SOURCE = "Contact Source"
EH_START = "Assessment start date"
DATE_OF_REFERRAL = "Date of referral"
REFERRALS_LAST_12M = "Number of Referrals in Last 12 Months"
CA_START = "Continuous Assessment Start Date"
CA_AUTHORISED = "Continuous Assessment Date of Authorisation"
STRATEGY_DATE = "Strategy discussion initiating Section 47 Enquiry Start Date"
ICPC_DATE = "Date of Initial Child Protection Conference"
CIN_START = "CIN Start Date"
CIN_CLOSURE = "CIN Closure Date"
CASE_STATUS = "Case Status"
ALLOCATED_WORKER = "Allocated Worker"
ALLOCATED_TEAM = "Allocated Team"
CP_START = "Child Protection Plan Start Date"
CP_END = "Child Protection Plan End Date"
CP_LAST_VISIT = "Date of the Last Statutory Visit"
CP_SEEN_ALONE = "Was the Child Seen Alone?"
CP_PREVIOUS_PLANS = "Number of Previous Child Protection Plans"
LAC_START = "Date Started to be Looked After"
LAC_END = "Date Ceased to be Looked After"
LEGAL_STATUS = "Child's Legal Status"
HEALTH_ASSESSMENT = "Date of Last Health Assessment"
DENTAL_CHECK = "Date of Last Dental Check"

# Header drift that is not just case/space/punctuation (contract example: Age).
HEADER_ALIASES: dict[str, list[str]] = {"Age of Child (Years)": ["Age"]}

DATE_OF_BIRTH = "Date of Birth"

# Settings with their contract defaults (continued).
HEALTH_UNDER_5_MONTHS = 6
HEALTH_5_AND_OVER_MONTHS = 12

# ASSUMPTION: the "event dates" of a list (for the extract's last date, the default reporting
# month and the default annex_a_start) are the dated events the oracle reads for the indicators:
# Date of Birth is not an event; Lists 9-11 are not read at all.
EVENT_DATE_FIELDS: dict[int, list[str]] = {
    1: [DATE_OF_CONTACT],
    2: [EH_START],
    3: [DATE_OF_REFERRAL],
    4: [CA_START, CA_AUTHORISED],
    5: [STRATEGY_DATE, ICPC_DATE],
    6: [CIN_START, CIN_CLOSURE],
    7: [CP_START, CP_END, CP_LAST_VISIT],
    8: [LAC_START, LAC_END, HEALTH_ASSESSMENT, DENTAL_CHECK],
}

# Event dates before this day or after the day of the build never decide the extract's last
# date, the default month or the coverage start.
EARLIEST_PLAUSIBLE = dt.date(1990, 1, 1)

# ---------------------------------------------------------------------------------------------
# Working days
# ---------------------------------------------------------------------------------------------

_BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")


@cache
def is_working_day(day: dt.date) -> bool:
    """Monday-Friday and not an England & Wales bank holiday."""
    return day.weekday() < 5 and day not in _BANK_HOLIDAYS


@lru_cache(maxsize=100_000)
def wd(a: dt.date, b: dt.date) -> int:
    """Working days d with a <= d < b, counted one day at a time."""
    if a > b:
        # numpy.busday_count (the contract's definition) gives, for a > b, minus the count of
        # working days d with b < d <= a.
        one = dt.timedelta(days=1)
        return -wd(b + one, a + one)
    count = 0
    day = a
    while day < b:
        if is_working_day(day):
            count += 1
        day += dt.timedelta(days=1)
    return count


# ---------------------------------------------------------------------------------------------
# Cell parsers
# ---------------------------------------------------------------------------------------------

BLANK_TEXTS = {"", "#n/a", "n/a", "-"}
EXCEL_EPOCH = dt.date(1899, 12, 30)
PREFIX_RE = re.compile(r"^[A-Za-z]{1,2}[0-9]?\)\s*")
# The time a date text may carry: ` hh:mm`, ` hh:mm:ss` or ISO `Thh:mm:ss`.
# ASSUMPTION: hours, minutes and seconds are two digits each and must be a valid clock time
# (00-23, 00-59); fractions of a second, time zones and `Thh:mm` are not accepted.
TIME_PART = r"(?: (\d{2}):(\d{2})(?::(\d{2}))?|T(\d{2}):(\d{2}):(\d{2}))?"
# ASSUMPTION: dd/mm/yyyy allows one-digit day and month (`1/4/2024`); ISO wants two digits each.
DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})" + TIME_PART + "$")
ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})" + TIME_PART + "$")
WHOLE_RE = re.compile(r"^[+-]?\d+(\.0*)?$")


def clean_text(value: str) -> str | None:
    """Strip ordinary and non-breaking spaces; blank-meaning text gives None."""
    text = value.replace("\u00a0", " ").strip()
    # ASSUMPTION: #N/A, N/A and - are recognised in any letter case.
    if text.lower() in BLANK_TEXTS:
        return None
    return text


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return clean_text(value) is None
    return False


def parse_date(value: Any) -> dt.date | None:
    """A real date, an Excel serial number, or dd/mm/yyyy or yyyy-mm-dd text with an optional
    time; anything else is None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return serial_to_date(float(value))
    if isinstance(value, str):
        text = clean_text(value)
        if text is None:
            return None
        match = DMY_RE.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups()[:3])
            return checked_date(year, month, day, match.groups()[3:])
        match = ISO_RE.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups()[:3])
            return checked_date(year, month, day, match.groups()[3:])
        if text.isdigit():
            # ASSUMPTION: a text cell holding only digits is an Excel serial number too.
            return serial_to_date(float(text))
        return None
    return None


def checked_date(year: int, month: int, day: int, time: tuple[str | None, ...]) -> dt.date | None:
    """The date if it exists and its time part (if any) is a valid clock time."""
    hour, minute, second = ([int(t) for t in time if t is not None] + [0, 0, 0])[:3]
    if hour > 23 or minute > 59 or second > 59:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def serial_to_date(serial: float) -> dt.date | None:
    # ASSUMPTION: a serial must be a positive finite number; a time-of-day fraction is dropped.
    if not math.isfinite(serial) or serial < 1:
        return None
    try:
        return EXCEL_EPOCH + dt.timedelta(days=int(serial))
    except OverflowError:
        return None


def parse_code(value: Any) -> str | None:
    """The code after an optional `x) ` prefix, up to the first `:`."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        return None
    text = clean_text(value)
    if text is None:
        return None
    text = PREFIX_RE.sub("", text)
    # ASSUMPTION: text before the first ':' is the code even when there is no `x) ` prefix.
    code = text.split(":", 1)[0].strip()
    return code or None


def parse_yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        # ASSUMPTION: numbers (1/0) are not accepted as Yes/No.
        return None
    code = parse_code(value)
    if code is None:
        return None
    if code.lower() in ("yes", "y", "true"):
        return True
    if code.lower() in ("no", "n", "false"):
        return False
    return None


def parse_whole_number(value: Any) -> int | None:
    """An integer (int cell, whole float, or text like `2` / `2.0`); anything else is None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value)
        return None
    if isinstance(value, str):
        text = clean_text(value)
        if text is None or not WHOLE_RE.match(text):
            return None
        return int(float(text))
    return None


def parse_id(value: Any) -> str | None:
    # ASSUMPTION: IDs compare as text after trimming spaces; a whole-number cell 123 is "123";
    # IDs are case-sensitive.
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return clean_text(value)
    return str(value)


def parse_name(value: Any) -> str | None:
    # ASSUMPTION: worker names match the Workers mapping exactly after trimming spaces.
    if isinstance(value, str):
        return clean_text(value)
    if value is None:
        return None
    return str(value)


def source_group(value: Any) -> str:
    code = parse_code(value)
    if code is None:
        return "Other"
    # ASSUMPTION: source codes are matched case-insensitively (`1a` = `1A`).
    return SOURCE_GROUP.get(code.upper(), "Other")


def is_short_break(value: Any) -> bool:
    code = parse_code(value)
    # ASSUMPTION: legal status codes compared case-insensitively; blank status is not V3/V4.
    return code is not None and code.upper() in ("V3", "V4")


def case_status_is_cp_or_cla(value: Any) -> bool:
    code = parse_code(value)
    if code is None:
        # ASSUMPTION: a blank Case Status is "not CP/CLA", so the child is in the CIN cohort.
        return False
    squashed = re.sub(r"[^a-z0-9]", "", code.lower())
    # ASSUMPTION: CP = "Child Protection plan"/"CP"/"CPP"; CLA = "Looked after child"/"CLA"/"LAC".
    if "childprotection" in squashed or squashed in ("cp", "cpp"):
        return True
    return "lookedafter" in squashed or squashed in ("cla", "lac")


def norm_header(value: Any) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\u00a0", " ").lower()
    text = re.sub(r"\(\s*y\s*/\s*n\s*\)", "", text)  # `... (Y/N)` suffix drift
    return re.sub(r"[^a-z0-9]", "", text)


# ---------------------------------------------------------------------------------------------
# Reading the lists
# ---------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    headers: list[Any]
    rows: list[tuple[Any, ...]]

    def column(self, name: str) -> int | None:
        wanted = {norm_header(name)} | {norm_header(a) for a in HEADER_ALIASES.get(name, [])}
        for index, header in enumerate(self.headers):
            if norm_header(header) in wanted:
                return index  # ASSUMPTION: the first matching header wins.
        return None

    def records(
        self, names: list[str], optional: Iterable[str] = ()
    ) -> list[dict[str, Any]] | None:
        """One dict of raw cell values per row, or None when a needed column is missing.
        An `optional` column that is missing reads as blank on every row."""
        indexes: dict[str, int | None] = {}
        for name in names:
            index = self.column(name)
            if index is None:
                return None
            indexes[name] = index
        for name in optional:
            indexes[name] = self.column(name)
        return [
            {name: (None if i is None else row[i]) for name, i in indexes.items()}
            for row in self.rows
        ]


def sheet_key(name: str) -> str:
    # ASSUMPTION: sheet (and CSV file) names match ignoring case and spaces (`LIST 1`, `List1`).
    return re.sub(r"\s", "", name.lower())


def load_sheet(workbook: Any, list_number: int) -> Sheet | None:
    for name in workbook.sheetnames:
        if sheet_key(name) == f"list{list_number}":
            worksheet = workbook[name]
            return make_sheet([tuple(row) for row in worksheet.iter_rows(values_only=True)])
    return None


def load_csv_sheet(folder: Path, list_number: int) -> Sheet | None:
    for path in sorted(folder.glob("*.csv")):
        if sheet_key(path.stem) == f"list{list_number}":
            # ASSUMPTION: CSV files are UTF-8 (a byte-order mark is allowed); every cell is text.
            with path.open(newline="", encoding="utf-8-sig") as handle:
                return make_sheet([tuple(row) for row in csv.reader(handle)])
    return None


def make_sheet(all_rows: list[tuple[Any, ...]]) -> Sheet | None:
    if not all_rows:
        return None
    width = max(len(row) for row in all_rows)
    headers = list(all_rows[0]) + [None] * (width - len(all_rows[0]))
    seen: set[tuple[Any, ...]] = set()
    rows = []
    for row in all_rows[1:]:
        row = row + (None,) * (width - len(row))
        if all(is_blank(v) for v in row):
            continue  # entirely blank rows are ignored
        # Exact duplicates: every column equal (type included, so 1 and True differ).
        key = tuple((type(v).__name__, v) for v in row)
        if key in seen:
            continue
        seen.add(key)
        rows.append(row)
    return Sheet(headers, rows)


def load_lists(annex_a_path: str | Path) -> dict[int, Sheet | None]:
    """Lists 1-8 from an .xlsx workbook or from a folder of CSV files."""
    path = Path(annex_a_path)
    if path.is_dir():
        return {n: load_csv_sheet(path, n) for n in range(1, 9)}
    workbook = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        return {n: load_sheet(workbook, n) for n in range(1, 9)}
    finally:
        workbook.close()


# ---------------------------------------------------------------------------------------------
# Months and output rows
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    period: str
    first: dt.date  # M0
    last: dt.date  # M1

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.first <= day <= self.last


def make_month(period: str) -> Month:
    year, month = (int(p) for p in period.split("-")[:2])
    first = dt.date(year, month, 1)
    last = first + relativedelta(months=1) - dt.timedelta(days=1)
    return Month(f"{year:04d}-{month:02d}", first, last)


def months_between(first: Month, last: Month) -> list[Month]:
    result = []
    current = first
    while current.first <= last.first:
        result.append(current)
        nxt = current.first + relativedelta(months=1)
        current = make_month(f"{nxt.year:04d}-{nxt.month:02d}")
    return result


Row = dict[str, Any]


def count_row(indicator: str, breakdown: str, month: Month, count: int) -> Row:
    return {
        "indicator_id": indicator,
        "breakdown": breakdown,
        "period": month.period,
        "numerator": float(count),
        "denominator": math.nan,
        "value": float(count),
    }


def percent_row(indicator: str, breakdown: str, month: Month, num: int, den: int) -> Row:
    return {
        "indicator_id": indicator,
        "breakdown": breakdown,
        "period": month.period,
        "numerator": float(num),
        "denominator": float(den),
        "value": 100.0 * num / den if den != 0 else math.nan,
    }


def rate_row(indicator: str, month: Month, count: int, population: float) -> Row:
    return {
        "indicator_id": indicator,
        "breakdown": "",
        "period": month.period,
        "numerator": float(count),
        "denominator": float(population),
        "value": 10000.0 * count / population if population else math.nan,
    }


def is_open_at(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    # ASSUMPTION: an end date that is present but unparseable is treated like a blank end.
    return start is not None and start <= day and (end is None or end > day)


# ---------------------------------------------------------------------------------------------
# Indicators: one small function each
# ---------------------------------------------------------------------------------------------


def contacts(l1: list[Row], months: list[Month]) -> list[Row]:
    out = []
    for month in months:
        total = 0
        by_group = {g: 0 for g in GROUPS}
        for r in l1:
            if month.contains(parse_date(r[DATE_OF_CONTACT])):
                total += 1
                by_group[source_group(r[CONTACT_SOURCE])] += 1
        out.append(count_row("contacts", "", month, total))
        for group in GROUPS:
            out.append(count_row("contacts", group, month, by_group[group]))
    return out


def referral_dates_by_child(l3: list[Row]) -> dict[str, list[dt.date]]:
    by_child: dict[str, list[dt.date]] = {}
    for r in l3:
        child = parse_id(r[CHILD_ID])
        day = parse_date(r[DATE_OF_REFERRAL])
        if child is not None and day is not None:
            by_child.setdefault(child, []).append(day)
    return by_child


def contact_conversion(l1: list[Row], l3: list[Row], months: list[Month]) -> list[Row]:
    referrals = referral_dates_by_child(l3)
    out = []
    for month in months:
        num = {g: 0 for g in GROUPS}
        den = {g: 0 for g in GROUPS}
        for r in l1:
            contact_day = parse_date(r[DATE_OF_CONTACT])
            if not month.contains(contact_day):
                continue
            child = parse_id(r[CHILD_ID])
            if child is None:
                # ASSUMPTION: a contact without a Child Unique ID cannot be matched to a
                # referral, so it is left out of contact_conversion (numerator and denominator).
                continue
            group = source_group(r[CONTACT_SOURCE])
            den[group] += 1
            for referral_day in referrals.get(child, []):
                if referral_day >= contact_day and wd(contact_day, referral_day) <= (
                    CONTACT_TO_REFERRAL_WD
                ):
                    num[group] += 1
                    break
        out.append(
            percent_row("contact_conversion", "", month, sum(num.values()), sum(den.values()))
        )
        for group in GROUPS:
            out.append(percent_row("contact_conversion", group, month, num[group], den[group]))
    return out


def referrals(l3: list[Row], months: list[Month]) -> list[Row]:
    out = []
    for month in months:
        count = sum(1 for r in l3 if month.contains(parse_date(r[DATE_OF_REFERRAL])))
        out.append(count_row("referrals", "", month, count))
    return out


def referral_within_12_months_before(dates: list[dt.date], day: dt.date) -> bool:
    """Evidence (a): a referral dated in [day - 12 months, day)."""
    window_start = day - relativedelta(months=12)
    return any(window_start <= other < day for other in dates)


def children_with_earlier_unlisted_referral(l3: list[Row]) -> set[str]:
    """Evidence (b): children whose `Number of Referrals in Last 12 Months` on the rows dated
    their latest referral L exceeds their listed referrals in [L - 12 months, L)."""
    rows_by_child: dict[str, list[Row]] = {}
    for r in l3:
        child = parse_id(r[CHILD_ID])
        if child is not None:
            rows_by_child.setdefault(child, []).append(r)
    result = set()
    for child, rows in rows_by_child.items():
        dates = [d for d in (parse_date(r[DATE_OF_REFERRAL]) for r in rows) if d is not None]
        if not dates:
            continue
        latest = max(dates)
        field_value: int | None = None
        for r in rows:
            if parse_date(r[DATE_OF_REFERRAL]) != latest:
                continue
            n = parse_whole_number(r[REFERRALS_LAST_12M])
            if n is not None and n >= 0 and (field_value is None or n > field_value):
                field_value = n
        if field_value is None:
            continue  # blank or invalid on the latest rows: no field evidence
        window_start = latest - relativedelta(months=12)
        listed = sum(1 for d in dates if window_start <= d < latest)
        if field_value > listed:
            result.add(child)
    return result


def re_referrals(l3: list[Row], months: list[Month]) -> list[Row]:
    by_child = referral_dates_by_child(l3)
    earlier_unlisted = children_with_earlier_unlisted_referral(l3)
    out = []
    for month in months:
        num = den = 0
        for r in l3:
            day = parse_date(r[DATE_OF_REFERRAL])
            if not month.contains(day):
                continue
            assert day is not None
            child = parse_id(r[CHILD_ID])
            if child is None:
                # ASSUMPTION (the lead's ruling): both evidences are about "the same child", so
                # the Child Unique ID is a field the indicator needs; by the contract's general
                # rule the row is left out, numerator and denominator alike (as a contact with
                # no id is left out of contact_conversion).
                continue
            den += 1
            evidence_a = referral_within_12_months_before(by_child[child], day)
            evidence_b = child in earlier_unlisted
            if evidence_a or evidence_b:
                num += 1
        out.append(percent_row("re_referrals", "", month, num, den))
    return out


def assessments_completed(l4: list[Row], months: list[Month]) -> list[Row]:
    out = []
    for month in months:
        count = sum(1 for r in l4 if month.contains(parse_date(r[CA_AUTHORISED])))
        out.append(count_row("assessments_completed", "", month, count))
    return out


def assessments_in_timescale(
    l4: list[Row], months: list[Month], team_month: Month | None = None
) -> list[Row]:
    """`team_month`: the month shown by team (each assessment in its own row's team)."""
    out = []
    cases: list[tuple[str, bool]] = []
    for month in months:
        num = den = 0
        for r in l4:
            authorised = parse_date(r[CA_AUTHORISED])
            if not month.contains(authorised):
                continue
            assert authorised is not None
            start = parse_date(r[CA_START])
            if start is None:
                continue  # the timescale test needs the start date
            # ASSUMPTION: an authorisation before the start is kept; its wd is negative
            # (numpy.busday_count) and so within the timescale.
            den += 1
            within = wd(start, authorised) <= ASSESSMENT_WD
            if within:
                num += 1
            if month == team_month:
                cases.append((team_name(r[ALLOCATED_TEAM]), within))
        out.append(percent_row("assessments_in_timescale", "", month, num, den))
    if team_month is not None:
        out += team_rows("assessments_in_timescale", team_month, cases)
    return out


def eh_assessments_started(l2: list[Row], months: list[Month]) -> list[Row]:
    out = []
    for month in months:
        count = sum(1 for r in l2 if month.contains(parse_date(r[EH_START])))
        out.append(count_row("eh_assessments_started", "", month, count))
    return out


def cin_closed(l6: list[Row], months: list[Month]) -> list[Row]:
    out = []
    for month in months:
        # ASSUMPTION: episodes are rows, so a closed row without a Child Unique ID counts too.
        count = sum(1 for r in l6 if month.contains(parse_date(r[CIN_CLOSURE])))
        out.append(count_row("cin_closed", "", month, count))
    return out


def open_children(rows: list[Row], start: str, end: str, day: dt.date) -> dict[str, list[Row]]:
    """Child Unique ID -> that child's rows open at `day` (rows without an ID are dropped)."""
    result: dict[str, list[Row]] = {}
    for r in rows:
        child = parse_id(r[CHILD_ID])
        if child is None:
            # ASSUMPTION: an episode row without a Child Unique ID is not counted as a child.
            continue
        if is_open_at(parse_date(r[start]), parse_date(r[end]), day):
            result.setdefault(child, []).append(r)
    return result


def open_count_and_rate(
    rows: list[Row],
    start: str,
    end: str,
    months: list[Month],
    count_id: str,
    rate_id: str,
    population: float,
    keep: Callable[[Row], bool] = lambda r: True,
) -> list[Row]:
    out = []
    kept = [r for r in rows if keep(r)]
    for month in months:
        n = len(open_children(kept, start, end, month.last))
        out.append(count_row(count_id, "", month, n))
    for month in months:
        n = len(open_children(kept, start, end, month.last))
        out.append(rate_row(rate_id, month, n, population))
    return out


def children_percent(
    indicator: str,
    month: Month,
    cohort: dict[str, list[Row]],
    condition: Callable[[Row], bool],
) -> Row:
    # ASSUMPTION: with several qualifying rows, a child is in the numerator if any row meets it.
    num = sum(1 for child_rows in cohort.values() if any(condition(r) for r in child_rows))
    return percent_row(indicator, "", month, num, len(cohort))


# ---------------------------------------------------------------------------------------------
# Team breakdowns (README "Team breakdowns"): the reporting month's figure per Allocated Team of
# assessments_in_timescale, icpc_in_timescale, cp_visits_in_timescale, lac_health_assessment,
# lac_dental_check and the three *_allocated_qualified, when the list has an Allocated Team
# column. Breakdown `Team: ` + the team as written, trimmed; blank `Team: Not recorded`.
# ---------------------------------------------------------------------------------------------


def team_name(value: Any) -> str:
    name = parse_name(value)
    return "Team: " + (name if name else "Not recorded")


def team_rows(indicator: str, month: Month, cases: list[tuple[str, bool]]) -> list[Row]:
    """One percentage row per team that has a case: (team, in the numerator) per case."""
    num: dict[str, int] = {}
    den: dict[str, int] = {}
    for team, counted in cases:
        den[team] = den.get(team, 0) + 1
        num[team] = num.get(team, 0) + (1 if counted else 0)
    return [percent_row(indicator, team, month, num[team], den[team]) for team in sorted(den)]


def children_by_team(
    indicator: str,
    month: Month,
    cohort: dict[str, list[Row]],
    condition: Callable[[Row], bool],
    start: str,
) -> list[Row]:
    """Each child once (as in the headline), in the team of its row with the latest start date;
    among equal starts, the row further down the list. The child's result is the headline's:
    in the numerator if any of its rows meets the condition."""
    cases = []
    for child_rows in cohort.values():
        deciding = child_rows[0]
        for r in child_rows[1:]:
            later = parse_date(r[start])
            assert later is not None  # cohort rows have a start date
            if later >= parse_date(deciding[start]):  # type: ignore[operator]
                deciding = r
        cases.append((team_name(deciding[ALLOCATED_TEAM]), any(condition(r) for r in child_rows)))
    return team_rows(indicator, month, cases)


def children_rows(
    indicator: str,
    month: Month,
    cohort: dict[str, list[Row]],
    condition: Callable[[Row], bool],
    start: str,
    teams: bool,
) -> list[Row]:
    """The headline, then (when the list has Allocated Team) a row per team."""
    rows = [children_percent(indicator, month, cohort, condition)]
    return rows + (children_by_team(indicator, month, cohort, condition, start) if teams else [])


def cp_visits_in_timescale(l7: list[Row], month: Month, teams: bool = False) -> list[Row]:
    cohort = open_children(l7, CP_START, CP_END, month.last)

    def visited(r: Row) -> bool:
        visit = parse_date(r[CP_LAST_VISIT])
        reference = visit if visit is not None and visit <= month.last else parse_date(r[CP_START])
        assert reference is not None  # open rows have a start date
        return wd(reference, month.last) <= CP_VISIT_WD

    return children_rows("cp_visits_in_timescale", month, cohort, visited, CP_START, teams)


def cp_seen_alone(l7: list[Row], month: Month) -> Row:
    cohort = open_children(l7, CP_START, CP_END, month.last)
    return children_percent(
        "cp_seen_alone", month, cohort, lambda r: parse_yes_no(r[CP_SEEN_ALONE]) is True
    )


def cp_durations(l7: list[Row], months: list[Month]) -> list[Row]:
    out = []
    for month in months:
        cohort = open_children(l7, CP_START, CP_END, month.last)
        two_years = month.last - relativedelta(years=2)

        def long(r: Row, two_years: dt.date = two_years) -> bool:
            start = parse_date(r[CP_START])
            return start is not None and start <= two_years

        out.append(children_percent("cp_duration_2y_plus", month, cohort, long))
    for month in months:
        cohort = open_children(l7, CP_START, CP_END, month.last)
        two_years = month.last - relativedelta(years=2)
        eighteen_months = month.last - relativedelta(months=18)

        def middle(r: Row, lo: dt.date = two_years, hi: dt.date = eighteen_months) -> bool:
            start = parse_date(r[CP_START])
            return start is not None and lo < start <= hi

        out.append(children_percent("cp_duration_18m_2y", month, cohort, middle))
    return out


def cp_second_subsequent(l7: list[Row], months: list[Month]) -> list[Row]:
    out = []
    for month in months:
        num = den = 0
        for r in l7:  # plans (rows), not children
            if not month.contains(parse_date(r[CP_START])):
                continue
            previous = parse_whole_number(r[CP_PREVIOUS_PLANS])
            if previous is None or previous < 0:
                continue
            den += 1
            if previous >= 1:
                num += 1
        out.append(percent_row("cp_second_subsequent", "", month, num, den))
    return out


def icpc_in_timescale(
    l5: list[Row], months: list[Month], team_month: Month | None = None
) -> list[Row]:
    """`team_month`: the month shown by team (each ICPC in its own row's team)."""
    out = []
    cases: list[tuple[str, bool]] = []
    for month in months:
        num = den = 0
        for r in l5:
            icpc = parse_date(r[ICPC_DATE])
            if not month.contains(icpc):
                continue
            assert icpc is not None
            strategy = parse_date(r[STRATEGY_DATE])
            if strategy is None or icpc < strategy:
                continue
            den += 1
            within = wd(strategy, icpc) <= ICPC_WD
            if within:
                num += 1
            if month == team_month:
                cases.append((team_name(r[ALLOCATED_TEAM]), within))
        out.append(percent_row("icpc_in_timescale", "", month, num, den))
    if team_month is not None:
        out += team_rows("icpc_in_timescale", team_month, cases)
    return out


def not_short_break(r: Row) -> bool:
    return not is_short_break(r[LEGAL_STATUS])


def lac_cohort_12_months(l8: list[Row], month: Month) -> dict[str, list[Row]]:
    """Children in lac_open at M1 whose (qualifying) episode started on/before M1 - 12 months."""
    cutoff = month.last - relativedelta(months=12)
    open_rows = open_children([r for r in l8 if not_short_break(r)], LAC_START, LAC_END, month.last)
    cohort: dict[str, list[Row]] = {}
    for child, rows in open_rows.items():
        # ASSUMPTION: the cohort test and the numerator look only at the child's open,
        # non-V3/V4 rows; the child is in the cohort if any of them started by the cutoff.
        qualifying = []
        for r in rows:
            start = parse_date(r[LAC_START])
            if start is not None and start <= cutoff:
                qualifying.append(r)
        if qualifying:
            cohort[child] = qualifying
    return cohort


def lac_dental_check(l8: list[Row], month: Month, teams: bool = False) -> list[Row]:
    cohort = lac_cohort_12_months(l8, month)
    window_start = month.last - relativedelta(months=12)

    def done(r: Row) -> bool:
        day = parse_date(r[DENTAL_CHECK])
        return day is not None and window_start < day <= month.last

    return children_rows("lac_dental_check", month, cohort, done, LAC_START, teams)


def lac_health_assessment(l8: list[Row], month: Month, teams: bool = False) -> list[Row]:
    cohort = lac_cohort_12_months(l8, month)

    def done(r: Row) -> bool:
        day = parse_date(r[HEALTH_ASSESSMENT])
        if day is None:
            return False
        # ASSUMPTION: each row is judged with its own Date of Birth (a child's rows normally
        # agree); a List 8 without a Date of Birth column reads as blank DOB everywhere.
        born = parse_date(r[DATE_OF_BIRTH])
        under_5 = born is not None and born + relativedelta(years=5) > month.last
        months_back = HEALTH_UNDER_5_MONTHS if under_5 else HEALTH_5_AND_OVER_MONTHS
        return month.last - relativedelta(months=months_back) < day <= month.last

    return children_rows("lac_health_assessment", month, cohort, done, LAC_START, teams)


def allocated_qualified(
    indicator: str,
    cohort: dict[str, list[Row]],
    month: Month,
    workers: dict[str, bool],
    start: str,
    teams: bool = False,
) -> list[Row]:
    def qualified(r: Row) -> bool:
        name = parse_name(r[ALLOCATED_WORKER])
        # A worker not on the Workers sheet (or a blank worker) counts as not qualified.
        return name is not None and workers.get(name) is True

    return children_rows(indicator, month, cohort, qualified, start, teams)


# ---------------------------------------------------------------------------------------------
# Coverage and the entry point
# ---------------------------------------------------------------------------------------------


def event_dates(sheets: dict[int, Sheet | None], numbers: Iterable[int]) -> list[dt.date]:
    """The plausible event dates of the given lists: not before 1990-01-01, not after today."""
    today = dt.date.today()
    result = []
    for number in numbers:
        sheet = sheets.get(number)
        if sheet is None:
            continue
        for field in EVENT_DATE_FIELDS[number]:
            # ASSUMPTION: a list lacking one of its event date columns still gives the others.
            records = sheet.records([field])
            if records is None:
                continue
            for r in records:
                day = parse_date(r[field])
                if day is not None and EARLIEST_PLAUSIBLE <= day <= today:
                    result.append(day)
    return result


def default_annex_a_start(sheets: dict[int, Sheet | None]) -> dt.date | None:
    """The earliest contact; without List 1 dates the earliest referral; without those the
    earliest event date of Lists 2, 4 and 5. Moved to the next 1st unless it is a 1st."""
    # ASSUMPTION: a List 1 whose only dates are implausible (pre-1990 or future) or invalid
    # counts as "without List 1 dates", and likewise for List 3.
    for numbers in ([1], [3], [2, 4, 5]):
        dates = event_dates(sheets, numbers)
        if dates:
            earliest = min(dates)
            if earliest.day == 1:
                return earliest
            return earliest.replace(day=1) + relativedelta(months=1)
    return None


def extract_last_date(sheets: dict[int, Sheet | None]) -> dt.date | None:
    """The latest plausible event date in Lists 1-8 (None when there is none)."""
    dates = event_dates(sheets, range(1, 9))
    return max(dates) if dates else None


def default_month(sheets: dict[int, Sheet | None]) -> str:
    """The latest complete month covered by the data."""
    last = extract_last_date(sheets)
    if last is None:
        raise ValueError("The Annex A lists hold no event dates: give the reporting month.")
    # ASSUMPTION: "complete" means the month of the last date when that date is the month's
    # last day, otherwise the month before it.
    month = make_month(f"{last.year:04d}-{last.month:02d}")
    if last != month.last:
        before = month.first - relativedelta(months=1)
        month = make_month(f"{before.year:04d}-{before.month:02d}")
    return month.period


def parse_start_setting(text: str) -> dt.date:
    parts = [int(p) for p in text.strip()[:10].split("-")]
    return dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def covered_months(start: dt.date | None, reporting: Month) -> list[Month]:
    if start is None:
        # ASSUMPTION: no plausible event date in Lists 1-5: only the reporting month is computed.
        return [reporting]
    # ASSUMPTION: only whole months are covered; a start that is not a 1st skips its month.
    first_day = start if start.day == 1 else start.replace(day=1) + relativedelta(months=1)
    return months_between(make_month(f"{first_day.year:04d}-{first_day.month:02d}"), reporting)


def reference_indicators(
    annex_a_path: str | Path,
    month: str | None,
    population: float,
    workers: dict[str, bool] | None = None,
    annex_a_start: str | None = None,
) -> pd.DataFrame:
    """Every Annex A-computable indicator for every covered month up to `month`.

    `annex_a_path` is an .xlsx workbook or a folder of `List n.csv` files. `month` None means
    the default month. Indicators whose list or columns are missing are not emitted. A month
    after the data raises ValueError naming the extract's last date; a month before the
    coverage start gives no rows.
    """
    sheets = load_lists(annex_a_path)

    def recs(number: int, names: Iterable[str], optional: Iterable[str] = ()) -> list[Row] | None:
        sheet = sheets[number]
        optional = [*optional, ALLOCATED_TEAM]  # read as blank where the list has no such column
        return None if sheet is None else sheet.records([CHILD_ID, *names], optional)

    def has_team(number: int) -> bool:
        sheet = sheets[number]
        return sheet is not None and sheet.column(ALLOCATED_TEAM) is not None

    def team_month(number: int) -> Month | None:
        return reporting if has_team(number) else None

    reporting = make_month(default_month(sheets) if month is None else month)
    last = extract_last_date(sheets)
    # ASSUMPTION: with no plausible event date at all, no month is refused.
    if last is not None and reporting.first > last:
        raise ValueError(
            f"The reporting month {reporting.period} is after the data: the Annex A lists "
            f"end on {last.isoformat()}."
        )
    if annex_a_start is None:
        start = default_annex_a_start(sheets)
    else:
        start = parse_start_setting(annex_a_start)
    months = covered_months(start, reporting)
    if not months:
        # A reporting month before annex_a_start: no Annex A figures at all.
        return to_frame([])

    l1 = recs(1, [DATE_OF_CONTACT, CONTACT_SOURCE])
    l2 = recs(2, [EH_START])
    # ASSUMPTION (the lead's ruling): without the Number of Referrals column List 3 still gives
    # referrals, but not re_referrals: evidence (a) alone would miss every previous referral
    # dated before a six-month extract, so the figure comes from Monthly figures ("either").
    l3 = recs(3, [DATE_OF_REFERRAL])
    l3_counted = recs(3, [DATE_OF_REFERRAL, REFERRALS_LAST_12M])
    l4 = recs(4, [CA_START, CA_AUTHORISED])
    l5 = recs(5, [STRATEGY_DATE, ICPC_DATE])
    l6 = recs(6, [CIN_START, CIN_CLOSURE])
    l7 = recs(7, [CP_START, CP_END, CP_PREVIOUS_PLANS])
    l7_latest = recs(7, [CP_START, CP_END, CP_LAST_VISIT, CP_SEEN_ALONE])
    l8 = recs(8, [LAC_START, LAC_END, LEGAL_STATUS])
    l8_health = recs(
        8, [LAC_START, LAC_END, LEGAL_STATUS, HEALTH_ASSESSMENT, DENTAL_CHECK], [DATE_OF_BIRTH]
    )

    rows: list[Row] = []
    if l1 is not None:
        rows += contacts(l1, months)
        if l3 is not None:
            rows += contact_conversion(l1, l3, months)
    if l3 is not None:
        rows += referrals(l3, months)
    if l3_counted is not None:
        rows += re_referrals(l3_counted, months)
    if l4 is not None:
        rows += assessments_completed(l4, months)
        rows += assessments_in_timescale(l4, months, team_month(4))
    if l2 is not None:
        rows += eh_assessments_started(l2, months)
    if l6 is not None:
        rows += open_count_and_rate(
            l6, CIN_START, CIN_CLOSURE, months, "cin_open", "cin_rate", population
        )
        rows += cin_closed(l6, months)
    if l7 is not None:
        rows += open_count_and_rate(l7, CP_START, CP_END, months, "cp_open", "cp_rate", population)
    if l7_latest is not None:
        rows += cp_visits_in_timescale(l7_latest, reporting, has_team(7))
        rows.append(cp_seen_alone(l7_latest, reporting))
    if l7 is not None:
        rows += cp_durations(l7, months)
        rows += cp_second_subsequent(l7, months)
    if l5 is not None:
        rows += icpc_in_timescale(l5, months, team_month(5))
    if l8 is not None:
        rows += open_count_and_rate(
            l8, LAC_START, LAC_END, months, "lac_open", "lac_rate", population, not_short_break
        )
    if l8_health is not None:
        rows += lac_health_assessment(l8_health, reporting, has_team(8))
        rows += lac_dental_check(l8_health, reporting, has_team(8))

    if workers is not None:
        l6w = recs(6, [CIN_START, CIN_CLOSURE, CASE_STATUS, ALLOCATED_WORKER])
        l7w = recs(7, [CP_START, CP_END, ALLOCATED_WORKER])
        l8w = recs(8, [LAC_START, LAC_END, LEGAL_STATUS, ALLOCATED_WORKER])
        if l6w is not None:
            cin_rows = [r for r in l6w if not case_status_is_cp_or_cla(r[CASE_STATUS])]
            # ASSUMPTION: the CIN cohort is children with an open List 6 row whose own Case
            # Status is not CP/CLA (List 7/8 are not consulted).
            cohort = open_children(cin_rows, CIN_START, CIN_CLOSURE, reporting.last)
            rows += allocated_qualified(
                "cin_allocated_qualified", cohort, reporting, workers, CIN_START, has_team(6)
            )
        if l7w is not None:
            cohort = open_children(l7w, CP_START, CP_END, reporting.last)
            rows += allocated_qualified(
                "cp_allocated_qualified", cohort, reporting, workers, CP_START, has_team(7)
            )
        if l8w is not None:
            cohort = open_children(
                [r for r in l8w if not_short_break(r)], LAC_START, LAC_END, reporting.last
            )
            rows += allocated_qualified(
                "lac_allocated_qualified", cohort, reporting, workers, LAC_START, has_team(8)
            )

    return to_frame(rows)


def to_frame(rows: list[Row]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("numerator", "denominator", "value"):
        frame[column] = frame[column].astype(float)
    return frame
