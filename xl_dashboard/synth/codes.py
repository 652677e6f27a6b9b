"""Annex A code lists (annex_a.md 1.5) and the weights with which synthetic records use them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def words(text: str) -> list[str]:
    """Split a long literal word list kept compact in the source."""
    return text.split()


@dataclass(frozen=True)
class Codes:
    """A code list: the usual Annex A spelling of each code plus bare spellings seen in extracts."""

    canonical: tuple[str, ...]
    plain: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.canonical)


def _shares(weights: Sequence[float]) -> np.ndarray:
    """Weights scaled to sum to 1."""
    p = np.array(weights, dtype=float)
    return p / p.sum()


def _code_label(items: Sequence[tuple[str, str, str]]) -> Codes:
    """`q) 6: Police` style; the bare spelling is the code (`6`)."""
    return Codes(tuple(f"{a}) {c}: {b}" for a, c, b in items), tuple((c,) for _, c, _ in items))


def _label(items: Sequence[tuple[str, str]]) -> Codes:
    """`b) Female` style; the bare spelling is the label (`Female`)."""
    return Codes(tuple(f"{a}) {b}" for a, b in items), tuple((b,) for _, b in items))


def _bare(items: Sequence[tuple[str, str]]) -> Codes:
    """Bare codes (`C2`); the variant carries the label (`C2: Full care order`)."""
    return Codes(tuple(c for c, _ in items), tuple((f"{c}: {b}",) for c, b in items))


SOURCES = _code_label(
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
SOURCE_CODES = [p[0] for p in SOURCES.plain]
# Share of contacts per source (police ~30%, schools ~17%, health ~15%, individuals ~18%).
SOURCE_MIX = _shares(
    [9, 2, 3, 4, 15, 2, 3, 2.5, 1, 2, 4, 2.5, 3.5, 1, 1, 2.5, 1, 30, 2.5, 6, 2, 0.5]
)
# Probability that a contact from the source becomes a referral (overall about 29%).
CONVERSION = np.array(
    [.30, .25, .30, .22, .35, .30, .35, .40, .35, .35, .32, .35, .25, .45, .35, .40, .45, .24, .35,
     .28, .12, .20]
)  # fmt: skip
SCHOOL = np.isin(SOURCE_CODES, ["2A", "2B", "3C"])
INDIVIDUAL = np.isin(SOURCE_CODES, ["1A", "1B", "1C", "1D"])
UNKNOWN_SOURCES = ("99", "x) 11: Other agency", "Pol", "z) 12: Anonymous (legacy)", "0")

GENDER = _label([("a", "Male"), ("b", "Female"), ("c", "Not stated/recorded"), ("d", "Neither")])
GENDER_P = np.array([0.505, 0.485, 0.007, 0.003])
ETHNIC_CODES = words(
    "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH "
    "REFU NOBT"
)
ETHNICITY = Codes(
    tuple(f"{chr(97 + i)}) {c}" for i, c in enumerate(ETHNIC_CODES)),
    tuple((c,) for c in ETHNIC_CODES),
)
ETHNIC_P = _shares(
    [77, 0.3, 0.2, 5, 0.5, 1.8, 0.8, 0.8, 1.5, 0.6, 0.5, 0.3, 0.5, 0.4, 1.5, 0.4, 0.2, 1, 1, 5.9]
)
UASC_ETHNIC_P = np.zeros(len(ETHNIC_CODES))
UASC_ETHNIC_P[[ETHNIC_CODES.index(c) for c in ("AOTH", "BAFR", "BOTH", "OOTH", "WOTH")]] = [
    0.3, 0.3, 0.1, 0.2, 0.1
]  # fmt: skip
YESNO = Codes(
    ("a) Yes", "b) No", "c) Unknown"), (("Yes", "Y", "yes"), ("No", "N", "no"), ("Unknown",))
)
YES, NO, UNKNOWN = 0, 1, 2
NEED = _bare(
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
NEED_P = np.array([0.4, 55, 9, 5, 10, 14, 2, 0.5, 2, 2.1]) / 100
CLOSURE = _bare(
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
CASE_STATUS = _label(
    [
        ("a", "Looked after child"),
        ("b", "Child Protection plan"),
        ("c", "Child in need plan"),
        ("d", "Open assessment"),
        ("e", "Closed episode"),
    ]
)
ABUSE = _label(
    [("a", "Neglect"), ("b", "Physical"), ("c", "Sexual"), ("d", "Emotional"), ("e", "Multiple")]
)
ABUSE_P = np.array([0.50, 0.07, 0.04, 0.36, 0.03])
LEGAL = _bare(
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
LEGAL_P = _shares([10, 58, 7, 14, 1, 3.5, 0.2, 0.2, 0.3, 0.2, 0.2])
V3, V4 = 4, 5
SHORT_BREAKS = (V3, V4)  # legal statuses of disabled children on agreed short breaks
PERMANENCE = _label(
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
REASON_CEASED = _bare(
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
CEASED_CHILD_P = _shares([35, 8, 6, 6, 10, 6, 3, 5, 4, 14, 3, 0, 0, 0, 0])
CEASED_18_P = _shares([0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 2, 28, 25, 10, 5])
PLACEMENT_TYPES = words("U1 U2 U3 U4 U5 U6 K2 R1 P1 A4 A5 A6 S1 Z1 K1 R2 R5 T4")
PLACEMENT_P = _shares([6, 4, 12, 40, 6, 6, 10, 2, 5, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5])
PROVIDERS = ("PR0", "PR1", "PR2", "PR3", "PR4", "PR5")
LA_CODES_OUT = ("935", "926", "873", "940", "941", "908", "878", "909", "830", "855", "WAL")
ELIGIBILITY = _label(
    [("a", "Relevant"), ("b", "Former relevant"), ("c", "Qualifying"), ("d", "Eligible")]
)
IN_TOUCH = _label(
    [("a", "Yes"), ("b", "No"), ("c", "Died"), ("d", "Refu"), ("e", "NREQ"), ("f", "Rhom")]
)
ACCOMMODATION = ["B", "C", "D", "E", "K", "R", "S", "T", "U", "W", "X", "Y", "Z"]
ACCOMMODATION_P = _shares([15, 5, 20, 8, 4, 2, 1, 2, 25, 1, 2, 5, 10])
SUITABILITY = _label([("a", "Suitable"), ("b", "Unsuitable")])
ACTIVITY = ["F1", "F2", "F4", "F5", "P2", "P5", "G4", "G5", "G6"]
ACTIVITY_P = _shares([6, 30, 5, 12, 4, 3, 8, 25, 7])
EH_ORGS = (
    "Early Help Team",
    "School",
    "Health Visiting Service",
    "Children's Centre",
    "Voluntary sector provider",
    "Youth Service",
    "School Nursing Service",
    "Housing Support Service",
)
EH_ORG_P = np.array([40, 25, 10, 8, 8, 4, 3, 2]) / 100

# Age at the window end, by whole year 0..17, of children in contacts, on CP plans and in care.
CONTACT_AGES = np.array(
    [9, 5, 5, 5, 5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 6, 6.5, 7, 7, 6.5, 5], dtype=float
)
CP_AGES = np.array([12, 8, 7, 7, 6, 6, 6, 6, 5, 5, 5, 5, 4, 4, 3, 3, 2, 1], dtype=float)
LAC_AGES = np.array([3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5.5, 6, 6.5, 7, 8, 9, 10, 10], dtype=float)
