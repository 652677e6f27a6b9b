"""The rule table is well formed, documented in the README, and summarised by rule."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pandas as pd

from xl_dashboard.inputs.annex_a_spec import LISTS
from xl_dashboard.validation import RULE_BY_ID, RULES, rule_summary

README = Path(__file__).resolve().parents[2] / "README.md"
CONTEXT = {"today", "extract", "month_end"}


def test_every_rule_reads_declared_columns_and_quotes_only_what_it_reads() -> None:
    for rule in RULES:
        assert re.fullmatch(r"\d{3,4}Q?|AA\d\d", rule.id), rule.id
        assert rule.severity in {"error", "warning", "info"}, rule.id
        assert rule.source in {"CIN census", "SSDA903", "Annex A (ours)"}, rule.id
        assert rule.lists and set(rule.lists) <= set(range(1, 9)), rule.id
        assert "{" not in rule.description, rule.id  # no row data in the summary
        fields = {f for _, f, _, _ in string.Formatter().parse(rule.message) if f}
        assert fields <= set(rule.needs) | {rule.column} | CONTEXT, (rule.id, fields)
        for n in rule.lists:
            keys = {c.key for c in LISTS[n]}
            assert {rule.column, *rule.needs} <= keys, (rule.id, n)


def test_columns_only_validation_reads_are_optional() -> None:
    read_by_rules = {key for rule in RULES for key in rule.needs}
    optional = {c.key for cols in LISTS.values() for c in cols if c.optional}
    # Allocated Team is optional too: without it the team rows are simply not computed.
    assert optional - {"team"} <= read_by_rules
    assert {"dob", "age", "primary_need", "category_of_need", "placement_type"} <= optional


def test_the_readme_lists_every_rule_with_its_severity() -> None:
    text = README.read_text(encoding="utf-8")
    row = r"^\| `([0-9A-Z]+)` \|[^|]*\|[^|]*\| (error|warning|info) \|"
    table = dict(re.findall(row, text, re.M))
    assert table == {i: r.severity for i, r in RULE_BY_ID.items()}


def test_summary_counts_by_rule_errors_first_then_the_most_frequent() -> None:
    issues = pd.DataFrame(
        {
            "severity": ["warning", "error", "warning", "warning", "error", "info"],
            "rule": ["AA03", "8925", "AA08", "AA08", "8925", "AA00"],
            "sheet": ["List 3", "List 7", "List 3", "List 3", "List 7", "List 1"],
            "row": [2, 3, 4, 5, 6, None],
            "column": [""] * 6,
            "message": ["x"] * 6,
        }
    )
    summary = rule_summary(issues)
    assert summary[["rule", "severity", "count"]].values.tolist() == [
        ["8925", "error", 2],
        ["AA08", "warning", 2],
        ["AA03", "warning", 1],
        ["AA00", "info", 1],
    ]
    assert summary["description"][0] == "Child protection plan ended before it started."
