"""Ofsted's Annex A code lists (shared/spec/annex_a.md §1.5), as data, declared once.

Each list keeps what Ofsted's template spells: a letter, a code and a label (`q) 6: Police`),
a letter and a label (`b) Female`), or a code and a label (`C2: Full care order`). The
spelling functions below turn a list into the usual Annex A entries; the Excel template's
drop-downs and the synthetic data generator both use them."""

from __future__ import annotations

from collections.abc import Sequence

LetterCodeLabel = tuple[str, str, str]
LetterLabel = tuple[str, str]
CodeLabel = tuple[str, str]

SOURCES: tuple[LetterCodeLabel, ...] = (
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
)
YES_NO: tuple[LetterLabel, ...] = (("a", "Yes"), ("b", "No"), ("c", "Unknown"))
GENDER: tuple[LetterLabel, ...] = (
    ("a", "Male"),
    ("b", "Female"),
    ("c", "Not stated/recorded"),
    ("d", "Neither"),
)
# Lettered in order: `a) WBRI`, `b) WIRI`, ...
ETHNIC_CODES: tuple[str, ...] = (
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
)  # fmt: skip
ETHNICITY: tuple[LetterLabel, ...] = tuple((chr(97 + i), c) for i, c in enumerate(ETHNIC_CODES))
NEED: tuple[CodeLabel, ...] = (
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
)
CLOSURE: tuple[CodeLabel, ...] = (
    ("RC1", "Adopted"),
    ("RC2", "Died"),
    ("RC3", "Child arrangements order"),
    ("RC4", "Special guardianship order"),
    ("RC5", "Transferred to services of another local authority"),
    ("RC6", "Transferred to adult social care services"),
    ("RC7", "Services ceased for any other reason, including child no longer in need"),
    ("RC8", "Case closed after assessment, no further action"),
    ("RC9", "Case closed after assessment, referred to early help"),
)
CASE_STATUS: tuple[LetterLabel, ...] = (
    ("a", "Looked after child"),
    ("b", "Child Protection plan"),
    ("c", "Child in need plan"),
    ("d", "Open assessment"),
    ("e", "Closed episode"),
)
ABUSE: tuple[LetterLabel, ...] = (
    ("a", "Neglect"),
    ("b", "Physical"),
    ("c", "Sexual"),
    ("d", "Emotional"),
    ("e", "Multiple"),
)
LEGAL_STATUS: tuple[CodeLabel, ...] = (
    ("C1", "Interim care order"),
    ("C2", "Full care order"),
    ("D1", "Freeing order granted"),
    ("E1", "Placement order granted"),
    ("V2", "Single period of accommodation under section 20"),
    ("V3", "Accommodated under an agreed series of short-term breaks (episodes)"),
    ("V4", "Accommodated under an agreed series of short-term breaks (agreements)"),
    ("L1", "Under police protection"),
    ("L2", "Emergency protection order"),
    ("L3", "Child assessment order"),
    ("J1", "Remanded to local authority accommodation"),
    ("J2", "Placed in local authority accommodation under PACE"),
    ("J3", "Sentenced to youth rehabilitation order"),
)
PERMANENCE: tuple[LetterLabel, ...] = (
    ("a", "Return to family"),
    ("b", "Adoption"),
    ("c", "Special guardianship order or child arrangements order"),
    ("d", "Supported living in the community"),
    ("e", "Long-term residential placement"),
    ("f", "Long-term fostering"),
    ("g", "Other"),
)
REASON_CEASED: tuple[CodeLabel, ...] = (
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
)
ELIGIBILITY: tuple[LetterLabel, ...] = (
    ("a", "Relevant"),
    ("b", "Former relevant"),
    ("c", "Qualifying"),
    ("d", "Eligible"),
)
IN_TOUCH: tuple[LetterLabel, ...] = (
    ("a", "Yes"),
    ("b", "No"),
    ("c", "Died"),
    ("d", "Refu"),
    ("e", "NREQ"),
    ("f", "Rhom"),
)
SUITABILITY: tuple[LetterLabel, ...] = (("a", "Suitable"), ("b", "Unsuitable"))


def letter_code_label(items: Sequence[LetterCodeLabel]) -> tuple[str, ...]:
    """`q) 6: Police` spellings."""
    return tuple(f"{letter}) {code}: {label}" for letter, code, label in items)


def letter_label(items: Sequence[LetterLabel]) -> tuple[str, ...]:
    """`b) Female` spellings."""
    return tuple(f"{letter}) {label}" for letter, label in items)


def code_label(items: Sequence[CodeLabel]) -> tuple[str, ...]:
    """`C2: Full care order` spellings."""
    return tuple(f"{code}: {label}" for code, label in items)
