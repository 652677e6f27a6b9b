"""The drop-down lists of the template's coded fields: Ofsted's Annex A spellings of the usual
codes (declared in inputs/annex_a_codes.py). Other spellings stay allowed: the reader matches codes,
not labels, and Check data reports what it cannot read."""

from __future__ import annotations

from ..api import CATALOGUE, SECTIONS, STANDARD_COMPARATORS, norm_header
from ..api import annex_a_codes as A

CODE_LISTS: dict[str, tuple[str, ...]] = {
    "Sources": A.letter_code_label(A.SOURCES),
    "YesNo": A.letter_label(A.YES_NO),
    "Gender": A.letter_label(A.GENDER),
    "Ethnicity": A.letter_label(A.ETHNICITY),
    "Need": A.code_label(A.NEED),
    "Closure": A.code_label(A.CLOSURE),
    "CaseStatus": A.letter_label(A.CASE_STATUS),
    "Abuse": A.letter_label(A.ABUSE),
    "LegalStatus": A.code_label(A.LEGAL_STATUS),
    "Permanence": A.letter_label(A.PERMANENCE),
    "Indicators": tuple(i.id for i in CATALOGUE),
    "Pages": tuple(SECTIONS.values()),
    "Comparators": STANDARD_COMPARATORS,
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
