"""Synthetic Ofsted Annex A and input workbooks for the demo, tests and benchmarks.

Everything here is invented from a seed: child IDs, worker names, dates and postcodes never come
from real records. The Annex A workbook imitates the structure, volumes and everyday messiness of
real local-authority extracts (prefixed and bare codes, serial and text dates, `#N/A`, duplicate
and blank rows, header drift, formulas) so that readers and indicators meet realistic input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter

from .calendar import busday_calendar
from .indicators.catalogue import SECTIONS
from .inputs.annex_a_spec import ANNEX_A_HEADERS, DISABILITY_HEADER
from .settings import SETTING_LABEL, Timescales

__all__ = [
    "HEADERS",
    "SCALES",
    "Scale",
    "synthesise_annex_a",
    "synthesise_input_workbook",
    "worker_names",
    "worker_register",
]


@dataclass(frozen=True)
class Scale:
    """Volumes of one synthetic authority (CP plans follow from the referral stream)."""

    contacts_per_month: int
    workers: int  # allocated workers used: the first `workers` names of worker_names(seed)
    cin_legacy: int  # long-running CIN plan cases opened before the event stream
    lac_open: int  # children looked after at the window start
    care_leavers: int  # care leavers who are not in List 8
    eh_per_month: int  # early help assessments started per month
    adoption: int  # List 10 children
    adopter_families: int  # List 11 families (1-2 adopters each)


SCALES: dict[str, Scale] = {
    "small": Scale(300, 24, 100, 95, 45, 35, 8, 8),
    "county": Scale(3000, 80, 1000, 950, 450, 350, 70, 70),
    "large": Scale(11000, 240, 3700, 3500, 1650, 1280, 250, 250),
}

MAX_WORKERS = 240
_DAY = np.timedelta64(1, "D")
_EPOCH = np.datetime64("1899-12-30", "D")
_NAT = np.datetime64("NaT", "D")
_NBSP = "\xa0"
_PLACEHOLDERS = ("#N/A", "N/A", "-")

# ----------------------------------------------------------------------------------------------
# Code lists (annex_a.md 1.5)


def _words(text: str) -> list[str]:
    """Split a long literal word list kept compact in the source."""
    return text.split()


@dataclass(frozen=True)
class _Codes:
    """A code list: the usual Annex A spelling of each code plus bare spellings seen in extracts."""

    canonical: tuple[str, ...]
    plain: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.canonical)


def _code_label(items: Sequence[tuple[str, str, str]]) -> _Codes:
    """`q) 6: Police` style; the bare spelling is the code (`6`)."""
    return _Codes(tuple(f"{a}) {c}: {b}" for a, c, b in items), tuple((c,) for _, c, _ in items))


def _label(items: Sequence[tuple[str, str]]) -> _Codes:
    """`b) Female` style; the bare spelling is the label (`Female`)."""
    return _Codes(tuple(f"{a}) {b}" for a, b in items), tuple((b,) for _, b in items))


def _bare(items: Sequence[tuple[str, str]]) -> _Codes:
    """Bare codes (`C2`); the variant carries the label (`C2: Full care order`)."""
    return _Codes(tuple(c for c, _ in items), tuple((f"{c}: {b}",) for c, b in items))


_SOURCES = _code_label(
    [
        ("a", "1A", "Individual - Family member/relative/carer"),
        ("b", "1B", "Individual - Acquaintance (including neighbours and child minders)"),
        ("c", "1C", "Individual - Self"),
        ("d", "1D", "Individual - Other (including strangers, MPs)"),
        ("e", "2A", "Schools"),
        ("f", "2B", "Education services"),
        ("g", "3A", "Health services - GP"),
        ("h", "3B", "Health services - Health visitor"),
        ("i", "3C", "Health services - School nurse"),
        ("j", "3D", "Health services - Other primary health services"),
        ("k", "3E", "Health services - A&E"),
        ("l", "3F", "Health services - Other"),
        ("m", "4", "Housing"),
        ("n", "5A", "LA services - Social care"),
        ("o", "5B", "LA services - Other internal"),
        ("p", "5C", "LA services - External"),
        ("p1", "5D", "LA services - Early help"),
        ("q", "6", "Police"),
        ("r", "7", "Other legal agency"),
        ("s", "8", "Other"),
        ("t", "9", "Anonymous"),
        ("u", "10", "Unknown"),
    ]
)
_SOURCE_CODES = [p[0] for p in _SOURCES.plain]
# Share of contacts per source (police ~30%, schools ~17%, health ~15%, individuals ~18%).
_SOURCE_MIX = np.array(
    [9, 2, 3, 4, 15, 2, 3, 2.5, 1, 2, 4, 2.5, 3.5, 1, 1, 2.5, 1, 30, 2.5, 6, 2, 0.5], dtype=float
)
_SOURCE_MIX /= _SOURCE_MIX.sum()
# Probability that a contact from the source becomes a referral (overall about 29%).
_CONVERSION = np.array(
    [.30, .25, .30, .22, .35, .30, .35, .40, .35, .35, .32, .35, .25, .45, .35, .40, .45, .24, .35,
     .28, .12, .20]
)  # fmt: skip
_SCHOOL = np.isin(_SOURCE_CODES, ["2A", "2B", "3C"])
_INDIVIDUAL = np.isin(_SOURCE_CODES, ["1A", "1B", "1C", "1D"])
_UNKNOWN_SOURCES = ("99", "x) 11: Other agency", "Pol", "z) 12: Anonymous (legacy)", "0")

_GENDER = _label([("a", "Male"), ("b", "Female"), ("c", "Not stated/recorded"), ("d", "Neither")])
_GENDER_P = np.array([0.505, 0.485, 0.007, 0.003])
_ETHNIC_CODES = _words(
    "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH "
    "REFU NOBT"
)
_ETHNICITY = _Codes(
    tuple(f"{chr(97 + i)}) {c}" for i, c in enumerate(_ETHNIC_CODES)),
    tuple((c,) for c in _ETHNIC_CODES),
)
_ETHNIC_P = np.array(
    [77, 0.3, 0.2, 5, 0.5, 1.8, 0.8, 0.8, 1.5, 0.6, 0.5, 0.3, 0.5, 0.4, 1.5, 0.4, 0.2, 1, 1, 5.9],
    dtype=float,
)
_ETHNIC_P /= _ETHNIC_P.sum()
_UASC_ETHNIC_P = np.zeros(len(_ETHNIC_CODES))
_UASC_ETHNIC_P[[_ETHNIC_CODES.index(c) for c in ("AOTH", "BAFR", "BOTH", "OOTH", "WOTH")]] = [
    0.3, 0.3, 0.1, 0.2, 0.1
]  # fmt: skip
_YESNO = _Codes(
    ("a) Yes", "b) No", "c) Unknown"), (("Yes", "Y", "yes"), ("No", "N", "no"), ("Unknown",))
)
_YES, _NO, _UNKNOWN = 0, 1, 2
_NEED = _bare(
    [
        ("N0", "Not stated"),
        ("N1", "Abuse or neglect"),
        ("N2", "Child's disability"),
        ("N3", "Parental disability or illness"),
        ("N4", "Family in acute stress"),
        ("N5", "Family dysfunction"),
        ("N6", "Socially unacceptable behaviour"),
        ("N7", "Low income"),
        ("N8", "Absent parenting"),
        ("N9", "Cases other than children in need"),
    ]
)
_NEED_P = np.array([0.4, 55, 9, 5, 10, 14, 2, 0.5, 2, 2.1]) / 100
_CLOSURE = _bare(
    [
        ("RC1", "Adopted"),
        ("RC2", "Died"),
        ("RC3", "Child arrangements order"),
        ("RC4", "Special guardianship order"),
        ("RC5", "Transferred to services of another local authority"),
        ("RC6", "Transferred to adult social care services"),
        ("RC7", "Services ceased for any other reason, including child no longer in need"),
        ("RC8", "Case closed after assessment, no further action"),
        ("RC9", "Case closed after assessment, referred to early help"),
    ]
)
_CASE_STATUS = _label(
    [
        ("a", "Looked after child"),
        ("b", "Child Protection plan"),
        ("c", "Child in need plan"),
        ("d", "Open assessment"),
        ("e", "Closed episode"),
    ]
)
_ABUSE = _label(
    [("a", "Neglect"), ("b", "Physical"), ("c", "Sexual"), ("d", "Emotional"), ("e", "Multiple")]
)
_ABUSE_P = np.array([0.50, 0.07, 0.04, 0.36, 0.03])
_LEGAL = _bare(
    [
        ("C1", "Interim care order"),
        ("C2", "Full care order"),
        ("E1", "Placement order granted"),
        ("V2", "Single period of accommodation under section 20"),
        ("V3", "Accommodated under an agreed series of short-term breaks (episodes)"),
        ("V4", "Accommodated under an agreed series of short-term breaks (agreements)"),
        ("L1", "Under police protection"),
        ("L2", "Emergency protection order"),
        ("J1", "Remanded to local authority accommodation"),
        ("J2", "Placed in local authority accommodation under PACE"),
        ("J3", "Sentenced to youth rehabilitation order"),
    ]
)
_LEGAL_P = np.array([10, 58, 7, 14, 1, 3.5, 0.2, 0.2, 0.3, 0.2, 0.2], dtype=float)
_LEGAL_P /= _LEGAL_P.sum()
_V3, _V4 = 4, 5
_PERMANENCE = _label(
    [
        ("a", "Return to family"),
        ("b", "Adoption"),
        ("c", "Special guardianship order or child arrangements order"),
        ("d", "Supported living in the community"),
        ("e", "Long-term residential placement"),
        ("f", "Long-term fostering"),
        ("g", "Other"),
    ]
)
_REASON_CEASED = _bare(
    [
        ("E4A", "Returned home to parents or relatives (planned)"),
        ("E4B", "Returned home to parents or relatives (unplanned)"),
        ("E11", "Adopted - application unopposed"),
        ("E12", "Adopted - consent dispensed with"),
        ("E45", "Special guardianship order made to former foster carers"),
        ("E46", "Special guardianship order made to carers other than former foster carers"),
        ("E41", "Child arrangements order granted"),
        ("E13", "Left care to live with parents or relatives under care order"),
        ("E3", "Care taken by another local authority"),
        ("E8", "Period of being looked after ceased for any other reason"),
        ("E9", "Sentenced to custody"),
        ("E17", "Aged 18 and remained with current carers"),
        ("E5", "Moved into independent living with supportive accommodation"),
        ("E6", "Moved into independent living without formalised support"),
        ("E7", "Transferred to residential care funded by adult social care"),
    ]
)
_CEASED_CHILD_P = np.array([35, 8, 6, 6, 10, 6, 3, 5, 4, 14, 3, 0, 0, 0, 0], dtype=float)
_CEASED_CHILD_P /= _CEASED_CHILD_P.sum()
_CEASED_18_P = np.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 2, 28, 25, 10, 5], dtype=float)
_CEASED_18_P /= _CEASED_18_P.sum()
_PLACEMENT_TYPES = _words("U1 U2 U3 U4 U5 U6 K2 R1 P1 A4 A5 A6 S1 Z1 K1 R2 R5 T4")
_PLACEMENT_P = np.array([6, 4, 12, 40, 6, 6, 10, 2, 5, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5])
_PLACEMENT_P /= _PLACEMENT_P.sum()
_PROVIDERS = ("PR0", "PR1", "PR2", "PR3", "PR4", "PR5")
_LA_CODES_OUT = ("935", "926", "873", "940", "941", "908", "878", "909", "830", "855", "WAL")
_ELIGIBILITY = _label(
    [("a", "Relevant"), ("b", "Former relevant"), ("c", "Qualifying"), ("d", "Eligible")]
)
_IN_TOUCH = _label(
    [("a", "Yes"), ("b", "No"), ("c", "Died"), ("d", "Refu"), ("e", "NREQ"), ("f", "Rhom")]
)
_ACCOMMODATION = ["B", "C", "D", "E", "K", "R", "S", "T", "U", "W", "X", "Y", "Z"]
_ACCOMMODATION_P = np.array([15, 5, 20, 8, 4, 2, 1, 2, 25, 1, 2, 5, 10], dtype=float)
_ACCOMMODATION_P /= _ACCOMMODATION_P.sum()
_SUITABILITY = _label([("a", "Suitable"), ("b", "Unsuitable")])
_ACTIVITY = ["F1", "F2", "F4", "F5", "P2", "P5", "G4", "G5", "G6"]
_ACTIVITY_P = np.array([6, 30, 5, 12, 4, 3, 8, 25, 7], dtype=float)
_ACTIVITY_P /= _ACTIVITY_P.sum()
_EH_ORGS = (
    "Early Help Team",
    "School",
    "Health Visiting Service",
    "Children's Centre",
    "Voluntary sector provider",
    "Youth Service",
    "School Nursing Service",
    "Housing Support Service",
)
_EH_ORG_P = np.array([40, 25, 10, 8, 8, 4, 3, 2]) / 100

# Age at the window end, by whole year 0..17, of children in contacts, on CP plans and in care.
_CONTACT_AGES = np.array(
    [9, 5, 5, 5, 5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 6, 6.5, 7, 7, 6.5, 5], dtype=float
)
_CP_AGES = np.array([12, 8, 7, 7, 6, 6, 6, 6, 5, 5, 5, 5, 4, 4, 3, 3, 2, 1], dtype=float)
_LAC_AGES = np.array([3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5.5, 6, 6.5, 7, 8, 9, 10, 10], dtype=float)

# ----------------------------------------------------------------------------------------------
# Annex A headers: inputs/annex_a_spec.py

HEADERS = ANNEX_A_HEADERS

# Header spellings seen in real extracts, used when messy=True (annex_a.md 1.3).
_HEADER_DRIFT: dict[str, dict[str, str]] = {
    "List 1": {"Date of Contact": "Date of Contact" + _NBSP},
    "List 3": {"Date of referral": "Date of Referral"},
    "List 4": {"Age of Child (Years)": "Age"},
    "List 6": {"Child Unique ID": "CHILD UNIQUE ID"},
    "List 7": {"Child Protection Plan Start Date": _NBSP + "Child Protection Plan Start Date"},
}

# ----------------------------------------------------------------------------------------------
# Workers


_FIRST_NAMES = _words(
    "Aisha Alex Amelia Amir Anna Ben Beth Callum Charlotte Chloe Chris Claire Dan Deborah Ella "
    "Emma Ewan Fatima Faye Gemma George Grace Hannah Harry Imran Isla Jack Jade James Jess Joe "
    "Karen Kate Kieran Laura Leah Liam Lucy Marcus Maria Mark Megan Mia Nadia Natalie Neil Niamh "
    "Oliver Olivia Paul Priya Rachel Rebecca Rhys Rosie Ruth Ryan Sam Sarah Sean Sophie Stacey "
    "Steph Tom Tariq Vicky Will Yasmin Zara Zoe"
)
_SURNAMES = _words(
    "Abbott Ahmed Allen Atkins Bailey Barker Bell Bennett Brooks Carter Chapman Clarke Collins "
    "Cooper Davies Dixon Doyle Edwards Ellis Evans Fisher Fletcher Foster Gibson Graham Green "
    "Hall Harper Hayes Hill Holmes Hughes Hussain Jackson Jenkins Kaur Kelly Khan Knight Lawson "
    "Lewis Marsh Mason Mills Moore Morgan Murphy Nash Newman Owen Parker Patel Pearce Price Quinn "
    "Reid Richards Rose Shaw Singh Stone Turner Walsh Ward Webb Wells Whitaker Young"
)
# Team categories in a repeating pattern so that any prefix of the list has every kind of team.
_WORKER_PATTERN = "AFFCAFWFCAFLFCAFCFLF"
# Workers who are not qualified social workers (family support workers, personal advisers), by
# position in an 80-worker cycle: about 89% of any prefix are qualified, few in care teams.
_UNQUALIFIED_SLOTS = frozenset({11, 17, 27, 38, 51, 57, 67, 73, 78})
_AREAS = ("North", "South", "East", "West")


def _seeded(seed: int, stream: int) -> np.random.Generator:
    """An independent random stream per purpose, so one list's draws never shift another's."""
    return np.random.default_rng(np.random.SeedSequence([seed, stream]))


def worker_names(seed: int) -> list[str]:
    """The synthetic Allocated Worker names for a seed; every scale uses a prefix of this list."""
    return [name for name, _, _ in worker_register(seed)]


def worker_register(seed: int) -> list[tuple[str, str, bool]]:
    """(name, team, qualified social worker) for each of the MAX_WORKERS synthetic workers."""
    rng = _seeded(seed, 1)
    picks = rng.choice(len(_FIRST_NAMES) * len(_SURNAMES), MAX_WORKERS, replace=False)
    areas = rng.integers(0, len(_AREAS), MAX_WORKERS)
    out = []
    for i, pick in enumerate(picks.tolist()):
        first, last = divmod(pick, len(_SURNAMES))
        kind = _WORKER_PATTERN[i % len(_WORKER_PATTERN)]
        area = _AREAS[int(areas[i])]
        team = {
            "A": f"Assessment Team {area}",
            "F": f"Family Support Team {area}",
            "C": f"Children in Care Team {area}",
            "W": "Children with Disabilities Team",
            "L": "Leaving Care Team",
        }[kind]
        qualified = i % 80 not in _UNQUALIFIED_SLOTS
        out.append((f"{_FIRST_NAMES[first]} {_SURNAMES[last]}", team, qualified))
    return out


# ----------------------------------------------------------------------------------------------
# Dates


@dataclass(frozen=True)
class _Window:
    """Whole calendar months covered by the extract: first day `w0` to last day `w1`."""

    w0: np.datetime64
    w1: np.datetime64
    months: int


def _window(end: str, months: int) -> _Window:
    if not re.fullmatch(r"\d{4}-\d{2}", end or ""):
        raise ValueError(f"end must be a month written YYYY-MM, not {end!r}")
    if months < 1:
        raise ValueError("months must be at least 1")
    last = np.datetime64(end, "M")
    return _Window((last - (months - 1)).astype("M8[D]"), (last + 1).astype("M8[D]") - _DAY, months)


class _Calendar:
    """Working days: Monday to Friday except England and Wales bank holidays."""

    def __init__(self, first_year: int, last_year: int) -> None:
        self.busdaycal = busday_calendar(first_year, last_year)

    def add(self, dates: np.ndarray, n: np.ndarray | int) -> np.ndarray:
        """The date `n` working days after `dates` (a non-working start rolls forward first)."""
        return np.busday_offset(dates, n, roll="forward", busdaycal=self.busdaycal)

    def back(self, dates: np.ndarray, n: np.ndarray | int) -> np.ndarray:
        """The date `n` working days before `dates` (a non-working start rolls back first)."""
        return np.busday_offset(dates, -np.asarray(n), roll="backward", busdaycal=self.busdaycal)

    def is_working(self, dates: np.ndarray) -> np.ndarray:
        return np.is_busday(dates, busdaycal=self.busdaycal)


def _days(n: np.ndarray | int) -> np.ndarray:
    return np.asarray(n).astype("int64") * _DAY


def _ymd(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of datetime64[D] values (meaningless where NaT)."""
    months = d.astype("M8[M]")
    year = months.astype("int64") // 12 + 1970
    month = months.astype("int64") % 12 + 1
    day = (d - months.astype("M8[D]")).astype("int64") + 1
    return year, month, day


