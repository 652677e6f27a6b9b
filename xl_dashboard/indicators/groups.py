"""The fixed breakdowns some indicators are shown by (the catalogue and the sections read them)."""

from __future__ import annotations

# Contact source groups in the reference dashboard's table order, and the CIN census codes in each.
SOURCE_GROUPS: dict[str, tuple[str, ...]] = {
    "Police": ("6",),
    "Health": ("3A", "3B", "3C", "3D", "3E", "3F"),
    "Education/School": ("2A", "2B"),
    "Other legal agency": ("7",),
    "Individual": ("1A", "1B", "1C", "1D"),
    "LA Services - External": ("5C",),
    "LA Services - Internal": ("5A", "5B", "5D"),
    "Housing": ("4",),
    "Other": ("8", "10"),
    "Anonymous": ("9",),
}
SOURCE_GROUP_OF = {code: group for group, codes in SOURCE_GROUPS.items() for code in codes}

EH_OUTCOMES = (
    "Needs met",
    "Stepped up to social care",
    "Family disengaged",
    "Moved out of area",
    "Other",
)
CIN_PLAN_TEAMS = ("CIN teams", "CWD teams")
