"""The drop-down lists of the template's coded fields: Ofsted's Annex A spellings of the usual
codes (shared/research/domain.md §1.5). Other spellings stay allowed: the reader matches codes,
not labels, and Check data reports what it cannot read."""

from __future__ import annotations

from ..indicators.catalogue import CATALOGUE, SECTIONS
from ..inputs.normalise import norm_header

YES_NO = ("a) Yes", "b) No", "c) Unknown")
ETHNICITY_CODES = (
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
)  # fmt: skip

CODE_LISTS: dict[str, tuple[str, ...]] = {
    "Sources": (
        "a) 1A: Individual - Family member/relative/carer",
        "b) 1B: Individual - Acquaintance (including neighbours and child minders)",
        "c) 1C: Individual - Self",
        "d) 1D: Individual - Other (including strangers, MPs)",
        "e) 2A: Schools",
        "f) 2B: Education services",
        "g) 3A: Health services - GP",
        "h) 3B: Health services - Health visitor",
        "i) 3C: Health services - School nurse",
        "j) 3D: Health services - Other primary health services",
        "k) 3E: Health services - A&E",
        "l) 3F: Health services - Other",
        "m) 4: Housing",
        "n) 5A: LA services - Social care",
        "o) 5B: LA services - Other internal",
        "p) 5C: LA services - External",
        "p1) 5D: LA services - Early help",
        "q) 6: Police",
        "r) 7: Other legal agency",
        "s) 8: Other",
        "t) 9: Anonymous",
        "u) 10: Unknown",
    ),
    "YesNo": YES_NO,
    "Gender": ("a) Male", "b) Female", "c) Not stated/recorded", "d) Neither"),
    "Ethnicity": tuple(f"{chr(97 + i)}) {code}" for i, code in enumerate(ETHNICITY_CODES)),
    "Need": (
        "N0: Not stated",
        "N1: Abuse or neglect",
        "N2: Child's disability",
        "N3: Parental disability or illness",
        "N4: Family in acute stress",
        "N5: Family dysfunction",
        "N6: Socially unacceptable behaviour",
        "N7: Low income",
        "N8: Absent parenting",
        "N9: Cases other than children in need",
    ),
    "Closure": (
        "RC1: Adopted",
        "RC2: Died",
        "RC3: Child arrangements order",
        "RC4: Special guardianship order",
        "RC5: Transferred to services of another local authority",
        "RC6: Transferred to adult social care services",
        "RC7: Services ceased for any other reason, including child no longer in need",
        "RC8: Case closed after assessment, no further action",
        "RC9: Case closed after assessment, referred to early help",
    ),
    "CaseStatus": (
        "a) Looked after child",
        "b) Child Protection plan",
        "c) Child in need plan",
        "d) Open assessment",
        "e) Closed episode",
    ),
    "Abuse": ("a) Neglect", "b) Physical", "c) Sexual", "d) Emotional", "e) Multiple"),
    "LegalStatus": (
        "C1: Interim care order",
        "C2: Full care order",
        "D1: Freeing order granted",
        "E1: Placement order granted",
        "V2: Single period of accommodation under section 20",
        "V3: Accommodated under an agreed series of short-term breaks (episodes)",
        "V4: Accommodated under an agreed series of short-term breaks (agreements)",
        "L1: Under police protection",
        "L2: Emergency protection order",
        "L3: Child assessment order",
        "J1: Remanded to local authority accommodation",
        "J2: Placed in local authority accommodation under PACE",
        "J3: Sentenced to youth rehabilitation order",
    ),
    "Permanence": (
        "a) Return to family",
        "b) Adoption",
        "c) Special guardianship order or child arrangements order",
        "d) Supported living in the community",
        "e) Long-term residential placement",
        "f) Long-term fostering",
        "g) Other",
    ),
    "Indicators": tuple(i.id for i in CATALOGUE),
    "Pages": tuple(SECTIONS.values()),
    "Comparators": ("England", "Statistical neighbours", "Region"),
    "Qualified": ("Yes", "No"),
}

# Annex A header (normalised) → its code list. Headers ending in (Y/N) are Yes/No too.
_LIST_OF_HEADER = {
    "Contact Source": "Sources",
    "Referral Source": "Sources",
    "Gender": "Gender",
    "Ethnicity": "Ethnicity",
    "Does the Child have a Disability": "YesNo",
    "Referral NFA?": "YesNo",
    "Child Seen During Continuous Assessment": "YesNo",
    "Was the child assessed as requiring LA children's social care support?": "YesNo",
    "Was an Initial Child Protection Conference deemed unnecessary?": "YesNo",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan": "YesNo",
    "Was the Child Seen Alone?": "YesNo",
    "Primary Need Code": "Need",
    "Child's Category of Need": "Need",
    "Reason for Closure": "Closure",
    "Case Status": "CaseStatus",
    "Initial Category of Abuse": "Abuse",
    "Latest Category of Abuse": "Abuse",
    "Child's Legal Status": "LegalStatus",
    "What is the permanence plan for this child?": "Permanence",
}
CODE_LIST_OF = {norm_header(h): name for h, name in _LIST_OF_HEADER.items()}


def code_list_for(header: str) -> str | None:
    """The name of the drop-down list for an Annex A column, if it is a coded one."""
    key = norm_header(header)
    if key in CODE_LIST_OF:
        return CODE_LIST_OF[key]
    return "YesNo" if header.rstrip(" ?").endswith("(Y/N)") else None
