"""The code lists the validation rules check coded columns against.

Ofsted's lists (inputs/annex_a_codes.py) where they are complete; the DfE returns' lists where
a column carries their codes and Ofsted's template lists only some (reason ceased, placement
type). Codes are compared in upper case: `c2` is read as `C2`, as the indicators read it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..inputs import annex_a_codes as A


def _codes(items: Sequence[tuple[str, ...]] | Iterable[str]) -> frozenset[str]:
    return frozenset((i if isinstance(i, str) else i[0]).upper() for i in items)


# CIN census rule 8650: N0-N9.
PRIMARY_NEED = _codes(A.NEED)
# SSDA903 rule 145: a child looked after has a category of need N1-N8 (N0 and N9 are not
# categories of children in need).
CATEGORY_OF_NEED = PRIMARY_NEED - {"N0", "N9"}
# SSDA903 rule 144; the same thirteen codes as Ofsted's list.
LEGAL_STATUS = _codes(A.LEGAL_STATUS)
# SSDA903 rule 149, less X1 (an episode ending while the period of care goes on, which is not
# a reason for ceasing to be looked after): Ofsted's list plus the SSDA903 codes it leaves out.
REASON_CEASED = _codes(A.REASON_CEASED) | {"E2", "E14", "E15", "E16", "E47", "E48"}
# SSDA903 rule 146, every code valid in some year from 2022-23 to 2025-26 (H5, P2 and Z1 until
# 2024-25; K3 from 2024-25; Z11-Z14 from 2025-26): a List 8 row may be years old.
PLACEMENT_TYPE = _codes(
    ("A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R5",
     "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1", "Z11", "Z12",
     "Z13", "Z14")
)  # fmt: skip
