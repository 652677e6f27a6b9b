"""Running the rules: `validate` (a stage of its own, after reading) and the summary by rule."""

from __future__ import annotations

import datetime as dt
import string

import numpy as np
import pandas as pd

from ..inputs.annex_a import AnnexA
from ..inputs.annex_a_spec import LISTS
from ..issues import SEVERITY_ORDER, Issues
from .rules import NOT_RUN, RULE_BY_ID, RULES, Context, Rule, header

_CONTEXT_FIELDS = ("month_end", "extract", "today")


def validate(annex: AnnexA, *, month_end: dt.date | pd.Timestamp, today: dt.date) -> Issues:
    """Every rule whose list and columns are present, over the typed lists; a new Issues
    (the lists are not changed). Each issue names the sheet as the workbook names it."""
    ctx = context(annex, month_end=month_end, today=today)
    issues = Issues()
    for rule in RULES:
        for list_no in rule.lists:
            frame = annex.lists.get(list_no)
            if frame is None or not _can_run(annex, list_no, frame, rule):
                continue
            bad = np.asarray(rule.test(frame, ctx), dtype=bool)
            if bad.any():
                rows = frame.loc[bad]
                issues.add(
                    rule.id,
                    rule.severity,
                    annex.sheet(list_no),
                    messages(rule.message, rows, ctx),
                    rows=rows["row"].to_numpy(),
                    column=header(list_no, rule.column),
                )
    _note_checks_not_run(annex, issues)
    return issues


def context(annex: AnnexA, *, month_end: dt.date | pd.Timestamp, today: dt.date) -> Context:
    """The dates rules compare with: M1, the extract's last date (the latest plausible event
    date; without one, M1 or today if earlier) and the day of the build."""
    m1, now = pd.Timestamp(month_end), pd.Timestamp(today)
    extract = annex.extract_date(today)
    return Context(m1, min(m1, now) if extract is None else pd.Timestamp(extract), now)


def _can_run(annex: AnnexA, list_no: int, frame: pd.DataFrame, rule: Rule) -> bool:
    return annex.has(list_no, *rule.needs) and set(rule.needs) <= set(frame.columns)


def _note_checks_not_run(annex: AnnexA, issues: Issues) -> None:
    """One note per list lacking optional columns that some rules need (never a warning:
    a list is usable without them)."""
    for list_no, frame in annex.lists.items():
        rules = [r for r in RULES if list_no in r.lists]
        needed = {key for r in rules for key in r.needs}
        absent = [
            c
            for c in LISTS.get(list_no, ())
            if c.optional and c.key in needed and c.key not in frame.columns
        ]
        if not absent:
            continue
        keys = {c.key for c in absent}
        ids = ", ".join(dict.fromkeys(r.id for r in rules if keys & set(r.needs)))
        headers = " or ".join(f"'{c.header}'" for c in absent)
        sheet = annex.sheet(list_no)
        issues.add(
            NOT_RUN.id,
            NOT_RUN.severity,
            sheet,
            f"{sheet} has no column like {headers}: checks {ids} were not run on it.",
        )


# --- messages --------------------------------------------------------------------------------


def messages(template: str, rows: pd.DataFrame, ctx: Context) -> str | list[str]:
    """The rule's message for each row: `{key}` is the row's value of that column, shown as
    the user typed it (dates dd/mm/yyyy); `{today}`, `{extract}`, `{month_end}` the context.
    Built column by column (values formatted once per distinct value)."""
    parts = list(string.Formatter().parse(template))
    if all(field is None for _, field, _, _ in parts):
        return template
    text = np.full(len(rows), "", dtype=object)
    for literal, field, _spec, _conv in parts:
        text = text + literal
        if field is None:
            continue
        if field in _CONTEXT_FIELDS:
            text = text + show(getattr(ctx, field))
        else:
            text = text + _shown(rows[field])
    return text.tolist()


def _shown(values: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.array([show(u) for u in uniques] + ["(blank)"], dtype=object)
    return table[codes]  # the sentinel -1 picks "(blank)"


def show(value: object) -> str:
    """A value as a person would write it: 05/03/2024, 12 (not 12.0), C2."""
    if isinstance(value, pd.Timestamp | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


# --- the summary -----------------------------------------------------------------------------

# The issues other stages record (reading, indicators), described for the summary table.
PIPELINE_RULES = {
    "missing-column": "A column the dashboard reads is not on the sheet.",
    "duplicate-row": "Rows that repeat an earlier row exactly: counted once.",
    "empty-list": "A list with no rows.",
    "invalid-date": "A value that is not a date: treated as blank.",
    "invalid-int": "A value that is not a whole number: treated as blank.",
    "invalid-number": "A value that is not a number: treated as blank.",
    "invalid-yesno": "A value that is not Yes or No: treated as blank.",
    "invalid-code": "A value that is not a code: treated as blank.",
    "left-out": "Rows left out of an indicator for lack of a value it needs.",
    "unknown-source": "A contact source that is not a CIN census code: counted as Other.",
    "unknown-worker": "An allocated worker not on the Workers sheet: counted as not qualified.",
    "visit-after-month-end": "A last statutory visit after the reporting month: treated as "
    "missing.",
    "partly-covered": "The Annex A extract ends before the reporting month does.",
    "no-coverage": "The Annex A lists start after the reporting month.",
    "no-population": "No 0-17 population for a rate.",
    "lists-not-used": "The input workbook's List sheets are not used (an Annex A file is).",
    "incomplete-row": "A row lacking a value it needs: not used.",
    "unknown-setting": "A setting this tool does not know: ignored.",
    "invalid-setting": "A setting value that cannot be read: the default is used.",
    "unknown-indicator": "A Monthly figures row for an indicator not in the catalogue.",
    "duplicate-figure": "Two Monthly figures rows for the same indicator and month.",
    "figure-mismatch": "A monthly figure that does not match its numerator and denominator.",
    "figure-differs": "A monthly figure that differs from the value Annex A gives.",
    "sources-differ": "A monthly figure more than the set % from the value Annex A gives: a "
    "trend switching source there would step.",
    "health-rule-without-dob": "A looked-after child with no valid date of birth: the health "
    "assessment is judged by the 12-month rule.",
    "history-row": "A line of the stored history that fails a check: not used.",
    "stray-cells": "Cells far outside a list's table (a stray value or format): not read.",
}


def describe(rule_id: str) -> str:
    """The summary description of a rule id (ours, or another stage's)."""
    if rule_id in RULE_BY_ID:
        return RULE_BY_ID[rule_id].description
    return PIPELINE_RULES.get(rule_id, "")


def rule_summary(issues: pd.DataFrame, by_sheet: bool = False) -> pd.DataFrame:
    """Issues counted by rule (and sheet): rule, [sheet,] severity, description, count; errors
    first, then the most frequent. No row data, no cell text: fit to show to managers."""
    keys = ["rule", "sheet", "severity"] if by_sheet else ["rule", "severity"]
    columns = [*keys, "description", "count"]
    if issues.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    counts = issues.groupby(keys, sort=False).size().rename("count").reset_index()
    counts["description"] = counts["rule"].map(describe)
    order = counts["severity"].map(SEVERITY_ORDER).fillna(9)
    counts = counts.assign(_o=order).sort_values(
        ["_o", "count", *keys[:-1]],
        ascending=[True, False, *[True] * (len(keys) - 1)],
        kind="stable",
    )
    return counts[columns].reset_index(drop=True)
