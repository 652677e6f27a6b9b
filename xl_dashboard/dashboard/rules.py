"""RAG status and direction of travel: the rule in Python and the same rule as Excel formulas.

Polarity `up`: green when value >= target, amber when value >= target - tolerance, else red;
`down` mirrors it. Indicators with polarity `none` get no RAG, only a direction. The Excel
formulas compare the same cells a manager edits, so a changed target changes the colours."""

from __future__ import annotations

from ..status import direction, rag

__all__ = ["direction", "rag", "rag_criteria"]


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
