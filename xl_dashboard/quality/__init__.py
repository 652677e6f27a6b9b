"""Data-quality issues: every problem with sheet, row, column, rule and message."""

from .issues import ISSUE_COLUMNS, Issues, RowAccount

__all__ = ["ISSUE_COLUMNS", "Issues", "RowAccount"]
