"""Indicators: the catalogue (data), one module per service area, and the engine."""
