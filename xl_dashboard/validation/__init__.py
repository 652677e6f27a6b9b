"""Validation: rules as data over the typed lists, run after reading and before computing."""

from .rules import RULE_BY_ID, RULES, Rule
from .run import describe, rule_summary, validate

__all__ = ["RULES", "RULE_BY_ID", "Rule", "describe", "rule_summary", "validate"]
