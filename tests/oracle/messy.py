"""A small, deliberately messy Annex A workbook, written with openpyxl (or as CSV files).

Independent of any project generator. It covers the 6 whole months ending with `end`: List 1's
first contact falls on the first day of that window (List 3 has nothing earlier), while Lists 2, 4
and 5 also hold work started months before it (coverage must still start at List 1). It is built
to hit the edge cases the contract names: month boundaries, bank holidays inside working-day
intervals, same-day events, prefixed and bare codes, Excel serial numbers, dd/mm/yyyy and ISO
yyyy-mm-dd text with and without a time part, real dates with a time, `#N/A`, non-breaking spaces,
header spelling drift, exact duplicate rows, blank rows, ICPCs before their strategy discussion,
CP visits after the month end, V3/V4 legal statuses, children with several episodes, CP plans
around the 18-month and 2-year boundaries, odd values of Number of Previous Child Protection
Plans, under-5s in care with health assessments 6-12 months old (and some with no valid Date of
Birth), CIN episodes closed in every month, one contact dated in 2031 and one in 1985 (neither
may move the coverage start or the extract's last date).

`Number of Referrals in Last 12 Months` is written Ofsted's way for most children: the same value
on each of the child's rows, counting the child's referrals (listed ones, and hidden ones from
before the window) in the 12 months before the child's latest referral. With
`referral_counts="per_row"` each row counts the referrals in the 12 months before its own date
instead; the contract's answer is the same either way. A few rows carry noise (blank, `x`, -1,
1.5, a wrong number) whatever the variant.

Cases whose treatment the contract leaves open (see the ASSUMPTIONs in reference.py) are kept
few: two contacts without a Child Unique ID (the oracle leaves them out of contact_conversion),
one referral without a Child Unique ID (the oracle counts it in re_referrals' denominator only),
one assessment authorised before it started, one CP visit dated before its plan started, a few
Allocated Worker names with a leading space (the oracle trims them). Values with non-breaking
spaces around them (dates, codes, Yes/No) are trimmed by the oracle.

Christmas and Boxing Day fall inside working-day intervals only when the window contains them
(for example end="2025-01").
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path
from typing import Any, Literal

import holidays
import openpyxl
from dateutil.relativedelta import relativedelta

# Allocated Worker -> qualified social worker? (names used in the workbook; `Agency Locum` and
# blank workers also appear and are deliberately not in this mapping).
MESSY_WORKERS: dict[str, bool] = {f"Worker {i:02d}": i % 3 != 0 for i in range(1, 13)}

# (letter, code, label) as in Annex A's source list.
SOURCES = [
    ("a", "1A", "Individual - family member/relative/carer"),
    ("b", "1B", "Individual - acquaintance"),
    ("c", "1C", "Individual - self"),
    ("d", "1D", "Individual - other"),
    ("e", "2A", "Schools"),
    ("f", "2B", "Education services"),
    ("g", "3A", "Health services - GP"),
    ("h", "3B", "Health services - health visitor"),
    ("i", "3C", "Health services - school nurse"),
    ("j", "3D", "Health services - other primary health services"),
    ("k", "3E", "Health services - A&E"),
    ("l", "3F", "Health services - other"),
    ("m", "4", "Housing"),
    ("n", "5A", "LA services - social care"),
    ("o", "5B", "LA services - other internal"),
    ("p", "5C", "LA services - external"),
    ("p1", "5D", "LA services - early help"),
    ("q", "6", "Police"),
    ("r", "7", "Other legal agency"),
    ("s", "8", "Other"),
    ("t", "9", "Anonymous"),
    ("u", "10", "Unknown"),
]

BLANKS: list[Any] = [None, "", " ", "#N/A", "N/A", "-", "\u00a0"]
YES = ["a) Yes", "Yes", "Y", "y", "yes", "TRUE", True, "\u00a0Yes", "a) Yes\u00a0"]
NO = ["b) No", "No", "N", "no", "False", False, "b) No "]
UNKNOWN = ["c) Unknown", None, "#N/A", "Unknown"]
CASE_STATUSES = [
    "a) Looked after child",
    "b) Child Protection plan",
    "c) Child in need plan",
    "Child in need plan",
    "d) Open assessment",
    "e) Closed episode",
    "c) Child in need plan\u00a0",
]
LEGAL_STATUSES = ["C2", "a) C2: Full care order", "C1", "b) C1: Interim care order", "E1", "V2"]
LEGAL_STATUSES += ["J1", "L1", "d) V2: Single period of accommodation under section 20"]
SHORT_BREAKS = ["V3", "V4", "e) V3: Single short break", "V4: Short break agreement", "f) V4"]

# How a date cell is written, with weights. In CSV mode every style becomes ISO text.
DATE_STYLES = {
    "date": 40,  # a real date
    "datetime": 6,  # a real date with a time of day
    "serial": 14,  # an Excel serial number
    "float": 3,  # a serial number as a float
    "dmy": 12,  # 03/05/2024
    "dmy_time": 4,  # 03/05/2024 14:30 or 03/05/2024 14:30:05
    "iso": 8,  # 2024-05-03
    "iso_midnight": 4,  # 2024-05-03 00:00:00
    "iso_t": 4,  # 2024-05-03T09:15:00
    "iso_hm": 2,  # 2024-05-03 09:15
    "nbsp": 3,  # \u00a003/05/2024 + space
    "nbsp_iso": 2,  # \u00a02024-05-03 + space
}
CSV_STYLE = {
    "date": "iso",
    "datetime": "iso_t",
    "serial": "iso",
    "float": "iso_midnight",
    "dmy": "iso",
    "dmy_time": "iso_hm",
    "nbsp": "nbsp_iso",
}
EXCEL_EPOCH = dt.date(1899, 12, 30)
REFERRAL_COUNT = "Number of Referrals in Last 12 Months"
# Noise written instead of the count on a few referral rows.
NOISY_COUNTS: list[Any] = [None, "#N/A", "x", -1, 1.5, 3, "0", 0, " "]
ReferralCounts = Literal["per_child", "per_row"]


def clock(day: dt.date) -> tuple[int, int, int]:
    """A time of day that varies with the date (no random draw, so both modes stay in step)."""
    return (day.day * 7 + day.month) % 24, (day.day * 11) % 60, (day.month * 13) % 60


def date_cell(day: dt.date, style: str) -> Any:
    hour, minute, second = clock(day)
    iso = day.strftime("%Y-%m-%d")
    dmy = day.strftime("%d/%m/%Y")
    serial = (day - EXCEL_EPOCH).days
    if style == "date":
        return dt.datetime(day.year, day.month, day.day)
    if style == "datetime":
        return dt.datetime(day.year, day.month, day.day, hour, minute, second)
    if style == "serial":
        return serial
    if style == "float":
        return float(serial)
    if style == "dmy":
        return dmy
    if style == "dmy_time":
        if day.day % 2:
            return f"{dmy} {hour:02d}:{minute:02d}:{second:02d}"
        return f"{dmy} {hour:02d}:{minute:02d}"
    if style == "iso":
        return iso
    if style == "iso_midnight":
        return f"{iso} 00:00:00"
    if style == "iso_t":
        return f"{iso}T{hour:02d}:{minute:02d}:{second:02d}"
    if style == "iso_hm":
        return f"{iso} {hour:02d}:{minute:02d}"
    if style == "nbsp":
        return f"\u00a0{dmy} "
    if style == "nbsp_iso":
        return f"\u00a0{iso} "
    raise ValueError(style)


COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DIS = "Does the Child have a Disability"
TEAM = "Allocated Team"
WORKER = "Allocated Worker"
EPO = (
    "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months"
    " (Y/N)"
)

HEADERS: dict[int, list[str]] = {
    1: [*COMMON, DIS, "Date of Contact", "Contact Source"],
    2: [
        *COMMON,
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ],
    3: [
        *COMMON,
        DIS,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        TEAM,
        WORKER,
    ],
    4: [
        *COMMON,
        DIS,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        TEAM,
        WORKER,
    ],
    5: [
        *COMMON,
        DIS,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        TEAM,
        WORKER,
    ],
    6: [
        *COMMON,
        DIS,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        TEAM,
        WORKER,
    ],
    7: [
        *COMMON,
        DIS,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        EPO,
        "Number of Previous Child Protection Plans",
        TEAM,
        WORKER,
    ],
    8: [
        *COMMON,
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
        DIS,
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last "
        "12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        TEAM,
        WORKER,
    ],
    9: [
        *COMMON,
        DIS,
        TEAM,
        WORKER,
        "Eligibility Category",
        "LA in Touch",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ],
    10: [
        "Child Unique ID",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        DIS,
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date Placed for Adoption",
        "Date of Adoption Order",
    ],
    11: [
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date application approved",
        "No. of children placed",
    ],
}

# Header drift that the contract's rules must absorb (case, spaces, punctuation, Age, (Y/N)).
FIXED_DRIFT = {
    "Age of Child (Years)": "Age",
    "Date of referral": "Date of Referral",
    "Was the Child Seen Alone?": "Was the child seen alone (Y/N)",
    "Child's Legal Status": "Childs Legal Status",
    "Child Unique ID": "Child unique ID",
}


class _Messy:
    def __init__(
        self,
        end: str,
        seed: int,
        *,
        csv_dates: bool = False,
        referral_counts: ReferralCounts = "per_child",
    ) -> None:
        self.rng = random.Random(seed)
        # Team spellings draw from their own generator, so every other value stays as it was.
        self.team_rng = random.Random(seed * 7919 + 1)
        self.csv_dates = csv_dates  # every date written as ISO text
        self.referral_counts = referral_counts
        # Referrals of a child before the window: not listed, but counted in the field.
        self.hidden_referrals: dict[Any, list[dt.date]] = {}
        year, month = (int(p) for p in end.split("-")[:2])
        last_first = dt.date(year, month, 1)
        self.months: list[tuple[dt.date, dt.date]] = []
        for back in range(5, -1, -1):
            m0 = last_first - relativedelta(months=back)
            m1 = m0 + relativedelta(months=1) - dt.timedelta(days=1)
            self.months.append((m0, m1))
        self.w0 = self.months[0][0]
        self.e1 = self.months[-1][1]
        self.extract = self.e1 + dt.timedelta(days=10)
        self.hol = holidays.country_holidays("GB", subdiv="ENG")
        self.window_holidays = [
            d
            for d in sorted(
                holidays.country_holidays(
                    "GB", subdiv="ENG", years=range(self.w0.year, self.e1.year + 1)
                )
            )
            if self.w0 <= d <= self.e1
        ]
        self.children = [f"C{n:05d}" for n in range(1, 421)]
        self.numeric_children = [900000 + n for n in range(1, 11)]  # IDs written as numbers
        self.people: dict[Any, tuple[Any, Any, Any]] = {}
        self.lists: dict[int, list[dict[str, Any]]] = {n: [] for n in range(1, 12)}

    # -- dates ---------------------------------------------------------------------------------

    def is_wd(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.hol

    def nth_wd_from(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day on or after `day` (so wd(day, result) == n - 1)."""
        found = 0
        while True:
            if self.is_wd(day):
                found += 1
                if found == n:
                    return day
            day += dt.timedelta(days=1)

    def nth_wd_before(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day strictly before `day` (so wd(result, day) == n)."""
        found = 0
        while True:
            day -= dt.timedelta(days=1)
            if self.is_wd(day):
                found += 1
                if found == n:
                    return day

    def rand_date(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.rng.randint(0, max(0, (b - a).days)))

    def cell_date(self, day: dt.date | None) -> Any:
        """A date written in one of DATE_STYLES (ISO text only in CSV mode)."""
        if day is None:
            return self.rng.choice(BLANKS)
        style = self.rng.choices(list(DATE_STYLES), weights=list(DATE_STYLES.values()))[0]
        if self.csv_dates:
            style = CSV_STYLE.get(style, style)
        return date_cell(day, style)

    def any_date(self, value: Any) -> Any:
        """A date through cell_date; anything else (blank, invalid text) as it is."""
        return self.cell_date(value) if isinstance(value, dt.date) else value

    def invalid_date(self) -> str:
        year = self.e1.year
        return self.rng.choice(
            [
                f"31/02/{year}",
                f"{year}-02-30",
                "unknown",
                "TBC",
                f"13/13/{year}",
                f"{year}-13-01",
                "03.05.2024",
            ]
        )

    # -- codes ---------------------------------------------------------------------------------

    def source(self, code: str | None = None) -> Any:
        if code is None:
            code = self.rng.choice(SOURCES)[1]
        letter, _, label = next(s for s in SOURCES if s[1] == code)
        style = self.rng.choices(
            ["prefixed", "bare", "colon", "number", "nbsp"], [50, 20, 10, 10, 10]
        )[0]
        if style == "prefixed":
            return f"{letter}) {code}: {label}"
        if style == "colon":
            return f"{code}: {label}"
        if style == "number" and code.isdigit():
            return int(code)
        if style == "nbsp":
            return f"{code}\u00a0"
        return code

    def yes_no(self, p_yes: float = 0.5, p_unknown: float = 0.1) -> tuple[Any, bool | None]:
        x = self.rng.random()
        if x < p_unknown:
            return self.rng.choice(UNKNOWN), None
        if x < p_unknown + (1 - p_unknown) * p_yes:
            return self.rng.choice(YES), True
        return self.rng.choice(NO), False

    def worker(self) -> Any:
        x = self.rng.random()
        if x < 0.06:
            return self.rng.choice(BLANKS)
        if x < 0.12:
            return "Agency Locum"
        name = self.rng.choice(sorted(MESSY_WORKERS))
        return f" {name}" if x > 0.95 else name

    def team(self, name: str) -> Any:
        """The Allocated Team as systems write it: mostly clean, sometimes blank (any blank
        spelling) or with surrounding (non-breaking) spaces."""
        x = self.team_rng.random()
        if x < 0.06:
            return self.team_rng.choice(BLANKS)
        if x < 0.10:
            return f"  {name} "
        if x < 0.13:
            return f"\u00a0{name}"
        return name

    # -- rows ----------------------------------------------------------------------------------

    def child(self) -> Any:
        if self.rng.random() < 0.04:
            return self.rng.choice(self.numeric_children)
        return self.rng.choice(self.children)

    def common(self, child: Any) -> dict[str, Any]:
        if child not in self.people:
            dob = self.rand_date(
                self.e1 - relativedelta(years=17), self.e1 - relativedelta(days=30)
            )
            gender = self.rng.choice(["a) Male", "b) Female", "Male", "Female", "c) Not stated"])
            ethnicity = self.rng.choice(["a) WBRI", "WBRI", "f) MWBC", "o) BAFR", "AOTH", None])
            self.people[child] = (gender, ethnicity, dob)
        gender, ethnicity, dob = self.people[child]
        age = relativedelta(self.extract, dob).years
        return {
            "Child Unique ID": child,
            "Gender": gender,
            "Ethnicity": ethnicity,
            "Date of Birth": self.cell_date(dob) if self.rng.random() > 0.05 else None,
            "Age of Child (Years)": age,
            DIS: self.rng.choice(["a) Yes", "b) No", "No", "Yes", "c) Unknown"]),
        }

    def add(self, list_number: int, child: Any, fields: dict[str, Any]) -> dict[str, Any]:
        row = self.common(child)
        if list_number in (3, 4, 5, 6, 7, 8):
            row[TEAM] = self.team(
                self.rng.choice(["Team North", "Team South", "Team East", "CWD Team"])
            )
            row[WORKER] = self.worker()
        row.update(fields)
        self.lists[list_number].append(row)
        return row

    # -- List 1 and List 3 -----------------------------------------------------------------------

    def contact(self, child: Any, day: Any, source: Any = None) -> None:
        when = self.cell_date(day) if isinstance(day, dt.date) else day
        self.add(1, child, {"Date of Contact": when, "Contact Source": source or self.source()})

    def referral(self, child: Any, day: Any, count: Any = "auto") -> dict[str, Any]:
        """A List 3 row. `count` "true" is filled in by fill_referral_counts; "auto" is the same
        but sometimes noise instead; any other value is written as it is."""
        if count == "auto" and self.rng.random() < 0.08:
            count = self.rng.choice(NOISY_COUNTS)
        elif count == "auto":
            count = "true"
        row = self.add(
            3,
            child,
            {
                "Date of referral": self.any_date(day),
                "Referral Source": self.source(),
                "Referral NFA?": self.yes_no(0.3)[0],
                REFERRAL_COUNT: None if count == "true" else count,
            },
        )
        row["_day"] = day if isinstance(day, dt.date) else None
        if count == "true":
            row["_count_style"] = self.rng.choice(["int", "int", "int", "text", "float"])
        return row

    def fill_referral_counts(self) -> None:
        """Number of Referrals in Last 12 Months: Ofsted's per-child count (referrals, hidden
        or listed, in [L - 12 months, L) for the child's latest listed referral L) or, in the
        per-row variant, the count before each row's own date."""
        rows_by_child: dict[Any, list[dict[str, Any]]] = {}
        for row in self.lists[3]:
            rows_by_child.setdefault(row["Child Unique ID"], []).append(row)
        # Some children (beyond those set up by hand) had referrals before the window.
        for child, rows in rows_by_child.items():
            listed = [r["_day"] for r in rows if r["_day"] is not None]
            if child in (None, "") or not listed or child in self.hidden_referrals:
                continue
            if self.rng.random() < 0.2:
                latest = max(listed)
                hidden = []
                for _ in range(self.rng.randint(1, 2)):
                    day = latest - dt.timedelta(days=self.rng.randint(20, 500))
                    hidden.append(min(day, self.w0 - dt.timedelta(days=1)))
                self.hidden_referrals[child] = hidden
        for child, rows in rows_by_child.items():
            listed = [r["_day"] for r in rows if r["_day"] is not None]
            every = listed + self.hidden_referrals.get(child, [])

            def before(day: dt.date, every: list[dt.date] = every) -> int:
                start = day - relativedelta(months=12)
                return sum(1 for other in every if start <= other < day)

            no_id = child in (None, "")
            per_child = before(max(listed)) if listed and not no_id else 0
            for row in rows:
                style = row.pop("_count_style", None)
                if style is None:
                    continue
                value = per_child
                if self.referral_counts == "per_row" and row["_day"] is not None and not no_id:
                    value = before(row["_day"])
                row[REFERRAL_COUNT] = {"int": value, "text": str(value), "float": float(value)}[
                    style
                ]

    def contacts_and_referrals(self) -> None:
        for m0, m1 in self.months:
            for _ in range(2):
                self.contact(self.child(), m0)
                self.contact(self.child(), m1)
            for _ in range(32):
                self.contact(self.child(), self.rand_date(m0, m1))
            # Conversion pairs: same day, exactly 5 and 6 working days, referral before contact.
            c = self.nth_wd_from(m0 + dt.timedelta(days=self.rng.randint(0, 14)), 1)
            for k in (1, 6, 7):
                child = self.child()
                self.contact(child, c, self.source("6"))
                self.referral(child, self.nth_wd_from(c, k))
            child = self.child()
            self.contact(child, c + dt.timedelta(days=3))
            self.referral(child, c)
            child = self.child()  # two contacts, one referral converting both
            self.contact(child, c)
            self.contact(child, c + dt.timedelta(days=1), self.source("3A"))
            self.referral(child, self.nth_wd_from(c + dt.timedelta(days=1), 4))
            for _ in range(14):
                self.referral(self.child(), self.rand_date(m0, m1))
            self.referral(self.child(), m0)
            self.referral(self.child(), m1)
        # Bank holidays inside the 5-working-day window, and contacts on the holiday itself.
        for h in self.window_holidays:
            c = self.nth_wd_before(h, 2)
            if c < self.w0:
                c = h
            for k in (6, 7):
                child = self.child()
                self.contact(child, c, self.source("2A"))
                self.referral(child, self.nth_wd_from(c, k))
            child = self.child()
            self.contact(child, h, self.source("1A"))
            self.referral(child, self.nth_wd_from(h, 6))
        # A contact on the window's last day converted by a referral after the window.
        child = self.child()
        self.contact(child, self.e1, self.source("5D"))
        self.referral(child, self.nth_wd_from(self.e1, 3))
        # Blank counts: only another listed referral strictly earlier (not the same day) counts.
        for _ in range(8):
            child = self.rng.choice(self.children)
            first = self.rand_date(self.w0, self.e1 - dt.timedelta(days=60))
            self.referral(child, first, None)
            self.referral(child, first + dt.timedelta(days=self.rng.randint(14, 55)), None)
            self.referral(child, first + dt.timedelta(days=self.rng.randint(14, 55)), "#N/A")
        child = self.rng.choice(self.children)
        same = self.rand_date(self.w0, self.e1)
        self.referral(child, same, None)
        self.referral(child, same, " ")
        # Count says 0 although an earlier listed referral exists: the list still shows it.
        child = self.rng.choice(self.children)
        self.referral(child, self.months[1][0], 0)
        self.referral(child, self.months[3][0] + dt.timedelta(days=4), 0)
        self.hidden_and_listed_referrals()
        # Implausible dates: they must move neither the coverage start nor the last date.
        self.contact(self.child(), dt.date(2031, 3, 14), self.source("6"))
        self.contact(self.child(), dt.date(1985, 6, 3), self.source("1A"))
        # Rows lacking fields.
        self.contact(None, self.rand_date(self.w0, self.e1), self.source("6"))
        self.contact("", self.rand_date(self.w0, self.e1))
        for _ in range(3):
            self.contact(self.child(), self.invalid_date())
        self.contact(self.child(), None)
        self.contact(self.child(), "#N/A")
        for bad in (None, "#N/A", "99", "Police dept", " ", "11: Unknown", "zz"):
            self.contact(self.child(), self.rand_date(self.w0, self.e1), bad)
        self.referral(None, self.rand_date(self.w0, self.e1), 1)
        self.referral(self.child(), self.invalid_date())

    def hidden_and_listed_referrals(self) -> None:
        """Children whose earlier referrals precede the window (fresh IDs R001...)."""
        m = self.months
        ids = iter(f"R{n:03d}" for n in range(1, 100))

        def child_with(hidden: list[dt.date]) -> str:
            child = next(ids)
            self.hidden_referrals[child] = hidden
            return child

        # Like the worked example's child 6: a hidden referral within 12 months of both.
        child = child_with([self.w0 - dt.timedelta(days=20)])
        self.referral(child, self.rand_date(*m[1]), "true")
        self.referral(child, self.rand_date(*m[4]), "true")
        # Hidden referral exactly 12 months before L (inside [L - 12 months, L)) and a day
        # earlier than that (outside): one listed referral each.
        latest = self.rand_date(*m[5])
        self.referral(child_with([latest - relativedelta(months=12)]), latest, "true")
        hidden = latest - relativedelta(months=12) - dt.timedelta(days=1)
        self.referral(child_with([hidden]), latest, "true")
        # Hidden referral 5 months before the window: within 12 months of L (month 6), so
        # every listed referral is a re-referral, even the first.
        child = child_with([self.w0 - relativedelta(months=5)])
        self.referral(child, self.rand_date(*m[0]), "true")
        self.referral(child, self.rand_date(*m[5]), "true")
        # Like child 7: nothing hidden; the field adds nothing to the list.
        child = child_with([])
        self.referral(child, self.rand_date(*m[2]), "true")
        self.referral(child, self.rand_date(*m[3]), "true")
        # A hidden referral, but the rows dated L are blank or invalid: no field evidence.
        child = child_with([self.w0 - dt.timedelta(days=40)])
        self.referral(child, self.rand_date(*m[1]), "true")
        latest = self.rand_date(*m[4])
        self.referral(child, latest, None)
        self.referral(child, latest, "x")
        # Two rows on L: one invalid, one with the true count (the valid one decides).
        child = child_with([self.w0 - dt.timedelta(days=90), self.w0 - dt.timedelta(days=400)])
        latest = self.rand_date(*m[3])
        self.referral(child, latest, -1)
        self.referral(child, latest, "true")
        # The count on an earlier row only (L's row blank): no field evidence.
        child = child_with([self.w0 - dt.timedelta(days=10)])
        self.referral(child, self.rand_date(*m[0]), 3)
        self.referral(child, self.rand_date(*m[2]), "#N/A")

    # -- List 2 ----------------------------------------------------------------------------------

    def early_help(self) -> None:
        def add(day: Any) -> None:
            start = day if isinstance(day, dt.date) else None
            done = None
            if start is not None and self.rng.random() < 0.6:
                done = start + dt.timedelta(days=self.rng.randint(0, 90))
                done = done if done <= self.extract else None
            self.add(
                2,
                self.child(),
                {
                    "Assessment start date": self.cell_date(day) if start else day,
                    "Assessment completion date": self.cell_date(done),
                    "Organisation completing assessment": self.rng.choice(
                        ["School", "Health visitor", "Children's centre", "\u00a0LA EH team"]
                    ),
                },
            )

        for m0, m1 in self.months:
            add(m0)
            add(m1)
            for _ in range(22):
                add(self.rand_date(m0, m1))
        add(self.invalid_date())
        add(None)
        add("N/A")
        # Work started well before List 1's first contact (coverage still starts at List 1).
        add(self.w0 - relativedelta(months=5))
        add(self.w0 - dt.timedelta(days=40))

    # -- List 4 ----------------------------------------------------------------------------------

    def assessment(self, start: Any, authorised: Any) -> None:
        seen = self.yes_no(0.9)[0]
        self.add(
            4,
            self.child(),
            {
                "Continuous Assessment Start Date": (
                    self.cell_date(start) if isinstance(start, dt.date) else start
                ),
                "Child Seen During Continuous Assessment": seen,
                "Continuous Assessment Date of Authorisation": (
                    self.cell_date(authorised) if isinstance(authorised, dt.date) else authorised
                ),
                "Was the child assessed as requiring LA children's social care support?": (
                    self.yes_no(0.6)[0]
                ),
            },
        )

    def assessments(self) -> None:
        for _ in range(150):
            start = self.rand_date(self.w0, self.e1)
            authorised = self.nth_wd_from(start, self.rng.randint(1, 62))
            self.assessment(start, authorised if authorised <= self.e1 else None)
        starts = [self.nth_wd_from(self.w0 + dt.timedelta(days=d), 1) for d in (0, 9, 20, 33)]
        starts += [self.nth_wd_before(h, 20) for h in self.window_holidays]
        for start in starts:  # exactly 45 (in) and 46 (out) working days
            for k in (46, 47):
                authorised = self.nth_wd_from(start, k)
                if start >= self.w0 and authorised <= self.e1:
                    self.assessment(start, authorised)
        for m0, m1 in self.months:
            start = self.nth_wd_before(m1, 30)
            if start >= self.w0:
                self.assessment(start, m1)  # authorised on the month's last day
            same = self.rand_date(m0, m1)
            self.assessment(same, same)  # same day: 0 working days
        later = self.rand_date(self.months[2][0], self.e1)
        self.assessment(later, later - dt.timedelta(days=3))  # authorised before it started
        self.assessment(None, self.rand_date(self.w0, self.e1))  # start blank
        self.assessment("#N/A", self.rand_date(self.w0, self.e1))
        self.assessment(self.invalid_date(), self.rand_date(self.w0, self.e1))
        self.assessment(self.rand_date(self.w0, self.e1), self.invalid_date())
        # Started well before the window (one authorised inside it, one still open).
        self.assessment(self.w0 - relativedelta(months=4), self.nth_wd_from(self.w0, 3))
        self.assessment(self.w0 - dt.timedelta(days=70), None)

    # -- List 5 ----------------------------------------------------------------------------------

    def s47(self, strategy: Any, icpc: Any) -> None:
        unnecessary = self.yes_no(0.2)[0] if icpc is None else self.rng.choice(NO + [None])
        self.add(
            5,
            self.child(),
            {
                "Strategy discussion initiating Section 47 Enquiry Start Date": (
                    self.cell_date(strategy) if isinstance(strategy, dt.date) else strategy
                ),
                "Was an Initial Child Protection Conference deemed unnecessary?": unnecessary,
                "Date of Initial Child Protection Conference": (
                    self.cell_date(icpc) if isinstance(icpc, dt.date) else icpc
                ),
                "Did the Initial Child Protection Conference Result in a Child Protection Plan": (
                    self.yes_no(0.7)[0] if icpc is not None else None
                ),
                "Number of Section 47 Enquiries in the last 12 months": self.rng.randint(0, 3),
                "Number of ICPCs in the last 12 months": self.rng.randint(0, 2),
            },
        )

    def s47s(self) -> None:
        for _ in range(110):
            strategy = self.rand_date(self.w0, self.e1)
            icpc = None
            if self.rng.random() < 0.55:
                icpc = self.nth_wd_from(strategy, self.rng.randint(1, 26))
                icpc = icpc if icpc <= self.e1 else None
            self.s47(strategy, icpc)
        starts = [self.nth_wd_from(m0 + dt.timedelta(days=5), 1) for m0, _ in self.months[:-1]]
        starts += [self.nth_wd_before(h, 6) for h in self.window_holidays]
        for strategy in starts:  # exactly 15 (in) and 16 (out) working days
            for k in (16, 17):
                icpc = self.nth_wd_from(strategy, k)
                if strategy >= self.w0 and icpc <= self.e1:
                    self.s47(strategy, icpc)
        for m0, m1 in self.months:
            strategy = self.nth_wd_before(m0, 8)
            if strategy >= self.w0:
                self.s47(strategy, m0)  # ICPC on the 1st
            same = self.rand_date(m0, m1)
            self.s47(same, same)
        for _ in range(3):  # ICPC dated before its strategy discussion
            strategy = self.rand_date(self.months[1][0], self.e1)
            self.s47(strategy, strategy - dt.timedelta(days=self.rng.randint(1, 12)))
        self.s47(None, self.rand_date(self.w0, self.e1))
        self.s47("#N/A", self.rand_date(self.w0, self.e1))
        self.s47(self.rand_date(self.w0, self.e1), self.invalid_date())
        # Strategy discussions well before the window (one ICPC inside it).
        self.s47(self.w0 - relativedelta(months=3), None)
        self.s47(self.w0 - dt.timedelta(days=20), self.nth_wd_from(self.w0, 2))

    # -- List 6 ----------------------------------------------------------------------------------

    def cin(self, child: Any, start: Any, closure: Any) -> None:
        closed = closure is not None
        self.add(
            6,
            child,
            {
                "CIN Start Date": self.cell_date(start) if isinstance(start, dt.date) else start,
                "Primary Need Code": self.rng.choice(["N1", "a) N1: Abuse or neglect", "N4", "N5"]),
                "Date Child Was Last Seen": self.cell_date(
                    self.rand_date(self.e1 - dt.timedelta(days=60), self.extract)
                ),
                "CIN Closure Date": (
                    closure if isinstance(closure, str) else self.cell_date(closure)
                ),
                "Reason for Closure": self.rng.choice(["RC7", "RC8", "g) RC7"]) if closed else None,
                "Case Status": self.rng.choice(CASE_STATUSES),
            },
        )

    def cin_episodes(self) -> None:
        for _ in range(250):
            start = self.rand_date(self.e1 - relativedelta(years=3), self.e1)
            closure = None
            if self.rng.random() < 0.45:
                closure = self.rand_date(max(start, self.w0), self.extract)
            self.cin(self.child(), start, closure)
        for m0, m1 in self.months:
            self.cin(self.child(), m0 - relativedelta(months=7), m1)  # closed on M1: not open
            self.cin(self.child(), m1, None)  # starts on M1: open
            self.cin(self.child(), m0 - relativedelta(months=3), m1 + dt.timedelta(days=1))
        self.cin(self.child(), self.e1 + dt.timedelta(days=2), None)  # starts after the window
        self.cin(self.child(), None, None)
        self.cin(self.child(), self.invalid_date(), None)
        child = self.rng.choice(self.children)  # closed episode then a new one
        self.cin(child, self.e1 - relativedelta(years=1), self.months[1][0])
        self.cin(child, self.months[2][0], None)
        child = self.rng.choice(self.children)  # two overlapping open episodes
        self.cin(child, self.e1 - relativedelta(months=10), None)
        self.cin(child, self.e1 - relativedelta(months=4), None)
        # cin_closed: episodes closed on each month's first day, mid-month and before/after
        # the window, with ISO text closures, without a Child Unique ID, or with a bad date.
        for index, (m0, m1) in enumerate(self.months):
            self.cin(self.child(), m0 - relativedelta(months=2), m0)
            middle = self.rand_date(m0, m1)
            closure = date_cell(middle, "iso_t" if index % 2 else "iso_midnight")
            self.cin(self.child(), middle - dt.timedelta(days=50), closure)
        self.cin(self.child(), self.w0 - relativedelta(months=9), self.w0 - dt.timedelta(days=1))
        self.cin(self.child(), self.w0, self.e1 + dt.timedelta(days=5))
        self.cin(None, self.w0 - relativedelta(months=3), self.rand_date(self.w0, self.e1))
        self.cin(self.child(), self.w0 - relativedelta(months=3), self.invalid_date())

    # -- List 7 ----------------------------------------------------------------------------------

    def cp(
        self,
        child: Any,
        start: Any,
        end: dt.date | None = None,
        visit: Any = "random",
        previous: Any = "random",
    ) -> None:
        if visit == "random":
            x = self.rng.random()
            if x < 0.1 or not isinstance(start, dt.date):
                visit = None
            elif x < 0.16:
                visit = self.rand_date(self.e1 + dt.timedelta(days=1), self.extract)
            else:
                low = max(start, self.e1 - dt.timedelta(days=50))
                visit = self.rand_date(low, max(low, min(end or self.e1, self.e1)))
        if previous == "random":
            previous = self.rng.choice([0, 0, 0, 1, 2, 3, None, "x", -1, "2", 2.0, "#N/A", "0"])
        abuse = ["a) Neglect", "NEG", "d) Emotional", "b) Physical", "e) Multiple"]
        self.add(
            7,
            child,
            {
                "Child Protection Plan Start Date": (
                    self.cell_date(start) if isinstance(start, dt.date) else start
                ),
                "Initial Category of Abuse": self.rng.choice(abuse),
                "Latest Category of Abuse": self.rng.choice(abuse),
                "Date of the Last Statutory Visit": (
                    self.cell_date(visit) if isinstance(visit, dt.date) else visit
                ),
                "Was the Child Seen Alone?": self.yes_no(0.55, 0.15)[0],
                "Date of latest review conference": None,
                "Child Protection Plan End Date": self.cell_date(end),
                EPO: self.rng.choice(["b) No", "N", "a) Yes"]),
                "Number of Previous Child Protection Plans": previous,
            },
        )

    def cp_plans(self) -> None:
        for _ in range(120):
            start = self.rand_date(self.e1 - relativedelta(years=3), self.e1)
            end = None
            if self.rng.random() < 0.35:
                end = self.rand_date(max(start, self.w0), self.extract)
            self.cp(self.child(), start, end)
        for m0, m1 in self.months:  # plans starting in each month, odd previous-plan counts
            for previous in (None, "x", -1, 0, 2, 1, "3", 2.0, "#N/A", 0, "0", 1.5):
                self.cp(self.child(), self.rand_date(m0, m1), None, previous=previous)
            self.cp(self.child(), m0)
            self.cp(self.child(), m1)
        for _, m1 in (self.months[2], self.months[-1]):  # duration boundaries
            two = m1 - relativedelta(years=2)
            eighteen = m1 - relativedelta(months=18)
            for start in (two, two + dt.timedelta(days=1), eighteen, eighteen + dt.timedelta(1)):
                self.cp(self.child(), start, None)
        e1 = self.e1  # visit boundaries for the last month: exactly 20 and 21 working days
        for n in (20, 20, 21, 21):
            start = e1 - relativedelta(months=self.rng.randint(2, 30))
            self.cp(self.child(), start, None, visit=self.nth_wd_before(e1, n))
        for _ in range(3):  # visit after the month end: the plan start is used instead
            self.cp(self.child(), self.nth_wd_before(e1, 10), None, visit=e1 + dt.timedelta(3))
        self.cp(self.child(), self.nth_wd_before(e1, 25), None, visit=e1 + dt.timedelta(2))
        self.cp(self.child(), self.nth_wd_before(e1, 19), None, visit=None)
        self.cp(self.child(), e1, None, visit=e1)  # plan starts on M1 and visited that day
        self.cp(self.child(), e1 - dt.timedelta(days=40), None, visit=e1 - dt.timedelta(60))
        self.cp(self.child(), e1 - dt.timedelta(days=20), None, visit="#N/A")
        self.cp(self.child(), e1 - dt.timedelta(days=30), None, visit=self.invalid_date())
        child = self.rng.choice(self.children)  # ended plan, then a new plan
        self.cp(child, e1 - relativedelta(years=1), self.months[1][0] + dt.timedelta(days=9))
        self.cp(child, self.months[3][0] + dt.timedelta(days=2), None)
        child = self.rng.choice(self.children)  # two open plans (old and new)
        self.cp(child, e1 - relativedelta(years=2, months=3), None)
        self.cp(child, e1 - relativedelta(months=2), None)
        self.cp(self.child(), None, None)
        for m0, m1 in self.months:  # ends on M1 (not open at M1) and the day after
            self.cp(self.child(), m0 - relativedelta(months=5), m1)
            self.cp(self.child(), m0 - relativedelta(months=5), m1 + dt.timedelta(days=1))

    # -- List 8 ----------------------------------------------------------------------------------

    def lac(
        self,
        child: Any,
        start: Any,
        end: dt.date | None = None,
        legal: Any = None,
        health: Any = "random",
        dental: Any = "random",
        dob: Any = "random",
    ) -> None:
        e1 = self.e1
        year_ago = e1 - relativedelta(months=12)

        def check(value: Any) -> Any:
            if value != "random":
                return self.cell_date(value) if isinstance(value, dt.date) else value
            x = self.rng.random()
            if x < 0.12:
                return self.rng.choice(BLANKS)
            if x < 0.75:
                return self.cell_date(self.rand_date(year_ago + dt.timedelta(days=1), e1))
            if x < 0.93:
                return self.cell_date(self.rand_date(year_ago - relativedelta(years=2), year_ago))
            return self.cell_date(self.rand_date(e1 + dt.timedelta(days=1), self.extract))

        if legal is None:
            legal = self.rng.choice(LEGAL_STATUSES)
        row = self.add(
            8,
            child,
            {
                "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)": (
                    self.rng.choice(["b) No", "N", "No", "a) Yes"])
                ),
                "Date Started to be Looked After": (
                    self.cell_date(start) if isinstance(start, dt.date) else start
                ),
                "Child's Category of Need": self.rng.choice(["N1", "a) N1", "N4", "N2"]),
                "Is this a second or subsequent period of being a Looked After Child within the "
                "last 12 months (Y/N)": self.rng.choice(["b) No", "N", "a) Yes"]),
                "Start date of current legal status": (
                    self.cell_date(start) if isinstance(start, dt.date) else None
                ),
                "Child's Legal Status": legal,
                "Date of Latest Statutory Review": self.cell_date(
                    self.rand_date(e1 - dt.timedelta(days=180), e1)
                ),
                "Date of Last Social Work Visit": self.cell_date(
                    self.rand_date(e1 - dt.timedelta(days=60), self.extract)
                ),
                "What is the permanence plan for this child?": self.rng.choice(
                    ["a) Return to family", "f) Long-term fostering", "b) Adoption", None]
                ),
                "Date of Last IRO Visit / Contact to the Child": None,
                "Date of Last Health Assessment": check(health),
                "Date of Last Dental Check": check(dental),
                "Number of Placements in the Last 12 months": self.rng.randint(1, 4),
                "Date Ceased to be Looked After": self.cell_date(end),
                "Reason Ceased to be Looked After": self.rng.choice(["E4A", "E13", "E8"])
                if end
                else None,
                "Start Date of Most Recent Placement": self.cell_date(start)
                if isinstance(start, dt.date)
                else None,
                "Placement Type": self.rng.choice(["U4", "U1", "K2", "R1", "P1"]),
                "Placement Provider": self.rng.choice(["PR1", "PR4", "PR5"]),
                "Placement postcode": self.rng.choice(["NR1 1AA", "IP1 2BB", "PE30 3CC"]),
                "URN of Placement": None,
                "Placement Location": self.rng.choice(["In", "Out"]),
                "LA of Placement": self.rng.choice(["926", "935", "NIR"]),
            },
        )
        if dob != "random":
            row["Date of Birth"] = self.any_date(dob)

    def lac_episodes(self) -> None:
        e1 = self.e1
        for _ in range(190):
            start = self.rand_date(e1 - relativedelta(years=6), e1)
            end = (
                self.rand_date(max(start, self.w0), self.extract)
                if self.rng.random() < 0.2
                else None
            )
            self.lac(self.child(), start, end)
        for _ in range(14):  # short breaks
            start = self.rand_date(e1 - relativedelta(years=3), e1)
            self.lac(self.child(), start, None, legal=self.rng.choice(SHORT_BREAKS))
        year_ago = e1 - relativedelta(months=12)
        for start in (year_ago, year_ago + dt.timedelta(days=1)):  # cohort boundary
            self.lac(self.child(), start, None, legal="C2", health=e1, dental=e1)
        for day in (year_ago, year_ago + dt.timedelta(days=1), e1, e1 + dt.timedelta(days=3)):
            start = e1 - relativedelta(years=3)
            self.lac(self.child(), start, None, legal="C2", health=day, dental=day)
        self.lac(self.child(), e1 - relativedelta(years=2), None, health="#N/A", dental=None)
        self.lac(self.child(), e1 - relativedelta(years=2), None, health=self.invalid_date())
        child = self.rng.choice(self.children)  # ceased, then looked after again
        self.lac(child, e1 - relativedelta(years=2), self.months[1][0] + dt.timedelta(days=5))
        self.lac(child, self.months[3][0] + dt.timedelta(days=6), None, legal="C1")
        child = self.rng.choice(self.children)  # short break and care order both open
        self.lac(child, e1 - relativedelta(years=2), None, legal="V3")
        self.lac(child, e1 - relativedelta(months=8), None, legal="a) C2: Full care order")
        self.lac(self.child(), e1 - relativedelta(years=2), None, legal="V4")
        for m0, m1 in self.months:  # ceased on M1 (not open) and starting on M1 (open)
            self.lac(self.child(), m0 - relativedelta(years=1), m1)
            self.lac(self.child(), m1, None)
        self.lac(self.child(), None, None)
        self.lac(self.child(), e1 + dt.timedelta(days=4), None)
        self.health_by_age()

    def health_by_age(self) -> None:
        """Health assessments under the 6-month (under 5) and 12-month rules (IDs H001...)."""
        e1 = self.e1
        ids = iter(f"H{n:03d}" for n in range(1, 100))
        six = e1 - relativedelta(months=6)
        aged_3 = e1 - relativedelta(years=3, months=2)
        aged_8 = e1 - relativedelta(years=8)
        turns_5_on_m1 = e1 - relativedelta(years=5)  # 5 at M1: the 12-month rule
        turns_5_after_m1 = turns_5_on_m1 + dt.timedelta(days=1)  # still 4 at M1

        def child(dob: Any, health: Any) -> None:
            start = e1 - relativedelta(years=2)
            self.lac(next(ids), start, None, legal="C2", health=health, dental=e1, dob=dob)

        for months_old in (7, 8, 9, 10, 11):  # under 5: not up to date; 8 years old: up to date
            child(aged_3, e1 - relativedelta(months=months_old))
            child(aged_8, e1 - relativedelta(months=months_old))
        child(aged_3, six)  # exactly 6 months: outside (M1 - 6 months, M1]
        child(aged_3, six + dt.timedelta(days=1))
        child(aged_3, e1 - relativedelta(months=2))
        child(turns_5_on_m1, e1 - relativedelta(months=8))
        child(turns_5_after_m1, e1 - relativedelta(months=8))
        for dob in (None, "#N/A", "TBC", f"31/02/{e1.year - 3}"):  # no valid DOB: 12 months
            child(dob, e1 - relativedelta(months=9))

    # -- Lists 9-11 --------------------------------------------------------------------------------

    def others(self) -> None:
        for _ in range(5):
            self.add(
                9,
                self.child(),
                {
                    "Eligibility Category": self.rng.choice(["a) Relevant", "b) Former relevant"]),
                    "LA in Touch": self.rng.choice(["a) Yes", "b) No"]),
                    "Type of Accommodation": "D",
                    "Suitability of Accommodation": "a) Suitable",
                    "Activity Status": "F2",
                },
            )
        for n in range(4):
            self.lists[10].append(
                {
                    "Child Unique ID": self.child(),
                    "Family identifier": f"F{n:03d}",
                    "Gender": "b) Female",
                    "Date the Child Entered Care": self.cell_date(self.e1 - relativedelta(years=2)),
                    "Date of Decision that Child Should be Placed for Adoption": self.cell_date(
                        self.e1 - relativedelta(years=1)
                    ),
                    "Date Placed for Adoption": self.cell_date(self.rand_date(self.w0, self.e1)),
                }
            )
        for n in range(3):
            self.lists[11].append(
                {
                    "Individual adopter identifier": f"A{n:03d}",
                    "Family identifier": f"F{n:03d}",
                    "Is the (prospective) adopter fostering for adoption?": "b) No",
                    "Date enquiry received": self.cell_date(self.rand_date(self.w0, self.e1)),
                    "No. of children placed": n % 2,
                }
            )

    # -- writing ---------------------------------------------------------------------------------

    def drift(self, header: str) -> str:
        if header in FIXED_DRIFT:
            return FIXED_DRIFT[header]
        variants = [
            header,
            header.lower(),
            header.upper(),
            f"{header} ",
            f"\u00a0{header}",
            header.replace("'", "").replace("?", ""),
            header.replace(" ", "  ", 1),
            header.title(),
        ]
        return self.rng.choice(variants)

    def build(self) -> None:
        self.contacts_and_referrals()
        self.early_help()
        self.assessments()
        self.s47s()
        self.cin_episodes()
        self.cp_plans()
        self.lac_episodes()
        self.others()
        self.fill_referral_counts()

    def sheets(self) -> dict[str, list[list[Any]]]:
        """Sheet name -> rows (headers first), with duplicates, blank rows and header drift."""
        result = {}
        for number in range(1, 12):
            headers = HEADERS[number]
            rows = [[row.get(h) for h in headers] for row in self.lists[number]]
            if number <= 8:
                for row in self.rng.sample(rows, 3):
                    rows.append(list(row))  # exact duplicates
                self.rng.shuffle(rows)
                for _ in range(2):
                    rows.insert(self.rng.randrange(len(rows)), [None] * len(headers))
                blank_ish = [self.rng.choice(["", " ", "\u00a0", None]) for _ in headers]
                rows.insert(self.rng.randrange(len(rows)), blank_ish)
            result[f"List {number}"] = [[self.drift(h) for h in headers], *rows]
        return result

    def write(self, path: str | Path) -> None:
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for name, rows in self.sheets().items():
            sheet = workbook.create_sheet(name)
            for row in rows:
                sheet.append(row)
        workbook.save(path)

    def write_csv(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in self.sheets().items():
            with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8-sig") as handle:
                csv.writer(handle).writerows(rows)


def write_messy_annex_a(
    path: str | Path,
    *,
    end: str = "2024-09",
    seed: int = 1,
    referral_counts: ReferralCounts = "per_child",
) -> None:
    """Write a small messy Annex A workbook covering the 6 whole months ending with `end`."""
    messy = _Messy(end, seed, referral_counts=referral_counts)
    messy.build()
    messy.write(path)


def write_messy_csv_folder(
    folder: str | Path,
    *,
    end: str = "2024-09",
    seed: int = 1,
    referral_counts: ReferralCounts = "per_child",
) -> Path:
    """The same data as write_messy_annex_a (same end and seed) as `List 1.csv` ... `List 11.csv`
    in `folder`, every date written as ISO text (some with a time part)."""
    messy = _Messy(end, seed, csv_dates=True, referral_counts=referral_counts)
    messy.build()
    messy.write_csv(folder)
    return Path(folder)
