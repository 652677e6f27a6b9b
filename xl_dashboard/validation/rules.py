"""Validation rules over the Annex A lists, after the DfE CIN census checks (domain brief §7.2).

Each rule is data: the list, the columns it reads, a vectorised test that marks the offending
rows, and the message. They report; they never change or drop a row (the indicators decide
what they can use)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..inputs.annex_a import AnnexA
from ..inputs.annex_a_spec import sheet_name
from ..issues import Issues


@dataclass(frozen=True)
class Rule:
    rule: str  # short name; DfE validation number in brackets where one exists
    list_no: int
    needs: tuple[str, ...]
    column: str  # the header named in the issue
    message: str
    test: Callable[[pd.DataFrame, pd.Timestamp], np.ndarray]
    severity: str = "warning"


def _before(later: str, earlier: str) -> Callable[[pd.DataFrame, pd.Timestamp], np.ndarray]:
    return lambda f, _m1: (f[later] < f[earlier]).to_numpy()


def _several_open(f: pd.DataFrame, m1: pd.Timestamp) -> np.ndarray:
    """Rows of children with more than one episode open at the reporting month end."""
    open_ = ((f["start"] <= m1) & (f["end"].isna() | (f["end"] > m1))).to_numpy()
    ids = f["child_id"].where(open_)
    counts = ids.map(ids.value_counts())
    return (counts > 1).to_numpy()


def _no_child(f: pd.DataFrame, _m1: pd.Timestamp) -> np.ndarray:
    return f["child_id"].isna().to_numpy()


RULES: tuple[Rule, ...] = (
    *(
        Rule(
            "missing-child-id (8500)",
            n,
            ("child_id",),
            "Child Unique ID",
            "No Child Unique ID: the row cannot be linked to a child.",
            _no_child,
            "error",
        )
        for n in range(1, 9)
    ),
    Rule(
        "assessment-before-start (8608)",
        4,
        ("start", "authorised"),
        "Continuous Assessment Date of Authorisation",
        "Authorised before the assessment started.",
        _before("authorised", "start"),
    ),
    Rule(
        "icpc-before-strategy (8615)",
        5,
        ("strategy_date", "icpc_date"),
        "Date of Initial Child Protection Conference",
        "ICPC dated before its strategy discussion.",
        _before("icpc_date", "strategy_date"),
    ),
    Rule(
        "cin-closed-before-start (8630)",
        6,
        ("start", "end"),
        "CIN Closure Date",
        "CIN episode closed before it started.",
        _before("end", "start"),
    ),
    Rule(
        "cp-ended-before-start (8925)",
        7,
        ("start", "end"),
        "Child Protection Plan End Date",
        "CP plan ended before it started.",
        _before("end", "start"),
    ),
    Rule(
        "cla-ceased-before-start",
        8,
        ("start", "end"),
        "Date Ceased to be Looked After",
        "Ceased to be looked after before starting.",
        _before("end", "start"),
    ),
    Rule(
        "several-open-cin (8815)",
        6,
        ("child_id", "start", "end"),
        "CIN Start Date",
        "The child has more than one CIN episode open at the reporting month end (counted once).",
        _several_open,
    ),
    Rule(
        "several-open-cp (8935)",
        7,
        ("child_id", "start", "end"),
        "Child Protection Plan Start Date",
        "The child has more than one CP plan open at the reporting month end (counted once).",
        _several_open,
    ),
)


def check_lists(annex: AnnexA, month_end: pd.Timestamp, issues: Issues) -> None:
    """Run every rule whose list and columns are present."""
    for rule in RULES:
        if not annex.has(rule.list_no, *rule.needs):
            continue
        frame = annex.lists[rule.list_no]
        bad = rule.test(frame, month_end)
        if bad.any():
            issues.add(
                rule.rule,
                rule.severity,
                sheet_name(rule.list_no),
                rule.message,
                rows=frame.loc[bad, "row"].to_numpy(),
                column=rule.column,
            )
