"""Unit scaling: an indicator's displayed value from its numerator and denominator."""

from __future__ import annotations

import pandas as pd

# The factor a ratio is shown at, by unit; any other unit shows the numerator itself (a count).
UNIT_SCALES: dict[str, float] = {"%": 100.0, "per 10k": 10000.0}


def scaled_value(numerator: pd.Series, denominator: pd.Series, unit: str) -> pd.Series:
    """The value in display units: a percentage or rate per 10,000 of numerator/denominator
    (missing where the denominator is 0), else the numerator."""
    scale = UNIT_SCALES.get(unit)
    if scale is None:
        return numerator
    return scale * numerator / denominator.where(denominator != 0)
