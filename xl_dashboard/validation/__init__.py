"""Validation: rules as data over the typed lists, run after reading and before computing."""
