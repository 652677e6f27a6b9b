"""The sizes of a synthetic authority: volumes per scale name."""

from __future__ import annotations

from dataclasses import dataclass


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
