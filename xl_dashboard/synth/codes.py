"""The weights with which synthetic records use the Annex A code lists (inputs/annex_a_codes.py),
and the spelling variants seen in extracts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..inputs import annex_a_codes as A


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


def _code_label(items: Sequence[A.LetterCodeLabel]) -> Codes:
    """`q) 6: Police` style; the bare spelling is the code (`6`)."""
    return Codes(A.letter_code_label(items), tuple((c,) for _, c, _ in items))


def _label(items: Sequence[A.LetterLabel]) -> Codes:
    """`b) Female` style; the bare spelling is the label (`Female`)."""
    return Codes(A.letter_label(items), tuple((b,) for _, b in items))


def _bare(items: Sequence[A.CodeLabel]) -> Codes:
    """Bare codes (`C2`); the variant carries the label (`C2: Full care order`)."""
    return Codes(tuple(c for c, _ in items), tuple((s,) for s in A.code_label(items)))


SOURCES = _code_label(A.SOURCES)
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

GENDER = _label(A.GENDER)
GENDER_P = np.array([0.505, 0.485, 0.007, 0.003])
ETHNIC_CODES = A.ETHNIC_CODES
ETHNICITY = _label(A.ETHNICITY)
ETHNIC_P = _shares(
    [77, 0.3, 0.2, 5, 0.5, 1.8, 0.8, 0.8, 1.5, 0.6, 0.5, 0.3, 0.5, 0.4, 1.5, 0.4, 0.2, 1, 1, 5.9]
)
UASC_ETHNIC_P = np.zeros(len(ETHNIC_CODES))
UASC_ETHNIC_P[[ETHNIC_CODES.index(c) for c in ("AOTH", "BAFR", "BOTH", "OOTH", "WOTH")]] = [
    0.3, 0.3, 0.1, 0.2, 0.1
]  # fmt: skip
YESNO = Codes(A.letter_label(A.YES_NO), (("Yes", "Y", "yes"), ("No", "N", "no"), ("Unknown",)))
YES, NO, UNKNOWN = 0, 1, 2
NEED = _bare(A.NEED)
NEED_P = np.array([0.4, 55, 9, 5, 10, 14, 2, 0.5, 2, 2.1]) / 100
CLOSURE = _bare(A.CLOSURE)
CASE_STATUS = _label(A.CASE_STATUS)
ABUSE = _label(A.ABUSE)
ABUSE_P = np.array([0.50, 0.07, 0.04, 0.36, 0.03])
# Legal statuses the generator never draws; the template still offers them.
UNDRAWN_LEGAL = ("D1", "L3")
LEGAL = _bare([s for s in A.LEGAL_STATUS if s[0] not in UNDRAWN_LEGAL])
LEGAL_P = _shares([10, 58, 7, 14, 1, 3.5, 0.2, 0.2, 0.3, 0.2, 0.2])
V3, V4 = LEGAL.canonical.index("V3"), LEGAL.canonical.index("V4")
SHORT_BREAKS = (V3, V4)  # legal statuses of disabled children on agreed short breaks
PERMANENCE = _label(A.PERMANENCE)
REASON_CEASED = _bare(A.REASON_CEASED)
CEASED_CHILD_P = _shares([35, 8, 6, 6, 10, 6, 3, 5, 4, 14, 3, 0, 0, 0, 0])
CEASED_18_P = _shares([0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 2, 28, 25, 10, 5])
PLACEMENT_TYPES = words("U1 U2 U3 U4 U5 U6 K2 R1 P1 A4 A5 A6 S1 Z1 K1 R2 R5 T4")
PLACEMENT_P = _shares([6, 4, 12, 40, 6, 6, 10, 2, 5, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5])
PROVIDERS = ("PR0", "PR1", "PR2", "PR3", "PR4", "PR5")
LA_CODES_OUT = ("935", "926", "873", "940", "941", "908", "878", "909", "830", "855", "WAL")
ELIGIBILITY = _label(A.ELIGIBILITY)
IN_TOUCH = _label(A.IN_TOUCH)
ACCOMMODATION = ["B", "C", "D", "E", "K", "R", "S", "T", "U", "W", "X", "Y", "Z"]
ACCOMMODATION_P = _shares([15, 5, 20, 8, 4, 2, 1, 2, 25, 1, 2, 5, 10])
SUITABILITY = _label(A.SUITABILITY)
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
