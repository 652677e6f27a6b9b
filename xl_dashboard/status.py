"""RAG status and direction of travel of a figure: the rule in Python, for the core (drafted
commentary), the pages and the UDFs alike. The same rule as Excel formulas is in
dashboard/rules.py.

Polarity `up`: green when value >= target, amber when value >= target - tolerance, else red;
`down` mirrors it. Indicators with polarity `none` get no RAG, only a direction."""

from __future__ import annotations

import math


def _number(x: float | None) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def rag(value: float | None, target: float | None, tolerance: float | None, polarity: str) -> str:
    """'G', 'A', 'R', or '' when there is no value, no target or no polarity."""
    if polarity not in ("up", "down") or not _number(value) or not _number(target):
        return ""
    tol = tolerance if _number(tolerance) else 0.0
    assert value is not None and target is not None and tol is not None
    sign = 1 if polarity == "up" else -1
    if sign * (value - target) >= 0:
        return "G"
    if sign * (value - target) >= -tol:
        return "A"
    return "R"


def direction(this: float | None, last: float | None, polarity: str) -> str:
    """Direction of travel since last month in words, with an arrow for the eye."""
    if not _number(this) or not _number(last):
        return ""
    assert this is not None and last is not None
    if this == last:
        return "► same"
    up = this > last
    arrow = "▲" if up else "▼"
    if polarity == "none":
        return f"{arrow} {'up' if up else 'down'}"
    better = up == (polarity == "up")
    return f"{arrow} {'better' if better else 'worse'}"