def _add_months(d: np.ndarray, k: np.ndarray | int) -> np.ndarray:
    """Calendar months later, keeping the day of month where it exists (31 Jan + 1 = 28/29 Feb)."""
    d = np.asarray(d, dtype="M8[D]")
    target = d.astype("M8[M]") + np.asarray(k)
    last_day = ((target + 1).astype("M8[D]") - target.astype("M8[D]")).astype("int64")
    _, _, day = _ymd(d)
    out = target.astype("M8[D]") + _days(np.minimum(day, last_day) - 1)
    return np.where(np.isnat(d), _NAT, out)


def _age(dob: np.ndarray, at: np.datetime64) -> np.ndarray:
    """Whole years of age at `at` (NaN where the date of birth is blank or later)."""
    y, m, d = _ymd(dob)
    ay, am, ad = (int(part[0]) for part in _ymd(np.array([at], dtype="M8[D]")))
    years = ay - y - ((am < m) | ((am == m) & (ad < d)))
    return np.where(np.isnat(dob) | (years < 0), np.nan, years.astype(float))


def _uniform_dates(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A date drawn uniformly between `lo` and `hi` inclusive (`lo` where hi < lo)."""
    span = np.maximum((hi - lo).astype("int64"), 0)
    return lo + _days(np.floor(rng.random(len(span)) * (span + 1)))


def _maxdate(*arrays: np.ndarray) -> np.ndarray:
    out = arrays[0]
    for a in arrays[1:]:
        out = np.where(np.isnat(out) | (a > out), a, out)
    return out


def _mindate(*arrays: np.ndarray) -> np.ndarray:
    out = arrays[0]
    for a in arrays[1:]:
        out = np.where(np.isnat(out) | (a < out), a, out)
    return out


def _serial(d: np.datetime64 | np.ndarray) -> Any:
    """Excel serial day number of a date."""
    return (np.asarray(d, dtype="M8[D]") - _EPOCH).astype("int64")


def _pick(rng: np.random.Generator, n: int, rate: float, minimum: int = 0) -> np.ndarray:
    """Row indices to alter: about `rate` of `n`, at least `minimum` (up to a tenth of the rows)."""
    k = int(rng.binomial(n, rate)) if n else 0
    k = min(n, max(k, min(minimum, n // 10)))
    return np.sort(rng.choice(n, k, replace=False)) if k else np.zeros(0, dtype=int)


def _choice(rng: np.random.Generator, p: np.ndarray, n: int) -> np.ndarray:
    return rng.choice(len(p), n, p=p)


# ----------------------------------------------------------------------------------------------
# Children


class _Children:
    """Synthetic children: ID, gender, ethnicity, date of birth and disability, shared by lists."""

    def __init__(self, rng: np.random.Generator, w1: np.datetime64) -> None:
        self._rng = rng
        self._w1 = w1
        self._parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.n = 0

    def dobs(self, ages: np.ndarray, n: int, *, unborn: float = 0.0) -> np.ndarray:
        """Dates of birth for children whose age at the window end follows weights `ages`."""
        years = _choice(self._rng, ages / ages.sum(), n)
        dob = self._w1 - _days(years * 365.25 + self._rng.integers(0, 365, n))
        return np.where(self._rng.random(n) < unborn, _NAT, dob)

    def add(
        self,
        dob: np.ndarray,
        *,
        disabled: float | np.ndarray = 0.06,
        ethnicity: np.ndarray | None = None,
    ) -> np.ndarray:
        """Register children with these dates of birth; return their indices."""
        n = len(dob)
        rng = self._rng
        gender = _choice(rng, _GENDER_P, n)
        eth = _choice(rng, _ETHNIC_P if ethnicity is None else ethnicity, n)
        r = rng.random(n)
        dis = np.where(r < disabled, _YES, np.where(r < 0.97, _NO, -1))
        dis = np.where(np.asarray(disabled) >= 1, _YES, dis)
        self._parts.append((np.asarray(dob, dtype="M8[D]"), gender, eth, dis))
        self.n += n
        return np.arange(self.n - n, self.n)

    def dob_of(self, child: np.ndarray) -> np.ndarray:
        """Dates of birth of registered children (usable before `finish`)."""
        return np.concatenate([part[0] for part in self._parts])[child]

    def finish(self) -> None:
        """Fix the attribute arrays and draw unique alphanumeric IDs."""
        self.dob = np.concatenate([p[0] for p in self._parts])
        self.gender = np.concatenate([p[1] for p in self._parts])
        self.ethnicity = np.concatenate([p[2] for p in self._parts])
        self.disability = np.concatenate([p[3] for p in self._parts])
        numbers = self._rng.choice(9_000_000, self.n, replace=False) + 1_000_000
        self.ids = np.array([f"SY{v}" for v in numbers.tolist()], dtype=object)
        self.age = _age(self.dob, self._w1)


# ----------------------------------------------------------------------------------------------
# The synthetic authority: one event stream from which every list is cut


def _overlaps(child: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Mask of episodes that start while an earlier episode of the same child is still open."""
    far = np.datetime64("2200-01-01", "D")
    frame = pd.DataFrame(
        {
            "child": child,
            "start": start.astype("int64"),
            "end": np.where(np.isnat(end), far, end).astype("int64"),
        }
    )
    frame = frame.sort_values(["child", "start"], kind="stable")
    prev = frame.groupby("child")["end"].cummax().groupby(frame["child"]).shift()
    bad = (frame["start"] <= prev).fillna(False).to_numpy(dtype=bool)
    out = np.zeros(len(child), dtype=bool)
    out[frame.index.to_numpy()] = bad
    return out


class _Authority:
    """Generates the case records of one synthetic authority over and before the window."""

    def __init__(self, scale: Scale, win: _Window, seed: int) -> None:
        self.sc = scale
        self.win = win
        self.seed = seed
        self.w0, self.w1 = win.w0, win.w1
        self.s0 = self.w0 - 150 * _DAY  # the event stream starts before the window
        y1 = int(_ymd(np.array([self.w1]))[0][0])
        self.cal = _Calendar(y1 - 8, y1 + 1)
        self.kids = _Children(_seeded(seed, 2), self.w1)

    def rng(self, stream: int) -> np.random.Generator:
        """The random stream of one generation step."""
        return _seeded(self.seed, 100 + stream)

    def build(self) -> None:
        """Generate every list, in dependency order."""
        self._contacts()
        self._referrals()
        self._assessments()
        self._s47()
        self._cp_plans()
        self._looked_after()
        self._finish_cp()
        self._cin()
        self._care_leavers()
        self._early_help()
        self._adopters()
        self._adoption()
        self.kids.finish()
        self._allocate()

    # -- front door ---------------------------------------------------------------------------

    def _contacts(self) -> None:
        """List 1: contacts by source and day, with the seasonal dip in school contacts."""
        rng = self.rng(1)
        base = self.sc.contacts_per_month * _SOURCE_MIX
        sources, dates = [], []
        month = self.s0.astype("M8[M]")
        while month <= self.w1.astype("M8[M]"):
            first = max(month.astype("M8[D]"), self.s0)
            last = min((month + 1).astype("M8[D]") - _DAY, self.w1)
            days = np.arange(first, last + _DAY)
            full = ((month + 1).astype("M8[D]") - month.astype("M8[D]")).astype("int64")
            mon = int(month.astype("int64") % 12) + 1
            season = np.ones(len(base))
            if mon == 8:  # school holidays: almost no school contacts
                season[_SCHOOL] = 0.03
                season[_INDIVIDUAL] = 0.85
            elif mon in (4, 12):
                season[_SCHOOL] = 0.8
            lam = base * season * rng.normal(1.0, 0.03) * len(days) / full
            counts = rng.poisson(lam)
            weight = np.where(self.cal.is_working(days), 1.0, 0.2)
            sources.append(np.repeat(np.arange(len(base)), counts))
            dates.append(rng.choice(days, counts.sum(), p=weight / weight.sum()))
            month += 1
        source = np.concatenate(sources)
        date = np.concatenate(dates)
        n = len(date)
        pool = self.kids.add(self.kids.dobs(_CONTACT_AGES, 2 * n + 1, unborn=0.015))
        child = pool[rng.integers(0, len(pool), n)]
        # One contact per child, day and source (repeats would be exact duplicate rows).
        key = np.stack([child, date.astype("int64"), source])
        _, first = np.unique(key, axis=1, return_index=True)
        first = first[np.lexsort((child[first], date[first]))]
        self.contacts = {"child": child[first], "date": date[first], "source": source[first]}

    def _referrals(self) -> None:
        """List 3: about 29% of contacts become a referral 0-7 working days later."""
        rng = self.rng(2)
        c = self.contacts
        n = len(c["date"])
        converts = rng.random(n) < _CONVERSION[c["source"]]
        delay = np.where(rng.random(n) < 0.35, 0, np.minimum(rng.geometric(0.4, n), 7))
        date = self.cal.add(c["date"], delay)
        keep = converts & (date <= self.w1)
        child, date, source = c["child"][keep], date[keep], c["source"][keep]
        # One referral per child and day.
        _, first = np.unique(np.stack([child, date.astype("int64")]), axis=1, return_index=True)
        first = np.sort(first)
        child, date, source = child[first], date[first], source[first]
        m = len(child)
        source = np.where(rng.random(m) < 0.02, _choice(rng, _SOURCE_MIX, m), source)
        r = rng.random(m)
        nfa = np.where(r < 0.07, _YES, np.where(r < 0.995, _NO, _UNKNOWN))
        # Previous referrals in 12 months: earlier ones in the stream, topped up with referrals
        # from before it so that about 22% of each month's referrals are re-referrals.
        earlier = pd.Series(child).groupby(child).cumcount().to_numpy()
        month = date.astype("M8[M]")
        months, which = np.unique(month, return_inverse=True)
        share = pd.Series(earlier > 0).groupby(which).transform("mean").to_numpy()
        target = (0.22 + rng.normal(0, 0.015, len(months)))[which]
        top_up = (earlier == 0) & (rng.random(m) < np.clip((target - share) / (1 - share), 0, 1))
        previous = (earlier + top_up * (_choice(rng, np.array([0.7, 0.2, 0.1]), m) + 1)).astype(
            float
        )
        nudge = rng.random(m)
        previous = np.where(
            nudge < 0.03, np.maximum(previous + rng.choice([-1, 1], m), 0), previous
        )
        previous = np.where((nudge > 0.03) & (nudge < 0.05), np.nan, previous)
        self.referrals = {
            "child": child,
            "date": date,
            "source": source,
            "nfa": nfa,
            "previous": previous,
        }

    def _assessments(self) -> None:
        """List 4: assessments of most referrals not closed NFA, 5-70 working days long."""
        rng = self.rng(3)
        r = self.referrals
        take = (r["nfa"] != _YES) & (rng.random(len(r["date"])) < 0.92)
        ref = np.flatnonzero(take)
        n = len(ref)
        lag = np.where(
            rng.random(n) < 0.6, 0, np.where(rng.random(n) < 0.6, 1, rng.integers(2, 6, n))
        )
        start = self.cal.add(r["date"][ref], lag)
        duration = np.where(
            rng.random(n) < 0.84,
            np.round(rng.triangular(5, 36, 45, n)),
            rng.integers(46, 71, n),
        ).astype(int)
        auth = self.cal.add(start, duration)
        auth = np.where(auth > self.w1, _NAT, auth)
        s = rng.random(n)
        seen = np.where(s < 0.94, _YES, np.where(s < 0.97, _NO, np.where(s < 0.985, _UNKNOWN, -1)))
        support = np.where(rng.random(n) < 0.45, _YES, _NO)
        support = np.where(np.isnat(auth), -1, support)
        self.assess = {
            "child": r["child"][ref],
            "referral": r["date"][ref],
            "start": start,
            "auth": auth,
            "seen": seen,
            "support": support,
        }

    def _s47(self) -> None:
        """List 5: strategy discussions, half followed by an ICPC 3-25 working days later."""
        rng = self.rng(4)
        r = self.referrals
        take = np.flatnonzero((r["nfa"] != _YES) & (rng.random(len(r["date"])) < 0.16))
        n = len(take)
        child = r["child"][take]
        lag = np.where(rng.random(n) < 0.4, 0, rng.integers(1, 11, n))
        strat = self.cal.add(r["date"][take], lag)
        held = rng.random(n) < 0.5
        wd = np.where(rng.random(n) < 0.75, rng.integers(3, 16, n), rng.integers(16, 26, n))
        icpc = np.where(held, self.cal.add(strat, wd), _NAT)
        pending = held & (icpc > self.w1)
        icpc = np.where(pending, _NAT, icpc)
        # Data error seen in real extracts: a conference dated before its strategy discussion.
        done = np.flatnonzero(~np.isnat(icpc) & (strat >= self.w0) & (strat <= self.w1))
        bad = done[_pick(rng, len(done), 0.01, 2)]
        icpc[bad] = strat[bad] - _days(rng.integers(1, 11, len(bad)))
        recent = strat > self.cal.back(np.array([self.w1]), 15)[0]
        unnecessary = np.where(held, _NO, np.where(rng.random(n) < 0.9, _YES, -1))
        unnecessary = np.where(pending | (~held & recent), -1, unnecessary)
        plan = np.where(np.isnat(icpc), -1, np.where(rng.random(n) < 0.88, _YES, _NO))
        history = _choice(rng, np.array([0.8, 0.14, 0.05, 0.01]), n)
        earlier = pd.Series(child).groupby(child).cumcount().to_numpy()
        s47_count = history + earlier
        icpc_count = rng.binomial(s47_count, 0.5)
        self.s47 = {
            "child": child,
            "strat": strat,
            "unnecessary": unnecessary,
            "icpc": icpc,
            "plan": plan,
            "s47_count": s47_count.astype(float),
            "icpc_count": icpc_count.astype(float),
        }

    # -- child protection ---------------------------------------------------------------------

    def _plan_length(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return _days(np.round(rng.gamma(1.6, 5.5 * 30.44, n)) + 20)

    def _cp_plans(self) -> None:
        """List 7: plans from ICPCs plus the caseload that began before the stream."""
        rng = self.rng(5)
        s = self.s47
        new = np.flatnonzero(s["plan"] == _YES)
        child = s["child"][new]
        start = s["icpc"][new]
        end = start + self._plan_length(rng, len(new))
        # Plans that began before the stream, at the same rate: the caseload at the window start.
        stream_days = (self.w1 - self.s0).astype("int64") + 1
        legacy_from = self.w1 - 6 * 365 * _DAY
        span = (self.s0 - legacy_from).astype("int64")
        n_old = int(rng.poisson(len(new) / stream_days * span))
        old_start = legacy_from + _days(rng.integers(0, span, n_old))
        old_end = old_start + self._plan_length(rng, n_old)
        alive = old_end >= self.w0
        old_start, old_end = old_start[alive], old_end[alive]
        # At least a few long plans (2 years+, 18 months to 2 years) still open at the end.
        extra = []
        for lo, hi in ((30, 40), (19, 23)):
            have = np.sum((old_end > self.w1) & (old_start <= _add_months(self.w1, -lo + 0)))
            need = max(0, 3 - int(have))
            if need:
                months = rng.integers(lo, hi + 1, need)
                extra.append(_add_months(np.repeat(self.w1, need), -months))
        if extra:
            more = np.concatenate(extra)
            old_start = np.concatenate([old_start, more])
            old_end = np.concatenate([old_end, np.repeat(self.w1 + 400 * _DAY, len(more))])
        dob = self.kids.dobs(_CP_AGES, len(old_start))
        dob = _mindate(dob, old_start - _DAY)  # children born after their plan began: unborn plans
        old_child = self.kids.add(dob, disabled=0.05)
        child = np.concatenate([child, old_child])
        start = np.concatenate([start, old_start])
        end = np.concatenate([end, old_end])
        end = np.where(end > self.w1, _NAT, end)
        keep = (start <= self.w1) & (np.isnat(end) | (end >= self.w0))
        keep &= ~_overlaps(child, start, end)
        child, start, end = child[keep], start[keep], end[keep]
        # A child whose conference led to a plan was assessed as needing support.
        a = self.assess
        a["support"][np.isin(a["child"], child) & ~np.isnat(a["auth"])] = _YES
        n = len(child)
        previous = _choice(rng, np.array([0.78, 0.15, 0.05, 0.02]), n).astype(float)
        previous[_pick(rng, n, 0.015, 2)] = np.nan
        initial = _choice(rng, _ABUSE_P, n)
        latest = np.where(rng.random(n) < 0.9, initial, _choice(rng, _ABUSE_P, n))
        epo = np.where(rng.random(n) < 0.04, _YES, _NO)
        self.cp = {
            "child": child,
            "start": start,
            "end": end,
            "initial": initial,
            "latest": latest,
            "epo": epo,
            "previous": previous,
        }

    def _finish_cp(self) -> None:
        """Visits, reviews and seen-alone, once plan end dates are final."""
        rng = self.rng(6)
        p = self.cp
        n = len(p["child"])
        ref = np.where(np.isnat(p["end"]), self.w1, p["end"])
        r = rng.random(n)
        wd = np.where(
            r < 0.75,
            rng.integers(0, 11, n),
            np.where(r < 0.93, rng.integers(11, 21, n), rng.integers(21, 41, n)),
        )
        visit = _maxdate(self.cal.back(ref, wd), p["start"])
        # Data error: a visit dated after the end of the reporting month.
        open_rows = np.flatnonzero(np.isnat(p["end"]))
        late = open_rows[_pick(rng, len(open_rows), 0.01, 2)]
        visit[late] = self.w1 + _days(rng.integers(1, 21, len(late)))
        others = np.setdiff1d(np.arange(n), late)
        visit[others[_pick(rng, len(others), 0.02, 2)]] = _NAT
        age = self.kids_age_at(p["child"], ref)
        a = rng.random(n)
        alone = np.where(a < 0.72, _YES, np.where(a < 0.93, _NO, -1))
        alone = np.where(age < 3, np.where(a < 0.6, _NO, -1), alone)
        held_months = (ref.astype("M8[M]") - p["start"].astype("M8[M]")).astype("int64")
        k = np.maximum((held_months - 3) // 6, 0)
        review = _add_months(p["start"], 3 + 6 * k) + _days(rng.integers(-5, 6, n))
        review = np.where((held_months < 3) | (review > ref), _NAT, review)
        p.update(visit=visit, alone=alone, review=review)

    def kids_age_at(self, child: np.ndarray, at: np.ndarray) -> np.ndarray:
        """Approximate age in years at `at` (NaN where the date of birth is unknown)."""
        dob = self.kids.dob_of(child)
        years = (at - dob).astype("int64") / 365.25
        return np.where(np.isnat(dob), np.nan, years)

    # -- looked after -------------------------------------------------------------------------

    def _looked_after(self) -> None:
        """List 8: children in care at the window start, leavers, entrants and returners."""
        rng = self.rng(7)
        w0, w1, months = self.w0, self.w1, self.win.months
        # Children in care at the window start.
        n_old = self.sc.lac_open
        years = _choice(rng, _LAC_AGES / _LAC_AGES.sum(), n_old) + rng.random(n_old)
        years = np.maximum(years, 0.3)
        dob = w0 - _days(years * 365.25)
        age_days = (w0 - dob).astype("int64")
        in_care = np.minimum(
            30 + rng.exponential(900, n_old), age_days * rng.uniform(0.5, 1, n_old)
        )
        start = w0 - _days(np.maximum(in_care, 1))
        legal = _choice(rng, _LEGAL_P, n_old)
        if np.isin(legal, [_V3, _V4]).sum() < 2:  # always a few short-break children
            legal[rng.choice(n_old, 2, replace=False)] = _V4
        short = np.isin(legal, [_V3, _V4])  # short breaks: disabled children
        old_child = self.kids.add(dob, disabled=np.where(short, 1.0, 0.1))
        turns_18 = _add_months(dob, 12 * 18)
        ceased = np.where(turns_18 <= w1, turns_18, _NAT)
        leaves = np.isnat(ceased) & (rng.random(n_old) < 1 - np.exp(-0.023 * months))
        ceased = np.where(
            leaves, _uniform_dates(rng, np.repeat(w0, n_old), np.repeat(w1, n_old)), ceased
        )
        reason = np.where(
            np.isnat(ceased),
            -1,
            np.where(
                turns_18 == ceased,
                _choice(rng, _CEASED_18_P, n_old),
                _choice(rng, _CEASED_CHILD_P, n_old),
            ),
        )
        # Children coming into care during the window: from CP plans, from CIN work, or new.
        n_new = int(rng.poisson(self.sc.lac_open * 0.025 * months))
        cp = self.cp
        born = ~np.isnat(self.kids.dob_of(cp["child"]))
        cp_ok = np.flatnonzero(
            born
            & (cp["start"] < w1 - 30 * _DAY)
            & (np.isnat(cp["end"]) | (cp["end"] > w0 + 20 * _DAY))
        )
        _, first = np.unique(cp["child"][cp_ok], return_index=True)
        cp_ok = cp_ok[np.sort(first)]
        from_cp = rng.choice(cp_ok, min(len(cp_ok), int(n_new * 0.35)), replace=False)
        a = self.assess
        born = ~np.isnat(self.kids.dob_of(a["child"]))
        cin_ok = np.flatnonzero(born & ((a["support"] == _YES) | np.isnat(a["auth"])))
        cin_ok = cin_ok[~np.isin(a["child"][cin_ok], np.concatenate([old_child, cp["child"]]))]
        _, first = np.unique(a["child"][cin_ok], return_index=True)
        cin_ok = cin_ok[np.sort(first)]
        from_cin = rng.choice(cin_ok, min(len(cin_ok), int(n_new * 0.4)), replace=False)
        lo_cp = _maxdate(cp["start"][from_cp] + 10 * _DAY, np.repeat(w0, len(from_cp)))
        hi_cp = _mindate(
            np.where(np.isnat(cp["end"][from_cp]), w1, cp["end"][from_cp]),
            np.repeat(w1, len(from_cp)),
        )
        start_cp = _uniform_dates(rng, lo_cp, hi_cp)
        cp["end"][from_cp] = start_cp  # the plan ends when the child comes into care
        lo_cin = _maxdate(a["referral"][from_cin] + 5 * _DAY, np.repeat(w0, len(from_cin)))
        start_cin = _uniform_dates(rng, lo_cin, np.repeat(w1, len(from_cin)))
        n_fresh = max(n_new - len(from_cp) - len(from_cin), 2)
        start_fresh = _uniform_dates(rng, np.repeat(w0, n_fresh), np.repeat(w1, n_fresh))
        kind = _choice(rng, np.array([0.4, 0.3, 0.3]), n_fresh)  # UASC teenager, baby, other
        fresh_dob = np.where(
            kind == 0,
            start_fresh - _days(rng.uniform(15, 17.9, n_fresh) * 365.25),
            np.where(
                kind == 1,
                start_fresh - _days(rng.integers(0, 90, n_fresh)),
                start_fresh - _days(rng.uniform(2, 15, n_fresh) * 365.25),
            ),
        )
        uasc_ids = self.kids.add(fresh_dob[kind == 0], disabled=0.02, ethnicity=_UASC_ETHNIC_P)
        other_ids = self.kids.add(fresh_dob[kind != 0], disabled=0.06)
        fresh_child = np.empty(n_fresh, dtype=int)
        fresh_child[kind == 0] = uasc_ids
        fresh_child[kind != 0] = other_ids
        new_child = np.concatenate([cp["child"][from_cp], a["child"][from_cin], fresh_child])
        new_start = np.concatenate([start_cp, start_cin, start_fresh])
        n_in = len(new_child)
        new_legal = _choice(
            rng, np.array([0.45, 0.05, 0, 0.45, 0, 0, 0.02, 0.02, 0.01, 0, 0]), n_in
        )
        goes_home = rng.random(n_in) < 0.1
        new_end = new_start + _days(rng.integers(3, 61, n_in))
        new_end = np.where(goes_home & (new_end <= w1), new_end, _NAT)
        new_reason = np.where(np.isnat(new_end), -1, np.where(rng.random(n_in) < 0.8, 0, 9))
        uasc = np.concatenate(
            [
                (years > 14) & (rng.random(n_old) < 0.08),
                np.zeros(len(from_cp) + len(from_cin), dtype=bool),
                kind == 0,
            ]
        )
        child = np.concatenate([old_child, new_child])
        start = np.concatenate([start, new_start])
        end = np.concatenate([ceased, new_end])
        legal = np.concatenate([legal, new_legal])
        reason = np.concatenate([reason, new_reason])
        second = np.zeros(len(child), dtype=bool)
        # A few children leave and come back within the window: two rows, the second flagged.
        back = np.flatnonzero(~np.isnat(end) & (end <= w1 - 10 * _DAY) & np.isin(reason, [0, 1, 9]))
        again = np.sort(rng.choice(back, min(len(back), max(2, len(back) // 4)), replace=False))
        again_start = _uniform_dates(
            rng, end[again] + 3 * _DAY, _mindate(end[again] + 60 * _DAY, np.repeat(w1, len(again)))
        )
        child = np.concatenate([child, child[again]])
        start = np.concatenate([start, again_start])
        end = np.concatenate([end, np.repeat(_NAT, len(again))])
        legal = np.concatenate([legal, np.where(rng.random(len(again)) < 0.7, 3, 0)])
        reason = np.concatenate([reason, np.repeat(-1, len(again))])
        uasc = np.concatenate([uasc, uasc[again]])
        second = np.concatenate([second, np.ones(len(again), dtype=bool)])
        second |= rng.random(len(second)) < 0.02
        self.lac = {
            "child": child,
            "start": start,
            "end": end,
            "legal": legal,
            "reason": reason,
            "uasc": uasc,
            "second": second,
        }
        self._finish_lac()

    def _finish_lac(self) -> None:
        """List 8 details: reviews, visits, health, placements, missing episodes."""
        rng = self.rng(8)
        lac = self.lac
        n = len(lac["child"])
        start, end = lac["start"], lac["end"]
        ref = np.where(np.isnat(end), self.w1, end)
        age = self.kids_age_at(lac["child"], ref)
        stay = (ref - start).astype("int64")
        short = np.isin(lac["legal"], [_V3, _V4])
        need = _choice(rng, np.array([0.4, 64, 4, 3, 7, 12, 1, 0.1, 7, 0.5]) / 99.0, n)
        need = np.where(short, 2, np.where(lac["uasc"], 8, need))
        slow = np.isin(lac["legal"], [1, 2])  # full care order or placement order comes later
        legal_start = np.where(slow, _mindate(start + _days(rng.integers(60, 400, n)), ref), start)
        settled = stay > 28
        review = np.where(settled, ref - _days(rng.integers(0, 170, n)), _NAT)
        review = _maxdate(review, start + 20 * _DAY)
        review = np.where(settled, review, _NAT)
        sw_visit = _maxdate(ref - _days(rng.integers(0, 50, n)), start)
        iro = np.where(settled, _maxdate(ref - _days(rng.integers(0, 180, n)), start), _NAT)
        h = rng.random(n)
        health = np.where(
            h < 0.88,
            ref - _days(rng.integers(0, 365, n)),
            np.where(h < 0.95, ref - _days(rng.integers(370, 640, n)), _NAT),
        )
        health = np.where(stay < 365, _maxdate(health, start + 14 * _DAY), health)
        health = np.where((stay < 365) & (health > ref), _NAT, health)
        d = rng.random(n)
        dental = np.where(
            d < 0.8,
            ref - _days(rng.integers(0, 365, n)),
            np.where(d < 0.91, ref - _days(rng.integers(370, 700, n)), _NAT),
        )
        dental = np.where((age < 1) | ((stay < 365) & (dental < start)), _NAT, dental)
        placements = _choice(rng, np.array([0.68, 0.2, 0.08, 0.03, 0.01]), n) + 1
        placements = np.where(stay < 60, 1, placements)
        placed = np.where(
            placements == 1,
            _maxdate(start, ref - 365 * _DAY - _days(rng.integers(0, 900, n))),
            _uniform_dates(rng, _maxdate(start, ref - 365 * _DAY), ref),
        )
        ptype = _choice(rng, _PLACEMENT_P, n)
        ptype = np.where((age >= 16) & (ptype >= 9) & (ptype <= 11), 3, ptype)  # no adoption 16+
        code = np.array(_PLACEMENT_TYPES)[ptype]
        provider = np.where(
            code == "P1",
            0,
            np.where(
                np.isin(code, ["U1", "U2", "U3"]),
                1,
                _choice(rng, np.array([0, 0.55, 0.03, 0.02, 0.35, 0.05]), n),
            ),
        )
        inside = rng.random(n) < 0.72
        la = np.where(
            inside, "999", np.array(_LA_CODES_OUT)[rng.integers(0, len(_LA_CODES_OUT), n)]
        )
        letters = np.array(list("ABDEFGHJLNPQRSTUWXYZ"))
        postcode = [
            f"{'ZZ' if i else 'ZY'}{a} {b}{c}{e}"
            for i, a, b, c, e in zip(
                inside.tolist(),
                rng.integers(1, 30, n).tolist(),
                rng.integers(1, 10, n).tolist(),
                letters[rng.integers(0, len(letters), n)].tolist(),
                letters[rng.integers(0, len(letters), n)].tolist(),
                strict=True,
            )
        ]
        urn_needed = np.isin(code, ["K1", "K2", "R1", "S1"]) | (provider == 4)
        urn = np.where(urn_needed, [f"SC{v:06d}" for v in rng.integers(0, 10**6, n).tolist()], None)
        m = rng.random(n)
        teen = age >= 12
        missing = np.where(teen & (m < 0.2), rng.integers(1, 4, n), 0)
        missing = np.where(teen & (m < 0.06), rng.integers(4, 21, n), missing)
        absent = np.where(rng.random(n) < 0.08, rng.integers(1, 6, n), 0)
        offered = np.where(missing > 0, np.where(rng.random(n) < 0.88, _YES, _NO), -1)
        accepted = np.where(offered == _YES, np.where(rng.random(n) < 0.55, _YES, _NO), -1)
        plan = np.where(
            age < 5,
            _choice(rng, np.array([0.25, 0.4, 0.2, 0, 0, 0.1, 0.05]), n),
            np.where(
                age >= 15,
                _choice(rng, np.array([0.1, 0, 0.05, 0.3, 0.1, 0.4, 0.05]), n),
                _choice(rng, np.array([0.15, 0.02, 0.12, 0, 0.1, 0.55, 0.06]), n),
            ),
        )
        plan = np.where(lac["legal"] == 2, 1, plan)
        lac.update(
            need=need,
            legal_start=legal_start,
            review=review,
            sw_visit=sw_visit,
            plan=plan,
            iro=iro,
            health=health,
            dental=dental,
            placements=placements.astype(float),
            placed=placed,
            ptype=code.astype(object),
            provider=np.array(_PROVIDERS, dtype=object)[provider],
            postcode=np.array(postcode, dtype=object),
            urn=urn.astype(object),
            location=np.where(inside, "In", "Out").astype(object),
            la=la.astype(object),
            missing=missing.astype(float),
            absent=absent.astype(float),
            offered=offered,
            accepted=accepted,
        )

    # -- children in need ---------------------------------------------------------------------

    def _cin(self) -> None:
        """List 6: episodes from assessments, long-running cases, and around plans and care."""
        rng = self.rng(9)
        w0, w1 = self.w0, self.w1
        a = self.assess
        n = len(a["child"])
        # Episodes opened by a referral that led to an assessment.
        close_nfa = a["auth"]
        cin_plan_end = a["auth"] + _days(np.round(rng.gamma(2.0, 90, n)) + 30)
        end = np.where(a["support"] == _YES, cin_plan_end, close_nfa)
        reason = np.where(
            a["support"] == _YES,
            _choice(rng, np.array([0.005, 0.002, 0.03, 0.03, 0.04, 0.01, 0.883, 0, 0]), n),
            np.where(rng.random(n) < 0.7, 7, 8),
        )
        parts = [(a["child"], a["referral"], end, reason, np.full(n, -1))]
        # Long-running children in need cases opened years ago.
        k = self.sc.cin_legacy
        dob = self.kids.dobs(_CONTACT_AGES, k)
        start = _mindate(self.s0 - _days(rng.exponential(500, k)), self.s0 - _DAY)
        start = _maxdate(start, dob)
        disabled = rng.random(k) < 0.2
        old = self.kids.add(dob, disabled=np.where(disabled, 1.0, 0.04))
        end = w0 + _days(rng.exponential(420, k))
        reason = _choice(rng, np.array([0.002, 0.002, 0.04, 0.03, 0.05, 0.05, 0.826, 0, 0]), k)
        parts.append((old, start, end, reason, np.where(disabled, 2, -1)))
        self.cwd_children = old[disabled]
        # Every child on a CP plan or looked after has an open CIN episode around it (children
        # referred during the stream already have theirs, from the referral).
        for child, s, e, gap in (
            (self.cp["child"], self.cp["start"], self.cp["end"], 200),
            (self.lac["child"], self.lac["start"], self.lac["end"], 300),
        ):
            older = ~np.isin(child, a["child"])
            child, s, e = child[older], s[older], e[older]
            m = len(child)
            s2 = s - _days(rng.integers(0, gap, m))
            e2 = np.where(np.isnat(e), _NAT, e + _days(rng.integers(0, 120, m)))
            parts.append(
                (
                    child,
                    s2,
                    e2,
                    _choice(rng, np.array([0, 0, 0.05, 0.05, 0.05, 0, 0.85, 0, 0]), m),
                    np.full(m, -1),
                )
            )
        child = np.concatenate([p[0] for p in parts])
        start = np.concatenate([p[1] for p in parts])
        end = np.concatenate([p[2] for p in parts])
        reason = np.concatenate([p[3] for p in parts])
        need_hint = np.concatenate([p[4] for p in parts])
        # An episode never closes while the child is on a plan or in care.
        busy = self._busy_until(child)
        end = np.where(self._busy_open(child), _NAT, end)
        end = np.where(~np.isnat(busy) & (start <= busy) & (end < busy), busy, end)
        end = np.where(end > w1, _NAT, end)
        keep = (start <= w1) & (np.isnat(end) | (end >= w0))
        keep &= ~_overlaps(child, start, end)
        child, start, end = child[keep], start[keep], end[keep]
        reason, need_hint = reason[keep], need_hint[keep]
        m = len(child)
        reason = np.where(np.isnat(end), -1, reason)
        need = np.where(need_hint >= 0, need_hint, _choice(rng, _NEED_P, m))
        seen = np.where(
            np.isnat(end),
            _maxdate(self.cal.back(np.repeat(w1, m), rng.integers(0, 40, m)), start),
            _maxdate(end - _days(rng.integers(0, 30, m)), start),
        )
        seen[rng.random(m) < 0.03] = _NAT
        status = np.full(m, 2)
        open_lac = self._open_at_end(self.lac)
        open_cp = self._open_at_end(self.cp)
        open_assess = a["child"][np.isnat(a["auth"])]
        status = np.where(np.isin(child, open_assess), 3, status)
        status = np.where(np.isin(child, open_cp), 1, status)
        status = np.where(np.isin(child, open_lac), 0, status)
        status = np.where(np.isnat(end), status, 4)
        self.cin = {
            "child": child,
            "start": start,
            "need": need,
            "seen": seen,
            "end": end,
            "reason": reason,
            "status": status,
        }

    def _open_at_end(self, rows: dict[str, np.ndarray]) -> np.ndarray:
        return rows["child"][np.isnat(rows["end"]) & (rows["start"] <= self.w1)]

    def _busy_open(self, child: np.ndarray) -> np.ndarray:
        return np.isin(child, self._open_at_end(self.cp)) | np.isin(
            child, self._open_at_end(self.lac)
        )

    def _busy_until(self, child: np.ndarray) -> np.ndarray:
        """Latest CP plan or care end date per child (NaT when none ended)."""
        frame = pd.DataFrame(
            {
                "child": np.concatenate([self.cp["child"], self.lac["child"]]),
                "end": np.concatenate([self.cp["end"], self.lac["end"]]),
            }
        )
        last = frame.dropna().groupby("child")["end"].max()
        return pd.Series(child).map(last).to_numpy(dtype="M8[D]")

    # -- care leavers, early help, adoption --------------------------------------------------

    def _care_leavers(self) -> None:
        """List 9: eligible children in care aged 16+, those who left at 18, and others."""
        rng = self.rng(10)
        lac = self.lac
        age = self.kids_age_at(lac["child"], np.repeat(self.w1, len(lac["child"])))
        eligible = np.isnat(lac["end"]) & (age >= 16) & ~np.isin(lac["legal"], [_V3, _V4])
        ended = ~np.isnat(lac["end"])
        left = ended & (
            self.kids_age_at(lac["child"], np.where(ended, lac["end"], self.w1)) > 17.98
        )
        ids_el = np.unique(lac["child"][eligible])
        ids_left = np.unique(lac["child"][left])
        k = self.sc.care_leavers
        cat = _choice(rng, np.array([0.05, 0.88, 0.07]), k)  # relevant, former relevant, qualifying
        years = np.where(cat == 0, rng.uniform(16.2, 17.9, k), rng.uniform(18, 21.9, k))
        dob = self.w1 - _days(years * 365.25)
        uasc = rng.random(k) < 0.08
        new = self.kids.add(dob, disabled=0.08)
        child = np.concatenate([ids_el, ids_left, new])
        category = np.concatenate(
            [np.full(len(ids_el), 3), np.full(len(ids_left), 1), np.array([0, 1, 2])[cat]]
        )
        n = len(child)
        was_uasc = pd.Series(lac["uasc"]).groupby(lac["child"]).max()
        uasc = np.concatenate([pd.Series(child[: n - k]).map(was_uasc).to_numpy(dtype=bool), uasc])
        t = rng.random(n)
        touch = np.where(
            t < 0.9, 0, np.where(t < 0.94, 1, np.where(t < 0.97, 3, np.where(t < 0.995, 4, 2)))
        )
        touch = np.where(category == 3, 0, touch)
        contact = np.where(touch == 0, self.w1 - _days(rng.integers(0, 90, n)), _NAT)
        accommodation = np.array(_ACCOMMODATION, dtype=object)[_choice(rng, _ACCOMMODATION_P, n)]
        s = rng.random(n)
        suitable = np.where(s < 0.88, 0, np.where(s < 0.96, 1, -1))
        activity = np.array(_ACTIVITY, dtype=object)[_choice(rng, _ACTIVITY_P, n)]
        pathway = self.w1 - _days(rng.integers(0, 200, n))
        pathway[rng.random(n) < 0.05] = _NAT
        pa_names = _advisors(self.seed)
        pa = np.array(pa_names, dtype=object)[rng.integers(0, max(2, self.sc.workers // 8), n)]
        self.leavers = {
            "child": child,
            "category": category,
            "touch": touch,
            "accommodation": accommodation,
            "suitable": suitable,
            "activity": activity,
            "uasc": np.where(uasc, _YES, _NO),
            "pa": pa,
            "pathway": pathway,
            "contact": contact,
        }

    def _early_help(self) -> None:
        """List 2: early help assessments started in the window and current ones."""
        rng = self.rng(11)
        months = self.win.months
        n_new = int(rng.poisson(self.sc.eh_per_month * months))
        n_cur = int(n_new * 0.35)
        start = np.concatenate(
            [
                _uniform_dates(rng, np.repeat(self.w0, n_new), np.repeat(self.w1, n_new)),
                _uniform_dates(
                    rng, np.repeat(self.w0 - 270 * _DAY, n_cur), np.repeat(self.w0 - _DAY, n_cur)
                ),
            ]
        )
        n = len(start)
        # Fewer early help assessments begin in August (schools are closed).
        august = _ymd(start)[1] == 8
        weekend = ~self.cal.is_working(start)
        drop = (august & (rng.random(n) < 0.4)) | (weekend & (rng.random(n) < 0.85))
        start = start[~drop]
        n = len(start)
        done = rng.random(n) < 0.75
        completed = np.where(done, start + _days(rng.integers(10, 50, n)), _NAT)
        completed = np.where(completed > self.w1, _NAT, completed)
        from_contacts = rng.random(n) < 0.25
        known = self.contacts["child"][rng.integers(0, len(self.contacts["child"]), n)]
        fresh = self.kids.add(self.kids.dobs(_CONTACT_AGES, n))
        child = np.where(from_contacts, known, fresh)
        order = np.array(_EH_ORGS, dtype=object)[_choice(rng, _EH_ORG_P, n)]
        self.eh = {"child": child, "start": start, "completed": completed, "org": order}

    def _adopters(self) -> None:
        """List 11: adopter families moving through the stages, some leaving."""
        rng = self.rng(12)
        f = self.sc.adopter_families
        enquiry = _uniform_dates(rng, np.repeat(self.w1 - 730 * _DAY, f), np.repeat(self.w1, f))
        steps = [
            (7, 45),  # stage 1 started
            (40, 75),  # stage 1 ended
            (0, 30),  # stage 2 started
            (100, 135),  # stage 2 ended
            (5, 40),  # approved
            (30, 270),  # matched
            (10, 40),  # placed
            (150, 330),  # adoption order
        ]
        dates = [enquiry]
        for lo, hi in steps:
            dates.append(dates[-1] + _days(rng.integers(lo, hi + 1, f)))
        stage = np.stack(dates, axis=1)
        leaves = rng.random(f) < 0.3
        last_step = rng.integers(0, 6, f)
        limit = np.where(leaves, last_step, 99)
        steps_idx = np.arange(stage.shape[1])[None, :]
        stage = np.where(steps_idx > limit[:, None], _NAT, stage)
        leaving = np.where(
            leaves, stage[np.arange(f), last_step] + _days(rng.integers(10, 90, f)), _NAT
        )
        stage = np.where(stage > self.w1, _NAT, stage)
        leaving = np.where(leaving > self.w1, _NAT, leaving)
        latest = _maxdate(*[stage[:, i] for i in range(stage.shape[1])], leaving)
        active = (latest > self.w1 - 365 * _DAY) | (~leaves & np.isnat(stage[:, 8]))
        fam = np.flatnonzero(active)
        family_ids = np.array([f"FA{1000 + i}" for i in range(f)], dtype=object)
        couple = rng.random(f) < 0.65
        rows = np.concatenate([fam, fam[couple[fam]]])
        rows = np.sort(rows, kind="stable")
        n = len(rows)
        gender = np.where(rng.random(n) < 0.55, 1, 0)
        stage_rows = stage[rows]
        submitted = stage_rows[:, 3] + _days(rng.integers(0, 15, n))
        submitted = np.where(np.isnat(stage_rows[:, 3]) | (submitted > self.w1), _NAT, submitted)
        placed = ~np.isnat(stage_rows[:, 7])
        children = np.where(placed, _choice(rng, np.array([0.8, 0.18, 0.02]), n) + 1, np.nan)
        r = rng.random(n)
        reason = np.where(
            np.isnat(leaving[rows]), None, np.where(r < 0.6, "1", np.where(r < 0.85, "2", "3"))
        )
        self.adopters = {
            "id": np.array([f"AD{20000 + i}" for i in range(n)], dtype=object),
            "family": family_ids[rows],
            "gender": gender,
            "ethnicity": _choice(rng, _ETHNIC_P, n),
            "disability": np.where(rng.random(n) < 0.04, _YES, _NO),
            "ffa": np.where(rng.random(n) < 0.12, _YES, _NO),
            "stage": stage_rows,
            "submitted": submitted,
            "children": children.astype(float),
            "leaving": leaving[rows],
            "reason": reason.astype(object),
        }
        self.matched_families = np.unique(family_ids[fam][~np.isnat(stage[fam, 6])])

    def _adoption(self) -> None:
        """List 10: children with adoption decisions, adopted or reversed in 12 months."""
        rng = self.rng(13)
        w1 = self.w1
        lac = self.lac
        age = self.kids_age_at(lac["child"], np.repeat(w1, len(lac["child"])))
        linked = np.flatnonzero(
            np.isnat(lac["end"]) & (age < 9) & ((lac["legal"] == 2) | (lac["plan"] == 1))
        )
        _, first = np.unique(lac["child"][linked], return_index=True)
        linked = linked[np.sort(first)][: int(self.sc.adoption * 0.6)]
        k = max(self.sc.adoption - len(linked), 2)
        n = len(linked) + k
        is_new = np.arange(n) >= len(linked)
        reversed_ = is_new & (rng.random(n) < 0.2)

        def gap(lo: int, hi: int) -> np.ndarray:
            return _days(rng.integers(lo, hi + 1, n))

        # Still in care (List 8): a decision within about 18 months, adoption not yet granted.
        entered = np.concatenate([lac["start"][linked], np.repeat(w1, k)])
        decision = _mindate(_maxdate(entered + gap(30, 120), w1 - gap(30, 540)), w1 - 5 * _DAY)
        order = decision + gap(20, 150)
        match = order + gap(30, 250)
        placed = match + gap(7, 35)
        adopted = np.repeat(_NAT, n)
        # Adopted in the last 12 months: the steps worked back from the adoption order.
        won = is_new & ~reversed_
        adopted[won] = (w1 - gap(0, 364))[won]
        placed[won] = (adopted - gap(70, 300))[won]
        match[won] = (placed - gap(7, 35))[won]
        order[won] = (match - gap(30, 250))[won]
        decision[won] = (order - gap(20, 150))[won]
        # Decision reversed in the last 12 months.
        no_longer = np.where(reversed_, w1 - gap(0, 364), _NAT)
        decision[reversed_] = (no_longer - gap(60, 500))[reversed_]
        order[reversed_] = np.where(rng.random(n) < 0.5, decision + gap(20, 150), _NAT)[reversed_]
        match[reversed_] = _NAT
        placed[reversed_] = _NAT
        entered[is_new] = (decision - gap(60, 300))[is_new]
        for arr in (order, match, placed):
            arr[reversed_ & (arr >= no_longer)] = _NAT
            arr[arr > w1] = _NAT
        dob = entered - _days(rng.integers(0, 3 * 365, n))
        child = np.concatenate([lac["child"][linked], self.kids.add(dob[is_new], disabled=0.04)])
        rd = np.where(reversed_, rng.integers(0, 4, n), -1)
        ffa = np.where(rng.random(n) < 0.08, entered + _days(rng.integers(0, 30, n)), _NAT)
        fams = self.matched_families
        family = np.full(n, None, dtype=object)
        has = np.flatnonzero(~np.isnat(match))
        if len(fams):
            family[has] = fams[rng.integers(0, len(fams), len(has))]
        self.adoption = {
            "child": child,
            "family": family,
            "entered": entered,
            "decision": decision,
            "order": order,
            "match": match,
            "placed": placed,
            "adopted": adopted,
            "no_longer": no_longer,
            "rd": rd,
            "ffa": ffa,
        }

    # -- workers ------------------------------------------------------------------------------

    def _allocate(self) -> None:
        """One current worker per child, from the team that holds the child's case at the end."""
        rng = self.rng(14)
        register = worker_register(self.seed)[: self.sc.workers]
        kinds = np.array([_WORKER_PATTERN[i % len(_WORKER_PATTERN)] for i in range(len(register))])
        qualified = np.array([q for _, _, q in register])
        n = self.kids.n
        kind = np.full(n, "A")
        open_cin = self.cin["child"][self.cin["status"] == 2]
        kind[open_cin] = "F"
        kind[self.cwd_children[np.isin(self.cwd_children, open_cin)]] = "W"
        kind[self._open_at_end(self.cp)] = "F"
        kind[self.leavers["child"]] = "L"
        lac_open = self.lac["child"][np.isnat(self.lac["end"])]
        short = self.lac["child"][
            np.isnat(self.lac["end"]) & np.isin(self.lac["legal"], [_V3, _V4])
        ]
        kind[lac_open] = "C"
        kind[short] = "W"
        eligible = self.leavers["child"][self.leavers["category"] == 3]
        kind[eligible] = "C"
        on_plan = np.zeros(n, dtype=bool)
        on_plan[self._open_at_end(self.cp)] = True
        worker = np.zeros(n, dtype=int)
        for k in "AFCWL":
            pool = np.flatnonzero(kinds == k)
            who = np.flatnonzero(kind == k)
            worker[who] = pool[rng.integers(0, len(pool), len(who))]
            if k == "F":  # children on CP plans are nearly always held by qualified workers
                good = pool[qualified[pool]]
                plan_kids = who[on_plan[who] & (rng.random(len(who)) < 0.985)]
                worker[plan_kids] = good[rng.integers(0, len(good), len(plan_kids))]
        self.worker = np.array([name for name, _, _ in register], dtype=object)[worker]
        self.team = np.array([team for _, team, _ in register], dtype=object)[worker]


def _advisors(seed: int) -> list[str]:
    """Personal advisor names (care leavers): synthetic, distinct from the worker names."""
    taken = set(worker_names(seed))
    rng = _seeded(seed, 3)
    out: list[str] = []
    for pick in rng.permutation(len(_FIRST_NAMES) * len(_SURNAMES)).tolist():
        first, last = divmod(pick, len(_SURNAMES))
        name = f"{_FIRST_NAMES[first]} {_SURNAMES[last]}"
        if name not in taken:
            out.append(name)
        if len(out) == 40:
            return out
    return out


# ----------------------------------------------------------------------------------------------
# From case records to sheets


@dataclass
class _Col:
    """One Annex A column: its values and which kinds of messiness it may carry."""

    header: str
    kind: str  # "id" | "code" | "date" | "int" | "text"
    values: np.ndarray  # codes: int (-1 blank); dates: datetime64[D]; ints: float (NaN blank)
    codes: _Codes | None = None
    key: bool = False  # the list's main field: never replaced by a placeholder
    bad_dates: bool = False  # may hold impossible dates such as 31/02/2024
    formula: bool = False  # a few cells written as formulas with cached values
    error_formula: bool = False  # a cell or two holding =NA() with cached #N/A
    unknown: tuple[str, ...] = ()  # unrecognised codes
    invalid: tuple[str, ...] = ()  # non-numeric text in a count column


class _Serial:
    """A date written as a bare Excel serial number (General number format)."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value


class _Formula:
    """A formula with its cached value; `is_date` gives it the date format."""

    __slots__ = ("formula", "value", "is_date")

    def __init__(self, formula: str, value: Any, is_date: bool = False) -> None:
        self.formula, self.value, self.is_date = formula, value, is_date


def _common(a: _Authority, child: np.ndarray, *, disability: bool) -> list[_Col]:
    k = a.kids
    cols = [
        _Col("Child Unique ID", "id", k.ids[child], key=True),
        _Col("Gender", "code", k.gender[child], _GENDER),
        _Col("Ethnicity", "code", k.ethnicity[child], _ETHNICITY),
        _Col("Date of Birth", "date", k.dob[child]),
        _Col("Age of Child (Years)", "int", k.age[child]),
    ]
    if disability:
        cols.append(_Col(DISABILITY_HEADER, "code", k.disability[child], _YESNO))
    return cols


def _allocation(a: _Authority, child: np.ndarray, blank: np.ndarray | None = None) -> list[_Col]:
    worker = a.worker[child].copy()
    team = a.team[child].copy()
    if blank is not None:
        worker[blank] = None
        team[blank & (np.arange(len(child)) % 2 == 0)] = None
    return [_Col("Allocated Team", "text", team), _Col("Allocated Worker", "text", worker)]


def _sorted(rows: dict[str, np.ndarray], keep: np.ndarray, by: str) -> dict[str, np.ndarray]:
    """The kept rows, ordered by a date column then by child."""
    idx = np.flatnonzero(keep)
    idx = idx[np.lexsort((rows["child"][idx], rows[by][idx]))]
    return {name: values[idx] for name, values in rows.items()}


def _sheets(a: _Authority) -> dict[str, list[_Col]]:
    """Cut every Annex A list from the synthetic authority's records."""
    w0, w1 = a.w0, a.w1
    rng = a.rng(20)
    out: dict[str, list[_Col]] = {}

    def inside(d: np.ndarray) -> np.ndarray:
        return (d >= w0) & (d <= w1)

    c = _sorted(a.contacts, inside(a.contacts["date"]), "date")
    out["List 1"] = _common(a, c["child"], disability=False)
    for col in out["List 1"]:
        if col.header == "Ethnicity":
            col.error_formula = True
    out["List 1"] += [
        _Col("Date of Contact", "date", c["date"], key=True, bad_dates=True, formula=True),
        _Col(
            "Contact Source", "code", c["source"], _SOURCES, formula=True, unknown=_UNKNOWN_SOURCES
        ),
    ]

    e = a.eh
    e = _sorted(e, e["start"] <= w1, "start")
    out["List 2"] = _common(a, e["child"], disability=False) + [
        _Col("Assessment start date", "date", e["start"], key=True, bad_dates=True),
        _Col("Assessment completion date", "date", e["completed"]),
        _Col("Organisation completing assessment", "text", e["org"]),
    ]

    r = _sorted(a.referrals, inside(a.referrals["date"]), "date")
    unallocated = (r["nfa"] == _YES) & (rng.random(len(r["child"])) < 0.25)
    out["List 3"] = (
        _common(a, r["child"], disability=False)
        + [
            _Col("Date of referral", "date", r["date"], key=True, bad_dates=True, formula=True),
            _Col("Referral Source", "code", r["source"], _SOURCES, unknown=_UNKNOWN_SOURCES),
            _Col("Referral NFA?", "code", r["nfa"], _YESNO),
            _Col("Number of Referrals in Last 12 Months", "int", r["previous"]),
        ]
        + _allocation(a, r["child"], unallocated)
    )

    s = a.assess
    s = _sorted(s, (s["start"] <= w1) & (np.isnat(s["auth"]) | (s["auth"] >= w0)), "start")
    out["List 4"] = (
        _common(a, s["child"], disability=True)
        + [
            _Col("Continuous Assessment Start Date", "date", s["start"], key=True, bad_dates=True),
            _Col("Child Seen During Continuous Assessment", "code", s["seen"], _YESNO),
            _Col("Continuous Assessment Date of Authorisation", "date", s["auth"], bad_dates=True),
            _Col(
                "Was the child assessed as requiring LA children's social care support?",
                "code",
                s["support"],
                _YESNO,
            ),
        ]
        + _allocation(a, s["child"])
    )

    q = _sorted(a.s47, inside(a.s47["strat"]), "strat")
    out["List 5"] = (
        _common(a, q["child"], disability=True)
        + [
            _Col(
                "Strategy discussion initiating Section 47 Enquiry Start Date",
                "date",
                q["strat"],
                key=True,
                bad_dates=True,
                formula=True,
            ),
            _Col(
                "Was an Initial Child Protection Conference deemed unnecessary?",
                "code",
                q["unnecessary"],
                _YESNO,
            ),
            _Col("Date of Initial Child Protection Conference", "date", q["icpc"], bad_dates=True),
            _Col(
                "Did the Initial Child Protection Conference Result in a Child Protection Plan",
                "code",
                q["plan"],
                _YESNO,
            ),
            _Col("Number of Section 47 Enquiries in the last 12 months", "int", q["s47_count"]),
            _Col("Number of ICPCs in the last 12 months", "int", q["icpc_count"]),
        ]
        + _allocation(a, q["child"])
    )

    n6 = _sorted(a.cin, np.ones(len(a.cin["child"]), dtype=bool), "start")
    unallocated = (n6["status"] == 2) & (rng.random(len(n6["child"])) < 0.02)
    out["List 6"] = (
        _common(a, n6["child"], disability=True)
        + [
            _Col("CIN Start Date", "date", n6["start"], key=True, bad_dates=True),
            _Col("Primary Need Code", "code", n6["need"], _NEED),
            _Col("Date Child Was Last Seen", "date", n6["seen"]),
            _Col("CIN Closure Date", "date", n6["end"]),
            _Col("Reason for Closure", "code", n6["reason"], _CLOSURE),
            _Col("Case Status", "code", n6["status"], _CASE_STATUS),
        ]
        + _allocation(a, n6["child"], unallocated)
    )

    p = _sorted(a.cp, np.ones(len(a.cp["child"]), dtype=bool), "start")
    out["List 7"] = (
        _common(a, p["child"], disability=True)
        + [
            _Col(
                "Child Protection Plan Start Date",
                "date",
                p["start"],
                key=True,
                bad_dates=True,
                formula=True,
            ),
            _Col("Initial Category of Abuse", "code", p["initial"], _ABUSE),
            _Col("Latest Category of Abuse", "code", p["latest"], _ABUSE),
            _Col("Date of the Last Statutory Visit", "date", p["visit"]),
            _Col("Was the Child Seen Alone?", "code", p["alone"], _YESNO),
            _Col("Date of latest review conference", "date", p["review"]),
            _Col("Child Protection Plan End Date", "date", p["end"]),
            _Col(HEADERS["List 7"][13], "code", p["epo"], _YESNO),
            _Col(
                "Number of Previous Child Protection Plans",
                "int",
                p["previous"],
                formula=True,
                invalid=("unknown", "Not known", "TBC"),
            ),
        ]
        + _allocation(a, p["child"])
    )

    lac = _sorted(a.lac, np.ones(len(a.lac["child"]), dtype=bool), "start")
    common8 = _common(a, lac["child"], disability=True)
    common8[2].error_formula = True
    h8 = HEADERS["List 8"]
    out["List 8"] = (
        common8[:5]
        + [_Col(h8[5], "code", np.where(lac["uasc"], _YES, _NO), _YESNO), common8[5]]
        + [
            _Col(h8[7], "date", lac["start"], key=True, bad_dates=True, formula=True),
            _Col(h8[8], "code", lac["need"], _NEED),
            _Col(h8[9], "code", np.where(lac["second"], _YES, _NO), _YESNO),
            _Col(h8[10], "date", lac["legal_start"]),
            _Col(h8[11], "code", lac["legal"], _LEGAL),
            _Col(h8[12], "date", lac["review"]),
            _Col(h8[13], "date", lac["sw_visit"]),
            _Col(h8[14], "code", lac["plan"], _PERMANENCE),
            _Col(h8[15], "date", lac["iro"]),
            _Col(h8[16], "date", lac["health"]),
            _Col(h8[17], "date", lac["dental"]),
            _Col(h8[18], "int", lac["placements"]),
            _Col(h8[19], "date", lac["end"]),
            _Col(h8[20], "code", lac["reason"], _REASON_CEASED),
            _Col(h8[21], "date", lac["placed"]),
            _Col(h8[22], "text", lac["ptype"]),
            _Col(h8[23], "text", lac["provider"]),
            _Col(h8[24], "text", lac["postcode"]),
            _Col(h8[25], "text", lac["urn"]),
            _Col(h8[26], "text", lac["location"]),
            _Col(h8[27], "text", lac["la"]),
            _Col(h8[28], "int", lac["missing"]),
            _Col(h8[29], "int", lac["absent"]),
            _Col(h8[30], "code", lac["offered"], _YESNO),
            _Col(h8[31], "code", lac["accepted"], _YESNO),
        ]
        + _allocation(a, lac["child"])
    )

    cl = a.leavers
    order = np.argsort(a.kids.ids[cl["child"]], kind="stable")
    cl = {k: v[order] for k, v in cl.items()}
    h9 = HEADERS["List 9"]
    out["List 9"] = (
        _common(a, cl["child"], disability=True)
        + _allocation(a, cl["child"])
        + [
            _Col(h9[8], "code", cl["category"], _ELIGIBILITY, key=True),
            _Col(h9[9], "code", cl["touch"], _IN_TOUCH),
            _Col(h9[10], "text", cl["accommodation"]),
            _Col(h9[11], "code", cl["suitable"], _SUITABILITY),
            _Col(h9[12], "text", cl["activity"]),
            _Col(h9[13], "code", cl["uasc"], _YESNO),
            _Col(h9[14], "text", cl["pa"]),
            _Col(h9[15], "date", cl["pathway"]),
            _Col(h9[16], "date", cl["contact"]),
        ]
    )

    ad = _sorted(a.adoption, np.ones(len(a.adoption["child"]), dtype=bool), "decision")
    common10 = _common(a, ad["child"], disability=True)
    h10 = HEADERS["List 10"]
    rd = np.where(ad["rd"] >= 0, np.array(["RD1", "RD2", "RD3", "RD4"])[ad["rd"]], None)
    out["List 10"] = (
        common10[:1]
        + [_Col(h10[1], "text", ad["family"])]
        + common10[1:]
        + [
            _Col(h10[7], "date", ad["entered"]),
            _Col(h10[8], "date", ad["decision"], key=True),
            _Col(h10[9], "date", ad["order"]),
            _Col(h10[10], "date", ad["match"]),
            _Col(h10[11], "date", ad["placed"]),
            _Col(h10[12], "date", ad["adopted"]),
            _Col(h10[13], "date", ad["no_longer"]),
            _Col(h10[14], "text", rd.astype(object)),
            _Col(h10[15], "date", ad["ffa"]),
        ]
    )

    ap = a.adopters
    h11 = HEADERS["List 11"]
    st = ap["stage"]
    out["List 11"] = [
        _Col(h11[0], "id", ap["id"], key=True),
        _Col(h11[1], "text", ap["family"]),
        _Col(h11[2], "code", ap["gender"], _GENDER),
        _Col(h11[3], "code", ap["ethnicity"], _ETHNICITY),
        _Col(h11[4], "code", ap["disability"], _YESNO),
        _Col(h11[5], "code", ap["ffa"], _YESNO),
        _Col(h11[6], "date", st[:, 0], key=True),
        _Col(h11[7], "date", st[:, 1]),
        _Col(h11[8], "date", st[:, 2]),
        _Col(h11[9], "date", st[:, 3]),
        _Col(h11[10], "date", st[:, 4]),
        _Col(h11[11], "date", ap["submitted"]),
        _Col(h11[12], "date", st[:, 5]),
        _Col(h11[13], "date", st[:, 6]),
        _Col(h11[14], "date", st[:, 7]),
        _Col(h11[15], "int", ap["children"]),
        _Col(h11[16], "date", st[:, 8]),
        _Col(h11[17], "date", ap["leaving"]),
        _Col(h11[18], "text", ap["reason"]),
    ]
    for name, cols in out.items():
        headers = [col.header for col in cols]
        if headers != HEADERS[name]:  # pragma: no cover - guards the column tables above
            raise AssertionError(f"{name} columns out of step with HEADERS")
    return out


def _clean_cells(col: _Col) -> np.ndarray:
    """The tidy cell values of a column as an object array (None for blank)."""
    v = col.values
    if col.kind == "code":
        assert col.codes is not None
        table = np.array([*col.codes.canonical, None], dtype=object)
        return table[np.where(v >= 0, v, len(col.codes))]
    if col.kind == "date":
        out = _serial(np.where(np.isnat(v), _EPOCH, v)).astype(object)
        out[np.isnat(v)] = None
        return out
    if col.kind == "int":
        out = np.where(np.isnan(v), 0, v).astype(np.int64).astype(object)
        out[np.isnan(v)] = None
        return out
    out = np.asarray(v, dtype=object).copy()
    return out


def _text_date(serial: int) -> str:
    d = _EPOCH + serial * _DAY
    y, m, day = (int(x[0]) for x in _ymd(np.array([d])))
    return f"{day:02d}/{m:02d}/{y}"


def _mess(rng: np.random.Generator, col: _Col, cells: np.ndarray) -> None:
    """Give a column the low-rate irregularities of real extracts, in place (each cell at most
    one kind)."""
    filled = np.array([x is not None for x in cells], dtype=bool)
    free = np.ones(len(cells), dtype=bool)

    def take(rate: float, minimum: int, *, blank_too: bool = False) -> list[int]:
        pool = np.flatnonzero(free if blank_too else free & filled)
        chosen = pool[_pick(rng, len(pool), rate, minimum)]
        free[chosen] = False
        return chosen.tolist()

    def one_of(options: Sequence[str]) -> str:
        return options[int(rng.integers(len(options)))]

    if col.kind == "code":
        assert col.codes is not None
        plain = col.codes.plain
        if col.formula:
            for i in take(0.001, 2):
                code = plain[int(col.values[i])][0]
                cells[i] = _Formula(f'="{code}"', code)
        if col.error_formula:
            for i in take(0.0005, 1, blank_too=True):
                cells[i] = _Formula("=NA()", "#N/A")
        if col.unknown:
            for i in take(0.004, 2, blank_too=True):
                cells[i] = one_of(col.unknown)
        for i in take(0.02, 3):
            cells[i] = one_of(plain[int(col.values[i])])
        for j, i in enumerate(take(0.005, 2)):
            cells[i] = _NBSP + cells[i] if j % 2 else cells[i] + _NBSP
    elif col.kind == "date":
        if col.formula:
            for i in take(0.001, 2):
                day, month, year = (int(x) for x in _text_date(cells[i]).split("/"))
                cells[i] = _Formula(f"=DATE({year},{month},{day})", cells[i], True)
        if col.bad_dates and filled.any():
            year = int(_ymd(np.array([col.values[~np.isnat(col.values)].max()]))[0][0])
            bad = (f"31/02/{year}", f"30/02/{year}", "unknown", "TBC", "00/00/0000")
            for i in take(0.002, 2, blank_too=True):
                cells[i] = one_of(bad)
        for i in take(0.02, 3):
            cells[i] = _Serial(cells[i])
        for i in take(0.02, 3):
            cells[i] = _text_date(cells[i])
    elif col.kind == "int":
        if col.formula:
            for i in take(0.001, 1):
                cells[i] = _Formula(f"={cells[i]}+0", cells[i])
        if col.invalid:
            for i in take(0.003, 2, blank_too=True):
                cells[i] = one_of(col.invalid)
        for i in take(0.01, 2):
            cells[i] = str(cells[i])
    elif col.kind == "text":
        for i in take(0.003, 1):
            cells[i] = cells[i] + _NBSP
    if not col.key and col.kind != "id":
        for i in take(0.004, 1, blank_too=True):
            cells[i] = one_of(_PLACEHOLDERS)


def _row_order(rng: np.random.Generator, n: int, messy: bool) -> np.ndarray:
    """Source row for each sheet row: duplicates sit next to their original; -1 is a blank row."""
    order = np.arange(n)
    if not messy or n < 10:
        return order
    dup = _pick(rng, n, 0.006, 3)
    order = np.sort(np.concatenate([order, dup]), kind="stable")
    k = max(1, int(rng.binomial(n, 0.0015)))
    at = np.sort(rng.integers(1, len(order) - 1, k))
    return np.insert(order, at, -1)


def _write_sheet(
    wb: xlsxwriter.Workbook,
    name: str,
    cols: list[_Col],
    rng: np.random.Generator,
    messy: bool,
    fmt: dict[str, Any],
) -> int:
    """Write one list; return the number of non-blank data rows."""
    ws = wb.add_worksheet(name)
    serial_fmt, date_fmt = fmt["serial"], fmt["date"]

    def write_serial(sheet: Any, row: int, col: int, token: _Serial, *_: Any) -> int:
        return sheet.write_number(row, col, token.value, serial_fmt)

    def write_formula(sheet: Any, row: int, col: int, token: _Formula, *_: Any) -> int:
        return sheet.write_formula(
            row, col, token.formula, date_fmt if token.is_date else None, token.value
        )

    ws.add_write_handler(_Serial, write_serial)
    ws.add_write_handler(_Formula, write_formula)
    drift = _HEADER_DRIFT.get(name, {}) if messy else {}
    for j, col in enumerate(cols):
        width = min(max(len(col.header) * 0.9, 10), 28)
        ws.set_column(j, j, width, date_fmt if col.kind == "date" else None)
        ws.write_string(0, j, drift.get(col.header, col.header), fmt["header"])
    ws.freeze_panes(1, 0)
    cells = [_clean_cells(col) for col in cols]
    if messy:
        for col, column in zip(cols, cells, strict=True):
            _mess(rng, col, column)
    n = len(cols[0].values)
    rows = list(zip(*[column.tolist() for column in cells], strict=True)) if n else []
    order = _row_order(rng, n, messy)
    written = 0
    for r, i in enumerate(order.tolist(), start=1):
        if i >= 0:
            ws.write_row(r, 0, rows[i])
            written += 1
    return written


def synthesise_annex_a(
    path: str | Path,
    *,
    end: str = "2024-09",
    months: int = 6,
    scale: str = "county",
    seed: int = 0,
    messy: bool = True,
) -> dict[str, int]:
    """Write an Annex A workbook (sheets 'List 1'..'List 11') covering `months` whole calendar
    months ending with month `end` (YYYY-MM); return rows written per sheet name.

    Row counts include duplicate rows but not the fully blank ones. The same arguments always
    give a byte-identical file.

    With `messy=True` (each at a low rate per column, with a floor of a few per list so even
    scale "small" has them): bare codes (`6`, `Female`, `Y`, `yes`) beside prefixed ones
    (`q) 6: Police`) ~2%; non-breaking spaces around values ~0.5%; `#N/A`/`N/A`/`-` ~0.4%;
    dates as bare serial numbers ~2% and as `dd/mm/yyyy` text ~2%; impossible dates
    (`31/02/2024`, `unknown`) ~0.2% in the main date columns; unknown source codes ~0.4%;
    formulas with cached values (`="6"`, `=DATE(...)`, `=NA()`) ~0.1%; text in count columns;
    exact duplicate rows ~0.6%; fully blank rows ~0.15%; header drift in Lists 1, 3, 4, 6, 7.
    Data errors that are part of the records themselves (ICPC before its strategy discussion,
    CP visit after the end month, blank counts) are present with `messy=False` too.
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    win = _window(end, months)
    authority = _Authority(SCALES[scale], win, seed)
    authority.build()
    sheets = _sheets(authority)
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    wb.set_properties(
        {
            "title": "Synthetic Annex A extract (not real data)",
            "author": "xl_dashboard.synth",
            "comments": f"scale={scale} seed={seed} end={end} months={months} messy={messy}",
            "created": _created(win),
        }
    )
    fmt = {
        "header": wb.add_format({"bold": True}),
        "date": wb.add_format({"num_format": "dd/mm/yyyy"}),
        "serial": wb.add_format({"num_format": "0"}),
    }
    counts: dict[str, int] = {}
    for number, (name, cols) in enumerate(sheets.items(), start=1):
        counts[name] = _write_sheet(wb, name, cols, _seeded(seed, 300 + number), messy, fmt)
    wb.close()
    return counts


def _created(win: _Window) -> dt.datetime:
    """A fixed document date: the morning after the window ends."""
    y, m, d = (int(x[0]) for x in _ymd(np.array([win.w1 + _DAY])))
    return dt.datetime(y, m, d, 8, 0, 0)


# ----------------------------------------------------------------------------------------------
# The input workbook (docs/input-workbook.md)

_PAGES = tuple(SECTIONS.values())
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
# Figures-only indicators: (denominator per 171,830 children, lowest and highest proportion).
_FIGURES: dict[str, tuple[float, float, float]] = {
    "cwd_reviewed_6_weeks": (300, 0.6, 0.8),
    "s47_assessments_in_timescale": (180, 0.72, 0.93),
    "lac_immunisations": (700, 0.85, 0.95),
    "lac_development_checks": (90, 0.85, 0.98),
    "lac_care_plan": (1000, 0.9, 0.98),
    "lac_pathway_plan": (400, 0.8, 0.95),
    "lac_pep": (600, 0.8, 0.95),
}
# Latest-value indicators are computed for the reporting month only; earlier months come from
# figures (indicators.md, "Which months are computed").
_LATEST_VALUE: dict[str, tuple[float, float, float]] = {
    "cp_visits_in_timescale": (500, 0.85, 0.97),
    "lac_health_assessment": (700, 0.85, 0.95),
    "lac_dental_check": (700, 0.75, 0.9),
    "cin_allocated_qualified": (2600, 0.9, 0.97),
    "cp_allocated_qualified": (500, 0.97, 1.0),
    "lac_allocated_qualified": (1000, 0.93, 0.99),
}
_EH_OUTCOME_SHARES = {
    "Needs met": 0.55,
    "Stepped up to social care": 0.12,
    "Family disengaged": 0.18,
    "Moved out of area": 0.05,
    "Other": 0.10,
}
_NEIGHBOURS = (
    "Northshire, Eastshire, Westshire, Southshire, Midshire, Highshire, Lowshire, Fenshire, "
    "Moorshire and Daleshire (all synthetic)"
)


def _financial_year(end: np.datetime64) -> str:
    """The last complete financial year before the end month, e.g. 2023/24."""
    year, mon, _ = (int(x[0]) for x in _ymd(np.array([end.astype("M8[D]")])))
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
            if value and value not in _PLACEHOLDERS:
                found[value] = None
    return list(found), contacts


def _write_table(
    wb: xlsxwriter.Workbook,
    name: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: dict[str, Any],
    widths: Sequence[float],
) -> None:
    ws = wb.add_worksheet(name)
    for j, (title, width) in enumerate(zip(header, widths, strict=True)):
        ws.set_column(j, j, width)
        ws.write_string(0, j, title, fmt["header"])
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if isinstance(value, dt.date):
                ws.write_datetime(i, j, value, fmt["date"])
            elif isinstance(value, str):
                ws.write_string(i, j, value, fmt["wrap"] if len(value) > 60 else None)
            elif value is not None:
                ws.write_number(i, j, value)
    ws.freeze_panes(1, 0)


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
    win = _window(end, months)
    rng = _seeded(seed, 400)
    last = np.datetime64(end, "M")
    first_figures = last - (months - 1) - 6
    all_months = np.arange(first_figures, last + 1)
    window_start = last - (months - 1)
    # Volumes follow the Annex A workbook when given (its contacts per month against a county's
    # 3,000), else the population against a county's 171,830 children.
    names = worker_names(seed)
    f = population / 171830
    if annex_a_path is not None:
        names, contacts = _read_annex_a(annex_a_path)
        if contacts:
            f = contacts / months / (SCALES["county"].contacts_per_month * 0.98)

    settings: list[tuple[str, Any]] = [
        ("Local authority", la_name),
        ("Reporting month", end),
        ("Region", "East of England"),
        ("Statistical neighbours", _NEIGHBOURS),
        ("Annex A start", win.w0.item()),
        *((SETTING_LABEL[f.name], getattr(Timescales(), f.name)) for f in fields(Timescales)),
        (SETTING_LABEL["dashboard_months"], 6),
    ]
    first_year = int(_ymd(np.array([first_figures.astype("M8[D]")]))[0][0])
    last_year = int(_ymd(np.array([win.w1]))[0][0])
    population_rows = [
        (year, int(round(population * (1 - 0.004 * (last_year - year)))))
        for year in range(first_year - 1, last_year + 1)
    ]

    figures: list[tuple[Any, ...]] = []

    def share(lo: float, hi: float, k: int) -> np.ndarray:
        mid = rng.uniform(lo, hi)
        return np.clip(mid + np.cumsum(rng.normal(0, (hi - lo) / 10, k)), lo, hi)

    n = len(all_months)
    labels = [str(m) for m in all_months]
    total = np.round(300 * f * rng.normal(1, 0.08, n))
    for outcome, part in _EH_OUTCOME_SHARES.items():
        counts = np.round(total * part * rng.normal(1, 0.1, n))
        figures += [
            ("eh_outcomes", outcome, m, None, None, float(v), None)
            for m, v in zip(labels, counts, strict=True)
        ]
    for team, size, lo, hi in (("CIN teams", 1360, 0.73, 0.88), ("CWD teams", 340, 0.3, 0.5)):
        den = np.round(size * f * rng.normal(1, 0.03, n))
        num = np.round(den * share(lo, hi, n))
        figures += [
            ("cin_with_plan", team, m, float(a), float(b), None, None)
            for m, a, b in zip(labels, num, den, strict=True)
        ]
    for indicator, (size, lo, hi) in _FIGURES.items():
        den = np.round(size * f * rng.normal(1, 0.03, n))
        num = np.round(den * share(lo, hi, n))
        for m, a, b in zip(labels, num, den, strict=True):
            if indicator in ("lac_pep", "cwd_reviewed_6_weeks"):  # published percentage only
                figures.append((indicator, None, m, None, None, round(100 * a / b, 1), None))
            elif indicator == "s47_assessments_in_timescale":
                figures.append(
                    (indicator, None, m, float(a), float(b), round(100 * a / b, 1), None)
                )
            else:
                figures.append((indicator, None, m, float(a), float(b), None, None))
    before_end = labels[:-1]
    k = len(before_end)
    for indicator, (size, lo, hi) in _LATEST_VALUE.items():
        den = np.round(size * f * rng.normal(1, 0.03, k))
        num = np.minimum(np.round(den * share(lo, hi, k)), den)
        figures += [
            (indicator, None, m, float(a), float(b), None, "from the monthly performance report")
            for m, a, b in zip(before_end, num, den, strict=True)
        ]
    history = [str(m) for m in all_months if m < window_start]
    h = len(history)
    refs = np.round(870 * f * rng.normal(1, 0.06, h))
    rerefs = np.round(refs * share(0.18, 0.26, h))
    figures += [
        ("re_referrals", None, m, float(a), float(b), None, None)
        for m, a, b in zip(history, rerefs, refs, strict=True)
    ]
    for indicator, size in (("cin_open", 4800), ("cp_open", 480), ("lac_open", 900)):
        level = np.round(size * f * (1 + np.cumsum(rng.normal(0, 0.01, h))))
        figures += [
            (indicator, None, m, None, None, float(v), None)
            for m, v in zip(history, level, strict=True)
        ]

    fy = _financial_year(last)
    benchmarks: list[tuple[Any, ...]] = []
    for indicator, values in _BENCHMARKS.items():
        for comparator, value in zip(
            ("England", "Statistical neighbours", "Region"), values, strict=True
        ):
            benchmarks.append((indicator, comparator, fy, value))
    own_cp_rate = round(480 * f * rng.uniform(0.95, 1.15) / population * 10000, 1)
    benchmarks.append(("cp_rate", f"{la_name} {fy}", fy, own_cp_rate))
    targets = [(k_, t, tol) for k_, (t, tol) in _TARGETS.items()]
    month_name = pd.Timestamp(str(last)).strftime("%B %Y")
    commentary = [
        (page, end, text)
        for page, texts in zip(_PAGES, _commentary(month_name), strict=True)
        for text in texts
    ]

    register = worker_register(seed)
    qualified = {name: q for name, _, q in register}
    order = {name: i for i, name in enumerate(worker_names(seed))}
    names = sorted(names, key=lambda w: (order.get(w, len(order)), w))
    workers = [(w, "Yes" if qualified.get(w, True) else "No") for w in names]

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties(
        {
            "title": f"{la_name} dashboard inputs (synthetic)",
            "author": "xl_dashboard.synth",
            "comments": f"seed={seed} end={end} months={months}",
            "created": _created(win),
        }
    )
    fmt = {
        "header": wb.add_format({"bold": True}),
        "date": wb.add_format({"num_format": "dd/mm/yyyy", "align": "left"}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
    }
    _write_table(wb, "Settings", ["Setting", "Value"], settings, fmt, [34, 60])
    _write_table(wb, "Population", ["Year", "Population aged 0-17"], population_rows, fmt, [8, 22])
    _write_table(
        wb,
        "Monthly figures",
        ["indicator_id", "breakdown", "period", "numerator", "denominator", "value", "note"],
        figures,
        fmt,
        [30, 26, 10, 12, 12, 10, 36],
    )
    _write_table(
        wb,
        "Benchmarks",
        ["indicator_id", "comparator", "period_label", "value"],
        benchmarks,
        fmt,
        [30, 26, 14, 10],
    )
    _write_table(
        wb, "Targets", ["indicator_id", "target", "amber tolerance"], targets, fmt, [30, 10, 16]
    )
    _write_table(wb, "Commentary", ["section", "month", "text"], commentary, fmt, [34, 10, 100])
    _write_table(
        wb, "Workers", ["Allocated Worker", "Qualified social worker"], workers, fmt, [28, 24]
    )
    wb.close()


def _commentary(month: str) -> list[list[str]]:
    """Two synthetic paragraphs per dashboard page."""
    return [
        [
            f"Contacts in {month} follow the usual pattern for the time of year: police remain "
            "the largest source and school contacts fall sharply during the summer holidays.",
            "Assessment timeliness is being reviewed with team managers; cases over 45 working "
            "days are discussed weekly. (Synthetic commentary for demonstration only.)",
        ],
        [
            "Early help assessments continue at a steady rate, with most family support plans "
            "closing with needs met.",
            "Children in need teams are checking plans that have not been reviewed within 30 "
            "working days.",
        ],
        [
            f"The number of children on a child protection plan in {month} is in line with the "
            "previous quarter. Visits are monitored fortnightly.",
            "Plans lasting more than 18 months are reviewed by the child protection chairs.",
        ],
        [
            "The looked-after population is broadly stable. Health assessments and dental checks "
            "are chased through the health liaison team.",
            "Placement stability and personal education plans remain priorities for the virtual "
            "school and the children in care teams.",
        ],
    ]
