"""RAG status and direction of travel: the rule in Python and the same rule as Excel formulas.

Polarity `up`: green when value >= target, amber when value >= target - tolerance, else red;
`down` mirrors it. Indicators with polarity `none` get no RAG, only a direction. The Excel
formulas compare the same cells a manager edits, so a changed target changes the colours."""

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


def rag_criteria(value: str, target: str, tolerance: str, polarity: str) -> dict[str, str]:
    """Conditional-format formulas for each RAG letter, first match wins (G, A, R order).

    `value`, `target` and `tolerance` are cell references or defined names."""
    guard = f"ISNUMBER({value}),ISNUMBER({target})"
    if polarity == "up":
        green, amber = f"{value}>={target}", f"{value}>={target}-N({tolerance})"
    else:
        green, amber = f"{value}<={target}", f"{value}<={target}+N({tolerance})"
    return {
        "G": f"=AND({guard},{green})",
        "A": f"=AND({guard},{amber})",
        "R": f"=AND({guard})",
    }


def rag_formula(value: str, target: str, tolerance: str, polarity: str) -> str:
    """A cell formula giving the RAG letter (blank without a value or a target)."""
    c = rag_criteria(value, target, tolerance, polarity)
    return f'=IF(NOT({c["R"][1:]}),"",IF({c["G"][1:]},"G",IF({c["A"][1:]},"A","R")))'


def direction_formula(this: str, last: str, polarity: str) -> str:
    """A cell formula giving `direction(this, last, polarity)`."""
    if polarity == "none":
        up, down = "▲ up", "▼ down"
    elif polarity == "up":
        up, down = "▲ better", "▼ worse"
    else:
        up, down = "▲ worse", "▼ better"
    return (
        f'=IF(OR(NOT(ISNUMBER({this})),NOT(ISNUMBER({last}))),"",'
        f'IF({this}>{last},"{up}",IF({this}<{last},"{down}","► same")))'
    )


def direction_criteria(this: str, last: str, polarity: str) -> dict[str, str]:
    """Conditional-format formulas colouring an improvement and a decline (polar only)."""
    guard = f"ISNUMBER({this}),ISNUMBER({last})"
    rises, falls = f"=AND({guard},{this}>{last})", f"=AND({guard},{this}<{last})"
    if polarity == "up":
        return {"better": rises, "worse": falls}
    if polarity == "down":
        return {"better": falls, "worse": rises}
    return {}
